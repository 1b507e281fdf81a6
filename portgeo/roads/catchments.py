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
What is reached
    Every reached edge, the edge crossing the threshold cut where the remaining time/distance
    runs out (interpolated along the edge geometry; a ferry's boarding penalty is paid before it
    sails), and the snap leg.
Shapes (``shape=``)
    ``"filled"`` (default), the access model: from every reached point of the network (nodes,
    points along edges, the cut edge, the snap leg) the budget left is spent off the network in
    a straight line, at ``settings.egress_speed_kmh`` for time (metre for metre for road
    distance), and never farther than ``settings.egress_max_m``. The catchment is the union of
    those discs: the ground between the roads is filled where local roads would reach it, and
    ground farther than the cap from every reached point stays a hole. A ferry's crossing
    fills nothing (its landing does). ``"roads"``: the reached roads buffered by ``buffer_m``
    (``settings.catchment_buffer_m``), the shape of earlier releases. Both are drawn by
    :func:`portgeo.roads.kernels.discs_polygon` in a Lambert azimuthal equal-area projection
    centred on the origin (an Albers projection of China for the national multi-origin
    coverage), within 1 % of their exact area. True holes stay unless ``infill=True``;
    ``concave`` gives the buffered concave hull of the reached points (roads shape only);
    ``clip="china"`` (or a polygon) cuts the catchment to China's polygon, so it does not spill
    into the sea.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from tqdm.auto import tqdm

from portgeo import settings
from portgeo.errors import InputError, SnapError
from portgeo.geo.geodesy import geodesic_circle, geodesic_distance_m
from portgeo.geo.lines import unit_xyz
from portgeo.geo.polygons import CHINA_ALBERS, area_km2, as_polygonal
from portgeo.layout.boundaries import china_polygon
from portgeo.roads import kernels as ga
from portgeo.roads.network import RoadNetwork

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
_SHAPES = ("filled", "roads")


def local_metric_crs(lon: float, lat: float) -> str:
    """Return a Lambert azimuthal equal-area projection centred on a point.

    The frame the polygons around one origin are drawn in. Within 300 km of the centre its scale
    error is below 0.1 %, and it is several times faster to compute than the ellipsoidal
    azimuthal equidistant projection.

    Parameters
    ----------
    lon, lat : float
        Centre (WGS84 degrees).

    Returns
    -------
    str
        PROJ string.
    """
    return f"+proj=laea +lat_0={lat:.6f} +lon_0={lon:.6f} +ellps=WGS84"


@dataclass(frozen=True)
class Snap:
    """Where a point joins the network.

    Attributes
    ----------
    lon, lat : float
        The point.
    node : int
        Node number it snaps to (in the largest strongly connected component).
    node_lon, node_lat : float
        That node's position.
    snap_m : float
        Geodesic length of the snap leg (metres).
    access_s : float
        Time of the snap leg at ``settings.access_speed_kmh`` (seconds).
    """

    lon: float
    lat: float
    node: int
    node_lon: float
    node_lat: float
    snap_m: float
    access_s: float


def _access_s(snap_m: np.ndarray | float) -> np.ndarray | float:
    return np.asarray(snap_m) / (float(settings.access_speed_kmh) / 3.6)


