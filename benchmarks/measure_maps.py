"""Measure every map's file size and browser load time (self-contained, no basemap).

Usage (needs Chromium at ``portgeo.settings.chromium_path`` and playwright)::

    python benchmarks/measure_maps.py [--out /tmp/portgeo-maps] [--basemap none] [--runs 3]
    python benchmarks/measure_maps.py --quick    # one map, one load: checks that it runs

Prints a Markdown table: build time, file size, and the median time from navigation start until
Leaflet has drawn the layer control (``performance.now()`` after ``load``), over ``--runs`` loads.
``--quick`` (the test suite) builds one map into a temporary folder (unless ``--out`` is given)
and loads it once.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from portgeo.errors import BrowserError
from portgeo.maps.export import save_map
from portgeo.maps.registry import build_map, map_specs
from portgeo.maps.snapshot import CHROMIUM_ARGS, check_browser

QUICK_MAP = "n14_c09_smart"


def measure(slugs: list[str], out: Path, *, basemap: str, runs: int, chromium: Path) -> list[list]:
    """Build and save each map, then time ``runs`` loads of each in one headless Chromium."""
    from playwright.sync_api import sync_playwright  # optional: checked by check_browser

    rows: list[list] = []
    for slug in slugs:
        t0 = time.perf_counter()
        m = build_map(slug, basemap=basemap)
        path = save_map(m, out / f"{slug}.html", self_contained=True)
        rows.append([slug, time.perf_counter() - t0, path.stat().st_size / 1e6, path])
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=list(CHROMIUM_ARGS))
        for row in rows:
            times = []
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.goto(row[3].as_uri(), wait_until="load")
                page.wait_for_selector(".leaflet-control-layers")
                times.append(page.evaluate("performance.now()") / 1000)
                page.close()
            row.append(statistics.median(times))
        browser.close()
    return rows


def main() -> int:
    """Build, save and time every map (one with ``--quick``)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=None, help="default /tmp/portgeo-maps")
    ap.add_argument("--basemap", default="none")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--quick", action="store_true",
                    help=f"one map ({QUICK_MAP}), one load, a temporary folder: checks that the "
                    "script runs (the test suite)")  # fmt: skip
    args = ap.parse_args()
    try:
        chromium = check_browser()
    except BrowserError as exc:
        print(f"measure_maps: {exc}", file=sys.stderr)
        return 2
    slugs = [QUICK_MAP] if args.quick else list(map_specs())
    runs = 1 if args.quick else args.runs
    with tempfile.TemporaryDirectory(prefix="portgeo-maps-") as tmp:
        out = args.out or (Path(tmp) if args.quick else Path("/tmp/portgeo-maps"))
        rows = measure(slugs, out, basemap=args.basemap, runs=runs, chromium=chromium)
    print("| map | build (s) | size (MB) | load in chromium (s) |")
    print("|---|---:|---:|---:|")
    for slug, build_s, mb, _, load_s in rows:
        print(f"| {slug} | {build_s:.1f} | {mb:.2f} | {load_s:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
