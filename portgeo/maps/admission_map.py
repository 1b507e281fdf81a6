"""The map of an airport admission check: the candidate, its nearest opened air ports, their reach.

:func:`build_admission_map` draws one check (the candidate with its 200 km circle and 2-hour
drive catchment, nearby opened air ports with theirs, and the fastest road route to the nearest
one by drive time); :func:`build_admissions_overview_map` draws a batch of checks. Both use the
shared components of :mod:`portgeo.maps`; the report (:mod:`portgeo.maps.report`) inlines the
first.
"""

from __future__ import annotations

import logging
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from portgeo.errors import PortgeoError
from portgeo.geo.geodesy import geodesic_circle
from portgeo.maps.admission_words import (
    CRITERION_LABELS,
    READING_LABELS,
    VERDICT_LABELS,
    approximate_word,
    candidate_name_zh,
    open_ports_text,
    opened_headline,
)
from portgeo.maps.boundary import add_china_boundary
from portgeo.maps.components import add_legend, add_source_note, finish_map, mark_osm_data, new_map
from portgeo.maps.draw import add_areas, add_lines, add_points
from portgeo.maps.style import (
    ADMISSION_COLORS,
    VERDICT_COLORS,
    LegendEntry,
    area_style,
    fixed_marker_style,
    lang_text,
)
from portgeo.rules.admission import (
    AdmissionResult,
    AdmissionRule,
    admission_plan,
    as_router,
    load_admission_rule,
)

logger = logging.getLogger(__name__)

__all__ = ["REPORT_MAX_PORTS", "REPORT_PORT_RADIUS_KM", "build_admission_map",
           "build_admissions_overview_map"]  # fmt: skip

#: Opened air ports drawn (with catchments) on the report map: the nearest this many …
REPORT_MAX_PORTS = 6
#: … among those within this straight-line distance (km) of the candidate.
REPORT_PORT_RADIUS_KM = 400.0


def _catchment_polygons(
    router: Any, points: gpd.GeoDataFrame, minutes: float
) -> gpd.GeoSeries | None:
    """Drive-time catchments of ``points``; None when the network cannot give them."""
    if router is None or not len(points):
        return None
    try:
        out = router.compute_catchments(points, minutes=minutes)
    except (PortgeoError, NotImplementedError) as exc:
        logger.warning("catchments not drawn: %s", exc)
        return None
    if isinstance(out, gpd.GeoDataFrame):
        return out.geometry.reset_index(drop=True)
    return gpd.GeoSeries(list(out), crs=4326)


def build_admission_map(
    result: AdmissionResult,
    *,
    network: Any = None,
    rule: AdmissionRule | None = None,
    basemap: str = "none",
    lang: str = "zh",
):
    """Build the map of an admission check.

    Parameters
    ----------
    result : AdmissionResult
        From :func:`portgeo.rules.admission.check_airport`.
    network : object, optional
        The road network used for the check (for catchments and the route); without one the
        map shows the 200 km circle and straight-line links only.
    rule : AdmissionRule, optional
        Thresholds (default from the catalogue).
    basemap : str, default "none"
        See :func:`portgeo.maps.new_map`.
    lang : {"zh", "en"}, default "zh"
        Language of the map's words.

    Returns
    -------
    portgeo.maps.PortgeoMap
        The finished map.
    """
    rule = rule or load_admission_rule()
    router = as_router(network)
    cand = result.candidate
    name_zh = candidate_name_zh(result)
    m = new_map(title=f"{lang_text('机场开放准入 Airport admission', lang)}: {name_zh}",
                subtitle=_map_subtitle(result, lang), basemap=basemap,
                center=(cand["lat"], cand["lon"]), zoom=7, lang=lang)  # fmt: skip
    add_china_boundary(m, inset=False)  # a regional map
    circle, legend = _add_candidate_circle(m, cand, rule.min_distance_km)
    ports = pd.DataFrame(result.nearest_open_ports)
    port_gdf = _report_ports(ports)
    cand_gdf = gpd.GeoDataFrame(
        [{"name_zh": name_zh, "kind": "air", "status": "planned", "iata": cand["iata"] or ""}],
        geometry=[Point(cand["lon"], cand["lat"])], crs=4326,
    )  # fmt: skip
    if router is not None:
        legend += _add_drive_catchments(m, router, cand_gdf, port_gdf, rule.min_drive_min)
        legend += _add_fastest_route(m, router, cand, ports)
        source = str(result.network.get("source", ""))
        if source.lower() in ("overpass", "offline") or source.endswith(".pbf"):
            mark_osm_data(m)
    # open on the candidate's circle and the opened ports drawn, not on all of China
    w, s_, e, n = gpd.GeoSeries([*circle.geometry, *port_gdf.geometry], crs=4326).total_bounds
    m.bounds = [[s_, w], [n, e]]
    m.max_fit_zoom = 10
    legend += _add_report_points(m, port_gdf, cand_gdf, result.verdict)
    net = result.network
    extra = [
        lang_text("已开放航空口岸 opened air ports", lang) + f": {open_ports_text(result, lang)}"
    ]
    if net.get("source"):
        extra.append(lang_text("路网 road network", lang) + f": {net['source']}"
                     + (approximate_word(lang) if net.get("approximate") else ""))  # fmt: skip
    add_source_note(m, plans=[admission_plan()], extra=extra)
    add_legend(m, legend)
    finish_map(m)
    return m


