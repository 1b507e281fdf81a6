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
# # “十四五”专栏1 口岸综合绩效评估指标体系
#
# The plan's ten performance indicators (口岸综合绩效评估指标体系). They have no place of their own: the map
# shows the ports of the layout 专栏 that the evaluation assesses, and the notebook counts them by
# kind.
#
# Runs offline, top to bottom. The basemap is `$PORTGEO_BASEMAP` (default `none`: no tiles);
# the last cell writes the map as one self-contained HTML file to a temporary folder (or to
# `$PORTGEO_MAPS_DIR`, or to the folder you pass: `view.export("my/folder")`).

# %%
from portgeo import summaries
from portgeo.notebook import open_column, show_table

view = open_column("n14_c01_indicators")
view.show()

# %% [markdown]
# ## 评估指标 The indicators
#
# The ten indicators as the plan defines them: what each reflects and what it considers.

# %%
indicators = summaries.indicator_table(view.plan)
print(f"{len(indicators)} 项指标 indicators")
show_table(indicators)

# %% [markdown]
# ## 评估对象 The ports assessed, by kind
#
# The ports of the plan's layout (sea, border and air), as listed (a hub or 苏州 once) and as
# located places (a hub's airports, 苏州's port areas).

# %%
ports = summaries.assessed_ports(view.plan)
print(f"{ports['entries'].iloc[-1]} 个口岸 ports listed at {ports['sites'].iloc[-1]} places")
show_table(ports)

# %% [markdown]
# ## 导出 Export

# %%
path = view.export()
print(path, f"{path.stat().st_size / 1e6:.1f} MB")
