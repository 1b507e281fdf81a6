"""Chromium pictures of a plain map page (no ``--self-contained``): offline, one-line errors.

``portgeo maps --png/--pdf`` draw the static briefing page (``tests/test_briefing.py``); the
Chromium pictures of the interactive page (:mod:`portgeo.maps.snapshot`) stay for the
notebooks' static snapshot. A plain map page loads Leaflet and its plugins from CDNs; the
pictures are taken of a copy with the assets inlined, so they need no network. The render runs
in the Chromium of the ``browser`` fixture (``tests/conftest.py``), every page of it logging its
requests.

Run with ``pytest -m browser``; needs ``/usr/bin/chromium`` (skipped with a message otherwise).
"""

from __future__ import annotations

import base64
import re
import struct
from contextlib import contextmanager
from pathlib import Path

import pytest

from portgeo import settings
from portgeo.cli import main
from portgeo.errors import BrowserError
from portgeo.maps import snapshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SLUG = "n14_c02_sea"

#: Bytes of Chromium's PDF of a page holding the one letter "x" (A4 landscape), as measured.
BLANK_PDF_BYTES = 5_340


class _LoggingBrowser:
    """The fixture's browser, each new page logging the URL of every request it makes."""

    def __init__(self, browser, requests: list[str]) -> None:
        self._browser = browser
        self._requests = requests

    def new_page(self, **kwargs):
        page = self._browser.new_page(**kwargs)
        page.on("request", lambda request: self._requests.append(request.url))
        return page


def _colours(browser, png: bytes) -> int:
    """Number of distinct colours of a PNG picture, decoded by the browser."""
    page = browser.new_page()
    data = base64.b64encode(png).decode("ascii")
    page.set_content(f'<img id="p" src="data:image/png;base64,{data}">')
    count = page.evaluate(
        """() => { const img = document.getElementById('p');
        const c = document.createElement('canvas'); c.width = img.naturalWidth;
        c.height = img.naturalHeight; const g = c.getContext('2d'); g.drawImage(img, 0, 0);
        const d = g.getImageData(0, 0, c.width, c.height).data; const seen = new Set();
        for (let i = 0; i < d.length; i += 4) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
        return seen.size; }"""
    )
    page.close()
    return int(count)


def test_png_and_pdf_of_a_plain_page_make_no_network_request(browser, tmp_path, monkeypatch):
    requests: list[str] = []

    @contextmanager
    def logging_browser():
        yield _LoggingBrowser(browser, requests)

    monkeypatch.setattr(snapshot, "_browser", logging_browser)
    code = main(["maps", "--out", str(tmp_path), "--only", SLUG])
    assert code == 0
    page = tmp_path / f"{SLUG}.html"
    snapshot.render_pngs([page], size=(800, 500))
    snapshot.render_pdfs([page])

    html = (tmp_path / f"{SLUG}.html").read_text(encoding="utf-8")
    assert '<script src="https://' in html  # the page as written does load from CDNs
    assert requests, "the render logged no request at all: the log is not wired"
    remote = [u for u in requests if not u.startswith(("file:", "data:", "blob:", "about:"))]
    assert remote == []

    png = (tmp_path / f"{SLUG}.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (800, 500)
    assert _colours(browser, png) > 1_000  # measured: a blank page 38, this map 8,410

    pdf = (tmp_path / f"{SLUG}.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    box = [float(v) for v in re.search(rb"/MediaBox\s*\[([^\]]*)\]", pdf).group(1).split()]
    assert box[2] > box[3]  # landscape
    assert round(box[2]) == 842 and round(box[3]) == 595  # A4, in points
    assert len(pdf) > 10 * BLANK_PDF_BYTES


def test_a_browser_that_does_not_start_is_one_line(tmp_path, monkeypatch):
    pytest.importorskip("playwright")
    page = tmp_path / "p.html"
    page.write_text("<html><body>x</body></html>", encoding="utf-8")
    monkeypatch.setattr(settings, "chromium_path", Path("/bin/false"))
    with pytest.raises(BrowserError) as err:
        snapshot.render_pngs([page])
    lines = str(err.value).strip().splitlines()
    assert len(lines) == 1, str(err.value)
    assert "apt-get install chromium" in lines[0] and "PORTGEO_CHROMIUM" in lines[0]
    assert not (tmp_path / "p.png").exists()
