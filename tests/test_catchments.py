"""Catchments on hand-checkable synthetic graphs, properties, and the offline China graph."""

from __future__ import annotations

import geopandas as gpd
import networkx as nx
import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from shapely.geometry import Point

from portgeo import settings
from portgeo.errors import InputError, SnapError
from portgeo.geo.geodesy import geodesic_distance_m
from portgeo.geo.polygons import area_km2
from portgeo.roads import catchments as c
from portgeo.roads import coverage as cov
from portgeo.roads import kernels as ga
from portgeo.roads.sources.graph import network_from_graph

LAT = 30.0


def line_graph(ferry: bool = False) -> nx.MultiDiGraph:
    """A(113.0) - B(113.1) - C(113.2) on the parallel 30 N; 10 km edges.

    A-B road at 60 km/h (10 min). B-C road at 60 km/h, or a ferry sailing 30 km/h (20 min)
    with a 30 min boarding penalty.
    """
    graph = nx.MultiDiGraph()
    for n, lon in zip("ABC", (113.0, 113.1, 113.2), strict=True):
        graph.add_node(n, x=lon, y=LAT)
    for a, b in (("A", "B"), ("B", "A")):
        graph.add_edge(a, b, length=10_000.0, speed_kph=60.0, highway="primary")
    if ferry:
        for a, b in (("B", "C"), ("C", "B")):
            graph.add_edge(a, b, length=10_000.0, speed_kph=30.0, route="ferry", delay_min=30.0)
    else:
        for a, b in (("B", "C"), ("C", "B")):
            graph.add_edge(a, b, length=10_000.0, speed_kph=60.0, highway="primary")
    return graph


def node_of(net, lon):
    return int(np.flatnonzero(np.isclose(net.x, lon))[0])


def test_line_graph_times_and_cut_edge():
    net = network_from_graph(line_graph())
    s = c.snap_point(net, 113.0, LAT)
    assert s.snap_m == pytest.approx(0.0, abs=1e-6)
    poly, s, dist = c.reach_polygon(
        net, 113.0, LAT, threshold=15 * 60, shape="roads", buffer_m=100, method="vector"
    )
    a, b, cc = (node_of(net, lon) for lon in (113.0, 113.1, 113.2))
    assert dist[a] == 0 and dist[b] == pytest.approx(600.0) and np.isinf(dist[cc])
    frac = ga.reached_fraction(net, dist, 900.0, "time")
    bc = np.flatnonzero((net.u == b) & (net.v == cc))[0]
    assert frac[bc] == pytest.approx(0.5)  # 5 of the 10 minutes left on B->C
    segs = ga.reached_segments(net, frac)
    assert segs[:, [0, 2]].max() == pytest.approx(113.15)  # cut at the midpoint
    assert poly.contains(Point(113.1495, LAT))
    assert not poly.contains(Point(113.1515, LAT))  # 144 m past the cut, buffer 100 m
    assert poly.is_valid and poly.geom_type in ("Polygon", "MultiPolygon")


def test_raster_polygon_matches_vector_on_line():
    net = network_from_graph(line_graph())
    pv, _, _ = c.reach_polygon(
        net, 113.0, LAT, threshold=900, shape="roads", buffer_m=200, method="vector"
    )
    pr, _, _ = c.reach_polygon(
        net, 113.0, LAT, threshold=900, shape="roads", buffer_m=200, method="raster"
    )
    assert pr.is_valid
    sym = shapely.symmetric_difference(pv, pr).area
    assert sym / pv.area < 0.05
    assert pr.contains(Point(113.149, LAT)) and not pr.contains(Point(113.1525, LAT))


def test_distance_threshold_cuts_by_length():
    net = network_from_graph(line_graph())
    _, _, dist = c.reach_polygon(
        net, 113.0, LAT, threshold=12_500, weight="length", shape="roads", buffer_m=100
    )
    b, cc = node_of(net, 113.1), node_of(net, 113.2)
    assert dist[b] == pytest.approx(10_000) and np.isinf(dist[cc])
    frac = ga.reached_fraction(net, dist, 12_500, "length")
    bc = np.flatnonzero((net.u == b) & (net.v == cc))[0]
    assert frac[bc] == pytest.approx(0.25)


