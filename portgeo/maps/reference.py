"""The reference layer of a map: the places a reader orients by, with their symbols and names.

On a national map: 北京 with the capital symbol (a red star in a double circle, as on China's
standard maps), the provincial capitals and the two SARs (a ring with a dot), the names 台湾 and
海南, and the seas 渤海, 黄海, 东海, 南海. On a Guangdong map: the 21 prefecture-level cities with
their boundaries, 香港, 澳门 and 南海. The places are data (:mod:`portgeo.layout.reference`); their
labels give way by :data:`portgeo.maps.style.LABEL_RANKS`, and each place is found by the search
box and opens a popup saying what it is and where its point comes from.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from typing import Any

import folium
import geopandas as gpd

from portgeo.layout.reference import load_city_boundaries, load_reference_places
from portgeo.maps.components import DrawnLayer, PortgeoMap
from portgeo.maps.datum import display_frame
from portgeo.maps.draw import add_lines, js_literal_safe
from portgeo.maps.style import LABEL_RANKS, LegendEntry, reference_styles, text

__all__ = [
    "SYMBOL_KINDS", "add_reference_layer", "place_marker_style", "place_symbol_svg",
    "reference_legend",
]  # fmt: skip

#: Kinds of place drawn with a symbol (the others are names only).
SYMBOL_KINDS: tuple[str, ...] = ("capital", "provincial-capital", "sar", "prefecture-city")


def _star(cx: float, cy: float, r: float) -> str:
    """Points of a five-pointed star of outer radius ``r``, one point up."""
    pts = []
    for i in range(10):
        a = math.pi / 2 + i * math.pi / 5
        rr = r if i % 2 == 0 else r * 0.4
        pts.append(f"{cx + rr * math.cos(a):.2f},{cy - rr * math.sin(a):.2f}")
    return " ".join(pts)


def place_symbol_svg(kind: str) -> str:
    """Return the symbol of a reference place as inline SVG.

    Parameters
    ----------
    kind : str
        One of :data:`SYMBOL_KINDS`.

    Returns
    -------
    str
        An ``<svg>`` of side ``2 * radius + 2`` pixels, centred on the place.
    """
    st = reference_styles()[kind]
    r, ink, ground = float(st["radius"]), st["color"], st["fill"]
    size = 2 * r + 2
    c = size / 2
    if kind == "capital":
        body = (f'<circle cx="{c:g}" cy="{c:g}" r="{r:g}" fill="{ground}" stroke="{ink}" '
                f'stroke-width="1.2"/><circle cx="{c:g}" cy="{c:g}" r="{r - 2.2:g}" fill="none" '
                f'stroke="{ink}" stroke-width="0.9"/>'
                f'<polygon points="{_star(c, c + 0.4, r - 3.2)}" fill="{ink}"/>')  # fmt: skip
    elif kind == "prefecture-city":
        body = (f'<circle cx="{c:g}" cy="{c:g}" r="{r - 0.6:g}" fill="{ground}" stroke="{ink}" '
                f'stroke-width="1.2"/>')  # fmt: skip
    else:
        body = (f'<circle cx="{c:g}" cy="{c:g}" r="{r - 0.6:g}" fill="{ground}" stroke="{ink}" '
                f'stroke-width="1.2"/><circle cx="{c:g}" cy="{c:g}" r="{r * 0.38:g}" '
                f'fill="{ink}"/>')  # fmt: skip
    return f'<svg width="{size:g}" height="{size:g}" viewBox="0 0 {size:g} {size:g}">{body}</svg>'


def place_marker_style(row: Mapping[str, Any]) -> dict[str, Any]:
    """Return a reference place's symbol as circle-marker options, for the printed page.

    The ring of :func:`place_symbol_svg` (its ``radius``, ink and ground) and, in ``inner``, the
    mark inside it (:func:`portgeo.maps.style.reference_styles`).

    Parameters
    ----------
    row : mapping
        A row of :func:`portgeo.layout.reference.load_reference_places` (its ``kind``).

    Returns
    -------
    dict
    """
    st = reference_styles()[str(row["kind"])]
    return {"radius": float(st["radius"]) - 0.6, "color": st["color"], "weight": 1.2,
            "fill": True, "fill_color": st["fill"], "fill_opacity": 1.0, "inner": st["inner"]}  # fmt: skip


def _popup(row: dict, lang: str) -> str:
    name = row["name_zh"] if lang == "zh" else row["name_en"]
    colon = "：" if lang == "zh" else ": "
    return (f'<div class="portgeo-popup"><h5>{html.escape(str(name))}</h5>'
            f"<p>{html.escape(text(row['kind'], lang))}</p>"
            f"<p>{html.escape(text('coord_source', lang))}{colon}"  # the source's record, as written
            f"<span>{html.escape(str(row['coord_source']))}</span></p></div>")  # fmt: skip


def add_reference_layer(m: PortgeoMap, *, scope: str) -> folium.FeatureGroup:
    """Draw the reference places of a map family, their names, and its cities' boundaries.

    Parameters
    ----------
    m : PortgeoMap
        Target map (its :attr:`~portgeo.maps.components.PortgeoMap.lang` names the places).
    scope : {"national", "guangdong"}
        Which places (:func:`portgeo.layout.reference.load_reference_places`).

    Returns
    -------
    folium.FeatureGroup
        The places layer (named 地名, ``place names`` in English), on at opening.
    """
    lang = m.lang
    bounds = load_city_boundaries(scope)
    if not bounds.empty:
        add_lines(m, gpd.GeoDataFrame(geometry=list(bounds.geometry.boundary), crs=4326),
                  layer_name=text("city_boundaries", lang),
                  style=reference_styles()["city_boundary"], interactive=False,
                  pane="pgContext", simplify_m=300, decimals=4)  # fmt: skip
    places = display_frame(m.basemap, load_reference_places(scope))
    layer = text("places", lang)
    fg = folium.FeatureGroup(name=layer, show=True)
    items = []
    for row in places.to_dict("records"):
        kind = str(row["kind"])
        lat, lon = row["geometry"].y, row["geometry"].x
        name = str(row["name_zh"] if lang == "zh" else row["name_en"])
        span = f"<span>{html.escape(name)}</span>"
        if kind in SYMBOL_KINDS:
            size = int(2 * float(reference_styles()[kind]["radius"]) + 2)  # even: centred
            icon = folium.DivIcon(html=place_symbol_svg(kind), icon_size=(size, size),
                                  icon_anchor=(size // 2, size // 2), class_name="pg-symbol")  # fmt: skip
            mk = folium.Marker([lat, lon], icon=icon,
                               popup=folium.Popup(js_literal_safe(_popup(row, lang)), max_width=320),
                               tooltip=folium.Tooltip(js_literal_safe(html.escape(name))))  # fmt: skip
            mk.add_to(fg)
            m.search_items.append((name, mk, fg))
            cls = "pg-place pg-major" if kind == "capital" else "pg-place"
            items.append([lat, lon, span, LABEL_RANKS[kind], cls, size / 2 + 2.0, name])
        else:
            cls = "pg-sea" if kind == "sea" else "pg-region"
            items.append([lat, lon, span, LABEL_RANKS[kind], cls, -1, name])
    fg.add_to(m)
    symbols = load_reference_places(scope)
    symbols = symbols[symbols["kind"].isin(SYMBOL_KINDS)]
    m.drawn.append(DrawnLayer(layer, symbols, place_marker_style, element=fg))  # the printed page
    m.layer_names.append(layer)
    m.layers[layer] = fg
    m.labels.append((fg, items))
    m.reference_drawn = True
    m.reference_kinds = set(places["kind"])
    return fg


def reference_legend(m: PortgeoMap) -> list[LegendEntry]:
    """Return the legend rows of the reference layer drawn on ``m`` (none if it has none).

    Parameters
    ----------
    m : PortgeoMap

    Returns
    -------
    list of LegendEntry
        A symbol row per kind of place drawn, and the city boundaries' line.
    """
    lang = m.lang
    layer = text("places", lang)
    if layer not in m.layers:
        return []
    rows = [LegendEntry(text(k, lang), reference_styles()[k]["color"], symbol=place_symbol_svg(k),
                        layers=(layer,))
            for k in SYMBOL_KINDS if k in m.reference_kinds]  # fmt: skip
    line = text("city_boundaries", lang)
    if line in m.layers:
        st = reference_styles()["city_boundary"]
        rows.append(LegendEntry(line, st["color"], shape="line", weight=st["weight"],
                                dash=st["dashArray"], layers=(line,)))  # fmt: skip
    return rows
