"""The airport admission check: one candidate (:func:`check_airport`) or a batch.

The rule's own words are ``airport.text_zh`` of the admission YAML
(:attr:`portgeo.rules.admission.AdmissionRule.text_zh`).

:func:`check_airport` compares the candidate with the opened air ports at the analysis date
(the register, :mod:`~portgeo.rules.admission.register`, or a user's file) and evaluates five
criteria (:mod:`~portgeo.rules.admission.criteria`): ``distance_200km`` (straight-line distance
to every opened air port), ``drive_2h`` (fastest drive to every opened air port), ``routes`` and
``passengers`` (by the candidate's setting, :mod:`~portgeo.rules.admission.setting`) and
``province_gate`` (从严控制). The spacing rule (distance and drive together) is read both ways
(``both`` / ``either``, see the rule's ``readings``), and the result carries the verdict under
the other reading too.

A candidate is an existing air port only when the user says so (its IATA code, or ``replaces``
for a relocation): that port leaves the comparison and the notes say so. A site given by
coordinates alone is a new site, compared with every opened port at its real distance. A
candidate off the road network gets the verdict the straight line decides, its drive time
unknown to the ports a drive could reach. An
input that is not known (routes, passengers, road network, a port's opening state, a port the
network does not cover, province facts) makes its criterion ``passed=None`` and the verdict
``"incomplete"``, never a silent pass. Close calls are marked ``marginal``
(:mod:`~portgeo.rules.admission.margins`).

The module is a little longer than the 650-line limit because the one-candidate check keeps its
result type, its comparison set and its measures together: split, each part would import the
others' private helpers.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from portgeo import settings
from portgeo._data import clean, is_blank
from portgeo.errors import InputError, NetworkError, SnapError
from portgeo.geo.geodesy import geodesic_distance_m
from portgeo.roads.network import RoadNetwork
from portgeo.rules.admission.candidate import Candidate, as_candidate, as_float
from portgeo.rules.admission.criteria import (
    Criterion,
    OffNetwork,
    ProvinceGate,
    as_gate,
    count_criterion,
    distance_criterion,
    drive_criterion,
    gate_criterion,
    jsonable,
    judge_drive,
    port_conflict,
    port_label,
    spacing_ok,
    state_label,
    verdict_of,
)
from portgeo.rules.admission.eligibility import drive_reach_km
from portgeo.rules.admission.margins import (
    DriveBand,
    mark_close_calls,
    nearest_port_precision_km,
    network_record,
    router_drive_band,
)
from portgeo.rules.admission.open_ports import OpenPorts, load_open_air_ports
from portgeo.rules.admission.register import as_of_date, parse_partial_date
from portgeo.rules.admission.router import Router, as_router
from portgeo.rules.admission.rule import READINGS, SETTINGS, AdmissionRule, load_admission_rule
from portgeo.rules.admission.setting import derive_setting

__all__ = [
    "MAX_COUNTS",
    "MIN_PORTS_MEASURED",
    "NEAR_SITE_KM",
    "AdmissionResult",
    "check_airport",
    "find_itself",
    "port_record",
    "read_counts",
    "resolve_open_ports",
    "unaccepted_in_province",
]

#: A new site this close to an opened air port gets a note suggesting ``--iata``/``--replaces``
#: (km); it is still compared with that port at its real distance.
NEAR_SITE_KM = 5.0
#: Always measure the road to at least this many nearest opened ports (for the report).
MIN_PORTS_MEASURED = 5
#: Largest route and passenger counts accepted: plausibility bounds, far above any airport's (the
#: busiest handle about 100 million passengers a year), that catch a unit or typing mistake
#: (1e308, passengers given in persons where 万人 were meant twice over) before it passes.
MAX_COUNTS: dict[str, float] = {"routes": 10_000.0, "passengers": 1_000_000_000.0}

#: A note said twice: (English, Chinese).
Said = tuple[str, str]
#: The verdict words of the Chinese notes (and of the report).
VERDICT_WORDS_ZH: dict[str, str] = {"pass": "符合", "fail": "不符合", "incomplete": "资料不全"}
#: The readings' names in Chinese.
READING_WORDS_ZH: dict[str, str] = {"both": "距离与车程均须满足", "either": "距离或车程满足其一"}


@dataclass
class AdmissionResult:
    """Outcome of :func:`check_airport`.

    Attributes
    ----------
    candidate : dict
        ``name, iata, lat, lon, province, setting, setting_source, opened_air_port`` (the
        register's row if the user named the candidate by the IATA code of a registered air
        port: ``id``, ``name_zh``, ``iata``, ``open``, ``state``, ``relation``; else None) and
        ``replaces`` (the same for the port a relocation replaces; else None).
    network : dict
        ``source, approximate`` of the road network (``None`` values without one).
    nearest_open_ports : list of dict
        Opened air ports sorted by geodesic distance: ``id, name_zh, iata, distance_km``,
        ``road_km`` (shortest road), ``route_km`` (length of the fastest route), ``drive_min``,
        ``reachable, open, state``.
    criteria : list of Criterion
    verdict : str
        ``pass``, ``fail`` or ``incomplete``.
    reading : str
        ``both`` or ``either``.
    spacing : dict
        The combined distance/drive verdict under both readings.
    open_ports_set : str
        Which set of opened air ports was used, in words.
    open_ports : dict
        The same as data: ``source``, ``as_of``, ``count``, ``unknown``, ``label``.
    notes : list of str
        Anything the reader should know (self-recognition, unmeasured ports, ...).
    verdict_other_reading : str
        The verdict under the other reading.
    marginal : bool
        A close call: the verdict rests on the spacing criteria, and within the stated error of
        the distance (the sites' precision) or the drive time (the network's measured band) the
        spacing verdict could be the other one. ``network`` names the band, or "not measured".
    words_zh : dict
        The result's sentences in Chinese, for the report (the JSON and the terminal are
        English): ``notes`` (one per note, in order) and ``spacing`` (the two readings).
    """

    candidate: dict[str, Any]
    network: dict[str, Any]
    nearest_open_ports: list[dict[str, Any]]
    criteria: list[Criterion]
    verdict: str
    reading: str
    spacing: dict[str, Any]
    open_ports_set: str
    open_ports: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    verdict_other_reading: str = ""
    marginal: bool = False
    words_zh: dict[str, Any] = field(default_factory=dict)

    def criterion(self, cid: str) -> Criterion:
        """Return the criterion with id ``cid``."""
        for c in self.criteria:
            if c.id == cid:
                return c
        raise KeyError(cid)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready dict printed by ``portgeo check-airport --json``."""
        return {
            "candidate": jsonable(self.candidate),
            "network": jsonable(self.network),
            "open_ports_set": self.open_ports_set,
            "open_ports": jsonable(self.open_ports),
            "nearest_open_ports": jsonable(self.nearest_open_ports),
            "criteria": [c.to_dict() for c in self.criteria],
            "reading": self.reading,
            "spacing": jsonable(self.spacing),
            "verdict": self.verdict,
            "verdict_other_reading": self.verdict_other_reading,
            "marginal": self.marginal,
            "notes": list(self.notes),
        }


