"""The five criteria of the airport admission rule, each a :class:`Criterion` (pass, fail, unknown).

Criteria combine with Kleene's three-valued AND (:func:`kleene_and`): a known failure fails, an
unknown input makes the verdict ``incomplete``, and only all-known passes pass. Every threshold,
comparison (inclusive or not) and explanation comes from the :class:`AdmissionRule`, i.e. from
the data; the criterion ids (``distance_200km``, ``drive_2h``, ``routes``, ``passengers``,
``province_gate``) are fixed, because other tools read them.

An opened port's state can be unknown (the register cannot tell whether it was open at the
analysis date), and so can its drive time (the road network does not cover it): a port that
would conflict with the candidate but whose state or drive time is unknown makes the spacing
unknown, never a pass.

The module is longer than the limit on purpose: each criterion's words are chosen in one place
(:func:`judge_distance` and :func:`judge_drive` serve both the one-by-one check and the batch's
spacing field), and splitting the five criteria across modules would scatter them again.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypedDict

import numpy as np
import pandas as pd

from portgeo._data import clean, is_blank, parse_yes_no
from portgeo.errors import InputError
from portgeo.rules.admission.candidate import as_float
from portgeo.rules.admission.rule import SETTINGS, AdmissionRule

__all__ = [
    "COUNT_NOUNS",
    "CRITERION_IDS",
    "RESULT_WORDS",
    "VALUE_UNITS",
    "Criterion",
    "Explained",
    "OffNetwork",
    "ProvinceGate",
    "as_gate",
    "count_criterion",
    "distance_criterion",
    "drive_criterion",
    "explained",
    "gate_criterion",
    "jsonable",
    "judge_distance",
    "judge_drive",
    "kleene_and",
    "port_conflict",
    "port_label",
    "spacing_ok",
    "state_label",
    "verdict_of",
]

#: The criterion ids of the JSON output, in order (fixed: other tools rely on them).
CRITERION_IDS: tuple[str, ...] = (
    "distance_200km",
    "drive_2h",
    "routes",
    "passengers",
    "province_gate",
)


@dataclass(frozen=True)
class ProvinceGate:
    """Province-level facts of the 从严控制 gate; ``None`` means not known.

    Attributes
    ----------
    exiting_port : bool or None
        The province has an air port that must exit (应予退出).
    unaccepted_port : bool or None
        The province has an air port approved by the State Council the rule's number of years
        ago or more and still not accepted (已满3年仍未通过验收).
    ports_below_standard : int or None
        Number of the province's air ports below the annual volume standards.
    """

    exiting_port: bool | None = None
    unaccepted_port: bool | None = None
    ports_below_standard: int | None = None


#: What each state of a criterion is called in every output ("unknown" is said, never "?").
RESULT_WORDS: dict[bool | None, str] = {True: "pass", False: "fail", None: "unknown"}

#: Unit of each numeric criterion value, for its plain-text label.
VALUE_UNITS: dict[str, str] = {
    "distance_200km": "km",
    "drive_2h": "min",
    "routes": "routes",
    "passengers": "passengers a year",
}


@dataclass
class Criterion:
    """One criterion of the rule.

    Attributes
    ----------
    id : str
        One of :data:`CRITERION_IDS`.
    passed : bool or None
        ``None`` when an input is unknown.
    value : object
        The measured or given value (None when there is no number to give).
    threshold : object
        What the rule asks for.
    explanation : str
        One or two sentences for a planner (from the rule's templates); never empty.
    value_text : str
        The value in words where no number can say it (a drive that passes because no opened
        port is reachable: ``"none reachable"``); empty otherwise. A criterion that passes or
        fails without a value must have one, so that no output shows "unknown" beside a verdict.
    marginal : bool
        A close call: within the stated error of its value (the network's measured drive-time
        band, the sites' coordinate precision) the criterion could go the other way
        (:func:`portgeo.rules.admission.margins.mark_close_calls`).
    margin_note : str
        Why it is marginal, in one sentence; empty when it is not.
    explanation_zh, value_text_zh, margin_note_zh : str
        The same in Chinese (the report's default language); the English ones are the
        terminal's, the JSON's and the batch file's.

    Raises
    ------
    ValueError
        An empty explanation, or a pass or fail with neither a value nor a value text (a bug in
        the criterion's builder, not a user's mistake).
    """

    id: str
    passed: bool | None
    value: Any
    threshold: Any
    explanation: str
    value_text: str = ""
    marginal: bool = False
    margin_note: str = ""
    explanation_zh: str = ""
    value_text_zh: str = ""
    margin_note_zh: str = ""

    def __post_init__(self) -> None:
        if not self.explanation.strip():
            raise ValueError(f"criterion {self.id} has no explanation")
        if self.passed is not None and self.value is None and not self.value_text:
            raise ValueError(f"criterion {self.id} is decided ({self.result}) without a value")

    @property
    def result(self) -> str:
        """``pass``, ``fail`` or ``unknown`` (:data:`RESULT_WORDS`)."""
        return RESULT_WORDS[self.passed]

    @property
    def value_label(self) -> str:
        """The value as plain text with its unit, its words, or ``unknown``; never empty."""
        if self.value_text:
            return self.value_text
        v = self.value
        if v is None:
            return "unknown"
        if isinstance(v, Mapping):  # the province facts
            return ", ".join(f"{_FACT_NAMES.get(k, k)} {_fact_word(x)}" for k, x in v.items())
        if isinstance(v, int | float | np.integer | np.floating) and not isinstance(v, bool):
            unit = VALUE_UNITS.get(self.id, "")
            return f"{float(v):,.{1 if self.id in ('distance_200km', 'drive_2h') else 0}f} {unit}".strip()
        return str(v)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (``result`` and ``value_text`` say in words what is unknown)."""
        return {
            "id": self.id,
            "passed": self.passed,
            "result": self.result,
            "value": jsonable(self.value),
            "value_text": self.value_label,
            "threshold": jsonable(self.threshold),
            "explanation": self.explanation,
            "marginal": self.marginal,
            "margin_note": self.margin_note,
        }


class Explained(TypedDict):
    """A criterion's explanation in both languages (:class:`Criterion` keywords)."""

    explanation: str
    explanation_zh: str


def explained(say: Callable[[str], str]) -> Explained:
    """Say a criterion's explanation in both languages, as :class:`Criterion` keywords.

    Parameters
    ----------
    say : callable
        Language (``"en"``, ``"zh"``) → the sentence in it.

    Returns
    -------
    Explained
        ``explanation`` (English) and ``explanation_zh``.
    """
    return Explained(explanation=say("en"), explanation_zh=say("zh"))


#: Short names of the province facts in a value label.
_FACT_NAMES = {"exiting_port": "exiting", "unaccepted_port": "unaccepted",
               "ports_below_standard": "below standard"}  # fmt: skip


def _fact_word(v: Any) -> str:
    """Say a province fact in words: yes, no, a count, or unknown."""
    if v is None:
        return "unknown"
    if isinstance(v, bool):
        return "yes" if v else "no"
    return str(v)


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
    if isinstance(v, list | tuple):
        return [jsonable(x) for x in v]
    if isinstance(v, np.bool_):
        return bool(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, float | np.floating):
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
    """Tell whether one opened port is too close to the candidate under a reading.

    Parameters
    ----------
    d_km : float
        Straight-line distance.
    t_min : float or None
        Drive time (None: unknown; ``inf``: no road connection).
    rule : AdmissionRule
        Thresholds, inclusivity and each reading's conflict rule.
    reading : {"both", "either"}

    Returns
    -------
    bool or None
        None when it cannot be told.
    """
    near = not rule.meets(d_km, rule.min_distance_km)
    quick = None if t_min is None else not rule.meets(t_min, rule.min_drive_min)
    if rule.readings[reading]["conflict"] == "near-or-quick":
        if near or quick is True:
            return True
        return None if quick is None else False
    if not near or quick is False:  # near-and-quick
        return False
    return None if quick is None else True


def _effective(conflict: bool | None, state: Any) -> bool | None:
    """Make a conflict with a port of unknown open state unknown (never "no conflict")."""
    if state is True:
        return conflict
    return None if conflict is not False else False


def _drive(value: Any) -> float | None:
    return None if is_blank(value) else float(value)


def spacing_ok(ports: pd.DataFrame, rule: AdmissionRule, reading: str) -> bool | None:
    """Tell whether no opened port conflicts with the candidate.

    Parameters
    ----------
    ports : pandas.DataFrame
        Columns ``distance_km``, ``drive_eff`` (minutes; NaN unknown, inf no road) and ``open``
        (True, or None for an unknown state).
    rule : AdmissionRule
    reading : {"both", "either"}

    Returns
    -------
    bool or None
    """
    conflicts = [
        _effective(port_conflict(d, _drive(t), rule, reading), s)
        for d, t, s in zip(ports["distance_km"], ports["drive_eff"], ports["open"], strict=True)
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
    iata = row["iata"] if isinstance(row, pd.Series | Mapping) else row.iata
    name = str(row["name_zh"] if isinstance(row, pd.Series | Mapping) else row.name_zh)
    if isinstance(iata, str) and iata and iata not in name:
        return f"{name} ({iata})"
    return name


@dataclass(frozen=True)
class OffNetwork:
    """A candidate with no road within the snapping limit (an island, the sea, a desert).

    Attributes
    ----------
    snap_km : float
        The snapping limit: no road lies this close to the site.
    reach_km : float
        The farthest an opened port can lie in a straight line and still be within the drive
        threshold at the network's top speed.
    speed_kmh : float
        That top speed.
    port_within_reach : bool
        Some opened port (of any state) lies within ``reach_km``: its drive time is unknown.
    """

    snap_km: float
    reach_km: float
    speed_kmh: float
    port_within_reach: bool


def judge_distance(
    rule: AdmissionRule,
    *,
    nearest: tuple[str, float] | None,
    n_close: int,
    unknown_near: tuple[str, float] | None,
    nearest_any: tuple[str, float],
) -> Criterion:
    """Build ``distance_200km`` from what was measured (the one place its words are chosen).

    Parameters
    ----------
    rule : AdmissionRule
    nearest : (label, km) or None
        The nearest known-open port; None when no port is known to be open.
    n_close : int
        Known-open ports nearer than the threshold.
    unknown_near : (label with state, km) or None
        The nearest port of unknown opening state nearer than the threshold.
    nearest_any : (label with state, km)
        The nearest port of any state (said when none is known to be open).

    Returns
    -------
    Criterion
    """
    thr = rule.min_distance_km
    if nearest is not None:
        label, km = nearest
        passed: bool = rule.meets(km, thr)
        value = round(km, 1)

        def say(lang: str) -> str:
            close = (
                rule.explain("distance_close", lang, n=n_close, threshold=thr) if n_close else ""
            )
            return rule.explain(
                "distance", lang, port=label, value=value, close=close, threshold=thr
            )
    else:
        label, km = nearest_any
        passed, value = True, round(km, 1)

        def say(lang: str) -> str:
            return rule.explain("distance_none_known", lang, port=label, value=km, threshold=thr)

    if passed is not False and unknown_near is not None:
        u_label, u_km = unknown_near
        return Criterion("distance_200km", None, round(u_km, 1), thr, **explained(
            lambda lang: rule.explain("distance_unknown", lang, port=u_label, value=u_km, threshold=thr)))  # fmt: skip
    return Criterion("distance_200km", passed, value, thr, **explained(say))


def judge_drive(
    rule: AdmissionRule,
    *,
    network: bool,
    quickest: tuple[str, float, float] | None,
    n_quick: int,
    not_covered: list[str],
    unsure_quick: tuple[str, float] | None,
    off_network: OffNetwork | None = None,
) -> Criterion:
    """Build ``drive_2h`` from what was measured (the one place its words are chosen).

    Parameters
    ----------
    rule : AdmissionRule
    network : bool
        Whether a road network was given.
    quickest : (label, minutes, route km) or None
        The quickest known-open port by road; None when none is reachable.
    n_quick : int
        Known-open ports quicker than the threshold.
    not_covered : list of str
        Labels of ports within reach that the network does not cover (drive time unknown).
    unsure_quick : (label with state, minutes) or None
        A port of unknown opening state quicker than the threshold.
    off_network : OffNetwork, optional
        The candidate is off the network.

    Returns
    -------
    Criterion
    """
    thr = rule.min_drive_min
    if not network:
        return Criterion("drive_2h", None, None, thr,
                         **explained(lambda lang: rule.explain("drive_no_network", lang)))  # fmt: skip
    if off_network is not None:
        o = off_network
        key = "drive_off_network" if o.port_within_reach else "drive_off_network_clear"
        words = explained(lambda lang: rule.explain(
            key, lang, snap_km=o.snap_km, reach_km=o.reach_km, speed_kmh=o.speed_kmh, threshold=thr))  # fmt: skip
        if o.port_within_reach:
            return Criterion("drive_2h", None, None, thr, **words)
        return Criterion("drive_2h", True, None, thr, **words,
                         value_text=f"none within {thr:g} min (no port within {o.reach_km:.0f} km)",
                         value_text_zh=f"{thr:g}分钟内无（{o.reach_km:.0f}公里内无口岸）")  # fmt: skip
    value: float | None = None
    value_text = value_text_zh = ""
    if quickest is not None:
        label, tmin, length = quickest

        def say(lang: str) -> str:
            quick = rule.explain("drive_quick", lang, n=n_quick, threshold=thr) if n_quick else ""
            return rule.explain("drive", lang, port=label, value=tmin, road_km=float(length),
                                quick=quick, threshold=thr)  # fmt: skip

        passed: bool | None = rule.meets(tmin, thr)
        value = round(tmin, 1)
    else:
        passed, value_text, value_text_zh = True, "none reachable", "均不可达"

        def say(lang: str) -> str:
            return rule.explain("drive_none_reachable", lang)

    if passed is not False and (not_covered or unsure_quick is not None):

        def say_unsure(lang: str) -> str:
            parts = [say(lang)]
            if not_covered:
                parts.append(rule.explain("drive_not_covered", lang, ports=", ".join(not_covered)))
            if unsure_quick is not None:
                parts.append(f"{unsure_quick[0]} is {unsure_quick[1]:.0f} min away" if lang == "en"
                             else f"{unsure_quick[0]}车程{unsure_quick[1]:.0f}分钟")  # fmt: skip
            return ("; " if lang == "en" else "；").join(parts)

        return Criterion("drive_2h", None, value, thr, **explained(say_unsure))
    return Criterion("drive_2h", passed, value, thr, **explained(say), value_text=value_text,
                     value_text_zh=value_text_zh)  # fmt: skip


def distance_criterion(ports: pd.DataFrame, rule: AdmissionRule) -> Criterion:
    """Build ``distance_200km``: the straight line to every opened air port.

    Parameters
    ----------
    ports : pandas.DataFrame
        Sorted by ``distance_km``; ``open`` True or None.
    rule : AdmissionRule

    Returns
    -------
    Criterion
    """
    thr = rule.min_distance_km
    known = ports[ports["open"] == True]  # noqa: E712
    n_close = int((~known["distance_km"].map(lambda d: rule.meets(d, thr))).sum())
    near_unknown = ports[
        ports["open"].isna() & ~ports["distance_km"].map(lambda d: rule.meets(d, thr))
    ]
    first = ports.iloc[0]
    return judge_distance(
        rule,
        nearest=(port_label(known.iloc[0]), float(known.iloc[0]["distance_km"])) if len(known) else None,
        n_close=n_close,
        unknown_near=(state_label(near_unknown.iloc[0]), float(near_unknown.iloc[0]["distance_km"]))
        if len(near_unknown) else None,
        nearest_any=(state_label(first), float(first["distance_km"])),
    )  # fmt: skip


def state_label(row: Any) -> str:
    """Label a port with its opening state when that is not known to be open.

    Parameters
    ----------
    row : pandas.Series, mapping or namedtuple
        With ``name_zh``, ``iata``, ``open`` and ``state``.

    Returns
    -------
    str
    """
    get = row.get if isinstance(row, pd.Series | Mapping) else lambda k: getattr(row, k)
    state = get("open")
    if not is_blank(state) and bool(state):
        return port_label(row)
    return f"{port_label(row)} ({get('state')})"


def drive_criterion(
    ports: pd.DataFrame,
    rule: AdmissionRule,
    *,
    network: bool,
    not_covered: list[str],
    off_network: OffNetwork | None = None,
) -> Criterion:
    """Build ``drive_2h``: the quickest drive to an opened air port.

    Parameters
    ----------
    ports : pandas.DataFrame
        With ``drive_eff`` (minutes; NaN unknown, inf no road), ``road_km`` and ``open``.
    rule : AdmissionRule
    network : bool
        Whether a road network was given.
    not_covered : list of str
        Labels of ports the network does not cover (their drive time is unknown).
    off_network : OffNetwork, optional
        The candidate is off the network.

    Returns
    -------
    Criterion
    """
    thr = rule.min_drive_min
    if not network or off_network is not None:
        return judge_drive(rule, network=network, quickest=None, n_quick=0, not_covered=[],
                           unsure_quick=None, off_network=off_network)  # fmt: skip
    t = pd.to_numeric(ports["drive_eff"], errors="coerce").astype(float)
    known = ports[(ports["open"] == True) & np.isfinite(t)]  # noqa: E712
    quickest = None
    if len(known):
        q = known.loc[known["drive_eff"].astype(float).idxmin()]
        length = q["route_km"] if "route_km" in q and pd.notna(q["route_km"]) else q["road_km"]
        quickest = (port_label(q), float(q["drive_eff"]), float(length))
    n_quick = int((~known["drive_eff"].astype(float).map(lambda v: rule.meets(v, thr))).sum())
    unsure = ports[ports["open"].isna() & np.isfinite(t)]
    unsure_quick = unsure[~unsure["drive_eff"].astype(float).map(lambda v: rule.meets(v, thr))]
    u = unsure_quick.iloc[0] if len(unsure_quick) else None
    return judge_drive(
        rule, network=True, quickest=quickest, n_quick=n_quick, not_covered=not_covered,
        unsure_quick=None if u is None else (state_label(u), float(u["drive_eff"])),
    )  # fmt: skip


def _fmt(v: float) -> str:
    return f"{v:,.0f}"


#: The nouns of the count criteria in each language (the explanations' ``{what}``).
COUNT_NOUNS: dict[str, dict[str, str]] = {
    "routes": {"en": "fixed direct routes", "zh": "固定直达航线"},
    "passengers": {"en": "peak annual passengers", "zh": "年度旅客吞吐量峰值"},
}


def count_criterion(
    cid: str,
    value: float | None,
    setting: str | None,
    thresholds: Mapping[str, float],
    rule: AdmissionRule,
    what: str | None = None,
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
    what : str, optional
        English noun for the explanation; default :data:`COUNT_NOUNS` (which gives the Chinese).

    Returns
    -------
    Criterion
    """
    nouns = {**COUNT_NOUNS[cid], **({"en": what} if what else {})}
    if setting is not None:
        thr = thresholds[setting]

        def scope(lang: str, en: str, zh: str) -> str:
            words = (rule.routes_scope if lang == "en" else rule.routes_scope_zh).get(setting, "")
            return (en if lang == "en" else zh).format(words) if cid == "routes" and words else ""

        def named(lang: str) -> str:
            return setting if lang == "en" else rule.setting_labels.get(setting, setting)

        if value is None:
            return Criterion(cid, None, None, thr, **explained(lambda lang: rule.explain(
                "count_unknown", lang, what=nouns[lang], setting=named(lang), threshold=_fmt(thr),
                scope=scope(lang, "; {}", "；{}"))))  # fmt: skip
        ok = rule.meets(value, thr)
        return Criterion(cid, ok, value, thr, **explained(lambda lang: rule.explain(
            "count_known", lang, value=_fmt(value), what=nouns[lang],
            cmp=rule.at_least if ok else rule.below, threshold=_fmt(thr), setting=named(lang),
            scope=scope(lang, " ({})", "（{}）"))))  # fmt: skip
    thr_all = {s: thresholds[s] for s in SETTINGS}
    if value is None:
        return Criterion(cid, None, None, thr_all, **explained(
            lambda lang: rule.explain("count_unknown_setting", lang, what=nouns[lang])))  # fmt: skip
    oks = {s: rule.meets(value, t) for s, t in thr_all.items()}
    if all(oks.values()) or not any(oks.values()):
        passed = all(oks.values())
        verbs = {"en": "meet" if passed else "miss", "zh": "达到" if passed else "未达到"}
        return Criterion(cid, passed, value, thr_all, **explained(lambda lang: rule.explain(
            "count_all_settings", lang, value=_fmt(value), what=nouns[lang], verb=verbs[lang])))  # fmt: skip
    return Criterion(cid, None, value, thr_all, **explained(lambda lang: rule.explain(
        "count_some_settings", lang, value=_fmt(value), what=nouns[lang])))  # fmt: skip


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


def gate_criterion(
    gate: ProvinceGate,
    province: str | None,
    rule: AdmissionRule,
    *,
    register_unaccepted: list[str] | None = None,
) -> Criterion:
    """Build the ``province_gate`` criterion (从严控制 when any condition holds).

    Parameters
    ----------
    gate : ProvinceGate
        The facts given (unknown when None).
    province : str or None
    rule : AdmissionRule
    register_unaccepted : list of str, optional
        Labels of the province's air ports that the register shows approved the rule's years
        or more before the analysis date and not accepted: the condition then holds, whatever
        was given.

    Returns
    -------
    Criterion
    """
    unaccepted = True if register_unaccepted else gate.unaccepted_port
    n = gate.ports_below_standard
    below = None if n is None else n >= rule.min_ports_below_standard
    given = {"en": "not" if n is None else str(n), "zh": "未给出" if n is None else str(n)}
    facts: list[tuple[bool | None, str]] = [
        (gate.exiting_port, "exiting_port"), (unaccepted, "unaccepted_port"),
        (below, "ports_below_standard"),
    ]  # fmt: skip
    where = {"en": f"province {province}" if province else "the province",
             "zh": province or "该省"}  # fmt: skip
    value = dataclasses.asdict(dataclasses.replace(gate, unaccepted_port=unaccepted))
    threshold = {"unaccepted_years": rule.unaccepted_years,
                 "min_ports_below_standard": rule.min_ports_below_standard}  # fmt: skip

    def conditions(lang: str, state: bool | None) -> str:
        said = [rule.gate_summary(c, lang, given=given[lang]) for v, c in facts if v is state]
        return ("; " if lang == "en" else "；").join(said)

    def register_note(lang: str) -> str:
        if not register_unaccepted:
            return ""
        note = rule.explain("gate_register", lang, ports=", ".join(register_unaccepted),
                            where=where[lang], years=rule.unaccepted_years)  # fmt: skip
        return f" ({note})" if lang == "en" else f"（{note}）"

    if any(v is True for v, _ in facts):
        return Criterion("province_gate", False, value, threshold, **explained(
            lambda lang: rule.explain("gate_triggered", lang, where=where[lang],
                                      conditions=conditions(lang, True)) + register_note(lang)))  # fmt: skip
    if any(v is None for v, _ in facts):
        return Criterion("province_gate", None, value, threshold, **explained(
            lambda lang: rule.explain("gate_unknown", lang, where=where[lang],
                                      conditions=conditions(lang, None))))  # fmt: skip
    return Criterion(
        "province_gate",
        True,
        value,
        threshold,
        **explained(lambda lang: rule.explain("gate_clear", lang, where=where[lang])),
    )
