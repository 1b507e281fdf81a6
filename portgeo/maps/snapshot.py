"""Pictures of maps for slides and paper: PNG screenshots and A4 PDFs with headless Chromium.

A map page is opened in Chromium (through Playwright, an optional dependency: ``pip install
playwright``; the browser is the system's, :data:`portgeo.settings.chromium_path`), waited for
until ``portgeo.setup`` has fitted the view and placed the labels, and captured.

The browser always renders a self-contained copy of the page, its assets inlined by
:func:`portgeo.maps.assets.inline_assets` into a temporary file, whichever way the HTML was
written: a page that loads Leaflet from CDNs would otherwise wait for the network (offline, until
the time-out). A picture needs no network, except basemap tiles when a tile basemap was chosen.

A missing browser or Playwright, a browser that does not start and a page that does not finish
drawing are each a :class:`portgeo.errors.BrowserError` that says what to do, never a traceback.
"""

from __future__ import annotations

import importlib.util
import logging
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from portgeo import settings
from portgeo._output import write_bytes_atomic
from portgeo.errors import BrowserError, InputError
from portgeo.maps.assets import inline_assets

__all__ = [
    "CHROMIUM_ARGS", "LAYOUTS_ATTRIBUTE", "PICTURE_SIZE", "check_browser", "layout_count",
    "parse_size", "render_pdfs", "render_png_bytes", "render_pngs", "wait_for_layout",
]  # fmt: skip

log = logging.getLogger(__name__)

#: Flags of the headless browser (no sandbox, no GPU, no background traffic).
CHROMIUM_ARGS: tuple[str, ...] = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update",
)  # fmt: skip

#: Default size (CSS pixels, width x height) of a PNG picture of a map: a 16:10 slide.
PICTURE_SIZE: tuple[int, int] = (1600, 1000)

#: How long Chromium may take to start, and a page to draw, before it is a BrowserError.
_TIMEOUT_MS = 30_000
#: The map's attribute in which ``portgeo.js`` counts its finished layouts (:func:`wait_for_layout`).
LAYOUTS_ATTRIBUTE = "data-portgeo-layouts"


def parse_size(text: str) -> tuple[int, int]:
    """Read a picture size ``WIDTHxHEIGHT`` in pixels, e.g. ``"1600x1000"``.

    Parameters
    ----------
    text : str

    Returns
    -------
    tuple of int

    Raises
    ------
    portgeo.errors.InputError
        Not two positive integers joined by ``x``.
    """
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise InputError(f"picture size {text!r}: write WIDTHxHEIGHT, e.g. 1600x1000") from None
    if not (200 <= w <= 8000 and 200 <= h <= 8000):
        raise InputError(f"picture size {text!r}: each side between 200 and 8000 pixels")
    return w, h


def check_browser() -> Path:
    """Check that pictures can be taken (Chromium and the Python package playwright).

    Chromium is looked for at :data:`portgeo.settings.chromium_path`.

    Returns
    -------
    pathlib.Path
        The browser.

    Raises
    ------
    portgeo.errors.BrowserError
        Either is missing (the message says what to install).
    """
    path = Path(settings.chromium_path)
    if not path.exists():
        raise BrowserError(
            f"pictures of maps need Chromium, not found at {path}: install it (Debian: apt-get "
            "install chromium) or set PORTGEO_CHROMIUM to its path"
        )
    if importlib.util.find_spec("playwright") is None:
        raise BrowserError(
            "pictures of maps need the Python package playwright: pip install playwright"
        )
    return path