def _distances(table: pd.DataFrame, cand: Candidate) -> np.ndarray:
    d = geodesic_distance_m(cand.lon, cand.lat, table["lon"].to_numpy(), table["lat"].to_numpy())
    return np.atleast_1d(np.asarray(d, dtype=float)) / 1000.0


def _codes(table: pd.DataFrame) -> np.ndarray:
    return table["iata"].fillna("").astype(str).str.strip().str.upper().to_numpy()


def find_itself(
    op: OpenPorts, cand: Candidate, *, replaces: str | None = None
) -> dict[str, Any] | None:
    """Find the register (or file) row the user says the candidate is, or relocates.

    A candidate is an existing air port only when the user says so: by its IATA code
    (``cand.iata``: the port itself, wherever the coordinates put it) or by ``replaces`` (a
    relocation: the new site replaces that port). A site given by coordinates alone is a new
    site, however close it lies to an opened port.

    Parameters
    ----------
    op : OpenPorts
    cand : Candidate
    replaces : str, optional
        IATA code of the opened air port the candidate relocates.

    Returns
    -------
    dict or None
        ``id, name_zh, iata, open, state`` and ``relation`` (``"itself"`` or ``"replaces"``).

    Raises
    ------
    portgeo.errors.InputError
        ``replaces`` names no air port of the comparison set, names one known not to be open at
        the analysis date, or differs from the candidate's own IATA code.
    """
    table = op.register if op.register is not None else op.table
    code = (replaces or "").strip().upper()
    if code and cand.iata and cand.iata != code:
        raise InputError(f"--iata {cand.iata} names the port itself and --replaces {code} the "
                         "port it relocates; give one of them")  # fmt: skip
    if code:
        same = _codes(table) == code
        if not same.any():
            raise InputError(f"--replaces {code}: no air port with this IATA code in {op.label}")
        row = table[same].iloc[0]
        if not is_blank(row["open"]) and not bool(row["open"]):
            raise InputError(f"--replaces {code}: {row['name_zh']} is not an opened air port at "
                             f"the analysis date ({row['state']}); there is nothing to replace")  # fmt: skip
        relation = "replaces"
    else:
        if not cand.iata or table.empty:
            return None
        same = _codes(table) == cand.iata
        if "closed" in table.columns:  # a closed airport of the same code is not the candidate
            same &= ~((table["open"] == False) & table["closed"].notna()).to_numpy()  # noqa: E712
        if not same.any():
            return None
        row = table[same].iloc[int(np.argmin(_distances(table[same], cand)))]
        relation = "itself"
    return {"id": str(row["id"]), "name_zh": str(row["name_zh"]), "iata": code or cand.iata,
            "open": row["open"], "state": str(row["state"]), "relation": relation}  # fmt: skip


