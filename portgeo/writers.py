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
from portgeo.rules.candidate_reach import ReachCheck

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
    """

    json: bool = False
    report: str | Path | None = None
    basemap: str = "none"


def render_check(check: AdmissionCheck, output: CheckOutput) -> list[str]:
    """Write the report if asked, and return the lines to print.

    Parameters
    ----------
    check : AdmissionCheck
        From :func:`portgeo.rules.admission.run_check`, or a :class:`ReachCheck` from
        :func:`portgeo.rules.candidate_reach.run_check_reach` (its reach is shown too).
    output : CheckOutput

    Returns
    -------
    list of str
        The terminal text, one line each: the JSON object's lines (its strings' control
        characters already escaped) or the readable lines.
    """
    reach = check if isinstance(check, ReachCheck) else None
    if output.report is not None:
        write_admission_report(check.result, output.report, network=check.router,
                               rule=check.rule, basemap=output.basemap,
                               reach=None if reach is None else reach.report_section())  # fmt: skip
    if output.json:
        data = check.result.to_dict() if reach is None else reach.to_dict()
        return json_text(data).split("\n")
    return [*format_check(check.result), *([] if reach is None else reach.reach_lines()),
            *([f"report: {output.report}"] if output.report is not None else [])]  # fmt: skip
