"""Every map in a real browser at three screen sizes: labels never collide, nothing leaves the
machine, the reference places and hubs are named, and search works from the keyboard.

Each map is opened once per size, and every check of that page is made on that one load: the
bounding boxes of the labels shown (0 overlapping pairs), the labels shown per priority
(:data:`portgeo.maps.style.LABEL_RANKS`), and every http(s) request (intercepted and refused: 0).
At 1600×1000 every hub of the air-port layout and every provincial capital must be named on the
national maps. Run with ``pytest -m browser``; needs ``/usr/bin/chromium``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from portgeo.catalogue import load_catalogue, load_entities
from portgeo.layout.hubs import hub_airports
from portgeo.layout.reference import load_reference_places
from portgeo.maps.recipes.common import column_map
from portgeo.maps.registry import map_specs
from portgeo.maps.snapshot import wait_for_layout
from portgeo.maps.style import LABEL_RANKS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIZES = [(1600, 1000), (1280, 720), (1024, 768)]
ARTIFACTS = Path(__file__).resolve().parent / "_artifacts"
_MAP = "window[Object.keys(window).find(k => /^map_\\d+$/.test(k))]"

#: What one page load measures: labels shown (text, rank, box) and hidden.
_MEASURE = """() => {
  const shown = [], hidden = [];
  document.querySelectorAll('.pg-label').forEach(e => {
    if (e.offsetParent === null || getComputedStyle(e).display === 'none' ||
        getComputedStyle(e).visibility === 'hidden') { hidden.push(e.innerText); return; }
    const r = e.getBoundingClientRect();
    shown.push({text: e.innerText, rank: Number(e.getAttribute('data-rank')),
                box: [r.left, r.top, r.right, r.bottom]});
  });
  return {shown, hidden};
}"""


@pytest.fixture(scope="module")
def pages(exported_maps):
    """Every map of the collection (offline base, self-contained), built once per session."""
    return exported_maps


def _open(browser, path: Path, size: tuple[int, int]):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.foreign = []
    page.errors = []

    def route(r):
        if r.request.url.startswith(("http:", "https:")):
            page.foreign.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    page.route("**/*", route)
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_selector("[data-portgeo-ready]", state="attached", timeout=20_000)
    wait_for_layout(page, timeout_ms=20_000)  # the labels placed once fonts and clusters settle
    return page


def _overlapping(shown: list[dict]) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(shown):
        for b in shown[i + 1 :]:
            (l1, t1, r1, b1), (l2, t2, r2, b2) = a["box"], b["box"]
            if l1 < r2 - 0.5 and l2 < r1 - 0.5 and t1 < b2 - 0.5 and t2 < b1 - 0.5:
                out.append((a["text"], b["text"]))
    return out


def _rank_name(rank: float) -> str:
    """The priority a rank falls in (a layer may order its labels within it, e.g. countries)."""
    level = max((v for v in LABEL_RANKS.values() if v <= rank + 1e-9), default=rank)
    return "/".join(k for k, v in LABEL_RANKS.items() if v == level) or f"{rank:g}"


def test_labels_never_collide_and_nothing_leaves_the_machine(browser, pages):
    specs = map_specs()
    national = {
        slug
        for slug, spec in specs.items()  # the maps that open on all of China
        if spec.column is None or column_map(spec.plan, spec.column).view == "china"
    }
    capitals = load_reference_places("national")
    capitals = set(capitals.loc[capitals["kind"].isin(["capital", "provincial-capital"]),
                                "name_zh"])  # fmt: skip
    hubs = set(hub_airports()["hub_name_zh"])
    report, problems = {}, []
    for slug, path in pages.items():
        for size in SIZES:
            page = _open(browser, path, size)
            got = page.evaluate(_MEASURE)
            foreign, errors = list(page.foreign), list(page.errors)
            page.close()
            where = f"{slug} {size[0]}x{size[1]}"
            texts = {s["text"] for s in got["shown"]}
            counts: dict[str, int] = {}
            for s in got["shown"]:
                counts[_rank_name(s["rank"])] = counts.get(_rank_name(s["rank"]), 0) + 1
            report[where] = {"shown": len(got["shown"]), "hidden": len(got["hidden"]),
                             "by_priority": counts}  # fmt: skip
            if clash := _overlapping(got["shown"]):
                problems.append(f"{where}: {len(clash)} overlapping labels, e.g. {clash[:3]}")
            if foreign:
                problems.append(f"{where}: {len(foreign)} foreign requests, e.g. {foreign[:2]}")
            if errors:
                problems.append(f"{where}: console errors {errors[:2]}")
            if size == (1600, 1000) and slug in national:
                if missing := capitals - texts:
                    problems.append(f"{where}: provincial capitals not named: {sorted(missing)}")
                if slug == "n14_c04_air" and (missing := hubs - texts):
                    problems.append(f"{where}: hubs not named: {sorted(missing)}")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "labels.json").write_text(json.dumps(report, ensure_ascii=False, indent=1),
                                           encoding="utf-8")  # fmt: skip
    assert problems == [], "\n".join(problems)
    assert all(r["shown"] > 0 for r in report.values())


#: True once the popup of ``name`` is open and the map's view was the same for three frames.
_SETTLED_ON = f"""name => {{
  const pop = document.querySelector('.leaflet-popup-content');
  if (!pop || !pop.innerText.includes(name)) {{ window.pgStill = 0; return false; }}
  const m = {_MAP}; const c = m.getCenter(); const view = [c.lat, c.lng, m.getZoom()].join();
  window.pgStill = window.pgView === view ? (window.pgStill || 0) + 1 : 0;
  window.pgView = view;
  return window.pgStill >= 3;
}}"""


def _search(page, name: str) -> dict:
    page.click(".leaflet-control-search .search-button")
    box = page.locator(".leaflet-control-search input.search-input")
    box.fill("")
    box.press_sequentially(name, delay=60)
    # the box lists what matches as one types
    page.locator(".leaflet-control-search .search-tip", has_text=name).first.wait_for()
    box.press("Enter")
    # the place's popup is open and the map has stopped (three frames without a move)
    page.wait_for_function(_SETTLED_ON, arg=name, polling="raf", timeout=20_000)
    return page.evaluate(
        f"""() => {{ const m = {_MAP}; const c = m.getCenter();
        const pop = document.querySelector('.leaflet-popup-content');
        return {{lat: c.lat, lon: c.lng, zoom: m.getZoom(),
                 popup: pop ? pop.innerText : ''}}; }}"""
    )


def test_search_by_keyboard_pans_to_the_place_and_opens_its_popup(browser, pages):
    places = load_reference_places("national").set_index("name_zh")
    cat = load_catalogue()
    plan = cat.latest_plan("border-layout")
    border = load_entities(plan=plan, column=cat.column_of(plan, "border-layout"))
    mzl = border[border["name_zh"] == "满洲里"].geometry.iloc[0]
    page = _open(browser, pages["n14_c03_border"], (1280, 720))
    start = page.evaluate(f"() => {_MAP}.getZoom()")
    chengdu = _search(page, "成都")
    manzhouli = _search(page, "满洲里")
    page.close()
    lat, lon = places.loc["成都", "lat"], places.loc["成都", "lon"]
    assert abs(chengdu["lat"] - float(lat)) < 0.2 and abs(chengdu["lon"] - float(lon)) < 0.2
    assert chengdu["zoom"] > start and "成都" in chengdu["popup"]
    assert abs(manzhouli["lat"] - mzl.y) < 0.05 and abs(manzhouli["lon"] - mzl.x) < 0.05, manzhouli
    assert "满洲里" in manzhouli["popup"]
