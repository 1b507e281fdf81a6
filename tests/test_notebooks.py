"""The notebooks: one per 专栏 of the registry (and per plan comparison), each run offline.

Run with ``pytest -m notebooks``. Every notebook is executed top to bottom with nbclient, with
no basemap and every HTTP request sent to a dead proxy; its map is exported into a temporary
folder (``PORTGEO_MAPS_DIR``), never into the repository; its output must show its numbers.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pandas as pd
import pytest

from portgeo import settings

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
#: Notebooks that are not a 专栏's: the airport admission check.
OTHER = {"check_airport", "siting"}

pytestmark = [pytest.mark.notebooks, pytest.mark.slow]

#: What each notebook's output must show (its own numbers), beyond the exported map.
EXPECT: dict[str, tuple[str, ...]] = {
    "n14_c01_indicators": ("10 项指标", "142 个口岸", "硬件设施指标", "航空"),
    "n14_c02_sea": (
        "5 个港群",
        "19 主要口岸",
        "19 区域性口岸",
        "粤港澳大湾区",
        "升级",
        "更名",
        "舟山",
    ),
    "n13_c01_sea": ("5 个港群", "珠三角", "舟山"),
    "n14_c03_border": (
        "14 个邻国",
        "21,573 km",
        "俄罗斯",
        "不丹",
        "最长无已列入口岸段",
        "满洲里",
        "个口岸有变化 crossings changed",
        "临江",
    ),
    "n13_c02_border": ("14 个邻国", "俄罗斯", "最长无已列入口岸段"),
    "n14_c04_air": ("39 个枢纽", "km² uncovered", "% of China", "北京", "PEK、PKX", "重叠", "新增"),
    "n13_c03_air": ("14 个枢纽", "km² uncovered", "门户枢纽"),
    "n14_c05_admission": (
        "个已开放航空口岸",
        "开放状态不明",
        "沿海地区",
        "万人次",
        "300",
        "airports on eligible ground",
        "人口（GeoNames ≥500人地点）",
        "人口来源：GeoNames cities500",
        "可准入地带",
    ),
    "n14_c06_volumes": ("未提供运量数据", "1,000", "万吨", "cargo_10k_tonnes"),
    "n13_c04_volumes": ("未提供运量数据", "海运", "万人次"),
    "n14_c07_demonstration": ("54 个项目", "提升改造"),
    "n14_c08_shortfall": ("25 个项目", "5 个口岸", "伊尔克什坦口岸", "长度 (km)"),
    "n14_c09_smart": ("5 项工程", "口岸智慧创新工程"),
    "n14_c10_cooperation": ("45 个项目", "8 条跨境通道", "中老铁路", "援建"),
    "gd14_c01": ("70 个项目", "广州市", "揭阳市"),
    "gd14_c02": ("12 个项目",),
    "gd14_c03": ("8 个项目", "香港"),
    "gd14_c04": ("4 个项目",),
    "gd14_c05": ("14 个项目", "迁建"),
    "gd14_c06": ("13 个项目", "平台建设"),
    "n13_a1_sichuan": ("3 个项目", "新开"),
    "n13_a2_chengdu_rail": ("1 个项目", "成都"),
    "n13_n14_comparison": ("150 个口岸", "升级", "新增", "未再列入", "临江", "粤港澳大湾区"),
}


def _slugs() -> dict[str, str]:
    """Every map of the collection (each 专栏 of columns.csv, each comparison) → its title."""
    from portgeo.maps import map_specs

    return {slug: spec.title for slug, spec in map_specs().items()}


def test_every_slug_of_the_registry_has_a_notebook():
    columns = pd.read_csv(ROOT / "data" / "plans" / "columns.csv", dtype=str)
    slugs = _slugs()
    assert set(columns["slug"]) <= set(slugs)
    missing = [s for s in slugs if not (NOTEBOOK_DIR / f"{s}.py").is_file()]
    assert not missing, f"no notebook for {missing}"
    unpaired = [s for s in slugs if not (NOTEBOOK_DIR / f"{s}.ipynb").is_file()]
    assert not unpaired, f"no .ipynb for {unpaired} (jupytext --sync notebooks/<slug>.py)"
    assert set(EXPECT) == set(slugs), "say what each notebook must show"


def test_every_notebook_is_a_slug_or_named():
    stems = {p.stem for p in NOTEBOOK_DIR.glob("*.py")}
    assert stems - OTHER <= set(_slugs()), stems - OTHER - set(_slugs())


def test_every_notebook_has_a_paired_script():
    assert NOTEBOOKS, "no notebooks found"
    for nb in NOTEBOOKS:
        assert nb.with_suffix(".py").is_file(), f"{nb.name} has no jupytext script"


def test_committed_notebooks_have_no_outputs():
    nbformat = pytest.importorskip("nbformat")
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.get("outputs"), f"{path.name} is committed with outputs"


def test_paired_notebooks_are_in_sync():
    jupytext = pytest.importorskip("jupytext")
    nbformat = pytest.importorskip("nbformat")
    for path in NOTEBOOKS:
        script = jupytext.read(path.with_suffix(".py"))
        nb = nbformat.read(path, as_version=4)
        assert [(c.cell_type, c.source) for c in script.cells] == [
            (c.cell_type, c.source) for c in nb.cells
        ], f"{path.name} differs from its script: jupytext --sync {path.with_suffix('.py').name}"


@pytest.mark.parametrize("slug", sorted(set(_slugs())))
def test_a_notebook_title_is_its_registry_title(slug):
    jupytext = pytest.importorskip("jupytext")
    first = jupytext.read(NOTEBOOK_DIR / f"{slug}.py").cells[0]
    assert first.cell_type == "markdown"
    assert first.source.splitlines()[0] == f"# {_slugs()[slug]}"


def test_notebooks_name_no_plan_id_nor_column_number():
    """Notebooks open their 专栏 by slug; plan and 专栏 come from the registry."""
    plans = set(pd.read_csv(ROOT / "data" / "plans" / "plans.csv", dtype=str)["plan"])
    for slug in _slugs():
        code = (NOTEBOOK_DIR / f"{slug}.py").read_text(encoding="utf-8")
        for plan in plans:
            assert f'"{plan}"' not in code, (slug, plan)
        assert not re.search(r"\(\s*\"[a-z0-9-]+\"\s*,\s*\d+\s*\)", code), slug


def _outputs(nb) -> list[str]:
    """The text of every output: streams, and plain, HTML and Markdown displays."""
    found = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            parts = [out.get("text", "")] + [
                str(data[k]) for k in ("text/plain", "text/html", "text/markdown") if k in data
            ]
            found.append("\n".join(parts))
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_offline_and_shows_its_numbers(path, tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    maps_dir = tmp_path / "maps"
    monkeypatch.setenv("PORTGEO_MAPS_DIR", str(maps_dir))
    monkeypatch.setenv("PORTGEO_BASEMAP", "none")
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(var, "http://127.0.0.1:9")  # any web request fails
    monkeypatch.setenv(
        "PYTHONPATH",
        os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK_DIR)}}
    )
    start, wall = time.perf_counter(), time.time()
    client.execute()
    print(f"{path.stem}: {time.perf_counter() - start:.1f} s")
    pictures = [
        o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})
    ]
    if Path(settings.chromium_path).exists():
        assert pictures, "each map has its static picture (a reopened notebook shows it)"
    else:
        assert "静态图未生成 no static picture" in "\n".join(_outputs(nb))
    if path.stem in OTHER:
        return
    exported = maps_dir / f"{path.stem}.html"
    assert exported.is_file(), "the notebook should export its map into PORTGEO_MAPS_DIR"
    in_repo = ROOT / "maps" / f"{path.stem}.html"
    assert not in_repo.exists() or in_repo.stat().st_mtime < wall, "maps/ was written"
    outputs = _outputs(nb)
    shown = "\n".join(outputs)
    missing = [s for s in EXPECT[path.stem] if s not in shown]
    assert not missing, f"{path.stem} output lacks {missing}"
    assert "<iframe srcdoc=" in shown, "the map is shown inline"
    tables = "\n".join(t for t in outputs if "<iframe" not in t)  # not Leaflet's own isNaN
    assert not re.search(r"(?<![A-Za-z])NaN(?![A-Za-z])|<NA>", tables), "tables have no NaN"
