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
# # “十四五”专栏7 重点枢纽口岸示范工程
#
# 哪些现有口岸列为重点枢纽口岸示范工程，各采取什么措施？
# Which existing ports are hub-port demonstration projects, and with what action?
#
# 此专栏除地图和表外无单独分析。This 专栏 has nothing of its own beyond the map and its
# table.

# %%
from portgeo.notebook import show_column

view = show_column("n14_c07_demonstration")
