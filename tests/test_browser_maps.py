"""China's standard map furniture, in a real browser: the 断续线, the inset, labels, legend rows,
the opening view at three screen sizes, print to A4, identical rebuilds, ``--png``.

Run with ``pytest -m browser``; needs ``/usr/bin/chromium`` (skipped with a message otherwise).
"""

from __future__ import annotations

import struct
from contextlib import contextmanager
from pathlib import Path

import pytest

from portgeo import settings
from portgeo.maps.components import CHINA_EXTENT
from portgeo.maps.export import save_map
from portgeo.maps.registry import build_map
from portgeo.maps.snapshot import layout_count, wait_for_layout
from portgeo.maps.style import context_styles

SIZES = [(1600, 1000), (1280, 720), (1024, 768)]
#: A national map of each kind, a text card, a provincial map.
SLUGS = ["n14_c02_sea", "n14_c03_border", "n14_c04_air", "n14_c09_smart", "n13_n14_comparison",
         "n14_c06_volumes", "gd14_c01"]  # fmt: skip
NATIONAL = [s for s in SLUGS if not s.startswith("gd14")]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _open(browser, path: Path, size=(1280, 720)):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_selector("[data-portgeo-ready]", state="attached", timeout=20_000)
    wait_for_layout(page, timeout_ms=20_000)  # fitted, fonts in, labels decluttered
    page.errors = errors
    return page


#: Pages that several checks only read: each is opened once for the module (:func:`look`).
SHARED = {("n14_c02_sea", (1280, 720)), ("n14_c03_border", (1600, 1000)),
          ("n14_c03_border", (1280, 720)), ("n14_c09_smart", (1280, 720))}  # fmt: skip


@pytest.fixture(scope="module")
def look(browser, exported_maps):
    """``with look(slug, size) as page``: a map page for checks that only read it.

    A page of :data:`SHARED` is opened once and stays open for the module's other read-only
    checks; any other page is closed after its block. Checks that click, print or open a popup
    open a page of their own (:func:`_open`).
    """
    kept: dict[tuple[str, tuple[int, int]], object] = {}

    @contextmanager
    def opened(slug: str, size: tuple[int, int] = (1280, 720)):
        key = (slug, tuple(size))
        if key in SHARED:
            if key not in kept:
                kept[key] = _open(browser, exported_maps[slug], size)
            yield kept[key]
            return
        page = _open(browser, exported_maps[slug], size)
        try:
            yield page
        finally:
            page.close()

    yield opened
    for page in kept.values():
        page.close()


_MAP = "window[Object.keys(window).find(k => /^map_\\d+$/.test(k))]"


def _china_box(page) -> dict:
    """China's extent, Nansha included, in the page's pixels."""
    w, s, e, n = CHINA_EXTENT
    return page.evaluate(
        f"""() => {{ const m = {_MAP}; const r = m.getContainer().getBoundingClientRect();
        const a = m.latLngToContainerPoint([{n}, {w}]), b = m.latLngToContainerPoint([{s}, {e}]);
        return {{left: r.left + a.x, top: r.top + a.y, right: r.left + b.x, bottom: r.top + b.y,
                 width: r.width, height: r.height}}; }}"""
    )


def _rects(page, selector: str) -> list[dict]:
    return page.eval_on_selector_all(
        selector,
        "els => els.filter(e => e.offsetParent !== null).map(e => { const r = "
        "e.getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, "
        "bottom: r.bottom}; })",
    )


def _overlap(a: dict, b: dict) -> bool:
    return not (a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"]
                or b["bottom"] <= a["top"])  # fmt: skip


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("slug", NATIONAL)
def test_opening_view_shows_all_of_china_and_nothing_covers_it(look, slug, size):
    with look(slug, size) as page:
        box = _china_box(page)
        errors = list(page.errors)
        controls = _rects(page, ".leaflet-control, .portgeo-title")
        provinces = page.locator(".leaflet-control-layers-overlays label", has_text="省界")
        provinces_on = provinces.locator("input").is_checked()
    assert errors == []
    assert box["left"] >= -1 and box["top"] >= -1, box  # Nansha and Heilongjiang in view
    assert box["right"] <= box["width"] + 1 and box["bottom"] <= box["height"] + 1, box
    covering = [r for r in controls if _overlap(r, box)]
    assert covering == [], covering
    assert provinces_on  # the provincial lines are part of the base


