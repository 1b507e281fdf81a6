"""Travel speeds on Chinese roads: the speed profile and OSM ``maxspeed`` parsing.

The profile lives in ``data/speed_profile_cn.yaml`` (limits by OSM highway class from China's
legal limits and design standards, with sources in its comments; one factor turning a limit into a
typical travel speed; ferry speed and boarding penalty; the one effective speed of the offline
graph). Edit that file, or pass another to :func:`load_speed_profile`.

Travel speed of an edge = factor x limit, where the limit is the edge's own ``maxspeed`` tag when
it parses (``"60"``, ``"60 mph"``, ``"CN:urban"``, ``"60;80"``, ``"walk"``...) and the class limit
otherwise.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from portgeo._data import data_path, is_blank
from portgeo.errors import InputError

__all__ = [
    "SpeedProfile",
    "edge_speeds_kmh",
    "load_speed_profile",
    "parse_maxspeed",
]

_MPH = 1.609344
_KNOT = 1.852
_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(km/h|kmh|kph|mph|knots)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class SpeedProfile:
    """Speed limits by highway class and the rules that turn them into travel speeds.

    Attributes
    ----------
    limits_kmh : dict
        Legal/design limit per OSM highway class; key ``"default"`` for other classes.
    factors : dict
        Limit-to-travel-speed factor per class (``travel_factor`` unless a class overrides it).
    travel_factor : float
        The profile-wide factor.
    zones_kmh : dict
        Values of implicit ``maxspeed=CN:<zone>`` tags.
    walk_kmh : float
        Speed for ``maxspeed=walk``.
    ferry_speed_kmh, ferry_boarding_min : float
        Ferry sailing speed and the fixed boarding penalty per ferry edge.
    offline_effective_kmh : float
        The one effective speed of the offline (class-less) graph.
    source : str
        File the profile was read from.
    """

    limits_kmh: dict[str, float]
    factors: dict[str, float]
    travel_factor: float
    zones_kmh: dict[str, float]
    walk_kmh: float
    ferry_speed_kmh: float
    ferry_boarding_min: float
    offline_effective_kmh: float
    source: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def limit_kmh(self, highway: str) -> float:
        """Return the class limit of a highway class (the ``default`` entry if unknown)."""
        return self.limits_kmh.get(highway, self.limits_kmh["default"])

    def factor(self, highway: str) -> float:
        """Return the limit-to-travel-speed factor of a highway class."""
        return self.factors.get(highway, self.travel_factor)

    def travel_speeds_kmh(self) -> dict[str, float]:
        """Return the travel speed (factor x limit) of every class in the profile."""
        return {k: round(self.limit_kmh(k) * self.factor(k), 3) for k in self.limits_kmh}

    def describe(self) -> dict[str, Any]:
        """Summarise the profile for a network's metadata (JSON-serialisable)."""
        return {
            "profile": self.source,
            "travel_factor": self.travel_factor,
            "travel_kmh_by_class": self.travel_speeds_kmh(),
            "ferry_speed_kmh": self.ferry_speed_kmh,
            "ferry_boarding_min": self.ferry_boarding_min,
        }


def _default_profile_path() -> Path:
    return data_path("speed_profile_cn.yaml")


