"""Recipe of the project 专栏: project sites by mode, with their links and a table by city.

Options from ``data/plans/columns.csv``: ``links=inspection`` draws each long-corridor crossing
from its inspection site behind the border (关口前移); ``links=link`` draws each cross-border link
to its far end; ``view=data`` opens the map on the projects (a provincial plan) and tabulates
them by city and type.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from portgeo.layout.projects import project_lines
from portgeo.maps.components import PortgeoMap
from portgeo.maps.draw import add_lines, add_points
from portgeo.maps.panels import add_info_panel, table_html
from portgeo.maps.recipes.common import (
    POPUP_PROJECT,
    ColumnMap,
    add_points_by_kind,
    add_unlocated_panel,
    entities_of,
    finish_column_map,
    mode_of,
    start_column_map,
)
from portgeo.maps.style import (
    INSPECTION_COLOR,
    KIND_LABELS,
    LegendEntry,
    fixed_marker_style,
    legend_entry_for,
    line_style,
)

__all__ = ["build_projects"]


def _inspection_lines(m: PortgeoMap, spec: ColumnMap) -> list[LegendEntry]:
    lines = project_lines(spec.plan, spec.column, links="inspection")
    if lines.empty:
        return []
    st = {"color": INSPECTION_COLOR, "weight": 3, "opacity": 0.9, "dashArray": "6 4"}
    add_lines(m, lines, layer_name=f"关口前移 inspection site → border ({len(lines)})", style=st,
              tooltip_field="name_zh", popup_fields=("text_zh", "section", "note"))  # fmt: skip
    insp = gpd.GeoDataFrame(
        lines[["name_zh", "text_zh"]].assign(kind="project", mode="road", status="operating"),
        geometry=gpd.points_from_xy(lines["from_lon"], lines["from_lat"]), crs=4326,
    )  # fmt: skip
    insp["name_zh"] = insp["name_zh"].astype(str) + " 查验区 inspection site"
    ins_style = fixed_marker_style(INSPECTION_COLOR, radius=5, weight=2, hollow=True)
    add_points(m, insp, layer_name="后置查验区 inland inspection sites", style=lambda _r: ins_style)
    return [LegendEntry.from_path_style("关口前移 inspection site → border", st, shape="line"),
            LegendEntry.from_marker_style("后置查验区 inland inspection site", ins_style)]  # fmt: skip


def _cross_border_links(m: PortgeoMap, spec: ColumnMap) -> list[LegendEntry]:
    lk = project_lines(spec.plan, spec.column, links="link")
    if lk.empty:
        return []
    add_lines(m, lk, layer_name=f"跨境通道 cross-border links ({len(lk)})",
              style=lambda r: line_style(mode_of(r), r.get("status"), weight=4),
              tooltip_field="name_zh", popup_fields=("text_zh", "section", "status", "note"))  # fmt: skip
    return [LegendEntry.from_path_style(f"跨境通道 link · {KIND_LABELS[mode]}",
                                        line_style(mode, weight=4), shape="line")
            for mode in dict.fromkeys(lk.apply(mode_of, axis=1))]  # fmt: skip


def build_projects(spec: ColumnMap, *, basemap: str = "osm") -> PortgeoMap:
    """Draw a project 专栏: project sites by mode, links, and (provincial plans) a city table.

    Parameters
    ----------
    spec : ColumnMap
        A 专栏 of projects (``recipe=projects`` in ``data/plans/columns.csv``).
    basemap : str, default "osm"
        See :func:`portgeo.maps.new_map`.

    Returns
    -------
    PortgeoMap
    """
    by_data = spec.view == "data"
    m = start_column_map(spec, basemap=basemap, show_provinces=by_data)
    ents = entities_of(spec)
    legend: list[LegendEntry] = []
    if spec.links == "inspection":
        legend += _inspection_lines(m, spec)
    elif spec.links == "link":
        legend += _cross_border_links(m, spec)
    legend = add_points_by_kind(m, ents, noun_zh="项目", noun_en="projects",
                                popup_fields=POPUP_PROJECT) + legend  # fmt: skip
    if by_data:
        typed = ents.assign(type=ents.apply(lambda r: KIND_LABELS[mode_of(r)], axis=1),
                            city=ents["city_zh"].fillna("—"))  # fmt: skip
        counts = typed.pivot_table(index="city", columns="type", values="id", aggfunc="count",
                                   fill_value=0)  # fmt: skip
        counts["合计 total"] = counts.sum(axis=1)
        counts = pd.DataFrame(counts).reset_index().rename(columns={"city": "城市 city"})
        add_info_panel(m, title="按城市和类型 by city and type", body_html=table_html(counts),
                       open_=False)  # fmt: skip
        pts = ents[ents.geometry.notna()]
        if len(pts):  # open on the projects
            w, s_, e, n = pts.total_bounds
            m.fit_bounds(
                [[s_ - 0.05, w - 0.05], [n + 0.05, e + 0.05]], padding=(40, 40), max_zoom=9
            )
    add_unlocated_panel(m, ents)
    return finish_column_map(m, legend or [legend_entry_for("project")], plans=[spec.plan])
