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
# # “十四五”专栏6 口岸年客货运量指标
#
# 各类口岸每年须达到多少货运量和人员？你的口岸达标吗？portgeo 不提供运量数据，也不编造。
# What annual cargo and passengers must a port of each category reach, and do your ports reach
# them? portgeo ships no volume figures and invents none.


# %% tags=["parameters"]
VOLUMES = None  # path of YOUR volumes CSV (laid out as data/templates/port_volumes_template.csv)

# %%
from portgeo import summaries
from portgeo.notebook import show_column, show_table
from portgeo.rules.volumes import check_port_volumes

view = show_column("n14_c06_volumes", volumes=VOLUMES)

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
# Copy `data/templates/port_volumes_template.csv`, fill one row per port and year with your own
# figures, and set `VOLUMES` above to its path (the map then colours each port by its verdict).
# Its columns:

# %%
show_table(summaries.volume_template_guide())

# %%
if VOLUMES is None:
    print("未提供运量数据 no volumes given: nothing is checked and nothing is invented")
else:
    checked = check_port_volumes(VOLUMES, plan=view.plan)
    print(checked["verdict"].value_counts().to_string())
    show_table(checked.drop(columns=["geometry", "verdict_text"]))
