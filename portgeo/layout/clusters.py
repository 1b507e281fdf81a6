"""Coastal port clusters (the sea-port layout 专栏 of the national plans) as geometries.

Each of the five clusters gets two geometries, both geodesic:

- ``hull``: the convex hull of its located member ports, buffered by ``hull_buffer_km``. Hull and
  buffer are computed in an azimuthal equidistant projection centred on the members' centroid
  (clusters span at most ~800 km, so the scale error at the hull's edge stays below 0.1 %).
- ``coast``: **the stretch of China's coastline within ``coast_km`` (geodesic) of any member
  port** (:func:`portgeo.layout.borders.load_coastline` ∩ geodesic circles). This choice, rather than
  "the coastline between the two extreme members", handles island ports (Hainan, Zhoushan)
  and river ports the same way: a Yangtze port 300 km inland (南京, 镇江) adds no coast of its
  own, which is the honest answer.

Members, roles (``main`` / ``regional``), cluster names and positioning text all come from the
catalogue (``data/plans/*.csv`` and ``data/plans/regions.csv``), and which 专栏 is the sea-port
layout from ``data/plans/columns.csv`` (role ``sea-layout``); nothing is hard-coded here. How the
clusters changed between plans is :func:`portgeo.rules.compare.compare_plans` (ports) and
:func:`portgeo.rules.compare.compare_regions` (cluster names).
"""

from __future__ import annotations

import logging

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

from portgeo.catalogue import load_catalogue, load_entities
from portgeo.errors import InputError
from portgeo.geo.geodesy import GEOD, geodesic_circle, local_aeqd_crs
from portgeo.layout.borders import load_coastline

__all__ = ["cluster_members", "load_clusters"]

log = logging.getLogger(__name__)


def _column_for(plan: str) -> int:
    """Return the plan's sea-port layout 专栏 (InputError when the plan has none)."""
    return load_catalogue().column_of(plan, "sea-layout")


def cluster_members(*, plan: str | None = None) -> gpd.GeoDataFrame:
    """Return the member ports of the coastal clusters of a plan.

    Parameters
    ----------
    plan : str, optional
        A plan with a sea-port layout 专栏 (role ``sea-layout`` in ``data/plans/columns.csv``);
        default the latest (:meth:`portgeo.catalogue.Catalogue.latest_plan`).

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, one row per catalogue entity of the sea-port column (group rows such as 苏州
        included, without geometry; their port areas carry ``parent``). Columns as
        :func:`portgeo.catalogue.load_entities` plus ``key``: the port's identity across plans
        (``site_id``, or for group rows the id without its plan prefix).
    """
    plan = plan or load_catalogue().latest_plan("sea-layout")
    ents = load_entities(plan=plan, column=_column_for(plan))
    ents = ents[ents["kind"] == "sea"].copy()
    slug = ents["id"].str.split("-", n=2).str[2]
    site = ents["site_id"].where(ents["site_id"].notna() & (ents["site_id"] != ""), None)
    ents["key"] = site.fillna(slug)
    return ents.reset_index(drop=True)


def _hull(points: np.ndarray, buffer_m: float) -> shapely.Geometry:
    centre = points.mean(axis=0)
    crs = local_aeqd_crs(float(centre[0]), float(centre[1]))
    fwd = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    inv = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    x, y = fwd.transform(points[:, 0], points[:, 1])
    hull = shapely.convex_hull(shapely.multipoints(np.column_stack([x, y])))
    buf = shapely.buffer(hull, buffer_m, quad_segs=32)
    # densify so the back-projected edges follow the projected ones closely
    buf = shapely.segmentize(buf, 5000.0)
    out = shapely.transform(buf, lambda c: np.column_stack(inv.transform(c[:, 0], c[:, 1])))
    return out if out.is_valid else shapely.make_valid(out)


def _names(df: pd.DataFrame, role: str) -> str:
    top = df[(df["role"] == role) & (df["parent"].isna() | (df["parent"] == ""))]
    return "、".join(top.sort_values("seq")["name_zh"])


