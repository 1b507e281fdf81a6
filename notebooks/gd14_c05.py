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
# # 广东“十四五”专栏5 二类口岸改扩建、迁建及整合项目
#
# 广东省哪些二类口岸要改扩建、迁建或整合？在哪些城市？
# Which class-II ports does Guangdong plan to rebuild, relocate or integrate, and in which
# cities?
#
# 此专栏除地图和表外无单独分析。This 专栏 has nothing of its own beyond the map and its
# table.

# %%
from portgeo.notebook import show_column

view = show_column("gd14_c05")
