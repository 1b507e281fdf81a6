"""The airport admission check (the plan's admission standards for air ports).

Data flow inside this package: :mod:`~portgeo.rules.admission.rule` (thresholds from data) and
:mod:`~portgeo.rules.admission.open_ports` (the comparison set) →
:mod:`~portgeo.rules.admission.candidate` (the checked point) and
:mod:`~portgeo.rules.admission.setting` (coastal / inland / border) →
:mod:`~portgeo.rules.admission.router` (road questions) →
:mod:`~portgeo.rules.admission.criteria` → :mod:`~portgeo.rules.admission.check` (one
candidate); :mod:`~portgeo.rules.admission.eligibility` (the rule over all of China, one search per
opened port) → :mod:`~portgeo.rules.admission.grid` (the rule judged cell by cell, read back at
any point) → :mod:`~portgeo.rules.admission.surface` (the national map of the rule, asked by an
:class:`~portgeo.rules.admission.surface.EligibilityRequest` and answered by
:func:`~portgeo.rules.admission.surface.run_eligibility`) and
:mod:`~portgeo.rules.admission.batch` (many candidates).
"""

from __future__ import annotations

from portgeo.rules.admission.batch import (
    CHUNK_ROWS,
    RESULT_COLUMNS,
    check_airport_chunks,
    check_airports,
)
from portgeo.rules.admission.candidate import Candidate, resolve_candidate
from portgeo.rules.admission.check import (
    MIN_PORTS_MEASURED,
    NEAR_SITE_KM,
    AdmissionResult,
    check_airport,
    resolve_open_ports,
)
from portgeo.rules.admission.criteria import Criterion, ProvinceGate
from portgeo.rules.admission.open_ports import OpenPorts, load_open_air_ports, read_open_ports_csv
from portgeo.rules.admission.register import as_of_date, load_register, open_state
from portgeo.rules.admission.request import (
    AdmissionCheck,
    BatchRequest,
    BatchSummary,
    CandidateInput,
    CheckRequest,
    Facts,
    RegisterInput,
    run_batch,
    run_check,
)
from portgeo.rules.admission.router import (
    OVERPASS_ROAD_CLASSES,
    SCREEN_SPEED_KMH,
    NetworkRouter,
    Router,
    as_router,
    load_check_network,
)
from portgeo.rules.admission.rule import (
    READINGS,
    SETTINGS,
    AdmissionRule,
    admission_citation,
    admission_plan,
    load_admission_rule,
)
from portgeo.rules.admission.setting import derive_setting
from portgeo.rules.admission.surface import EligibilityRequest, EligibilityResult, run_eligibility
from portgeo.rules.admission.surface_people import SurfacePeople, count_surface_people

__all__ = [
    "CHUNK_ROWS",
    "MIN_PORTS_MEASURED",
    "NEAR_SITE_KM",
    "OVERPASS_ROAD_CLASSES",
    "READINGS",
    "RESULT_COLUMNS",
    "SCREEN_SPEED_KMH",
    "SETTINGS",
    "AdmissionCheck",
    "AdmissionResult",
    "AdmissionRule",
    "BatchRequest",
    "BatchSummary",
    "Candidate",
    "CandidateInput",
    "CheckRequest",
    "Criterion",
    "EligibilityRequest",
    "EligibilityResult",
    "Facts",
    "NetworkRouter",
    "OpenPorts",
    "ProvinceGate",
    "RegisterInput",
    "Router",
    "SurfacePeople",
    "admission_citation",
    "admission_plan",
    "as_of_date",
    "as_router",
    "check_airport",
    "check_airport_chunks",
    "check_airports",
    "count_surface_people",
    "derive_setting",
    "load_admission_rule",
    "load_check_network",
    "load_open_air_ports",
    "load_register",
    "open_state",
    "read_open_ports_csv",
    "resolve_candidate",
    "resolve_open_ports",
    "run_batch",
    "run_check",
    "run_eligibility",
]
