"""The layout 专栏 (sea clusters, border belts, air hubs), and which plans are compared.

See :mod:`portgeo.summaries`.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from portgeo._data import is_blank
from portgeo.catalogue import load_catalogue
from portgeo.geo.polygons import area_km2, as_polygonal
from portgeo.layout import belts
from portgeo.layout.boundaries import china_polygon
from portgeo.layout.clusters import load_clusters
from portgeo.layout.hubs import hub_airports, load_hubs
from portgeo.roads.catchments import compute_catchments
from portgeo.roads.coverage import catchment_overlaps, uncovered_area
from portgeo.roads.load import load_network
from portgeo.roads.network import RoadNetwork
from portgeo.rules.admission import load_admission_rule
from portgeo.rules.compare import compare_plans, compare_regions

__all__ = [
    "HubCoverage",
    "border_gaps",
    "border_summary",
    "cluster_summary",
    "comparison_pair",
    "hub_coverage",
    "layout_changes",
    "region_changes",
]

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
    """Return the longest stretches of border with no listed crossing.

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
        Circle radius and drive time (default the admission rule's spacing,
        ``data/rules/admission_<plan>.yaml`` ``airport.spacing``: see
        :func:`portgeo.rules.admission.load_admission_rule`).

    Returns
    -------
    HubCoverage
    """
    rule = load_admission_rule()
    km = rule.min_distance_km if max_km is None else max_km
    minutes = rule.min_drive_min if max_minutes is None else max_minutes
    airports = hub_airports(plan=plan)
    airports = airports[airports.geometry.notna()].reset_index(drop=True)
    net = network or load_network("offline")
    catch = compute_catchments(net, airports, kinds=("circle", "time"), max_km=km,
                               max_minutes=minutes, progress=False)  # fmt: skip
    catch["hub_id"] = catch["origin_id"].map(dict(zip(airports["id"], airports["hub_id"],
                                                      strict=True)))  # fmt: skip
    china = china_polygon()
    shapely.prepare(china)
    per_hub = {kind: _hub_areas(catch[catch["kind"] == kind], kind, china)
               for kind in ("circle", "time")}  # fmt: skip
    pairs = catchment_overlaps(per_hub["circle"], kind="circle")
    hubs = load_hubs(plan=plan).set_index("hub_id")
    unc = uncovered_area(net, airports, max_minutes=minutes)
    source = str(net.source) + (" (approximate)" if net.approximate else "")
    return HubCoverage(
        hubs=_hub_table(hubs, per_hub, pairs),
        overlaps=_overlap_table(pairs, hubs["name_zh"]),
        uncovered=_uncovered_table(catch, unc, china),
        source=source,
    )


def _hub_areas(sub: gpd.GeoDataFrame, kind: str, china: shapely.Geometry) -> gpd.GeoDataFrame:
    """Union each hub's areas of one kind, within China (one row per hub)."""
    groups = sub.groupby("hub_id", sort=False)
    geoms = [as_polygonal(shapely.intersection(shapely.union_all(g.geometry.to_numpy()), china))
             for _, g in groups]  # fmt: skip
    return gpd.GeoDataFrame({"origin_id": list(groups.groups), "kind": kind}, geometry=geoms,
                            crs=4326)  # fmt: skip


def _hub_table(
    hubs: pd.DataFrame, per_hub: dict[str, gpd.GeoDataFrame], pairs: gpd.GeoDataFrame
) -> pd.DataFrame:
    """Tabulate each hub's circles, drive catchments and the circles it shares (km²)."""
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
    return pd.DataFrame({
        "name_zh": hubs["name_zh"],
        "tier": hubs["tier"],
        "airports": hubs["airports"].str.replace(";", "、"),
        "circle_km2": [circle_area.get(h, 0.0) for h in hubs.index],
        "time_km2": [time_area.get(h, 0.0) for h in hubs.index],
        "overlap_km2": [shared.get(h, 0.0) for h in hubs.index],
        "n_overlapping": [int(meets.get(h, 0)) for h in hubs.index],
    }).reset_index(drop=True)  # fmt: skip


def _overlap_table(pairs: gpd.GeoDataFrame, names: pd.Series) -> pd.DataFrame:
    """Tabulate the pairs of hubs whose circles meet, largest first (shares in percent)."""
    return pd.DataFrame({
        "hub_a": pairs["origin_a"].map(names).to_numpy(),
        "hub_b": pairs["origin_b"].map(names).to_numpy(),
        "area_km2": pairs["area_km2"].to_numpy(),
        "share_a": 100.0 * pairs["share_a"].to_numpy(),
        "share_b": 100.0 * pairs["share_b"].to_numpy(),
    }).sort_values("area_km2", ascending=False, kind="stable").reset_index(drop=True)  # fmt: skip


def _uncovered_table(
    catch: gpd.GeoDataFrame, unc: gpd.GeoDataFrame, china: shapely.Geometry
) -> pd.DataFrame:
    """Measure the ground of China outside every circle, every drive catchment, and both."""
    circles = shapely.union_all(catch.loc[catch["kind"] == "circle"].geometry.to_numpy())
    no_time = unc.loc[unc["part"] == "uncovered"].geometry.iloc[0]
    no_circle = as_polygonal(shapely.difference(china, circles))
    neither = as_polygonal(shapely.difference(no_time, circles))
    total = area_km2(china)
    km = float(catch.loc[catch["kind"] == "circle", "threshold"].iloc[0])
    minutes = float(unc["threshold"].iloc[0])
    rows = [("circle", km, "km", no_circle), ("time", minutes, "min", no_time),
            ("both", np.nan, "", neither)]  # fmt: skip
    return pd.DataFrame(
        [(m, t, u, area_km2(g), 100.0 * area_km2(g) / total) for m, t, u, g in rows],
        columns=["measure", "threshold", "unit", "area_km2", "share"],
    )
