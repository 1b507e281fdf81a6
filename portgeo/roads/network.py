"""The road network as compact arrays: the one representation every search runs on.

A :class:`RoadNetwork` is a directed road graph held as numpy arrays (node coordinates, edge
endpoints, lengths, speeds, delays, OSM classes, and edge geometry as a table of straight
segments). The searches of :mod:`portgeo.roads.kernels` run on its CSR matrices with
``scipy.sparse.csgraph``. Where a network comes from (the offline graph, Overpass, an OSM file)
is the business of :mod:`portgeo.roads.sources`; this module only builds, subsets and converts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import geopandas as gpd
import networkx as nx
import numpy as np
import scipy.sparse as sp
import shapely
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree
from shapely.geometry import Polygon

from portgeo.errors import InputError, NetworkError
from portgeo.geo.geodesy import geodesic_distance_m
from portgeo.geo.lines import unit_xyz

__all__ = ["RoadNetwork", "clip_network", "make_network", "subset_edges"]

_EPS_S = 1e-6  # csgraph treats explicit zeros as "no edge": floor weights at this


# the network
# --------------------------------------------------------------------------------------------


@dataclass(eq=False)
class RoadNetwork:
    """A directed road network as compact arrays.

    Nodes are numbered ``0..n_nodes-1``; edges are directed (a two-way road is two edges).
    Edge geometry is a table of straight segments: segment ``k`` belongs to edge ``seg_edge[k]``
    and covers the fraction ``seg_a[k]..seg_b[k]`` of its length.

    Attributes
    ----------
    node_id : numpy.ndarray
        Original node ids (OSM ids, or scgraph node numbers), int64.
    x, y : numpy.ndarray
        Longitude and latitude (WGS84) of the nodes.
    u, v : numpy.ndarray
        Edge endpoints (node numbers), int32.
    length_m : numpy.ndarray
        Edge length in metres.
    speed_kmh : numpy.ndarray
        Travel speed on the edge.
    delay_s : numpy.ndarray
        Fixed delay paid on entering the edge (ferry boarding penalty), seconds.
    highway : numpy.ndarray
        OSM highway class per edge (``""`` when unknown, ``"ferry"`` for ferries).
    seg_edge, seg_xy, seg_a, seg_b : numpy.ndarray
        The segment table (``seg_xy`` is ``(m, 4)``: lon0, lat0, lon1, lat1).
    metadata : dict
        ``source``, ``extract``, ``date``, ``filter``, ``speeds``, ``approximate``, ``ferries``.
    """

    node_id: np.ndarray
    x: np.ndarray
    y: np.ndarray
    u: np.ndarray
    v: np.ndarray
    length_m: np.ndarray
    speed_kmh: np.ndarray
    delay_s: np.ndarray
    highway: np.ndarray
    seg_edge: np.ndarray
    seg_xy: np.ndarray
    seg_a: np.ndarray
    seg_b: np.ndarray
    metadata: dict[str, Any] = field(default_factory=dict)

    # -- basic properties ----------------------------------------------------------------------

    @property
    def n_nodes(self) -> int:
        """Number of nodes."""
        return int(self.x.size)

    @property
    def n_edges(self) -> int:
        """Number of directed edges."""
        return int(self.u.size)

    @property
    def approximate(self) -> bool:
        """Whether travel times are approximate (no road classes on the source)."""
        return bool(self.metadata.get("approximate", False))

    @property
    def source(self) -> str:
        """Short description of where the network came from."""
        return str(self.metadata.get("source", ""))

    @cached_property
    def time_s(self) -> np.ndarray:
        """Travel time of each edge in seconds (``length / speed + delay``)."""
        return self.length_m / (self.speed_kmh / 3.6) + self.delay_s

    @property
    def ferry(self) -> np.ndarray:
        """Boolean mask of ferry edges."""
        return self.highway == "ferry"

    @cached_property
    def max_speed_kmh(self) -> float:
        """Top travel speed on any non-ferry edge (km/h)."""
        road = ~self.ferry
        return float(self.speed_kmh[road].max()) if road.any() else float(self.speed_kmh.max())

    def __repr__(self) -> str:
        return (
            f"RoadNetwork({self.n_nodes} nodes, {self.n_edges} edges, source={self.source!r}, "
            f"approximate={self.approximate})"
        )

    # -- arrays for searches -------------------------------------------------------------------

    def csr(self, weight: str = "time") -> sp.csr_matrix:
        """Return the adjacency matrix weighted by ``"time"`` (s) or ``"length"`` (m).

        Parallel edges keep their smallest weight; self-loops are dropped.

        Parameters
        ----------
        weight : {"time", "length"}

        Returns
        -------
        scipy.sparse.csr_matrix
        """
        if weight not in self._csr_cache:
            self._csr_cache[weight] = _build_csr(
                self.u, self.v, self._weights(weight), self.n_nodes
            )
        return self._csr_cache[weight]

    def _weights(self, weight: str) -> np.ndarray:
        if weight == "time":
            return self.time_s
        if weight == "length":
            return self.length_m
        raise InputError(f"weight must be 'time' or 'length', got {weight!r}")

    @cached_property
    def _csr_cache(self) -> dict[Any, Any]:
        return {}

    @cached_property
    def largest_scc(self) -> np.ndarray:
        """Boolean node mask of the largest strongly connected component."""
        if self.n_nodes == 0:
            return np.zeros(0, dtype=bool)
        _, labels = connected_components(self.csr("time"), directed=True, connection="strong")
        counts = np.bincount(labels)
        return labels == int(np.argmax(counts))

    @cached_property
    def scc_tree(self) -> tuple[cKDTree, np.ndarray]:
        """KD-tree (unit sphere) of the largest strongly connected component's nodes, and their numbers."""
        idx = np.flatnonzero(self.largest_scc)
        return cKDTree(unit_xyz(self.x[idx], self.y[idx])), idx

    def edge_index(self, a: np.ndarray, b: np.ndarray, *, weight: str = "time") -> np.ndarray:
        """Find the lightest edge from node ``a`` to node ``b`` for each pair.

        Parameters
        ----------
        a, b : numpy.ndarray
            Node numbers.
        weight : {"time", "length"}

        Returns
        -------
        numpy.ndarray
            Edge numbers (-1 where no edge joins the pair).
        """
        cache = self._csr_cache
        if ("edge_order", weight) not in cache:  # sort once per network and weight
            key = self.u.astype(np.int64) * self.n_nodes + self.v
            order = np.lexsort((self._weights(weight), key))
            cache[("edge_order", weight)] = (order, key[order])
        order, skey = cache[("edge_order", weight)]
        q = np.asarray(a, dtype=np.int64) * self.n_nodes + np.asarray(b, dtype=np.int64)
        pos = np.searchsorted(skey, q)
        pos = np.clip(pos, 0, max(skey.size - 1, 0))
        found = skey[pos] == q if skey.size else np.zeros(q.shape, dtype=bool)
        return np.where(found, order[pos], -1)

    # -- conversions ---------------------------------------------------------------------------

    def nodes_gdf(self) -> gpd.GeoDataFrame:
        """Return the nodes as a GeoDataFrame (EPSG:4326; index = node number)."""
        return gpd.GeoDataFrame(
            {"node_id": self.node_id, "x": self.x, "y": self.y, "in_largest_scc": self.largest_scc},
            geometry=gpd.points_from_xy(self.x, self.y),
            crs="EPSG:4326",
        )

    def edge_geometries(self, edges: np.ndarray | None = None) -> np.ndarray:
        """Return the edges' LineStrings (shapely array), in edge order or for ``edges``."""
        edges = np.arange(self.n_edges) if edges is None else np.asarray(edges, dtype=np.int64)
        pick = np.isin(self.seg_edge, edges)
        se = self.seg_edge[pick]  # the table is sorted by edge, segments in order
        xy = self.seg_xy[pick]
        out = np.full(edges.size, None, dtype=object)
        if se.size == 0:
            return out
        starts = np.flatnonzero(np.r_[True, se[1:] != se[:-1]])
        pts = np.insert(xy[:, 2:], starts, xy[starts, :2], axis=0)
        ids = np.insert(se, starts, se[starts])
        uniq, inv = np.unique(ids, return_inverse=True)
        lines = shapely.linestrings(pts, indices=inv)
        pos = np.searchsorted(uniq, edges)
        pos = np.clip(pos, 0, uniq.size - 1)
        ok = uniq[pos] == edges
        out[ok] = lines[pos[ok]]
        return out

    def edges_gdf(self) -> gpd.GeoDataFrame:
        """Return the edges as a GeoDataFrame (EPSG:4326) with lengths, speeds and times."""
        return gpd.GeoDataFrame(
            {
                "u": self.u,
                "v": self.v,
                "highway": self.highway,
                "length": self.length_m,
                "speed_kph": self.speed_kmh,
                "travel_time": self.time_s,
                "ferry": self.ferry,
            },
            geometry=self.edge_geometries(),
            crs="EPSG:4326",
        )

    def to_networkx(self) -> nx.MultiDiGraph:
        """Return an osmnx-style MultiDiGraph (node ``x``/``y``; edge ``length``, ``travel_time``).

        Returns
        -------
        networkx.MultiDiGraph
        """
        graph = nx.MultiDiGraph(crs="epsg:4326", **{k: str(v) for k, v in self.metadata.items()})
        graph.add_nodes_from(
            (i, {"x": float(x), "y": float(y)})
            for i, (x, y) in enumerate(zip(self.x, self.y, strict=True))
        )
        tt = self.time_s
        graph.add_edges_from(
            (int(a), int(b), {"length": float(le), "travel_time": float(t), "highway": str(h)})
            for a, b, le, t, h in zip(self.u, self.v, self.length_m, tt, self.highway, strict=True)
        )
        return graph