def test_ferry_boarding_penalty():
    net = network_from_graph(line_graph(ferry=True))
    assert net.ferry.sum() == 2
    b, cc = node_of(net, 113.1), node_of(net, 113.2)
    # 50 min: 10 to B, 30 boarding, 10 of the 20 sailing minutes -> half the crossing
    _, _, dist = c.reach_polygon(net, 113.0, LAT, threshold=50 * 60, shape="roads", buffer_m=100)
    assert np.isinf(dist[cc])
    frac = ga.reached_fraction(net, dist, 3000.0, "time")
    bc = np.flatnonzero((net.u == b) & (net.v == cc))[0]
    assert frac[bc] == pytest.approx(0.5)
    # 39 min: still boarding, nothing of the crossing
    _, _, d2 = c.reach_polygon(net, 113.0, LAT, threshold=39 * 60, shape="roads", buffer_m=100)
    assert ga.reached_fraction(net, d2, 39 * 60.0, "time")[bc] == 0.0
    # C at 10 + 30 + 20 = 60 min
    m = c.measure_to_destinations(net, (113.0, LAT), [(113.2, LAT)])
    assert m["drive_min"].iloc[0] == pytest.approx(60.0)
    r = c.fastest_route(net, (113.0, LAT), (113.2, LAT))
    assert r["ferry"] and r["drive_min"] == pytest.approx(60.0)


def test_snap_leg_counts_at_access_speed(monkeypatch):
    monkeypatch.setattr(settings, "access_speed_kmh", 30.0)
    net = network_from_graph(line_graph())
    lat = LAT + 0.01  # ~1.109 km north of A
    d = geodesic_distance_m(113.0, lat, 113.0, LAT)
    m = c.measure_to_destinations(net, (113.0, lat), [(113.1, LAT)])
    assert m["drive_min"].iloc[0] == pytest.approx(10 + d / 1000 / 30 * 60)
    assert m["road_km"].iloc[0] == pytest.approx(10 + d / 1000)
    assert m["origin_snap_m"].iloc[0] == pytest.approx(d)


def test_snap_error_beyond_limit():
    net = network_from_graph(line_graph())
    with pytest.raises(SnapError, match=r"farther than 5\.0 km"):
        c.snap_point(net, 113.0, LAT + 0.1, max_snap_m=5_000)
    assert c.snap_point(net, 113.0, LAT + 0.1, max_snap_m=20_000).node == node_of(net, 113.0)
    with pytest.raises(SnapError):
        c.compute_catchments(net, [(113.0, LAT + 1.0)], kinds=("time",), max_snap_m=5_000)


def test_snaps_to_largest_strongly_connected_component():
    graph = line_graph()
    # a one-way stub D->A: D is not in the strongly connected core
    graph.add_node("D", x=113.0, y=LAT + 0.001)
    graph.add_edge("D", "A", length=100.0, speed_kph=30.0, highway="primary")
    net = network_from_graph(graph)
    s = c.snap_point(net, 113.0, LAT + 0.0011)
    assert s.node == node_of(net, 113.0) and net.y[s.node] == LAT


def test_fastest_route_versus_shortest_road():
    graph = nx.MultiDiGraph()
    graph.add_node("A", x=113.0, y=LAT)
    graph.add_node("B", x=113.05, y=LAT + 0.1)
    graph.add_node("C", x=113.1, y=LAT)
    for a, b, le, sp in (
        ("A", "C", 10_000, 10.0),
        ("A", "B", 15_000, 90.0),
        ("B", "C", 15_000, 90.0),
    ):
        graph.add_edge(a, b, length=le, speed_kph=sp, highway="primary")
        graph.add_edge(b, a, length=le, speed_kph=sp, highway="primary")
    net = network_from_graph(graph)
    m = c.measure_to_destinations(net, (113.0, LAT), [(113.1, LAT)], cutoff_minutes=19)
    row = m.iloc[0]
    assert row.road_km == pytest.approx(10.0)  # shortest road
    assert row.drive_min == pytest.approx(20.0)  # fastest, via B
    assert row.route_km == pytest.approx(30.0)
    assert not row.reachable  # 20 > 19 minutes
    r = c.fastest_route(net, (113.0, LAT), (113.1, LAT))
    assert r["road_km"] == pytest.approx(30.0) and r["drive_min"] == pytest.approx(20.0)
    assert r["geometry"].coords[1] == pytest.approx((113.05, LAT + 0.1))


