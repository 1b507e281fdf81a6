"""Real processes on a cold cache: two at once, and one interrupted (Ctrl-C) in the middle.

Both tests start ``python -m portgeo`` with an empty ``PORTGEO_CACHE_DIR`` of their own, so they
build the boundary layers, border linework and the offline road graph from scratch (about half a
minute each; marked ``slow``, run by ``bash scripts/run_tests.sh``).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ARGS = ["check-airport", "--iata", "HUZ", "--json"]

pytestmark = pytest.mark.slow


def _start(cache: Path, cwd: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PORTGEO_CACHE_DIR": str(cache)}
    return subprocess.Popen([sys.executable, "-m", "portgeo", *ARGS], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=cwd)  # fmt: skip


def _cache_files(cache: Path) -> list[str]:
    return sorted(str(p.relative_to(cache)) for p in cache.rglob("*") if p.is_file())


def _assert_clean(cache: Path) -> None:
    names = _cache_files(cache)
    assert not [n for n in names if ".tmp-" in n], names  # no half-written file
    assert not [n for n in names if ".corrupt-" in n], names  # nothing was damaged
    assert any(n.endswith("layers.parquet") for n in names)
    assert any(n.endswith(".npz") for n in names)


def test_two_cold_runs_at_once_both_succeed_and_leave_one_good_cache(tmp_path):
    cache = tmp_path / "cache"
    procs = [_start(cache, tmp_path) for _ in range(2)]
    results = [p.communicate(timeout=1200) for p in procs]
    for proc, (_, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert "Traceback" not in err
        assert "could not be read" not in err and "working in memory" not in err, err
    first, second = (json.loads(out) for out, _ in results)
    assert first == second  # the process that waited read what the other built
    assert first["candidate"]["province"] == "广东省"  # the real boundary, not a guess
    _assert_clean(cache)
    # one good cache: a third run reads it and says nothing
    third = _start(cache, tmp_path)
    out, err = third.communicate(timeout=600)
    assert third.returncode == 0 and err.strip() == "", err
    assert json.loads(out) == first


def test_ctrl_c_during_a_cold_build_leaves_nothing_to_trip_over(tmp_path):
    cache = tmp_path / "cache"
    proc = _start(cache, tmp_path)
    deadline = time.monotonic() + 600
    # wait until a build holds its lock and has not written its file yet: mid-build
    while time.monotonic() < deadline and proc.poll() is None:
        locks = list(cache.rglob("*.lock"))
        building = [lk for lk in locks if not lk.with_name(lk.name[: -len(".lock")]).exists()]
        if building:
            break
        time.sleep(0.05)
    # interrupt at once: a fixed wait here let a fast build finish first on a busy machine
    proc.send_signal(signal.SIGINT)
    assert proc.poll() is None or proc.returncode == 130, "the run ended before the interrupt"
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 130, (proc.returncode, err)
    assert err.strip().splitlines()[-1] == "portgeo: interrupted"
    assert "Traceback" not in err and out == ""
    assert not [n for n in _cache_files(cache) if ".tmp-" in n]
    # the next run builds what is missing and succeeds, without tripping over anything
    again = _start(cache, tmp_path)
    out, err = again.communicate(timeout=1200)
    assert again.returncode == 0, err
    assert "could not be read" not in err and "Traceback" not in err
    assert json.loads(out)["candidate"]["province"] == "广东省"
    _assert_clean(cache)
