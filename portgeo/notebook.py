"""What every 专栏 notebook shares, in one call: its title, map, table and export.

A planner opens one notebook per 专栏 (its ``slug`` in ``data/plans/columns.csv``, plus one per
plan comparison). Each starts with its question, then one call, :func:`show_column`, which
builds the 专栏's map and table from the registry and shows what every 专栏 shows: title, map,
a project 专栏's counts, the 专栏 as printed, and the exported map's path. What follows is the
专栏's own analysis (:mod:`portgeo.summaries`) on the view it returns, shown with
:func:`show_table`::

    view = show_column("n14_c03_border")           # title, map, table, export
    show_table(summaries.border_gaps(view.plan))   # the 专栏's own numbers

:func:`open_column` opens a 专栏 without showing it (``view.show()``, ``view.export()``).

Tables are made readable in one place, :func:`readable_table`: Chinese headers
(:data:`HEADERS`), the plans' words for catalogue codes (from :mod:`portgeo.maps.style` and
``data/belt_regions.csv``), no NaN. The basemap defaults to the environment variable
``PORTGEO_BASEMAP`` or ``none``; exports go to the folder given, else ``PORTGEO_MAPS_DIR``, else a
temporary folder: never into the repository's ``maps/`` unless asked.
"""

from __future__ import annotations

import functools
import html
import logging
import math
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from portgeo.catalogue import load_catalogue, load_entities
from portgeo.layout.neighbours import load_belt_regions
from portgeo.maps.components import PortgeoMap, check_basemap
from portgeo.maps.export import display_map, save_map
from portgeo.maps.recipes.common import ColumnMap, column_map, column_table
from portgeo.maps.registry import MapSpec, build_map, map_specs
from portgeo.maps.style import (
    ACTION_LABELS,
    KIND_LABELS,
    OPENING_LABELS,
    PARTNER_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
)
from portgeo.rules.compare import CHANGE_LABELS
from portgeo.rules.volumes import CATEGORIES, VERDICT_LABELS
from portgeo.summaries import changed_ports, comparison_pair, project_counts

__all__ = [
    "BASEMAP_ENV",
    "HEADERS",
    "MAPS_DIR_ENV",
    "ColumnView",
    "default_basemap",
    "export_folder",
    "open_column",
    "readable_column_table",
    "readable_table",
    "show_column",
    "show_table",
    "value_labels",
]

log = logging.getLogger(__name__)

#: Environment variable naming the notebooks' basemap (default ``none``: no tiles, offline).
BASEMAP_ENV = "PORTGEO_BASEMAP"
#: Environment variable naming the folder the notebooks export their maps to.
MAPS_DIR_ENV = "PORTGEO_MAPS_DIR"

#: Chinese header of every column the notebooks show (catalogue fields and summary columns).
HEADERS: dict[str, str] = {
    # the catalogue
    "seq": "序号", "section": "分组", "name_zh": "名称", "name_en": "英文名", "kind": "类别",
    "mode": "方式", "role": "定位", "region": "区域", "neighbor": "邻国（地区）",
    "status": "状态", "city_zh": "城市", "action": "措施", "text_zh": "规划原文",
    "located": "已落点", "total": "合计",
    # sea layout
    "region_zh": "区域", "alias_zh": "别称", "n_main": "主要口岸数", "n_regional": "区域性口岸数",
    "main_ports": "主要口岸", "regional_ports": "区域性口岸", "coast_km": "岸线长度 (km)",
    "hull_area_km2": "港群范围面积 (km²)", "positioning_zh": "功能定位",
    # changes between plans
    "change": "变化", "detail": "说明", "role_old": "原定位", "role_new": "新定位",
    "status_old": "原状态", "status_new": "新状态", "region_old": "原区域",
    "region_new": "新区域", "shared": "共有口岸数", "n_old": "原口岸数", "n_new": "新口岸数",
    # border layout
    "level": "层级", "boundary_km": "边界长度 (km)", "n_parts": "段数",
    "road_listed": "公路口岸（已列入）", "road_planned": "公路口岸（规划）",
    "rail_listed": "铁路口岸（已列入）", "rail_planned": "铁路口岸（规划）",
    "crossings": "口岸合计", "longest_gap_km": "最长无已列入口岸段 (km)", "part": "段",
    "from_name": "起（已列入口岸）", "to_name": "止（已列入口岸）", "start_km": "起点 (km)",
    "end_km": "止点 (km)", "length_km": "长度 (km)",
    # air layout
    "tier": "等级", "airports": "机场", "circle_km2": "直线范围面积 (km²)",
    "time_km2": "车程范围面积 (km²)", "overlap_km2": "与其他枢纽重叠面积 (km²)",
    "n_overlapping": "重叠枢纽数", "hub_a": "枢纽甲", "hub_b": "枢纽乙", "area_km2": "面积 (km²)",
    "share_a": "占枢纽甲 (%)", "share_b": "占枢纽乙 (%)", "measure": "测度",
    "threshold": "阈值", "unit": "单位", "share": "占全国 (%)",
    # indicators, admission, volumes
    "reflects_zh": "反映", "considers_zh": "考虑要素", "entries": "条目数", "sites": "地点数",
    "listed": "已列入", "planned": "规划", "criterion": "条件", "setting_zh": "适用",
    "value": "数值", "note": "说明", "source": "来源", "category_zh": "类别",
    "cargo_10k_tonnes": "货运量 (万吨)", "passengers_10k": "人员 (万人次)", "column": "列",
    "description": "说明",
    # a user's volumes, checked
    "entity_id": "编号", "category": "类别", "year": "年份", "accepted_year": "验收年份",
    "border_port": "边境口岸", "cargo_standard": "货运量标准 (万吨)",
    "passengers_standard": "人员标准 (万人次)", "cargo_ok": "货运量达标",
    "passengers_ok": "人员达标", "verdict": "结论", "verdict_text": "说明",
}  # fmt: skip

