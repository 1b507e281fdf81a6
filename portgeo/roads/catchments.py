"""Catchments: 200 km circles, 200 km road-distance and 2-hour drive-time areas.

All searches run on the compact arrays of a :class:`portgeo.roads.network.RoadNetwork` with
:func:`scipy.sparse.csgraph.dijkstra` (``limit=`` stops at the threshold; many origins are
searched in one pass through a virtual super-source).

Conventions
-----------
Snapping
    A point snaps to the nearest node of the network's largest strongly connected component
    (great-circle nearest). The snap leg (point -> node) counts as a straight road at
    ``settings.access_speed_kmh`` for time and at its length for road distance. A point farther
    than ``max_snap_m`` (``settings.max_snap_m``) raises :class:`portgeo.errors.SnapError`.
Polygons
    What is really reachable: every reached edge, the edge crossing the threshold cut where the
    remaining time/distance runs out (interpolated along the edge geometry; a ferry's boarding
    penalty is paid before it sails), and the snap leg; buffered by ``buffer_m`` in a local
    azimuthal equidistant projection around the origin (an Albers projection of China for the
    national multi-origin coverage). True holes stay unless ``infill=True``; ``concave`` gives the
    buffered concave hull of the reached points instead.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from tqdm.auto import tqdm

from portgeo import settings
from portgeo.errors import InputError
from portgeo.geo.geodesy import geodesic_circle
from portgeo.geo.polygons import CHINA_ALBERS, area_km2, as_polygonal
from portgeo.layout.boundaries import china_polygon
from portgeo.roads import kernels as ga
from portgeo.roads.network import RoadNetwork
from portgeo.roads.routes import fastest_route, measure_to_destinations
from portgeo.roads.snapping import Snap, origin_points, snap_point, snap_points

__all__ = [
    "CHINA_ALBERS",
    "Snap",
    "catchment_overlaps",
    "compute_catchments",
    "fastest_route",
    "measure_to_destinations",
    "reach_from_sources",
    "reach_polygon",
    "snap_point",
    "snap_points",
    "uncovered_area",
]

log = logging.getLogger(__name__)

_KINDS = ("circle", "distance", "time")


def local_metric_crs(lon: float, lat: float) -> str:
    """Lambert azimuthal equal-area projection centred on a point (buffers around one origin).

    Within 300 km of the centre its scale error is below 0.1 %, and it is several times faster
    to compute than the ellipsoidal azimuthal equidistant projection.
    """
    return f"+proj=laea +lat_0={lat:.6f} +lon_0={lon:.6f} +ellps=WGS84"


def _leg_segment(
    snap_lon: float,
    snap_lat: float,
    node_lon: float,
    node_lat: float,
    leg_cost: float,
    budget: float,
) -> np.ndarray:
    """Return the reached part of the snap leg as one segment row."""
    f = 1.0 if leg_cost <= 0 else min(1.0, max(budget, 0.0) / leg_cost)
    return np.array(
        [
            [
                snap_lon,
                snap_lat,
                snap_lon + f * (node_lon - snap_lon),
                snap_lat + f * (node_lat - snap_lat),
            ]
        ]
    )


def reach_polygon(
    net: RoadNetwork,
    lon: float,
    lat: float,
    *,
    threshold: float,
    weight: str = "time",
    buffer_m: float | None = None,
    infill: bool = False,
    concave: float | bool | None = None,
    max_snap_m: float | None = None,
    snap: Snap | None = None,
    method: str = "raster",
) -> tuple[shapely.Geometry, Snap, np.ndarray]:
    """Build the catchment polygon of one point.

    Parameters
    ----------
    net : RoadNetwork
    lon, lat : float
        Origin (WGS84).
    threshold : float
        Seconds for ``weight="time"``, metres for ``weight="length"``.
    weight : {"time", "length"}
    buffer_m : float, optional
        Buffer around the reached roads (default ``settings.catchment_buffer_m``).
    infill : bool, default False
        Fill holes.
    concave : float or bool, optional
        Buffered concave hull (ratio; ``True`` = 0.3) instead of buffered roads.
    max_snap_m : float, optional
    snap : Snap, optional
        A ready snap of the origin.
    method : {"raster", "vector"}
        Polygon builder: fast distance-field contour (default) or exact GEOS buffer union.

    Returns
    -------
    polygon : shapely.Polygon or shapely.MultiPolygon
    snap : Snap
    dist : numpy.ndarray
        Cost per node (inf beyond the threshold).
    """
    if not threshold > 0:
        raise InputError(f"threshold must be positive, got {threshold!r}")
    s = snap or snap_point(net, lon, lat, max_snap_m=max_snap_m)
    start = s.access_s if weight == "time" else s.snap_m
    dist, _, _ = ga.search(net.csr(weight), np.array([s.node]), np.array([start]), limit=threshold)
    frac = ga.reached_fraction(net, dist, threshold, weight)
    segs = np.vstack(
        [
            ga.reached_segments(net, frac),
            _leg_segment(s.lon, s.lat, s.node_lon, s.node_lat, start, threshold),
        ]
    )
    ratio = 0.3 if concave is True else (None if concave in (None, False) else float(concave))
    poly = ga.segments_polygon(
        segs,
        crs=local_metric_crs(s.lon, s.lat),
        buffer_m=float(settings.catchment_buffer_m if buffer_m is None else buffer_m),
        infill=infill,
        concave=ratio,
        method=method,
    )
    return poly, s, dist


def compute_catchments(
    net: RoadNetwork | None,
    points: gpd.GeoDataFrame | Sequence[tuple[float, float]],
    *,
    max_minutes: float | None = None,
    max_km: float | None = None,
    kinds: Sequence[str] = _KINDS,
    buffer_m: float | None = None,
    infill: bool = False,
    concave: float | bool | None = None,
    max_snap_m: float | None = None,
    method: str = "raster",
    progress: bool = True,
) -> gpd.GeoDataFrame:
    """Compute circle, road-distance and drive-time catchments of one or many points.

    Parameters
    ----------
    net : RoadNetwork or None
        ``None`` only with ``kinds=("circle",)``.
    points : GeoDataFrame or list of (lon, lat)
        Origins; ids come from an ``origin_id``, ``id`` or ``iata`` column, else the index (or
        the position in a list).
    max_minutes : float, optional
        Drive-time threshold (default ``settings.catchment_minutes``, 120).
    max_km : float, optional
        Circle radius and road-distance threshold (default ``settings.catchment_km``, 200).
    kinds : sequence of {"circle", "distance", "time"}
    buffer_m : float, optional
        Buffer around reached roads (default ``settings.catchment_buffer_m``).
    infill : bool, default False
        Fill holes in the road catchments.
    concave : float or bool, optional
        Concave-hull variant (ratio, ``True`` = 0.3).
    max_snap_m : float, optional
        Snap limit (default ``settings.max_snap_m``).
    method : {"raster", "vector"}
        Polygon builder (see :func:`reach_polygon`).
    progress : bool, default True
        tqdm progress bar over origins.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per origin and kind: ``origin_id, kind, threshold, unit, snap_m, source,
        approximate, geometry`` (EPSG:4326).

    Raises
    ------
    portgeo.errors.SnapError
        An origin lies farther than ``max_snap_m`` from the network (road kinds only).
    """
    bad = set(kinds) - set(_KINDS)
    if bad:
        raise InputError(f"unknown catchment kinds {sorted(bad)}; use {list(_KINDS)}")
    minutes = float(settings.catchment_minutes if max_minutes is None else max_minutes)
    km = float(settings.catchment_km if max_km is None else max_km)
    if not (minutes > 0 and km > 0):
        raise InputError("max_minutes and max_km must be positive")
    ids, lons, lats = origin_points(points)
    road = [k for k in kinds if k != "circle"]
    snaps = None
    if road:
        if net is None:
            raise InputError("road catchments need a network (load_network)")
        snaps = snap_points(net, lons, lats, max_snap_m=max_snap_m, labels=ids)
    rows = []
    show = progress and settings.progress and len(ids) > 1
    for i in tqdm(range(len(ids)), desc="catchments", disable=not show):
        s = None
        if snaps is not None:
            r = snaps.iloc[i]
            s = Snap(
                float(lons[i]),
                float(lats[i]),
                int(r.node),
                float(r.node_lon),
                float(r.node_lat),
                float(r.snap_m),
                float(r.access_s),
            )
        for kind in kinds:
            if kind == "circle":
                geom = geodesic_circle(float(lons[i]), float(lats[i]), km * 1000.0)
                rows.append((ids[i], kind, km, "km", np.nan, "geodesic", False, geom))
                continue
            weight, thr, unit, value = (
                ("time", minutes * 60.0, "min", minutes)
                if kind == "time"
                else ("length", km * 1000.0, "km", km)
            )
            assert net is not None  # checked above: road kinds need a network
            geom, s, _ = reach_polygon(
                net,
                lons[i],
                lats[i],
                threshold=thr,
                weight=weight,
                buffer_m=buffer_m,
                infill=infill,
                concave=concave,
                snap=s,
                method=method,
            )
            rows.append((ids[i], kind, value, unit, s.snap_m, net.source, net.approximate, geom))
    return gpd.GeoDataFrame(
        rows,
        columns=[
            "origin_id",
            "kind",
            "threshold",
            "unit",
            "snap_m",
            "source",
            "approximate",
            "geometry",
        ],
        geometry="geometry",
        crs="EPSG:4326",
    )


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
    lons,
    lats,
    ids,
    *,
    threshold: float,
    weight: str,
    buffer_m: float | None,
    max_snap_m: float | None,
    infill: bool = False,
) -> shapely.Geometry:
    """Union of all origins' catchments of one kind, from one multi-source search."""
    snaps = snap_points(net, lons, lats, max_snap_m=max_snap_m, labels=ids)
    start = (snaps["access_s"] if weight == "time" else snaps["snap_m"]).to_numpy()
    dist, _, _ = ga.search(net.csr(weight), snaps["node"].to_numpy(), start, limit=threshold)
    frac = ga.reached_fraction(net, dist, threshold, weight)
    legs = [
        _leg_segment(r.lon, r.lat, r.node_lon, r.node_lat, st, threshold)
        for r, st in zip(snaps.itertuples(), start, strict=True)
    ]
    segs = np.vstack([ga.reached_segments(net, frac), *legs])
    return ga.segments_polygon(
        segs,
        crs=CHINA_ALBERS,
        buffer_m=float(settings.catchment_buffer_m if buffer_m is None else buffer_m),
        infill=infill,
    )


