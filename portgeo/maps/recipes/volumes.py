"""Recipe of the annual volume standards 专栏: the standards, and a user's volumes checked."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from portgeo.maps.components import PortgeoMap
from portgeo.maps.draw import add_points
from portgeo.maps.panels import add_info_panel, table_html
from portgeo.maps.recipes.common import (
    POPUP_LAYOUT,
    ColumnMap,
    add_points_by_kind,
    finish_column_map,
    start_column_map,
)
from portgeo.maps.recipes.text import layout_ports
from portgeo.maps.style import (
    VOLUME_VERDICT_COLORS,
    LegendEntry,
    constant_style,
    fixed_marker_style,
    lang_text,
)
from portgeo.rules.volumes import VERDICT_LABELS, check_port_volumes, volume_standards_table

__all__ = ["build_volumes"]

_POPUP_VOLUMES = ("category", "year", "cargo_10k_tonnes", "cargo_standard", "passengers_10k",
                  "passengers_standard", "verdict_text")  # fmt: skip


def build_volumes(
    spec: ColumnMap,
    *,
    basemap: str = "none",
    lang: str = "zh",
    volumes: str | Path | pd.DataFrame | None = None,
) -> PortgeoMap:
    """Draw a volume-standards 专栏: the standards, and which ports fall short given a volumes CSV.

    Without ``volumes`` the map shows the standards and the ports they apply to (every layout
    专栏 of the plan: sea, border and air); no volume is invented. With a CSV laid out as
    ``data/templates/port_volumes_template.csv``, each port is coloured by the check of
    :func:`portgeo.rules.volumes.check_port_volumes`.

    Parameters
    ----------
    spec : ColumnMap
        A 专栏 of role ``volumes``.
    basemap : str, default "none"
        See :func:`portgeo.maps.new_map`.
    lang : {"zh", "en"}, default "zh"
        Language of the map's words.
    volumes : str, pathlib.Path or pandas.DataFrame, optional
        The user's annual port volumes.

    Returns
    -------
    PortgeoMap
    """
    m = start_column_map(spec, basemap=basemap, lang=lang)
    std = volume_standards_table(plan=spec.plan)
    legend: list[LegendEntry] = []
    t = m.lang
    body = table_html(std, columns=[c for c in std.columns if c != "category_zh"], lang=t)
    if volumes is None:
        body = ("<p><b>未提供运量数据，地图不判定达标与否。</b></p>"
                "<p>核查方法：按 <code>data/templates/port_volumes_template.csv</code> "
                "填写各口岸年运量，运行 <code>portgeo maps --volumes volumes.csv</code>。</p>"
                if t == "zh" else
                "<p><b>No volumes given</b>: the map shows the standards and the ports they "
                "apply to, and judges none.</p><p>To check: fill in "
                "<code>data/templates/port_volumes_template.csv</code> and run "
                "<code>portgeo maps --volumes file.csv</code>.</p>") + body  # fmt: skip
        legend = add_points_by_kind(m, layout_ports(spec.plan), noun_zh="口岸",
                                    noun_en="ports (no volumes given)", popup_fields=POPUP_LAYOUT,
                                    radius=4.5, label=False)  # fmt: skip
        extra = [lang_text("未提供运量数据 no volumes given", t)]
    else:
        checked = check_port_volumes(volumes, plan=spec.plan)
        located = checked[checked.geometry.notna()]
        for verdict, label in VERDICT_LABELS.items():
            sub = located[located["verdict"] == verdict]
            if sub.empty:
                continue
            style = fixed_marker_style(VOLUME_VERDICT_COLORS[verdict])
            label = lang_text(label, t)
            name = f"{label} ({len(sub)})"
            add_points(m, sub, layer_name=name, style=constant_style(style),
                       popup_fields=_POPUP_VOLUMES)  # fmt: skip
            legend.append(LegendEntry.from_marker_style(label, style).on(name))
        extra = [lang_text("运量来自用户提供的文件 volumes from the user's file", t)]
    add_info_panel(m, title=lang_text("年客货运量指标 standards", t), body_html=body, open_=True,
                   card=True)  # fmt: skip
    return finish_column_map(m, legend, plans=[spec.plan], extra=extra)
