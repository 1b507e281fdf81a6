"""Coastal port clusters (national 14th plan 专栏2, national 13th plan 专栏1) as geometries.

Each of the five clusters gets two geometries, both geodesic:

- ``hull``: the convex hull of its located member ports, buffered by ``hull_buffer_km``. Hull and
  buffer are computed in an azimuthal equidistant projection centred on the members' centroid
  (clusters span at most ~800 km, so the scale error at the hull's edge stays below 0.1 %).
- ``coast``: **the stretch of China's coastline within ``coast_km`` (geodesic) of any member
  port** (:func:`portgeo.belts.load_coastline` ∩ geodesic circles). This choice, rather than
  "the coastline between the two extreme members", handles island ports (Hainan, Zhoushan)
  and river ports the same way: a Yangtze port 300 km inland (南京, 镇江) adds no coast of its
  own, which is the honest answer.

Members, roles (``main`` / ``regional``), cluster names and positioning text all come from the
catalogue (``data/plans/*.csv`` and ``data/plans/regions.csv``); nothing is hard-coded here.
"""

from __future__ import annotations

import logging

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

from portgeo.errors import InputError
from portgeo.geodesy import GEOD, geodesic_circle, local_aeqd_crs

__all__ = ["cluster_members", "compare_clusters", "load_clusters"]

log = logging.getLogger(__name__)

#: 专栏 number of the sea-port layout in each plan.
_SEA_COLUMN = {"national-14": 2, "national-13": 1}


def _column_for(plan: str) -> int:
    if plan not in _SEA_COLUMN:
        raise InputError(f"plan must be one of {tuple(_SEA_COLUMN)} for clusters, not {plan!r}")
    return _SEA_COLUMN[plan]


def cluster_members(*, plan: str = "national-14") -> gpd.GeoDataFrame:
    """Return the member ports of the coastal clusters of a plan.

    Parameters
    ----------
    plan : {"national-14", "national-13"}
        The plan.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, one row per catalogue entity of the sea-port column (group rows such as 苏州
        included, without geometry; their port areas carry ``parent``). Columns as
        :func:`portgeo.catalogue.load_entities` plus ``key``: the port's identity across plans
        (``site_id``, or for group rows the id without its plan prefix).
    """
    from portgeo.catalogue import load_entities

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
    *, plan: str = "national-14", coast_km: float = 50.0, hull_buffer_km: float = 30.0
) -> gpd.GeoDataFrame:
    """Build the five coastal clusters of a plan as geometries.

    Parameters
    ----------
    plan : {"national-14", "national-13"}
        The plan.
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
    from portgeo.belts import load_coastline
    from portgeo.catalogue import load_catalogue

    if coast_km <= 0 or hull_buffer_km < 0:
        raise InputError("coast_km must be positive and hull_buffer_km non-negative")
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


def compare_clusters(*, old: str = "national-13", new: str = "national-14") -> pd.DataFrame:
    """List how the coastal clusters changed from one plan to the next.

    Ports are matched across plans by their site (``key`` of :func:`cluster_members`); clusters
    are matched by their members (the old cluster sharing most ports with a new one), so a
    cluster that keeps its ports under a new name shows as ``renamed``.

    Parameters
    ----------
    old, new : {"national-13", "national-14"}
        The two plans.

    Returns
    -------
    pandas.DataFrame
        One row per change. Columns ``change`` (``renamed``, ``promoted`` regional → main,
        ``demoted`` main → regional, ``moved`` to another cluster, ``added``, ``removed``),
        ``key``, ``name_zh`` (new name if present, else old), ``region_old``, ``region_new``,
        ``role_old``, ``role_new``, ``id_old``, ``id_new``. Empty when nothing changed.
    """
    a = cluster_members(plan=old)
    b = cluster_members(plan=new)
    a = a[a["parent"].isna() | (a["parent"] == "")]
    b = b[b["parent"].isna() | (b["parent"] == "")]
    # match clusters by shared members
    rename: dict[str, str] = {}
    for reg_old, grp in a.groupby("region", sort=False):
        counts = b[b["key"].isin(grp["key"])].groupby("region").size()
        if len(counts):
            rename[reg_old] = str(counts.idxmax())
    rows = []
    for reg_old, reg_new in rename.items():
        if reg_old != reg_new:
            rows.append({"change": "renamed", "key": "", "name_zh": reg_new, "region_old": reg_old,
                         "region_new": reg_new, "role_old": "", "role_new": "", "id_old": "",
                         "id_new": ""})  # fmt: skip
    merged = a.merge(b, on="key", how="outer", suffixes=("_old", "_new"), indicator="side")
    for r in merged.itertuples():
        name = r.name_zh_new if isinstance(r.name_zh_new, str) else r.name_zh_old
        rec = {"key": r.key, "name_zh": name,
               "region_old": r.region_old if isinstance(r.region_old, str) else "",
               "region_new": r.region_new if isinstance(r.region_new, str) else "",
               "role_old": r.role_old if isinstance(r.role_old, str) else "",
               "role_new": r.role_new if isinstance(r.role_new, str) else "",
               "id_old": r.id_old if isinstance(r.id_old, str) else "",
               "id_new": r.id_new if isinstance(r.id_new, str) else ""}  # fmt: skip
        if r.side == "left_only":
            rows.append({"change": "removed", **rec})
            continue
        if r.side == "right_only":
            rows.append({"change": "added", **rec})
            continue
        if rename.get(r.region_old, r.region_old) != r.region_new:
            rows.append({"change": "moved", **rec})
        if r.role_old == "regional" and r.role_new == "main":
            rows.append({"change": "promoted", **rec})
        elif r.role_old == "main" and r.role_new == "regional":
            rows.append({"change": "demoted", **rec})
    cols = ["change", "key", "name_zh", "region_old", "region_new", "role_old", "role_new",
            "id_old", "id_new"]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)
