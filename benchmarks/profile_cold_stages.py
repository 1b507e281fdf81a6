"""Time and peak memory of each stage of a cold map build, in one process, on a fresh cache.

Usage::

    PORTGEO_CACHE_DIR=$(mktemp -d) python benchmarks/profile_cold_stages.py
    python benchmarks/profile_cold_stages.py --quick   # one hub, one map: checks that it runs

Each stage runs the library call that the maps need first (boundaries, coverages, border
segments and belts, clusters, the offline road graph, catchments, the uncovered area), then
every map is built on the now warm caches. ``--quick`` (the test suite) computes one hub's
catchments and uncovered area and builds one map, on whatever cache ``PORTGEO_CACHE_DIR`` names. A thread samples the process's resident set size
every 20 ms, so each stage's peak counts native (GEOS, numpy) memory too, which tracemalloc
does not see.
"""

from __future__ import annotations

import argparse
import os
import threading
import time

import psutil

PROC = psutil.Process()
QUICK_HUB = "PEK"
QUICK_MAP = "n14_c09_smart"


class Peak:
    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, PROC.memory_info().rss)
            time.sleep(0.02)

    def __enter__(self) -> Peak:
        self.peak = PROC.memory_info().rss
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()
        self.peak = max(self.peak, PROC.memory_info().rss)


def stage(name: str, fn) -> None:
    t0 = time.perf_counter()
    c0 = time.process_time()
    with Peak() as p:
        fn()
    print(
        f"| {name} | {time.perf_counter() - t0:6.1f} | {time.process_time() - c0:6.1f} | "
        f"{p.peak / 2**20:7.0f} | {PROC.memory_info().rss / 2**20:7.0f} |",
        flush=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true",
                    help=f"one hub ({QUICK_HUB}) and one map ({QUICK_MAP}): checks that the "
                    "script runs (the test suite)")  # fmt: skip
    quick = ap.parse_args().quick
    print(f"cache: {os.environ.get('PORTGEO_CACHE_DIR')}")
    print("| stage | wall (s) | cpu (s) | peak RSS (MB) | RSS after (MB) |")
    print("|---|---:|---:|---:|---:|")
    state: dict = {}

    def imports():
        import portgeo.maps.registry  # noqa: F401

    stage("import portgeo.maps", imports)
    from portgeo.catalogue import load_catalogue
    from portgeo.layout import borders, boundaries
    from portgeo.layout.belts import build_belts
    from portgeo.layout.clusters import load_clusters
    from portgeo.layout.hubs import hub_airports
    from portgeo.maps.registry import build_map, map_specs
    from portgeo.roads.catchments import compute_catchments
    from portgeo.roads.coverage import uncovered_area
    from portgeo.roads.load import load_network

    stage("catalogue", load_catalogue)
    stage("boundary layers (cnmaps → WGS84)", boundaries.load_boundary)
    stage("coverage 1000 m", lambda: boundaries.load_simplified_coverage(tolerance_m=1000.0))
    stage("coverage 2000 m", lambda: boundaries.load_simplified_coverage(tolerance_m=2000.0))
    stage("border segments", borders.load_border_segments)
    stage("border belts", build_belts)
    stage("clusters", lambda: load_clusters(plan=load_catalogue().latest_plan("sea-layout")))
    stage("offline road graph", lambda: state.setdefault("net", load_network("offline")))
    plan = load_catalogue().latest_plan("air-layout")
    air = hub_airports(plan=plan)
    air = air[air.geometry.notna()].reset_index(drop=True)
    if quick:
        air = air[air["iata"] == QUICK_HUB].reset_index(drop=True)
    stage(
        "hub catchments",
        lambda: compute_catchments(state["net"], air, kinds=("circle", "time"), progress=False),
    )
    stage("uncovered area", lambda: uncovered_area(state["net"], air))

    def all_maps():
        for slug in [QUICK_MAP] if quick else map_specs():
            build_map(slug, basemap="none")

    stage(f"map {QUICK_MAP} (caches warm)" if quick else "every map (caches warm)", all_maps)
    print(
        f"peak RSS of the process: {PROC.memory_info().rss / 2**20:.0f} MB (now), "
        f"max {psutil.Process().memory_full_info().rss / 2**20:.0f}"
    )


if __name__ == "__main__":
    main()
