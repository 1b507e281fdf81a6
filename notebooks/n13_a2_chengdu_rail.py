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
# # “十三五”附件2 “十三五”中欧班列铁路场站对外开放项目表(成都)
#
# The Chengdu reprint's annex 2: the China-Europe railway station opened at Chengdu. The notebook
# counts it by mode and action and by city.
#
# Runs offline, top to bottom. The basemap is `$PORTGEO_BASEMAP` (default `none`: no tiles);
# the last cell writes the map as one self-contained HTML file to a temporary folder (or to
# `$PORTGEO_MAPS_DIR`, or to the folder you pass: `view.export("my/folder")`).

# %%
from portgeo import summaries
from portgeo.notebook import open_column, show_table

view = open_column("n13_a2_chengdu_rail")
view.show()

# %% [markdown]
# ## 项目构成 Projects by mode and action

# %%
counts = summaries.project_counts(view.plan, view.number, by=("mode", "action"))
print(f"{counts['total'].iloc[-1]} 个项目 projects")
show_table(counts)

# %% [markdown]
# ## 按城市 Projects by city and mode

# %%
show_table(summaries.project_counts(view.plan, view.number, by=("city_zh", "mode")))

# %% [markdown]
# ## 专栏原文 The 专栏 as printed
#
# One row per entry, in the plan's order and words; 已落点 says whether it has a point on the map.

# %%
show_table(view.table)

# %% [markdown]
# ## 导出 Export

# %%
path = view.export()
print(path, f"{path.stat().st_size / 1e6:.1f} MB")
