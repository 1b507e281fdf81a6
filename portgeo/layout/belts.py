"""Border-port belts: the strip of China along each neighbour, and the crossings on it.

The border itself (China's boundary split by neighbour) comes from
:mod:`portgeo.layout.borders`; this module builds on it:

Belts
-----
A belt is the strip of China within ``width_km`` (geodesic) of a neighbour's border. The border
is cut into pieces of at most 200 km; each piece is buffered in an azimuthal equidistant
projection centred on it (scale error below 0.01 % within 120 km of the centre), the buffers are
joined in WGS84 and intersected with China.

Crossings
---------
:func:`match_crossings` puts each border crossing on its stretch of border (neighbour,
distance to the line, position along it, the next crossing), :func:`border_gaps` lists every
stretch of border between two listed crossings (printed without brackets: listed in the plan,
which does not mean open) or a crossing and the stretch's end, and
:func:`belt_statistics` summarises each neighbour and region: length, crossings by mode and
status, and the longest stretch with no listed crossing.
"""

from __future__ import annotations

import functools
import itertools
import logging

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from tqdm.auto import tqdm

from portgeo import settings
from portgeo._cache import cached_file, read_geoparquet, write_geoparquet
from portgeo.catalogue import load_catalogue, load_entities
from portgeo.errors import InputError
from portgeo.geo.geodesy import GEOD, geodesic_distance_m, local_aeqd_crs
from portgeo.geo.lines import SegmentIndex, foot_points, line_segments
from portgeo.layout.borders import DEFAULT_MAX_GAP_KM, DEFAULT_TOLERANCE_M, load_border_segments
from portgeo.layout.boundaries import boundary_cache_dir, china_polygon
from portgeo.layout.neighbours import label_neighbours, land_neighbours

__all__ = ["belt_statistics", "border_gaps", "build_belts", "match_crossings"]

log = logging.getLogger(__name__)

_PIECE_M = 200_000.0


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
    path = boundary_cache_dir() / f"belts_w{width_km:g}_t{tolerance_m:g}_g{max_gap_km:g}.parquet"
    read = functools.partial(
        read_geoparquet,
        columns=("neighbor", "name_zh", "region_zh", "width_km", "border_km", "area_km2"),
    )
    built = cached_file(
        path,
        lambda: _build_belts(width_km, tolerance_m, max_gap_km),
        read=read,
        write=write_geoparquet,
    )
    return label_neighbours(built, "neighbor")


def _build_belts(width_km: float, tolerance_m: float, max_gap_km: float) -> gpd.GeoDataFrame:
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
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


# --------------------------------------------------------------------------------------------
# crossings
# --------------------------------------------------------------------------------------------


def _border_crossings(plan: str | None) -> gpd.GeoDataFrame:
    ents = load_entities(
        plan=plan or load_catalogue().latest_plan("border-layout"), located_only=True
    )
    m = ents["kind"].isin(["road", "rail"]) & ents["neighbor"].isin(land_neighbours())
    return ents[m].reset_index(drop=True)


def _part_positions(part: shapely.LineString) -> tuple[SegmentIndex, np.ndarray]:
    c = shapely.get_coordinates(part)
    seglen = GEOD.inv(c[:-1, 0], c[:-1, 1], c[1:, 0], c[1:, 1])[2]
    return SegmentIndex.from_segments(line_segments(part)), np.r_[0.0, np.cumsum(seglen)]


