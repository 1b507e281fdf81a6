"""One result, the chosen writer: terminal lines, JSON, the HTML briefing, or GIS files.

The library answers a request with a result object; what the user sees of it is chosen here,
once. An admission check (:class:`~portgeo.rules.admission.AdmissionCheck`) is shown as
:class:`CheckOutput` says: the HTML report written to a file (:mod:`portgeo.maps.report`) and
the text for the terminal, either the readable lines
(:func:`portgeo.rules.admission.text.format_check`) or one JSON object (:func:`render_check`).
A result with GIS layers (catchments, eligibility, siting: a :class:`LayeredResult`) is written
as :class:`FileOutput` says: its layers to a GeoPackage or GeoJSON file, its table to a CSV
(:func:`render_files`). The command line prints what these return; a notebook can call the same
functions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from portgeo._output import json_text, write_csv_atomic, write_layers
from portgeo.maps.report import write_admission_report
from portgeo.rules.admission.criteria import jsonable
from portgeo.rules.admission.request import AdmissionCheck
from portgeo.rules.admission.text import format_check
from portgeo.rules.candidate_reach import ReachCheck

__all__ = ["CheckOutput", "FileOutput", "LayeredResult", "render_check", "render_files"]


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
                               rule=check.rule, basemap=output.basemap, lang=output.lang,
                               reach=None if reach is None else reach.report_section())  # fmt: skip
    if output.json:
        data = check.result.to_dict() if reach is None else reach.to_dict()
        return json_text(data).split("\n")
    return [*format_check(check.result), *([] if reach is None else reach.reach_lines()),
            *([f"report: {output.report}"] if output.report is not None else [])]  # fmt: skip


@runtime_checkable
class LayeredResult(Protocol):
    """A result with GIS layers and terminal lines (catchments, eligibility, siting)."""

    def layers(self) -> Mapping[str, Any]:
        """Return layer name → GeoDataFrame, the first one the layer of a GeoJSON file."""

    def lines(self) -> list[str]:
        """Return what a terminal shows."""


@runtime_checkable
class TabledResult(LayeredResult, Protocol):
    """A layered result with a table for a CSV file (eligibility's airports)."""

    def table(self) -> Any:
        """Return the table, a pandas.DataFrame."""


@runtime_checkable
class JsonResult(LayeredResult, Protocol):
    """A layered result that a JSON object can show (eligibility, siting)."""

    def to_dict(self) -> dict[str, Any]:
        """Return the result as plain data."""


@dataclass(frozen=True)
class FileOutput:
    """Where a layered result is written.

    Attributes
    ----------
    what : str
        What the layers are, for messages (e.g. ``"catchments"``).
    layers : str or pathlib.Path, optional
        A GeoPackage (every layer) or GeoJSON file (the first layer); none: nothing written.
    table : str or pathlib.Path, optional
        Also write the result's table (:class:`TabledResult`) as CSV here.
    table_what : str
        What the table is, for messages.
    json : bool
        Print the result as one JSON object (:class:`JsonResult`) instead of its lines, and no
        ``wrote`` line, so that standard output is JSON only.
    """

    what: str
    layers: str | Path | None = None
    table: str | Path | None = None
    table_what: str = "table"
    json: bool = False


def render_files(result: LayeredResult, output: FileOutput) -> list[str]:
    """Write the files asked for, and return the lines to print.

    Parameters
    ----------
    result : LayeredResult
        From :func:`portgeo.run_catchments`, :func:`portgeo.run_eligibility` or
        :func:`portgeo.run_siting`.
    output : FileOutput

    Returns
    -------
    list of str
        The result's lines, then one ``wrote ...`` line naming the files written (if any); with
        ``output.json``, the lines of one JSON object.

    Raises
    ------
    TypeError
        A table or JSON asked of a result that has none.
    """
    data = None
    if output.json:
        if not isinstance(result, JsonResult):
            raise TypeError(f"{type(result).__name__} has no JSON form")
        data = result.to_dict()
    written = []
    if output.layers is not None:
        written.append(write_layers(output.layers, result.layers(), what=output.what))
    if output.table is not None:
        if not isinstance(result, TabledResult):
            raise TypeError(f"{type(result).__name__} has no table to write")
        written.append(write_csv_atomic(output.table, result.table(), what=output.table_what))
    if data is not None:
        return json_text(jsonable(data)).split("\n")
    wrote = [f"wrote {' and '.join(str(p) for p in written)}"] if written else []
    return [*result.lines(), *wrote]
