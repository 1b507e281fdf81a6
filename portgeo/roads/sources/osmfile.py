"""Road networks from local OpenStreetMap files: ``.osm.pbf`` (pyosmium) and ``.osm`` XML (osmnx).

Both keep the roads of :func:`portgeo.roads.filters.keep_way` and time every raw OSM way from its
own ``highway`` and ``maxspeed`` before any merging:

- ``.osm.pbf`` is streamed by :mod:`portgeo.roads.sources.pbf` (bounded memory up to a national
  extract; arrays cached by file fingerprint and filter);
- ``.osm`` / ``.xml`` is parsed unsimplified by ``osmnx.graph_from_xml``; every raw way segment
  gets its speed and time, then osmnx merges chains of segments into edges that sum them
  (:func:`_filter_and_simplify`), so travel times do not depend on ``PYTHONHASHSEED``.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import networkx as nx
import osmnx as ox
from shapely.geometry import Polygon

from portgeo.errors import InputError, NetworkError
from portgeo.roads.filters import keep_way, resolve_classes
from portgeo.roads.network import RoadNetwork, clip_network
from portgeo.roads.sources.graph import network_from_graph
from portgeo.roads.sources.pbf import load_pbf
from portgeo.roads.speeds import SpeedProfile, edge_speeds_kmh

__all__ = ["load_osm_file"]

log = logging.getLogger(__name__)


def load_osm_file(
    path: Path,
    *,
    road_filter: Sequence[str] | None,
    profile: SpeedProfile,
    ferries: bool,
    bbox: tuple[float, float, float, float] | None = None,
    polygon: Polygon | None = None,
    label: str | None = None,
    cache: bool = True,
) -> RoadNetwork:
    """Load a road network from a local ``.osm.pbf`` (pyosmium) or ``.osm`` XML (osmnx) file.

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
    cache : bool, default True
        Cache the arrays of a ``.osm.pbf`` file (XML files are not cached).

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
        return load_pbf(path, classes=classes, profile=profile, ferries=ferries, cache=cache,
                        bbox=bbox, polygon=polygon)  # fmt: skip
    if not name.endswith((".osm", ".xml", ".osm.xml")):
        raise InputError(f"unknown network file type {path.name!r}: use .osm.pbf, .osm or .xml")
    graph = _graph_from_xml(path, classes=classes, ferries=ferries, profile=profile)
    meta = {
        "source": f"file:{path.name}",
        "extract": str(path),
        "date": _osm_file_date(path),
        "reader": "osm xml (osmnx.graph_from_xml)",
    }
    net = network_from_graph(
        graph, speed_profile=profile, ferries=ferries, road_filter=classes, metadata=meta
    )
    if bbox is not None or polygon is not None:
        net = clip_network(net, bbox=bbox, polygon=polygon)
    return net


def _osm_file_date(path: Path) -> str | None:
    """Timestamp of an OSM XML file's header, or the newest element timestamp seen early on."""
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
