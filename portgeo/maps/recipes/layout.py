"""Recipes of the layout 专栏: coastal clusters (sea), border belts (border), air hubs (air).

Each draws the plan's entities over the layout geometry of :mod:`portgeo.layout` and, for the
air layout, the 200 km circles and 2-hour drive catchments of :mod:`portgeo.roads.catchments`.
"""

from __future__ import annotations

import geopandas as gpd
import shapely

from portgeo.catalogue import load_catalogue
from portgeo.geo.polygons import area_km2
from portgeo.layout.belts import build_belts
from portgeo.layout.borders import load_border_segments
from portgeo.layout.clusters import load_clusters
from portgeo.layout.hubs import hub_airports
from portgeo.layout.layers import cluster_parts
from portgeo.maps.components import PortgeoMap, mark_osm_data
from portgeo.maps.draw import add_areas, add_lines, add_points, point_legend_entries
from portgeo.maps.panels import add_info_panel, table_html
from portgeo.maps.recipes.common import (
    POPUP_LAYOUT,
    ColumnMap,
    add_points_by_kind,
    add_unlocated_panel,
    entities_of,
    finish_column_map,
    start_column_map,
)
from portgeo.maps.style import (
    KIND_COLORS,
    NEIGHBOUR_COLORS,
    LegendEntry,
    area_style,
    catchment_styles,
    marker_style,
    region_color,
)
from portgeo.roads.catchments import compute_catchments
from portgeo.roads.coverage import uncovered_area
from portgeo.roads.load import load_network
from portgeo.roads.network import RoadNetwork

__all__ = ["build_air_layout", "build_border_layout", "build_sea_layout"]

_POPUP_SEA = ("text_zh", "region", "positioning_zh", "role", "status", "precision", "note")


def _regions_panel(m: PortgeoMap, spec: ColumnMap, title: str) -> None:
    regions = load_catalogue().regions
    reg = regions[(regions["plan"] == spec.plan) & (regions["column"].astype(int) == spec.column)]
    if not reg.empty and reg["positioning_zh"].notna().any():
        add_info_panel(m, title=title, open_=False,
                       body_html=table_html(reg, columns=["region_zh", "positioning_zh"]))  # fmt: skip


def build_sea_layout(spec: ColumnMap, *, basemap: str = "osm") -> PortgeoMap:
    """Draw a sea-port layout: the coastal clusters (hull and coast), main and regional ports.

    Parameters
    ----------
    spec : ColumnMap
        A 专栏 of role ``sea-layout``.
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.

    Returns
    -------
    PortgeoMap
    """
    m = start_column_map(spec, basemap=basemap, center=(30.0, 115.0), zoom=5)
    hulls, coasts = cluster_parts(load_clusters(plan=spec.plan))
    colours = {r: region_color(r, i) for i, r in enumerate(hulls["region_zh"])}
    popup = ("positioning_zh", "main_ports", "regional_ports", "region_en", "alias_zh")
    add_areas(m, hulls, layer_name="口岸集群 coastal clusters",
              style=lambda r: area_style(colours[r["region_zh"]], fill_opacity=0.16),
              tooltip_field="region_zh", popup_fields=popup, simplify_m=500)  # fmt: skip
    add_lines(m, coasts, layer_name="集群岸段 cluster coastlines",
              style=lambda r: {"color": colours[r["region_zh"]], "weight": 5, "opacity": 0.75},
              tooltip_field="region_zh", popup_fields=popup, simplify_m=500)  # fmt: skip
    ports = entities_of(spec)
    located = ports[ports.geometry.notna()]
    mains = located[located["role"] == "main"]
    others = located[located["role"] != "main"]
    add_points(m, mains, layer_name=f"主要口岸 main sea ports ({len(mains)})",
               popup_fields=_POPUP_SEA, radius=9)  # fmt: skip
    add_points(m, others, layer_name=f"区域性口岸 regional sea ports ({len(others)})",
               popup_fields=_POPUP_SEA, radius=5)  # fmt: skip
    sea = KIND_COLORS["sea"]
    legend = [
        LegendEntry.from_marker_style("主要口岸 main port", {**marker_style("sea", radius=9), "color": sea}),
        LegendEntry("区域性口岸 regional port (smaller)", sea, fill_color=sea, weight=1),
        *[e for e in point_legend_entries(located) if "planned" in e.label],
        *[LegendEntry.from_path_style(f"{r} 集群 cluster", area_style(c), shape="area")
          for r, c in colours.items()],
    ]  # fmt: skip
    _regions_panel(m, spec, "功能定位 positioning")
    add_unlocated_panel(m, ports)
    return finish_column_map(m, legend, plans=[spec.plan])


