"""Who an air port would serve: the people within its reach, and those no opened port reaches yet.

Reach is measured as the spacing rule measures a port's neighbourhood, from the people's side:
a place is **within 200 km** of a port when its geodesic distance is below the rule's distance
threshold, and **within 2 hours** when its drive *to* the port (access leg at the place, fastest
route on the road network, access leg at the port) is below the drive threshold. "Below" is the
rule's own negation of "meets" (``以上`` includes the number), so a place within reach of an
opened port is exactly a place the rule would keep a new port away from. The third measure,
``"rule"``, follows the reading: under ``both`` (a port conflicts when near *or* quick) a place
is within reach when it is within 200 km or within 2 hours; under ``either`` when it is both.

A place off the road network has no drive time: it is never within 2 hours of anything (it is
not counted as served, nor as reached by a new port); the figures say how many such places
there are.

Which places are already served comes from one :class:`SpacingField`
(:func:`served_population`: one multi-source search from all opened ports gives every place its
nearest and quickest opened port). A candidate's own reach is one search from the candidate on
the reversed road graph (:func:`population_reach`). The siting search
(:mod:`portgeo.rules.siting`) uses the same definitions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from portgeo.errors import InputError
from portgeo.geo.geodesy import geodesic_distance_m
from portgeo.population import Population
from portgeo.roads import kernels
from portgeo.roads.snapping import snap_points
from portgeo.rules.admission.eligibility import SpacingField
from portgeo.rules.admission.rule import READINGS, AdmissionRule

__all__ = [
    "REACH_KINDS",
    "PopulationReach",
    "ServedPopulation",
    "check_reach",
    "combine_reach",
    "drive_to_point",
    "population_reach",
    "reach_of_point",
    "served_population",
]

#: Measures of reach: the rule's (follows the reading), straight-line distance, drive time.
REACH_KINDS: tuple[str, ...] = ("rule", "distance", "drive")
#: Places listed as the largest among those a candidate newly reaches.
TOP_PLACES = 10


def check_reach(rule: AdmissionRule, reading: str | None, reach: str) -> str:
    """Check a reading and a measure of reach; return the reading (default: the rule's).

    Parameters
    ----------
    rule : AdmissionRule
    reading : {"both", "either"} or None
    reach : {"rule", "distance", "drive"}

    Returns
    -------
    str
        The reading.

    Raises
    ------
    portgeo.errors.InputError
        An unknown reading or measure.
    """
    reading = reading or rule.default_reading
    if reading not in READINGS:
        raise InputError(f"reading must be one of {', '.join(READINGS)}, got {reading!r}")
    if reach not in REACH_KINDS:
        raise InputError(f"reach must be one of {', '.join(REACH_KINDS)}, got {reach!r}")
    return reading


def combine_reach(
    near: np.ndarray, quick: np.ndarray, *, rule: AdmissionRule, reading: str, reach: str
) -> np.ndarray:
    """Combine "within the distance" and "within the drive" into one measure of reach.

    Parameters
    ----------
    near, quick : numpy.ndarray of bool
    rule : AdmissionRule
    reading : {"both", "either"}
    reach : {"rule", "distance", "drive"}

    Returns
    -------
    numpy.ndarray of bool
    """
    if reach == "distance":
        return np.asarray(near, bool)
    if reach == "drive":
        return np.asarray(quick, bool)
    if rule.readings[reading]["conflict"] == "near-or-quick":
        return np.asarray(near, bool) | np.asarray(quick, bool)
    return np.asarray(near, bool) & np.asarray(quick, bool)


def _below(rule: AdmissionRule, values: np.ndarray, threshold: float) -> np.ndarray:
    """Element-wise: a finite value below the threshold (the rule's "does not meet")."""
    v = np.asarray(values, dtype=float)
    return np.isfinite(v) & ~rule.meets_array(np.where(np.isfinite(v), v, np.inf), threshold)


@dataclass
class ServedPopulation:
    """Population points measured against the opened air ports.

    Attributes
    ----------
    population : Population
    reading, reach : str
    node, access_s : numpy.ndarray
        Each place's network node and access leg (s); ``snapped`` False off the network.
    snapped : numpy.ndarray of bool
    distance_km, drive_min : numpy.ndarray
        To the nearest / quickest known-open air port (inf / NaN when none).
    near, quick : numpy.ndarray of bool
        Within the distance / drive threshold of an opened air port.
    served : numpy.ndarray of bool
        Within reach of an opened air port (``reach`` under ``reading``).
    open_ports : dict
        The comparison set (:meth:`OpenPorts.describe`).
    """

    population: Population
    reading: str
    reach: str
    node: np.ndarray
    access_s: np.ndarray
    snapped: np.ndarray
    distance_km: np.ndarray
    drive_min: np.ndarray
    near: np.ndarray
    quick: np.ndarray
    served: np.ndarray
    open_ports: dict[str, Any] = field(default_factory=dict)

    @property
    def people(self) -> np.ndarray:
        """People per place."""
        return self.population.table["population"].to_numpy(float)

    def describe(self) -> dict[str, Any]:
        """Tabulate who the opened air ports already reach.

        Returns
        -------
        dict
            ``people``, ``served``, ``served_share``, ``within_distance``, ``within_drive``,
            ``off_network_places``, ``reading``, ``reach``.
        """
        w = self.people
        return {
            "people": round(float(w.sum())), "served": round(float(w[self.served].sum())),
            "served_share": float(w[self.served].sum() / w.sum()) if w.sum() else 0.0,
            "within_distance": round(float(w[self.near].sum())),
            "within_drive": round(float(w[self.quick].sum())),
            "off_network_places": int((~self.snapped).sum()),
            "reading": self.reading, "reach": self.reach,
        }  # fmt: skip


def served_population(
    field_: SpacingField, population: Population, *, reading: str | None = None,
    reach: str = "rule",
) -> ServedPopulation:  # fmt: skip
    """Measure every place against the opened air ports: who is already within reach.

    Parameters
    ----------
    field_ : SpacingField
        Built once from the network, the opened air ports and the rule.
    population : Population
    reading : {"both", "either"}, optional
        Default the rule's.
    reach : {"rule", "distance", "drive"}, default "rule"

    Returns
    -------
    ServedPopulation
    """
    rule = field_.rule
    reading = check_reach(rule, reading, reach)
    t = population.table
    lon, lat = t["lon"].to_numpy(float), t["lat"].to_numpy(float)
    m = field_.measure(lon, lat)
    snaps = snap_points(field_.net, lon, lat, errors="ignore")
    near = _below(rule, m["distance_km"].to_numpy(float), rule.min_distance_km)
    quick = _below(rule, m["drive_min"].to_numpy(float), rule.min_drive_min)
    served = combine_reach(near, quick, rule=rule, reading=reading, reach=reach)
    return ServedPopulation(
        population, reading, reach, snaps["node"].to_numpy(), snaps["access_s"].to_numpy(float),
        snaps["ok"].to_numpy(bool), m["distance_km"].to_numpy(float),
        m["drive_min"].to_numpy(float), near, quick, served, dict(field_.open_ports),
    )  # fmt: skip


def drive_to_point(
    field_: SpacingField, served: ServedPopulation, lon: float, lat: float,
    *, reverse: Any = None,
) -> np.ndarray:  # fmt: skip
    """Drive time (min) from every place to one point (NaN off the network or beyond the limit).

    Parameters
    ----------
    field_ : SpacingField
    served : ServedPopulation
    lon, lat : float
    reverse : scipy.sparse.csr_matrix, optional
        The network's reversed time matrix, when already built.

    Returns
    -------
    numpy.ndarray
        Minutes per place, searched up to one second past the drive threshold.
    """
    n = len(served.node)
    snap = snap_points(field_.net, [lon], [lat], errors="ignore").iloc[0]
    if not bool(snap["ok"]):
        return np.full(n, np.nan)
    reverse = field_.net.csr("time").T.tocsr() if reverse is None else reverse
    limit = field_.rule.min_drive_min * 60.0 + 1.0
    dist, _, _ = kernels.search(reverse, np.array([int(snap["node"])]),
                                np.array([float(snap["access_s"])]), limit=limit)  # fmt: skip
    t = np.where(served.snapped, dist[served.node] + served.access_s, np.inf)
    return np.where(np.isfinite(t), t / 60.0, np.nan)


def reach_of_point(
    field_: SpacingField, served: ServedPopulation, lon: float, lat: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Measure every place against one point: distance, drive and which are within reach.

    Parameters
    ----------
    field_ : SpacingField
    served : ServedPopulation
        Its reading and reach are used.
    lon, lat : float

    Returns
    -------
    distance_km, drive_min : numpy.ndarray
        Per place (drive NaN off the network or beyond the drive threshold).
    near, quick, within : numpy.ndarray of bool
        Within the distance threshold, the drive threshold, and within reach.
    """
    rule = field_.rule
    t = served.population.table
    d_km = np.asarray(geodesic_distance_m(lon, lat, t["lon"].to_numpy(float),
                                          t["lat"].to_numpy(float))) / 1000.0  # fmt: skip
    drive = drive_to_point(field_, served, lon, lat)
    near = _below(rule, d_km, rule.min_distance_km)
    quick = _below(rule, drive, rule.min_drive_min)
    within = combine_reach(near, quick, rule=rule, reading=served.reading, reach=served.reach)
    return d_km, drive, near, quick, within


@dataclass
class PopulationReach:
    """The people a candidate would reach, and those of them no opened air port reaches yet.

    Attributes
    ----------
    lon, lat : float
    reading, reach : str
    within_distance, within_drive, within : float
        People within the distance threshold, the drive threshold, and within reach
        (``reach`` under ``reading``); ``within_drive`` None when the candidate is off the
        network.
    new_distance, new_drive, new : float
        Of those, the people not already within the same measure of an opened air port.
    largest : pandas.DataFrame
        The largest places among the newly reached: ``name``, ``province``, ``population``,
        ``distance_km``, ``drive_min``.
    provinces : pandas.DataFrame
        By province: ``province``, ``within``, ``new``.
    population : dict
        :meth:`Population.describe` (source, version, date, caveat).
    """

    lon: float
    lat: float
    reading: str
    reach: str
    within_distance: float
    within_drive: float | None
    within: float
    new_distance: float
    new_drive: float | None
    new: float
    largest: pd.DataFrame
    provinces: pd.DataFrame
    population: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """Return the reach as plain JSON-ready values.

        Returns
        -------
        dict
        """

        def num(v: float | None) -> int | None:
            return None if v is None else round(v)

        return {
            "lon": self.lon, "lat": self.lat, "reading": self.reading, "reach": self.reach,
            "within_distance": num(self.within_distance), "within_drive": num(self.within_drive),
            "within": num(self.within), "new_distance": num(self.new_distance),
            "new_drive": num(self.new_drive), "new": num(self.new),
            "largest": self.largest.round(1).to_dict(orient="records"),
            "provinces": self.provinces.round(0).to_dict(orient="records"),
            "population": self.population,
        }  # fmt: skip

    def lines(self) -> list[str]:
        """Return what a terminal shows.

        Returns
        -------
        list of str
        """
        drive = "off the network" if self.within_drive is None else f"{self.within_drive:,.0f}"
        new_drive = "n/a" if self.new_drive is None else f"{self.new_drive:,.0f}"
        out = [
            f"people within reach ({self.reach}, {self.reading}): {self.within:,.0f}; "
            f"not yet within reach of an opened air port: {self.new:,.0f}",
            f"  within the distance threshold: {self.within_distance:,.0f} "
            f"(new {self.new_distance:,.0f}); within the drive threshold: {drive} "
            f"(new {new_drive})",
        ]
        if len(self.largest):
            out.append("  largest places newly reached: " + ", ".join(
                f"{r.name} ({r.population:,.0f})" for r in self.largest.itertuples()))  # fmt: skip
        if len(self.provinces):
            out.append("  by province (within / new): " + ", ".join(
                f"{r.province} {r.within:,.0f} / {r.new:,.0f}"
                for r in self.provinces.itertuples()))  # fmt: skip
        out.append(f"  ({self.population['caveat']}; {self.population['source']}, version "
                   f"{self.population['version']})")  # fmt: skip
        return out


def population_reach(
    lon: float,
    lat: float,
    *,
    field_: SpacingField,
    population: Population | None = None,
    served: ServedPopulation | None = None,
    reading: str | None = None,
    reach: str = "rule",
    top: int = TOP_PLACES,
) -> PopulationReach:
    """Count the people a candidate air port at one point would reach.

    Parameters
    ----------
    lon, lat : float
        WGS84 degrees.
    field_ : SpacingField
        The opened air ports, searched once (:meth:`SpacingField.build`).
    population : Population, optional
        Needed unless ``served`` is given.
    served : ServedPopulation, optional
        :func:`served_population` of the same field, reading and reach (to reuse across many
        candidates).
    reading : {"both", "either"}, optional
    reach : {"rule", "distance", "drive"}, default "rule"
    top : int, default 10
        How many of the largest newly reached places to list.

    Returns
    -------
    PopulationReach
    """
    if served is None:
        if population is None:
            raise InputError("population_reach needs a population or a served population")
        served = served_population(field_, population, reading=reading, reach=reach)
    reading, reach = served.reading, served.reach
    t = served.population.table
    w = served.people
    d_km, drive, near, quick, within = reach_of_point(field_, served, lon, lat)
    on_network = bool(snap_points(field_.net, [lon], [lat], errors="ignore")["ok"].iloc[0])
    new = within & ~served.served
    big = new & (w > 0)
    largest = pd.DataFrame({
        "name": t["name"].to_numpy()[big], "province": t["province"].to_numpy()[big],
        "population": w[big], "distance_km": d_km[big], "drive_min": drive[big],
    }).sort_values("population", ascending=False, kind="stable").head(top).reset_index(drop=True)  # fmt: skip
    by = pd.DataFrame({"province": t["province"].fillna("(none)").to_numpy(),
                       "within": np.where(within, w, 0.0), "new": np.where(new, w, 0.0)})  # fmt: skip
    provinces = by[within].groupby("province", as_index=False)[["within", "new"]].sum()
    provinces = provinces.sort_values("within", ascending=False).reset_index(drop=True)
    return PopulationReach(
        float(lon), float(lat), reading, reach,
        within_distance=float(w[near].sum()),
        within_drive=float(w[quick].sum()) if on_network else None,
        within=float(w[within].sum()),
        new_distance=float(w[near & ~served.near].sum()),
        new_drive=float(w[quick & ~served.quick].sum()) if on_network else None,
        new=float(w[new].sum()), largest=largest, provinces=provinces,
        population=served.population.describe(),
    )  # fmt: skip
