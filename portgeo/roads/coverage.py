"""Many origins at once: every node's nearest origin, the ground no origin covers, overlaps.

One multi-source search from all origins (:func:`portgeo.roads.kernels.search`) answers
:func:`reach_from_sources` and :func:`uncovered_area`; :func:`catchment_overlaps` measures the
pairwise overlaps of catchments from :func:`portgeo.roads.catchments.compute_catchments`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from portgeo.geo.polygons import CHINA_ALBERS, area_km2, as_polygonal
from portgeo.layout.boundaries import china_polygon
from portgeo.roads import kernels as ga
from portgeo.roads.catchments import catchment_polygon, check_shape, default_thresholds
from portgeo.roads.network import RoadNetwork
from portgeo.roads.snapping import origin_points, snap_points

__all__ = ["catchment_overlaps", "reach_from_sources", "uncovered_area"]

log = logging.getLogger(__name__)


def reach_from_sources(
    net: RoadNetwork,
    points: gpd.GeoDataFrame | Sequence[tuple[float, float]],
    *,
    max_minutes: float | None = None,
    max_km: float | None = None,
    max_snap_m: float | None = None,
) -> pd.DataFrame:
    """Give every node its drive time and road distance to the nearest of several origins.

    Two searches (time, distance), each ONE pass over the network from all origins at once.

    Parameters
    ----------
    net : RoadNetwork
    points : GeoDataFrame or list of (lon, lat)
        Origins (e.g. every opened air port).
    max_minutes, max_km : float, optional
        Stop the searches there (default: no limit).
    max_snap_m : float, optional

    Returns
    -------
    pandas.DataFrame
        Indexed by node number: ``lon, lat, minutes, km, origin_time`` (id of the origin
        nearest in time), ``origin_km`` (nearest in road distance); inf / None where not reached.
    """
    ids, lons, lats = origin_points(points)
    snaps = snap_points(net, lons, lats, max_snap_m=max_snap_m, labels=ids)
    lim_t = np.inf if max_minutes is None else float(max_minutes) * 60.0
    lim_d = np.inf if max_km is None else float(max_km) * 1000.0
    dt, ot, _ = ga.search(
        net.csr("time"), snaps["node"].to_numpy(), snaps["access_s"].to_numpy(), limit=lim_t
    )
    dd, od, _ = ga.search(
        net.csr("length"), snaps["node"].to_numpy(), snaps["snap_m"].to_numpy(), limit=lim_d
    )
    idarr = np.array(ids, dtype=object)
    return pd.DataFrame(
        {
            "lon": net.x,
            "lat": net.y,
            "minutes": dt / 60.0,
            "km": dd / 1000.0,
            "origin_time": np.where(ot >= 0, idarr[np.maximum(ot, 0)], None),
            "origin_km": np.where(od >= 0, idarr[np.maximum(od, 0)], None),
        }
    )


def _coverage_polygon(
    net: RoadNetwork,
    lons: np.ndarray,
    lats: np.ndarray,
    ids: list[Any],
    *,
    threshold: float,
    weight: str,
    shape: str,
    buffer_m: float | None,
    max_snap_m: float | None,
    infill: bool = False,
    method: str = "raster",
) -> shapely.Geometry:
    """Union of all origins' catchments of one kind, from one multi-source search."""
    snaps = snap_points(net, lons, lats, max_snap_m=max_snap_m, labels=ids)
    start = (snaps["access_s"] if weight == "time" else snaps["snap_m"]).to_numpy()
    dist, _, _ = ga.search(net.csr(weight), snaps["node"].to_numpy(), start, limit=threshold)
    legs = snaps[["lon", "lat", "node_lon", "node_lat"]].assign(start=start)
    return catchment_polygon(
        net,
        dist,
        legs,
        threshold=threshold,
        weight=weight,
        shape=shape,
        crs=CHINA_ALBERS,
        buffer_m=buffer_m,
        infill=infill,
        method=method,
    )


#: Columns of the table of :func:`uncovered_area`.
_COVERAGE_COLUMNS = [
    "part", "kind", "threshold", "unit", "area_km2", "share", "within", "source", "approximate",
    "geometry",
]  # fmt: skip


def _coverage_threshold(
    max_minutes: float | None, max_km: float | None
) -> tuple[str, float, str, float]:
    """Return the weight, threshold (s or m), unit and value: road distance only without time."""
    if max_km is not None and max_minutes is None:
        return "length", float(max_km) * 1000.0, "km", float(max_km)
    m = float(default_thresholds()[0] if max_minutes is None else max_minutes)
    return "time", m * 60.0, "min", m


