"""Where the next air ports should go: a siting search under the spacing rule.

Data flow inside this package: :mod:`~portgeo.rules.siting.search` (the problem without
geography: greedy maximum coverage with conflicts, and its exact integer program) →
:mod:`~portgeo.rules.siting.instance` (the national problem on the road network: who each
candidate reaches, which pairs conflict) → :mod:`~portgeo.rules.siting.run` (a
:class:`SitingRequest` answered by :func:`run_siting`, compared with the plan).
"""

from __future__ import annotations

from portgeo.rules.siting.instance import NationalInstance, build_siting_instance
from portgeo.rules.siting.run import (
    MATCH_KM,
    MAX_COUNT,
    SitingRequest,
    SitingResult,
    compare_with_plan,
    match_province,
    read_candidates,
    run_siting,
)
from portgeo.rules.siting.search import (
    GreedyPath,
    SitingInstance,
    conflict_pairs,
    exact_cover,
    greedy_cover,
)

__all__ = [
    "MATCH_KM",
    "MAX_COUNT",
    "GreedyPath",
    "NationalInstance",
    "SitingInstance",
    "SitingRequest",
    "SitingResult",
    "build_siting_instance",
    "compare_with_plan",
    "conflict_pairs",
    "exact_cover",
    "greedy_cover",
    "match_province",
    "read_candidates",
    "run_siting",
]
