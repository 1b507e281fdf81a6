"""Measure the offline network's drive times against published real trips (the drive band).

Run from the repository root::

    python benchmarks/measure_drive_band.py            # every trip; prints the table and the band
    python benchmarks/measure_drive_band.py --quick    # 3 trips: checks that the script runs
    python benchmarks/measure_drive_band.py --write    # also rewrite data/rules/drive_time_band.yaml

Each trip of ``data/rules/drive_time_trips.csv`` (published drive minutes between two named
points, with its source) is routed on the offline network exactly as the admission check routes
a drive: :func:`portgeo.rules.admission.router.as_router` on
:func:`portgeo.roads.load_network`, then ``fastest_route`` (snap legs at the access speed
included). The ratio ``network minutes / published minutes`` of every trip is printed with the
network's road km; the band is their min–max and their 5th–95th percentile (linear
interpolation). ``--write`` records the min–max band, both figures and the trips in the band
file that :func:`portgeo.rules.admission.margins.load_drive_band` reads.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from portgeo import settings  # noqa: E402
from portgeo.geo.geodesy import geodesic_distance_m  # noqa: E402
from portgeo.roads import load_network  # noqa: E402
from portgeo.rules.admission.margins import (  # noqa: E402
    TRIPS_FILE,
    drive_band_path,
    load_drive_trips,
)
from portgeo.rules.admission.router import as_router  # noqa: E402

QUICK_TRIPS = 3


def measure_trips(trips: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, object]]:
    """Route every trip on the offline network; return the table and the network's description."""
    net = load_network("offline")
    router = as_router(net)
    assert router is not None
    rows = []
    for t in trips.itertuples():
        o = (float(t.origin_lon), float(t.origin_lat))
        d = (float(t.destination_lon), float(t.destination_lat))
        route = router.fastest_route(o, d)
        minutes = float(t.published_min)
        rows.append({
            "trip_id": t.trip_id, "straight_km": round(float(geodesic_distance_m(o[0], o[1], d[0], d[1])) / 1000, 1),
            "published_km": t.published_km, "network_km": round(float(route["road_km"]), 1),
            "published_min": minutes, "network_min": round(float(route["drive_min"]), 1),
            "ratio": round(float(route["drive_min"]) / minutes, 3),
        })  # fmt: skip
    speeds = net.metadata.get("speeds") or {}
    return pd.DataFrame(rows), {"source": net.source, "speed_kmh": speeds.get("effective_kmh"),
                                "access_kmh": speeds.get("access_kmh")}  # fmt: skip


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--quick",
        action="store_true",
        help=f"measure the first {QUICK_TRIPS} trips only (checks that it runs)",
    )
    ap.add_argument(
        "--write",
        action="store_true",
        help="write the band to data/rules/drive_time_band.yaml (not with --quick)",
    )
    ap.add_argument("--measured", default=date.today().isoformat(),
                    help="date written as 'measured' (default today)")  # fmt: skip
    args = ap.parse_args()
    if args.quick and args.write:
        ap.error("--write needs every trip; drop --quick")
    settings.progress = False
    trips = load_drive_trips()
    if args.quick:
        trips = trips.head(QUICK_TRIPS)
    table, net = measure_trips(trips)
    with pd.option_context("display.width", 160, "display.max_rows", 200):
        print(table.to_string(index=False))
    r = table["ratio"].to_numpy(float)
    lo, hi = float(r.min()), float(r.max())
    p5, p95 = (float(x) for x in np.percentile(r, [5, 95]))
    print(f"\nnetwork: {net['source']}, one effective speed {net['speed_kmh']} km/h")
    print(f"trips: {r.size}; ratio network/published: median {np.median(r):.3f}")
    print(f"band min-max: {lo:.3f}-{hi:.3f}; 5th-95th percentile: {p5:.3f}-{p95:.3f}")
    if args.write:
        path = drive_band_path()
        entry = {
            "source": net["source"],
            "speed_model": f"one effective speed {net['speed_kmh']:g} km/h "
                           f"(snap legs at {net['access_kmh']:g} km/h)",
            "speed_kmh": float(net["speed_kmh"]),
            "band": {"low": round(lo, 3), "high": round(hi, 3), "method": "min-max"},
            "percentile_5_95": {"low": round(p5, 3), "high": round(p95, 3),
                                "method": "5th-95th percentile, linear interpolation"},
            "median": round(float(np.median(r)), 3),
            "n_trips": int(r.size),
            "measured": args.measured,
            "trips_file": "/".join(TRIPS_FILE),
            "measured_with": "python benchmarks/measure_drive_band.py --write",
            "ratios": {str(k): float(v) for k, v in zip(table["trip_id"], table["ratio"],
                                                          strict=True)},
        }  # fmt: skip
        head = ("# Drive-time bands: network minutes / published minutes on the trips of\n"
                "# drive_time_trips.csv, one entry per network source. Written by\n"
                "# benchmarks/measure_drive_band.py --write; read by\n"
                "# portgeo.rules.admission.margins.load_drive_band. A source with no entry is\n"
                "# 'not measured'. See README.md (drive_time_band.yaml).\n")  # fmt: skip
        body = yaml.safe_dump({"networks": [entry]}, allow_unicode=True, sort_keys=False)
        path.write_text(head + body, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
