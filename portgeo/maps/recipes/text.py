"""Recipes of the 专栏 that are mostly text: indicators, admission standards, programmes.

Indicators and programmes have no place of their own: the map shows the ports they concern and
the 专栏's text in a panel. The admission map draws the opened air ports the airport rule
compares with, the rule's spacing circles, the ground where it would admit a new air port with
the people living on each class of it (a panel), and the first sites of the siting search on
that ground (:mod:`portgeo.rules.siting`), all from one spacing field and one grid.
"""

from __future__ import annotations

import html

import geopandas as gpd
import pandas as pd

from portgeo.catalogue import load_catalogue, load_entities
from portgeo.geo.geodesy import geodesic_circle
from portgeo.maps.admission_words import READING_LABELS
from portgeo.maps.components import PortgeoMap, add_svg_patterns, mark_osm_data
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
from portgeo.maps.siting import add_siting_layer
from portgeo.maps.style import (
    LABEL_RANKS,
    LegendEntry,
    catchment_styles,
    eligibility_styles,
    lang_text,
    legend_entry_for,
)
from portgeo.population import Population, load_population
from portgeo.roads.catchments import compute_catchments
from portgeo.roads.load import load_network
from portgeo.roads.network import RoadNetwork
from portgeo.roads.snapping import snap_points
from portgeo.rules.admission import (
    READINGS,
    AdmissionRule,
    OpenPorts,
    load_admission_rule,
    load_open_air_ports,
)
from portgeo.rules.admission.eligibility import SpacingField
from portgeo.rules.admission.grid import EligibilityGrid
from portgeo.rules.admission.margins import network_drive_band
from portgeo.rules.admission.surface import eligibility_grid, eligibility_surface
from portgeo.rules.admission.surface_people import (
    CLASS_NAMES,
    OFF_SURFACE,
    SurfacePeople,
    count_surface_people,
)
from portgeo.rules.siting import SitingRequest, run_siting

