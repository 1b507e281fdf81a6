"""One map per 专栏 of the three plans, and the 13th→14th comparison.

The national 14th plan (1–10), the 13th plan (1–4), a 13th→14th comparison and the Guangdong
14th plan (1–6).

Every builder takes the keyword ``basemap`` (see :func:`portgeo.maps.new_map`) and returns a
finished :class:`portgeo.maps.PortgeoMap` with a title, the China boundary, layers with readable
names, a legend matching the markers, popups with the plan's own text, and a source note.
:data:`MAPS` lists them all; :func:`build_all_maps` writes every map and an ``index.html``.

Nothing here knows a port name: everything comes from :mod:`portgeo.catalogue` (``data/``) and
the layout geometry of :mod:`portgeo.layers`.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from portgeo.catalogue import load_catalogue, load_entities
from portgeo.maps.components import (
    PortgeoMap,
    add_areas,
    add_china_boundary,
    add_legend,
    add_lines,
    add_points,
    add_source_note,
    finish_map,
    mark_osm_data,
    new_map,
    point_legend_entries,
)
from portgeo.maps.export import save_map
from portgeo.maps.panels import add_info_panel, table_html
from portgeo.maps.style import (
    KIND_COLORS,
    KIND_LABELS,
    LegendEntry,
    area_style,
    legend_entry_for,
    line_style,
    marker_style,
)

__all__ = [
    "MAPS",
    "MapSpec",
    "build_all_maps",
    "build_map",
    "column_table",
    "write_index",
]

log = logging.getLogger(__name__)

N14, N13, GD14 = "national-14", "national-13", "guangdong-14"

_KIND_ORDER = ("sea", "river", "road", "rail", "air", "project")

#: Fill colours for regions (clusters, belts), in the plans' order; looked up by name.
_REGION_COLORS: dict[str, str] = {
    "环渤海": "#1b9e77",
    "长三角": "#d95f02",
    "东南沿海": "#7570b3",
    "粤港澳大湾区": "#e7298a",
    "珠三角": "#e7298a",
    "西南沿海": "#66a61e",
    "东北": "#1f78b4",
    "北部": "#b8860b",
    "西北": "#e31a1c",
    "西南": "#33a02c",
}
_FALLBACK_COLORS = ("#a6761d", "#666666", "#1f78b4", "#b2df8a", "#fb9a99", "#cab2d6")

_POPUP_LAYOUT = ("text_zh", "section", "region", "role", "status", "neighbor", "precision", "note")
_POPUP_PROJECT = ("text_zh", "section", "city_zh", "action", "mode", "status", "precision", "note")


def _region_color(name: Any, i: int = 0) -> str:
    return _REGION_COLORS.get(str(name), _FALLBACK_COLORS[i % len(_FALLBACK_COLORS)])


# --- data access ---------------------------------------------------------------------------------


def _entities(plan: str, column: int) -> gpd.GeoDataFrame:
    return load_entities(plan=plan, column=column)


def column_table(plan: str, column: int) -> pd.DataFrame:
    """Return a 专栏's rows as printed, for display beside its map (notebooks).

    Parameters
    ----------
    plan : str
        Plan id (``national-14``, ``national-13``, ``guangdong-14``).
    column : int
        专栏 number.

    Returns
    -------
    pandas.DataFrame
        Columns ``seq, section, name_zh, name_en, kind, mode, role, status, city_zh, action,
        text_zh, located`` in the plan's order (empty columns dropped).
    """
    df = load_catalogue().entities
    df = df[(df["plan"] == plan) & (df["column"] == int(column))].sort_values("seq", kind="stable")
    cols = ["seq", "section", "name_zh", "name_en", "kind", "mode", "role", "status", "city_zh",
            "action", "text_zh", "located"]  # fmt: skip
    cols = [c for c in cols if c in df.columns]
    out = df[cols].reset_index(drop=True)
    keep = [c for c in out.columns if c in ("name_zh", "located") or out[c].notna().any()]
    return out[keep]


def _mode_of(row: pd.Series) -> str:
    kind = row.get("kind")
    mode = row.get("mode")
    if kind == "project" or pd.isna(kind):
        return str(mode) if isinstance(mode, str) and mode else "project"
    return str(kind)


def _add_points_by_kind(
    m: PortgeoMap,
    gdf: gpd.GeoDataFrame,
    *,
    noun_zh: str,
    noun_en: str,
    popup_fields: Sequence[str],
    radius: float = 6.0,
    style: Callable[[dict], dict] | None = None,
) -> list[LegendEntry]:
    """One layer per transport kind (sea, river, road, rail, air, other), legend for what is drawn."""
    if gdf.empty:
        return []
    modes = gdf.apply(_mode_of, axis=1)
    for kind in _KIND_ORDER:
        sub = gdf[modes == kind]
        located = sub[sub.geometry.notna()]
        if located.empty:
            continue
        label = KIND_LABELS[kind].split(" ")
        name = f"{label[0]}{noun_zh} {label[1]} {noun_en} ({len(located)})"
        add_points(m, located, layer_name=name, popup_fields=popup_fields, radius=radius, style=style)
    return point_legend_entries(gdf[gdf.geometry.notna()])


def _unlocated_panel_rows(gdf: gpd.GeoDataFrame) -> str:
    missing = gdf[gdf.geometry.isna()]
    if missing.empty:
        return ""
    items = "".join(
        f"<li>{html.escape(str(r.name_zh))}"
        + (f" — {html.escape(str(r.note))}" if isinstance(r.note, str) and r.note else "")
        + "</li>"
        for r in missing.itertuples()
    )
    return f"<p><b>未落点 not mapped ({len(missing)}):</b></p><ul>{items}</ul>"


def _start(title: str, subtitle: str | None, basemap: str, *, show_provinces: bool = False, **kw: Any) -> PortgeoMap:
    m = new_map(title=title, subtitle=subtitle, basemap=basemap, **kw)
    add_china_boundary(m, provinces=True, show_provinces=show_provinces)
    return m


def _finish(m: PortgeoMap, legend: list[LegendEntry], *, plans: Sequence[str], extra: Sequence[str] = ()) -> PortgeoMap:
    legend = [*legend, LegendEntry("中国国界 China boundary", "#b22222", shape="line", weight=1.6)]
    add_legend(m, legend, title="图例 Legend")
    add_source_note(m, plans, extra=extra)
    return finish_map(m)


def _layout_layers(*names: str) -> dict[str, gpd.GeoDataFrame]:
    from portgeo.layers import layout_layers

    return layout_layers(names=names)


def _first_col(gdf: gpd.GeoDataFrame, *names: str) -> str | None:
    for n in names:
        if n in gdf.columns:
            return n
    return None


# --- national 14th plan ---------------------------------------------------------------------------


def build_n14_c01_indicators(*, basemap: str = "osm") -> PortgeoMap:
    """专栏1 口岸综合绩效评估指标体系: the ten indicators, over every port they will assess.

    The indicators have no location; the map shows the ports laid out in 专栏2–4 (the ones the
    evaluation covers) and the ten indicators with the plan's definitions in a panel.

    Parameters
    ----------
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.

    Returns
    -------
    PortgeoMap
    """
    m = _start("专栏1 口岸综合绩效评估指标体系", "National 14th plan · performance indicators", basemap)
    ports = pd.concat([_entities(N14, c) for c in (2, 3, 4)], ignore_index=True)
    ports = gpd.GeoDataFrame(ports, geometry="geometry", crs=4326)
    legend = _add_points_by_kind(m, ports, noun_zh="口岸", noun_en="ports", popup_fields=_POPUP_LAYOUT, radius=4.5)
    ind = load_catalogue().indicators
    add_info_panel(m, title=f"评估指标 indicators ({len(ind)})", body_html=table_html(ind))
    return _finish(m, legend, plans=[N14])


def build_n14_c02_sea(*, basemap: str = "osm") -> PortgeoMap:
    """专栏2 海运口岸布局: five coastal clusters, main and regional sea ports, positioning text.

    Parameters
    ----------
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.

    Returns
    -------
    PortgeoMap
    """
    return _sea_layout(N14, 2, "专栏2 海运口岸布局", "National 14th plan · sea-port layout", basemap)


def _sea_layout(plan: str, column: int, title: str, subtitle: str, basemap: str) -> PortgeoMap:
    m = _start(title, subtitle, basemap, center=(30.0, 115.0), zoom=5)
    legend: list[LegendEntry] = []
    key = "clusters" if plan == N14 else "clusters_13"
    clusters = _layout_layers(key)[key]
    name_col = _first_col(clusters, "region_zh", "name_zh", "region", "name")
    clusters = clusters.reset_index(drop=True)
    clusters["_colour"] = [_region_color(v, i) for i, v in enumerate(clusters[name_col])]
    part = clusters["part"] if "part" in clusters.columns else pd.Series("hull", index=clusters.index)
    hulls, coasts = clusters[part == "hull"], clusters[part == "coast"]
    popup = [c for c in ("positioning_zh", "main_ports", "regional_ports", "region_en", "alias_zh")
             if c in clusters.columns]  # fmt: skip
    add_areas(m, hulls, layer_name="口岸集群 coastal clusters",
              style=lambda r: area_style(r["_colour"], fill_opacity=0.16),
              tooltip_field=name_col, popup_fields=popup, simplify_m=500)  # fmt: skip
    if not coasts.empty:
        add_lines(m, coasts, layer_name="集群岸段 cluster coastlines",
                  style=lambda r: {"color": r["_colour"], "weight": 5, "opacity": 0.75},
                  tooltip_field=name_col, popup_fields=popup, simplify_m=500)  # fmt: skip
    for _, row in hulls.drop_duplicates(name_col).iterrows():
        legend.append(LegendEntry.from_path_style(f"{row[name_col]} 集群 cluster", area_style(row["_colour"]), shape="area"))
    ports = _entities(plan, column)
    located = ports[ports.geometry.notna()]
    mains = located[located["role"] == "main"]
    others = located[located["role"] != "main"]
    if not mains.empty:
        add_points(m, mains, layer_name=f"主要口岸 main sea ports ({len(mains)})",
                   popup_fields=("text_zh", "region", "positioning_zh", "role", "status", "precision", "note"),
                   radius=9)  # fmt: skip
    if not others.empty:
        add_points(m, others, layer_name=f"区域性口岸 regional sea ports ({len(others)})",
                   popup_fields=("text_zh", "region", "positioning_zh", "role", "status", "precision", "note"),
                   radius=5)  # fmt: skip
    legend = [
        LegendEntry.from_marker_style("主要口岸 main port", {**marker_style("sea", radius=9), "color": KIND_COLORS["sea"]}),
        LegendEntry("区域性口岸 regional port (smaller)", KIND_COLORS["sea"], fill_color=KIND_COLORS["sea"], weight=1),
        *[e for e in point_legend_entries(located) if "planned" in e.label],
        *legend,
    ]
    regions = load_catalogue().regions
    reg = regions[(regions["plan"] == plan) & (regions["column"] == column)]
    if not reg.empty:
        add_info_panel(m, title="功能定位 positioning", body_html=table_html(reg, columns=["region_zh", "positioning_zh"]), open_=False)
    extra_html = _unlocated_panel_rows(ports)
    if extra_html:
        add_info_panel(m, title="未落点 not mapped", body_html=extra_html, position="bottomleft", open_=False)
    return _finish(m, legend, plans=[plan])


def build_n14_c03_border(*, basemap: str = "osm") -> PortgeoMap:
    """专栏3 边境口岸布局: border belts by region and neighbour, rail/road crossings.

    Parameters
    ----------
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.

    Returns
    -------
    PortgeoMap
    """
    return _border_layout(N14, 3, "专栏3 边境口岸布局", "National 14th plan · border-port layout", basemap)


def _border_layout(plan: str, column: int, title: str, subtitle: str, basemap: str) -> PortgeoMap:
    m = _start(title, subtitle, basemap)
    legend: list[LegendEntry] = []
    layers = _layout_layers("belts", "border_segments")
    belts = layers["belts"]
    name_col = _first_col(belts, "region_zh", "name_zh", "region", "name")
    belts = belts.reset_index(drop=True)
    belts["_colour"] = [_region_color(v, i) for i, v in enumerate(belts[name_col])]
    tip = _first_col(belts, "label", "neighbor_zh", "name_zh", name_col)
    add_areas(m, belts, layer_name="边境带 border belts by region and neighbour",
              style=lambda r: area_style(r["_colour"], fill_opacity=0.16, weight=0.8),
              tooltip_field=tip,
              popup_fields=[c for c in (name_col, "neighbor_zh", "neighbor", "width_km") if c in belts.columns],
              simplify_m=1000)  # fmt: skip
    for _, row in belts.drop_duplicates(name_col).iterrows():
        legend.append(LegendEntry.from_path_style(f"{row[name_col]} 边境带 belt", area_style(row["_colour"]), shape="area"))
    segs = layers["border_segments"].reset_index(drop=True)
    ncol = _first_col(segs, "neighbor_zh", "name_zh", "neighbor", "iso3")
    pal = ("#6a3d9a", "#ff7f00", "#1f78b4", "#33a02c", "#e31a1c", "#b15928", "#a6cee3", "#fb9a99",
           "#fdbf6f", "#cab2d6", "#b2df8a", "#8dd3c7", "#bebada", "#80b1d3")  # fmt: skip
    cmap = {n: pal[i % len(pal)] for i, n in enumerate(dict.fromkeys(segs[ncol].astype(str)))}
    add_lines(m, segs, layer_name="边界段 border by neighbour",
              style=lambda r: {"color": cmap[str(r[ncol])], "weight": 4, "opacity": 0.6},
              tooltip_field=ncol, show=False, simplify_m=1000)  # fmt: skip
    legend.append(LegendEntry("边界段（按邻国着色）border by neighbour", pal[0], shape="line", weight=4))
    ports = _entities(plan, column)
    legend = _add_points_by_kind(m, ports, noun_zh="口岸", noun_en="crossings", popup_fields=_POPUP_LAYOUT) + legend
    regions = load_catalogue().regions
    reg = regions[(regions["plan"] == plan) & (regions["column"] == column)]
    if not reg.empty and reg["positioning_zh"].notna().any():
        add_info_panel(m, title="区域目标 regional aims", body_html=table_html(reg, columns=["region_zh", "positioning_zh"]), open_=False)
    extra_html = _unlocated_panel_rows(ports)
    if extra_html:
        add_info_panel(m, title="未落点 not mapped", body_html=extra_html, position="bottomleft", open_=False)
    return _finish(m, legend, plans=[plan], extra=["括号内为规划建设但尚未启动的项目 = planned (hollow, dashed)"])


def build_n14_c04_air(*, basemap: str = "osm", network: Any = None) -> PortgeoMap:
    """专栏4 航空口岸布局: the 39 hubs, 200 km circles, 2-hour catchments, uncovered ground.

    Every airport of a hub is drawn (e.g. Beijing PEK and PKX). Circles and 2-hour drive-time
    catchments come from :func:`portgeo.catchments.compute_catchments` on the offline road
    network; "ground no hub covers" is China's territory outside every 200 km circle AND every
    2-hour catchment.

    Parameters
    ----------
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.
    network : RoadNetwork, optional
        Road network for the 2-hour catchments; default the offline network
        (``portgeo.networks.load_network("offline")``).

    Returns
    -------
    PortgeoMap
    """
    from portgeo.catchments import compute_catchments, uncovered_area
    from portgeo.geodesy import GEOD

    m = _start("专栏4 航空口岸布局", "National 14th plan · 10 international + 29 regional hubs", basemap)
    airports = _hub_airports(N14, 4)
    circle_style = area_style("#0072B2", fill_opacity=0.05, weight=1.0, dash="4 3")
    time_style = area_style("#D55E00", fill_opacity=0.12, weight=1.0)
    gap_style = area_style("#3c3c3c", fill_opacity=0.35, weight=0.6)
    if network is None:
        from portgeo.networks import load_network

        network = load_network("offline")
    catch = compute_catchments(network, airports, kinds=("circle", "time"), progress=False)
    names = dict(zip(airports["id"], airports["name_zh"], strict=True))
    catch["name_zh"] = catch["origin_id"].map(names)
    catch["label"] = (catch["name_zh"].astype(str) + " · " + catch["threshold"].map("{:g}".format)
                      + " " + catch["unit"])  # fmt: skip
    circles = catch[catch["kind"] == "circle"]
    times = catch[catch["kind"] == "time"]
    add_areas(m, circles, layer_name="200公里范围 200 km circles", style=circle_style, tooltip_field="label",
              highlight=False, simplify_m=1000)  # fmt: skip
    add_areas(m, times, layer_name="2小时车程 2-hour drive catchments", style=time_style, tooltip_field="label",
              show=False, highlight=False, simplify_m=1000)  # fmt: skip
    mark_osm_data(m)  # the offline road network is OpenStreetMap data (scgraph-data)
    unc = uncovered_area(network, airports)
    unc_time = unc.loc[unc["part"] == "uncovered"].geometry.iloc[0]
    gap = shapely.difference(unc_time, shapely.union_all(circles.geometry.to_numpy()))
    area_km2 = abs(GEOD.geometry_area_perimeter(gap)[0]) / 1e6 if not gap.is_empty else 0.0
    gap_gdf = gpd.GeoDataFrame(
        {"label": [f"无枢纽覆盖（200公里外且2小时车程外）not covered: {area_km2:,.0f} km²"]},
        geometry=[gap], crs=4326,
    )  # fmt: skip
    add_areas(m, gap_gdf, layer_name="无枢纽覆盖区域 ground no hub covers", style=gap_style, tooltip_field="label",
              popup_fields=("label",), show=False, highlight=False, simplify_m=2000)  # fmt: skip
    intl = airports[airports["role"] == "international-hub"]
    reg = airports[airports["role"] != "international-hub"]
    fields = ("text_zh", "section", "role", "iata", "precision", "note")
    add_points(m, intl, layer_name=f"国际枢纽机场 international hub airports ({len(intl)})", popup_fields=fields, radius=8)
    add_points(m, reg, layer_name=f"区域枢纽机场 regional hub airports ({len(reg)})", popup_fields=fields, radius=5)
    legend = [
        LegendEntry.from_marker_style("国际枢纽 international hub", {**marker_style("air", radius=8), "color": KIND_COLORS["air"]}),
        LegendEntry("区域枢纽 regional hub (smaller)", KIND_COLORS["air"], fill_color=KIND_COLORS["air"], weight=1),
        LegendEntry.from_path_style("200公里范围 200 km circle", circle_style, shape="area"),
        LegendEntry.from_path_style("2小时车程 2-hour drive (offline roads)", time_style, shape="area"),
        LegendEntry.from_path_style("无枢纽覆盖 not covered by 200 km nor 2 h", gap_style, shape="area"),
    ]
    return _finish(m, legend, plans=[N14], extra=[
        "2小时车程：离线主干道路网（近似）drive times on the offline major-road graph (approximate)"])


def _hub_airports(plan: str, column: int) -> gpd.GeoDataFrame:
    """Located airport rows of an air-layout column (member airports of multi-airport hubs included)."""
    ents = _entities(plan, column)
    return ents[ents.geometry.notna()].reset_index(drop=True)


def build_n14_c05_admission(*, basemap: str = "osm") -> PortgeoMap:
    """专栏5 口岸开放准入标准: the standards as text; the opened air ports and their 200 km rule.

    The mappable part of 专栏5 is the airport rule: a new air port should lie at least
    ``min_distance_km`` (200 km) or ``min_drive_min`` (2 h) from every opened air port. The map
    draws the opened air ports the rule compares with (:func:`portgeo.admission.load_open_air_ports`)
    and their circles; the rule's text and parameters are in a panel. Check a candidate with
    ``portgeo check-airport``.

    Parameters
    ----------
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.

    Returns
    -------
    PortgeoMap
    """
    from portgeo.admission import load_admission_rule, load_open_air_ports
    from portgeo.geodesy import geodesic_circle

    m = _start("专栏5 口岸开放准入标准", "National 14th plan · admission standards (airport 200 km / 2 h rule)", basemap)
    rule = load_admission_rule()
    ports = load_open_air_ports().table.dropna(subset=["lat", "lon"]).reset_index(drop=True)
    km = float(rule.min_distance_km)
    pts = gpd.GeoDataFrame(
        ports.assign(kind="air", status="operating", text_zh=ports["source"]),
        geometry=gpd.points_from_xy(ports["lon"], ports["lat"]), crs=4326,
    )  # fmt: skip
    circles = gpd.GeoDataFrame(
        {"name_zh": pts["name_zh"].to_numpy()},
        geometry=[geodesic_circle(float(x), float(y), km * 1000.0) for x, y in zip(ports["lon"], ports["lat"], strict=True)],
        crs=4326,
    )  # fmt: skip
    circle_style = area_style("#0072B2", fill_opacity=0.06, weight=1.0, dash="4 3")
    add_areas(m, circles, layer_name=f"{km:g}公里范围 {km:g} km from opened air ports",
              style=circle_style, tooltip_field="name_zh", highlight=False)  # fmt: skip
    add_points(m, pts, layer_name=f"已开放航空口岸 opened air ports ({len(pts)})",
               popup_fields=("iata", "text_zh"))  # fmt: skip
    body = (f"<p>{html.escape(rule.text_zh)}</p>" if rule.text_zh else "") + _rule_html(load_catalogue().admission)
    add_info_panel(m, title="准入标准 admission standards", body_html=body, open_=False)
    legend = [legend_entry_for("air", label="已开放航空口岸 opened air port"),
              LegendEntry.from_path_style(f"{km:g}公里范围 {km:g} km circle", circle_style, shape="area")]  # fmt: skip
    return _finish(m, legend, plans=[N14], extra=[
        f"新开机场须距已开放航空口岸{km:g}公里或{rule.min_drive_min / 60:g}小时车程以上；"
        "逐一核查请用 portgeo check-airport"])  # fmt: skip


def _rule_html(d: Any, depth: int = 0) -> str:
    if isinstance(d, dict):
        items = "".join(f"<li><b>{html.escape(str(k))}</b>: {_rule_html(v, depth + 1)}</li>" for k, v in d.items())
        return f"<ul>{items}</ul>"
    if isinstance(d, list):
        return "<ul>" + "".join(f"<li>{_rule_html(v, depth + 1)}</li>" for v in d) + "</ul>"
    return html.escape(str(d))


def build_n14_c06_volumes(*, basemap: str = "osm", volumes: Any = None) -> PortgeoMap:
    """专栏6 口岸年客货运量指标: the standards, and which ports fall short given a volumes CSV.

    Without ``volumes`` the map shows the standards and the ports they apply to; no volume is
    invented. With a CSV laid out as ``data/templates/port_volumes_template.csv``, each port is
    coloured by the check of :func:`portgeo.volumes.check_port_volumes`.

    Parameters
    ----------
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.
    volumes : str, pathlib.Path or pandas.DataFrame, optional
        The user's annual port volumes.

    Returns
    -------
    PortgeoMap
    """
    return _volume_map(N14, "专栏6 口岸年客货运量指标", "National 14th plan · annual volume standards", basemap, volumes)


def _volume_map(plan: str, title: str, subtitle: str, basemap: str, volumes: Any) -> PortgeoMap:
    from portgeo.volumes import VERDICT_STYLES, check_port_volumes, volume_standards_table

    m = _start(title, subtitle, basemap)
    std = volume_standards_table(plan=plan)
    add_info_panel(m, title="年客货运量指标 standards", body_html=table_html(std), open_=True)
    legend: list[LegendEntry] = []
    if volumes is None:
        ports = pd.concat([_entities(plan, c) for c in ((2, 3, 4) if plan == N14 else (1, 2))], ignore_index=True)
        ports = gpd.GeoDataFrame(ports, geometry="geometry", crs=4326)
        legend = _add_points_by_kind(m, ports, noun_zh="口岸", noun_en="ports (no volumes given)",
                                     popup_fields=_POPUP_LAYOUT, radius=4.5)  # fmt: skip
        extra = ["未提供运量数据：填写 data/templates/port_volumes_template.csv 后运行检查 (no volumes given)"]
    else:
        checked = check_port_volumes(volumes, plan=plan)
        located = checked[checked.geometry.notna()]
        for verdict, (label, colour) in VERDICT_STYLES.items():
            sub = located[located["verdict"] == verdict]
            if sub.empty:
                continue
            style = {"radius": 7, "color": "#ffffff", "weight": 1.2, "fill": True, "fill_color": colour,
                     "fill_opacity": 0.95, "opacity": 1.0, "dash_array": None}  # fmt: skip
            add_points(m, sub, layer_name=f"{label} ({len(sub)})", style=lambda _r, s=style: s,
                       popup_fields=("category", "year", "cargo_10k_tonnes", "cargo_standard", "passengers_10k",
                                     "passengers_standard", "verdict_text"))  # fmt: skip
            legend.append(LegendEntry(label, colour, fill_color=colour))
        extra = ["运量来自用户提供的文件 volumes from the user's file"]
    return _finish(m, legend or [legend_entry_for("sea")], plans=[plan], extra=extra)


def _project_column(
    plan: str, column: int, title: str, subtitle: str, basemap: str, *,
    links: str | None = None, panel_by_city: bool = False, center=None, zoom=None,
) -> PortgeoMap:  # fmt: skip
    m = _start(title, subtitle, basemap, center=center, zoom=zoom, show_provinces=plan == GD14)
    ents = _entities(plan, column)
    legend: list[LegendEntry] = []
    if links == "inspection":
        ok = ents["insp_lat"].notna() & ents["insp_lon"].notna() & ents.geometry.notna()
        lines = ents[ok].copy()
        lines["geometry"] = [
            shapely.LineString([(float(r.insp_lon), float(r.insp_lat)), (r.geometry.x, r.geometry.y)])
            for r in lines.itertuples()
        ]
        if not lines.empty:
            st = {"color": "#7b3294", "weight": 3, "opacity": 0.9, "dashArray": "6 4"}
            add_lines(m, gpd.GeoDataFrame(lines, geometry="geometry", crs=4326),
                      layer_name=f"关口前移 inspection site → border ({len(lines)})", style=st,
                      tooltip_field="name_zh", popup_fields=("text_zh", "section", "note"))  # fmt: skip
            insp = gpd.GeoDataFrame(
                lines[["name_zh", "text_zh"]].assign(kind="project", mode="road", status="operating"),
                geometry=gpd.points_from_xy(lines["insp_lon"], lines["insp_lat"]), crs=4326,
            )
            insp["name_zh"] = insp["name_zh"].astype(str) + " 查验区 inspection site"
            ins_style = {"radius": 5, "color": "#7b3294", "weight": 2, "fill": True, "fill_color": "#ffffff",
                         "fill_opacity": 1.0, "opacity": 1.0, "dash_array": None}  # fmt: skip
            add_points(m, insp, layer_name="后置查验区 inland inspection sites", style=lambda _r: ins_style)
            legend += [LegendEntry.from_path_style("关口前移 inspection site → border", st, shape="line"),
                       LegendEntry.from_marker_style("后置查验区 inland inspection site", ins_style)]  # fmt: skip
    if links == "link":
        ok = ents["link_lat"].notna() & ents["link_lon"].notna() & ents.geometry.notna()
        lk = ents[ok].copy()
        if not lk.empty:
            lk["geometry"] = [
                shapely.LineString([(r.geometry.x, r.geometry.y), (float(r.link_lon), float(r.link_lat))])
                for r in lk.itertuples()
            ]
            lk = gpd.GeoDataFrame(lk, geometry="geometry", crs=4326)
            add_lines(m, lk, layer_name=f"跨境通道 cross-border links ({len(lk)})",
                      style=lambda r: line_style(_mode_of(pd.Series(r)), r.get("status"), weight=4),
                      tooltip_field="name_zh", popup_fields=("text_zh", "section", "status", "note"))  # fmt: skip
            for mode in dict.fromkeys(lk.apply(_mode_of, axis=1)):
                legend.append(LegendEntry.from_path_style(f"跨境通道 link · {KIND_LABELS[mode]}", line_style(mode, weight=4), shape="line"))
    legend = _add_points_by_kind(m, ents, noun_zh="项目", noun_en="projects", popup_fields=_POPUP_PROJECT) + legend
    if panel_by_city and "city_zh" in ents.columns:
        typed = ents.assign(type=ents.apply(lambda r: KIND_LABELS[_mode_of(r)], axis=1),
                            city=ents["city_zh"].fillna("—"))  # fmt: skip
        counts = typed.pivot_table(index="city", columns="type", values="id", aggfunc="count", fill_value=0)
        counts["合计 total"] = counts.sum(axis=1)
        counts = counts.reset_index().rename(columns={"city": "城市 city"})
        add_info_panel(m, title="按城市和类型 by city and type", body_html=table_html(counts), open_=False)
    extra_html = _unlocated_panel_rows(ents)
    if extra_html:
        add_info_panel(m, title="未落点 not mapped", body_html=extra_html, position="bottomleft", open_=False)
    return _finish(m, legend or [legend_entry_for("project")], plans=[plan])


def build_n14_c07_demonstration(*, basemap: str = "osm") -> PortgeoMap:
    """专栏7 重点枢纽口岸示范工程: demonstration project sites by mode.

    Parameters
    ----------
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.

    Returns
    -------
    PortgeoMap
    """
    return _project_column(N14, 7, "专栏7 重点枢纽口岸示范工程", "National 14th plan · hub-port demonstration projects", basemap)


def build_n14_c08_shortfall(*, basemap: str = "osm") -> PortgeoMap:
    """专栏8 口岸补短板工程: project sites by mode; long-corridor crossings drawn inspection site → border.

    Parameters
    ----------
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.

    Returns
    -------
    PortgeoMap
    """
    return _project_column(N14, 8, "专栏8 口岸补短板工程", "National 14th plan · shortfall projects; 关口前移 lines",
                           basemap, links="inspection")  # fmt: skip


def build_n14_c09_smart(*, basemap: str = "osm") -> PortgeoMap:
    """专栏9 口岸智慧创新工程: nationwide programmes (text panel); any sited rows as points.

    Parameters
    ----------
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.

    Returns
    -------
    PortgeoMap
    """
    m = _start("专栏9 口岸智慧创新工程", "National 14th plan · smart-port programmes (nationwide, no sites)", basemap)
    ents = _entities(N14, 9)
    legend = _add_points_by_kind(m, ents, noun_zh="项目", noun_en="projects", popup_fields=_POPUP_PROJECT)
    tbl = ents[[c for c in ("section", "name_zh", "text_zh") if c in ents.columns]]
    add_info_panel(m, title=f"智慧创新工程 programmes ({len(ents)})", body_html=table_html(tbl))
    return _finish(m, legend or [legend_entry_for("project")], plans=[N14],
                   extra=["全国性工程，无具体地点 nationwide programmes without sites"])  # fmt: skip


def build_n14_c10_cooperation(*, basemap: str = "osm") -> PortgeoMap:
    """专栏10 口岸国际合作工程: project sites; cross-border links as lines.

    Parameters
    ----------
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.

    Returns
    -------
    PortgeoMap
    """
    return _project_column(N14, 10, "专栏10 口岸国际合作工程", "National 14th plan · international cooperation; cross-border links",
                           basemap, links="link")  # fmt: skip


# --- national 13th plan ---------------------------------------------------------------------------


def build_n13_c01_sea(*, basemap: str = "osm") -> PortgeoMap:
    """13th plan 专栏1 海运口岸布局 (five clusters, main/regional ports).

    Parameters
    ----------
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.

    Returns
    -------
    PortgeoMap
    """
    return _sea_layout(N13, 1, "“十三五”专栏1 海运口岸布局", "National 13th plan · sea-port layout", basemap)


def build_n13_c02_border(*, basemap: str = "osm") -> PortgeoMap:
    """13th plan 专栏2 边境口岸布局.

    Parameters
    ----------
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.

    Returns
    -------
    PortgeoMap
    """
    return _border_layout(N13, 2, "“十三五”专栏2 边境口岸布局", "National 13th plan · border-port layout", basemap)


def build_n13_c03_air(*, basemap: str = "osm") -> PortgeoMap:
    """13th plan 专栏3 航空口岸布局 (global hubs, gateways by direction, regional hubs).

    Parameters
    ----------
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.

    Returns
    -------
    PortgeoMap
    """
    m = _start("“十三五”专栏3 航空口岸布局", "National 13th plan · air-port layout", basemap)
    ents = _entities(N13, 3)
    located = ents[ents.geometry.notna()]
    legend: list[LegendEntry] = []
    roles = [("global-hub", "全球枢纽机场 global hub airports", 9), ("gateway-hub", "门户枢纽机场 gateway hub airports", 7),
             ("regional-hub", "区域枢纽机场 regional hub airports", 5)]  # fmt: skip
    for role, label, radius in roles:
        sub = located[located["role"] == role]
        if sub.empty:
            continue
        add_points(m, sub, layer_name=f"{label} ({len(sub)})", popup_fields=("text_zh", "region", "role", "iata", "note"),
                   radius=radius)  # fmt: skip
        legend.append(LegendEntry(f"{label}", KIND_COLORS["air"], fill_color=KIND_COLORS["air"], weight=1))
    other = located[~located["role"].isin([r[0] for r in roles])]
    if not other.empty:
        add_points(m, other, layer_name=f"其他航空口岸 other air ports ({len(other)})", popup_fields=("text_zh", "role", "note"))
        legend.append(legend_entry_for("air"))
    return _finish(m, legend or [legend_entry_for("air")], plans=[N13])


def build_n13_c04_volumes(*, basemap: str = "osm", volumes: Any = None) -> PortgeoMap:
    """13th plan 专栏4 口岸年客货运量指标 (standards; check of a volumes CSV when given).

    Parameters
    ----------
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.
    volumes : str, pathlib.Path or pandas.DataFrame, optional
        The user's annual port volumes.

    Returns
    -------
    PortgeoMap
    """
    return _volume_map(N13, "“十三五”专栏4 口岸年客货运量指标", "National 13th plan · annual volume standards", basemap, volumes)


def build_n13_n14_comparison(*, basemap: str = "osm") -> PortgeoMap:
    """13th → 14th plan: ports promoted, added, renamed, started, dropped (layout columns).

    Parameters
    ----------
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.

    Returns
    -------
    PortgeoMap
    """
    from portgeo.compare import CHANGE_LABELS, compare_plans

    m = _start("“十三五”→“十四五” 口岸布局变化", "13th → 14th plan: promoted, added, renamed, started, dropped", basemap)
    diff = compare_plans()
    colours = {"promoted": "#1a9850", "added": "#2166ac", "renamed": "#984ea3", "started": "#ff7f00",
               "dropped": "#b2182b", "demoted": "#8c510a", "unchanged": "#9e9e9e"}  # fmt: skip
    legend: list[LegendEntry] = []
    for change, label in CHANGE_LABELS.items():
        sub = diff[(diff["change"] == change) & diff.geometry.notna()]
        if sub.empty:
            continue
        colour = colours.get(change, "#444444")
        style = {"radius": 4 if change == "unchanged" else 7, "color": "#ffffff", "weight": 1.0, "fill": True,
                 "fill_color": colour, "fill_opacity": 0.9, "opacity": 1.0, "dash_array": None}  # fmt: skip
        add_points(m, sub, layer_name=f"{label} ({len(sub)})", style=lambda _r, s=style: s,
                   popup_fields=("detail", "kind", "name_13", "name_14", "role_13", "role_14", "status_13", "status_14"),
                   show=change != "unchanged")  # fmt: skip
        legend.append(LegendEntry(label, colour, fill_color=colour, weight=1))
    return _finish(m, legend, plans=[N13, N14])


# --- Guangdong 14th plan --------------------------------------------------------------------------

_GD_TITLES = {
    1: ("专栏1 水运货运口岸重点开放建设项目", "water cargo port projects"),
    2: ("专栏2 水运客运口岸重点开放建设项目", "water passenger port projects"),
    3: ("专栏3 陆路口岸重点开放建设项目", "land port projects"),
    4: ("专栏4 航空口岸重点开放建设项目", "airport projects"),
    5: ("专栏5 二类口岸改扩建、迁建及整合项目", "class-II port projects"),
    6: ("专栏6 国际贸易“单一窗口”重点建设推广项目", "“single window” platforms"),
}


def build_gd14_column(column: int, *, basemap: str = "osm") -> PortgeoMap:
    """Build the map of a Guangdong 14th plan 专栏 (1–6): projects by city and type.

    Parameters
    ----------
    column : int
        专栏 number, 1–6.
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.

    Returns
    -------
    PortgeoMap
    """
    zh, en = _GD_TITLES[int(column)]
    m = _project_column(GD14, int(column), f"广东“十四五” {zh}", f"Guangdong 14th plan · {en} by city and type",
                        basemap, panel_by_city=True, center=(22.9, 113.4), zoom=7)  # fmt: skip
    pts = _entities(GD14, int(column))
    pts = pts[pts.geometry.notna()]
    if len(pts):  # open on the projects: the Pearl River Delta for 专栏3, the whole coast for 专栏1
        w, s_, e, n = pts.total_bounds
        m.fit_bounds([[s_ - 0.05, w - 0.05], [n + 0.05, e + 0.05]], padding=(40, 40), max_zoom=9)
    return m


# --- registry, batch build, index ---------------------------------------------------------------


@dataclass(frozen=True)
class MapSpec:
    """One map of the collection.

    Attributes
    ----------
    slug : str
        File stem, e.g. ``n14_c02_sea`` (also the notebook's name).
    plan : str
        Plan id.
    title : str
        Title for the index page.
    build : callable
        ``build(*, basemap) -> PortgeoMap``.
    """

    slug: str
    plan: str
    title: str
    build: Callable[..., PortgeoMap] = field(repr=False)


def _gd(column: int) -> Callable[..., PortgeoMap]:
    def build(*, basemap: str = "osm") -> PortgeoMap:
        return build_gd14_column(column, basemap=basemap)

    build.__name__ = f"build_gd14_c{column:02d}"
    return build


MAPS: dict[str, MapSpec] = {
    s.slug: s
    for s in [
        MapSpec("n14_c01_indicators", N14, "专栏1 口岸综合绩效评估指标体系", build_n14_c01_indicators),
        MapSpec("n14_c02_sea", N14, "专栏2 海运口岸布局", build_n14_c02_sea),
        MapSpec("n14_c03_border", N14, "专栏3 边境口岸布局", build_n14_c03_border),
        MapSpec("n14_c04_air", N14, "专栏4 航空口岸布局（200公里/2小时）", build_n14_c04_air),
        MapSpec("n14_c05_admission", N14, "专栏5 口岸开放准入标准", build_n14_c05_admission),
        MapSpec("n14_c06_volumes", N14, "专栏6 口岸年客货运量指标", build_n14_c06_volumes),
        MapSpec("n14_c07_demonstration", N14, "专栏7 重点枢纽口岸示范工程", build_n14_c07_demonstration),
        MapSpec("n14_c08_shortfall", N14, "专栏8 口岸补短板工程", build_n14_c08_shortfall),
        MapSpec("n14_c09_smart", N14, "专栏9 口岸智慧创新工程", build_n14_c09_smart),
        MapSpec("n14_c10_cooperation", N14, "专栏10 口岸国际合作工程", build_n14_c10_cooperation),
        MapSpec("n13_c01_sea", N13, "“十三五”专栏1 海运口岸布局", build_n13_c01_sea),
        MapSpec("n13_c02_border", N13, "“十三五”专栏2 边境口岸布局", build_n13_c02_border),
        MapSpec("n13_c03_air", N13, "“十三五”专栏3 航空口岸布局", build_n13_c03_air),
        MapSpec("n13_c04_volumes", N13, "“十三五”专栏4 口岸年客货运量指标", build_n13_c04_volumes),
        MapSpec("n13_n14_comparison", N14, "“十三五”→“十四五” 布局变化", build_n13_n14_comparison),
        *[MapSpec(f"gd14_c{c:02d}", GD14, f"广东 {_GD_TITLES[c][0]}", _gd(c)) for c in range(1, 7)],
    ]
}


def build_map(slug: str, *, basemap: str = "osm") -> PortgeoMap:
    """Build one map of :data:`MAPS` by its slug.

    Parameters
    ----------
    slug : str
        E.g. ``"n14_c03_border"``.
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.

    Returns
    -------
    PortgeoMap
    """
    from portgeo.errors import InputError

    if slug not in MAPS:
        raise InputError(f"no map named {slug!r}; choose one of: {', '.join(MAPS)}")
    return MAPS[slug].build(basemap=basemap)


_PLAN_HEADINGS = {
    N14: "《国家“十四五”口岸发展规划》(2021)",
    N13: "《国家口岸发展“十三五”规划》(2016)",
    GD14: "《广东省“十四五”口岸发展规划》(2021)",
}


def write_index(out_dir: str | Path, written: Sequence[tuple[MapSpec, Path]]) -> Path:
    """Write ``index.html`` linking every written map, grouped by plan.

    Parameters
    ----------
    out_dir : str or pathlib.Path
        Folder holding the maps.
    written : sequence of (MapSpec, Path)
        Maps written, with their files.

    Returns
    -------
    pathlib.Path
        The index file (no scripts, no external resources).
    """
    out_dir = Path(out_dir)
    parts = [
        "<!DOCTYPE html><html lang='zh'><head><meta charset='utf-8'>",
        "<title>portgeo 口岸布局地图 port layout maps</title>",
        "<style>body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;max-width:860px;"
        "margin:2em auto;padding:0 1em;color:#1b2a38}h1{font-size:22px}h2{font-size:17px;margin-top:1.6em}"
        "li{margin:.3em 0}a{color:#0b5394}small{color:#666}</style></head><body>",
        "<h1>口岸布局地图 · Port layout maps</h1>",
        "<p><small>Generated by <code>portgeo maps</code>. Each map: layer control (top right), legend, "
        "popups with the plan's own text, source note.</small></p>",
    ]
    for plan, heading in _PLAN_HEADINGS.items():
        rows = [(s, p) for s, p in written if s.plan == plan]
        if not rows:
            continue
        parts.append(f"<h2>{html.escape(heading)}</h2><ul>")
        for spec, path in rows:
            rel = path.relative_to(out_dir).as_posix() if path.is_relative_to(out_dir) else path.as_posix()
            kb = path.stat().st_size / 1024
            parts.append(f"<li><a href='{html.escape(rel)}'>{html.escape(spec.title)}</a> <small>{spec.slug} · {kb:,.0f} kB</small></li>")
        parts.append("</ul>")
    parts.append("</body></html>")
    index = out_dir / "index.html"
    index.write_text("\n".join(parts), encoding="utf-8")
    return index


def build_all_maps(
    out_dir: str | Path,
    *,
    basemap: str = "osm",
    self_contained: bool = False,
    slugs: Sequence[str] | None = None,
    progress: bool | None = None,
) -> list[Path]:
    """Build every map of :data:`MAPS` (or ``slugs``) into ``out_dir`` with an ``index.html``.

    Parameters
    ----------
    out_dir : str or pathlib.Path
        Output folder (created).
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.
    self_contained : bool, default False
        Inline all scripts and styles (see :func:`portgeo.maps.save_map`).
    slugs : sequence of str, optional
        Subset of maps to build.
    progress : bool, optional
        Show a tqdm bar (default ``portgeo.settings.progress``).

    Returns
    -------
    list of pathlib.Path
        The map files, then ``index.html``.
    """
    from tqdm.auto import tqdm

    from portgeo import settings
    from portgeo.maps.components import check_basemap

    check_basemap(basemap)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    chosen = list(slugs) if slugs else list(MAPS)
    written: list[tuple[MapSpec, Path]] = []
    show = settings.progress if progress is None else progress
    for slug in tqdm(chosen, desc="maps", disable=not show):
        m = build_map(slug, basemap=basemap)
        written.append((MAPS[slug], save_map(m, out_dir / f"{slug}.html", self_contained=self_contained)))
    index = write_index(out_dir, written)
    return [p for _, p in written] + [index]
