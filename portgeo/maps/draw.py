"""Drawing data on a map: points, lines and areas, in the basemap's datum, with popups.

Every geometry passes through :func:`portgeo.maps.datum.to_display_crs` before it is drawn
(the one place where coordinates change datum).
"""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import folium
import geopandas as gpd
import shapely

from portgeo._data import is_blank
from portgeo.layout.neighbours import load_belt_regions
from portgeo.maps.components import DrawnLayer, PortgeoMap
from portgeo.maps.datum import display_frame
from portgeo.maps.furniture import ClusterGroup
from portgeo.maps.style import (
    PARTNER_LABELS,
    VALUE_LABELS,
    LegendEntry,
    lang_text,
    legend_entry_for,
    marker_style,
    text,
)

log = logging.getLogger(__name__)

__all__ = [
    "FIELD_LABELS",
    "add_areas",
    "add_lines",
    "add_points",
    "display_value",
    "english_field",
    "field_label",
    "js_literal_safe",
    "point_legend_entries",
    "to_display_crs",
    "value_in",
]

#: Readable labels for popup fields (catalogue column → label).
FIELD_LABELS: dict[str, str] = {
    "id": "编号 id",
    "name_zh": "名称 name",
    "name_en": "英文名称 English name",
    "section": "分组 section",
    "kind": "类别 kind",
    "mode": "方式 mode",
    "role": "定位 role",
    "region": "区域 region",
    "neighbor": "邻国 neighbour",
    "status": "规划状态 status as printed",
    "opening_state": "实际状态 opening state",
    "opened": "开通日期 opened",
    "opening_source": "状态来源 state source",
    "action": "措施 action",
    "city_zh": "城市 city",
    "text_zh": "规划原文 plan text",
    "positioning_zh": "功能定位 positioning",
    "main_ports": "主要口岸 main ports",
    "regional_ports": "区域性口岸 regional ports",
    "region_zh": "区域 region",
    "region_en": "区域（英文） region (English)",
    "alias_zh": "别称 alias",
    "width_km": "宽度 width (km)",
    "iata": "IATA代码 IATA",
    "precision": "坐标精度 precision",
    "tier": "等级 class",
    "hub_name_zh": "枢纽 hub",
    "direction": "面向 direction",
    "category": "类别 category",
    "year": "年份 year",
    "detail": "变化 change",
    "verdict_text": "结论 verdict",
    "source": "依据 source",
    "label": "说明 note",
    "seq": "序号 no.",
    "reflects_zh": "反映 reflects",
    "considers_zh": "考虑因素 considers",
    "category_zh": "类别 category",
    "cargo_10k_tonnes": "年货运量（万吨） cargo (10k t)",
    "passengers_10k": "年客运量（万人次） passengers (10k)",
    "cargo_standard": "货运量标准（万吨） cargo standard (10k t)",
    "passengers_standard": "客运量标准（万人次） passenger standard (10k)",
    "province_zh": "省份 province",
    "indicator": "指标 indicator",
}


@functools.lru_cache(maxsize=1)
def _neighbour_names() -> dict[str, str]:
    regions = load_belt_regions()
    names = {r.neighbor: f"{r.name_zh} {r.name_en}" for r in regions.itertuples()}
    return {**names, **PARTNER_LABELS}


def display_value(field: str, value: Any, lang: str | None = None) -> str:
    """Return a catalogue value in the plan's words: ``main`` → ``主要口岸 main port``.

    The vocabulary is :data:`portgeo.maps.style.VALUE_LABELS` (by field, or by the field
    without a ``_<suffix>`` such as ``role_14``); neighbour codes become country names. Other
    values are returned as they are.

    Parameters
    ----------
    field : str
    value : object
    lang : {"zh", "en"}, optional
        One language of the plan's words; default both (``主要口岸 main port``).

    Returns
    -------
    str
    """
    out = _display_value(field, value)
    return out if lang is None or out == str(value) else lang_text(out, lang)