def test_reach_from_sources_multi_origin_in_one_pass():
    net = network_from_graph(line_graph())
    df = cov.reach_from_sources(net, [(113.0, LAT), (113.2, LAT)])
    a, b, cc = (node_of(net, lon) for lon in (113.0, 113.1, 113.2))
    assert df.loc[a, "minutes"] == 0 and df.loc[cc, "minutes"] == 0
    assert df.loc[b, "minutes"] == pytest.approx(10.0) and df.loc[b, "km"] == pytest.approx(10.0)
    assert df.loc[a, "origin_time"] == 0 and df.loc[cc, "origin_time"] == 1
    # origin 1 starts 6 min late (snap leg at 30 km/h ~ 3.3 km): B goes to origin 0
    far = (113.2, LAT + 0.03)
    df2 = cov.reach_from_sources(net, [(113.0, LAT), far])
    assert df2.loc[b, "origin_time"] == 0
    assert df2.loc[cc, "origin_time"] == 1


def test_compute_catchments_table_and_circle():
    net = network_from_graph(line_graph())
    gdf = c.compute_catchments(
        net,
        [(113.0, LAT), (113.2, LAT)],
        max_minutes=15,
        max_km=12,
        shape="roads",
        buffer_m=200,
        progress=False,
    )
    assert list(gdf.columns) == [
        "origin_id",
        "kind",
        "threshold",
        "unit",
        "snap_m",
        "source",
        "approximate",
        "geometry",
    ]
    assert len(gdf) == 6 and gdf.crs.to_epsg() == 4326
    assert set(gdf["kind"]) == {"circle", "distance", "time"}
    circ = gdf[(gdf.kind == "circle") & (gdf.origin_id == 0)].geometry.iloc[0]
    ring = np.asarray(circ.exterior.coords)
    d = geodesic_distance_m(113.0, LAT, ring[:, 0], ring[:, 1])
    assert np.allclose(d, 12_000, rtol=1e-6)
    assert gdf.geometry.is_valid.all()
    ov = cov.catchment_overlaps(gdf, kind="time")
    assert len(ov) == 1 and ov["area_km2"].iloc[0] > 0  # both reach the middle of A-C
    with pytest.raises(InputError):
        c.compute_catchments(net, [(113.0, LAT)], kinds=("ring",))


def _ring_road():
    """A 40 km square ring road at 100 km/h (113.0-113.4 E, 30.0-30.36 N): its centre is 20 km
    from every road."""
    graph = nx.Graph()
    pts = {"a": (113.0, 30.0), "b": (113.4, 30.0), "c": (113.4, 30.36), "d": (113.0, 30.36)}
    for n, (x, y) in pts.items():
        graph.add_node(n, x=x, y=y)
    for a, b in ("ab", "bc", "cd", "da"):
        graph.add_edge(a, b, speed_kph=100.0, highway="primary")
    return network_from_graph(graph)


def test_holes_kept_unless_infill():
    # a 40 km square ring road: its middle is farther than the buffer from any road
    net = _ring_road()
    centre = Point(113.2, 30.18)
    p, _, _ = c.reach_polygon(net, 113.0, 30.0, threshold=3 * 3600, shape="roads", buffer_m=2000)
    assert not p.contains(centre) and len(p.interiors) == 1
    pf, _, _ = c.reach_polygon(
        net, 113.0, 30.0, threshold=3 * 3600, shape="roads", buffer_m=2000, infill=True
    )
    assert pf.contains(centre)
    pc, _, _ = c.reach_polygon(
        net, 113.0, 30.0, threshold=3 * 3600, shape="roads", buffer_m=2000, concave=True
    )
    assert pc.is_valid and pc.area > 0


