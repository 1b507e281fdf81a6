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
from portgeo.maps.draw import add_lines, add_points, to_display_crs
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
    lang_text,
    line_style,
)

__all__ = ["build_projects"]


def _inspection_lines(m: PortgeoMap, spec: ColumnMap) -> list[LegendEntry]:
    lines = project_lines(spec.plan, spec.column, links="inspection")
    if lines.empty:
        return []
    st = {"color": INSPECTION_COLOR, "weight": 3, "opacity": 0.9, "dashArray": "6 4"}
    t = m.lang
    line_layer = lang_text("关口前移 inspection site → border", t) + f" ({len(lines)})"
    add_lines(m, lines, layer_name=line_layer, style=st,
              tooltip_field="name_zh", popup_fields=("text_zh", "section"))  # fmt: skip
    insp = gpd.GeoDataFrame(
        lines[["name_zh", "text_zh"]].assign(kind="project", mode="road", status="listed"),
        geometry=gpd.points_from_xy(lines["from_lon"], lines["from_lat"]), crs=4326,
    )  # fmt: skip
    insp["name_zh"] = insp["name_zh"].astype(str) + lang_text("查验区 (inspection site)", t)
    ins_style = fixed_marker_style(INSPECTION_COLOR, radius=5, weight=2, hollow=True)
    insp_layer = lang_text("后置查验区 inland inspection sites", t)
    add_points(m, insp, layer_name=insp_layer, style=lambda _r: ins_style, label=False)
    return [LegendEntry.from_path_style(lang_text("关口前移 inspection site → border", t), st,
                                        shape="line")
            .on(line_layer),
            LegendEntry.from_marker_style(lang_text("后置查验区 inland inspection site", t),
                                          ins_style)
            .on(insp_layer)]  # fmt: skip


def _cross_border_links(m: PortgeoMap, spec: ColumnMap) -> list[LegendEntry]:
    lk = project_lines(spec.plan, spec.column, links="link")
    if lk.empty:
        return []
    t = m.lang
    link_layer = lang_text("跨境通道 cross-border links", t) + f" ({len(lk)})"
    add_lines(m, lk, layer_name=link_layer,
              style=lambda r: line_style(mode_of(r), r.get("status"), weight=4),
              tooltip_field="name_zh", popup_fields=("text_zh", "section", "status"))  # fmt: skip
    return [LegendEntry.from_path_style(lang_text("跨境通道 link", t) + " · "
                                        + lang_text(KIND_LABELS[mode], t),
                                        line_style(mode, weight=4), shape="line").on(link_layer)
            for mode in dict.fromkeys(lk.apply(mode_of, axis=1))]  # fmt: skip


def build_projects(spec: ColumnMap, *, basemap: str = "none", lang: str = "zh") -> PortgeoMap:
    """Draw a project 专栏: project sites by mode, links, and (provincial plans) a city table.

    Parameters
    ----------
    spec : ColumnMap
        A 专栏 of projects (``recipe=projects`` in ``data/plans/columns.csv``).
    basemap : str, default "none"
        See :func:`portgeo.maps.new_map`.
    lang : {"zh", "en"}, default "zh"
        Language of the map's words.

    Returns
    -------
    PortgeoMap
    """
    by_data = spec.view == "data"
    m = start_column_map(spec, basemap=basemap, lang=lang)
    ents = entities_of(spec)
    legend: list[LegendEntry] = []
    if spec.links == "inspection":
        legend += _inspection_lines(m, spec)
    elif spec.links == "link":
        legend += _cross_border_links(m, spec)
    legend = add_points_by_kind(m, ents, noun_zh="项目", noun_en="projects",
                                popup_fields=POPUP_PROJECT) + legend  # fmt: skip
    if by_data:
        t = m.lang
        typed = ents.assign(type=ents.apply(lambda r: lang_text(KIND_LABELS[mode_of(r)], t), axis=1),
                            city=ents["city_zh"].fillna("—"))  # fmt: skip
        counts = typed.pivot_table(index="city", columns="type", values="id", aggfunc="count",
                                   fill_value=0)  # fmt: skip
        counts[lang_text("合计 total", t)] = counts.sum(axis=1)
        counts = pd.DataFrame(counts).reset_index().rename(columns={"city": "city_zh"})
        add_info_panel(m, title=lang_text("按城市和类型 by city and type", t),
                       body_html=table_html(counts, lang=t), open_=False)  # fmt: skip
        pts = to_display_crs(m, ents[ents.geometry.notna()])
        if len(pts):  # open on the projects
            w, s_, e, n = pts.total_bounds
            cx, cy = (w + e) / 2, (s_ + n) / 2  # a few sites keep their province around them
            hx = max((e - w) / 2 + 0.1, _MIN_VIEW_DEG[0] / 2)
            hy = max((n - s_) / 2 + 0.1, _MIN_VIEW_DEG[1] / 2)
            m.bounds = [[cy - hy, cx - hx], [cy + hy, cx + hx]]
            m.max_fit_zoom = 9
    located = int(ents.geometry.notna().sum())
    if located < _FEW_SITES:  # a column with few sites: its projects as a card beside the map
        cols = [c for c in ("name_zh", "city_zh", "action", "text_zh") if ents[c].notna().any()]
        intro = (f"<p>本专栏{len(ents)}项，{located}项有地点（见地图）。</p>" if m.lang == "zh" else
                 f"<p>{len(ents)} projects, {located} with a site (on the map).</p>")  # fmt: skip
        add_info_panel(m, title=lang_text("项目 projects", m.lang) + f" ({len(ents)})", card=True,
                       body_html=intro + table_html(ents, columns=cols, lang=m.lang))  # fmt: skip
    else:
        add_unlocated_panel(m, ents)
    return finish_column_map(m, legend, plans=[spec.plan])


#: The least view of a projects map (degrees of longitude, latitude) around its sites: a single
#: site (成都's rail station) opens on its province with a neighbour's capital and the
#: provincial boundaries to orient by, not on a point in an empty frame.
_MIN_VIEW_DEG = (6.0, 4.0)
#: A project 专栏 with fewer located sites than this gets its projects as a card.
_FEW_SITES = 6
