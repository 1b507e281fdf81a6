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
# # 广东“十四五”专栏2 水运客运口岸重点开放建设项目
#
# 广东省规划开放或扩大开放哪些水运客运口岸项目？分布在哪些城市？
# Which water passenger port projects does Guangdong plan to open or expand, and in which
# cities?
#
# 此专栏除地图和表外无单独分析。This 专栏 has nothing of its own beyond the map and its
# table.

# %%
from portgeo.notebook import show_column

view = show_column("gd14_c02")