def test_maritime_line_and_islands_are_drawn(look):
    mar = context_styles()["maritime"]
    isl = context_styles()["island"]
    with look("n14_c02_sea") as page:
        paths = page.eval_on_selector_all(
            ".leaflet-pgBoundary-pane path",
            f"""els => els.filter(e => e.getAttribute('stroke') === '{mar["color"]}' &&
                  e.getAttribute('stroke-width') === '{mar["weight"]}')
                .map(e => (e.getAttribute('d').match(/M/g) || []).length)""",
        )
        islands = page.locator(
            f".leaflet-map-pane path[fill='{isl['fillColor']}'][stroke='{isl['color']}']"
        ).count()
    assert paths == [10]  # one path of ten dashes
    assert islands > 50  # the far islands as dots


def test_inset_in_the_lower_right(look):
    with look("n14_c03_border", (1600, 1000)) as page:
        inset = page.locator(".portgeo-inset")
        count, text = inset.count(), inset.inner_text()
        r = inset.bounding_box()
        paths = page.locator(".portgeo-inset svg path").count()
    assert count == 1 and "南海诸岛" in text
    assert r["x"] > 1300 and r["y"] > 600 and r["width"] > 100 and r["height"] > 120
    assert paths >= 3  # land, China, dots, the line


def _visible_labels(page) -> list[str]:
    return page.eval_on_selector_all(
        ".pg-label", "els => els.filter(e => e.offsetParent !== null && "
        "e.style.visibility !== 'hidden').map(e => e.innerText.split('\\n')[0])",
    )  # fmt: skip


def test_labels_show_give_way_and_toggle(browser, exported_maps):
    page = _open(browser, exported_maps["n14_c02_sea"], (1600, 1000))
    shown = _visible_labels(page)
    for name in ("韩国", "日本", "菲律宾", "俄罗斯", "上海", "天津"):
        assert name in shown, (name, shown)
    rects = page.eval_on_selector_all(
        ".pg-label", "els => els.filter(e => e.style.visibility !== 'hidden' && e.offsetParent "
        "!== null).map(e => { const r = e.firstChild.getBoundingClientRect(); return "
        "{left: r.left, top: r.top, right: r.right, bottom: r.bottom}; })",
    )  # fmt: skip
    clashes = [(a, b) for i, a in enumerate(rects) for b in rects[i + 1 :] if _overlap(a, b)]
    page.hover(".leaflet-control-layers")
    shown_layouts = layout_count(page)
    page.get_by_text("标注", exact=True).click()
    wait_for_layout(page, after=shown_layouts)
    after = _visible_labels(page)
    page.close()
    assert clashes == []
    assert after == []


def test_legend_rows_follow_the_layers(browser, exported_maps):
    page = _open(browser, exported_maps["n14_c02_sea"], (1600, 1000))
    legend = page.locator(".portgeo-legend")
    assert legend.get_by_text("主要口岸", exact=True).is_visible()
    for text in ("环渤海", "区域性口岸", "国界", "断续线", "省级界", "首都", "省级行政中心"):
        assert legend.get_by_text(text, exact=True).is_visible(), text
    page.hover(".leaflet-control-layers")
    shown_layouts = layout_count(page)
    page.locator(".leaflet-control-layers-overlays label", has_text="主要口岸 (").click()
    wait_for_layout(page, after=shown_layouts)
    hidden = not legend.get_by_text("主要口岸", exact=True).is_visible()
    page.close()
    assert hidden


def test_border_legend_has_a_swatch_per_neighbour_once_the_layer_is_on(browser, exported_maps):
    page = _open(browser, exported_maps["n14_c03_border"], (1600, 1000))
    legend = page.locator(".portgeo-legend")
    assert not legend.get_by_text("俄罗斯", exact=False).first.is_visible()  # layer off
    page.hover(".leaflet-control-layers")
    shown_layouts = layout_count(page)
    page.locator(".leaflet-control-layers-overlays label", has_text="边界段").click()
    wait_for_layout(page, after=shown_layouts)
    rows = legend.locator(".pg-row", has_text="边界 ·")
    n = sum(rows.nth(i).is_visible() for i in range(rows.count()))
    page.close()
    assert n == 14


