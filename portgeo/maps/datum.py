"""The one place where map coordinates change datum: WGS84 everywhere, GCJ-02 on Amap tiles.

On the Amap (Gaode) basemap, whose tiles are GCJ-02, overlays are shifted with
:func:`portgeo.geo.crs.transform_geometry`; on every other basemap (OSM, Tianditu's CGCS2000,
which is within a metre of WGS84, none) they stay WGS84. Coordinates are rounded to 5 decimals
(about 1 m) to keep the exported HTML small.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from portgeo.geo.crs import transform_geometry

__all__ = ["display_frame", "display_latlon"]


def display_latlon(basemap: str, lat: float, lon: float) -> tuple[float, float]:
    """Return a point's (lat, lon) in the basemap's datum, rounded to about 1 m.

    Parameters
    ----------
    basemap : str
    lat, lon : float
        WGS84 degrees.

    Returns
    -------
    tuple of float
    """
    if basemap == "amap":
        g = transform_geometry(shapely.Point(lon, lat), to="gcj02")
        return round(g.y, 5), round(g.x, 5)
    return round(lat, 5), round(lon, 5)


def display_frame(
    basemap: str, gdf: gpd.GeoDataFrame, *, simplify_m: float | None = None, decimals: int = 5
) -> gpd.GeoDataFrame:
    """Return a copy of ``gdf`` in the coordinates the map's basemap expects.

    This is the only place where portgeo maps change datum: WGS84 on OSM, Tianditu (CGCS2000,
    within a metre of WGS84) and no basemap; GCJ-02 on Amap. Coordinates are rounded to 5
    decimals (≈ 1 m). Rows without geometry are dropped.

    Parameters
    ----------
    basemap : str
        The map's basemap (:data:`portgeo.maps.components.BASEMAPS`).
    gdf : geopandas.GeoDataFrame
        Layer in WGS84 (EPSG:4326; other CRSs are reprojected first).
    simplify_m : float, optional
        Simplify lines and polygons (topology-preserving Douglas–Peucker) with this tolerance,
        in metres (converted at 111.32 km per degree: a display tolerance, not a measurement).
    decimals : int, default 5
        Decimals kept (5 ≈ 1 m; context layers drawn coarsely keep fewer).

    Returns
    -------
    geopandas.GeoDataFrame
        Display copy (never written back to the library).
    """
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs(4326)
    keep = gdf.geometry.notna() & ~gdf.geometry.is_empty
    out = gdf.loc[keep].copy()
    geoms = np.asarray(out.geometry.values, dtype=object)
    if simplify_m:
        geoms = shapely.simplify(geoms, simplify_m / 111_320.0, preserve_topology=True)
    if basemap == "amap":
        geoms = transform_geometry(geoms, to="gcj02")
    geoms = shapely.transform(geoms, lambda c: np.round(c, decimals))
    out = out.set_geometry(gpd.GeoSeries(geoms, index=out.index, crs=4326))
    return out
