"""Write maps to HTML, optionally self-contained (no CDN, no network unless tiles are drawn).

folium's page loads Leaflet and its plugins from CDNs; a self-contained page has each replaced
by its vendored copy (:func:`portgeo.maps.assets.inline_assets`). The
notebooks show the self-contained page with a static picture (:func:`display_map`).
"""

from __future__ import annotations

import html as html_mod
import logging
import re
from pathlib import Path

import folium

from portgeo._output import write_text_atomic
from portgeo.errors import BrowserError
from portgeo.maps.assets import inline_assets
from portgeo.maps.furniture import render_page
from portgeo.maps.snapshot import render_png_bytes
from portgeo.maps.style import PALETTE

__all__ = ["MapDisplay", "display_map", "render_map", "save_map"]

log = logging.getLogger(__name__)

_PAIR_RE = re.compile(r"\[(-?\d+(?:\.\d+)?), (-?\d+(?:\.\d+)?)\]")
_SEP_RE = re.compile(r"\](,) (?=\[)")


def _compact_coordinates(page: str) -> str:
    """Drop the spaces inside GeoJSON coordinate arrays (``[1.0, 2.0], [3.0, 4.0]``)."""
    page = _PAIR_RE.sub(r"[\1,\2]", page)
    return _SEP_RE.sub("],", page)


def render_map(m: folium.Map, *, self_contained: bool = False) -> str:
    """Render a map to a full HTML page.

    Parameters
    ----------
    m : folium.Map
        The map (finished with :func:`portgeo.maps.finish_map`).
    self_contained : bool, default False
        Inline every script and stylesheet (see :func:`portgeo.maps.assets.inline_assets`).

    Returns
    -------
    str
        The HTML page.
    """
    page = _compact_coordinates(render_page(m.get_root()))
    if self_contained:
        page = inline_assets(page)
    return page


def save_map(m: folium.Map, path: str | Path, *, self_contained: bool = False) -> Path:
    """Write a map to an HTML file.

    Parameters
    ----------
    m : folium.Map
        The map (finished with :func:`portgeo.maps.finish_map`).
    path : str or pathlib.Path
        Output file; missing parent folders are created; written atomically.
    self_contained : bool, default False
        Inline Leaflet and every plugin's JS and CSS so that opening the file makes no network
        request (except basemap tiles when a tile basemap was chosen).

    Returns
    -------
    pathlib.Path
        The written file.
    """
    page = render_map(m, self_contained=self_contained)
    path = write_text_atomic(path, page, what="map")
    log.info("wrote %s (%.0f kB)", path, path.stat().st_size / 1024)
    return path


#: While the live map shows, hide the text meant for untrusted viewers and the static picture
#: below the map. Lab keeps this rule in a trusted output only: an untrusted (reopened) notebook
#: drops it with the iframe, and the text and the picture show.
_TRUSTED_CSS = (
    ".portgeo-map-instead{display:none}"
    ".jp-OutputArea-child:has(.portgeo-map-live)+.jp-OutputArea-child:has(.jp-RenderedImage)"
    "{display:none}"
)


class MapDisplay:
    """A map as a notebook shows it: the live map, and a static picture for untrusted viewers.

    JupyterLab drops iframes and scripts from the outputs of a notebook it does not trust, such as
    one executed elsewhere (papermill, CI, a colleague) and reopened: the live map then vanishes.
    The picture is a PNG output, which Lab always shows; while the live map shows, a style rule
    in its (trusted) output hides the picture, so the map is not shown twice.

    Parameters
    ----------
    html : str
        The live map: an ``<iframe srcdoc>`` with the self-contained page, and the text an
        untrusted viewer sees in its place.
    png : bytes or None
        The static picture, or None when none was made.
    """

    def __init__(self, html: str, png: bytes | None) -> None:
        self.html = html
        self.png = png

    @property
    def data(self) -> str:
        """The live map's HTML (as :class:`IPython.display.HTML` calls it)."""
        return self.html

    def _ipython_display_(self) -> None:
        from IPython.display import HTML, Image, display

        display(HTML(self.html))
        if self.png is not None:
            display(Image(data=self.png, format="png"))


def display_map(m: folium.Map, *, height: int = 620, snapshot: bool = True) -> MapDisplay:
    """Show a map inline in Jupyter without any CDN (works offline), with a static picture.

    folium's own notebook display loads Leaflet from CDNs; this embeds the self-contained page
    in an ``<iframe srcdoc>`` instead. A reopened notebook that Lab does not trust shows the
    static picture in its place (see :class:`MapDisplay`).

    Parameters
    ----------
    m : folium.Map
        The map.
    height : int, default 620
        Frame height in pixels (and the picture's, at 1000 pixels wide).
    snapshot : bool, default True
        Take the static picture with headless Chromium (:func:`portgeo.maps.render_png_bytes`,
        about 2 s). Where Chromium or Playwright is missing, the output says so in one line and
        the notebook shows its map only while trusted.

    Returns
    -------
    MapDisplay
        Object that Jupyter renders (as a cell's value or through ``display``).
    """
    page = render_map(m, self_contained=True)
    png: bytes | None = None
    missing = ""
    if snapshot:
        try:
            png = render_png_bytes(page, size=(1000, int(height)))
        except BrowserError as exc:
            missing = f"静态图未生成 no static picture: {exc}"
            log.warning("%s", missing)
    instead = (
        "交互地图在笔记本受信任后显示；下方为同一地图的静态图。 The live map shows once the notebook is "
        "trusted (File → Trust Notebook); the picture below is a static copy."
        if png is not None
        else "交互地图在笔记本受信任后显示。 The live map shows once the notebook is trusted "
        "(File → Trust Notebook)."
    )
    muted = f'style="margin:0;padding:6px 10px;color:{PALETTE["ink_muted"]}"'
    frame_style = (
        f"display:block;width:100%;height:{int(height)}px;box-sizing:border-box;"
        f"border:1px solid {PALETTE['rule_strong']}"
    )
    frame = (
        f'<div class="portgeo-map portgeo-map-live"><style>{_TRUSTED_CSS}</style>'
        f'<p class="portgeo-map-instead" {muted}>{html_mod.escape(instead)}</p>'
        f'<iframe srcdoc="{html_mod.escape(page, quote=True)}" style="{frame_style}" '
        'sandbox="allow-scripts allow-popups"></iframe>'
        + (f"<p {muted}>{html_mod.escape(missing)}</p>" if missing else "")
        + "</div>"
    )
    return MapDisplay(frame, png)
