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
# The five coastal clusters with their main and regional sea ports. The notebook measures each
# cluster (ports, coast, hull) and lists what changed against the 13th plan: three regional ports
# promoted to main, two renamed, and 珠三角 renamed 粤港澳大湾区.
#
# Runs offline, top to bottom. The basemap is `$PORTGEO_BASEMAP` (default `none`: no tiles);
# the last cell writes the map as one self-contained HTML file to a temporary folder (or to
# `$PORTGEO_MAPS_DIR`, or to the folder you pass: `view.export("my/folder")`).

# %%
from portgeo import summaries
from portgeo.notebook import open_column, show_table

view = open_column("n14_c02_sea")
view.show()

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
# ## 与另一规划相比 Changes between the plans
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
