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
# # 广东“十四五”专栏4 航空口岸重点开放建设项目
#
# 广东省规划哪些航空口岸项目？各机场能否通过国家准入标准，见 notebook `check_airport`。
# Which airport projects does Guangdong plan? Whether each airport meets the national
# admission rule is checked in the notebook `check_airport`.
#
# 此专栏除地图和表外无单独分析。This 专栏 has nothing of its own beyond the map and its
# table.

# %%
from portgeo.notebook import show_column

view = show_column("gd14_c04")
