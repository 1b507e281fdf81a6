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
    df = c.reach_from_sources(net, [(113.0, LAT), (113.2, LAT)])
    a, b, cc = (node_of(net, lon) for lon in (113.0, 113.1, 113.2))
    assert df.loc[a, "minutes"] == 0 and df.loc[cc, "minutes"] == 0
    assert df.loc[b, "minutes"] == pytest.approx(10.0) and df.loc[b, "km"] == pytest.approx(10.0)
    assert df.loc[a, "origin_time"] == 0 and df.loc[cc, "origin_time"] == 1
    # origin 1 starts 6 min late (snap leg at 30 km/h ~ 3.3 km): B goes to origin 0
    far = (113.2, LAT + 0.03)
    df2 = c.reach_from_sources(net, [(113.0, LAT), far])
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
    ov = c.catchment_overlaps(gdf, kind="time")
    assert len(ov) == 1 and ov["area_km2"].iloc[0] > 0  # both reach the middle of A-C
    with pytest.raises(InputError):
        c.compute_catchments(net, [(113.0, LAT)], kinds=("ring",))


def test_holes_kept_unless_infill():
    # a 40 km square ring road: its middle is farther than the buffer from any road
    graph = nx.Graph()
    pts = {"a": (113.0, 30.0), "b": (113.4, 30.0), "c": (113.4, 30.36), "d": (113.0, 30.36)}
    for n, (x, y) in pts.items():
        graph.add_node(n, x=x, y=y)
    for a, b in ("ab", "bc", "cd", "da"):
        graph.add_edge(a, b, speed_kph=100.0, highway="primary")
    net = network_from_graph(graph)
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
    u = c.uncovered_area(
        net, [(113.0, LAT)], max_minutes=15, within=within, shape="roads", buffer_m=500
    )
    cov, unc = u.set_index("part").loc[["covered", "uncovered"], "area_km2"]
    assert cov > 0 and unc > 0
    assert cov + unc == pytest.approx(area_km2(within), rel=1e-6)


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
    assert q2.area >= q1.area * 0.97  # raster: within its grid tolerance


# -- the offline China graph -------------------------------------------------------------------


@pytest.fixture(scope="module")
def china():
    from portgeo.roads import load_network

    return load_network("offline")


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
