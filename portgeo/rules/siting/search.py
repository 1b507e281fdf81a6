"""Choose sites that reach the most people: greedy maximum coverage under a spacing constraint.

The problem, stated without geography: candidates ``c`` each reach a set of points (a row of a
sparse 0/1 matrix ``cover``), points carry weights (people); choose at most ``k`` candidates,
no two in conflict (the spacing rule between new ports), maximising the weight of the points
reached. :class:`SitingInstance` holds it; the conflicts are asked one chosen site at a time
(:attr:`SitingInstance.conflicts`), so that a national instance needs only one road search per
chosen site, never the full matrix of pairs.

- :func:`greedy_cover`: at each step the admissible candidate that adds the most weight, with
  lazy evaluation (CELF: a candidate's gain can only fall as points are covered, so a stale gain
  is an upper bound and most candidates are never re-evaluated); ``lazy=False`` re-evaluates
  every candidate at every step (one sparse product), the baseline of the benchmark. Both break
  ties by the lowest candidate index, so they choose the same sites.
- :func:`exact_cover`: the same problem as an integer program solved by
  :func:`scipy.optimize.milp`, for instances small enough to list every conflicting pair.

Without conflicts, greedy is within ``1 − 1/e`` (63 %) of the optimum. The spacing constraint
breaks that guarantee (a chosen site removes its neighbours from the choice), which is why the
exact program checks it on small instances (``tests/test_siting.py``).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, milp

from portgeo.errors import InputError

__all__ = ["GreedyPath", "SitingInstance", "conflict_pairs", "exact_cover", "greedy_cover"]


@dataclass
class SitingInstance:
    """A maximum-coverage problem with conflicts between candidates.

    Attributes
    ----------
    cover : scipy.sparse.csr_matrix
        ``n_candidates x n_points``; nonzero where a candidate reaches a point.
    weights : numpy.ndarray
        Weight (people) per point.
    conflicts : callable
        ``conflicts(c)`` → boolean array over candidates: those that may not be chosen with
        ``c`` (symmetric; ``c`` itself included or not, it does not matter).
    admissible : numpy.ndarray of bool
        Candidates that may be chosen at all.
    """

    cover: sp.csr_matrix
    weights: np.ndarray
    conflicts: Callable[[int], np.ndarray]
    admissible: np.ndarray

    @property
    def n_candidates(self) -> int:
        """Number of candidates."""
        return int(self.cover.shape[0])


@dataclass
class GreedyPath:
    """Sites chosen one at a time.

    Attributes
    ----------
    chosen : list of int
        Candidate indices, in the order chosen.
    gains : list of float
        Weight each added.
    stop : str or None
        Why the search stopped before ``k`` (None when it chose ``k``).
    evaluations : int
        Gains computed (candidates evaluated), over all steps.
    """

    chosen: list[int] = field(default_factory=list)
    gains: list[float] = field(default_factory=list)
    stop: str | None = None
    evaluations: int = 0


def _stop_reason(alive: np.ndarray, chosen: int, k: int, admissible: int) -> str:
    left = int(alive.sum())
    if chosen == admissible:
        return (f"stopped at {chosen} of {k} sites: only {admissible:,} candidate"
                f"{'s are' if admissible != 1 else ' is'} admissible, and all are chosen")  # fmt: skip
    if left == 0:
        return (f"stopped at {chosen} of {k} sites: no admissible candidate is left (each chosen "
                "site rules out the candidates within the spacing rule's reach)")  # fmt: skip
    return (f"stopped at {chosen} of {k} sites: the {left:,} admissible candidates left reach "
            "no one not already within reach")  # fmt: skip


def greedy_cover(instance: SitingInstance, k: int, *, lazy: bool = True) -> GreedyPath:
    """Choose up to ``k`` candidates greedily, each admissible against those chosen before.

    Parameters
    ----------
    instance : SitingInstance
    k : int
        Sites to choose (at least 1).
    lazy : bool, default True
        CELF lazy evaluation; False re-evaluates every candidate at every step.

    Returns
    -------
    GreedyPath
        The search stops early, saying why, when no admissible candidate is left or none adds
        anyone.

    Raises
    ------
    portgeo.errors.InputError
        ``k`` below 1.
    """
    if k < 1:
        raise InputError(f"the number of sites must be at least 1, got {k}")
    cover = instance.cover.tocsr()
    w = np.asarray(instance.weights, dtype=float)
    alive = np.asarray(instance.admissible, dtype=bool).copy()
    n_admissible = int(alive.sum())
    covered = np.zeros(cover.shape[1], dtype=bool)
    path = GreedyPath()

    def gain(c: int) -> float:
        cols = cover.indices[cover.indptr[c] : cover.indptr[c + 1]]
        return float(w[cols[~covered[cols]]].sum())

    def choose(c: int, g: float) -> None:
        path.chosen.append(c)
        path.gains.append(g)
        covered[cover.indices[cover.indptr[c] : cover.indptr[c + 1]]] = True
        alive[np.asarray(instance.conflicts(c), dtype=bool)] = False
        alive[c] = False

    if not lazy:
        for _ in range(k):
            live = np.flatnonzero(alive)
            gains = cover[live] @ np.where(covered, 0.0, w)
            path.evaluations += live.size
            if live.size == 0 or gains.max() <= 0:
                path.stop = _stop_reason(alive, len(path.chosen), k, n_admissible)
                return path
            best = int(np.argmax(gains))
            choose(int(live[best]), gain(int(live[best])))
        return path
    start = cover @ w
    path.evaluations += int(alive.sum())
    heap = [(-float(start[c]), int(c)) for c in np.flatnonzero(alive & (start > 0))]
    heapq.heapify(heap)
    fresh = np.full(cover.shape[0], -1)
    fresh[alive] = 0
    while len(path.chosen) < k:
        step = len(path.chosen)
        picked = False
        while heap:
            neg, c = heapq.heappop(heap)
            if not alive[c]:
                continue
            if fresh[c] == step:
                choose(c, -neg)
                picked = True
                break
            g = gain(c)
            path.evaluations += 1
            fresh[c] = step
            if g > 0:
                heapq.heappush(heap, (-g, c))
        if not picked:
            path.stop = _stop_reason(alive, step, k, n_admissible)
            break
    return path


def conflict_pairs(instance: SitingInstance, candidates: np.ndarray | None = None) -> np.ndarray:
    """List every pair of admissible candidates in conflict (small instances only).

    Parameters
    ----------
    instance : SitingInstance
    candidates : numpy.ndarray of int, optional
        Candidates to pair (default every admissible one).

    Returns
    -------
    numpy.ndarray
        ``m x 2`` array of candidate indices, each pair once (lower index first).
    """
    cand = np.flatnonzero(instance.admissible) if candidates is None else np.asarray(candidates)
    keep = np.zeros(instance.n_candidates, dtype=bool)
    keep[cand] = True
    pairs = set()
    for c in cand:
        for d in np.flatnonzero(np.asarray(instance.conflicts(int(c)), dtype=bool) & keep):
            if d != c:
                pairs.add((min(int(c), int(d)), max(int(c), int(d))))
    return np.array(sorted(pairs), dtype=int).reshape(-1, 2)


def exact_cover(
    instance: SitingInstance, k: int, *, time_limit_s: float = 60.0
) -> tuple[list[int], float]:
    """Solve the instance exactly as an integer program (``scipy.optimize.milp``).

    Maximise ``Σ w_p y_p`` subject to ``y_p ≤ Σ_{c reaches p} x_c``, ``Σ x_c ≤ k``,
    ``x_c + x_d ≤ 1`` for every conflicting pair, ``x`` binary, ``0 ≤ y ≤ 1``.

    Parameters
    ----------
    instance : SitingInstance
    k : int
    time_limit_s : float, default 60

    Returns
    -------
    chosen : list of int
        The optimal candidates (sorted).
    value : float
        Weight reached.

    Raises
    ------
    portgeo.errors.InputError
        The solver did not prove an optimum within the time limit.
    """
    cand = np.flatnonzero(instance.admissible)
    n_c, n_p = cand.size, instance.cover.shape[1]
    a = instance.cover.tocsr()[cand].astype(float).T.tocsr()  # n_p x n_c
    w = np.asarray(instance.weights, dtype=float)
    pos = {int(c): i for i, c in enumerate(cand)}
    pairs = conflict_pairs(instance, cand)
    rows = [sp.hstack([-a, sp.identity(n_p, format="csr")]).tocsr(),
            sp.csr_matrix(np.r_[np.ones(n_c), np.zeros(n_p)][None, :])]  # fmt: skip
    ub = [np.zeros(n_p), np.array([float(k)])]
    if len(pairs):
        m = len(pairs)
        i = np.repeat(np.arange(m), 2)
        j = np.array([pos[int(c)] for c in pairs.ravel()])
        rows.append(sp.csr_matrix((np.ones(2 * m), (i, j)), shape=(m, n_c + n_p)))
        ub.append(np.ones(m))
    res = milp(
        c=np.r_[np.zeros(n_c), -w],
        constraints=LinearConstraint(sp.vstack(rows).tocsr(), -np.inf, np.concatenate(ub)),
        integrality=np.r_[np.ones(n_c), np.zeros(n_p)],
        bounds=Bounds(0, 1),
        options={"time_limit": time_limit_s},
    )
    if res.status != 0 or res.x is None:
        raise InputError(f"the exact program found no proven optimum ({res.message})")
    chosen = sorted(int(cand[i]) for i in np.flatnonzero(res.x[:n_c] > 0.5))
    return chosen, float(-res.fun)
