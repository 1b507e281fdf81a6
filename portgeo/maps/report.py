"""Briefing reports for people: the airport admission check as one self-contained HTML page.

:func:`write_admission_report` writes a page with

* a short verdict table for the five admission criteria, under the chosen
  reading and the other one, each value and threshold with its unit (km, min, 条, 万人次) and the
  province gate one row per condition; a candidate that is itself an opened air port is
  headlined as such (the rule is for new openings), not as a plain "fail";
* the nearest opened air ports with straight-line and road measures;
* the map of :func:`portgeo.maps.admission_map.build_admission_map`: the candidate with its
  200 km circle and 2-hour drive catchment, nearby opened air ports with theirs, and the fastest
  road route to the nearest one by drive time;
* when given, the people the candidate would reach (人口可达, its own template
  ``population_reach.html.j2``).

The page speaks one language (``lang``: Chinese by default, English on request; never both in
one label): its labels are the two-language tables below, halved by
:func:`portgeo.maps.style.lang_text`, and the criteria's sentences come from the rule in that
language. Place names stay Chinese in English (the register has no English names).

The page's words are in :mod:`portgeo.maps.admission_words`, its map in
:mod:`portgeo.maps.admission_map`.

The map page is inlined (``<iframe srcdoc>``, scripts inlined by :func:`portgeo.maps.render_map`),
so the file opens without network access except for basemap tiles.
"""

from __future__ import annotations

import datetime as _dt
import logging
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from portgeo._output import printable, write_text_atomic
from portgeo.catalogue import load_catalogue
from portgeo.maps.admission_map import build_admission_map
from portgeo.maps.admission_words import (
    CRITERION_LABELS,
    REACH_LABELS,
    READING_LABELS,
    SETTING_LABELS,
    SOURCE_LABELS,
    VERDICT_LABELS,
    approximate_word,
    candidate_name_zh,
    criterion_value,
    format_quantity,
    open_ports_text,
    opened_headline,
)
from portgeo.maps.export import render_map
from portgeo.maps.style import (
    PALETTE,
    check_lang,
    lang_text,
)
from portgeo.rules.admission import (
    AdmissionResult,
    AdmissionRule,
    admission_plan,
    load_admission_rule,
)

__all__ = ["render_admission_report", "write_admission_report"]

logger = logging.getLogger(__name__)


def _vclass(v: Any) -> str:
    return {"pass": "v-pass", True: "v-pass", "fail": "v-fail", False: "v-fail"}.get(
        v, "v-incomplete"
    )


def _visible(value: Any) -> Any:
    """Show a value's control characters as escapes (a line break stays a line break).

    The report template's ``finalize``: every text value, a name from a user's file included,
    reaches the page as text (autoescape), with an ANSI escape or a bidi override written out
    (:func:`portgeo._output.printable`) rather than hidden in the page.
    """
    if isinstance(value, str) and not isinstance(value, Markup):
        return "\n".join(printable(part) for part in value.split("\n"))
    return value


_TEMPLATES = Environment(
    loader=PackageLoader("portgeo.maps", "templates"),
    autoescape=select_autoescape(["j2"]),
    finalize=_visible,
)


