"""Briefing reports for people: the airport admission check as one self-contained HTML page.

:func:`write_admission_report` writes a page with

* a short verdict table for the five admission criteria, under the chosen
  reading and the other one, each value and threshold with its unit (km, min, 条, 万人次) and the
  province gate one row per condition; a candidate that is itself an opened air port is
  headlined as such (the rule is for new openings), not as a plain "fail";
* the nearest opened air ports with straight-line and road measures;
* a map built with the shared components of :mod:`portgeo.maps`: the candidate with its 200 km
  circle and 2-hour drive catchment, nearby opened air ports with theirs, and the fastest road route
  to the nearest one by drive time;
* when given, the people the candidate would reach (人口可达, its own template
  ``population_reach.html.j2``; this section is why the module is longer than the limit).

The page speaks one language (``lang``: Chinese by default, English on request; never both in
one label): its labels are the two-language tables below, halved by
:func:`portgeo.maps.style.lang_text`, and the criteria's sentences come from the rule in that
language. Place names stay Chinese in English (the register has no English names).

The module is longer than the limit for now: the page's words in two languages joined the map
that it draws; the map part (``build_admission_map`` and its helpers) is the cut to make next.

The map page is inlined (``<iframe srcdoc>``, scripts inlined by :func:`portgeo.maps.render_map`),
so the file opens without network access except for basemap tiles.
"""

from __future__ import annotations

import datetime as _dt
import logging
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape
from shapely.geometry import Point

from portgeo._output import printable, write_text_atomic
from portgeo.catalogue import load_catalogue
from portgeo.errors import PortgeoError
from portgeo.geo.geodesy import geodesic_circle
from portgeo.maps.boundary import add_china_boundary
from portgeo.maps.components import add_legend, add_source_note, finish_map, mark_osm_data, new_map
from portgeo.maps.draw import add_areas, add_lines, add_points
from portgeo.maps.export import render_map
from portgeo.maps.style import (
    ADMISSION_COLORS,
    PALETTE,
    VERDICT_COLORS,
    LegendEntry,
    area_style,
    check_lang,
    fixed_marker_style,
    lang_text,
)
from portgeo.rules.admission import (
    AdmissionResult,
    AdmissionRule,
    admission_plan,
    as_router,
    load_admission_rule,
    load_register,
)
from portgeo.rules.admission.rule import GATE_CONDITIONS

__all__ = [
    "build_admission_map",
    "build_admissions_overview_map",
    "open_ports_text",
    "render_admission_report",
    "write_admission_report",
]

logger = logging.getLogger(__name__)

#: Opened air ports drawn (with catchments) on the report map: the nearest this many …
REPORT_MAX_PORTS = 6
#: … among those within this straight-line distance (km) of the candidate.
REPORT_PORT_RADIUS_KM = 400.0

CRITERION_LABELS: dict[str, str] = {
    "distance_200km": "距已开放航空口岸直线距离 distance to opened air ports",
    "drive_2h": "车程 drive time to opened air ports",
    "routes": "固定直达航线 fixed direct routes",
    "passengers": "年度旅客吞吐量峰值 peak annual passengers",
    "province_gate": "省级从严控制条件 province gate (strict control)",
}
VERDICT_LABELS: dict[Any, str] = {
    "pass": "符合 pass",
    "fail": "不符合 fail",
    "incomplete": "资料不全 incomplete",
    True: "符合 pass",
    False: "不符合 fail",
    None: "未知 unknown",
}
_REACH_LABELS: dict[Any, str] = {
    True: "是 yes",
    False: "否 no (no road link)",
    None: "未测 not measured",
}
READING_LABELS: dict[str, str] = {
    "both": "距离与车程均须满足 both (distance and drive)",
    "either": "距离或车程满足其一 either (distance or drive)",
}
_SOURCE_LABELS: dict[str, str] = {"given": "用户给出 given", "derived": "推定 derived",
                                  "unknown": "未知 unknown"}  # fmt: skip