def load_speed_profile(path: str | Path | Mapping[str, Any] | None = None) -> SpeedProfile:
    """Read a speed profile.

    Parameters
    ----------
    path : str, pathlib.Path, mapping or None
        YAML file in the layout of ``data/speed_profile_cn.yaml``, or an already parsed mapping;
        ``None`` reads the shipped China profile.

    Returns
    -------
    SpeedProfile
    """
    if isinstance(path, Mapping):
        raw: Mapping[str, Any] = path
        source = "<mapping>"
    else:
        p = Path(path) if path is not None else _default_profile_path()
        if not p.is_file():
            raise InputError(f"speed profile {p} not found; pass the path of a YAML speed profile")
        raw = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        source = p.name
    try:
        travel_factor = float(raw.get("travel_factor", 1.0))
        classes = raw["classes"]
        limits = {str(k): float(v["limit_kmh"]) for k, v in classes.items()}
        factors = {str(k): float(v["factor"]) for k, v in classes.items() if "factor" in v}
        ferry = raw.get("ferry", {})
        prof = SpeedProfile(
            limits_kmh=limits,
            factors=factors,
            travel_factor=travel_factor,
            zones_kmh={str(k).lower(): float(v) for k, v in raw.get("zones_kmh", {}).items()},
            walk_kmh=float(raw.get("walk_kmh", 6.0)),
            ferry_speed_kmh=float(ferry.get("speed_kmh", 25.0)),
            ferry_boarding_min=float(ferry.get("boarding_penalty_min", 0.0)),
            offline_effective_kmh=float(raw.get("offline_effective_kmh", 80.0)),
            source=source,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(
            f"speed profile {source} is malformed ({exc!r}); it needs `classes:` with "
            "`limit_kmh` per class (see data/speed_profile_cn.yaml)"
        ) from exc
    if "default" not in prof.limits_kmh:
        raise InputError(f"speed profile {source} needs a `default` class")
    bad = [k for k, v in prof.limits_kmh.items() if not v > 0] + (
        ["travel_factor"] if not 0 < travel_factor <= 1.5 else []
    )
    if bad or not prof.ferry_speed_kmh > 0 or not prof.offline_effective_kmh > 0:
        raise InputError(f"speed profile {source} has non-positive or implausible speeds: {bad}")
    return prof


def parse_maxspeed(value: Any, *, profile: SpeedProfile | None = None) -> float:
    """Parse an OSM ``maxspeed`` value into km/h.

    Handles plain numbers (``"60"``), units (``"60 mph"``, ``"10 knots"``), implicit zones
    (``"CN:urban"``, ``"CN:rural"``, ``"CN:motorway"``), lists (``"60;80"`` or a Python list from
    osmnx: the mean, as osmnx does), ``"walk"``; ``"none"`` (no limit), ``"signals"``,
    ``"variable"`` and anything unparseable give NaN (the class limit is used instead).

    Parameters
    ----------
    value : str, number, list or None
        The tag value.
    profile : SpeedProfile, optional
        Supplies the zone values and the walking pace (default: the China profile).

    Returns
    -------
    float
        km/h, or NaN when the value gives no usable limit.

    Examples
    --------
    >>> parse_maxspeed("60 mph")
    96.56064
    >>> parse_maxspeed("60;80")
    70.0
    """
    if not isinstance(value, str | list | tuple) and is_blank(value):
        return math.nan
    if isinstance(value, int | float):
        return float(value) if value > 0 else math.nan
    if isinstance(value, list | tuple):
        parts = [parse_maxspeed(v, profile=profile) for v in value]
        good = [p for p in parts if not math.isnan(p)]
        return float(np.mean(good)) if good else math.nan
    text = str(value).strip()
    if ";" in text or "|" in text:
        return parse_maxspeed(re.split(r"[;|]", text), profile=profile)
    low = text.lower()
    if low in ("", "none", "signals", "variable", "unknown", "no"):
        return math.nan
    prof = profile
    if low == "walk" or low.endswith(":walk"):
        prof = prof or load_speed_profile()
        return prof.walk_kmh
    if ":" in low:
        country, _, zone = low.partition(":")
        prof = prof or load_speed_profile()
        if country == "cn":
            return prof.zones_kmh.get(zone, math.nan)
        return math.nan
    m = _NUMBER.match(low)
    if not m:
        return math.nan
    num = float(m.group(1).replace(",", "."))
    unit = (m.group(2) or "").lower()
    if unit == "mph":
        num *= _MPH
    elif unit == "knots":
        num *= _KNOT
    return num if num > 0 else math.nan


def _first(value: Any) -> str:
    if isinstance(value, list | tuple):
        return str(value[0]) if value else ""
    return "" if is_blank(value) else str(value)


def edge_speeds_kmh(
    highway: Iterable[Any],
    maxspeed: Iterable[Any] | None = None,
    *,
    profile: SpeedProfile | None = None,
) -> np.ndarray:
    """Compute travel speeds for edges from their highway class and ``maxspeed`` tag.

    Parameters
    ----------
    highway : iterable
        OSM ``highway`` value per edge (a list, as osmnx gives for merged ways, counts as its first
        class). ``"ferry"`` marks ferry edges (sailing speed of the profile).
    maxspeed : iterable, optional
        OSM ``maxspeed`` value per edge (None/NaN where absent).
    profile : SpeedProfile, optional
        Default: the China profile.

    Returns
    -------
    numpy.ndarray
        Travel speed in km/h per edge: ``factor(class) x (maxspeed or class limit)``.
    """
    prof = profile or load_speed_profile()
    hw = [_first(h) for h in highway]
    n = len(hw)
    ms = list(maxspeed) if maxspeed is not None else [None] * n
    if len(ms) != n:
        raise InputError("highway and maxspeed must have the same length")
    out = np.empty(n, dtype=float)
    cache: dict[Any, float] = {}
    for i, (h, m) in enumerate(zip(hw, ms, strict=True)):
        if h == "ferry":
            out[i] = prof.ferry_speed_kmh
            continue
        key = m if isinstance(m, str | int | float) or m is None else tuple(m)
        if key not in cache:
            cache[key] = parse_maxspeed(m, profile=prof)
        limit = cache[key]
        if math.isnan(limit):
            limit = prof.limit_kmh(h)
        out[i] = limit * prof.factor(h)
    return out
