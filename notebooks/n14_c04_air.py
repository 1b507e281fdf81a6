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
# # “十四五”专栏4 航空口岸布局
#
# 国际枢纽和区域枢纽的直线范围和车程范围覆盖了多少国土？枢纽之间重叠多少？哪里没有枢纽覆盖？与“十三五”相比新增了哪些枢纽机场？
# How much of China do the international and regional air hubs' circles and drive catchments
# cover, how much do hubs overlap, what ground does no hub cover, and which hub airports were
# added against the 13th plan?

# %%
from portgeo import summaries
from portgeo.notebook import show_column, show_table
from portgeo.roads import load_network

network = load_network("offline")  # one network for the map and the numbers
view = show_column("n14_c04_air", network=network)

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
# ## 与“十三五”相比 Changes against the 13th plan
#
# Hub airports matched by site across the two plans (unchanged ones left out).

# %%
print("比较 compared:", view.comparison)
changes = summaries.layout_changes(view.plan, role=view.column.role)
print(changes["change"].value_counts().to_string())
show_table(changes)
