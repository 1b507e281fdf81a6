"""networkx / osmnx road graphs → :class:`~portgeo.roads.network.RoadNetwork`.

Overpass answers and OSM XML files arrive as osmnx graphs; :func:`network_from_graph` turns any
such graph into the compact arrays, keeping the roads of :func:`portgeo.roads.filters.keep_way`
and giving every edge its travel speed from the speed profile. :func:`simplify_timed_graph`
times the raw way segments of an unsimplified graph before merging them, for both.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

import networkx as nx
import numpy as np
import osmnx as ox
import pandas as pd

from portgeo.errors import NetworkError
from portgeo.geo.geodesy import geodesic_distance_m, geodesic_length_m
from portgeo.roads.filters import keep_way, tag_values
from portgeo.roads.network import RoadNetwork, make_network
from portgeo.roads.speeds import SpeedProfile, edge_speeds_kmh, load_speed_profile

__all__ = ["network_from_graph", "osm_way_tags", "simplify_timed_graph"]


#: Columns of the edge table of :func:`_edge_rows`.
_ROW_COLUMNS = ["a", "b", "highway", "maxspeed", "length", "speed_kph", "delay_min", "geometry"]


def _edge_rows(
    graph: nx.MultiDiGraph | nx.DiGraph | nx.Graph,
    road_filter: Sequence[str] | None,
    ferries: bool,
) -> pd.DataFrame:
    """List the kept edges (both ways of an undirected graph) with the attributes we read."""
    rows = []
    edges = (
        graph.edges(keys=True, data=True)
        if graph.is_multigraph()
        else ((a, b, 0, d) for a, b, d in graph.edges(data=True))
    )
    undirected = not graph.is_directed()
    for a, b, _k, d in edges:
        cls = keep_way(d, road_filter, ferries=ferries)
        if cls is None:
            continue
        ms = tag_values(d.get("maxspeed"))
        rec = (
            cls,
            ";".join(ms) if ms else None,
            d.get("length"),
            d.get("speed_kph"),
            d.get("delay_min"),
        )
        rows.append((a, b, *rec, d.get("geometry")))
        if undirected:
            g = d.get("geometry")
            rows.append((b, a, *rec, g.reverse() if g is not None else None))
    if not rows:
        raise NetworkError(
            "no road of the requested classes in this graph/area; widen the area or the filter"
        )
    return pd.DataFrame(rows, columns=_ROW_COLUMNS)


def _edge_lengths(
    df: pd.DataFrame,
    lines: list[Any] | None,
    xs: np.ndarray,
    ys: np.ndarray,
    u: np.ndarray,
    v: np.ndarray,
) -> np.ndarray:
    """Return the edges' lengths: as given, else geodesic along the geometry or between the ends.

    ``lines`` holds each edge's geometry (or None), and is None when no edge has one.
    """
    length = np.array(pd.to_numeric(df["length"], errors="coerce"), dtype=float)
    miss = np.isnan(length)
    if not miss.any():
        return length
    if lines is not None:
        for i in np.flatnonzero(miss):
            g = lines[i]
            length[i] = (
                geodesic_length_m(g)
                if g is not None
                else geodesic_distance_m(xs[u[i]], ys[u[i]], xs[v[i]], ys[v[i]])
            )
    else:
        length[miss] = geodesic_distance_m(xs[u[miss]], ys[u[miss]], xs[v[miss]], ys[v[miss]])
    return length


def _edge_speeds(df: pd.DataFrame, prof: SpeedProfile) -> np.ndarray:
    """Return the edges' speeds: ``speed_kph`` where given, else from the profile."""
    speed = edge_speeds_kmh(df["highway"], df["maxspeed"], profile=prof)
    given = pd.to_numeric(df["speed_kph"], errors="coerce").to_numpy(float)
    speed = np.where(np.isnan(given), speed, given)
    if not (speed > 0).all():
        raise NetworkError("some edges have a non-positive speed; check speed_kph / the profile")
    return speed


def _edge_delays_min(df: pd.DataFrame, is_ferry: np.ndarray, prof: SpeedProfile) -> np.ndarray:
    """Return the edges' fixed delays (minutes): ``delay_min``, else a ferry's boarding penalty."""
    delay_min = pd.to_numeric(df["delay_min"], errors="coerce").to_numpy(float)
    return np.where(
        np.isnan(delay_min), np.where(is_ferry, prof.ferry_boarding_min, 0.0), delay_min
    )


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
    prof = speed_profile or load_speed_profile()
    if graph.number_of_nodes() == 0:
        raise NetworkError("the road graph is empty: check the area or the file")
    df = _edge_rows(graph, road_filter, ferries)
    used = pd.unique(pd.concat([df["a"], df["b"]], ignore_index=True))
    index = {n: i for i, n in enumerate(used)}
    xs = np.array([float(graph.nodes[n]["x"]) for n in used])
    ys = np.array([float(graph.nodes[n]["y"]) for n in used])
    u = df["a"].map(index).to_numpy(np.int32)
    v = df["b"].map(index).to_numpy(np.int32)
    geoms: list[Any] = df["geometry"].tolist()
    lines = geoms if any(g is not None for g in geoms) else None
    length = _edge_lengths(df, lines, xs, ys, u, v)
    speed = _edge_speeds(df, prof)
    is_ferry = df["highway"].to_numpy() == "ferry"
    node_ids = np.array(
        [n if isinstance(n, int | np.integer) else i for i, n in enumerate(used)], dtype=np.int64
    )
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
    return make_network(
        node_id=node_ids,
        x=xs,
        y=ys,
        u=u,
        v=v,
        length_m=length,
        speed_kmh=speed,
        highway=df["highway"].to_numpy(),
        delay_s=_edge_delays_min(df, is_ferry, prof) * 60.0,
        lines=lines,
        metadata=meta,
    )


