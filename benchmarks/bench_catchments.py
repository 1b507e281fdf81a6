"""Benchmark: catchments on the offline China graph, ours vs the osmnx-example baseline.

Run from the repository root::

    python benchmarks/bench_catchments.py            # print the table
    python benchmarks/bench_catchments.py --write    # also write benchmarks/RESULTS.md

Baseline (the OSMnx isochrone example, on the SAME graph, origins and buffer): networkx
``ego_graph(graph, node, radius=7200, distance="travel_time")``, then every reached node and edge
buffered (in a local projection) and ``union_all``. Ours: :func:`portgeo.catchments.reach_polygon`
(scipy ``dijkstra(limit=)`` on CSR arrays, cut edges, distance-field polygon). Both get the same
snapped node; our time includes the snapping, the baseline's does not.
"""

from __future__ import annotations

import argparse
import gc
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

import geopandas as gpd
import networkx as nx
import numpy as np
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from portgeo import settings  # noqa: E402
from portgeo.geo.polygons import proj_transformer as _transformer  # noqa: E402
from portgeo.layout.hubs import hub_airports  # noqa: E402
from portgeo.roads import catchments as c  # noqa: E402
from portgeo.roads import load_network  # noqa: E402

BASELINE_HUBS = ("PEK", "CAN", "CTU", "WUH", "URC")


