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
# # “十四五”专栏10 口岸国际合作工程
#
# 有哪些口岸国际合作项目？每条跨境通道（桥梁、铁路、索道）有多长？
# Which international cooperation projects are there, and how long is each cross-border link
# (bridge, railway, cableway)?

# %%
from portgeo import summaries
from portgeo.notebook import show_column, show_table

view = show_column("n14_c10_cooperation")

# %% [markdown]
# ## 跨境通道 Cross-border links
#
# Geodesic length of each bridge, railway or cableway from its Chinese end to its far end
# (straight, end to end: the plan gives no route).

# %%
lengths = summaries.project_lengths(view.plan, view.number)
print(f"{len(lengths)} 条跨境通道 links, 合计 total {lengths['length_km'].sum():.1f} km")
show_table(lengths)