def test_uncovered_area_sums_to_within():
    net = network_from_graph(line_graph())
    within = shapely.box(112.9, 29.9, 113.3, 30.1)
    u = cov.uncovered_area(
        net, [(113.0, LAT)], max_minutes=15, within=within, shape="roads", buffer_m=500
    )
    covered, unc = u.set_index("part").loc[["covered", "uncovered"], "area_km2"]
    assert covered > 0 and unc > 0
    assert covered + unc == pytest.approx(area_km2(within), rel=1e-6)


# -- the access model: filled catchments, worked by hand -------------------------------------


def straight_road(length_m: float, speed_kph: float = 60.0) -> nx.MultiDiGraph:
    """One two-way road east from A (113.0, 30 N), ``length_m`` long (geodesic)."""
    graph = nx.MultiDiGraph()
    dlon = length_m / (111_320.0 * np.cos(np.radians(LAT)))  # about; the length is measured
    graph.add_node("A", x=113.0, y=LAT)
    graph.add_node("B", x=113.0 + dlon, y=LAT)
    for a, b in (("A", "B"), ("B", "A")):
        graph.add_edge(a, b, speed_kph=speed_kph, highway="primary")
    return graph


def cone_area(r: float, length: float) -> float:
    """Area of the convex hull of a disc of radius r and a point ``length`` from its centre.

    Two triangles centre-tangent point-apex (r * sqrt(L^2 - r^2) together) and the part of
    the disc they leave out (angle 2 * pi - 2 * arccos(r / L)).
    """
    return r * np.sqrt(length**2 - r**2) + r**2 * (np.pi - np.arccos(r / length))


@pytest.mark.parametrize("method", ["raster", "vector"])
def test_filled_road_widens_linearly_with_time_left(monkeypatch, method):
    """15 min from A on a 20 km road at 60 km/h, egress 25 km/h, no cap.

    The road is reached for 15 km; at x metres from A the time left is 900 s - x / (60 km/h), so
    the disc radius falls linearly from 6,250 m at A (900 s at 25 km/h) to 0 at the cut: the
    catchment is the hull of the disc at A and the cut point, 163.4 km².
    """
    monkeypatch.setattr(settings, "egress_speed_kmh", 25.0)
    monkeypatch.setattr(settings, "egress_max_m", 100_000.0)
    net = network_from_graph(straight_road(20_000.0))
    assert net.length_m.max() == pytest.approx(20_000.0, rel=2e-3)
    length = float(net.length_m.max())
    p, _, _ = c.reach_polygon(net, 113.0, LAT, threshold=900, method=method)
    r, reach = 900 * 25 / 3.6, 15_000.0 * length / 20_000.0  # the cut, in metres of geometry
    expected = cone_area(r, reach) / 1e6
    assert expected == pytest.approx(163.4, abs=0.1)
    assert area_km2(p) == pytest.approx(expected, rel=0.01)
    # past the tangent point the edge is straight: the width falls linearly with the time left,
    # (reach - x) * r / sqrt(reach^2 - r^2) each side; half way, 3,437 m
    width = (reach / 2) * r / np.sqrt(reach**2 - r**2)
    assert width == pytest.approx(3_437.0, rel=2e-3)
    half = 113.0 + (reach / 2) / (111_320.0 * np.cos(np.radians(LAT)))
    dlat = width / 110_850.0  # metres to degrees of latitude at 30 N
    assert p.contains(Point(half, LAT + 0.97 * dlat))
    assert not p.contains(Point(half, LAT + 1.03 * dlat))


@pytest.mark.parametrize("method", ["raster", "vector"])
def test_filled_road_with_the_cap(monkeypatch, method):
    """The same road and 15 min with a 3 km cap: a 3 km buffer of the first 7.8 km, then a cone.

    The radius 6,250 m * (1 - x / 15 km) reaches the cap at x = 7.8 km. Area: the rectangle
    2 * 3 km * 7.8 km, the west half disc at A and the east half of the hull of the disc at
    7.8 km and the cut 7.2 km further: 84.5 km².
    """
    monkeypatch.setattr(settings, "egress_speed_kmh", 25.0)
    monkeypatch.setattr(settings, "egress_max_m", 3_000.0)
    net = network_from_graph(straight_road(20_000.0))
    scale = float(net.length_m.max()) / 20_000.0  # metres of geometry per metre of road
    p, _, _ = c.reach_polygon(net, 113.0, LAT, threshold=900, method=method)
    cap, x_cap, reach = 3_000.0, 7_800.0 * scale, 15_000.0 * scale
    expected = (2 * cap * x_cap + cone_area(cap, reach - x_cap)) / 1e6
    assert expected == pytest.approx(84.5, abs=0.2)
    assert area_km2(p) == pytest.approx(expected, rel=0.01)


