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
# “十四五”的基线：“十三五”的航空枢纽（国际枢纽、门户枢纽、区域枢纽；专栏为示意图，等级取自正文）覆盖了多少国土？
# The 14th plan's baseline: how much of China did the 13th plan's air hubs cover (its 专栏 is a
# figure; the tiers come from its text)?

# %%
from portgeo import summaries
from portgeo.notebook import show_column, show_table
from portgeo.roads import load_network

network = load_network("offline")  # one network for the map and the numbers
view = show_column("n13_c03_air", network=network)

# %% [markdown]
# The 13th plan's hubs, measured as the 14th plan's are in `n14_c04_air`, which also lists the
# hub airports the 14th plan added.

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
