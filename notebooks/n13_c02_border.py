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
# # “十三五”专栏2 边境口岸布局
#
# “十四五”的基线：“十三五”各邻国边境上有多少口岸？哪里的边境最长一段没有已列入口岸？
# The 14th plan's baseline: how many crossings lay on each neighbour's border under the 13th
# plan, and where were the longest stretches with no listed crossing?

# %%
from portgeo import summaries
from portgeo.notebook import show_column, show_table

view = show_column("n13_c02_border")

# %% [markdown]
# ## 各邻国与区域 Per neighbour and belt region
#
# The 13th plan's crossings, measured as the 14th plan's are (`n14_c03_border`, which also lists
# what changed): land border length (geodesic km), crossings by mode and status, and the longest
# stretch of border with no listed crossing.

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
