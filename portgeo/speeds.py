"""Deprecated alias of :mod:`portgeo.roads.speeds` (the module moved there); removed in the next release."""

from __future__ import annotations

from portgeo._compat import warn_moved
from portgeo.roads.speeds import *  # noqa: F403
from portgeo.roads.speeds import __all__ as _all_0

__all__ = [*_all_0]

warn_moved("portgeo.speeds", "portgeo.roads.speeds")
