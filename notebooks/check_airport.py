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
# # 机场开放准入核查 — Candidate airport admission check (专栏5)
#
# The national 14th port plan (《国家“十四五”口岸发展规划》, 专栏5 口岸开放准入标准) admits an
# airport as an air port (航空口岸) only when
#
# 1. it lies **200 km or 2 hours' drive** from every already-opened air port
#    (机场距已开放航空口岸200公里或2小时车程以上);
# 2. inland and border airports have **≥ 10 fixed direct routes** and a peak of **≥ 1.5 M
#    passengers a year**; coastal airports **≥ 20 domestic fixed direct routes** and **≥ 3 M**;
# 3. its province has no air port due to exit, none approved more than 3 years ago and still
#    not accepted, and no more than one air port below the volume standard — otherwise openings
#    there are under 从严控制 (strict control).
#
# "200 km or 2 hours" is ambiguous. `reading="both"` (default, strict) asks for both measures
# against every opened port; `reading="either"` lets a port pass on either measure. Every check
# reports the verdict under both readings. Unknown inputs (routes, passengers, province facts)
# give the verdict **incomplete**, never a silent pass. All thresholds come from
# `data/rules/admission_national-14.yaml`; this notebook only calls the library
# (`portgeo.admission`, `portgeo.report`), exactly as `portgeo check-airport` does.

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
reading = "both"
network_source = "offline"  # "offline" | "overpass" | path to a .osm.pbf
open_ports_csv = None  # None: the default set (专栏4 hubs + data/open_air_ports.csv)
batch_csv = None  # None: data/examples/guangdong_c4_candidates.csv
basemap = "osm"

# %%
import logging

import pandas as pd

from portgeo import admission, report
from portgeo.catalogue import data_path
from portgeo.maps import display_map
from portgeo.roads import load_network

logging.basicConfig(level=logging.WARNING)
pd.set_option("display.max_colwidth", 90)

rule = admission.load_admission_rule()
open_ports = admission.load_open_air_ports(open_ports_csv)
network = admission.as_router(load_network(network_source))
print("rule:", rule.source)
print("opened air ports:", open_ports.label)
print("road network:", network.source, "(approximate)" if network.approximate else "")

# %% [markdown]
# ## One candidate

# %%
candidate = admission.resolve_candidate(iata=iata, name=name, lat=lat, lon=lon, crs=crs)
result = admission.check_airport(
    candidate,
    routes=routes,
    passengers=passengers,
    setting=setting,
    reading=reading,
    open_ports=open_ports,
    network=network,
    province_gate={
        "exiting_port": exiting_port,
        "unaccepted_port": unaccepted_port,
        "ports_below_standard": ports_below_standard,
    },
    rule=rule,
)
print(
    f"{result.candidate['name']}: verdict {result.verdict} (reading {result.reading}); "
    f"under '{result.spacing['other_reading']}': {result.verdict_other_reading}"
)
pd.DataFrame([c.to_dict() for c in result.criteria]).set_index("id")

# %%
pd.DataFrame(result.nearest_open_ports)[
    ["name_zh", "iata", "distance_km", "road_km", "drive_min", "reachable"]
].head(6)

# %%
for note in result.notes:
    print("note:", note)

# %% [markdown]
# The map: the candidate with its 200 km circle and 2-hour drive catchment, nearby opened air
# ports with their catchments, and the fastest road route to the quickest one.

# %%
display_map(
    report.build_admission_map(result, network=network, rule=rule, basemap=basemap), height=520
)

# %% [markdown]
# ## Worked example: Guangdong 专栏4 (four airport projects)
#
# 《广东省“十四五”口岸发展规划》 专栏4 lists four airport projects: 珠海机场航空口岸新开 (Zhuhai,
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
table[
    [
        "name",
        "iata",
        "setting",
        "nearest_open_port",
        "distance_km",
        "quickest_open_port",
        "road_km",
        "drive_min",
        "distance_200km_passed",
        "drive_2h_passed",
        "verdict",
        "verdict_other_reading",
    ]
]

# %%
display_map(
    report.build_admissions_overview_map(
        list(table["result"]),
        rule=rule,
        basemap=basemap,
        title="广东专栏4机场 Guangdong 专栏4 airports",
    ),
    height=520,
)
