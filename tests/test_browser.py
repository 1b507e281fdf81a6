"""Open every exported map in a real browser (Debian chromium via Playwright).

Run with ``pytest -m browser``. Needs ``/usr/bin/chromium`` (``apt-get install -y chromium
fonts-noto-cjk``); skipped with a message when it is missing. Checks, for each map built with
``--basemap none --self-contained``: no console error, no network request at all, the layer
control lists the map's layer names, the legend and the source note are shown. Screenshots go to
``tests/_artifacts/<map>.png``.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from portgeo.maps.registry import map_specs
from portgeo.maps.snapshot import wait_for_layout

ARTIFACTS = Path(__file__).resolve().parent / "_artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _open(browser, path: Path, *, screenshot: Path | None = None, overlays_on: bool = False):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    t0 = time.perf_counter()
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_selector("[data-portgeo-ready]", state="attached", timeout=20_000)
    load_s = time.perf_counter() - t0
    layouts = wait_for_layout(page, timeout_ms=20_000)  # fitted, labels decluttered
    names = page.eval_on_selector_all(
        ".leaflet-control-layers-overlays label span span",
        "els => els.map(e => e.textContent.trim())",
    )
    if overlays_on:
        page.hover(".leaflet-control-layers")  # collapsed: opens on hover
        checked = 0
        for box in page.query_selector_all(".leaflet-control-layers-overlays input[type=checkbox]"):
            if not box.is_checked():
                box.check()
                checked += 1
        if checked:  # one layout for each layer switched on
            wait_for_layout(page, after=layouts + checked - 1)
    info = {
        "requests": [u for u in requests if not u.startswith(("file:", "data:", "about:"))],
        "errors": errors,
        "names": names,
        "legend": page.locator(".portgeo-legend").count(),
        "source": page.inner_text(".portgeo-source")
        if page.locator(".portgeo-source").count()
        else "",
        "title": page.inner_text(".portgeo-title")
        if page.locator(".portgeo-title").count()
        else "",
        "markers": page.locator("path.leaflet-interactive").count(),
        "load_s": load_s,
    }
    if screenshot is not None:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot))
    page.close()
    return info


@pytest.mark.parametrize("slug", list(map_specs()))
def test_map_opens_offline_with_controls(browser, exported_maps, built_maps, slug):
    path, layer_names = exported_maps[slug], list(built_maps[slug].layer_names)
    info = _open(browser, path, screenshot=ARTIFACTS / f"{slug}.png")
    assert info["errors"] == [], info["errors"]
    assert info["requests"] == [], f"self-contained map made network requests: {info['requests']}"
    assert [n for n in info["names"] if n != "标注"] == layer_names
    assert info["legend"] == 1
    assert "来源：" in info["source"] and "示意图" in info["source"]
    assert info["title"]
    assert info["markers"] > 0 or layer_names == ["省界", "地名"]  # a text card only


def test_catchment_layers_switch_on(browser, exported_maps):
    path = exported_maps["n14_c04_air"]
    info = _open(
        browser, path, screenshot=ARTIFACTS / "n14_c04_air_all_layers.png", overlays_on=True
    )
    assert info["errors"] == []
    assert "OpenStreetMap" in info["source"]  # drive times come from OSM-derived roads


def test_index_page_links_every_map(tmp_path, browser):
    from portgeo.maps.registry import build_all_maps

    paths = build_all_maps(tmp_path, basemap="none", self_contained=True,
                           slugs=["n14_c02_sea", "gd14_c03"], progress=False)  # fmt: skip
    index = paths[-1]
    page = browser.new_page()
    page.goto(index.as_uri())
    hrefs = page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href'))")
    page.close()
    assert sorted(hrefs) == ["gd14_c03.html", "n14_c02_sea.html"]