def _map_subtitle(result: AdmissionResult, lang: str) -> str:
    """Headline the verdict and reading, or that the candidate is an opened air port already."""
    if (
        opened_headline(result)
        and (result.candidate.get("opened_air_port") or {}).get("open") is True
    ):
        return lang_text("已是已开放航空口岸 already an opened air port", lang)
    verdict = lang_text(VERDICT_LABELS[result.verdict], lang)
    reading = lang_text(READING_LABELS.get(result.reading, result.reading), lang)
    return f"{verdict}（{reading}）" if lang == "zh" else f"{verdict} ({reading})"


def _add_candidate_circle(
    m: Any, cand: dict[str, Any], km: float
) -> tuple[gpd.GeoDataFrame, list[LegendEntry]]:
    """Draw the candidate's straight-line circle; return it and its legend entry."""
    circle = gpd.GeoDataFrame(
        {"label": [f"{km:g} km " + lang_text("直线距离 straight-line radius", m.lang)]},
        geometry=[geodesic_circle(cand["lon"], cand["lat"], km * 1000.0)], crs=4326,
    )  # fmt: skip
    cstyle = area_style(ADMISSION_COLORS["circle"], fill_opacity=0.0, weight=2.0, dash="6 4")
    add_areas(m, circle, layer_name=lang_text(f"{km:g}公里圆 {km:g}-km circle", m.lang),
              style=cstyle, tooltip_field="label", highlight=False, interactive=False)  # fmt: skip
    label = lang_text(f"{km:g}公里范围 {km:g}-km circle", m.lang)
    return circle, [LegendEntry.from_path_style(label, cstyle, shape="area")]


def _report_ports(ports: pd.DataFrame) -> gpd.GeoDataFrame:
    """Select the opened air ports the map draws: the nearest few within the radius, or one."""
    near = ports[ports["distance_km"] <= REPORT_PORT_RADIUS_KM].head(REPORT_MAX_PORTS)
    if near.empty:
        near = ports.head(1)
    return gpd.GeoDataFrame(
        near.assign(kind="air", status="open"),
        geometry=[Point(xy) for xy in zip(near["lon"], near["lat"], strict=True)], crs=4326,
    )  # fmt: skip


def _add_drive_catchments(
    m: Any, router: Any, cand_gdf: gpd.GeoDataFrame, port_gdf: gpd.GeoDataFrame, minutes: float
) -> list[LegendEntry]:
    """Draw the candidate's and the opened ports' drive-time catchments; return their legend."""
    legend: list[LegendEntry] = []
    hours = f"{minutes / 60:g}小时车程"
    for gdf, style, layer, entry in (
        (cand_gdf, area_style(ADMISSION_COLORS["candidate"], fill_opacity=0.18, weight=1.5),
         lang_text(f"候选机场{hours} candidate's {minutes:g}-min catchment", m.lang),
         lang_text(f"候选机场{hours}圈 candidate's {minutes:g}-min drive", m.lang)),
        (port_gdf, area_style(ADMISSION_COLORS["port"], fill_opacity=0.10, weight=1.0, dash="3 3"),
         lang_text(f"已开放航空口岸{hours} opened ports' catchments", m.lang),
         lang_text(f"已开放航空口岸{hours}圈 opened ports' {minutes:g}-min drive", m.lang)),
    ):  # fmt: skip
        polygons = _catchment_polygons(router, gdf, minutes)
        if polygons is None:
            continue
        g = gpd.GeoDataFrame({"label": [f"{n}: {minutes:g} min" for n in gdf["name_zh"]]},
                             geometry=list(polygons[: len(gdf)]), crs=4326)  # fmt: skip
        add_areas(m, g, layer_name=layer, style=style, tooltip_field="label")
        legend.append(LegendEntry.from_path_style(entry, style, shape="area"))
    return legend


