"""Deprecated alias of :mod:`portgeo.geo.geodesy` (the module moved there); removed in the next release."""

from __future__ import annotations

from portgeo._compat import warn_moved
from portgeo.geo.geodesy import *  # noqa: F403
from portgeo.geo.geodesy import __all__ as _all_0

__all__ = [*_all_0]

warn_moved("portgeo.geodesy", "portgeo.geo.geodesy")
