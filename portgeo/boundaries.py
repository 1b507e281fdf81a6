"""Deprecated alias of :mod:`portgeo.layout.boundaries` (the module moved there); removed in the next release."""

from __future__ import annotations

from portgeo._compat import warn_moved
from portgeo.geo.lines import foot_points, nearest_on_lines
from portgeo.layout.borders import distance_to_border_km, distance_to_coast_km
from portgeo.layout.boundaries import *  # noqa: F403
from portgeo.layout.boundaries import __all__ as _all_0

__all__ = [
    *_all_0,
    "distance_to_border_km",
    "distance_to_coast_km",
    "foot_points",
    "nearest_on_lines",
]

warn_moved("portgeo.boundaries", "portgeo.layout.boundaries")
