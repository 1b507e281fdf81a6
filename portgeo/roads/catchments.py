"""Catchments: geodesic circles, road-distance and drive-time areas (default: the rule's spacing).

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
    :func:`portgeo.roads.shapes.discs_polygon` in a Lambert azimuthal equal-area projection
    centred on the origin (an Albers projection of China for the national multi-origin
    coverage), within 1 % of their exact area. True holes stay unless ``infill=True``;
    ``concave`` gives the buffered concave hull of the reached points (roads shape only);
    ``clip="china"`` (or a polygon) cuts the catchment to China's polygon, so it does not spill
    into the sea.
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
from portgeo.catalogue import load_catalogue
from portgeo.errors import CatalogueError, InputError
from portgeo.geo.geodesy import geodesic_circle
from portgeo.geo.polygons import CHINA_ALBERS, as_polygonal
from portgeo.layout.boundaries import china_polygon
from portgeo.roads import kernels as ga
from portgeo.roads import shapes
from portgeo.roads.network import RoadNetwork
from portgeo.roads.routes import fastest_route, measure_to_destinations
from portgeo.roads.snapping import Snap, origin_points, snap_point, snap_points

__all__ = [
    "CATCHMENT_COLUMNS",
    "CATCHMENT_KINDS",
    "CATCHMENT_SHAPES",
    "CHINA_ALBERS",
    "MAX_KM",
    "MAX_MINUTES",
    "Snap",
    "catchment_polygon",
    "check_shape",
    "check_thresholds",
    "compute_catchments",
    "default_thresholds",
    "fastest_route",
    "measure_to_destinations",
    "reach_polygon",
    "snap_point",
    "snap_points",
]

log = logging.getLogger(__name__)

#: Kinds of catchment: the geodesic circle, the road-distance and the drive-time catchment.
CATCHMENT_KINDS: tuple[str, ...] = ("circle", "distance", "time")

#: Plausibility bounds of catchment thresholds: longer than a day's drive or wider than China
#: (about 5,000 km east to west) is a typing or unit mistake.
MAX_MINUTES = 1440.0
MAX_KM = 5000.0
#: Columns of the table of catchments (:func:`compute_catchments`).
CATCHMENT_COLUMNS: tuple[str, ...] = (
    "origin_id", "kind", "threshold", "unit", "snap_m", "source", "approximate", "geometry",
)  # fmt: skip

#: Shapes of a road catchment: the access model (default) or the buffered reached roads.
CATCHMENT_SHAPES: tuple[str, ...] = ("filled", "roads")


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


def default_thresholds() -> tuple[float, float]:
    """Return the default thresholds ``(minutes, km)``: the admission rule's air-port spacing.

    Read from the data (``airport.spacing`` of ``data/rules/admission_<plan>.yaml`` of the latest
    plan with admission standards, through the catalogue), the file that
    :func:`portgeo.rules.admission.load_admission_rule` reads too: the roads layer may not import
    the rules, and keeps no copy of the figures.

    Returns
    -------
    tuple of float

    Raises
    ------
    portgeo.errors.CatalogueError
        The file lacks ``airport.spacing`` or its ``drive_minutes``/``distance_km`` numbers.
    """
    cat = load_catalogue()
    plan = cat.latest_plan("admission")
    try:
        spacing = cat.admission[plan]["airport"]["spacing"]
        return float(spacing["drive_minutes"]), float(spacing["distance_km"])
    except (KeyError, TypeError, ValueError) as exc:
        raise CatalogueError(
            f"data/rules/admission_{plan}.yaml: airport.spacing needs the numbers drive_minutes "
            f"and distance_km ({exc!r})"
        ) from exc


def check_thresholds(max_minutes: float | None, max_km: float | None) -> tuple[float, float]:
    """Return the drive-time and distance thresholds, defaults filled in, after checking them.

    Parameters
    ----------
    max_minutes : float, optional
        Default: the admission rule's drive (:func:`default_thresholds`).
    max_km : float, optional
        Default: the admission rule's distance (the same).

    Returns
    -------
    tuple of float
        ``(minutes, km)``.

    Raises
    ------
    portgeo.errors.InputError
        A threshold that is not positive, or beyond :data:`MAX_MINUTES` / :data:`MAX_KM`.
    """
    if max_minutes is None or max_km is None:
        default_minutes, default_km = default_thresholds()
        max_km = default_km if max_km is None else max_km
        max_minutes = default_minutes if max_minutes is None else max_minutes
    minutes, km = float(max_minutes), float(max_km)
    if not (minutes > 0 and km > 0):
        raise InputError("max_minutes and max_km must be positive")
    if not (minutes <= MAX_MINUTES and km <= MAX_KM):
        raise InputError(
            f"a catchment of {minutes:g} min / {km:g} km is implausible (at most {MAX_MINUTES:g} "
            f"min, a day's drive, and {MAX_KM:g} km, wider than China): check the unit"
        )
    return minutes, km


def check_shape(shape: str, buffer_m: float | None, concave: float | bool | None) -> None:
    """Refuse an unknown shape, and any option the shape would otherwise ignore."""
    if shape not in CATCHMENT_SHAPES:
        raise InputError(f"shape must be one of {list(CATCHMENT_SHAPES)}, got {shape!r}")
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


def catchment_polygon(
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

    The polygon step of :func:`reach_polygon` and :func:`compute_catchments`, apart from the
    search (``benchmarks/bench_catchments.py`` times the two apart).

    Parameters
    ----------
    net : RoadNetwork
        The network searched.
    dist : numpy.ndarray
        The search's cost per node (seconds or metres; ``inf`` where not reached), e.g. a row of
        :func:`portgeo.roads.kernels.search` started at the snapped nodes with the legs' costs.
    legs : pandas.DataFrame
        One row per origin: ``lon, lat, node_lon, node_lat, start`` (the snap leg and its cost).
    threshold : float
        The budget, in the unit of ``weight``.
    weight : {"time", "length"}
        What ``dist`` and ``threshold`` measure.
    shape : {"filled", "roads"}
        The access model's discs, or the reached roads buffered (see the module docstring).
    crs : str
        Metric projection to draw in (e.g. :func:`local_metric_crs` of the origin).
    buffer_m : float or None
        Road buffer of ``shape="roads"`` (None: ``settings.catchment_buffer_m``).
    infill : bool
        Fill the polygon's holes.
    concave : float, bool or None
        Concave hull ratio (``shape="roads"`` only; True is 0.3).
    method : {"raster", "vector"}
        The raster contour (within 1 % of the exact area) or the exact GEOS union.

    Returns
    -------
    shapely.Geometry
        The catchment (EPSG:4326).
    """
    frac = ga.reached_fraction(net, dist, threshold, weight)
    leg_rows = [
        _leg_segment(r.lon, r.lat, r.node_lon, r.node_lat, r.start, threshold)
        for r in legs.itertuples()
    ]
    if shape == "roads":
        ratio = 0.3 if concave is True else (None if concave in (None, False) else float(concave))
        return shapes.segments_polygon(
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
    return shapes.discs_polygon(
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
        1 % of exact) or exact GEOS union (slow). See :func:`portgeo.roads.shapes.discs_polygon`.
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
    check_shape(shape, buffer_m, concave)
    area = _clip_area(clip)
    s = snap or snap_point(net, lon, lat, max_snap_m=max_snap_m)
    start = s.access_s if weight == "time" else s.snap_m
    dist, _, _ = ga.search(net.csr(weight), np.array([s.node]), np.array([start]), limit=threshold)
    legs = pd.DataFrame(
        {"lon": [s.lon], "lat": [s.lat], "node_lon": [s.node_lon], "node_lat": [s.node_lat],
         "start": [start]}
    )  # fmt: skip
    poly = catchment_polygon(
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


def _snap_of_row(snaps: pd.DataFrame | None, i: int, lon: float, lat: float) -> Snap | None:
    """Rebuild origin ``i``'s :class:`Snap` from the table of :func:`snap_points`, if any."""
    if snaps is None:
        return None
    r = snaps.iloc[i]
    return Snap(
        float(lon),
        float(lat),
        int(r.node),
        float(r.node_lon),
        float(r.node_lat),
        float(r.snap_m),
        float(r.access_s),
    )


def _road_kind(kind: str, minutes: float, km: float) -> tuple[str, float, str, float]:
    """Return the search weight, threshold (s or m), unit and value of a road catchment kind."""
    if kind == "time":
        return ("time", minutes * 60.0, "min", minutes)
    return ("length", km * 1000.0, "km", km)


def compute_catchments(
    net: RoadNetwork | None,
    points: gpd.GeoDataFrame | Sequence[tuple[float, float]],
    *,
    max_minutes: float | None = None,
    max_km: float | None = None,
    kinds: Sequence[str] = CATCHMENT_KINDS,
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
        Drive-time threshold (default: the admission rule's drive,
        :func:`default_thresholds`).
    max_km : float, optional
        Circle radius and road-distance threshold (default: the admission rule's distance).
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
    bad = set(kinds) - set(CATCHMENT_KINDS)
    if bad:
        raise InputError(f"unknown catchment kinds {sorted(bad)}; use {list(CATCHMENT_KINDS)}")
    minutes, km = check_thresholds(max_minutes, max_km)
    ids, lons, lats = origin_points(points)
    road = [k for k in kinds if k != "circle"]
    snaps = None
    if road:
        check_shape(shape, buffer_m, concave)
        clip = _clip_area(clip)  # resolved once for every origin
        if net is None:
            raise InputError("road catchments need a network (load_network)")
        snaps = snap_points(net, lons, lats, max_snap_m=max_snap_m, labels=ids)
    rows = []
    show = progress and settings.progress and len(ids) > 1
    for i in tqdm(range(len(ids)), desc="catchments", disable=not show):
        s = _snap_of_row(snaps, i, lons[i], lats[i])
        for kind in kinds:
            if kind == "circle":
                geom = geodesic_circle(float(lons[i]), float(lats[i]), km * 1000.0)
                rows.append((ids[i], kind, km, "km", np.nan, "geodesic", False, geom))
                continue
            weight, thr, unit, value = _road_kind(kind, minutes, km)
            assert net is not None  # checked above: road kinds need a network
            geom, s, _ = reach_polygon(
                net, lons[i], lats[i], threshold=thr, weight=weight, shape=shape,
                buffer_m=buffer_m, infill=infill, concave=concave, snap=s, method=method, clip=clip,
            )  # fmt: skip
            rows.append((ids[i], kind, value, unit, s.snap_m, net.source, net.approximate, geom))
    return gpd.GeoDataFrame(rows, columns=list(CATCHMENT_COLUMNS), geometry="geometry",
                            crs="EPSG:4326")  # fmt: skip
