"""The airport admission check: one candidate (:func:`check_airport`) or a batch.

The rule's own words are ``airport.text_zh`` of the admission YAML
(:attr:`portgeo.rules.admission.AdmissionRule.text_zh`).

:func:`check_airport` evaluates five criteria (:mod:`~portgeo.rules.admission.criteria`):
``distance_200km`` (straight-line distance to every opened air port), ``drive_2h`` (fastest
drive to every opened air port), ``routes`` and ``passengers`` (by the candidate's setting,
:mod:`~portgeo.rules.admission.setting`) and ``province_gate`` (从严控制).

"200公里或2小时车程以上" is ambiguous. Under ``reading="both"`` (the default, the strict reading;
the 13th plan's negative wording "与已开放航空口岸距离在200公里或2个小时车程之内……不可申请"
reads this way) a port conflicts with the candidate when it is closer than 200 km *or* nearer than
2 hours. Under ``reading="either"`` a port conflicts only when it is both closer than 200 km *and*
nearer than 2 hours. The result always carries the verdict under the other reading too.

Every threshold comes from the data (:mod:`~portgeo.rules.admission.rule`). An input that is
not known (routes, passengers, road network, province facts) makes its criterion
``passed=None`` and the verdict ``"incomplete"``, never a silent pass.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from portgeo import settings
from portgeo._data import clean, is_blank
from portgeo.errors import InputError, NetworkError, PortgeoError
from portgeo.geo.geodesy import geodesic_distance_m
from portgeo.rules.admission.candidate import Candidate, as_candidate, as_float
from portgeo.rules.admission.criteria import (
    Criterion,
    ProvinceGate,
    as_gate,
    count_criterion,
    gate_criterion,
    jsonable,
    port_conflict,
    port_label,
    spacing_ok,
    verdict_of,
)
from portgeo.rules.admission.open_ports import OpenPorts, load_open_air_ports
from portgeo.rules.admission.router import Router, as_router
from portgeo.rules.admission.rule import READINGS, SETTINGS, AdmissionRule, load_admission_rule
from portgeo.rules.admission.setting import derive_setting

__all__ = [
    "MIN_PORTS_MEASURED",
    "SELF_MATCH_KM",
    "AdmissionResult",
    "check_airport",
    "check_airports",
]

#: An opened air port this close to the candidate is taken to be the candidate itself (km).
SELF_MATCH_KM = 5.0
#: Always measure the road to at least this many nearest opened ports (for the report).
MIN_PORTS_MEASURED = 5


@dataclass
class AdmissionResult:
    """Outcome of :func:`check_airport`.

    Attributes
    ----------
    candidate : dict
        ``name, iata, lat, lon, province, setting, setting_source``.
    network : dict
        ``source, approximate`` of the road network (``None`` values without one).
    nearest_open_ports : list of dict
        Opened air ports sorted by geodesic distance: ``id, name_zh, iata, distance_km, road_km,
        drive_min, reachable``.
    criteria : list of Criterion
    verdict : str
        ``pass``, ``fail`` or ``incomplete``.
    reading : str
        ``both`` or ``either``.
    spacing : dict
        The combined distance/drive verdict under both readings.
    open_ports_set : str
        Which set of opened air ports was used.
    notes : list of str
        Anything the reader should know (self-exclusion, unmeasured ports, ...).
    """

    candidate: dict[str, Any]
    network: dict[str, Any]
    nearest_open_ports: list[dict[str, Any]]
    criteria: list[Criterion]
    verdict: str
    reading: str
    spacing: dict[str, Any]
    open_ports_set: str
    notes: list[str] = field(default_factory=list)
    verdict_other_reading: str = ""

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
            "nearest_open_ports": jsonable(self.nearest_open_ports),
            "criteria": [c.to_dict() for c in self.criteria],
            "reading": self.reading,
            "spacing": jsonable(self.spacing),
            "verdict": self.verdict,
            "verdict_other_reading": self.verdict_other_reading,
            "notes": list(self.notes),
        }


def _comparison_set(op: OpenPorts, cand: Candidate) -> tuple[pd.DataFrame, str | None]:
    """Return the opened ports sorted by distance, without the candidate itself (and a note if so)."""
    ports = op.table.copy()
    ports["distance_km"] = (
        np.asarray(
            geodesic_distance_m(
                cand.lon, cand.lat, ports["lon"].to_numpy(), ports["lat"].to_numpy()
            )
        )
        / 1000.0
    )
    self_mask = ports["distance_km"] < SELF_MATCH_KM
    if cand.iata:
        self_mask |= ports["iata"].fillna("").astype(str).str.upper() == cand.iata
    note = None
    if self_mask.any():
        names = ", ".join(port_label(r) for r in ports[self_mask].itertuples())
        note = (
            f"the candidate is itself an opened air port in the comparison set ({names}); "
            "excluded from the comparison"
        )
        ports = ports[~self_mask]
    if not len(ports):
        raise InputError("the set of opened air ports is empty (after excluding the candidate)")
    return ports.sort_values("distance_km").reset_index(drop=True), note


def _distance_criterion(ports: pd.DataFrame, rule: AdmissionRule) -> Criterion:
    nearest = ports.iloc[0]
    min_d = float(nearest["distance_km"])
    close = ports[ports["distance_km"] < rule.min_distance_km]
    return Criterion(
        "distance_200km",
        bool(min_d >= rule.min_distance_km),
        round(min_d, 1),
        rule.min_distance_km,
        f"nearest opened air port {port_label(nearest)} is {min_d:.0f} km away in a straight line"
        + (
            f"; {len(close)} opened port(s) within {rule.min_distance_km:g} km"
            if len(close)
            else ""
        )
        + f" (rule: ≥ {rule.min_distance_km:g} km / 距已开放航空口岸{rule.min_distance_km:g}公里以上)",
    )


def _drive_criterion(ports: pd.DataFrame, rule: AdmissionRule, router: Router | None) -> Criterion:
    if router is None:
        return Criterion("drive_2h", None, None, rule.min_drive_min,
                         "no road network given: drive time unknown (pass --network)")  # fmt: skip
    fin = ports[np.isfinite(ports["drive_eff"].astype(float))]
    if not len(fin):
        return Criterion("drive_2h", True, None, rule.min_drive_min,
                         "no opened air port is reachable by road within the network")  # fmt: skip
    q = fin.loc[fin["drive_eff"].astype(float).idxmin()]
    tmin = float(q["drive_eff"])
    quick = fin[fin["drive_eff"].astype(float) < rule.min_drive_min]
    return Criterion(
        "drive_2h",
        bool(tmin >= rule.min_drive_min),
        round(tmin, 1),
        rule.min_drive_min,
        f"quickest drive to an opened air port: {port_label(q)}, {tmin:.0f} min "
        f"({float(q['road_km']):.0f} km by road)"
        + (f"; {len(quick)} opened port(s) within {rule.min_drive_min:g} min" if len(quick) else "")
        + f" (rule: ≥ {rule.min_drive_min:g} min / 2小时车程以上)",
    )


def _measure(
    router: Any, cand: Candidate, ports: pd.DataFrame, rule: AdmissionRule
) -> tuple[pd.DataFrame, list[str]]:
    """Add road_km, drive_min, reachable, measured to ``ports`` (sorted by distance)."""
    notes: list[str] = []
    ports = ports.copy()
    ports["road_km"] = np.nan
    ports["drive_min"] = np.nan
    ports["reachable"] = None
    ports["measured"] = False
    if router is None:
        return ports, notes
    vmax = float(router.max_speed_kmh)
    screen_km = max(rule.min_distance_km, rule.min_drive_min / 60.0 * vmax)
    mask = (ports["distance_km"] <= screen_km) | (np.arange(len(ports)) < MIN_PORTS_MEASURED)
    sub = ports[mask]
    if len(sub):
        dest = gpd.GeoDataFrame(
            sub[["id", "name_zh", "iata"]].copy(),
            geometry=gpd.points_from_xy(sub["lon"], sub["lat"]),
            crs="EPSG:4326",
        )
        res = router.measure_to_destinations((cand.lon, cand.lat), dest, cutoff_minutes=None)
        res = pd.DataFrame(res)
        if len(res) != len(sub):
            raise NetworkError(
                f"measure_to_destinations returned {len(res)} rows for {len(sub)} ports"
            )
        res.index = sub.index
        reach = res["reachable"].astype(bool)
        road_km = pd.to_numeric(res["road_km"], errors="coerce").where(reach)
        drive_min = pd.to_numeric(res["drive_min"], errors="coerce").where(reach)
        ports.loc[sub.index, "road_km"] = road_km.to_numpy(dtype=float)
        ports.loc[sub.index, "drive_min"] = drive_min.to_numpy(dtype=float)
        ports.loc[sub.index, "reachable"] = reach.to_numpy()
        ports.loc[sub.index, "measured"] = True
    n_unmeasured = int((~ports["measured"]).sum())
    if n_unmeasured:
        notes.append(
            f"{n_unmeasured} opened air ports lie more than {screen_km:.0f} km away in a straight "
            f"line (cannot be within {rule.min_drive_min:g} min at ≤ {vmax:g} km/h); their roads "
            "were not measured"
        )
    unreachable = ports[ports["measured"] & (ports["reachable"] == False)]  # noqa: E712
    if len(unreachable):
        notes.append(
            "no road connection in this network to "
            + ", ".join(port_label(r) for r in unreachable.itertuples())
            + "; counted as beyond the drive threshold"
        )
    return ports, notes


def check_airport(
    candidate: Candidate | Mapping[str, Any] | str,
    *,
    routes: float | None = None,
    passengers: float | None = None,
    setting: str | None = None,
    reading: str = "both",
    open_ports: OpenPorts | pd.DataFrame | str | Path | None = None,
    network: Any = None,
    province_gate: ProvinceGate | Mapping[str, Any] | None = None,
    rule: AdmissionRule | None = None,
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
    reading : {"both", "either"}
        How "200公里或2小时车程以上" is read; see the module docstring.
    open_ports : OpenPorts, DataFrame, path or None
        Opened air ports to compare with; ``None`` uses :func:`load_open_air_ports`.
    network : object, str or None
        Road network (see :func:`as_router`); ``None`` leaves the drive criterion unknown.
    province_gate : ProvinceGate or mapping, optional
        Province facts; unknown facts leave the gate unknown unless a known one triggers it.
    rule : AdmissionRule, optional
        The rule's parameters; ``None`` reads them from the catalogue.

    Returns
    -------
    AdmissionResult

    Raises
    ------
    InputError
        Bad candidate, reading, setting or counts.
    SnapError
        The candidate is too far from the road network.
    """
    if reading not in READINGS:
        raise InputError(f"reading must be 'both' or 'either', got {reading!r}")
    if setting is not None and setting not in SETTINGS:
        raise InputError(f"setting must be coastal, inland or border, got {setting!r}")
    rule = rule or load_admission_rule()
    cand = as_candidate(candidate)
    routes_v = None if clean(routes) is None else as_float(routes, "routes")
    pax_v = None if clean(passengers) is None else as_float(passengers, "passengers")
    for what, v in (("routes", routes_v), ("passengers", pax_v)):
        if v is not None and v < 0:
            raise InputError(f"{what} must not be negative, got {v:g}")
    gate = as_gate(province_gate)
    notes: list[str] = []

    # --- setting --------------------------------------------------------------------------------
    province = cand.province
    setting_v: str | None
    if setting is not None:
        setting_v, setting_src = setting, "given"
        setting_expl = "given by the user"
    else:
        setting_v, setting_expl = derive_setting(cand.lon, cand.lat, rule=rule, province=province)
        setting_src = "derived" if setting_v else "unknown"
    notes.append(f"setting: {setting_v or 'unknown'} ({setting_expl})")

    # --- opened ports ---------------------------------------------------------------------------
    op = open_ports if isinstance(open_ports, OpenPorts) else load_open_air_ports(open_ports)
    ports, self_note = _comparison_set(op, cand)
    if self_note:
        notes.append(self_note)

    # --- road measures --------------------------------------------------------------------------
    router = as_router(network)
    ports, mnotes = _measure(router, cand, ports, rule)
    notes.extend(mnotes)
    # effective drive time for the rule: unreachable or unmeasured (too far) = infinitely far
    if router is None:
        ports["drive_eff"] = np.nan
    else:
        ports["drive_eff"] = ports["drive_min"].where(ports["reachable"] == True, math.inf)  # noqa: E712

    criteria = [_distance_criterion(ports, rule), _drive_criterion(ports, rule, router)]
    spacing_here = spacing_ok(ports, rule, reading)
    other = "either" if reading == "both" else "both"
    spacing_other = spacing_ok(ports, rule, other)
    conflicts = [
        str(r.id)
        for r in ports.itertuples()
        if port_conflict(
            r.distance_km, None if pd.isna(r.drive_eff) else float(r.drive_eff), rule, reading
        )
    ]

    # --- routes and passengers ------------------------------------------------------------------
    criteria.append(
        count_criterion("routes", routes_v, setting_v, rule.min_routes, rule, "fixed direct routes")
    )
    criteria.append(
        count_criterion(
            "passengers", pax_v, setting_v, rule.min_passengers, rule, "peak annual passengers"
        )
    )
    criteria.append(gate_criterion(gate, province, rule))

    rest = [c.passed for c in criteria if c.id in ("routes", "passengers", "province_gate")]
    verdict = verdict_of([spacing_here, *rest])
    verdict_other = verdict_of([spacing_other, *rest])
    spacing = {
        "reading": reading,
        "passed": spacing_here,
        "other_reading": other,
        "passed_other_reading": spacing_other,
        "verdict_changes": verdict != verdict_other,
        "conflicting_ports": conflicts,
        "explanation": (
            "both: every opened air port must be ≥ "
            f"{rule.min_distance_km:g} km AND ≥ {rule.min_drive_min:g} min away; either: a port "
            f"conflicts only when it is < {rule.min_distance_km:g} km AND < {rule.min_drive_min:g} min away"
        ),
    }
    if verdict != verdict_other:
        notes.append(
            f"the verdict changes under the '{other}' reading: {verdict} → {verdict_other}"
        )

    nearest_list = [
        {
            "id": str(r.id),
            "name_zh": str(r.name_zh),
            "iata": (str(r.iata) or None) if isinstance(r.iata, str) else None,
            "distance_km": round(float(r.distance_km), 1),
            "road_km": None if pd.isna(r.road_km) else round(float(r.road_km), 1),
            "drive_min": None if pd.isna(r.drive_min) else round(float(r.drive_min), 1),
            "reachable": None if is_blank(r.reachable) else bool(r.reachable),
            "lat": float(r.lat),
            "lon": float(r.lon),
            "source": str(r.source),
        }
        for r in ports.itertuples()
    ]
    return AdmissionResult(
        candidate={
            "name": cand.name,
            "iata": cand.iata,
            "lat": round(cand.lat, 6),
            "lon": round(cand.lon, 6),
            "province": province,
            "setting": setting_v,
            "setting_source": setting_src,
        },
        network={
            "source": None if router is None else router.source,
            "approximate": None if router is None else router.approximate,
        },
        nearest_open_ports=nearest_list,
        criteria=criteria,
        verdict=verdict,
        reading=reading,
        spacing=spacing,
        open_ports_set=op.label,
        notes=notes,
        verdict_other_reading=verdict_other,
    )


