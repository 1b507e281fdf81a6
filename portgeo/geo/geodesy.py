"""Geodesic measures on the WGS84 ellipsoid.

Every distance and buffer in portgeo is geodesic: a 200 km circle is the set of points whose
geodesic distance from the centre is 200 km, computed with :class:`pyproj.Geod` (Karney's
algorithms), never a buffer in degrees.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import shapely
from pyproj import Geod
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

__all__ = [
    "GEOD",
    "geodesic_circle",
    "geodesic_distance_m",
    "geodesic_length_m",
    "local_aeqd_crs",
]

#: The WGS84 ellipsoid used for every geodesic computation.
GEOD = Geod(ellps="WGS84")


def geodesic_distance_m(
    lon1: npt.ArrayLike, lat1: npt.ArrayLike, lon2: npt.ArrayLike, lat2: npt.ArrayLike
) -> np.ndarray | float:
    """Compute geodesic distances on the WGS84 ellipsoid.

    Parameters
    ----------
    lon1, lat1, lon2, lat2 : float or array_like
        Coordinates in degrees; arrays broadcast against each other.

    Returns
    -------
    float or numpy.ndarray
        Distance in metres (a float for scalar input).

    Examples
    --------
    >>> round(geodesic_distance_m(116.0, 40.0, 117.0, 40.0) / 1000, 1)
    85.4
    """
    scalar = all(np.ndim(v) == 0 for v in (lon1, lat1, lon2, lat2))
    a = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (lon1, lat1, lon2, lat2)))
    _, _, dist = GEOD.inv(np.ravel(a[0]), np.ravel(a[1]), np.ravel(a[2]), np.ravel(a[3]))
    dist = np.asarray(dist, dtype=float).reshape(a[0].shape)
    return float(dist) if scalar else dist


def geodesic_circle(lon: float, lat: float, radius_m: float, *, n_points: int = 180) -> Polygon:
    """Build the geodesic circle of a given radius around a point.

    The vertices are exactly ``radius_m`` from the centre along geodesics at equally spaced
    azimuths, so the polygon is a true geodesic circle up to the chord between vertices.

    Parameters
    ----------
    lon, lat : float
        Centre in degrees (WGS84).
    radius_m : float
        Radius in metres (> 0).
    n_points : int, default 180
        Number of vertices.

    Returns
    -------
    shapely.Polygon
        The circle in EPSG:4326 coordinates.
    """
    if not radius_m > 0:
        raise ValueError(f"radius_m must be positive, got {radius_m!r}")
    az = np.linspace(0.0, 360.0, n_points, endpoint=False)
    lons, lats, _ = GEOD.fwd(
        np.full(n_points, float(lon)),
        np.full(n_points, float(lat)),
        az,
        np.full(n_points, float(radius_m)),
    )
    ring = np.column_stack([lons, lats])
    poly = Polygon(ring)
    if not poly.is_valid:  # only across the antimeridian or a pole, never in China
        poly = shapely.make_valid(poly)
    return poly


def geodesic_length_m(geom: BaseGeometry) -> float:
    """Compute the geodesic length of a (multi)line or polygon boundary, in metres.

    Parameters
    ----------
    geom : shapely.Geometry
        Geometry in EPSG:4326 coordinates.

    Returns
    -------
    float
        Length in metres.
    """
    if geom is None or geom.is_empty:
        return 0.0
    return float(GEOD.geometry_length(geom))


def local_aeqd_crs(lon: float, lat: float) -> str:
    """Return a PROJ string for an azimuthal equidistant projection centred on a point.

    Distances from the centre are true in this projection, which makes it the right local frame
    for buffering around one place.

    Parameters
    ----------
    lon, lat : float
        Centre in degrees.

    Returns
    -------
    str
        A PROJ definition usable by :class:`pyproj.CRS` and GeoPandas ``to_crs``.
    """
    return (
        f"+proj=aeqd +lat_0={lat:.6f} +lon_0={lon:.6f} +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"
    )