def render_admission_report(
    result: AdmissionResult,
    *,
    network: Any = None,
    rule: AdmissionRule | None = None,
    basemap: str = "none",
    reach: dict[str, Any] | None = None,
    lang: str = "zh",
) -> str:
    """Render the briefing page of an admission check (``templates/admission_report.html.j2``).

    Every string from the user or a file is escaped by the template (Jinja autoescape), and the
    map page goes into the ``srcdoc`` attribute escaped as an attribute value.

    Parameters
    ----------
    result : AdmissionResult
        From :func:`portgeo.rules.admission.check_airport`.
    network : object, optional
        The road network used for the check (for the map's catchments and route).
    rule : AdmissionRule, optional
        Thresholds (default from the catalogue).
    basemap : str, default "none"
        See :func:`portgeo.maps.new_map`.
    reach : dict, optional
        The people within reach (:meth:`portgeo.rules.candidate_reach.ReachCheck.report_section`).
    lang : {"zh", "en"}, default "zh"
        The page's language (Chinese by default); place names stay Chinese.

    Returns
    -------
    str
        A complete, self-contained HTML page.
    """
    rule = rule or load_admission_rule()
    lang = check_lang(lang)
    m = build_admission_map(result, network=network, rule=rule, basemap=basemap, lang=lang)
    net = result.network
    zh = lang == "zh"
    network_text = lang_text("无 none", lang)
    if net.get("source"):
        network_text = str(net["source"]) + (
            approximate_word(lang) if net.get("approximate") else ""
        )
    if net.get("speed_model") and not zh:
        network_text += f"; speed model: {net['speed_model']}; drive-time band: {net['drive_band']}"
    plan = admission_plan()
    cat = load_catalogue()
    col = cat.column_info(plan, cat.column_of(plan, "admission"))
    rule_title = (f"{cat.plan_title(plan)} {col['title_zh']}（航空口岸）" if zh else
                  f"{cat.plan(plan)['title_en']}, {col['title_en']} "
                  "(air ports)")  # fmt: skip
    words_zh = result.words_zh
    return _TEMPLATES.get_template("admission_report.html.j2").render(
        result=result,
        c=result.candidate,
        sp=result.spacing,
        ports=result.nearest_open_ports[:8],
        name_zh=candidate_name_zh(result),
        opened=opened_headline(result, lang),
        value=lambda crit: criterion_value(crit, rule, lang=lang),
        threshold=lambda crit: criterion_value(crit, rule, threshold=True, lang=lang),
        map_page=escape(render_map(m, self_contained=True)),  # escaped once, for srcdoc
        network_text=network_text,
        open_ports=open_ports_text(result, lang),
        approximate=bool(net.get("approximate")),
        setting_label=lang_text(
            SETTING_LABELS.get(result.candidate["setting"], str(result.candidate["setting"])), lang
        ),
        setting_source=lang_text(
            SOURCE_LABELS.get(
                result.candidate["setting_source"], str(result.candidate["setting_source"])
            ),
            lang,
        ),
        rule_title=rule_title,
        reading_note=rule.reading_note[lang].format(wording_zh=rule.wording_zh),
        lang=lang,
        t=lambda label: lang_text(label, lang),
        explanation=lambda c: c.explanation_zh if zh else c.explanation,
        margin_note=lambda c: c.margin_note_zh if zh else c.margin_note,
        spacing_text=words_zh.get("spacing", "") if zh else result.spacing["explanation"],
        notes=words_zh.get("notes", []) if zh else result.notes,
        today=_dt.date.today().isoformat(),
        p=PALETTE,
        vclass=_vclass,
        verdict_label=lambda v: lang_text(VERDICT_LABELS[v], lang),
        criterion_label=lambda cid: lang_text(CRITERION_LABELS.get(cid, str(cid)), lang),
        reach_label=lambda v: lang_text(REACH_LABELS[v], lang),
        reading_label=lambda r: lang_text(READING_LABELS.get(r, str(r)), lang),
        qty=format_quantity,
        reach=reach,
    )


def write_admission_report(
    result: AdmissionResult,
    path: str | Path,
    *,
    network: Any = None,
    rule: AdmissionRule | None = None,
    basemap: str = "none",
    reach: dict[str, Any] | None = None,
    lang: str = "zh",
) -> Path:
    """Write the self-contained HTML briefing of an admission check.

    Parameters
    ----------
    result : AdmissionResult
        From :func:`portgeo.rules.admission.check_airport`.
    path : str or Path
        Output file (missing parent folders are created; written atomically).
    network : object, optional
        The road network used for the check.
    rule : AdmissionRule, optional
        Thresholds (default from the catalogue).
    basemap : str, default "none"
        See :func:`portgeo.maps.new_map`.
    reach : dict, optional
        As in :func:`render_admission_report`.
    lang : {"zh", "en"}, default "zh"
        The page's language.

    Returns
    -------
    pathlib.Path
        The written file.
    """
    path = Path(path)
    page = render_admission_report(result, network=network, rule=rule, basemap=basemap,
                                   reach=reach, lang=lang)  # fmt: skip
    write_text_atomic(path, page, what="report")
    logger.info("wrote %s (%.0f kB)", path, path.stat().st_size / 1024)
    return path