def field_label(field: str, lang: str) -> str:
    """Return the readable name of a column (:data:`FIELD_LABELS`) in one language.

    Parameters
    ----------
    field : str
    lang : {"zh", "en"}

    Returns
    -------
    str
    """
    label = FIELD_LABELS.get(field)
    return field if label is None else lang_text(label, lang)


def _display_value(field: str, value: Any) -> str:
    text = str(value)
    base = field if field in VALUE_LABELS or field == "neighbor" else field.rsplit("_", 1)[0]
    if base in ("neighbor", "tier"):
        vocab = _neighbour_names() if base == "neighbor" else VALUE_LABELS["role"]
        return vocab.get(text, text)
    if base in VALUE_LABELS:
        return VALUE_LABELS[base].get(text, text)
    return text


def to_display_crs(
    m: PortgeoMap, gdf: gpd.GeoDataFrame, *, simplify_m: float | None = None, decimals: int = 5
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
    decimals : int, default 5
        Decimals kept.

    Returns
    -------
    geopandas.GeoDataFrame
    """
    return display_frame(m.basemap, gdf, simplify_m=simplify_m, decimals=decimals)


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


def _popup_html(
    row: Mapping[str, Any],
    fields: Sequence[str],
    *,
    title_field: str | None,
    labels: Mapping[str, str] | None = None,
    lang: str = "zh",
) -> str:
    parts = ['<div class="portgeo-popup">']
    if title_field and not is_blank(row.get(title_field)):
        parts.append(f"<h5>{html.escape(_name_in(row, title_field, lang))}</h5>")
    parts.append("<table>")
    for field in fields:
        value = row.get(field)
        if is_blank(value):
            continue
        label = (labels or {}).get(field) or field_label(field, lang)
        text = html.escape(value_in(row, field, lang)).replace("\n", "<br>")
        parts.append(f"<tr><th>{html.escape(label)}</th><td>{text}</td></tr>")
    parts.append("</table></div>")
    return "".join(parts)


def _name_in(row: Mapping[str, Any], field: str, lang: str) -> str:
    """Return a row's name in the map's language (``name_en`` for ``name_zh`` in English)."""
    return "" if is_blank(row.get(field)) else value_in(row, field, lang, codes=False)


def english_field(field: str) -> str:
    """Return the column that holds a column's English: ``name_zh`` → ``name_en``.

    ``<x>_zh`` → ``<x>_en``; any other ``<x>`` → ``<x>_en`` (``section`` → ``section_en``).

    Parameters
    ----------
    field : str

    Returns
    -------
    str
    """
    return f"{field.removesuffix('_zh')}_en"


def value_in(row: Mapping[str, Any], field: str, lang: str, *, codes: bool = True) -> str:
    """Return a row's value of ``field`` in one language, as popups and panel tables show it.

    In English, the row's English column (:func:`english_field`, e.g. ``section_en``) where it
    has one; otherwise the value in the plan's words (:func:`display_value`), or as written:
    the data keep names and the plans' own text in Chinese where they give no English.

    Parameters
    ----------
    row : mapping
        One row (a catalogue entity, a table row).
    field : str
    lang : {"zh", "en"}
    codes : bool, default True
        Read catalogue codes in the plan's words (``main`` → ``主要口岸``).

    Returns
    -------
    str
    """
    english = row.get(english_field(field)) if lang == "en" else None
    if not is_blank(english):
        return str(english)
    value = row.get(field)
    return display_value(field, value, lang) if codes else str(value)


def _row_kind(row: Mapping[str, Any]) -> str:
    kind = row.get("kind")
    mode = row.get("mode")
    if (is_blank(kind) or kind == "project") and not is_blank(mode):
        return str(mode)
    return "project" if is_blank(kind) else str(kind)


def _row_status(row: Mapping[str, Any]) -> str:
    status = row.get("status")
    return "listed" if is_blank(status) else str(status)


def _group_by_place(shown: gpd.GeoDataFrame, *, merge: bool) -> dict[tuple[float, ...], list[dict]]:
    """Group rows by their point (lat, lon): one marker per place when ``merge``, else per row."""
    groups: dict[tuple[float, ...], list[dict]] = {}
    for _, row in shown.iterrows():
        geom = row.geometry
        pt = geom if geom.geom_type == "Point" else geom.representative_point()
        key: tuple[float, ...] = (pt.y, pt.x) if merge else (pt.y, pt.x, len(groups))
        groups.setdefault(key, []).append(row.to_dict())
    return groups


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
    cluster: bool = False,
    label: bool = True,
    label_rank: float = 3.0,
    label_class: str = "",
    label_field: str | None = None,
    field_labels: Mapping[str, str] | None = None,
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
        Columns listed in the popup (the plan's own text first); blank values are left out,
        codes are shown in the plan's words (:func:`display_value`).
    tooltip_field : str, default "name_zh"
        Column shown on hover and as the permanent label (``name_en`` is appended on hover).
    style : callable, optional
        ``style(row) -> dict`` of :class:`folium.CircleMarker` options, overriding
        :func:`marker_style`.
    radius : float, default 6
        Marker radius in pixels.
    show : bool, default True
        Whether the layer is on when the map opens.
    merge_same_place : bool, default True
        Rows at the same displayed point (e.g. several projects located at one port area) become
        one marker whose popup lists every row; the style is the first row's. Ignored with
        ``cluster``.
    cluster : bool, default False
        One marker per row; markers that stack form a small cluster that spreads out when
        clicked (:class:`portgeo.maps.furniture.ClusterGroup`).
    label : bool, default True
        Give each marker a permanent label (its ``tooltip_field``); labels give way to one
        another by ``label_rank`` (lower first) and switch with the layer and the labels toggle.
    label_rank : float, default 3
        Priority of this layer's labels (:data:`portgeo.maps.style.LABEL_RANKS`).
    label_class : str, default ""
        Extra CSS class of the labels (``pg-major`` for bold).
    label_field : str, optional
        Column whose value labels the points, once per value (e.g. ``hub_name_zh``: one label
        per hub, not per airport); default the ``tooltip_field``, once per place.
    field_labels : mapping, optional
        Popup row labels that override :data:`FIELD_LABELS`.

    Returns
    -------
    folium.FeatureGroup
        The layer (already added to ``m``).
    """
    fg: Any = (
        ClusterGroup(layer_name, show=show)
        if cluster
        else folium.FeatureGroup(name=layer_name, show=show)
    )
    n_missing = int((gdf.geometry.isna() | gdf.geometry.is_empty).sum()) if len(gdf) else 0
    if n_missing:
        log.info(
            "%s: %d of %d rows have no point and are not drawn", layer_name, n_missing, len(gdf)
        )
    shown = to_display_crs(m, gdf)
    merge = merge_same_place and not cluster
    groups = _group_by_place(shown, merge=merge)
    labels: list[list[Any]] = []
    placed: set[Any] = set()

    def row_style(rec: Mapping[str, Any]) -> dict:
        if style is not None:
            return style(rec)
        return marker_style(_row_kind(rec), _row_status(rec), radius=radius)

    for key, recs in groups.items():
        rec = recs[0]
        opts = row_style(rec)
        name = _name_in(rec, tooltip_field, m.lang)
        tip = name
        if len(recs) > 1:
            tip += text("entries_here", m.lang, n=len(recs))
        body = "<hr style='margin:4px 0'>".join(
            _popup_html(r, popup_fields, title_field=tooltip_field, labels=field_labels,
                        lang=m.lang)
            for r in recs
        )  # fmt: skip
        marker = folium.CircleMarker(
            location=[key[0], key[1]],
            popup=folium.Popup(js_literal_safe(body), max_width=400),
            tooltip=folium.Tooltip(js_literal_safe(html.escape(tip))) if tip else None,
            **opts,
        )
        marker.add_to(fg)
        if name:
            m.search_items.append((name, marker, fg))
            if label_field is not None:
                short = "" if is_blank(rec.get(label_field)) else str(rec.get(label_field))
                spot: Any = short
            else:
                short = name.split("（")[0] or name  # the full name is in the tooltip
                spot = (key[0], key[1])
            if label and short and spot not in placed:
                placed.add(spot)
                span = f"<span>{html.escape(short)}</span>"
                gap = float(opts.get("radius", radius)) + 3.0
                labels.append([key[0], key[1], span, label_rank, label_class, gap, short])
    fg.add_to(m)
    m.layer_names.append(layer_name)
    m.layers[layer_name] = fg
    m.drawn.append(DrawnLayer(layer_name, gdf, row_style, show=show, element=fg))
    if labels:
        m.labels.append((fg, labels))
    return fg


def point_legend_entries(gdf: gpd.GeoDataFrame, lang: str | None = None) -> list[LegendEntry]:
    """Return the legend entries for the kinds and statuses present in ``gdf``.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Points as given to :func:`add_points`.
    lang : {"zh", "en"}, optional
        Language of the labels; default both.

    Returns
    -------
    list of LegendEntry
        One entry per (kind, status) pair found, in a stable order.
    """
    order_k = ["sea", "river", "road", "rail", "air", "project"]
    order_s = ["open", "listed", "planned"]
    pairs = {
        (_row_kind(r), _row_status(r)) for r in gdf.drop(columns="geometry").to_dict("records")
    }
    return [legend_entry_for(k, s, lang=lang) for k in order_k for s in order_s if (k, s) in pairs]


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
    pane: str | None = None,
    decimals: int = 5,
) -> folium.FeatureGroup:
    fg = folium.FeatureGroup(name=layer_name, show=show)
    shown = to_display_crs(m, gdf, simplify_m=simplify_m, decimals=decimals)
    extra: dict[str, Any] = {} if interactive else {"interactive": False}
    if pane:
        extra["pane"] = pane
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
        tip = None if tooltip_field is None else _name_in(rec, tooltip_field, m.lang)
        if tip:
            folium.Tooltip(js_literal_safe(html.escape(tip))).add_to(gj)
        if popup_fields:
            popup = _popup_html(rec, popup_fields, title_field=tooltip_field, lang=m.lang)
            folium.Popup(js_literal_safe(popup), max_width=420).add_to(gj)
        gj.add_to(fg)
    fg.add_to(m)
    m.layer_names.append(layer_name)
    m.layers[layer_name] = fg
    m.drawn.append(DrawnLayer(layer_name, gdf, style, show=show, simplify_m=simplify_m,
                              context=pane == "pgContext", element=fg))  # fmt: skip
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
    pane: str | None = None,
    interactive: bool = True,
    decimals: int = 5,
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
    pane : str, optional
        Leaflet pane (``pgContext`` draws under the data).
    interactive : bool, default True
        False lets clicks pass through.
    decimals : int, default 5
        Decimals of the coordinates (5 ≈ 1 m).

    Returns
    -------
    folium.FeatureGroup
    """
    return _add_geojson(
        m, gdf, layer_name=layer_name, style=style, tooltip_field=tooltip_field,
        popup_fields=popup_fields, show=show, highlight=interactive, simplify_m=simplify_m,
        pane=pane, interactive=interactive, decimals=decimals,
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
    pane: str | None = None,
    decimals: int = 5,
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
    pane : str, optional
        Leaflet pane (``pgContext`` draws under the data).
    decimals : int, default 5
        Decimals of the coordinates (5 ≈ 1 m).

    Returns
    -------
    folium.FeatureGroup
    """
    return _add_geojson(
        m, gdf, layer_name=layer_name, style=style, tooltip_field=tooltip_field,
        popup_fields=popup_fields, show=show, highlight=highlight, interactive=interactive,
        simplify_m=simplify_m, pane=pane, decimals=decimals,
    )  # fmt: skip