def uncovered_area(
    net: RoadNetwork,
    points: gpd.GeoDataFrame | Sequence[tuple[float, float]],
    *,
    max_minutes: float | None = None,
    max_km: float | None = None,
    within: shapely.Geometry | None = None,
    buffer_m: float | None = None,
    max_snap_m: float | None = None,
    infill: bool = False,
) -> gpd.GeoDataFrame:
    """Find the ground no origin reaches within the threshold.

    The covered area is the multi-origin catchment from ONE search (``max_minutes`` drive time,
    or ``max_km`` road distance when given instead); the rest of ``within`` is uncovered.

    Parameters
    ----------
    net : RoadNetwork
    points : GeoDataFrame or list of (lon, lat)
    max_minutes : float, optional
        Default ``settings.catchment_minutes`` (unless ``max_km`` is given).
    max_km : float, optional
        Use road distance instead of time.
    within : shapely geometry, optional
        Area of interest (EPSG:4326). Default: China's polygon from
        :func:`portgeo.layout.boundaries.china_polygon` (Taiwan and the islands included).
    buffer_m, max_snap_m : float, optional
    infill : bool, default False
        Count the ground enclosed by reached roads (holes of the covered polygon) as covered.
        Without it, covered ground is the buffered reachable roads only.

    Returns
    -------
    geopandas.GeoDataFrame
        Two rows, ``covered`` and ``uncovered``: ``part, kind, threshold, unit, area_km2, share,
        within, source, approximate, geometry``.
    """
    ids, lons, lats = origin_points(points)
    if max_km is not None and max_minutes is None:
        weight, thr, unit, value = "length", float(max_km) * 1000.0, "km", float(max_km)
    else:
        m = float(settings.catchment_minutes if max_minutes is None else max_minutes)
        weight, thr, unit, value = "time", m * 60.0, "min", m
    covered = _coverage_polygon(
        net,
        lons,
        lats,
        ids,
        threshold=thr,
        weight=weight,
        buffer_m=buffer_m,
        max_snap_m=max_snap_m,
        infill=infill,
    )
    if within is None:
        within, within_name = china_polygon(), "China (portgeo.layout.boundaries.china_polygon)"
    else:
        within_name = "given"
    within = as_polygonal(within)
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
    return gpd.GeoDataFrame(
        rows,
        columns=[
            "part",
            "kind",
            "threshold",
            "unit",
            "area_km2",
            "share",
            "within",
            "source",
            "approximate",
            "geometry",
        ],
        geometry="geometry",
        crs="EPSG:4326",
    )


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
