"""Road networks from three sources behind one loader.

:func:`load_network` returns a :class:`RoadNetwork`: a directed road graph held as compact numpy
arrays (node coordinates, edge endpoints, lengths, travel times, edge geometry as straight
segments) that the catchment searches of :mod:`portgeo.catchments` run on with
``scipy.sparse.csgraph``. Sources:

``"offline"`` (default)
    The OpenStreetMap-derived major-road graph of the PyPI package ``scgraph-data``
    (``scgraph_data/world_highways.py``), clipped to China and its neighbours (lon 72–136,
    lat 17–54.5). It has no road classes: every edge gets one effective speed
    (``offline_effective_kmh`` of the speed profile, or ``settings.offline_speed_kmh``), so every
    result says ``approximate=True``. Converted once to ``.npz`` under
    ``settings.cache_dir / "networks"``. Ferries of ``data/ferries_cn.csv`` (the Qiongzhou Strait)
    are added where the graph has no link between their two ends.
``"overpass"``
    OSMnx from the Overpass API around a point (``center`` + ``dist_m``), a ``bbox`` or a
    ``polygon``; drivable roads down to tertiary with links by default, ``route=ferry`` ways when
    ``ferries``. Answers are cached as GraphML keyed by a hash of the request.
a path
    A local ``.osm.pbf`` (read with pyrosm) or ``.osm`` XML file (``osmnx.graph_from_xml``), with
    the same road filter: a province extract needs no Overpass.

Every network carries ``metadata`` (source, extract or date, filter, speeds used, approximate).
"""

from __future__ import annotations

import ast
import hashlib
import importlib.metadata
import importlib.util
import json
import logging
import math
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from portgeo import settings
from portgeo.errors import InputError, NetworkError
from portgeo.speeds import SpeedProfile, edge_speeds_kmh, load_speed_profile

if TYPE_CHECKING:
    import geopandas as gpd
    import networkx as nx
    import scipy.sparse as sp
    from shapely.geometry import Polygon

__all__ = [
    "OFFLINE_BBOX",
    "RoadNetwork",
    "add_ferries",
    "build_overpass_request",
    "load_ferries",
    "load_network",
    "network_from_graph",
    "overpass_cache_path",
    "overpass_filter",
]

log = logging.getLogger(__name__)

#: Clip box of the offline graph: China and its neighbours (lon_min, lat_min, lon_max, lat_max).
OFFLINE_BBOX: tuple[float, float, float, float] = (72.0, 17.0, 136.0, 54.5)

_OFFLINE_FORMAT = 1  # bump when the cached .npz layout changes
_EPS_S = 1e-6  # csgraph treats explicit zeros as "no edge": floor weights at this


# --------------------------------------------------------------------------------------------
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
            self._csr_cache[weight] = _build_csr(self.u, self.v, self._weights(weight), self.n_nodes)
        return self._csr_cache[weight]

    def _weights(self, weight: str) -> np.ndarray:
        if weight == "time":
            return self.time_s
        if weight == "length":
            return self.length_m
        raise InputError(f"weight must be 'time' or 'length', got {weight!r}")

    @cached_property
    def _csr_cache(self) -> dict[str, Any]:
        return {}

    @cached_property
    def largest_scc(self) -> np.ndarray:
        """Boolean node mask of the largest strongly connected component."""
        from scipy.sparse.csgraph import connected_components

        if self.n_nodes == 0:
            return np.zeros(0, dtype=bool)
        _, labels = connected_components(self.csr("time"), directed=True, connection="strong")
        counts = np.bincount(labels)
        return labels == int(np.argmax(counts))

    @cached_property
    def _scc_tree(self) -> tuple[Any, np.ndarray]:
        from scipy.spatial import cKDTree

        idx = np.flatnonzero(self.largest_scc)
        return cKDTree(_unit_xyz(self.x[idx], self.y[idx])), idx

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
        key = self.u.astype(np.int64) * self.n_nodes + self.v
        w = self._weights(weight)
        order = np.lexsort((w, key))
        skey = key[order]
        q = np.asarray(a, dtype=np.int64) * self.n_nodes + np.asarray(b, dtype=np.int64)
        pos = np.searchsorted(skey, q)
        pos = np.clip(pos, 0, max(skey.size - 1, 0))
        found = skey[pos] == q if skey.size else np.zeros(q.shape, dtype=bool)
        return np.where(found, order[pos], -1)

    # -- conversions ---------------------------------------------------------------------------

    def nodes_gdf(self) -> gpd.GeoDataFrame:
        """Return the nodes as a GeoDataFrame (EPSG:4326; index = node number)."""
        import geopandas as gpd

        return gpd.GeoDataFrame(
            {"node_id": self.node_id, "x": self.x, "y": self.y, "in_largest_scc": self.largest_scc},
            geometry=gpd.points_from_xy(self.x, self.y),
            crs="EPSG:4326",
        )

    def edge_geometries(self, edges: np.ndarray | None = None) -> np.ndarray:
        """Return the edges' LineStrings (shapely array), in edge order or for ``edges``."""
        import shapely

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
        import geopandas as gpd

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
        import networkx as nx

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
    import scipy.sparse as sp

    keep = u != v
    u, v, w = u[keep], v[keep], np.maximum(w[keep], _EPS_S)
    key = u.astype(np.int64) * n + v
    order = np.lexsort((w, key))
    key, w = key[order], w[order]
    first = np.r_[True, key[1:] != key[:-1]] if key.size else np.zeros(0, bool)
    key, w = key[first], w[first]
    rows, cols = np.divmod(key, n)
    return sp.csr_matrix((w, (rows, cols)), shape=(n, n))


