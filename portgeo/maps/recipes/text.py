"""Recipes of the 专栏 that are mostly text: indicators, admission standards, programmes.

Indicators and programmes have no place of their own: the map shows the ports they concern and
the 专栏's text in a panel. The admission map draws the opened air ports the airport rule
compares with, the rule's spacing circles and the ground where it would admit a new air port.
"""

from __future__ import annotations

import html

import geopandas as gpd
import pandas as pd

from portgeo.catalogue import load_catalogue, load_entities
from portgeo.geo.geodesy import geodesic_circle
from portgeo.maps.components import PortgeoMap
from portgeo.maps.draw import add_areas, add_points
from portgeo.maps.panels import add_info_panel, table_html
from portgeo.maps.recipes.common import (
    POPUP_LAYOUT,
    POPUP_PROJECT,
    ColumnMap,
    add_points_by_kind,
    entities_of,
    finish_column_map,
    start_column_map,
)
from portgeo.maps.style import LegendEntry, catchment_styles, eligibility_styles, legend_entry_for
from portgeo.roads.load import load_network
from portgeo.rules.admission import (
    READINGS,
    AdmissionRule,
    OpenPorts,
    load_admission_rule,
    load_open_air_ports,
)
from portgeo.rules.admission.eligibility import SpacingField
from portgeo.rules.admission.surface import eligibility_surface

__all__ = [
    "MAP_CELL_KM",
    "add_eligible_ground",
    "build_admission",
    "build_indicators",
    "build_programmes",
    "layout_ports",
]


def layout_ports(plan: str) -> gpd.GeoDataFrame:
    """Return the entities of every layout 专栏 of a plan (sea, border and air).

    Parameters
    ----------
    plan : str

    Returns
    -------
    geopandas.GeoDataFrame
    """
    cols = load_catalogue().layout_columns(plan)
    ents = pd.concat([load_entities(plan=plan, column=c) for c in cols], ignore_index=True)
    return gpd.GeoDataFrame(ents, geometry="geometry", crs=4326)


def build_indicators(spec: ColumnMap, *, basemap: str = "osm") -> PortgeoMap:
    """Draw an indicator 专栏: the indicators in a panel, over the ports they assess.

    Parameters
    ----------
    spec : ColumnMap
        A 专栏 of role ``indicators``.
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.

    Returns
    -------
    PortgeoMap
    """
    m = start_column_map(spec, basemap=basemap)
    legend = add_points_by_kind(m, layout_ports(spec.plan), noun_zh="口岸", noun_en="ports",
                                popup_fields=POPUP_LAYOUT, radius=4.5)  # fmt: skip
    ind = load_catalogue().indicators[spec.plan]
    add_info_panel(m, title=f"评估指标 indicators ({len(ind)})", body_html=table_html(ind))
    return finish_column_map(m, legend, plans=[spec.plan])


def build_admission(spec: ColumnMap, *, basemap: str = "osm") -> PortgeoMap:
    """Draw an admission-standards 专栏: the opened air ports and the airport rule's circles.

    The mappable part of the standards is the airport rule: a new air port should lie at least
    the rule's distance or drive time from every opened air port. The map draws the opened air
    ports the rule compares with (:func:`portgeo.rules.admission.load_open_air_ports`) and their
    circles; the rule's text and parameters are in a panel. Check a candidate with
    ``portgeo check-airport``.

    Parameters
    ----------
    spec : ColumnMap
        A 专栏 of role ``admission``.
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.

    Returns
    -------
    PortgeoMap
    """
    m = start_column_map(spec, basemap=basemap)
    rule = load_admission_rule(spec.plan)
    open_ports = load_open_air_ports(kinds=rule.opened_kinds)
    ports = open_ports.table[open_ports.table["open"] == True].reset_index(drop=True)  # noqa: E712
    km = float(rule.min_distance_km)
    pts = gpd.GeoDataFrame(
        ports.assign(kind="air", status="operating", text_zh=ports["source"]),
        geometry=gpd.points_from_xy(ports["lon"], ports["lat"]), crs=4326,
    )  # fmt: skip
    circles = gpd.GeoDataFrame(
        {"name_zh": pts["name_zh"].to_numpy()},
        geometry=[geodesic_circle(float(x), float(y), km * 1000.0)
                  for x, y in zip(ports["lon"], ports["lat"], strict=True)],
        crs=4326,
    )  # fmt: skip
    circle_style = catchment_styles()["circle"]
    add_areas(m, circles, layer_name=f"{km:g}公里范围 {km:g} km from opened air ports",
              style=circle_style, tooltip_field="name_zh", highlight=False)  # fmt: skip
    add_points(m, pts, layer_name=f"已开放航空口岸 opened air ports ({len(pts)})",
               popup_fields=("iata", "text_zh"))  # fmt: skip
    legend_extra = add_eligible_ground(m, rule, open_ports)
    body = table_html(rule.standards_table()) + f"<p>{html.escape(rule.ambiguity_en)}</p>"
    add_info_panel(m, title="准入标准 admission standards", body_html=body, open_=False)
    legend = [legend_entry_for("air", label="已开放航空口岸 opened air port"),
              LegendEntry.from_path_style(f"{km:g}公里范围 {km:g} km circle", circle_style,
                                          shape="area"), *legend_extra]  # fmt: skip
    return finish_column_map(m, legend, plans=[spec.plan], extra=[
        f"新开机场须距已开放航空口岸{rule.wording_zh}；逐一核查请用 portgeo check-airport",
        f"已开放航空口岸 opened air ports: {open_ports.label}"])  # fmt: skip