def _comparison_set(op: OpenPorts, cand: Candidate, itself: dict[str, Any] | None) -> pd.DataFrame:
    """Sort the opened ports (known or of unknown state) by distance, without the candidate."""
    ports = op.table.copy()
    ports["distance_km"] = _distances(ports, cand)
    if itself is not None:
        ports = ports[ports["id"].astype(str) != itself["id"]]
    if not len(ports):
        raise InputError("the set of opened air ports is empty (after excluding the candidate)")
    return ports.sort_values("distance_km", kind="stable").reset_index(drop=True)


def _blank_measures(ports: pd.DataFrame) -> pd.DataFrame:
    """Add the road columns, all unmeasured."""
    ports = ports.copy()
    for col in ("road_km", "route_km", "drive_min"):
        ports[col] = np.nan
    ports["reachable"] = None
    ports["covered"] = True
    ports["measured"] = False
    ports["relevant_uncovered"] = False
    return ports


def _route(router: Router, cand: Candidate, sub: pd.DataFrame) -> pd.DataFrame:
    """Ask the router for the road to each port of ``sub``; rows aligned with ``sub``."""
    dest = gpd.GeoDataFrame(sub[["id", "name_zh", "iata"]].copy(),
                            geometry=gpd.points_from_xy(sub["lon"], sub["lat"]), crs="EPSG:4326")  # fmt: skip
    res = pd.DataFrame(
        router.measure_to_destinations((cand.lon, cand.lat), dest, cutoff_minutes=None)
    )
    if len(res) != len(sub):
        raise NetworkError(f"measure_to_destinations returned {len(res)} rows for {len(sub)} ports")
    res.index = sub.index
    return res


def _off_network(ports: pd.DataFrame, rule: AdmissionRule, vmax: float) -> OffNetwork:
    """Describe a candidate the network cannot snap: which ports its unknown drive could reach."""
    reach_km = drive_reach_km(rule, vmax)
    return OffNetwork(snap_km=float(settings.max_snap_m) / 1000.0, reach_km=reach_km,
                      speed_kmh=vmax, port_within_reach=bool((ports["distance_km"] <= reach_km).any()))  # fmt: skip