def _unit_xyz(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Points on the unit sphere (for nearest-neighbour search by chord length)."""
    lo, la = np.radians(lon), np.radians(lat)
    c = np.cos(la)
    return np.column_stack([c * np.cos(lo), c * np.sin(lo), np.sin(la)])


def _straight_segments(x: np.ndarray, y: np.ndarray, u: np.ndarray, v: np.ndarray) -> dict:
    n = u.size
    return {
        "seg_edge": np.arange(n, dtype=np.int32),
        "seg_xy": np.column_stack([x[u], y[u], x[v], y[v]]),
        "seg_a": np.zeros(n),
        "seg_b": np.ones(n),
    }


def _segments_from_lines(lines: Sequence[Any], x: np.ndarray, y: np.ndarray, u: np.ndarray,
                         v: np.ndarray) -> dict:
    """Segment table from edge LineStrings (None = straight from u to v)."""
    import shapely

    from portgeo.geodesy import geodesic_distance_m

    geoms = np.array(
        [g if g is not None else None for g in lines], dtype=object
    )
    missing = np.array([g is None for g in geoms])
    if missing.any():
        geoms[missing] = shapely.linestrings(
            np.stack([np.column_stack([x[u[missing]], y[u[missing]]]),
                      np.column_stack([x[v[missing]], y[v[missing]]])], axis=1)
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
    return {"seg_edge": seg_edge, "seg_xy": np.column_stack([p0, p1]), "seg_a": a,
            "seg_b": np.minimum(b, 1.0)}


def _make_network(
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
    metadata: dict[str, Any],
) -> RoadNetwork:
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    u = np.asarray(u, dtype=np.int32)
    v = np.asarray(v, dtype=np.int32)
    segs = (
        _segments_from_lines(lines, x, y, u, v) if lines is not None
        else _straight_segments(x, y, u, v)
    )
    return RoadNetwork(
        node_id=np.asarray(node_id, dtype=np.int64),
        x=x,
        y=y,
        u=u,
        v=v,
        length_m=np.asarray(length_m, dtype=float),
        speed_kmh=np.asarray(speed_kmh, dtype=float),
        delay_s=np.zeros(u.size) if delay_s is None else np.asarray(delay_s, dtype=float),
        highway=np.asarray(highway, dtype=object).astype(str),
        metadata=metadata,
        **segs,
    )


# --------------------------------------------------------------------------------------------
# the loader
# --------------------------------------------------------------------------------------------


def load_network(
    source: str | Path = "offline",
    *,
    bbox: tuple[float, float, float, float] | None = None,
    polygon: Polygon | None = None,
    center: tuple[float, float] | None = None,
    dist_m: float | None = None,
    road_filter: Sequence[str] | str | None = None,
    speed_profile: SpeedProfile | str | Path | None = None,
    ferries: bool | None = None,
    cache: bool | None = None,
) -> RoadNetwork:
    """Load a road network from the offline graph, Overpass or a local OSM file.

    Parameters
    ----------
    source : {"offline", "overpass"} or path
        ``"offline"``: the scgraph-data major-road graph of China and its neighbours (no
        download). ``"overpass"``: OSMnx from the Overpass API (needs one of ``center`` +
        ``dist_m``, ``bbox`` or ``polygon``). A path to ``.osm.pbf`` or ``.osm``/``.xml``.
    bbox : tuple, optional
        ``(lon_min, lat_min, lon_max, lat_max)``: area to query (Overpass), or to clip to
        (offline and files).
    polygon : shapely.Polygon, optional
        Area to query (Overpass) or clip to, in EPSG:4326.
    center : tuple, optional
        ``(lon, lat)`` centre of a query; with ``dist_m``, the half side of the query box.
    dist_m : float, optional
        See ``center``.
    road_filter : sequence of str or str, optional
        OSM highway classes to keep (default ``settings.road_classes``: down to tertiary with
        links). For Overpass a raw Overpass filter string (``'["highway"~"..."]'``) is accepted
        too. Not used by the offline graph (it has no classes).
    speed_profile : SpeedProfile or path, optional
        Default: ``data/speed_profile_cn.yaml``.
    ferries : bool, optional
        Keep ferry routes (default ``settings.ferries``).
    cache : bool, optional
        Use the on-disk cache (default ``settings.network_cache``).

    Returns
    -------
    RoadNetwork

    Raises
    ------
    portgeo.errors.InputError
        Unknown source or missing query area.
    portgeo.errors.NetworkError
        The source gave no usable roads.
    """
    profile = (
        speed_profile if isinstance(speed_profile, SpeedProfile)
        else load_speed_profile(speed_profile)
    )
    ferries = settings.ferries if ferries is None else bool(ferries)
    cache = settings.network_cache if cache is None else bool(cache)
    if center is not None and dist_m is None:
        raise InputError("center needs dist_m (the half side of the query box, metres)")
    if isinstance(source, str) and source == "offline":
        clip = bbox or (polygon.bounds if polygon is not None else None)
        if clip is None and center is not None:
            clip = _bbox_around(center, float(dist_m or 0))
        return _load_offline(clip=clip, profile=profile, ferries=ferries, cache=cache)
    if isinstance(source, str) and source == "overpass":
        return _load_overpass(
            bbox=bbox, polygon=polygon, center=center, dist_m=dist_m, road_filter=road_filter,
            profile=profile, ferries=ferries, cache=cache,
        )
    path = Path(source)
    name = path.name.lower()
    if not path.is_file():
        raise InputError(
            f"network source {source!r} is neither 'offline', 'overpass' nor an existing "
            ".osm.pbf/.osm file"
        )
    classes = _classes(road_filter)
    if name.endswith(".pbf"):
        graph = _graph_from_pbf(path, classes=classes, ferries=ferries, bbox=bbox)
        kind = "osm.pbf (pyrosm)"
    elif name.endswith((".osm", ".xml", ".osm.xml")):
        graph = _graph_from_xml(path, classes=classes, ferries=ferries)
        kind = "osm xml (osmnx.graph_from_xml)"
    else:
        raise InputError(f"unknown network file type {path.name!r}: use .osm.pbf, .osm or .xml")
    meta = {
        "source": f"file:{path.name}",
        "extract": str(path),
        "date": _osm_file_date(path),
        "reader": kind,
    }
    net = network_from_graph(graph, speed_profile=profile, ferries=ferries, road_filter=classes,
                             metadata=meta)
    if ferries and name.endswith(".pbf"):
        ways = _pbf_ferries(path, bbox=bbox)
        if len(ways):
            net = add_ferries(net, ways, profile=profile, only_if_unlinked=False,
                              max_link_m=1_000.0)
            net.metadata["n_ferry_edges"] = int(net.ferry.sum())
    if bbox is not None or polygon is not None:
        net = _clip(net, bbox=bbox, polygon=polygon)
    return net


def _bbox_around(center: tuple[float, float], dist_m: float) -> tuple[float, float, float, float]:
    lon, lat = center
    dlat = dist_m / 111_320.0
    dlon = dist_m / (111_320.0 * max(math.cos(math.radians(lat)), 1e-6))
    return (lon - dlon, lat - dlat, lon + dlon, lat + dlat)


def _classes(road_filter: Sequence[str] | str | None) -> tuple[str, ...]:
    if road_filter is None:
        return tuple(settings.road_classes)
    if isinstance(road_filter, str):
        raise InputError(
            "a raw Overpass filter string only works with source='overpass'; for local files "
            "pass a list of highway classes"
        )
    return tuple(str(c) for c in road_filter)


def overpass_filter(classes: Iterable[str]) -> str:
    """Build the Overpass way filter for a set of highway classes.

    Parameters
    ----------
    classes : iterable of str
        OSM highway values.

    Returns
    -------
    str
        e.g. ``'["highway"~"^(motorway|trunk)$"]["area"!~"yes"]...'``.
    """
    alt = "|".join(sorted(set(classes)))
    return (
        f'["highway"~"^({alt})$"]["area"!~"yes"]["access"!~"private|no"]'
        '["motor_vehicle"!~"no"]["motorcar"!~"no"]'
    )


# --------------------------------------------------------------------------------------------
# networkx / osmnx graph -> RoadNetwork
# --------------------------------------------------------------------------------------------


def _as_list(value: Any) -> list[str]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    s = str(value)
    if s.startswith("["):  # a list saved to GraphML
        try:
            return [str(v) for v in ast.literal_eval(s)]
        except (ValueError, SyntaxError):
            return [s]
    return [s]


def network_from_graph(
    graph: nx.MultiDiGraph | nx.DiGraph | nx.Graph,
    *,
    speed_profile: SpeedProfile | None = None,
    ferries: bool = True,
    road_filter: Sequence[str] | None = None,
    metadata: dict[str, Any] | None = None,
) -> RoadNetwork:
    """Convert a networkx/osmnx road graph into a :class:`RoadNetwork`.

    Nodes need ``x``/``y`` (lon/lat). Edges may carry ``length`` (m; default geodesic between
    the ends or along ``geometry``), ``highway``, ``maxspeed``, ``route`` (``"ferry"``),
    ``geometry`` (LineString from u to v), ``speed_kph`` (overrides the profile) and
    ``delay_min`` (fixed delay; ferries default to the profile's boarding penalty). An undirected
    graph gives two edges per road.

    Parameters
    ----------
    graph : networkx graph
    speed_profile : SpeedProfile, optional
    ferries : bool, default True
        Keep ferry edges.
    road_filter : sequence of str, optional
        Keep only these highway classes (plus ferries); ``None`` keeps every edge.
    metadata : dict, optional
        Merged into the network's metadata.

    Returns
    -------
    RoadNetwork
    """
    import networkx as nx

    from portgeo.geodesy import geodesic_distance_m

    prof = speed_profile or load_speed_profile()
    if graph.number_of_nodes() == 0:
        raise NetworkError("the road graph is empty: check the area or the file")
    keep_cls = set(road_filter) if road_filter is not None else None
    rows = []
    edges = graph.edges(keys=True, data=True) if graph.is_multigraph() else (
        (a, b, 0, d) for a, b, d in graph.edges(data=True)
    )
    undirected = not graph.is_directed()
    for a, b, _k, d in edges:
        hw = _as_list(d.get("highway"))
        is_ferry = "ferry" in _as_list(d.get("route")) or "ferry" in hw
        if is_ferry:
            if not ferries:
                continue
            hw_first = "ferry"
        else:
            if keep_cls is not None and not any(h in keep_cls for h in hw):
                continue
            access = set(_as_list(d.get("access"))) | set(_as_list(d.get("motor_vehicle")))
            if keep_cls is not None and access & {"no", "private"}:
                continue
            picks = [h for h in hw if keep_cls is None or h in keep_cls]
            hw_first = picks[0] if picks else ""
        ms = _as_list(d.get("maxspeed"))
        rows.append((a, b, hw_first, ";".join(ms) if ms else None, d.get("length"),
                     d.get("speed_kph"), d.get("delay_min"), d.get("geometry")))
        if undirected:
            g = d.get("geometry")
            rows.append((b, a, hw_first, ";".join(ms) if ms else None, d.get("length"),
                         d.get("speed_kph"), d.get("delay_min"),
                         g.reverse() if g is not None else None))
    if not rows:
        raise NetworkError(
            "no road of the requested classes in this graph/area; widen the area or the filter"
        )
    df = pd.DataFrame(rows, columns=["a", "b", "highway", "maxspeed", "length", "speed_kph",
                                     "delay_min", "geometry"])
    used = pd.unique(pd.concat([df["a"], df["b"]], ignore_index=True))
    index = {n: i for i, n in enumerate(used)}
    xs = np.array([float(graph.nodes[n]["x"]) for n in used])
    ys = np.array([float(graph.nodes[n]["y"]) for n in used])
    u = df["a"].map(index).to_numpy(np.int32)
    v = df["b"].map(index).to_numpy(np.int32)
    lines = df["geometry"].tolist()
    has_lines = any(g is not None for g in lines)
    length = np.array(pd.to_numeric(df["length"], errors="coerce"), dtype=float)
    miss = np.isnan(length)
    if miss.any():
        if has_lines:
            from portgeo.geodesy import geodesic_length_m

            for i in np.flatnonzero(miss):
                g = lines[i]
                length[i] = (geodesic_length_m(g) if g is not None else
                             geodesic_distance_m(xs[u[i]], ys[u[i]], xs[v[i]], ys[v[i]]))
        else:
            length[miss] = geodesic_distance_m(xs[u[miss]], ys[u[miss]], xs[v[miss]], ys[v[miss]])
    speed = edge_speeds_kmh(df["highway"], df["maxspeed"], profile=prof)
    given = pd.to_numeric(df["speed_kph"], errors="coerce").to_numpy(float)
    speed = np.where(np.isnan(given), speed, given)
    if not (speed > 0).all():
        raise NetworkError("some edges have a non-positive speed; check speed_kph / the profile")
    is_ferry = df["highway"].to_numpy() == "ferry"
    delay_min = pd.to_numeric(df["delay_min"], errors="coerce").to_numpy(float)
    delay_min = np.where(np.isnan(delay_min), np.where(is_ferry, prof.ferry_boarding_min, 0.0),
                         delay_min)
    node_ids = np.array([n if isinstance(n, int | np.integer) else i
                         for i, n in enumerate(used)], dtype=np.int64)
    meta = {
        "source": "graph",
        "extract": None,
        "date": None,
        "filter": list(road_filter) if road_filter is not None else "all edges",
        "speeds": prof.describe(),
        "approximate": False,
        "ferries": bool(ferries),
        "n_ferry_edges": int(is_ferry.sum()),
    }
    meta.update(metadata or {})
    del nx
    return _make_network(
        node_id=node_ids, x=xs, y=ys, u=u, v=v, length_m=length, speed_kmh=speed,
        highway=df["highway"].to_numpy(), delay_s=delay_min * 60.0,
        lines=lines if has_lines else None, metadata=meta,
    )


def _clip(net: RoadNetwork, *, bbox: tuple[float, float, float, float] | None = None,
          polygon: Polygon | None = None) -> RoadNetwork:
    """Keep the edges whose both ends lie in the box/polygon."""
    inside = np.ones(net.n_nodes, dtype=bool)
    if bbox is not None:
        x0, y0, x1, y1 = bbox
        inside &= (net.x >= x0) & (net.x <= x1) & (net.y >= y0) & (net.y <= y1)
    if polygon is not None:
        import shapely

        inside &= shapely.contains_xy(polygon, net.x, net.y)
    keep_e = inside[net.u] & inside[net.v]
    if not keep_e.any():
        raise NetworkError("no road left after clipping to the requested area")
    return _subset_edges(net, keep_e)


def _subset_edges(net: RoadNetwork, keep_e: np.ndarray) -> RoadNetwork:
    used = np.zeros(net.n_nodes, dtype=bool)
    used[net.u[keep_e]] = True
    used[net.v[keep_e]] = True
    new = np.full(net.n_nodes, -1, dtype=np.int64)
    new[used] = np.arange(used.sum())
    emap = np.full(net.n_edges, -1, dtype=np.int64)
    emap[keep_e] = np.arange(keep_e.sum())
    sk = keep_e[net.seg_edge]
    return RoadNetwork(
        node_id=net.node_id[used], x=net.x[used], y=net.y[used],
        u=new[net.u[keep_e]].astype(np.int32), v=new[net.v[keep_e]].astype(np.int32),
        length_m=net.length_m[keep_e], speed_kmh=net.speed_kmh[keep_e],
        delay_s=net.delay_s[keep_e], highway=net.highway[keep_e],
        seg_edge=emap[net.seg_edge[sk]].astype(np.int32), seg_xy=net.seg_xy[sk],
        seg_a=net.seg_a[sk], seg_b=net.seg_b[sk], metadata=dict(net.metadata),
    )


# --------------------------------------------------------------------------------------------
# local files
# --------------------------------------------------------------------------------------------


def _osm_file_date(path: Path) -> str | None:
    """Timestamp of an OSM XML file's header, or the newest element timestamp seen early on."""
    if path.name.lower().endswith(".pbf"):
        return None
    try:
        with path.open("r", encoding="utf-8", errors="replace") as fh:
            head = fh.read(200_000)
    except OSError:
        return None
    m = re.search(r'<osm[^>]*timestamp="([^"]+)"', head)
    if m:
        return m.group(1)
    stamps = re.findall(r'timestamp="(\d{4}-\d\d-\d\d)', head)
    return f"newest element seen {max(stamps)}" if stamps else None


def _graph_from_xml(path: Path, *, classes: Sequence[str], ferries: bool) -> nx.MultiDiGraph:
    import osmnx as ox

    try:
        graph = ox.graph_from_xml(path, simplify=False, retain_all=True)
    except Exception as exc:
        raise NetworkError(f"could not read OSM XML {path}: {exc}") from exc
    return _filter_and_simplify(graph, classes=classes, ferries=ferries)


def _filter_and_simplify(graph: nx.MultiDiGraph, *, classes: Sequence[str],
                         ferries: bool) -> nx.MultiDiGraph:
    import osmnx as ox

    keep = set(classes)
    drop = []
    for a, b, k, d in graph.edges(keys=True, data=True):
        hw = _as_list(d.get("highway"))
        if ferries and "ferry" in _as_list(d.get("route")):
            continue
        if not any(h in keep for h in hw):
            drop.append((a, b, k))
            continue
        access = set(_as_list(d.get("access"))) | set(_as_list(d.get("motor_vehicle")))
        if access & {"no", "private"} or "yes" in _as_list(d.get("area")):
            drop.append((a, b, k))
    graph.remove_edges_from(drop)
    graph.remove_nodes_from([n for n, deg in dict(graph.degree()).items() if deg == 0])
    if graph.number_of_edges() == 0:
        raise NetworkError(
            f"no road of classes {sorted(keep)} in this extract; widen road_filter"
        )
    return ox.simplify_graph(graph)


def _graph_from_pbf(path: Path, *, classes: Sequence[str], ferries: bool,
                    bbox: tuple[float, float, float, float] | None) -> nx.MultiDiGraph:
    if importlib.util.find_spec("pyrosm") is None:
        raise NetworkError(
            "reading .osm.pbf needs pyrosm: pip install 'portgeo[pbf]' (or convert the file "
            "to .osm XML with osmium and pass that)"
        )
    from pyrosm import OSM

    try:
        osm = OSM(str(path), bounding_box=list(bbox) if bbox is not None else None)
        nodes, edges = osm.get_network(network_type="driving", nodes=True,
                                       extra_attributes=["route"])
    except Exception as exc:  # pyrosm raises plain exceptions on bad files
        raise NetworkError(f"could not read {path} with pyrosm: {exc}") from exc
    if edges is None or len(edges) == 0:
        raise NetworkError(f"no drivable road in {path}")
    hw = edges["highway"].astype(str)
    keep = hw.isin(set(classes))
    if ferries and "route" in edges:
        keep |= edges["route"].astype(str).eq("ferry")
    edges = edges[keep]
    if len(edges) == 0:
        raise NetworkError(f"no road of classes {sorted(classes)} in {path}; widen road_filter")
    graph = osm.to_graph(nodes, edges, graph_type="networkx", osmnx_compatible=True,
                     retain_all=True)
    return graph


def _pbf_ferries(path: Path, *, bbox: tuple[float, float, float, float] | None) -> pd.DataFrame:
    """``route=ferry`` ways of a .osm.pbf as a ferry table (pyrosm's driving network has none)."""
    from pyrosm import OSM

    from portgeo.geodesy import geodesic_length_m

    cols = ["ferry_id", "a_lon", "a_lat", "b_lon", "b_lat", "sailing_km", "source"]
    try:
        osm = OSM(str(path), bounding_box=list(bbox) if bbox is not None else None)
        with warnings.catch_warnings():  # "Could not find any OSM data": no ferry, fine
            warnings.filterwarnings("ignore", message="Could not find any OSM data")
            ways = osm.get_data_by_custom_criteria(
                custom_filter={"route": ["ferry"]}, filter_type="keep", keep_nodes=False,
                keep_relations=False,
            )
    except Exception as exc:  # pyrosm raises plain exceptions
        log.warning("could not read ferry ways of %s: %s", path, exc)
        return pd.DataFrame(columns=cols)
    rows = []
    for w in ([] if ways is None else ways.itertuples()):
        for line in getattr(w.geometry, "geoms", [w.geometry]):
            if line is None or line.is_empty or line.geom_type != "LineString":
                continue
            (ax, ay), (bx, by) = line.coords[0], line.coords[-1]
            if geodesic_length_m(line) < 1.0:  # way cut by the extract's edge
                continue
            rows.append((f"osm-way-{w.id}", ax, ay, bx, by, geodesic_length_m(line) / 1000.0,
                         path.name))
    return pd.DataFrame(rows, columns=cols)


# --------------------------------------------------------------------------------------------
# Overpass
# --------------------------------------------------------------------------------------------


def build_overpass_request(
    *,
    bbox: tuple[float, float, float, float] | None = None,
    polygon: Polygon | None = None,
    center: tuple[float, float] | None = None,
    dist_m: float | None = None,
    road_filter: Sequence[str] | str | None = None,
    ferries: bool = True,
) -> dict[str, Any]:
    """Describe an Overpass road query (the cache key is a hash of this).

    Parameters
    ----------
    bbox, polygon, center, dist_m, road_filter, ferries
        As in :func:`load_network`; exactly one area (``center`` with ``dist_m``, ``bbox`` or
        ``polygon``) is needed.

    Returns
    -------
    dict
        ``kind`` (``point``/``bbox``/``polygon``), the area, ``filters`` (Overpass filters, the
        ferry filter last), ``max_query_area_size`` (osmnx's split setting) and the osmnx version.
    """
    import osmnx as ox

    areas = [a is not None for a in (center, bbox, polygon)]
    if sum(areas) != 1:
        raise InputError("give exactly one area: center (+dist_m), bbox or polygon")
    if isinstance(road_filter, str):
        road = road_filter
    else:
        road = overpass_filter(road_filter if road_filter is not None else settings.road_classes)
    filters = [road] + (['["route"="ferry"]'] if ferries else [])
    req: dict[str, Any] = {
        "filters": filters,
        "max_query_area_size": float(ox.settings.max_query_area_size),
        "osmnx": ox.__version__,
    }
    if center is not None:
        if not dist_m or dist_m <= 0:
            raise InputError("center needs a positive dist_m (metres)")
        req.update(kind="point", center=[round(float(center[0]), 7), round(float(center[1]), 7)],
                   dist_m=float(dist_m))
    elif bbox is not None:
        x0, y0, x1, y1 = (float(b) for b in bbox)
        if not (x0 < x1 and y0 < y1):
            raise InputError("bbox must be (lon_min, lat_min, lon_max, lat_max)")
        req.update(kind="bbox", bbox=[round(b, 7) for b in (x0, y0, x1, y1)])
    else:
        req.update(kind="polygon", polygon=polygon.wkt)
    return req


def overpass_cache_path(request: dict[str, Any]) -> Path:
    """Return the GraphML cache file of an Overpass request (keyed by its hash).

    Parameters
    ----------
    request : dict
        From :func:`build_overpass_request`.

    Returns
    -------
    pathlib.Path
    """
    blob = json.dumps(request, sort_keys=True, separators=(",", ":")).encode()
    key = hashlib.sha256(blob).hexdigest()[:20]
    return Path(settings.cache_dir) / "networks" / f"overpass_{key}.graphml"


def _load_overpass(*, bbox, polygon, center, dist_m, road_filter, profile, ferries,
                   cache) -> RoadNetwork:
    import osmnx as ox

    req = build_overpass_request(bbox=bbox, polygon=polygon, center=center, dist_m=dist_m,
                                 road_filter=road_filter, ferries=ferries)
    path = overpass_cache_path(req)
    if cache and path.is_file():
        log.info("overpass: cache hit %s", path)
        graph = ox.load_graphml(path)
        date = graph.graph.get("portgeo_fetched")
    else:
        filters = req["filters"]
        try:
            if req["kind"] == "point":
                graph = ox.graph_from_point((center[1], center[0]), dist=float(dist_m),
                                        custom_filter=filters, retain_all=True)
            elif req["kind"] == "bbox":
                graph = ox.graph_from_bbox(tuple(bbox), custom_filter=filters, retain_all=True)
            else:
                graph = ox.graph_from_polygon(polygon, custom_filter=filters, retain_all=True)
        except Exception as exc:  # osmnx raises many kinds (HTTP, empty response)
            raise NetworkError(
                f"Overpass query failed ({exc}); check the connection, or use "
                "source='offline' or a local .osm.pbf extract"
            ) from exc
        date = pd.Timestamp.now(tz="UTC").isoformat(timespec="seconds")
        graph.graph["portgeo_fetched"] = date
        if cache:
            path.parent.mkdir(parents=True, exist_ok=True)
            ox.save_graphml(graph, path)
    meta = {
        "source": "overpass",
        "extract": req.get("kind"),
        "date": date,
        "request": req,
        "cache_file": str(path) if cache else None,
        "filter": req["filters"],
    }
    classes = None if isinstance(road_filter, str) else _classes(road_filter)
    return network_from_graph(graph, speed_profile=profile, ferries=ferries, road_filter=classes,
                              metadata=meta)


# --------------------------------------------------------------------------------------------
# offline scgraph graph
# --------------------------------------------------------------------------------------------


def _scgraph_version() -> str:
    try:
        return importlib.metadata.version("scgraph-data")
    except importlib.metadata.PackageNotFoundError as exc:
        raise NetworkError(
            "the offline road graph needs the PyPI package scgraph-data: pip install scgraph-data"
        ) from exc


def _parse_scgraph(path: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Parse scgraph_data/world_highways.py without importing it.

    Returns lon, lat, (u, v) pairs and length in metres (directed, as listed).
    """
    text = path.read_text(encoding="utf-8")
    graph_line = nodes_line = None
    for line in text.split("\n"):
        if line.startswith("graph="):
            graph_line = line
        elif line.startswith("nodes="):
            nodes_line = line
    if graph_line is None or nodes_line is None:
        raise NetworkError(f"unexpected layout of {path}: no graph=/nodes= lines")
    coords = np.array(re.findall(r"-?\d+(?:\.\d+)?", nodes_line[6:]), dtype=float).reshape(-1, 2)
    lat, lon = coords[:, 0], coords[:, 1]
    body = graph_line[len("graph=["):-1].strip()
    parts = body[1:-1].split("}, {") if body else []
    counts = np.fromiter((p.count(":") for p in parts), dtype=np.int64, count=len(parts))
    pairs = re.findall(r"(\d+):\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)", graph_line)
    if len(parts) != coords.shape[0] or len(pairs) != counts.sum():
        raise NetworkError(f"could not parse {path}: {len(parts)} rows, {coords.shape[0]} nodes")
    arr = np.array(pairs, dtype=float)
    u = np.repeat(np.arange(len(parts), dtype=np.int64), counts)
    v = arr[:, 0].astype(np.int64)
    km = arr[:, 1]
    return lon, lat, np.column_stack([u, v]), km * 1000.0


def _offline_arrays(*, cache: bool) -> dict[str, np.ndarray]:
    """Return the clipped scgraph graph as arrays (converted once, cached as .npz)."""
    version = _scgraph_version()
    key = f"scgraph_world_highways_{version}_{'_'.join(f'{b:g}' for b in OFFLINE_BBOX)}"
    path = Path(settings.cache_dir) / "networks" / f"{key}_v{_OFFLINE_FORMAT}.npz"
    if cache and path.is_file():
        with np.load(path) as z:
            return {k: z[k] for k in z.files}
    spec = importlib.util.find_spec("scgraph_data.world_highways")
    if spec is None or spec.origin is None:
        raise NetworkError("scgraph-data is installed but has no world_highways module")
    log.info("converting %s (once; cached at %s)", spec.origin, path)
    lon, lat, uv, length = _parse_scgraph(Path(spec.origin))
    x0, y0, x1, y1 = OFFLINE_BBOX
    inside = (lon >= x0) & (lon <= x1) & (lat >= y0) & (lat <= y1)
    keep = inside[uv[:, 0]] & inside[uv[:, 1]] & (uv[:, 0] != uv[:, 1])
    uv, length = uv[keep], length[keep]
    used = np.zeros(lon.size, dtype=bool)
    used[uv.ravel()] = True
    new = np.full(lon.size, -1, dtype=np.int64)
    new[used] = np.arange(used.sum())
    # make the graph symmetric (the source is undirected) and drop duplicate listings
    a, b = new[uv[:, 0]], new[uv[:, 1]]
    aa, bb, ll = np.r_[a, b], np.r_[b, a], np.r_[length, length]
    n = int(used.sum())
    k = aa * n + bb
    order = np.lexsort((ll, k))
    k, ll = k[order], ll[order]
    first = np.r_[True, k[1:] != k[:-1]]
    k, ll = k[first], ll[first]
    uu, vv = np.divmod(k, n)
    arrays = {
        "node_id": np.flatnonzero(used).astype(np.int64),
        "x": lon[used],
        "y": lat[used],
        "u": uu.astype(np.int32),
        "v": vv.astype(np.int32),
        "length_m": np.maximum(ll, 1.0),
    }
    if cache:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npz")
        np.savez(tmp, **arrays)
        tmp.replace(path)
    return arrays


def _load_offline(*, clip, profile: SpeedProfile, ferries: bool, cache: bool) -> RoadNetwork:
    arr = _offline_arrays(cache=cache)
    speed = (float(settings.offline_speed_kmh) if settings.offline_speed_kmh
             else profile.offline_effective_kmh)
    n_e = arr["u"].size
    meta = {
        "source": f"offline:scgraph-data {_scgraph_version()} world_highways",
        "extract": f"OSM-derived major-road graph clipped to lon/lat {OFFLINE_BBOX}",
        "date": None,
        "filter": "major roads as simplified by scgraph-data (no road classes)",
        "speeds": {"effective_kmh": speed, "access_kmh": settings.access_speed_kmh,
                   "profile": profile.source},
        "approximate": True,
        "ferries": bool(ferries),
        "attribution": "© OpenStreetMap contributors (ODbL), via scgraph-data (MIT)",
    }
    net = _make_network(
        node_id=arr["node_id"], x=arr["x"], y=arr["y"], u=arr["u"], v=arr["v"],
        length_m=arr["length_m"], speed_kmh=np.full(n_e, speed), highway=np.full(n_e, ""),
        metadata=meta,
    )
    if ferries:
        net = add_ferries(net, load_ferries(), profile=profile, access_speed_kmh=speed)
    if clip is not None:
        net = _clip(net, bbox=tuple(clip))
    return net


# --------------------------------------------------------------------------------------------
# ferries
# --------------------------------------------------------------------------------------------


def load_ferries(path: str | Path | None = None) -> pd.DataFrame:
    """Read the ferry table (``data/ferries_cn.csv``).

    Parameters
    ----------
    path : str or pathlib.Path, optional
        Another CSV with the same columns.

    Returns
    -------
    pandas.DataFrame
        One row per ferry link: ``ferry_id``, terminal names and ``a_lon``, ``a_lat``,
        ``b_lon``, ``b_lat``, ``sailing_km``, ``sailing_min``, ``boarding_min`` (empty: from the
        speed profile), ``source``.
    """
    from portgeo.catalogue import data_path

    p = Path(path) if path is not None else data_path("ferries_cn.csv")
    if not p.is_file():
        raise InputError(f"ferry table {p} not found")
    df = pd.read_csv(p, comment="#")
    need = {"ferry_id", "a_lon", "a_lat", "b_lon", "b_lat"}
    if not need <= set(df.columns):
        raise InputError(f"ferry table {p} lacks columns {sorted(need - set(df.columns))}")
    return df


def add_ferries(
    net: RoadNetwork,
    ferries: pd.DataFrame,
    *,
    profile: SpeedProfile | None = None,
    access_speed_kmh: float | None = None,
    only_if_unlinked: bool = True,
    max_link_m: float = 30_000.0,
) -> RoadNetwork:
    """Add ferry links (both directions) between terminals the network does not link.

    Each terminal becomes a node joined to its nearest network node by a straight access road;
    the two terminals are joined by a ``"ferry"`` edge whose time is the sailing time plus the
    boarding penalty.

    Parameters
    ----------
    net : RoadNetwork
    ferries : pandas.DataFrame
        From :func:`load_ferries`.
    profile : SpeedProfile, optional
        Ferry speed and boarding penalty where the table leaves them empty.
    access_speed_kmh : float, optional
        Speed on the terminal access roads (default: the network's median speed).
    only_if_unlinked : bool, default True
        Skip a ferry whose two ends are already in one strongly connected component.
    max_link_m : float, default 30 km
        Skip a terminal farther than this from any road node.

    Returns
    -------
    RoadNetwork
        A new network (the input is untouched); ``metadata["ferries_added"]`` lists the links.
    """
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial import cKDTree

    from portgeo.geodesy import geodesic_distance_m

    prof = profile or load_speed_profile()
    acc = access_speed_kmh or float(np.median(net.speed_kmh))
    tree = cKDTree(_unit_xyz(net.x, net.y))
    _, labels = connected_components(net.csr("time"), directed=True, connection="strong")
    new_x, new_y, new_id = [], [], []
    eu, ev, el, es, ed, eh = [], [], [], [], [], []
    added = []
    n0 = net.n_nodes
    for row in ferries.itertuples(index=False):
        ends = [(float(row.a_lon), float(row.a_lat)), (float(row.b_lon), float(row.b_lat))]
        _, near = tree.query(_unit_xyz(np.array([e[0] for e in ends]),
                                       np.array([e[1] for e in ends])))
        dist = geodesic_distance_m(np.array([e[0] for e in ends]), np.array([e[1] for e in ends]),
                                   net.x[near], net.y[near])
        if (dist > max_link_m).any():
            log.info("ferry %s: a terminal is %.0f m from the network; skipped",
                     row.ferry_id, float(np.max(dist)))
            continue
        if only_if_unlinked and labels[near[0]] == labels[near[1]]:
            log.info("ferry %s: both ends already linked by road; not added", row.ferry_id)
            continue
        t = [n0 + len(new_x), n0 + len(new_x) + 1]
        for (lon, lat) in ends:
            new_x.append(lon)
            new_y.append(lat)
            new_id.append(-(len(new_id) + 1))
        for term, nn, d in zip(t, near, dist, strict=True):
            for a, b in ((term, int(nn)), (int(nn), term)):
                eu.append(a)
                ev.append(b)
                el.append(max(float(d), 1.0))
                es.append(acc)
                ed.append(0.0)
                eh.append("ferry_access")
        sail_km = _num(getattr(row, "sailing_km", None))
        if sail_km is None:
            sail_km = float(geodesic_distance_m(*ends[0], *ends[1])) / 1000.0
        sail_min = _num(getattr(row, "sailing_min", None))
        speed = sail_km / (sail_min / 60.0) if sail_min else prof.ferry_speed_kmh
        board = _num(getattr(row, "boarding_min", None))
        board = prof.ferry_boarding_min if board is None else board
        for a, b in ((t[0], t[1]), (t[1], t[0])):
            eu.append(a)
            ev.append(b)
            el.append(sail_km * 1000.0)
            es.append(speed)
            ed.append(board * 60.0)
            eh.append("ferry")
        added.append({"ferry_id": row.ferry_id, "sailing_km": round(sail_km, 2),
                      "speed_kmh": round(speed, 2), "boarding_min": board})
    if not added:
        out = _subset_edges(net, np.ones(net.n_edges, dtype=bool))
        out.metadata["ferries_added"] = []
        return out
    x = np.r_[net.x, new_x]
    y = np.r_[net.y, new_y]
    u = np.r_[net.u, eu].astype(np.int32)
    v = np.r_[net.v, ev].astype(np.int32)
    k = len(eu)
    seg_new = np.column_stack([x[u[-k:]], y[u[-k:]], x[v[-k:]], y[v[-k:]]])
    meta = dict(net.metadata)
    meta["ferries_added"] = added
    return RoadNetwork(
        node_id=np.r_[net.node_id, new_id].astype(np.int64), x=x, y=y, u=u, v=v,
        length_m=np.r_[net.length_m, el], speed_kmh=np.r_[net.speed_kmh, es],
        delay_s=np.r_[net.delay_s, ed], highway=np.r_[net.highway, eh].astype(str),
        seg_edge=np.r_[net.seg_edge, np.arange(net.n_edges, net.n_edges + k)].astype(np.int32),
        seg_xy=np.vstack([net.seg_xy, seg_new]), seg_a=np.r_[net.seg_a, np.zeros(k)],
        seg_b=np.r_[net.seg_b, np.ones(k)], metadata=meta,
    )


def _num(value: Any) -> float | None:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f
