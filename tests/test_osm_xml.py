"""OSM XML files: speeds per raw way, summed along merged edges, identical under any hash seed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from osmnx.distance import great_circle

from portgeo.roads import load_network
from portgeo.roads.speeds import load_speed_profile

LAT = 30.0
STEP = 0.01  # degrees of longitude between consecutive nodes

#: Chains of two ways that meet end to end at a node no other way uses: osmnx merges each chain
#: into one edge whose ``highway`` is a two-element list, ordered by the string hash seed.
CHAINS: tuple[tuple[str, int, str, int], ...] = (
    # class of way 1, its segments, class of way 2, its segments
    ("primary", 3, "secondary", 1),
    ("trunk", 1, "tertiary", 2),
    ("motorway", 2, "trunk", 2),
    ("secondary", 1, "tertiary", 3),
    ("primary", 2, "tertiary", 2),
)


def write_chains_osm(path: Path) -> dict[str, object]:
    """Write the chains (one per parallel), plus a ferry off the end of the first chain."""
    nodes: list[tuple[int, float, float]] = []
    ways: list[tuple[int, list[int], dict[str, str]]] = []
    expected = []
    nid, wid = 1, 100
    for k, (c1, n1, c2, n2) in enumerate(CHAINS):
        lat = LAT + 0.05 * k
        ids = list(range(nid, nid + n1 + n2 + 1))
        nodes += [(i, 113.0 + STEP * j, lat) for j, i in enumerate(ids)]
        tags1 = {"highway": c1}
        if k == 3:
            tags1["maxspeed"] = "70"
        ways.append((wid, ids[: n1 + 1], tags1))
        ways.append((wid + 1, ids[n1:], {"highway": c2}))
        expected.append((ids[0], ids[-1], c1, n1, c2, n2, tags1.get("maxspeed")))
        nid, wid = ids[-1] + 1, wid + 2
    # a ferry from the end of chain 0 to a pier with no road: never merged into the road
    ferry_from = expected[0][1]
    nodes.append((nid, 113.0 + STEP * 4 + 0.2, LAT))
    ways.append((wid, [ferry_from, nid], {"route": "ferry", "name": "test ferry"}))
    lines = ["<?xml version='1.0' encoding='UTF-8'?>", '<osm version="0.6" generator="test">']
    lines += [f'<node id="{i}" lat="{y}" lon="{x}" version="1"/>' for i, x, y in nodes]
    for w, refs, tags in ways:
        lines.append(f'<way id="{w}" version="1">')
        lines += [f'<nd ref="{r}"/>' for r in refs]
        lines += [f'<tag k="{k}" v="{v}"/>' for k, v in tags.items()]
        lines.append("</way>")
    lines.append("</osm>")
    path.write_text("\n".join(lines), encoding="utf-8")
    return {"chains": expected, "coords": {i: (x, y) for i, x, y in nodes}, "ferry": nid}


def test_merged_edge_time_is_the_sum_of_its_ways(tmp_path):
    info = write_chains_osm(tmp_path / "chains.osm")
    net = load_network(tmp_path / "chains.osm", road_filter=["motorway", "trunk", "primary",
                       "secondary", "tertiary"])  # fmt: skip
    prof = load_speed_profile()
    coords = info["coords"]
    for a, b, c1, n1, c2, _n2, maxspeed in info["chains"]:
        ia, ib = (int(np.flatnonzero(net.node_id == n)[0]) for n in (a, b))
        e = np.flatnonzero((net.u == ia) & (net.v == ib))
        assert e.size == 1, "each chain is one merged edge per direction"
        e = int(e[0])
        seg = [
            great_circle(coords[i][1], coords[i][0], coords[i + 1][1], coords[i + 1][0])
            for i in range(a, b)
        ]
        l1, l2 = sum(seg[:n1]), sum(seg[n1:])
        v1 = (float(maxspeed) if maxspeed else prof.limit_kmh(c1)) * prof.factor(c1)
        v2 = prof.limit_kmh(c2) * prof.factor(c2)
        assert net.time_s[e] == pytest.approx(l1 / (v1 / 3.6) + l2 / (v2 / 3.6), rel=1e-9)
        assert net.length_m[e] == pytest.approx(l1 + l2, rel=1e-9)
        assert net.highway[e] == (c1 if l1 > l2 else c2)  # the class with most length
    ferry = net.ferry
    assert ferry.sum() == 2  # both directions, not merged with the road before it
    assert np.allclose(net.delay_s[ferry], prof.ferry_boarding_min * 60.0)
    assert set(net.node_id[net.v[ferry]]) == {info["chains"][0][1], info["ferry"]}


_PRINT_TIMES = """
import sys
from portgeo.roads import load_network
for path in sys.argv[1:]:
    net = load_network(path, cache=False)
    rows = sorted(zip(net.node_id[net.u].tolist(), net.node_id[net.v].tolist(),
                      [t.hex() for t in net.time_s.tolist()], net.highway.tolist()))
    print(path, len(rows), rows)
