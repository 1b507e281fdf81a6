"""Deprecated alias of :mod:`portgeo.maps.registry` and :mod:`portgeo.maps.recipes`.

The per-专栏 builder functions became recipes chosen by ``data/plans/columns.csv``; the old names
``build_<slug>`` still build the map of that slug, and ``MAPS`` is :func:`map_specs`.
Removed in the next release.
"""

from __future__ import annotations

from typing import Any

from portgeo._compat import warn_moved
from portgeo.catalogue import load_catalogue
from portgeo.maps.components import PortgeoMap
from portgeo.maps.recipes.common import column_table
from portgeo.maps.registry import MapSpec, build_all_maps, build_map, map_specs, write_index

__all__ = [
    "MAPS",  # noqa: F822 - module __getattr__
    "MapSpec",
    "build_all_maps",
    "build_map",
    "column_table",
    "write_index",
]

warn_moved("portgeo.maps.builders", "portgeo.maps.registry")


def build_gd14_column(column: int, *, basemap: str = "none") -> PortgeoMap:
    """Build (deprecated) the map of a Guangdong plan 专栏 (use :func:`build_map` with its slug).

    Parameters
    ----------
    column : int
    basemap : str, default "none"

    Returns
    -------
    PortgeoMap
    """
    cat = load_catalogue()
    slug = str(cat.column_info("guangdong-14", column)["slug"])
    return build_map(slug, basemap=basemap)


def __getattr__(name: str) -> Any:
    """Give ``MAPS`` and the old ``build_<slug>`` functions."""
    if name == "MAPS":
        return map_specs()
    if name.startswith("build_") and name[len("build_") :] in map_specs():
        slug = name[len("build_") :]

        def build(**kwargs: Any) -> PortgeoMap:
            return build_map(slug, **kwargs)

        build.__name__ = name
        return build
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
