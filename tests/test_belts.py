"""portgeo.belts: land boundary by neighbour, belts, crossings, statistics."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
import shapely

from portgeo.catalogue import load_entities
from portgeo.geo.geodesy import GEOD
from portgeo.geo.lines import nearest_on_lines
from portgeo.layout import belts, borders, boundaries, neighbours


@pytest.fixture(scope="session")
def segments():
    return borders.load_border_segments()


@pytest.fixture(scope="session")
def belt_layer():
    return belts.build_belts()


@pytest.fixture(scope="session")
def matched():
    return {plan: belts.match_crossings(plan=plan) for plan in ("national-14", "national-13")}


def test_one_segment_set_per_neighbour(segments):
    assert segments.crs.to_epsg() == 4326
    assert list(segments["neighbor"]) == list(neighbours.land_neighbours())
    assert segments.geometry.is_valid.all()
    assert (segments["length_km"] > 0).all()
    regions = neighbours.load_belt_regions().set_index("neighbor")["region_zh"]
    assert (segments["region_zh"] == segments["neighbor"].map(regions)).all()


def test_pieces_partition_chinas_boundary(segments):
    """Land pieces + coast = China's whole boundary, with nothing counted twice."""
    china = boundaries.load_boundary().geometry.iloc[0]
    perimeter = GEOD.geometry_length(china.boundary) / 1000
    coast = GEOD.geometry_length(borders.load_coastline()) / 1000
    land = segments["length_km"].sum()
    assert land + coast == pytest.approx(perimeter, rel=1e-9)
    # no two neighbours claim the same piece: merging them does not shorten the total
    merged = shapely.line_merge(shapely.union_all(segments.geometry.to_numpy()))
    assert GEOD.geometry_length(merged) / 1000 == pytest.approx(land, rel=1e-6)


def test_belt_lengths_sum_to_land_boundary(segments):
    land = GEOD.geometry_length(borders.load_land_boundary()) / 1000
    assert segments["length_km"].sum() == pytest.approx(land, rel=1e-9)
    stats = belts.belt_statistics()
    per_nb = stats[stats["level"] == "neighbor"]["boundary_km"].sum()
    per_region = stats[stats["level"] == "region"]["boundary_km"].sum()
    total = stats.loc[stats["level"] == "total", "boundary_km"].iloc[0]
    assert per_nb == pytest.approx(land) and per_region == pytest.approx(land)
    assert total == pytest.approx(land)


def test_lengths_are_plausible(segments):
    """Bounds from published figures (land boundary ~22,000 km; RUS ~4,300; MNG ~4,700)."""
    km = segments.set_index("neighbor")["length_km"]
    assert 20_000 < km.sum() < 23_000
    assert 4_000 < km["RUS"] < 4_500
    assert 4_300 < km["MNG"] < 4_900
    assert 1_200 < km["PRK"] < 1_500
    assert 40 < km["AFG"] < 120


def test_land_boundary_runs_yalu_to_beilun(segments):
    """The chain of stretches is continuous: each ends where the next one starts."""
    seg = segments.set_index("neighbor")
    ends = {}
    for iso, g in seg.geometry.items():
        for part in shapely.get_parts(g):
            c = shapely.get_coordinates(part)
            if not np.allclose(c[0], c[-1]):  # skip closed rings (islands in the Yalu)
                ends.setdefault(iso, []).append((c[0], c[-1]))
    starts = np.array([s for v in ends.values() for s, _ in v])
    stops = np.array([e for v in ends.values() for _, e in v])
    # every stop except the last (Beilun mouth) is some stretch's start
    unmatched = [e for e in stops if not np.any(np.all(np.isclose(starts, e), axis=1))]
    unmatched_starts = [s for s in starts if not np.any(np.all(np.isclose(stops, s), axis=1))]
    assert len(unmatched) == 1 and len(unmatched_starts) == 1
    assert unmatched_starts[0][1] < 41 and unmatched_starts[0][0] < 125  # Yalu mouth (PRK)
    assert unmatched[0][1] < 22 and unmatched[0][0] > 107.5  # Beilun mouth (VNM)


@pytest.mark.parametrize("plan", ["national-14", "national-13"])
def test_each_crossing_matches_its_neighbour(matched, plan):
    m = matched[plan]
    assert len(m) > 30
    wrong = m[m["segment_neighbor"] != m["neighbor"]]
    assert wrong.empty, wrong[["id", "neighbor", "segment_neighbor"]].to_string()
    regions = neighbours.load_belt_regions().set_index("neighbor")["region_zh"]
    assert (m["segment_region"] == m["neighbor"].map(regions)).all()


def test_takeshiken_is_north_region(matched):
    m = matched["national-14"].set_index("id")
    assert m.loc["n14-c3-takeshiken-road", "segment_region"] == "北部"
    assert m.loc["n14-c3-takeshiken-road", "region"] == "北部"


def test_positions_and_next_crossing(matched):
    m = matched["national-14"]
    assert (m["position_km"] >= 0).all()
    seg = borders.load_border_segments().set_index("neighbor")
    for r in m.itertuples():
        part = shapely.get_parts(seg.loc[r.segment_neighbor, "geometry"])[r.part]
        assert r.position_km <= GEOD.geometry_length(part) / 1000 + 1e-6
    has_next = m[m["next_id"] != ""]
    assert (has_next["to_next_km"] > 0).all()
    pos = m.set_index("id")["position_km"]
    for r in has_next.itertuples():
        assert pos[r.next_id] - r.position_km == pytest.approx(r.to_next_km)
    # Youyiguan and Pingxiang rail are a few km apart on the Vietnamese border
    y = m.set_index("id").loc["n14-c3-youyiguan-road"]
    assert y["next_id"] == "n14-c3-pingxiang-rail" and y["to_next_km"] < 20


