"""Drawing data on a map: points, lines and areas, in the basemap's datum, with popups.

Every geometry passes through :func:`portgeo.maps.datum.to_display_crs` before it is drawn
(the one place where coordinates change datum).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import folium
import geopandas as gpd
import shapely

from portgeo._data import is_blank
from portgeo.maps.components import PortgeoMap
from portgeo.maps.datum import display_frame
from portgeo.maps.style import PALETTE, LegendEntry, legend_entry_for, marker_style

log = logging.getLogger(__name__)

__all__ = [
    "FIELD_LABELS",
    "add_areas",
    "add_lines",
    "add_points",
    "js_literal_safe",
    "point_legend_entries",
    "to_display_crs",
]

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


def to_display_crs(
    m: PortgeoMap, gdf: gpd.GeoDataFrame, *, simplify_m: float | None = None
) -> gpd.GeoDataFrame:
    """Return a copy of ``gdf`` in the coordinates ``m``'s basemap expects.

    See :func:`portgeo.maps.datum.display_frame` (GCJ-02 on Amap tiles, WGS84 otherwise;
    rounded to about 1 m; rows without geometry dropped).

    Parameters
    ----------
    m : PortgeoMap
        Target map.
    gdf : geopandas.GeoDataFrame
        Layer in WGS84.
    simplify_m : float, optional
        Display simplification tolerance in metres.

    Returns
    -------
    geopandas.GeoDataFrame
    """
    return display_frame(m.basemap, gdf, simplify_m=simplify_m)


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
