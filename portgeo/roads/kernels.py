"""Array kernels for road searches: Dijkstra with start offsets, nearest origins, reach geometry.

The engine under :mod:`portgeo.roads.catchments`. Searches run on the CSR matrices of a
:class:`portgeo.roads.network.RoadNetwork` with :func:`scipy.sparse.csgraph.dijkstra`; several
origins with different start costs (their snap legs) are searched in ONE pass through a virtual
super-source joined to every origin node by an edge weighing that origin's start cost. The
reached pieces of road are turned into polygons by a distance field on a grid and its contour.
"""

from __future__ import annotations

import logging
from typing import cast

import contourpy
import numpy as np
import scipy.sparse as sp
import shapely
from scipy import ndimage
from scipy.sparse.csgraph import dijkstra

from portgeo.geo.polygons import as_polygonal, fill_holes, proj_transformer
from portgeo.roads.network import RoadNetwork

__all__ = [
    "reached_fraction",
    "reached_segments",
    "search",
    "search_tree",
    "segments_polygon",
    "tree_sums",
]

log = logging.getLogger(__name__)

_EPS = 1e-6


def search(
    csr: sp.csr_matrix,
    nodes: np.ndarray,
    offsets: np.ndarray,
    *,
    limit: float = np.inf,
    predecessors: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Shortest costs from the nearest of several start nodes, each with a start cost.

    Parameters
    ----------
    csr : scipy.sparse.csr_matrix
        Square weight matrix (n x n).
    nodes : numpy.ndarray
        Start node of each origin.
    offsets : numpy.ndarray
        Start cost of each origin (its snap leg).
    limit : float
        Stop at this total cost (start cost included).
    predecessors : bool
        Also return the predecessor array (-9999 for none; start nodes point to themselves'
        super-source as -9999 too).

    Returns
    -------
    dist : numpy.ndarray
        Cost per node (inf where not reached within ``limit``).
    origin : numpy.ndarray
        Index (into ``nodes``) of the origin each node is nearest to, -1 if unreached.
    pred : numpy.ndarray or None
    """
    n = csr.shape[0]
    nodes = np.asarray(nodes, dtype=np.int64)
    offsets = np.asarray(offsets, dtype=float)
    if nodes.size == 1:
        lim = limit - offsets[0]
        if lim < 0:
            dist = np.full(n, np.inf)
            return dist, np.full(n, -1), (np.full(n, -9999) if predecessors else None)
        res = dijkstra(
            csr, directed=True, indices=int(nodes[0]), limit=lim, return_predecessors=predecessors
        )
        dist, pred = res if predecessors else (res, None)
        dist = dist + offsets[0]
        origin = np.where(np.isfinite(dist), 0, -1)
        return dist, origin, pred
    # one origin per node: keep the cheapest start where several snap to the same node
    order = np.lexsort((offsets, nodes))
    first = np.r_[True, nodes[order][1:] != nodes[order][:-1]]
    pick = order[first]
    s_nodes, s_off = nodes[pick], np.maximum(offsets[pick], _EPS)
    srt = np.argsort(s_nodes)
    s_nodes, s_off, pick = s_nodes[srt], s_off[srt], pick[srt]
    aug = sp.csr_matrix(
        (
            np.r_[csr.data, s_off],
            np.r_[csr.indices, s_nodes],
            np.r_[csr.indptr, csr.indptr[-1] + s_nodes.size],
        ),
        shape=(n + 1, n + 1),
    )
    dist, pred = dijkstra(aug, directed=True, indices=n, limit=limit, return_predecessors=True)
    dist, pred = dist[:n], pred[:n]
    # nearest origin by pointer jumping up the shortest-path tree
    anc = pred.astype(np.int64).copy()
    self_ = np.arange(n)
    root = (anc == n) | (anc < 0)
    anc[root] = self_[root]
    while True:
        nxt = anc[anc]
        if np.array_equal(nxt, anc):
            break
        anc = nxt
    lookup = np.full(n, -1, dtype=np.int64)
    lookup[s_nodes] = pick
    origin = np.where(np.isfinite(dist), lookup[anc], -1)
    # undo the epsilon given to zero start costs (csgraph drops explicit zero weights)
    fix = np.zeros(n)
    fix[s_nodes] = s_off - offsets[pick]
    dist = np.where(origin >= 0, dist - fix[np.where(origin >= 0, anc, 0)], dist)
    pred = np.where(pred == n, -9999, pred)
    return dist, origin, (pred if predecessors else None)


def search_tree(
    csr: sp.csr_matrix, nodes: np.ndarray, offsets: np.ndarray, *, limit: float = np.inf
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Run :func:`search` and return the shortest-path tree too.

    Parameters
    ----------
    csr, nodes, offsets, limit
        As in :func:`search`.

    Returns
    -------
    dist, origin, pred : numpy.ndarray
        As in :func:`search`; ``pred`` is always given.
    """
    dist, origin, pred = search(csr, nodes, offsets, limit=limit, predecessors=True)
    assert pred is not None  # predecessors=True always returns them
    return dist, origin, pred


def tree_sums(pred: np.ndarray, edge_value: np.ndarray) -> np.ndarray:
    """Sum a per-node value (the value of the edge into the node) up a shortest-path tree.

    Parameters
    ----------
    pred : numpy.ndarray
        Predecessor of each node (< 0 for roots and unreached nodes).
    edge_value : numpy.ndarray
        Value of the tree edge entering each node (ignored at roots).

    Returns
    -------
    numpy.ndarray
        For each node, the sum of the values along its path from its root.
    """
    n = pred.size
    anc = pred.astype(np.int64).copy()
    root = anc < 0
    anc[root] = np.arange(n)[root]
    val = np.where(root, 0.0, edge_value).astype(float)
    done = root.copy()
    while not done.all():
        val = np.where(done, val, val + val[anc])
        done = done | done[anc]
        anc = anc[anc]
    return val


def reached_fraction(net: RoadNetwork, dist: np.ndarray, cutoff: float, weight: str) -> np.ndarray:
    """Fraction of each edge's length reachable within ``cutoff`` (0 where not entered).

    The edge is entered at its start node with cost ``dist[u]``; a fixed delay (ferry boarding)
    is paid first, then cost grows linearly along the edge.
    """
    du = dist[net.u]
    rem = cutoff - du
    frac = np.zeros(net.n_edges)
    ok = np.isfinite(du) & (rem > 0)
    if weight == "time":
        run = net.time_s[ok] - net.delay_s[ok]
        use = rem[ok] - net.delay_s[ok]
    else:
        run = net.length_m[ok]
        use = rem[ok]
    with np.errstate(divide="ignore", invalid="ignore"):
        f = np.where(run > 0, use / run, np.where(use >= 0, 1.0, 0.0))
    frac[ok] = np.clip(f, 0.0, 1.0)
    return frac


def reached_segments(net: RoadNetwork, frac: np.ndarray) -> np.ndarray:
    """Cut the reached pieces of the segment table: an (m, 4) array lon0, lat0, lon1, lat1.

    Pieces are cut at the reached fraction by linear interpolation within the segment.
    """
    f = frac[net.seg_edge]
    keep = f > net.seg_a
    if not keep.any():
        return np.zeros((0, 4))
    xy = net.seg_xy[keep]
    a, b, f = net.seg_a[keep], net.seg_b[keep], f[keep]
    span = b - a
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(span > 0, (np.minimum(b, f) - a) / span, 1.0)
    t = np.clip(t, 0.0, 1.0)[:, None]
    end = xy[:, :2] + t * (xy[:, 2:] - xy[:, :2])
    return np.column_stack([xy[:, :2], end])


def segments_polygon(
    segs: np.ndarray,
    *,
    crs: str,
    buffer_m: float,
    infill: bool = False,
    concave: float | None = None,
    method: str = "raster",
    cell_m: float | None = None,
    quad_segs: int = 3,
) -> shapely.Geometry:
    """Buffer reached road pieces into a (Multi)Polygon in EPSG:4326.

    The pieces are projected to ``crs`` (a local metric projection) and buffered there, then
    projected back.

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
        ``"raster"`` (default, fast): distance field on a grid of ``cell_m`` and its filled
        contour at ``buffer_m`` (contourpy; boundary within a fraction of a cell of the exact
        buffer). ``"vector"``: exact GEOS buffers of every piece and their union (slow).
    cell_m : float, optional
        Grid cell of the raster method (default ``buffer_m / 2``; grown so the grid stays under
        8 million cells).
    quad_segs : int
        Segments per quarter circle of vector buffers.

    Returns
    -------
    shapely.Polygon or shapely.MultiPolygon
        Empty Polygon when nothing was reached.
    """
    if segs.shape[0] == 0:
        return shapely.Polygon()
    if not buffer_m > 0:
        raise ValueError("buffer_m must be positive")
    tr = proj_transformer(crs)
    x0, y0 = tr.transform(segs[:, 0], segs[:, 1])
    x1, y1 = tr.transform(segs[:, 2], segs[:, 3])
    proj = np.column_stack([x0, y0, x1, y1])
    if concave is not None:
        pts = shapely.multipoints(proj.reshape(-1, 2))
        hull = shapely.concave_hull(pts, ratio=float(concave))
        geom = shapely.buffer(hull, buffer_m, quad_segs=quad_segs)
    elif method == "vector":
        lines = shapely.linestrings(_dedupe_segments(proj).reshape(-1, 2, 2))
        geom = shapely.union_all(shapely.buffer(lines, buffer_m, quad_segs=quad_segs))
    elif method == "raster":
        geom = _raster_buffer(proj, buffer_m, cell_m or buffer_m / 2.0)
    else:
        raise ValueError(f"method must be 'raster' or 'vector', got {method!r}")
    if infill:
        geom = fill_holes(geom)

    def _back(xy: np.ndarray) -> np.ndarray:
        lon, lat = tr.transform(xy[:, 0], xy[:, 1], direction="INVERSE")
        return np.column_stack([lon, lat])

    geom = shapely.transform(geom, _back)
    return as_polygonal(geom)


def _dedupe_segments(p: np.ndarray) -> np.ndarray:
    """Drop the reverse twin of two-way segments (same piece listed in both directions)."""
    a, b = p[:, :2], p[:, 2:]
    swap = (a[:, 0] > b[:, 0]) | ((a[:, 0] == b[:, 0]) & (a[:, 1] > b[:, 1]))
    q = np.where(swap[:, None], np.column_stack([b, a]), p)
    return np.unique(np.round(q, 2), axis=0)


_MAX_CELLS = 8_000_000


def _raster_buffer(p: np.ndarray, buffer_m: float, cell: float) -> shapely.Geometry:
    """Buffer of segments (projected metres) via a distance field and its filled contour.

    The segments are sampled every ``cell / 4``; each grid node takes its distance to the
    sample found by a Euclidean distance transform (the sample in the nearest marked cell), and
    contourpy traces the region ``distance <= buffer_m`` with linear interpolation between
    grid nodes, holes included.
    """
    x0, y0, x1, y1 = p.T
    pad = buffer_m + 2 * cell
    span_x = max(x0.max(), x1.max()) - min(x0.min(), x1.min()) + 2 * pad
    span_y = max(y0.max(), y1.max()) - min(y0.min(), y1.min()) + 2 * pad
    while (span_x / cell) * (span_y / cell) > _MAX_CELLS:
        cell *= 1.5
    length = np.hypot(x1 - x0, y1 - y0)
    n = np.maximum(np.ceil(length / (cell * 0.25)).astype(np.int64), 1)
    rep = np.repeat(np.arange(length.size), n + 1)
    start = np.r_[0, np.cumsum(n + 1)[:-1]]
    t = (np.arange(rep.size) - np.repeat(start, n + 1)) / np.repeat(n, n + 1)
    px = x0[rep] + t * (x1 - x0)[rep]
    py = y0[rep] + t * (y1 - y0)[rep]
    minx, miny = px.min() - pad, py.min() - pad
    nx = int(np.ceil((px.max() + pad - minx) / cell)) + 1
    ny = int(np.ceil((py.max() + pad - miny) / cell)) + 1
    ix = np.rint((px - minx) / cell).astype(np.int64)
    iy = np.rint((py - miny) / cell).astype(np.int64)
    mask = np.zeros((ny, nx), dtype=bool)
    mask[iy, ix] = True
    spx = np.zeros((ny, nx))
    spy = np.zeros((ny, nx))
    spx[iy, ix] = px
    spy[iy, ix] = py
    ii, jj = ndimage.distance_transform_edt(~mask, return_distances=False, return_indices=True)
    gx = minx + np.arange(nx) * cell
    gy = miny + np.arange(ny) * cell
    dist = np.hypot(spx[ii, jj] - gx[None, :], spy[ii, jj] - gy[:, None])
    del ii, jj
    gen = contourpy.contour_generator(gx, gy, dist, fill_type="OuterOffset", name="serial")
    filled = gen.filled(-1.0, buffer_m)
    pts = cast(list[np.ndarray], filled[0])  # OuterOffset: one points/offsets pair per polygon
    offs = cast(list[np.ndarray], filled[1])
    min_hole = 2.0 * cell * cell  # drop slivers of the grid, keep true holes
    polys = []
    for pt, off in zip(pts, offs, strict=True):
        areas = _ring_areas(pt, off)
        rings = [pt[off[i] : off[i + 1]] for i in range(len(off) - 1)]
        holes = [
            r
            for r, a in zip(rings[1:], areas[1:], strict=True)
            if len(r) >= 4 and abs(a) >= min_hole
        ]
        polys.append(shapely.Polygon(rings[0], holes))
    if not polys:
        return shapely.Polygon()
    return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)


def _ring_areas(pt: np.ndarray, off: np.ndarray) -> np.ndarray:
    """Signed shoelace areas of closed rings stored back to back (``off``: ring starts + end)."""
    cross = np.r_[pt[:-1, 0] * pt[1:, 1] - pt[1:, 0] * pt[:-1, 1], 0.0]
    cross[np.asarray(off[1:-1]) - 1] = 0.0  # no term across two rings
    return 0.5 * np.add.reduceat(cross, np.asarray(off[:-1]))
