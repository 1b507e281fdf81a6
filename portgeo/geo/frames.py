"""GeoDataFrames of points as coordinate arrays (WGS84), the one way the library reads them."""

from __future__ import annotations

import geopandas as gpd
import numpy as np

from portgeo.errors import InputError

__all__ = ["points_lonlat"]


def points_lonlat(
    gdf: gpd.GeoDataFrame | gpd.GeoSeries,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the longitudes, latitudes and a validity mask of a layer of points.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame or geopandas.GeoSeries
        Points in any CRS (converted to EPSG:4326). Missing or empty geometries are allowed.

    Returns
    -------
    lon, lat : numpy.ndarray
        Degrees; NaN where the geometry is missing.
    ok : numpy.ndarray of bool
        Where a point is present.

    Raises
    ------
    portgeo.errors.InputError
        Not a GeoDataFrame/GeoSeries, or a geometry that is not a Point.
    """
    if not isinstance(gdf, gpd.GeoDataFrame | gpd.GeoSeries):
        raise InputError("expected a GeoDataFrame or GeoSeries of points")
    geo = gdf.geometry
    if geo.crs is not None and not geo.crs.equals("EPSG:4326"):
        geo = geo.to_crs("EPSG:4326")
    ok = geo.notna().to_numpy() & ~geo.is_empty.to_numpy()
    if ok.any() and not (geo[ok].geom_type == "Point").all():
        raise InputError("expected Point geometries (use .centroid or a representative point)")
    x = np.full(len(geo), np.nan)
    y = np.full(len(geo), np.nan)
    x[ok] = geo[ok].x.to_numpy()
    y[ok] = geo[ok].y.to_numpy()
    return x, y, ok
