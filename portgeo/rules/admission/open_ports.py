"""The opened air ports (已开放航空口岸) a candidate airport is compared with, at a date.

By default the set comes from the register (:mod:`~portgeo.rules.admission.register`): every
row of the kinds the rule counts (``opened_kinds``) with its opening state at the analysis date
(True, or None when the register cannot tell; rows known not to be open are left out). A user's
CSV (``--open-ports``) replaces the set; its rows are checked (coordinates in range and not
swapped, no id, IATA code or point given twice) and all count as open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely

from portgeo._data import is_blank, read_user_csv
from portgeo.catalogue import load_catalogue
from portgeo.errors import InputError
from portgeo.layout.boundaries import china_polygon
from portgeo.rules.admission.register import load_register, open_state, register_start

__all__ = ["OPEN_PORT_COLUMNS", "OpenPorts", "load_open_air_ports", "read_open_ports_csv"]

#: Columns of an opened-air-ports table (``open`` is True, or None for an unknown state;
#: ``precision`` the point's stated precision, None when a user's file gives none).
OPEN_PORT_COLUMNS: tuple[str, ...] = ("id", "name_zh", "iata", "lat", "lon", "source", "open",
                                      "state", "province", "precision")  # fmt: skip


@dataclass
class OpenPorts:
    """The set of already-opened air ports a candidate is compared with.

    Attributes
    ----------
    table : pandas.DataFrame
        Columns :data:`OPEN_PORT_COLUMNS`.
    label : str
        Which set this is, in words, for reports.
    source : str
        The file (the register, or the user's file).
    as_of : datetime.date or None
        The date of the analysis (None for a user's file, which has no dates).
    register : pandas.DataFrame or None
        The whole register with every row's state at ``as_of`` (None for a user's file): the
        check uses it to tell a candidate that is itself an opened, closed or approved port.
    """

    table: pd.DataFrame
    label: str
    source: str = ""
    as_of: dt.date | None = None
    register: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def n_open(self) -> int:
        """Number of ports known to be open."""
        return int((self.table["open"] == True).sum())  # noqa: E712

    @property
    def n_unknown(self) -> int:
        """Number of ports whose state at the date the register cannot tell."""
        return int(self.table["open"].isna().sum())

    def describe(self) -> dict[str, Any]:
        """Name the set for JSON and reports: source, date and counts.

        Returns
        -------
        dict
            ``source``, ``as_of`` (ISO date or None), ``count`` (known open), ``unknown``,
            ``label``.
        """
        return {
            "source": self.source,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "count": self.n_open,
            "unknown": self.n_unknown,
            "label": self.label,
        }


#: Two rows whose points lie closer than this (degrees, about 10 m) name the same port twice.
SAME_POINT_DEG = 1e-4


def _row_names(df: pd.DataFrame) -> list[str]:
    """How to name each row in a message: its line in the file, or its row number."""
    if df.index.name == "line":
        return [f"line {int(i)}" for i in df.index]
    return [f"row {k + 1}" for k in range(len(df))]


def _check_table(df: pd.DataFrame, where: str) -> pd.DataFrame:
    """Check coordinates and ids of an opened-ports table (rows named by their file lines)."""
    missing = [c for c in ("id", "name_zh", "lat", "lon") if c not in df.columns]
    if missing:
        raise InputError(
            f"{where} lacks column(s) {', '.join(missing)}; expected id,name_zh,iata,lat,lon[,source]"
        )
    names = _row_names(df)
    df = df.reset_index(drop=True).copy()
    if df.empty:
        raise InputError(f"{where} has no rows; give at least one opened air port")
    nums = {}
    for col in ("lat", "lon"):
        nums[col] = pd.to_numeric(df[col], errors="coerce").astype(float)
    for col, lim in (("lat", 90.0), ("lon", 180.0)):
        vals = nums[col]
        bad = df.index[vals.isna() | ~np.isfinite(vals) | (vals.abs() > lim)]
        if len(bad):
            k = int(bad[0])
            lat, lon = nums["lat"].iloc[k], nums["lon"].iloc[k]
            hint = ""
            if abs(lon) <= 90 and abs(lat) <= 180 and 70 <= lat <= 140 and 0 <= lon <= 60:
                hint = f"; lat and lon look swapped (lat {lon:g}, lon {lat:g} would be in China)"
            raise InputError(
                f"{where}: {names[k]} has an invalid {col} ({str(df.loc[k, col]).strip()!r}; "
                f"must be a number within ±{lim:g}){hint}"
            )
        df[col] = vals
    ids = df["id"].astype(str).str.strip()
    if (ids == "").any() or df["id"].isna().any():
        k = int(df.index[(ids == "") | df["id"].isna()][0])
        raise InputError(f"{where}: {names[k]} has no id")
    df["id"] = ids
    df["iata"] = df["iata"].fillna("").astype(str).str.strip().str.upper() if "iata" in df else ""
    point = (
        (df["lat"] / SAME_POINT_DEG).round().astype(int).astype(str)
        + ","
        + (df["lon"] / SAME_POINT_DEG).round().astype(int).astype(str)
    )
    for key, what in ((df["id"], "id"), (df["iata"].where(df["iata"] != ""), "IATA code"),
                      (point, "point")):  # fmt: skip
        dup = key[key.notna() & key.duplicated(keep=False)]
        if len(dup):
            first, second = (int(k) for k in dup.index[:2])
            value = (
                key.iloc[first]
                if what != "point"
                else (f"lat {df.loc[first, 'lat']:g}, lon {df.loc[first, 'lon']:g}")
            )
            raise InputError(
                f"{where}: {names[first]} and {names[second]} give the same {what} ({value}); "
                "each opened air port must appear once"
            )
    df["source"] = df["source"].fillna(where) if "source" in df else where
    for col, default in (("open", True), ("state", "given"), ("province", None),
                         ("precision", None)):  # fmt: skip
        if col not in df.columns:
            df[col] = default
    df["open"] = df["open"].astype(object)
    return df[list(OPEN_PORT_COLUMNS)]


def read_open_ports_csv(path: str | Path, *, encoding: str | None = None) -> pd.DataFrame:
    """Read a CSV of opened air ports (``id,name_zh,iata,lat,lon[,source]``).

    A row may give a catalogue ``site_id`` instead of ``lat``/``lon`` (column ``site_id``). The
    file is read by :func:`portgeo._data.read_user_csv` (encoding detected, blank lines
    skipped, ragged rows refused).

    Parameters
    ----------
    path : str or Path
        The file.
    encoding : str, optional
        The file's encoding (default: detected).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`OPEN_PORT_COLUMNS` (every row open).

    Raises
    ------
    portgeo.errors.InputError
        The file is missing or unreadable, lacks a column, has a bad or swapped coordinate,
        or names one port twice (same id, IATA code or point).
    """
    path = Path(path)
    df = read_user_csv(path, what="open-ports file", encoding=encoding,
                       dtype={"id": str, "name_zh": str, "iata": str, "source": str})  # fmt: skip
    if "site_id" in df.columns:
        df = _fill_from_sites(df, path)
    table = _check_table(df, f"open-ports file {path.name}")
    poly = china_polygon()
    inside = shapely.contains_xy(poly, table["lon"].to_numpy(), table["lat"].to_numpy())
    if not inside.all():
        k = int(np.flatnonzero(~inside)[0])
        lat, lon = float(table.at[k, "lat"]), float(table.at[k, "lon"])
        swapped = bool(shapely.contains_xy(poly, lat, lon))
        raise InputError(
            f"open-ports file {path.name}: {_row_names(df)[k]} ({table.at[k, 'name_zh']}) at lat "
            f"{lat:g}, lon {lon:g} lies outside China"
            + (f"; lat and lon look swapped (lat {lon:g}, lon {lat:g} is in China)" if swapped
               else "; check the coordinates (WGS84 degrees)")
        )  # fmt: skip
    return table


def _fill_from_sites(df: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Take lat/lon of rows that name a catalogue ``site_id`` from ``data/sites`` (one source)."""
    sites = load_catalogue().sites.set_index("site_id")
    df = df.copy()
    for col in ("lat", "lon"):
        if col not in df.columns:
            df[col] = np.nan
        df[col] = pd.to_numeric(df[col], errors="coerce")
    for i, sid in df["site_id"].items():
        if is_blank(sid) or pd.notna(df.at[i, "lat"]):
            continue
        if sid not in sites.index:
            raise InputError(f"open-ports file {path}: line {int(i)} names unknown site_id {sid!r}")
        df.at[i, "lat"] = float(sites.at[sid, "lat"])
        df.at[i, "lon"] = float(sites.at[sid, "lon"])
    return df


def load_open_air_ports(
    path: str | Path | pd.DataFrame | None = None,
    *,
    as_of: dt.date | None = None,
    kinds: tuple[str, ...] = ("class-1",),
    encoding: str | None = None,
) -> OpenPorts:
    """Load the set of already-opened air ports.

    Parameters
    ----------
    path : str, Path, DataFrame or None
        ``None``: the register (``data/registers/opened_air_ports.csv``) at ``as_of``. A path:
        the user's CSV (``id,name_zh,iata,lat,lon[,source]``), used alone, every row open. A
        DataFrame with those columns is used as is.
    as_of : datetime.date, optional
        The analysis date (default today) for the register.
    kinds : tuple of str, default ("class-1",)
        Register kinds that count (the rule's ``opened_kinds``).
    encoding : str, optional
        Encoding of the user's CSV (default: detected).

    Returns
    -------
    OpenPorts

    Raises
    ------
    portgeo.errors.InputError
        A bad user file, or an ``as_of`` before the register's earliest dated entry
        (:func:`~portgeo.rules.admission.register.register_start`).
    """
    if isinstance(path, pd.DataFrame):
        df = _check_table(path, "given table")
        return OpenPorts(df, f"given table ({len(df)} ports)", source="given table")
    if path is not None:
        df = read_open_ports_csv(path, encoding=encoding)
        return OpenPorts(df, f"user file {Path(path).name} ({len(df)} ports)", source=str(path))
    day = as_of or dt.date.today()
    register = load_register()
    start = register_start(register)
    if day < start.start:
        raise InputError(
            f"the analysis date {day.isoformat()} (--as-of) comes before the register of opened "
            f"air ports begins ({start.text}, its earliest dated entry): it cannot tell which air "
            f"ports were open then; give a date from {start.text} on, or, instead of --as-of, a "
            "file of the ports open then (--open-ports)"
        )
    reg = open_state(register, day, kinds=kinds)
    keep = reg[reg["open"] != False].copy()  # noqa: E712 - True or None (unknown)
    table = keep.assign(source=keep["source"].astype(str))[list(OPEN_PORT_COLUMNS)].reset_index(
        drop=True
    )
    table["iata"] = table["iata"].fillna("")
    n_open = int((table["open"] == True).sum())  # noqa: E712
    n_unknown = int(table["open"].isna().sum())
    rel = "data/registers/opened_air_ports.csv"
    label = (
        f"register {rel} as of {day.isoformat()}: {n_open} opened air ports ({', '.join(kinds)})"
    )
    if n_unknown:
        label += f" + {n_unknown} of unknown state"
    return OpenPorts(table, label, source=rel, as_of=day, register=reg)
