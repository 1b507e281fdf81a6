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
# # “十四五”专栏3 边境口岸布局
#
# 各邻国边境上有多少公路、铁路口岸？哪里的边境最长一段没有已列入口岸？与“十三五”相比变了哪些口岸？
# How many road and rail crossings lie on each neighbour's border, where are the longest
# stretches of border with no listed crossing, and which crossings changed against the 13th plan?

# %%
from portgeo import summaries
from portgeo.notebook import show_column, show_table

view = show_column("n14_c03_border")

# %% [markdown]
# ## 各邻国与区域 Per neighbour and belt region
#
# Length of the land border (geodesic km), crossings by mode and status (counted by the border
# stretch they sit on), and the longest stretch of border with no listed crossing (printed
# without brackets in the plan, which does not mean open).

# %%
stats = summaries.border_summary(view.plan)
neighbours = stats[stats["level"] == "neighbor"]
total = stats.iloc[-1]
print(
    f"{len(neighbours)} 个邻国 neighbours, 陆地边界 {total['boundary_km']:,.0f} km, "
    f"{total['crossings']} 个口岸 crossings on it"
)
show_table(stats)

# %% [markdown]
# ## 最长无已列入口岸区段 Longest stretches with no listed crossing
#
# Listed: printed without brackets in the plan, which does not mean open. Between two listed
# crossings, or between one and the end of the stretch (a tripoint or the coast: blank). Planned
# crossings do not cut a stretch.

# %%
gaps = summaries.border_gaps(view.plan, top=10)
print(f"最长 longest: {gaps['length_km'].iloc[0]:,.0f} km")
show_table(gaps)

# %% [markdown]
# ## 与“十三五”相比 Changes against the 13th plan
#
# Crossings matched by site across the two plans (unchanged ones left out), then the belt
# regions matched by their members.

# %%
print("比较 compared:", view.comparison)
changes = summaries.layout_changes(view.plan, role=view.column.role)
print(f"{len(changes)} 个口岸有变化 crossings changed")
show_table(changes)

# %%
show_table(summaries.region_changes(view.plan, role=view.column.role))
