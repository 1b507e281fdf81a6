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
# # “十四五”专栏10 口岸国际合作工程
#
# International cooperation projects; each cross-border link (bridge, railway, cableway) is drawn
# to its far end. The notebook counts the projects and measures each link.
#
# Runs offline, top to bottom. The basemap is `$PORTGEO_BASEMAP` (default `none`: no tiles);
# the last cell writes the map as one self-contained HTML file to a temporary folder (or to
# `$PORTGEO_MAPS_DIR`, or to the folder you pass: `view.export("my/folder")`).

# %%
from portgeo import summaries
from portgeo.notebook import open_column, show_table

view = open_column("n14_c10_cooperation")
view.show()

# %% [markdown]
# ## 项目构成 Projects by mode and action

# %%
counts = summaries.project_counts(view.plan, view.number, by=("mode", "action"))
print(f"{counts['total'].iloc[-1]} 个项目 projects")
show_table(counts)

# %% [markdown]
# ## 跨境通道 Cross-border links
#
# Geodesic length of each bridge, railway or cableway from its Chinese end to its far end
# (straight, end to end: the plan gives no route).

# %%
lengths = summaries.project_lengths(view.plan, view.number)
print(f"{len(lengths)} 条跨境通道 links, 合计 total {lengths['length_km'].sum():.1f} km")
show_table(lengths)

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