def _measure(
    router: Router | None, cand: Candidate, ports: pd.DataFrame, rule: AdmissionRule
) -> tuple[pd.DataFrame, list[Said], list[str], OffNetwork | None]:
    """Add road_km, drive_min, reachable, covered, measured to the ports.

    Returns the ports, notes, the labels of uncovered ports within reach, and the candidate's
    place off the network (None when it snaps).
    """
    ports = _blank_measures(ports)
    if router is None:
        return ports, [], [], None
    vmax = float(router.max_speed_kmh)
    screen_km = max(rule.min_distance_km, drive_reach_km(rule, vmax))
    mask = (ports["distance_km"] <= screen_km) | (np.arange(len(ports)) < MIN_PORTS_MEASURED)
    if getattr(router, "measures_all", False):  # one search answers every port alike
        mask[:] = True
    sub = ports[mask]
    try:
        res = _route(router, cand, sub)
    except SnapError:
        off = _off_network(ports, rule, vmax)
        crit = judge_drive(rule, network=True, quickest=None, n_quick=0, not_covered=[],
                           unsure_quick=None, off_network=off)  # fmt: skip
        return ports, [(crit.explanation, crit.explanation_zh)], [], off
    reach = res["reachable"].astype(bool)
    covered = res["covered"].astype(bool) if "covered" in res else pd.Series(True, index=res.index)
    for col in ("road_km", "route_km", "drive_min"):
        if col in res:
            ports.loc[sub.index, col] = (
                pd.to_numeric(res[col], errors="coerce").where(reach).to_numpy(float)
            )
    ports.loc[sub.index, "reachable"] = reach.to_numpy()
    ports.loc[sub.index, "covered"] = covered.to_numpy()
    ports.loc[sub.index, "measured"] = True
    # a port the network does not cover matters only if it could be within the threshold
    ports["relevant_uncovered"] = (
        ports["measured"] & ~ports["covered"] & (ports["distance_km"] <= drive_reach_km(rule, vmax))
    )
    notes, uncovered = _measure_notes(ports, rule, router, screen_km)
    return ports, notes, uncovered, None


def _measure_notes(
    ports: pd.DataFrame, rule: AdmissionRule, router: Router, screen_km: float
) -> tuple[list[Said], list[str]]:
    """Say which ports were not measured, have no road, or lie off the network's cover."""
    notes: list[Said] = []
    n_unmeasured = int((~ports["measured"]).sum())
    if n_unmeasured:
        notes.append((
            f"{n_unmeasured} opened air ports lie more than {screen_km:.0f} km away in a straight "
            f"line (cannot be within {rule.min_drive_min:g} min at ≤ {router.max_speed_kmh:g} "
            "km/h); their roads were not measured",
            f"{n_unmeasured}个已开放航空口岸直线距离超过{screen_km:.0f}公里（按时速不超过"
            f"{router.max_speed_kmh:g}公里，车程不可能在{rule.min_drive_min:g}分钟内），未测其道路",
        ))  # fmt: skip
    cut_off = ports[ports["measured"] & ports["covered"] & (ports["reachable"] == False)]  # noqa: E712
    if len(cut_off):
        names = ", ".join(port_label(r) for r in cut_off.itertuples())
        notes.append((f"no road connection on this network to {names} (covered by the network, "
                      "but not linked to the candidate by road)",
                      f"该路网上没有通往{names}的道路（在路网范围内，但与候选机场无道路连通）"))  # fmt: skip
    uncovered = [port_label(r) for r in ports[ports["relevant_uncovered"]].itertuples()]
    if uncovered:
        notes.append((f"the road network ({router.source}) does not cover {', '.join(uncovered)}: "
                      "their drive time is unknown; use a network that covers them",
                      f"路网未覆盖{', '.join(uncovered)}，其车程未知；请使用覆盖它们的路网"))  # fmt: skip
    return notes, uncovered


