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
# # “十三五”专栏3 航空口岸布局示意图
#
# The 13th plan's air hubs (global, gateway and regional; its 专栏 is a figure, the tiers come from
# its text). The notebook measures their coverage as for the 14th plan, for comparison.
#
# Runs offline, top to bottom. The basemap is `$PORTGEO_BASEMAP` (default `none`: no tiles);
# the last cell writes the map as one self-contained HTML file to a temporary folder (or to
# `$PORTGEO_MAPS_DIR`, or to the folder you pass: `view.export("my/folder")`).

# %%
from portgeo import summaries
from portgeo.notebook import open_column, show_table
from portgeo.roads import load_network

network = load_network("offline")  # one network for the map and the numbers
view = open_column("n13_c03_air", network=network)
view.show()

# %% [markdown]
# ## 各枢纽覆盖 Coverage per hub
#
# Each hub's 200 km circles and 2-hour drive catchments (all its airports together), the part
# within China in km²; the part of its circles another hub's circles also cover. Drive times come
# from the offline road graph (approximate: one effective speed); a drive catchment is the
# roads reached with a buffer, as the map draws it.

# %%
coverage = summaries.hub_coverage(view.plan, network=network)
print("车程 drive times:", coverage.source)
print(f"{len(coverage.hubs)} 个枢纽 hubs")
show_table(coverage.hubs)

# %% [markdown]
# ## 枢纽间重叠 Overlapping circles
#
# Pairs of hubs whose circles meet within China, largest overlap first.

# %%
print(f"{len(coverage.overlaps)} 对枢纽 pairs of hubs overlap")
show_table(coverage.overlaps.head(15))

# %% [markdown]
# ## 未覆盖区域 Ground no hub covers

# %%
for row in coverage.uncovered.itertuples():
    print(f"{row.measure:>6}: {row.area_km2:,.0f} km² uncovered ({row.share:.1f} % of China)")
show_table(coverage.uncovered)

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