def _within_area(within: shapely.Geometry | None) -> tuple[shapely.Geometry, str]:
    """Return the area of interest (default: China's polygon) and how the table names it."""
    if within is None:
        within, within_name = china_polygon(), "China (portgeo.layout.boundaries.china_polygon)"
    else:
        within_name = "given"
    return as_polygonal(within), within_name


def uncovered_area(
    net: RoadNetwork,
    points: gpd.GeoDataFrame | Sequence[tuple[float, float]],
    *,
    max_minutes: float | None = None,
    max_km: float | None = None,
    within: shapely.Geometry | None = None,
    shape: str = "filled",
    buffer_m: float | None = None,
    max_snap_m: float | None = None,
    infill: bool = False,
    method: str = "raster",
) -> gpd.GeoDataFrame:
    """Find the ground no origin reaches within the threshold.

    The covered area is the multi-origin catchment from ONE search (``max_minutes`` drive time,
    or ``max_km`` road distance when given instead); the rest of ``within`` is uncovered.

    Parameters
    ----------
    net : RoadNetwork
    points : GeoDataFrame or list of (lon, lat)
    max_minutes : float, optional
        Default: the admission rule's drive (:func:`portgeo.roads.catchments.default_thresholds`),
        unless ``max_km`` is given.
    max_km : float, optional
        Use road distance instead of time.
    within : shapely geometry, optional
        Area of interest (EPSG:4326). Default: China's polygon from
        :func:`portgeo.layout.boundaries.china_polygon` (Taiwan and the islands included).
    shape : {"filled", "roads"}
        Covered ground is the access model's filled catchment (default) or the buffered
        reachable roads (see :func:`reach_polygon`).
    buffer_m : float, optional
        Road buffer (``shape="roads"`` only).
    max_snap_m : float, optional
    infill : bool, default False
        Count the holes of the covered polygon (ground enclosed by reached ground) as covered.
    method : {"raster", "vector"}
        Polygon builder (see :func:`reach_polygon`).

    Returns
    -------
    geopandas.GeoDataFrame
        Two rows, ``covered`` and ``uncovered``: ``part, kind, threshold, unit, area_km2, share,
        within, source, approximate, geometry``.
    """
    check_shape(shape, buffer_m, None)
    ids, lons, lats = origin_points(points)
    weight, thr, unit, value = _coverage_threshold(max_minutes, max_km)
    covered = _coverage_polygon(
        net,
        lons,
        lats,
        ids,
        threshold=thr,
        weight=weight,
        shape=shape,
        buffer_m=buffer_m,
        max_snap_m=max_snap_m,
        infill=infill,
        method=method,
    )
    within, within_name = _within_area(within)
    cov = as_polygonal(shapely.intersection(covered, within))
    unc = as_polygonal(shapely.difference(within, covered))
    total = area_km2(within)
    rows = []
    for part, g in (("covered", cov), ("uncovered", unc)):
        a = area_km2(g)
        rows.append(
            (
                part,
                "time" if weight == "time" else "distance",
                value,
                unit,
                a,
                a / total if total else np.nan,
                within_name,
                net.source,
                net.approximate,
                g,
            )
        )
    return gpd.GeoDataFrame(rows, columns=_COVERAGE_COLUMNS, geometry="geometry", crs="EPSG:4326")


def catchment_overlaps(catchments: gpd.GeoDataFrame, *, kind: str = "time") -> gpd.GeoDataFrame:
    """Pairwise overlaps between origins' catchments of one kind.

    Parameters
    ----------
    catchments : geopandas.GeoDataFrame
        From :func:`compute_catchments`.
    kind : {"time", "distance", "circle"}

    Returns
    -------
    geopandas.GeoDataFrame
        One row per overlapping pair: ``origin_a, origin_b, kind, area_km2, share_a, share_b,
        geometry`` (shares = overlap / each catchment's area).
    """
    sub = catchments[catchments["kind"] == kind].reset_index(drop=True)
    geoms = sub.geometry.to_numpy()
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    pick = left < right
    left, right = left[pick], right[pick]
    inter = shapely.intersection(geoms[left], geoms[right])
    areas = {i: area_km2(g) for i, g in enumerate(geoms)}
    rows = []
    for a, b, g in zip(left, right, inter, strict=True):
        g = as_polygonal(g)
        if g.is_empty:
            continue
        ar = area_km2(g)
        rows.append(
            (
                sub.at[a, "origin_id"],
                sub.at[b, "origin_id"],
                kind,
                ar,
                ar / areas[a] if areas[a] else np.nan,
                ar / areas[b] if areas[b] else np.nan,
                g,
            )
        )
    return gpd.GeoDataFrame(
        rows,
        columns=["origin_a", "origin_b", "kind", "area_km2", "share_a", "share_b", "geometry"],
        geometry="geometry",
        crs="EPSG:4326",
    )
