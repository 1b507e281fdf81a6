# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # “十三五”专栏4 口岸年客货运量指标
#
# The 13th plan's annual volume standards (compare the 14th plan's). The notebook shows the
# standards and how to check your own ports' volumes; portgeo invents none.
#
# Runs offline, top to bottom. The basemap is `$PORTGEO_BASEMAP` (default `none`: no tiles);
# the last cell writes the map as one self-contained HTML file to a temporary folder (or to
# `$PORTGEO_MAPS_DIR`, or to the folder you pass: `view.export("my/folder")`).


# %% tags=["parameters"]
VOLUMES = None  # path of YOUR volumes CSV (laid out as data/templates/port_volumes_template.csv)

# %%
from portgeo import summaries
from portgeo.notebook import open_column, show_table
from portgeo.rules.volumes import check_port_volumes

view = open_column("n13_c04_volumes", volumes=VOLUMES)
view.show()

# %% [markdown]
# ## 年客货运量指标 The standards
#
# Annual cargo (万吨) and passengers (万人次) a port of each category must reach, as printed; a
# port meets the standard when either flow reaches its figure (— : the plan gives none).

# %%
show_table(summaries.volume_standards(view.plan))

# %% [markdown]
# ## 填写运量 How to check your ports
#
# portgeo ships no volume figures. Copy `data/templates/port_volumes_template.csv`, fill one row
# per port and year with your own figures, and set `VOLUMES` above to its path (the map then
# colours each port by its verdict). Its columns:

# %%
show_table(summaries.volume_template_guide())

# %%
if VOLUMES is None:
    print("未提供运量数据 no volumes given: nothing is checked and nothing is invented")
else:
    checked = check_port_volumes(VOLUMES, plan=view.plan)
    print(checked["verdict"].value_counts().to_string())
    show_table(checked.drop(columns=["geometry", "verdict_text"]))

# %% [markdown]
# ## 导出 Export

# %%
path = view.export()
print(path, f"{path.stat().st_size / 1e6:.1f} MB")
