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
# # “十三五”→“十四五” 口岸布局变化
#
# What the 14th plan changed in the 13th plan's layout: ports promoted (regional → main), added,
# renamed, started (planned → listed: the brackets removed) and dropped. The notebook counts the changes by kind and
# lists the promoted, added and dropped ports.
#
# Runs offline, top to bottom. The basemap is `$PORTGEO_BASEMAP` (default `none`: no tiles);
# the last cell writes the map as one self-contained HTML file to a temporary folder (or to
# `$PORTGEO_MAPS_DIR`, or to the folder you pass: `view.export("my/folder")`).

# %%
from portgeo import summaries
from portgeo.notebook import open_column, show_table

view = open_column("n13_n14_comparison")
view.show()

# %% [markdown]
# ## 按变化和类别 Counts by change and kind
#
# Every port of the two plans' layouts (sea, border and air), matched by kind and site.

# %%
print("比较 compared:", view.comparison)
counts = summaries.comparison_counts()
print(f"{counts['total'].iloc[-1]} 个口岸 ports compared")
show_table(counts)

# %% [markdown]
# ## 升级、新增、未再列入 Promoted, added and dropped ports

# %%
listed = summaries.changed_ports(changes=("promoted", "added", "dropped"))
print(listed["change"].value_counts().to_string())
show_table(listed)

# %% [markdown]
# ## 区域 Clusters and belt regions, matched by their members

# %%
show_table(summaries.region_changes(view.plan, role="sea-layout"))

# %%
show_table(summaries.region_changes(view.plan, role="border-layout"))

# %% [markdown]
# ## 导出 Export

# %%
path = view.export()
print(path, f"{path.stat().st_size / 1e6:.1f} MB")