def _drive_eff(ports: pd.DataFrame, has_router: bool, off: OffNetwork | None = None) -> pd.Series:
    """Drive time the rule sees: measured; inf when proven beyond (no road, or too far); NaN unknown."""
    if not has_router:
        return pd.Series(np.nan, index=ports.index)
    if off is not None:  # off the network: unknown within a drive's reach, beyond it too long
        return pd.Series(np.where(ports["distance_km"] <= off.reach_km, np.nan, math.inf),
                         index=ports.index)  # fmt: skip
    out = ports["drive_min"].astype(float).copy()
    out[~ports["measured"]] = math.inf  # beyond the threshold at the network's top speed
    no_road = ports["measured"] & ports["covered"] & (ports["reachable"] == False)  # noqa: E712
    out[no_road] = math.inf
    out[ports["measured"] & ~ports["covered"]] = math.inf  # too far to be within the threshold
    out[ports["relevant_uncovered"]] = np.nan
    return out


def unaccepted_in_province(op: OpenPorts, province: str | None, rule: AdmissionRule) -> list[str]:
    """List the province's air ports approved the rule's years before the date, not accepted."""
    if op.register is None or op.as_of is None or not province:
        return []
    day = op.as_of
    out = []
    for row in op.register[op.register["province"] == province].itertuples():
        approved = parse_partial_date(row.approved)
        if approved is None:
            continue
        years = int(rule.unaccepted_years)
        try:
            due = approved.end.replace(year=approved.end.year + years)
        except ValueError:  # 29 February
            due = approved.end.replace(year=approved.end.year + years, day=28)
        if due > day:
            continue
        opened = parse_partial_date(row.opened)
        if row.kind == "approved-not-accepted" or (opened is not None and opened.start > day):
            out.append(f"{row.name_zh} (approved {approved.text})")
    return out


def read_counts(*, routes: Any, passengers: Any) -> dict[str, float | None]:
    """Read the candidate's route and passenger counts (blank: unknown).

    Parameters
    ----------
    routes, passengers : number, str or None

    Returns
    -------
    dict
        ``routes`` and ``passengers``: float or None.

    Raises
    ------
    portgeo.errors.InputError
        A count that is not a number, is negative, is not a whole number, or exceeds
        :data:`MAX_COUNTS`.
    """
    counts: dict[str, float | None] = {}
    for what, v in (("routes", routes), ("passengers", passengers)):
        value = None if clean(v) is None else as_float(v, what)
        if value is not None:
            if value < 0:
                raise InputError(f"{what} must not be negative, got {value:g}")
            if value != math.floor(value):
                raise InputError(f"{what} is a count and must be a whole number, got {value!r}")
            if value > MAX_COUNTS[what]:
                raise InputError(
                    f"{what} {value:g} is not plausible (more than {MAX_COUNTS[what]:,.0f}); "
                    "check the number and its unit"
                )
        counts[what] = value
    return counts


def resolve_open_ports(
    open_ports: OpenPorts | pd.DataFrame | str | Path | None,
    *,
    as_of: str | dt.date | None,
    rule: AdmissionRule,
) -> OpenPorts:
    """Return the comparison set: as given, or the register at ``as_of``.

    Parameters
    ----------
    open_ports : OpenPorts, DataFrame, path or None
        See :func:`check_airport`.
    as_of : str or datetime.date, optional
    rule : AdmissionRule
        Gives the kinds of air port that count as opened.

    Returns
    -------
    OpenPorts

    Raises
    ------
    portgeo.errors.InputError
        Both ``open_ports`` and ``as_of`` given.
    """
    if open_ports is not None and as_of is not None:
        raise InputError(
            "an analysis date (--as-of) dates the register; it cannot be combined with a file "
            "of opened ports (--open-ports), which replaces the register"
        )
    if isinstance(open_ports, OpenPorts):
        return open_ports
    day = as_of_date(as_of) if open_ports is None else None
    return load_open_air_ports(open_ports, as_of=day, kinds=rule.opened_kinds)


