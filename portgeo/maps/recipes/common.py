"""What every map recipe shares: the map's spec from data, its start and finish, points by kind.

A :class:`ColumnMap` is one row of ``data/plans/columns.csv`` (plus the plan's row of
``plans.csv``): which plan and 专栏 the map shows, its title, and the recipe's options. Recipes
(one module per kind of 专栏) take it and return a finished :class:`portgeo.maps.PortgeoMap`.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd

from portgeo._data import is_blank
from portgeo.catalogue import load_catalogue, load_entities
from portgeo.layout.reference import reference_scope
from portgeo.maps.boundary import add_china_boundary, add_rivers, boundary_legend
from portgeo.maps.components import PortgeoMap, add_legend, add_source_note, finish_map, new_map
from portgeo.maps.draw import add_points, point_legend_entries
from portgeo.maps.panels import add_info_panel
from portgeo.maps.reference import add_reference_layer, reference_legend
from portgeo.maps.style import (
    KIND_LABELS,
    LABEL_RANKS,
    LegendEntry,
    context_styles,
    lang_text,
    text,
)

__all__ = [
    "KIND_ORDER",
    "POPUP_LAYOUT",
    "POPUP_PROJECT",
    "ColumnMap",
    "add_points_by_kind",
    "add_unlocated_panel",
    "column_map",
    "column_table",
    "entities_of",
    "finish_column_map",
    "mode_of",
    "start_column_map",
]

#: Order of the transport kinds in layers and legends.
KIND_ORDER: tuple[str, ...] = ("sea", "river", "road", "rail", "air", "project")
#: Popup fields of layout entities and of projects.
POPUP_LAYOUT: tuple[str, ...] = ("text_zh", "section", "region", "role", "status", "opening_state",
                                 "opened", "opening_source", "neighbor", "precision")  # fmt: skip
POPUP_PROJECT: tuple[str, ...] = ("text_zh", "section", "city_zh", "action", "mode", "status",
                                  "opening_state", "opened", "opening_source", "precision")  # fmt: skip


@dataclass(frozen=True)
class ColumnMap:
    """The map of one 专栏, as ``data/plans/columns.csv`` describes it.

    Attributes
    ----------
    plan : str
        Plan id.
    column : int
        专栏 number.
    slug : str
        File stem of the map and of its notebook (e.g. ``n14_c02_sea``).
    title : str
        Title shown on the map and in the index: the plan's short name, 专栏 and title.
    subtitle : str
        English subtitle.
    role, recipe : str
        What the 专栏 is, and which recipe draws it.
    links : str
        ``inspection`` (draw inspection site → crossing) or ``link`` (draw the cross-border
        link) or empty.
    view : str
        ``china`` (open on all of China) or ``data`` (open on the 专栏's points).
    """

    plan: str
    column: int
    slug: str
    title: str
    subtitle: str
    role: str
    recipe: str
    links: str = ""
    view: str = "china"


def column_map(plan: str, column: int) -> ColumnMap:
    """Return the :class:`ColumnMap` of a 专栏 from the catalogue's registry.

    Parameters
    ----------
    plan : str
        Plan id.
    column : int
        专栏 number.

    Returns
    -------
    ColumnMap
    """
    cat = load_catalogue()
    row = cat.column_info(plan, column)
    short = cat.plan(plan)["short_zh"]
    return ColumnMap(
        plan=plan,
        column=int(column),
        slug=str(row["slug"]),
        title=f"{short}{row['label_zh']} {row['title_zh']}",
        subtitle=str(row["subtitle_en"]),
        role=str(row["role"]),
        recipe=str(row["recipe"]),
        links="" if is_blank(row["links"]) else str(row["links"]),
        view="china" if is_blank(row["view"]) else str(row["view"]),
    )


def column_table(plan: str, column: int) -> pd.DataFrame:
    """Return a 专栏's rows as printed, for display beside its map (notebooks).

    Parameters
    ----------
    plan : str
        Plan id.
    column : int
        专栏 number.

    Returns
    -------
    pandas.DataFrame
        Columns ``seq, section, name_zh, name_en, kind, mode, role, region, neighbor, status,
        city_zh, action, text_zh, located`` in the plan's order (empty columns dropped); see
        :func:`portgeo.notebook.readable_column_table` for the plans' words and Chinese headers.
    """
    df = load_catalogue().entities
    df = df[(df["plan"] == plan) & (df["column"] == int(column))].sort_values("seq", kind="stable")
    cols = ["seq", "section", "name_zh", "name_en", "kind", "mode", "role", "region", "neighbor",
            "status", "city_zh", "action", "text_zh", "located"]  # fmt: skip
    out = df[cols].reset_index(drop=True)
    keep = [c for c in out.columns if c in ("name_zh", "located") or out[c].notna().any()]
    return out[keep]


def mode_of(row: pd.Series | dict[str, Any]) -> str:
    """Return the legend kind of a row: its kind, or for a project its mode (else ``project``).

    Parameters
    ----------
    row : pandas.Series or dict

    Returns
    -------
    str
    """
    kind = row.get("kind")
    mode = row.get("mode")
    if kind == "project" or is_blank(kind):
        return str(mode) if isinstance(mode, str) and mode else "project"
    return str(kind)


def start_column_map(
    spec: ColumnMap,
    *,
    basemap: str,
    show_provinces: bool = True,
    center: tuple[float, float] | None = None,
    zoom: int | None = None,
    lang: str = "zh",
) -> PortgeoMap:
    """Start a 专栏's map: title, basemap, China's map, the countries around, the reference places.

    In Chinese the title is the 专栏's, under it the plan's; in English the registry's English
    line. The reference places are those of the plan's family
    (:func:`portgeo.layout.reference.reference_scope`).

    Parameters
    ----------
    spec : ColumnMap
    basemap : str
        See :func:`portgeo.maps.new_map`.
    show_provinces : bool, default True
        Switch the provinces layer on at opening.
    center : (lat, lon), optional
    zoom : int, optional
    lang : {"zh", "en"}, default "zh"

    Returns
    -------
    PortgeoMap
    """
    if lang == "en":
        title, subtitle = spec.subtitle, None
    else:
        title, subtitle = spec.title, load_catalogue().plan_title(spec.plan)
    m = new_map(title=title, subtitle=subtitle, basemap=basemap, center=center, zoom=zoom,
                lang=lang)  # fmt: skip
    # a national map is read at zoom 4-6: China's lines at 2 km; a provincial one at 1 km
    add_china_boundary(m, provinces=True, show_provinces=show_provinces,
                       tolerance_m=1000.0 if spec.view == "data" else 2000.0,
                       inset=spec.view != "data")  # fmt: skip
    add_reference_layer(m, scope=reference_scope(spec.plan))
    return m


def finish_column_map(
    m: PortgeoMap, legend: list[LegendEntry], *, plans: Sequence[str], extra: Sequence[str] = ()
) -> PortgeoMap:
    """Finish a map: the legend (plus the boundary's entry), the source note, the layer control.

    Parameters
    ----------
    m : PortgeoMap
    legend : list of LegendEntry
    plans : sequence of str
        Plans cited in the source note.
    extra : sequence of str
        More source-note lines.

    Returns
    -------
    PortgeoMap
    """
    rivers = text("rivers", m.lang)
    if rivers in m.layers:
        river = context_styles()["river"]
        legend = [*legend, LegendEntry(text("river", m.lang), river["color"], shape="line",
                                       weight=river["weight"], layers=(rivers,))]  # fmt: skip
    add_source_note(m, plans, extra=extra)
    add_legend(m, [*reference_legend(m), *legend, *boundary_legend(m.lang)])
    return finish_map(m)


def add_points_by_kind(
    m: PortgeoMap,
    gdf: gpd.GeoDataFrame,
    *,
    noun_zh: str,
    noun_en: str,
    popup_fields: Sequence[str],
    radius: float = 6.0,
    style: Callable[[Mapping[str, Any]], dict] | None = None,
    label_rank: float = LABEL_RANKS["port"],
    label: bool = True,
) -> list[LegendEntry]:
    """Draw points in one layer per transport kind; return the legend entries of what is drawn.

    Markers that share a place are clustered (spread out when clicked); river ports bring
    their rivers (:func:`portgeo.maps.boundary.add_rivers`). Each legend entry follows its
    kind's layer.

    Parameters
    ----------
    m : PortgeoMap
    gdf : geopandas.GeoDataFrame
        Entities (rows without geometry are skipped).
    noun_zh, noun_en : str
        Layer name noun, e.g. ``"口岸"``, ``"ports"``.
    popup_fields : sequence of str
    radius : float, default 6
    style : callable, optional
        Marker style per row (default by kind and status).

    Returns
    -------
    list of LegendEntry
    """
    if gdf.empty:
        return []
    modes = gdf.apply(mode_of, axis=1)
    legend: list[LegendEntry] = []
    rivers = gdf[(modes == "river") & gdf.geometry.notna()]
    if not rivers.empty:
        add_rivers(m, rivers)
    for kind in KIND_ORDER:
        located = gdf[(modes == kind) & gdf.geometry.notna()]
        if located.empty:
            continue
        zh, en = KIND_LABELS[kind].split(" ")
        name = (f"{zh}{noun_zh}" if m.lang == "zh" else f"{en} {noun_en}") + f" ({len(located)})"
        stacked = bool(located.geometry.duplicated().any())
        add_points(m, located, layer_name=name, popup_fields=popup_fields, radius=radius,
                   style=style, cluster=stacked, label_rank=label_rank, label=label)  # fmt: skip
        legend += [e.on(name) for e in point_legend_entries(located, m.lang)]
    return legend


def add_unlocated_panel(m: PortgeoMap, gdf: gpd.GeoDataFrame) -> None:
    """List the entities without a point (and why) in a folded panel, if there are any.

    Parameters
    ----------
    m : PortgeoMap
    gdf : geopandas.GeoDataFrame
    """
    missing = gdf[gdf.geometry.isna()]
    if missing.empty:
        return
    title = lang_text("未落点 not mapped", m.lang)
    names = missing["name_en"] if m.lang == "en" else missing["name_zh"]
    items = "".join(f"<li>{html.escape(str(n))}</li>" for n in names.fillna(missing["name_zh"]))
    body = f"<p><b>{html.escape(title)} ({len(missing)}):</b></p><ul>{items}</ul>"
    add_info_panel(m, title=title, body_html=body, position="bottomleft", open_=False)


def entities_of(spec: ColumnMap) -> gpd.GeoDataFrame:
    """Return the entities of a map's 专栏.

    Parameters
    ----------
    spec : ColumnMap

    Returns
    -------
    geopandas.GeoDataFrame
    """
    return load_entities(plan=spec.plan, column=spec.column)
