"""The opened air ports (已开放航空口岸) a candidate airport is compared with, at a date.

By default the set comes from the register (:mod:`~portgeo.rules.admission.register`): every
row of the kinds the rule counts (``opened_kinds``) with its opening state at the analysis date
(True, or None when the register cannot tell; rows known not to be open are left out). A user's
CSV (``--open-ports``) replaces the set; its rows are checked (coordinates in range, no
duplicate ids) and all count as open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from portgeo._data import is_blank
from portgeo.catalogue import load_catalogue
from portgeo.errors import InputError
from portgeo.rules.admission.register import load_register, open_state

__all__ = ["OPEN_PORT_COLUMNS", "OpenPorts", "load_open_air_ports", "read_open_ports_csv"]

#: Columns of an opened-air-ports table (``open`` is True, or None for an unknown state).
OPEN_PORT_COLUMNS: tuple[str, ...] = ("id", "name_zh", "iata", "lat", "lon", "source", "open",
                                      "state", "province")  # fmt: skip


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


def _check_table(df: pd.DataFrame, where: str) -> pd.DataFrame:
    """Check coordinates and ids of an opened-ports table (row numbers as in a CSV file)."""
    missing = [c for c in ("id", "name_zh", "lat", "lon") if c not in df.columns]
    if missing:
        raise InputError(
            f"{where} lacks column(s) {', '.join(missing)}; expected id,name_zh,iata,lat,lon[,source]"
        )
    df = df.reset_index(drop=True).copy()
    for col, lim in (("lat", 90.0), ("lon", 180.0)):
        vals = pd.to_numeric(df[col], errors="coerce")
        bad = df.index[vals.isna() | ~np.isfinite(vals.astype(float)) | (vals.abs() > lim)]
        if len(bad):
            raise InputError(
                f"{where}: row {int(bad[0]) + 2} has an invalid {col} ({df.loc[bad[0], col]!r}; "
                f"must be a number within ±{lim:g})"
            )
        df[col] = vals.astype(float)
    ids = df["id"].astype(str)
    dup = ids[ids.duplicated()]
    if len(dup):
        raise InputError(
            f"{where}: id {dup.iloc[0]!r} appears more than once (row {int(dup.index[0]) + 2})"
        )
    df["iata"] = df["iata"].fillna("").astype(str).str.strip().str.upper() if "iata" in df else ""
    df["source"] = df["source"].fillna(where) if "source" in df else where
    for col, default in (("open", True), ("state", "given"), ("province", None)):
        if col not in df.columns:
            df[col] = default
    df["open"] = df["open"].astype(object)
    return df[list(OPEN_PORT_COLUMNS)]


def read_open_ports_csv(path: str | Path) -> pd.DataFrame:
    """Read a CSV of opened air ports (``id,name_zh,iata,lat,lon[,source]``).

    A row may give a catalogue ``site_id`` instead of ``lat``/``lon`` (column ``site_id``).

    Parameters
    ----------
    path : str or Path
        The file.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`OPEN_PORT_COLUMNS` (every row open).

    Raises
    ------
    portgeo.errors.InputError
        The file is missing or unreadable, lacks a column, has a bad coordinate or a duplicate id.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"open-ports file {path} does not exist")
    try:
        df = pd.read_csv(path, dtype={"id": str, "name_zh": str, "iata": str, "source": str})
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read open-ports file {path}: {exc}".splitlines()[0]) from exc
    if "site_id" in df.columns:
        df = _fill_from_sites(df, path)
    return _check_table(df, f"open-ports file {path.name}")


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
            raise InputError(
                f"open-ports file {path}: row {int(i) + 2} names unknown site_id {sid!r}"
            )
        df.at[i, "lat"] = float(sites.at[sid, "lat"])
        df.at[i, "lon"] = float(sites.at[sid, "lon"])
    return df


def load_open_air_ports(
    path: str | Path | pd.DataFrame | None = None,
    *,
    as_of: dt.date | None = None,
    kinds: tuple[str, ...] = ("class-1",),
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

    Returns
    -------
    OpenPorts
    """
    if isinstance(path, pd.DataFrame):
        df = _check_table(path, "given table")
        return OpenPorts(df, f"given table ({len(df)} ports)", source="given table")
    if path is not None:
        df = read_open_ports_csv(path)
        return OpenPorts(df, f"user file {Path(path).name} ({len(df)} ports)", source=str(path))
    day = as_of or dt.date.today()
    reg = open_state(load_register(), day, kinds=kinds)
    keep = reg[reg["open"] != False].copy()  # noqa: E712 - True or None (unknown)
    table = keep.assign(source=keep["source"].astype(str))[
        ["id", "name_zh", "iata", "lat", "lon", "source", "open", "state", "province"]
    ].reset_index(drop=True)
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