def check_airport(
    candidate: Candidate | Mapping[str, Any] | str,
    *,
    routes: float | None = None,
    passengers: float | None = None,
    setting: str | None = None,
    reading: str | None = None,
    open_ports: OpenPorts | pd.DataFrame | str | Path | None = None,
    as_of: str | dt.date | None = None,
    network: RoadNetwork | Router | str | Path | None = None,
    province_gate: ProvinceGate | Mapping[str, Any] | None = None,
    rule: AdmissionRule | None = None,
    replaces: str | None = None,
) -> AdmissionResult:
    """Check a candidate airport against the airport admission rule.

    Parameters
    ----------
    candidate : Candidate, mapping or str
        The airport: a :class:`Candidate`, a mapping with ``name``/``iata``/``lat``/``lon``
        (optional ``province``, ``crs``), or an IATA code.
    routes : float, optional
        Fixed direct routes (no stopovers; domestic for coastal airports). ``None``: unknown.
    passengers : float, optional
        Peak annual passenger throughput (persons per year). ``None``: unknown.
    setting : {"coastal", "inland", "border"}, optional
        Overrides the derived setting.
    reading : {"both", "either"}, optional
        How the spacing rule is read; default the rule's ``default_reading``.
    open_ports : OpenPorts, DataFrame, path or None
        Opened air ports to compare with; ``None``: the register at ``as_of``.
    as_of : str or datetime.date, optional
        Analysis date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``; default today) for the register.
    network : RoadNetwork, Router, str, path or None
        Road network (see :func:`portgeo.rules.admission.as_router`); ``None`` leaves the drive
        criterion unknown.
    province_gate : ProvinceGate or mapping, optional
        Province facts; unknown facts leave the gate unknown unless a known one triggers it.
    rule : AdmissionRule, optional
        The rule; ``None`` reads it from the data.
    replaces : str, optional
        IATA code of the opened air port the candidate relocates: that port leaves the
        comparison (the notes say so). A candidate given by coordinates alone is a new site
        and is compared with every opened air port, however close (see :func:`find_itself`).

    Returns
    -------
    AdmissionResult

    Raises
    ------
    portgeo.errors.InputError
        Bad candidate, reading, setting, date, counts or ``replaces``.

    Notes
    -----
    A candidate farther than ``settings.max_snap_m`` from the road network (an island, a site
    in the sea or the desert) still gets a verdict: its drive time is unknown to the ports a
    drive could reach at the network's top speed and longer than the threshold to the others,
    and the Kleene AND decides what the straight line alone can decide.
    """
    rule = rule or load_admission_rule()
    reading = reading or rule.default_reading
    if reading not in READINGS:
        raise InputError(f"reading must be 'both' or 'either', got {reading!r}")
    if setting is not None and setting not in SETTINGS:
        raise InputError(f"setting must be coastal, inland or border, got {setting!r}")
    cand = as_candidate(candidate)
    counts = read_counts(routes=routes, passengers=passengers)
    gate = as_gate(province_gate)
    setting_v, setting_src, setting_note = _setting_of(cand, setting, rule)
    op = resolve_open_ports(open_ports, as_of=as_of, rule=rule)
    itself = find_itself(op, cand, replaces=replaces)
    ports = _comparison_set(op, cand, itself)
    notes: list[Said] = [*_identity_notes(itself, ports), setting_note]
    router = as_router(network)
    ports, mnotes, uncovered, off = _measure(router, cand, ports, rule)
    notes.extend(mnotes)
    ports["drive_eff"] = _drive_eff(ports, router is not None, off)
    unknown_state = ports[
        ports["open"].isna() & (ports["distance_km"] <= rule.min_distance_km * 1.5)
    ]
    if len(unknown_state):
        states = "; ".join(f"{port_label(r)} ({r.state})" for r in unknown_state.itertuples())
        notes.append((f"opening state unknown at the analysis date: {states}",
                      f"分析日期开放状态不明：{states}"))  # fmt: skip
    criteria = [
        distance_criterion(ports, rule),
        drive_criterion(ports, rule, network=router is not None, not_covered=uncovered,
                        off_network=off),
        count_criterion("routes", counts["routes"], setting_v, rule.min_routes, rule, "fixed direct routes"),
        count_criterion("passengers", counts["passengers"], setting_v, rule.min_passengers, rule,
                        "peak annual passengers"),
        gate_criterion(gate, cand.province, rule,
                       register_unaccepted=unaccepted_in_province(op, cand.province, rule)),
    ]  # fmt: skip
    spacing, verdict, verdict_other = _spacing(
        ports, rule, reading, [c.passed for c in criteria[2:]]
    )
    band = router_drive_band(router)
    marginal = _mark_close_calls(criteria, spacing, ports, band, rule, notes, verdict)
    if verdict != verdict_other:
        notes.append((f"the verdict changes under the '{spacing['other_reading']}' reading: "
                      f"{verdict} → {verdict_other}",
                      f"按另一种解读，结论由{VERDICT_WORDS_ZH[verdict]}变为"
                      f"{VERDICT_WORDS_ZH[verdict_other]}"))  # fmt: skip
    return AdmissionResult(
        candidate=_candidate_record(cand, setting_v, setting_src, itself),
        network=network_record(router, band),
        nearest_open_ports=[port_record(r) for r in ports.itertuples()],
        criteria=criteria,
        verdict=verdict,
        reading=reading,
        spacing=spacing,
        open_ports_set=op.label,
        open_ports=op.describe(),
        notes=[en for en, _ in notes],
        verdict_other_reading=verdict_other,
        marginal=marginal,
        words_zh={"notes": [zh for _, zh in notes], "spacing": _spacing_words(rule, reading, "zh")},
    )  # fmt: skip


