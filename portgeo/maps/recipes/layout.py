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
from portgeo.layout.neighbours import load_belt_regions
from portgeo.maps.components import PortgeoMap, mark_osm_data
from portgeo.maps.draw import add_areas, add_lines, add_points, display_value, point_legend_entries
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
    LABEL_RANKS,
    NEIGHBOUR_COLORS,
    PALETTE,
    TIER_STYLES,
    LegendEntry,
    area_style,
    catchment_styles,
    constant_style,
    fixed_marker_style,
    lang_text,
    marker_style,
    region_color,
)
from portgeo.roads.catchments import compute_catchments
from portgeo.roads.coverage import uncovered_area
from portgeo.roads.load import load_network
from portgeo.roads.network import RoadNetwork
from portgeo.rules.admission import load_admission_rule

__all__ = ["build_air_layout", "build_border_layout", "build_sea_layout"]

_POPUP_SEA = ("text_zh", "region", "positioning_zh", "role", "status", "precision")


def _regions_panel(m: PortgeoMap, spec: ColumnMap, title: str) -> None:
    title = lang_text(title, m.lang)
    regions = load_catalogue().regions
    reg = regions[(regions["plan"] == spec.plan) & (regions["column"].astype(int) == spec.column)]
    if not reg.empty and reg["positioning_zh"].notna().any():
        add_info_panel(m, title=title, open_=False,
                       body_html=table_html(reg, columns=["region_zh", "positioning_zh"],
                                            lang=m.lang))  # fmt: skip


def build_sea_layout(spec: ColumnMap, *, basemap: str = "none", lang: str = "zh") -> PortgeoMap:
    """Draw a sea-port layout: the coastal clusters (hull and coast), main and regional ports.

    Parameters
    ----------
    spec : ColumnMap
        A 专栏 of role ``sea-layout``.
    basemap : str, default "none"
        See :func:`portgeo.maps.new_map`.
    lang : {"zh", "en"}, default "zh"
        Language of the map's words.

    Returns
    -------
    PortgeoMap
    """
    m = start_column_map(spec, basemap=basemap, lang=lang)
    hulls, coasts = cluster_parts(load_clusters(plan=spec.plan))
    colours = {r: region_color(r, i) for i, r in enumerate(hulls["region_zh"])}
    popup = ("positioning_zh", "main_ports", "regional_ports", "region_en", "alias_zh")
    t = m.lang
    region_names = dict(zip(hulls["region_zh"], hulls["region_en"], strict=True))
    hull_layer = lang_text("口岸集群 coastal clusters", t)
    coast_layer = lang_text("集群岸段 cluster coastlines", t)
    add_areas(m, hulls, layer_name=hull_layer,
              style=lambda r: area_style(colours[r["region_zh"]], fill_opacity=0.16),
              tooltip_field="region_zh", popup_fields=popup, simplify_m=500)  # fmt: skip
    add_lines(m, coasts, layer_name=coast_layer,
              style=lambda r: {"color": colours[r["region_zh"]], "weight": 5, "opacity": 0.75},
              tooltip_field="region_zh", popup_fields=popup, simplify_m=500)  # fmt: skip
    ports = entities_of(spec)
    located = ports[ports.geometry.notna()]
    mains = located[located["role"] == "main"]
    others = located[located["role"] != "main"]
    main_layer = lang_text("主要口岸 main sea ports", t) + f" ({len(mains)})"
    other_layer = lang_text("区域性口岸 regional sea ports", t) + f" ({len(others)})"
    add_points(m, mains, layer_name=main_layer, popup_fields=_POPUP_SEA, radius=9,
               label_rank=LABEL_RANKS["main-port"], label_class="pg-major")  # fmt: skip
    add_points(m, others, layer_name=other_layer, popup_fields=_POPUP_SEA, radius=5,
               label_rank=LABEL_RANKS["port"])  # fmt: skip
    sea = KIND_COLORS["sea"]
    legend = [
        LegendEntry.from_marker_style(lang_text("主要口岸 main port", t), {**marker_style("sea", radius=9),
                                                          "color": sea}).on(main_layer),
        LegendEntry.from_marker_style(lang_text("区域性口岸 regional port", t), {**marker_style("sea", radius=5),
                                                             "color": sea}).on(other_layer),
        *[e.on(main_layer, other_layer) for e in point_legend_entries(located, t)
          if e.dash is not None],
        *[LegendEntry.from_path_style(r if t == "zh" else f"{region_names.get(r, r)} cluster",
                                      area_style(c), shape="area").on(hull_layer)
          for r, c in colours.items()],
        LegendEntry(lang_text("集群岸段（颜色同集群） cluster coastline (cluster colour)", t),
                    PALETTE["neutral"],
                    shape="line", weight=5).on(coast_layer),
    ]  # fmt: skip
    _regions_panel(m, spec, "功能定位 positioning")
    add_unlocated_panel(m, ports)
    return finish_column_map(m, legend, plans=[spec.plan])