SETTING_LABELS: dict[Any, str] = {
    "coastal": "沿海 coastal",
    "inland": "内陆 inland",
    "border": "沿边 border",
    None: "未知 unknown",
}


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def candidate_name_zh(result: AdmissionResult) -> str:
    """Return the candidate's Chinese name, used throughout the report.

    The name given when it is Chinese; else the register's name of the opened air port it is;
    else the register's name of the airport with its IATA code; else the name as given.

    Parameters
    ----------
    result : AdmissionResult

    Returns
    -------
    str
    """
    cand = result.candidate
    name = str(cand.get("name") or "")
    if _has_cjk(name):
        return name
    opened = cand.get("opened_air_port") or {}
    if opened.get("name_zh"):
        return str(opened["name_zh"])
    iata = str(cand.get("iata") or "").upper()
    if iata:
        reg = load_register()
        hit = reg[reg["iata"].fillna("").str.upper() == iata]
        if not hit.empty:
            return str(hit["name_zh"].iloc[0])
    return name


def opened_headline(result: AdmissionResult, lang: str = "zh") -> str | None:
    """Say that the candidate is itself an opened air port or replaces one; None when neither.

    Parameters
    ----------
    result : AdmissionResult
    lang : {"zh", "en"}, default "zh"

    Returns
    -------
    str or None
    """
    opened = result.candidate.get("opened_air_port") or {}
    zh = lang == "zh"
    if old := result.candidate.get("replaces"):
        return (f"迁建：替代{old['name_zh']}（{old['state']}），不与其比较。" if zh else
                f"Relocation: replaces {old['name_zh']} ({old['state']}), not compared with it.")  # fmt: skip
    if not opened:
        return None
    name, state = opened.get("name_zh", ""), str(opened.get("state") or "")
    if opened.get("open") is True:
        return (f"{name}已是已开放航空口岸{f'（{state}）' if state else ''}；开放准入标准针对新开口岸，"
                "下表仅供参考。" if zh else
                f"{name} is already an opened air port{f' ({state})' if state else ''}; the "
                "admission rule is for new openings: the table is for reference.")  # fmt: skip
    return (f"{name}在已开放航空口岸名录中，开放状态未知{f'（{state}）' if state else ''}。" if zh else
            f"{name} is in the register of opened air ports, opening state unknown"
            f"{f' ({state})' if state else ''}.")  # fmt: skip


def open_ports_text(result: AdmissionResult, lang: str = "zh") -> str:
    """Say which opened air ports the check compared with, in one language.

    Parameters
    ----------
    result : AdmissionResult
    lang : {"zh", "en"}, default "zh"

    Returns
    -------
    str
        English: the check's own words (``open_ports_set``); Chinese: the same facts (source,
        date, counts) from ``open_ports``.
    """
    op = result.open_ports
    if lang == "en" or not op:
        return result.open_ports_set
    day = f"（截至{op['as_of']}）" if op.get("as_of") else ""
    unknown = f"，另{op['unknown']}个开放状态不明" if op.get("unknown") else ""
    return f"{op['source']}{day}：{op['count']}个已开放航空口岸{unknown}"


def _approximate(lang: str) -> str:
    return "（近似）" if lang == "zh" else " (approximate)"


