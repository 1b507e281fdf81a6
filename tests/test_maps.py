"""Tests of portgeo.maps: components, GCJ-02 shift on the Amap basemap, self-contained export."""

from __future__ import annotations

import math
import re
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from portgeo.maps import (
    BasemapError,
    LegendEntry,
    add_legend,
    add_lines,
    add_points,
    add_source_note,
    finish_map,
    inline_assets,
    legend_entry_for,
    line_style,
    marker_style,
    new_map,
    point_legend_entries,
    render_map,
    save_map,
)

OSM_CREDIT = re.compile(r"OpenStreetMap<\\?/a> contributors")
CDN_TAG = re.compile(r"<(?:script|link)\b[^>]*(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.I)


def _points(rows):
    return gpd.GeoDataFrame(
        [{k: v for k, v in r.items() if k not in ("lon", "lat")} for r in rows],
        geometry=[shapely.Point(r["lon"], r["lat"]) for r in rows],
        crs=4326,
    )


def _marker_latlons(page: str) -> list[tuple[float, float]]:
    return [
        (float(a), float(b))
        for a, b in re.findall(r"L\.circleMarker\(\s*\[([-\d.]+),\s*([-\d.]+)\]", page)
    ]


# --- styles and legend --------------------------------------------------------------------------


def test_marker_style_listed_filled_planned_hollow_dashed():
    op = marker_style("rail", "listed")
    pl = marker_style("rail", "planned")
    assert op["fill_color"] == pl["color"]  # same kind colour
    assert op["dash_array"] is None and pl["dash_array"]
    assert pl["fill_color"] == "#ffffff"
    assert marker_style("sea")["fill_color"] != marker_style("air")["fill_color"]
    with pytest.raises(ValueError, match="unknown kind"):
        marker_style("tram")
    with pytest.raises(ValueError, match="unknown status"):
        marker_style("sea", "closed")


def test_legend_entry_matches_marker_style():
    e = legend_entry_for("road", "planned")
    s = marker_style("road", "planned")
    assert e.color == s["color"] and e.dash == s["dash_array"] and e.fill_color == s["fill_color"]
    assert "公路" in e.label and "planned" in e.label


def test_legend_renders_swatches_and_title():
    m = new_map(title="t", basemap="none")
    add_legend(
        m,
        [legend_entry_for("sea"), LegendEntry("边界", "#b22222", shape="line", dash="4 4")],
        title="图例 Legend",
    )
    page = render_map(m)
    assert "portgeo-legend" in page
    assert "图例 Legend" in page and "边界" in page
    assert 'stroke-dasharray=\\"4 4\\"' in page  # the JSON-escaped SVG of the dashed line


def test_point_legend_entries_only_present_pairs():
    g = _points(
        [
            {"name_zh": "a", "kind": "sea", "status": "listed", "lon": 121, "lat": 31},
            {
                "name_zh": "b",
                "kind": "project",
                "mode": "rail",
                "status": "planned",
                "lon": 120,
                "lat": 30,
            },
        ]
    )
    labels = [e.label for e in point_legend_entries(g)]
    assert len(labels) == 2
    assert labels[0].startswith("海港") and labels[1].startswith("铁路")


# --- basemaps -----------------------------------------------------------------------------------


def test_unknown_basemap_and_missing_tianditu_key(monkeypatch):
    with pytest.raises(BasemapError, match="unknown basemap"):
        new_map(title="t", basemap="google")
    monkeypatch.delenv("TIANDITU_KEY", raising=False)
    with pytest.raises(BasemapError, match="TIANDITU_KEY"):
        new_map(title="t", basemap="tianditu")
    monkeypatch.setenv("TIANDITU_KEY", "abc123")
    m = new_map(title="t", basemap="tianditu")
    add_source_note(m, ["national-14"])
    page = render_map(finish_map(m))
    tianditu = [b for b in setup_config(page)["basemaps"] if b["kind"] == "tianditu"]
    assert tianditu[0]["active"] and "tk=abc123" in tianditu[0]["url"]


def setup_config(page: str) -> dict:
    """The configuration the page passes to portgeo.setup (basemaps, labels, search, bounds)."""
    import json

    match = re.search(r"portgeo\.setup\(map_\d+, (\{.*\}), \w+\);\n", page)
    assert match, "no portgeo.setup call"
    return json.loads(match.group(1))


def source_note(page: str) -> str:
    import json

    match = re.search(r"'portgeo-source leaflet-control'\);\s*div\.innerHTML = (\".*?\");", page)
    match = match or re.search(
        r"\"portgeo-source leaflet-control\"\);\s*div\.innerHTML = (\".*?\");", page
    )
    assert match, "no source note"
    return json.loads(match.group(1).replace("<\\/", "</"))


def test_none_basemap_opens_without_tiles_and_osm_credit_follows_osm_data():
    m = new_map(title="t", basemap="none")
    add_source_note(m, ["national-14"])
    finish_map(m)
    page = render_map(m)
    bases = setup_config(page)["basemaps"]
    assert [b["kind"] for b in bases if b["active"]] == ["none"]
    # the tile basemaps are offered in the layer control, not drawn at opening
    assert {b["kind"] for b in bases} == {"none", "osm", "tianditu", "amap"}
    assert "OpenStreetMap" not in source_note(page)
    m2 = new_map(title="t", basemap="osm")
    add_source_note(m2, ["national-14"])
    assert OSM_CREDIT.search(source_note(render_map(finish_map(m2))))


def test_mark_osm_data_after_note_still_credits_osm():
    from portgeo.maps import mark_osm_data

    m = new_map(title="t", basemap="none")
    add_source_note(m, ["national-13"])
    mark_osm_data(m)  # e.g. road-network catchments added after the note
    page = render_map(finish_map(m))
    assert OSM_CREDIT.search(page) and "十三五" in page


# --- the GCJ-02 shift on Amap ---------------------------------------------------------------------


def _tile_pixel(lon: float, lat: float, z: int) -> tuple[int, int, int, int]:
    """Slippy-map (Web Mercator) tile x, y and pixel-in-tile of a coordinate at zoom z."""
    n = 2**z
    x = (lon + 180.0) / 360.0 * n
    lat_r = math.radians(lat)
    y = (1.0 - math.asinh(math.tan(lat_r)) / math.pi) / 2.0 * n
    return int(x), int(y), int((x % 1) * 256), int((y % 1) * 256)


def _global_pixel(lon: float, lat: float, z: int) -> tuple[int, int]:
    tx, ty, px, py = _tile_pixel(lon, lat, z)
    return tx * 256 + px, ty * 256 + py


# WGS84 → GCJ-02 pairs published as test vectors of the independent `eviltransform` project
# (github.com/googollee/eviltransform, MIT): a point in Shanghai Pudong and one in Shenzhen.
GCJ_VECTORS = [
    ((121.5272106, 31.1774276), (121.531541859215, 31.17530398364597)),
    ((113.912316, 22.543847), (113.9171764808363, 22.540796131694766)),
]


@pytest.mark.parametrize(("wgs", "gcj"), GCJ_VECTORS)
def test_amap_overlay_lands_on_gcj_tile_pixel(wgs, gcj):
    g = _points([{"name_zh": "p", "kind": "sea", "status": "listed", "lon": wgs[0], "lat": wgs[1]}])
    m = new_map(title="t", basemap="amap")
    add_points(m, g, layer_name="p")
    ((lat, lon),) = _marker_latlons(render_map(m))
    z = 18
    assert _tile_pixel(lon, lat, z)[:2] == _tile_pixel(*gcj, z)[:2]  # same Amap tile
    got, want = _global_pixel(lon, lat, z), _global_pixel(*gcj, z)
    assert abs(got[0] - want[0]) <= 1 and abs(got[1] - want[1]) <= 1  # 5-decimal rounding ≈ 1 px
    raw = _global_pixel(*wgs, z)
    assert (
        max(abs(raw[0] - want[0]), abs(raw[1] - want[1])) > 500
    )  # unshifted would be off by > 500 px


def test_amap_landmark_tiananmen_coarse():
    # Tiananmen: WGS84 39°54′26″N 116°23′27″E (Wikipedia, arc-second precision) and the Amap (GCJ-02)
    # coordinate 116.397428, 39.90923 used as "天安门" throughout Amap's JS API examples. The two
    # sources name slightly different points, so this is a coarse check at zoom 13 (~15 m/px).
    wgs = (116.39083, 39.90722)
    amap = (116.397428, 39.90923)
    g = _points(
        [{"name_zh": "天安门", "kind": "air", "status": "listed", "lon": wgs[0], "lat": wgs[1]}]
    )
    m = new_map(title="t", basemap="amap")
    add_points(m, g, layer_name="p")
    ((lat, lon),) = _marker_latlons(render_map(m))
    got, want, raw = _global_pixel(lon, lat, 13), _global_pixel(*amap, 13), _global_pixel(*wgs, 13)
    assert max(abs(got[0] - want[0]), abs(got[1] - want[1])) <= 6
    assert max(abs(raw[0] - want[0]), abs(raw[1] - want[1])) >= 30


def test_osm_overlay_not_shifted():
    wgs = GCJ_VECTORS[0][0]
    g = _points([{"name_zh": "p", "kind": "sea", "status": "listed", "lon": wgs[0], "lat": wgs[1]}])
    m = new_map(title="t", basemap="osm")
    add_points(m, g, layer_name="p")
    ((lat, lon),) = _marker_latlons(render_map(m))
    assert (lon, lat) == (round(wgs[0], 5), round(wgs[1], 5))


def test_amap_shifts_lines_too():
    wgs, gcj = GCJ_VECTORS[0]
    line = gpd.GeoDataFrame(
        {"name": ["x"]}, geometry=[shapely.LineString([wgs, (wgs[0] + 0.01, wgs[1])])], crs=4326
    )
    m = new_map(title="t", basemap="amap")
    add_lines(m, line, layer_name="l", style=line_style("rail"))
    page = render_map(m)
    assert f"{round(gcj[0], 5)}" in page and f"{round(gcj[1], 5)}" in page


# --- points, popups, export ---------------------------------------------------------------------


def test_add_points_popups_tooltips_and_missing_points():
    g = gpd.GeoDataFrame(
        {
            "name_zh": ["满洲里", "无点"],
            "name_en": ["Manzhouli", "none"],
            "kind": ["rail", "road"],
            "status": ["listed", "planned"],
            "text_zh": ["中俄：满洲里铁路口岸 <b>", ""],
        },
        geometry=[shapely.Point(117.38, 49.59), None],
        crs=4326,
    )
    m = new_map(title="t", basemap="none")
    add_points(m, g, layer_name="铁路口岸 rail", popup_fields=["text_zh"])
    page = render_map(m)
    assert len(_marker_latlons(page)) == 1
    assert "满洲里" in page and "Manzhouli" not in page  # one language: Chinese by default
    assert "中俄：满洲里铁路口岸 &lt;b&gt;" in page  # plan text escaped
    assert m.layer_names == ["铁路口岸 rail"]


def test_self_contained_has_no_remote_script_or_link(tmp_path):
    m = new_map(title="t", basemap="none")
    add_points(m, _points([{"name_zh": "a", "kind": "sea", "lon": 121, "lat": 31}]), layer_name="a")
    add_source_note(m, ["national-14"])
    finish_map(m)
    plain = render_map(m)
    assert CDN_TAG.search(plain)  # folium's default template does load CDNs
    path = save_map(m, tmp_path / "m.html", self_contained=True)
    page = path.read_text(encoding="utf-8")
    assert not CDN_TAG.search(page)
    assert "leaflet/dist/leaflet.js (vendored)" in page
    assert "fontawesome" not in page.lower().split("</head>")[0] or "all.min.css" not in page


def test_inline_assets_rejects_unknown_cdn():
    from portgeo.maps import AssetError

    with pytest.raises(AssetError, match="vendor_assets"):
        inline_assets('<script src="https://cdn.example.com/x.js"></script>')


# --- the plans' maps ------------------------------------------------------------------------------


@pytest.mark.slow
def test_every_map_has_title_boundary_legend_note_and_layers(built_maps):
    for slug, m in built_maps.items():
        page = render_map(m)
        assert m.finished, slug
        assert m.china_boundary_drawn and "省界" in m.layer_names and "地名" in m.layer_names, slug
        assert m.layer_names, (slug, m.layer_names)
        assert page.count("portgeo-legend leaflet-control") == 1, slug
        assert "portgeo-source" in page and "来源：" in page, slug
        assert "portgeo-title" in page, slug
        assert "L.control.layers" in page, slug
        bases = setup_config(page)["basemaps"]
        assert [b["kind"] for b in bases if b["active"]] == ["none"], slug


@pytest.mark.slow
def test_layer_names_follow_the_catalogue(built_maps):
    from portgeo.catalogue import load_entities

    sea = load_entities(plan="national-14", column=2, located_only=True)
    n_main = int((sea["role"] == "main").sum())
    assert f"主要口岸 ({n_main})" in built_maps["n14_c02_sea"].layer_names
    assert n_main == 19  # 专栏2 names 19 main ports
    air = built_maps["n14_c04_air"].layer_names
    for name in (
        "200公里范围",
        "2小时车程",
        "无枢纽覆盖区域",
    ):
        assert name in air
    # 专栏8 names five long-corridor crossings (伊尔克什坦, 吐尔尕特, 红其拉甫, 卡拉苏, 老爷庙)
    assert "关口前移 (5)" in built_maps["n14_c08_shortfall"].layer_names
    # 专栏10 names eight cross-border links (two bridges and a cableway at 同江/黑河, two railways, three bridges)
    assert "跨境通道 (8)" in built_maps["n14_c10_cooperation"].layer_names
    assert "升级 (3)" in built_maps["n13_n14_comparison"].layer_names


@pytest.mark.slow
def test_c04_credits_osm_for_drive_times(built_maps):
    assert OSM_CREDIT.search(source_note(render_map(built_maps["n14_c04_air"])))
    # no OSM data on basemap none (the OSM tiles offered in the layer control credit themselves)
    assert not OSM_CREDIT.search(source_note(render_map(built_maps["n14_c02_sea"])))


def test_cli_maps_offline(tmp_path, capsys):
    from portgeo.cli import main

    rc = main(
        [
            "maps",
            "--out",
            str(tmp_path),
            "--basemap",
            "none",
            "--self-contained",
            "--only",
            "gd14_c04",
        ]
    )
    assert rc == 0
    page = (tmp_path / "gd14_c04.html").read_text(encoding="utf-8")
    assert not CDN_TAG.search(page)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "gd14_c04.html" in index and "<script" not in index


def test_cli_maps_tianditu_without_key_is_a_user_error(tmp_path, capsys, monkeypatch):
    from portgeo.cli import main

    monkeypatch.delenv("TIANDITU_KEY", raising=False)
    rc = main(["maps", "--out", str(tmp_path), "--basemap", "tianditu", "--only", "gd14_c04"])
    err = capsys.readouterr().err
    assert rc == 2
    assert err.startswith("portgeo: error:") and "TIANDITU_KEY" in err and err.count("\n") == 1


def test_rows_at_one_place_share_one_marker_listing_all():
    g = _points(
        [
            {
                "name_zh": "甲码头",
                "kind": "sea",
                "status": "planned",
                "text_zh": "甲项目",
                "lon": 113.5,
                "lat": 22.2,
            },
            {
                "name_zh": "乙码头",
                "kind": "sea",
                "status": "planned",
                "text_zh": "乙项目",
                "lon": 113.5,
                "lat": 22.2,
            },
        ]
    )
    m = new_map(title="t", basemap="none")
    add_points(m, g, layer_name="p")
    page = render_map(m)
    assert len(_marker_latlons(page)) == 1
    assert "甲项目" in page and "乙项目" in page and "共2项" in page


def test_display_map_is_offline_iframe():
    pytest.importorskip("IPython")
    from portgeo.maps import display_map

    m = new_map(title="t", basemap="none")
    add_source_note(m, ["guangdong-14"])
    shown = display_map(finish_map(m), snapshot=False)
    out = shown.data
    assert out.startswith('<div class="portgeo-map portgeo-map-live"><style>')
    assert "<iframe srcdoc=" in out and "cdn.jsdelivr.net" not in out
    assert shown.png is None and "静态图未生成" not in out  # not asked for: no picture, no note


def test_display_map_says_when_no_picture_was_made(monkeypatch):
    pytest.importorskip("IPython")
    from portgeo.errors import BrowserError
    from portgeo.maps import export

    def no_browser(page, *, size):
        raise BrowserError("pictures of maps need Chromium, not found at /nowhere")

    monkeypatch.setattr(export, "render_png_bytes", no_browser)
    m = new_map(title="t", basemap="none")
    shown = export.display_map(finish_map(m))
    assert shown.png is None
    assert "静态图未生成 no static picture: pictures of maps need Chromium" in shown.data
    assert "the picture below" not in shown.data  # the untrusted text promises no picture


# -- the request (the command line's and the notebooks' one call) ---------------------------------


def test_maps_request_lists_its_outputs(tmp_path):
    from portgeo.maps import MapsRequest

    req = MapsRequest(out_dir=tmp_path, slugs=("n14_c06_volumes",), png=(800, 500), pdf=True)
    assert req.outputs() == [tmp_path / "index.html"] + [
        tmp_path / f"n14_c06_volumes{ext}" for ext in (".html", ".png", ".pdf")
    ]


@pytest.mark.parametrize(
    ("volumes", "pattern"),
    [("missing.csv", "not found"), ("empty.csv", "is empty"), ("out/index.html", "--volumes")],
)
def test_run_maps_refuses_before_building(tmp_path, monkeypatch, volumes, pattern):
    from portgeo.errors import PortgeoError
    from portgeo.maps import MapsRequest, registry, run_maps

    def no_build(*args, **kwargs):
        raise AssertionError("no map may be built")

    monkeypatch.setattr(registry, "build_all_maps", no_build)
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "index.html").write_text("<html></html>", encoding="utf-8")
    req = MapsRequest(out_dir=tmp_path / "out", slugs=("n14_c06_volumes",),
                      volumes=tmp_path / volumes)  # fmt: skip
    with pytest.raises(PortgeoError, match=pattern):
        run_maps(req)


