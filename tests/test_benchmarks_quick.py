"""Benchmarks cannot rot: each one runs in its quick mode, and none reaches into private names.

Every script of ``benchmarks/`` runs here as a user runs it (``python benchmarks/X.py --quick``,
a fresh interpreter, the working directory a temporary folder), so a benchmark broken by a
refactor fails the suite instead of the next person who measures. Their figures are not
checked: quick modes measure too little to mean anything. A static check parses every script
and fails on an import or attribute of a ``_``-prefixed name of portgeo, the kind of reach that
broke ``bench_catchments.py`` when ``portgeo.roads.catchments._catchment_polygon`` became
public, and on a portgeo name that no longer exists.

"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "benchmarks"
TIMEOUT_S = 600

#: script -> (command-line arguments, marks). make_synthetic_pbf.py is a helper, not a
#: benchmark: it has no --quick; its smallest useful input is asked for directly.
QUICK_RUNS: dict[str, tuple[list[str], list[pytest.MarkDecorator]]] = {
    "bench_batch.py": (["--quick"], [pytest.mark.slow]),
    "bench_catchments.py": (["--quick"], [pytest.mark.slow]),
    "bench_maps_build.py": (["--quick"], [pytest.mark.slow]),
    "bench_pbf.py": (["--quick"], [pytest.mark.slow]),
    "bench_siting.py": (["--quick"], [pytest.mark.slow]),
    "make_synthetic_pbf.py": (["--nodes", "2e4", "--out-dir", "synthetic"], []),
    "measure_drive_band.py": (["--quick"], [pytest.mark.slow]),
    "measure_maps.py": (["--quick"], [pytest.mark.slow, pytest.mark.browser]),
    "measure_road_gaps.py": (["--quick"], [pytest.mark.slow]),
    "profile_cold_stages.py": (["--quick"], [pytest.mark.slow]),
}
#: Quick runs tested elsewhere, with more checked than the exit code.
OWNED_ELSEWHERE = {"bench_batch_scale.py"}  # tests/test_batch_scale.py: 0 verdicts differ


def test_every_benchmark_has_a_quick_run() -> None:
    scripts = {p.name for p in BENCHMARKS.glob("*.py")} - OWNED_ELSEWHERE
    assert scripts == set(QUICK_RUNS), "give every benchmarks/*.py a quick run in QUICK_RUNS"


@pytest.mark.parametrize(
    "script",
    [pytest.param(name, marks=marks, id=name) for name, (_, marks) in QUICK_RUNS.items()],
)
def test_quick_run(script: str, tmp_path: Path) -> None:
    args, _ = QUICK_RUNS[script]
    if script == "measure_maps.py":
        from portgeo.errors import BrowserError
        from portgeo.maps.snapshot import check_browser

        try:
            check_browser()
        except BrowserError as exc:
            pytest.skip(str(exc))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    run = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    assert run.returncode == 0, f"{script} exited {run.returncode}:\n{run.stderr[-3000:]}"
    assert run.stdout.strip(), f"{script} printed nothing"


# -- the static check ------------------------------------------------------------------------


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _resolve(module: str, name: str) -> bool:
    """Whether ``from module import name`` works (a name of the module, or a submodule)."""
    mod = importlib.import_module(module)
    if hasattr(mod, name):
        return True
    return hasattr(mod, "__path__") and importlib.util.find_spec(f"{module}.{name}") is not None


def portgeo_name_problems(source: str) -> list[str]:
    """Private or missing portgeo names a script imports or reaches through an attribute.

    Parameters
    ----------
    source : str
        A Python script.

    Returns
    -------
    list of str
        One line per problem, with its line number; empty when the script is clean.
    """
    tree = ast.parse(source)
    problems: list[str] = []
    bound: dict[str, str] = {}  # local name -> the portgeo module or object it is bound to
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] != "portgeo":
                    continue
                if any(_is_private(p) for p in a.name.split(".")):
                    problems.append(f"line {node.lineno}: import {a.name}")
                bound[a.asname or "portgeo"] = a.name if a.asname else "portgeo"
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "portgeo":
            module = str(node.module)
            if any(_is_private(p) for p in module.split(".")):
                problems.append(f"line {node.lineno}: from {module} import ...")
                continue
            for a in node.names:
                if _is_private(a.name):
                    problems.append(f"line {node.lineno}: from {module} import {a.name}")
                elif not _resolve(module, a.name):
                    problems.append(f"line {node.lineno}: {module} has no {a.name}")
                bound[a.asname or a.name] = f"{module}.{a.name}"
    parents = {
        id(child): parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)
    }
    for node in ast.walk(tree):
        parent = parents.get(id(node))
        if not isinstance(node, ast.Attribute) or (
            isinstance(parent, ast.Attribute) and parent.value is node
        ):
            continue  # only the outermost attribute of a chain a.b.c
        chain: list[str] = []
        value: ast.expr = node
        while isinstance(value, ast.Attribute):
            chain.insert(0, value.attr)
            value = value.value
        if not (isinstance(value, ast.Name) and value.id in bound):
            continue
        path = bound[value.id]
        for attr in chain:
            if _is_private(attr):
                problems.append(f"line {node.lineno}: {value.id}.{'.'.join(chain)}")
                break
            try:
                importlib.import_module(path)
            except ImportError:
                break  # an object (a class, a settings value): its attributes are its own
            if not _resolve(path, attr):
                problems.append(f"line {node.lineno}: {path} has no {attr}")
                break
            path = f"{path}.{attr}"
    return sorted(problems, key=lambda p: int(p.split(":")[0].split()[1]))


@pytest.mark.parametrize("script", sorted(p.name for p in BENCHMARKS.glob("*.py")))
def test_benchmark_uses_public_portgeo_names(script: str) -> None:
    problems = portgeo_name_problems((BENCHMARKS / script).read_text(encoding="utf-8"))
    assert not problems, f"benchmarks/{script}: " + "; ".join(problems)


def test_the_static_check_sees_private_and_missing_names() -> None:
    source = (
        "from portgeo.roads import catchments as c\n"
        "import portgeo.roads.kernels\n"
        "from portgeo._data import read_csv\n"
        "from portgeo.roads.catchments import _clip\n"
        "from portgeo.roads.catchments import no_such_function\n"
        "c._catchment_polygon(1)\n"
        "portgeo.roads.kernels._private\n"
        "c.catchment_polygon\n"
        "c.settings_that_vanished\n"
    )
    problems = portgeo_name_problems(source)
    assert [p.split(":")[0] for p in problems] == [
        "line 3", "line 4", "line 5", "line 6", "line 7", "line 9",
    ], problems  # fmt: skip
