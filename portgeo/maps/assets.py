"""Inline a page's web assets: every CDN script and stylesheet becomes its vendored copy.

folium's page template loads Leaflet, jQuery, Bootstrap, Font Awesome and Leaflet.awesome-markers
from CDNs (jsdelivr, cdnjs, code.jquery.com, bootstrapcdn). :func:`inline_assets` replaces every
such ``<script src>`` and ``<link href>`` by the same file vendored from the npm registry into
``portgeo/maps/static/`` (re-fetch with ``tools/vendor_assets.sh``), and so are the plugins of
:mod:`portgeo.maps.furniture`. Icon fonts (Font Awesome, Glyphicons), the awesome-markers
rotation CSS and Bootstrap (about 270 kB that no portgeo map uses) are dropped: portgeo draws
circle markers, SVG legend swatches and its own controls only. Images referenced by the inlined
CSS become ``data:`` URIs when vendored and ``none`` otherwise.

A module of its own, below both of its users: :mod:`portgeo.maps.export` writes self-contained
pages with it, and :mod:`portgeo.maps.snapshot` renders every picture from an inlined page, so
that ``--png``/``--pdf`` need no network whichever way the HTML was written.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from portgeo.errors import PortgeoError

__all__ = ["AssetError", "inline_assets"]


class AssetError(PortgeoError):
    """A page asks for a web asset that portgeo has not vendored."""


#: URL pattern → vendored file (relative to portgeo/maps/static) or None to drop the tag.
_ASSETS: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (re.compile(r"/leaflet@[\d.]+/dist/leaflet\.js$"), "leaflet/dist/leaflet.js"),
    (re.compile(r"/leaflet@[\d.]+/dist/leaflet\.css$"), "leaflet/dist/leaflet.css"),
    (re.compile(r"/jquery-3\.[\d.]+\.min\.js$"), "jquery/dist/jquery.min.js"),
    (re.compile(r"/bootstrap@5[\d.]*/dist/js/bootstrap\.bundle\.min\.js$"), None),
    (re.compile(r"/bootstrap@5[\d.]*/dist/css/bootstrap\.min\.css$"), None),
    (re.compile(r"[Ll]eaflet\.awesome-markers.*/leaflet\.awesome-markers\.js$"), "leaflet.awesome-markers/dist/leaflet.awesome-markers.js"),
    (re.compile(r"[Ll]eaflet\.awesome-markers.*/leaflet\.awesome-markers\.css$"), "leaflet.awesome-markers/dist/leaflet.awesome-markers.css"),
    (re.compile(r"/leaflet\.markercluster@1\.5\.3/dist/leaflet\.markercluster\.js$"), "leaflet.markercluster/dist/leaflet.markercluster.js"),
    (re.compile(r"/leaflet\.markercluster@1\.5\.3/dist/MarkerCluster\.css$"), "leaflet.markercluster/dist/MarkerCluster.css"),
    (re.compile(r"/leaflet\.fullscreen@5\.3\.3/dist/Control\.FullScreen\.umd\.js$"), "leaflet.fullscreen/dist/Control.FullScreen.umd.js"),
    (re.compile(r"/leaflet\.fullscreen@5\.3\.3/dist/Control\.FullScreen\.css$"), "leaflet.fullscreen/dist/Control.FullScreen.css"),
    (re.compile(r"/leaflet-search@4\.0\.0/dist/leaflet-search\.min\.js$"), "leaflet-search/dist/leaflet-search.min.js"),
    (re.compile(r"/leaflet-search@4\.0\.0/dist/leaflet-search\.min\.css$"), "leaflet-search/dist/leaflet-search.min.css"),
    (re.compile(r"/leaflet\.polylinemeasure@3\.0\.0/Leaflet\.PolylineMeasure\.js$"), "leaflet.polylinemeasure/Leaflet.PolylineMeasure.js"),
    (re.compile(r"/leaflet\.polylinemeasure@3\.0\.0/Leaflet\.PolylineMeasure\.css$"), "leaflet.polylinemeasure/Leaflet.PolylineMeasure.css"),
    (re.compile(r"bootstrap-glyphicons\.css$"), None),
    (re.compile(r"fontawesome-free@[\d.]+/css/all\.min\.css$"), None),
    (re.compile(r"leaflet\.awesome\.rotate\.min\.css$"), None),
)  # fmt: skip

_SCRIPT_RE = re.compile(r"<script\s+src=\"(?P<url>https?://[^\"]+)\"\s*>\s*</script>", re.I)
_LINK_RE = re.compile(r"<link\s+rel=\"stylesheet\"\s+href=\"(?P<url>https?://[^\"]+)\"\s*/?>", re.I)
_CSS_URL_RE = re.compile(r"url\((?P<q>['\"]?)(?P<ref>[^)'\"]+)(?P=q)\)")


def _static_root():
    return resources.files("portgeo.maps") / "static"


def _read_static(rel: str) -> str:
    path = _static_root().joinpath(rel)
    if not path.is_file():
        raise AssetError(
            f"vendored asset {rel} is missing from portgeo/maps/static; run `bash tools/vendor_assets.sh`"
        )
    return path.read_text(encoding="utf-8")


def _css_with_data_urls(rel: str) -> str:
    css = _read_static(rel)
    base = rel.rsplit("/", 1)[0]

    def repl(match: re.Match[str]) -> str:
        ref = match.group("ref")
        if ref.startswith("data:"):
            return match.group(0)
        target = Path(str(_static_root())) / base / ref
        kind = {".png": "image/png", ".gif": "image/gif"}.get(target.suffix)
        if kind and target.is_file():
            data = base64.b64encode(target.read_bytes()).decode("ascii")
            return f"url(data:{kind};base64,{data})"
        return "none"

    return _CSS_URL_RE.sub(repl, css)


def _lookup(url: str) -> tuple[bool, str | None]:
    for pattern, rel in _ASSETS:
        if pattern.search(url):
            return True, rel
    return False, None


def inline_assets(page: str) -> str:
    """Replace every CDN ``<script src>``/``<link href>`` of a folium page by inline content.

    Parameters
    ----------
    page : str
        HTML rendered by folium.

    Returns
    -------
    str
        The page with scripts and stylesheets inlined (``</script>`` inside the vendored code is
        escaped) and icon-font stylesheets removed.

    Raises
    ------
    AssetError
        The page asks for an asset with no vendored copy (add it to ``tools/vendor_assets.sh``
        and to the table in this module).
    """
    page = _SCRIPT_RE.sub(_inliner("script", _read_static), page)
    return _LINK_RE.sub(_inliner("style", _css_with_data_urls), page)


def _inliner(tag: str, read: Callable[[str], str]) -> Callable[[re.Match[str]], str]:
    """Return the replacement of one CDN tag: ``<tag>`` around the vendored file ``read`` gives."""

    def inline(match: re.Match[str]) -> str:
        url = match.group("url")
        known, rel = _lookup(url)
        if not known:
            raise AssetError(f"no vendored copy of {url}; add it to tools/vendor_assets.sh")
        if rel is None:
            return ""
        code = read(rel).replace(f"</{tag}", f"<\\/{tag}")
        return f"<{tag}>/* {rel} (vendored) */\n{code}\n</{tag}>"

    return inline
