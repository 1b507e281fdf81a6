"""The sites a siting search chose, as a layer of any map (the air-port admission map among them).

:func:`add_siting_layer` draws a :class:`~portgeo.rules.siting.SitingResult`'s ranked sites as
one toggleable layer of points labelled by rank, each with its people added, cumulative share,
nearest place, province and the spacing verdict in its popup, and returns the legend entry the
caller adds with the map's other entries (a recipe keeps its one legend).
"""

from __future__ import annotations

import geopandas as gpd

from portgeo.maps.components import PortgeoMap
from portgeo.maps.draw import add_points
from portgeo.maps.style import SITING_COLOR, LegendEntry, constant_style, fixed_marker_style
from portgeo.rules.siting import SitingResult

__all__ = ["SITING_LAYER", "add_siting_layer", "siting_points"]

#: Name of the layer in the layer control.
SITING_LAYER = "选址搜索 siting search"


def siting_points(result: SitingResult) -> gpd.GeoDataFrame:
    """Return the chosen sites as points with the columns a map's popup shows.

    Parameters
    ----------
    result : SitingResult

    Returns
    -------
    geopandas.GeoDataFrame
        :meth:`SitingResult.layer` with ``name_zh`` (rank and nearest place) and ``text_zh``
        (people added, cumulative share, spacing verdict, the population's caveat).
    """
    gdf = result.layer()
    gdf["name_zh"] = [f"#{r} {p}" for r, p in zip(gdf["rank"], gdf["nearest_place"], strict=True)]
    gdf["text_zh"] = [
        f"people added {a:,.0f}; cumulative {c:.1%} of those not yet within reach; "
        f"{d:,.0f} km / {'-' if t != t else f'{t:,.0f} min'} to the nearest opened port or "
        f"earlier site; spacing {s} ({result.population.caveat})"
        for a, c, d, t, s in zip(gdf["people_added"], gdf["share_of_unserved"],
                                 gdf["distance_km"], gdf["drive_min"], gdf["spacing"],
                                 strict=True)
    ]  # fmt: skip
    return gdf


def add_siting_layer(
    m: PortgeoMap, result: SitingResult, *, layer_name: str = SITING_LAYER, show: bool = True
) -> list[LegendEntry]:
    """Draw a siting search's chosen sites on a map.

    Parameters
    ----------
    m : PortgeoMap
        A map from :func:`portgeo.maps.components.new_map` (e.g. the admission map).
    result : SitingResult
        From :func:`portgeo.rules.siting.run_siting`.
    layer_name : str
    show : bool, default True

    Returns
    -------
    list of LegendEntry
        The layer's legend entry, for the caller's :func:`portgeo.maps.components.add_legend`.
    """
    style = fixed_marker_style(SITING_COLOR, radius=8.0, weight=1.5)
    gdf = siting_points(result)
    if len(gdf):
        add_points(m, gdf, layer_name=layer_name, style=constant_style(style), show=show,
                   popup_fields=("text_zh", "province", "people_added", "spacing"),
                   merge_same_place=False, label_rank=1)  # fmt: skip
    label = f"新选址 chosen sites (siting search, {result.reading})"
    return [LegendEntry.from_marker_style(label, style).on(layer_name)]
