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
# 口岸综合绩效评估有哪些指标，各反映什么、考虑哪些要素？评估对象是哪些口岸？指标本身无地点，地图显示被评估的布局口岸。
# Which indicators assess port performance, and what does each reflect and consider? Which ports
# are assessed? The indicators have no place: the map shows the layout ports they assess.

# %%
from portgeo import summaries
from portgeo.notebook import show_column, show_table

view = show_column("n14_c01_indicators")

# %% [markdown]
# ## 评估指标 The indicators
#
# The indicators as the plan defines them: what each reflects and what it considers.

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
