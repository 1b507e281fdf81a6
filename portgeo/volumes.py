"""Deprecated alias of :mod:`portgeo.rules.volumes` (the module moved there); removed in the next release."""

from __future__ import annotations

from portgeo._compat import warn_moved
from portgeo.rules.volumes import *  # noqa: F403
from portgeo.rules.volumes import __all__ as _all_0

__all__ = [*_all_0]

warn_moved("portgeo.volumes", "portgeo.rules.volumes")