def _mark_close_calls(
    criteria: list[Criterion], spacing: dict[str, Any], ports: pd.DataFrame,
    band: DriveBand | None, rule: AdmissionRule, notes: list[Said], verdict: str,
) -> bool:  # fmt: skip
    """Mark the spacing criteria's close calls in place; return whether the verdict is marginal."""
    criteria[0], criteria[1], spacing["marginal"] = mark_close_calls(
        criteria[0], criteria[1], spacing=spacing["passed"], band=band, rule=rule,
        precision_km=nearest_port_precision_km(ports), reading=spacing["reading"],
    )  # fmt: skip
    marginal = bool(spacing["marginal"]) and not any(c.passed is False for c in criteria[2:])
    if marginal:
        notes.append(("a close call: within the stated error of the distance or the drive time, "
                      f"the spacing verdict could be the other one ({verdict} is marked marginal)",
                      "临界：在距离或车程的标明误差范围内，间距结论可能相反"
                      f"（{VERDICT_WORDS_ZH[verdict]}标为临界）"))  # fmt: skip
    return marginal


def _candidate_record(
    cand: Candidate, setting: str | None, source: str, itself: dict[str, Any] | None
) -> dict[str, Any]:
    """Describe the candidate for the result: place, setting, and the port it is or replaces."""
    relation = None if itself is None else itself["relation"]
    return {
        "name": cand.name, "iata": cand.iata, "lat": round(cand.lat, 6), "lon": round(cand.lon, 6),
        "province": cand.province, "setting": setting, "setting_source": source,
        "opened_air_port": itself if relation == "itself" else None,
        "replaces": itself if relation == "replaces" else None,
    }  # fmt: skip


def _setting_of(
    cand: Candidate, setting: str | None, rule: AdmissionRule
) -> tuple[str | None, str, Said]:
    """Return the candidate's setting, where it came from, and the note that says so."""
    if setting is not None:
        value: str | None = setting
        source, why = "given", "given by the user"
    else:
        value, why = derive_setting(cand.lon, cand.lat, rule=rule, province=cand.province)
        source = "derived" if value else "unknown"
    how = {
        "given": "用户给出",
        "derived": "按省份及与海岸、陆地边界的距离推定",
        "unknown": "无法推定",
    }
    label = rule.setting_labels.get(value, "未知") if value else "未知"
    return (
        value,
        source,
        (f"setting: {value or 'unknown'} ({why})", f"机场类型：{label}（{how[source]}）"),
    )