#: Labels of values the notebooks' tables have and the maps do not (the rest are in
#: :mod:`portgeo.maps.style` and ``data/belt_regions.csv``).
_TABLE_VALUES: dict[str, dict[str, str]] = {
    "level": {"neighbor": "邻国", "region": "区域", "total": "合计"},
    "measure": {"circle": "直线距离范围外", "time": "车程范围外", "both": "两者均在范围外"},
    "unit": {"km": "公里", "min": "分钟"},
}


def _zh(label: str) -> str:
    """Return the Chinese part of a bilingual label (``"海港 sea"`` → ``"海港"``)."""
    return label.split(" ", 1)[0]


@functools.lru_cache(maxsize=1)
def value_labels() -> dict[str, dict[str, str]]:
    """Return the plans' words for the catalogue codes, by the column they appear in.

    Returns
    -------
    dict of str to dict of str to str
        E.g. ``{"status": {"listed": "已列入", "planned": "规划"}, "neighbor": {"RUS": "俄罗斯",
        ...}, ...}``: kinds and modes, statuses, roles, actions and changes from
        :mod:`portgeo.maps.style`, :data:`portgeo.rules.compare.CHANGE_LABELS` and
        :mod:`portgeo.rules.volumes` (categories, verdicts); neighbours
        from ``data/belt_regions.csv`` (Hong Kong and Macao from
        :data:`portgeo.maps.style.PARTNER_LABELS`).
    """
    kinds = {k: _zh(v) for k, v in KIND_LABELS.items()}
    status = {k: _zh(v) for k, v in STATUS_LABELS.items()}
    roles = {k: _zh(v) for k, v in ROLE_LABELS.items()}
    belt = load_belt_regions()
    neighbours = dict(zip(belt["neighbor"], belt["name_zh"], strict=True))
    neighbours |= {k: _zh(v) for k, v in PARTNER_LABELS.items()}
    return {
        "kind": kinds, "mode": kinds, "status": status, "status_old": status,
        "opening_state": {k: _zh(v) for k, v in OPENING_LABELS.items()},
        "status_new": status, "role": roles, "role_old": roles, "role_new": roles, "tier": roles,
        "action": {k: _zh(v) for k, v in ACTION_LABELS.items()},
        "neighbor": neighbours, "change": {k: _zh(v) for k, v in CHANGE_LABELS.items()},
        "category": dict(CATEGORIES), "verdict": {k: _zh(v) for k, v in VERDICT_LABELS.items()},
        **_TABLE_VALUES,
    }  # fmt: skip


def _header(col: Any) -> str:
    """Chinese header of a column: :data:`HEADERS`, else a vocabulary word (crosstab columns)."""
    key = str(col)
    if key in HEADERS:
        return HEADERS[key]
    for vocab in value_labels().values():
        if key in vocab:
            return vocab[key]
    return key


def _is_missing(v: Any) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    return isinstance(v, float) and math.isnan(v)