def test_run_maps_gives_the_volumes_to_the_latest_volume_map(tmp_path, monkeypatch):
    from portgeo.catalogue import load_catalogue
    from portgeo.maps import MapsRequest, registry, run_maps

    seen = {}

    def fake_build(out_dir, **kwargs):
        seen.update(kwargs)
        return [out_dir / "a.html", out_dir / "index.html"]

    monkeypatch.setattr(registry, "build_all_maps", fake_build)
    template = Path(__file__).parents[1] / "data" / "templates" / "port_volumes_template.csv"
    res = run_maps(MapsRequest(out_dir=tmp_path, volumes=template), progress=False)
    cat = load_catalogue()
    plan = cat.latest_plan("volumes")
    slug = str(cat.column_info(plan, cat.column_of(plan, "volumes"))["slug"])
    assert seen["options"] == {slug: {"volumes": template}}
    assert res.paths == [tmp_path / "a.html", tmp_path / "index.html"] and res.pngs == []


def test_marginal_ground_is_hatched_by_a_pattern_the_page_defines():
    from portgeo.maps.components import add_svg_patterns, new_map
    from portgeo.maps.style import HATCH_PATTERNS, eligibility_styles

    fill = eligibility_styles()["marginal"]["fillColor"]
    pid = re.fullmatch(r"url\(#(.+)\)", fill).group(1)
    assert pid in HATCH_PATTERNS
    m = new_map(title="hatch", basemap="none")
    add_svg_patterns(m)
    add_svg_patterns(m)  # once per page
    page = m.get_root().render()
    assert page.count(f'<pattern id="{pid}"') == 1
    assert "None</" not in page.split("<body>", 1)[-1][:200]  # nothing stray before the map
