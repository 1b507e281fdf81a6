"""User and file strings in the ``--report`` briefing are text, never markup or script.

The candidate's name (``--name``) and the opened ports' names (``name_zh`` of a third party's
``--open-ports`` file) reach the page's ``<title>``, its tables, the map page's title box, and
folium's tooltips and popups, which are JavaScript template literals. Each payload below tries
to run a script in one of those contexts; the browser test opens the page in Chromium and
checks that none ran (no marker in the console, no marker request) and that the text is shown as
written.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from admission_fakes import use_fake_network

from portgeo.cli import main

#: name → payload; each would log "PWNED-<name>" and request http://pwned.invalid/<name>.
PAYLOADS = {
    "title": "</title><script>console.log('PWNED-title');fetch('http://pwned.invalid/title')</script>",
    "template": "${console.log('PWNED-template')}${fetch('http://pwned.invalid/template')}",
    "backtick": "`+console.log('PWNED-backtick')+fetch('http://pwned.invalid/backtick')+`",
    "script": "<script>console.log('PWNED-script');fetch('http://pwned.invalid/script')</script>",
    "img": "<img src=x onerror=\"console.log('PWNED-img');fetch('http://pwned.invalid/img')\">",
    "attr": '" onmouseover="console.log(\'PWNED-attr\')" x="',
    "srcdoc": "&quot;><script>console.log('PWNED-srcdoc')</script>",
    "backslash": "\\`;console.log('PWNED-backslash');//",
}


@pytest.fixture
def fake_net(monkeypatch):
    return use_fake_network(monkeypatch)["router"]


def _ports_file(tmp_path: Path, name_zh: str) -> Path:
    f = tmp_path / "ports.csv"
    rows = [("szx", name_zh, "SZX", 22.639, 113.811), ("can", "广州白云", "CAN", 23.392, 113.299)]
    f.write_text(
        "id,name_zh,iata,lat,lon\n"
        + "".join(
            f'{i},"{n.replace(chr(34), chr(34) * 2)}",{c},{la},{lo}\n' for i, n, c, la, lo in rows
        ),
        encoding="utf-8",
    )
    return f


def _write_report(tmp_path: Path, key: str, where: str, capsys) -> Path:
    rep = tmp_path / f"{key}-{where}.html"
    args = ["check-airport", "--report", str(rep), "--basemap", "none"]
    if where == "name":
        args += ["--name", PAYLOADS[key], "--lat", "23.05", "--lon", "114.6"]
    else:  # the payload as the nearest opened port's name in a third party's file
        args += ["--name", "candidate", "--lat", "23.05", "--lon", "114.6",
                 "--open-ports", str(_ports_file(tmp_path, PAYLOADS[key]))]  # fmt: skip
    code = main(args)
    _, err = capsys.readouterr()
    assert code == 0, err
    return rep


def _without_setup_config(line: str) -> str:
    """Drop the JSON argument of ``portgeo.setup(map, {...}, control)`` after parsing it.

    The page's own script receives labels and search entries as one JSON object. A payload in
    a JSON string is data, not code, but its backticks would trip the template-literal checks;
    parsing the object proves it is well-formed JSON (no way out of its strings), and the rest
    of the line is still checked.
    """
    stripped = line.lstrip()
    if not stripped.startswith("portgeo.setup("):
        return line
    start = line.index("{")
    config, end = json.JSONDecoder().raw_decode(line, start)
    assert isinstance(config, dict) and "bounds" in config, line[:200]
    return line[:start] + line[end:]


#: A few (payload, where) pairs run in the fast suite; every pair runs with ``slow``.
FAST = {("script", "name"), ("title", "name"), ("template", "open-ports")}


@pytest.mark.parametrize(
    ("key", "where"),
    [
        pytest.param(k, w, marks=() if (k, w) in FAST else pytest.mark.slow)
        for k in PAYLOADS
        for w in ("name", "open-ports")
    ],
)
def test_payloads_are_escaped_in_the_page(fake_net, capsys, tmp_path, key, where):
    page = _write_report(tmp_path, key, where, capsys).read_text(encoding="utf-8")
    # the outer page: no payload markup survives unescaped
    assert PAYLOADS[key] not in page
    assert "<script>console.log('PWNED" not in page
    # the map page sits in srcdoc, escaped once more; unescape it to look inside
    start = page.index('srcdoc="') + len('srcdoc="')
    inner = html.unescape(page[start : page.index('"', start)])
    assert "<script>console.log('PWNED" not in inner
    assert "</title><script>" not in inner and "<img src=x" not in inner
    # JavaScript template literals (folium's tooltips and popups): no ${…} and no way out
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", inner, flags=re.S)
    for line in (ln for body in scripts for ln in body.splitlines()):
        line = _without_setup_config(line)
        if "`" in line:
            assert "${console.log" not in line and "`+console.log" not in line, line[:200]
            assert "\\`;console.log" not in line, line[:200]


#: In the map's frame: open every tooltip and popup that carries a payload (without panning the
#: map to each); return how many were opened.
_OPEN_PAYLOADS = """() => {
  L.Popup.prototype.options.autoPan = false;
  const text = c => c instanceof HTMLElement ? c.outerHTML : String(c);
  const maps = Object.keys(window).filter(k => /^map_/.test(k) && window[k] instanceof L.Map);
  let opened = 0;
  maps.forEach(k => window[k].eachLayer(l => {
    const tip = l.getTooltip ? l.getTooltip() : null, pop = l.getPopup ? l.getPopup() : null;
    if (tip && /pwned/i.test(text(tip.getContent()))) { l.openTooltip(); opened += 1; }
    if (pop && /pwned/i.test(text(pop.getContent()))) { l.openPopup(); opened += 1; }
  }));
  return opened;
}"""

#: Every image of the page has loaded or failed (an error handler has then run).
_IMAGES_SETTLED = "() => [...document.images].every(i => i.complete)"


@pytest.mark.slow
@pytest.mark.browser
def test_no_injected_script_runs_in_chromium(browser, fake_net, capsys, tmp_path):
    reports = [(k, w, _write_report(tmp_path, k, w, capsys)) for k in PAYLOADS
               for w in ("name", "open-ports")]  # fmt: skip
    fired: list[str] = []
    shown: dict[tuple[str, str], dict] = {}
    for key, where, rep in reports:
        page = browser.new_page(viewport={"width": 1200, "height": 1400})
        page.on("console", lambda m: fired.append(m.text) if "PWNED" in m.text else None)
        page.on("request", lambda r: fired.append(r.url) if "pwned" in r.url else None)
        page.on("dialog", lambda d: (fired.append("dialog"), d.dismiss()))
        page.goto(rep.as_uri(), wait_until="load")
        frame = page.frame_locator("iframe.report-map")
        frame.locator(".leaflet-control-layers").wait_for(timeout=15_000)
        # open the payloads' tooltips and popups: their HTML is built on demand
        map_frame = page.locator("iframe.report-map").element_handle().content_frame()
        assert map_frame.evaluate(_OPEN_PAYLOADS) > 0, (key, where)
        # an injected <img> runs its error handler when it fails to load: wait until every
        # image of the map and of the page has loaded or failed
        map_frame.wait_for_function(_IMAGES_SETTLED)
        page.wait_for_function(_IMAGES_SETTLED)
        shown[(key, where)] = {
            "title": page.title(),
            "h1": page.inner_text("h1"),
            "ports": page.inner_text("table.ports"),
            "map_title": frame.locator(".portgeo-title").inner_text(),
            "tooltips": frame.locator(".leaflet-tooltip").all_inner_texts(),
        }
        page.close()
    assert fired == []
    for (key, where), seen in shown.items():
        text = PAYLOADS[key]
        if where == "name":  # shown as written, as text
            assert text in seen["title"] and text in seen["h1"] and text in seen["map_title"]
        else:
            assert text in seen["ports"]
