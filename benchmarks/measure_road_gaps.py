"""Measure how far China's ground lies from the offline major-road graph (the egress cap's basis).

Run from the repository root::

    python benchmarks/measure_road_gaps.py [--cell-m 500]
    python benchmarks/measure_road_gaps.py --quick     # a 10 km grid: checks that it runs

Every road segment of the offline graph (ferries left out) is sampled every quarter cell onto a
grid in China's Albers equal-area projection; a Euclidean distance transform gives each grid
cell's distance to the nearest sample (within about half a cell of the distance to the road).
Printed: the share of China's ground (its polygon, Taiwan and the islands included) within 2, 5,
8, 10, 15 and 20 km of a road, and the median, for all of China and for its east and west.
``portgeo.settings.egress_max_m`` quotes these figures.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import shapely
from scipy import ndimage

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from portgeo import settings  # noqa: E402
from portgeo.geo.polygons import CHINA_ALBERS, proj_transformer  # noqa: E402
from portgeo.layout.boundaries import china_polygon  # noqa: E402
from portgeo.roads import load_network  # noqa: E402

QUICK_CELL_M = 10_000.0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cell-m", type=float, default=500.0, help="grid cell (metres)")
    ap.add_argument("--quick", action="store_true",
                    help=f"a {QUICK_CELL_M / 1e3:g} km grid: checks that the script runs (the test "
                    "suite); its shares are too coarse to quote")  # fmt: skip
    args = ap.parse_args()
    cell = QUICK_CELL_M if args.quick else args.cell_m
    settings.progress = False
    net = load_network("offline", ferries=False)
    tr = proj_transformer(CHINA_ALBERS)
    china = china_polygon()
    china_p = shapely.transform(china, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))
    s = net.seg_xy
    x0, y0 = tr.transform(s[:, 0], s[:, 1])
    x1, y1 = tr.transform(s[:, 2], s[:, 3])
    minx, miny, maxx, maxy = china_p.bounds
    nx, ny = int((maxx - minx) / cell) + 1, int((maxy - miny) / cell) + 1
    length = np.hypot(x1 - x0, y1 - y0)
    n = np.maximum(np.ceil(length / (cell / 4)).astype(np.int64), 1)
    rep = np.repeat(np.arange(length.size), n + 1)
    t = (np.arange(rep.size) - np.repeat(np.r_[0, np.cumsum(n + 1)[:-1]], n + 1)) / np.repeat(
        n, n + 1
    )
    ix = np.rint((x0[rep] + t * (x1 - x0)[rep] - minx) / cell).astype(np.int64)
    iy = np.rint((y0[rep] + t * (y1 - y0)[rep] - miny) / cell).astype(np.int64)
    ok = (ix >= 0) & (ix < nx) & (iy >= 0) & (iy < ny)
    roads = np.zeros((ny, nx), dtype=bool)
    roads[iy[ok], ix[ok]] = True
    dist_km = ndimage.distance_transform_edt(~roads) * cell / 1000.0
    gx, gy = np.meshgrid(minx + np.arange(nx) * cell, miny + np.arange(ny) * cell)
    inside = shapely.contains_xy(china_p, gx, gy)
    lon, lat = tr.transform(gx, gy, direction="INVERSE")
    print(f"offline graph {net.source}; grid {cell:g} m in {CHINA_ALBERS}")
    if args.quick:
        print("--quick: a coarse grid checks that the script runs; do not quote these shares")
    regions = {
        "China": inside,
        "east of 105 E, south of 42 N": inside & (lon > 105) & (lat < 42),
        "west of 100 E": inside & (lon < 100),
    }
    for name, sel in regions.items():
        d = dist_km[sel]
        shares = ", ".join(f"{k} km {np.mean(d <= k):.0%}" for k in (2, 5, 8, 10, 15, 20))
        print(
            f"{name}: {sel.sum() * cell * cell / 1e6:,.0f} km²; within {shares}; "
            f"median {np.median(d):.1f} km"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
