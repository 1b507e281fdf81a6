"""portgeo.notebook: the one call every 专栏 notebook starts with, and its readable tables."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import IPython.display
import numpy as np
import pandas as pd
import pytest

from portgeo.catalogue import load_catalogue, load_entities
from portgeo.errors import InputError
from portgeo.maps import map_specs
from portgeo.maps.recipes.common import column_map
from portgeo.maps.style import ACTION_LABELS, KIND_LABELS, ROLE_LABELS, STATUS_LABELS
from portgeo.notebook import (
    HEADERS,
    default_basemap,
    export_folder,
    open_column,
    readable_column_table,
    readable_table,
    show_column,
    show_table,
    value_labels,
)
from portgeo.rules.volumes import TEMPLATE_COLUMNS, check_port_volumes

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u3400-\u9fff]")
#: Columns whose values are catalogue codes, and the codes that must not show.
CODES = {
    "方式": set(KIND_LABELS),
    "状态": set(STATUS_LABELS),
    "定位": set(ROLE_LABELS),
    "措施": set(ACTION_LABELS),
    "邻国（地区）": {"RUS", "PRK", "MNG", "KAZ", "KGZ", "TJK", "PAK", "NPL", "MMR", "LAO", "VNM",
               "HKG", "MAC"},
}  # fmt: skip
#: Slugs whose maps are cheap to build (no road network), one per recipe where possible.
CHEAP = ["n14_c05_admission", "n14_c08_shortfall", "gd14_c03", "n13_a1_sichuan",
         "n13_n14_comparison"]  # fmt: skip


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    monkeypatch.delenv("PORTGEO_BASEMAP", raising=False)
    monkeypatch.delenv("PORTGEO_MAPS_DIR", raising=False)


def _columns():
    return [(str(r.plan), int(r.column)) for r in load_catalogue().columns.itertuples()]


@pytest.mark.parametrize(("plan", "column"), _columns())
def test_column_tables_speak_the_plans_words(plan, column):
    t = readable_column_table(plan, column)
    assert all(CJK.search(h) for h in t.columns), list(t.columns)
    assert not t.isna().any().any(), "a readable table has no NaN"
    for header, codes in CODES.items():
        if header in t.columns:
            leaked = set(t[header].astype(str)) & codes
            assert not leaked, (header, leaked)
    assert set(t["已落点"]) <= {"是", "否"}


def test_readable_table_by_hand():
    df = pd.DataFrame(
        {
            "mode": ["sea", "rail", "total"],
            "status": ["listed", "planned", None],
            "neighbor": ["RUS", "HKG", np.nan],
            "upgrade": [1, 2, 3],
            "length_km": [1.5, np.nan, 2.0],
            "located": [True, False, True],
        }
    )
    out = readable_table(df)
    assert list(out.columns) == ["方式", "状态", "邻国（地区）", "提升改造", "长度 (km)", "已落点"]
    assert list(out["方式"]) == ["海港", "铁路", "合计"]
    assert list(out["状态"]) == ["已列入", "规划", ""]
    assert list(out["邻国（地区）"]) == ["俄罗斯", "香港", ""]
    assert list(out["长度 (km)"]) == [1.5, "—", 2.0]
    assert list(out["已落点"]) == ["是", "否", "是"]
    assert out["提升改造"].tolist() == [1, 2, 3]  # numbers stay numbers
    assert readable_table(df, headers={"mode": "类型"}).columns[0] == "类型"


def test_vocabularies_cover_every_code_in_the_catalogue():
    ents = load_catalogue().entities
    labels = value_labels()
    for col in ("kind", "mode", "status", "role", "action", "neighbor", "opening_state"):
        missing = set(ents[col].dropna()) - set(labels[col])
        assert not missing, (col, missing)
    assert labels["status"] == {"listed": "已列入", "planned": "规划", "open": "已开放"}
    assert labels["opening_state"]["not-started"] == "未开工"
    assert labels["neighbor"]["BTN"] == "不丹"  # from data/belt_regions.csv


def test_headers_are_chinese():
    assert all(CJK.search(h) for h in HEADERS.values())


def test_unknown_slug_is_an_input_error():
    with pytest.raises(InputError, match="n14_c03_border"):
        open_column("n14_c99_nothing")


def test_basemap_defaults_to_none_and_honours_the_environment(monkeypatch):
    assert default_basemap() == "none"
    monkeypatch.setenv("PORTGEO_BASEMAP", "osm")
    assert default_basemap() == "osm"
    monkeypatch.setenv("PORTGEO_BASEMAP", "google")
    with pytest.raises(InputError, match="unknown basemap"):
        default_basemap()


@pytest.mark.parametrize("slug", CHEAP)
def test_open_column_takes_everything_from_the_registry(slug):
    view = open_column(slug)
    spec = map_specs()[slug]
    assert (view.slug, view.plan, view.number, view.title) == (
        slug, spec.plan, spec.column, spec.title)  # fmt: skip
    assert view.basemap == "none" and view.map.basemap == "none"
    assert not view.table.isna().any().any()
    if spec.column is not None:
        row = load_catalogue().column_info(spec.plan, spec.column)
        assert row["slug"] == slug
        assert view.column == column_map(spec.plan, spec.column)
        assert row["title_zh"] in view.title
        ents = load_catalogue().entities
        n = int(((ents["plan"] == spec.plan) & (ents["column"] == spec.column)).sum())
        assert len(view.table) == n  # admission standards are rules, not entities: empty
    else:
        assert view.column is None and "变化" in view.table.columns
    if spec.plan != "guangdong-14":
        assert view.comparison.endswith("(2021)") and "(2016) → " in view.comparison
    else:
        assert view.comparison == ""


def test_export_never_writes_into_the_repository_by_default(tmp_path, monkeypatch):
    view = open_column("n14_c05_admission")
    path = view.export()
    assert path.is_file() and path.name == "n14_c05_admission.html"
    assert not path.resolve().is_relative_to((ROOT / "maps").resolve())
    assert path.resolve().is_relative_to(Path(tempfile.gettempdir()).resolve())
    assert view.export().parent == path.parent  # one folder per session
    assert view.export(tmp_path / "mine") == tmp_path / "mine" / "n14_c05_admission.html"
    monkeypatch.setenv("PORTGEO_MAPS_DIR", str(tmp_path / "env"))
    assert export_folder() == tmp_path / "env"
    assert view.export().parent == tmp_path / "env"


def test_show_displays_the_title_then_the_map(monkeypatch):
    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **_: shown.extend(objs))
    view = open_column("n13_a2_chengdu_rail")
    view.show(height=300)
    title, frame = shown
    assert view.title in title.data and view.plan_title in title.data
    assert "<iframe srcdoc=" in frame.data and "height:300px" in frame.data


def test_show_table_formats_numbers_and_wraps_text(monkeypatch):
    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **_: shown.extend(objs))
    show_table(pd.DataFrame({"name_zh": ["甲"], "length_km": [1857.26], "crossings": [12]}),
               caption="边境")  # fmt: skip
    page = shown[0].to_html()
    assert "1,857" in page and "长度 (km)" in page and "边境" in page
    assert "white-space: normal" in page


def test_a_volume_check_reads_in_the_plans_words():
    vols = pd.DataFrame(
        [
            ["", "大连", "sea", 2024, 50, None, 2015, "no"],
            ["", "满洲里", "road", 2024, 9, 20, 2010, "yes"],
        ],
        columns=list(TEMPLATE_COLUMNS),
    )
    t = readable_table(check_port_volumes(vols).drop(columns="geometry"))
    assert all(CJK.search(h) for h in t.columns), list(t.columns)
    assert not t.isna().any().any()
    assert set(t["结论"]) <= {"达标", "未达标", "验收未满3年", "边境口岸除外", "数据不全"}
    assert set(t["类别"]) == {"海运", "公路"}


def _shown(monkeypatch) -> list:
    shown: list = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **_: shown.extend(objs))
    return shown


def _text(obj) -> str:
    return obj.to_html() if hasattr(obj, "to_html") else obj.data


@pytest.mark.parametrize(
    ("slug", "by_city"), [("n13_a1_sichuan", True), ("n14_c08_shortfall", False)]
)
def test_a_project_column_is_counted_by_mode_and_action_and_by_city(slug, by_city):
    view = open_column(slug)
    tallies = view.tallies()
    n = len(load_entities(plan=view.plan, column=view.number))
    assert len(tallies) == (2 if by_city else 1)
    for caption, counts in tallies.items():
        assert caption.startswith(f"{n} 个项目 projects")
        assert counts["total"].iloc[-1] == n
    first = next(iter(tallies.values()))
    assert first.columns[0] == "mode" and "total" in first.columns


@pytest.mark.parametrize("slug", ["n14_c05_admission", "n13_n14_comparison"])
def test_a_column_without_projects_has_no_tally(slug):
    assert open_column(slug).tallies() == {}


def test_show_column_shows_title_map_counts_table_and_export_in_order(monkeypatch, tmp_path):
    shown = _shown(monkeypatch)
    view = show_column("n13_a1_sichuan", folder=tmp_path, height=300, snapshot=False)
    title, frame, by_mode, by_city, table, exported = (_text(o) for o in shown)
    assert view.title in title and "<iframe srcdoc=" in frame and "height:300px" in frame
    n = len(view.table)
    assert f"{n} 个项目 projects" in by_mode and "按方式和措施" in by_mode
    assert "按城市和方式" in by_city
    assert f"专栏原文 The 专栏 as printed: {n} 条 entries" in table
    assert str(tmp_path / "n13_a1_sichuan.html") in exported
    assert (tmp_path / "n13_a1_sichuan.html").is_file()


def test_show_column_says_when_a_column_lists_nothing_and_can_skip_the_export(monkeypatch):
    shown = _shown(monkeypatch)
    view = show_column("n14_c05_admission", export=False, snapshot=False)
    assert view.table.empty
    texts = [_text(o) for o in shown]
    assert "The 专栏 lists no port or project" in texts[-1]
    assert not any("map exported" in t for t in texts)


def test_show_column_of_a_comparison_shows_the_changed_ports(monkeypatch, tmp_path):
    shown = _shown(monkeypatch)
    view = show_column("n13_n14_comparison", folder=tmp_path, snapshot=False)
    table = _text(shown[2])
    assert f"{len(view.table)} 个口岸有变化 ports changed: {view.comparison}" in table
    assert "map exported" in _text(shown[3])