def test_statistics_count_crossings(matched):
    m = matched["national-14"]
    stats = belts.belt_statistics(m)
    nb = stats[stats["level"] == "neighbor"].set_index("key")
    assert nb["crossings"].sum() == len(m)
    modes = ["road_listed", "road_planned", "rail_listed", "rail_planned"]
    assert (nb[modes].sum(axis=1) == nb["crossings"]).all()
    ent = load_entities(plan="national-14", column=3, located_only=True)
    ent = ent[ent["kind"].isin(["road", "rail"])]
    assert nb.loc["MNG", "rail_planned"] == int(
        ((ent["neighbor"] == "MNG") & (ent["kind"] == "rail") & (ent["status"] == "planned")).sum()
    )
    # no crossing with Bhutan: the longest gap is the whole border
    assert nb.loc["BTN", "crossings"] == 0
    assert nb.loc["BTN", "longest_gap_km"] == pytest.approx(nb.loc["BTN", "boundary_km"])
    assert (nb["longest_gap_km"] <= nb["boundary_km"] + 1e-6).all()
    reg = stats[stats["level"] == "region"].set_index("key")
    assert set(reg.index) == {"东北", "北部", "西北", "西南"}


@pytest.mark.parametrize("plan", ["national-14", "national-13"])
def test_border_gaps_partition_each_border(matched, plan):
    m = matched[plan]
    gaps = belts.border_gaps(m)
    stats = belts.belt_statistics(m)
    nb = stats[stats["level"] == "neighbor"].set_index("key")
    # the gaps of a neighbour cover its whole border, once
    total = gaps.groupby("neighbor")["length_km"].sum()
    assert total.reindex(nb.index).to_numpy() == pytest.approx(nb["boundary_km"].to_numpy())
    # the longest gap of the statistics is the longest listed gap
    longest = gaps.groupby("neighbor")["length_km"].max()
    assert longest.reindex(nb.index).to_numpy() == pytest.approx(nb["longest_gap_km"].to_numpy())
    assert gaps["length_km"].is_monotonic_decreasing
    # one gap per stretch, plus one per listed site on it
    op = m[m["status"] == "listed"]
    sites = op.groupby(["segment_neighbor", "part"])["site_id"].nunique()
    parts = nb["n_parts"].sum()
    assert len(gaps) == parts + sites.sum()
    # ends: a gap starting at a stretch's start has no crossing there
    assert (gaps.loc[gaps["start_km"] == 0, "from_name"] == "").all()


def test_border_gaps_name_the_crossings_at_either_end(matched):
    gaps = belts.border_gaps(matched["national-14"])
    btn = gaps[gaps["neighbor"] == "BTN"]
    assert len(btn) == 1 and btn["from_name"].iloc[0] == btn["to_name"].iloc[0] == ""
    rus = gaps[gaps["neighbor"] == "RUS"].iloc[0]
    assert (rus["from_name"], rus["to_name"]) == ("黑河", "满洲里")  # the Amur–Argun stretch
    assert rus["name_zh"] == "俄罗斯" and rus["region_zh"] == "东北"


def test_belts_valid_inside_china_and_50km_wide(belt_layer, segments):
    assert belt_layer.crs.to_epsg() == 4326
    assert belt_layer.geometry.is_valid.all()
    china = boundaries.china_polygon()
    for r in belt_layer.itertuples():
        outside = shapely.difference(r.geometry, china)
        area = abs(GEOD.geometry_area_perimeter(outside)[0]) if not outside.is_empty else 0.0
        assert area < 1e6, r.neighbor
    # every belt vertex lies within 50 km (+0.1 %) of its border; some reach ~50 km
    seg = segments.set_index("neighbor")
    for iso in ("MNG", "VNM", "PAK"):
        g = belt_layer.set_index("neighbor").loc[iso, "geometry"]
        pts = shapely.get_coordinates(g)[::7]
        d, _ = nearest_on_lines(pts[:, 0], pts[:, 1], seg.loc[iso, "geometry"])
        assert d.max() <= 50_000 * 1.001, iso
        assert d.max() > 49_000, iso


def test_geodesic_buffer_of_a_short_line_is_true_width():
    coords = np.array([[87.0, 48.0], [88.0, 48.3], [89.0, 48.1]])
    buf = belts._geodesic_buffer_line(coords, 50_000.0)
    ring = shapely.get_coordinates(buf.exterior)
    d, _ = nearest_on_lines(ring[:, 0], ring[:, 1], shapely.LineString(coords))
    assert np.abs(d / 50_000.0 - 1).max() < 1e-3


def test_split_line_pieces_cover_the_line():
    coords = np.column_stack([np.linspace(80, 100, 400), np.full(400, 40.0)])
    pieces = belts._split_line(coords, 200_000.0)
    total = sum(GEOD.geometry_length(shapely.LineString(p)) for p in pieces)
    assert total == pytest.approx(GEOD.geometry_length(shapely.LineString(coords)))
    assert max(GEOD.geometry_length(shapely.LineString(p)) for p in pieces) < 210_000
    for a, b in itertools.pairwise(pieces):
        assert np.allclose(a[-1], b[0])


def test_statistics_frame_shape():
    stats = belts.belt_statistics()
    assert isinstance(stats, pd.DataFrame)
    assert len(stats) == 14 + 4 + 1