def test_filled_distance_catchment_is_a_capsule(monkeypatch):
    """10 km of road distance, cap 3 km: every metre left is a metre off the road.

    Within the last 3 km the discs shrink as fast as they move, so each lies inside the one at
    7 km: the catchment is the 3 km buffer of the first 7 km, pi * 9 + 2 * 3 * 7 = 70.3 km².
    Without the cap it is the 10 km disc around A (314.2 km²), the circle catchment itself.
    """
    monkeypatch.setattr(settings, "egress_max_m", 3_000.0)
    net = network_from_graph(straight_road(20_000.0))
    scale = float(net.length_m.max()) / 20_000.0
    p, _, _ = c.reach_polygon(net, 113.0, LAT, threshold=10_000, weight="length")
    expected = (np.pi * 3_000.0**2 + 2 * 3_000.0 * 7_000.0 * scale) / 1e6
    assert area_km2(p) == pytest.approx(expected, rel=0.01)
    monkeypatch.setattr(settings, "egress_max_m", 50_000.0)
    p, _, _ = c.reach_polygon(net, 113.0, LAT, threshold=10_000, weight="length")
    assert area_km2(p) == pytest.approx(np.pi * 100.0, rel=0.01)


def test_filled_is_the_default_everywhere():
    net = network_from_graph(straight_road(20_000.0))
    gdf = c.compute_catchments(net, [(113.0, LAT)], kinds=("time",), max_minutes=15, progress=False)
    p, _, _ = c.reach_polygon(net, 113.0, LAT, threshold=900)
    assert gdf.geometry.iloc[0].equals(p)
    roads, _, _ = c.reach_polygon(net, 113.0, LAT, threshold=900, shape="roads")
    assert area_km2(p) > 2 * area_km2(roads)  # 163 km² against 2 km either side of 15 km of road
    u = cov.uncovered_area(
        net, [(113.0, LAT)], max_minutes=15, within=shapely.box(112.8, 29.8, 113.4, 30.2)
    )
    # the national coverage is drawn in China's Albers projection, equal-area but 1.2 % short
    # along the parallels at 30 N, where this road runs east-west
    covered = u.set_index("part").loc["covered", "area_km2"]
    assert covered == pytest.approx(area_km2(p), rel=0.015)


def test_filled_refuses_road_options():
    net = network_from_graph(straight_road(5_000.0))
    with pytest.raises(InputError, match="shape='roads'"):
        c.reach_polygon(net, 113.0, LAT, threshold=600, buffer_m=500)
    with pytest.raises(InputError, match="shape='roads'"):
        c.compute_catchments(net, [(113.0, LAT)], concave=True, progress=False)
    with pytest.raises(InputError, match="shape must be"):
        c.reach_polygon(net, 113.0, LAT, threshold=600, shape="blob")
    with pytest.raises(InputError, match="clip"):
        c.reach_polygon(net, 113.0, LAT, threshold=600, clip="mars")


def test_filled_holes_beyond_the_cap_stay(monkeypatch):
    """A 40 km square ring road: its centre is 20 km from every road."""
    net = _ring_road()
    centre = Point(113.2, 30.18)
    p, _, _ = c.reach_polygon(net, 113.0, 30.0, threshold=3 * 3600)  # cap 8 km < 20 km
    assert not p.contains(centre) and len(p.interiors) == 1
    # the hole is the ring's inside shrunk by the cap (8 km) on every side
    w_x = geodesic_distance_m(113.0, 30.18, 113.4, 30.18) - 2 * settings.egress_max_m
    w_y = geodesic_distance_m(113.2, 30.0, 113.2, 30.36) - 2 * settings.egress_max_m
    assert area_km2(shapely.Polygon(p.interiors[0])) == pytest.approx(w_x * w_y / 1e6, rel=0.01)
    monkeypatch.setattr(settings, "egress_max_m", 25_000.0)
    p, _, _ = c.reach_polygon(net, 113.0, 30.0, threshold=3 * 3600)
    assert p.contains(centre) and len(p.interiors) == 0


