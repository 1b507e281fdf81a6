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
# The 13th plan's border crossings by region and neighbour, the baseline of the 14th. The
# notebook counts them on each neighbour's border and finds the longest stretches with no
# listed crossing (printed without brackets; that does not mean open).
#
# Runs offline, top to bottom. The basemap is `$PORTGEO_BASEMAP` (default `none`: no tiles);
# the last cell writes the map as one self-contained HTML file to a temporary folder (or to
# `$PORTGEO_MAPS_DIR`, or to the folder you pass: `view.export("my/folder")`).

# %%
from portgeo import summaries
from portgeo.notebook import open_column, show_table

view = open_column("n13_c02_border")
view.show()

# %% [markdown]
# ## 各邻国与区域 Per neighbour and belt region
#
# Length of the land border (geodesic km), crossings by mode and status (counted by the border
# stretch they sit on), and the longest stretch of border with no listed crossing (printed without brackets in the plan, which does not mean open).

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
# ## 最长无已开放口岸区段 Longest stretches with no listed crossing (printed without brackets in the plan, which does not mean open)
#
# Between two listed crossings, or between one and the end of the stretch (a tripoint or the
# coast: blank). Planned crossings do not cut a stretch.

# %%
gaps = summaries.border_gaps(view.plan, top=10)
print(f"最长 longest: {gaps['length_km'].iloc[0]:,.0f} km")
show_table(gaps)

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
