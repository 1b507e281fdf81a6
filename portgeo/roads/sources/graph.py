"""networkx / osmnx road graphs → :class:`~portgeo.roads.network.RoadNetwork`.

Overpass answers and OSM XML files arrive as osmnx graphs; :func:`network_from_graph` turns any
such graph into the compact arrays, keeping the roads of :func:`portgeo.roads.filters.keep_way`
and giving every edge its travel speed from the speed profile.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from portgeo.errors import NetworkError
from portgeo.geo.geodesy import geodesic_distance_m, geodesic_length_m
from portgeo.roads.filters import keep_way, tag_values
from portgeo.roads.network import RoadNetwork, make_network
from portgeo.roads.speeds import SpeedProfile, edge_speeds_kmh, load_speed_profile

__all__ = ["network_from_graph"]


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
    df = pd.DataFrame(
        rows,
        columns=["a", "b", "highway", "maxspeed", "length", "speed_kph", "delay_min", "geometry"],
    )
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
            for i in np.flatnonzero(miss):
                g = lines[i]
                length[i] = (
                    geodesic_length_m(g)
                    if g is not None
                    else geodesic_distance_m(xs[u[i]], ys[u[i]], xs[v[i]], ys[v[i]])
                )
        else:
            length[miss] = geodesic_distance_m(xs[u[miss]], ys[u[miss]], xs[v[miss]], ys[v[miss]])
    speed = edge_speeds_kmh(df["highway"], df["maxspeed"], profile=prof)
    given = pd.to_numeric(df["speed_kph"], errors="coerce").to_numpy(float)
    speed = np.where(np.isnan(given), speed, given)
    if not (speed > 0).all():
        raise NetworkError("some edges have a non-positive speed; check speed_kph / the profile")
    is_ferry = df["highway"].to_numpy() == "ferry"
    delay_min = pd.to_numeric(df["delay_min"], errors="coerce").to_numpy(float)
    delay_min = np.where(
        np.isnan(delay_min), np.where(is_ferry, prof.ferry_boarding_min, 0.0), delay_min
    )
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
        delay_s=delay_min * 60.0,
        lines=lines if has_lines else None,
        metadata=meta,
    )
