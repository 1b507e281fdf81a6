"""Where in mainland China a new air port could be admitted: the spacing rule as a map.

:func:`eligibility_grid` (:mod:`~portgeo.rules.admission.grid`, re-exported here) judges the rule
at the centre of every cell of an equal-area grid over mainland China, from one
:class:`~portgeo.rules.admission.eligibility.SpacingField`;
:func:`eligibility_surface` traces the cells that pass, fail or cannot be told as polygons;
:func:`admissible_airports` lists the airports of ``airportsdata`` in mainland China that are not
opened air ports but stand on ground the rule admits; :func:`compute_eligibility` does all three.
A user's question is one :class:`EligibilityRequest` (which opened air ports, which readings, how
fine a grid, which road network, whose people), answered by :func:`run_eligibility`: the command
line and the notebooks make the same call and show its :class:`EligibilityResult`, which adds the
people living on each class of ground (:mod:`~portgeo.rules.admission.surface_people`).

How far to trust the class of a point (the surface's *cell tolerance*). The surface shows at a
point the verdict that :func:`check_airport` gives at the centre of the point's cell (a cell whose
centre lies outside the mainland, on the coast or the border, shows the nearest inside cell's);
:meth:`EligibilityGrid.class_at` reads it. The verdict can change inside a cell: across the
200 km circle, across the 2 h isochrone, and along the 2 h edge in strips about a kilometre wide,
where a point's nearest road node changes and its access leg (at ``settings.access_speed_kmh``)
adds or takes minutes. So the check at a point gives the verdict its cell leans to (a marginal
cell's too) except

- within one cell side (``cell_km``) of a cell whose verdict is the check's
  (:meth:`EligibilityGrid.distance_to_class`): the class edge as drawn, or
- in a marginal cell, at a point that is a close call itself (its own distance and drive could
  give the other verdict within the stated errors, :func:`mark_marginal_points`): a strip narrower
  than a cell, nearer 2 h than the network's drive band.

``tests/test_check_surface_agreement.py`` holds the check to this at 2,000 random points of
mainland China under both readings. The traced polygons follow the cells' edges to within half
a cell (marching squares between cell centres).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import contourpy
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from portgeo.errors import InputError
from portgeo.geo.polygons import CHINA_ALBERS, area_km2, as_polygonal, proj_transformer
from portgeo.layout.boundaries import mainland_polygon, province_at
from portgeo.population import Population, load_population
from portgeo.roads.load import load_network
from portgeo.roads.network import RoadNetwork
from portgeo.rules.admission.eligibility import SpacingField
from portgeo.rules.admission.grid import (
    CLASS_CODES,
    SURFACE_CLASSES,
    EligibilityGrid,
    eligibility_grid,
    mark_marginal_points,
)
from portgeo.rules.admission.margins import (
    speed_model,
)
from portgeo.rules.admission.open_ports import OpenPorts
from portgeo.rules.admission.request import RegisterInput
from portgeo.rules.admission.rule import READINGS, AdmissionRule, load_admission_rule
from portgeo.rules.admission.surface_people import SurfacePeople, count_surface_people
from portgeo.sites import airportsdata_by_iata

__all__ = [
    "CELL_KM",
    "CELL_KM_RANGE",
    "SURFACE_CLASSES",
    "Eligibility",
    "EligibilityGrid",
    "EligibilityRequest",
    "EligibilityResult",
    "admissible_airports",
    "compute_eligibility",
    "eligibility_grid",
    "eligibility_surface",
    "mark_marginal_points",
    "run_eligibility",
]

#: Default side of a grid cell (km), and the sides a request may ask: finer than 1 km outruns the
#: offline network's precision, coarser than 100 km no longer draws the ground between ports.
CELL_KM = 5.0
CELL_KM_RANGE: tuple[float, float] = (1.0, 100.0)


def eligibility_surface(
    field_: SpacingField,
    *,
    cell_km: float = 5.0,
    readings: tuple[str, ...] = READINGS,
    grid: EligibilityGrid | None = None,
) -> gpd.GeoDataFrame:
    """Trace the ground of mainland China that the spacing rule admits, rejects or cannot tell.

    The grid's verdicts (:func:`eligibility_grid`) are traced by marching squares between cell
    centres; cells outside the mainland take the verdict of the nearest inside cell so that the
    traced ground reaches the coast and the border, where it is clipped.

    Parameters
    ----------
    field_ : SpacingField
        From :meth:`SpacingField.build`.
    cell_km : float, default 5
        Grid resolution: every ``cell_km`` x ``cell_km`` cell (China Albers equal-area) is
        judged at its centre, exactly as :func:`check_airport` would judge a candidate there.
    readings : tuple of str, default both readings
    grid : EligibilityGrid, optional
        A grid already judged (its cell size and readings are used).

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, one row per reading and class: ``reading``, ``class`` (:data:`SURFACE_CLASSES`),
        ``area_km2``, ``cells``, ``cell_km``, ``distance_km``, ``drive_min`` (the rule's
        thresholds), ``as_of`` and ``open_ports`` (the comparison set), ``network``,
        ``speed_model`` and ``drive_band`` (the measured band and its method, or "not
        measured"), ``geometry`` (MultiPolygon, clipped to mainland China).
    """
    grid = grid or eligibility_grid(field_, cell_km=cell_km, readings=readings)
    mainland = mainland_polygon()
    tr = proj_transformer(CHINA_ALBERS)

    def back(xy: np.ndarray) -> np.ndarray:
        lo, la = tr.transform(xy[:, 0], xy[:, 1], direction="INVERSE")
        return np.column_stack([lo, la])

    shape = (grid.ys.size, grid.xs.size)
    rows = []
    for reading, code in grid.codes.items():
        filled = code[grid.shown].reshape(shape)  # outside cells: the nearest inside cell's
        for cls in SURFACE_CLASSES:
            z = (filled == CLASS_CODES[cls]).astype(float)
            gen = contourpy.contour_generator(
                grid.xs, grid.ys, z, fill_type="OuterOffset", name="serial"
            )
            polys = []
            for pts, offs in zip(*gen.filled(0.5, 1.5), strict=True):
                rings = [pts[offs[i] : offs[i + 1]] for i in range(len(offs) - 1)]
                polys.append(shapely.Polygon(rings[0], rings[1:]))
            geom = shapely.union_all(polys) if polys else shapely.Polygon()
            geom = as_polygonal(
                shapely.intersection(as_polygonal(shapely.transform(geom, back)), mainland)
            )
            rows.append({
                "reading": reading, "class": cls, "area_km2": area_km2(geom),
                "cells": int((code == CLASS_CODES[cls]).sum()), "cell_km": grid.cell_km,
                "distance_km": field_.rule.min_distance_km, "drive_min": field_.rule.min_drive_min,
                "as_of": field_.open_ports.get("as_of"), "open_ports": field_.open_ports.get("label"),
                "network": field_.net.source, "speed_model": speed_model(field_.net),
                "drive_band": "not measured" if grid.band is None else
                f"{grid.band.low:.2f}-{grid.band.high:.2f} ({grid.band.method}, "
                f"{grid.band.n_trips} trips)",
                "geometry": geom,
            })  # fmt: skip
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def admissible_airports(field_: SpacingField, open_ports: OpenPorts) -> pd.DataFrame:
    """List the airports of mainland China that are not opened air ports but stand on admitted ground.

    Parameters
    ----------
    field_ : SpacingField
    open_ports : OpenPorts
        The comparison set (its register, when there is one, names every opened, closed or
        approved air port, which are left out).

    Returns
    -------
    pandas.DataFrame
        Every airportsdata airport in mainland China with an IATA code, not in the register:
        ``iata``, ``icao``, ``name``, ``city``, ``province``, ``lat``, ``lon``,
        ``distance_km`` (to the nearest opened air port), ``drive_min``, ``route_km``,
        ``quickest_port``, ``both``, ``either`` (True: the spacing rule admits it); sorted with
        the admitted first.
    """
    data = airportsdata_by_iata()
    cn = pd.DataFrame([{"iata": k, **v} for k, v in data.items() if v.get("country") == "CN"])
    listed = set(open_ports.table["iata"].astype(str))
    if open_ports.register is not None:
        listed |= set(open_ports.register["iata"].dropna().astype(str))
    cn = cn[~cn["iata"].isin(listed)].reset_index(drop=True)
    mainland = mainland_polygon()
    shapely.prepare(mainland)
    cn = cn[shapely.contains_xy(mainland, cn["lon"].to_numpy(float), cn["lat"].to_numpy(float))]
    cn = cn.reset_index(drop=True)
    res = field_.evaluate(cn["lon"].to_numpy(float), cn["lat"].to_numpy(float))
    names = field_.ports["name_zh"].to_numpy()
    provinces = [province_at(lo, la) for lo, la in zip(cn["lon"], cn["lat"], strict=True)]
    out = pd.DataFrame({
        "iata": cn["iata"], "icao": cn["icao"], "name": cn["name"], "city": cn["city"],
        "province": [None if p is None else p["name_zh"] for p in provinces],
        "lat": cn["lat"].astype(float), "lon": cn["lon"].astype(float),
        "distance_km": res["distance_km"].round(1), "drive_min": res["drive_min"].round(1),
        "route_km": res["route_km"].round(1),
        "quickest_port": [names[q] if q >= 0 else None for q in res["quickest_port"]],
        "both": res["both"], "either": res["either"],
    })  # fmt: skip
    order = out["both"].map({True: 0, None: 1, False: 2}).astype(int)
    return (
        out.assign(_o=order)
        .sort_values(["_o", "distance_km"], ascending=[True, False])
        .drop(columns="_o")
        .reset_index(drop=True)
    )


@dataclass
class Eligibility:
    """The spacing rule over mainland China: the surface and the airports it would admit.

    Attributes
    ----------
    field : SpacingField
    surface : geopandas.GeoDataFrame
        From :func:`eligibility_surface`.
    airports : pandas.DataFrame
        From :func:`admissible_airports`.
    seconds : dict
        Wall time of each stage: ``field``, ``surface``, ``airports``.
    grid : EligibilityGrid or None
        The judged cells the surface was traced from (:meth:`EligibilityGrid.class_at` reads
        the class at any point).
    """

    field: SpacingField
    surface: gpd.GeoDataFrame
    airports: pd.DataFrame
    seconds: dict[str, float]
    grid: EligibilityGrid | None = None

    def summary(self) -> pd.DataFrame:
        """Tabulate the area of each class under each reading, and the airports admitted.

        Returns
        -------
        pandas.DataFrame
            One row per reading: ``eligible_km2``, ``ineligible_km2``, ``marginal_km2``,
            ``unknown_km2``, ``admitted_airports``.
        """
        rows = []
        for reading, grp in self.surface.groupby("reading", sort=False):
            area = dict(zip(grp["class"], grp["area_km2"], strict=True))
            admitted = int((self.airports[reading] == True).sum())  # noqa: E712
            rows.append({"reading": reading, **{f"{c}_km2": round(float(area.get(c, 0.0)))
                                               for c in SURFACE_CLASSES},
                         "admitted_airports": admitted})  # fmt: skip
        return pd.DataFrame(rows)


def compute_eligibility(
    net: RoadNetwork,
    open_ports: OpenPorts,
    rule: AdmissionRule,
    *,
    cell_km: float = CELL_KM,
    readings: tuple[str, ...] = READINGS,
) -> Eligibility:
    """Build the field, the national surface and the table of admissible airports.

    Parameters
    ----------
    net : RoadNetwork
    open_ports : OpenPorts
        The comparison set (the register at a date, or a user's file).
    rule : AdmissionRule
    cell_km : float, default 5
    readings : tuple of str, default both readings

    Returns
    -------
    Eligibility
    """
    t0 = time.perf_counter()
    field_ = SpacingField.build(net, open_ports, rule)
    t1 = time.perf_counter()
    grid = eligibility_grid(field_, cell_km=cell_km, readings=readings)
    surface = eligibility_surface(field_, grid=grid)
    t2 = time.perf_counter()
    airports = admissible_airports(field_, open_ports)
    t3 = time.perf_counter()
    return Eligibility(field_, surface, airports,
                       {"field": t1 - t0, "surface": t2 - t1, "airports": t3 - t2}, grid)  # fmt: skip


@dataclass(frozen=True)
class EligibilityRequest:
    """The national eligibility surface, as the user asks it.

    Attributes
    ----------
    register : RegisterInput
        Which opened air ports the ground is compared with (the register at a date, or a file).
    readings : tuple of {"both", "either"}
        Readings of the rule to trace (default both).
    cell_km : float
        Side of a grid cell, within :data:`CELL_KM_RANGE` (default :data:`CELL_KM`).
    network : str or pathlib.Path, default "offline"
        ``"offline"`` or a ``.osm.pbf``/``.osm`` file (not Overpass: it queries around a point).
    population : str or pathlib.Path, optional
        Points with a population column (:func:`portgeo.population.load_population`) whose
        people are counted on each class of ground; default GeoNames ``cities500``.
    population_column : str, default "population"
    drop_invalid : bool, default False
        Drop a population file's bad rows (reported) instead of refusing the file.
    """

    register: RegisterInput = field(default_factory=RegisterInput)
    readings: tuple[str, ...] = READINGS
    cell_km: float = CELL_KM
    network: str | Path = "offline"
    population: str | Path | None = None
    population_column: str = "population"
    drop_invalid: bool = False

    def check(self) -> None:
        """Check the request before any work.

        Raises
        ------
        portgeo.errors.InputError
            Unknown readings, a cell size out of range, or the Overpass network.
        """
        if not self.readings or any(r not in READINGS for r in self.readings):
            raise InputError(f"readings must be a non-empty subset of {', '.join(READINGS)}, "
                             f"got {self.readings!r}")  # fmt: skip
        low, high = CELL_KM_RANGE
        if not low <= self.cell_km <= high:
            raise InputError(
                f"--cell-km must lie between {low:g} and {high:g} km, got {self.cell_km!r}"
            )
        if str(self.network) == "overpass":
            raise InputError(
                "--network overpass queries around one point; use offline or a .osm.pbf file"
            )


@dataclass
class EligibilityResult:
    """A request answered: the surface, the admissible airports, and what they were measured on.

    Attributes
    ----------
    request : EligibilityRequest
    eligibility : Eligibility
        The field, the surface (:attr:`Eligibility.surface`) and the airport table
        (:attr:`Eligibility.airports`, one row per airport, verdicts True/False/None).
    open_ports : OpenPorts
        The comparison set.
    network : RoadNetwork
    people : SurfacePeople or None
        The people living on each class of ground, and where they come from.
    """

    request: EligibilityRequest
    eligibility: Eligibility
    open_ports: OpenPorts
    network: RoadNetwork
    people: SurfacePeople | None = None

    @property
    def surface(self) -> gpd.GeoDataFrame:
        """The surface: one polygon per reading and class (EPSG:4326).

        With :attr:`people`, each row also has ``places`` and ``people`` on that ground and
        ``population_source``, ``population_version``, ``population_date`` (empty when the
        source records none).
        """
        surf = self.eligibility.surface
        if self.people is None:
            return surf
        counts = self.people.table[["reading", "class", "places", "people"]]
        pop = self.people.population
        out = surf.merge(counts, on=["reading", "class"], how="left")
        return out.assign(population_source=pop.source, population_version=pop.version,
                          population_date=pop.date or "")  # fmt: skip

    @property
    def airports(self) -> gpd.GeoDataFrame:
        """The airport table as points, its verdicts written as text (a GIS layer)."""
        table = self.eligibility.airports
        return gpd.GeoDataFrame(
            table.assign(**{r: table[r].astype(str) for r in READINGS}),
            geometry=gpd.points_from_xy(table["lon"], table["lat"]),
            crs="EPSG:4326",
        )

    def layers(self) -> dict[str, gpd.GeoDataFrame]:
        """Return the result's GIS layers: ``eligibility`` (the surface), ``admissible_airports``.

        Returns
        -------
        dict of str to geopandas.GeoDataFrame
            The surface first (a GeoJSON file holds it alone), then the airports.
        """
        return {"eligibility": self.surface, "admissible_airports": self.airports}

    def table(self) -> pd.DataFrame:
        """Return the airport table (one row per airport, verdicts True/False/None).

        Returns
        -------
        pandas.DataFrame
        """
        return self.eligibility.airports

    def lines(self) -> list[str]:
        """Return what a terminal shows: the comparison set, the network, times and areas.

        Returns
        -------
        list of str
        """
        net, elig = self.network, self.eligibility
        band = self.surface["drive_band"].iloc[0] if len(self.surface) else "not measured"
        model = self.surface["speed_model"].iloc[0] if len(self.surface) else ""
        out = [f"opened air ports: {self.open_ports.label}",
               f"network: {net.source}" + (" (approximate)" if net.approximate else ""),
               f"grid: {self.request.cell_km:g} km cells; field {elig.seconds['field']:.1f} s, "
               f"surface {elig.seconds['surface']:.1f} s",
               f"speed model: {model}; drive band (network/published): {band}"]  # fmt: skip
        for row in elig.summary().itertuples():
            out.append(f"{row.reading:<7} eligible {row.eligible_km2:>10,} km²  ineligible "
                       f"{row.ineligible_km2:>10,} km²  marginal {row.marginal_km2:>10,} km²  "
                       f"unknown {row.unknown_km2:>10,} km²  "
                       f"airports admitted {row.admitted_airports}")  # fmt: skip
        if self.people is not None:
            out += self.people.lines()
        return out

    def to_dict(self) -> dict[str, Any]:
        """Return the result as plain JSON-ready values (no geometry).

        Returns
        -------
        dict
            ``open_ports``, ``network``, ``cell_km``, ``readings``, ``areas`` (one record per
            reading: km² per class and the airports admitted), ``people``
            (:meth:`SurfacePeople.to_dict`, or None), ``seconds``.
        """
        return {
            "open_ports": self.open_ports.describe(), "network": self.network.source,
            "cell_km": self.request.cell_km, "readings": list(self.request.readings),
            "areas": self.eligibility.summary().to_dict(orient="records"),
            "people": None if self.people is None else self.people.to_dict(),
            "seconds": dict(self.eligibility.seconds),
        }  # fmt: skip


def run_eligibility(
    request: EligibilityRequest,
    *,
    rule: AdmissionRule | None = None,
    population: Population | None = None,
) -> EligibilityResult:
    """Answer an eligibility request: resolve the register, load the network, trace the surface.

    Parameters
    ----------
    request : EligibilityRequest
    rule : AdmissionRule, optional
        Default: the rule of the data.
    population : Population, optional
        A population already loaded (else ``request.population`` is loaded, before the
        network, so that a bad file is refused before any long work).

    Returns
    -------
    EligibilityResult

    Raises
    ------
    portgeo.errors.InputError
        A request :meth:`EligibilityRequest.check` refuses, a date or file of opened ports the
        register cannot use, a network file that cannot be read, or a population file with
        problems (:class:`~portgeo.population.PopulationFileError` lists every one).
    """
    request.check()
    rule = rule or load_admission_rule()
    open_ports = request.register.resolve(rule)
    if population is None:
        population = load_population(request.population,
                                     population_column=request.population_column,
                                     drop_invalid=request.drop_invalid or None)  # fmt: skip
    net = load_network(request.network)
    elig = compute_eligibility(net, open_ports, rule, readings=request.readings,
                               cell_km=request.cell_km)  # fmt: skip
    people = None if elig.grid is None else count_surface_people(elig.grid, population)
    return EligibilityResult(request, elig, open_ports, net, people)
