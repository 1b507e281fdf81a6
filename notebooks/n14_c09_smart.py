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
# # “十四五”专栏9 口岸智慧创新工程
#
# Smart-port programmes: nationwide, with no site of their own. The notebook lists them.
#
# Runs offline, top to bottom. The basemap is `$PORTGEO_BASEMAP` (default `none`: no tiles);
# the last cell writes the map as one self-contained HTML file to a temporary folder (or to
# `$PORTGEO_MAPS_DIR`, or to the folder you pass: `view.export("my/folder")`).

# %%
from portgeo import summaries
from portgeo.notebook import open_column, show_table

view = open_column("n14_c09_smart")
view.show()

# %% [markdown]
# ## 工程 The programmes
#
# Nationwide programmes with no site of their own: the list as printed.

# %%
print(f"{len(view.table)} 项工程 programmes")
show_table(view.table)

# %%
show_table(summaries.project_counts(view.plan, view.number, by=("section", "action")))

# %% [markdown]
# ## 导出 Export

# %%
path = view.export()
print(path, f"{path.stat().st_size / 1e6:.1f} MB")
