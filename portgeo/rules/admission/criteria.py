"""The criteria of the airport admission rule, each a :class:`Criterion` (pass, fail or unknown).

Criteria combine with Kleene's three-valued AND (:func:`kleene_and`): a known failure fails,
an unknown input makes the verdict ``incomplete``, and only all-known passes pass.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from portgeo._data import clean, parse_yes_no
from portgeo.errors import InputError
from portgeo.rules.admission.candidate import as_float
from portgeo.rules.admission.rule import SETTINGS, AdmissionRule

__all__ = [
    "Criterion",
    "ProvinceGate",
    "as_gate",
    "count_criterion",
    "gate_criterion",
    "jsonable",
    "kleene_and",
    "port_conflict",
    "port_label",
    "spacing_ok",
    "verdict_of",
]


@dataclass(frozen=True)
class ProvinceGate:
    """Province-level facts of the 从严控制 gate; ``None`` means not known.

    Attributes
    ----------
    exiting_port : bool or None
        The province has an air port that must exit (应予退出).
    unaccepted_port : bool or None
        The province has an air port approved by the State Council more than the rule's number of
        years ago and still not accepted (已满3年仍未通过验收).
    ports_below_standard : int or None
        Number of the province's air ports below the annual volume standards.
    """

    exiting_port: bool | None = None
    unaccepted_port: bool | None = None
    ports_below_standard: int | None = None


@dataclass
class Criterion:
    """One criterion of the rule.

    Attributes
    ----------
    id : str
        ``distance_200km``, ``drive_2h``, ``routes``, ``passengers`` or ``province_gate``.
    passed : bool or None
        ``None`` when an input is unknown.
    value : object
        The measured or given value.
    threshold : object
        What the rule asks for.
    explanation : str
        One or two sentences for a planner.
    """

    id: str
    passed: bool | None
    value: Any
    threshold: Any
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "id": self.id,
            "passed": self.passed,
            "value": jsonable(self.value),
            "threshold": jsonable(self.threshold),
            "explanation": self.explanation,
        }


def jsonable(v: Any) -> Any:
    """Make a value JSON-ready: numpy scalars to Python, non-finite floats to None.

    Parameters
    ----------
    v : object

    Returns
    -------
    object
    """
    if isinstance(v, Mapping):
        return {str(k): jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    if isinstance(v, (np.bool_,)):
        return bool(v)
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        f = float(v)
        return None if not math.isfinite(f) else round(f, 6)
    return v


def kleene_and(values: Iterable[bool | None]) -> bool | None:
    """Combine criteria with Kleene's three-valued AND: unknown is never a pass.

    Parameters
    ----------
    values : iterable of bool or None

    Returns
    -------
    bool or None
        False if any is False, else None if any is None, else True.
    """
    vals = list(values)
    if any(v is False for v in vals):
        return False
    if any(v is None for v in vals):
        return None
    return True


def verdict_of(values: Iterable[bool | None]) -> str:
    """Name the Kleene AND of criteria: ``pass``, ``fail`` or ``incomplete``.

    Parameters
    ----------
    values : iterable of bool or None

    Returns
    -------
    str
    """
    v = kleene_and(values)
    return "pass" if v is True else "fail" if v is False else "incomplete"


def port_conflict(
    d_km: float, t_min: float | None, rule: AdmissionRule, reading: str
) -> bool | None:
    """Tell whether one opened port is too close under a reading.

    Parameters
    ----------
    d_km : float
        Straight-line distance.
    t_min : float or None
        Drive time (None: unknown).
    rule : AdmissionRule
    reading : {"both", "either"}

    Returns
    -------
    bool or None
        None when it cannot be told.
    """
    near = d_km < rule.min_distance_km
    quick = None if t_min is None else t_min < rule.min_drive_min
    if reading == "both":  # conflict if near OR quick
        if near or quick is True:
            return True
        return None if quick is None else False
    # either: conflict if near AND quick
    if not near or quick is False:
        return False
    return None if quick is None else True


def spacing_ok(ports: pd.DataFrame, rule: AdmissionRule, reading: str) -> bool | None:
    """Tell whether no opened port conflicts (columns ``distance_km``, ``drive_eff``).

    Parameters
    ----------
    ports : pandas.DataFrame
    rule : AdmissionRule
    reading : {"both", "either"}

    Returns
    -------
    bool or None
    """
    conflicts = [
        port_conflict(d, None if pd.isna(t) else float(t), rule, reading)
        for d, t in zip(ports["distance_km"], ports["drive_eff"], strict=True)
    ]
    return kleene_and([None if c is None else not c for c in conflicts])


def port_label(row: Any) -> str:
    """Label an opened port: its Chinese name, with the IATA code when the name lacks it.

    Parameters
    ----------
    row : pandas.Series, mapping or namedtuple
        With ``name_zh`` and ``iata``.

    Returns
    -------
    str
    """
    iata = row["iata"] if isinstance(row, (pd.Series, Mapping)) else row.iata
    name = str(row["name_zh"] if isinstance(row, (pd.Series, Mapping)) else row.name_zh)
    if isinstance(iata, str) and iata and iata not in name:
        return f"{name} ({iata})"
    return name


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _fmt(v: float) -> str:
    return f"{v:,.0f}"


def count_criterion(
    cid: str,
    value: float | None,
    setting: str | None,
    thresholds: Mapping[str, float],
    rule: AdmissionRule,
    what: str,
) -> Criterion:
    """Build the ``routes`` or ``passengers`` criterion.

    Parameters
    ----------
    cid : {"routes", "passengers"}
    value : float or None
        The count given (None: unknown).
    setting : str or None
        The candidate's setting (None: unknown; then only a value meeting or missing every
        setting's threshold decides).
    thresholds : mapping
        Threshold by setting.
    rule : AdmissionRule
    what : str
        Noun for the explanation.

    Returns
    -------
    Criterion
    """
    scope = rule.routes_scope.get(setting or "", "") if cid == "routes" else ""
    if setting is not None:
        thr = thresholds[setting]
        if value is None:
            return Criterion(
                cid,
                None,
                None,
                thr,
                f"{what} not given: unknown (rule for {_article(setting)} {setting} airport: ≥ {_fmt(thr)}{'; ' + scope if scope else ''})",
            )
        ok = value >= thr
        return Criterion(
            cid,
            bool(ok),
            value,
            thr,
            f"{_fmt(value)} {what} {'≥' if ok else '<'} {_fmt(thr)} required for {_article(setting)} {setting} airport{' (' + scope + ')' if scope else ''}",
        )
    # setting unknown: decide only when every setting agrees
    thr_all = {s: thresholds[s] for s in SETTINGS}
    if value is None:
        return Criterion(cid, None, None, thr_all, f"{what} not given and setting unknown: unknown")
    oks = {s: value >= t for s, t in thr_all.items()}
    if all(oks.values()):
        return Criterion(
            cid,
            True,
            value,
            thr_all,
            f"{_fmt(value)} {what} meet the threshold of every setting (setting unknown)",
        )
    if not any(oks.values()):
        return Criterion(
            cid,
            False,
            value,
            thr_all,
            f"{_fmt(value)} {what} miss the threshold of every setting (setting unknown)",
        )
    return Criterion(
        cid,
        None,
        value,
        thr_all,
        f"{_fmt(value)} {what}: enough for some settings but not others, and the setting is unknown; pass --setting",
    )


def as_gate(g: ProvinceGate | Mapping[str, Any] | None) -> ProvinceGate:
    """Read the province facts (a :class:`ProvinceGate`, a mapping, or None = all unknown).

    Parameters
    ----------
    g : ProvinceGate, mapping or None

    Returns
    -------
    ProvinceGate

    Raises
    ------
    portgeo.errors.InputError
        A fact that is not yes/no, or a count that is not a whole number ≥ 0.
    """
    if g is None:
        return ProvinceGate()
    if isinstance(g, ProvinceGate):
        gate = g
    elif isinstance(g, Mapping):
        gate = ProvinceGate(
            exiting_port=clean(g.get("exiting_port")),
            unaccepted_port=clean(g.get("unaccepted_port")),
            ports_below_standard=clean(g.get("ports_below_standard")),
        )
    else:
        raise InputError(
            f"province_gate must be a ProvinceGate or a mapping, got {type(g).__name__}"
        )
    n = gate.ports_below_standard
    if n is not None:
        nf = as_float(n, "ports below standard")
        if nf < 0 or nf != int(nf):
            raise InputError(f"ports below standard must be a whole number ≥ 0, got {n!r}")
        gate = dataclasses.replace(gate, ports_below_standard=int(nf))
    for name in ("exiting_port", "unaccepted_port"):
        v = getattr(gate, name)
        if v is not None:
            gate = dataclasses.replace(gate, **{name: parse_yes_no(v, what=name)})
    return gate


def gate_criterion(gate: ProvinceGate, province: str | None, rule: AdmissionRule) -> Criterion:
    """Build the ``province_gate`` criterion (从严控制 when any condition holds).

    Parameters
    ----------
    gate : ProvinceGate
    province : str or None
    rule : AdmissionRule

    Returns
    -------
    Criterion
    """
    max_below = rule.max_ports_below_standard
    years = rule.unaccepted_years
    checks: list[tuple[bool | None, str]] = [
        (gate.exiting_port, "an air port due to exit (应予退出)"),
        (
            gate.unaccepted_port,
            f"an air port approved > {years:g} years ago and not yet accepted (已满{years:g}年仍未通过验收)",
        ),
        (
            None
            if gate.ports_below_standard is None or math.isnan(max_below)
            else gate.ports_below_standard > max_below,
            f"{max_below + 1:g} or more air port(s) below the volume standard "
            f"(1个以上; {gate.ports_below_standard if gate.ports_below_standard is not None else '?'} given)",
        ),
    ]
    triggered = [text for v, text in checks if v is True]
    unknown = [text for v, text in checks if v is None]
    where = f"province {province}" if province else "the province"
    value = dataclasses.asdict(gate)
    threshold = {"unaccepted_years": years, "max_ports_below_standard": max_below}
    if triggered:
        return Criterion(
            "province_gate",
            False,
            value,
            threshold,
            f"从严控制: {where} has "
            + "; ".join(triggered)
            + " — airport openings there are strictly controlled in principle",
        )
    if unknown:
        return Criterion(
            "province_gate",
            None,
            value,
            threshold,
            f"not known whether {where} has "
            + "; ".join(unknown)
            + " (pass --exiting-port/--unaccepted-port yes|no, --ports-below-standard N)",
        )
    return Criterion(
        "province_gate",
        True,
        value,
        threshold,
        f"{where} has none of the conditions that trigger 从严控制",
    )
