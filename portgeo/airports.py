"""Airports by IATA code or name: the one airport lookup of the library, CLI and notebooks.

A code is looked up first among the catalogue's sites (``data/sites/*.csv``), whose airport
rows carry explained coordinate overrides (KMG: ``airportsdata`` still has the closed Wujiaba
airport; PKX: rounded there), then in ``airportsdata``. A name is matched against the catalogue
sites' Chinese and English names, then airportsdata's names and cities. An unknown code or name
raises :class:`portgeo.errors.InputError` with the closest suggestions.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from portgeo._data import is_blank
from portgeo.catalogue import load_catalogue
from portgeo.errors import InputError
from portgeo.sites import airportsdata_by_iata, airportsdata_version

__all__ = ["Airport", "lookup_airport", "suggest_airports"]


@dataclass(frozen=True)
class Airport:
    """An airport's identity and WGS84 position.

    Attributes
    ----------
    iata : str
        IATA code.
    icao : str or None
        ICAO code (airportsdata).
    name : str
        The catalogue's Chinese name when the airport is a catalogue site, else airportsdata's.
    name_en : str
        English name.
    lat, lon : float
        WGS84 degrees.
    country : str or None
        ISO 3166 alpha-2 (airportsdata), e.g. ``"CN"``, ``"HK"``.
    source : str
        Where the position comes from (a catalogue site with its ``coord_source``, or
        airportsdata with its version).
    """

    iata: str
    icao: str | None
    name: str
    name_en: str
    lat: float
    lon: float
    country: str | None
    source: str


def _from_site(code: str) -> Airport | None:
    sites = load_catalogue().sites
    rows = sites[(sites["iata"].fillna("").str.upper() == code) & sites["lat"].notna()]
    if rows.empty:
        return None
    row = rows.iloc[0]
    rec = airportsdata_by_iata().get(code, {})
    return Airport(
        iata=code,
        icao=rec.get("icao") or None,
        name=str(row["name_zh"]),
        name_en=str(row["name_en"]),
        lat=float(row["lat"]),
        lon=float(row["lon"]),
        country=rec.get("country") or "CN",
        source=f"portgeo data/sites {row['site_id']} ({row['coord_source']})",
    )


def _from_airportsdata(code: str) -> Airport | None:
    rec = airportsdata_by_iata().get(code)
    if rec is None:
        return None
    return Airport(
        iata=code,
        icao=rec.get("icao") or None,
        name=str(rec["name"]),
        name_en=str(rec["name"]),
        lat=float(rec["lat"]),
        lon=float(rec["lon"]),
        country=rec.get("country") or None,
        source=f"airportsdata {airportsdata_version()}: {rec.get('icao') or code}",
    )


def _code_for_name(name: str) -> str | None:
    text = name.strip().casefold()
    sites = load_catalogue().sites
    air = sites[sites["iata"].notna()]
    for col in ("name_zh", "name_en"):
        hit = air[air[col].fillna("").str.casefold() == text]
        if not hit.empty:
            return str(hit["iata"].iloc[0]).upper()
    for code, rec in airportsdata_by_iata().items():
        if text in (str(rec.get("name", "")).casefold(), str(rec.get("city", "")).casefold()):
            return code
    return None


def lookup_airport(query: str) -> Airport:
    """Find an airport by IATA code (``"HUZ"``) or by name (``"惠州平潭机场"``, ``"Huizhou"``).

    Parameters
    ----------
    query : str
        A three-letter IATA code, or an airport's name or city as the catalogue or airportsdata
        spells it.

    Returns
    -------
    Airport

    Raises
    ------
    portgeo.errors.InputError
        Nothing matches; the message suggests the closest codes.
    """
    if is_blank(query):
        raise InputError("give an IATA code or an airport name")
    text = str(query).strip()
    code = text.upper()
    if not (2 <= len(code) <= 4 and code.isascii() and code.isalpha()):
        found = _code_for_name(text)
        if found is None:
            sugg = suggest_airports(text)
            hint = f"; did you mean {', '.join(sugg)}?" if sugg else ""
            raise InputError(f"no airport named {text!r}{hint}")
        code = found
    hit = _from_site(code) or _from_airportsdata(code)
    if hit is None:
        sugg = suggest_airports(code)
        hint = f"; did you mean {', '.join(sugg)}?" if sugg else ""
        raise InputError(f"unknown IATA code {code!r}{hint}")
    return hit


def suggest_airports(text: str, *, n: int = 3) -> list[str]:
    """Suggest airports close to what the user typed (codes first, Chinese airports first).

    Parameters
    ----------
    text : str
        A mistyped code or name.
    n : int, default 3
        How many suggestions.

    Returns
    -------
    list of str
        ``"CODE (name)"``, best first.
    """
    data = airportsdata_by_iata()
    query = text.strip().upper()
    cn = [k for k, v in data.items() if v.get("country") == "CN"]
    hits = difflib.get_close_matches(query, cn, n=n, cutoff=0.6)
    hits += [h for h in difflib.get_close_matches(query, list(data), n=n, cutoff=0.6)
             if h not in hits]  # fmt: skip
    names: dict[str, str] = {}
    for k, v in data.items():
        if v.get("country") == "CN":
            names[str(v["name"]).upper()] = k
            if v.get("city"):
                names[str(v["city"]).upper()] = k
    for name in difflib.get_close_matches(query, list(names), n=n, cutoff=0.5):
        if names[name] not in hits:
            hits.append(names[name])
    return [f"{h} ({data[h]['name']})" for h in hits[:n]]
