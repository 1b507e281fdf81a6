"""Tests of portgeo.volumes (专栏6 check of user volumes) and portgeo.compare (13th → 14th)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from portgeo import catalogue, settings
from portgeo._data import data_path
from portgeo.errors import CatalogueError, InputError
from portgeo.maps.style import VALUE_LABELS, lang_text
from portgeo.rules.compare import compare_plans
from portgeo.rules.volumes import (
    CATEGORIES,
    TEMPLATE_COLUMNS,
    check_port_volumes,
    grace_years,
    read_port_volumes,
    volume_standards_table,
)

TEMPLATE = Path(__file__).resolve().parents[1] / "data" / "templates" / "port_volumes_template.csv"


def test_template_has_headers_only():
    df = pd.read_csv(TEMPLATE, comment="#")
    assert tuple(df.columns) == TEMPLATE_COLUMNS
    assert df.empty  # no invented volumes
    assert read_port_volumes(TEMPLATE).empty
    assert check_port_volumes(TEMPLATE).empty


def test_standards_table_matches_plan_text():
    s14 = volume_standards_table(plan="national-14").set_index("category")
    # 专栏6 as printed: 海运 1000 万吨 / 1 万人次; 铁路 10 / 10; 其他航空 3 / 5
    assert s14.loc["sea", "cargo_10k_tonnes"] == 1000 and s14.loc["sea", "passengers_10k"] == 1
    assert s14.loc["rail", "cargo_10k_tonnes"] == 10 and s14.loc["rail", "passengers_10k"] == 10
    assert s14.loc["air-other", "passengers_10k"] == 5
    s13 = volume_standards_table(plan="national-13").set_index("category")
    assert s13.loc["sea", "cargo_10k_tonnes"] == 100 and pd.isna(s13.loc["sea", "passengers_10k"])


def _vols(rows):
    return pd.DataFrame(rows, columns=list(TEMPLATE_COLUMNS))


def test_check_verdicts_hand_worked():
    v = _vols(
        [
            # made-up test figures, not data
            ("n14-c2-dalian", "大连", "sea", 2024, 1500, None, 1990, "no"),  # 1500 >= 1000: meets
            ("n14-c2-yingkou", "营口", "海运", 2024, 999, 0.5, 1990, "no"),  # both short: short
            (
                "n14-c2-tianjin",
                "天津",
                "sea",
                2024,
                10,
                0.2,
                2023,
                "no",
            ),  # short but 1 year old: grace
            ("n14-c3-manzhouli-rail", "满洲里", "rail", 2024, 1, 1, 1990, "yes"),  # border: exempt
            (
                "n14-c3-erenhot-rail",
                "二连浩特",
                "rail",
                2024,
                1,
                12,
                1990,
                "no",
            ),  # people 12 >= 10: meets
            (None, "不存在", "road", 2024, None, None, None, "no"),  # no figures
        ]
    )
    out = check_port_volumes(v)
    assert list(out["verdict"]) == ["meets", "short", "grace", "exempt", "meets", "no-data"]
    assert out.geometry.iloc[0] is not None and out.geometry.iloc[5] is None
    both = check_port_volumes(v, require="both")
    assert both["verdict"].iloc[4] == "short"
    strict = check_port_volumes(v, border_exempt=False)
    assert strict["verdict"].iloc[3] == "short"


def test_grace_years_come_from_the_data(tmp_path, monkeypatch):
    """The 3 years of "通过验收之日满3年后执行" are the applies_from row of the data."""
    assert grace_years(plan="national-14") == grace_years(plan="national-13") == 3
    v = _vols(
        [
            ("n14-c2-yingkou", "营口", "sea", 2024, 10, None, year, "no")
            for year in (2020, 2021, 2022)
        ]
    )  # made-up figures: 4, 3 and 2 years old
    assert list(check_port_volumes(v)["verdict"]) == ["short", "short", "grace"]
    copy = tmp_path / "data"
    shutil.copytree(data_path(), copy)
    path = copy / "rules" / "volume_standards.csv"
    std = pd.read_csv(path, dtype=str, keep_default_na=False)
    std.loc[(std["plan"] == "national-14") & (std["measure"] == "applies_from"), "value"] = "4"
    std.to_csv(path, index=False)
    monkeypatch.setattr(settings, "data_dir", copy)
    catalogue.load_catalogue(reload=True)
    try:
        assert list(check_port_volumes(v)["verdict"]) == ["short", "grace", "grace"]
        std.loc[std["measure"] == "applies_from", "value"] = ""
        std.to_csv(path, index=False)
        catalogue.load_catalogue(reload=True)
        with pytest.raises(CatalogueError, match="applies_from"):
            check_port_volumes(v)
    finally:
        monkeypatch.setattr(settings, "data_dir", None)
        catalogue.load_catalogue(reload=True)


def test_volume_map_colours_ports_by_verdict():
    from portgeo.maps.registry import build_map

    v = _vols(
        [
            ("n14-c2-dalian", "大连", "sea", 2024, 1500, None, 1990, "no"),  # made-up test figures
            ("n14-c2-yingkou", "营口", "sea", 2024, 10, None, 1990, "no"),
        ]
    )
    m = build_map("n14_c06_volumes", basemap="none", volumes=v)
    assert "达标 (1)" in m.layer_names  # Chinese first: one language per map
    assert "未达标 (1)" in m.layer_names


def test_check_errors_name_the_row():
    with pytest.raises(InputError, match="row 1: unknown category"):
        check_port_volumes(_vols([("x", "x", "ship", 2024, 1, 1, 2000, "no")]))
    with pytest.raises(InputError, match="row 1: cargo_10k_tonnes must be a number"):
        check_port_volumes(_vols([("x", "x", "sea", 2024, "lots", 1, 2000, "no")]))
    with pytest.raises(InputError, match="not found"):
        check_port_volumes("/nonexistent/volumes.csv")


def _ent(plan, column, kind, site, name, role="", status="listed", region=""):
    return {
        "plan": plan,
        "column": column,
        "kind": kind,
        "site_id": site,
        "name_zh": name,
        "name_en": name,
        "role": role,
        "status": status,
        "region": region,
        "id": f"{plan}-{site}-{kind}",
        "lat": 30.0,
        "lon": 110.0,
    }


def test_compare_synthetic_cases():
    rows = [
        _ent("national-13", 1, "sea", "p1", "舟山", "regional"),
        _ent("national-14", 2, "sea", "p1", "舟山", "main"),  # promoted
        _ent("national-13", 2, "rail", "c1", "同江", status="planned"),
        _ent("national-14", 3, "rail", "c1", "同江"),  # started
        _ent("national-13", 1, "sea", "p2", "日照(石臼)", "regional"),
        _ent("national-14", 2, "sea", "p2", "日照", "regional"),  # renamed
        _ent("national-14", 4, "air", "a1", "北京(PKX)", "international-hub"),  # added
        _ent("national-13", 2, "road", "c2", "陈塘", status="planned"),  # dropped
        _ent("national-13", 3, "air", "a2", "昆明", "gateway-hub"),
        _ent("national-14", 4, "air", "a2", "昆明", "international-hub"),  # same tier: unchanged
        _ent("national-14", 7, "project", "p1", "舟山"),  # not a layout column: ignored
    ]
    out = compare_plans(entities=pd.DataFrame(rows)).set_index("site_id")
    assert out.loc["p1", "change"] == "promoted"
    assert out.loc["c1", "change"] == "started"
    assert out.loc["p2", "change"] == "renamed"
    assert out.loc["a1", "change"] == "added"
    assert out.loc["c2", "change"] == "dropped"
    assert out.loc["a2", "change"] == "unchanged"
    assert len(out) == 6
    assert out.loc["a1", "detail"] == "新列入北京(PKX)"
    assert out.loc["c2", "detail"] == "陈塘 未列入新规划"
    en = compare_plans(entities=pd.DataFrame(rows), lang="en").set_index("site_id")
    assert en.loc["a1", "detail"] == "newly listed: 北京(PKX)"
    assert en.loc["c2", "detail"] == "陈塘: not in the new plan"
    with pytest.raises(InputError, match="unknown language"):
        compare_plans(entities=pd.DataFrame(rows), lang="fr")


def test_compare_real_catalogue_known_changes():
    out = compare_plans()
    by = {(r.kind, r.name_zh): r.change for r in out.itertuples()}
    # the 14th plan moved 舟山, 钦州 and 洋浦 from regional to main sea ports
    for name in ("舟山", "钦州", "洋浦"):
        assert by[("sea", name)] == "promoted"
    # 同江 rail was in parentheses (planned) in the 13th plan and is listed (unbracketed) in the 14th
    assert by[("rail", "同江")] == "started"


def test_category_labels_speak_the_plans_headings():
    labels = VALUE_LABELS["category"]
    assert {k: lang_text(v, "zh") for k, v in labels.items()} == CATEGORIES
