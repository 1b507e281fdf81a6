"""portgeo.clusters: the five coastal clusters and the 13th → 14th comparison."""

from __future__ import annotations

import pytest
import shapely

from portgeo.errors import InputError
from portgeo.geo.lines import nearest_on_lines
from portgeo.layout import clusters
from portgeo.rules.compare import compare_plans, compare_regions


@pytest.fixture(scope="session")
def c14():
    return clusters.load_clusters(plan="national-14")


@pytest.fixture(scope="session")
def c13():
    return clusters.load_clusters(plan="national-13")


@pytest.mark.parametrize("name", ["c14", "c13"])
def test_five_valid_clusters(request, name):
    c = request.getfixturevalue(name)
    assert len(c) == 5
    assert c.crs.to_epsg() == 4326
    assert c.geometry.is_valid.all() and c.coast.is_valid.all()
    assert (c["coast_km"] > 0).all() and (c["hull_area_km2"] > 0).all()
    assert (c["positioning_zh"].str.len() > 0).all()
    assert (c["n_main"] >= 2).all()


def test_hull_contains_members_with_margin(c14):
    members = clusters.cluster_members(plan="national-14")
    for r in c14.itertuples():
        m = members[(members["region"] == r.region_zh) & members.geometry.notna()]
        assert len(m) >= 3
        assert r.geometry.contains(shapely.MultiPoint(list(m.geometry))), r.region_zh
        # each member lies at least ~30 km inside the hull's edge (geodesic buffer)
        x, y = m.geometry.x.to_numpy(), m.geometry.y.to_numpy()
        d, _ = nearest_on_lines(x, y, r.geometry.exterior)
        assert d.min() > 29_000, r.region_zh


def test_coast_stretch_near_members(c14):
    members = clusters.cluster_members(plan="national-14")
    for r in c14.itertuples():
        m = members[(members["region"] == r.region_zh) & members.geometry.notna()]
        pts = shapely.get_coordinates(r.coast)[::20]
        # every coast vertex is within 50 km of some member
        import numpy as np

        from portgeo.geo.geodesy import geodesic_distance_m

        d = geodesic_distance_m(
            pts[:, [0]],
            pts[:, [1]],
            m.geometry.x.to_numpy()[None, :],
            m.geometry.y.to_numpy()[None, :],
        ).min(axis=1)
        assert np.max(d) <= 50_000 * 1.001, r.region_zh


def test_main_and_regional_lists(c14):
    row = c14.set_index("region_zh").loc["长三角"]
    assert "舟山" in row["main_ports"].split("、")
    assert "苏州" in row["regional_ports"].split("、")
    assert "n14-c2-suzhou-taicang" in row["regional_ids"].split(";")


def test_13_to_14_differences(c13, c14):
    regions = compare_regions("national-13", "national-14", role="sea-layout")
    renamed = regions[regions["change"] == "renamed"]
    assert renamed[["region_old", "region_new"]].values.tolist() == [["珠三角", "粤港澳大湾区"]]
    assert set(regions["change"]) == {"renamed", "unchanged"}
    diff = compare_plans("national-13", "national-14")
    sea = diff[diff["kind"] == "sea"]
    promoted = sea[sea["change"] == "promoted"]
    assert sorted(promoted["name_zh"]) == sorted(["舟山", "钦州", "洋浦"])
    # the two ports renamed are the 13th plan's port-area names: 日照(石臼) → 日照, 茂名(水东) → 茂名
    assert sorted(sea.loc[sea["change"] == "renamed", "name_zh"]) == ["日照", "茂名"]
    assert set(sea["change"]) == {"unchanged", "promoted", "renamed"}
    # the cluster names in the frames agree with the comparison
    assert set(c13["region_zh"]) - set(c14["region_zh"]) == {"珠三角"}
    assert set(c14["region_zh"]) - set(c13["region_zh"]) == {"粤港澳大湾区"}


def test_reverse_comparison_demotes():
    diff = compare_plans("national-14", "national-13")
    sea = diff[diff["kind"] == "sea"]
    assert sorted(sea.loc[sea["change"] == "demoted", "name_zh"]) == sorted(
        ["舟山", "钦州", "洋浦"]
    )


def test_bad_plan():
    with pytest.raises(InputError):
        clusters.load_clusters(plan="guangdong-14")