def match_crossings(
    crossings: gpd.GeoDataFrame | None = None,
    *,
    plan: str | None = None,
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
    plan : str, optional
        Default: the latest plan with a border layout (:meth:`portgeo.catalogue.Catalogue.latest_plan`).
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
    all_idx = SegmentIndex.from_segments(np.concatenate([line_segments(p) for p in parts]))
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


def border_gaps(
    crossings: gpd.GeoDataFrame | None = None,
    *,
    plan: str | None = None,
    tolerance_m: float = DEFAULT_TOLERANCE_M,
    max_gap_km: float = DEFAULT_MAX_GAP_KM,
) -> pd.DataFrame:
    """List every stretch of land border with no listed crossing on it.

    Each stretch of each neighbour's border is cut at its listed crossings (printed without brackets) (a road and a rail
    crossing at one site cut it once); the pieces, from the stretch's start to the first
    crossing, between consecutive crossings and from the last crossing to the stretch's end, are
    the gaps. A stretch with no listed crossing is one gap, its whole length.

    Parameters
    ----------
    crossings : geopandas.GeoDataFrame, optional
        Output of :func:`match_crossings`; computed for ``plan`` when None.
    plan : str, optional
        Default: the latest plan with a border layout.
    tolerance_m, max_gap_km : float
        As in :func:`load_border_segments`.

    Returns
    -------
    pandas.DataFrame
        One row per gap, longest first: ``neighbor`` (ISO3), ``name_zh`` (the neighbour's name),
        ``region_zh``, ``part`` (stretch index within the neighbour's border), ``from_name`` and
        ``to_name`` (the listed crossings (printed without brackets) at either end, ``、``-joined when several share the
        site; empty at the end of a stretch), ``start_km``, ``end_km`` (positions along the
        stretch) and ``length_km`` (geodesic, along the border).
    """
    seg = load_border_segments(tolerance_m=tolerance_m, max_gap_km=max_gap_km)
    if crossings is None:
        crossings = match_crossings(plan=plan, tolerance_m=tolerance_m, max_gap_km=max_gap_km)
    op = crossings[crossings["status"] == "listed"]
    rows = []
    for row in seg.itertuples():
        c = op[op["segment_neighbor"] == row.neighbor]
        for k, part in enumerate(shapely.get_parts(row.geometry)):
            length = GEOD.geometry_length(part) / 1000.0
            here = c[c["part"] == k].sort_values("position_km", kind="stable")
            site = here["site_id"] if "site_id" in here else here["id"]
            stops: list[tuple[float, str]] = [(0.0, "")]
            for _, grp in here.groupby(site.to_numpy(), sort=False):
                names = "、".join(dict.fromkeys(grp["name_zh"].astype(str)))
                stops.append((float(grp["position_km"].min()), names))
            stops.sort(key=lambda s: s[0])
            stops.append((length, ""))
            for (a, a_name), (b, b_name) in itertools.pairwise(stops):
                if b - a <= 0:
                    continue
                rows.append({"neighbor": row.neighbor, "name_zh": row.name_zh,
                             "region_zh": row.region_zh, "part": k, "from_name": a_name,
                             "to_name": b_name, "start_km": a, "end_km": b, "length_km": b - a})  # fmt: skip
    cols = ["neighbor", "name_zh", "region_zh", "part", "from_name", "to_name", "start_km",
            "end_km", "length_km"]  # fmt: skip
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values("length_km", ascending=False, kind="stable").reset_index(drop=True)


def belt_statistics(
    crossings: gpd.GeoDataFrame | None = None,
    *,
    plan: str | None = None,
    tolerance_m: float = DEFAULT_TOLERANCE_M,
    max_gap_km: float = DEFAULT_MAX_GAP_KM,
) -> pd.DataFrame:
    """Summarise each neighbour's border and each belt region.

    Parameters
    ----------
    crossings : geopandas.GeoDataFrame, optional
        Output of :func:`match_crossings`; computed for ``plan`` when None.
    plan : str, optional
        Default: the latest plan with a border layout (:meth:`portgeo.catalogue.Catalogue.latest_plan`).
        Plan whose crossings are counted when ``crossings`` is None.
    tolerance_m, max_gap_km : float
        As in :func:`load_border_segments`.

    Returns
    -------
    pandas.DataFrame
        One row per neighbour (``level`` = ``"neighbor"``, ``key`` = ISO3) then one per region
        (``level`` = ``"region"``, ``key`` = 东北/北部/西北/西南) and a ``"total"`` row. Columns
        ``level``, ``key``, ``region_zh``, ``boundary_km`` (geodesic), ``n_parts``,
        ``road_listed``, ``road_planned``, ``rail_listed``, ``rail_planned``,
        ``crossings`` (all), ``longest_gap_km`` (longest stretch of border with no listed
        crossing, counting from the ends of each stretch; the whole length when there is none).
        Crossings are counted by the neighbour of the segment they were matched to.
    """
    seg = load_border_segments(tolerance_m=tolerance_m, max_gap_km=max_gap_km)
    if crossings is None:
        crossings = match_crossings(plan=plan, tolerance_m=tolerance_m, max_gap_km=max_gap_km)
    longest = border_gaps(crossings, tolerance_m=tolerance_m, max_gap_km=max_gap_km)
    longest = longest.groupby("neighbor")["length_km"].max()
    rows = []
    for row in seg.itertuples():
        c = crossings[crossings["segment_neighbor"] == row.neighbor]
        rec = {
            "level": "neighbor",
            "key": row.neighbor,
            "region_zh": row.region_zh,
            "boundary_km": row.length_km,
            "n_parts": row.n_parts,
            "longest_gap_km": float(longest.get(row.neighbor, 0.0)),
            "crossings": len(c),
        }
        for mode in ("road", "rail"):
            for status in ("listed", "planned"):
                rec[f"{mode}_{status}"] = int(((c["kind"] == mode) & (c["status"] == status)).sum())
        rows.append(rec)
    df = pd.DataFrame(rows)
    num = ["boundary_km", "n_parts", "road_listed", "road_planned", "rail_listed",
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
    cols = ["level", "key", "region_zh", "boundary_km", "n_parts", "road_listed",
            "road_planned", "rail_listed", "rail_planned", "crossings", "longest_gap_km"]  # fmt: skip
    out = pd.concat([df[cols], reg[cols], tot[cols]], ignore_index=True)
    ints = [c for c in num if c != "boundary_km"]
    out[ints] = out[ints].astype(np.int64)
    out[["boundary_km", "longest_gap_km"]] = out[["boundary_km", "longest_gap_km"]].astype(float)
    return out
