"""The printed page of a map: its Chinese font, projection and view, and the layers drawn.

:mod:`portgeo.maps.briefing` lays out the briefing page; this module holds what it stands on:
:class:`BriefingPage`, a matplotlib figure whose map axes are in page metres of the page's
Albers projection (:func:`page_projection`), and its drawing of every layer a recipe recorded
(:attr:`portgeo.maps.components.PortgeoMap.drawn`): the same GeoDataFrames, simplified as on
the interactive map, in the same styles (Leaflet's pixel sizes scaled by :data:`PT_PER_PX`).
Texts are Chinese only (:func:`chinese_only`), in the first Chinese font installed
(:func:`briefing_font`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

import geopandas as gpd
import matplotlib
import numpy as np
import shapely
from matplotlib import font_manager, patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.path import Path as MplPath

from portgeo import settings
from portgeo.errors import FontError
from portgeo.geo.crs import gcj02_to_wgs84
from portgeo.maps.components import CHINA_EXTENT, DrawnLayer, PortgeoMap
from portgeo.maps.datum import display_frame
from portgeo.maps.projection import (
    CHINA_ALBERS,
    inverse_xy,
    project_geometries,
    project_xy,
    regional_albers,
)
from portgeo.maps.style import HATCH_PATTERNS, PALETTE

__all__ = [
    "A4_LANDSCAPE_IN",
    "PT_PER_PX",
    "BriefingPage",
    "briefing_font",
    "briefing_rc",
    "chinese_only",
    "hatch_of",
    "page_projection",
    "widen_thin_area",
]

log = logging.getLogger(__name__)

#: A4 landscape in inches (297 x 210 mm): the PDF page, and the width every PNG is laid out on.
A4_LANDSCAPE_IN: tuple[float, float] = (297 / 25.4, 210 / 25.4)
#: Points of the page per CSS pixel of the interactive map's markers and lines: a 1600 px wide
#: screen shown on the 842 pt wide page is 0.53 pt per pixel; 0.6 keeps thin lines visible.
PT_PER_PX = 0.6
#: Page margins and bands, in inches: side, title band, source-note band.
_SIDE, _TOP, _BOTTOM = 0.3, 0.55, 0.4
#: An area narrower than this on the page (points, across the least box around it) is drawn
#: this wide, with at least :data:`_THIN_FILL` fill opacity and a :data:`_THIN_WEIGHT` px
#: outline (:func:`widen_thin_area`): wider than a main port's marker (18 px across at 0.6 pt).
_THIN_PT, _THIN_FILL, _THIN_WEIGHT = 18.0, 0.35, 2.0
#: ... when it is long (this many times as long as wide) and nearly convex (this share of its
#: convex hull): a drive-time catchment or a border belt keeps its style.
_THIN_LONG, _THIN_CONVEX = 3.0, 0.8
#: A line counts this wide (points) in what the data cover (:meth:`BriefingPage.data_cover`):
#: a scale bar across a thin boundary is in the way although it covers little of its area.
_LINE_COVER_PT = 6.0
#: The latitude south of which a national map's South China Sea is shown in the inset only.
_NATIONAL_SOUTH = 17.0

_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
_ENGLISH_MEASURE = re.compile(r"\d[\d,.]*\s*-?\s*(?:km²|km|min|h)\b")
_ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-/&.]*")


def chinese_only(text: str) -> str:
    """Return the Chinese part of a bilingual label (``"主要口岸 main port"`` → ``"主要口岸"``).

    A text without Chinese is returned as it is (a number, an IATA code). English words and the
    measures written with them (``200 km``, ``120-min``) are dropped, then empty brackets,
    doubled spaces and the punctuation left at the ends.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
    """
    if not _CJK.search(text):
        return text.strip()
    s = _ENGLISH_WORD.sub("", _ENGLISH_MEASURE.sub("", text))
    s = re.sub(r"\([\s,，;；·:：]*\)|（[\s,，;；·:：]*）", "", s)
    s = re.sub(r"\(\s*([^()]*?)\s*\)", r"（\1）", s)
    s = re.sub(r"\s*=\s*$|\s+", lambda mt: "" if "=" in mt.group(0) else " ", s)
    s = re.sub(r"\s*([·：:，,；;])\s*(?=$|[·：:，,；;])", "", s)
    return s.strip(" ·:：,，;；-–=")


def briefing_font() -> str:
    """Return the family of the first Chinese font installed (:data:`settings.briefing_fonts`).

    Returns
    -------
    str

    Raises
    ------
    portgeo.errors.FontError
        None of them is installed.
    """
    for family in settings.briefing_fonts:
        try:
            font_manager.findfont(FontProperties(family=family), fallback_to_default=False)
        except ValueError:
            continue
        return family
    raise FontError(
        "the printed maps need a Chinese font and none is installed ("
        + ", ".join(settings.briefing_fonts)
        + "): install Noto Sans CJK (Debian: apt-get install fonts-noto-cjk)"
    )


def briefing_rc() -> dict[Any, Any]:
    """Return the matplotlib settings of the printed page (font, PDF text, dashes).

    Returns
    -------
    dict
    """
    return {"font.family": [briefing_font()], "pdf.fonttype": 3, "lines.scale_dashes": False,
            "axes.unicode_minus": False, "path.simplify": True,
            "hatch.linewidth": 2 * PT_PER_PX}  # fmt: skip


# --- the page's projection and view ----------------------------------------------------------------


def _view_lonlat(m: PortgeoMap) -> tuple[float, float, float, float] | None:
    """Return the regional view (west, south, east, north) in WGS84, or None for a national map."""
    if m.bounds is None or m.inset:
        return None
    (s, w), (n, e) = m.bounds
    if m.basemap == "amap":
        (w, e), (s, n) = gcj02_to_wgs84(np.array([w, e]), np.array([s, n]))
    return float(w), float(s), float(e), float(n)


def page_projection(m: PortgeoMap) -> str:
    """Return the PROJ string of a map's printed page.

    National maps: :data:`CHINA_ALBERS`. A map that opens on a region (``m.bounds`` without the
    inset): :func:`portgeo.maps.projection.regional_albers` of that view.

    Parameters
    ----------
    m : PortgeoMap

    Returns
    -------
    str
    """
    view = _view_lonlat(m)
    return CHINA_ALBERS if view is None else regional_albers(*view)


def _envelope(proj: str, box: tuple[float, float, float, float]) -> tuple[float, ...]:
    w, s, e, n = box
    t = np.linspace(0.0, 1.0, 41)
    lon = np.concatenate([w + (e - w) * t, np.full(41, e), e - (e - w) * t, np.full(41, w)])
    lat = np.concatenate([np.full(41, s), s + (n - s) * t, np.full(41, n), n - (n - s) * t])
    x, y = project_xy(proj, lon, lat)
    return float(x.min()), float(y.min()), float(x.max()), float(y.max())


def _china_envelope(m: PortgeoMap, proj: str) -> tuple[float, ...]:
    """Return China north of 17° N (the South China Sea is in the inset), projected, with a margin."""
    land = [d for d in m.drawn if d.name == "中国"]
    if land:
        geom = shapely.clip_by_rect(shapely.union_all(land[0].frame.geometry.to_numpy()),
                                    CHINA_EXTENT[0], _NATIONAL_SOUTH, 180.0, 90.0)  # fmt: skip
        x0, y0, x1, y1 = project_geometries(np.array([geom], dtype=object), proj)[0].bounds
    else:
        w, _s, e, n = CHINA_EXTENT
        x0, y0, x1, y1 = _envelope(proj, (w, _NATIONAL_SOUTH, e, n))
    dx, dy = (x1 - x0) * 0.03, (y1 - y0) * 0.03
    return x0 - dx, y0 - 2.5 * dy, x1 + dx, y1 + dy  # room for labels under Hainan


def _fit(ext: tuple[float, ...], aspect: float) -> tuple[float, float, float, float]:
    """Grow an extent (x0, y0, x1, y1) to a width/height ratio, about its centre."""
    x0, y0, x1, y1 = ext
    w, h = x1 - x0, y1 - y0
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


# --- drawing layers -------------------------------------------------------------------------------


def _rgba(colour: str | None, alpha: float = 1.0) -> tuple[float, ...] | str:
    if not colour or colour == "none":
        return "none"
    return matplotlib.colors.to_rgba(colour, alpha)


def _dashes(dash: str | None, lw: float) -> Any:
    if not dash:
        return "solid"
    seq = [float(v) * PT_PER_PX for v in re.split(r"[ ,]+", dash.strip()) if v]
    return (0, tuple(seq)) if seq else "solid"


def _opt(style: Mapping[str, Any], *names: str, default: Any = None) -> Any:
    for n in names:
        if style.get(n) is not None:
            return style[n]
    return default


def _path_of(geom: shapely.Geometry) -> MplPath | None:
    """Return a matplotlib path of (multi)polygons (even-odd holes) or lines."""
    verts, codes = [], []
    for part in shapely.get_parts(geom):
        rings = [part.exterior, *part.interiors] if part.geom_type == "Polygon" else [part]
        for ring in rings:
            xy = np.asarray(ring.coords)[:, :2]
            if len(xy) < 2:
                continue
            c = np.full(len(xy), MplPath.LINETO, dtype=np.uint8)
            c[0] = MplPath.MOVETO
            if part.geom_type == "Polygon":
                c[-1] = MplPath.CLOSEPOLY
            verts.append(xy)
            codes.append(c)
    if not verts:
        return None
    return MplPath(np.vstack(verts), np.concatenate(codes))


def hatch_of(fill: Any) -> tuple[str, str] | None:
    """Return the matplotlib hatch and its colour of an SVG pattern fill (``url(#pg-hatch-…)``).

    Parameters
    ----------
    fill : object
        A Leaflet ``fillColor``: a colour, or ``url(#id)`` of :data:`HATCH_PATTERNS`.

    Returns
    -------
    (str, str) or None
        The hatch (``"////"`` for stripes at 45°) and the stripes' colour; None for a colour.

    Raises
    ------
    ValueError
        A pattern that :data:`portgeo.maps.style.HATCH_PATTERNS` does not define.
    """
    found = re.fullmatch(r"\s*url\(#([\w-]+)\)\s*", str(fill)) if fill else None
    if found is None:
        return None
    if found.group(1) not in HATCH_PATTERNS:
        raise ValueError(f"fill {fill!r}: no such pattern in HATCH_PATTERNS")
    colour, _stripe, _space, angle = HATCH_PATTERNS[found.group(1)]
    marks = {0: "----", 45: "////", 90: "||||", 135: "\\\\\\\\"}
    return marks.get(int(angle) % 180, "////"), colour


def widen_thin_area(area: shapely.Polygon, style: Mapping[str, Any], m_per_pt: float
                    ) -> tuple[shapely.Polygon, dict]:  # fmt: skip
    """Return an area as the page draws it: a thin one widened and drawn strong enough to see.

    A long, narrow, nearly convex area (a coastal cluster's buffered hull: at least
    :data:`_THIN_CONVEX` of its convex hull; the least rotated box around it at least
    :data:`_THIN_LONG` times as long as wide) narrower on the page than :data:`_THIN_PT` points
    (that box's width) would be a hairline under its own ports' markers. It is buffered to that
    width (the page is a 示意图: its place and length kept, its width drawn at least so),
    with a fill opacity of at least :data:`_THIN_FILL` and an outline of at least
    :data:`_THIN_WEIGHT` pixels, in its own colours. Any other area, or a hatched or unfilled
    one, is returned as it is.

    Parameters
    ----------
    area : shapely.Polygon
        The area in page metres.
    style : mapping
        Its Leaflet path options.
    m_per_pt : float
        Page metres per point (:meth:`BriefingPage.metres_per_point`).

    Returns
    -------
    (shapely.Polygon, dict)
        The area and the style to draw it with.
    """
    out = dict(style)
    fill = _opt(style, "fillColor", "fill_color")
    if style.get("fill", True) is False or hatch_of(fill) is not None:
        return area, out
    rect = np.asarray(shapely.minimum_rotated_rectangle(area).exterior.coords)
    sides = np.hypot(*np.diff(rect[:3], axis=0).T)  # two sides of the least box around it
    width, length = float(sides.min()), float(sides.max())
    least = _THIN_PT * m_per_pt
    if (width <= 0 or width >= least or length < _THIN_LONG * width
            or float(area.area) < _THIN_CONVEX * float(area.convex_hull.area)):  # fmt: skip
        return area, out
    opacity = float(_opt(style, "fillOpacity", "fill_opacity", default=0.2))
    out.update(fillOpacity=max(opacity, _THIN_FILL), fill_opacity=max(opacity, _THIN_FILL),
               weight=max(float(_opt(style, "weight", default=3.0)), _THIN_WEIGHT))  # fmt: skip
    return area.buffer((least - width) / 2, quad_segs=16), out


def _polygon_collection(polys: list[tuple[MplPath, dict]], z: float) -> list[PathCollection]:
    """Build PathCollections of polygons, each with its own Leaflet-style fill and stroke.

    Polygons filled with an SVG pattern (:func:`hatch_of`) go in a collection of their own, per
    pattern, drawn hatched.
    """
    groups: dict[tuple[str, str] | None, list[tuple[MplPath, dict]]] = {}
    for p, st in polys:
        colour = _opt(st, "color", default=PALETTE["ink"])
        fill = st.get("fill", True) is not False
        hatch = hatch_of(_opt(st, "fillColor", "fill_color")) if fill else None
        groups.setdefault(hatch, []).append((p, st))
    out = []
    for hatch, group in groups.items():
        fc, ec, lw, ls = [], [], [], []
        for _p, st in group:
            colour = _opt(st, "color", default=PALETTE["ink"])
            fill = st.get("fill", True) is not False and hatch is None
            fill_colour = _opt(st, "fillColor", "fill_color", default=colour)
            fc.append(_rgba(fill_colour, float(_opt(st, "fillOpacity", "fill_opacity",
                                                     default=0.2))) if fill else "none")  # fmt: skip
            stroke = st.get("stroke", True) is not False
            ec.append(_rgba(colour, float(_opt(st, "opacity", default=1.0))) if stroke else "none")
            lw.append(float(_opt(st, "weight", default=3.0)) * PT_PER_PX)
            ls.append(_dashes(_opt(st, "dashArray", "dash_array"), lw[-1]))
        extra = {} if hatch is None else {"hatch": hatch[0], "hatchcolor": hatch[1]}
        out.append(PathCollection([p for p, _ in group], facecolors=fc, edgecolors=ec,
                                  linewidths=lw, linestyles=ls, zorder=z, **extra))  # fmt: skip
    return out


class BriefingPage:
    """One map drawn on a page: the figure, its map axes, projection and what was placed.

    Build it with :func:`draw_briefing`. Attributes are read by the tests: ``proj`` (PROJ
    string), ``ax`` (map axes, page metres), ``scale_bar`` ((x0, x1, y) in page metres and the
    length in metres), ``in_view`` (names of the layers with something drawn inside the map
    or the inset), ``legend_labels``, ``labels`` (texts placed) and ``label_boxes`` (their boxes
    in pixels), ``wanted`` (the labels inside the view, which the page must place) and
    ``skipped`` (texts left out for want of room), ``furniture`` (the legend's, the scale
    bar's and the north arrow's boxes in pixels) and ``data_shapes`` (what the data cover).
    """

    def __init__(self, m: PortgeoMap, size_in: tuple[float, float], dpi: float) -> None:
        self.m = m
        self.proj = page_projection(m)
        self.fig = Figure(figsize=size_in, dpi=dpi)
        self.renderer = FigureCanvasAgg(self.fig).get_renderer()
        self.font = briefing_font()
        w_in, h_in = size_in
        rect = (_SIDE / w_in, _BOTTOM / h_in, 1 - 2 * _SIDE / w_in, 1 - (_TOP + _BOTTOM) / h_in)
        self.ax = self.fig.add_axes(rect)
        self.ax.set_axis_off()
        self.ax.set_aspect("equal")
        view = _view_lonlat(m)
        if view is None:
            ext = _china_envelope(m, self.proj)
        else:  # a margin so that no point sits on the neat line or under the north arrow
            x0, y0, x1, y1 = _envelope(self.proj, view)
            dx, dy = (x1 - x0) * 0.06, (y1 - y0) * 0.10
            ext = (x0 - dx, y0 - dy, x1 + dx, y1 + dy)
        aspect = (rect[2] * w_in) / (rect[3] * h_in)
        self.extent = _fit(ext, aspect)
        x0, y0, x1, y1 = self.extent
        self.ax.set_xlim(x0, x1)
        self.ax.set_ylim(y0, y1)
        self.lonlat = self._lonlat_box(self.extent)
        self.scale_bar: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
        self.in_view: set[str] = set()
        self.legend_labels: list[str] = []
        self.labels: list[str] = []
        self.wanted: list[str] = []
        self.label_boxes: list[tuple[float, float, float, float]] = []
        self.skipped: list[str] = []
        self.reserved: list[tuple[float, float, float, float]] = []
        self.markers: list[tuple[float, float, float, float]] = []
        self.furniture: dict[str, tuple[float, float, float, float]] = {}
        self.data_shapes: list[shapely.Geometry] = []
        self._data_tree: shapely.STRtree | None = None

    def _lonlat_box(self, ext: tuple[float, ...]) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = ext
        t = np.linspace(0.0, 1.0, 21)
        xs = np.concatenate([x0 + (x1 - x0) * t, np.full(21, x1), x0 + (x1 - x0) * t,
                             np.full(21, x0)])  # fmt: skip
        ys = np.concatenate([np.full(21, y0), y0 + (y1 - y0) * t, np.full(21, y1),
                             y0 + (y1 - y0) * t])  # fmt: skip
        lon, lat = inverse_xy(self.proj, xs, ys)
        return float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max())

    # --- layers ---

    def frame_of(
        self, layer: DrawnLayer, box: tuple[float, float, float, float]
    ) -> gpd.GeoDataFrame:
        """Return the layer's rows as drawn on the interactive map (simplified), clipped to ``box``."""
        shown = display_frame("none", layer.frame, simplify_m=layer.simplify_m)
        geoms = np.asarray(shown.geometry.values, dtype=object)
        w, s, e, n = box
        clip = shapely.box(w - 2, max(s - 2, -89.0), e + 2, min(n + 2, 89.0))
        keep = shapely.intersects(geoms, clip)
        shown = shown.loc[keep]
        geoms = geoms[keep]
        inside = shapely.within(geoms, clip)
        geoms = np.where(inside, geoms, shapely.clip_by_rect(geoms, *clip.bounds))
        return shown.set_geometry(gpd.GeoSeries(project_geometries(geoms, self.proj),
                                                index=shown.index))  # fmt: skip

    def draw_layer(self, ax: Any, layer: DrawnLayer, box: tuple[float, float, float, float],
                   z: float,
                   *, markers: bool = True,
                   marker_boxes: list[tuple[float, float, float, float]] | None = None,
                   ) -> None:  # fmt: skip
        """Draw one recorded layer on ``ax`` (polygons, lines, points by their own type).

        With ``markers`` the points' boxes (pixels) go to ``marker_boxes`` (default: the map's
        :attr:`markers` when ``ax`` is the map), and on the map every shape drawn goes to
        :attr:`data_shapes` (what :meth:`data_cover` measures); so do the base map's lines
        (boundaries), but not its land.
        """
        if marker_boxes is None and ax is self.ax:
            marker_boxes = self.markers
        on_map = markers and ax is self.ax
        m_per_pt = self.metres_per_point(ax)
        rows = self.frame_of(layer, box)
        (vx0, vx1), (vy0, vy1) = ax.get_xlim(), ax.get_ylim()
        if rows.intersects(shapely.box(vx0, vy0, vx1, vy1)).any():
            self.in_view.add(layer.name)
        polys: list[tuple[MplPath, dict]] = []
        lines: list[tuple[np.ndarray, dict]] = []
        points: list[tuple[float, float, dict]] = []
        for rec, geom in zip(rows.drop(columns="geometry").to_dict("records"), rows.geometry,
                             strict=True):  # fmt: skip
            style = layer.style(rec) if callable(layer.style) else layer.style
            if on_map and geom.geom_type == "Polygon":  # one area of the data, not the base
                geom, style = widen_thin_area(geom, style, m_per_pt)
            for part in shapely.get_parts(geom):
                kind = part.geom_type
                if kind == "Polygon":
                    path = _path_of(part)
                    if path is not None:
                        polys.append((path, style))
                    if on_map:
                        self.data_shapes.append(part)
                elif kind == "LineString":
                    lines.append((np.asarray(part.coords)[:, :2], style))
                    if ax is self.ax:  # a boundary of the base map counts too (断续线)
                        lw_pt = float(_opt(style, "weight", default=3.0)) * PT_PER_PX
                        half = max(lw_pt, _LINE_COVER_PT) / 2 * m_per_pt
                        self.data_shapes.append(part.buffer(half))
                elif kind == "Point":
                    points.append((part.x, part.y, style))
        for collection in _polygon_collection(polys, z):
            ax.add_collection(collection)
        if lines:
            ax.add_collection(LineCollection(
                [xy for xy, _ in lines],
                colors=[_rgba(_opt(st, "color", default=PALETTE["ink"]),
                              float(_opt(st, "opacity", default=1.0))) for _, st in lines],
                linewidths=[float(_opt(st, "weight", default=3.0)) * PT_PER_PX for _, st in lines],
                linestyles=[_dashes(_opt(st, "dashArray", "dash_array"), 1.0) for _, st in lines],
                capstyle="butt", zorder=z + 0.1,
            ))  # fmt: skip
        if points:
            self._draw_points(ax, points, z, marker_boxes=marker_boxes if markers else None,
                              on_map=on_map, m_per_pt=m_per_pt)  # fmt: skip
        self._data_tree = None

    def _draw_points(self, ax: Any, points: list[tuple[float, float, dict]], z: float, *,
                     marker_boxes: list[tuple[float, float, float, float]] | None,
                     on_map: bool, m_per_pt: float) -> None:  # fmt: skip
        """Draw a layer's points: rings, their inner marks, and what they cover."""
        xs = np.array([p[0] for p in points])
        ys = np.array([p[1] for p in points])
        sts = [p[2] for p in points]
        radius = np.array([float(_opt(st, "radius", default=6.0)) for st in sts]) * PT_PER_PX
        fills = [_rgba(_opt(st, "fill_color", "fillColor", default=_opt(st, "color")),
                       float(_opt(st, "fill_opacity", "fillOpacity", default=0.2)))
                 if st.get("fill", True) is not False else "none" for st in sts]  # fmt: skip
        edges = [_rgba(_opt(st, "color", default=PALETTE["ink"]),
                       float(_opt(st, "opacity", default=1.0))) for st in sts]  # fmt: skip
        widths = [float(_opt(st, "weight", default=1.0)) * PT_PER_PX for st in sts]
        dashes = [_dashes(_opt(st, "dash_array", "dashArray"), 1.0) for st in sts]
        ax.scatter(xs, ys, s=(2 * radius) ** 2, c=fills, edgecolors=edges,
                   linewidths=widths, linestyles=dashes, zorder=z + 0.2)  # fmt: skip
        for mark, symbol in (("dot", "o"), ("star", "*")):  # a place's mark in its ring
            inner = [i for i, st in enumerate(sts) if (st.get("inner") or ("",))[0] == mark]
            if inner:
                ax.scatter(xs[inner], ys[inner], marker=symbol, linewidths=0,
                           s=[(2 * float(sts[i]["inner"][1]) * PT_PER_PX) ** 2 for i in inner],
                           c=[edges[i] for i in inner], zorder=z + 0.25)  # fmt: skip
        if marker_boxes is not None:
            px = ax.transData.transform(np.column_stack([xs, ys]))
            r_px = radius * self.fig.dpi / 72.0
            marker_boxes += [(x - r, y - r, x + r, y + r)
                             for (x, y), r in zip(px, r_px, strict=True)]  # fmt: skip
        if on_map:
            self.data_shapes += list(shapely.buffer(shapely.points(xs, ys),
                                                    radius * m_per_pt))  # fmt: skip

    def write_text(self, x: float, y: float, s: str, *, size: float, halo: float = 0.0,
                       transform: Any = None, **kw: Any) -> None:  # fmt: skip
        """Write a text; with a halo, a white copy drawn as paths goes under the real text."""
        tr = transform if transform is not None else self.ax.transData
        if halo:
            self.ax.text(x, y, s, fontsize=size, transform=tr, color=PALETTE["halo"], zorder=19,
                         path_effects=[patheffects.withStroke(linewidth=halo,
                                                              foreground=PALETTE["halo"])],
                         **{k: v for k, v in kw.items() if k != "color"})  # fmt: skip
        self.ax.text(x, y, s, fontsize=size, transform=tr, zorder=20, **kw)

    def metres_per_point(self, ax: Any) -> float:
        """Return the page metres one typographic point spans on ``ax`` (equal aspect)."""
        (x0, x1), width_in = ax.get_xlim(), ax.get_position().width * self.fig.get_size_inches()[0]
        return float((x1 - x0) / (width_in * 72.0))

    def data_cover(self, box: tuple[float, float, float, float]) -> float:
        """Return the share of a box (page pixels) that the map's data covers.

        The data are every shape drawn on the map from a data layer: areas, lines at their
        width, markers at their radius; and the base map's lines (boundaries, the 断续线), not
        its land (:attr:`data_shapes`). Shapes that overlap
        are each counted, so the share can pass 1 where data are stacked.

        Parameters
        ----------
        box : (x0, y0, x1, y1)
            Page pixels.

        Returns
        -------
        float
        """
        if not self.data_shapes:
            return 0.0
        if self._data_tree is None:
            self._data_tree = shapely.STRtree(self.data_shapes)
        inv = self.ax.transData.inverted()
        (x0, y0), (x1, y1) = inv.transform([box[:2], box[2:]])
        rect = shapely.box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        hits = self._data_tree.query(rect, predicate="intersects")
        if not len(hits) or rect.area == 0:
            return 0.0
        shapes = np.asarray(self.data_shapes, dtype=object)[hits]
        return float(shapely.area(shapely.intersection(shapes, rect)).sum() / rect.area)
