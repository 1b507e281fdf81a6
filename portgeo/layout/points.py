"""Is a user's point a place at all: coordinates in range, and a latitude and longitude not swapped.

The one check of a typed coordinate pair, shared by every command that takes ``--lat``/``--lon``
(the admission check, catchments): a value out of range names the coordinate and its limit, and a
pair that lies in China once swapped says so, since that is the usual slip.
"""

from __future__ import annotations

import shapely

from portgeo.errors import InputError
from portgeo.layout.boundaries import china_polygon

__all__ = ["check_lat_lon", "in_china", "swapped_hint"]


def in_china(lon: float, lat: float) -> bool:
    """Whether a WGS84 point lies in China's official polygon.

    Parameters
    ----------
    lon, lat : float

    Returns
    -------
    bool
    """
    poly = china_polygon()
    shapely.prepare(poly)
    return bool(shapely.contains_xy(poly, float(lon), float(lat)))


def swapped_hint(lat: float, lon: float) -> str | None:
    """Return a message when (lat, lon) read the other way round lies in China, else None.

    Parameters
    ----------
    lat, lon : float

    Returns
    -------
    str or None
    """
    if -90 <= lon <= 90 and -180 <= lat <= 180 and in_china(lat, lon):
        return (
            f"latitude {lat:g} and longitude {lon:g} look swapped: (lat {lon:g}, lon {lat:g}) is "
            f"in China; pass --lat {lon:g} --lon {lat:g}"
        )
    return None


def check_lat_lon(lat: float, lon: float) -> None:
    """Refuse a coordinate pair out of range, naming the coordinate, its limit or the swap.

    Parameters
    ----------
    lat, lon : float
        Degrees.

    Raises
    ------
    portgeo.errors.InputError
        ``latitude -91 is out of range: it must lie within ±90 degrees``, or the swap hint.
    """
    if -90 <= lat <= 90 and -180 <= lon <= 180:
        return
    hint = swapped_hint(lat, lon)
    what, value, limit = ("latitude", lat, 90) if not -90 <= lat <= 90 else ("longitude", lon, 180)
    raise InputError(
        hint or f"{what} {value:g} is out of range: it must lie within ±{limit} degrees"
    )
