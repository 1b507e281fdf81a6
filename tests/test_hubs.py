"""portgeo.hubs: the 39 air hubs of the 14th plan and the 13th plan's tiers."""

from __future__ import annotations

import pytest

from portgeo.errors import InputError
from portgeo.layout import hubs


def test_39_hubs_in_two_tiers():
    h = hubs.load_hubs(plan="national-14")
    assert len(h) == 39
    assert h["tier"].value_counts().to_dict() == {"regional-hub": 29, "international-hub": 10}
    assert h.crs.to_epsg() == 4326
    assert h.geometry.notna().all() and h.geometry.is_valid.all()
    assert (h["n_airports"] >= 1).all()
    assert h["hub_id"].is_unique


def test_multi_airport_hubs_keep_every_airport():
    h = hubs.load_hubs(plan="national-14").set_index("name_zh")
    assert set(h.loc["北京", "airports"].split(";")) == {"PEK", "PKX"}
    assert set(h.loc["上海", "airports"].split(";")) == {"PVG", "SHA"}
    assert len(h.loc["北京", "geometry"].geoms) == 2


def test_airport_rows():
    a = hubs.hub_airports(plan="national-14")
    assert a["hub_id"].nunique() == 39
    assert a.geometry.notna().all()
    assert (a["iata"].str.len() == 3).all()
    assert a["id"].is_unique


def test_13th_plan_tiers_and_directions():
    h = hubs.load_hubs(plan="national-13")
    tiers = h["tier"].value_counts().to_dict()
    assert set(tiers) <= {"global-hub", "gateway-hub", "regional-hub"}
    assert tiers.get("global-hub", 0) >= 3
    gw = h[h["tier"] == "gateway-hub"]
    assert (gw["direction"] != "").all()
    assert set(gw["direction"]) <= {"南亚和东南亚", "中亚", "东北亚"}
    assert (h.loc[h["tier"] != "gateway-hub", "direction"] == "").all()


def test_bad_plan():
    with pytest.raises(InputError):
        hubs.load_hubs(plan="guangdong-14")