def load_clusters(
    *, plan: str | None = None, coast_km: float = 50.0, hull_buffer_km: float = 30.0
) -> gpd.GeoDataFrame:
    """Build the five coastal clusters of a plan as geometries.

    Parameters
    ----------
    plan : str, optional
        A plan with a sea-port layout 专栏 (role ``sea-layout`` in ``data/plans/columns.csv``);
        default the latest (:meth:`portgeo.catalogue.Catalogue.latest_plan`).
    coast_km : float, default 50
        The cluster's coast is the coastline within this geodesic distance of a member port.
    hull_buffer_km : float, default 30
        Geodesic buffer around the convex hull of the members.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, one row per cluster in the plan's order. Columns ``plan``, ``region_zh``,
        ``region_en``, ``alias_zh``, ``positioning_zh``, ``main_ports`` and ``regional_ports``
        (names as printed, ``、``-joined; groups such as 苏州 by their own name), ``main_ids``
        and ``regional_ids`` (``;``-joined entity ids of the located ports), ``n_main``,
        ``n_regional`` (top-level rows), ``coast_km`` (geodesic length of the coast stretch),
        ``hull_area_km2``, ``coast`` (GeoSeries: MultiLineString coast stretch) and ``geometry``
        (the buffered hull, active geometry).
    """
    if coast_km <= 0 or hull_buffer_km < 0:
        raise InputError("coast_km must be positive and hull_buffer_km non-negative")
    plan = plan or load_catalogue().latest_plan("sea-layout")
    members = cluster_members(plan=plan)
    regions = load_catalogue().regions
    regions = regions[
        (regions["plan"] == plan) & (regions["column"].astype(int) == _column_for(plan))
    ]
    coast = load_coastline()
    rows = []
    for reg in regions.itertuples():
        m = members[members["region"] == reg.region_zh]
        if m.empty:
            log.warning(
                "cluster %s of %s has no member ports in the catalogue", reg.region_zh, plan
            )
        located = m[m.geometry.notna()]
        pts = np.column_stack([located.geometry.x, located.geometry.y]) if len(located) else None
        if pts is not None:
            circles = shapely.union_all([geodesic_circle(x, y, coast_km * 1000.0) for x, y in pts])
            stretch = shapely.intersection(coast, circles)
            stretch = shapely.line_merge(stretch) if not stretch.is_empty else stretch
            stretch = shapely.MultiLineString(
                [g for g in shapely.get_parts(stretch) if g.geom_type == "LineString"]
            )
            hull = _hull(pts, hull_buffer_km * 1000.0)
        else:
            stretch, hull = shapely.MultiLineString(), shapely.Polygon()
        main = located[located["role"] == "main"]
        regional = located[located["role"] == "regional"]
        rows.append(
            {
                "plan": plan,
                "region_zh": reg.region_zh,
                "region_en": reg.region_en,
                "alias_zh": reg.alias_zh if isinstance(reg.alias_zh, str) else "",
                "positioning_zh": reg.positioning_zh if isinstance(reg.positioning_zh, str) else "",
                "main_ports": _names(m, "main"),
                "regional_ports": _names(m, "regional"),
                "main_ids": ";".join(main["id"]),
                "regional_ids": ";".join(regional["id"]),
                "n_main": int(((m["role"] == "main") & m["parent"].isna()).sum()),
                "n_regional": int(((m["role"] == "regional") & m["parent"].isna()).sum()),
                "coast_km": GEOD.geometry_length(stretch) / 1000.0 if not stretch.is_empty else 0.0,
                "hull_area_km2": abs(GEOD.geometry_area_perimeter(hull)[0]) / 1e6,
                "coast": stretch,
                "geometry": hull,
            }
        )
    out = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    out["coast"] = gpd.GeoSeries(out["coast"], crs="EPSG:4326")
    return out
