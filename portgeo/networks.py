"""Deprecated alias of :mod:`portgeo.roads` (the module moved there); removed in the next release."""

from __future__ import annotations

from portgeo._compat import warn_moved
from portgeo.roads.ferries import add_ferries, load_ferries
from portgeo.roads.filters import overpass_filter
from portgeo.roads.load import load_network
from portgeo.roads.network import *  # noqa: F403
from portgeo.roads.network import __all__ as _all_0
from portgeo.roads.sources.graph import network_from_graph
from portgeo.roads.sources.offline import OFFLINE_BBOX
from portgeo.roads.sources.overpass import build_overpass_request, overpass_cache_path

__all__ = [
    *_all_0,
    "load_network",
    "add_ferries",
    "load_ferries",
    "network_from_graph",
    "build_overpass_request",
    "overpass_cache_path",
    "overpass_filter",
    "OFFLINE_BBOX",
]

warn_moved("portgeo.networks", "portgeo.roads")