def _build_csr(u: np.ndarray, v: np.ndarray, w: np.ndarray, n: int) -> sp.csr_matrix:
    keep = u != v
    u, v, w = u[keep], v[keep], np.maximum(w[keep], _EPS_S)
    key = u.astype(np.int64) * n + v
    order = np.lexsort((w, key))
    key, w = key[order], w[order]
    first = np.r_[True, key[1:] != key[:-1]] if key.size else np.zeros(0, bool)
    key, w = key[first], w[first]
    rows, cols = np.divmod(key, n)
    return sp.csr_matrix((w, (rows, cols)), shape=(n, n))


def _straight_segments(x: np.ndarray, y: np.ndarray, u: np.ndarray, v: np.ndarray) -> dict:
    n = u.size
    return {
        "seg_edge": np.arange(n, dtype=np.int32),
        "seg_xy": np.column_stack([x[u], y[u], x[v], y[v]]),
        "seg_a": np.zeros(n),
        "seg_b": np.ones(n),
    }


def _segments_from_lines(
    lines: Sequence[Any], x: np.ndarray, y: np.ndarray, u: np.ndarray, v: np.ndarray
) -> dict:
    """Segment table from edge LineStrings (None = straight from u to v)."""
    geoms = np.array([g if g is not None else None for g in lines], dtype=object)
    missing = np.array([g is None for g in geoms])
    if missing.any():
        geoms[missing] = shapely.linestrings(
            np.stack(
                [
                    np.column_stack([x[u[missing]], y[u[missing]]]),
                    np.column_stack([x[v[missing]], y[v[missing]]]),
                ],
                axis=1,
            )
        )
    # orient every line from u to v (some readers keep the way's own direction on reverse edges)
    first = shapely.get_coordinates(shapely.get_point(geoms, 0))
    d_u = np.hypot(first[:, 0] - x[u], first[:, 1] - y[u])
    d_v = np.hypot(first[:, 0] - x[v], first[:, 1] - y[v])
    flip = d_v < d_u
    if flip.any():
        geoms[flip] = shapely.reverse(geoms[flip])
    coords, idx = shapely.get_coordinates(geoms, return_index=True)
    same = idx[1:] == idx[:-1]
    seg_edge = idx[:-1][same].astype(np.int32)
    p0, p1 = coords[:-1][same], coords[1:][same]
    d = geodesic_distance_m(p0[:, 0], p0[:, 1], p1[:, 0], p1[:, 1])
    d = np.atleast_1d(np.asarray(d, dtype=float))
    tot = np.bincount(seg_edge, weights=d, minlength=u.size)
    cum = np.cumsum(d)
    start_of_edge = np.r_[0, np.flatnonzero(np.diff(seg_edge)) + 1]
    offs = np.zeros(u.size)
    offs[seg_edge[start_of_edge]] = np.r_[0.0, cum][start_of_edge]
    before = np.r_[0.0, cum[:-1]] - offs[seg_edge]
    with np.errstate(invalid="ignore", divide="ignore"):
        a = np.where(tot[seg_edge] > 0, before / tot[seg_edge], 0.0)
        b = np.where(tot[seg_edge] > 0, (before + d) / tot[seg_edge], 1.0)
    return {
        "seg_edge": seg_edge,
        "seg_xy": np.column_stack([p0, p1]),
        "seg_a": a,
        "seg_b": np.minimum(b, 1.0),
    }


