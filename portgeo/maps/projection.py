"""The printed page's projection: Albers equal-area conic, its scale bar, north and graticule.

China's national maps are drawn in an equal-area conic projection with standard parallels
25° N and 47° N and central meridian 105° E (:data:`portgeo.geo.polygons.CHINA_ALBERS`); the
briefing page (:mod:`portgeo.maps.briefing`) uses it for every national map. A map of one
region (a province's projects) gets the same kind of projection fitted to its own view
(:func:`regional_albers`): central meridian at the view's centre, standard parallels at one
sixth and five sixths of its latitude span, the usual rule for a conic of a small area, so
that scale errors stay under a thousandth.

In a conic projection neither the scale nor north is the same everywhere on the page: along
the standard parallels the scale is true, between them parallels are shortened and meridians
lengthened (equal area). So the scale bar is solved where it is drawn (:func:`scale_bar_end`:
the geodesic distance between its two ends, projected back, is its stated length), and the
north arrow points along the meridian through its own position (:func:`north_angle`).
The interactive map stays Web Mercator; this module serves the printed page only.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from pyproj import Transformer

from portgeo.geo.geodesy import geodesic_distance_m
from portgeo.geo.polygons import CHINA_ALBERS, proj_transformer

__all__ = [
    "CHINA_ALBERS",
    "graticule",
    "inverse_xy",
    "nice_length_m",
    "north_angle",
    "project_geometries",
    "project_xy",
    "regional_albers",
    "scale_bar_end",
]


def regional_albers(west: float, south: float, east: float, north: float) -> str:
    """Return an Albers equal-area projection fitted to a region's view.

    Parameters
    ----------
    west, south, east, north : float
        The view in WGS84 degrees.

    Returns
    -------
    str
        PROJ string: central meridian at the view's centre, standard parallels at 1/6 and 5/6
        of its latitude span (WGS84 ellipsoid, metres).
    """
    span = north - south
    lat1, lat2 = south + span / 6.0, north - span / 6.0
    lon0 = (west + east) / 2.0
    return (f"+proj=aea +lat_0=0 +lon_0={lon0:.4f} +lat_1={lat1:.4f} +lat_2={lat2:.4f} "
            "+ellps=WGS84")  # fmt: skip


def _transformer(proj: str) -> Transformer:
    return proj_transformer(proj)


def project_xy(proj: str, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Project WGS84 degrees to page metres.

    Parameters
    ----------
    proj : str
        PROJ string of the page (e.g. :data:`CHINA_ALBERS`).
    lon, lat : array_like

    Returns
    -------
    (x, y) : tuple of numpy.ndarray
    """
    x, y = _transformer(proj).transform(np.asarray(lon, float), np.asarray(lat, float))
    return np.asarray(x), np.asarray(y)


def inverse_xy(proj: str, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the WGS84 degrees of page metres (the inverse of :func:`project_xy`).

    Parameters
    ----------
    proj : str
    x, y : array_like

    Returns
    -------
    (lon, lat) : tuple of numpy.ndarray
    """
    lon, lat = _transformer(proj).transform(
        np.asarray(x, float), np.asarray(y, float), direction="INVERSE"
    )
    return np.asarray(lon), np.asarray(lat)


def project_geometries(geoms: np.ndarray, proj: str) -> np.ndarray:
    """Project an array of WGS84 geometries to page metres.

    Parameters
    ----------
    geoms : numpy.ndarray of shapely geometries
    proj : str

    Returns
    -------
    numpy.ndarray of shapely geometries
    """
    tr = _transformer(proj)

    def fwd(xy: np.ndarray) -> np.ndarray:
        return np.column_stack(tr.transform(xy[:, 0], xy[:, 1]))

    return np.asarray(shapely.transform(geoms, fwd), dtype=object)


def nice_length_m(target_m: float) -> float:
    """Return the round length (1, 2 or 5 times a power of ten) at or below ``target_m``.

    Parameters
    ----------
    target_m : float
        Positive length in metres.

    Returns
    -------
    float
    """
    exp = math.floor(math.log10(target_m))
    for mult in (5.0, 2.0, 1.0):
        if mult * 10**exp <= target_m:
            return mult * 10**exp
    return 10.0 ** (exp - 1) * 5.0


def scale_bar_end(proj: str, x0: float, y0: float, length_m: float) -> float:
    """Return the page x of a horizontal scale bar's right end, true where it is drawn.

    The bar starts at ``(x0, y0)``; its end is moved along the page's horizontal until the
    geodesic distance between the two ends, projected back to WGS84, is ``length_m``.

    Parameters
    ----------
    proj : str
        PROJ string of the page.
    x0, y0 : float
        Left end in page metres.
    length_m : float
        The bar's ground length in metres.

    Returns
    -------
    float
        The right end's x in page metres (the ends' geodesic distance within a millimetre of
        ``length_m``).
    """
    lon0, lat0 = inverse_xy(proj, np.array([x0]), np.array([y0]))
    x1 = x0 + length_m
    for _ in range(8):
        lon1, lat1 = inverse_xy(proj, np.array([x1]), np.array([y0]))
        d = float(geodesic_distance_m(lon0[0], lat0[0], lon1[0], lat1[0]))
        if abs(d - length_m) < 1e-3:
            break
        x1 = x0 + (x1 - x0) * length_m / d
    return float(x1)


def north_angle(proj: str, x: float, y: float) -> float:
    """Return the direction of north at a point of the page, in degrees from the page's up.

    Parameters
    ----------
    proj : str
    x, y : float
        Page metres.

    Returns
    -------
    float
        Positive when north leans to the right: west of the central meridian, where the
        meridians converge towards the cone's apex above it.
    """
    lon, lat = inverse_xy(proj, np.array([x]), np.array([y]))
    step = 0.05 if lat[0] < 89.9 else -0.05
    xs, ys = project_xy(proj, np.array([lon[0], lon[0]]), np.array([lat[0], lat[0] + step]))
    dx, dy = float(xs[1] - xs[0]), float(ys[1] - ys[0])
    if step < 0:
        dx, dy = -dx, -dy
    return math.degrees(math.atan2(dx, dy))


def graticule(
    proj: str, lonlat_box: tuple[float, float, float, float], step: float
) -> list[tuple[str, float, shapely.LineString]]:
    """Return the meridians and parallels every ``step`` degrees across a box, projected.

    Parameters
    ----------
    proj : str
    lonlat_box : (west, south, east, north)
        WGS84 degrees the lines span.
    step : float
        Degrees between lines.

    Returns
    -------
    list of (kind, degrees, LineString)
        ``kind`` is ``"lon"`` (a meridian) or ``"lat"`` (a parallel); the line in page metres,
        densified every 0.25° so that parallels bend as they should.
    """
    w, s, e, n = lonlat_box
    out: list[tuple[str, float, shapely.LineString]] = []
    lats = np.arange(max(s, -89.0), min(n, 89.0) + 1e-9, 0.25)
    lons = np.arange(w, e + 1e-9, 0.25)
    for lon in np.arange(math.ceil(w / step) * step, e + 1e-9, step):
        x, y = project_xy(proj, np.full(len(lats), lon), lats)
        out.append(("lon", float(lon), shapely.LineString(np.column_stack([x, y]))))
    for lat in np.arange(math.ceil(s / step) * step, n + 1e-9, step):
        x, y = project_xy(proj, lons, np.full(len(lons), lat))
        out.append(("lat", float(lat), shapely.LineString(np.column_stack([x, y]))))
    return out
