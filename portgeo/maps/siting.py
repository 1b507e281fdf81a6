"""The sites a siting search chose, as a layer of any map (the air-port admission map among them).

:func:`add_siting_layer` draws a :class:`~portgeo.rules.siting.SitingResult`'s ranked sites as
one toggleable layer of points labelled by rank, each with its people added, cumulative share,
nearest place, province and the spacing verdict in its popup, and returns the legend entry the
caller adds with the map's other entries (a recipe keeps its one legend). The words are in the
map's language (one language per map).
"""

from __future__ import annotations

import geopandas as gpd

from portgeo.maps.admission_words import READING_LABELS
from portgeo.maps.components import PortgeoMap
from portgeo.maps.draw import add_points
from portgeo.maps.style import (
    SITING_COLOR,
    LegendEntry,
    constant_style,
    fixed_marker_style,
    lang_text,
)
from portgeo.rules.siting import SitingResult

__all__ = ["SITING_LAYER", "add_siting_layer", "siting_points"]

#: Name of the layer in the layer control (Chinese, one space, English: :func:`lang_text`).
SITING_LAYER = "选址搜索 siting search"
#: The spacing verdict of a chosen site, in Chinese.
_SPACING_ZH = {"admitted": "满足", "REFUSED": "不满足", "unknown": "无法判定"}


def siting_points(result: SitingResult, *, lang: str = "zh") -> gpd.GeoDataFrame:
    """Return the chosen sites as points with the columns a map's popup shows.

    Parameters
    ----------
    result : SitingResult
    lang : {"zh", "en"}, default "zh"
        Language of the popup's text.

    Returns
    -------
    geopandas.GeoDataFrame
        :meth:`SitingResult.layer` with ``name_zh`` (rank and nearest place) and ``text_zh``
        (people added, cumulative share, spacing verdict, the population's source).
    """
    gdf = result.layer()
    if lang == "zh":  # a place without a Chinese name is not written in Latin letters
        gdf["name_zh"] = [f"#{r} {p}" if p else f"#{r} 新选址"
                          for r, p in zip(gdf["rank"], gdf["nearest_place_zh"], strict=True)]  # fmt: skip
    else:
        gdf["name_zh"] = [
            f"#{r} {p}" for r, p in zip(gdf["rank"], gdf["nearest_place"], strict=True)
        ]
    rows = zip(gdf["rank"], gdf["province"], gdf["people_added"], gdf["share_of_unserved"],
               gdf["distance_km"], gdf["drive_min"], gdf["spacing"], strict=True)  # fmt: skip
    pop, limit = result.population, result.national.spacing.rule.min_drive_min
    if lang == "zh":
        gdf["text_zh"] = [
            f"第{r}个新选址（{v or '省份不明'}）：新增覆盖{a:,.0f}人，累计占尚未覆盖人口的{c:.1%}；"
            f"距最近已开放航空口岸或先选站点{d:,.0f}公里，"
            f"{f'车程{t:,.0f}分钟' if t == t else f'{limit:g}分钟车程内无'}；"
            f"间距规则{_SPACING_ZH.get(s, s)}；{pop.title_zh()}"
            for r, v, a, c, d, t, s in rows
        ]  # fmt: skip
    else:
        gdf["text_zh"] = [
            f"site {r} ({v or 'province unknown'}): people added {a:,.0f}; cumulative {c:.1%} of "
            f"those not yet within reach; {d:,.0f} km to the nearest opened port or earlier "
            f"site, {f'{t:,.0f} min drive' if t == t else f'none within {limit:g} min drive'}; "
            f"spacing {s}; {pop.caveat}"
            for r, v, a, c, d, t, s in rows
        ]  # fmt: skip
    return gdf


def add_siting_layer(
    m: PortgeoMap, result: SitingResult, *, layer_name: str = SITING_LAYER, show: bool = True
) -> list[LegendEntry]:
    """Draw a siting search's chosen sites on a map.

    Parameters
    ----------
    m : PortgeoMap
        A map from :func:`portgeo.maps.components.new_map` (e.g. the admission map).
    result : SitingResult
        From :func:`portgeo.rules.siting.run_siting`.
    layer_name : str
        Two languages (``"中文 English"``); the map shows its own language.
    show : bool, default True

    Returns
    -------
    list of LegendEntry
        The layer's legend entry, for the caller's :func:`portgeo.maps.components.add_legend`
        (none when the search chose no site: no layer is drawn).
    """
    style = fixed_marker_style(SITING_COLOR, radius=8.0, weight=1.5)
    gdf = siting_points(result, lang=m.lang)
    n = len(gdf)
    layer = f"{lang_text(layer_name, m.lang)} ({n})"
    if n:
        add_points(m, gdf, layer_name=layer, style=constant_style(style), show=show,
                   popup_fields=("text_zh",),
                   merge_same_place=False, label_rank=1)  # fmt: skip
    reading = lang_text(READING_LABELS[result.reading], "zh")
    label = (f"新选址（选址搜索前{n}个，{reading}，按新增覆盖人口排序）" if m.lang == "zh"
             else f"chosen sites (siting search, first {n}, reading {result.reading})")  # fmt: skip
    return [LegendEntry.from_marker_style(label, style).on(layer)] if n else []
