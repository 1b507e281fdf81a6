"""Deprecated alias of :mod:`portgeo.rules.compare` (the module moved there); removed in the next release."""

from __future__ import annotations

from portgeo._compat import warn_moved
from portgeo.rules.compare import *  # noqa: F403
from portgeo.rules.compare import __all__ as _all_0

__all__ = [*_all_0]

warn_moved("portgeo.compare", "portgeo.rules.compare")
