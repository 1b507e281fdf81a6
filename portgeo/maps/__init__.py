"""Interactive layout maps of the port plans (folium/Leaflet) and their HTML export.

Components (:mod:`portgeo.maps.components`, :mod:`portgeo.maps.style`) build any map:
:func:`new_map`, :func:`add_china_boundary`, :func:`add_points`, :func:`add_lines`,
:func:`add_areas`, :func:`add_legend`, :func:`add_source_note`, :func:`finish_map`;
:func:`save_map` writes HTML, self-contained on request (:mod:`portgeo.maps.export`).
The plans' maps are drawn by one recipe per kind of 专栏 (:mod:`portgeo.maps.recipes`), listed
by :mod:`portgeo.maps.registry` from ``data/plans/columns.csv``, which answers a
:class:`MapsRequest` with :func:`run_maps`; :mod:`portgeo.maps.report` writes the airport
admission briefing.
"""

from __future__ import annotations

from portgeo.maps.assets import AssetError, inline_assets
from portgeo.maps.boundary import add_china_boundary
from portgeo.maps.components import (
    BASEMAPS,
    BasemapError,
    HtmlControl,
    PortgeoMap,
    add_legend,
    add_source_note,
    finish_map,
    mark_osm_data,
    new_map,
)
from portgeo.maps.draw import add_areas, add_lines, add_points, point_legend_entries, to_display_crs
from portgeo.maps.export import display_map, render_map, save_map
from portgeo.maps.recipes.common import column_table
from portgeo.maps.registry import (
    MapSpec,
    MapsRequest,
    MapsResult,
    build_all_maps,
    build_map,
    map_specs,
    run_maps,
)
from portgeo.maps.style import (
    KIND_COLORS,
    KIND_LABELS,
    STATUS_LABELS,
    LegendEntry,
    area_style,
    legend_entry_for,
    line_style,
    marker_style,
)

__all__ = [
    "BASEMAPS",
    "KIND_COLORS",
    "KIND_LABELS",
    "STATUS_LABELS",
    "AssetError",
    "BasemapError",
    "HtmlControl",
    "LegendEntry",
    "MapSpec",
    "MapsRequest",
    "MapsResult",
    "PortgeoMap",
    "add_areas",
    "add_china_boundary",
    "add_legend",
    "add_lines",
    "add_points",
    "add_source_note",
    "area_style",
    "build_all_maps",
    "build_map",
    "column_table",
    "display_map",
    "finish_map",
    "inline_assets",
    "legend_entry_for",
    "line_style",
    "map_specs",
    "mark_osm_data",
    "marker_style",
    "new_map",
    "point_legend_entries",
    "render_map",
    "run_maps",
    "save_map",
    "to_display_crs",
]
