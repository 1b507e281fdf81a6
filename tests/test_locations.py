"""The catalogue's points against the official boundary, the coast and airportsdata.

Runs on whatever is in data/ now: a failure names the entity ids whose coordinates need a look.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from portgeo.catalogue import load_entities
from portgeo.geo.geodesy import geodesic_distance_m
from portgeo.geo.lines import nearest_on_lines
from portgeo.layout import borders, boundaries, neighbours

#: A border crossing's point may lie this far from the boundary with its neighbour (km).
CROSSING_MAX_KM = {"exact": 3.0, "port-area": 5.0, "town": 8.0, "district": 15.0, "city": 30.0}
#: A sea port's point may lie this far from China's coastline (km). The official outline closes
#: estuaries (Pearl River, Rongjiang), so ports inside a river mouth sit some km from it.
SEA_PORT_MAX_KM = {"exact": 10.0, "port-area": 10.0, "town": 25.0, "district": 25.0, "city": 30.0}
#: A point on the coast or on the border may fall this far outside China's outline (km): a
#: harbour basin, a bridge end, the outline's own accuracy.
OUTSIDE_TOLERANCE_KM = 1.0
#: An airport may lie this far from airportsdata's point without an explained override (km).
AIRPORT_MAX_KM = 3.0


@pytest.fixture(scope="session")
def located():
    return load_entities(located_only=True)


def _fmt(df: pd.DataFrame, cols: list[str]) -> str:
    return "\n" + df[cols].to_string()


def test_every_point_in_china(located):
    inside = boundaries.points_in_china(located, include_hk_mo=True)
    # 专栏10 aid projects are built abroad by design (action "aid")
    out = located[~inside & (located["action"].fillna("") != "aid")].copy()
    china = boundaries.china_polygon()
    d, _ = nearest_on_lines(out.geometry.x.to_numpy(), out.geometry.y.to_numpy(), china.boundary)
    out["km_outside"] = d / 1000
    bad = out[out["km_outside"] > OUTSIDE_TOLERANCE_KM]
    assert bad.empty, _fmt(bad, ["id", "site_id", "lat", "lon", "km_outside"])


def test_border_crossings_on_the_boundary_with_their_neighbour(located):
    m = located["kind"].isin(["road", "rail"]) & located["neighbor"].isin(
        neighbours.land_neighbours()
    )
    if "site_type" in located:
        m &= located["site_type"] != "inspection-site"
    xs = located[m].copy()
    assert len(xs) > 30
    xs["km"] = borders.distance_to_border_km(xs, xs["neighbor"])
    xs["limit"] = xs["precision"].map(CROSSING_MAX_KM).fillna(8.0)
    bad = xs[~(xs["km"] <= xs["limit"])]
    assert bad.empty, _fmt(bad, ["id", "neighbor", "site_id", "precision", "km", "limit"])


def test_sea_ports_near_the_coast(located):
    sea = located[located["kind"] == "sea"].copy()
    assert len(sea) > 30
    sea["km"] = borders.distance_to_coast_km(sea)
    sea["limit"] = sea["precision"].map(SEA_PORT_MAX_KM).fillna(10.0)
    # Yangtze ports listed in the sea-port layout (南京, 镇江, 张家港, ...) are river ports: the
    # official polygon does not cut out the river, so they are exempt when their note says so
    notes = (
        sea["note"].fillna("") + " " + sea["coord_note"].fillna("")
        if "coord_note" in sea
        else sea["note"].fillna("")
    )
    river = notes.str.contains("Yangtze|长江|river port", case=False)
    bad = sea[~(sea["km"] <= sea["limit"]) & ~river]
    assert bad.empty, _fmt(bad, ["id", "site_id", "precision", "km", "limit"])


def test_airports_match_airportsdata(located):
    import airportsdata

    ref = airportsdata.load("IATA")
    air = located[(located["kind"] == "air") & located["iata"].fillna("").str.len().eq(3)].copy()
    assert len(air) > 39
    air = air[air["iata"].isin(list(ref))]
    lat = air["iata"].map(lambda c: ref[c]["lat"]).astype(float)
    lon = air["iata"].map(lambda c: ref[c]["lon"]).astype(float)
    air["km"] = (
        geodesic_distance_m(
            air["lon"].to_numpy(), air["lat"].to_numpy(), lon.to_numpy(), lat.to_numpy()
        )
        / 1000
    )
    far = air[air["km"] > AIRPORT_MAX_KM]
    source = far["coord_source"].fillna("").str.lower()
    explained = source.str.contains("override")
    bad = far[~explained]
    assert bad.empty, _fmt(bad, ["id", "iata", "km", "coord_source"])


def test_point_api_returns_aligned_series(located):
    sample = located.head(5)
    for s in (
        boundaries.points_in_china(sample),
        borders.distance_to_coast_km(sample),
        borders.distance_to_border_km(sample, "VNM"),
    ):
        assert isinstance(s, pd.Series) and s.index.equals(sample.index)
    assert np.isfinite(borders.distance_to_coast_km(sample)).all()