@contextmanager
def _browser() -> Iterator[Any]:
    """Run headless Chromium; any failure of the browser becomes a one-line BrowserError."""
    path = check_browser()
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BrowserError(
            "pictures of maps need the Python package playwright: pip install playwright"
        ) from None
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=str(path), args=list(CHROMIUM_ARGS), timeout=_TIMEOUT_MS
            )
            try:
                yield browser
            finally:
                try:
                    browser.close()
                except PlaywrightError as exc:  # it failed already: keep that error's message
                    log.warning("closing Chromium: %s", _first_line(exc))
    except PlaywrightTimeoutError as exc:
        raise BrowserError(
            f"headless Chromium ({path}) timed out: {_first_line(exc)}; on a busy machine try "
            f"again; otherwise check that it runs (`{path} --headless --version`), reinstall it "
            "(Debian: apt-get install chromium) or set PORTGEO_CHROMIUM to a working Chromium"
        ) from None
    except PlaywrightError as exc:
        raise BrowserError(
            f"headless Chromium ({path}) failed: {_first_line(exc)}; check that it runs "
            f"(`{path} --headless --version`), reinstall it (Debian: apt-get install chromium) or "
            "set PORTGEO_CHROMIUM to a working Chromium"
        ) from None


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0].rstrip(".") if lines else type(exc).__name__


def _inline_copy(html: str, folder: Path, name: str) -> Path:
    """Write ``html`` with its assets inlined to ``folder/name``; return that file."""
    src = folder / name
    src.write_text(inline_assets(html), encoding="utf-8")
    return src


def wait_for_layout(page: Any, *, after: int = 0, timeout_ms: int = _TIMEOUT_MS) -> int:
    """Wait until a map page has finished more than ``after`` layouts; return their number.

    The page's script (``portgeo.js``) counts each finished layout in the map's
    ``data-portgeo-layouts`` attribute: the opening view (fonts in, the view fitted, labels
    decluttered), each print frame and each layer switched on or off. Waiting for that count,
    not for a fixed time, takes a picture as soon as the page is drawn, and never before.

    Parameters
    ----------
    page : playwright.sync_api.Page
        An open map page.
    after : int, default 0
        The count read before an action (:func:`layout_count`); 0 waits for the opening view.
    timeout_ms : int, optional
        Playwright's time-out, in milliseconds.

    Returns
    -------
    int
        The number of layouts finished.
    """
    page.wait_for_function(
        f"n => {{ const el = document.querySelector('[{LAYOUTS_ATTRIBUTE}]');"
        f" return el !== null && Number(el.getAttribute('{LAYOUTS_ATTRIBUTE}')) > n; }}",
        arg=after,
        timeout=timeout_ms,
    )
    return layout_count(page)


def layout_count(page: Any) -> int:
    """Return the number of layouts a map page has finished (see :func:`wait_for_layout`).

    Parameters
    ----------
    page : playwright.sync_api.Page
        An open map page.

    Returns
    -------
    int
        0 before the opening view is drawn.
    """
    value = page.evaluate(
        f"() => {{ const el = document.querySelector('[{LAYOUTS_ATTRIBUTE}]');"
        f" return el === null ? 0 : Number(el.getAttribute('{LAYOUTS_ATTRIBUTE}')); }}"
    )
    return int(value)


def _open(browser: Any, page_path: Path, width: int, height: int, *, scale: float = 1.0) -> Any:
    page = browser.new_page(viewport={"width": width, "height": height},
                            device_scale_factor=scale)  # fmt: skip
    page.goto(page_path.resolve().as_uri(), wait_until="load")
    page.wait_for_selector("[data-portgeo-ready]", state="attached", timeout=_TIMEOUT_MS)
    # the labels are placed after the fit, and again once the fonts and clusters have settled
    wait_for_layout(page)
    return page


def _target(page: Path, out_dir: str | Path | None, suffix: str) -> Path:
    """Return the picture file of ``page``: ``<out_dir or its folder>/<its stem><suffix>``."""
    target = (Path(out_dir) if out_dir else page.parent) / f"{page.stem}{suffix}"
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def _screenshot(page_path: Path, size: tuple[int, int]) -> bytes:
    with _browser() as browser:
        page = _open(browser, page_path, *size)
        return bytes(page.screenshot())


