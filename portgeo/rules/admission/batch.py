"""Many candidate airports at once: one row out per row in.

:func:`check_airports` gives every candidate the verdict :func:`check_airport` would give it.
With a road network it does not search the roads once per candidate: it builds one
:class:`~portgeo.rules.admission.eligibility.SpacingField` (one search per opened air port) and
reads every candidate's distances and drive times from it, with the coast and border distances
that set a candidate's setting measured for all candidates together. A candidate off the network
with an opened port within a drive's reach goes through :func:`check_airport`, which says why it
cannot be checked. ``keep_results=True`` (for maps and reports, which need
the full :class:`AdmissionResult`) checks every row one by one.

``tests/test_batch.py`` holds the batch to the one-by-one check, row by row, on the offline
network; ``benchmarks/bench_batch.py`` measures both.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from portgeo import settings
from portgeo._data import clean
from portgeo.errors import InputError, PortgeoError
from portgeo.roads.network import RoadNetwork
from portgeo.rules.admission.candidate import Candidate, as_candidate
from portgeo.rules.admission.check import (
    AdmissionResult,
    check_airport,
    find_itself,
    read_counts,
    resolve_open_ports,
    unaccepted_in_province,
)
from portgeo.rules.admission.criteria import (
    ProvinceGate,
    as_gate,
    count_criterion,
    gate_criterion,
    kleene_and,
    port_label,
    verdict_of,
)
from portgeo.rules.admission.eligibility import SpacingField
from portgeo.rules.admission.open_ports import OpenPorts
from portgeo.rules.admission.router import NetworkRouter, Router, as_router
from portgeo.rules.admission.rule import READINGS, SETTINGS, AdmissionRule, load_admission_rule
from portgeo.rules.admission.setting import coast_border_km, derive_setting

__all__ = ["GATE_COLUMNS", "RESULT_COLUMNS", "check_airports"]

#: Columns of a batch file that carry the province facts of :class:`ProvinceGate`.
GATE_COLUMNS: tuple[str, ...] = ("exiting_port", "unaccepted_port", "ports_below_standard")

#: Columns of the result of :func:`check_airports`, in order.
RESULT_COLUMNS: tuple[str, ...] = (
    "name", "iata", "lat", "lon", "province", "setting", "opened_air_port", "nearest_open_port",
    "distance_km", "quickest_open_port", "route_km", "drive_min", "distance_200km_passed",
    "drive_2h_passed", "routes_passed", "passengers_passed", "province_gate_passed", "reading",
    "spacing_passed", "verdict", "verdict_other_reading", "network_source", "open_ports_set",
    "error",
)  # fmt: skip


def check_airports(
    candidates: pd.DataFrame,
    *,
    reading: str | None = None,
    open_ports: OpenPorts | pd.DataFrame | str | Path | None = None,
    as_of: str | dt.date | None = None,
    network: RoadNetwork | Router | str | Path | None = None,
    rule: AdmissionRule | None = None,
    progress: bool | None = None,
    keep_results: bool = False,
) -> pd.DataFrame:
    """Check many candidates; one row out per row in.

    Parameters
    ----------
    candidates : pandas.DataFrame
        Columns ``name`` and/or ``iata``, optional ``lat, lon, crs, province, routes,
        passengers, setting, reading, exiting_port, unaccepted_port, ports_below_standard``.
        Empty cells are unknown.
    reading, open_ports, as_of, network, rule
        As in :func:`check_airport` (shared by every row; the network is loaded once).
    progress : bool, optional
        Show a tqdm bar (default :data:`portgeo.settings.progress`).
    keep_results : bool, default False
        Add a column ``result`` holding each row's :class:`AdmissionResult` (None on error), for
        maps and reports; every row is then checked one by one.

    Returns
    -------
    pandas.DataFrame
        ``name, iata, lat, lon, province, setting, opened_air_port, nearest_open_port,
        distance_km, quickest_open_port, route_km`` (length of the quickest drive)``, drive_min,
        <criterion>_passed ..., reading, spacing_passed, verdict, verdict_other_reading,
        network_source, open_ports_set, error`` (:data:`RESULT_COLUMNS`). A row whose input is
        bad gets ``verdict="error"`` and the message in ``error``. No candidates give an empty
        table with these columns.
    """
    show = settings.progress if progress is None else progress
    rule = rule or load_admission_rule()
    op = resolve_open_ports(open_ports, as_of=as_of, rule=rule)
    router = as_router(network)
    records = [row.to_dict() for _, row in candidates.iterrows()]
    if not records:
        return pd.DataFrame(columns=[*RESULT_COLUMNS, *(["result"] if keep_results else [])])
    if isinstance(router, NetworkRouter) and not keep_results and len(records) > 1:
        return _check_with_field(records, router, op, rule, reading, show)
    rows = []
    for rec in tqdm(records, disable=not show, desc="check airports"):
        out, res = _check_one(rec, router, op, rule, reading)
        if keep_results:
            out["result"] = res
        rows.append(out)
    return pd.DataFrame(rows)


def _check_one(
    rec: dict[str, Any], router: Router | None, op: OpenPorts, rule: AdmissionRule,
    reading: str | None,
) -> tuple[dict[str, Any], AdmissionResult | None]:  # fmt: skip
    """Check one batch row with :func:`check_airport`."""
    try:
        res = check_airport(
            rec, routes=clean(rec.get("routes")), passengers=clean(rec.get("passengers")),
            setting=clean(rec.get("setting")), reading=clean(rec.get("reading")) or reading,
            open_ports=op, network=router, rule=rule,
            province_gate={k: rec.get(k) for k in GATE_COLUMNS},
        )  # fmt: skip
    except PortgeoError as exc:
        return _error_row(rec, exc), None
    return batch_row(res), res


def _error_row(rec: dict[str, Any], exc: Exception) -> dict[str, Any]:
    return {"name": clean(rec.get("name")), "iata": clean(rec.get("iata")), "verdict": "error",
            "error": " ".join(str(exc).split())}  # fmt: skip


def batch_row(res: AdmissionResult) -> dict[str, Any]:
    """Flatten one :class:`AdmissionResult` into a batch row.

    Parameters
    ----------
    res : AdmissionResult

    Returns
    -------
    dict
        The columns of :func:`check_airports`.
    """
    c = res.candidate
    known = [p for p in res.nearest_open_ports if p["open"] is True]
    near = known[0] if known else res.nearest_open_ports[0]
    quick = min((p for p in known if p["drive_min"] is not None and p["reachable"]),
                key=lambda p: p["drive_min"], default=None)  # fmt: skip
    out: dict[str, Any] = {
        "name": c["name"], "iata": c["iata"], "lat": c["lat"], "lon": c["lon"],
        "province": c["province"], "setting": c["setting"],
        "opened_air_port": None if c["opened_air_port"] is None else c["opened_air_port"]["name_zh"],
        "nearest_open_port": port_label(near), "distance_km": near["distance_km"],
        "quickest_open_port": None if quick is None else port_label(quick),
        "route_km": None if quick is None else quick["route_km"],
        "drive_min": None if quick is None else quick["drive_min"],
    }  # fmt: skip
    for crit in res.criteria:
        out[f"{crit.id}_passed"] = crit.passed
    out.update(reading=res.reading, spacing_passed=res.spacing["passed"], verdict=res.verdict,
               verdict_other_reading=res.verdict_other_reading, network_source=res.network["source"],
               open_ports_set=res.open_ports_set, error=None)  # fmt: skip
    return out


# -- the field path -------------------------------------------------------------------------------


class _Row:
    """One resolved batch row: what :func:`check_airport` reads before it measures roads."""

    def __init__(
        self, rec: dict[str, Any], op: OpenPorts, rule: AdmissionRule, reading: str | None
    ) -> None:
        self.rec = rec
        self.reading = clean(rec.get("reading")) or reading or rule.default_reading
        if self.reading not in READINGS:
            raise InputError(f"reading must be 'both' or 'either', got {self.reading!r}")
        self.setting = clean(rec.get("setting"))
        if self.setting is not None and self.setting not in SETTINGS:
            raise InputError(f"setting must be coastal, inland or border, got {self.setting!r}")
        self.cand: Candidate = as_candidate(rec)
        self.counts = read_counts(
            routes=clean(rec.get("routes")), passengers=clean(rec.get("passengers"))
        )
        self.gate: ProvinceGate = as_gate({k: rec.get(k) for k in GATE_COLUMNS})
        self.itself = find_itself(op, self.cand)


def _check_with_field(
    records: list[dict[str, Any]], router: NetworkRouter, op: OpenPorts, rule: AdmissionRule,
    reading: str | None, show: bool,
) -> pd.DataFrame:  # fmt: skip
    """Check every row from one SpacingField; rows it cannot answer go one by one."""
    field_ = SpacingField.build(router.network, op, rule)
    out: list[dict[str, Any] | None] = [None] * len(records)
    resolved: list[tuple[int, _Row]] = []
    for i, rec in enumerate(tqdm(records, disable=not show, desc="check airports: read")):
        try:
            resolved.append((i, _Row(rec, op, rule, reading)))
        except PortgeoError as exc:
            out[i] = _error_row(rec, exc)
    if resolved:
        rows = [r for _, r in resolved]
        lons = np.array([r.cand.lon for r in rows])
        lats = np.array([r.cand.lat for r in rows])
        pos = {str(v): j for j, v in enumerate(field_.ports["id"].astype(str))}
        exclude = np.array([-1 if r.itself is None else pos.get(r.itself["id"], -1) for r in rows])
        ev = field_.evaluate(lons, lats, exclude)
        coast, border = coast_border_km(lons, lats)
        unaccepted: dict[str | None, list[str]] = {}
        for k, (i, r) in enumerate(resolved):
            m = ev.iloc[k]
            if not (m["snapped"] or m["beyond_reach"]):  # check_airport says why, in its words
                out[i] = _check_one(r.rec, router, op, rule, reading)[0]
                continue
            prov = r.cand.province
            if prov not in unaccepted:
                unaccepted[prov] = unaccepted_in_province(op, prov, rule)
            out[i] = _field_row(r, m, field_, rule, float(coast[k]), float(border[k]),
                                unaccepted[prov], router.source, op.label)  # fmt: skip
    return pd.DataFrame(out)


def _field_row(
    r: _Row, m: pd.Series, field_: SpacingField, rule: AdmissionRule, coast_km: float,
    border_km: float, unaccepted: list[str], source: str, label: str,
) -> dict[str, Any]:  # fmt: skip
    """Assemble one batch row from the field's measures, as :func:`batch_row` would."""
    c = r.cand
    if r.setting is not None:
        setting: str | None = r.setting
    else:
        setting, _ = derive_setting(c.lon, c.lat, rule=rule, province=c.province,
                                    coast_km=coast_km, border_km=border_km)  # fmt: skip
    ports = field_.ports
    # distance: the nearest known-open port; a nearer port of unknown state makes it unknown
    dist_passed: bool | None = None
    if m["nearest_known"] >= 0:
        dist_passed = rule.meets(float(m["distance_km"]), rule.min_distance_km)
    if dist_passed is not False and m["near_unknown"]:
        dist_passed = None
    # drive: the quickest known-open port; an unknown-state or uncovered port may be quicker
    q = int(m["quickest_port"])
    drive_passed: bool | None = (
        True if q < 0 else rule.meets(float(m["drive_min"]), rule.min_drive_min)
    )
    if drive_passed is not False and (m["reach_uncovered"] or m["quick_unknown"]):
        drive_passed = None
    near = int(m["nearest_known"]) if m["nearest_known"] >= 0 else int(m["nearest_any"])
    near_km = float(m["distance_km"]) if m["nearest_known"] >= 0 else float(m["distance_any_km"])
    criteria = {
        "distance_200km": dist_passed,
        "drive_2h": drive_passed,
        "routes": count_criterion("routes", r.counts["routes"], setting, rule.min_routes, rule,
                                  "fixed direct routes").passed,
        "passengers": count_criterion("passengers", r.counts["passengers"], setting,
                                      rule.min_passengers, rule, "peak annual passengers").passed,
        "province_gate": gate_criterion(r.gate, c.province, rule, register_unaccepted=unaccepted).passed,
    }  # fmt: skip
    rest = [criteria["routes"], criteria["passengers"], criteria["province_gate"]]
    other = "either" if r.reading == "both" else "both"
    spacing = m[r.reading]
    out: dict[str, Any] = {
        "name": c.name, "iata": c.iata, "lat": round(c.lat, 6), "lon": round(c.lon, 6),
        "province": c.province, "setting": setting,
        "opened_air_port": None if r.itself is None else r.itself["name_zh"],
        "nearest_open_port": port_label(ports.iloc[near]), "distance_km": round(near_km, 1),
        "quickest_open_port": None if q < 0 else port_label(ports.iloc[q]),
        "route_km": None if q < 0 else round(float(m["route_km"]), 1),
        "drive_min": None if q < 0 else round(float(m["drive_min"]), 1),
    }  # fmt: skip
    for cid, passed in criteria.items():
        out[f"{cid}_passed"] = passed
    out.update(reading=r.reading, spacing_passed=spacing,
               verdict=verdict_of([kleene_and([spacing]), *rest]),
               verdict_other_reading=verdict_of([kleene_and([m[other]]), *rest]),
               network_source=source, open_ports_set=label, error=None)  # fmt: skip
    return out
