"""Measure every map's file size and browser load time (self-contained, no basemap).

Usage (needs /usr/bin/chromium)::

    python benchmarks/measure_maps.py [--out /tmp/portgeo-maps] [--basemap none] [--runs 3]

Prints a Markdown table: build time, file size, and the median time from navigation start until
Leaflet has drawn the layer control (``performance.now()`` after ``load``), over ``--runs`` loads.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from portgeo.maps.export import save_map
from portgeo.maps.registry import build_map, map_specs

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update"]  # fmt: skip


def main() -> None:
    """Build, save and time every map."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=Path("/tmp/portgeo-maps"))
    ap.add_argument("--basemap", default="none")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    rows = []
    for slug in map_specs():
        t0 = time.perf_counter()
        m = build_map(slug, basemap=args.basemap)
        path = save_map(m, args.out / f"{slug}.html", self_contained=True)
        rows.append([slug, time.perf_counter() - t0, path.stat().st_size / 1e6, path])
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for row in rows:
            times = []
            for _ in range(args.runs):
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.goto(row[3].as_uri(), wait_until="load")
                page.wait_for_selector(".leaflet-control-layers")
                times.append(page.evaluate("performance.now()") / 1000)
                page.close()
            row.append(statistics.median(times))
        browser.close()
    print("| map | build (s) | size (MB) | load in chromium (s) |")
    print("|---|---:|---:|---:|")
    for slug, build_s, mb, _, load_s in rows:
        print(f"| {slug} | {build_s:.1f} | {mb:.2f} | {load_s:.2f} |")


if __name__ == "__main__":
    main()
