"""Road networks from local OpenStreetMap files: ``.osm.pbf`` (pyrosm) and ``.osm`` XML (osmnx).

Both keep the roads of :func:`portgeo.roads.filters.keep_way`. A ``.osm.pbf`` needs the optional
dependency pyrosm (``pip install 'portgeo[pbf]'``); its ``route=ferry`` ways, which pyrosm's
driving network leaves out, are added as ferries.
"""

from __future__ import annotations

import contextlib
import logging
import re
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import networkx as nx
import numpy as np
import osmnx as ox
import pandas as pd
import shapely
from shapely.geometry import Polygon

from portgeo.errors import InputError, NetworkError
from portgeo.geo.geodesy import geodesic_length_m
from portgeo.roads.ferries import FERRY_COLUMNS, add_ferries
from portgeo.roads.filters import keep_way, resolve_classes
from portgeo.roads.network import RoadNetwork, clip_network
from portgeo.roads.sources.graph import network_from_graph
from portgeo.roads.speeds import SpeedProfile, edge_speeds_kmh

__all__ = ["load_osm_file"]

log = logging.getLogger(__name__)


def _pyrosm_osm() -> Any:
    """Pyrosm's ``OSM`` class (an optional dependency: imported on use)."""
    try:
        from pyrosm import OSM
    except ImportError as exc:
        raise NetworkError(
            "reading .osm.pbf needs pyrosm: pip install 'portgeo[pbf]' (or convert the file "
            "to .osm XML with osmium and pass that)"
        ) from exc
    return OSM


def load_osm_file(
    path: Path,
    *,
    road_filter: Sequence[str] | None,
    profile: SpeedProfile,
    ferries: bool,
    bbox: tuple[float, float, float, float] | None = None,
    polygon: Polygon | None = None,
    label: str | None = None,
) -> RoadNetwork:
    """Load a road network from a local ``.osm.pbf`` (pyrosm) or ``.osm`` XML (osmnx) file.

    Parameters
    ----------
    path : pathlib.Path
        The extract.
    road_filter : sequence of str or None
        Highway classes (default :data:`portgeo.settings.road_classes`).
    profile : SpeedProfile
    ferries : bool
        Keep ``route=ferry`` ways.
    bbox, polygon : optional
        Clip the network to this area (EPSG:4326).
    label : str, optional
        How the user named the file (for messages).

    Returns
    -------
    RoadNetwork

    Raises
    ------
    portgeo.errors.InputError
        Not an existing file, or an unknown file type.
    portgeo.errors.NetworkError
        The file cannot be read or holds no road of the classes asked for.
    """
    label = label or str(path)
    name = path.name.lower()
    if not path.is_file():
        raise InputError(
            f"network source {label!r} is neither 'offline', 'overpass' nor an existing "
            ".osm.pbf/.osm file"
        )
    classes = resolve_classes(road_filter)
    if name.endswith(".pbf"):
        graph = _graph_from_pbf(path, classes=classes, ferries=ferries, bbox=bbox)
        kind = "osm.pbf (pyrosm)"
    elif name.endswith((".osm", ".xml", ".osm.xml")):
        graph = _graph_from_xml(path, classes=classes, ferries=ferries, profile=profile)
        kind = "osm xml (osmnx.graph_from_xml)"
    else:
        raise InputError(f"unknown network file type {path.name!r}: use .osm.pbf, .osm or .xml")
    meta = {
        "source": f"file:{path.name}",
        "extract": str(path),
        "date": _osm_file_date(path),
        "reader": kind,
    }
    net = network_from_graph(
        graph, speed_profile=profile, ferries=ferries, road_filter=classes, metadata=meta
    )
    if ferries and name.endswith(".pbf"):
        ways = _pbf_ferries(path, bbox=bbox)
        if len(ways):
            net = add_ferries(
                net, ways, profile=profile, only_if_unlinked=False, max_link_m=1_000.0
            )
            net.metadata["n_ferry_edges"] = int(net.ferry.sum())
    if bbox is not None or polygon is not None:
        net = clip_network(net, bbox=bbox, polygon=polygon)
    return net


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


#: Way tags osmnx must keep from OSM XML for :func:`keep_way` (``route`` for ferries, the
#: access keys beyond ``access``) on top of its own ``settings.useful_tags_way``.
_XML_EXTRA_TAGS: tuple[str, ...] = ("route", "motor_vehicle", "motorcar")

#: Edge attribute carrying ``(class, length)`` of each raw OSM way segment through simplification.
_CLASS_LENGTH = "_portgeo_class_length"
#: Edge attribute that stops osmnx from merging a ferry and a road into one edge.
_IS_FERRY = "_portgeo_ferry"


