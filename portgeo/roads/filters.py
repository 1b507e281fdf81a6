"""Which OpenStreetMap ways are drivable roads: the one road filter of every source.

A way is a drivable road when its ``highway`` class is one of the classes asked for (default
:data:`portgeo.settings.road_classes`: down to tertiary, with links), it is not closed to motor
traffic (``access``, ``motor_vehicle`` or ``motorcar`` = ``no`` / ``private``) and it is not an
area (``area=yes``). A ferry is a way with ``route=ferry``; ferries are kept when asked for.

:func:`keep_way` applies the rule to one way's tags (Overpass graphs, OSM XML, ``.osm.pbf``
files), and :func:`overpass_filter` writes the same rule as an Overpass query, so every source
keeps the same roads.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from portgeo import settings
from portgeo._data import is_blank
from portgeo.errors import InputError

__all__ = [
    "CLOSED_ACCESS",
    "keep_way",
    "overpass_filter",
    "resolve_classes",
    "tag_values",
]

#: ``access``-type values that close a way to cars.
CLOSED_ACCESS: frozenset[str] = frozenset({"no", "private"})
_ACCESS_KEYS: tuple[str, ...] = ("access", "motor_vehicle", "motorcar")


def tag_values(value: Any) -> list[str]:
    """Return an OSM tag value as a list of strings.

    osmnx merges ways into lists, GraphML stores them as ``"['a', 'b']"``, and OSM itself
    separates several values with ``;``.

    Parameters
    ----------
    value : object
        The tag value (None / NaN for absent).

    Returns
    -------
    list of str
    """
    if is_blank(value) and not isinstance(value, str):
        return []
    if isinstance(value, list | tuple | set):
        return [str(v) for v in value]
    text = str(value)
    if text.startswith("["):
        try:
            return [str(v) for v in ast.literal_eval(text)]
        except (ValueError, SyntaxError):
            return [text]
    return [t.strip() for t in text.split(";") if t.strip()] or [text]


def resolve_classes(road_filter: Sequence[str] | str | None) -> tuple[str, ...]:
    """Return the highway classes to keep.

    Parameters
    ----------
    road_filter : sequence of str or None
        Classes; ``None`` gives :data:`portgeo.settings.road_classes`.

    Returns
    -------
    tuple of str

    Raises
    ------
    portgeo.errors.InputError
        A raw Overpass string (only meaningful for Overpass) or an empty list.
    """
    if road_filter is None:
        return tuple(settings.road_classes)
    if isinstance(road_filter, str):
        raise InputError(
            "a raw Overpass filter string only works with source='overpass'; for local files "
            "pass a list of highway classes"
        )
    classes = tuple(str(c) for c in road_filter)
    if not classes:
        raise InputError("road_filter is empty: give at least one OSM highway class")
    return classes


def keep_way(
    tags: Mapping[str, Any], classes: Iterable[str] | None, *, ferries: bool = True
) -> str | None:
    """Decide whether a way is kept, and as which class.

    Parameters
    ----------
    tags : mapping
        The way's tags (``highway``, ``route``, ``access``, ``motor_vehicle``, ``motorcar``,
        ``area``); list values (merged ways) are allowed.
    classes : iterable of str or None
        Highway classes to keep; ``None`` keeps every road (no class or access check).
    ferries : bool, default True
        Keep ``route=ferry`` ways.

    Returns
    -------
    str or None
        ``"ferry"`` for a kept ferry, the way's highway class (the first one among ``classes``
        for merged ways, in the way's order) for a kept road, None when the way is dropped.
    """
    if "ferry" in tag_values(tags.get("route")) or "ferry" in tag_values(tags.get("highway")):
        return "ferry" if ferries else None
    highway = tag_values(tags.get("highway"))
    if classes is None:
        return highway[0] if highway else ""
    keep = set(classes)
    picks = [h for h in highway if h in keep]
    if not picks:
        return None
    for key in _ACCESS_KEYS:
        if set(tag_values(tags.get(key))) & CLOSED_ACCESS:
            return None
    if "yes" in tag_values(tags.get("area")):
        return None
    return picks[0]


def overpass_filter(classes: Iterable[str]) -> str:
    """Write the road rule of :func:`keep_way` as an Overpass way filter.

    Parameters
    ----------
    classes : iterable of str
        OSM highway values.

    Returns
    -------
    str
        e.g. ``'["highway"~"^(motorway|trunk)$"]["area"!~"yes"]...'``.
    """
    alt = "|".join(sorted(set(classes)))
    closed = "|".join(sorted(CLOSED_ACCESS))
    access = "".join(f'["{k}"!~"^({closed})$"]' for k in _ACCESS_KEYS)
    return f'["highway"~"^({alt})$"]["area"!~"yes"]{access}'
