"""Air hubs: the air-port layout 专栏 of the national plans (the 14th's 39 hubs, the 13th's tiers).

A hub is a city row of the catalogue; its airports are the child rows (``parent``), each located
by IATA code through ``airportsdata`` or an explained override (see :mod:`portgeo.catalogue`).
The tier is the catalogue's ``role``: ``international-hub`` / ``regional-hub`` in the 14th plan,
``global-hub`` / ``gateway-hub`` / ``regional-hub`` in the 13th, whose gateway hubs also carry the
direction they face in ``region`` (南亚和东南亚, 中亚, 东北亚).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from portgeo.catalogue import load_catalogue, load_entities

__all__ = ["TIER_ORDER", "hub_airports", "load_hubs"]

#: Display order of the tiers.
TIER_ORDER: tuple[str, ...] = ("global-hub", "international-hub", "gateway-hub", "regional-hub")


def _plan(plan: str | None) -> str:
    return plan or load_catalogue().latest_plan("air-layout")


def _air_rows(plan: str) -> gpd.GeoDataFrame:
    ents = load_entities(plan=plan, column=load_catalogue().column_of(plan, "air-layout"))
    return ents[ents["kind"] == "air"].copy()


def hub_airports(*, plan: str | None = None) -> gpd.GeoDataFrame:
    """Return every airport of every air hub of a plan, one row per airport.

    Parameters
    ----------
    plan : str, optional
        A plan with an air-port layout 专栏 (role ``air-layout`` in ``data/plans/columns.csv``);
        default the latest (:meth:`portgeo.catalogue.Catalogue.latest_plan`).

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, Point geometry (None if an airport is not located). Columns ``plan``,
        ``hub_id``, ``hub_name_zh``, ``hub_name_en``, ``tier`` (role of the hub), ``direction``
        (13th gateway hubs: the region faced; else empty), ``id`` (airport entity id), ``iata``,
        ``name_zh``, ``site_id``, ``precision``, ``coord_source``, ``geometry``.
    """
    plan = _plan(plan)
    rows = _air_rows(plan)
    is_child = rows["parent"].notna() & (rows["parent"] != "")
    hubs = rows[~is_child].set_index("id")
    airports = rows[is_child].copy()
    # a hub without child rows is its own airport
    lone = hubs[~hubs.index.isin(airports["parent"])]
    lone_airports = lone.reset_index().assign(parent=lambda d: d["id"])
    airports = pd.concat([airports, lone_airports], ignore_index=True)
    hub = hubs.reindex(airports["parent"])
    out = pd.DataFrame(
        {
            "plan": plan,
            "hub_id": airports["parent"].to_numpy(),
            "hub_name_zh": hub["name_zh"].to_numpy(),
            "hub_name_en": hub["name_en"].to_numpy(),
            "tier": hub["role"].to_numpy(),
            "direction": hub["region"].fillna("").to_numpy(),
            "id": airports["id"].to_numpy(),
            "iata": airports["iata"].fillna("").to_numpy(),
            "name_zh": airports["name_zh"].to_numpy(),
            "site_id": airports["site_id"].fillna("").to_numpy(),
            "precision": airports["precision"].fillna("").to_numpy(),
            "coord_source": airports["coord_source"].fillna("").to_numpy(),
        }
    )
    return gpd.GeoDataFrame(out, geometry=airports.geometry.to_numpy(), crs="EPSG:4326")


def load_hubs(*, plan: str | None = None) -> gpd.GeoDataFrame:
    """Return the air hubs of a plan, one row per hub with all its airports.

    Parameters
    ----------
    plan : str, optional
        A plan with an air-port layout 专栏 (role ``air-layout`` in ``data/plans/columns.csv``);
        default the latest (:meth:`portgeo.catalogue.Catalogue.latest_plan`).

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, in the plan's order. Columns ``plan``, ``hub_id``, ``name_zh``, ``name_en``,
        ``tier``, ``direction`` (13th gateway hubs), ``airports`` (``;``-joined IATA codes),
        ``n_airports``, ``geometry`` (MultiPoint of the located airports).
    """
    plan = _plan(plan)
    air = hub_airports(plan=plan)
    rows = _air_rows(plan)
    top = rows[rows["parent"].isna() | (rows["parent"] == "")].sort_values("seq")
    recs = []
    for hub in top.itertuples():
        a = air[air["hub_id"] == hub.id]
        pts = [g for g in a.geometry if g is not None and not g.is_empty]
        recs.append(
            {
                "plan": plan,
                "hub_id": hub.id,
                "name_zh": hub.name_zh,
                "name_en": hub.name_en,
                "tier": hub.role,
                "direction": hub.region if isinstance(hub.region, str) else "",
                "airports": ";".join(a["iata"]),
                "n_airports": len(a),
                "geometry": shapely.MultiPoint(pts) if pts else None,
            }
        )
    out = gpd.GeoDataFrame(recs, geometry="geometry", crs="EPSG:4326")
    order = {t: i for i, t in enumerate(TIER_ORDER)}
    out["_o"] = out["tier"].map(order).fillna(len(order))
    out = out.sort_values("_o", kind="stable").drop(columns="_o").reset_index(drop=True)
    out["n_airports"] = out["n_airports"].astype(np.int64)
    return out
