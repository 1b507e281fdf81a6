"""Deprecated alias of :mod:`portgeo.layout.belts` (the module moved there); removed in the next release."""

from __future__ import annotations

from portgeo._compat import warn_moved
from portgeo.layout.belts import *  # noqa: F403
from portgeo.layout.belts import __all__ as _all_0
from portgeo.layout.borders import load_border_segments, load_coastline, load_land_boundary

__all__ = [*_all_0, "load_border_segments", "load_coastline", "load_land_boundary"]

warn_moved("portgeo.belts", "portgeo.layout.belts")
