"""Benchmark: a 100,000-row ``check-airport --batch`` (chunked, one field) beside the row-by-row path.

Run from the repository root::

    python benchmarks/bench_batch_scale.py            # 100,000 rows; 2,000 row by row
    python benchmarks/bench_batch_scale.py --write    # also write its section of RESULTS_batch.md
    python benchmarks/bench_batch_scale.py --quick    # 300 rows, 40 row by row, once: a smoke run

Candidates: ``--n`` points drawn uniformly (seed 2018) inside China's official boundary (so
some fall in Hong Kong, Macao, Taiwan or far from any road, and get their error rows), written
to a CSV file ``name,lat,lon``; offline road network; the register at the run's date.

- **chunked field** (the command line): ``portgeo check-airport --batch FILE --out OUT`` in its own
  process, measured with ``/usr/bin/time -v`` (wall time, peak resident memory) when it exists,
  else from inside the process; run ``--repeat`` times, the fastest kept;
- **row by row** (the peer): :func:`portgeo.rules.admission.check_airports` with
  ``keep_results=True`` (one :func:`check_airport`, one road search, per row) on the file's first
  ``--sample`` rows, in its own process (its setup, the network and the register, timed apart);
  its time for ``--n`` rows is **extrapolated** (setup + checks x n / sample) and labelled so;
- **identical verdicts**: the chunked output's first ``--sample`` rows against the row-by-row
  output, verdict by verdict and cell by cell (numbers within 0.11).

A warm-up run of the command line on 50 rows first fills the on-disk caches.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from portgeo.cli import main as cli_main  # noqa: E402
from portgeo.layout.boundaries import china_polygon  # noqa: E402
from portgeo.roads import load_network  # noqa: E402
from portgeo.rules.admission import check_airports, load_admission_rule  # noqa: E402
from portgeo.rules.admission.check import resolve_open_ports  # noqa: E402

SEED = 2018
SECTION = "## A batch that scales (`benchmarks/bench_batch_scale.py`)"


def write_candidates(n: int, path: Path) -> None:
    """Write ``n`` seeded random points inside China's boundary as a batch file."""
    poly = china_polygon()
    shapely.prepare(poly)
    rng = np.random.default_rng(SEED)
    minx, miny, maxx, maxy = poly.bounds
    lons, lats = np.zeros(0), np.zeros(0)
    while lons.size < n:
        lo, la = rng.uniform(minx, maxx, n), rng.uniform(miny, maxy, n)
        ok = shapely.contains_xy(poly, lo, la)
        lons, lats = np.r_[lons, lo[ok]], np.r_[lats, la[ok]]
    pd.DataFrame({"name": [f"p{i}" for i in range(n)], "lat": lats[:n].round(5),
                  "lon": lons[:n].round(5)}).to_csv(path, index=False)  # fmt: skip


