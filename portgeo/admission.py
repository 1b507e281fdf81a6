"""Deprecated alias of :mod:`portgeo.rules.admission` (the module moved there); removed in the next release."""

from __future__ import annotations

from portgeo._compat import warn_moved
from portgeo.airports import suggest_airports
from portgeo.rules.admission import *  # noqa: F403
from portgeo.rules.admission import __all__ as _all_0

suggest_iata = suggest_airports

__all__ = [*_all_0, "suggest_airports", "suggest_iata"]

warn_moved("portgeo.admission", "portgeo.rules.admission")