def snap_points(
    net: RoadNetwork,
    lons: Sequence[float] | np.ndarray,
    lats: Sequence[float] | np.ndarray,
    *,
    max_snap_m: float | None = None,
    errors: str = "raise",
    labels: Sequence[Any] | None = None,
) -> pd.DataFrame:
    """Snap many points to the network's largest strongly connected component.

    Parameters
    ----------
    net : RoadNetwork
    lons, lats : array_like
        WGS84 degrees.
    max_snap_m : float, optional
        Limit on the snap leg (default ``settings.max_snap_m``).
    errors : {"raise", "ignore"}
        ``"raise"``: SnapError for any point past the limit; ``"ignore"``: mark it
        ``ok=False``.
    labels : sequence, optional
        Names of the points, for error messages.

    Returns
    -------
    pandas.DataFrame
        ``lon, lat, node, node_lon, node_lat, snap_m, access_s, ok``.
    """
    lons = np.atleast_1d(np.asarray(lons, dtype=float))
    lats = np.atleast_1d(np.asarray(lats, dtype=float))
    if lons.shape != lats.shape:
        raise InputError("lons and lats must have the same length")
    if not (np.isfinite(lons).all() and np.isfinite(lats).all()):
        raise InputError("points need finite lon/lat (WGS84 degrees)")
    limit = float(settings.max_snap_m if max_snap_m is None else max_snap_m)
    tree, idx = net.scc_tree
    _, k = tree.query(unit_xyz(lons, lats))
    node = idx[np.asarray(k)]
    d = np.atleast_1d(geodesic_distance_m(lons, lats, net.x[node], net.y[node]))
    ok = d <= limit
    if errors == "raise" and not ok.all():
        bad = np.flatnonzero(~ok)
        names = [
            str(labels[i]) if labels is not None else f"({lons[i]:.4f}, {lats[i]:.4f})"
            for i in bad[:5]
        ]
        raise SnapError(
            f"{len(bad)} point(s) lie farther than {limit / 1000:.1f} km from the road network "
            f"({net.source}): {', '.join(names)} is {d[bad[0]] / 1000:.1f} km away. Check the "
            "coordinates (WGS84 lon, lat), use a network that covers the area, or raise "
            "max_snap_m / portgeo.settings.max_snap_m."
        )
    return pd.DataFrame(
        {
            "lon": lons,
            "lat": lats,
            "node": node,
            "node_lon": net.x[node],
            "node_lat": net.y[node],
            "snap_m": d,
            "access_s": _access_s(d),
            "ok": ok,
        }
    )


def snap_point(
    net: RoadNetwork, lon: float, lat: float, *, max_snap_m: float | None = None
) -> Snap:
    """Snap one point to the nearest node of the largest strongly connected component.

    Parameters
    ----------
    net : RoadNetwork
    lon, lat : float
        WGS84 degrees.
    max_snap_m : float, optional
        Limit on the snap leg (default ``settings.max_snap_m``).

    Returns
    -------
    Snap

    Raises
    ------
    portgeo.errors.SnapError
        The point is farther than ``max_snap_m`` from the component.
    """
    r = snap_points(net, [lon], [lat], max_snap_m=max_snap_m).iloc[0]
    return Snap(
        float(lon),
        float(lat),
        int(r.node),
        float(r.node_lon),
        float(r.node_lat),
        float(r.snap_m),
        float(r.access_s),
    )


def _points(points: Any) -> tuple[list[Any], np.ndarray, np.ndarray]:
    """ids, lons, lats of a GeoDataFrame of points or a list of (lon, lat)."""
    if isinstance(points, gpd.GeoDataFrame | gpd.GeoSeries):
        g = points.geometry if isinstance(points, gpd.GeoDataFrame) else points
        if g.crs is not None and not g.crs.equals("EPSG:4326"):
            g = g.to_crs("EPSG:4326")
        if g.isna().any() or g.is_empty.any() or (g.geom_type != "Point").any():
            raise InputError("every origin needs a Point geometry (drop unlocated rows first)")
        if isinstance(points, gpd.GeoDataFrame):
            for col in ("origin_id", "id", "iata"):
                if col in points.columns:
                    ids = points[col].tolist()
                    break
            else:
                ids = points.index.tolist()
        else:
            ids = points.index.tolist()
        return ids, g.x.to_numpy(float), g.y.to_numpy(float)
    arr = np.asarray(list(points), dtype=float)
    if arr.ndim == 1 and arr.size == 2:
        arr = arr[None, :]
    if arr.ndim != 2 or arr.shape[1] != 2:
        raise InputError("points must be a GeoDataFrame of Points or a list of (lon, lat)")
    return list(range(arr.shape[0])), arr[:, 0], arr[:, 1]


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


