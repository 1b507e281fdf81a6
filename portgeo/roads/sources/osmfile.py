"""Road networks from local OpenStreetMap files: ``.osm.pbf`` (pyosmium) and ``.osm`` XML (osmnx).

Both keep the roads of :func:`portgeo.roads.filters.keep_way` and time every raw OSM way from its
own ``highway`` and ``maxspeed`` before any merging:

- ``.osm.pbf`` is streamed by :mod:`portgeo.roads.sources.pbf` (bounded memory up to a national
  extract; arrays cached by file fingerprint and filter);
- ``.osm`` / ``.xml`` is parsed unsimplified by ``osmnx.graph_from_xml``; every raw way segment
  gets its speed and time, then osmnx merges chains of segments into edges that sum them
  (:func:`portgeo.roads.sources.graph.simplify_timed_graph`), so travel times do not depend on ``PYTHONHASHSEED``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import osmnx as ox
from shapely.geometry import Polygon

from portgeo.errors import InputError, NetworkError
from portgeo.roads.filters import resolve_classes
from portgeo.roads.network import RoadNetwork, clip_network
from portgeo.roads.sources.graph import network_from_graph, osm_way_tags, simplify_timed_graph
from portgeo.roads.sources.pbf import load_pbf
from portgeo.roads.speeds import SpeedProfile

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


def _graph_from_xml(
    path: Path, *, classes: Sequence[str], ferries: bool, profile: SpeedProfile
) -> nx.MultiDiGraph:
    try:
        with osm_way_tags():
            graph = ox.graph_from_xml(path, simplify=False, retain_all=True)
    except (OSError, ValueError, KeyError, ElementTree.ParseError) as exc:
        raise NetworkError(f"could not read OSM XML {path.name}: {exc}") from exc
    return simplify_timed_graph(graph, classes=classes, ferries=ferries, profile=profile)