def test_filled_ferry_crossing_fills_no_sea(monkeypatch):
    """50 min from A: half way across the B-C ferry; the sea beside it is not reached."""
    monkeypatch.setattr(settings, "egress_max_m", 1_000.0)
    net = network_from_graph(line_graph(ferry=True))
    at_sea = Point(113.14, LAT)  # 3.9 km past the landing B, on the crossing
    p, _, _ = c.reach_polygon(net, 113.0, LAT, threshold=50 * 60)
    assert not p.contains(at_sea) and p.contains(Point(113.1, LAT + 0.005))
    roads, _, _ = c.reach_polygon(net, 113.0, LAT, threshold=50 * 60, shape="roads", buffer_m=100)
    assert roads.contains(at_sea)  # the road buffer draws the crossing


# -- properties --------------------------------------------------------------------------------


def grid_graph(n: int, speeds: list[float]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for i in range(n):
        for j in range(n):
            graph.add_node((i, j), x=113.0 + 0.05 * i, y=30.0 + 0.05 * j)
    k = 0
    for i in range(n):
        for j in range(n):
            for di, dj in ((1, 0), (0, 1)):
                if i + di < n and j + dj < n:
                    sp = speeds[k % len(speeds)]
                    k += 1
                    graph.add_edge((i, j), (i + di, j + dj), speed_kph=sp, highway="primary")
                    graph.add_edge((i + di, j + dj), (i, j), speed_kph=sp, highway="primary")
    return graph


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    speeds=st.lists(st.floats(10, 120), min_size=1, max_size=12),
    t1=st.floats(2, 60),
    extra=st.floats(0, 60),
    ox=st.integers(0, 4),
    oy=st.integers(0, 4),
)
def test_larger_threshold_never_smaller_catchment(speeds, t1, extra, ox, oy):
    net = network_from_graph(grid_graph(5, speeds))
    lon, lat = 113.0 + 0.05 * ox, 30.0 + 0.05 * oy
    t2 = t1 + extra
    p1, _, d1 = c.reach_polygon(
        net, lon, lat, threshold=t1 * 60, shape="roads", buffer_m=300, method="vector"
    )
    p2, _, d2 = c.reach_polygon(
        net, lon, lat, threshold=t2 * 60, shape="roads", buffer_m=300, method="vector"
    )
    r1, r2 = np.isfinite(d1), np.isfinite(d2)
    assert (d1[r1] <= t1 * 60 + 1e-6).all() and (d2[r2] <= t2 * 60 + 1e-6).all()
    assert (r2 | ~r1).all()  # every node reached at t1 is reached at t2
    assert p2.area >= p1.area * (1 - 1e-4)  # arc approximation of GEOS buffers
    # covers, up to the arc approximation of GEOS buffers (sagitta of 300 m at 30 deg: ~10 m)
    assert p2.buffer(1.5e-4).covers(p1)
    q1, _, _ = c.reach_polygon(net, lon, lat, threshold=t1 * 60, shape="roads", buffer_m=300)
    q2, _, _ = c.reach_polygon(net, lon, lat, threshold=t2 * 60, shape="roads", buffer_m=300)
    assert q2.area >= q1.area * 0.99  # raster: within its 1 % of the exact area
    # the filled shape: every disc grows with the threshold, so the union does too
    f1, _, _ = c.reach_polygon(net, lon, lat, threshold=t1 * 60, method="vector")
    f2, _, _ = c.reach_polygon(net, lon, lat, threshold=t2 * 60, method="vector")
    assert f2.buffer(1.5e-4).covers(f1)
    g1, _, _ = c.reach_polygon(net, lon, lat, threshold=t1 * 60)
    g2, _, _ = c.reach_polygon(net, lon, lat, threshold=t2 * 60)
    assert g2.area >= g1.area * 0.99


# -- the offline China graph -------------------------------------------------------------------


@pytest.fixture(scope="module")
def china(offline_network):
    return offline_network


