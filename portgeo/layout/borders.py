"""China's boundary split into land borders (one per neighbour) and coast, and distances to them.

How the land boundary is split
------------------------------
Every 2-point segment of China's official boundary (:func:`portgeo.layout.boundaries.load_boundary`,
oriented counter-clockwise) is labelled with the land neighbour whose polygon boundary is
nearest to the segment's midpoint, if that neighbour lies within ``tolerance_m`` (geodesic);
otherwise it is coast. Unlabelled runs that lie between two land runs
and stay within ``max_gap_km`` of a neighbour (the sources disagree there by more than the
tolerance, e.g. the Pamir) are given to their nearest neighbour; shared runs shorter than 5 km
inside a run of another neighbour take that neighbour.
Consecutive segments with one label are joined into runs. So every piece of the boundary belongs
to exactly one neighbour or to the coast: the pieces partition China's boundary, and the land
boundary lengths of the 14 neighbours add up to the land boundary length.

Runs follow China's boundary counter-clockwise, so along the land boundary they go from the
Yalu mouth (PRK) up the Tumen and the Ussuri (RUS), west along the Amur, Mongolia, Central Asia,
the Himalaya, and east to the Beilun mouth (VNM).

The neighbour → region mapping (东北, 北部, 西北, 西南) is data: ``data/belt_regions.csv``; the
linework is cached in the boundary cache folder, whose key hashes the neighbours' polygons in
that file, and the names and regions are joined from it on read.
"""

from __future__ import annotations

import functools
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from tqdm.auto import tqdm

from portgeo import settings
from portgeo._cache import cached_file, read_geoparquet, write_geoparquet
from portgeo.errors import InputError
from portgeo.geo.frames import points_lonlat
from portgeo.geo.geodesy import GEOD
from portgeo.geo.lines import SegmentIndex, line_segments
from portgeo.layout.boundaries import boundary_cache_dir, load_boundary, load_neighbours
from portgeo.layout.neighbours import label_neighbours, land_neighbours, load_belt_regions

__all__ = [
    "DEFAULT_MAX_GAP_KM",
    "DEFAULT_TOLERANCE_M",
    "border_index",
    "distance_to_border_km",
    "distance_to_coast_km",
    "load_border_segments",
    "load_coastline",
    "load_land_boundary",
]

#: Default tolerance (m) between China's line and a neighbour's line for a shared border.
DEFAULT_TOLERANCE_M = 2000.0
#: An unshared run between two shared runs is still land boundary when it stays within this many
#: km of a neighbour's polygon (the two sources draw the line differently there).
DEFAULT_MAX_GAP_KM = 30.0
#: A shared run shorter than this (m) inside a run of another neighbour takes that neighbour.
_MIN_RUN_M = 5000.0

# --------------------------------------------------------------------------------------------
# segmentation
# --------------------------------------------------------------------------------------------


def _runs(labels: np.ndarray) -> list[tuple[int, int, object]]:
    """Split a label array into runs ``(start, stop, label)``."""
    change = np.flatnonzero(labels[1:] != labels[:-1]) + 1
    starts = np.r_[0, change]
    stops = np.r_[change, len(labels)]
    return [(int(a), int(b), labels[a]) for a, b in zip(starts, stops, strict=True)]