def _number(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 100 or float(v).is_integer() else f"{v:,.1f}"


#: Unit of each criterion's value and threshold, by language: (scale, unit).
_UNITS: dict[str, dict[str, tuple[float, str]]] = {
    "zh": {"distance_200km": (1.0, "km"), "drive_2h": (1.0, "min"), "routes": (1.0, "条"),
           "passengers": (1e-4, "万人次")},
    "en": {"distance_200km": (1.0, "km"), "drive_2h": (1.0, "min"), "routes": (1.0, "routes"),
           "passengers": (1.0, "passengers")},
}  # fmt: skip


def criterion_value(
    crit: Any, rule: AdmissionRule, *, threshold: bool = False, lang: str = "zh"
) -> str:
    """Show a criterion's value (or threshold) with its unit; the province gate one line each.

    Parameters
    ----------
    crit : Criterion
    rule : AdmissionRule
    threshold : bool, default False
        Show the threshold instead of the value.
    lang : {"zh", "en"}, default "zh"

    Returns
    -------
    str
        Plain text, one line per condition for the province gate.
    """
    words = getattr(crit, "value_text_zh" if lang == "zh" else "value_text", "")
    v = crit.threshold if threshold else (words or crit.value)
    if crit.id == "province_gate":
        marks = "①②③④⑤"
        if threshold:
            return "\n".join(f"{marks[i]} {rule.gate_texts[c]['text_zh'] if lang == 'zh' else rule.gate_summary(c, given='?')}"
                              for i, c in enumerate(GATE_CONDITIONS)) + (
                "\n" + lang_text("任一成立即从严控制 any one: strict control", lang))  # fmt: skip
        given = v if isinstance(v, dict) else {}
        return "\n".join(f"{marks[i]} {lang_text(_REACH_WORDS[given.get(c)], lang)}"
                          for i, c in enumerate(GATE_CONDITIONS))  # fmt: skip
    if v is None:
        return lang_text("未知 unknown", lang)
    if isinstance(v, int | float) and crit.id in _UNITS[lang]:
        scale, unit = _UNITS[lang][crit.id]
        text = f"{_number(float(v) * scale)} {unit}"
        return f"{rule.at_least} {text}" if threshold else text
    return _cell(v, lang)


def _qty(v: Any, unit: str, digits: int = 0) -> str:
    """Return a quantity with its unit, or a dash when it is unknown (None or NaN)."""
    if v is None or (isinstance(v, float) and v != v):
        return "—"
    return f"{float(v):,.{digits}f} {unit}"


_REACH_WORDS: dict[Any, str] = {True: "是 yes", False: "否 no", None: "未知 unknown"}


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
                     + (_approximate(lang) if net.get("approximate") else ""))  # fmt: skip
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


def _cell(v: Any, lang: str = "zh") -> str:
    if v is None:
        return "—"
    if isinstance(v, dict):  # a threshold by setting
        return ", ".join(f"{lang_text(SETTING_LABELS.get(k, str(k)), lang)}: {_cell(x, lang)}"
                         for k, x in v.items())  # fmt: skip
    if isinstance(v, float):
        return f"{v:,.1f}" if abs(v) < 1000 else f"{v:,.0f}"
    return str(v)


def _vclass(v: Any) -> str:
    return {"pass": "v-pass", True: "v-pass", "fail": "v-fail", False: "v-fail"}.get(
        v, "v-incomplete"
    )


def _visible(value: Any) -> Any:
    """Show a value's control characters as escapes (a line break stays a line break).

    The report template's ``finalize``: every text value, a name from a user's file included,
    reaches the page as text (autoescape), with an ANSI escape or a bidi override written out
    (:func:`portgeo._output.printable`) rather than hidden in the page.
    """
    if isinstance(value, str) and not isinstance(value, Markup):
        return "\n".join(printable(part) for part in value.split("\n"))
    return value


_TEMPLATES = Environment(
    loader=PackageLoader("portgeo.maps", "templates"),
    autoescape=select_autoescape(["j2"]),
    finalize=_visible,
)


