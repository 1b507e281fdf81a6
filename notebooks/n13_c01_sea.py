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
# # “十三五”专栏1 海运口岸布局
#
# “十四五”的基线：“十三五”五个港群各有哪些主要口岸和区域性口岸、覆盖多长岸线？
# The 14th plan's baseline: what main and regional sea ports did each of the 13th plan's
# clusters have, and how much coast did they cover?

# %%
from portgeo import summaries
from portgeo.notebook import show_column, show_table

view = show_column("n13_c01_sea")

# %% [markdown]
# ## 港群构成 Cluster make-up
#
# The 13th plan's clusters, measured as the 14th plan's are (`n14_c02_sea`): main and regional
# ports per cluster; the coast within 50 km of a member port (geodesic km; a Yangtze port adds
# none) and the area of the members' hull buffered by 30 km (km²). What the 14th plan changed
# is listed in `n14_c02_sea` and `n13_n14_comparison`.

# %%
clusters = summaries.cluster_summary(view.plan)
total = clusters.iloc[-1]
print(
    f"{len(clusters) - 1} 个港群 clusters: {total['n_main']} 主要口岸 main + "
    f"{total['n_regional']} 区域性口岸 regional ports, 岸线 {total['coast_km']:,.0f} km"
)
show_table(clusters)
