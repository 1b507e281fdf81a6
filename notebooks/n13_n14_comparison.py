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
# # “十三五”→“十四五” 口岸布局变化
#
# “十四五”对“十三五”的口岸布局改了什么：哪些口岸升级（区域性→主要）、新增、更名、由规划转为已列入（去掉括号）、未再列入？
# What did the 14th plan change in the 13th plan's layout: which ports were promoted (regional →
# main), added, renamed, started (planned → listed: the brackets removed) or dropped?

# %%
from portgeo import summaries
from portgeo.notebook import show_column, show_table

view = show_column("n13_n14_comparison")

# %% [markdown]
# ## 按变化和类别 Counts by change and kind
#
# Every port of the two plans' layouts (sea, border and air), matched by kind and site.

# %%
counts = summaries.comparison_counts()
print(f"{counts['total'].iloc[-1]} 个口岸 ports compared")
show_table(counts)

# %% [markdown]
# ## 区域 Clusters and belt regions, matched by their members

# %%
show_table(summaries.region_changes(view.plan, role="sea-layout"))

# %%
show_table(summaries.region_changes(view.plan, role="border-layout"))
