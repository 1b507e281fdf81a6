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
# # “十三五”附件1 《国家口岸发展“十三五”规划》情况表(四川省)
#
# 成都翻印本附件1：“十三五”期间四川省新开和扩大开放哪些口岸？
# The Chengdu reprint's annex 1: which ports does Sichuan open or expand under the 13th
# plan?
#
# 此专栏除地图和表外无单独分析。This 专栏 has nothing of its own beyond the map and its
# table.

# %%
from portgeo.notebook import show_column

view = show_column("n13_a1_sichuan")
