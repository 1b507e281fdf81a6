"""Tests of the map furniture: ids that do not change, the offline base, labels, legend rows that
follow their layers, the inset, the plan's words, pictures without a browser, the report."""

from __future__ import annotations

import re

import geopandas as gpd
import pytest
import shapely

from portgeo import settings
from portgeo.errors import BrowserError, InputError
from portgeo.maps import (
    LegendEntry,
    add_legend,
    add_points,
    add_source_note,
    finish_map,
    new_map,
    render_map,
)
from portgeo.maps.draw import display_value


def _points():
    return gpd.GeoDataFrame(
        {"name_zh": ["大连", "青岛"], "kind": ["sea", "sea"], "status": ["listed", "planned"],
         "role": ["main", "regional"], "text_zh": ["大连港", "青岛港"]},
        geometry=[shapely.Point(121.6, 38.9), shapely.Point(120.3, 36.1)], crs=4326,
    )  # fmt: skip


def _small_map():
    m = new_map(title="测试 test", basemap="none")
    add_points(m, _points(), layer_name="海港 sea ports", popup_fields=["text_zh", "role"])
    add_source_note(m, ["national-14"])
    add_legend(m, [LegendEntry("海港 sea port", "#0072B2").on("海港 sea ports"),
                   LegendEntry("不存在 absent", "#000000").on("no such layer")])  # fmt: skip
    return finish_map(m)


# --- determinism ----------------------------------------------------------------------------------


def test_the_same_map_renders_the_same_bytes():
    a, b = render_map(_small_map()), render_map(_small_map())
    assert a == b
    assert not re.search(r"_[0-9a-f]{32}\b", a)  # no random element ids left
    assert "feature_group_" in a and "circle_marker_" in a


def test_rendering_twice_gives_the_same_page():
    m = _small_map()
    assert render_map(m) == render_map(m)


# --- legend, labels, search -----------------------------------------------------------------------


def test_legend_rows_name_their_layers_and_absent_layers_are_left_out():
    m = _small_map()
    page = render_map(m)
    fg = m.layers["海港 sea ports"].get_name()
    assert f'data-layers=\\"{fg}\\"' in page
    assert "不存在 absent" not in page  # no legend entry without its marker


def test_points_get_labels_and_search_entries():
    m = _small_map()
    assert [it[2] for _, items in m.labels for it in items] == ["<span>大连</span>",
                                                               "<span>青岛</span>"]  # fmt: skip
    assert [name for name, _mk, _fg in m.search_items] == ["大连", "青岛"]


def test_popups_speak_the_plans_words():
    page = render_map(_small_map())
    assert "主要口岸" in page and "区域性口岸" in page and "main port" not in page  # Chinese
    assert ">main<" not in page and ">regional<" not in page


def test_display_value_vocabulary():
    assert display_value("status", "planned") == "规划 planned"
    assert display_value("role", "international-hub") == "国际枢纽 international hub"
    assert display_value("role_14", "main") == "主要口岸 main port"  # a plan-suffixed field
    assert display_value("neighbor", "RUS").startswith("俄罗斯")
    assert display_value("neighbor", "HKG") == "香港 Hong Kong"
    assert display_value("name_zh", "上海") == "上海"


def test_stacked_markers_cluster():
    from portgeo.maps.furniture import ClusterGroup

    m = new_map(title="t", basemap="none")
    pts = _points()
    pts.loc[1, "geometry"] = pts.geometry.iloc[0]
    add_points(m, pts, layer_name="叠 stacked", cluster=True)
    assert isinstance(m.layers["叠 stacked"], ClusterGroup)
    assert "L.markerClusterGroup" in render_map(finish_map(m))


# --- China's map ------------------------------------------------------------------------------------


def test_maritime_boundary_is_ten_dashes_in_the_south_china_sea_and_east_of_taiwan():
    from portgeo.layout.boundaries import load_maritime_boundary

    line = load_maritime_boundary().geometry.iloc[0]
    parts = shapely.get_parts(line)
    assert len(parts) == 10
    x0, y0, x1, y1 = line.bounds
    assert 108 < x0 < 110 and 122 < x1 < 123.5 and 3 < y0 < 5 and 24 < y1 < 25.5


def test_context_countries_include_the_sea_neighbours_named():
    from portgeo.layout.boundaries import load_context_countries
    from portgeo.layout.neighbours import land_neighbours

    ctx = load_context_countries().set_index("iso3")
    for iso, zh in (("KOR", "韩国"), ("JPN", "日本"), ("PHL", "菲律宾"), ("MYS", "马来西亚")):
        assert ctx.loc[iso, "name_zh"] == zh
    assert not set(land_neighbours()) & set(ctx.index)


