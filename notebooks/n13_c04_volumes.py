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
# “十三五”规定各类口岸每年须达到多少货运量和人员？（“十四五”的标准见 `n14_c06_volumes`。）
# What annual cargo and passengers did the 13th plan require of a port of each category? (The
# 14th plan's standards: `n14_c06_volumes`.)


# %% tags=["parameters"]
VOLUMES = None  # path of YOUR volumes CSV (laid out as data/templates/port_volumes_template.csv)

# %%
from portgeo import summaries
from portgeo.notebook import show_column, show_table
from portgeo.rules.volumes import check_port_volumes

view = show_column("n13_c04_volumes", volumes=VOLUMES)

# %% [markdown]
# ## 年客货运量指标 The 13th plan's standards
#
# As printed; a port meets the standard when either flow reaches its figure (— : the plan gives
# none). To check your ports against them, fill the template described in `n14_c06_volumes`
# and set `VOLUMES` above to its path.

# %%
show_table(summaries.volume_standards(view.plan))

# %%
if VOLUMES is None:
    print("未提供运量数据 no volumes given: nothing is checked and nothing is invented")
else:
    checked = check_port_volumes(VOLUMES, plan=view.plan)
    print(checked["verdict"].value_counts().to_string())
    show_table(checked.drop(columns=["geometry", "verdict_text"]))