def build_border_layout(spec: ColumnMap, *, basemap: str = "none", lang: str = "zh") -> PortgeoMap:
    """Draw a border-port layout: belts by region and neighbour, road and rail crossings.

    Parameters
    ----------
    spec : ColumnMap
        A 专栏 of role ``border-layout``.
    basemap : str, default "none"
        See :func:`portgeo.maps.new_map`.
    lang : {"zh", "en"}, default "zh"
        Language of the map's words.

    Returns
    -------
    PortgeoMap
    """
    m = start_column_map(spec, basemap=basemap, lang=lang)
    regions = load_belt_regions()
    english = regions[["neighbor", "name_en", "region_en"]]  # the popups' English (--lang en)
    belts = build_belts().reset_index(drop=True).merge(english, on="neighbor", how="left")
    colours = {r: region_color(r, i) for i, r in enumerate(dict.fromkeys(belts["region_zh"]))}
    t = m.lang
    en = dict(zip(regions["region_zh"], regions["region_en"], strict=False))
    belt_layer = lang_text("边境带 border belts by region and neighbour", t)
    add_areas(m, belts, layer_name=belt_layer,
              style=lambda r: area_style(colours[r["region_zh"]], fill_opacity=0.16, weight=0.8),
              tooltip_field="name_zh", popup_fields=("region_zh", "name_zh", "neighbor", "width_km"),
              simplify_m=1000)  # fmt: skip
    legend = [LegendEntry.from_path_style(f"{r}边境带" if t == "zh" else f"{en.get(r, r)} belt",
                                          area_style(c), shape="area")
              .on(belt_layer) for r, c in colours.items()]  # fmt: skip
    segs = load_border_segments().reset_index(drop=True).merge(english, on="neighbor", how="left")
    seg_colour = {
        n: NEIGHBOUR_COLORS[i % len(NEIGHBOUR_COLORS)] for i, n in enumerate(segs["neighbor"])
    }
    seg_layer = lang_text("边界段 border by neighbour", t)
    add_lines(m, segs, layer_name=seg_layer,
              style=lambda r: {"color": seg_colour[r["neighbor"]], "weight": 4, "opacity": 0.6},
              tooltip_field="name_zh", show=False, simplify_m=1000)  # fmt: skip
    legend += [LegendEntry(lang_text("边界 border", t) + f" · {display_value('neighbor', n, t)}",
                           c, shape="line",
                           weight=4).on(seg_layer) for n, c in seg_colour.items()]  # fmt: skip
    ports = entities_of(spec)
    legend = add_points_by_kind(m, ports, noun_zh="口岸", noun_en="crossings",
                                popup_fields=POPUP_LAYOUT,
                                label_rank=LABEL_RANKS["main-port"]) + legend  # fmt: skip
    _regions_panel(m, spec, "区域目标 regional aims")
    add_unlocated_panel(m, ports)
    return finish_column_map(m, legend, plans=[spec.plan],
                             extra=[lang_text("括号内为规划建设但尚未启动的项目（空心虚线） "
                                              "planned: in brackets in the plan (hollow, dashed)",
                                              t)])  # fmt: skip


def build_air_layout(
    spec: ColumnMap, *, basemap: str = "none", lang: str = "zh", network: RoadNetwork | None = None
) -> PortgeoMap:
    """Draw an air-port layout: hubs by tier; for the latest plan, circles and drive catchments.

    Every airport of a hub is drawn (e.g. Beijing PEK and PKX). Circles and drive-time
    catchments come from :func:`portgeo.roads.catchments.compute_catchments`; "ground no hub
    covers" is China's territory outside every circle and every drive catchment.

    Parameters
    ----------
    spec : ColumnMap
        A 专栏 of role ``air-layout``.
    basemap : str, default "none"
        See :func:`portgeo.maps.new_map`.
    lang : {"zh", "en"}, default "zh"
        Language of the map's words.
    network : RoadNetwork, optional
        Road network for the drive catchments; default the offline network.

    Returns
    -------
    PortgeoMap
    """
    m = start_column_map(spec, basemap=basemap, lang=lang)
    airports = hub_airports(plan=spec.plan)
    airports = airports[airports.geometry.notna()].reset_index(drop=True)
    legend: list[LegendEntry] = []
    extra: list[str] = []
    if spec.plan == load_catalogue().latest_plan("air-layout"):
        legend, extra = _add_coverage(m, airports, network)
    tiers = list(dict.fromkeys(airports["tier"]))
    paper = PALETTE["paper"]
    fields = ("hub_name_zh", "tier", "direction", "iata", "precision")
    for i, tier in enumerate(tiers):
        sub = airports[airports["tier"] == tier].assign(kind="air", status="listed")
        label = display_value("tier", tier, m.lang)
        t = TIER_STYLES.get(tier, {"fill": KIND_COLORS["air"], "radius": 6.0, "outline": paper})
        st = fixed_marker_style(t["fill"], radius=t["radius"], outline=t["outline"], weight=1.4)
        name = f"{label} ({len(sub)})"
        add_points(m, sub, layer_name=name, popup_fields=fields, style=constant_style(st),
                   label_rank=LABEL_RANKS.get(tier, LABEL_RANKS["port"]),
                   label_field="hub_name_zh" if m.lang == "zh" else "hub_name_en",
                   label_class="pg-major" if i == 0 else "")  # fmt: skip
        swatch = {**st, "color": t["outline"] if t["outline"] != paper else t["fill"]}
        legend.insert(i, LegendEntry.from_marker_style(label, swatch).on(name))
    return finish_column_map(m, legend, plans=[spec.plan], extra=extra)