def _label_ring(
    coords: np.ndarray,
    nb_index: SegmentIndex,
    nb_labels: np.ndarray,
    tolerance_m: float,
    max_gap_m: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Label the segments of one closed ring.

    Returns the ring's coordinates and labels, rotated so that the ring starts at a label change.
    """
    mid = (coords[:-1] + coords[1:]) / 2.0
    d, iseg = nb_index.nearest_planar(mid[:, 0], mid[:, 1])
    nearest = nb_labels[np.maximum(iseg, 0)].astype(object)
    nearest[iseg < 0] = None
    labels = nearest.copy()
    labels[~(d <= tolerance_m)] = None
    seglen = GEOD.inv(coords[:-1, 0], coords[:-1, 1], coords[1:, 0], coords[1:, 1])[2]
    n = len(labels)
    if n == 0:
        return coords, labels
    # rotate so that the ring starts at a label change (runs then never wrap around)
    change = np.flatnonzero(labels != np.roll(labels, 1))
    shift = int(change[0]) if len(change) else 0
    labels = np.roll(labels, -shift)
    nearest = np.roll(nearest, -shift)
    d = np.roll(d, -shift)
    seglen = np.roll(seglen, -shift)
    ring = np.vstack([np.roll(coords[:-1], -shift, axis=0)])
    ring = np.vstack([ring, ring[:1]])
    runs = _runs(labels)
    if len(runs) > 2:
        # an unshared run between two shared runs that never strays far from a neighbour is
        # land boundary drawn differently by the two sources (e.g. the Pamir line of 2011)
        for k, (a, b, lab) in enumerate(runs):
            before = runs[k - 1][2]
            after = runs[(k + 1) % len(runs)][2]
            if lab is None and before is not None and after is not None:
                if np.max(d[a:b]) <= max_gap_m:
                    labels[a:b] = nearest[a:b]
    runs = _runs(labels)
    if len(runs) > 2:
        # a short shared run inside a longer run of another neighbour is the other polygon
        # reaching across a border river
        for k, (a, b, lab) in enumerate(runs):
            before = runs[k - 1][2]
            after = runs[(k + 1) % len(runs)][2]
            short = seglen[a:b].sum() <= _MIN_RUN_M
            if lab is not None and before is not None and before == after and short:
                labels[a:b] = before
    return ring, labels


def _segment_boundary(tolerance_m: float, max_gap_km: float) -> gpd.GeoDataFrame:
    china = shapely.orient_polygons(load_boundary().geometry.iloc[0])  # exterior CCW
    neighbours = load_neighbours()
    minx, miny, maxx, maxy = china.bounds
    box = shapely.box(minx - 1, miny - 1, maxx + 1, maxy + 1)
    segs, labs = [], []
    for iso, g in zip(neighbours["iso3"], neighbours.geometry, strict=True):
        s = line_segments(shapely.intersection(shapely.boundary(g), box))
        segs.append(s)
        labs.append(np.full(len(s), iso, dtype=object))
    nb_index = SegmentIndex.from_segments(np.concatenate(segs))
    nb_labels = np.concatenate(labs)
    lines: dict[object, list[np.ndarray]] = {}
    polygons = list(shapely.get_parts(china))
    rings = []
    for p in polygons:
        rings.append(shapely.get_coordinates(p.exterior))
        rings += [shapely.get_coordinates(r) for r in p.interiors]
    # only rings that come near a neighbour need the labelling
    near_tol_deg = 2 * tolerance_m / 111_320.0 / np.cos(np.radians(55))
    bar = tqdm(rings, desc="Splitting China's boundary by neighbour", disable=not settings.progress)
    for coords in bar:
        hits = nb_index.tree.query(
            shapely.linestrings(coords), predicate="dwithin", distance=near_tol_deg
        )
        if len(hits) == 0:
            lines.setdefault(None, []).append(coords)
            continue
        ring, labels = _label_ring(coords, nb_index, nb_labels, tolerance_m, max_gap_km * 1000)
        for a, b, lab in _runs(labels):
            lines.setdefault(lab, []).append(ring[a : b + 1])
    regions = load_belt_regions().set_index("neighbor")
    rows = []
    for iso in [*land_neighbours(), None]:
        parts = lines.get(iso, [])
        geom = shapely.MultiLineString([shapely.linestrings(p) for p in parts])
        rows.append(
            {
                "neighbor": iso if iso is not None else "",
                "kind": "land" if iso is not None else "coast",
                "name_zh": regions.loc[iso, "name_zh"] if iso is not None else "海岸线",
                "region_zh": regions.loc[iso, "region_zh"] if iso is not None else "",
                "length_km": GEOD.geometry_length(geom) / 1000.0,
                "n_parts": len(parts),
                "geometry": geom,
            }
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


@functools.lru_cache(maxsize=4)
def _linework_cached(cache: str, tolerance_m: float, max_gap_km: float) -> gpd.GeoDataFrame:
    path = Path(cache) / f"linework_t{tolerance_m:g}_g{max_gap_km:g}.parquet"
    read = functools.partial(
        read_geoparquet,
        columns=("neighbor", "kind", "name_zh", "region_zh", "length_km", "n_parts"),
    )
    return cached_file(
        path, lambda: _segment_boundary(tolerance_m, max_gap_km), read=read, write=write_geoparquet
    )


def _linework(tolerance_m: float, max_gap_km: float) -> gpd.GeoDataFrame:
    if tolerance_m <= 0 or max_gap_km < 0:
        raise InputError("tolerance_m must be positive and max_gap_km non-negative")
    lw = _linework_cached(str(boundary_cache_dir()), float(tolerance_m), float(max_gap_km))
    return label_neighbours(lw, "neighbor")


def load_border_segments(
    *, tolerance_m: float = DEFAULT_TOLERANCE_M, max_gap_km: float = DEFAULT_MAX_GAP_KM
) -> gpd.GeoDataFrame:
    """Split China's land boundary into one segment set per land neighbour.

    Parameters
    ----------
    tolerance_m : float, default 2000
        A piece of China's boundary is shared with a neighbour when the neighbour's polygon
        boundary is within this geodesic distance of it.
    max_gap_km : float, default 30
        An unshared run between two shared runs that stays within this distance of a
        neighbour's polygon is land boundary too, given to its nearest neighbour (the Pamir,
        where the sources draw the China–Tajikistan line up to ~20 km apart). Shared runs
        shorter than 5 km inside a run of another neighbour take that neighbour.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, 14 rows in the order of ``data/belt_regions.csv``. Columns ``neighbor``
        (ISO3), ``kind`` (``"land"``), ``name_zh``, ``region_zh`` (东北, 北部, 西北, 西南),
        ``length_km`` (geodesic), ``n_parts`` (separate stretches), ``geometry``
        (MultiLineString, each part oriented along China's boundary counter-clockwise).
    """
    lw = _linework(tolerance_m, max_gap_km)
    return lw[lw["kind"] == "land"].reset_index(drop=True).copy()


def load_coastline(
    *, tolerance_m: float = DEFAULT_TOLERANCE_M, max_gap_km: float = DEFAULT_MAX_GAP_KM
) -> shapely.MultiLineString:
    """Return China's coastline: its boundary minus the land boundary.

    Parameters
    ----------
    tolerance_m, max_gap_km : float
        As in :func:`load_border_segments`.

    Returns
    -------
    shapely.MultiLineString
        Mainland, island, Taiwan, Hong Kong and Macao coasts (WGS84).
    """
    lw = _linework(tolerance_m, max_gap_km)
    return lw.loc[lw["kind"] == "coast", "geometry"].iloc[0]


def load_land_boundary(
    *, tolerance_m: float = DEFAULT_TOLERANCE_M, max_gap_km: float = DEFAULT_MAX_GAP_KM
) -> shapely.MultiLineString:
    """Return China's whole land boundary (the 14 neighbours' segments together).

    Parameters
    ----------
    tolerance_m, max_gap_km : float
        As in :func:`load_border_segments`.

    Returns
    -------
    shapely.MultiLineString
        The land boundary (WGS84).
    """
    seg = load_border_segments(tolerance_m=tolerance_m, max_gap_km=max_gap_km)
    parts = [p for g in seg.geometry for p in shapely.get_parts(g)]
    return shapely.MultiLineString(parts)


# --------------------------------------------------------------------------------------------
# distances
# --------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=32)
def _line_index_cached(cache: str, which: str) -> SegmentIndex:
    if which == "coast":
        return SegmentIndex(load_coastline())
    segs = load_border_segments().set_index("neighbor")
    return SegmentIndex(segs.loc[which, "geometry"])


def border_index(which: str) -> SegmentIndex:
    """Return the nearest-point index of a neighbour's border (ISO3) or of the coast.

    Parameters
    ----------
    which : str
        ISO3 of a land neighbour, or ``"coast"``.

    Returns
    -------
    portgeo.geo.lines.SegmentIndex
        Built once per process and boundary cache.
    """
    neighbours = land_neighbours()
    if which != "coast" and which not in neighbours:
        raise InputError(
            f"{which!r} is neither 'coast' nor one of the land neighbours {neighbours}"
        )
    return _line_index_cached(str(boundary_cache_dir()), which)


def distance_to_border_km(gdf: gpd.GeoDataFrame, neighbor: str | pd.Series) -> pd.Series:
    """Measure the geodesic distance from points to China's boundary with a neighbour.

    The boundary with a neighbour is its border segment set
    (:func:`load_border_segments`).

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame or GeoSeries
        Points.
    neighbor : str or pandas.Series
        ISO3 code of a land neighbour (``data/belt_regions.csv``), or a Series of codes
        aligned with ``gdf`` (rows whose code is not a land neighbour give NaN).

    Returns
    -------
    pandas.Series of float
        Distance in km, indexed like ``gdf``; NaN for missing points.
    """
    x, y, ok = points_lonlat(gdf)
    neighbours = land_neighbours()
    if isinstance(neighbor, str):
        if neighbor not in neighbours:
            raise InputError(f"{neighbor!r} is not one of China's land neighbours {neighbours}")
        codes = np.full(len(x), neighbor, dtype=object)
    else:
        codes = pd.Series(neighbor).reindex(gdf.index).to_numpy(dtype=object)
    out = np.full(len(x), np.nan)
    for iso in pd.unique(codes[ok]):
        if iso not in neighbours:
            continue
        m = ok & (codes == iso)
        d, _ = border_index(iso).nearest(x[m], y[m])
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
    x, y, ok = points_lonlat(gdf)
    out = np.full(len(x), np.nan)
    if ok.any():
        d, _ = border_index("coast").nearest(x[ok], y[ok])
        out[ok] = d / 1000.0
    return pd.Series(out, index=gdf.index, name="distance_to_coast_km")
