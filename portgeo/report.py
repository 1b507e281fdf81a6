"""Deprecated alias of :mod:`portgeo.maps.report` (the module moved there); removed in the next release."""

from __future__ import annotations

from portgeo._compat import warn_moved
from portgeo.maps.report import *  # noqa: F403
from portgeo.maps.report import __all__ as _all_0

__all__ = [*_all_0]

warn_moved("portgeo.report", "portgeo.maps.report")
