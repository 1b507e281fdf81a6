"""Benchmark: 2-hour catchments on the offline China graph, portgeo side by side with its peers.

Run from the repository root (needs ``python-igraph`` for the igraph row; the package itself does
not depend on it)::

    python benchmarks/bench_catchments.py            # print the tables
    python benchmarks/bench_catchments.py --write    # also write benchmarks/RESULTS.md
    python benchmarks/bench_catchments.py --quick    # one hub, one repetition (the test suite)

One run, the same graph (the offline China graph), the same origins (the five baseline hubs PEK,
CAN, CTU, WUH, URC), the same snapped node and start cost (the snap leg), 2 hours:

- **portgeo**: :func:`portgeo.roads.kernels.search` (``scipy.sparse.csgraph.dijkstra`` with
  ``limit=`` on the network's CSR matrix), then the reached pieces (cut edges included) drawn by
  :func:`portgeo.roads.shapes.discs_polygon` (raster: exact distance field and its contour):
  the road-buffer shape (``shape="roads"``, 2 km) to compare with the peers, and the filled
  shape (the access model, the default) on its own.
- **scipy + tuned shapely** (the best peer): ``dijkstra(csr, indices=node, limit=...)`` on the
  same CSR matrix; the same reached pieces buffered by GEOS and unioned. Tuned: reverse twins of
  two-way pieces dropped, ``quad_segs=4``, and the union done in spatial chunks (an 8 x 8 grid,
  then the union of the chunks); the untuned union (``quad_segs=8``, every piece) is measured too.
- **igraph**: ``Graph.distances(source, weights)`` (python-igraph has no cutoff for it: a full
  single-source Dijkstra, then the threshold), the same polygon step as the tuned peer.
- **networkx** ``ego_graph(radius=7200, distance="travel_time")``, the reference users know
  (the OSMnx isochrone example), with the example's own polygon step: every reached node and
  edge of the subgraph buffered and unioned (no cut edges, so it is a smaller answer).

The search and the polygon are timed apart (best of ``--reps`` runs per hub; networkx once).
One-off builds (loading, the CSR matrices, the networkx and igraph graphs, China's polygon) are
timed and reported apart, never inside the figures. The area of every polygon is compared with
the exact union of the same reached pieces (GEOS, ``quad_segs=32``). Each method runs in its own
forked process: its peak resident memory is that process's high-water mark (the graph, shared
with the parent, included) and the increase over what the process held when it started.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import shapely
from scipy.sparse.csgraph import dijkstra

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from portgeo import settings  # noqa: E402
from portgeo.geo.polygons import area_km2, proj_transformer  # noqa: E402
from portgeo.layout.boundaries import china_polygon  # noqa: E402
from portgeo.layout.hubs import hub_airports  # noqa: E402
from portgeo.roads import catchments as c  # noqa: E402
from portgeo.roads import coverage as cov  # noqa: E402
from portgeo.roads import kernels as ga  # noqa: E402
from portgeo.roads import load_network, shapes  # noqa: E402
from portgeo.roads.network import RoadNetwork  # noqa: E402

BASELINE_HUBS = ("PEK", "CAN", "CTU", "WUH", "URC")
SECONDS = 7200.0
BUFFER_M = 2000.0
EXACT_QUAD_SEGS = 32


def rss_mb() -> float:
    """Current resident memory of this process (MB)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return float(line.split()[1]) / 1024.0
    return float("nan")