def _add_fastest_route(
    m: Any, router: Any, cand: dict[str, Any], ports: pd.DataFrame
) -> list[LegendEntry]:
    """Draw the fastest road route to the opened port nearest by drive time; return its legend."""
    reach = ports[ports["reachable"] == True].dropna(subset=["drive_min"])  # noqa: E712
    if not len(reach):
        return []
    tgt = reach.loc[reach["drive_min"].idxmin()]
    try:
        route = router.fastest_route(
            (cand["lon"], cand["lat"]), (float(tgt["lon"]), float(tgt["lat"]))
        )
    except PortgeoError as exc:
        logger.warning("route not drawn: %s", exc)
        return []
    if route is None or route.get("geometry") is None:
        return []
    label = (
        f"→ {tgt['name_zh']}: {float(route['road_km']):.0f} km, {float(route['drive_min']):.0f} min"
    )
    g = gpd.GeoDataFrame({"label": [label]}, geometry=[route["geometry"]], crs=4326)
    st = {"color": ADMISSION_COLORS["route"], "weight": 4, "opacity": 0.9, "dashArray": None}
    name = lang_text("最快道路路线 fastest road route", m.lang)
    add_lines(m, g, layer_name=name, style=st, tooltip_field="label")
    return [LegendEntry.from_path_style(name, st, shape="line")]


def _add_report_points(
    m: Any, port_gdf: gpd.GeoDataFrame, cand_gdf: gpd.GeoDataFrame, verdict: str
) -> list[LegendEntry]:
    """Draw the opened air ports and the candidate as markers; return their legend."""
    port_style = fixed_marker_style(ADMISSION_COLORS["port"])
    t = m.lang
    straight, road = lang_text("直线 straight", t), lang_text("道路 road", t)
    port_gdf["detail"] = [
        f"{straight} {r.distance_km:.0f} km"
        + ("" if pd.isna(r.road_km) else f"; {road} {r.road_km:.0f} km, {r.drive_min:.0f} min")
        for r in port_gdf.itertuples()
    ]
    labels = {k: lang_text(v, t) for k, v in _POPUP_LABELS.items()}
    add_points(m, port_gdf, layer_name=lang_text("已开放航空口岸 opened air ports", t),
               popup_fields=["iata", "detail", "source"], field_labels=labels,
               tooltip_field="name_zh", style=lambda _r: port_style)  # fmt: skip
    cand_style = fixed_marker_style(ADMISSION_COLORS["candidate"], radius=9, weight=3, hollow=True)
    cand_gdf["verdict"] = lang_text(VERDICT_LABELS[verdict], t)
    add_points(m, cand_gdf, layer_name=lang_text("候选机场 candidate airport", t),
               popup_fields=["iata", "verdict"], field_labels=labels, tooltip_field="name_zh",
               style=lambda _r: cand_style)  # fmt: skip
    return [LegendEntry.from_marker_style(lang_text("已开放航空口岸 opened air port", t), port_style),
            LegendEntry.from_marker_style(lang_text("候选机场 candidate airport", t), cand_style)]  # fmt: skip


#: The names of the report maps' popup fields that the shared field names lack or name otherwise.
_POPUP_LABELS: dict[str, str] = {"detail": "距离 distances", "verdict": "结论 verdict",
                                 "criteria": "各项条件 criteria"}  # fmt: skip