@contextlib.contextmanager
def _xml_way_tags() -> Iterator[None]:
    """Make osmnx keep the way tags of :data:`_XML_EXTRA_TAGS` while a file is parsed."""
    saved = list(ox.settings.useful_tags_way)
    ox.settings.useful_tags_way = saved + [t for t in _XML_EXTRA_TAGS if t not in saved]
    try:
        yield
    finally:
        ox.settings.useful_tags_way = saved


def _graph_from_xml(
    path: Path, *, classes: Sequence[str], ferries: bool, profile: SpeedProfile
) -> nx.MultiDiGraph:
    try:
        with _xml_way_tags():
            graph = ox.graph_from_xml(path, simplify=False, retain_all=True)
    except (OSError, ValueError, KeyError, ElementTree.ParseError) as exc:
        raise NetworkError(f"could not read OSM XML {path.name}: {exc}") from exc
    return _filter_and_simplify(graph, classes=classes, ferries=ferries, profile=profile)


def _filter_and_simplify(
    graph: nx.MultiDiGraph, *, classes: Sequence[str], ferries: bool, profile: SpeedProfile
) -> nx.MultiDiGraph:
    """Keep the roads, time every raw way segment, then merge chains of segments.

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
        raise NetworkError(
            f"no road of classes {sorted(classes)} in this extract; widen road_filter"
        )
    speeds = edge_speeds_kmh([c for _, c in kept], [d.get("maxspeed") for d, _ in kept],
                             profile=profile)  # fmt: skip
    for (d, cls), speed in zip(kept, speeds, strict=True):
        length = float(d["length"])
        d["highway"] = cls
        d["speed_kph"] = float(speed)
        d["travel_time"] = length / (float(speed) / 3.6)
        d[_CLASS_LENGTH] = (cls, length)
        d[_IS_FERRY] = cls == "ferry"
    rank = {c: i for i, c in enumerate(classes)}

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


def _graph_from_pbf(
    path: Path,
    *,
    classes: Sequence[str],
    ferries: bool,
    bbox: tuple[float, float, float, float] | None,
) -> nx.MultiDiGraph:
    osm_cls = _pyrosm_osm()

    try:
        osm = osm_cls(str(path), bounding_box=list(bbox) if bbox is not None else None)
        nodes, edges = osm.get_network(
            network_type="driving", nodes=True, extra_attributes=["route"]
        )
    except (OSError, ValueError, KeyError, IndexError, RuntimeError) as exc:  # pyrosm's errors
        raise NetworkError(f"could not read {path.name} with pyrosm: {exc}") from exc
    if edges is None or len(edges) == 0:
        raise NetworkError(f"no drivable road in {path}")
    cols = [c for c in ("highway", "route", "access", "motor_vehicle", "motorcar", "area")
            if c in edges.columns]  # fmt: skip
    keep = [keep_way(t, classes, ferries=ferries) is not None
            for t in edges[cols].to_dict("records")]  # fmt: skip
    edges = edges[np.asarray(keep, dtype=bool)]
    if len(edges) == 0:
        raise NetworkError(f"no road of classes {sorted(classes)} in {path}; widen road_filter")
    graph = osm.to_graph(
        nodes, edges, graph_type="networkx", osmnx_compatible=True, retain_all=True
    )
    return graph


def _pbf_ferries(path: Path, *, bbox: tuple[float, float, float, float] | None) -> pd.DataFrame:
    """``route=ferry`` ways of a .osm.pbf as a ferry table (pyrosm's driving network has none)."""
    osm_cls = _pyrosm_osm()
    cols = list(FERRY_COLUMNS)
    try:
        osm = osm_cls(str(path), bounding_box=list(bbox) if bbox is not None else None)
        with warnings.catch_warnings():  # "Could not find any OSM data": no ferry, fine
            warnings.filterwarnings("ignore", message="Could not find any OSM data")
            ways = osm.get_data_by_custom_criteria(
                custom_filter={"route": ["ferry"]},
                filter_type="keep",
                keep_nodes=False,
                keep_relations=False,
            )
    except (OSError, ValueError, KeyError, IndexError, RuntimeError) as exc:  # pyrosm's errors
        raise NetworkError(f"could not read the ferry ways of {path.name}: {exc}") from exc
    rows = []
    for w in [] if ways is None else ways.itertuples():
        for line in shapely.get_parts(w.geometry):
            if line is None or line.is_empty or line.geom_type != "LineString":
                continue
            (ax, ay), (bx, by) = line.coords[0], line.coords[-1]
            if geodesic_length_m(line) < 1.0:  # way cut by the extract's edge
                continue
            rows.append(
                (
                    f"osm-way-{w.id}",
                    ax,
                    ay,
                    bx,
                    by,
                    geodesic_length_m(line) / 1000.0,
                    None,
                    None,
                    path.name,
                )
            )
    return pd.DataFrame(rows, columns=cols)
