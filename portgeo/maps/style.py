"""Marker, line and area styles, and the legend entries that describe them.

One source of truth: :func:`marker_style` gives the Leaflet style of a point by its kind
(``sea``, ``river``, ``road``, ``rail``, ``air``, ``project``) and status (``operating``,
``planned``), and :func:`legend_entry_for` builds the legend swatch from the very same style, so a
legend can never disagree with the markers it explains.

Operating ports are filled circles; planned ports (the plans' parentheses: new openings not yet
built) are hollow circles with a dashed outline in the same colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "KIND_COLORS",
    "KIND_LABELS",
    "STATUS_LABELS",
    "LegendEntry",
    "area_style",
    "legend_entry_for",
    "line_style",
    "marker_style",
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

STATUS_LABELS: dict[str, str] = {
    "operating": "已开放 operating",
    "planned": "新开 planned",
}

_STATUSES = ("operating", "planned")


def _kind_key(kind: str | None) -> str:
    key = (kind or "project").strip().lower() if isinstance(kind, str) else "project"
    if key not in KIND_COLORS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {sorted(KIND_COLORS)}")
    return key


def _status_key(status: str | None) -> str:
    if status is None or (isinstance(status, float)) or status == "":
        return "operating"
    if status not in _STATUSES:
        raise ValueError(f"unknown status {status!r}; expected one of {_STATUSES}")
    return status


def marker_style(kind: str | None, status: str | None = "operating", *, radius: float = 6.0) -> dict:
    """Return the Leaflet CircleMarker style of a point.

    Parameters
    ----------
    kind : str or None
        ``sea``, ``river``, ``road``, ``rail``, ``air`` or ``project`` (None means ``project``).
    status : {"operating", "planned"} or None
        Operating points are filled; planned points are hollow with a dashed outline.
        None or empty means operating.
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
            "dash_array": "3 2",
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


def line_style(kind: str | None, status: str | None = "operating", *, weight: float = 3.0) -> dict:
    """Return the Leaflet style of a link or corridor line.

    Parameters
    ----------
    kind : str or None
        Transport kind, as for :func:`marker_style`.
    status : {"operating", "planned"} or None
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
    return {"color": colour, "weight": weight, "opacity": 0.9, "dashArray": dash}


def area_style(colour: str, *, fill_opacity: float = 0.15, weight: float = 1.5, dash: str | None = None) -> dict:
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
    """

    label: str
    color: str
    shape: Literal["circle", "line", "area"] = "circle"
    fill_color: str | None = None
    fill_opacity: float = 1.0
    weight: float = 1.5
    dash: str | None = None

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
        )

    @classmethod
    def from_path_style(cls, label: str, style: dict, *, shape: Literal["line", "area"]) -> LegendEntry:
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


def legend_entry_for(kind: str | None, status: str | None = "operating", *, label: str | None = None) -> LegendEntry:
    """Return the legend entry matching :func:`marker_style` for a kind and status.

    Parameters
    ----------
    kind : str or None
        Transport kind.
    status : {"operating", "planned"} or None
        Status.
    label : str, optional
        Legend text; default ``"<kind label> · <status label>"``.

    Returns
    -------
    LegendEntry
    """
    k = _kind_key(kind)
    s = _status_key(status)
    text = label or f"{KIND_LABELS[k]} · {STATUS_LABELS[s]}"
    style = marker_style(k, s)
    if s == "operating":
        # the white halo of a filled marker is invisible on a white legend: outline in colour
        style = {**style, "color": KIND_COLORS[k]}
    return LegendEntry.from_marker_style(text, style)