def build_border_layout(spec: ColumnMap, *, basemap: str = "osm") -> PortgeoMap:
    """Draw a border-port layout: belts by region and neighbour, road and rail crossings.

    Parameters
    ----------
    spec : ColumnMap
        A 专栏 of role ``border-layout``.
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.

    Returns
    -------
    PortgeoMap
    """
    m = start_column_map(spec, basemap=basemap)
    belts = build_belts().reset_index(drop=True)
    colours = {r: region_color(r, i) for i, r in enumerate(dict.fromkeys(belts["region_zh"]))}
    add_areas(m, belts, layer_name="边境带 border belts by region and neighbour",
              style=lambda r: area_style(colours[r["region_zh"]], fill_opacity=0.16, weight=0.8),
              tooltip_field="name_zh", popup_fields=("region_zh", "name_zh", "neighbor", "width_km"),
              simplify_m=1000)  # fmt: skip
    legend = [LegendEntry.from_path_style(f"{r} 边境带 belt", area_style(c), shape="area")
              for r, c in colours.items()]  # fmt: skip
    segs = load_border_segments().reset_index(drop=True)
    seg_colour = {
        n: NEIGHBOUR_COLORS[i % len(NEIGHBOUR_COLORS)] for i, n in enumerate(segs["neighbor"])
    }
    add_lines(m, segs, layer_name="边界段 border by neighbour",
              style=lambda r: {"color": seg_colour[r["neighbor"]], "weight": 4, "opacity": 0.6},
              tooltip_field="name_zh", show=False, simplify_m=1000)  # fmt: skip
    legend.append(LegendEntry("边界段（按邻国着色）border by neighbour", NEIGHBOUR_COLORS[0],
                              shape="line", weight=4))  # fmt: skip
    ports = entities_of(spec)
    legend = add_points_by_kind(m, ports, noun_zh="口岸", noun_en="crossings",
                                popup_fields=POPUP_LAYOUT) + legend  # fmt: skip
    _regions_panel(m, spec, "区域目标 regional aims")
    add_unlocated_panel(m, ports)
    return finish_column_map(m, legend, plans=[spec.plan],
                             extra=["括号内为规划建设但尚未启动的项目 = planned (hollow, dashed)"])  # fmt: skip