__all__ = [
    "MAP_CELL_KM",
    "MAP_SITING_COUNT",
    "add_eligible_ground",
    "add_siting_picks",
    "add_surface_people",
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


def build_indicators(spec: ColumnMap, *, basemap: str = "none", lang: str = "zh") -> PortgeoMap:
    """Draw an indicator 专栏: the indicators in a panel, over the ports they assess.

    Parameters
    ----------
    spec : ColumnMap
        A 专栏 of role ``indicators``.
    basemap : str, default "none"
        See :func:`portgeo.maps.new_map`.
    lang : {"zh", "en"}, default "zh"
        Language of the map's words.

    Returns
    -------
    PortgeoMap
    """
    m = start_column_map(spec, basemap=basemap, lang=lang)
    legend = add_points_by_kind(m, layout_ports(spec.plan), noun_zh="口岸", noun_en="ports",
                                popup_fields=POPUP_LAYOUT, radius=4.5, label=False)  # fmt: skip
    ind = load_catalogue().indicators[spec.plan]
    shown = ind.assign(indicator=ind["name_zh"] if m.lang == "zh" else ind["name_en"])
    add_info_panel(m, title=lang_text("评估指标 indicators", m.lang) + f" ({len(ind)})", card=True,
                   body_html=table_html(shown, columns=["seq", "indicator", "reflects_zh",
                                                        "considers_zh"], lang=m.lang))  # fmt: skip
    return finish_column_map(m, legend, plans=[spec.plan])


def build_admission(
    spec: ColumnMap,
    *,
    basemap: str = "none",
    lang: str = "zh",
    network: RoadNetwork | bool | None = None,
) -> PortgeoMap:
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
    basemap : str, default "none"
        See :func:`portgeo.maps.new_map`.
    lang : {"zh", "en"}, default "zh"
        Language of the map's words.
    network : RoadNetwork or False, optional
        Road network of the opened ports' drive-time catchments (the rule's hours, drawn as a
        layer that is on); default the offline network; ``False`` leaves the layer out. The
        eligible ground, its people and the siting search are always on the offline network.

    Returns
    -------
    PortgeoMap
    """
    m = start_column_map(spec, basemap=basemap, lang=lang)
    rule = load_admission_rule(spec.plan)
    opened = load_open_air_ports(kinds=rule.opened_kinds)
    ports = opened.table
    ports = ports[ports["open"] == True].reset_index(drop=True)  # noqa: E712 - known open
    km = float(rule.min_distance_km)
    minutes = float(rule.min_drive_min)
    pts = gpd.GeoDataFrame(
        ports.assign(kind="air", status="open", province_zh=ports["province"]),
        geometry=gpd.points_from_xy(ports["lon"], ports["lat"]), crs=4326,
    )  # fmt: skip
    circles = gpd.GeoDataFrame(
        {"name_zh": pts["name_zh"].to_numpy()},
        geometry=[geodesic_circle(float(x), float(y), km * 1000.0)
                  for x, y in zip(ports["lon"], ports["lat"], strict=True)],
        crs=4326,
    )  # fmt: skip
    styles = catchment_styles()
    t = m.lang
    circle_layer = lang_text(f"{km:g}公里范围 {km:g} km from opened air ports", t)
    add_areas(m, circles, layer_name=circle_layer, style=styles["circle"], tooltip_field="name_zh",
              highlight=False)  # fmt: skip
    port_layer = lang_text("已开放航空口岸 opened air ports", t) + f" ({len(pts)})"
    legend = [legend_entry_for("air", label=lang_text("已开放航空口岸 opened air port", t))
              .on(port_layer),
              LegendEntry.from_path_style(lang_text(f"{km:g}公里范围 {km:g} km circle", t),
                                          styles["circle"],
                                          shape="area").on(circle_layer)]  # fmt: skip
    extra = [f"新开机场须距已开放航空口岸{rule.wording_zh}；逐一核查请用 portgeo check-airport"
             if t == "zh" else f"A new airport must lie {km:g} km or {minutes:g} min from every "
             "opened air port; check one with portgeo check-airport",
             _register_note(opened.table, rule.opened_kinds, t)]  # fmt: skip
    if network is not False:
        net = network if isinstance(network, RoadNetwork) else load_network("offline")
        legend.append(_drive_layer(m, pts, minutes, net))
        extra.append(_drive_note(net, t))
    add_points(m, pts, layer_name=port_layer, popup_fields=("iata", "province_zh"),
               label_rank=LABEL_RANKS["port"])  # fmt: skip
    field_ = SpacingField.build(load_network("offline"), opened, rule)
    grid = eligibility_grid(field_, cell_km=MAP_CELL_KM)
    legend += add_eligible_ground(m, rule, opened, field_=field_, grid=grid)
    population = load_population()
    add_surface_people(m, count_surface_people(grid, population), rule)
    legend += add_siting_picks(m, field_, grid, population)
    extra.append(population.note_zh() if t == "zh" else f"Population: {population.label()}")
    body = table_html(rule.standards_table(t), lang=t)
    if t == "en":
        body += f"<p>{html.escape(rule.ambiguity_en)}</p>"
    add_info_panel(m, title=lang_text("准入标准 admission standards", t), body_html=body, open_=False,
                   card=True)  # fmt: skip
    return finish_column_map(m, legend, plans=[spec.plan], extra=extra)


def _drive_note(net: RoadNetwork, lang: str) -> str:
    """Say which network the drive times come from, and its measured drive band."""
    band = network_drive_band(net)
    head = lang_text("车程 drive", lang) + f": {net.source}"
    head += lang_text("（近似） (approximate)", lang) if net.approximate else ""
    if lang == "zh":
        return head + ("；车程误差带未实测" if band is None
                       else f"；车程误差带{band.low:.2f}–{band.high:.2f}倍")  # fmt: skip
    return head + ("; drive band not measured" if band is None else f"; {band.describe()}")


#: Grid of the eligible-ground layer on the admission map (km; ``portgeo eligibility`` goes finer).
MAP_CELL_KM = 10.0


def add_eligible_ground(
    m: PortgeoMap,
    rule: AdmissionRule,
    open_ports: OpenPorts,
    *,
    field_: SpacingField | None = None,
    grid: EligibilityGrid | None = None,
) -> list[LegendEntry]:
    """Draw where the spacing rule would admit a new air port, under each reading.

    The surface (:func:`portgeo.rules.admission.surface.eligibility_surface`) is traced on the
    offline road network at :data:`MAP_CELL_KM`; the rule's default reading is on when the map
    opens, the other reading is a layer to switch on. Ground that cannot be told (off the
    network near a port, or near a port of unknown state) is drawn apart, and so is marginal
    ground (hatched): the verdict could flip within the network's measured drive band or a
    port's coordinate precision.

    Parameters
    ----------
    m : PortgeoMap
    rule : AdmissionRule
    open_ports : OpenPorts
        The comparison set drawn on the map.
    field_ : SpacingField, optional
        The field already built from ``open_ports`` on the offline network (built here if not).
    grid : EligibilityGrid, optional
        The grid already judged from ``field_`` (judged here at :data:`MAP_CELL_KM` if not).

    Returns
    -------
    list of LegendEntry
    """
    field_ = field_ or SpacingField.build(load_network("offline"), open_ports, rule)
    net = field_.net
    surf = eligibility_surface(field_, cell_km=MAP_CELL_KM, grid=grid)
    styles = eligibility_styles()
    add_svg_patterns(m)
    band = str(surf["drive_band"].iloc[0])
    words = {"eligible": "可准入地带 eligible ground",
             "marginal": "临界地带 marginal (could flip)",
             "unknown": "无法判定 cannot be told"}  # fmt: skip
    t = m.lang
    readings = {r: lang_text(READING_LABELS[r], t) for r in READINGS}
    shown = ("eligible", "marginal", "unknown")
    for reading in READINGS:
        for cls in shown:
            part = surf[(surf["reading"] == reading) & (surf["class"] == cls)].copy()
            if part.geometry.iloc[0].is_empty:
                continue
            area = f"{part['area_km2'].iloc[0]:,.0f} km²"
            if t == "zh":
                why = " · 车程误差带或口岸坐标精度内可能相反" if cls == "marginal" else ""
                part["label"] = (f"{lang_text(words[cls], t)} · {readings[reading]}："
                                 f"{rule.reading_summary(reading, 'zh')} · {area}{why} · "
                                 f"{MAP_CELL_KM:g}公里网格")  # fmt: skip
            else:
                why = (f" · drive band {band} ({surf['speed_model'].iloc[0]}) or a port's "
                       "coordinate precision" if cls == "marginal" else "")  # fmt: skip
                part["label"] = (f"{lang_text(words[cls], t)} · {reading}: "
                                 f"{rule.reading_summary(reading)} · {area}{why} · "
                                 f"{MAP_CELL_KM:g} km grid, {net.source}")  # fmt: skip
            add_areas(m, part, layer_name=f"{lang_text(words[cls], t)} ({readings[reading]})",
                      style=styles[cls], tooltip_field="label",
                      show=reading == rule.default_reading,
                      highlight=False, simplify_m=MAP_CELL_KM * 200)  # fmt: skip
    names = {c: f"{lang_text(words[c], t)} ({readings[rule.default_reading]})" for c in shown}
    return [LegendEntry.from_path_style(names[c], styles[c], shape="area").on(names[c])
            for c in shown]  # fmt: skip


#: Sites the admission map's siting layer chooses (``portgeo siting --count K`` goes further).
MAP_SITING_COUNT = 10


def add_surface_people(m: PortgeoMap, people: SurfacePeople, rule: AdmissionRule) -> None:
    """Add a panel of the people living on each class of ground, under each reading.

    Its title names the population (``人口（GeoNames ≥500人地点）``); its note gives the
    source, version and date, how each place is classed and the people off the surface.

    Parameters
    ----------
    m : PortgeoMap
    people : SurfacePeople
        From :func:`portgeo.rules.admission.surface_people.count_surface_people`.
    rule : AdmissionRule
        Names the default reading first.
    """
    t = m.lang
    readings = tuple(sorted(set(people.table["reading"]), key=lambda r: r != rule.default_reading))
    wide = people.pivot(readings)
    rows = []
    for rec in wide.to_dict(orient="records"):
        row = {lang_text("地带 ground", t): lang_text(CLASS_NAMES[rec["class"]], t)}
        for reading in readings:
            n, share = rec[f"{reading}_people"], rec[f"{reading}_share"]
            head = lang_text(READING_LABELS[reading], t)
            row[head] = f"{n:,}（{share:.1%}）" if t == "zh" else f"{n:,} ({share:.1%})"
        rows.append(row)
    pop, off = people.population, people.off_surface
    if t == "zh":
        note = (f"每个地点按其所在{people.cell_km:g}公里格网的类别计入；两列为间距规则的两种读法"
                f"（{'、'.join(lang_text(READING_LABELS[r], t) for r in readings)}）。"
                f"{pop.note_zh()}")  # fmt: skip
        if off["places"]:
            note += (
                f"。港澳台{off['places']:,}个地点、{off['people']:,}人不在地表范围内，未计入各类。"
            )
        title = pop.title_zh()
    else:
        note = (f"Each place counts in the class of its {people.cell_km:g} km cell; one column "
                f"per reading of the spacing rule. Population: {pop.label()}.")  # fmt: skip
        if off["places"]:
            note += f" {off['places']:,} places, {off['people']:,} people {OFF_SURFACE}."
        title = "people on each class of ground"
    body = table_html(pd.DataFrame(rows), lang=t) + f"<p>{html.escape(note)}</p>"
    add_info_panel(m, title=title, body_html=body, open_=False)


def add_siting_picks(
    m: PortgeoMap,
    field_: SpacingField,
    grid: EligibilityGrid,
    population: Population,
    *,
    count: int = MAP_SITING_COUNT,
) -> list[LegendEntry]:
    """Draw the first sites of the siting search on the surface's own eligible cells.

    The search (:func:`portgeo.rules.siting.run_siting`) runs on the surface's field and grid
    (no second network search, no second grid) under the rule's default reading, for
    ``count`` sites; the layer is on.

    Parameters
    ----------
    m : PortgeoMap
    field_ : SpacingField
        The surface's field (offline network, the register's opened air ports).
    grid : EligibilityGrid
        The surface's grid: its eligible cells are the candidates.
    population : Population
    count : int, default :data:`MAP_SITING_COUNT`

    Returns
    -------
    list of LegendEntry
    """
    request = SitingRequest(count=count, compare=False)
    result = run_siting(request, rule=field_.rule, population=population, field_=field_,
                        grid=grid)  # fmt: skip
    return add_siting_layer(m, result, show=True)


#: The register's kinds of opened air ports in Chinese (the plan's word for class-1 ports).
_KINDS_ZH: dict[str, str] = {"class-1": "一类口岸"}


def _register_note(table: pd.DataFrame, kinds: tuple[str, ...], lang: str = "zh") -> str:
    """Say which opened air ports are drawn, without the day of the build (same data, same map)."""
    n_open = int((table["open"] == True).sum())  # noqa: E712
    n_unknown = int(table["open"].isna().sum())
    if lang == "zh":
        note = (f"已开放航空口岸：data/registers/opened_air_ports.csv，{n_open}个"
                f"（{'、'.join(_KINDS_ZH.get(k, k) for k in kinds)}）")  # fmt: skip
        return note + (f"；{n_unknown}个状态不明，未绘出" if n_unknown else "")
    note = (f"Opened air ports: data/registers/opened_air_ports.csv, {n_open} "
            f"opened ({', '.join(kinds)})")  # fmt: skip
    return note + (f"; {n_unknown} of unknown state not drawn" if n_unknown else "")


def _drive_layer(
    m: PortgeoMap, ports: gpd.GeoDataFrame, minutes: float, net: RoadNetwork
) -> LegendEntry:
    """Draw the opened air ports' drive-time catchments (the rule's second threshold), on."""
    snap = snap_points(net, ports.geometry.x, ports.geometry.y, errors="ignore")
    reached = ports[snap["ok"].to_numpy()]  # an island port off the road network has none
    catch = compute_catchments(net, reached, kinds=("time",), max_minutes=minutes,
                               progress=False)  # fmt: skip
    names = dict(zip(ports["id"], ports["name_zh"], strict=True))
    catch["label"] = catch["origin_id"].map(names).astype(str) + f" · {minutes:g} min"
    layer = lang_text(
        f"{minutes / 60:g}小时车程 {minutes / 60:g}-hour drive from opened air ports", m.lang
    )
    style = catchment_styles()["time"]
    add_areas(m, catch, layer_name=layer, style=style, tooltip_field="label", highlight=False,
              simplify_m=1000)  # fmt: skip
    mark_osm_data(m)  # the road network is OpenStreetMap data
    return LegendEntry.from_path_style(
        lang_text(f"{minutes / 60:g}小时车程 {minutes:g}-min drive", m.lang), style, shape="area"
    ).on(layer)


def build_programmes(spec: ColumnMap, *, basemap: str = "none", lang: str = "zh") -> PortgeoMap:
    """Draw a 专栏 of nationwide programmes: the programmes in a panel, any sited rows as points.

    Parameters
    ----------
    spec : ColumnMap
        A 专栏 whose rows are mostly programmes without a site.
    basemap : str, default "none"
        See :func:`portgeo.maps.new_map`.
    lang : {"zh", "en"}, default "zh"
        Language of the map's words.

    Returns
    -------
    PortgeoMap
    """
    m = start_column_map(spec, basemap=basemap, lang=lang)
    ents = entities_of(spec)
    legend = add_points_by_kind(
        m, ents, noun_zh="项目", noun_en="projects", popup_fields=POPUP_PROJECT
    )
    sited = int(ents.geometry.notna().sum())
    intro = (f"<p>本专栏为全国性工程，{len(ents) - sited}项无具体地点"
             f"{f'，{sited}项有地点（见地图）' if sited else ''}。</p>" if m.lang == "zh" else
             f"<p>Nationwide programmes: {len(ents) - sited} without a site"
             f"{f', {sited} with one (on the map)' if sited else ''}.</p>")  # fmt: skip
    add_info_panel(m, title=lang_text("工程 programmes", m.lang) + f" ({len(ents)})", card=True,
                   body_html=intro + table_html(ents[["section", "name_zh", "text_zh"]],
                                                       lang=m.lang))  # fmt: skip
    return finish_column_map(m, legend, plans=[spec.plan])
