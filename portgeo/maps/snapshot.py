"""Pictures of maps for slides and paper: PNG screenshots and A4 PDFs with headless Chromium.

A map page is opened in Chromium (through Playwright, an optional dependency: ``pip install
playwright``; the browser is the system's, :data:`portgeo.settings.chromium_path`), waited for
until ``portgeo.setup`` has fitted the view and placed the labels, and captured. A missing
browser or Playwright is a :class:`portgeo.errors.BrowserError` that says what to install, never
a traceback.
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

__all__ = [
    "CHROMIUM_ARGS", "check_browser", "parse_size", "render_pdfs", "render_png_bytes", "render_pngs",
]  # fmt: skip

log = logging.getLogger(__name__)

#: Flags of the headless browser (no sandbox, no GPU, no background traffic).
CHROMIUM_ARGS: tuple[str, ...] = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update",
)  # fmt: skip


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
    path = check_browser()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BrowserError(
            "pictures of maps need the Python package playwright: pip install playwright"
        ) from None
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(path), args=list(CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()


def _open(browser: Any, page_path: Path, width: int, height: int, *, scale: float = 1.0) -> Any:
    page = browser.new_page(viewport={"width": width, "height": height},
                            device_scale_factor=scale)  # fmt: skip
    page.goto(page_path.resolve().as_uri(), wait_until="load")
    page.wait_for_selector("[data-portgeo-ready]", state="attached", timeout=30_000)
    page.wait_for_timeout(300)  # labels are decluttered just after the fit
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
    size: tuple[int, int] = (1600, 1000),
    scale: float = 1.0,
    out_dir: str | Path | None = None,
) -> list[Path]:
    """Render map pages to PNG pictures of a stated size.

    Parameters
    ----------
    pages : sequence of str or Path
        Map HTML files (as written by :func:`portgeo.maps.save_map`).
    size : (width, height), default (1600, 1000)
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
        Chromium or Playwright missing.
    """
    out: list[Path] = []
    with _browser() as browser:
        for p in map(Path, pages):
            target = _target(p, out_dir, ".png")
            page = _open(browser, p, *size, scale=scale)
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
        Map HTML files.
    out_dir : str or Path, optional
        Folder of the PDFs; default beside each page.

    Returns
    -------
    list of pathlib.Path

    Raises
    ------
    portgeo.errors.BrowserError
        Chromium or Playwright missing.
    """
    out: list[Path] = []
    with _browser() as browser:
        for p in map(Path, pages):
            target = _target(p, out_dir, ".pdf")
            page = _open(browser, p, 1062, 733)  # A4 landscape less 8 mm margins, 96 dpi
            page.emulate_media(media="print")
            page.wait_for_timeout(300)
            pdf = page.pdf(landscape=True, format="A4", print_background=True,
                           prefer_css_page_size=True)  # fmt: skip
            write_bytes_atomic(target, pdf, what="PDF")
            page.close()
            out.append(target)
    return out


def render_png_bytes(page: str, *, size: tuple[int, int] = (1000, 620)) -> bytes:
    """Render one map page, given as HTML text, to a PNG picture in memory.

    The notebooks' static snapshot (:func:`portgeo.maps.display_map`). The page is written to a
    temporary file and captured in a worker thread: Playwright's synchronous API refuses to run
    in a thread whose asyncio loop is running, as a Jupyter kernel's is.

    Parameters
    ----------
    page : str
        A self-contained map page (:func:`portgeo.maps.render_map` with ``self_contained=True``;
        a page that loads assets from the network would wait for them).
    size : (width, height), default (1000, 620)
        Picture size in CSS pixels.

    Returns
    -------
    bytes
        The PNG file's bytes.

    Raises
    ------
    portgeo.errors.BrowserError
        Chromium or Playwright missing.
    """
    check_browser()
    with tempfile.TemporaryDirectory(prefix="portgeo-snapshot-") as tmp:
        src = Path(tmp) / "map.html"
        src.write_text(page, encoding="utf-8")
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(_screenshot, src, size).result()
