"""Deprecated alias of :mod:`portgeo.geo.crs` (the module moved there); removed in the next release."""

from __future__ import annotations

from portgeo._compat import warn_moved
from portgeo.geo.crs import *  # noqa: F403
from portgeo.geo.crs import __all__ as _all_0

__all__ = [*_all_0]

warn_moved("portgeo.crs", "portgeo.geo.crs")
