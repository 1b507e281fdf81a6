"""Benchmark: 1,000 candidate airports, one SpacingField vs one check per candidate; the surface.

Run from the repository root::

    python benchmarks/bench_batch.py              # print the table
    python benchmarks/bench_batch.py --write      # also write benchmarks/RESULTS_batch.md

Candidates: every airport of ``airportsdata`` in mainland China with an IATA code, then points
drawn uniformly (seed 2021) over mainland China up to ``--n`` (default 1,000), on the offline
road network, against the register at the run's date.

- **field**: :func:`portgeo.rules.admission.check_airports` (one search per opened air port,
  then every candidate read from the field);
- **per candidate** (the peer, today's method and what ``keep_results=True`` still does): one
  :func:`portgeo.rules.admission.check_airport` per row, each with its own road search;
- **surface**: :class:`SpacingField` build and :func:`eligibility_surface` at 5 km.

Each method runs in its own process (a fresh interpreter with warm on-disk caches), so its peak
resident memory is its own. The two batch outputs are compared row by row.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from portgeo.layout.boundaries import mainland_polygon  # noqa: E402
from portgeo.roads import load_network  # noqa: E402
from portgeo.rules.admission import (  # noqa: E402
    check_airports,
    load_admission_rule,
    load_open_air_ports,
)
from portgeo.rules.admission.eligibility import SpacingField  # noqa: E402
from portgeo.rules.admission.register import as_of_date  # noqa: E402
from portgeo.rules.admission.surface import eligibility_surface  # noqa: E402
from portgeo.sites import airportsdata_by_iata  # noqa: E402

SEED = 2021


def candidates(n: int) -> pd.DataFrame:
    """The benchmark's candidates: real airports first, then seeded random points."""
    land = mainland_polygon()
    shapely.prepare(land)
    rows = [
        {"name": v["name"], "iata": k, "lat": v["lat"], "lon": v["lon"]}
        for k, v in sorted(airportsdata_by_iata().items())
        if v.get("country") == "CN" and shapely.contains_xy(land, v["lon"], v["lat"])
    ][:n]
    rng = np.random.default_rng(SEED)
    minx, miny, maxx, maxy = land.bounds
    while len(rows) < n:
        lon, lat = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if shapely.contains_xy(land, lon, lat):
            rows.append({"name": f"random {len(rows)}", "iata": None, "lat": lat, "lon": lon})
    return pd.DataFrame(rows)


