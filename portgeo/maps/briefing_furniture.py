"""The furniture of a briefing page: legend, scale bar, north arrow and the 南海诸岛 inset.

Drawn on a :class:`~portgeo.maps.page.BriefingPage` by :func:`portgeo.maps.briefing.draw_briefing`.
The legend lists the layers actually drawn in the page's extent (:func:`legend_rows`); the
legend, scale bar and north arrow each stand where they cover the least data
(:meth:`~portgeo.maps.page.BriefingPage.data_cover`); the scale bar is true where it is drawn,
and the arrow follows the local meridian.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from typing import Any

import matplotlib
import numpy as np
import shapely
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon, Rectangle

from portgeo.maps.components import PortgeoMap
from portgeo.maps.inset import INSET_BOX
from portgeo.maps.page import (
    PT_PER_PX,
    BriefingPage,
    chinese_only,
    hatch_of,
)
from portgeo.maps.placement import Box, boxes_overlap
from portgeo.maps.projection import (
    CHINA_ALBERS,
    inverse_xy,
    nice_length_m,
    north_angle,
    project_geometries,
    scale_bar_end,
)
from portgeo.maps.reference import SYMBOL_KINDS, place_marker_style, place_symbol_svg
from portgeo.maps.style import LANGS, PALETTE, LegendEntry, text

__all__ = ["draw_inset", "draw_legend", "draw_north_arrow", "draw_scale_bar", "legend_rows"]

#: Type size of the legend (points).
_LEGEND_PT = 6.5


def legend_rows(m: PortgeoMap, in_view: Collection[str] | None = None) -> list[LegendEntry]:
    """Return the legend rows of the layers the page draws, in Chinese, without repeats.

    A row tied to layers (:attr:`LegendEntry.layers`) is kept when one of them is drawn (on
    when the map opens) and, given ``in_view``, has something in the page's view: a page of
    Guangdong does not list the 断续线 or the national boundary. A row tied to none is always
    kept.

    Parameters
    ----------
    m : PortgeoMap
    in_view : collection of str, optional
        Names of the layers with something inside the page's map or inset
        (:attr:`BriefingPage.in_view`); default: every layer drawn counts.

    Returns
    -------
    list of LegendEntry
    """
    on = {d.name for d in m.drawn if d.show}
    if in_view is not None:
        on &= set(in_view)
    out: dict[str, LegendEntry] = {}
    for e in m.legend_entries:
        if e.layers and not any(n in on for n in e.layers):
            continue
        label = chinese_only(e.label)
        if label and label not in out:
            out[label] = LegendEntry(label, e.color, e.shape, e.fill_color, e.fill_opacity,
                                     e.weight, e.dash, e.radius, e.layers, e.symbol)  # fmt: skip
    return list(out.values())


def _handle(e: LegendEntry) -> Any:
    kind = next((k for k in SYMBOL_KINDS if e.symbol and place_symbol_svg(k) == e.symbol), None)
    if kind is not None:  # a place's symbol: its ring and the mark inside, as the map draws them
        st = place_marker_style({"kind": kind})
        ring = Line2D([], [], linestyle="none", marker="o", markerfacecolor=st["fill_color"],
                      markersize=2 * st["radius"] * PT_PER_PX, markeredgecolor=st["color"],
                      markeredgewidth=st["weight"] * PT_PER_PX)  # fmt: skip
        if not st["inner"]:
            return ring
        mark, r = st["inner"]
        return (ring, Line2D([], [], linestyle="none", marker="*" if mark == "star" else "o",
                             markersize=2 * r * PT_PER_PX, markerfacecolor=st["color"],
                             markeredgewidth=0))  # fmt: skip
    lw = e.weight * PT_PER_PX
    dash = None
    if e.dash:
        seq = tuple(float(v) * PT_PER_PX for v in re.split(r"[ ,]+", e.dash.strip()) if v)
        dash = (0, seq)
    if e.shape == "line":
        return Line2D([], [], color=e.color, linewidth=max(lw, 0.6),
                      linestyle=dash or "solid", solid_capstyle="butt")  # fmt: skip
    if e.shape == "area":
        hatch = hatch_of(e.fill_color)
        if hatch is not None:
            return Patch(facecolor="none", edgecolor=e.color, linewidth=min(lw, 1.5),
                         linestyle=dash or "solid", hatch=hatch[0], hatchcolor=hatch[1])  # fmt: skip
        fill = (matplotlib.colors.to_rgba(e.fill_color, max(e.fill_opacity, 0.25))
                if e.fill_color else "none")  # fmt: skip
        return Patch(facecolor=fill, edgecolor=e.color, linewidth=min(lw, 1.5),
                     linestyle=dash or "solid")  # fmt: skip
    return Line2D([], [], linestyle="none", marker="o",
                  markersize=2 * min(max(e.radius, 2.5), 8.0) * PT_PER_PX,
                  markerfacecolor=e.fill_color or "none", markeredgecolor=e.color,
                  markeredgewidth=e.weight * PT_PER_PX)  # fmt: skip


def _legend(page: BriefingPage, rows: list[LegendEntry], loc: Any) -> Any:
    leg = page.ax.legend([_handle(e) for e in rows], [e.label for e in rows], title="图例",
                         loc=loc, ncol=1 if len(rows) <= 9 else 2, fontsize=_LEGEND_PT,
                         title_fontsize=_LEGEND_PT + 1, frameon=True, framealpha=1.0,
                         facecolor=PALETTE["paper"], edgecolor=PALETTE["frame"],
                         borderaxespad=0.6, handlelength=2.2, labelspacing=0.45,
                         columnspacing=1.2)  # fmt: skip
    leg.set_zorder(30)
    leg.get_frame().set_linewidth(0.5)
    return leg


def draw_legend(page: BriefingPage) -> str:
    """Draw the legend in the corner where it covers the least data; return that corner.

    A national map keeps the lower left (India and the Bay of Bengal: the inset holds the
    lower right); a regional one takes the corner whose box the data cover least
    (:meth:`BriefingPage.data_cover`), the lower left among equals.
    """
    rows = legend_rows(page.m, page.in_view)
    if not rows:
        return ""
    corners = ["lower left"] if page.m.inset else ["lower left", "upper left", "lower right",
                                                    "upper right"]  # fmt: skip
    boxes = {}
    for loc in corners:
        ext = _legend(page, rows, loc).get_window_extent(page.renderer).extents
        boxes[loc] = (float(ext[0]), float(ext[1]), float(ext[2]), float(ext[3]))
    best = _least_covered(page, list(boxes.items()))
    _legend(page, rows, best)  # the axes keep one legend: the last drawn
    page.legend_labels = [e.label for e in rows]
    page.reserved.append(boxes[best])
    page.furniture["legend"] = boxes[best]
    return best


def _least_covered(page: BriefingPage, spots: list[tuple[Any, Box]]) -> Any:
    """Return the key of the spot whose box covers the least data and no furniture.

    Spots are given in order of preference; the first among those within a hundredth of the
    least cover wins. A spot over furniture already placed (:attr:`BriefingPage.reserved`)
    is taken only when every spot is.
    """
    free = [(k, b) for k, b in spots if not any(boxes_overlap(b, r) for r in page.reserved)]
    scored = [(page.data_cover(b), i, k) for i, (k, b) in enumerate(free or spots)]
    least = min(c for c, _i, _k in scored)
    return next(k for c, _i, k in scored if c <= least + 0.01)


#: Where a scale bar may start, in fractions of the map's width and height: along the foot of
#: the map, then along its head; the first is where it goes when no data are in the way.
_BAR_SPOTS: tuple[tuple[float, float], ...] = tuple(
    (x, y) for y in (0.045, 0.93) for x in (0.5, 0.62, 0.44, 0.7, 0.36, 0.28, 0.2, 0.12, 0.04)
)
#: Where the north arrow may stand (fractions of the map): upper right, upper left, lower
#: right, lower left.
_ARROW_SPOTS: tuple[tuple[float, float], ...] = ((0.965, 0.90), (0.035, 0.90), (0.965, 0.16),
                                                 (0.035, 0.16))  # fmt: skip


def _scale_bar_geometry(page: BriefingPage, spot: tuple[float, float]
                        ) -> tuple[float, float, float, float, Box]:  # fmt: skip
    """Return a scale bar's left end, right end, height (page metres), length (m) and box (px)."""
    x0, y0, x1, y1 = page.extent
    bx, by = x0 + (x1 - x0) * spot[0], y0 + (y1 - y0) * spot[1]
    length = nice_length_m((x1 - x0) * 0.16)
    end = scale_bar_end(page.proj, bx, by, length)
    k = page.fig.dpi / 72.0
    ax0, ay0 = page.ax.transData.transform((bx, by))
    ax1, _ = page.ax.transData.transform((end, by))
    return bx, end, by, length, (ax0 - 12 * k, ay0 - 9 * k, ax1 + 18 * k, ay0 + 14 * k)


