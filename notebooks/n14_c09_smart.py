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
# # “十四五”专栏9 口岸智慧创新工程
#
# 有哪些口岸智慧创新工程？它们面向全国，没有自己的地点。
# Which smart-port programmes are there? They are nationwide, with no site of their own.

# %%
from portgeo import summaries
from portgeo.notebook import show_column, show_table

view = show_column("n14_c09_smart")

# %% [markdown]
# ## 工程 The programmes, by section
#
# Nationwide programmes with no site of their own, counted by the plan's section and action.

# %%
programmes = summaries.project_counts(view.plan, view.number, by=("section", "action"))
print(f"{programmes['total'].iloc[-1]} 项工程 programmes")
show_table(programmes)
