"""Deprecated alias of :mod:`portgeo.roads.catchments` (the module moved there); removed in the next release."""

from __future__ import annotations

from portgeo._compat import warn_moved
from portgeo.roads.catchments import *  # noqa: F403
from portgeo.roads.catchments import __all__ as _all_0

__all__ = [*_all_0]

warn_moved("portgeo.catchments", "portgeo.roads.catchments")