def test_inset_svg_draws_the_islands_and_the_line():
    from portgeo.maps.inset import inset_svg

    svg = inset_svg()
    assert svg.startswith("<svg") and "南海诸岛" in svg
    assert svg.count('stroke="#a0302d"') == 1  # the 断续线
    assert len(svg) < 40_000


def test_rivers_come_with_river_ports_only():
    from portgeo.catalogue import load_entities
    from portgeo.layout.rivers import river_systems_near

    gd = load_entities(plan="guangdong-14")
    rivers = river_systems_near(gd[gd["mode"] == "river"])
    assert len(rivers) > 10
    x0, y0, x1, y1 = rivers.total_bounds
    assert x0 < 113.3 < x1 and y0 < 23.1 < y1  # the Pearl River system, through Guangzhou
    gobi = gpd.GeoDataFrame(geometry=[shapely.Point(100.0, 42.0)], crs=4326)
    assert river_systems_near(gobi).empty


# --- pictures -------------------------------------------------------------------------------------


def test_parse_size():
    from portgeo.maps.snapshot import parse_size

    assert parse_size("1600x1000") == (1600, 1000)
    for bad in ("1600", "axb", "10x10"):
        with pytest.raises(InputError):
            parse_size(bad)


def test_png_without_a_chinese_font_is_one_line_exit_2(monkeypatch, tmp_path, capsys):
    from portgeo.cli import main

    # the briefing page needs no Chromium (tests/test_briefing.py), but a Chinese font
    monkeypatch.setattr(settings, "briefing_fonts", ("No Such Font",))
    code = main(["maps", "--out", str(tmp_path / "m"), "--only", "n14_c09_smart", "--png"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "fonts-noto-cjk" in err[0]
    assert not (tmp_path / "m").exists()  # checked before the build


def test_check_browser_names_the_path(monkeypatch, tmp_path):
    from portgeo.maps.snapshot import check_browser

    monkeypatch.setattr(settings, "chromium_path", tmp_path / "x")
    with pytest.raises(BrowserError, match="apt-get install chromium"):
        check_browser()


# --- the report -----------------------------------------------------------------------------------


class _Crit:
    def __init__(self, cid, value, threshold):
        self.id, self.value, self.threshold = cid, value, threshold


def test_report_values_have_units_and_the_gate_reads_per_condition():
    from portgeo.maps.admission_words import criterion_value
    from portgeo.rules.admission import load_admission_rule

    rule = load_admission_rule()
    assert criterion_value(_Crit("distance_200km", 77.6, 200.0), rule) == "77.6 km"
    assert criterion_value(_Crit("drive_2h", 65.9, 120.0), rule, threshold=True) == "≥ 120 min"
    assert criterion_value(_Crit("routes", 25.0, 20.0), rule) == "25 条"
    assert criterion_value(_Crit("routes", 25.0, 20.0), rule, lang="en") == "25 routes"
    assert criterion_value(_Crit("passengers", 3_500_000.0, 3e6), rule) == "350 万人次"
    assert criterion_value(_Crit("passengers", 3_500_000.0, 3e6), rule, lang="en") == (
        "3,500,000 passengers"
    )
    assert criterion_value(_Crit("routes", None, 20.0), rule) == "未知"
    assert criterion_value(_Crit("routes", None, 20.0), rule, lang="en") == "unknown"
    facts = {"exiting_port": True, "unaccepted_port": False, "ports_below_standard": None}
    gate = criterion_value(_Crit("province_gate", facts, {}), rule)
    assert gate.splitlines() == ["① 是", "② 否", "③ 未知"]
    gate_en = criterion_value(_Crit("province_gate", facts, {}), rule, lang="en")
    assert gate_en.splitlines() == ["① yes", "② no", "③ unknown"]
    assert "应予退出" in criterion_value(_Crit("province_gate", {}, {}), rule, threshold=True)
    assert "due to exit" in criterion_value(
        _Crit("province_gate", {}, {}), rule, threshold=True, lang="en"
    )


class _Result:
    def __init__(self, candidate):
        self.candidate = candidate


def test_report_names_the_candidate_in_chinese_and_headlines_an_opened_one():
    from portgeo.maps.admission_words import candidate_name_zh, opened_headline

    opened = {"name": "Sunan Shuofang International Airport", "iata": "WUX",
              "opened_air_port": {"name_zh": "无锡航空口岸（苏南硕放国际机场）", "open": True,
                                  "state": "operating by 2008-05"}}  # fmt: skip
    assert candidate_name_zh(_Result(opened)) == "无锡航空口岸（苏南硕放国际机场）"
    assert "已是已开放航空口岸" in opened_headline(_Result(opened))
    new = {"name": "新机场", "iata": "", "opened_air_port": None}
    assert candidate_name_zh(_Result(new)) == "新机场"
    assert opened_headline(_Result(new)) is None