def readable_table(df: pd.DataFrame, *, headers: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Turn a table of codes into the plans' words, with Chinese headers and no NaN.

    Parameters
    ----------
    df : pandas.DataFrame
        A catalogue or summary table (English column names, catalogue codes).
    headers : mapping, optional
        Headers to use instead of :data:`HEADERS` for some columns.

    Returns
    -------
    pandas.DataFrame
        A copy: codes in known columns replaced by :func:`value_labels` (``RUS`` → 俄罗斯,
        ``planned`` → 规划, ``main`` → 主要口岸, ...), a first-column ``total`` by 合计, booleans
        by 是/否, missing text by an empty string and missing numbers by ``—``; headers from
        ``headers``, then :data:`HEADERS`, then the vocabularies (crosstab columns such as
        ``upgrade``). A meaningful index (not a plain range) becomes the first column.
    """
    out = df.copy()
    if not isinstance(out.index, pd.RangeIndex):
        out = out.reset_index()
    labels = value_labels()
    for i, col in enumerate(list(out.columns)):
        s = out[col]
        vocab = labels.get(str(col))
        if pd.api.types.is_bool_dtype(s):
            s = s.astype(object).map(lambda v: v if _is_missing(v) else ("是" if v else "否"))
        elif vocab is not None or i == 0:
            words = {**(vocab or {}), "total": "合计"}
            s = s.map(lambda v, w=words: w.get(v, v) if isinstance(v, str) else v)
        if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
            out[col] = s if not s.isna().any() else s.astype(object).where(s.notna(), "—")
        else:
            out[col] = s.astype(object).map(lambda v: "" if _is_missing(v) else v)
    names = {**HEADERS, **(headers or {})}
    out.columns = [names.get(str(c)) or _header(c) for c in out.columns]
    return out


def readable_column_table(plan: str, column: int) -> pd.DataFrame:
    """Return a 专栏 as printed, in the plans' words with Chinese headers.

    Parameters
    ----------
    plan : str
        Plan id.
    column : int
        专栏 number.

    Returns
    -------
    pandas.DataFrame
        :func:`portgeo.maps.column_table` through :func:`readable_table`, with kind and mode
        merged into one 方式 column (a project's mode, else the port's kind).
    """
    t = column_table(plan, column)
    if "kind" in t.columns:
        mode = t["mode"] if "mode" in t.columns else pd.Series(None, index=t.index, dtype=object)
        merged = mode.where(mode.notna(), t["kind"])
        at = list(t.columns).index("kind")
        t = t.drop(columns=[c for c in ("kind", "mode") if c in t.columns])
        t.insert(at, "mode", merged)
    return readable_table(t)


def _fmt_cell(v: Any) -> str:
    if isinstance(v, bool) or _is_missing(v):
        return "" if _is_missing(v) else str(v)
    if isinstance(v, int) or (hasattr(v, "dtype") and pd.api.types.is_integer_dtype(v.dtype)):
        return f"{int(v):,}"
    if isinstance(v, float):
        return f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.1f}"
    return str(v)


def show_table(df: pd.DataFrame, *, caption: str | None = None, readable: bool = True) -> None:
    """Display a table in a notebook: the plans' words, numbers with separators, text wrapped.

    Parameters
    ----------
    df : pandas.DataFrame
        A catalogue or summary table.
    caption : str, optional
        Shown above the table.
    readable : bool, default True
        Pass the table through :func:`readable_table` first (False: it already is).
    """
    from IPython.display import display

    t = readable_table(df) if readable else df
    styler = (t.style.hide(axis="index").format(_fmt_cell, escape="html")
              .format_index(escape="html", axis=1).set_table_styles(
        [{"selector": "td, th", "props": "text-align: left; white-space: normal; "
                                         "vertical-align: top; max-width: 40em"}]))  # fmt: skip
    if caption:
        styler = styler.set_caption(html.escape(caption))
    display(styler)


def default_basemap() -> str:
    """Return the notebooks' basemap: ``$PORTGEO_BASEMAP``, or ``none`` (no tiles, offline).

    Returns
    -------
    str

    Raises
    ------
    portgeo.maps.BasemapError
        The variable names an unknown basemap (or ``tianditu`` without ``TIANDITU_KEY``).
    """
    basemap = os.environ.get(BASEMAP_ENV, "").strip() or "none"
    check_basemap(basemap)
    return basemap


@functools.lru_cache(maxsize=1)
def _session_folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="portgeo-maps-"))


def export_folder(folder: str | Path | None = None) -> Path:
    """Return where a notebook exports its map: the folder given, ``$PORTGEO_MAPS_DIR``, or a temp folder.

    Parameters
    ----------
    folder : str or pathlib.Path, optional
        A folder the user names.

    Returns
    -------
    pathlib.Path
        Created if missing. Without ``folder`` and ``PORTGEO_MAPS_DIR``, one temporary folder per
        session: exports never write over the repository's ``maps/`` unless asked to.
    """
    if folder is None:
        env = os.environ.get(MAPS_DIR_ENV, "").strip()
        out = Path(env).expanduser() if env else _session_folder()
    else:
        out = Path(folder).expanduser()
    out.mkdir(parents=True, exist_ok=True)
    return out


@dataclass
class ColumnView:
    """A 专栏 (or a plan comparison) ready to show: its registry entry, map and table.

    Attributes
    ----------
    spec : MapSpec
        The map's entry in :func:`portgeo.maps.map_specs` (slug, plan, title).
    column : ColumnMap or None
        The 专栏's row of ``data/plans/columns.csv`` (None for a plan comparison).
    map : PortgeoMap
        The built map.
    table : pandas.DataFrame
        The 专栏 as printed (:func:`readable_column_table`); for a comparison, the changed ports.
    basemap : str
        The basemap the map was built with.
    """

    spec: MapSpec
    column: ColumnMap | None
    map: PortgeoMap = field(repr=False)
    table: pd.DataFrame = field(repr=False)
    basemap: str

    @property
    def slug(self) -> str:
        """The 专栏's slug (the notebook's and the map file's name)."""
        return self.spec.slug

    @property
    def plan(self) -> str:
        """Plan id (the newer plan of a comparison)."""
        return self.spec.plan

    @property
    def number(self) -> int | None:
        """The 专栏 number, or None for a comparison."""
        return self.spec.column

    @property
    def title(self) -> str:
        """Title as the map shows it: the plan's short name, 专栏 and title, from the registry."""
        return self.spec.title

    @property
    def plan_title(self) -> str:
        """The plan's title as printed, with its year."""
        return load_catalogue().plan_title(self.plan)

    @property
    def comparison(self) -> str:
        """Which plans the 专栏's changes compare, e.g. ``《…》(2016) → 《…》(2021)``.

        Empty when the plan is compared with none (:func:`portgeo.summaries.comparison_pair`).
        """
        pair = comparison_pair(self.plan)
        if pair is None:
            return ""
        cat = load_catalogue()
        return f"{cat.plan_title(pair[0])} → {cat.plan_title(pair[1])}"

    def show(self, *, height: int = 620, snapshot: bool = True) -> None:
        """Display the title and the map (offline; Leaflet inlined, no CDN).

        Parameters
        ----------
        height : int, default 620
            Map frame height in pixels.
        snapshot : bool, default True
            Also store a static picture of the map, which a reopened notebook shows where Lab
            does not trust it (see :func:`portgeo.maps.display_map`; needs Chromium).
        """
        from IPython.display import HTML, display

        lines = [self.plan_title] + ([self.column.subtitle] if self.column is not None else [])
        display(HTML(f"<h3>{html.escape(self.title)}</h3>"
                     + "".join(f"<p>{html.escape(t)}</p>" for t in lines)))  # fmt: skip
        display(display_map(self.map, height=height, snapshot=snapshot))

    def tallies(self) -> dict[str, pd.DataFrame]:
        """Count a project 专栏's entries: by mode and action, and by city where it names cities.

        Returns
        -------
        dict of str to pandas.DataFrame
            Caption (with the number of projects) → :func:`portgeo.summaries.project_counts`
            table (catalogue codes; :func:`show_table` makes it readable). Empty unless every
            entry of the 专栏 is a project or programme (kind ``project``): a layout, a rule or a
            comparison is counted by its own analysis, in its notebook.
        """
        if self.number is None:
            return {}
        ents = load_entities(plan=self.plan, column=self.number)
        if ents.empty or not (ents["kind"] == "project").all():
            return {}
        out: dict[str, pd.DataFrame] = {}
        counts = project_counts(self.plan, self.number, by=("mode", "action"))
        n = int(counts["total"].iloc[-1])
        out[f"{n} 个项目 projects, 按方式和措施 by mode and action"] = counts
        if ents["city_zh"].notna().any():
            by_city = project_counts(self.plan, self.number, by=("city_zh", "mode"))
            out[f"{n} 个项目 projects, 按城市和方式 by city and mode"] = by_city
        return out

    def export(self, folder: str | Path | None = None) -> Path:
        """Write the map as one self-contained HTML file (no network but basemap tiles).

        Parameters
        ----------
        folder : str or pathlib.Path, optional
            Where to write; see :func:`export_folder` (default ``$PORTGEO_MAPS_DIR`` or a
            temporary folder, never the repository's ``maps/`` unless asked).

        Returns
        -------
        pathlib.Path
            ``<folder>/<slug>.html``.
        """
        return save_map(self.map, export_folder(folder) / f"{self.slug}.html", self_contained=True)


def open_column(slug: str, *, basemap: str | None = None, **options: Any) -> ColumnView:
    """Open a 专栏 (or a plan comparison) by its slug: its map, table and title from the registry.

    Parameters
    ----------
    slug : str
        A ``slug`` of ``data/plans/columns.csv`` (e.g. ``"n14_c03_border"``) or of a comparison
        (``"n13_n14_comparison"``); see :func:`portgeo.maps.map_specs`.
    basemap : str, optional
        Default :func:`default_basemap` (``$PORTGEO_BASEMAP`` or ``none``).
    **options
        Passed to the map's recipe (e.g. ``network=`` for an air layout, ``volumes=`` for the
        volume standards).

    Returns
    -------
    ColumnView

    Raises
    ------
    portgeo.errors.InputError
        Unknown slug (the message lists the known ones), or unknown basemap.
    """
    specs = map_specs()
    basemap = basemap or default_basemap()
    check_basemap(basemap)
    m = build_map(slug, basemap=basemap, **options)  # InputError for an unknown slug
    spec = specs[slug]
    if spec.column is None:
        col = None
        pair = comparison_pair(spec.plan) or (None, None)
        changes = [c for c in CHANGE_LABELS if c != "unchanged"]
        table = readable_table(changed_ports(*pair, changes=changes))
    else:
        col = column_map(spec.plan, spec.column)
        table = readable_column_table(spec.plan, spec.column)
    log.info("opened %s (%s) on basemap %s", slug, spec.title, basemap)
    return ColumnView(spec=spec, column=col, map=m, table=table, basemap=basemap)


def show_column(
    slug: str,
    *,
    basemap: str | None = None,
    export: bool = True,
    folder: str | Path | None = None,
    height: int = 620,
    snapshot: bool = True,
    **options: Any,
) -> ColumnView:
    """Open a 专栏 and show what every 专栏 notebook shows: the one opening call of a notebook.

    In order: the title and the map (:meth:`ColumnView.show`); a project 专栏's counts
    (:meth:`ColumnView.tallies`); the 专栏 as printed (:attr:`ColumnView.table`; for a plan
    comparison, the changed ports); the path of the exported map (:meth:`ColumnView.export`).
    What follows in a notebook is the 专栏's own analysis, on the view returned.

    The map is offline: the basemap is ``$PORTGEO_BASEMAP`` (default ``none``: no tiles), and the
    export goes to ``folder``, else ``$PORTGEO_MAPS_DIR``, else a temporary folder
    (:func:`export_folder`), never into the repository's ``maps/`` unless asked.

    Parameters
    ----------
    slug : str
        A ``slug`` of ``data/plans/columns.csv`` or of a plan comparison (see :func:`open_column`).
    basemap : str, optional
        Default :func:`default_basemap`.
    export : bool, default True
        Write the map as one self-contained HTML file and show its path and size.
    folder : str or pathlib.Path, optional
        Where to export (see :func:`export_folder`).
    height : int, default 620
        Map frame height in pixels.
    snapshot : bool, default True
        Also store a static picture of the map (see :meth:`ColumnView.show`).
    **options
        Passed to the map's recipe (e.g. ``network=``, ``volumes=``).

    Returns
    -------
    ColumnView
        The opened 专栏, for the notebook's own analysis (``view.plan``, ``view.number``, ...).

    Raises
    ------
    portgeo.errors.InputError
        Unknown slug or basemap (see :func:`open_column`).
    """
    from IPython.display import HTML, display

    view = open_column(slug, basemap=basemap, **options)
    view.show(height=height, snapshot=snapshot)
    for caption, counts in view.tallies().items():
        show_table(counts, caption=caption)
    n = len(view.table)
    if view.column is None:
        show_table(view.table, readable=False,
                   caption=f"{n} 个口岸有变化 ports changed: {view.comparison}")  # fmt: skip
    elif n:
        show_table(view.table, readable=False,
                   caption=f"专栏原文 The 专栏 as printed: {n} 条 entries, in the plan's order and "
                           "words (已落点: it has a point on the map)")  # fmt: skip
    else:
        display(HTML("<p>此专栏未列口岸或项目 The 专栏 lists no port or project.</p>"))
    if export:
        path = view.export(folder)
        size = path.stat().st_size / 1e6
        display(HTML(f"<p>地图已导出 map exported: {html.escape(str(path))} ({size:.1f} MB)</p>"))
    return view
