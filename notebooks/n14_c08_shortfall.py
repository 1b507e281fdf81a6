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
# # “十四五”专栏8 口岸补短板工程
#
# 哪些口岸列入补短板工程？长距离通道口岸的查验场所（关口前移）离边境多远？
# Which ports are shortfall projects, and how far behind its crossing does each long-corridor
# crossing's inspection site lie (关口前移)?

# %%
from portgeo import summaries
from portgeo.notebook import show_column, show_table

view = show_column("n14_c08_shortfall")

# %% [markdown]
# ## 关口前移 Inspection site to crossing
#
# Each long-corridor crossing's inspection site lies behind the border; the plan moves it
# forward. Geodesic distance from the inspection site to the crossing:

# %%
lengths = summaries.project_lengths(view.plan, view.number)
print(f"{len(lengths)} 个口岸 crossings, 平均 mean {lengths['length_km'].mean():.0f} km")
show_table(lengths)
