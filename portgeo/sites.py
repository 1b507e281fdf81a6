"""Where the plans' entities are: the site files of ``data/sites/``, airports located.

Every entity of the catalogue points at a site. A site row gives its WGS84 point, a precision
and a ``coord_source``; an airport row may leave ``lat``/``lon`` empty and give its IATA code,
and the point is taken from the ``airportsdata`` package; a filled ``lat``/``lon`` on an airport
is an explained override (KMG: airportsdata still has the closed Wujiaba airport).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import airportsdata
import pandas as pd

from portgeo._data import read_data_csv
from portgeo.errors import CatalogueError

__all__ = ["SITE_COLUMNS", "airportsdata_by_iata", "airportsdata_version", "load_sites"]

#: Columns of ``data/sites/*.csv``, in order.
SITE_COLUMNS: tuple[str, ...] = (
    "site_id", "name_zh", "name_en", "site_type", "iata", "lat", "lon", "precision",
    "coord_source", "note",
)  # fmt: skip


@functools.lru_cache(maxsize=1)
def airportsdata_by_iata() -> dict[str, dict[str, Any]]:
    """Return the ``airportsdata`` table keyed by IATA code (loaded once).

    Returns
    -------
    dict
        IATA code → record (``icao``, ``name``, ``city``, ``subd``, ``country``, ``lat``,
        ``lon``, ...). KMG there is the closed Wujiaba airport: use :mod:`portgeo.airports`,
        which applies the catalogue's explained overrides, to locate an airport.
    """
    return {code: dict(rec) for code, rec in airportsdata.load("IATA").items()}


def airportsdata_version() -> str:
    """Return the installed ``airportsdata`` version.

    Returns
    -------
    str
    """
    return str(getattr(airportsdata, "__version__", "unknown"))


def _resolve_airports(sites: pd.DataFrame) -> pd.DataFrame:
    """Fill airport coordinates from airportsdata where the site gives none."""
    need = sites["iata"].notna() & (sites["lat"].isna() | sites["lon"].isna())
    if not need.any():
        return sites
    airports = airportsdata_by_iata()
    version = airportsdata_version()
    for idx in sites.index[need]:
        code = str(sites.at[idx, "iata"]).strip().upper()
        rec = airports.get(code)
        if rec is None:
            raise CatalogueError(
                f"site {sites.at[idx, 'site_id']}: IATA {code!r} is not in airportsdata {version}; "
                "give lat/lon as an explained override"
            )
        sites.at[idx, "lat"] = float(rec["lat"])
        sites.at[idx, "lon"] = float(rec["lon"])
        if pd.isna(sites.at[idx, "coord_source"]):
            sites.at[idx, "coord_source"] = f"airportsdata {version}: {rec['icao'] or code}"
        if pd.isna(sites.at[idx, "precision"]):
            sites.at[idx, "precision"] = "exact"
    return sites


def load_sites(base: Path) -> pd.DataFrame:
    """Read every ``sites/*.csv`` of a data folder, airports located.

    Parameters
    ----------
    base : pathlib.Path
        The data folder.

    Returns
    -------
    pandas.DataFrame
        :data:`SITE_COLUMNS` plus ``source_file``; ``lat``/``lon`` as floats.

    Raises
    ------
    portgeo.errors.CatalogueError
        A missing column, a duplicate ``site_id``, an unknown IATA code or an impossible
        coordinate.
    """
    frames = []
    folder = base / "sites"
    for path in sorted(folder.glob("*.csv")):
        df = read_data_csv(path)
        missing = [c for c in SITE_COLUMNS if c not in df.columns]
        if missing:
            raise CatalogueError(f"{path.name}: missing columns {missing}")
        df["source_file"] = path.name
        frames.append(df)
    if not frames:
        return pd.DataFrame(columns=[*SITE_COLUMNS, "source_file"])
    sites = pd.concat(frames, ignore_index=True)
    dup = sites["site_id"][sites["site_id"].duplicated()]
    if not dup.empty:
        raise CatalogueError(f"duplicate site_id(s): {sorted(set(dup))}")
    sites["lat"] = pd.to_numeric(sites["lat"], errors="raise")
    sites["lon"] = pd.to_numeric(sites["lon"], errors="raise")
    sites = _resolve_airports(sites)
    sites["lat"] = sites["lat"].astype(float)
    sites["lon"] = sites["lon"].astype(float)
    bad = sites[(sites["lat"].abs() > 90) | (sites["lon"].abs() > 180)]
    if not bad.empty:
        raise CatalogueError(f"sites with impossible coordinates: {list(bad['site_id'])}")
    return sites
