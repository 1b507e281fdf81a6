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
# # “十四五”专栏2 海运口岸布局
#
# 各港群有哪些主要口岸和区域性口岸、覆盖多长岸线？与“十三五”相比，哪些口岸升级、更名？
# What main and regional sea ports does each coastal cluster have, and how much coast do they
# cover? Which ports were promoted or renamed against the 13th plan?

# %%
from portgeo import summaries
from portgeo.notebook import show_column, show_table

view = show_column("n14_c02_sea")

# %% [markdown]
# ## 港群构成 Cluster make-up
#
# Main and regional ports per cluster; the coast within 50 km of a member port (geodesic km; a
# Yangtze port adds none) and the area of the members' hull buffered by 30 km (km²).

# %%
clusters = summaries.cluster_summary(view.plan)
total = clusters.iloc[-1]
print(
    f"{len(clusters) - 1} 个港群 clusters: {total['n_main']} 主要口岸 main + "
    f"{total['n_regional']} 区域性口岸 regional ports, 岸线 {total['coast_km']:,.0f} km"
)
show_table(clusters)

# %% [markdown]
# ## 与“十三五”相比 Changes against the 13th plan
#
# Ports matched by site across the two plans (unchanged ones left out), then the clusters matched
# by their members: a cluster that keeps its ports under a new name shows as 更名 renamed.

# %%
print("比较 compared:", view.comparison)
changes = summaries.layout_changes(view.plan, role=view.column.role)
print(f"{len(changes)} 个口岸有变化 ports changed")
show_table(changes)

# %%
show_table(summaries.region_changes(view.plan, role=view.column.role))