def render_admission_report(
    result: AdmissionResult,
    *,
    network: Any = None,
    rule: AdmissionRule | None = None,
    basemap: str = "none",
    reach: dict[str, Any] | None = None,
    lang: str = "zh",
) -> str:
    """Render the briefing page of an admission check (``templates/admission_report.html.j2``).

    Every string from the user or a file is escaped by the template (Jinja autoescape), and the
    map page goes into the ``srcdoc`` attribute escaped as an attribute value.

    Parameters
    ----------
    result : AdmissionResult
        From :func:`portgeo.rules.admission.check_airport`.
    network : object, optional
        The road network used for the check (for the map's catchments and route).
    rule : AdmissionRule, optional
        Thresholds (default from the catalogue).
    basemap : str, default "none"
        See :func:`portgeo.maps.new_map`.
    reach : dict, optional
        The people within reach (:meth:`portgeo.rules.candidate_reach.ReachCheck.report_section`).
    lang : {"zh", "en"}, default "zh"
        The page's language (Chinese by default); place names stay Chinese.

    Returns
    -------
    str
        A complete, self-contained HTML page.
    """
    rule = rule or load_admission_rule()
    lang = check_lang(lang)
    m = build_admission_map(result, network=network, rule=rule, basemap=basemap, lang=lang)
    net = result.network
    zh = lang == "zh"
    network_text = lang_text("无 none", lang)
    if net.get("source"):
        network_text = str(net["source"]) + (_approximate(lang) if net.get("approximate") else "")
    if net.get("speed_model") and not zh:
        network_text += f"; speed model: {net['speed_model']}; drive-time band: {net['drive_band']}"
    plan = admission_plan()
    cat = load_catalogue()
    col = cat.column_info(plan, cat.column_of(plan, "admission"))
    rule_title = (f"{cat.plan_title(plan)} {col['title_zh']}（航空口岸）" if zh else
                  f"{cat.plan(plan)['title_en']}, {col['title_en']} "
                  "(air ports)")  # fmt: skip
    words_zh = result.words_zh
    return _TEMPLATES.get_template("admission_report.html.j2").render(
        result=result,
        c=result.candidate,
        sp=result.spacing,
        ports=result.nearest_open_ports[:8],
        name_zh=candidate_name_zh(result),
        opened=opened_headline(result, lang),
        value=lambda crit: criterion_value(crit, rule, lang=lang),
        threshold=lambda crit: criterion_value(crit, rule, threshold=True, lang=lang),
        map_page=escape(render_map(m, self_contained=True)),  # escaped once, for srcdoc
        network_text=network_text,
        open_ports=open_ports_text(result, lang),
        approximate=bool(net.get("approximate")),
        setting_label=lang_text(
            SETTING_LABELS.get(result.candidate["setting"], str(result.candidate["setting"])), lang
        ),
        setting_source=lang_text(
            _SOURCE_LABELS.get(
                result.candidate["setting_source"], str(result.candidate["setting_source"])
            ),
            lang,
        ),
        rule_title=rule_title,
        reading_note=rule.reading_note[lang].format(wording_zh=rule.wording_zh),
        lang=lang,
        t=lambda label: lang_text(label, lang),
        explanation=lambda c: c.explanation_zh if zh else c.explanation,
        margin_note=lambda c: c.margin_note_zh if zh else c.margin_note,
        spacing_text=words_zh.get("spacing", "") if zh else result.spacing["explanation"],
        notes=words_zh.get("notes", []) if zh else result.notes,
        today=_dt.date.today().isoformat(),
        p=PALETTE,
        vclass=_vclass,
        verdict_label=lambda v: lang_text(VERDICT_LABELS[v], lang),
        criterion_label=lambda cid: lang_text(CRITERION_LABELS.get(cid, str(cid)), lang),
        reach_label=lambda v: lang_text(_REACH_LABELS[v], lang),
        reading_label=lambda r: lang_text(READING_LABELS.get(r, str(r)), lang),
        qty=_qty,
        reach=reach,
    )


def write_admission_report(
    result: AdmissionResult,
    path: str | Path,
    *,
    network: Any = None,
    rule: AdmissionRule | None = None,
    basemap: str = "none",
    reach: dict[str, Any] | None = None,
    lang: str = "zh",
) -> Path:
    """Write the self-contained HTML briefing of an admission check.

    Parameters
    ----------
    result : AdmissionResult
        From :func:`portgeo.rules.admission.check_airport`.
    path : str or Path
        Output file (missing parent folders are created; written atomically).
    network : object, optional
        The road network used for the check.
    rule : AdmissionRule, optional
        Thresholds (default from the catalogue).
    basemap : str, default "none"
        See :func:`portgeo.maps.new_map`.
    reach : dict, optional
        As in :func:`render_admission_report`.
    lang : {"zh", "en"}, default "zh"
        The page's language.

    Returns
    -------
    pathlib.Path
        The written file.
    """
    path = Path(path)
    page = render_admission_report(result, network=network, rule=rule, basemap=basemap,
                                   reach=reach, lang=lang)  # fmt: skip
    write_text_atomic(path, page, what="report")
    logger.info("wrote %s (%.0f kB)", path, path.stat().st_size / 1024)
    return path