def render_pngs(
    pages: Sequence[str | Path],
    *,
    size: tuple[int, int] = PICTURE_SIZE,
    scale: float = 1.0,
    out_dir: str | Path | None = None,
) -> list[Path]:
    """Render map pages to PNG pictures of a stated size.

    Parameters
    ----------
    pages : sequence of str or Path
        Map HTML files (as written by :func:`portgeo.maps.save_map`, self-contained or not: the
        picture is taken of a copy with the assets inlined, without network).
    size : (width, height), default :data:`PICTURE_SIZE`
        Picture size in CSS pixels.
    scale : float, default 1
        Device pixel ratio (2 gives a picture twice as wide, for print-quality slides).
    out_dir : str or Path, optional
        Folder of the pictures; default beside each page. Each is named ``<page>.png``.

    Returns
    -------
    list of pathlib.Path

    Raises
    ------
    portgeo.errors.BrowserError
        Chromium or Playwright missing, Chromium failed or a page did not finish drawing.
    portgeo.maps.AssetError
        A page asks for a web asset that portgeo has not vendored.
    """
    out: list[Path] = []
    with _browser() as browser, tempfile.TemporaryDirectory(prefix="portgeo-print-") as tmp:
        for p in map(Path, pages):
            target = _target(p, out_dir, ".png")
            src = _inline_copy(p.read_text(encoding="utf-8"), Path(tmp), "map.html")
            page = _open(browser, src, *size, scale=scale)
            write_bytes_atomic(target, page.screenshot(), what="picture")
            page.close()
            log.info("wrote %s", target)
            out.append(target)
    return out


def render_pdfs(pages: Sequence[str | Path], *, out_dir: str | Path | None = None) -> list[Path]:
    """Print map pages to A4 landscape PDFs, as the browser's print does (``@media print``).

    Parameters
    ----------
    pages : sequence of str or Path
        Map HTML files, self-contained or not (printed from a copy with the assets inlined).
    out_dir : str or Path, optional
        Folder of the PDFs; default beside each page.

    Returns
    -------
    list of pathlib.Path

    Raises
    ------
    portgeo.errors.BrowserError
        Chromium or Playwright missing, Chromium failed or a page did not finish drawing.
    portgeo.maps.AssetError
        A page asks for a web asset that portgeo has not vendored.
    """
    out: list[Path] = []
    with _browser() as browser, tempfile.TemporaryDirectory(prefix="portgeo-print-") as tmp:
        for p in map(Path, pages):
            target = _target(p, out_dir, ".pdf")
            src = _inline_copy(p.read_text(encoding="utf-8"), Path(tmp), "map.html")
            page = _open(browser, src, 1062, 733)  # A4 landscape less 8 mm margins, 96 dpi
            shown = layout_count(page)
            page.emulate_media(media="print")
            wait_for_layout(page, after=shown)  # the view fitted again to the print frame
            pdf = page.pdf(landscape=True, format="A4", print_background=True,
                           prefer_css_page_size=True)  # fmt: skip
            write_bytes_atomic(target, pdf, what="PDF")
            page.close()
            log.info("wrote %s", target)
            out.append(target)
    return out


def render_png_bytes(page: str, *, size: tuple[int, int] = (1000, 620)) -> bytes:
    """Render one map page, given as HTML text, to a PNG picture in memory.

    The notebooks' static snapshot (:func:`portgeo.maps.display_map`). The page, its assets
    inlined, is written to a temporary file and captured in a worker thread: Playwright's synchronous API refuses to run
    in a thread whose asyncio loop is running, as a Jupyter kernel's is.

    Parameters
    ----------
    page : str
        A map page (:func:`portgeo.maps.render_map`), self-contained or not: its CDN assets are
        inlined before the render.
    size : (width, height), default (1000, 620)
        Picture size in CSS pixels.

    Returns
    -------
    bytes
        The PNG file's bytes.

    Raises
    ------
    portgeo.errors.BrowserError
        Chromium or Playwright missing, Chromium failed or the page did not finish drawing.
    """
    check_browser()
    with tempfile.TemporaryDirectory(prefix="portgeo-snapshot-") as tmp:
        src = _inline_copy(page, Path(tmp), "map.html")
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(_screenshot, src, size).result()
