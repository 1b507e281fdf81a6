"""The opened air ports (已开放航空口岸) a candidate airport is compared with.

The default set is every airport of the admission plan's air-port layout (its hubs) plus
``data/open_air_ports.csv`` (further opened air ports, each with a stated source). A user's CSV
(``--open-ports``) replaces the set; its rows are checked (coordinates in range, no duplicate
ids) before anything is measured.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from portgeo._data import data_path
from portgeo.catalogue import load_catalogue
from portgeo.errors import InputError
from portgeo.layout.hubs import hub_airports
from portgeo.rules.admission.rule import admission_plan

__all__ = ["OPEN_PORT_COLUMNS", "OpenPorts", "load_open_air_ports", "read_open_ports_csv"]

#: Columns of an opened-air-ports table.
OPEN_PORT_COLUMNS: tuple[str, ...] = ("id", "name_zh", "iata", "lat", "lon", "source")


@dataclass
class OpenPorts:
    """The set of already-opened air ports a candidate is compared with.

    Attributes
    ----------
    table : pandas.DataFrame
        Columns :data:`OPEN_PORT_COLUMNS`.
    label : str
        Which set this is, for reports.
    """

    table: pd.DataFrame
    label: str


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
    dup = df["id"].astype(str)[df["id"].astype(str).duplicated()]
    if len(dup):
        raise InputError(
            f"{where}: id {dup.iloc[0]!r} appears more than once (row {int(dup.index[0]) + 2})"
        )
    if "iata" not in df.columns:
        df["iata"] = ""
    df["iata"] = df["iata"].fillna("").astype(str).str.strip().str.upper()
    if "source" not in df.columns:
        df["source"] = where
    df["source"] = df["source"].fillna(where)
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
        Columns :data:`OPEN_PORT_COLUMNS`.

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
        if not isinstance(sid, str) or not sid.strip() or pd.notna(df.at[i, "lat"]):
            continue
        if sid not in sites.index:
            raise InputError(
                f"open-ports file {path}: row {int(i) + 2} names unknown site_id {sid!r}"
            )
        df.at[i, "lat"] = float(sites.at[sid, "lat"])
        df.at[i, "lon"] = float(sites.at[sid, "lon"])
    return df


def load_open_air_ports(path: str | Path | pd.DataFrame | None = None) -> OpenPorts:
    """Load the set of already-opened air ports.

    Parameters
    ----------
    path : str, Path, DataFrame or None
        ``None``: the default set, every located airport of the admission plan's air-port
        layout (its hubs) plus ``data/open_air_ports.csv``. A path: the user's CSV
        (``id,name_zh,iata,lat,lon[,source]``), used alone. A DataFrame with those columns is
        used as is.

    Returns
    -------
    OpenPorts
    """
    if isinstance(path, pd.DataFrame):
        df = _check_table(path, "given table")
        return OpenPorts(df, f"given table ({len(df)} ports)")
    if path is not None:
        df = read_open_ports_csv(path)
        return OpenPorts(df, f"user file {Path(path).name} ({len(df)} ports)")
    plan = admission_plan()
    cat = load_catalogue()
    column = cat.column_of(plan, "air-layout")
    hubs = hub_airports(plan=plan)
    hubs = hubs[hubs.geometry.notna()]
    hub_df = pd.DataFrame(
        {
            "id": hubs["id"].astype(str),
            "name_zh": hubs["name_zh"].astype(str),
            "iata": hubs["iata"].astype(str).str.upper(),
            "lat": hubs.geometry.y.astype(float),
            "lon": hubs.geometry.x.astype(float),
            "source": f"{cat.plan_title(plan)} {cat.column_info(plan, column)['title_zh']} "
            + hubs["tier"].fillna("").astype(str),
        }
    )
    extra = read_open_ports_csv(data_path("open_air_ports.csv"))
    extra = extra[~extra["iata"].isin(set(hub_df["iata"]) - {""})]
    label = (
        f"{plan} 专栏{column} {cat.column_info(plan, column)['title_zh']} hubs ({len(hub_df)} "
        f"airports) + data/open_air_ports.csv ({len(extra)} airports)"
    )
    return OpenPorts(_check_table(pd.concat([hub_df, extra], ignore_index=True), label), label)