def check_airports(
    candidates: pd.DataFrame,
    *,
    reading: str = "both",
    open_ports: OpenPorts | pd.DataFrame | str | Path | None = None,
    network: Any = None,
    rule: AdmissionRule | None = None,
    progress: bool | None = None,
    keep_results: bool = False,
) -> pd.DataFrame:
    """Check many candidates; one row out per row in.

    Parameters
    ----------
    candidates : pandas.DataFrame
        Columns ``name`` and/or ``iata``, optional ``lat, lon, crs, province, routes,
        passengers, setting, exiting_port, unaccepted_port, ports_below_standard``. Empty cells
        are unknown.
    reading, open_ports, network, rule
        As in :func:`check_airport` (shared by every row; the network is loaded once).
    progress : bool, optional
        Show a tqdm bar (default :data:`portgeo.settings.progress`).
    keep_results : bool, default False
        Add a column ``result`` holding each row's :class:`AdmissionResult` (None on error), for
        maps and reports.

    Returns
    -------
    pandas.DataFrame
        ``name, iata, lat, lon, province, setting, nearest_open_port, distance_km, road_km,
        drive_min, <criterion>_passed ..., verdict, verdict_other_reading, error``. A row whose
        input is bad gets ``verdict="error"`` and the message in ``error``.
    """
    if progress is None:
        progress = settings.progress
    rule = rule or load_admission_rule()
    op = open_ports if isinstance(open_ports, OpenPorts) else load_open_air_ports(open_ports)
    router = as_router(network)
    rows = []
    for _, row in tqdm(
        candidates.iterrows(), total=len(candidates), disable=not progress, desc="check airports"
    ):
        rec = row.to_dict()
        out: dict[str, Any] = {"name": clean(rec.get("name")), "iata": clean(rec.get("iata"))}
        try:
            res = check_airport(
                rec,
                routes=clean(rec.get("routes")),
                passengers=clean(rec.get("passengers")),
                setting=clean(rec.get("setting")),
                reading=clean(rec.get("reading")) or reading,
                open_ports=op,
                network=router,
                province_gate={
                    k: rec.get(k)
                    for k in ("exiting_port", "unaccepted_port", "ports_below_standard")
                },
                rule=rule,
            )
        except PortgeoError as exc:
            out.update(verdict="error", error=str(exc))
            if keep_results:
                out["result"] = None
            rows.append(out)
            continue
        c = res.candidate
        near = res.nearest_open_ports[0]
        quick = min(
            (p for p in res.nearest_open_ports if p["drive_min"] is not None and p["reachable"]),
            key=lambda p: p["drive_min"],
            default=None,
        )
        out.update(
            name=c["name"],
            iata=c["iata"],
            lat=c["lat"],
            lon=c["lon"],
            province=c["province"],
            setting=c["setting"],
            nearest_open_port=port_label(near),
            distance_km=near["distance_km"],
            quickest_open_port=None if quick is None else port_label(quick),
            road_km=None if quick is None else quick["road_km"],
            drive_min=None if quick is None else quick["drive_min"],
        )
        for crit in res.criteria:
            out[f"{crit.id}_passed"] = crit.passed
        out.update(
            reading=res.reading,
            spacing_passed=res.spacing["passed"],
            verdict=res.verdict,
            verdict_other_reading=res.verdict_other_reading,
            network_source=res.network["source"],
            open_ports_set=res.open_ports_set,
            error=None,
        )
        if keep_results:
            out["result"] = res
        rows.append(out)
    return pd.DataFrame(rows)