#: Way tags osmnx must keep from OSM (XML files and Overpass answers) for :func:`keep_way` (``route`` for ferries, the
#: access keys beyond ``access``) on top of its own ``settings.useful_tags_way``.
_OSM_EXTRA_TAGS: tuple[str, ...] = ("route", "motor_vehicle", "motorcar")

#: Edge attribute carrying ``(class, length)`` of each raw OSM way segment through simplification.
_CLASS_LENGTH = "_portgeo_class_length"
#: Edge attribute that stops osmnx from merging a ferry and a road into one edge.
_IS_FERRY = "_portgeo_ferry"


@contextlib.contextmanager
def osm_way_tags() -> Iterator[None]:
    """Make osmnx keep the way tags of :data:`_OSM_EXTRA_TAGS` while OSM data is read."""
    saved = list(ox.settings.useful_tags_way)
    ox.settings.useful_tags_way = saved + [t for t in _OSM_EXTRA_TAGS if t not in saved]
    try:
        yield
    finally:
        ox.settings.useful_tags_way = saved


def simplify_timed_graph(
    graph: nx.MultiDiGraph,
    *,
    classes: Sequence[str] | None,
    ferries: bool,
    profile: SpeedProfile,
) -> nx.MultiDiGraph:
    """Keep the roads of an unsimplified osmnx graph, time every raw way segment, then merge.

    For graphs read with ``simplify=False`` (``osmnx.graph_from_xml`` of a file, or an Overpass
    answer), under :func:`osm_way_tags`.

    Speed and time come from each raw segment's own way (its ``highway`` and ``maxspeed``),
    before osmnx merges segments of several ways into one edge; a merged edge sums their lengths
    and times, so its time does not depend on the order osmnx lists merged tags in (a set,
    which varies with ``PYTHONHASHSEED``). Its ``highway`` is the class covering most of its
    length (ties: the class listed first in ``classes``). Ferries never merge with roads.
    """
    kept: list[tuple[dict[str, Any], str]] = []
    drop = []
    for a, b, k, d in graph.edges(keys=True, data=True):
        cls = keep_way(d, classes, ferries=ferries)
        if cls is None:
            drop.append((a, b, k))
        else:
            kept.append((d, cls))
    graph.remove_edges_from(drop)
    graph.remove_nodes_from([n for n, deg in dict(graph.degree()).items() if deg == 0])
    if graph.number_of_edges() == 0:
        asked = sorted(classes) if classes is not None else "any"
        raise NetworkError(f"no road of classes {asked} in this extract; widen road_filter")
    speeds = edge_speeds_kmh([c for _, c in kept], [d.get("maxspeed") for d, _ in kept],
                             profile=profile)  # fmt: skip
    for (d, cls), speed in zip(kept, speeds, strict=True):
        length = float(d["length"])
        d["highway"] = cls
        d["speed_kph"] = float(speed)
        d["travel_time"] = length / (float(speed) / 3.6)
        d[_CLASS_LENGTH] = (cls, length)
        d[_IS_FERRY] = cls == "ferry"
    rank = {c: i for i, c in enumerate(classes or ())}

    def main_class(parts: list[tuple[str, float]]) -> str:
        total: dict[str, float] = {}
        for cls, length in parts:
            total[cls] = total.get(cls, 0.0) + length
        return min(total, key=lambda c: (-total[c], rank.get(c, len(rank)), c))

    simple = ox.simplify_graph(
        graph,
        edge_attrs_differ=[_IS_FERRY],
        edge_attr_aggs={"length": sum, "travel_time": sum, _CLASS_LENGTH: main_class},
    )
    for _, _, d in simple.edges(data=True):
        cls_len = d.pop(_CLASS_LENGTH)
        d.pop(_IS_FERRY, None)
        cls = cls_len[0] if isinstance(cls_len, tuple) else str(cls_len)
        d["highway"] = cls
        length, time_s = float(d["length"]), float(d["travel_time"])
        if time_s > 0:
            d["speed_kph"] = length / time_s * 3.6
        elif not isinstance(d.get("speed_kph"), float):  # a merged chain of zero length
            d["speed_kph"] = float(edge_speeds_kmh([cls], profile=profile)[0])
    return simple
