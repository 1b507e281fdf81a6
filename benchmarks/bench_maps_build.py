"""Cold and warm full builds of the maps, side by side, with peak memory (``/usr/bin/time -v``).

Usage::

    python benchmarks/bench_maps_build.py [--skip-install] [--write]
    python benchmarks/bench_maps_build.py --quick     # one map, no install: checks that it runs

Runs, each in a fresh process under ``/usr/bin/time -v``:

1. ``pip install --no-compile scgraph-data`` and ``pip install scgraph-data`` (bytecode compiled,
   pip's default) into a fresh virtual environment: the install step of
   ``scripts/build_maps.sh``, where the 5.0 GB peak of a fresh machine came from;
2. ``python -m portgeo maps --out DIR --self-contained`` on an empty cache folder (cold: the
   boundaries, coverages, belts, the offline road graph and the catchments are built), then
   again on the now warm cache.

``--write`` writes the table to ``benchmarks/RESULTS_maps.md``. Wall times depend on the
machine's load, which is printed (``os.getloadavg``) beside them. ``--quick`` (the test suite)
skips the installs and builds one map (``--only``) once, on the cache the environment names
(``PORTGEO_CACHE_DIR``, warm where portgeo has run before); it cannot ``--write``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUICK_MAP = "n14_c09_smart"


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """Run a command under /usr/bin/time -v: wall seconds, peak RSS in MB, stderr tail."""
    run = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True, env=env)
    err = run.stderr
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", err).group(1)
    parts = [float(p) for p in wall.split(":")]
    seconds = sum(p * 60**i for i, p in enumerate(reversed(parts)))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1)) / 1024
    return seconds, rss, err


def main() -> None:
    """Measure and print (or write) the table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--skip-install", action="store_true", help="only the map builds")
    ap.add_argument("--quick", action="store_true",
                    help=f"no installs, one map ({QUICK_MAP}): checks that the script runs "
                    "(the test suite)")  # fmt: skip
    args = ap.parse_args()
    if args.quick and args.write:
        ap.error("--quick builds one map: it cannot --write RESULTS_maps.md")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        if not (args.skip_install or args.quick):
            for label, flags in (
                ("pip install scgraph-data (bytecode, pip's default)", []),
                ("pip install --no-compile scgraph-data", ["--no-compile"]),
            ):
                venv = tmp_path / f"venv{len(rows)}"
                subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
                cmd = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
                       *flags, "scgraph-data>=2.0.0"]  # fmt: skip
                wall, rss, _ = timed(cmd)
                rows.append((label, wall, rss, os.getloadavg()[0]))
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        cmd = [sys.executable, "-m", "portgeo", "maps", "--out", str(tmp_path / "maps"),
               "--self-contained"]  # fmt: skip
        labels = ["cold full build (empty cache)", "warm full build (cache filled)"]
        if args.quick:
            cmd += ["--only", QUICK_MAP]
            labels = [f"build of {QUICK_MAP} (the environment's cache)"]
        else:
            env["PORTGEO_CACHE_DIR"] = str(tmp_path / "cache")
        for label in labels:
            wall, rss, _ = timed(cmd, env)
            rows.append((label, wall, rss, os.getloadavg()[0]))
        n = len([p for p in (tmp_path / "maps").glob("*.html") if p.name != "index.html"])
    lines = [
        f"Measured with `python benchmarks/bench_maps_build.py{' --write' if args.write else ''}"
        f"{' --quick' if args.quick else ''}`"
        f" ({dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC), {n} map{'s' if n != 1 else ''}, "
        f"`portgeo maps --out DIR --self-contained` (offline base). Each row is one process under "
        "`/usr/bin/time -v`.",
        "",
        "| step | wall (s) | peak RSS (MB) | load average (1 min) after |",
        "|---|---:|---:|---:|",
        *[f"| {label} | {wall:.1f} | {rss:,.0f} | {load:.2f} |" for label, wall, rss, load in rows],
        "",
        f"machine: {platform.machine()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores",
    ]
    text = "\n".join(lines)
    print(text)
    if args.write:  # the table; the notes below the marker are kept
        path = ROOT / "benchmarks" / "RESULTS_maps.md"
        marker = "\n## Where the memory goes"
        old = path.read_text(encoding="utf-8") if path.is_file() else ""
        notes = old[old.index(marker) :] if marker in old else ""
        path.write_text("# Map build benchmark\n\n" + text + "\n" + notes, encoding="utf-8")


if __name__ == "__main__":
    main()
