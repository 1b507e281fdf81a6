"""Recipe of the plan-to-baseline comparison map: each layout port by how it changed."""

from __future__ import annotations

from portgeo.catalogue import load_catalogue
from portgeo.layout.reference import reference_scope
from portgeo.maps.boundary import add_china_boundary
from portgeo.maps.components import PortgeoMap, new_map
from portgeo.maps.draw import add_points
from portgeo.maps.recipes.common import finish_column_map
from portgeo.maps.reference import add_reference_layer
from portgeo.maps.style import (
    CHANGE_COLORS,
    LABEL_RANKS,
    VALUE_LABELS,
    LegendEntry,
    constant_style,
    fixed_marker_style,
    lang_text,
)
from portgeo.rules.compare import CHANGE_LABELS, compare_plans

__all__ = ["build_comparison", "comparison_title"]


def comparison_title(old: str, new: str) -> str:
    """Return the comparison map's title, from the plans' short names in ``plans.csv``.

    Parameters
    ----------
    old, new : str
        Plan ids.

    Returns
    -------
    str
    """
    cat = load_catalogue()
    return f"{cat.plan(old)['short_zh']}→{cat.plan(new)['short_zh']} 口岸布局变化"


def _plan_words(detail: object, lang: str = "zh") -> object:
    """Say a change in the plans' words: ``regional → main`` → ``区域性口岸 → 主要口岸``."""
    if not isinstance(detail, str) or "→" not in detail:
        return detail
    words = []
    for part in detail.split("→"):
        code = part.strip()
        label = VALUE_LABELS["role"].get(code) or VALUE_LABELS["status"].get(code)
        words.append(lang_text(label, lang) if label else code)
    return " → ".join(words)


def build_comparison(old: str, new: str, *, basemap: str = "none", lang: str = "zh") -> PortgeoMap:
    """Draw how a plan's layout changed from its baseline: promoted, added, renamed, started, dropped.

    Parameters
    ----------
    old, new : str
        Baseline and plan ids.
    basemap : str, default "none"
        See :func:`portgeo.maps.new_map`.
    lang : {"zh", "en"}, default "zh"

    Returns
    -------
    PortgeoMap
    """
    cat = load_catalogue()
    if lang == "en":
        title = f"{cat.plan(old)['title_en']} → {cat.plan(new)['title_en']}"
        subtitle = "promoted, added, renamed, started, dropped"
    else:
        title, subtitle = comparison_title(old, new), "升格、新增、更名、启动、删减"
    m = new_map(title=title, subtitle=subtitle, basemap=basemap, lang=lang)
    add_china_boundary(m, provinces=True)
    add_reference_layer(m, scope=reference_scope(new))
    diff = compare_plans(old, new, lang=lang)
    diff["detail"] = diff["detail"].map(lambda d: _plan_words(d, lang))
    short = {"13": cat.plan(old)["short_zh"], "14": cat.plan(new)["short_zh"]}
    labels = {f"{f}_{k}": f"{name}{word}" if lang == "zh" else f"{k}th plan: {f}"
              for k, name in short.items()
              for f, word in (("name", "名称"), ("role", "定位"), ("status", "状态"))}  # fmt: skip
    legend: list[LegendEntry] = []
    for change, label in CHANGE_LABELS.items():
        sub = diff[(diff["change"] == change) & diff.geometry.notna()]
        if sub.empty:
            continue
        style = fixed_marker_style(CHANGE_COLORS[change], radius=4 if change == "unchanged" else 7,
                                   weight=1.0)  # fmt: skip
        label = lang_text(label, lang)
        name = f"{label} ({len(sub)})"
        add_points(m, sub, layer_name=name, style=constant_style(style),
                   popup_fields=("detail", "kind", "name_13", "name_14", "role_13", "role_14",
                                 "status_13", "status_14"), field_labels=labels,
                   show=change != "unchanged", label=change != "unchanged",
                   label_rank=LABEL_RANKS["port"])  # fmt: skip
        legend.append(LegendEntry.from_marker_style(label, {**style, "color": CHANGE_COLORS[change]})
                      .on(name))  # fmt: skip
    return finish_column_map(m, legend, plans=[old, new])