def _add_coverage(
    m: PortgeoMap, airports: gpd.GeoDataFrame, network: RoadNetwork | None
) -> tuple[list[LegendEntry], list[str]]:
    styles = catchment_styles()
    network = network or load_network("offline")
    rule = load_admission_rule()  # the spacing the rule asks of air ports: the coverage's lens
    catch = compute_catchments(network, airports, kinds=("circle", "time"), progress=False,
                               max_km=rule.min_distance_km, max_minutes=rule.min_drive_min)  # fmt: skip
    names = dict(zip(airports["id"], airports["name_zh"], strict=True))
    catch["label"] = (catch["origin_id"].map(names).astype(str) + " · "
                      + catch["threshold"].map("{:g}".format) + " " + catch["unit"])  # fmt: skip
    circles = catch[catch["kind"] == "circle"]
    times = catch[catch["kind"] == "time"]
    km = float(circles["threshold"].iloc[0])
    minutes = float(times["threshold"].iloc[0])
    t = m.lang
    circle_layer = lang_text(f"{km:g}公里范围 {km:g} km circles", t)
    add_areas(m, circles, layer_name=circle_layer, style=styles["circle"],
              tooltip_field="label", highlight=False, simplify_m=1000, show=True)  # fmt: skip
    time_layer = lang_text(f"{minutes / 60:g}小时车程 {minutes / 60:g}-hour drive catchments", t)
    add_areas(m, times, layer_name=time_layer, style=styles["time"], tooltip_field="label",
              show=True, highlight=False, simplify_m=1000)  # fmt: skip
    mark_osm_data(m)  # the road network is OpenStreetMap data
    unc = uncovered_area(network, airports, max_minutes=rule.min_drive_min)
    unc_time = unc.loc[unc["part"] == "uncovered"].geometry.iloc[0]
    gap = shapely.difference(unc_time, shapely.union_all(circles.geometry.to_numpy()))
    label = (f"无枢纽覆盖（{km:g}公里外且{minutes / 60:g}小时车程外）：{area_km2(gap):,.0f} km²"
             if t == "zh" else f"not covered (beyond {km:g} km and {minutes:g} min): "
             f"{area_km2(gap):,.0f} km²")  # fmt: skip
    gap_gdf = gpd.GeoDataFrame({"label": [label]}, geometry=[gap], crs=4326)
    gap_layer = lang_text("无枢纽覆盖区域 ground no hub covers", t)
    add_areas(m, gap_gdf, layer_name=gap_layer, style=styles["gap"],
              tooltip_field="label", popup_fields=("label",), show=False, highlight=False,
              simplify_m=2000)  # fmt: skip
    legend = [
        LegendEntry.from_path_style(lang_text(f"{km:g}公里范围 {km:g} km circle", t), styles["circle"],
                                    shape="area").on(circle_layer),
        LegendEntry.from_path_style(lang_text(f"{minutes / 60:g}小时车程 {minutes:g}-min drive", t), styles["time"],
                                    shape="area").on(time_layer),
        LegendEntry.from_path_style(lang_text(f"无枢纽覆盖 not covered by {km:g} km nor {minutes:g} min", t),
                                    styles["gap"], shape="area").on(gap_layer),
    ]  # fmt: skip
    extra = [lang_text("车程 drive", t) + f": {network.source}"
             + (lang_text("（近似） (approximate)", t) if network.approximate else "")]  # fmt: skip
    return legend, extra
