"""Array kernels for road searches: Dijkstra with start offsets, nearest origins, reached roads.

The engine under :mod:`portgeo.roads.catchments`. Searches run on the CSR matrices of a
:class:`portgeo.roads.network.RoadNetwork` with :func:`scipy.sparse.csgraph.dijkstra`; several
origins with different start costs (their snap legs) are searched in ONE pass through a virtual
super-source joined to every origin node by an edge weighing that origin's start cost. The
reached pieces of road, each with the budget left at its two ends, are turned into polygons by
:mod:`portgeo.roads.shapes`.
"""

from __future__ import annotations

import logging

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from portgeo.roads.network import RoadNetwork

__all__ = [
    "reached_fraction",
    "reached_pieces",
    "reached_segments",
    "search",
    "search_tree",
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


def reached_pieces(
    net: RoadNetwork, frac: np.ndarray, dist: np.ndarray, cutoff: float, weight: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Cut the reached pieces of the segment table and give the budget left at both ends.

    Parameters
    ----------
    net : RoadNetwork
    frac : numpy.ndarray
        Reached fraction of each edge (:func:`reached_fraction`).
    dist : numpy.ndarray
        Cost of each node (the search's ``dist``).
    cutoff : float
        The threshold the fractions were cut at (seconds or metres).
    weight : {"time", "length"}

    Returns
    -------
    segs : numpy.ndarray
        (m, 4) lon0, lat0, lon1, lat1 of each reached piece, in the direction of travel.
    left0, left1 : numpy.ndarray
        Budget left (``cutoff`` minus the cost of getting there; seconds or metres, >= 0) at the
        start and at the end of each piece. It falls linearly along a piece; a ferry's boarding
        penalty is paid at the start of its edge, before the first piece.
    edge : numpy.ndarray
        Edge number of each piece.
    """
    f = frac[net.seg_edge]
    keep = f > net.seg_a
    if not keep.any():
        z = np.zeros(0)
        return np.zeros((0, 4)), z, z, np.zeros(0, dtype=np.int64)
    edge = net.seg_edge[keep].astype(np.int64)
    xy = net.seg_xy[keep]
    a, b, f = net.seg_a[keep], net.seg_b[keep], f[keep]
    span = b - a
    end = np.minimum(b, f)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(span > 0, (end - a) / span, 1.0)
    t = np.clip(t, 0.0, 1.0)[:, None]
    segs = np.column_stack([xy[:, :2], xy[:, :2] + t * (xy[:, 2:] - xy[:, :2])])
    if weight == "time":
        start = dist[net.u[edge]] + net.delay_s[edge]
        run = net.time_s[edge] - net.delay_s[edge]
    else:
        start = dist[net.u[edge]]
        run = net.length_m[edge]
    left0 = np.maximum(cutoff - (start + a * run), 0.0)
    left1 = np.maximum(cutoff - (start + end * run), 0.0)
    return segs, left0, left1, edge


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
