"""The people a checked candidate would reach: the admission check joined with its reach.

It sits above both halves it joins: :mod:`portgeo.rules.admission` judges the candidate and
knows nothing of people; :mod:`portgeo.rules.reach` counts people and imports the admission
rule. Both figures use one spacing field (one search per opened air port), built once per run.

- **One candidate**: :func:`run_check_reach` answers a
  :class:`~portgeo.rules.admission.CheckRequest` with a :class:`ReachCheck`, the
  :class:`~portgeo.rules.admission.AdmissionCheck` plus the candidate's
  :class:`~portgeo.rules.reach.PopulationReach` (:func:`~portgeo.rules.reach.population_reach`).
- **A batch**: :func:`run_batch_reach` adds :data:`REACH_COLUMNS` to every chunk of the
  results CSV (:class:`BatchReach`). It does not search the roads once per row: the places with
  people are indexed once per batch (a KD-tree on the sphere for the distance, decided on the
  WGS84 ellipsoid near the threshold; one forward search per place for the drive, kept sparse),
  and each chunk is read from the index, so a batch of any size costs one index and a lookup
  per row.

A candidate that is itself an opened air port, or relocates one, is measured against the
*other* opened air ports, as the check measures it: its "new" people are those only it reaches.
Every figure says what the population is (its label: source, version, date, caveat).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.spatial import cKDTree

from portgeo.geo.geodesy import geodesic_distance_m
from portgeo.geo.lines import unit_xyz
from portgeo.population import Population, load_population
from portgeo.roads import kernels
from portgeo.roads.snapping import snap_points
from portgeo.rules.admission.eligibility import SpacingField, drive_reach_km
from portgeo.rules.admission.request import (
    AdmissionCheck,
    BatchRequest,
    BatchSummary,
    CheckRequest,
    run_batch,
    run_check,
)
from portgeo.rules.admission.router import NetworkRouter
from portgeo.rules.admission.rule import AdmissionRule
from portgeo.rules.reach import (
    PopulationReach,
    ServedPopulation,
    combine_reach,
    population_reach,
    served_population,
)
from portgeo.rules.siting.instance import within_km

__all__ = [
    "BATCH_TOP_PLACES",
    "NO_NETWORK_NOTE",
    "REACH_COLUMNS",
    "BatchReach",
    "PopulationInput",
    "ReachCheck",
    "add_reach_columns",
    "port_left_out",
    "run_batch_reach",
    "run_check_reach",
    "served_without",
]

#: Columns added to a batch's results, after :data:`~portgeo.rules.admission.RESULT_COLUMNS`:
#: people within the distance threshold, the drive threshold, and within reach (the rule's
#: measure under the row's reading); of each, those no opened air port reaches yet; the largest
#: newly reached places; people by province (within / new); the opened port left out of the
#: comparison (the candidate itself, or the port it relocates); what the population is.
REACH_COLUMNS: tuple[str, ...] = (
    "reach_within_distance", "reach_within_drive", "reach_within", "reach_new_distance",
    "reach_new_drive", "reach_new", "reach_largest_new", "reach_provinces",
    "reach_compared_without", "reach_population",
)  # fmt: skip
#: Largest newly reached places named in a batch row.
BATCH_TOP_PLACES = 5
#: Why a check has no reach when its network is not a whole road network.
NO_NETWORK_NOTE = (
    "population reach not computed: it counts people against every opened air port, which "
    "needs a whole road network (--network offline or a .osm.pbf), not "
)
#: :data:`NO_NETWORK_NOTE` in Chinese, for a Chinese report.
NO_NETWORK_NOTE_ZH = (
    "未计算人口可达：需对照每个已开放航空口岸计数，须用完整路网（--network offline 或 .osm.pbf）"
)


@dataclass(frozen=True)
class PopulationInput:
    """Which population the reach is counted in, as the user gives it.

    Attributes
    ----------
    source : str or pathlib.Path, optional
        A CSV or GeoPackage of points (:func:`portgeo.population.load_population`); default the
        places of GeoNames ``cities500``.
    column : str
        The column of people of a user's file.
    drop_invalid : bool
        Drop (and report) a file's rows with a problem instead of refusing the file.
    """

    source: str | Path | None = None
    column: str = "population"
    drop_invalid: bool = False

    def load(self) -> Population:
        """Load the points.

        Returns
        -------
        Population

        Raises
        ------
        portgeo.population.PopulationFileError
            A problem in the file (one line per kind of problem).
        """
        return load_population(self.source, population_column=self.column,
                               drop_invalid=self.drop_invalid or None)  # fmt: skip


@dataclass
class ReachCheck(AdmissionCheck):
    """An admission check with the people the candidate would reach.

    Attributes
    ----------
    reach : PopulationReach or None
        None when not asked or not computable (``note`` says why).
    population : Population or None
    compared_without : str or None
        The opened air port left out of the comparison (the candidate itself, or the port it
        relocates), named.
    note : str or None
        Why there is no reach.
    """

    reach: PopulationReach | None = None
    population: Population | None = None
    compared_without: str | None = None
    note: str | None = None

    def reach_notes(self) -> list[str]:
        """Say what the reach figures rest on: the population, the port left out; or why none.

        Returns
        -------
        list of str
        """
        if self.reach is None or self.population is None:
            return [self.note] if self.note else []
        out = [self.population.label()]
        if self.compared_without:
            out.append(f"compared with the opened air ports other than {self.compared_without}")
        return out

    def reach_lines(self) -> list[str]:
        """Return what the terminal shows of the reach (after the check's lines).

        Returns
        -------
        list of str
        """
        notes = self.reach_notes()
        if self.reach is None:
            return notes
        return [f"population reach — {notes[0]}", *(f"  {n}" for n in notes[1:]),
                *self.reach.lines()]  # fmt: skip

    def report_section(self) -> dict[str, Any] | None:
        """Return what the HTML briefing's reach section shows (None: reach not asked).

        Returns
        -------
        dict or None
            ``figures`` (``to_dict()["reach"]``, or None; its ``population`` also carries
            ``label_zh``, the population said in Chinese), ``note`` and ``note_zh``.
        """
        if self.reach is None and not self.note:
            return None
        figures = self.to_dict()["reach"]
        if figures is not None and self.population is not None:
            figures["population"]["label_zh"] = self.population.note_zh()
        return {"figures": figures, "note": self.note,
                "note_zh": NO_NETWORK_NOTE_ZH if self.note else ""}  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        """Return the check and its reach as plain JSON-ready values.

        Returns
        -------
        dict
            The result's :meth:`~portgeo.rules.admission.AdmissionResult.to_dict` with
            ``reach`` (None, or :meth:`PopulationReach.to_dict` with the population's ``label``
            and ``compared_without``) and ``reach_note``.
        """
        reach = None
        if self.reach is not None and self.population is not None:
            reach = self.reach.to_dict()
            reach["population"] = {**reach["population"], "label": self.population.label()}
            reach["compared_without"] = self.compared_without
        return {**self.result.to_dict(), "reach": reach, "reach_note": self.note}


def port_left_out(field_: SpacingField, candidate: dict[str, Any]) -> tuple[int, str | None]:
    """Find the opened air port a candidate is, or relocates: it leaves the comparison.

    Parameters
    ----------
    field_ : SpacingField
    candidate : dict
        :attr:`AdmissionResult.candidate` (its ``opened_air_port`` and ``replaces``).

    Returns
    -------
    index : int
        Into :attr:`SpacingField.ports`; -1 for none.
    label : str or None
        ``name (the candidate itself)`` or ``name (relocated by the candidate)``.
    """
    for key, why in (("opened_air_port", "the candidate itself"),
                     ("replaces", "relocated by the candidate")):  # fmt: skip
        port = candidate.get(key)
        if port:
            hit = np.flatnonzero(field_.ports["id"].astype(str).to_numpy() == str(port["id"]))
            if hit.size:
                return int(hit[0]), f"{port['name_zh']} ({why})"
    return -1, None


def served_without(field_: SpacingField, served: ServedPopulation, port: int) -> ServedPopulation:
    """Measure the population against the opened air ports but one.

    Only the places that port could reach (within the distance threshold, or within the
    drive threshold's reach at the network's top speed) are measured again.

    Parameters
    ----------
    field_ : SpacingField
    served : ServedPopulation
        Against every opened air port of ``field_``.
    port : int
        Index into :attr:`SpacingField.ports`.

    Returns
    -------
    ServedPopulation
    """
    rule = field_.rule
    t = served.population.table
    lon, lat = t["lon"].to_numpy(float), t["lat"].to_numpy(float)
    p = field_.ports.iloc[port]
    d = np.asarray(geodesic_distance_m(float(p["lon"]), float(p["lat"]), lon, lat)) / 1000.0
    span = max(rule.min_distance_km, drive_reach_km(rule, field_.net.max_speed_kmh))
    idx = np.flatnonzero((served.near | served.quick) & (d <= span))
    near, quick = served.near.copy(), served.quick.copy()
    dist, drive = served.distance_km.copy(), served.drive_min.copy()
    if idx.size:
        m = field_.measure(lon[idx], lat[idx], exclude=np.full(idx.size, port),
                           search_quickest=False)  # fmt: skip
        near[idx], quick[idx] = m["near_known"].to_numpy(bool), m["quick_known"].to_numpy(bool)
        dist[idx], drive[idx] = m["distance_km"].to_numpy(float), m["drive_min"].to_numpy(float)
    within = combine_reach(near, quick, rule=rule, reading=served.reading, reach=served.reach)
    return replace(served, near=near, quick=quick, served=within, distance_km=dist,
                   drive_min=drive)  # fmt: skip


def run_check_reach(
    request: CheckRequest, population: PopulationInput | None = None, *,
    rule: AdmissionRule | None = None,
) -> ReachCheck:  # fmt: skip
    """Answer one admission check, with the people the candidate would reach.

    Parameters
    ----------
    request : CheckRequest
    population : PopulationInput, optional
        Which population; None computes no reach (the check alone).
    rule : AdmissionRule, optional

    Returns
    -------
    ReachCheck
        Without reach (``note`` says why) when not asked, or when the check's network is not a
        whole road network (Overpass loads only the roads around the candidate; no network).

    Raises
    ------
    portgeo.errors.InputError
        What :func:`~portgeo.rules.admission.run_check` refuses, or a bad population file.
    """
    check = run_check(request, rule=rule)
    out = ReachCheck(**{f.name: getattr(check, f.name) for f in fields(AdmissionCheck)})
    if population is None:
        return out
    router = check.router
    if not isinstance(router, NetworkRouter) or str(request.network) == "overpass":
        out.note = NO_NETWORK_NOTE + ("no network" if router is None else str(request.network))
        return out
    pop = population.load()
    open_ports = request.register.resolve(check.rule)
    field_ = SpacingField.build(router.network, open_ports, check.rule)
    served = served_population(field_, pop, reading=check.result.reading)
    port, out.compared_without = port_left_out(field_, check.result.candidate)
    if port >= 0:
        served = served_without(field_, served, port)
    c = check.result.candidate
    out.reach = population_reach(c["lon"], c["lat"], field_=field_, served=served)
    out.population = pop
    return out


# -- many candidates ------------------------------------------------------------------------------


class _PlaceIndex:
    """The places with people, indexed once per spacing field for many candidates."""

    def __init__(self, field_: SpacingField, population: Population) -> None:
        rule = field_.rule
        self.field = field_
        self.served = served_population(field_, population)
        keep = np.flatnonzero(self.served.people > 0)
        t = population.table.iloc[keep]
        self.keep = keep
        self.lon, self.lat = t["lon"].to_numpy(float), t["lat"].to_numpy(float)
        self.w = self.served.people[keep]
        self.name = t["name"].astype(str).to_numpy(dtype=object)
        self.province = t["province"].fillna("(none)").to_numpy(dtype=object)
        self.tree = cKDTree(unit_xyz(self.lon, self.lat))
        # drive from each place to every node within the threshold (+1 s: stored zeros stay)
        csr, limit = field_.net.csr("time"), rule.min_drive_min * 60.0 + 1.0
        rows, cols, vals = [], [], []
        for j, p in enumerate(keep):
            if not self.served.snapped[p]:
                continue
            dist = kernels.search(csr, np.array([int(self.served.node[p])]),
                                  np.array([float(self.served.access_s[p])]), limit=limit)[0]  # fmt: skip
            hit = np.flatnonzero(np.isfinite(dist))
            rows.append(hit)
            cols.append(np.full(hit.size, j))
            vals.append(dist[hit] + 1.0)
        r = np.concatenate(rows) if rows else np.zeros(0, int)
        c = np.concatenate(cols) if cols else np.zeros(0, int)
        v = np.concatenate(vals) if vals else np.zeros(0)
        self.to_node = sp.csr_matrix((v, (r, c)), shape=(field_.net.n_nodes, keep.size))
        self.without: dict[int, ServedPopulation] = {}

    def served_flags(self, port: int) -> tuple[np.ndarray, np.ndarray]:
        """(near, quick) of the kept places against the opened ports but ``port`` (-1: all)."""
        if port < 0:
            s = self.served
        else:
            if port not in self.without:
                self.without[port] = served_without(self.field, self.served, port)
            s = self.without[port]
        return s.near[self.keep], s.quick[self.keep]

    def pairs(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, ...]:
        """(row, place, near, quick, snapped) of every pair within either threshold."""
        rule = self.field.rule
        n_places = self.keep.size
        q, h = within_km(self.tree, lon, lat, self.lon, self.lat, rule.min_distance_km,
                         inclusive=rule.inclusive)  # fmt: skip
        snaps = snap_points(self.field.net, lon, lat, errors="ignore")
        ok = snaps["ok"].to_numpy(bool)
        at = np.flatnonzero(ok)
        sub = self.to_node[snaps["node"].to_numpy()[at]].tocoo()
        row = at[sub.row]
        t_min = (sub.data - 1.0 + snaps["access_s"].to_numpy(float)[row]) / 60.0
        fast = ~rule.meets_array(t_min, rule.min_drive_min)
        near_key = q.astype(np.int64) * n_places + h
        quick_key = row[fast].astype(np.int64) * n_places + sub.col[fast]
        keys = np.union1d(near_key, quick_key)
        return (
            keys // n_places,
            keys % n_places,
            np.isin(keys, near_key),
            np.isin(keys, quick_key),
            ok,
        )


def _ranked_text(row: np.ndarray, key: np.ndarray, texts: list[str], n_rows: int) -> list[str]:
    """Per row, its texts ranked by ``key`` (largest first), joined by '; ' ('' for none)."""
    out = [""] * n_rows
    if not len(texts):
        return out
    order = np.lexsort((-np.asarray(key, float), row))
    ranked, rows = [texts[k] for k in order], row[order]
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    for a, b in zip(starts, np.r_[starts[1:], rows.size], strict=True):
        out[int(rows[a])] = "; ".join(ranked[a:b])
    return out


class BatchReach:
    """The reach columns of a batch (:data:`REACH_COLUMNS`), a checked chunk at a time.

    Implements :class:`~portgeo.rules.admission.request.BatchColumns`: :func:`run_batch` hands
    over its spacing field; the places are indexed on first use.

    Parameters
    ----------
    population : Population or PopulationInput
        Loaded when the first chunk comes with a spacing field.
    top : int, default :data:`BATCH_TOP_PLACES`
    """

    columns: tuple[str, ...] = REACH_COLUMNS

    def __init__(
        self, population: Population | PopulationInput, *, top: int = BATCH_TOP_PLACES
    ) -> None:
        self.source, self.top = population, top
        self.index: _PlaceIndex | None = None

    @property
    def population(self) -> Population:
        """The population, loaded on first use (a batch without a road network needs none)."""
        if isinstance(self.source, PopulationInput):
            self.source = self.source.load()
        return self.source

    def notes(self) -> list[str]:
        """Return what the batch summary says of the reach columns.

        Returns
        -------
        list of str
        """
        if self.index is None:
            return ["reach columns empty: no whole road network to count people on"]
        return [f"reach columns: {self.population.label()}"]

    def add_columns(self, results: pd.DataFrame, field_: SpacingField | None) -> pd.DataFrame:
        """Return the chunk of results with :data:`REACH_COLUMNS` added.

        Parameters
        ----------
        results : pandas.DataFrame
            Checked rows (:data:`~portgeo.rules.admission.RESULT_COLUMNS`).
        field_ : SpacingField or None
            The batch's field; None (no road network) leaves the figures empty.

        Returns
        -------
        pandas.DataFrame
        """
        out = results.copy()
        for col in REACH_COLUMNS:
            out[col] = None
        if field_ is None:
            return out
        if self.index is None or self.index.field is not field_:
            self.index = _PlaceIndex(field_, self.population)
        lon = pd.to_numeric(out["lon"], errors="coerce").to_numpy(float)
        lat = pd.to_numeric(out["lat"], errors="coerce").to_numpy(float)
        rows = np.flatnonzero(np.isfinite(lon) & np.isfinite(lat) & (out["verdict"] != "error"))
        if rows.size:
            cells = self._cells(out.iloc[rows], lon[rows], lat[rows])
            for col, values in cells.items():
                out.loc[out.index[rows], col] = pd.Series(values, index=out.index[rows],
                                                          dtype=object)  # fmt: skip
        out["reach_population"] = self.population.label()
        return out

    def _left_out(self, part: pd.DataFrame) -> tuple[np.ndarray, list[str | None]]:
        """Per row, the opened air port it is or relocates (index, label), from its names."""
        assert self.index is not None
        names = self.index.field.ports["name_zh"].astype(str).to_numpy()
        port = np.full(len(part), -1)
        label: list[str | None] = [None] * len(part)
        for k, (me, old) in enumerate(zip(part["opened_air_port"], part["replaces"], strict=True)):
            for name, why in ((me, "the candidate itself"), (old, "relocated by the candidate")):
                hit = np.flatnonzero(names == str(name)) if isinstance(name, str) else np.zeros(0)
                if hit.size:
                    port[k], label[k] = int(hit[0]), f"{name} ({why})"
        return port, label

    def _cells(self, part: pd.DataFrame, lon: np.ndarray, lat: np.ndarray) -> dict[str, Any]:
        """Compute the reach cells of the rows of a chunk that have a point."""
        ix = self.index
        assert ix is not None
        rule, n = ix.field.rule, len(part)
        row, place, near, quick, on_net = ix.pairs(lon, lat)
        port, label = self._left_out(part)
        s_near, s_quick = np.zeros(row.size, bool), np.zeros(row.size, bool)
        for p in np.unique(port[row]):
            sel = port[row] == p
            s_near[sel], s_quick[sel] = (f[place[sel]] for f in ix.served_flags(int(p)))
        either = np.array([rule.readings[r]["conflict"] != "near-or-quick"
                           for r in part["reading"]])[row]  # fmt: skip
        within = np.where(either, near & quick, near | quick)
        new = within & ~np.where(either, s_near & s_quick, s_near | s_quick)
        w = ix.w[place]

        def total(mask: np.ndarray) -> np.ndarray:
            return np.round(np.bincount(row[mask], weights=w[mask], minlength=n)).astype(int)

        drive, new_drive = total(quick), total(quick & ~s_quick)
        big = np.flatnonzero(new & (w > 0))
        big = big[np.lexsort((-w[big], row[big]))]  # per row, largest first
        first = np.flatnonzero(np.r_[True, row[big][1:] != row[big][:-1]]) if big.size else big
        rank = np.arange(big.size) - np.repeat(first, np.diff(np.r_[first, big.size]))
        big = big[rank < self.top]
        by = pd.DataFrame({"row": row[within], "province": ix.province[place[within]],
                           "within": w[within], "new": np.where(new, w, 0.0)[within]})  # fmt: skip
        by = by.groupby(["row", "province"], as_index=False)[["within", "new"]].sum()
        largest = [f"{a} ({b:,.0f})" for a, b in zip(ix.name[place[big]], w[big], strict=True)]
        provinces = [f"{a} {b:,.0f}/{c:,.0f}"
                     for a, b, c in zip(by["province"], by["within"], by["new"], strict=True)]  # fmt: skip
        return {
            "reach_within_distance": total(near), "reach_within": total(within),
            "reach_within_drive": [int(v) if on_net[k] else None for k, v in enumerate(drive)],
            "reach_new_distance": total(near & ~s_near), "reach_new": total(new),
            "reach_new_drive": [int(v) if on_net[k] else None for k, v in enumerate(new_drive)],
            "reach_largest_new": _ranked_text(row[big], w[big], largest, n),
            "reach_provinces": _ranked_text(by["row"].to_numpy(), by["within"].to_numpy(),
                                            provinces, n),
            "reach_compared_without": label,
        }  # fmt: skip


def add_reach_columns(
    results: pd.DataFrame, *, field_: SpacingField, population: Population
) -> pd.DataFrame:
    """Add :data:`REACH_COLUMNS` to a table of checked candidates (a notebook's batch).

    Parameters
    ----------
    results : pandas.DataFrame
        From :func:`~portgeo.rules.admission.check_airports`.
    field_ : SpacingField
        The opened air ports the candidates were checked against, on the road network.
    population : Population

    Returns
    -------
    pandas.DataFrame
    """
    return BatchReach(population).add_columns(results, field_)


def run_batch_reach(
    request: BatchRequest, population: PopulationInput | None = None, *,
    rule: AdmissionRule | None = None,
) -> BatchSummary:  # fmt: skip
    """Check every candidate of a CSV file into the results CSV, with the people each reaches.

    Parameters
    ----------
    request : BatchRequest
    population : PopulationInput, optional
        None writes the check's columns alone.
    rule : AdmissionRule, optional

    Returns
    -------
    BatchSummary
        Its notes say what the population is.
    """
    if population is None:
        return run_batch(request, rule=rule)
    return run_batch(request, rule=rule, more=BatchReach(population))