def run_one(method: str, n: int, out: Path, cell_km: float = 5.0) -> dict:
    """Run one method in this process; write its batch output to ``out``."""
    cands = candidates(n)
    net = load_network("offline")
    rule = load_admission_rule()
    ops = load_open_air_ports(None, as_of=as_of_date(None), kinds=rule.opened_kinds)
    t0 = time.perf_counter()
    info: dict = {"method": method, "n": len(cands), "network": net.source, "ports": len(ops.table)}
    if method == "surface":
        field = SpacingField.build(net, ops, rule)
        t1 = time.perf_counter()
        surf = eligibility_surface(field, cell_km=cell_km)
        info.update(build_s=t1 - t0, surface_s=time.perf_counter() - t1,
                    cells=int(surf["cells"].sum() // 2))  # fmt: skip
        info["area_km2"] = {
            f"{r['reading']}/{r['class']}": round(float(r["area_km2"])) for _, r in surf.iterrows()
        }
    else:
        res = check_airports(cands, open_ports=ops, network=net, rule=rule, progress=False,
                             keep_results=(method == "per-candidate"))  # fmt: skip
        res = res.drop(columns=["result"], errors="ignore")
        res.to_csv(out, index=False)
        info["verdicts"] = res["verdict"].value_counts().to_dict()
    info["seconds"] = time.perf_counter() - t0
    info["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return info


def compare(a: Path, b: Path) -> int:
    """Count cells that differ between two batch outputs (numbers within 0.11)."""
    x, y = pd.read_csv(a), pd.read_csv(b)
    bad = 0
    for col in y.columns:
        u, v = x[col], y[col]
        numeric = [pd.api.types.is_numeric_dtype(w) and not pd.api.types.is_bool_dtype(w)
                   for w in (u, v)]  # fmt: skip
        if all(numeric):
            diff = ~(((u - v).abs() <= 0.11) | (u.isna() & v.isna()))
        else:
            diff = u.astype(object).fillna("").astype(str) != v.astype(object).fillna("").astype(
                str
            )
        bad += int(diff.sum())
    return bad


def main() -> None:
    """Run every method in a subprocess and print (and optionally write) the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--quick", action="store_true",
                    help="a smoke run: 20 candidates, the surface at 50 km, once; not for --write")  # fmt: skip
    ap.add_argument("--cell-km", type=float, default=5.0, help=argparse.SUPPRESS)
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.quick:
        if args.write:
            ap.exit(
                2, "bench_batch.py: --quick figures are not for RESULTS_batch.md; drop --write\n"
            )
        args.n, args.cell_km = 20, 50.0
    if args.one:
        print(json.dumps(run_one(args.one, args.n, Path(args.out), args.cell_km)))
        return
    tmp = Path(os.environ.get("TMPDIR", "/tmp"))
    # warm the on-disk caches once so every method sees the same start
    subprocess.run([sys.executable, __file__, "--one", "field", "--n", "10", "--out",
                    str(tmp / "bench_batch_warm.csv")], check=True, capture_output=True)  # fmt: skip
    results = {}
    for method in ("field", "per-candidate", "surface"):
        out = tmp / f"bench_batch_{method}.csv"
        proc = subprocess.run([sys.executable, __file__, "--one", method, "--n", str(args.n),
                               "--out", str(out), "--cell-km", str(args.cell_km)],
                              check=True, capture_output=True, text=True)  # fmt: skip
        results[method] = json.loads(proc.stdout.strip().splitlines()[-1])
        print(method, results[method], flush=True)
    differ = compare(tmp / "bench_batch_field.csv", tmp / "bench_batch_per-candidate.csv")
    f, p, s = results["field"], results["per-candidate"], results["surface"]
    lines = [
        "# Batch check and eligibility surface (`benchmarks/bench_batch.py`)",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"network `{f['network']}`; {f['ports']} opened air ports in the comparison set; "
        f"{f['n']} candidates (the mainland airports of airportsdata, then random points, seed {SEED}).",
        "",
        "| method | wall time (s) | per candidate (ms) | peak RSS (MB) |",
        "|---|---:|---:|---:|",
        f"| field: `check_airports` (one search per opened port) | {f['seconds']:.1f} | "
        f"{1000 * f['seconds'] / f['n']:.1f} | {f['peak_mb']:.0f} |",
        f"| per candidate: `check_airport` per row (peer) | {p['seconds']:.1f} | "
        f"{1000 * p['seconds'] / p['n']:.1f} | {p['peak_mb']:.0f} |",
        "",
        f"Speed-up {p['seconds'] / f['seconds']:.1f}x. Cells that differ between the two outputs "
        f"(numbers compared within 0.11): **{differ}**. Verdicts: {f['verdicts']}.",
        "",
        f"National surface at {args.cell_km:g} km ({s['cells']:,} cells per reading): field build "
        f"{s['build_s']:.1f} s, surface {s['surface_s']:.1f} s, peak RSS {s['peak_mb']:.0f} MB. "
        f"Areas (km²): {s['area_km2']}.",
        "",
        "Targets (issue 10): 1,000 candidates under 30 s; the national surface under 60 s.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:  # keep the section of bench_batch_scale.py
        path = ROOT / "benchmarks" / "RESULTS_batch.md"
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        mark = "## A batch that scales"
        rest = old[old.index(mark) :] if mark in old else ""
        path.write_text(text + ("\n" + rest if rest else ""), encoding="utf-8")


if __name__ == "__main__":
    main()
