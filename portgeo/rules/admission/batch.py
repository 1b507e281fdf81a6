"""Many candidate airports at once: one row out per row in.

:func:`check_airports` gives every candidate the verdict :func:`check_airport` would give it.
With a road network it does not search the roads once per candidate: it builds one
:class:`~portgeo.rules.admission.eligibility.SpacingField` (one search per opened air port, as
the eligibility surface does) and reads every candidate's distances and drive times from it.
:func:`check_airport_chunks` does the same a table at a time, so that a batch of any size runs in
the memory of one table (the command line reads, checks and writes 100,000 rows that way): the
rows of a table are placed in their provinces, matched with the port they name (an ``iata``
cell that is a registered port's code, or a ``replaces`` cell for a relocation), measured
against the field and given their setting (coast and border distances) together. Every row
gets :func:`check_airport`'s criteria in the same words (``<id>_value``, ``<id>_explanation``),
a candidate off the road network included. ``keep_results=True`` (for maps and reports, which
need the full :class:`AdmissionResult`) checks every row one by one.

``tests/test_eligibility.py`` and ``tests/test_batch_scale.py`` hold the batch to the one-by-one
check, row by row, on the offline network; ``benchmarks/bench_batch.py`` measures both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from portgeo import settings
from portgeo._data import clean
from portgeo.errors import InputError, PortgeoError
from portgeo.roads.network import RoadNetwork
from portgeo.rules.admission.candidate import Candidate, as_candidates
from portgeo.rules.admission.check import (
    AdmissionResult,
    check_airport,
    find_itself,
    read_counts,
    resolve_open_ports,
    unaccepted_in_province,
)
from portgeo.rules.admission.criteria import (
    CRITERION_IDS,
    Criterion,
    OffNetwork,
    ProvinceGate,
    as_gate,
    count_criterion,
    gate_criterion,
    judge_distance,
    judge_drive,
    kleene_and,
    port_label,
    state_label,
    verdict_of,
)
from portgeo.rules.admission.eligibility import SpacingField, drive_reach_km
from portgeo.rules.admission.margins import (
    mark_close_calls,
    port_precision_km,
    precision_km,
    router_drive_band,
)
from portgeo.rules.admission.open_ports import OpenPorts
from portgeo.rules.admission.router import NetworkRouter, Router, as_router
from portgeo.rules.admission.rule import READINGS, SETTINGS, AdmissionRule, load_admission_rule
from portgeo.rules.admission.setting import derive_settings

__all__ = [
    "CHUNK_ROWS",
    "GATE_COLUMNS",
    "RESULT_COLUMNS",
    "batch_row",
    "check_airport_chunks",
    "check_airports",
    "criteria_cells",
]

#: Columns of a batch file that carry the province facts of :class:`ProvinceGate`.
GATE_COLUMNS: tuple[str, ...] = ("exiting_port", "unaccepted_port", "ports_below_standard")

#: Columns of the result of :func:`check_airports`, in order: per criterion its outcome
#: (``<id>_passed``: True, False, or empty for unknown), its value in words (``<id>_value``: a
#: number with its unit, a phrase, or "unknown") and its sentence (``<id>_explanation``).
RESULT_COLUMNS: tuple[str, ...] = (
    "name", "iata", "lat", "lon", "province", "setting", "opened_air_port", "replaces",
    "nearest_open_port", "distance_km", "quickest_open_port", "route_km", "drive_min",
    *(f"{cid}_passed" for cid in CRITERION_IDS),
    *(f"{cid}_{part}" for cid in CRITERION_IDS for part in ("value", "explanation")),
    *(f"{cid}_marginal" for cid in ("distance_200km", "drive_2h")),  # MARGINAL_CRITERIA
    "reading", "spacing_passed", "marginal", "verdict", "verdict_other_reading", "network_source",
    "open_ports_set", "error",
)  # fmt: skip


#: The criteria that can be marked marginal (a close call; ``<id>_marginal`` columns).
MARGINAL_CRITERIA: tuple[str, ...] = ("distance_200km", "drive_2h")

#: Rows checked together on the field path: the memory of a batch grows with this, not with
#: the number of rows (about 0.1 MB a row), and the time per row barely changes above ~1,000.
CHUNK_ROWS = 5_000


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
    chunk_rows: int = CHUNK_ROWS,
) -> pd.DataFrame:
    """Check many candidates; one row out per row in.

    Parameters
    ----------
    candidates : pandas.DataFrame
        Columns ``name`` and/or ``iata``, optional ``lat, lon, crs, province, routes,
        passengers, setting, reading, exiting_port, unaccepted_port, ports_below_standard,
        replaces`` (IATA code of the opened air port a row relocates).
        Empty cells are unknown.
    reading, open_ports, as_of, network, rule
        As in :func:`check_airport` (shared by every row; the network is loaded once).
    progress : bool, optional
        Show a tqdm bar (default :data:`portgeo.settings.progress`).
    keep_results : bool, default False
        Add a column ``result`` holding each row's :class:`AdmissionResult` (None on error), for
        maps and reports; every row is then checked one by one.
    chunk_rows : int, default :data:`CHUNK_ROWS`
        Rows checked together on the field path (see :func:`check_airport_chunks`).

    Returns
    -------
    pandas.DataFrame
        ``name, iata, lat, lon, province, setting, opened_air_port, replaces,
        nearest_open_port, distance_km, quickest_open_port, route_km`` (length of the quickest
        drive)``, drive_min, <criterion>_passed ..., <criterion>_value, <criterion>_explanation
        ..., reading, spacing_passed, verdict, verdict_other_reading, network_source,
        open_ports_set, error`` (:data:`RESULT_COLUMNS`, in this order). A row
        whose input is bad gets ``verdict="error"`` and the message in ``error``. No candidates
        give an empty table with these columns.
    """
    show = settings.progress if progress is None else progress
    rule = rule or load_admission_rule()
    op = resolve_open_ports(open_ports, as_of=as_of, rule=rule)
    router = as_router(network)
    columns = [*RESULT_COLUMNS, *(["result"] if keep_results else [])]
    if candidates.empty:
        return pd.DataFrame(columns=columns)
    if isinstance(router, NetworkRouter) and not keep_results and len(candidates) > 1:
        if chunk_rows < 1:
            raise InputError(f"chunk_rows must be at least 1, got {chunk_rows!r}")
        parts = []
        with tqdm(total=len(candidates), disable=not show, desc="check airports") as bar:
            chunks = (candidates.iloc[i : i + chunk_rows]
                      for i in range(0, len(candidates), chunk_rows))  # fmt: skip
            for part in check_airport_chunks(chunks, reading=reading, open_ports=op,
                                             network=router, rule=rule):  # fmt: skip
                parts.append(part)
                bar.update(len(part))
        return pd.concat(parts, ignore_index=True)
    rows = []
    for rec in tqdm(_records(candidates), disable=not show, desc="check airports"):
        out, res = _check_one(rec, router, op, rule, reading)
        if keep_results:
            out["result"] = res
        rows.append(out)
    return pd.DataFrame(rows).reindex(columns=columns)


def check_airport_chunks(
    chunks: Iterable[pd.DataFrame],
    *,
    reading: str | None = None,
    open_ports: OpenPorts | pd.DataFrame | str | Path | None = None,
    as_of: str | dt.date | None = None,
    network: RoadNetwork | Router | str | Path | None = None,
    rule: AdmissionRule | None = None,
    field_: SpacingField | None = None,
) -> Iterator[pd.DataFrame]:
    """Check candidates a table at a time, for batches too large to hold whole.

    With a road network, one :class:`~portgeo.rules.admission.eligibility.SpacingField` is
    built before the first table (one search per opened air port) and every table is read from
    it; the rows of a table are placed, measured and judged together. Without one (or with a
    router that is not a network), each row goes through :func:`check_airport`. Either way a
    row gets the verdict :func:`check_airport` gives it.

    Parameters
    ----------
    chunks : iterable of pandas.DataFrame
        Tables of candidates (the columns of :func:`check_airports`), e.g. from
        :meth:`portgeo._data.UserCsv.chunks`. They are read one at a time, as they are asked for.
    reading, open_ports, as_of, network, rule
        As in :func:`check_airports`.
    field_ : SpacingField, optional
        The field of these open ports, network and rule, when the caller built it already (to
        reuse it, e.g. for the people each candidate reaches); else it is built here.

    Yields
    ------
    pandas.DataFrame
        Per table, its results: one row per row in, :data:`RESULT_COLUMNS`, a fresh index.
    """
    rule = rule or load_admission_rule()
    op = resolve_open_ports(open_ports, as_of=as_of, rule=rule)
    router = as_router(network)
    batch = (_FieldBatch(router, op, rule, reading, field_)
             if isinstance(router, NetworkRouter) else None)  # fmt: skip
    for chunk in chunks:
        records = _records(chunk)
        if batch is not None:
            out = batch.check(records)
        else:
            out = [_check_one(rec, router, op, rule, reading)[0] for rec in records]
        yield pd.DataFrame(out).reindex(columns=list(RESULT_COLUMNS))


def _records(candidates: pd.DataFrame) -> list[dict[str, Any]]:
    """Return the rows of a candidates table as plain dicts (cells keep their own types)."""
    return candidates.to_dict("records")


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
            province_gate={k: rec.get(k) for k in GATE_COLUMNS}, replaces=clean(rec.get("replaces")),
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
        "replaces": None if c.get("replaces") is None else c["replaces"]["name_zh"],
        "nearest_open_port": port_label(near), "distance_km": near["distance_km"],
        "quickest_open_port": None if quick is None else port_label(quick),
        "route_km": None if quick is None else quick["route_km"],
        "drive_min": None if quick is None else quick["drive_min"],
    }  # fmt: skip
    out.update(criteria_cells(res.criteria))
    out.update(reading=res.reading, spacing_passed=res.spacing["passed"], marginal=res.marginal,
               verdict=res.verdict,
               verdict_other_reading=res.verdict_other_reading, network_source=res.network["source"],
               open_ports_set=res.open_ports_set, error=None)  # fmt: skip
    return out


def criteria_cells(criteria: list[Criterion]) -> dict[str, Any]:
    """Return the batch cells of the criteria: ``<id>_passed``, ``<id>_value``, ``<id>_explanation``.

    Parameters
    ----------
    criteria : list of Criterion

    Returns
    -------
    dict
    """
    out: dict[str, Any] = {}
    for crit in criteria:
        out[f"{crit.id}_passed"] = crit.passed
        out[f"{crit.id}_value"] = crit.value_label
        out[f"{crit.id}_explanation"] = crit.explanation
        if crit.id in MARGINAL_CRITERIA:
            out[f"{crit.id}_marginal"] = crit.marginal
    return out


# -- the field path -------------------------------------------------------------------------------


class _Row:
    """One resolved batch row: what :func:`check_airport` reads before it measures roads."""

    def __init__(
        self, rec: dict[str, Any], cand: Candidate | PortgeoError, field_: _FieldBatch,
    ) -> None:  # fmt: skip
        rule = field_.rule
        self.rec = rec
        self.reading = clean(rec.get("reading")) or field_.reading or rule.default_reading
        if self.reading not in READINGS:
            raise InputError(f"reading must be 'both' or 'either', got {self.reading!r}")
        self.setting = clean(rec.get("setting"))
        if self.setting is not None and self.setting not in SETTINGS:
            raise InputError(f"setting must be coastal, inland or border, got {self.setting!r}")
        if isinstance(cand, PortgeoError):
            raise cand
        self.cand: Candidate = cand
        self.counts = read_counts(
            routes=clean(rec.get("routes")), passengers=clean(rec.get("passengers"))
        )
        self.gate: ProvinceGate = as_gate({k: rec.get(k) for k in GATE_COLUMNS})
        replaces = clean(rec.get("replaces"))
        self.itself: dict[str, Any] | None = None
        if replaces is not None or (cand.iata or "") in field_.codes:
            self.itself = find_itself(field_.op, cand, replaces=replaces)


class _FieldBatch:
    """Everything shared by the tables of one batch on the field path, built once."""

    def __init__(
        self, router: NetworkRouter, op: OpenPorts, rule: AdmissionRule, reading: str | None,
        field_: SpacingField | None = None,
    ) -> None:  # fmt: skip
        self.router, self.op, self.rule, self.reading = router, op, rule, reading
        self.field = field_ if field_ is not None else SpacingField.build(router.network, op, rule)
        ports = self.field.ports
        self.pos = {str(v): j for j, v in enumerate(ports["id"].astype(str))}
        self.labels = [port_label(r) for r in ports.itertuples()]
        self.state_labels = [state_label(r) for r in ports.itertuples()]
        self.unaccepted: dict[str | None, list[str]] = {}
        self.outcomes: dict[tuple[str, Any, str | None], Criterion] = {}
        # find_itself looks in the register (or the file) by IATA code
        table = op.register if op.register is not None else op.table
        self.codes = set(table["iata"].dropna().astype(str).str.strip().str.upper())
        self.band = router_drive_band(router)
        self.precision = port_precision_km(ports["precision"])[0] if "precision" in ports else None
        vmax = float(router.network.max_speed_kmh)
        self.off = {within: OffNetwork(snap_km=float(settings.max_snap_m) / 1000.0,
                                       reach_km=drive_reach_km(rule, vmax), speed_kmh=vmax,
                                       port_within_reach=within) for within in (True, False)}  # fmt: skip

    def check(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Check one table's rows together."""
        rule = self.rule
        out: list[dict[str, Any] | None] = [None] * len(records)
        resolved: list[tuple[int, _Row]] = []
        for i, (rec, cand) in enumerate(zip(records, as_candidates(records), strict=True)):
            try:
                resolved.append((i, _Row(rec, cand, self)))
            except PortgeoError as exc:
                out[i] = _error_row(rec, exc)
        if not resolved:
            return out  # type: ignore[return-value]
        rows = [r for _, r in resolved]
        lons = np.array([r.cand.lon for r in rows])
        lats = np.array([r.cand.lat for r in rows])
        exclude = np.array(
            [-1 if r.itself is None else self.pos.get(r.itself["id"], -1) for r in rows]
        )
        measures = self.field.evaluate(lons, lats, exclude).to_dict("records")
        # the setting is derived (as check_airport derives it) only where the row gives none
        derive = [k for k, r in enumerate(rows) if r.setting is None]
        derived = derive_settings(lons[derive], lats[derive],
                                  [rows[k].cand.province for k in derive], rule=rule)  # fmt: skip
        setting: list[str | None] = [r.setting for r in rows]
        for k, v in zip(derive, derived, strict=True):
            setting[k] = v
        for k, (i, r) in enumerate(resolved):
            out[i] = self._field_row(r, measures[k], setting[k])
        return out  # type: ignore[return-value]

    def _criterion(self, cid: str, value: Any, where: str | None) -> Criterion:
        """Build the routes, passengers or province-gate criterion, once per input."""
        key = (cid, value, where)
        if key not in self.outcomes:
            rule = self.rule
            if cid == "province_gate":
                if where not in self.unaccepted:
                    self.unaccepted[where] = unaccepted_in_province(self.op, where, rule)
                crit = gate_criterion(
                    value, where, rule, register_unaccepted=self.unaccepted[where]
                )
            elif cid == "routes":
                crit = count_criterion(
                    cid, value, where, rule.min_routes, rule, "fixed direct routes"
                )
            else:
                crit = count_criterion(cid, value, where, rule.min_passengers, rule,
                                       "peak annual passengers")  # fmt: skip
            self.outcomes[key] = crit
        return self.outcomes[key]

    def _spacing_criteria(self, m: dict[str, Any]) -> tuple[Criterion, Criterion]:
        """Build the distance and drive criteria from the field's measures, in check_airport's words."""
        rule, labels = self.rule, self.labels
        nk, nu = int(m["nearest_known"]), int(m["near_unknown_port"])
        distance = judge_distance(
            rule,
            nearest=None if nk < 0 else (labels[nk], float(m["distance_km"])),
            n_close=int(m["n_near_known"]),
            unknown_near=None if nu < 0 else (self.state_labels[nu], float(m["near_unknown_km"])),
            nearest_any=(self.state_labels[int(m["nearest_any"])], float(m["distance_any_km"])),
        )  # fmt: skip
        if not m["snapped"]:
            drive = judge_drive(rule, network=True, quickest=None, n_quick=0, not_covered=[],
                                unsure_quick=None, off_network=self.off[not m["beyond_reach"]])  # fmt: skip
            return distance, drive
        q, qu = int(m["quickest_port"]), int(m["quick_unknown_port"])
        drive = judge_drive(
            rule, network=True,
            quickest=None if q < 0 else (labels[q], float(m["drive_min"]), float(m["route_km"])),
            n_quick=int(m["n_quick_known"]),
            not_covered=[labels[j] for j in m["uncovered_ports"]],
            unsure_quick=None if qu < 0 else (self.state_labels[qu], float(m["quick_unknown_min"])),
        )  # fmt: skip
        return distance, drive

    def _field_row(self, r: _Row, m: dict[str, Any], setting: str | None) -> dict[str, Any]:
        """Assemble one batch row from the field's measures, as :func:`batch_row` would."""
        c = r.cand
        criteria = [
            *self._spacing_criteria(m),
            self._criterion("routes", r.counts["routes"], setting),
            self._criterion("passengers", r.counts["passengers"], setting),
            self._criterion("province_gate", r.gate, c.province),
        ]
        rest = [crit.passed for crit in criteria[2:]]
        other = "either" if r.reading == "both" else "both"
        spacing = m[r.reading]
        nk = int(m["nearest_known"])
        port_km = 0.0 if self.precision is None or nk < 0 else float(self.precision[nk])
        criteria[0], criteria[1], spacing_marginal = mark_close_calls(
            criteria[0], criteria[1], spacing=spacing, precision_km=precision_km("exact") + port_km,
            band=self.band, rule=self.rule, reading=r.reading,
        )  # fmt: skip
        known = m["nearest_known"] >= 0
        near = int(m["nearest_known"]) if known else int(m["nearest_any"])
        near_km = float(m["distance_km"]) if known else float(m["distance_any_km"])
        q = int(m["quickest_port"]) if m["snapped"] else -1
        mine = r.itself or {}
        relation = mine.get("relation")
        out: dict[str, Any] = {
            "name": c.name, "iata": c.iata, "lat": round(c.lat, 6), "lon": round(c.lon, 6),
            "province": c.province, "setting": setting,
            "opened_air_port": mine["name_zh"] if relation == "itself" else None,
            "replaces": mine["name_zh"] if relation == "replaces" else None,
            "nearest_open_port": self.labels[near], "distance_km": round(near_km, 1),
            "quickest_open_port": None if q < 0 else self.labels[q],
            "route_km": None if q < 0 else round(float(m["route_km"]), 1),
            "drive_min": None if q < 0 else round(float(m["drive_min"]), 1),
            **criteria_cells(criteria),
        }  # fmt: skip
        out.update(reading=r.reading, spacing_passed=spacing,
                   marginal=spacing_marginal and not any(p is False for p in rest),
                   verdict=verdict_of([kleene_and([spacing]), *rest]),
                   verdict_other_reading=verdict_of([kleene_and([m[other]]), *rest]),
                   network_source=self.router.source, open_ports_set=self.op.label, error=None)  # fmt: skip
        return out
