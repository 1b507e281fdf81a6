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
# # “十三五”附件2 “十三五”中欧班列铁路场站对外开放项目表(成都)
#
# 成都翻印本附件2：成都哪个中欧班列铁路场站对外开放？
# The Chengdu reprint's annex 2: which China-Europe railway station opens at Chengdu?
#
# 此专栏除地图和表外无单独分析。This 专栏 has nothing of its own beyond the map and its
# table.

# %%
from portgeo.notebook import show_column

view = show_column("n13_a2_chengdu_rail")
