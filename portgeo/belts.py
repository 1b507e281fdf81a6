"""Border-port belts (national 14th plan 专栏3): China's land boundary split by neighbour.

How the land boundary is split
------------------------------
Every 2-point segment of China's official boundary (:func:`portgeo.boundaries.load_boundary`,
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

The neighbour → region mapping (东北, 北部, 西北, 西南) is data: ``data/belt_regions.csv``.

Belts
-----
A belt is the strip of China within ``width_km`` (geodesic) of a neighbour's border. The border
is cut into pieces of at most 200 km; each piece is buffered in an azimuthal equidistant
projection centred on it (scale error below 0.01 % within 120 km of the centre), the buffers are
joined in WGS84 and intersected with China.
"""

from __future__ import annotations

import functools
import itertools
import logging
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from tqdm.auto import tqdm

from portgeo import settings
from portgeo.boundaries import (
    LAND_NEIGHBOURS,
    _line_segments,
    _read_parquet,
    _SegmentIndex,
    boundary_cache_dir,
    china_polygon,
    foot_points,
    load_belt_regions,
    load_boundary,
    load_neighbours,
)
from portgeo.errors import InputError
from portgeo.geodesy import GEOD, geodesic_distance_m, local_aeqd_crs

__all__ = [
    "belt_statistics",
    "build_belts",
    "load_border_segments",
    "load_coastline",
    "load_land_boundary",
    "match_crossings",
]

log = logging.getLogger(__name__)