def _identity_notes(itself: dict[str, Any] | None, ports: pd.DataFrame) -> list[Said]:
    """Say which existing port the candidate is or replaces, or that a new site lies close to one."""
    if itself is None:
        near = ports[ports["distance_km"] < NEAR_SITE_KM]
        if not len(near):
            return []
        p = near.iloc[0]
        code = p["iata"] if isinstance(p["iata"], str) and p["iata"] else "CODE"
        km, port = float(p["distance_km"]), state_label(p)
        return [(f"the site is {km:.1f} km from {port}, and counts as a new site at that distance; "
                 f"if the candidate is that airport, check it with --iata {code}; if it relocates "
                 f"it, add --replaces {code}",
                 f"场址距{port}{km:.1f}公里，按新场址核查；若候选机场即该机场或为其迁建，"
                 "请按其IATA代码核查或注明迁建")]  # fmt: skip
    name, state = itself["name_zh"], itself["state"]
    if itself["relation"] == "replaces":
        return [(f"the candidate replaces {name} ({itself['iata']}, {state}), a relocation: "
                 f"{name} leaves the comparison",
                 f"候选机场迁建替代{name}（{itself['iata']}，{state}），{name}不参与比较")]  # fmt: skip
    if itself["open"] is True:
        return [(f"the candidate is itself an opened air port: {name} ({state}); it is compared "
                 "with the other opened air ports",
                 f"候选机场本身是已开放航空口岸：{name}（{state}），与其他已开放航空口岸比较")]  # fmt: skip
    return [
        (
            f"the register lists the candidate: {name} ({state})",
            f"已开放航空口岸名录列有候选机场：{name}（{state}）",
        )
    ]


def _spacing(
    ports: pd.DataFrame, rule: AdmissionRule, reading: str, rest: list[bool | None]
) -> tuple[dict[str, Any], str, str]:
    """Judge the spacing under both readings; return it and the verdicts with the criteria ``rest``."""
    other = "either" if reading == "both" else "both"
    here, there = spacing_ok(ports, rule, reading), spacing_ok(ports, rule, other)
    verdict, verdict_other = verdict_of([here, *rest]), verdict_of([there, *rest])
    conflicts = [str(r.id) for r in ports.itertuples()
                 if port_conflict(r.distance_km, None if pd.isna(r.drive_eff) else float(r.drive_eff), rule, reading)]  # fmt: skip
    return {
        "reading": reading, "passed": here, "other_reading": other, "passed_other_reading": there,
        "verdict_changes": verdict != verdict_other, "conflicting_ports": conflicts,
        "explanation": _spacing_words(rule, reading, "en"),
    }, verdict, verdict_other  # fmt: skip


def _spacing_words(rule: AdmissionRule, reading: str, lang: str) -> str:
    """Say what the chosen reading and the other one ask, in one language."""
    other = "either" if reading == "both" else "both"
    if lang == "en":
        return f"{reading}: {rule.reading_summary(reading)}; {other}: {rule.reading_summary(other)}"
    return (
        f"{READING_WORDS_ZH[reading]}：{rule.reading_summary(reading, 'zh')}；"
        f"{READING_WORDS_ZH[other]}：{rule.reading_summary(other, 'zh')}"
    )


def port_record(r: Any) -> dict[str, Any]:
    """Turn one row of the comparison set into the record of ``nearest_open_ports``."""
    return {
        "id": str(r.id),
        "name_zh": str(r.name_zh),
        "iata": (str(r.iata) or None) if isinstance(r.iata, str) else None,
        "distance_km": round(float(r.distance_km), 1),
        "road_km": None if pd.isna(r.road_km) else round(float(r.road_km), 1),
        "route_km": None if pd.isna(r.route_km) else round(float(r.route_km), 1),
        "drive_min": None if pd.isna(r.drive_min) else round(float(r.drive_min), 1),
        "reachable": None if is_blank(r.reachable) else bool(r.reachable),
        "open": r.open,
        "state": str(r.state),
        "lat": float(r.lat),
        "lon": float(r.lon),
        "source": str(r.source),
    }