def hub_points():
    from portgeo.layout.hubs import hub_airports

    h = hub_airports(plan="national-14")
    return gpd.GeoDataFrame(
        {"origin_id": h["iata"].to_numpy()}, geometry=h.geometry.values, crs=4326
    )


def test_hainan_needs_the_qiongzhou_ferry(china):
    from portgeo.roads import load_network

    assert [f["ferry_id"] for f in china.metadata["ferries_added"]] == ["qiongzhou-strait"]
    hak, mainland = (110.4590, 19.9349), (110.3588, 21.2143)  # Haikou Meilan; Zhanjiang
    r = c.fastest_route(china, hak, mainland)
    assert r["ferry"]
    # crossing: 60 min boarding + 90 min sailing, so Haikou is not 2 h from the mainland
    assert r["drive_min"] > 150
    plain = load_network("offline", ferries=False)
    with pytest.raises(SnapError):
        c.snap_point(plain, *hak)


def test_all_hub_catchments_stay_within_top_speed(china):
    hubs = hub_points()
    assert len(hubs) == 42  # 39 hub cities; Beijing, Shanghai and Chengdu have two airports
    gdf = c.compute_catchments(china, hubs, kinds=("distance", "time"), progress=False)
    assert len(gdf) == 84 and gdf.geometry.is_valid.all()
    assert (~gdf.geometry.is_empty).all() and gdf["approximate"].all()
    buf = settings.catchment_buffer_m
    vmax = china.max_speed_kmh
    assert settings.access_speed_kmh <= vmax
    for row in gdf.itertuples():
        hub = hubs[hubs["origin_id"] == row.origin_id].geometry.iloc[0]
        xy = shapely.get_coordinates(row.geometry)
        far = geodesic_distance_m(hub.x, hub.y, xy[:, 0], xy[:, 1]).max()
        reach = vmax * row.threshold / 60 * 1000 if row.kind == "time" else row.threshold * 1000
        assert far <= reach + 1.5 * buf, (row.origin_id, row.kind, far, reach)


def test_filled_catchment_clipped_to_china_stays_out_of_the_sea(china):
    from portgeo.layout.boundaries import china_polygon

    xmn = (118.1280, 24.5440)  # Xiamen Gaoqi, on Xiamen island
    sea, _, _ = c.reach_polygon(china, *xmn, threshold=3600)
    land, _, _ = c.reach_polygon(china, *xmn, threshold=3600, clip="china")
    cn = china_polygon()
    assert area_km2(shapely.difference(sea, cn)) > 100  # the fill spills into the strait
    assert area_km2(shapely.difference(land, cn)) < 1e-3 * area_km2(land)
    assert area_km2(land) < area_km2(sea)


# -- command line ------------------------------------------------------------------------------