#: Grid of the eligible-ground layer on the admission map (km; ``portgeo eligibility`` goes finer).
MAP_CELL_KM = 10.0


def add_eligible_ground(
    m: PortgeoMap, rule: AdmissionRule, open_ports: OpenPorts
) -> list[LegendEntry]:
    """Draw where the spacing rule would admit a new air port, under each reading.

    The surface (:func:`portgeo.rules.admission.surface.eligibility_surface`) is traced on the
    offline road network at :data:`MAP_CELL_KM`; the rule's default reading is on when the map
    opens, the other reading is a layer to switch on. Ground that cannot be told (off the
    network near a port, or near a port of unknown state) is drawn apart.

    Parameters
    ----------
    m : PortgeoMap
    rule : AdmissionRule
    open_ports : OpenPorts
        The comparison set drawn on the map.

    Returns
    -------
    list of LegendEntry
    """
    net = load_network("offline")
    surf = eligibility_surface(SpacingField.build(net, open_ports, rule), cell_km=MAP_CELL_KM)
    styles = eligibility_styles()
    words = {"eligible": "可准入地带 eligible ground", "unknown": "无法判定 cannot be told"}
    for reading in READINGS:
        for cls in ("eligible", "unknown"):
            part = surf[(surf["reading"] == reading) & (surf["class"] == cls)].copy()
            if part.geometry.iloc[0].is_empty:
                continue
            part["label"] = (f"{words[cls]} · {reading}: {rule.reading_summary(reading)} · "
                             f"{part['area_km2'].iloc[0]:,.0f} km² · {MAP_CELL_KM:g} km grid, {net.source}")  # fmt: skip
            add_areas(m, part, layer_name=f"{words[cls]} ({reading})", style=styles[cls],
                      tooltip_field="label", show=reading == rule.default_reading,
                      highlight=False, simplify_m=MAP_CELL_KM * 200)  # fmt: skip
    return [LegendEntry.from_path_style(f"{words[c]} ({rule.default_reading})", styles[c], shape="area")
            for c in ("eligible", "unknown")]  # fmt: skip


def build_programmes(spec: ColumnMap, *, basemap: str = "osm") -> PortgeoMap:
    """Draw a 专栏 of nationwide programmes: the programmes in a panel, any sited rows as points.

    Parameters
    ----------
    spec : ColumnMap
        A 专栏 whose rows are mostly programmes without a site.
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.

    Returns
    -------
    PortgeoMap
    """
    m = start_column_map(spec, basemap=basemap)
    ents = entities_of(spec)
    legend = add_points_by_kind(
        m, ents, noun_zh="项目", noun_en="projects", popup_fields=POPUP_PROJECT
    )
    add_info_panel(m, title=f"工程 programmes ({len(ents)})",
                   body_html=table_html(ents[["section", "name_zh", "text_zh"]]))  # fmt: skip
    return finish_column_map(m, legend or [legend_entry_for("project")], plans=[spec.plan],
                             extra=["全国性工程，无具体地点 nationwide programmes without sites"])  # fmt: skip
