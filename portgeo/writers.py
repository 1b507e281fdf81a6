"""One result, the chosen writer: terminal lines, JSON, or the HTML briefing.

The library answers a request with a result object (:class:`~portgeo.rules.admission.AdmissionCheck`);
what the user sees of it is chosen here, once, by :class:`CheckOutput`: the HTML report written
to a file (:mod:`portgeo.maps.report`) and the text for the terminal, either the readable lines
(:func:`portgeo.rules.admission.text.format_check`) or one JSON object. The command line prints
what :func:`render_check` returns; a notebook can call the same function.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from portgeo._output import json_text
from portgeo.maps.report import write_admission_report
from portgeo.rules.admission.request import AdmissionCheck
from portgeo.rules.admission.text import format_check

__all__ = ["CheckOutput", "render_check"]


@dataclass(frozen=True)
class CheckOutput:
    """How a check is shown.

    Attributes
    ----------
    json : bool
        One JSON object instead of readable lines.
    report : str or pathlib.Path, optional
        Also write the self-contained HTML briefing here.
    basemap : str
        The report map's first base (see :func:`portgeo.maps.new_map`).
    lang : {"zh", "en"}
        The report's language (Chinese by default); the terminal lines and the JSON are English.
    """

    json: bool = False
    report: str | Path | None = None
    basemap: str = "none"
    lang: str = "zh"


def render_check(check: AdmissionCheck, output: CheckOutput) -> list[str]:
    """Write the report if asked, and return the lines to print.

    Parameters
    ----------
    check : AdmissionCheck
        From :func:`portgeo.rules.admission.run_check`.
    output : CheckOutput

    Returns
    -------
    list of str
        The terminal text, one line each: the JSON object's lines (its strings' control
        characters already escaped) or the readable lines.
    """
    if output.report is not None:
        write_admission_report(check.result, output.report, network=check.router,
                               rule=check.rule, basemap=output.basemap, lang=output.lang)  # fmt: skip
    if output.json:
        return json_text(check.result.to_dict()).split("\n")
    return [*format_check(check.result),
            *([f"report: {output.report}"] if output.report is not None else [])]  # fmt: skip
