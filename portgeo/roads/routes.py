"""Road distance, drive time and fastest routes between points (one search per origin)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from portgeo.errors import SnapError
from portgeo.roads import kernels as ga
from portgeo.roads.network import RoadNetwork
from portgeo.roads.snapping import origin_points, snap_point, snap_points

__all__ = ["fastest_route", "measure_to_destinations"]


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
        destination, ``reachable``, ``covered`` (the destination lies within ``max_snap_m`` of
        the network: when False its drive time is unknown, not infinite); snap legs included; plus ``approximate`` and ``source``.
    """
    so = snap_point(net, origin[0], origin[1], max_snap_m=max_snap_m)
    ids, lons, lats = origin_points(destinations)
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
            "covered": ok,
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
