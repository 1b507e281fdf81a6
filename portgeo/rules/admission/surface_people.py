"""How many people live on each class of ground of the eligibility surface.

Each population point (:func:`portgeo.population.load_population`: GeoNames ``cities500`` by
default, or a user's file) takes the class of the surface at its place, read exactly as the
surface reads any point (:meth:`~portgeo.rules.admission.grid.EligibilityGrid.class_at`: the
verdict of the cell it lies in, with the surface's stated cell tolerance). The surface covers
mainland China only: points of Hong Kong, Macao or Taiwan lie off it and are counted apart, never
dropped. Every figure carries the population's source, version and date
(:class:`SurfacePeople`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import shapely

from portgeo.layout.boundaries import mainland_polygon
from portgeo.population import Population
from portgeo.rules.admission.grid import SURFACE_CLASSES, EligibilityGrid

__all__ = ["CLASS_NAMES", "OFF_SURFACE", "SurfacePeople", "count_surface_people"]

#: The surface's classes as a reader names them: Chinese, one space, English (maps and notebooks
#: show one language).
CLASS_NAMES: dict[str, str] = {
    "eligible": "可准入地带 eligible", "ineligible": "不可准入地带 ineligible",
    "marginal": "临界地带 marginal", "unknown": "无法判定 cannot be told",
}  # fmt: skip
#: Where the points off the surface are (the surface covers mainland China only).
OFF_SURFACE = "outside mainland China (Hong Kong, Macao, Taiwan): not on the surface"


@dataclass
class SurfacePeople:
    """The people on each class of ground, under each reading.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per reading and class (:data:`SURFACE_CLASSES`, in that order): ``reading``,
        ``class``, ``places`` (points on that ground), ``people`` and ``share`` (of all the
        population's people, those off the surface included).
    off_surface : dict
        ``places`` and ``people`` outside mainland China (:data:`OFF_SURFACE`).
    population : Population
        Where the people come from (source, version, date, caveat).
    cell_km : float
        Cell side of the grid the classes were read from.
    """

    table: pd.DataFrame
    off_surface: dict[str, int]
    population: Population
    cell_km: float

    def people_of(self, reading: str) -> dict[str, int]:
        """Return the people on each class of ground under one reading.

        Parameters
        ----------
        reading : {"both", "either"}

        Returns
        -------
        dict
            Class → people.
        """
        part = self.table[self.table["reading"] == reading]
        return dict(zip(part["class"], part["people"].astype(int), strict=True))

    def pivot(self, readings: tuple[str, ...] | None = None) -> pd.DataFrame:
        """Tabulate the people with one row per class and two columns per reading.

        Parameters
        ----------
        readings : tuple of str, optional
            Readings in the order shown (default the table's).

        Returns
        -------
        pandas.DataFrame
            ``class``, then ``<reading>_people`` and ``<reading>_share`` per reading.
        """
        readings = readings or tuple(dict.fromkeys(self.table["reading"]))
        out = pd.DataFrame({"class": list(SURFACE_CLASSES)})
        for reading in readings:
            part = self.table[self.table["reading"] == reading].set_index("class")
            out[f"{reading}_people"] = out["class"].map(part["people"]).astype(int).to_numpy()
            out[f"{reading}_share"] = out["class"].map(part["share"]).astype(float).to_numpy()
        return out

    def to_dict(self) -> dict[str, Any]:
        """Return the counts and the population's description as JSON-ready values.

        Returns
        -------
        dict
            ``population`` (:meth:`Population.describe`), ``cell_km``, ``by_class`` (one record
            per reading and class), ``off_surface``.
        """
        return {"population": self.population.describe(), "cell_km": self.cell_km,
                "by_class": self.table.to_dict(orient="records"),
                "off_surface": {"where": OFF_SURFACE, **self.off_surface}}  # fmt: skip

    def lines(self) -> list[str]:
        """Return what a terminal shows: the population, then one line per reading.

        Returns
        -------
        list of str
        """
        out = list(self.population.lines())
        for reading, part in self.table.groupby("reading", sort=False):
            cells = "  ".join(f"{c} {n:>11,}" for c, n in
                              zip(part["class"], part["people"], strict=True))  # fmt: skip
            out.append(f"{reading:<7} people: {cells}")
        off = self.off_surface
        if off["places"]:
            out.append(f"{off['places']:,} places, {off['people']:,} people {OFF_SURFACE}")
        out.append(f"(each place takes the class of its {self.cell_km:g} km cell)")
        return out


def count_surface_people(grid: EligibilityGrid, population: Population) -> SurfacePeople:
    """Count the people living on each class of the surface's ground, under each reading.

    Parameters
    ----------
    grid : EligibilityGrid
        The judged cells the surface is traced from.
    population : Population
        From :func:`portgeo.population.load_population`.

    Returns
    -------
    SurfacePeople
    """
    t = population.table
    lon, lat = t["lon"].to_numpy(float), t["lat"].to_numpy(float)
    w = t["population"].to_numpy(float)
    mainland = mainland_polygon()
    shapely.prepare(mainland)
    on = shapely.contains_xy(mainland, lon, lat) if len(t) else np.zeros(0, dtype=bool)
    total = float(w.sum())
    rows = []
    for reading in grid.codes:
        cls = (grid.class_at(reading, lon[on], lat[on])["class"].to_numpy(dtype=object)
               if on.any() else np.zeros(0, dtype=object))  # fmt: skip
        for c in SURFACE_CLASSES:
            hit = cls == c
            people = float(w[on][hit].sum())
            rows.append({"reading": reading, "class": c, "places": int(hit.sum()),
                         "people": round(people),
                         "share": people / total if total else 0.0})  # fmt: skip
    off = {"places": int((~on).sum()), "people": round(float(w[~on].sum()))}
    return SurfacePeople(pd.DataFrame(rows), off, population, grid.cell_km)
