"""The frame of every portgeo map: basemap, title, legend, source note, layer control.

A map is built in four steps::

    m = new_map(title="海运口岸布局", basemap="osm")
    add_china_boundary(m)                                    # portgeo.maps.boundary
    add_points(m, gdf, layer_name="海港 sea ports",          # portgeo.maps.draw
               popup_fields=["text_zh"], tooltip_field="name_zh")
    add_legend(m, [legend_entry_for("sea", "listed")], title="图例 Legend")
    add_source_note(m, plans=[plan_id])
    finish_map(m)
    save_map(m, "maps/n14_c02.html", self_contained=True)    # portgeo.maps.export

This module holds the map object and its frame (title, legend, source note, layer control);
:mod:`portgeo.maps.furniture` holds the page's controls and script, :mod:`portgeo.maps.draw`
draws data, :mod:`portgeo.maps.boundary` draws China's map, :mod:`portgeo.maps.style` holds
every colour.

The basemap chosen at build time is only the one shown first: the offline base (``none``) and
the tile basemaps are all offered in the layer control, so a blocked tile server costs
nothing. Overlays are WGS84 and Amap's GCJ-02 tiles are shifted under them, except when the map
is built with ``basemap="amap"``, whose overlays are shifted to GCJ-02 instead (then only Amap
and the offline base are offered).
"""

from __future__ import annotations

import html
import json
import logging
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Environment, PackageLoader, Template

from portgeo.catalogue import load_catalogue
from portgeo.errors import InputError
from portgeo.maps.datum import display_latlon
from portgeo.maps.furniture import (
    BASEMAP_TILES,
    HtmlControl,
    PageScript,
    Setup,
    legend_row_attrs,
    literal_macro_output,
    north_arrow_svg,
)
from portgeo.maps.style import HATCH_PATTERNS, PALETTE, LegendEntry, check_lang, text

__all__ = [
    "BASEMAPS",
    "BasemapError",
    "DrawnLayer",
    "HtmlControl",
    "PortgeoMap",
    "add_legend",
    "add_source_note",
    "add_svg_patterns",
    "check_basemap",
    "finish_map",
    "mark_osm_data",
    "new_map",
]

log = logging.getLogger(__name__)

#: Basemaps offered by :func:`new_map`.
BASEMAPS: tuple[str, ...] = ("osm", "amap", "tianditu", "none")

#: China's extent (WGS84 lon_min, lat_min, lon_max, lat_max), the Nansha islands included: what
#: a national map opens on (set from the boundary when it is drawn).
CHINA_EXTENT: tuple[float, float, float, float] = (73.5, 3.4, 135.1, 53.6)

_CJK_FONT = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", '
    '"PingFang SC", "WenQuanYi Micro Hei", sans-serif'
)
_OSM_ATTR = BASEMAP_TILES["osm"]["attr"]

_TEMPLATES = Environment(loader=PackageLoader("portgeo.maps", "templates"), autoescape=False)
_MAP_CSS = _TEMPLATES.get_template("map.css.j2").render(p=PALETTE, font=_CJK_FONT)


class BasemapError(InputError):
    """A basemap was asked for that cannot be drawn (unknown name, missing key)."""


@dataclass(frozen=True)
class DrawnLayer:
    """What one drawing call put on a map, kept so that the printed page draws the same.

    Attributes
    ----------
    name : str
        The layer's name (as in the layer control), or what the context layer is.
    frame : geopandas.GeoDataFrame
        The rows drawn, in WGS84, as given to the drawing call.
    style : dict or callable
        Leaflet path options, a :class:`folium.CircleMarker` options dict for points, or
        ``style(row) -> dict``.
    show : bool
        Whether the layer is on when the map opens (the printed page draws those).
    simplify_m : float or None
        The display simplification in metres (see :func:`portgeo.maps.datum.display_frame`).
    context : bool
        Part of the base map (land, boundaries, countries): drawn under the data and in the
        南海诸岛 inset.
    element : object
        The folium element holding the layer (its labels in :attr:`PortgeoMap.labels`).
    """

    name: str
    frame: Any
    style: dict | Callable[[Mapping[str, Any]], dict]
    show: bool = True
    simplify_m: float | None = None
    context: bool = False
    element: Any = None