def draw_scale_bar(page: BriefingPage) -> None:
    """Draw a scale bar true where it is drawn: its ends' geodesic distance is its stated length.

    It goes where it covers the least data (:data:`_BAR_SPOTS`, :func:`_least_covered`).
    """
    spots = [(spot, _scale_bar_geometry(page, spot)[4]) for spot in _BAR_SPOTS]
    bx, end, by, length, box = _scale_bar_geometry(page, _least_covered(page, spots))
    y0, y1 = page.extent[1], page.extent[3]
    page.scale_bar = (bx, end, by, length)
    h = (y1 - y0) * 0.008
    halves = 4
    for i in range(halves):
        xa = bx + (end - bx) * i / halves
        page.ax.add_patch(Rectangle((xa, by), (end - bx) / halves, h, linewidth=0.5,
                                    facecolor=PALETTE["ink"] if i % 2 == 0 else PALETTE["paper"],
                                    edgecolor=PALETTE["ink"], zorder=25))  # fmt: skip
    km = length / 1000.0
    for i in (0, halves // 2, halves):
        value = km * i / halves
        label = f"{value:g}" + (" 公里" if i == halves else "")
        page.write_text(bx + (end - bx) * i / halves, by + h * 1.6, label, size=5.5, halo=1.5,
              ha="center", va="bottom", color=PALETTE["ink"])  # fmt: skip
    lat_mid = float(_lat_at(page, (bx + end) / 2, by))
    page.write_text(bx, by - h * 0.8, f"比例尺按北纬{lat_mid:.0f}°附近量算", size=4.8, halo=1.5,
          ha="left", va="top", color=PALETTE["ink_muted"])  # fmt: skip
    page.reserved.append(box)
    page.furniture["scale bar"] = box


def _lat_at(page: BriefingPage, x: float, y: float) -> float:
    return float(inverse_xy(page.proj, np.array([x]), np.array([y]))[1][0])


def _north_arrow_geometry(page: BriefingPage, spot: tuple[float, float]
                          ) -> tuple[float, float, float, Box]:  # fmt: skip
    """Return a north arrow's centre, size (page metres) and box (pixels) at a spot."""
    x0, y0, x1, y1 = page.extent
    cx, cy = x0 + (x1 - x0) * spot[0], y0 + (y1 - y0) * spot[1]
    size = (y1 - y0) * 0.045
    k = page.fig.dpi / 72.0
    px, py = page.ax.transData.transform((cx, cy))
    r = page.ax.transData.transform((cx, cy + size * 1.6))[1] - py
    return cx, cy, size, (px - r * 0.6 - 2 * k, py - r * 0.5, px + r * 0.6 + 2 * k, py + r)


def draw_north_arrow(page: BriefingPage) -> None:
    """Draw an arrow along the meridian through its own place (north leans across a conic map).

    It stands where it covers the least data (:data:`_ARROW_SPOTS`, :func:`_least_covered`).
    """
    spots = [(spot, _north_arrow_geometry(page, spot)[3]) for spot in _ARROW_SPOTS]
    cx, cy, size, box = _north_arrow_geometry(page, _least_covered(page, spots))
    angle = math.radians(north_angle(page.proj, cx, cy))
    ux, uy = math.sin(angle), math.cos(angle)  # north, on the page
    vx, vy = uy, -ux  # across
    tip = (cx + ux * size, cy + uy * size)
    tail = (cx - ux * size * 0.55, cy - uy * size * 0.55)
    half = size * 0.32
    barb_w = (tail[0] - vx * half, tail[1] - vy * half)
    barb_e = (tail[0] + vx * half, tail[1] + vy * half)
    notch = (cx - ux * size * 0.2, cy - uy * size * 0.2)
    page.ax.add_patch(Polygon([tip, barb_w, notch], closed=True, facecolor=PALETTE["paper"],
                              edgecolor=PALETTE["ink"], linewidth=0.6, zorder=25))  # fmt: skip
    page.ax.add_patch(Polygon([tip, notch, barb_e], closed=True, facecolor=PALETTE["ink"],
                              edgecolor=PALETTE["ink"], linewidth=0.6, zorder=25))  # fmt: skip
    page.write_text(tip[0] + ux * size * 0.15, tip[1] + uy * size * 0.15, "北", size=8, halo=1.5,
          ha="center", va="bottom", color=PALETTE["ink"], fontweight="bold")  # fmt: skip
    page.reserved.append(box)
    page.furniture["north arrow"] = box


def draw_inset(page: BriefingPage) -> None:
    """Draw the 南海诸岛 inset, in the page's projection, from the same base layers."""
    fig_w, fig_h = page.fig.get_size_inches()
    bx0, by0, bx1, by1 = project_geometries(np.array([shapely.box(*INSET_BOX)], dtype=object),
                                            CHINA_ALBERS)[0].bounds  # fmt: skip
    pos = page.ax.get_position()
    width_in = pos.width * fig_w * 0.15
    height_in = width_in * (by1 - by0) / (bx1 - bx0)
    rect = (pos.x1 - width_in / fig_w - 0.004, pos.y0 + 0.006, width_in / fig_w, height_in / fig_h)
    inset = page.fig.add_axes(rect)
    inset.set_xlim(bx0, bx1)
    inset.set_ylim(by0, by1)
    inset.set_aspect("equal")
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_facecolor(PALETTE["sea"])
    for side in inset.spines.values():
        side.set_linewidth(0.8)
        side.set_edgecolor(PALETTE["ink"])
    inset.set_zorder(40)
    for i, layer in enumerate(d for d in page.m.drawn if d.context and d.show):
        if layer.name in {text(k, lang) for k in ("provinces", "rivers") for lang in LANGS}:
            continue
        page.draw_layer(inset, layer, INSET_BOX, 1 + i * 0.01, markers=False)
    inset.text(0.5, 0.04, "南海诸岛", transform=inset.transAxes, ha="center", va="bottom",
               fontsize=7, color=PALETTE["ink"], zorder=20)  # fmt: skip
    ix0, iy0, ix1, iy1 = inset.get_window_extent(page.renderer).extents
    page.reserved.append((float(ix0), float(iy0), float(ix1), float(iy1)))


# --- title and source note -------------------------------------------------------------------------