"""


def _times_under_seed(seed: int, paths: list[Path]) -> str:
    return _run_under_seed(seed, _PRINT_TIMES, paths)


def _run_under_seed(seed: int, script: str, paths: list[Path]) -> str:
    env = dict(os.environ, PYTHONHASHSEED=str(seed))
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(Path(__file__).resolve().parents[1]), env.get("PYTHONPATH")])
    )
    out = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", script, *map(str, paths)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout


def _chengdu(shared: Path | None) -> list[Path]:
    if shared is None:
        return []
    path = shared / "roads" / "osm_cn" / "chengdu_central_2018.osm"
    return [path] if path.is_file() else []


@pytest.mark.slow
@pytest.mark.parametrize("real", [False, True], ids=["synthetic", "chengdu"])
def test_times_identical_across_hash_seeds(tmp_path, request, real):
    if real:
        shared = request.getfixturevalue("shared_geodata")  # skips without /work/shared
        paths = _chengdu(shared)
        if not paths:
            pytest.skip("chengdu_central_2018.osm absent from the reference geodata")
    else:
        paths = [tmp_path / "chains.osm"]
        write_chains_osm(paths[0])
    runs = {seed: _times_under_seed(seed, paths) for seed in (1, 2, 3)}
    assert runs[1] == runs[2] == runs[3]
    assert len(runs[1].split("\n")[0]) > 100  # it printed the edges


#: The same chains as an Overpass answer: osmnx's query is replaced by reading the file with the
#: ``simplify`` osmnx was asked for (its default is True, which merges ways before timing).
_PRINT_OVERPASS_TIMES = """
import sys
import osmnx as ox
from portgeo.roads import load_network

def answer(bbox, **kw):
    return ox.graph_from_xml(sys.argv[1], simplify=kw.get("simplify", True), retain_all=True)

ox.graph_from_bbox = answer
net = load_network("overpass", bbox=(112.9, 29.9, 113.2, 30.3), cache=False,
                   road_filter=["motorway", "trunk", "primary", "secondary", "tertiary"])
rows = sorted(zip(net.node_id[net.u].tolist(), net.node_id[net.v].tolist(),
                  [t.hex() for t in net.time_s.tolist()], net.highway.tolist()))
print(len(rows), rows)
"""


@pytest.mark.slow
def test_overpass_times_identical_across_hash_seeds_and_equal_to_the_file(tmp_path):
    path = tmp_path / "chains.osm"
    write_chains_osm(path)
    runs = {seed: _run_under_seed(seed, _PRINT_OVERPASS_TIMES, [path]) for seed in (1, 2, 3)}
    assert runs[1] == runs[2] == runs[3]
    from_file = load_network(path, cache=False, road_filter=["motorway", "trunk", "primary",
                             "secondary", "tertiary"])  # fmt: skip
    rows = sorted(zip(from_file.node_id[from_file.u].tolist(),
                      from_file.node_id[from_file.v].tolist(),
                      [t.hex() for t in from_file.time_s.tolist()], from_file.highway.tolist(),
                      strict=True))  # fmt: skip
    assert runs[1].strip() == f"{len(rows)} {rows}"