def peak_mb() -> float:
    """Peak resident memory of this process so far (MB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def baseline_polygon(
    graph: nx.MultiDiGraph, node: int, *, seconds: float, buffer_m: float, lon: float, lat: float
) -> shapely.Geometry:
    """The OSMnx isochrone example: ego_graph + buffered nodes and edges + union."""
    sub = nx.ego_graph(graph, node, radius=seconds, distance="travel_time")
    tr = _transformer(c.local_metric_crs(lon, lat))
    ids = list(sub.nodes)
    xs = np.array([sub.nodes[n]["x"] for n in ids])
    ys = np.array([sub.nodes[n]["y"] for n in ids])
    px, py = tr.transform(xs, ys)
    pos = {n: (x, y) for n, x, y in zip(ids, px, py, strict=True)}
    node_pts = gpd.GeoSeries(gpd.points_from_xy(px, py))
    edge_lines = [shapely.LineString([pos[a], pos[b]]) for a, b in sub.edges()]
    n = node_pts.buffer(buffer_m)
    e = gpd.GeoSeries(edge_lines).buffer(buffer_m)
    return gpd.GeoSeries(list(n) + list(e)).union_all()


def load_in_fresh_process() -> float:
    code = (
        "import time; t=time.perf_counter(); from portgeo.roads import load_network; "
        "load_network('offline'); print(time.perf_counter()-t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true", help="write benchmarks/RESULTS.md")
    args = ap.parse_args()
    lines: list[str] = []

    def say(s: str = "") -> None:
        print(s, flush=True)
        lines.append(s)

    settings.progress = False
    buf = settings.catchment_buffer_m

    # ---- loading --------------------------------------------------------------------------
    load_network("offline")  # make sure the .npz cache exists
    t_fresh = min(load_in_fresh_process() for _ in range(3))
    t0 = time.perf_counter()
    net = load_network("offline")
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    _ = (net.csr("time"), net.csr("length"), net._scc_tree)  # build the search arrays
    t_arrays = time.perf_counter() - t0
    say(
        f"offline graph: {net.n_nodes:,} nodes, {net.n_edges:,} directed edges; "
        f"effective speed {net.metadata['speeds']['effective_kmh']} km/h, buffer {buf:g} m"
    )
    say(f"load cached national graph, fresh process incl. imports (best of 3): {t_fresh:.2f} s")
    say(
        f"load cached national graph, in process: {t_load:.2f} s; "
        f"+ CSR matrices, SCC and KD-tree: {t_arrays:.2f} s"
    )
    say(f"peak RSS after loading: {peak_mb():.0f} MB")
    say()

    hubs = hub_airports(plan="national-14")  # the 42 airports of the 39 hubs of 专栏4
    hubs = hubs.assign(origin_id=hubs["iata"])
    ids = hubs["origin_id"].tolist()
    lons, lats = hubs.geometry.x.to_numpy(), hubs.geometry.y.to_numpy()

    # ---- all hubs: 2 h + 200 km ------------------------------------------------------------
    for method in ("raster", "vector"):
        t0 = time.perf_counter()
        gdf = c.compute_catchments(
            net, hubs, kinds=("distance", "time"), method=method, progress=False
        )
        dt = time.perf_counter() - t0
        say(
            f"all {len(ids)} hub airports (39 hub cities), 2 h + 200 km road catchments, "
            f"method={method}: {dt:.2f} s ({len(gdf)} polygons, all valid: "
            f"{bool(gdf.geometry.is_valid.all())})"
        )
    t0 = time.perf_counter()
    gdf = c.compute_catchments(net, hubs, progress=False)
    say(
        f"same with the 200 km geodesic circles too (method=raster): "
        f"{time.perf_counter() - t0:.2f} s (target < 10 s)"
    )
    t0 = time.perf_counter()
    c.compute_catchments(net, hubs, kinds=("circle",), progress=False)
    say(f"the 42 geodesic circles alone: {time.perf_counter() - t0:.2f} s")
    say()

    # ---- multi-source ----------------------------------------------------------------------
    t0 = time.perf_counter()
    reach = c.reach_from_sources(net, hubs)
    t_rs = time.perf_counter() - t0
    within2h = float((reach["minutes"] <= 120).mean())
    say(
        f"reach_from_sources (every node: minutes and km to the nearest hub, one pass each): "
        f"{t_rs:.2f} s"
    )
    t0 = time.perf_counter()
    unc = c.uncovered_area(net, hubs)
    t_unc = time.perf_counter() - t0
    row = unc.set_index("part")
    say(
        f"uncovered_area (2 h, one multi-source pass, within: {row.loc['covered', 'within']}): "
        f"{t_unc:.2f} s; covered {row.loc['covered', 'area_km2']:,.0f} km², uncovered "
        f"{row.loc['uncovered', 'area_km2']:,.0f} km²"
    )
    t0 = time.perf_counter()
    unc_f = c.uncovered_area(net, hubs, infill=True).set_index("part")
    say(
        f"uncovered_area with infill=True (holes enclosed by reached roads count as covered): "
        f"{time.perf_counter() - t0:.2f} s; covered {unc_f.loc['covered', 'area_km2']:,.0f} km²"
    )
    t0 = time.perf_counter()
    ov = c.catchment_overlaps(gdf, kind="time")
    say(f"catchment_overlaps (2 h): {time.perf_counter() - t0:.2f} s, {len(ov)} overlapping pairs")
    say(f"nodes of the network within 2 h of a hub: {within2h:.1%}")
    say()
    say(f"peak RSS before the baseline (our work only): {peak_mb():.0f} MB")
    say()

    # ---- single 2-hour polygon: ours vs baseline -----------------------------------------
    t0 = time.perf_counter()
    graph = net.to_networkx()
    t_nx = time.perf_counter() - t0
    say(f"baseline graph: RoadNetwork.to_networkx() {t_nx:.1f} s (not counted below)")
    say()
    say("| origin | ours (s) | baseline (s) | speed-up | our area km² | baseline area km² |")
    say("|---|---:|---:|---:|---:|---:|")
    ratios = []
    for code in BASELINE_HUBS:
        i = ids.index(code)
        snap = c.snap_point(net, lons[i], lats[i])
        c.reach_polygon(net, lons[i], lats[i], threshold=7200)  # warm (first-call imports)
        reps = 5
        t0 = time.perf_counter()
        for _ in range(reps):
            ours, _, _ = c.reach_polygon(net, lons[i], lats[i], threshold=7200)
        t_ours = (time.perf_counter() - t0) / reps
        t0 = time.perf_counter()
        base = baseline_polygon(
            graph, snap.node, seconds=7200.0, buffer_m=buf, lon=snap.lon, lat=snap.lat
        )
        t_base = time.perf_counter() - t0
        tr = _transformer(c.local_metric_crs(snap.lon, snap.lat))
        base_area = base.area / 1e6
        del tr
        ratios.append(t_base / t_ours)
        say(
            f"| {code} | {t_ours:.3f} | {t_base:.2f} | {t_base / t_ours:.0f}× | "
            f"{c._area_km2(ours):,.0f} | {base_area:,.0f} |"
        )
    say()
    say(
        f"single 2 h polygon: median speed-up {np.median(ratios):.0f}× "
        f"(min {min(ratios):.0f}×; target ≥ 20×)"
    )
    del graph
    gc.collect()
    say(f"peak RSS after baseline: {peak_mb():.0f} MB")
    say()

    say(f"peak RSS of the whole run: {peak_mb():.0f} MB (target < 2 GB)")
    say(
        f"machine: {platform.processor() or platform.machine()}, Python "
        f"{platform.python_version()}, {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores"
    )

    if args.write:
        out = ROOT / "benchmarks" / "RESULTS.md"
        out.write_text(
            "# Catchment benchmark results\n\n"
            "Measured with `python benchmarks/bench_catchments.py --write` "
            f"({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}). Offline China graph "
            "(scgraph-data), origins: the 42 airports of the 39 hub cities of the national "
            "14th plan's 专栏4. Baseline: the OSMnx isochrone example (networkx `ego_graph` with "
            '`distance="travel_time"`, buffered nodes and edges, `union_all`) on the same graph, '
            "origins and buffer, in the same run.\n\n```\n" + "\n".join(lines) + "\n```\n",
            encoding="utf-8",
        )
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