def test_cli_catchments_writes_geojson(tmp_path, capsys):
    import geopandas as gpd

    from portgeo.cli import main

    out = tmp_path / "pek.geojson"
    assert (
        main(
            [
                "catchments",
                "--iata",
                "PEK",
                "--kinds",
                "circle,time",
                "--minutes",
                "60",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    gdf = gpd.read_file(out)
    assert list(gdf["kind"]) == ["circle", "time"] and gdf.geometry.is_valid.all()
    assert "PEK time 60 min" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["catchments", "--iata", "XXX", "--out", "x.geojson"],
        ["catchments", "--lat", "25", "--out", "x.geojson"],
        ["catchments", "--iata", "PEK", "--kinds", "ring", "--out", "x.geojson"],
        ["catchments", "--iata", "PEK", "--out", "x.csv"],
    ],
)
def test_cli_catchments_user_errors(argv, tmp_path, monkeypatch, capsys):
    from portgeo.cli import main

    monkeypatch.chdir(tmp_path)
    try:
        rc = main(argv)
    except SystemExit as exc:  # argparse errors
        rc = exc.code
    assert rc == 2
    err = capsys.readouterr().err
    assert err.startswith("portgeo: error:") and "Traceback" not in err


def test_implausible_thresholds_are_refused_by_the_library():
    net = network_from_graph(line_graph())
    for kw in ({"max_minutes": 1e6}, {"max_km": 1e9}):
        with pytest.raises(InputError, match="implausible"):
            c.compute_catchments(net, [(113.0, LAT)], kinds=("circle",), **kw)


# -- the request (the command line's and the notebooks' one call) ---------------------------------


def test_run_catchments_circle_needs_no_network():
    from portgeo.roads import CatchmentRequest, run_catchments

    res = run_catchments(CatchmentRequest(iata=("PEK", "pkx"), kinds=("circle",), km=50))
    gdf = res.catchments
    assert list(gdf["origin_id"]) == ["PEK", "PKX"] and set(gdf["kind"]) == {"circle"}
    assert res.lines() == ["PEK circle 50 km", "PKX circle 50 km"]


def test_run_catchments_point_in_gcj02_is_converted():
    from portgeo.geo.crs import gcj02_to_wgs84
    from portgeo.roads import CatchmentRequest, run_catchments

    req = CatchmentRequest(lat=23.39, lon=113.30, crs="gcj02", kinds=("circle",), km=10)
    gdf = run_catchments(req).catchments
    lon, lat = gcj02_to_wgs84(113.30, 23.39)
    ring = np.asarray(gdf.geometry.iloc[0].exterior.coords)
    d = geodesic_distance_m(float(lon), float(lat), ring[:, 0], ring[:, 1])
    assert gdf["origin_id"].iloc[0] == "23.39,113.3" and np.allclose(d, 10_000, rtol=1e-6)
    assert abs(float(lon) - 113.30) > 1e-3  # the shift is real: the test would see it ignored


def test_run_catchments_overpass_loads_around_each_origin(monkeypatch):
    from portgeo.roads import CatchmentRequest, run_catchments
    from portgeo.roads import request as request_module

    calls = []

    def fake_load(source, **kwargs):
        calls.append((source, kwargs))
        return network_from_graph(line_graph())

    monkeypatch.setattr(request_module, "load_network", fake_load)
    req = CatchmentRequest(lat=LAT, lon=113.0, kinds=("time",), minutes=15, km=30,
                           network="overpass", ferries=False)  # fmt: skip
    res = run_catchments(req)
    assert calls == [("overpass", {"center": (113.0, LAT), "dist_m": 30_000.0, "ferries": False})]
    assert list(res.catchments["kind"]) == ["time"]
    assert res.lines() == ["30,113 time 15 min, snapped 0.0 km"]


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({}, "give --iata"),
        ({"lat": 30.0}, "both --lat and --lon"),
        ({"iata": ("PEK",), "lat": 30.0, "lon": 113.0}, "not both"),
        ({"lat": 95.0, "lon": 113.0}, "out of range"),
        ({"lat": 30.0, "lon": 113.0, "crs": "bd09"}, "crs must be"),
        ({"iata": ("PEK",), "kinds": ("ring",)}, "kinds must be"),
        ({"iata": ("PEK",), "kinds": ()}, "kinds must be"),
        ({"iata": ("PEK",), "shape": "hull"}, "shape must be"),
        ({"iata": ("PEK",), "clip": "asia"}, "clip must be"),
        ({"iata": ("PEK",), "minutes": 1e6}, "implausible"),
        ({"iata": ("PEK",), "buffer_m": 1e6}, "buffer_m"),
        ({"iata": ("PEK",), "max_snap_km": float("nan")}, "max_snap_km"),
        ({"iata": ("TPE",)}, "Taiwan"),  # refused before the offline network is loaded
    ],
)
def test_catchment_request_refuses_before_any_work(kwargs, pattern, monkeypatch):
    from portgeo.roads import CatchmentRequest, run_catchments
    from portgeo.roads import request as request_module

    def no_network(*args, **kwargs):
        raise AssertionError("the network must not be loaded")

    monkeypatch.setattr(request_module, "load_network", no_network)
    with pytest.raises(InputError, match=pattern):
        run_catchments(CatchmentRequest(**kwargs))


def test_cli_catchments_geojson_is_named_after_the_file(tmp_path):
    import json

    from portgeo.cli import main

    out = tmp_path / "beijing.geojson"
    assert main(["catchments", "--iata", "PEK", "--kinds", "circle", "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["name"] == "beijing"