def build_air_layout(
    spec: ColumnMap, *, basemap: str = "osm", network: RoadNetwork | None = None
) -> PortgeoMap:
    """Draw an air-port layout: hubs by tier; for the latest plan, circles and drive catchments.

    Every airport of a hub is drawn (e.g. Beijing PEK and PKX). Circles and drive-time
    catchments come from :func:`portgeo.roads.catchments.compute_catchments`; "ground no hub
    covers" is China's territory outside every circle and every drive catchment.

    Parameters
    ----------
    spec : ColumnMap
        A 专栏 of role ``air-layout``.
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.
    network : RoadNetwork, optional
        Road network for the drive catchments; default the offline network.

    Returns
    -------
    PortgeoMap
    """
    m = start_column_map(spec, basemap=basemap)
    airports = hub_airports(plan=spec.plan)
    airports = airports[airports.geometry.notna()].reset_index(drop=True)
    legend: list[LegendEntry] = []
    extra: list[str] = []
    if spec.plan == load_catalogue().latest_plan("air-layout"):
        legend, extra = _add_coverage(m, airports, network)
    tiers = list(dict.fromkeys(airports["tier"]))
    radii = {t: r for t, r in zip(tiers, (9, 7, 5, 5), strict=False)}
    air = KIND_COLORS["air"]
    fields = ("hub_name_zh", "tier", "direction", "iata", "precision")
    for tier in tiers:
        sub = airports[airports["tier"] == tier].assign(kind="air", status="operating")
        label = _TIER_LABELS.get(tier, tier)
        add_points(
            m, sub, layer_name=f"{label} ({len(sub)})", popup_fields=fields, radius=radii[tier]
        )
        legend.insert(tiers.index(tier), LegendEntry.from_marker_style(
            label, {**marker_style("air", radius=radii[tier]), "color": air}))  # fmt: skip
    return finish_column_map(m, legend, plans=[spec.plan], extra=extra)


_TIER_LABELS = {
    "global-hub": "全球枢纽机场 global hub airports",
    "international-hub": "国际枢纽机场 international hub airports",
    "gateway-hub": "门户枢纽机场 gateway hub airports",
    "regional-hub": "区域枢纽机场 regional hub airports",
}


def _add_coverage(
    m: PortgeoMap, airports: gpd.GeoDataFrame, network: RoadNetwork | None
) -> tuple[list[LegendEntry], list[str]]:
    styles = catchment_styles()
    network = network or load_network("offline")
    catch = compute_catchments(network, airports, kinds=("circle", "time"), progress=False)
    names = dict(zip(airports["id"], airports["name_zh"], strict=True))
    catch["label"] = (catch["origin_id"].map(names).astype(str) + " · "
                      + catch["threshold"].map("{:g}".format) + " " + catch["unit"])  # fmt: skip
    circles = catch[catch["kind"] == "circle"]
    times = catch[catch["kind"] == "time"]
    km = float(circles["threshold"].iloc[0])
    minutes = float(times["threshold"].iloc[0])
    add_areas(m, circles, layer_name=f"{km:g}公里范围 {km:g} km circles", style=styles["circle"],
              tooltip_field="label", highlight=False, simplify_m=1000)  # fmt: skip
    add_areas(m, times, layer_name=f"{minutes / 60:g}小时车程 {minutes / 60:g}-hour drive catchments",
              style=styles["time"], tooltip_field="label", show=False, highlight=False,
              simplify_m=1000)  # fmt: skip
    mark_osm_data(m)  # the road network is OpenStreetMap data
    unc = uncovered_area(network, airports)
    unc_time = unc.loc[unc["part"] == "uncovered"].geometry.iloc[0]
    gap = shapely.difference(unc_time, shapely.union_all(circles.geometry.to_numpy()))
    label = f"无枢纽覆盖（{km:g}公里外且{minutes / 60:g}小时车程外）not covered: {area_km2(gap):,.0f} km²"
    gap_gdf = gpd.GeoDataFrame({"label": [label]}, geometry=[gap], crs=4326)
    add_areas(m, gap_gdf, layer_name="无枢纽覆盖区域 ground no hub covers", style=styles["gap"],
              tooltip_field="label", popup_fields=("label",), show=False, highlight=False,
              simplify_m=2000)  # fmt: skip
    legend = [
        LegendEntry.from_path_style(f"{km:g}公里范围 {km:g} km circle", styles["circle"], shape="area"),
        LegendEntry.from_path_style(f"{minutes / 60:g}小时车程 {minutes:g}-min drive", styles["time"],
                                    shape="area"),
        LegendEntry.from_path_style(f"无枢纽覆盖 not covered by {km:g} km nor {minutes:g} min",
                                    styles["gap"], shape="area"),
    ]  # fmt: skip
    extra = [f"车程：{network.source}" + ("（近似 approximate）" if network.approximate else "")]
    return legend, extra
