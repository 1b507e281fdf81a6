"""The numbers of each 专栏, read beside its map: one summary per kind of 专栏.

Each function answers what a planner asks of one kind of 专栏 (its ``role`` in
``data/plans/columns.csv``) by calling the analyses below it and returning plain tables:

- sea layout: :func:`cluster_summary`, :func:`layout_changes`, :func:`region_changes`;
- border layout: :func:`border_summary`, :func:`border_gaps`;
- air layout: :func:`hub_coverage` (circles, drive catchments, overlaps, uncovered ground);
- indicators: :func:`indicator_table`, :func:`assessed_ports`;
- admission: :func:`admission_thresholds`, :func:`open_port_sources`, :func:`eligibility_summary`;
- volumes: :func:`volume_standards`, :func:`volume_template_guide`;
- projects and programmes: :func:`project_counts`, :func:`project_lengths`;
- the comparison of a plan with its baseline: :func:`comparison_counts`, :func:`changed_ports`.

Tables keep the catalogue's codes (``kind``, ``status``, ``role``, ``action``, ``neighbor``,
``change``) and English column names, so they can be computed on;
:func:`portgeo.notebook.readable_table` turns them into the plans' words with Chinese headers.
Which plan and which 专栏 come from the registry; nothing here names a 专栏 or a plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from portgeo._data import data_path, is_blank
from portgeo.catalogue import load_catalogue, load_entities
from portgeo.errors import InputError
from portgeo.geo.polygons import area_km2, as_polygonal
from portgeo.layout import belts
from portgeo.layout.boundaries import china_polygon
from portgeo.layout.clusters import load_clusters
from portgeo.layout.hubs import hub_airports, load_hubs
from portgeo.layout.projects import project_lines
from portgeo.roads.catchments import compute_catchments
from portgeo.roads.coverage import catchment_overlaps, uncovered_area
from portgeo.roads.load import load_network
from portgeo.roads.network import RoadNetwork
from portgeo.rules.admission import SETTINGS, as_of_date, load_admission_rule, load_open_air_ports
from portgeo.rules.admission.surface import compute_eligibility
from portgeo.rules.compare import CHANGE_LABELS, compare_plans, compare_regions
from portgeo.rules.volumes import TEMPLATE_COLUMNS, volume_standards_table

__all__ = [
    "HubCoverage",
    "admission_thresholds",
    "assessed_ports",
    "border_gaps",
    "border_summary",
    "changed_ports",
    "cluster_summary",
    "comparison_counts",
    "comparison_pair",
    "eligibility_summary",
    "hub_coverage",
    "indicator_table",
    "layout_changes",
    "open_port_sources",
    "project_counts",
    "project_lengths",
    "region_changes",
    "volume_standards",
    "volume_template_guide",
]

#: Label of a missing city or section in :func:`project_counts`.
NOT_STATED = "（未注明）"


# -- which plans are compared ---------------------------------------------------------------


def comparison_pair(plan: str) -> tuple[str, str] | None:
    """Return ``(old, new)``: the plan and its baseline, or the plan and the one it is baseline of.

    Parameters
    ----------
    plan : str
        Plan id.

    Returns
    -------
    tuple of str or None
        ``(baseline, plan)`` when ``plans.csv`` names a baseline for the plan; ``(plan, newer)``
        when exactly one plan names it as baseline; None when the plan is compared with none.
    """
    cat = load_catalogue()
    base = cat.plan(plan)["baseline"]
    if not is_blank(base):
        return str(base), plan
    newer = cat.plans.loc[cat.plans["baseline"] == plan, "plan"]
    return (plan, str(newer.iloc[0])) if len(newer) == 1 else None


def _layout_kinds(plan: str, role: str) -> set[str]:
    cat = load_catalogue()
    ents = cat.entities
    ents = ents[(ents["plan"] == plan) & (ents["column"] == cat.column_of(plan, role))]
    return set(ents["kind"])


# -- sea layout -------------------------------------------------------------------------------


def cluster_summary(plan: str | None = None) -> pd.DataFrame:
    """Return the make-up of each coastal cluster of a plan's sea-port layout.

    Parameters
    ----------
    plan : str, optional
        Default: the latest plan with a sea-port layout.

    Returns
    -------
    pandas.DataFrame
        One row per cluster in the plan's order: ``region_zh``, ``alias_zh``, ``n_main``,
        ``n_regional``, ``main_ports``, ``regional_ports`` (names as printed), ``coast_km``
        (geodesic length of the coast within 50 km of a member), ``hull_area_km2`` (buffered
        hull of the members) and ``positioning_zh`` (the plan's words), then a ``合计`` row of
        sums (counts, coast, hull areas).
    """
    c = pd.DataFrame(load_clusters(plan=plan).drop(columns=["geometry", "coast"]))
    cols = ["region_zh", "alias_zh", "n_main", "n_regional", "main_ports", "regional_ports",
            "coast_km", "hull_area_km2", "positioning_zh"]  # fmt: skip
    out = c[cols].reset_index(drop=True)
    total = {k: out[k].sum() for k in ("n_main", "n_regional", "coast_km", "hull_area_km2")}
    total_row = pd.DataFrame([{**dict.fromkeys(cols, ""), **total, "region_zh": "合计"}])
    return pd.concat([out, total_row], ignore_index=True)


def layout_changes(plan: str, *, role: str) -> pd.DataFrame:
    """Return the ports of a layout that changed between the plan and its comparison plan.

    Parameters
    ----------
    plan : str
        Plan id; compared as :func:`comparison_pair` says.
    role : str
        The layout: ``sea-layout``, ``border-layout`` or ``air-layout``.

    Returns
    -------
    pandas.DataFrame
        One row per changed port of the layout's kinds (unchanged ones left out), in the order
        of :data:`portgeo.rules.compare.CHANGE_LABELS`: ``change``, ``kind``, ``name_zh``,
        ``detail``, ``role_old``, ``role_new``, ``status_old``, ``status_new``, ``region_old``,
        ``region_new``; empty when the plan is compared with none.
    """
    cols = ["change", "kind", "name_zh", "detail", "role_old", "role_new", "status_old",
            "status_new", "region_old", "region_new"]  # fmt: skip
    pair = comparison_pair(plan)
    if pair is None:
        return pd.DataFrame(columns=cols)
    diff = compare_plans(*pair)
    kinds = _layout_kinds(pair[0], role) | _layout_kinds(pair[1], role)
    diff = diff[diff["kind"].isin(kinds) & (diff["change"] != "unchanged")]
    diff = pd.DataFrame(diff.drop(columns="geometry"))
    diff.columns = [c.replace("_13", "_old").replace("_14", "_new") for c in diff.columns]
    return diff[cols].reset_index(drop=True)


def region_changes(plan: str, *, role: str = "sea-layout") -> pd.DataFrame:
    """Return how the regions of a layout (clusters, belt regions) changed, matched by members.

    Parameters
    ----------
    plan : str
        Plan id; compared as :func:`comparison_pair` says.
    role : str, default "sea-layout"

    Returns
    -------
    pandas.DataFrame
        :func:`portgeo.rules.compare.compare_regions`: ``region_old``, ``region_new``,
        ``change``, ``shared``, ``n_old``, ``n_new``; empty when the plan is compared with none.
    """
    pair = comparison_pair(plan)
    if pair is None:
        return pd.DataFrame(columns=["region_old", "region_new", "change", "shared", "n_old",
                                     "n_new"])  # fmt: skip
    return compare_regions(*pair, role=role)


# -- border layout ----------------------------------------------------------------------------


def border_summary(plan: str | None = None) -> pd.DataFrame:
    """Return the border statistics per neighbour, per belt region and in total.

    Parameters
    ----------
    plan : str, optional
        Default: the latest plan with a border layout.

    Returns
    -------
    pandas.DataFrame
        :func:`portgeo.layout.belts.belt_statistics` with ``name_zh`` (the neighbour's name,
        the region's, or ``合计``) after ``level``.
    """
    stats = belts.belt_statistics(plan=plan)
    names = belts.load_border_segments().set_index("neighbor")["name_zh"]
    name = stats["key"].map(names).where(stats["level"] == "neighbor", stats["key"])
    stats.insert(1, "name_zh", name.where(stats["level"] != "total", "合计"))
    return stats.drop(columns="key")


def border_gaps(plan: str | None = None, *, top: int | None = 10) -> pd.DataFrame:
    """Return the longest stretches of border with no operating crossing.

    Parameters
    ----------
    plan : str, optional
        Default: the latest plan with a border layout.
    top : int or None, default 10
        How many to return, longest first (None: all).

    Returns
    -------
    pandas.DataFrame
        :func:`portgeo.layout.belts.border_gaps` without ``name_zh`` (``neighbor`` names the
        neighbour): ``neighbor``, ``region_zh``, ``part`` (the stretch of that border, counted
        from 1), ``from_name``, ``to_name``, ``start_km``, ``end_km``, ``length_km``.
    """
    gaps = belts.border_gaps(plan=plan).drop(columns="name_zh")
    gaps["part"] += 1
    return gaps if top is None else gaps.head(top).reset_index(drop=True)


# -- air layout -------------------------------------------------------------------------------


@dataclass(frozen=True)
class HubCoverage:
    """How the air hubs of a plan cover China.

    Attributes
    ----------
    hubs : pandas.DataFrame
        One row per hub in the plan's order: ``name_zh``, ``tier``, ``airports`` (IATA codes),
        ``circle_km2`` (the hub's circles within China), ``time_km2`` (its drive catchments
        within China), ``overlap_km2`` (the part of its circles that another hub's circles
        cover too) and ``n_overlapping`` (how many hubs' circles meet its own).
    overlaps : pandas.DataFrame
        One row per pair of hubs whose circles meet within China, largest first: ``hub_a``,
        ``hub_b`` (names), ``area_km2``, ``share_a``, ``share_b`` (percent of each hub's circles).
    uncovered : pandas.DataFrame
        Ground of China no hub covers: one row per measure (``circle``, ``time`` and ``both``,
        i.e. outside every circle and every drive catchment): ``measure``, ``threshold``,
        ``unit``, ``area_km2``, ``share`` (percent of China).
    source : str
        The road network the drive times come from (``approximate`` when it says so).
    """

    hubs: pd.DataFrame
    overlaps: pd.DataFrame
    uncovered: pd.DataFrame
    source: str


def hub_coverage(
    plan: str | None = None,
    *,
    network: RoadNetwork | None = None,
    max_km: float | None = None,
    max_minutes: float | None = None,
) -> HubCoverage:
    """Measure how a plan's air hubs cover China: circles, drive catchments, overlaps, gaps.

    A hub with several airports (Beijing PEK + PKX) covers the union of its airports' areas.
    Areas are equal-area km² of the part within China's polygon
    (:func:`portgeo.layout.boundaries.china_polygon`). Drive catchments are the ones the air-
    layout map draws (:func:`portgeo.roads.catchments.compute_catchments`: the roads reached,
    buffered by ``settings.catchment_buffer_m``, holes kept), so the numbers match the map.

    Parameters
    ----------
    plan : str, optional
        Default: the latest plan with an air-port layout.
    network : RoadNetwork, optional
        Road network for the drive catchments (default the offline graph).
    max_km, max_minutes : float, optional
        Circle radius and drive time (default ``settings.catchment_km`` / ``catchment_minutes``).

    Returns
    -------
    HubCoverage
    """
    airports = hub_airports(plan=plan)
    airports = airports[airports.geometry.notna()].reset_index(drop=True)
    net = network or load_network("offline")
    catch = compute_catchments(net, airports, kinds=("circle", "time"), max_km=max_km,
                               max_minutes=max_minutes, progress=False)  # fmt: skip
    catch["hub_id"] = catch["origin_id"].map(dict(zip(airports["id"], airports["hub_id"],
                                                      strict=True)))  # fmt: skip
    china = china_polygon()
    shapely.prepare(china)
    hubs = load_hubs(plan=plan).set_index("hub_id")
    per_hub: dict[str, gpd.GeoDataFrame] = {}
    for kind in ("circle", "time"):
        sub = catch[catch["kind"] == kind]
        geoms = [as_polygonal(shapely.intersection(shapely.union_all(g.geometry.to_numpy()), china))
                 for _, g in sub.groupby("hub_id", sort=False)]  # fmt: skip
        per_hub[kind] = gpd.GeoDataFrame(
            {"origin_id": list(sub.groupby("hub_id", sort=False).groups), "kind": kind},
            geometry=geoms, crs=4326,
        )  # fmt: skip
    pairs = catchment_overlaps(per_hub["circle"], kind="circle")
    shared = {
        hub: area_km2(shapely.union_all(
            pairs.loc[(pairs["origin_a"] == hub) | (pairs["origin_b"] == hub)].geometry.to_numpy()))
        for hub in per_hub["circle"]["origin_id"]
    }  # fmt: skip
    circle_area = {h: area_km2(g) for h, g in zip(per_hub["circle"]["origin_id"],
                                                  per_hub["circle"].geometry, strict=True)}  # fmt: skip
    time_area = {h: area_km2(g) for h, g in zip(per_hub["time"]["origin_id"],
                                                per_hub["time"].geometry, strict=True)}  # fmt: skip
    meets = pd.concat([pairs["origin_a"], pairs["origin_b"]]).value_counts()
    table = pd.DataFrame({
        "name_zh": hubs["name_zh"],
        "tier": hubs["tier"],
        "airports": hubs["airports"].str.replace(";", "、"),
        "circle_km2": [circle_area.get(h, 0.0) for h in hubs.index],
        "time_km2": [time_area.get(h, 0.0) for h in hubs.index],
        "overlap_km2": [shared.get(h, 0.0) for h in hubs.index],
        "n_overlapping": [int(meets.get(h, 0)) for h in hubs.index],
    }).reset_index(drop=True)  # fmt: skip
    names = hubs["name_zh"]
    overlaps = pd.DataFrame({
        "hub_a": pairs["origin_a"].map(names).to_numpy(),
        "hub_b": pairs["origin_b"].map(names).to_numpy(),
        "area_km2": pairs["area_km2"].to_numpy(),
        "share_a": 100.0 * pairs["share_a"].to_numpy(),
        "share_b": 100.0 * pairs["share_b"].to_numpy(),
    }).sort_values("area_km2", ascending=False, kind="stable").reset_index(drop=True)  # fmt: skip
    circles = shapely.union_all(catch.loc[catch["kind"] == "circle"].geometry.to_numpy())
    unc = uncovered_area(net, airports, max_minutes=max_minutes)
    no_time = unc.loc[unc["part"] == "uncovered"].geometry.iloc[0]
    no_circle = as_polygonal(shapely.difference(china, circles))
    neither = as_polygonal(shapely.difference(no_time, circles))
    total = area_km2(china)
    km = float(catch.loc[catch["kind"] == "circle", "threshold"].iloc[0])
    minutes = float(unc["threshold"].iloc[0])
    rows = [("circle", km, "km", no_circle), ("time", minutes, "min", no_time),
            ("both", np.nan, "", neither)]  # fmt: skip
    uncovered = pd.DataFrame(
        [(m, t, u, area_km2(g), 100.0 * area_km2(g) / total) for m, t, u, g in rows],
        columns=["measure", "threshold", "unit", "area_km2", "share"],
    )
    source = str(net.source) + (" (approximate)" if net.approximate else "")
    return HubCoverage(hubs=table, overlaps=overlaps, uncovered=uncovered, source=source)


# -- indicators, admission, volumes -----------------------------------------------------------


def indicator_table(plan: str | None = None) -> pd.DataFrame:
    """Return a plan's performance indicators as the plan defines them.

    Parameters
    ----------
    plan : str, optional
        Default: the latest plan with an indicators 专栏.

    Returns
    -------
    pandas.DataFrame
        ``data/rules/indicators_<plan>.csv``: ``seq``, ``name_zh``, ``name_en``, ``reflects_zh``,
        ``considers_zh``.
    """
    cat = load_catalogue()
    return cat.indicators[plan or cat.latest_plan("indicators")].copy()


def assessed_ports(plan: str | None = None) -> pd.DataFrame:
    """Count the ports of a plan's layout 专栏 (the ports its indicators assess), by kind.

    Parameters
    ----------
    plan : str, optional
        Default: the latest plan with an indicators 专栏.

    Returns
    -------
    pandas.DataFrame
        One row per kind (``sea``, ``road``, ``rail``, ``air``, ...) then ``total``: ``kind``,
        ``listed`` (entries as the plan lists them: a hub or 苏州 once), ``sites`` (located
        places: a hub's airports, 苏州's port areas), ``operating``, ``planned`` (listed).
    """
    cat = load_catalogue()
    plan = plan or cat.latest_plan("indicators")
    ents = cat.entities
    ents = ents[(ents["plan"] == plan) & ents["column"].isin(cat.layout_columns(plan))]
    top = ents[ents["parent"].isna()]
    rows = []
    for kind in dict.fromkeys(ents["kind"]):
        t = top[top["kind"] == kind]
        rows.append({"kind": kind, "listed": len(t),
                     "sites": int(ents.loc[ents["kind"] == kind, "site_id"].nunique()),
                     "operating": int((t["status"] == "operating").sum()),
                     "planned": int((t["status"] == "planned").sum())})  # fmt: skip
    out = pd.DataFrame(rows)
    total = out.drop(columns="kind").sum().to_dict()
    return pd.concat([out, pd.DataFrame([{"kind": "total", **total}])], ignore_index=True)


def admission_thresholds(plan: str | None = None) -> pd.DataFrame:
    """Return the airport admission rule's thresholds as a table, from the plan's data.

    Parameters
    ----------
    plan : str, optional
        Default: the latest plan with an admission 专栏
        (:func:`portgeo.rules.admission.load_admission_rule`).

    Returns
    -------
    pandas.DataFrame
        One row per threshold: ``criterion`` (Chinese label), ``setting_zh`` (the plan's name
        for the setting: 沿海地区, 内陆地区, 沿边地区; 全部 for every airport), ``value``,
        ``unit`` and ``note`` (what counts, in the data's words).
    """
    rule = load_admission_rule(plan)
    every = "全部"
    rows = [
        ("距已开放航空口岸直线距离", every, rule.min_distance_km, "公里", "每一个已开放航空口岸"),
        ("距已开放航空口岸车程", every, rule.min_drive_min / 60.0, "小时", "每一个已开放航空口岸"),
    ]
    for s in SETTINGS:
        zh = rule.setting_labels.get(s, s)
        rows.append(("固定直达航线", zh, rule.min_routes[s], "条", rule.routes_scope.get(s, "")))
        rows.append(("年度旅客吞吐量峰值", zh, rule.min_passengers[s] / 1e4, "万人次", ""))
    rows.append(("批准开放后未通过验收", "省级行政区域", rule.unaccepted_years, "年",
                 "已满此年数仍未验收：从严控制"))  # fmt: skip
    rows.append(("未达客货运量标准的航空口岸", "省级行政区域", rule.min_ports_below_standard, "个",
                 "达到此数（以上含本数）：从严控制"))  # fmt: skip
    return pd.DataFrame(rows, columns=["criterion", "setting_zh", "value", "unit", "note"])


def open_port_sources(as_of: str | None = None) -> pd.DataFrame:
    """Count the opened air ports the admission check compares a candidate with.

    Parameters
    ----------
    as_of : str, optional
        Analysis date (``YYYY[-MM[-DD]]``; default today).

    Returns
    -------
    pandas.DataFrame
        From the register at the date: ``source`` (a hub of the air-port layout 专栏 of the
        admission plan, another opened air port, or a port whose opening state at the date the
        register cannot tell) and ``airports`` (count), then ``合计``.
    """
    cat = load_catalogue()
    rule = load_admission_rule()
    ops = load_open_air_ports(as_of=as_of_date(as_of), kinds=rule.opened_kinds)
    table = ops.table
    plan = cat.latest_plan("admission")
    col = cat.column_info(plan, cat.column_of(plan, "air-layout"))
    assert ops.register is not None  # the register, not a user's file
    hub_of = ops.register.set_index("id")["hub_entity"]
    is_hub = table["id"].map(hub_of).map(lambda v: not is_blank(v))
    known = table["open"] == True  # noqa: E712
    n_hub = int((is_hub & known).sum())
    label = f"{cat.plan(plan)['short_zh']}{col['label_zh']} {col['title_zh']}（枢纽机场）"
    counts = [n_hub, int(known.sum()) - n_hub, int((~known).sum())]
    return pd.DataFrame({
        "source": [label, "其他已开放航空口岸 other opened air ports",
                   "开放状态不明 opening state unknown", "合计"],
        "airports": [*counts, sum(counts)],
    })  # fmt: skip


def eligibility_summary(
    *, as_of: str | None = None, cell_km: float = 10.0, network: str = "offline"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Say where the spacing rule would admit a new air port, and which airports stand there.

    Parameters
    ----------
    as_of : str, optional
        Analysis date of the register (default today).
    cell_km : float, default 10
        Grid resolution (``portgeo eligibility`` defaults to 5 km).
    network : str, default "offline"
        Road network source.

    Returns
    -------
    summary, airports : pandas.DataFrame
        :meth:`portgeo.rules.admission.surface.Eligibility.summary` (areas per reading and
        class) and the airports of airportsdata the rule would admit under the rule's default
        reading (:func:`portgeo.rules.admission.surface.admissible_airports`), farthest first.
    """
    rule = load_admission_rule()
    ops = load_open_air_ports(as_of=as_of_date(as_of), kinds=rule.opened_kinds)
    elig = compute_eligibility(load_network(network), ops, rule, cell_km=cell_km)
    admitted = elig.airports[elig.airports[rule.default_reading] == True]  # noqa: E712
    return elig.summary(), admitted.reset_index(drop=True)


def volume_standards(plan: str | None = None) -> pd.DataFrame:
    """Return a plan's annual volume standards, one row per category.

    Parameters
    ----------
    plan : str, optional
        Default: the latest plan with volume standards.

    Returns
    -------
    pandas.DataFrame
        :func:`portgeo.rules.volumes.volume_standards_table` without the category code:
        ``category_zh``, ``cargo_10k_tonnes``, ``passengers_10k`` (NaN where the plan gives no
        figure).
    """
    return volume_standards_table(plan=plan).drop(columns="category")


def volume_template_guide() -> pd.DataFrame:
    """Describe each column of the volumes template, from the template's own comments.

    Returns
    -------
    pandas.DataFrame
        ``column`` (:data:`portgeo.rules.volumes.TEMPLATE_COLUMNS`, in order) and
        ``description`` (the template's comment on it: one ``# column  description`` line
        each).
    """
    path = data_path("templates", "port_volumes_template.csv")
    notes: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, rest = line.lstrip("#").strip().partition(" ")
        if line.startswith("#") and word in TEMPLATE_COLUMNS:
            notes[word] = rest.strip()
    return pd.DataFrame({"column": list(TEMPLATE_COLUMNS),
                         "description": [notes.get(c, "") for c in TEMPLATE_COLUMNS]})  # fmt: skip


# -- projects -------------------------------------------------------------------------------------


def project_counts(
    plan: str, column: int, *, by: Sequence[str] = ("mode", "action"), missing: str = NOT_STATED
) -> pd.DataFrame:
    """Count a 专栏's rows by two of their fields (e.g. mode and action, city and mode).

    Parameters
    ----------
    plan : str
        Plan id.
    column : int
        专栏 number.
    by : pair of str, default ("mode", "action")
        Catalogue columns: rows, then columns of the table. ``mode`` is the transport mode,
        or the kind for a row without one (``project`` for a modeless programme).
    missing : str, default "（未注明）"
        Label of rows where the field is empty.

    Returns
    -------
    pandas.DataFrame
        First column ``by[0]`` (its values, in the plan's order), one column per value of
        ``by[1]`` (in the plan's order), ``total``; a last row ``total``.

    Raises
    ------
    portgeo.errors.InputError
        ``by`` is not two catalogue columns.
    """
    ents = load_entities(plan=plan, column=column).sort_values("seq", kind="stable")
    if len(by) != 2 or any(b not in ents.columns for b in by):
        raise InputError(f"by= must name two catalogue columns, not {tuple(by)!r}")
    df = pd.DataFrame(ents.drop(columns="geometry"))
    df["mode"] = df["mode"].where(df["mode"].notna(), df["kind"])
    rows_key, cols_key = by
    a = df[rows_key].astype("object").where(df[rows_key].notna(), missing)
    b = df[cols_key].astype("object").where(df[cols_key].notna(), missing)
    table = pd.crosstab(a, b)
    table = table.reindex(index=list(dict.fromkeys(a)), columns=list(dict.fromkeys(b)))
    table["total"] = table.sum(axis=1)
    table.loc["total"] = table.sum(axis=0)
    table.index.name = rows_key
    table.columns.name = None
    return table.reset_index()


def project_lengths(plan: str, column: int) -> pd.DataFrame:
    """Return the length of each line project of a 专栏 (关口前移 or cross-border link).

    Parameters
    ----------
    plan : str
        Plan id.
    column : int
        专栏 number; its ``links`` in ``data/plans/columns.csv`` says what the lines are.

    Returns
    -------
    pandas.DataFrame
        From :func:`portgeo.layout.projects.project_lines`: ``name_zh``, ``mode``, ``status``,
        ``neighbor``, ``action``, ``length_km`` (geodesic, end to end), longest first.
    """
    lines = project_lines(plan, column)
    cols = ["name_zh", "mode", "status", "neighbor", "action", "length_km"]
    out = pd.DataFrame(lines[cols])
    return out.sort_values("length_km", ascending=False, kind="stable").reset_index(drop=True)


# -- comparison -----------------------------------------------------------------------------------


def comparison_counts(old: str | None = None, new: str | None = None) -> pd.DataFrame:
    """Count the layout ports of two plans by change and kind.

    Parameters
    ----------
    old, new : str, optional
        Plan ids (default: a plan and its baseline, :func:`portgeo.rules.compare.default_pair`).

    Returns
    -------
    pandas.DataFrame
        ``change`` (in the order of :data:`portgeo.rules.compare.CHANGE_LABELS`), one column per
        kind, ``total``; a last row ``total``.
    """
    diff = compare_plans(old, new)
    table = pd.crosstab(diff["change"], diff["kind"])
    order = [c for c in CHANGE_LABELS if c in table.index]
    kinds = [k for k in ("sea", "river", "road", "rail", "air") if k in table.columns]
    table = table.reindex(index=order, columns=kinds + [k for k in table.columns if k not in kinds])
    table["total"] = table.sum(axis=1)
    table.loc["total"] = table.sum(axis=0)
    table.index.name = "change"
    table.columns.name = None
    return table.reset_index()


def changed_ports(
    old: str | None = None,
    new: str | None = None,
    *,
    changes: Sequence[str] = ("promoted", "added", "dropped"),
) -> pd.DataFrame:
    """List the layout ports of two plans with one of the given changes.

    Parameters
    ----------
    old, new : str, optional
        Plan ids (default: a plan and its baseline).
    changes : sequence of str, default ("promoted", "added", "dropped")
        Keys of :data:`portgeo.rules.compare.CHANGE_LABELS`.

    Returns
    -------
    pandas.DataFrame
        ``change``, ``kind``, ``name_zh``, ``detail``, ``role_old``, ``role_new``,
        ``region_old``, ``region_new``, in the order of the changes.

    Raises
    ------
    portgeo.errors.InputError
        An unknown change.
    """
    bad = [c for c in changes if c not in CHANGE_LABELS]
    if bad:
        raise InputError(f"unknown change(s) {bad}; choose from {', '.join(CHANGE_LABELS)}")
    diff = pd.DataFrame(compare_plans(old, new).drop(columns="geometry"))
    diff.columns = [c.replace("_13", "_old").replace("_14", "_new") for c in diff.columns]
    diff = diff[diff["change"].isin(changes)]
    diff = diff.sort_values("change", key=lambda s: s.map(list(changes).index), kind="stable")
    cols = ["change", "kind", "name_zh", "detail", "role_old", "role_new", "region_old",
            "region_new"]  # fmt: skip
    return diff[cols].reset_index(drop=True)
