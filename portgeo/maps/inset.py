"""The 南海诸岛 inset of China's standard map, as inline SVG.

China's official maps carry, in their lower right corner, a small map of the South China Sea
islands with the 断续线 (ten-dash line). This module draws it once per process from the same
layers as the main map (China's polygon, the neighbours, the maritime line, from
:mod:`portgeo.layout.boundaries`), in Web Mercator, clipped to :data:`INSET_BOX`. It is SVG in
the page, not a second Leaflet map: it costs no script, prints crisply, and never moves.
Islands too small to draw at the inset's scale are drawn as dots.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import shapely

from portgeo.layout import boundaries
from portgeo.maps.style import PALETTE, context_styles, text

__all__ = ["INSET_BOX", "inset_svg"]

#: Area of the inset (lon_min, lat_min, lon_max, lat_max): the South China Sea from Hainan to
#: the Zengmu Ansha, with the dash east of Taiwan.
INSET_BOX: tuple[float, float, float, float] = (105.5, 2.5, 124.0, 25.2)

#: Width of the inset in pixels (its height follows the box in Web Mercator).
INSET_WIDTH = 132

#: Islands of China's polygon smaller than this (km²) are drawn as dots.
_DOT_KM2 = 40.0


def _merc_y(lat: np.ndarray) -> np.ndarray:
    return np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))


def _projector(width: float):
    x0, y0, x1, y1 = INSET_BOX
    sx = width / (x1 - x0)
    top = _merc_y(np.array([y1]))[0]
    sy = width / math.radians(x1 - x0)

    def project(coords: np.ndarray) -> np.ndarray:
        x = (coords[:, 0] - x0) * sx
        y = (top - _merc_y(coords[:, 1])) * sy
        return np.column_stack([x, y])

    height = float((top - _merc_y(np.array([y0]))[0]) * sy)
    return project, height


def _path_d(geom: shapely.Geometry, project, digits: int = 1) -> str:
    """SVG path data of (multi)polygons or (multi)lines, projected and rounded."""
    out = []
    for part in shapely.get_parts(geom):
        rings = [part.exterior, *part.interiors] if part.geom_type == "Polygon" else [part]
        for ring in rings:
            xy = np.round(project(np.asarray(ring.coords)[:, :2]), digits)
            xy = xy[np.r_[True, np.any(xy[1:] != xy[:-1], axis=1)]]
            if len(xy) < 2:
                continue
            pts = " ".join(f"{x:g},{y:g}" for x, y in xy)
            out.append(f"M{pts}" + ("Z" if part.geom_type == "Polygon" else ""))
    return "".join(out)


@functools.lru_cache(maxsize=2)
def inset_svg(width: int = INSET_WIDTH, lang: str = "zh") -> str:
    """Return the 南海诸岛 inset as an ``<svg>`` element.

    Parameters
    ----------
    width : int, default :data:`INSET_WIDTH`
        Width in pixels.
    lang : {"zh", "en"}, default "zh"
        Language of its title.

    Returns
    -------
    str
        SVG markup (sea, other countries, China's land and coast, the islands as dots, the
        断续线, the title 南海诸岛).
    """
    project, height = _projector(width)
    box = shapely.box(*INSET_BOX)
    tol = 8000.0 / 111_320.0  # about half a pixel at the inset's scale
    st = context_styles()
    cov = boundaries.load_simplified_coverage(tolerance_m=1000.0)
    china = cov.loc[cov["iso3"] == "CHN"].geometry.iloc[0]
    others = [
        *cov.loc[cov["iso3"] != "CHN"].geometry,
        *boundaries.load_context_countries().geometry,
    ]
    land = shapely.get_parts(shapely.clip_by_rect(shapely.union_all(others), *INSET_BOX))
    land = shapely.simplify(shapely.union_all(land[shapely.area(land) * 111.32**2 > 300.0]), tol)
    parts = shapely.get_parts(shapely.clip_by_rect(china, *INSET_BOX))
    lat = shapely.get_coordinates(shapely.centroid(parts))[:, 1]
    km2 = shapely.area(parts) * 111.32**2 * np.cos(np.radians(lat))
    big = shapely.simplify(shapely.union_all(parts[km2 >= _DOT_KM2]), tol)
    dots = project(shapely.get_coordinates(shapely.centroid(parts[km2 < _DOT_KM2])))
    dash = shapely.intersection(boundaries.load_maritime_boundary().geometry.iloc[0], box)
    c, k, mar = st["country"], st["china"], st["maritime"]
    dot_xy = sorted({(round(float(x)), round(float(y))) for x, y in dots})
    dot_d = "".join(f"M{x - 0.8:g},{y - 0.8:g}h1.6v1.6h-1.6z" for x, y in dot_xy)
    svg = [
        f'<svg width="{width}" height="{height:.0f}" viewBox="0 0 {width} {height:.0f}" '
        f'role="img" aria-label="{text("nanhai_islands", lang)}">',
        f'<rect width="{width}" height="{height:.0f}" fill="{PALETTE["sea"]}"/>',
        f'<path d="{_path_d(land, project, 0)}" fill="{c["fillColor"]}" stroke="{c["color"]}" '
        'stroke-width="0.5" fill-rule="evenodd"/>',
        f'<path d="{_path_d(big, project)}" fill="{k["fillColor"]}" stroke="{k["color"]}" '
        'stroke-width="0.6" fill-rule="evenodd"/>',
        f'<path d="{dot_d}" fill="{k["color"]}"/>',
        f'<path d="{_path_d(dash, project)}" fill="none" stroke="{mar["color"]}" '
        'stroke-width="1.6" stroke-linecap="butt"/>',
        f'<text x="{width / 2:.0f}" y="{height - 8:.0f}" text-anchor="middle" '
        f'font-size="{12 if lang == "zh" else 9.5}" '
        f'fill="{PALETTE["ink"]}" letter-spacing="{1 if lang == "zh" else 0}">'
        f"{text('nanhai_islands', lang)}</text>",
        "</svg>",
    ]
    return "".join(svg)
