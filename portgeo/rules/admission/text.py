"""The admission check as lines of text: what the terminal shows of a result.

One function per result (:func:`format_check`), returning lines; the command line prints them
(control characters written out, :mod:`portgeo.cli.terminal`), a notebook may show them as they
are. JSON is :meth:`AdmissionResult.to_dict`; the HTML briefing is :mod:`portgeo.maps.report`.
"""

from __future__ import annotations

from portgeo.rules.admission.check import AdmissionResult

__all__ = ["NEAREST_SHOWN", "format_check"]

#: How many of the nearest opened air ports the text lists.
NEAREST_SHOWN = 5

#: The mark beside each criterion: a verdict, or "unknown" said in full (never "?").
_MARKS = {True: "pass", False: "FAIL", None: "unknown"}


def _mark(passed: bool | None, marginal: bool) -> str:
    """Return the criterion's mark, with ``(marginal)`` on a close call."""
    return _MARKS[passed] + (" (marginal)" if marginal else "")


def _mark_verdict(verdict: str, marginal: bool) -> str:
    return verdict + (" (marginal: a close call)" if marginal else "")


def _candidate_line(res: AdmissionResult) -> str:
    c = res.candidate
    return (
        f"{c['name']} ({c['iata'] or '-'})  lat {c['lat']:.4f} lon {c['lon']:.4f}  "
        f"province {c['province'] or 'unknown'}  setting {c['setting'] or 'unknown'} "
        f"({c['setting_source']})"
    )


def _port_line(p: dict) -> str:
    road = "-" if p["road_km"] is None else f"{p['road_km']:.0f} km"
    drive = "-" if p["drive_min"] is None else f"{p['drive_min']:.0f} min"
    return (
        f"  {p['name_zh']:<10} {p['iata'] or '':<4} {p['distance_km']:>7.1f} km straight  "
        f"road {road:>8}  drive {drive:>8}"
    )


def format_check(res: AdmissionResult) -> list[str]:
    """Return the terminal text of one check: candidate, network, nearest ports, criteria, verdict.

    Parameters
    ----------
    res : AdmissionResult

    Returns
    -------
    list of str
        One line each (a name's own control characters are left for the printer to escape).
    """
    lines = [_candidate_line(res)]
    approx = " (approximate)" if res.network["approximate"] else ""
    lines.append(f"network: {res.network['source'] or 'none'}{approx}")
    if res.network.get("speed_model"):
        lines.append(f"  speed model: {res.network['speed_model']}; drive-time band: "
                     f"{res.network['drive_band']}")  # fmt: skip
    mine = res.candidate["opened_air_port"]
    if mine is not None:
        head = "is itself an opened air port" if mine["open"] is True else "is in the register"
        lines.append(f"the candidate {head}: {mine['name_zh']} ({mine['state']})")
    old = res.candidate.get("replaces")
    if old is not None:
        lines.append(f"the candidate replaces (relocation): {old['name_zh']} ({old['state']}); it "
                     "leaves the comparison")  # fmt: skip
    lines.append(f"opened air ports: {res.open_ports_set}")
    lines.append("nearest opened air ports:")
    lines += [_port_line(p) for p in res.nearest_open_ports[:NEAREST_SHOWN]]
    lines.append("criteria:")
    for c in res.criteria:
        lines.append(f"  {c.id:<15} {_mark(c.passed, c.marginal):<7} {c.value_label:<12} "
                     f"{c.explanation}")  # fmt: skip
        if c.marginal:
            lines.append(f"  {'':<15} marginal: {c.margin_note}")
    lines.append(
        f"verdict ({res.reading}): {_mark_verdict(res.verdict, res.marginal)}   under "
        f"'{res.spacing['other_reading']}': {res.verdict_other_reading}"
    )
    lines += [f"note: {note}" for note in res.notes]
    return lines