#: Default tolerance (m) between China's line and a neighbour's line for a shared border.
DEFAULT_TOLERANCE_M = 2000.0
#: An unshared run between two shared runs is still land boundary when it stays within this many
#: km of a neighbour's polygon (the two sources draw the line differently there).
DEFAULT_MAX_GAP_KM = 30.0
#: A shared run shorter than this (m) inside a run of another neighbour takes that neighbour.
_MIN_RUN_M = 5000.0
_PIECE_M = 200_000.0


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
    nb_index: _SegmentIndex,
    nb_labels: np.ndarray,
    tolerance_m: float,
    max_gap_m: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Label the segments of one closed ring.

    Returns the ring's coordinates and labels, rotated so that the ring starts at a label change.
    """
    mid = (coords[:-1] + coords[1:]) / 2.0
    d, iseg = nb_index.nearest_planar(mid[:, 0], mid[:, 1])
    nearest = np.where(iseg >= 0, nb_labels[np.maximum(iseg, 0)], None)
    labels = np.where(d <= tolerance_m, nearest, None).astype(object)
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
        s = _line_segments(shapely.intersection(shapely.boundary(g), box))
        segs.append(s)
        labs.append(np.full(len(s), iso, dtype=object))
    nb_index = _SegmentIndex.from_segments(np.concatenate(segs))
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
    for iso in [*LAND_NEIGHBOURS, None]:
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
    if path.is_file():
        return _read_parquet(path)
    gdf = _segment_boundary(tolerance_m, max_gap_km)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".parquet.tmp")
    gdf.to_parquet(tmp)
    tmp.replace(path)
    return gdf


def _linework(tolerance_m: float, max_gap_km: float) -> gpd.GeoDataFrame:
    if tolerance_m <= 0 or max_gap_km < 0:
        raise InputError("tolerance_m must be positive and max_gap_km non-negative")
    return _linework_cached(str(boundary_cache_dir()), float(tolerance_m), float(max_gap_km))


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
# belts
# --------------------------------------------------------------------------------------------


def _split_line(coords: np.ndarray, piece_m: float) -> list[np.ndarray]:
    """Cut a vertex array into consecutive pieces of at most ~``piece_m`` geodesic length."""
    seglen = GEOD.inv(coords[:-1, 0], coords[:-1, 1], coords[1:, 0], coords[1:, 1])[2]
    cum = np.r_[0.0, np.cumsum(seglen)]
    n_pieces = max(1, int(np.ceil(cum[-1] / piece_m)))
    cuts = np.searchsorted(cum, np.linspace(0, cum[-1], n_pieces + 1)[1:-1])
    bounds = [0, *[int(c) for c in cuts], len(coords) - 1]
    out = []
    for a, b in itertools.pairwise(bounds):
        if b > a:
            out.append(coords[a : b + 1])
    return out


def _geodesic_buffer_line(coords: np.ndarray, width_m: float) -> shapely.Geometry:
    """Buffer a short line geodesically in an azimuthal equidistant frame centred on it."""
    mid = coords[len(coords) // 2]
    crs = local_aeqd_crs(float(mid[0]), float(mid[1]))
    fwd = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    inv = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    # densify first, so the projected line follows the lon/lat line between far-apart vertices
    coords = shapely.get_coordinates(shapely.segmentize(shapely.linestrings(coords), 0.01))
    x, y = fwd.transform(coords[:, 0], coords[:, 1])
    buf = shapely.buffer(shapely.linestrings(np.column_stack([x, y])), width_m, quad_segs=16)
    return shapely.transform(buf, lambda c: np.column_stack(inv.transform(c[:, 0], c[:, 1])))


def build_belts(
    *,
    width_km: float = 50.0,
    tolerance_m: float = DEFAULT_TOLERANCE_M,
    max_gap_km: float = DEFAULT_MAX_GAP_KM,
) -> gpd.GeoDataFrame:
    """Build the border belts: the strip of China within ``width_km`` of each neighbour.

    Parameters
    ----------
    width_km : float, default 50
        Geodesic width of the belt, measured from the border into China.
    tolerance_m, max_gap_km : float
        As in :func:`load_border_segments`.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, 14 rows. Columns ``neighbor``, ``name_zh``, ``region_zh``, ``width_km``,
        ``border_km`` (geodesic length of the border), ``area_km2`` (geodesic area),
        ``geometry`` (valid (Multi)Polygon). Belts of neighbours meeting at a tripoint overlap
        there.
    """
    if not width_km > 0:
        raise InputError(f"width_km must be positive, got {width_km!r}")
    key = f"belts_w{width_km:g}_t{tolerance_m:g}_g{max_gap_km:g}.parquet"
    path = boundary_cache_dir() / key
    if path.is_file():
        return _read_parquet(path)
    seg = load_border_segments(tolerance_m=tolerance_m, max_gap_km=max_gap_km)
    china = china_polygon()
    shapely.prepare(china)
    rows = []
    bar = tqdm(seg.itertuples(), total=len(seg), desc="Building border belts",
               disable=not settings.progress)  # fmt: skip
    for row in bar:
        bufs = []
        for part in shapely.get_parts(row.geometry):
            for piece in _split_line(shapely.get_coordinates(part), _PIECE_M):
                bufs.append(_geodesic_buffer_line(piece, width_km * 1000.0))
        belt = shapely.intersection(shapely.union_all(bufs), china) if bufs else shapely.Polygon()
        belt = shapely.make_valid(belt)
        belt = shapely.union_all(
            [g for g in shapely.get_parts(belt) if g.geom_type in ("Polygon", "MultiPolygon")]
        )
        area = abs(GEOD.geometry_area_perimeter(belt)[0]) / 1e6 if not belt.is_empty else 0.0
        rows.append(
            {
                "neighbor": row.neighbor,
                "name_zh": row.name_zh,
                "region_zh": row.region_zh,
                "width_km": float(width_km),
                "border_km": row.length_km,
                "area_km2": area,
                "geometry": belt,
            }
        )
    out = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    path.parent.mkdir(parents=True, exist_ok=True)
    out.to_parquet(path)
    return out


# --------------------------------------------------------------------------------------------
# crossings
# --------------------------------------------------------------------------------------------


def _border_crossings(plan: str) -> gpd.GeoDataFrame:
    from portgeo.catalogue import load_entities

    ents = load_entities(plan=plan, located_only=True)
    m = ents["kind"].isin(["road", "rail"]) & ents["neighbor"].isin(LAND_NEIGHBOURS)
    return ents[m].reset_index(drop=True)


def _part_positions(part: shapely.LineString) -> tuple[_SegmentIndex, np.ndarray]:
    c = shapely.get_coordinates(part)
    seglen = GEOD.inv(c[:-1, 0], c[:-1, 1], c[1:, 0], c[1:, 1])[2]
    return _SegmentIndex.from_segments(_line_segments(part)), np.r_[0.0, np.cumsum(seglen)]


def match_crossings(
    crossings: gpd.GeoDataFrame | None = None,
    *,
    plan: str = "national-14",
    tolerance_m: float = DEFAULT_TOLERANCE_M,
    max_gap_km: float = DEFAULT_MAX_GAP_KM,
) -> gpd.GeoDataFrame:
    """Match border crossings to China's land boundary segments.

    Each crossing is put on the nearest point of the whole land boundary; the neighbour of that
    segment, the geodesic distance to it and the crossing's position along that stretch of
    border are reported, and the crossings are ordered along each stretch.

    Parameters
    ----------
    crossings : geopandas.GeoDataFrame, optional
        Points with at least ``id``; other columns are kept. Default: the located road and rail
        crossings of ``plan`` whose ``neighbor`` is a land neighbour.
    plan : str, default "national-14"
        Plan whose crossings are matched when ``crossings`` is None.
    tolerance_m, max_gap_km : float
        As in :func:`load_border_segments`.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, the input rows plus ``segment_neighbor`` (ISO3 of the nearest border
        segment), ``segment_region`` (its belt region), ``distance_to_line_km`` (geodesic),
        ``part`` (index of the stretch within the neighbour's MultiLineString),
        ``position_km`` (geodesic distance along the stretch from its start),
        ``next_id`` and ``to_next_km`` (the next crossing further along the same stretch — a
        different site — and the distance along the line to it; empty/NaN for the last one).
        Crossings sharing one site (road and rail) share a position.
    """
    if crossings is None:
        crossings = _border_crossings(plan)
    gdf = crossings.to_crs("EPSG:4326") if crossings.crs is not None else crossings
    gdf = gdf.copy()
    seg = load_border_segments(tolerance_m=tolerance_m, max_gap_km=max_gap_km)
    x = gdf.geometry.x.to_numpy()
    y = gdf.geometry.y.to_numpy()
    parts, part_nb, part_no = [], [], []
    for row in seg.itertuples():
        for k, p in enumerate(shapely.get_parts(row.geometry)):
            parts.append(p)
            part_nb.append(row.neighbor)
            part_no.append(k)
    # nearest stretch of the whole land boundary
    all_idx = _SegmentIndex.from_segments(np.concatenate([_line_segments(p) for p in parts]))
    owner = np.concatenate(
        [np.full(len(shapely.get_coordinates(p)) - 1, i) for i, p in enumerate(parts)]
    )
    dist, iseg = all_idx.nearest(x, y)
    which = owner[iseg]
    region = seg.set_index("neighbor")["region_zh"]
    gdf["segment_neighbor"] = [part_nb[i] for i in which]
    gdf["segment_region"] = [region[part_nb[i]] for i in which]
    gdf["distance_to_line_km"] = dist / 1000.0
    gdf["part"] = [part_no[i] for i in which]
    pos = np.full(len(gdf), np.nan)
    for i in np.unique(which):
        m = which == i
        idx, cum = _part_positions(parts[i])
        _, s = idx.nearest(x[m], y[m])
        # position = start of segment + distance from its first vertex to the foot point
        ab = shapely.get_coordinates(idx.segments[s]).reshape(-1, 2, 2)
        fx, fy = foot_points(x[m], y[m], ab[:, 0], ab[:, 1])
        pos[m] = cum[s] + geodesic_distance_m(ab[:, 0, 0], ab[:, 0, 1], fx, fy)
    gdf["position_km"] = pos / 1000.0
    gdf["next_id"] = ""
    gdf["to_next_km"] = np.nan
    site = gdf["site_id"] if "site_id" in gdf else gdf["id"]
    for _, grp in gdf.groupby(["segment_neighbor", "part"]):
        order = grp.sort_values("position_km")
        ids = order.index.to_numpy()
        for a_i, a in enumerate(ids):
            for b in ids[a_i + 1 :]:
                if site[b] != site[a]:
                    gdf.loc[a, "next_id"] = gdf.loc[b, "id"]
                    gdf.loc[a, "to_next_km"] = gdf.loc[b, "position_km"] - gdf.loc[a, "position_km"]
                    break
    return gdf


def belt_statistics(
    crossings: gpd.GeoDataFrame | None = None,
    *,
    plan: str = "national-14",
    tolerance_m: float = DEFAULT_TOLERANCE_M,
    max_gap_km: float = DEFAULT_MAX_GAP_KM,
) -> pd.DataFrame:
    """Summarise each neighbour's border and each belt region.

    Parameters
    ----------
    crossings : geopandas.GeoDataFrame, optional
        Output of :func:`match_crossings`; computed for ``plan`` when None.
    plan : str, default "national-14"
        Plan whose crossings are counted when ``crossings`` is None.
    tolerance_m, max_gap_km : float
        As in :func:`load_border_segments`.

    Returns
    -------
    pandas.DataFrame
        One row per neighbour (``level`` = ``"neighbor"``, ``key`` = ISO3) then one per region
        (``level`` = ``"region"``, ``key`` = 东北/北部/西北/西南) and a ``"total"`` row. Columns
        ``level``, ``key``, ``region_zh``, ``boundary_km`` (geodesic), ``n_parts``,
        ``road_operating``, ``road_planned``, ``rail_operating``, ``rail_planned``,
        ``crossings`` (all), ``longest_gap_km`` (longest stretch of border with no operating
        crossing, counting from the ends of each stretch; the whole length when there is none).
        Crossings are counted by the neighbour of the segment they were matched to.
    """
    seg = load_border_segments(tolerance_m=tolerance_m, max_gap_km=max_gap_km)
    if crossings is None:
        crossings = match_crossings(plan=plan, tolerance_m=tolerance_m, max_gap_km=max_gap_km)
    rows = []
    for row in seg.itertuples():
        c = crossings[crossings["segment_neighbor"] == row.neighbor]
        gaps = []
        for k, part in enumerate(shapely.get_parts(row.geometry)):
            length = GEOD.geometry_length(part) / 1000.0
            op = c[(c["part"] == k) & (c["status"] == "operating")]["position_km"].to_numpy()
            stops = np.r_[0.0, np.sort(op), length]
            gaps.append(float(np.max(np.diff(stops))))
        rec = {
            "level": "neighbor",
            "key": row.neighbor,
            "region_zh": row.region_zh,
            "boundary_km": row.length_km,
            "n_parts": row.n_parts,
            "longest_gap_km": max(gaps) if gaps else 0.0,
            "crossings": len(c),
        }
        for mode in ("road", "rail"):
            for status in ("operating", "planned"):
                rec[f"{mode}_{status}"] = int(((c["kind"] == mode) & (c["status"] == status)).sum())
        rows.append(rec)
    df = pd.DataFrame(rows)
    num = ["boundary_km", "n_parts", "road_operating", "road_planned", "rail_operating",
           "rail_planned", "crossings"]  # fmt: skip
    reg = df.groupby("region_zh", sort=False).agg(
        {**{k: "sum" for k in num}, "longest_gap_km": "max"}
    )
    reg = reg.reset_index().assign(level="region", key=lambda d: d["region_zh"])
    tot = (
        df[num]
        .sum()
        .to_frame()
        .T.assign(
            level="total", key="total", region_zh="", longest_gap_km=df["longest_gap_km"].max()
        )
    )
    cols = ["level", "key", "region_zh", "boundary_km", "n_parts", "road_operating",
            "road_planned", "rail_operating", "rail_planned", "crossings", "longest_gap_km"]  # fmt: skip
    out = pd.concat([df[cols], reg[cols], tot[cols]], ignore_index=True)
    ints = [c for c in num if c != "boundary_km"]
    out[ints] = out[ints].astype(np.int64)
    out[["boundary_km", "longest_gap_km"]] = out[["boundary_km", "longest_gap_km"]].astype(float)
    return out
