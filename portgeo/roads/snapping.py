"""Where points join a road network: snapping to the largest strongly connected component.

A point snaps to the nearest node of the network's largest strongly connected component
(great-circle nearest). The snap leg (point → node) counts as a straight road at
``settings.access_speed_kmh`` for time and at its length for road distance. A point farther than
``max_snap_m`` (``settings.max_snap_m``) raises :class:`portgeo.errors.SnapError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from portgeo import settings
from portgeo.errors import InputError, SnapError
from portgeo.geo.geodesy import geodesic_distance_m
from portgeo.geo.lines import unit_xyz
from portgeo.roads.network import RoadNetwork

__all__ = ["Snap", "access_seconds", "origin_points", "snap_point", "snap_points"]


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


def access_seconds(snap_m: np.ndarray | float) -> np.ndarray | float:
    """Return the time of snap legs at ``settings.access_speed_kmh``.

    Parameters
    ----------
    snap_m : float or numpy.ndarray
        Leg lengths in metres.

    Returns
    -------
    float or numpy.ndarray
        Seconds.
    """
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
            "access_s": access_seconds(d),
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


def origin_points(points: Any) -> tuple[list[Any], np.ndarray, np.ndarray]:
    """Read origins: a GeoDataFrame of points or a list of (lon, lat).

    Parameters
    ----------
    points : geopandas.GeoDataFrame, geopandas.GeoSeries or sequence of (lon, lat)
        Ids come from an ``origin_id``, ``id`` or ``iata`` column, else the index (or the
        position in a list).

    Returns
    -------
    ids : list
    lons, lats : numpy.ndarray
        WGS84 degrees.
    """
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
