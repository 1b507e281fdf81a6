"""Benchmark: the national siting search, lazy greedy (CELF) side by side with naive re-evaluation.

Run from the repository root::

    python benchmarks/bench_siting.py            # print the tables
    python benchmarks/bench_siting.py --write    # also write benchmarks/RESULTS_siting.md
    python benchmarks/bench_siting.py --quick    # one province, K = 2, 20 km cells (the suite)

One run, one process:

1. **K = 10 on 5 km cells, cold**: :func:`portgeo.rules.siting.run_siting` as ``portgeo siting
   --count 10`` runs it (population, register, offline network, field, eligible cells, coverage
   sets, search, table), wall time per stage and the process's peak resident memory;
2. **K = 1..30, the curve**: the same call with ``count=30``, the network and population already
   loaded (greedy solutions are nested: one search of 30 gives the whole curve);
3. **lazy vs naive** on that instance: :func:`~portgeo.rules.siting.greedy_cover` with CELF lazy
   evaluation and with every candidate re-evaluated at every step (one sparse product per step),
   K = 10 and K = 30, best of 3: time, gains evaluated, and whether both chose the same sites;
4. **greedy vs exact** on sub-instances of the national one small enough for
   :func:`~portgeo.rules.siting.exact_cover` (``scipy.optimize.milp``): candidates drawn at
   random among those that reach anyone, their conflicts from the rule; the gap is reported.
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from portgeo.rules.siting import (  # noqa: E402
    SitingInstance,
    SitingRequest,
    exact_cover,
    greedy_cover,
    run_siting,
)

DATE = "2026-12-07"
MACHINE = "2 cores, shared with other engineers' jobs (wall times vary with their load)"


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (MB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def best_of(n: int, fn):
    """Best wall time of ``n`` calls, and the last result."""
    best, out = np.inf, None
    for _ in range(n):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def sub_instance(inst: SitingInstance, idx: np.ndarray) -> SitingInstance:
    """The instance restricted to some candidates (conflicts asked of the full instance)."""
    return SitingInstance(inst.cover[idx], inst.weights,
                          lambda c: np.asarray(inst.conflicts(int(idx[c])))[idx],
                          np.ones(idx.size, dtype=bool))  # fmt: skip


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="one province, K = 2, 20 km cells")
    ap.add_argument("--write", action="store_true", help="write benchmarks/RESULTS_siting.md")
    args = ap.parse_args()
    k1, k2, cell, province = (2, 3, 20.0, "广西") if args.quick else (10, 30, 5.0, None)
    lines = [f"# Siting search (`benchmarks/bench_siting.py`{' --quick' if args.quick else ''})",
             "", f"Measured {DATE} on {platform.machine()} Linux, Python "
             f"{platform.python_version()}; machine: {MACHINE}.", ""]  # fmt: skip

    t = time.perf_counter()
    res = run_siting(SitingRequest(count=k1, province=province, cell_km=cell, compare=False))
    cold = time.perf_counter() - t
    rss1 = peak_rss_mb()
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in res.seconds.items())
    lines += [f"## 1. K = {k1}, {cell:g} km cells{', ' + province if province else ''}, cold",
              "", f"- wall {cold:.1f} s ({stages}); peak RSS {rss1:,.0f} MB",
              f"- {res.candidates['admissible']:,} admissible cells; coverage matrix "
              f"{res.national.instance.cover.shape[0]:,} candidates x "
              f"{res.national.instance.cover.shape[1]:,} places not yet within reach, "
              f"{res.national.instance.cover.nnz:,} pairs", ""]  # fmt: skip
    lines += ["| # | lon | lat | nearest place | province | people added | of unserved |",
              "|---|---|---|---|---|---|---|"]  # fmt: skip
    for r in res.sites.itertuples():
        lines.append(f"| {r.rank} | {r.lon:.3f} | {r.lat:.3f} | {r.nearest_place} | "
                     f"{r.province} | {r.people_added:,} | {r.share_of_unserved:.1%} |")  # fmt: skip

    net, pop = res.network, res.population
    t = time.perf_counter()
    res2 = run_siting(SitingRequest(count=k2, province=province, cell_km=cell, compare=False),
                      network=net, population=pop)  # fmt: skip
    warm = time.perf_counter() - t
    curve = res2.curve()
    lines += ["", f"## 2. K = 1..{k2}: the curve (network and population loaded)", "",
              f"- wall {warm:.1f} s; peak RSS so far {peak_rss_mb():,.0f} MB; "
              f"{res2.path.stop or 'all sites chosen'}", "",
              "| sites | people added | share of those not yet within reach | share of all |",
              "|---|---|---|---|"]  # fmt: skip
    for r in curve.itertuples():
        if r.sites in (1, 2, 3, 5, 10, 15, 20, 25, 30) or r.sites == len(curve) - 1:
            lines.append(f"| {r.sites} | {r.people_added:,.0f} | {r.share_of_unserved:.1%} | "
                         f"{r.share_reached:.1%} |")  # fmt: skip

    inst = res2.national.instance
    lines += ["", "## 3. Lazy (CELF) vs naive re-evaluation, same instance, best of 3", "",
              "| K | lazy s | naive s | lazy gains evaluated | naive gains evaluated | same sites |",
              "|---|---|---|---|---|---|"]  # fmt: skip
    for k in sorted({k1, k2}):
        tl, lazy = best_of(3, lambda k=k: greedy_cover(inst, k))
        tn, naive = best_of(3, lambda k=k: greedy_cover(inst, k, lazy=False))
        lines.append(f"| {k} | {tl:.3f} | {tn:.3f} | {lazy.evaluations:,} | "
                     f"{naive.evaluations:,} | {lazy.chosen == naive.chosen} |")  # fmt: skip

    start = np.asarray(inst.cover @ inst.weights).ravel()
    lines += ["", "## 4. Greedy vs exact (scipy.optimize.milp) on national sub-instances", "",
              "N candidates drawn at random (seed N) among those that reach anyone; "
              "conflicts from the rule.", "",
              "| candidates | K | greedy | exact | greedy / exact |", "|---|---|---|---|---|"]  # fmt: skip
    for n, k in [(20, 2)] if args.quick else [(40, 3), (60, 5), (80, 8), (150, 10)]:
        pool = np.flatnonzero(start > 0)
        idx = np.sort(np.random.default_rng(n).choice(pool, size=min(n, pool.size), replace=False))
        sub = sub_instance(inst, idx)
        g = sum(greedy_cover(sub, k).gains)
        _, best = exact_cover(sub, k)
        lines.append(f"| {idx.size} | {k} | {g:,.0f} | {best:,.0f} | "
                     f"{g / best if best else 1.0:.4f} |")  # fmt: skip
    lines += ["", f"Population: {pop.label()}", f"Opened air ports: {res.open_ports.label}",
              f"Network: {net.source}", ""]  # fmt: skip
    text = "\n".join(lines)
    print(text)
    if args.write and not args.quick:
        (ROOT / "benchmarks" / "RESULTS_siting.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
