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
# # 机场开放准入核查 — Candidate airport admission check
#
# The latest national port plan's admission standards (口岸开放准入标准; which plan and which 专栏
# is printed below, from `data/plans/`) admit an airport as an air port (航空口岸) only when it lies far enough from every already-opened air
# port, carries enough fixed direct routes and passengers for its setting (coastal, inland or
# border), and its province is not under 从严控制 (strict control). The rule's own words and
# every threshold come from `data/rules/admission_national-14.yaml` and are printed below from
# it, so this notebook always says what the check applies.
#
# The comparison set is the register of opened air ports (`data/registers/opened_air_ports.csv`)
# at the analysis date (`as_of`, default today; `"2020"` gives the plan's baseline). A candidate
# that is itself an opened air port is told so and compared with the others. The spacing rule is
# ambiguous; every check reports the verdict under both readings. Unknown inputs (routes,
# passengers, province facts, a port whose opening date the register cannot tell) give the
# verdict **incomplete**, never a silent pass. Each candidate also gets the people it would
# reach (人口可达): within 200 km and within a 2-hour drive, those of them no opened air port
# reaches yet, the largest such places and the totals by province. By default the people are
# those of GeoNames places of ≥ 500 (not a census grid); `population_csv` takes a user's file.
# This notebook only calls the library (`portgeo.rules.admission`,
# `portgeo.rules.candidate_reach`, `portgeo.maps.admission_map`), exactly as `portgeo check-airport` does.

# %% tags=["parameters"]
# Candidate: an IATA code, or a name with coordinates (WGS84, or GCJ-02 copied from Amap).
iata = "HUZ"
name = None
lat = None
lon = None
crs = "wgs84"
# Facts (None = unknown).
routes = None
passengers = None
setting = None  # "coastal" | "inland" | "border" | None (derived)
exiting_port = None
unaccepted_port = None
ports_below_standard = None
# How.
reading = None  # None: the rule's default reading ("both" or "either")
as_of = None  # None: today; "2020" = the plan's baseline (end of 2020); "2023-06"
network_source = "offline"  # "offline" | path to a .osm.pbf
open_ports_csv = None  # None: the register at as_of; a CSV (id,name_zh,iata,lat,lon) replaces it
batch_csv = None  # None: data/examples/guangdong_c4_candidates.csv
basemap = "none"  # the offline base; "osm", "amap" or "tianditu" are one click away in the map
population_csv = None  # None: people in GeoNames places of ≥ 500; a CSV/GeoPackage of points
population_column = "population"

# %%
import logging

import pandas as pd

from portgeo.catalogue import data_path, load_catalogue
from portgeo.maps import admission_map, display_map
from portgeo.roads import load_network
from portgeo.rules import admission
from portgeo.rules.admission.eligibility import SpacingField
from portgeo.rules.admission.text import format_check
from portgeo.rules.candidate_reach import PopulationInput, add_reach_columns, run_check_reach

logging.basicConfig(level=logging.WARNING)
pd.set_option("display.max_colwidth", 90)

rule = admission.load_admission_rule()
open_ports = admission.resolve_open_ports(open_ports_csv, as_of=as_of, rule=rule)
network = admission.as_router(load_network(network_source))
cat = load_catalogue()
plan = cat.latest_plan("admission")
info = cat.column_info(plan, cat.column_of(plan, "admission"))
print(f"{cat.plan_title(plan)} {info['label_zh']} {info['title_zh']}")
print("rule:", rule.source)
print("opened air ports:", open_ports.label)
print("road network:", network.source, "(approximate)" if network.approximate else "")
rule.standards_table()

# %% [markdown]
# ## One candidate

# %%
# the same request and the same call as `portgeo check-airport`
population = PopulationInput(population_csv, column=population_column)
check = run_check_reach(
    admission.CheckRequest(
        candidate=admission.CandidateInput(iata=iata, name=name, lat=lat, lon=lon, crs=crs),
        facts=admission.Facts(
            routes=routes,
            passengers=passengers,
            setting=setting,
            exiting_port=exiting_port,
            unaccepted_port=unaccepted_port,
            ports_below_standard=ports_below_standard,
        ),
        register=admission.RegisterInput(as_of=as_of, open_ports=open_ports_csv),
        network=network,
        reading=reading,
    ),
    population,
    rule=rule,
)
result = check.result
print("\n".join(format_check(result)))
pd.DataFrame([c.to_dict() for c in result.criteria]).set_index("id")

# %%
pd.DataFrame(result.nearest_open_ports)[
    ["name_zh", "iata", "state", "distance_km", "road_km", "drive_min", "reachable"]
].head(6)

# %% [markdown]
# ### 人口可达 People within reach
#
# Who the candidate would reach, and who of them no opened air port reaches yet (a candidate
# that is itself an opened air port is measured against the others). The first line says what
# the population is: its source, version and date.

# %%
print("\n".join(check.reach_lines()))
pd.DataFrame(check.reach.largest) if check.reach is not None else None

# %%
pd.DataFrame(check.reach.provinces) if check.reach is not None else None

# %% [markdown]
# The map: the candidate with its 200 km circle and 2-hour drive catchment, nearby opened air
# ports with their catchments, and the fastest road route to the quickest one.

# %%
display_map(
    admission_map.build_admission_map(result, network=network, rule=rule, basemap=basemap),
    height=520,
)

# %% [markdown]
# ## Worked example: the Guangdong plan's four airport projects
#
# The Guangdong provincial port plan lists four airport projects
# (`data/examples/guangdong_c4_candidates.csv`): 珠海机场航空口岸新开 (Zhuhai,
# new opening), 梅州机场航空口岸扩大开放 (Meizhou, expansion), 推进惠州机场对外开放 (Huizhou, not in
# the national plan) and 湛江机场航空口岸迁建 (Zhanjiang, relocated to the new Wuchuan airport).
# The example file gives no routes or passengers (the plans state none), so every verdict is at
# best *incomplete*: what the check can settle is the distance and drive-time criterion.

# %%
batch_path = batch_csv or data_path("examples", "guangdong_c4_candidates.csv")
candidates = pd.read_csv(batch_path)
table = admission.check_airports(
    candidates,
    reading=reading,
    open_ports=open_ports,
    network=network,
    rule=rule,
    keep_results=True,
)
print("road network:", network.source, "(approximate)" if network.approximate else "")
# the people each reaches: the batch's columns of `portgeo check-airport --batch`
table = add_reach_columns(
    table,
    field_=SpacingField.build(network.network, open_ports, rule),
    population=population.load(),
)
print(table["reach_population"].iloc[0])
table[
    [
        "name",
        "iata",
        "setting",
        "nearest_open_port",
        "distance_km",
        "quickest_open_port",
        "route_km",
        "drive_min",
        "distance_200km_passed",
        "drive_2h_passed",
        "verdict",
        "verdict_other_reading",
        "reach_within_distance",
        "reach_within_drive",
        "reach_new",
        "reach_largest_new",
        "reach_provinces",
    ]
]

# %%
display_map(
    admission_map.build_admissions_overview_map(
        list(table["result"]),
        rule=rule,
        basemap=basemap,
        title="广东省规划机场项目 Guangdong plan airport projects",
    ),
    height=520,
)