def build_admissions_overview_map(
    results: list[AdmissionResult],
    *,
    rule: AdmissionRule | None = None,
    basemap: str = "none",
    title: str | None = None,
    lang: str = "zh",
):
    """Map several checks at once: candidates coloured by verdict, their circles, opened ports.

    Parameters
    ----------
    results : list of AdmissionResult
        Checks to show (e.g. the ``result`` column of
        :func:`portgeo.rules.admission.check_airports` with ``keep_results=True``).
    rule : AdmissionRule, optional
        Thresholds (default from the catalogue).
    basemap : str, default "none"
        See :func:`portgeo.maps.new_map`.
    title : str, optional
        Map title; default "机场开放准入" (Airport admission checks).
    lang : {"zh", "en"}, default "zh"
        Language of the map's words.

    Returns
    -------
    portgeo.maps.PortgeoMap
        The finished map.
    """
    rule = rule or load_admission_rule()
    results = [r for r in results if r is not None]
    if not results:
        raise PortgeoError("no admission results to map")
    lat = sum(r.candidate["lat"] for r in results) / len(results)
    lon = sum(r.candidate["lon"] for r in results) / len(results)
    t = lang
    reading = lang_text(READING_LABELS.get(results[0].reading, results[0].reading), t)
    m = new_map(title=title or lang_text("机场开放准入 Airport admission checks", t),
                subtitle=lang_text("解读 reading", t) + f": {reading}", basemap=basemap,
                center=(lat, lon), zoom=6, lang=t)  # fmt: skip
    add_china_boundary(m)
    km = rule.min_distance_km
    circles = gpd.GeoDataFrame(
        {"label": [f"{candidate_name_zh(r)}: {km:g} km" for r in results],
         "verdict": [r.verdict for r in results]},
        geometry=[geodesic_circle(r.candidate["lon"], r.candidate["lat"], km * 1000.0) for r in results],
        crs=4326,
    )  # fmt: skip
    w, s_, e, n = circles.total_bounds
    m.bounds, m.max_fit_zoom = [[s_, w], [n, e]], 10
    add_areas(m, circles, layer_name=lang_text(f"{km:g}公里圆 {km:g}-km circles", t),
              style=lambda row: area_style(VERDICT_COLORS[row["verdict"]], fill_opacity=0.05, dash="6 4"),
              tooltip_field="label", highlight=False, interactive=False)  # fmt: skip
    port_style = fixed_marker_style(ADMISSION_COLORS["port"], radius=6)
    pg = _opened_ports_near(results)
    if pg is not None:
        add_points(m, pg, layer_name=lang_text("已开放航空口岸 opened air ports", t),
                   popup_fields=["iata", "source"], tooltip_field="name_zh",
                   style=lambda _r: port_style)  # fmt: skip
    labels = {k: lang_text(v, t) for k, v in _POPUP_LABELS.items()}
    add_points(m, _candidates_frame(results, t), layer_name=lang_text("候选机场 candidates", t),
               popup_fields=["iata", "verdict", "criteria"], field_labels=labels,
               tooltip_field="name_zh", style=_overview_candidate_style)  # fmt: skip
    legend = [
        LegendEntry.from_marker_style(lang_text("候选 candidate", t) + ": "
                                      + lang_text(VERDICT_LABELS[v], t),
                                      _overview_candidate_style({"v": v}))
        for v in ("pass", "fail", "incomplete")
    ]  # fmt: skip
    legend.append(LegendEntry.from_marker_style(lang_text("已开放航空口岸 opened air port", t),
                                                port_style))  # fmt: skip
    legend.append(
        LegendEntry.from_path_style(
            lang_text(f"{km:g}公里范围 {km:g}-km circle", t),
            area_style(ADMISSION_COLORS["neutral"], fill_opacity=0.05, dash="6 4"),
            shape="area",
        )
    )
    add_source_note(m, plans=[admission_plan()], extra=[
        lang_text("已开放航空口岸 opened air ports", t) + f": {open_ports_text(results[0], t)}"])  # fmt: skip
    add_legend(m, legend)
    finish_map(m)
    return m


def _opened_ports_near(results: list[AdmissionResult]) -> gpd.GeoDataFrame | None:
    """Collect the opened air ports within the report radius of any candidate (None if none)."""
    ports: dict[str, dict] = {}
    for r in results:
        for p in r.nearest_open_ports:
            if p["distance_km"] <= REPORT_PORT_RADIUS_KM:
                ports.setdefault(p["id"], p)
    if not ports:
        return None
    pdf = pd.DataFrame(list(ports.values()))
    return gpd.GeoDataFrame(
        pdf, geometry=[Point(x, y) for x, y in zip(pdf["lon"], pdf["lat"], strict=True)], crs=4326
    )


def _candidates_frame(results: list[AdmissionResult], lang: str) -> gpd.GeoDataFrame:
    """Tabulate the candidates with their verdicts and each criterion's verdict, as points."""
    return gpd.GeoDataFrame(
        [{"name_zh": candidate_name_zh(r), "iata": r.candidate["iata"] or "",
          "verdict": lang_text(VERDICT_LABELS[r.verdict], lang), "v": r.verdict,
          "criteria": "; ".join(f"{lang_text(CRITERION_LABELS.get(c.id, c.id), lang)}: "
                                f"{lang_text(VERDICT_LABELS[c.passed], lang)}" for c in r.criteria)}
         for r in results],
        geometry=[Point(r.candidate["lon"], r.candidate["lat"]) for r in results], crs=4326,
    )  # fmt: skip


def _overview_candidate_style(row: Any) -> dict[str, Any]:
    """Style a candidate of the overview map by its verdict."""
    return fixed_marker_style(
        VERDICT_COLORS[row["v"]], radius=9, weight=2, outline=ADMISSION_COLORS["outline"]
    )