class PortgeoMap(folium.Map):
    """A :class:`folium.Map` that remembers its basemap and what it draws.

    Attributes
    ----------
    basemap : str
        One of :data:`BASEMAPS`: the base shown first (the others are in the layer control).
    map_title : str
        Title shown in the title box.
    osm_data : bool
        True once OpenStreetMap data (tiles or road-network catchments) is drawn; the source note
        then credits "© OpenStreetMap contributors".
    layer_names : list of str
        Overlay names in the order added (what the layer control lists).
    layers : dict of str to folium element
        The overlay of each name (legend rows and labels follow them).
    labels : list of (layer, items)
        Permanent labels per layer: ``[lat, lon, html, rank, css class, x anchor]``.
    search_items : list of (name, marker, layer)
        What the search box finds.
    bounds : list or None
        ``[[south, west], [north, east]]`` the map opens on (display datum); default China.
    drawn : list of DrawnLayer
        Every layer drawn, in order, the base map's included (what the printed page draws).
    legend_entries : list of LegendEntry
        The legend's rows (:func:`add_legend`).
    source_plans, source_extra : list of str
        The plans and extra lines of the source note (:func:`add_source_note`).
    inset : bool
        Whether the 南海诸岛 inset is drawn.
    lang : {"zh", "en"}
        The language of the map's words (one per map, never both in one label).
    """

    def __init__(self, *, basemap: str, map_title: str, lang: str = "zh", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lang = check_lang(lang)
        self._name = "Map"
        self.basemap = basemap
        self.map_title = map_title
        self.osm_data = basemap == "osm"
        self.layer_names: list[str] = []
        self.layers: dict[str, Any] = {}
        self.labels: list[tuple[Any, list[list[Any]]]] = []
        self.search_items: list[tuple[str, Any, Any]] = []
        self.bounds: list[list[float]] | None = None
        self.max_fit_zoom: float | None = None
        self.tianditu_key: str | None = None
        self.finished = False
        self.source_note: MacroElement | None = None
        self.china_boundary_drawn = False
        self.svg_patterns = False
        self.reference_drawn = False
        self.reference_kinds: set[str] = set()
        self.layer_control: folium.LayerControl | None = None
        self.drawn: list[DrawnLayer] = []
        self.legend_entries: list[LegendEntry] = []
        self.source_plans: list[str] = []
        self.source_extra: list[str] = []
        self.inset = False

    def _repr_html_(self, **kwargs: Any) -> str:
        """Show the map in Jupyter, its names and data as text (never as template code)."""
        with literal_macro_output():
            return str(super()._repr_html_(**kwargs))

    def save(self, outfile: Any, close_file: bool = True, **kwargs: Any) -> None:
        """Write the page with folium's ``save``, its names and data as text (never as code)."""
        with literal_macro_output():
            super().save(outfile, close_file=close_file, **kwargs)


class _Css(MacroElement):
    """Page-wide CSS of portgeo maps (``templates/map.css.j2``, colours from :data:`PALETTE`)."""

    _template = Template(
        "{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}"
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "Css"
        self.css = _MAP_CSS


class _Scale(MacroElement):
    """A metric scale bar, first in the lower left corner (under the legend and the note)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
L.control.scale({imperial: false, maxWidth: 140, position: "bottomleft"}).addTo({{ this._parent.get_name() }});
{% endmacro %}"""
    )


class _TitleBox(MacroElement):
    _template = Template(
        """{% macro html(this, kwargs) %}<div class="portgeo-title">{{ this.title_html }}</div>{% endmacro %}"""
    )

    def __init__(self, title_html: str) -> None:
        super().__init__()
        self._name = "TitleBox"
        self.title_html = title_html


# --- map ----------------------------------------------------------------------------------------


def check_basemap(basemap: str) -> str | None:
    """Check that a basemap can be drawn before building anything.

    Parameters
    ----------
    basemap : str
        One of :data:`BASEMAPS`.

    Returns
    -------
    str or None
        The Tianditu key for ``tianditu``, else None.

    Raises
    ------
    BasemapError
        Unknown basemap, or ``tianditu`` without the environment variable ``TIANDITU_KEY``.
    """
    if basemap not in BASEMAPS:
        raise BasemapError(f"unknown basemap {basemap!r}; choose one of {', '.join(BASEMAPS)}")
    if basemap == "tianditu":
        key = os.environ.get("TIANDITU_KEY", "").strip()
        if not key:
            raise BasemapError(
                "the tianditu basemap needs a 天地图 API key: register at "
                "https://console.tianditu.gov.cn/ and set the environment variable TIANDITU_KEY, "
                "or choose --basemap osm, amap or none"
            )
        return key
    return None


def new_map(
    *,
    title: str,
    subtitle: str | None = None,
    basemap: str = "none",
    center: tuple[float, float] | None = None,
    zoom: int | None = None,
    lang: str = "zh",
) -> PortgeoMap:
    """Create a map with a title box, a scale bar, a north arrow and the basemaps to choose from.

    Parameters
    ----------
    title : str
        Title shown at the top of the map (and as the HTML page title).
    subtitle : str, optional
        Smaller second line of the title box.
    basemap : {"none", "osm", "amap", "tianditu"}, default "none"
        The base shown first; the others are offered in the layer control. ``none``: no tiles
        (works offline; :func:`portgeo.maps.add_china_boundary` draws land, sea, neighbours and
        China's lines). ``osm``: OpenStreetMap tiles. ``amap``: Gaode/Amap tiles (GCJ-02): built
        with it, every overlay is shifted to GCJ-02; offered in the control of another map, its
        tiles are shifted instead. ``tianditu``: 天地图 tiles with Chinese labels; built with it,
        the key comes from the environment variable ``TIANDITU_KEY``; offered in the control,
        the page asks for a key once.
    center : (lat, lon), optional
        WGS84 centre before the map fits its bounds (China by default, see :attr:`PortgeoMap.
        bounds`).
    zoom : int, optional
        Zoom before the map fits its bounds.
    lang : {"zh", "en"}, default "zh"
        The language of the map's own words (legend, tools, notes, popups' field names).

    Returns
    -------
    PortgeoMap
        A :class:`folium.Map` subclass. Finish it with :func:`finish_map`.

    Raises
    ------
    BasemapError
        Unknown basemap, or ``tianditu`` without ``TIANDITU_KEY``.
    """
    tianditu_key = check_basemap(basemap)
    lat, lon = center if center is not None else (30.0, 104.0)
    lat, lon = display_latlon(basemap, lat, lon)
    m = PortgeoMap(
        basemap=basemap,
        map_title=title,
        lang=lang,
        location=[lat, lon],
        zoom_start=zoom if zoom is not None else 4,
        tiles=None,
        control_scale=False,
        prefer_canvas=False,
        min_zoom=2,
        max_zoom=18,
        zoom_snap=0.1,
        zoom_control="topright",
        zoom_delta=0.5,
    )
    m.tianditu_key = tianditu_key
    root = cast(Figure, m.get_root())
    root.title = html.escape(title)  # folium writes <title> unescaped
    for name, z in (("pgContext", 350), ("pgBoundary", 390), ("pgLabels", 450)):
        folium.map.CustomPane(name, z_index=z, pointer_events=False).add_to(m)
    _Css().add_to(m)
    PageScript().add_to(m)
    head = html.escape(title)
    if subtitle:
        head += f"<small>{html.escape(subtitle)}</small>"
    _TitleBox(head).add_to(m)
    _Scale().add_to(m)
    HtmlControl(css_class="portgeo-north leaflet-control", position="topright",
                html_fn=lambda: north_arrow_svg(lang=m.lang), name="NorthArrow").add_to(m)  # fmt: skip
    return m


def mark_osm_data(m: PortgeoMap) -> None:
    """Record that OpenStreetMap data is drawn on ``m`` (e.g. road-network catchments).

    The source note then credits "© OpenStreetMap contributors".

    Parameters
    ----------
    m : PortgeoMap
        The map.
    """
    m.osm_data = True


# --- legend and notes -----------------------------------------------------------------------------


def add_svg_patterns(m: PortgeoMap) -> None:
    """Define the page's hatch patterns (:data:`portgeo.maps.style.HATCH_PATTERNS`), once.

    An area styled with :func:`portgeo.maps.style.hatch_fill` and its legend swatch then draw
    hatched, in the browser and in the PNG.

    Parameters
    ----------
    m : PortgeoMap
    """
    if m.svg_patterns:
        return
    defs = []
    for pid, (colour, width, space, angle) in HATCH_PATTERNS.items():
        defs.append(
            f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="{space:g}" '
            f'height="{space:g}" patternTransform="rotate({angle:g})">'
            f'<line x1="0" y1="0" x2="0" y2="{space:g}" stroke="{colour}" '
            f'stroke-width="{width:g}"/></pattern>'
        )
    hidden = 'width="0" height="0" aria-hidden="true" style="position:absolute"'
    cast(Figure, m.get_root()).html.add_child(
        Element(f"<svg {hidden}><defs>{''.join(defs)}</defs></svg>"), name="pg_svg_patterns"
    )
    m.svg_patterns = True


def _swatch_svg(e: LegendEntry) -> str:
    if e.symbol:
        return e.symbol
    dash = f' stroke-dasharray="{html.escape(e.dash)}"' if e.dash else ""
    if e.shape == "line":
        return (
            f'<svg width="26" height="12"><line x1="1" y1="6" x2="25" y2="6" stroke="{e.color}" '
            f'stroke-width="{e.weight}"{dash} stroke-linecap="butt"/></svg>'
        )
    if e.shape == "area":
        fill = e.fill_color or "none"
        return (
            f'<svg width="22" height="14"><rect x="1" y="1" width="20" height="12" rx="2" '
            f'fill="{fill}" fill-opacity="{max(e.fill_opacity, 0.25) if e.fill_color else 0}" '
            f'stroke="{e.color}" stroke-width="{min(e.weight, 2.5)}"{dash}/></svg>'
        )
    fill = e.fill_color or "none"
    r = min(max(e.radius, 2.5), 8.0)
    size = int(2 * r + 5)
    c = size / 2
    return (
        f'<svg width="{size}" height="{size}"><circle cx="{c:g}" cy="{c:g}" r="{r:g}" fill="{fill}" '
        f'fill-opacity="{e.fill_opacity}" stroke="{e.color}" stroke-width="{e.weight}"{dash}/></svg>'
    )


def _coerce_entries(entries: Iterable[LegendEntry] | Mapping[str, str]) -> list[LegendEntry]:
    if isinstance(entries, Mapping):
        return [
            LegendEntry(label=str(k), color=str(v), fill_color=str(v)) for k, v in entries.items()
        ]
    out = list(entries)
    for e in out:
        if not isinstance(e, LegendEntry):
            raise TypeError(f"legend entries must be LegendEntry objects, not {type(e).__name__}")
    return out


def add_legend(
    m: PortgeoMap,
    entries: Iterable[LegendEntry] | Mapping[str, str],
    *,
    title: str | None = None,
    position: str = "bottomleft",
) -> MacroElement:
    """Add a categorical legend whose swatches match the drawn styles and follow the layers.

    A row whose entry names its layers (:attr:`LegendEntry.layers`) is shown only while one of
    those layers is on; a row naming a layer the map does not have is left out (no legend
    entry without its marker). A row naming a context layer (:attr:`DrawnLayer.context`, always
    on, not in the layer control: China's boundary lines) is always shown.

    Parameters
    ----------
    m : PortgeoMap
        Target map.
    entries : list of LegendEntry or mapping
        Rows of the legend (see :func:`portgeo.maps.style.legend_entry_for`,
        :func:`point_legend_entries`), or a mapping ``label -> colour`` for filled circles.
    title : str, optional
        Legend heading; default 图例 (Legend in English).
    position : str, default "bottomleft"
        Leaflet control corner.

    Returns
    -------
    branca.element.MacroElement
        The legend control (class ``portgeo-legend`` in the page).
    """
    rows = _coerce_entries(entries)
    if not rows:
        raise ValueError("a legend needs at least one entry")

    head = title if title is not None else text("legend", m.lang)

    def content() -> str:
        body = [f"<h4>{html.escape(head)}</h4>"]
        always_on = {d.name for d in m.drawn if d.context}
        for e in rows:
            if e.layers and not any(n in m.layers or n in always_on for n in e.layers):
                continue
            names = [m.layers[n].get_name() for n in e.layers if n in m.layers]
            body.append(f'<div class="pg-row"{legend_row_attrs(names)}>{_swatch_svg(e)}'
                        f"<span>{html.escape(e.label)}</span></div>")  # fmt: skip
        return "".join(body)

    ctrl = HtmlControl(css_class="portgeo-legend leaflet-control", position=position,
                       html_fn=content, name="Legend")  # fmt: skip
    ctrl.add_to(m)
    m.legend_entries = rows
    return ctrl


def _source_html(
    m: PortgeoMap, plans: Sequence[str], extra: Sequence[str], osm: bool | None
) -> str:
    """Return the source note: 示意图 and the plans cited, the other sources one click away.

    Shown: the 示意图 line, and the plans cited as the summary of a ``<details>`` that holds
    every other source (coordinates, places, boundaries, the recipe's extra lines); the
    OpenStreetMap credit, when OSM data are drawn, stays in sight under them.
    """
    lang = m.lang
    sep = "，" if lang == "zh" else ", "
    sketch = (f'<span class="pg-sketch">{text("sketch", lang)}</span>{sep}'
              f"{text('sketch_note', lang)}")  # fmt: skip
    cat = load_catalogue()
    cited = [cat.plan_title(p) if lang == "zh" else str(cat.plan(p)["title_en"]) for p in plans]
    colon = "：" if lang == "zh" else ": "
    summary = text("source", lang) + (colon + "；".join(html.escape(c) for c in cited)
                                      if cited else "")  # fmt: skip
    more = [text("coordinates_note", lang)]
    if m.reference_drawn:
        more.append(text("places_note", lang))
    if getattr(m, "china_boundary_drawn", False):
        more.append(text("boundaries_note", lang))
    more.extend(html.escape(x) for x in extra)
    out = (f"{sketch}<details class=\"pg-source-more\"><summary>{summary}</summary>"
           f"{'<br>'.join(more)}</details>")  # fmt: skip
    show_osm = m.osm_data if osm is None else (osm or m.osm_data)
    if show_osm:
        out += f'<div class="pg-source-osm">{_OSM_ATTR}</div>'
    return out


def add_source_note(
    m: PortgeoMap,
    plans: Sequence[str],
    *,
    osm: bool | None = None,
    extra: Sequence[str] = (),
) -> MacroElement:
    """Add the source note: 示意图, the plan(s) cited, coordinate and boundary sources, OSM credit.

    Parameters
    ----------
    m : PortgeoMap
        Target map.
    plans : sequence of str
        Plan ids (``data/plans/plans.csv``) whose text the map shows.
    osm : bool, optional
        Force the "© OpenStreetMap contributors" credit. By default it is shown whenever OSM data
        is drawn: the OSM basemap, or anything flagged with :func:`mark_osm_data` (evaluated when
        the map is rendered, so layers added later count). Tile basemaps offered in the layer
        control credit themselves while they are shown.
    extra : sequence of str, default ()
        More lines (plain text).

    Returns
    -------
    branca.element.MacroElement
        The note control (class ``portgeo-source``).
    """
    plans = list(plans)
    extra = list(extra)
    ctrl = HtmlControl(css_class="portgeo-source leaflet-control", position="bottomleft",
                       html_fn=lambda: _source_html(m, plans, extra, osm), name="SourceNote")  # fmt: skip
    ctrl.add_to(m)
    m.source_note = ctrl
    m.source_plans, m.source_extra = plans, extra
    return ctrl


def _basemaps(m: PortgeoMap) -> list[dict[str, Any]]:
    offered = ["none", "amap"] if m.basemap == "amap" else ["none", "osm", "tianditu", "amap"]
    out = []
    for key in offered:
        b = dict(BASEMAP_TILES[key])
        if key in ("none", "amap", "tianditu"):
            b["name"] = text("offline_base" if key == "none" else key, m.lang)
        if key == "tianditu":
            b["prompt"] = text("tianditu_key", m.lang)
        if key == "tianditu" and m.tianditu_key:
            b["url"] = b["url"].replace("{tk}", m.tianditu_key)
            b["labels"] = b["labels"].replace("{tk}", m.tianditu_key)
        if key == "amap" and m.basemap == "amap":
            b["kind"] = "osm"  # overlays already in GCJ-02: the tiles stay where they are
        b["active"] = key == m.basemap
        out.append(b)
    return out


def _setup_config(m: PortgeoMap) -> dict[str, Any]:
    if m.bounds is not None:
        bounds = m.bounds
    else:
        w, s_, e, n = CHINA_EXTENT
        (s_, w), (n, e) = display_latlon(m.basemap, s_, w), display_latlon(m.basemap, n, e)
        bounds = [[s_, w], [n, e]]
    labels = [{"layer": layer.get_name(), "items": items} for layer, items in m.labels if items]
    search = [[name, mk.get_name(), layer.get_name()] for name, mk, layer in m.search_items]
    return {
        "bounds": bounds,
        "maxZoom": m.max_fit_zoom,
        "control": m.layer_control.get_name() if m.layer_control is not None else None,
        "basemaps": _basemaps(m),
        "labels": labels,
        "labelToggle": text("labels", m.lang),
        "searchText": {k: text(k, m.lang) for k in ("search", "not_found", "cancel")},
        "search": search,
    }


def finish_map(m: PortgeoMap, *, collapsed: bool = True) -> PortgeoMap:
    """Add the layer control, the map tools and the page set-up as the last elements of the map.

    Parameters
    ----------
    m : PortgeoMap
        The map, with all its layers added.
    collapsed : bool, default True
        Collapse the layer control into an icon (it opens on hover), so it covers nothing.

    Returns
    -------
    PortgeoMap
        ``m`` (for chaining). Calling it twice does nothing the second time.
    """
    if getattr(m, "finished", False):
        return m
    if not getattr(m, "source_note", None):
        log.warning("map %r has no source note; add_source_note() should be called", m.map_title)
    m.layer_control = folium.LayerControl(collapsed=collapsed, position="topright")
    m.layer_control.add_to(m)
    _Tools(m.lang).add_to(m)
    Setup(lambda: _setup_config(m)).add_to(m)
    m.finished = True
    return m


class _Tools(MacroElement):
    """Full screen and distance measurement (km), their titles and help in the map's language."""

    _template = Template(
        """{% macro script(this, kwargs) %}
{{ this._parent.get_name() }}.addControl(new L.Control.FullScreen({position: "topright", forceSeparateButton: true,
    title: {{ this.t.full_screen }}, titleCancel: {{ this.t.exit_full_screen }}}));
L.control.polylineMeasure({position: "topright", unit: "kilometres", showBearings: false,
    clearMeasurementsOnStop: false, showClearControl: true, showUnitControl: false,
    measureControlTitleOn: {{ this.t.measure }}, measureControlTitleOff: {{ this.t.measure_stop }},
    clearControlTitle: {{ this.t.measure_clear }},
    tooltipTextFinish: {{ this.t.measure_finish }}, tooltipTextDelete: {{ this.t.measure_delete }},
    tooltipTextMove: {{ this.t.measure_move }}, tooltipTextResume: {{ this.t.measure_resume }},
    tooltipTextAdd: {{ this.t.measure_add }}}).addTo({{ this._parent.get_name() }});
{% endmacro %}"""
    )

    def __init__(self, lang: str) -> None:
        super().__init__()
        self._name = "Tools"
        keys = ("full_screen", "exit_full_screen", "measure", "measure_stop", "measure_clear",
                "measure_finish", "measure_delete", "measure_move", "measure_resume",
                "measure_add")  # fmt: skip
        # JavaScript strings, readable in the page; no "<" can close the script
        self.t = {k: json.dumps(text(k, lang), ensure_ascii=False).replace("<", "\\u003c")
                  for k in keys}  # fmt: skip