def _check_shape(shape: str, buffer_m: float | None, concave: float | bool | None) -> None:
    """Refuse an unknown shape, and any option the shape would otherwise ignore."""
    if shape not in _SHAPES:
        raise InputError(f"shape must be one of {list(_SHAPES)}, got {shape!r}")
    if shape == "filled":
        if buffer_m is not None:
            raise InputError(
                "buffer_m is the road buffer of shape='roads'; the filled shape (the default) "
                "reaches off the network at portgeo.settings.egress_speed_kmh up to "
                "portgeo.settings.egress_max_m. Pass shape='roads' to buffer the reached roads."
            )
        if concave not in (None, False):
            raise InputError("concave hulls are drawn around the roads: pass shape='roads'")
    if not (settings.egress_speed_kmh > 0 and settings.egress_max_m > 0):
        raise InputError(
            "portgeo.settings.egress_speed_kmh and egress_max_m must be positive, got "
            f"{settings.egress_speed_kmh!r} and {settings.egress_max_m!r}"
        )


def _egress_m(left: np.ndarray, weight: str) -> np.ndarray:
    """Distance off the network covered with the budget ``left`` (seconds or metres), uncapped."""
    if weight == "time":
        return np.asarray(left, dtype=float) * (float(settings.egress_speed_kmh) / 3.6)
    return np.asarray(left, dtype=float)


def _catchment_polygon(
    net: RoadNetwork,
    dist: np.ndarray,
    legs: pd.DataFrame,
    *,
    threshold: float,
    weight: str,
    shape: str,
    crs: str,
    buffer_m: float | None,
    infill: bool,
    concave: float | bool | None = None,
    method: str = "raster",
) -> shapely.Geometry:
    """Draw what a search reached: the buffered roads or the filled access-model shape.

    ``legs`` holds one row per origin: ``lon, lat, node_lon, node_lat, start`` (the snap leg's
    cost). ``dist`` is the search's cost per node.
    """
    frac = ga.reached_fraction(net, dist, threshold, weight)
    leg_rows = [
        _leg_segment(r.lon, r.lat, r.node_lon, r.node_lat, r.start, threshold)
        for r in legs.itertuples()
    ]
    if shape == "roads":
        ratio = 0.3 if concave is True else (None if concave in (None, False) else float(concave))
        return ga.segments_polygon(
            np.vstack([ga.reached_segments(net, frac), *leg_rows]),
            crs=crs,
            buffer_m=float(settings.catchment_buffer_m if buffer_m is None else buffer_m),
            infill=infill,
            concave=ratio,
            method=method,
        )
    segs, left0, left1, edge = ga.reached_pieces(net, frac, dist, threshold, weight)
    land = ~net.ferry[edge]  # a crossing reaches no ground on the way; its landing does
    # a node's disc is the first disc of every road leaving it; it needs its own only where no
    # reached road (a ferry at most) leaves it
    starts = np.zeros(net.n_nodes, dtype=bool)
    tail = net.u[edge]
    first = land & (left0 > 0) & (left0 == threshold - dist[tail])  # starts at its node, no delay
    starts[tail[first]] = True
    nodes = np.flatnonzero((dist <= threshold) & ~starts)
    node_xy = np.column_stack([net.x[nodes], net.y[nodes]])
    node_left = threshold - dist[nodes]
    start = legs["start"].to_numpy(float)
    leg_left1 = np.maximum(threshold - start, 0.0)
    all_segs = np.vstack([segs[land], np.column_stack([node_xy, node_xy]), *leg_rows])
    left_a = np.r_[left0[land], node_left, np.full(len(legs), float(threshold))]
    left_b = np.r_[left1[land], node_left, leg_left1]
    return ga.discs_polygon(
        all_segs,
        _egress_m(left_a, weight),
        _egress_m(left_b, weight),
        crs=crs,
        cap=float(settings.egress_max_m),
        infill=infill,
        method=method,
    )


