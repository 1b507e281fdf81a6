"""Benchmark: a road network from ``.osm.pbf``, the streaming pyosmium loader vs pyrosm, by size.

Run from the repository root (one run measures everything, side by side)::

    python benchmarks/bench_pbf.py --write          # also writes benchmarks/RESULTS_pbf.md
    python benchmarks/bench_pbf.py --quick          # one tiny file, one build per reader

What it does:

1. writes the synthetic extracts it lacks with ``benchmarks/make_synthetic_pbf.py`` (under
   ``--synthetic-dir``, default ``/work/cache-pbf/synthetic``; never in git);
2. measures every (size, reader) in a FRESH child process, one at a time: the build time inside
   the child around the build only (no interpreter start-up, no imports), and the child's peak
   resident memory from ``os.wait4`` (``ru_maxrss``, which also covers a child that was killed).
   Every child runs under an address-space cap (``RLIMIT_AS``, ``--cap-gb``, default 8) so that
   no reader can take the machine down; a reader that fails at one size is not tried on bigger
   ones;
3. fits time and peak memory of the pyosmium loader against the node count of the file (and
   the kept way nodes) and extrapolates them to a China-sized extract.

Readers:

- ``imports``: nothing but the imports (portgeo, pyrosm): the memory every child starts with;
- ``pyosmium``: ``load_network(path, cache=False)``, the default road classes (motorway ...
  tertiary and links), a complete :class:`~portgeo.roads.network.RoadNetwork`;
- ``pyosmium-all``: the same with every drivable class of the speed profile (adds
  unclassified, residential, living_street, service, road);
- ``pyrosm-frames``: ``pyrosm.OSM(path).get_network("driving", nodes=True)``, only pyrosm's
  GeoDataFrames of the driving network: the least any pyrosm-based loader must do;
- ``pyrosm``: what portgeo did with pyrosm before (those frames, the road filter,
  ``OSM.to_graph`` to networkx, ``network_from_graph``), to the same RoadNetwork as
  ``pyosmium``. (The old loader read the file a second time for ferries; not counted here.)

The pyrosm readers need ``pyrosm`` (a test extra, not a dependency of portgeo). ``--quick`` (the
test suite) writes one synthetic file of 20,000 nodes into a temporary folder, builds it once
with every reader (the pyrosm ones skipped, with a note, when pyrosm is not installed) and
prints the report; it cannot ``--write``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import make_synthetic_pbf as syn  # noqa: E402

DEFAULT_SIZES = (1e6, 2e6, 5e6, 10e6, 20e6, 40e6)
QUICK_SIZE = 2e4
READERS = ("imports", "pyosmium", "pyosmium-all", "pyrosm-frames", "pyrosm")
PYROSM_READERS = ("pyrosm-frames", "pyrosm")
HAS_PYROSM = importlib.util.find_spec("pyrosm") is not None
#: Node count assumed for ``china-latest.osm.pbf`` (see ``china_assumption`` in the report).
CHINA_NODES = 200e6
TARGET_S, TARGET_GB = 15 * 60.0, 8.0


# -- the child: one build, one reader, one file ---------------------------------------------------


def _hwm_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def _pyrosm_network(path: Path, out: dict[str, Any]) -> Any:
    """The pyrosm route portgeo used before pyosmium (kept here as the peer)."""
    from pyrosm import OSM

    from portgeo.roads.filters import keep_way, resolve_classes
    from portgeo.roads.sources.graph import network_from_graph

    classes = resolve_classes(None)
    t0 = time.perf_counter()
    osm = OSM(str(path))
    nodes, edges = osm.get_network(network_type="driving", nodes=True, extra_attributes=["route"])
    out["frames_s"] = round(time.perf_counter() - t0, 2)
    out["frames_hwm_mb"] = round(_hwm_mb())
    cols = [k for k in ("highway", "route", "access", "motor_vehicle", "motorcar", "area")
            if k in edges.columns]  # fmt: skip
    keep = [keep_way(t, classes) is not None for t in edges[cols].to_dict("records")]
    edges = edges[np.asarray(keep, dtype=bool)]
    graph = osm.to_graph(nodes, edges, graph_type="networkx", osmnx_compatible=True,
                         retain_all=True)  # fmt: skip
    del nodes, edges, osm
    return network_from_graph(graph, road_filter=classes, metadata={})


def child(reader: str, path: Path) -> None:
    """Build once and print one JSON line (run in a fresh process by :func:`measure`)."""
    from portgeo import settings
    from portgeo.roads import load_network
    from portgeo.roads.speeds import load_speed_profile

    settings.progress = False
    out: dict[str, Any] = {"reader": reader}
    if HAS_PYROSM:
        import pyrosm  # noqa: F401  (every child imports the same, outside the timed part)

    classes = list(load_speed_profile().limits_kmh)
    classes.remove("default")
    ru0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    if reader == "imports":
        net = None
    elif reader == "pyosmium":
        net = load_network(path, cache=False)
    elif reader == "pyosmium-all":
        net = load_network(path, cache=False, road_filter=classes)
    elif reader == "pyrosm-frames":
        from pyrosm import OSM

        nodes, edges = OSM(str(path)).get_network(network_type="driving", nodes=True)
        out.update(frame_nodes=len(nodes), frame_edges=len(edges))
        net = None
    elif reader == "pyrosm":
        net = _pyrosm_network(path, out)
    else:
        raise SystemExit(f"unknown reader {reader}")
    out["build_s"] = round(time.perf_counter() - t0, 3)
    ru1 = resource.getrusage(resource.RUSAGE_SELF)
    out["cpu_s"] = round(ru1.ru_utime + ru1.ru_stime - ru0.ru_utime - ru0.ru_stime, 2)
    out["hwm_mb"] = round(_hwm_mb())  # this process since exec: the peak of the build
    if net is not None:
        out.update(nodes=net.n_nodes, edges=net.n_edges, segments=int(net.seg_edge.size),
                   road_km=round(float(net.length_m.sum()) / 1e3, 1))  # fmt: skip
        if "pbf" in net.metadata:
            out["way_nodes"] = net.metadata["pbf"]["way_nodes"]
    print(json.dumps(out), flush=True)


# -- the parent ---------------------------------------------------------------------------------


def measure(reader: str, path: Path, *, cap_gb: float, timeout_s: float) -> dict[str, Any]:
    """Run one build in a fresh child under the memory cap; return its report and peak RSS."""
    cap = int(cap_gb * 1024**3)

    def limit() -> None:  # in the child, before exec
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--child", reader, str(path)],
            stdout=out, stderr=err, env=env, preexec_fn=limit,
        )  # fmt: skip
        status, usage, killed = 0, None, False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - t0 > timeout_s and not killed:
                proc.kill()
                killed = True
            time.sleep(0.1)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        lines = [ln for ln in out.read().splitlines() if ln.startswith("{")]
        tail = err.read().strip().splitlines()[-3:]
    rec: dict[str, Any] = json.loads(lines[-1]) if lines else {"reader": reader}
    # the child's own VmHWM when it finished; for a child that died, its ru_maxrss (which also
    # counts the parent's pages at fork: the parent stays small, a few tens of MB)
    rec["peak_mb"] = rec.get("hwm_mb") or round(usage.ru_maxrss / 1024.0)
    rec["process_s"] = round(wall, 1)
    if killed:
        rec["status"] = f"timeout after {timeout_s:.0f} s"
    elif proc.returncode != 0 or not lines:
        last = " / ".join(tail)[-300:]
        memory = any(
            w in last for w in ("MemoryError", "bad_alloc", "Cannot allocate", "Unable to allocate")
        )
        if memory:
            rec["status"] = f"out of memory at the {cap_gb:g} GB cap"
        elif proc.returncode < 0:
            rec["status"] = f"killed by signal {-proc.returncode} (under the {cap_gb:g} GB cap)"
        else:
            rec["status"] = f"failed (exit {proc.returncode})"
        rec["stderr_tail"] = last
    else:
        rec["status"] = "ok"
    return rec


def machine() -> dict[str, str]:
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo", encoding="ascii") as fh:
            names = [ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")]
        cpu = f"{names[0]} x {len(names)}" if names else cpu
    except OSError:
        pass
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            mem = f"{int(fh.readline().split()[1]) / 1024**2:.1f} GB"
    except OSError:
        mem = "?"
    import osmium.version

    pyrosm_version = "not installed"
    if HAS_PYROSM:
        import pyrosm

        pyrosm_version = getattr(pyrosm, "__version__", "?")
    return {
        "cpu": cpu,
        "ram": mem,
        "os": platform.platform(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "pyosmium": osmium.version.pyosmium_release,
        "libosmium": osmium.version.libosmium_version,
        "pyrosm": pyrosm_version,
    }


def fit_two(n: np.ndarray, r: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """Least squares on relative errors of ``y = a + b n + c r`` (n: nodes, r: kept way nodes).

    Relative errors, so that the small files (a second) count as much as the big ones.
    """
    w = 1.0 / np.asarray(y, dtype=float)
    design = np.column_stack([np.ones_like(n), n, r]) * w[:, None]
    sol, *_ = np.linalg.lstsq(design, np.asarray(y) * w, rcond=None)
    return float(sol[0]), float(sol[1]), float(sol[2])


def analyse(rows: list[dict[str, Any]], files: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """Fits of the pyosmium loader and their extrapolation to a China-sized extract.

    Time adds up: decoding every node of the file plus Python work per kept way node, so
    ``time = a + b N + c R`` (N: nodes of the file, R: kept way nodes) on every run of both
    filters. Memory is the larger of two phases: reading (the node-location index, ``i`` bytes
    per node of the file, and 16 bytes per kept way node) and building (``k`` bytes per kept way
    node, most of it the result): ``peak = max(a_read + i N + 16 R, a_build + k R)``, the
    intercepts holding the imports. ``i`` is fitted on the default-class runs (bound by
    reading), ``k`` on the all-class runs (bound by building).
    """
    out: dict[str, Any] = {"china_nodes": CHINA_NODES}
    base = [r["peak_mb"] for r in rows if r["reader"] == "imports" and r["status"] == "ok"]
    out["base_mb"] = float(np.median(base)) if base else 210.0
    pts = {}
    for reader in ("pyosmium", "pyosmium-all"):
        ok = [r for r in rows if r["reader"] == reader and r["status"] == "ok"]
        if len(ok) < 3:
            return out
        n = np.array([files[r["size"]]["nodes"] for r in ok], dtype=float)
        rr = np.array([r["way_nodes"] for r in ok], dtype=float)
        t = np.array([r["build_s"] for r in ok])
        m = np.array([r["peak_mb"] for r in ok], dtype=float)
        pts[reader] = (n, rr, t, m)
        out[reader] = {"share": float(np.median(rr / n)),
                       "loglog_time": float(np.polyfit(np.log(n), np.log(t), 1)[0])}  # fmt: skip
    n = np.concatenate([pts[k][0] for k in pts])
    rr = np.concatenate([pts[k][1] for k in pts])
    t = np.concatenate([pts[k][2] for k in pts])
    a, b, c = fit_two(n, rr, t)
    out["time"] = (a, b, c)
    out["time_resid"] = float(np.max(np.abs(t - (a + b * n + c * rr)) / t))
    cpu = np.concatenate([[r["cpu_s"] for r in rows if r["reader"] == k and r["status"] == "ok"]
                          for k in pts])  # fmt: skip
    ca, cb, cc = fit_two(n, rr, cpu)
    out["cpu"] = (ca, cb, cc)
    nd, rd, _, md = pts["pyosmium"]
    _, ra, _, ma = pts["pyosmium-all"]
    # reading-bound runs: peak - 16 B per way node = a_read + i N; building-bound: a_build + k R
    i, a_read = (float(v) for v in np.polyfit(nd, md - 16 * rd / 2**20, 1))
    k, a_build = (float(v) for v in np.polyfit(ra, ma, 1))
    out["mem"] = (a_read, i * 2**20, a_build, k * 2**20)

    def peak(nn: np.ndarray | float, r: np.ndarray | float) -> np.ndarray | float:
        r = np.asarray(r, dtype=float)
        return np.maximum(a_read + i * nn + 16 * r / 2**20, a_build + k * r)

    m_all = np.concatenate([md, ma])
    out["mem_resid"] = float(np.max(np.abs(m_all - peak(n, rr)) / m_all))
    china = []
    for reader in ("pyosmium", "pyosmium-all"):
        for factor in (1.0, 1.5):
            share = out[reader]["share"] * factor
            r = share * CHINA_NODES
            china.append({"reader": reader, "share": share, "minutes": (a + b * CHINA_NODES + c * r) / 60,
                          "cpu_minutes": (ca + cb * CHINA_NODES + cc * r) / 60,
                          "gb": float(peak(CHINA_NODES, r)) / 1024})  # fmt: skip
    out["china"] = china
    return out


def summary(rows: list[dict[str, Any]], files: dict[int, dict[str, Any]]) -> list[str]:
    """The headline comparisons, computed from the rows."""
    by = {(r["size"], r["reader"]): r for r in rows}
    ok = {k for k, r in by.items() if r["status"] == "ok"}
    out = []
    both = [s for s in sorted(files) if (s, "pyosmium") in ok and (s, "pyrosm") in ok]
    if both:
        s = both[-1]
        a, b = by[(s, "pyosmium")], by[(s, "pyrosm")]
        out.append(
            f"- On the largest file both loaders built ({files[s]['nodes'] / 1e6:.1f} M nodes), "
            f"pyosmium took {a['build_s']:.1f} s and {a['peak_mb']:,} MB, the former pyrosm route "
            f"{b['build_s']:.1f} s and {b['peak_mb']:,} MB: {b['build_s'] / a['build_s']:.1f}x the "
            f"time, {b['peak_mb'] / a['peak_mb']:.1f}x the memory."
        )
    for reader, what in (("pyrosm", "the pyrosm route to a RoadNetwork"),
                         ("pyrosm-frames", "pyrosm's own frames alone")):  # fmt: skip
        dead = [s for s in sorted(files) if (s, reader) in by and by[(s, reader)]["status"] != "ok"]
        if dead:
            r = by[(dead[0], reader)]
            out.append(f"- {what[0].upper() + what[1:]}: {r['status']} at {files[dead[0]]['nodes'] / 1e6:.1f} M "
                       f"nodes ({r['peak_mb']:,} MB resident when it failed).")  # fmt: skip
    big = max((s for s in sorted(files) if (s, "pyosmium") in ok), default=None)
    if big is not None:
        a, al = by[(big, "pyosmium")], by.get((big, "pyosmium-all"), {})
        out.append(
            f"- pyosmium on {files[big]['nodes'] / 1e6:.1f} M nodes: {a['build_s']:.1f} s, "
            f"{a['peak_mb']:,} MB (default classes); "
            + (f"{al['build_s']:.1f} s, {al['peak_mb']:,} MB (all drivable classes)." if al else "")
        )
    return out


def report(rows, files, fits, info, args, *, command: str, when: str, load: str) -> str:
    lines = ["# `.osm.pbf` loader benchmark: pyosmium (streaming) vs pyrosm", ""]
    lines += ["## Summary", "", *summary(rows, files)]
    if fits.get("china"):
        d = next(e for e in fits["china"] if e["reader"] == "pyosmium")
        al = next(e for e in fits["china"] if e["reader"] == "pyosmium-all")
        lines.append(
            f"- Extrapolated (not measured) to {CHINA_NODES / 1e6:.0f} M nodes: {d['minutes']:.1f} min and "
            f"{d['gb']:.1f} GB with the default classes, {al['minutes']:.1f} min and {al['gb']:.1f} GB "
            f"with all drivable classes (targets < {TARGET_S / 60:.0f} min, < {TARGET_GB:.0f} GB); "
            "see the fit below for the assumptions."
        )
    lines.append("")
    lines += [
        "Measured with `python benchmarks/bench_pbf.py --write` in ONE run, every build in a fresh",
        "child process, one at a time, on synthetic province-like extracts written by",
        "`benchmarks/make_synthetic_pbf.py` (seed 0). Build time = wall clock inside the child,",
        f"around the build only (no interpreter start, no imports), the fastest of {args.repeat}",
        "fresh runs (all runs listed); CPU = user + system time of that build. Peak memory = the",
        "child's peak resident set (`VmHWM`, imports included: about 210 MB for portgeo and its",
        "stack), the largest of the runs; for a child that died, its `ru_maxrss` from `os.wait4`.",
        "MB and GB are 2^20 and 2^30 bytes.",
        f"Every child ran under an address-space cap of {args.cap_gb:g} GB (`RLIMIT_AS`); a reader",
        "that failed at one size was not tried on bigger ones.",
        "",
        f"Command: `{command}`",
        "",
        "Machine: " + ", ".join(f"{k} {v}" for k, v in info.items()),
        f"Run: {when}. The machine is shared with other jobs (load average {load} on its 2 cores",
        "during this run), so wall times vary by tens of per cent between runs; CPU times less.",
        "",
        "## Synthetic extracts",
        "",
        "| file | nodes | ways | MB | bytes/node | road nodes | side km |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for size, f in sorted(files.items()):
        lines.append(
            f"| synthetic_{size}_s0 | {f['nodes']:,} | {f['ways']:,} | {f['bytes'] / 1e6:.1f} | "
            f"{f['bytes'] / f['nodes']:.1f} | {f['road_nodes']:,} | {f['side_km']:.0f} |"
        )
    lines += ["", "## Raw numbers", "",
              "| nodes in file | reader | status | build s (runs) | CPU s | peak RSS MB | graph nodes | edges | way nodes kept |",
              "|---:|---|---|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for r in rows:
        extra = ""
        if r["reader"] == "pyrosm" and "frames_s" in r:
            extra = f" (frames {r['frames_s']} s, {r['frames_hwm_mb']} MB)"
        all_s = ", ".join(f"{t:.1f}" for t in r.get("all_build_s", []))
        all_s = f" ({all_s})" if all_s else ""
        lines.append(
            f"| {files[r['size']]['nodes']:,} | {r['reader']} | {r['status']} | "
            f"{r.get('build_s', '—')}{all_s}{extra} | {r.get('cpu_s', '—')} | "
            f"{r['peak_mb']:,} | {r.get('nodes', '—')} | {r.get('edges', '—')} | "
            f"{r.get('way_nodes', '—')} |"
        )
    lines += ["", "## Side by side (same file, same machine, same run)", "",
              "| nodes in file | pyosmium s | pyosmium MB | pyrosm-frames s | MB | pyrosm → RoadNetwork s | MB |",
              "|---:|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    by = {(r["size"], r["reader"]): r for r in rows}
    for size in sorted(files):

        def cell(reader: str, size: int = size) -> str:
            r = by.get((size, reader))
            if r is None:
                return "not run | —"
            if r["status"] != "ok":
                return f"{r['status']} | {r['peak_mb']:,}"
            return f"{r['build_s']:.1f} | {r['peak_mb']:,}"

        lines.append(
            f"| {files[size]['nodes']:,} | {cell('pyosmium')} | {cell('pyrosm-frames')} | {cell('pyrosm')} |"
        )
    lines += ["", "## Fit and extrapolation (pyosmium loader)", ""]
    if "time" in fits:
        a, b, c = fits["time"]
        a_read, i, a_build, k = fits["mem"]
        d, al = fits["pyosmium"], fits["pyosmium-all"]
        lines += [
            f"Kept way nodes R as a share of the file's nodes N: {100 * d['share']:.1f} % with the "
            f"default classes, {100 * al['share']:.1f} % with all drivable classes of the speed profile.",
            "",
            f"- **time** = {a:.2f} s + {b * 1e6:.3f} s per million nodes of the file + {c * 1e6:.3f} s "
            f"per million kept way nodes (least squares of relative errors on every run of both filters; largest "
            f"residual {100 * fits['time_resid']:.0f} %; log-log slope of time on N "
            f"{d['loglog_time']:.2f} and {al['loglog_time']:.2f}: linear); the same fit of CPU "
            f"time: {fits['cpu'][0]:.2f} s + {fits['cpu'][1] * 1e6:.3f} s/M N + "
            f"{fits['cpu'][2] * 1e6:.3f} s/M R (wall time exceeds CPU time where other jobs "
            "shared the two cores);",
            f"- **peak memory** = the larger of reading, {a_read:.0f} MB + {i:.1f} B per node of the "
            f"file (the node-location index) + 16 B per kept way node, and building, "
            f"{a_build:.0f} MB + {k:.0f} B per kept way node (mostly the network itself); fitted "
            f"on the default-class runs (bound by reading) and the all-class runs (bound by "
            f"building); the imports alone take {fits['base_mb']:.0f} MB; largest residual "
            f"{100 * fits['mem_resid']:.0f} %.",
            "",
            f"**Extrapolated** (not measured) to a China-sized extract of {CHINA_NODES / 1e6:.0f} million nodes, "
            f"targets < {TARGET_S / 60:.0f} min and < {TARGET_GB:.0f} GB:",
            "",
            "| classes | kept way nodes assumed | build time (wall) | (CPU) | peak memory |",
            "|---|---:|---:|---:|---:|",
        ]
        for e in fits["china"]:
            label = "default" if e["reader"] == "pyosmium" else "all drivable"
            note = "" if e["share"] in (d["share"], al["share"]) else " (1.5 × the synthetic share)"
            lines.append(f"| {label} | {100 * e['share']:.1f} %{note} | {e['minutes']:.1f} min | "
                         f"{e['cpu_minutes']:.1f} min | {e['gb']:.1f} GB |")  # fmt: skip
        lines.append("")
    lines += [
        "## The China-sized extract assumed",
        "",
        CHINA_TEXT.format(n=CHINA_NODES / 1e6),
        "",
        "These are extrapolations from synthetic files, not a measurement on `china-latest.osm.pbf`.",
        "",
    ]
    return "\n".join(lines)


CHINA_TEXT = (
    "{n:.0f} million nodes. No node count of `china-latest.osm.pbf` was found in the sources "
    "searched; the figure is derived: public repository listings give the Geofabrik China "
    'extract as 1,597,621,653 bytes ("1.5 GB") and 1310.6 MB at different dates; '
    "`osmium fileinfo` of Belarus (osmium-tool issue #108: 206,088,327 bytes, 20,944,306 "
    "nodes) gives 9.8 bytes per node, and the synthetic files here 9.2-10.6, so 1.6 GB holds "
    "about 150-175 million nodes. {n:.0f} million leaves margin for growth. The extrapolation "
    "also assumes China's share of drivable way nodes is that of the synthetic files (column "
    "'way nodes kept'); the two-term fit above shows what a larger share costs."
)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--child", nargs=2, metavar=("READER", "PATH"), help=argparse.SUPPRESS)
    ap.add_argument("--sizes", type=float, nargs="+", default=list(DEFAULT_SIZES))
    ap.add_argument("--synthetic-dir", type=Path, default=Path("/work/cache-pbf/synthetic"))
    ap.add_argument("--readers", nargs="+", default=list(READERS), choices=READERS)
    ap.add_argument("--cap-gb", type=float, default=8.0, help="address-space cap per child")
    ap.add_argument("--timeout-s", type=float, default=1800.0, help="per build")
    ap.add_argument("--repeat", type=int, default=2, help="builds per (size, reader); min time")
    ap.add_argument("--write", action="store_true", help="write benchmarks/RESULTS_pbf.md")
    ap.add_argument("--report-only", action="store_true",
                    help="rewrite the report from the last run's bench_pbf_rows.json (no new builds)")  # fmt: skip
    ap.add_argument("--quick", action="store_true",
                    help=f"one file of {QUICK_SIZE:,.0f} nodes in a temporary folder, one build "
                    "per reader: checks that the script runs (the test suite)")  # fmt: skip
    args = ap.parse_args(argv)
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    if args.quick:
        if args.write or args.report_only:
            ap.error("--quick builds one tiny file: it cannot --write or --report-only")
        with tempfile.TemporaryDirectory(prefix="bench-pbf-") as tmp:
            args.sizes, args.repeat, args.synthetic_dir = [QUICK_SIZE], 1, Path(tmp)
            args.timeout_s = min(args.timeout_s, 300.0)
            run(args, ap)
        return
    run(args, ap)


def run(args: argparse.Namespace, ap: argparse.ArgumentParser) -> None:
    """Measure (or, with ``--report-only``, rewrite the report) as ``args`` say."""
    if args.report_only:
        saved = json.loads((args.synthetic_dir / "bench_pbf_rows.json").read_text(encoding="utf-8"))
        files = {int(k): v for k, v in saved["files"].items()}
        args.repeat = saved.get("repeat", args.repeat)
        text = report(saved["rows"], files, analyse(saved["rows"], files), saved["machine"],
                      args, command=saved["command"], when=saved["when"], load=saved["load"])  # fmt: skip
        print(text)
        if args.write:
            (ROOT / "benchmarks" / "RESULTS_pbf.md").write_text(text + "\n", encoding="utf-8")
        return
    missing = [r for r in args.readers if r in PYROSM_READERS and not HAS_PYROSM]
    if missing and not args.quick:
        ap.error(f"readers {', '.join(missing)} need pyrosm: pip install pyrosm, or leave them "
                 "out with --readers")  # fmt: skip
    if missing:
        print(f"note: pyrosm is not installed: readers {', '.join(missing)} are skipped",
              flush=True)  # fmt: skip
        args.readers = [r for r in args.readers if r not in missing]
    files: dict[int, dict[str, Any]] = {}
    paths: dict[int, Path] = {}
    sizes = sorted(int(s) for s in args.sizes)
    gen = [str(ROOT / "benchmarks" / "make_synthetic_pbf.py"), "--out-dir", str(args.synthetic_dir)]
    subprocess.run([sys.executable, *gen, "--nodes", *map(str, sizes)], check=True)  # once per file
    for size in sizes:
        p = syn.synthetic_path(size, args.synthetic_dir, seed=0)
        paths[size] = p
        files[size] = json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))
        print(
            f"{p.name}: {files[size]['nodes']:,} nodes, {files[size]['bytes'] / 1e6:.0f} MB",
            flush=True,
        )
    load0 = os.getloadavg()[0]
    rows: list[dict[str, Any]] = []
    runs: list[dict[str, Any]] = []
    failed: set[str] = set()
    for size in sorted(paths):
        for reader in args.readers:
            if reader in failed or (reader == "imports" and size != sizes[0]):
                continue
            reps = []
            for _ in range(args.repeat):
                rec = measure(reader, paths[size], cap_gb=args.cap_gb, timeout_s=args.timeout_s)
                rec["size"] = size
                reps.append(rec)
                runs.append(rec)
                print(json.dumps(rec), flush=True)
                if rec["status"] != "ok":
                    break
            bad = [r for r in reps if r["status"] != "ok"]
            if bad:
                rows.append(bad[0])
                failed.add(reader)
                continue
            best = dict(min(reps, key=lambda r: r["build_s"]))
            best["peak_mb"] = max(r["peak_mb"] for r in reps)
            best["all_build_s"] = [r["build_s"] for r in reps]
            best["cpu_s"] = min(r["cpu_s"] for r in reps)
            rows.append(best)
    fits = analyse(rows, files)
    info = machine()
    command = " ".join(["python", "benchmarks/bench_pbf.py", *sys.argv[1:]])
    when = time.strftime("%Y-%m-%d %H:%M %Z")
    load = f"{load0:.1f} at the start, {os.getloadavg()[0]:.1f} at the end"
    text = report(rows, files, fits, info, args, command=command, when=when, load=load)
    print(text)
    saved = {"rows": rows, "runs": runs, "files": files, "machine": info, "command": command,
             "when": when, "repeat": args.repeat, "load": load}  # fmt: skip
    (args.synthetic_dir / "bench_pbf_rows.json").write_text(json.dumps(saved, indent=1))
    if args.write:
        (ROOT / "benchmarks" / "RESULTS_pbf.md").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
