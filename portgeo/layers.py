"""Deprecated alias of :mod:`portgeo.layout.layers` (the module moved there); removed in the next release."""

from __future__ import annotations

from portgeo._compat import warn_moved
from portgeo.layout.layers import *  # noqa: F403
from portgeo.layout.layers import __all__ as _all_0

__all__ = [*_all_0]

warn_moved("portgeo.layers", "portgeo.layout.layers")
