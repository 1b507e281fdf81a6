"""Text panels on a map: the 专栏's own structure for columns that are lists of programmes.

Some columns (the 14th plan's indicator system, admission standards, volume standards, smart
programmes) are mostly text. :func:`add_info_panel` shows that text on the map in a collapsible
box so the map page carries the whole column, not only what has a point.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd
from branca.element import MacroElement

from portgeo._data import is_blank
from portgeo.maps.components import HtmlControl, PortgeoMap
from portgeo.maps.draw import field_label, value_in
from portgeo.maps.style import text as words

__all__ = ["add_info_panel", "table_html"]


def table_html(
    df: pd.DataFrame,
    *,
    columns: Sequence[str] | None = None,
    max_rows: int = 200,
    lang: str = "zh",
) -> str:
    """Render a small DataFrame as an escaped HTML table for a panel.

    Parameters
    ----------
    df : pandas.DataFrame
        Rows to show.
    columns : sequence of str, optional
        Columns to show (default all).
    max_rows : int, default 200
        Cut after this many rows (a final row says how many were left out).
    lang : {"zh", "en"}, default "zh"
        Language of the headers and of the plan's codes.

    Returns
    -------
    str
        HTML ``<table>``.
    """
    cols = list(columns) if columns is not None else list(df.columns)
    out = ['<table class="pg-table"><tr>']
    out += [f"<th>{html.escape(field_label(str(c), lang))}</th>" for c in cols]
    out.append("</tr>")
    for _, row in df.head(max_rows).iterrows():
        cells = []
        for c in cols:
            text = "" if is_blank(row.get(c)) else value_in(row, str(c), lang)
            cells.append(f"<td>{html.escape(text)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    if len(df) > max_rows:
        more = words("more_rows", lang, n=len(df) - max_rows)
        out.append(f'<tr><td colspan="{len(cols)}">{html.escape(more)}</td></tr>')
    out.append("</table>")
    return "".join(out)


def add_info_panel(
    m: PortgeoMap,
    *,
    title: str,
    body_html: str,
    position: str = "topleft",
    open_: bool = True,
    card: bool = False,
) -> MacroElement:
    """Add a collapsible text panel (``<details>``) to the map.

    Parameters
    ----------
    m : PortgeoMap
        Target map.
    title : str
        Panel heading (always visible; click to fold).
    body_html : str
        Panel content; the caller escapes any plan text (see :func:`table_html`).
    position : str, default "topleft"
        Leaflet control corner.
    open_ : bool, default True
        Whether the panel starts unfolded.
    card : bool, default False
        The 专栏's main content (a column of text or few sites): wider, kept in print, and the
        map opens beside it.

    Returns
    -------
    branca.element.MacroElement
        The control (class ``portgeo-panel``).
    """
    content = (
        f"<details{' open' if open_ else ''}><summary>{html.escape(title)}</summary>"
        f'<div class="pg-panel-body">{body_html}</div></details>'
    )
    css = "portgeo-panel pg-card leaflet-control" if card else "portgeo-panel leaflet-control"
    ctrl = HtmlControl(css_class=css, position=position, html_fn=lambda: content,
                       name="InfoPanel")  # fmt: skip
    ctrl.add_to(m)
    return ctrl