def test_print_is_an_a4_layout_without_ui(browser, exported_maps):
    page = _open(browser, exported_maps["n14_c02_sea"], (1280, 720))
    shown_layouts = layout_count(page)
    page.emulate_media(media="print")
    wait_for_layout(page, after=shown_layouts)  # the view fitted again to the A4 frame

    def shown(sel: str) -> bool:
        return page.eval_on_selector_all(sel, "els => els.some(e => e.offsetParent !== null && "
                                         "getComputedStyle(e).display !== 'none')")  # fmt: skip

    for sel in (".portgeo-title", ".portgeo-legend", ".leaflet-control-scale", ".portgeo-north",
                ".portgeo-inset", ".portgeo-source"):  # fmt: skip
        assert shown(sel), sel
    for sel in (".leaflet-control-layers", ".leaflet-control-zoom", ".leaflet-control-search"):
        assert not shown(sel), sel
    width_mm = page.evaluate(f"() => {_MAP}.getContainer().offsetWidth") * 25.4 / 96
    box = _china_box(page)
    page.close()
    assert 270 < width_mm < 290  # A4 landscape less the margins
    assert box["left"] >= -1 and box["bottom"] <= box["height"] + 1


def test_rebuilding_gives_identical_files(exported_maps, tmp_path):
    for slug in ("n14_c02_sea", "gd14_c01"):
        again = save_map(build_map(slug, basemap="none"), tmp_path / f"{slug}.html",
                         self_contained=True)  # fmt: skip
        assert again.read_bytes() == exported_maps[slug].read_bytes(), slug


def test_png_of_a_stated_size(tmp_path):
    import subprocess
    import sys

    if not Path(settings.chromium_path).exists():
        pytest.skip(f"needs Chromium at {settings.chromium_path}")
    # the command line in its own process (this one already runs a Playwright browser)
    run = subprocess.run([sys.executable, "-m", "portgeo", "maps", "--out", str(tmp_path),
                          "--self-contained", "--only", "n14_c09_smart", "--png", "800x500"],
                         capture_output=True, text=True, timeout=600)  # fmt: skip
    assert run.returncode == 0, run.stderr
    png = (tmp_path / "n14_c09_smart.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (800, 500)


def test_text_card_and_popup_below_the_title(browser, exported_maps, look):
    with look("n14_c09_smart", (1280, 720)) as page:
        card_shown = page.locator(".portgeo-panel.pg-card").is_visible()
    assert card_shown
    page = _open(browser, exported_maps["n14_c03_border"], (1280, 720))
    title = page.locator(".portgeo-title").bounding_box()
    # open it, and wait for the map to stop if the popup pans it into view
    page.evaluate(
        f"""() => new Promise(done => {{ const m = {_MAP}; let top = null, panning = false;
        m.eachLayer(l => {{ if (l.getPopup && l.getPopup() && l.getLatLng &&
            (!top || l.getLatLng().lat > top.getLatLng().lat)) top = l; }});
        m.once("autopanstart", () => {{ panning = true; m.once("moveend", () => done(true)); }});
        top.openPopup();
        if (!panning) done(false); }})"""
    )
    popup = page.locator(".leaflet-popup").bounding_box()
    page.close()
    assert popup["y"] >= title["y"] + title["height"] - 1  # the northernmost popup opens below


def test_amap_tiles_shift_by_the_same_gcj02_offset_as_python(look):
    from portgeo.geo.crs import wgs84_to_gcj02

    pts = [(116.391, 39.907), (121.47, 31.23), (113.26, 23.13), (87.6, 43.8)]
    with look("n14_c02_sea") as page:
        js = page.evaluate(
            "pts => pts.map(p => { const g = portgeo.toGcj(L.latLng(p[1], p[0])); "
            "return [g.lng, g.lat]; })", pts,
        )  # fmt: skip
        bases = page.eval_on_selector_all(".leaflet-control-layers-base label",
                                          "els => els.map(e => e.innerText.trim())")  # fmt: skip
    for (lon, lat), (jl, jt) in zip(pts, js, strict=True):
        pl, pt = wgs84_to_gcj02(lon, lat)
        assert abs(jl - pl) < 1e-9 and abs(jt - pt) < 1e-9
    assert bases[0].startswith("无底图") and any("高德" in b for b in bases)
    assert any("OpenStreetMap" in b for b in bases) and any("天地图" in b for b in bases)


def test_planned_markers_really_show_dashed(look):
    with look("n14_c03_border") as page:
        planned = page.eval_on_selector_all(
            "path.leaflet-interactive[stroke-dasharray]",
            "els => els.map(e => [e.getAttribute('stroke-dasharray'), "
            "e.getAttribute('stroke-linecap'), e.getAttribute('fill')])",
        )
    markers = [p for p in planned if p[2] == "#ffffff"]
    assert markers, planned
    # butt caps: Leaflet's round caps would fill the gaps of a dashed circle
    assert all(cap == "butt" and dash for dash, cap, _ in markers)