def _clip_area(clip: shapely.Geometry | str | None) -> shapely.Geometry | None:
    """Resolve ``clip``: ``"china"`` is China's polygon, a geometry is used as given (EPSG:4326)."""
    if clip is None:
        return None
    if isinstance(clip, str):
        if clip.lower() != "china":
            raise InputError(f"clip must be 'china' or a polygon (EPSG:4326), got {clip!r}")
        return china_polygon()
    if isinstance(clip, shapely.Geometry):
        area = clip if clip.geom_type in ("Polygon", "MultiPolygon") else as_polygonal(clip)
        if area.is_empty:
            raise InputError("clip is an empty geometry: give a polygon (EPSG:4326) or 'china'")
        return area
    raise InputError(f"clip must be 'china' or a polygon (EPSG:4326), got {type(clip)!r}")


def _clip(geom: shapely.Geometry, area: shapely.Geometry | None) -> shapely.Geometry:
    """Cut a catchment to ``area`` (from :func:`_clip_area`; None leaves it whole)."""
    if area is None or geom.is_empty:
        return geom
    x0, y0, x1, y1 = geom.bounds
    return as_polygonal(shapely.intersection(geom, shapely.clip_by_rect(area, x0, y0, x1, y1)))


def reach_polygon(
    net: RoadNetwork,
    lon: float,
    lat: float,
    *,
    threshold: float,
    weight: str = "time",
    shape: str = "filled",
    buffer_m: float | None = None,
    infill: bool = False,
    concave: float | bool | None = None,
    max_snap_m: float | None = None,
    snap: Snap | None = None,
    method: str = "raster",
    clip: shapely.Geometry | str | None = None,
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
    shape : {"filled", "roads"}
        ``"filled"`` (default): the access model, every reached point of the network spending
        its remaining budget off the network (``settings.egress_speed_kmh`` for time, metre for
        metre for distance; at most ``settings.egress_max_m``). ``"roads"``: the reached roads
        buffered by ``buffer_m``. See the module docstring.
    buffer_m : float, optional
        Buffer around the reached roads (``shape="roads"`` only; default
        ``settings.catchment_buffer_m``).
    infill : bool, default False
        Fill holes.
    concave : float or bool, optional
        Buffered concave hull (ratio; ``True`` = 0.3) instead of buffered roads
        (``shape="roads"`` only).
    max_snap_m : float, optional
    snap : Snap, optional
        A ready snap of the origin.
    method : {"raster", "vector"}
        Polygon builder: exact distance field on a grid and its contour (default; area within
        1 % of exact) or exact GEOS union (slow). See :func:`portgeo.roads.kernels.discs_polygon`.
    clip : {"china"} or shapely geometry, optional
        Cut the polygon to China's polygon (no catchment in the sea) or to a polygon (EPSG:4326).

    Returns
    -------
    polygon : shapely.Polygon or shapely.MultiPolygon
    snap : Snap
    dist : numpy.ndarray
        Cost per node (inf beyond the threshold).

    Raises
    ------
    portgeo.errors.InputError
        A non-positive threshold, an unknown shape, or an option the shape does not use.
    portgeo.errors.SnapError
        The origin is too far from the network.
    """
    if not threshold > 0:
        raise InputError(f"threshold must be positive, got {threshold!r}")
    _check_shape(shape, buffer_m, concave)
    area = _clip_area(clip)
    s = snap or snap_point(net, lon, lat, max_snap_m=max_snap_m)
    start = s.access_s if weight == "time" else s.snap_m
    dist, _, _ = ga.search(net.csr(weight), np.array([s.node]), np.array([start]), limit=threshold)
    legs = pd.DataFrame(
        {"lon": [s.lon], "lat": [s.lat], "node_lon": [s.node_lon], "node_lat": [s.node_lat],
         "start": [start]}
    )  # fmt: skip
    poly = _catchment_polygon(
        net,
        dist,
        legs,
        threshold=threshold,
        weight=weight,
        shape=shape,
        crs=local_metric_crs(s.lon, s.lat),
        buffer_m=buffer_m,
        infill=infill,
        concave=concave,
        method=method,
    )
    return _clip(poly, area), s, dist


def compute_catchments(
    net: RoadNetwork | None,
    points: gpd.GeoDataFrame | Sequence[tuple[float, float]],
    *,
    max_minutes: float | None = None,
    max_km: float | None = None,
    kinds: Sequence[str] = _KINDS,
    shape: str = "filled",
    buffer_m: float | None = None,
    infill: bool = False,
    concave: float | bool | None = None,
    max_snap_m: float | None = None,
    method: str = "raster",
    clip: shapely.Geometry | str | None = None,
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
    shape : {"filled", "roads"}
        Shape of the road catchments (see :func:`reach_polygon`): the access model (default) or
        the buffered reached roads.
    buffer_m : float, optional
        Buffer around reached roads (``shape="roads"`` only; default
        ``settings.catchment_buffer_m``).
    infill : bool, default False
        Fill holes in the road catchments.
    concave : float or bool, optional
        Concave-hull variant (ratio, ``True`` = 0.3; ``shape="roads"`` only).
    max_snap_m : float, optional
        Snap limit (default ``settings.max_snap_m``).
    method : {"raster", "vector"}
        Polygon builder (see :func:`reach_polygon`).
    clip : {"china"} or shapely geometry, optional
        Cut the road catchments to China's polygon (or to a polygon, EPSG:4326).
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
    portgeo.errors.InputError
        Unknown kinds or shape, non-positive thresholds, or an option the shape does not use.
    """
    bad = set(kinds) - set(_KINDS)
    if bad:
        raise InputError(f"unknown catchment kinds {sorted(bad)}; use {list(_KINDS)}")
    minutes = float(settings.catchment_minutes if max_minutes is None else max_minutes)
    km = float(settings.catchment_km if max_km is None else max_km)
    if not (minutes > 0 and km > 0):
        raise InputError("max_minutes and max_km must be positive")
    ids, lons, lats = _points(points)
    road = [k for k in kinds if k != "circle"]
    snaps = None
    if road:
        _check_shape(shape, buffer_m, concave)
        clip = _clip_area(clip)  # resolved once for every origin
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
                shape=shape,
                buffer_m=buffer_m,
                infill=infill,
                concave=concave,
                snap=s,
                method=method,
                clip=clip,
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
    ids, lons, lats = _points(points)
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
    return _catchment_polygon(
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
        Default ``settings.catchment_minutes`` (unless ``max_km`` is given).
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
    _check_shape(shape, buffer_m, None)
    ids, lons, lats = _points(points)
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
        shape=shape,
        buffer_m=buffer_m,
        max_snap_m=max_snap_m,
        infill=infill,
        method=method,
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


def measure_to_destinations(
    net: RoadNetwork,
    origin: tuple[float, float],
    destinations: gpd.GeoDataFrame | Sequence[tuple[float, float]],
    *,
    cutoff_minutes: float | None = None,
    max_snap_m: float | None = None,
) -> pd.DataFrame:
    """Road distance and drive time from one point to many.

    Parameters
    ----------
    net : RoadNetwork
    origin : tuple
        ``(lon, lat)``; must snap (else SnapError).
    destinations : GeoDataFrame or list of (lon, lat)
        Destinations farther than ``max_snap_m`` from the network are reported unreachable.
    cutoff_minutes : float, optional
        ``reachable`` means within this drive time (default: any finite time).
    max_snap_m : float, optional

    Returns
    -------
    pandas.DataFrame
        Indexed like ``destinations``: ``road_km`` (shortest road distance), ``drive_min``
        (fastest drive time), ``route_km`` (length of the fastest route), ``snap_m`` of the
        destination, ``reachable``; snap legs included; plus ``approximate`` and ``source``.
    """
    so = snap_point(net, origin[0], origin[1], max_snap_m=max_snap_m)
    ids, lons, lats = _points(destinations)
    sd = snap_points(net, lons, lats, max_snap_m=max_snap_m, errors="ignore", labels=ids)
    dt, _, pred = ga.search_tree(net.csr("time"), np.array([so.node]), np.array([so.access_s]))
    dd, _, _ = ga.search(net.csr("length"), np.array([so.node]), np.array([so.snap_m]))
    # length of the fastest route: sum edge lengths up the time tree
    entering = np.zeros(net.n_nodes)
    has = pred >= 0
    e = net.edge_index(pred[has], np.flatnonzero(has), weight="time")
    entering[np.flatnonzero(has)] = np.where(e >= 0, net.length_m[np.maximum(e, 0)], np.nan)
    route = ga.tree_sums(pred, entering) + so.snap_m
    node = sd["node"].to_numpy()
    ok = sd["ok"].to_numpy()
    drive = np.where(ok, (dt[node] + sd["access_s"].to_numpy()) / 60.0, np.inf)
    road = np.where(ok, (dd[node] + sd["snap_m"].to_numpy()) / 1000.0, np.inf)
    rkm = np.where(
        ok & np.isfinite(dt[node]), (route[node] + sd["snap_m"].to_numpy()) / 1000.0, np.inf
    )
    reach = np.isfinite(drive) if cutoff_minutes is None else drive <= float(cutoff_minutes)
    index = (
        destinations.index if isinstance(destinations, pd.DataFrame) else pd.RangeIndex(len(ids))
    )
    return pd.DataFrame(
        {
            "road_km": road,
            "drive_min": drive,
            "route_km": rkm,
            "snap_m": sd["snap_m"].to_numpy(),
            "origin_snap_m": so.snap_m,
            "reachable": reach,
            "approximate": net.approximate,
            "source": net.source,
        },
        index=index,
    )


def fastest_route(
    net: RoadNetwork,
    origin: tuple[float, float],
    destination: tuple[float, float],
    *,
    max_snap_m: float | None = None,
) -> dict[str, Any]:
    """Find the fastest route between two points.

    Parameters
    ----------
    net : RoadNetwork
    origin, destination : tuple
        ``(lon, lat)``.
    max_snap_m : float, optional

    Returns
    -------
    dict
        ``geometry`` (LineString, snap legs included), ``road_km``, ``drive_min``,
        ``origin_snap``/``destination_snap`` (:class:`Snap` as dicts), ``n_edges``,
        ``ferry`` (uses a ferry), ``approximate``, ``source``.

    Raises
    ------
    portgeo.errors.SnapError
        A point is too far from the network.
    """
    so = snap_point(net, *origin, max_snap_m=max_snap_m)
    sd = snap_point(net, *destination, max_snap_m=max_snap_m)
    dt, _, pred = ga.search_tree(net.csr("time"), np.array([so.node]), np.array([so.access_s]))
    if not np.isfinite(dt[sd.node]):  # pragma: no cover - both in the largest SCC
        raise SnapError("no route between the two points on this network")
    walk = [sd.node]
    while walk[-1] != so.node:
        walk.append(int(pred[walk[-1]]))
    path = np.array(walk[::-1])
    edges = net.edge_index(path[:-1], path[1:], weight="time")
    coords = [np.array([[so.lon, so.lat]])]
    if edges.size:
        lines = net.edge_geometries(edges)
        coords += [np.asarray(g.coords) for g in lines]
    else:
        coords.append(np.array([[so.node_lon, so.node_lat]]))
    coords.append(np.array([[sd.lon, sd.lat]]))
    xy = np.vstack(coords)
    keep = np.r_[True, (np.abs(np.diff(xy, axis=0)) > 1e-12).any(axis=1)]
    xy = xy[keep]
    geom = shapely.LineString(xy if len(xy) > 1 else np.vstack([xy, xy]))
    km = (float(net.length_m[edges].sum()) + so.snap_m + sd.snap_m) / 1000.0
    minutes = (dt[sd.node] + sd.access_s) / 60.0
    return {
        "geometry": geom,
        "road_km": km,
        "drive_min": float(minutes),
        "origin_snap": asdict(so),
        "destination_snap": asdict(sd),
        "n_edges": int(edges.size),
        "ferry": bool((net.highway[edges] == "ferry").any()) if edges.size else False,
        "approximate": net.approximate,
        "source": net.source,
    }