def run_cli(src: Path, out: Path) -> dict:
    """Run the command line on a batch file in a fresh process: wall time and peak RSS."""
    cmd = [sys.executable, "-m", "portgeo", "check-airport", "--batch", str(src), "--out", str(out)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    timer = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    if timer:
        proc = subprocess.run([timer, "-v", *cmd], capture_output=True, text=True, env=env,
                              check=True)  # fmt: skip
        wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", proc.stderr)
        rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
        assert wall and rss, proc.stderr[-1000:]
        parts = [float(p) for p in wall.group(1).split(":")]
        seconds = sum(p * 60**i for i, p in enumerate(reversed(parts)))
        return {"seconds": seconds, "peak_mb": int(rss.group(1)) / 1024.0,
                "how": "/usr/bin/time -v", "said": proc.stdout.strip()}  # fmt: skip
    proc = subprocess.run([sys.executable, __file__, "--one", "cli", "--src", str(src), "--out",
                           str(out)], capture_output=True, text=True, env=env, check=True)  # fmt: skip
    return {**json.loads(proc.stdout.strip().splitlines()[-1]), "how": "getrusage in the process"}


def run_one(method: str, src: Path, out: Path, sample: int) -> dict:
    """Run one method in this process (``cli`` or ``row-by-row``)."""
    t0 = time.perf_counter()
    if method == "cli":
        code = cli_main(["check-airport", "--batch", str(src), "--out", str(out)])
        assert code == 0
    else:
        df = pd.read_csv(src, dtype={"iata": str, "name": str}, nrows=sample)  # the file it wrote
        rule = load_admission_rule()
        ops = resolve_open_ports(None, as_of=None, rule=rule)
        net = load_network("offline")
        t1 = time.perf_counter()
        res = check_airports(df, open_ports=ops, network=net, rule=rule, progress=False,
                             keep_results=True).drop(columns="result")  # fmt: skip
        t2 = time.perf_counter()
        res.to_csv(out, index=False)
        return {"seconds": time.perf_counter() - t0, "setup_s": t1 - t0, "check_s": t2 - t1,
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0}  # fmt: skip
    return {"seconds": time.perf_counter() - t0, "said": "",
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0}  # fmt: skip


def compare(chunked: Path, rows: Path) -> dict:
    """Compare the row-by-row output with the chunked output's first rows."""
    y = pd.read_csv(rows)
    x = pd.read_csv(chunked, nrows=len(y))
    bad = 0
    for col in y.columns:
        u, v = x[col], y[col]
        if pd.api.types.is_numeric_dtype(u) and pd.api.types.is_numeric_dtype(v):
            diff = ~(((u - v).abs() <= 0.11) | (u.isna() & v.isna()))
        else:
            diff = u.astype(object).fillna("").astype(str) != v.astype(object).fillna("").astype(
                str
            )
        bad += int(diff.sum())
    return {
        "rows": len(y),
        "verdicts_differ": sum(
            int((x[c].fillna("") != y[c].fillna("")).sum())
            for c in ("verdict", "verdict_other_reading")
        ),
        "cells_differ": bad,
        "verdicts": y["verdict"].value_counts().to_dict(),
    }  # fmt: skip


def write_section(text: str) -> None:
    """Put this benchmark's section into RESULTS_batch.md (replacing an earlier one)."""
    path = ROOT / "benchmarks" / "RESULTS_batch.md"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    head = old.split(SECTION)[0].rstrip("\n")
    path.write_text((head + "\n\n" if head else "") + text, encoding="utf-8")


def main() -> None:
    """Run both paths in subprocesses, compare them and print (optionally write) the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000, help="rows of the batch (default 100,000)")
    ap.add_argument("--sample", type=int, default=2_000, help="rows checked row by row")
    ap.add_argument("--repeat", type=int, default=3, help="runs of the command line (fastest kept)")
    ap.add_argument("--quick", action="store_true", help="300 rows, 40 row by row, one run")
    ap.add_argument("--write", action="store_true", help="write the section of RESULTS_batch.md")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--src", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, Path(args.src), Path(args.out), args.sample)))
        return
    if args.quick:
        args.n, args.sample, args.repeat = 300, 40, 1
    sample = min(args.sample, args.n)
    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench_batch_scale_{os.getpid()}"
    tmp.mkdir(parents=True, exist_ok=True)
    load0 = os.getloadavg()
    src = tmp / "candidates.csv"
    write_candidates(args.n, src)
    write_candidates(50, tmp / "warm.csv")
    run_cli(tmp / "warm.csv", tmp / "warm_out.csv")  # fill the on-disk caches
    runs = [run_cli(src, tmp / "chunked.csv") for _ in range(args.repeat)]
    best = min(runs, key=lambda r: r["seconds"])
    peak = max(r["peak_mb"] for r in runs)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, __file__, "--one", "row-by-row", "--src", str(src),
                           "--out", str(tmp / "rows.csv"), "--sample", str(sample)],
                          capture_output=True, text=True, env=env, check=True)  # fmt: skip
    rows = json.loads(proc.stdout.strip().splitlines()[-1])
    same = compare(tmp / "chunked.csv", tmp / "rows.csv")
    load1 = os.getloadavg()
    extrapolated = rows["setup_s"] + rows["check_s"] * args.n / sample
    times = [f"{r['seconds']:.1f}" for r in runs]
    lines = [
        SECTION,
        "",
        f"Run {dt.date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; load average {load0[0]:.1f} at the start and "
        f"{load1[0]:.1f} at the end (other processes were running when it is above ~0.5); "
        f"offline road network; {args.n:,} points drawn uniformly inside China's boundary "
        f"(seed {SEED}).",
        "",
        "| path | rows | wall time (s) | per row (ms) | peak RSS (MB) |",
        "|---|---:|---:|---:|---:|",
        f"| chunked field: `portgeo check-airport --batch` ({best['how']}; fastest of "
        f"{len(runs)}: {', '.join(times)} s) | {args.n:,} | "
        f"{best['seconds']:.1f} | {1000 * best['seconds'] / args.n:.2f} | {peak:.0f} |",
        f"| row by row: `check_airports(keep_results=True)`, measured (setup "
        f"{rows['setup_s']:.1f} s + checks {rows['check_s']:.1f} s) | {sample:,} | "
        f"{rows['seconds']:.1f} | {1000 * rows['check_s'] / sample:.1f} | {rows['peak_mb']:.0f} |",
        f"| row by row, **extrapolated** (setup + checks x {args.n:,} / {sample:,}) | {args.n:,} | "
        f"~{extrapolated:,.0f} | | |",
        "",
        f"Speed-up on {args.n:,} rows (against the extrapolation): "
        f"~{extrapolated / best['seconds']:.0f}x. On the first {same['rows']:,} rows, verdicts "
        f"that differ between the two paths (both readings): **{same['verdicts_differ']}**; cells "
        f"that differ (numbers within 0.11): **{same['cells_differ']}**. Verdicts of the sample: "
        f"{same['verdicts']}.",
        "",
        f"The command line said: `{best['said']}`",
        "",
        "Target (issue 18, part 7): 100,000 rows in under 60 s with under 2 GB peak RSS. Before "
        "the change (same machine, 2026-12-07, same kind of file, load ~4): 392 s wall, "
        "1,460 MB peak RSS, `/usr/bin/time -v`.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    print(f"verdicts differ: {same['verdicts_differ']}")
    if args.write:
        write_section(text)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
