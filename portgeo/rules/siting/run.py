"""Where the next air ports should go: a :class:`SitingRequest`, answered by :func:`run_siting`.

The answer chooses up to ``count`` new sites, each admissible under the spacing rule against the
opened air ports *and* against the sites chosen before it (each chosen site counts as opened),
greedily maximising the people newly within reach (:mod:`portgeo.rules.siting.search`). The
candidates are the eligible cells of the national surface
(:func:`~portgeo.rules.admission.surface.eligibility_grid`) or the user's list. The
:class:`SitingResult` ranks the sites (with the verdict of each criterion of the rule), draws
the curve of the share reached against the number of sites, and compares the search with the
plan: the regional hubs of the air-port layout and Guangdong's air-port projects.

Only the spacing rule is judged: the routes, passengers and province gate depend on an airport
that does not exist yet, so the table says "not assessed" for them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

from portgeo._data import data_path, read_user_csv
from portgeo.airports import lookup_airport
from portgeo.errors import InputError, PortgeoError
from portgeo.geo.geodesy import geodesic_distance_m
from portgeo.geo.lines import unit_xyz
from portgeo.layout.boundaries import load_provinces, provinces_at
from portgeo.layout.hubs import hub_airports
from portgeo.population import Population, load_population
from portgeo.roads.load import load_network
from portgeo.roads.network import RoadNetwork
from portgeo.rules.admission.eligibility import SpacingField
from portgeo.rules.admission.open_ports import OpenPorts
from portgeo.rules.admission.request import RegisterInput
from portgeo.rules.admission.rule import AdmissionRule, load_admission_rule
from portgeo.rules.admission.surface import (
    CELL_KM,
    CELL_KM_RANGE,
    EligibilityGrid,
    eligibility_grid,
)
from portgeo.rules.reach import (
    REACH_KINDS,
    ServedPopulation,
    check_reach,
    combine_reach,
    reach_of_point,
    served_population,
)
from portgeo.rules.siting.instance import NationalInstance, build_siting_instance
from portgeo.rules.siting.search import GreedyPath, greedy_cover

__all__ = ["MATCH_KM", "MAX_COUNT", "SitingRequest", "SitingResult", "compare_with_plan",
           "match_province", "read_candidates", "run_siting"]  # fmt: skip

#: Most sites one search may choose.
MAX_COUNT = 200
#: A plan site counts as picked by the search when a chosen site lies within this distance (km).
MATCH_KM = 50.0
#: Guangdong's air-port projects (the example file of ``check-airport --batch``).
GUANGDONG_PROJECTS = "examples/guangdong_c4_candidates.csv"
#: Criteria of the rule that depend on the airport, not on its place.
NOT_ASSESSED = ("routes", "passengers", "province_gate")


def match_province(name: str) -> str:
    """Return the provincial unit a user names (``广东``, ``广东省`` or ``440000``).

    Parameters
    ----------
    name : str

    Returns
    -------
    str
        Its ``name_zh``.

    Raises
    ------
    portgeo.errors.InputError
        No provincial unit, or several, match.
    """
    text = str(name).strip()
    prov = load_provinces()
    hit = prov[(prov["adcode"].astype(str) == text) | (prov["name_zh"] == text)]
    if hit.empty and text:
        hit = prov[prov["name_zh"].str.startswith(text)]
    if len(hit) != 1:
        raise InputError(f"--province {text!r} names no single provincial unit; give its "
                         "Chinese name (广东 or 广东省) or its adcode (440000)")  # fmt: skip
    return str(hit["name_zh"].iloc[0])


@dataclass(frozen=True)
class SitingRequest:
    """A siting search, as the user asks it.

    Attributes
    ----------
    count : int
        Sites to choose (1 to :data:`MAX_COUNT`).
    province : str, optional
        Choose within this provincial unit only (people are counted wherever they live).
    reading : {"both", "either"}, optional
        Reading of the spacing rule (default the rule's).
    reach : {"rule", "distance", "drive"}
        What "within reach" means (:mod:`portgeo.rules.reach`; default the rule's own measure).
    register : RegisterInput
        The opened air ports (the register at a date, or a file).
    candidates : str or pathlib.Path, optional
        A CSV of candidate sites (``name,lon,lat``, or ``iata``); default the eligible cells.
    population : str or pathlib.Path, optional
        A population file (:func:`portgeo.population.load_population`); default GeoNames.
    population_column : str
    drop_invalid : bool
        Drop a population file's bad rows (reported) instead of refusing it.
    cell_km : float
        Cell side of the default candidates.
    network : str or pathlib.Path
        ``"offline"`` or an OSM file.
    compare : bool
        Compare with the plan's regional hubs and Guangdong's air-port projects.
    """

    count: int
    province: str | None = None
    reading: str | None = None
    reach: str = "rule"
    register: RegisterInput = field(default_factory=RegisterInput)
    candidates: str | Path | None = None
    population: str | Path | None = None
    population_column: str = "population"
    drop_invalid: bool = False
    cell_km: float = CELL_KM
    network: str | Path = "offline"
    compare: bool = True

    def check(self, rule: AdmissionRule) -> str:
        """Check the request before any work; return the reading.

        Parameters
        ----------
        rule : AdmissionRule

        Returns
        -------
        str

        Raises
        ------
        portgeo.errors.InputError
        """
        if not 1 <= int(self.count) <= MAX_COUNT:
            raise InputError(f"--count must lie between 1 and {MAX_COUNT}, got {self.count!r}")
        low, high = CELL_KM_RANGE
        if not low <= self.cell_km <= high:
            raise InputError(f"--cell-km must lie between {low:g} and {high:g} km, "
                             f"got {self.cell_km!r}")  # fmt: skip
        if str(self.network) == "overpass":
            raise InputError("--network overpass queries around one point; use offline or a "
                             ".osm.pbf file")  # fmt: skip
        if self.reach not in REACH_KINDS:
            raise InputError(f"--reach must be one of {', '.join(REACH_KINDS)}")
        return check_reach(rule, self.reading, self.reach)


def read_candidates(path: str | Path) -> pd.DataFrame:
    """Read a CSV of candidate sites: ``name,lon,lat`` (WGS84), or ``iata`` codes.

    Parameters
    ----------
    path : str or pathlib.Path

    Returns
    -------
    pandas.DataFrame
        ``name``, ``lon``, ``lat``.

    Raises
    ------
    portgeo.errors.InputError
        Missing columns, or a row without a usable point (every such row named).
    """
    path = Path(path)
    df = read_user_csv(path, what="candidates file", dtype="str")
    has_point = {"lon", "lat"} <= set(df.columns)
    if not has_point and "iata" not in df.columns:
        raise InputError(f"candidates file {path.name}: give lon,lat columns (WGS84) or iata")
    rows, problems = [], []
    for line, rec in df.iterrows():
        name = str(rec.get("name") or rec.get("iata") or f"line {line}")
        try:
            lo = pd.to_numeric(rec.get("lon"), errors="coerce") if has_point else np.nan
            la = pd.to_numeric(rec.get("lat"), errors="coerce") if has_point else np.nan
            if not (np.isfinite(lo) and np.isfinite(la)):
                code = str(rec.get("iata") or "").strip()
                if not code:
                    raise InputError("no lon,lat and no iata")
                ap = lookup_airport(code)
                lo, la = ap.lon, ap.lat
            rows.append({"name": name, "lon": float(lo), "lat": float(la)})
        except PortgeoError as exc:
            problems.append(f"line {line} ({name}): {exc}")
    if problems:
        raise InputError(f"candidates file {path.name}: " + "; ".join(problems))
    if not rows:
        raise InputError(f"candidates file {path.name}: no candidates")
    return pd.DataFrame(rows)


@dataclass
class SitingResult:
    """A siting request answered.

    Attributes
    ----------
    request : SitingRequest
    reading : str
    sites : pandas.DataFrame
        The ranked table (:meth:`table` shows it).
    path : GreedyPath
    candidates : dict
        ``kind`` (cells or file), ``count``, ``admissible``, ``in_province``.
    served : ServedPopulation
    population : Population
    open_ports : OpenPorts
    network : RoadNetwork
    plan : pandas.DataFrame or None
        :func:`compare_with_plan`.
    seconds : dict
        Wall time per stage.
    national : NationalInstance
    """

    request: SitingRequest
    reading: str
    sites: pd.DataFrame
    path: GreedyPath
    candidates: dict[str, Any]
    served: ServedPopulation
    population: Population
    open_ports: OpenPorts
    network: RoadNetwork
    plan: pd.DataFrame | None
    seconds: dict[str, float]
    national: NationalInstance = field(repr=False)

    @property
    def unserved_people(self) -> float:
        """People not within reach of an opened air port."""
        w = self.served.people
        return float(w[~self.served.served].sum())

    def curve(self) -> pd.DataFrame:
        """Share reached against the number of new sites (greedy solutions are nested).

        Returns
        -------
        pandas.DataFrame
            ``sites`` (0..k), ``people_added``, ``share_of_unserved``, ``share_reached``.
        """
        w = self.served.people
        total, base = float(w.sum()), float(w[self.served.served].sum())
        added = np.r_[0.0, np.cumsum(self.path.gains)]
        unserved = max(total - base, 1e-12)
        return pd.DataFrame({"sites": np.arange(added.size), "people_added": added,
                             "share_of_unserved": added / unserved,
                             "share_reached": (base + added) / total})  # fmt: skip

    def layer(self) -> gpd.GeoDataFrame:
        """Return the chosen sites as a GIS layer (EPSG:4326), with the data they rest on.

        Returns
        -------
        geopandas.GeoDataFrame
        """
        pop = self.population
        out = self.sites.assign(population_source=pop.source, population_version=pop.version,
                                population_date=pop.date or "", caveat=pop.caveat,
                                open_ports=self.open_ports.label)  # fmt: skip
        return gpd.GeoDataFrame(out, geometry=gpd.points_from_xy(out["lon"], out["lat"]),
                                crs="EPSG:4326")  # fmt: skip

    def layers(self) -> dict[str, gpd.GeoDataFrame]:
        """Return the result's GIS layers (EPSG:4326): ``sites``, ``curve`` and ``plan``.

        Returns
        -------
        dict of str to geopandas.GeoDataFrame
            ``sites`` (:meth:`layer`), ``curve`` (:meth:`curve`, a table without geometry) and,
            when the plan's sites were compared, ``plan`` (their points, ``admissible`` as text).
        """
        curve = self.curve()
        out = {"sites": self.layer(),
               "curve": gpd.GeoDataFrame(curve, geometry=[None] * len(curve), crs="EPSG:4326")}  # fmt: skip
        if self.plan is not None and len(self.plan):
            plan = self.plan.assign(admissible=self.plan["admissible"].astype(str))
            out["plan"] = gpd.GeoDataFrame(plan, geometry=gpd.points_from_xy(plan["lon"], plan["lat"]),
                                           crs="EPSG:4326")  # fmt: skip
        return out

    def to_dict(self) -> dict[str, Any]:
        """Return the result as plain JSON-ready values.

        Returns
        -------
        dict
        """
        return {
            "reading": self.reading, "reach": self.request.reach, "count": self.request.count,
            "province": self.request.province, "open_ports": self.open_ports.describe(),
            "population": self.population.describe(), "served": self.served.describe(),
            "candidates": self.candidates, "stop": self.path.stop,
            "sites": self.sites.to_dict(orient="records"),
            "curve": self.curve().to_dict(orient="records"),
            "plan": None if self.plan is None else self.plan.to_dict(orient="records"),
            "seconds": self.seconds,
        }  # fmt: skip

    def lines(self) -> list[str]:
        """Return what a terminal shows: the data, the ranked table, the comparison.

        Returns
        -------
        list of str
        """
        s = self.served.describe()
        out = [*self.population.lines(), f"opened air ports: {self.open_ports.label}",
               f"network: {self.network.source}",
               f"within reach ({self.request.reach}, reading {self.reading}) of an opened air "
               f"port: {s['served']:,} of {s['people']:,} people ({s['served_share']:.1%}); "
               f"not yet: {self.unserved_people:,.0f}",
               f"candidates: {self.candidates['admissible']:,} admissible of "
               f"{self.candidates['count']:,} ({self.candidates['kind']})"
               + ("" if self.candidates["in_province"] is None else
                  f"; {self.candidates['in_province']:,} in {self.request.province}")]  # fmt: skip
        out.append(f"{'#':>3} {'lon':>8} {'lat':>7}  {'nearest place':<18} {'province':<10} "
                   f"{'people added':>13} {'of unserved':>11} {'km':>6} {'min':>6}  spacing")  # fmt: skip
        for r in self.sites.itertuples():
            drive = "-" if pd.isna(r.drive_min) else f"{r.drive_min:.0f}"
            out.append(f"{r.rank:>3} {r.lon:>8.3f} {r.lat:>7.3f}  {str(r.nearest_place)[:18]:<18} "
                       f"{str(r.province)[:10]:<10} {r.people_added:>13,.0f} "
                       f"{r.share_of_unserved:>11.1%} {r.distance_km:>6.0f} {drive:>6}  "
                       f"{r.spacing}")  # fmt: skip
        if self.path.stop:
            out.append(self.path.stop)
        if self.plan is not None and len(self.plan):
            out.append(
                f"the plan's sites (picked: a chosen site within {MATCH_KM:g} km; an opened "
                "port is judged against the other opened ports, and adds the people only "
                "it reaches):"
            )
            for r in self.plan.itertuples():
                out.append(f"  {r.kind:<18} {r.name:<12} admissible {r.admissible!s:<5} "
                           f"adds {r.adds:>12,.0f}  picked {r.picked!s:<5} "
                           f"(nearest pick {r.nearest_pick_km:,.0f} km)")  # fmt: skip
        out.append(f"({self.population.caveat}; criteria not assessed: "
                   f"{', '.join(NOT_ASSESSED)})")  # fmt: skip
        return out


def _default_candidates(
    field_: SpacingField, reading: str, cell_km: float, grid: EligibilityGrid | None = None
) -> tuple[pd.DataFrame, np.ndarray]:
    """Return the eligible cells under a reading (of ``grid`` when given, else of a new grid)."""
    grid = grid or eligibility_grid(field_, cell_km=cell_km, readings=(reading,))
    cells = grid.cells(reading)
    cells = cells[cells["class"] == "eligible"].reset_index(drop=True)
    names = [f"cell {r}/{c}" for r, c in zip(cells["row"], cells["col"], strict=True)]
    return (pd.DataFrame({"name": names, "lon": cells["lon"], "lat": cells["lat"]}),
            np.ones(len(cells), dtype=bool))  # fmt: skip


def _site_table(nat: NationalInstance, path: GreedyPath, reading: str) -> pd.DataFrame:
    """Rank the chosen sites, each measured against the opened ports and the earlier sites."""
    f, served = nat.spacing, nat.served
    rule = f.rule
    chosen = np.array(path.chosen, dtype=int)
    t = served.population.table
    w = served.people
    lon, lat = nat.lon[chosen], nat.lat[chosen]
    ev = f.evaluate(lon, lat) if chosen.size else pd.DataFrame()
    tree = cKDTree(unit_xyz(t["lon"].to_numpy(float), t["lat"].to_numpy(float)))
    near_i = np.asarray(tree.query(unit_xyz(lon, lat))[1]) if chosen.size else np.zeros(0, int)
    names = f.ports["name_zh"].to_numpy()
    prov = load_provinces()["name_zh"].to_numpy(dtype=object)
    pv = provinces_at(lon, lat)
    unserved, base = float(w[~served.served].sum()), float(w[served.served].sum())
    rows, cum = [], 0.0
    for i, c in enumerate(chosen):
        dist, drive = float(ev["distance_km"].iloc[i]), float(ev["drive_min"].iloc[i])
        k = int(ev["nearest_known"].iloc[i])
        nearest = str(names[k]) if k >= 0 else ""
        ok_pairs = True
        if i:
            earlier = chosen[:i]
            d = np.asarray(geodesic_distance_m(lon[i], lat[i], nat.lon[earlier],
                                               nat.lat[earlier])) / 1000.0  # fmt: skip
            tt = np.array([nat.drive_between(int(e), np.array([c]))[0] for e in earlier])
            near = ~rule.meets_array(d, rule.min_distance_km)
            quick = np.isfinite(tt) & ~rule.meets_array(np.nan_to_num(tt, nan=np.inf),
                                                       rule.min_drive_min)  # fmt: skip
            ok_pairs = not combine_reach(near, quick, rule=rule, reading=reading,
                                         reach="rule").any()  # fmt: skip
            j = int(np.argmin(d))
            if d[j] < dist:
                dist, nearest = float(d[j]), f"site {j + 1}"
            if np.isfinite(tt).any() and not np.nanmin(tt) >= (
                drive if np.isfinite(drive) else np.inf
            ):
                drive = float(np.nanmin(tt))
        cum += path.gains[i]
        verdict = ev[reading].iloc[i]
        spacing = ("admitted" if verdict is True and ok_pairs
                   else "REFUSED" if verdict is False or not ok_pairs else "unknown")  # fmt: skip
        rows.append({
            "rank": i + 1, "name": f"site {i + 1}", "candidate": "" if nat.names is None else str(nat.names[c]),
            "lon": round(float(lon[i]), 5), "lat": round(float(lat[i]), 5),
            "nearest_place": str(t["name"].iloc[near_i[i]]),
            "nearest_place_zh": str(t["name_zh"].iloc[near_i[i]]) if "name_zh" in t else "",
            "province": prov[pv[i]] if pv[i] >= 0 else None,
            "people_added": round(path.gains[i]), "cumulative_people": round(cum),
            "share_of_unserved": cum / unserved if unserved else 0.0,
            "share_reached": (base + cum) / float(w.sum()),
            "distance_km": round(dist, 1), "nearest_port": nearest,
            "drive_min": round(drive, 1) if np.isfinite(drive) else np.nan,
            "distance": "meets" if rule.meets(dist, rule.min_distance_km) else "fails",
            "on_network": bool(nat.snapped[c]),
            "drive": ("meets" if np.isfinite(drive) and rule.meets(drive, rule.min_drive_min)
                      else "fails" if np.isfinite(drive)
                      else "meets (no port within a drive's reach)" if ev["beyond_reach"].iloc[i]
                      else "unknown"),
            "spacing": spacing, **dict.fromkeys(NOT_ASSESSED, "not assessed"),
        })  # fmt: skip
    return pd.DataFrame(rows)


def _plan_sites() -> pd.DataFrame:
    """Return the plan's regional hubs and Guangdong's air-port projects, as points."""
    hubs = hub_airports()
    hubs = hubs[hubs["tier"] == "regional-hub"]
    rows = [{"kind": "regional hub", "name": r.hub_name_zh, "iata": r.iata,
             "lon": r.geometry.x, "lat": r.geometry.y}
            for r in hubs.itertuples() if r.geometry is not None]  # fmt: skip
    gd = read_user_csv(data_path(GUANGDONG_PROJECTS), what="Guangdong projects", dtype="str")
    for name, code in zip(gd["name"], gd["iata"], strict=True):
        ap = lookup_airport(str(code))
        rows.append({"kind": "Guangdong project", "name": str(name), "iata": str(code),
                     "lon": ap.lon, "lat": ap.lat})  # fmt: skip
    return pd.DataFrame(rows)


def compare_with_plan(result: SitingResult) -> pd.DataFrame:
    """Tell which of the plan's sites the search would also pick, and what each adds.

    A site that is itself an opened air port is measured against the *other* opened ports: what
    it adds is the people only it reaches.

    Parameters
    ----------
    result : SitingResult

    Returns
    -------
    pandas.DataFrame
        ``kind``, ``name``, ``iata``, ``lon``, ``lat``, ``opened``, ``admissible`` (under the
        reading, against the other opened ports), ``adds`` (people within its reach that no
        other opened port reaches), ``picked``, ``nearest_pick`` and ``nearest_pick_km``.
    """
    nat, served, f = result.national, result.served, result.national.spacing
    sites = _plan_sites()
    iatas = f.ports["iata"].astype(str).to_numpy()
    t = served.population.table
    w = served.people
    chosen = np.array(result.path.chosen, dtype=int)
    out = []
    for r in sites.itertuples():
        j = np.flatnonzero((iatas == r.iata) & (f.ports["open"] == True).to_numpy())  # noqa: E712
        ex = int(j[0]) if j.size else -1
        verdict = f.evaluate(np.array([r.lon]), np.array([r.lat]),
                             exclude=np.array([ex]))[result.reading].iloc[0]  # fmt: skip
        _, _, _, _, within = reach_of_point(f, served, r.lon, r.lat)
        others = served.served.copy()
        if ex >= 0 and within.any():  # who would the others still reach without this port?
            idx = np.flatnonzero(within)
            m = f.measure(t["lon"].to_numpy(float)[idx], t["lat"].to_numpy(float)[idx],
                          exclude=np.full(idx.size, ex), search_quickest=False)  # fmt: skip
            near, quick = m["near_known"].to_numpy(bool), m["quick_known"].to_numpy(bool)
            rule = f.rule
            others[idx] = combine_reach(near, quick, rule=rule, reading=served.reading,
                                        reach=served.reach)  # fmt: skip
        if chosen.size:
            d = np.asarray(geodesic_distance_m(r.lon, r.lat, nat.lon[chosen],
                                               nat.lat[chosen])) / 1000.0  # fmt: skip
            k = int(np.argmin(d))
            pick, pick_km = f"site {k + 1}", float(d[k])
        else:
            pick, pick_km = "", np.inf
        out.append({"kind": r.kind, "name": r.name, "iata": r.iata, "lon": r.lon, "lat": r.lat,
                    "opened": ex >= 0, "admissible": verdict,
                    "adds": round(float(w[within & ~others].sum())),
                    "picked": pick_km <= MATCH_KM, "nearest_pick": pick,
                    "nearest_pick_km": round(pick_km, 1)})  # fmt: skip
    return pd.DataFrame(out)


def run_siting(
    request: SitingRequest, *, rule: AdmissionRule | None = None,
    network: RoadNetwork | None = None, population: Population | None = None,
    field_: SpacingField | None = None, grid: EligibilityGrid | None = None,
) -> SitingResult:  # fmt: skip
    """Answer a siting request.

    Parameters
    ----------
    request : SitingRequest
    rule : AdmissionRule, optional
        Default the rule of the data.
    network : RoadNetwork, optional
        A network already loaded (else ``request.network`` is loaded).
    population : Population, optional
        A population already loaded (else ``request.population`` is loaded).
    field_ : SpacingField, optional
        A field already built (as the eligibility surface of a map builds it) from the request's
        opened air ports and the rule; its network is the search's (``network`` is not used).
    grid : EligibilityGrid, optional
        A grid already judged from ``field_`` (the surface's): its eligible cells are the
        default candidates, at its cell size (``request.cell_km`` is not used).

    Returns
    -------
    SitingResult

    Raises
    ------
    portgeo.errors.InputError
        A request :meth:`SitingRequest.check` refuses, a bad population or candidates file
        (:class:`~portgeo.population.PopulationFileError` lists every problem), a province
        with no admissible ground.
    """
    rule = rule or load_admission_rule()
    reading = request.check(rule)
    province = None if request.province is None else match_province(request.province)
    t0 = time.perf_counter()
    if population is None:
        population = load_population(request.population,
                                     population_column=request.population_column,
                                     drop_invalid=request.drop_invalid or None)  # fmt: skip
    open_ports = request.register.resolve(rule)
    if field_ is not None and (field_.open_ports.get("label") != open_ports.label
                               or (field_.rule is not rule and field_.rule != rule)):  # fmt: skip
        raise ValueError("field_ was built from other opened air ports or another rule than "
                         "the request's")  # fmt: skip
    if field_ is not None:
        net = field_.net
    else:
        net = network if network is not None else load_network(request.network)
    t1 = time.perf_counter()
    f = field_ if field_ is not None else SpacingField.build(net, open_ports, rule)
    served = served_population(f, population, reading=reading, reach=request.reach)
    t2 = time.perf_counter()
    if request.candidates is None:
        cands, admissible = _default_candidates(f, reading, request.cell_km, grid)
        kind = f"eligible {grid.cell_km if grid else request.cell_km:g} km cells under '{reading}'"
    else:
        cands = read_candidates(request.candidates)
        v = f.evaluate(cands["lon"].to_numpy(float), cands["lat"].to_numpy(float))[reading]
        admissible = np.asarray((v == True).to_numpy(bool))  # noqa: E712
        kind = f"file {Path(request.candidates).name}"
    n_all = int(admissible.sum())
    if province is not None:
        names = load_provinces()["name_zh"].to_numpy(dtype=object)
        pv = provinces_at(cands["lon"].to_numpy(float), cands["lat"].to_numpy(float))
        inside = np.asarray(np.where(pv >= 0, names[np.maximum(pv, 0)], None) == province, bool)
        admissible = admissible & inside
        if not admissible.any():
            raise InputError(f"{province} has no admissible ground under the reading '{reading}' "
                             f"({kind}; {int(inside.sum()):,} in the province)")  # fmt: skip
    elif not admissible.any():
        raise InputError(f"no candidate is admissible under the reading '{reading}' ({kind})")
    keep = np.flatnonzero(admissible)
    cands = cands.iloc[keep].reset_index(drop=True)
    t3 = time.perf_counter()
    nat = build_siting_instance(f, served, cands["lon"].to_numpy(float),
                                cands["lat"].to_numpy(float), np.ones(len(cands), dtype=bool))  # fmt: skip
    nat.names = cands["name"].to_numpy(dtype=object)
    t4 = time.perf_counter()
    path = greedy_cover(nat.instance, int(request.count))
    t5 = time.perf_counter()
    sites = _site_table(nat, path, reading)
    info = {"kind": kind, "count": len(admissible), "admissible": n_all,
            "in_province": len(cands) if province else None}  # fmt: skip
    result = SitingResult(request, reading, sites, path, info, served, population, open_ports,
                          net, None, {}, nat)  # fmt: skip
    if request.compare:
        result.plan = compare_with_plan(result)
    t6 = time.perf_counter()
    result.seconds = {"load": t1 - t0, "field": t2 - t1, "candidates": t3 - t2,
                      "coverage": t4 - t3, "search": t5 - t4, "table": t6 - t5}  # fmt: skip
    return result
