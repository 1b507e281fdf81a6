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
# # 广东“十四五”专栏6 中国（广东）国际贸易“单一窗口”重点建设推广项目
#
# 广东省国际贸易“单一窗口”要建设推广哪些平台？除一项外均为全省范围。
# Which “single window” platforms does Guangdong plan to build and extend? All but one are
# province-wide.
#
# 此专栏除地图和表外无单独分析。This 专栏 has nothing of its own beyond the map and its
# table.

# %%
from portgeo.notebook import show_column

view = show_column("gd14_c06")