def peak_mb() -> float:
    """Peak resident memory of this process so far (MB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def best_of(fn: Callable[[], Any], reps: int) -> tuple[float, Any]:
    """Best wall time of ``reps`` calls, and the last result."""
    times, out = [], None
    for _ in range(reps):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


# -- one origin's problem, shared by every method ------------------------------------------------


class Origin:
    """A hub, its snap, its local projection and the exact answer."""

    def __init__(self, net: RoadNetwork, code: str, lon: float, lat: float) -> None:
        self.code = code
        self.snap = c.snap_point(net, lon, lat)
        self.crs = c.local_metric_crs(self.snap.lon, self.snap.lat)
        self.tr = proj_transformer(self.crs)
        self.limit = SECONDS - self.snap.access_s  # budget left at the snapped node

    def leg(self) -> np.ndarray:
        """The snap leg (origin -> node) as one reached piece."""
        s = self.snap
        return np.array([[s.lon, s.lat, s.node_lon, s.node_lat]])

    def project(self, segs: np.ndarray) -> np.ndarray:
        x0, y0 = self.tr.transform(segs[:, 0], segs[:, 1])
        x1, y1 = self.tr.transform(segs[:, 2], segs[:, 3])
        return np.column_stack([x0, y0, x1, y1])


def reached_pieces_lonlat(net: RoadNetwork, origin: Origin, dist: np.ndarray) -> np.ndarray:
    """The reached pieces of road (cut edges included) and the snap leg, from node costs."""
    frac = ga.reached_fraction(net, dist, SECONDS, "time")
    return np.vstack([ga.reached_segments(net, frac), origin.leg()])


def dedupe(p: np.ndarray) -> np.ndarray:
    """Drop the reverse twin of two-way pieces (a peer's obvious first tuning)."""
    a, b = p[:, :2], p[:, 2:]
    swap = (a[:, 0] > b[:, 0]) | ((a[:, 0] == b[:, 0]) & (a[:, 1] > b[:, 1]))
    q = np.where(swap[:, None], np.column_stack([b, a]), p)
    return np.unique(np.round(q, 2), axis=0)


def union_plain(p: np.ndarray) -> shapely.Geometry:
    """Untuned: every piece buffered (quad_segs=8), one union."""
    return shapely.union_all(shapely.buffer(shapely.linestrings(p.reshape(-1, 2, 2)), BUFFER_M))


def union_tuned(p: np.ndarray, grid: int = 8) -> shapely.Geometry:
    """Tuned: twins dropped, quad_segs=4, union per cell of a grid x grid chunking, then all."""
    q = dedupe(p)
    lines = shapely.linestrings(q.reshape(-1, 2, 2))
    bufs = shapely.buffer(lines, BUFFER_M, quad_segs=4)
    mid = (q[:, :2] + q[:, 2:]) / 2
    lo, hi = mid.min(axis=0), mid.max(axis=0)
    cell = np.minimum(((mid - lo) / np.maximum(hi - lo, 1e-9) * grid).astype(int), grid - 1)
    key = cell[:, 0] * grid + cell[:, 1]
    order = np.argsort(key, kind="stable")
    groups = np.split(order, np.flatnonzero(np.diff(key[order])) + 1)
    return shapely.union_all([shapely.union_all(bufs[g]) for g in groups])


def exact_area_km2(p: np.ndarray) -> float:
    """Exact buffer union of the projected pieces (quad_segs=32), km² (LAEA is equal-area)."""
    lines = shapely.linestrings(dedupe(p).reshape(-1, 2, 2))
    return (
        float(shapely.union_all(shapely.buffer(lines, BUFFER_M, quad_segs=EXACT_QUAD_SEGS)).area)
        / 1e6
    )


# -- the methods: each returns {code: (search_s, polygon_s, area_km2)} ---------------------------


def run_portgeo(net: RoadNetwork, origins: list[Origin], reps: int) -> dict[str, tuple]:
    out = {}
    csr = net.csr("time")
    for o in origins:
        s = o.snap

        def search(s: c.Snap = s) -> np.ndarray:
            return ga.search(csr, np.array([s.node]), np.array([s.access_s]), limit=SECONDS)[0]

        def polygon(dist: np.ndarray, o: Origin = o) -> shapely.Geometry:
            frac = ga.reached_fraction(net, dist, SECONDS, "time")
            segs = np.vstack([ga.reached_segments(net, frac), o.leg()])
            return shapes.segments_polygon(segs, crs=o.crs, buffer_m=BUFFER_M)

        t_s, dist = best_of(search, reps)
        t_p, poly = best_of(lambda dist=dist, polygon=polygon: polygon(dist), reps)
        out[o.code] = (t_s, t_p, area_km2(poly))
    return out


def run_portgeo_filled(net: RoadNetwork, origins: list[Origin], reps: int) -> dict[str, tuple]:
    """The default filled shape: search, then the access model's discs (raster and vector)."""
    out = {}
    csr = net.csr("time")
    for o in origins:
        s = o.snap
        legs = pd.DataFrame({"lon": [s.lon], "lat": [s.lat], "node_lon": [s.node_lon],
                             "node_lat": [s.node_lat], "start": [s.access_s]})  # fmt: skip

        def search(s: c.Snap = s) -> np.ndarray:
            return ga.search(csr, np.array([s.node]), np.array([s.access_s]), limit=SECONDS)[0]

        def polygon(dist: np.ndarray, method: str, o: Origin = o, legs: Any = legs) -> Any:
            return c.catchment_polygon(net, dist, legs, threshold=SECONDS, weight="time",
                                       shape="filled", crs=o.crs, buffer_m=None, infill=False,
                                       method=method)  # fmt: skip

        t_s, dist = best_of(search, reps)
        t_p, poly = best_of(lambda dist=dist, polygon=polygon: polygon(dist, "raster"), reps)
        t_v, exact = best_of(lambda dist=dist, polygon=polygon: polygon(dist, "vector"), 1)
        out[o.code] = (t_s, t_p, area_km2(poly), t_v, area_km2(exact))
    return out


def peer_polygon(net: RoadNetwork, o: Origin, dist: np.ndarray, union: Callable) -> Any:
    return union(o.project(reached_pieces_lonlat(net, o, dist)))


def run_scipy(
    net: RoadNetwork, origins: list[Origin], reps: int, union: Callable = union_tuned
) -> dict[str, tuple]:
    out = {}
    csr = net.csr("time")
    for o in origins:
        t_s, d = best_of(lambda o=o: dijkstra(csr, directed=True, indices=o.snap.node,
                                              limit=o.limit), reps)  # fmt: skip
        dist = d + o.snap.access_s
        t_p, poly = best_of(lambda o=o, dist=dist: peer_polygon(net, o, dist, union), reps)
        out[o.code] = (t_s, t_p, float(poly.area) / 1e6)
    return out


def run_igraph(net: RoadNetwork, origins: list[Origin], reps: int, graph: Any) -> dict[str, tuple]:
    out = {}
    for o in origins:

        def search(o: Origin = o) -> np.ndarray:
            d = np.asarray(graph.distances(source=[o.snap.node], weights="w")[0], dtype=float)
            d = d + o.snap.access_s
            d[d > SECONDS] = np.inf  # no cutoff in the API: applied afterwards
            return d

        t_s, dist = best_of(search, reps)
        t_p, poly = best_of(lambda o=o, dist=dist: peer_polygon(net, o, dist, union_tuned), reps)
        out[o.code] = (t_s, t_p, float(poly.area) / 1e6)
    return out


def osmnx_example_polygon(sub: nx.MultiDiGraph, o: Origin) -> shapely.Geometry:
    """The OSMnx isochrone example: buffer every node and edge of the subgraph, union."""
    ids = list(sub.nodes)
    xs = np.array([sub.nodes[n]["x"] for n in ids])
    ys = np.array([sub.nodes[n]["y"] for n in ids])
    px, py = o.tr.transform(xs, ys)
    pos = {n: (x, y) for n, x, y in zip(ids, px, py, strict=True)}
    nodes = shapely.buffer(shapely.points(np.column_stack([px, py])), BUFFER_M)
    edges = shapely.buffer(
        shapely.linestrings([[pos[a], pos[b]] for a, b in sub.edges()]), BUFFER_M
    )
    return shapely.union_all(np.concatenate([nodes, edges]))


def run_networkx(net: RoadNetwork, origins: list[Origin]) -> dict:
    """Build the networkx graph in this process (a one-off, timed apart), then the searches."""
    t0 = time.perf_counter()
    graph = net.to_networkx()
    out: dict[str, Any] = {"build_s": time.perf_counter() - t0}
    for o in origins:
        t_s, sub = best_of(lambda o=o: nx.ego_graph(graph, o.snap.node, radius=o.limit,
                                                    distance="travel_time"), 1)  # fmt: skip
        t_p, poly = best_of(lambda o=o, sub=sub: osmnx_example_polygon(sub, o), 1)
        out[o.code] = (t_s, t_p, float(poly.area) / 1e6, sub.number_of_nodes())
    return out


def in_fork(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """Run ``fn`` in a forked child: its result, its peak RSS and its RSS when it started."""
    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)

    def child() -> None:
        start = rss_mb()
        res = fn()
        send.send((res, peak_mb(), start))
        send.close()

    proc = ctx.Process(target=child)
    proc.start()
    res, peak, start = recv.recv()
    proc.join()
    return res, peak, start


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
    ap.add_argument("--reps", type=int, default=3, help="best of this many runs per hub")
    ap.add_argument("--no-national", action="store_true", help="skip the national coverage")
    ap.add_argument("--quick", action="store_true",
                    help="one hub (PEK), one repetition, every section: checks that the script "
                    "runs (the test suite); its figures are not the benchmark's")  # fmt: skip
    args = ap.parse_args()
    if args.quick and args.write:
        ap.error("--quick measures one hub once: it cannot --write RESULTS.md")
    codes = BASELINE_HUBS[:1] if args.quick else BASELINE_HUBS
    lines: list[str] = []

    def say(s: str = "") -> None:
        print(s, flush=True)
        lines.append(s)

    settings.progress = False
    t_run = time.perf_counter()

    # ---- one-off builds (never inside the timed figures) ----------------------------------
    say("## One-off builds (not counted in the timings below)")
    say()
    load_network("offline")  # the .npz cache exists
    fresh_runs = 1 if args.quick else 3
    t_fresh = min(load_in_fresh_process() for _ in range(fresh_runs))
    t0 = time.perf_counter()
    net = load_network("offline")
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    _ = (net.csr("time"), net.csr("length"), net.scc_tree)
    t_arrays = time.perf_counter() - t0
    ig: Any = None
    t_ig = float("nan")
    try:
        import igraph

        t0 = time.perf_counter()
        csr = net.csr("time").tocoo()
        ig = igraph.Graph(n=net.n_nodes, edges=np.column_stack([csr.row, csr.col]).tolist(),
                          directed=True, edge_attrs={"w": csr.data.tolist()})  # fmt: skip
        t_ig = time.perf_counter() - t0
        ig_version = igraph.__version__
    except ImportError:
        ig_version = "not installed"
        print("note: python-igraph is not installed: the igraph peer is skipped "
              "(pip install python-igraph to measure it)", flush=True)  # fmt: skip
    t0 = time.perf_counter()
    china_polygon()
    t_china = time.perf_counter() - t0
    hubs = hub_airports(plan="national-14")
    hubs = hubs.assign(origin_id=hubs["iata"])
    if args.quick:
        hubs = hubs[hubs["iata"].isin(codes)].reset_index(drop=True)
    pos = {code: (g.x, g.y) for code, g in zip(hubs["iata"], hubs.geometry, strict=True)}
    origins = [Origin(net, code, *pos[code]) for code in codes]
    say(
        f"- offline graph: {net.n_nodes:,} nodes, {net.n_edges:,} directed edges; one effective "
        f"speed {net.metadata['speeds']['effective_kmh']} km/h"
    )
    say(f"- load the cached graph: fresh process incl. imports {t_fresh:.2f} s (best of "
        f"{fresh_runs}); in process {t_load:.2f} s")  # fmt: skip
    say(f"- CSR matrices, strongly connected component, KD-tree: {t_arrays:.2f} s")
    if ig is not None:
        say(f"- igraph Graph from the CSR matrix (python-igraph {ig_version}): {t_ig:.1f} s")
    else:
        say("- igraph: python-igraph not installed, its row is skipped")
    say(f"- China's polygon (cached boundary): {t_china:.2f} s")
    say(f"- RSS after the builds: {rss_mb():.0f} MB")
    say()

    # ---- exact references ----------------------------------------------------------------
    exact = {}
    for o in origins:
        d = ga.search(net.csr("time"), np.array([o.snap.node]), np.array([o.snap.access_s]),
                      limit=SECONDS)[0]  # fmt: skip
        exact[o.code] = exact_area_km2(o.project(reached_pieces_lonlat(net, o, d)))

    # ---- the methods, each in its own forked process -------------------------------------
    reps = 1 if args.quick else args.reps
    results: dict[str, tuple[dict, float, float]] = {}
    results["portgeo"] = in_fork(lambda: run_portgeo(net, origins, reps))
    results["scipy + tuned shapely"] = in_fork(lambda: run_scipy(net, origins, reps))
    results["scipy + untuned shapely"] = in_fork(
        lambda: run_scipy(net, origins, 1, union=union_plain)
    )
    if ig is not None:
        results["igraph + tuned shapely"] = in_fork(lambda: run_igraph(net, origins, reps, ig))
    results["networkx ego_graph + OSMnx example"] = in_fork(lambda: run_networkx(net, origins))
    t_nx = results["networkx ego_graph + OSMnx example"][0].pop("build_s")

    say(f"(networkx MultiDiGraph, RoadNetwork.to_networkx, built in its own process: {t_nx:.1f} s)")
    say()
    n_hubs = f"{len(origins)} hub{'s' if len(origins) > 1 else ''}"
    say(f"## 2-hour road-buffer catchments (2 km), {n_hubs}, side by side")
    say()
    say(f"Search and polygon timed apart, best of {reps} per hub (untuned shapely and networkx "
        f"once); medians over the {n_hubs}; area error against the exact union of the same "
        "reached pieces (GEOS, quad_segs=32); peak RSS of the method's own process (the graph "
        "included) and its increase over what that process held when it started.")  # fmt: skip
    say()
    say(
        "| method | search ms | polygon ms | total ms | time / portgeo's | area error | peak RSS MB (+ added) |"
    )
    say("|---|---:|---:|---:|---:|---|---:|")
    base = statistics.median(sum(v[:2]) for v in results["portgeo"][0].values())
    for name, (res, peak, parent) in results.items():
        s = statistics.median(v[0] for v in res.values()) * 1e3
        p = statistics.median(v[1] for v in res.values()) * 1e3
        tot = statistics.median(v[0] + v[1] for v in res.values()) * 1e3
        errs = [res[k][2] / exact[k] - 1 for k in res]
        say(f"| {name} | {s:,.1f} | {p:,.1f} | {tot:,.1f} | {tot / 1e3 / base:.1f}× | "
            f"{min(errs):+.2%} to {max(errs):+.2%} | {peak:,.0f} (+{peak - parent:,.0f}) |")  # fmt: skip
    say()
    say("Per hub (search + polygon, ms; area error):")
    say()
    say("| hub | exact km² | " + " | ".join(results) + " |")
    say("|---|---:|" + "---:|" * len(results))
    for o in origins:
        cells = []
        for res, _, _ in results.values():
            v = res[o.code]
            cells.append(f"{(v[0] + v[1]) * 1e3:,.0f} ({v[2] / exact[o.code] - 1:+.2%})")
        say(f"| {o.code} | {exact[o.code]:,.0f} | " + " | ".join(cells) + " |")
    nx_nodes = {k: v[3] for k, v in results["networkx ego_graph + OSMnx example"][0].items()}
    reached = {
        o.code: int(np.isfinite(ga.search(net.csr("time"), np.array([o.snap.node]),
                                          np.array([o.snap.access_s]), limit=SECONDS)[0]).sum())
        for o in origins
    }  # fmt: skip
    say()
    say("Reached nodes, portgeo / ego_graph: " + ", ".join(
        f"{k} {reached[k]:,} / {nx_nodes[k]:,}" for k in reached))  # fmt: skip
    say()

    # ---- the filled shape (the default) ---------------------------------------------------
    filled, fpeak, fparent = in_fork(lambda: run_portgeo_filled(net, origins, reps))
    say(f"## 2-hour filled catchments (the access model, the default), {n_hubs}")
    say()
    say(f"egress {settings.egress_speed_kmh:g} km/h, cap {settings.egress_max_m / 1e3:g} km. "
        "Raster against portgeo's exact GEOS union of the same discs (method='vector', "
        "quad_segs=8; tests/test_catchment_accuracy.py checks the raster against an independent "
        f"quad_segs=32 union). Peak RSS {fpeak:,.0f} MB (+{fpeak - fparent:,.0f}).")  # fmt: skip
    say()
    say(
        "| hub | search ms | polygon ms (raster) | area km² | vector polygon s | raster vs vector |"
    )
    say("|---|---:|---:|---:|---:|---:|")
    for k, (t_s, t_p, a, t_v, a_v) in filled.items():
        say(
            f"| {k} | {t_s * 1e3:.1f} | {t_p * 1e3:.1f} | {a:,.0f} | {t_v:.2f} | {a / a_v - 1:+.2%} |"
        )
    say()

    # ---- portgeo's own tasks on all hubs --------------------------------------------------
    say(f"## {'All ' if not args.quick else ''}{len(hubs)} hub airport{'s' if len(hubs) > 1 else ''} "
        f"({hubs['hub_id'].nunique()} hub cit{'ies' if hubs['hub_id'].nunique() > 1 else 'y'} "
        "of 专栏4)")  # fmt: skip
    say()
    for shape in ("filled", "roads"):
        t0 = time.perf_counter()
        gdf = c.compute_catchments(net, hubs, kinds=("distance", "time"), shape=shape,
                                   progress=False)  # fmt: skip
        say(f"- compute_catchments, 2 h + 200 km, shape={shape}: {time.perf_counter() - t0:.2f} s "
            f"({len(gdf)} polygons, all valid: {bool(gdf.geometry.is_valid.all())})")  # fmt: skip
        if shape == "filled":
            t0 = time.perf_counter()
            ov = cov.catchment_overlaps(gdf, kind="time")
            say(f"- catchment_overlaps (2 h, filled): {time.perf_counter() - t0:.2f} s, "
                f"{len(ov)} overlapping pairs")  # fmt: skip
    t0 = time.perf_counter()
    reach = cov.reach_from_sources(net, hubs)
    say(f"- reach_from_sources (every node: minutes and km to the nearest hub): "
        f"{time.perf_counter() - t0:.2f} s; nodes within 2 h: {(reach['minutes'] <= 120).mean():.1%}")  # fmt: skip
    if not args.no_national:
        for shape in ("filled", "roads"):
            t0 = time.perf_counter()
            unc = cov.uncovered_area(net, hubs, shape=shape).set_index("part")
            t_r = time.perf_counter() - t0
            t0 = time.perf_counter()
            unc_v = cov.uncovered_area(net, hubs, shape=shape, method="vector").set_index("part")
            t_v = time.perf_counter() - t0
            a, a_v = unc.loc["covered", "area_km2"], unc_v.loc["covered", "area_km2"]
            say(f"- uncovered_area (2 h, {'all ' if not args.quick else ''}{len(hubs)} hubs, within China), shape={shape}: raster "
                f"{t_r:.2f} s, covered {a:,.0f} km²; exact GEOS union (method='vector') "
                f"{t_v:.1f} s, covered {a_v:,.0f} km²; raster {a / a_v - 1:+.2%}")  # fmt: skip
    say()
    say(f"Peak RSS of the parent process: {peak_mb():,.0f} MB. Whole run: "
        f"{time.perf_counter() - t_run:.0f} s.")  # fmt: skip
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    load = Path("/proc/loadavg").read_text().split()[:3]
    say(f"Machine: {platform.machine()}, {nproc} cores, shared with other work (load average "
        f"at the end {' '.join(load)}); Python {platform.python_version()}.")  # fmt: skip

    if args.write:
        out = ROOT / "benchmarks" / "RESULTS.md"
        out.write_text(
            "# Catchment benchmark results\n\n"
            "Measured with `pip install python-igraph` (the igraph peer; portgeo does not depend "
            "on it) and `python benchmarks/bench_catchments.py --write` "
            f"({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}); what is compared and how "
            "is in the script's docstring. The machine has 2 cores and is shared with other "
            "engineers' work: compare the methods within this run, not with other runs; every "
            "figure below comes from this one run.\n\n" + "\n".join(lines) + "\n",
            encoding="utf-8",
        )
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