def make_network(
    *,
    node_id: np.ndarray,
    x: np.ndarray,
    y: np.ndarray,
    u: np.ndarray,
    v: np.ndarray,
    length_m: np.ndarray,
    speed_kmh: np.ndarray,
    highway: np.ndarray,
    delay_s: np.ndarray | None = None,
    lines: Sequence[Any] | None = None,
    segments: Mapping[str, np.ndarray] | None = None,
    metadata: dict[str, Any],
) -> RoadNetwork:
    """Build a :class:`RoadNetwork` from edge arrays.

    Parameters
    ----------
    node_id, x, y : numpy.ndarray
        Node ids (OSM ids or source numbers) and WGS84 coordinates.
    u, v : numpy.ndarray
        Edge endpoints (node numbers).
    length_m, speed_kmh : numpy.ndarray
        Edge length and travel speed.
    highway : numpy.ndarray
        OSM highway class per edge (``""`` when unknown, ``"ferry"`` for ferries).
    delay_s : numpy.ndarray, optional
        Fixed delay paid on entering each edge (default 0).
    lines : sequence of LineString or None, optional
        Edge geometries from ``u`` to ``v`` (None entries: straight); default straight.
    segments : mapping, optional
        The segment table itself (``seg_edge``, ``seg_xy``, ``seg_a``, ``seg_b``, sorted by edge,
        segments in order from ``u`` to ``v``), for readers that build it as arrays; excludes
        ``lines``.
    metadata : dict
        Source, extract, filter, speeds, ``approximate``.

    Returns
    -------
    RoadNetwork
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    u = np.asarray(u, dtype=np.int32)
    v = np.asarray(v, dtype=np.int32)
    if segments is not None:
        if lines is not None:
            raise InputError("give edge geometry as lines or as segments, not both")
        segs = {
            "seg_edge": np.asarray(segments["seg_edge"], dtype=np.int32),
            "seg_xy": np.asarray(segments["seg_xy"], dtype=float),
            "seg_a": np.asarray(segments["seg_a"], dtype=float),
            "seg_b": np.asarray(segments["seg_b"], dtype=float),
        }
    elif lines is not None:
        segs = _segments_from_lines(lines, x, y, u, v)
    else:
        segs = _straight_segments(x, y, u, v)
    hw = np.asarray(highway)
    return RoadNetwork(
        node_id=np.asarray(node_id, dtype=np.int64),
        x=x,
        y=y,
        u=u,
        v=v,
        length_m=np.asarray(length_m, dtype=float),
        speed_kmh=np.asarray(speed_kmh, dtype=float),
        delay_s=np.zeros(u.size) if delay_s is None else np.asarray(delay_s, dtype=float),
        highway=hw if hw.dtype.kind == "U" else hw.astype(object).astype(str),
        metadata=metadata,
        **segs,
    )


def clip_network(
    net: RoadNetwork,
    *,
    bbox: tuple[float, float, float, float] | None = None,
    polygon: Polygon | None = None,
) -> RoadNetwork:
    """Keep the edges whose both ends lie in a box and/or polygon.

    Parameters
    ----------
    net : RoadNetwork
    bbox : tuple, optional
        ``(lon_min, lat_min, lon_max, lat_max)``.
    polygon : shapely.Polygon, optional
        EPSG:4326.

    Returns
    -------
    RoadNetwork

    Raises
    ------
    portgeo.errors.NetworkError
        No road is left.
    """
    inside = np.ones(net.n_nodes, dtype=bool)
    if bbox is not None:
        x0, y0, x1, y1 = bbox
        inside &= (net.x >= x0) & (net.x <= x1) & (net.y >= y0) & (net.y <= y1)
    if polygon is not None:
        inside &= shapely.contains_xy(polygon, net.x, net.y)
    keep_e = inside[net.u] & inside[net.v]
    if not keep_e.any():
        raise NetworkError("no road left after clipping to the requested area")
    return subset_edges(net, keep_e)


def subset_edges(net: RoadNetwork, keep_e: np.ndarray) -> RoadNetwork:
    """Keep the edges of a mask, and the nodes they use (renumbered).

    Parameters
    ----------
    net : RoadNetwork
    keep_e : numpy.ndarray of bool
        One value per edge.

    Returns
    -------
    RoadNetwork
        A new network; ``metadata`` is copied.
    """
    used = np.zeros(net.n_nodes, dtype=bool)
    used[net.u[keep_e]] = True
    used[net.v[keep_e]] = True
    new = np.full(net.n_nodes, -1, dtype=np.int64)
    new[used] = np.arange(used.sum())
    emap = np.full(net.n_edges, -1, dtype=np.int64)
    emap[keep_e] = np.arange(keep_e.sum())
    sk = keep_e[net.seg_edge]
    return RoadNetwork(
        node_id=net.node_id[used],
        x=net.x[used],
        y=net.y[used],
        u=new[net.u[keep_e]].astype(np.int32),
        v=new[net.v[keep_e]].astype(np.int32),
        length_m=net.length_m[keep_e],
        speed_kmh=net.speed_kmh[keep_e],
        delay_s=net.delay_s[keep_e],
        highway=net.highway[keep_e],
        seg_edge=emap[net.seg_edge[sk]].astype(np.int32),
        seg_xy=net.seg_xy[sk],
        seg_a=net.seg_a[sk],
        seg_b=net.seg_b[sk],
        metadata=dict(net.metadata),
    )
