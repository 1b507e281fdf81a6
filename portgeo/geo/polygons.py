"""Polygon hygiene and areas: valid (Multi)Polygons, holes filled, equal-area areas.

Shapely operations (make_valid, differences, contour tracing) can leave lines, points or
invalid rings behind; :func:`as_polygonal` is the one place that turns such a result into a
valid Polygon or MultiPolygon, so every layer handed on is polygonal and valid.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import shapely
from pyproj import Transformer

__all__ = ["CHINA_ALBERS", "area_km2", "as_polygonal", "fill_holes", "proj_transformer"]

#: Albers equal-area projection for China (national coverage polygons and areas).
CHINA_ALBERS = "+proj=aea +lat_0=0 +lon_0=105 +lat_1=25 +lat_2=47 +ellps=WGS84"


def as_polygonal(geom: shapely.Geometry | None) -> shapely.Geometry:
    """Make a geometry a valid Polygon or MultiPolygon (empty Polygon if nothing is left).

    Parameters
    ----------
    geom : shapely.Geometry or None

    Returns
    -------
    shapely.Polygon or shapely.MultiPolygon
    """
    if geom is None or geom.is_empty:
        return shapely.Polygon()
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    polys = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    if not polys:
        return shapely.Polygon()
    out = shapely.union_all(polys)
    return out if out.geom_type in ("Polygon", "MultiPolygon") else shapely.Polygon()


def fill_holes(geom: shapely.Geometry) -> shapely.Geometry:
    """Drop the interior rings of a (Multi)Polygon.

    Parameters
    ----------
    geom : shapely.Polygon or shapely.MultiPolygon

    Returns
    -------
    shapely.Polygon or shapely.MultiPolygon
    """
    if geom.is_empty:
        return geom
    parts = shapely.get_parts(geom)
    shells = shapely.polygons(shapely.get_exterior_ring(parts))
    return shapely.union_all(shells) if len(shells) > 1 else shells[0]


@lru_cache(maxsize=256)
def proj_transformer(proj: str) -> Transformer:
    """Return a transformer from lon/lat degrees to a PROJ projection string.

    Built as a PROJ pipeline, so no CRS database look-up is made (fast to create).

    Parameters
    ----------
    proj : str
        PROJ string of the target projection, e.g. :data:`CHINA_ALBERS`.

    Returns
    -------
    pyproj.Transformer
    """
    return Transformer.from_pipeline(
        f"+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step {proj}"
    )


def area_km2(geom: shapely.Geometry | None) -> float:
    """Area in km², in the ellipsoidal Albers equal-area projection of China.

    Equal-area, so exact up to the projection's numerical error; much faster than a geodesic
    area on large polygons.

    Parameters
    ----------
    geom : shapely.Geometry or None

    Returns
    -------
    float
    """
    if geom is None or geom.is_empty:
        return 0.0
    tr = proj_transformer(CHINA_ALBERS)

    def _fwd(xy: np.ndarray) -> np.ndarray:
        return np.column_stack(tr.transform(xy[:, 0], xy[:, 1]))

    return float(shapely.area(shapely.transform(geom, _fwd))) / 1e6
