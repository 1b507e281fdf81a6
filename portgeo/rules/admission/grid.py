"""The spacing rule judged on an equal-area grid over mainland China, and read back at any point.

:func:`eligibility_grid` judges the rule at the centre of every cell from one
:class:`~portgeo.rules.admission.eligibility.SpacingField` and marks the close calls
(:func:`mark_marginal_points` marks exact points the same way). :class:`EligibilityGrid` holds the
cells; :meth:`EligibilityGrid.class_at` reads the class a point shows and
:meth:`EligibilityGrid.distance_to_class` how far it lies from another class's ground, the two
reads behind the surface's stated cell tolerance (:mod:`~portgeo.rules.admission.surface`, which
traces the cells as polygons).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely
from scipy import ndimage
from scipy.spatial import cKDTree

from portgeo.errors import InputError
from portgeo.geo.polygons import CHINA_ALBERS, proj_transformer
from portgeo.layout.boundaries import mainland_polygon
from portgeo.rules.admission.eligibility import SpacingField
from portgeo.rules.admission.margins import (
    DriveBand,
    network_drive_band,
    port_precision_km,
    spacing_could_flip,
)
from portgeo.rules.admission.rule import READINGS

__all__ = [
    "CLASS_CODES",
    "SURFACE_CLASSES",
    "EligibilityGrid",
    "eligibility_grid",
    "mark_marginal_points",
]

#: Classes of ground in the eligibility surface. ``marginal``: the verdict (eligible or
#: ineligible) could be the other one within the network's measured drive band or the opened
#: ports' coordinate precision (:func:`portgeo.rules.admission.margins.spacing_could_flip`).
SURFACE_CLASSES: tuple[str, ...] = ("eligible", "ineligible", "marginal", "unknown")


def _grid(
    poly: shapely.Geometry, cell_km: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Cell centres of an equal-area grid over a polygon: x, y (projected) and lon, lat."""
    tr = proj_transformer(CHINA_ALBERS)
    minx, miny, maxx, maxy = poly.bounds
    bx, by = tr.transform(np.array([minx, maxx, minx, maxx]), np.array([miny, miny, maxy, maxy]))
    step = cell_km * 1000.0
    xs = np.arange(np.floor(min(bx) / step) * step, max(bx) + step, step)
    ys = np.arange(np.floor(min(by) / step) * step, max(by) + step, step)
    gx, gy = np.meshgrid(xs, ys)
    lon, lat = tr.transform(gx.ravel(), gy.ravel(), direction="INVERSE")
    return xs, ys, np.asarray(lon), np.asarray(lat)


#: Codes of the grid's classes (:attr:`EligibilityGrid.codes` and ``verdicts``).
CLASS_CODES: dict[str, int] = {"ineligible": 0, "eligible": 1, "unknown": 2, "marginal": 3}
_NAMES = np.array(sorted(CLASS_CODES, key=CLASS_CODES.__getitem__), dtype=object)  # by code


@dataclass
class EligibilityGrid:
    """The spacing rule judged at the centre of every cell of an equal-area grid.

    Attributes
    ----------
    xs, ys : numpy.ndarray
        Cell-centre coordinates along each axis (China Albers, metres).
    lon, lat : numpy.ndarray
        WGS84 cell centres, row-major (``ys.size x xs.size``).
    inside : numpy.ndarray of bool
        The centre lies in mainland China.
    codes : dict
        Per reading: int8 verdict per cell (0 ineligible, 1 eligible, 2 unknown, 3 marginal;
        inside cells only, -1 outside).
    cell_km : float
    band : DriveBand or None
        The network's measured drive band (None: not measured, only the distance can be marginal).
    verdicts : dict
        Per reading: the verdict before marking (1 eligible, 0 ineligible, 2 unknown), so that a
        marginal cell still says which way it leans.
    ports_without_precision : int
        Opened ports whose point states no precision (taken as given).
    """

    xs: np.ndarray
    ys: np.ndarray
    lon: np.ndarray
    lat: np.ndarray
    inside: np.ndarray
    codes: dict[str, np.ndarray]
    cell_km: float
    band: DriveBand | None = None
    verdicts: dict[str, np.ndarray] = field(default_factory=dict)
    ports_without_precision: int = 0
    _shown: np.ndarray | None = field(default=None, repr=False)

    @property
    def shown(self) -> np.ndarray:
        """Per cell (row-major), the inside cell whose verdict it shows (flat index).

        An inside cell shows its own; a cell whose centre lies outside the mainland shows the
        nearest inside cell's, so that the traced ground reaches the coast and the border.
        """
        if self._shown is None:
            shape = (self.ys.size, self.xs.size)
            _, (ri, ci) = ndimage.distance_transform_edt(
                ~self.inside.reshape(shape), return_indices=True
            )
            self._shown = (ri * shape[1] + ci).ravel()
        return self._shown

    def _check_reading(self, reading: str) -> None:
        if reading not in self.codes:
            raise InputError(f"the grid was judged under {', '.join(self.codes)}, not {reading!r}")

    def _cell_of(self, lons: np.ndarray, lats: np.ndarray) -> tuple[np.ndarray, ...]:
        """Projected points and the flat index of the cell holding each."""
        lons = np.atleast_1d(np.asarray(lons, dtype=float))
        lats = np.atleast_1d(np.asarray(lats, dtype=float))
        x, y = proj_transformer(CHINA_ALBERS).transform(lons, lats)
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        step = self.cell_km * 1000.0
        col = np.rint((x - self.xs[0]) / step)
        row = np.rint((y - self.ys[0]) / step)
        off = ~((col >= 0) & (col < self.xs.size) & (row >= 0) & (row < self.ys.size))
        if off.any():
            k = int(np.flatnonzero(off)[0])
            raise InputError(
                f"{int(off.sum())} point(s) lie outside the grid of mainland China, e.g. "
                f"(lat {lats[k]:g}, lon {lons[k]:g}); give points in mainland China"
            )
        return x, y, row.astype(int) * self.xs.size + col.astype(int)

    def class_at(self, reading: str, lons: np.ndarray, lats: np.ndarray) -> pd.DataFrame:
        """Read the surface's class at any points: the verdict of the cell each lies in.

        Parameters
        ----------
        reading : {"both", "either"}
            A reading the grid was judged under.
        lons, lats : numpy.ndarray
            WGS84 degrees, within the grid (mainland China and its margin).

        Returns
        -------
        pandas.DataFrame
            One row per point: ``cell`` (flat index of the cell it lies in), ``shown_cell``
            (of the inside cell whose verdict it shows, :attr:`shown`: ``cell`` itself unless
            its centre lies outside the mainland), ``class`` (:data:`SURFACE_CLASSES`),
            ``leans`` (the verdict before marking: eligible, ineligible or unknown) and
            ``sample_km`` (from the point to the centre of the shown cell, in the equal-area
            plane: how far away its verdict was judged).

        Raises
        ------
        portgeo.errors.InputError
            A reading the grid was not judged under, or a point outside the grid.
        """
        self._check_reading(reading)
        x, y, flat = self._cell_of(lons, lats)
        cell = self.shown[flat]
        gx, gy = np.meshgrid(self.xs, self.ys)
        sample = np.hypot(x - gx.ravel()[cell], y - gy.ravel()[cell]) / 1000.0
        out = pd.DataFrame({"cell": flat, "shown_cell": cell,
                            "class": _NAMES[self.codes[reading][cell]], "sample_km": sample})  # fmt: skip
        base = self.verdicts.get(reading)
        out["leans"] = _NAMES[base[cell]] if base is not None else out["class"]
        return out

    def distance_to_class(
        self, reading: str, cls: str, lons: np.ndarray, lats: np.ndarray, *, marked: bool = False
    ) -> np.ndarray:
        """Measure how far points lie from the ground of a class: the class edge as drawn.

        The distance (km, equal-area plane) from each point to the nearest cell footprint
        (``cell_km`` square) of class ``cls``: 0 inside such a cell. Cells outside the mainland
        count with the verdict they show (:attr:`shown`), as the traced surface draws them
        before it is clipped.

        Parameters
        ----------
        reading : {"both", "either"}
        cls : str
            ``eligible``, ``ineligible`` or ``unknown``: cells that lean to that verdict
            (marginal cells included); with ``marked=True`` any of :data:`SURFACE_CLASSES`:
            cells of that class as drawn.
        lons, lats : numpy.ndarray
            WGS84 degrees, within the grid.
        marked : bool, default False
            Measure to the classes as drawn (marginal apart) rather than to the verdicts.

        Returns
        -------
        numpy.ndarray of float
            Per point, km (inf when no cell is of the class).

        Raises
        ------
        portgeo.errors.InputError
            An unknown class, a reading the grid was not judged under, or a point outside the
            grid.
        """
        allowed = SURFACE_CLASSES if marked else ("eligible", "ineligible", "unknown")
        if cls not in allowed:
            raise InputError(f"class must be one of {', '.join(allowed)}, got {cls!r}")
        self._check_reading(reading)
        x, y, _ = self._cell_of(lons, lats)
        codes = self.codes[reading] if marked else self.verdicts.get(reading, self.codes[reading])
        gx, gy = np.meshgrid(self.xs, self.ys)
        hit = np.flatnonzero(codes[self.shown] == CLASS_CODES[cls])
        out = np.full(x.size, np.inf)
        if hit.size == 0:
            return out
        cx, cy = gx.ravel()[hit], gy.ravel()[hit]
        tree = cKDTree(np.column_stack([cx, cy]))
        half = self.cell_km * 500.0
        pts = np.column_stack([x, y])
        d0, _ = tree.query(pts)
        # the nearest footprint's centre lies within the nearest centre's distance + half a diagonal
        for i, near in enumerate(tree.query_ball_point(pts, d0 + half * np.sqrt(2.0) + 1.0)):
            dx = np.maximum(np.abs(x[i] - cx[near]) - half, 0.0)
            dy = np.maximum(np.abs(y[i] - cy[near]) - half, 0.0)
            out[i] = float(np.hypot(dx, dy).min()) / 1000.0
        return out

    def cells(self, reading: str) -> pd.DataFrame:
        """Tabulate the inside cells under one reading.

        Parameters
        ----------
        reading : {"both", "either"}

        Returns
        -------
        pandas.DataFrame
            ``row``, ``col`` (grid position), ``lon``, ``lat``, ``class``.
        """
        idx = np.flatnonzero(self.inside)
        out = pd.DataFrame({
            "row": idx // self.xs.size, "col": idx % self.xs.size,
            "lon": self.lon[idx], "lat": self.lat[idx], "class": _NAMES[self.codes[reading][idx]],
        })  # fmt: skip
        if reading in self.verdicts:
            out["leans"] = _NAMES[self.verdicts[reading][idx]]
        return out


def eligibility_grid(
    field_: SpacingField, *, cell_km: float = 5.0, readings: tuple[str, ...] = READINGS
) -> EligibilityGrid:
    """Judge the spacing rule at the centre of every ``cell_km`` cell of mainland China.

    Parameters
    ----------
    field_ : SpacingField
    cell_km : float, default 5
        Cell side (China Albers equal-area).
    readings : tuple of str, default both readings

    Returns
    -------
    EligibilityGrid

    Raises
    ------
    portgeo.errors.InputError
        ``cell_km`` not positive.
    """
    if not cell_km > 0:
        raise InputError(f"cell_km must be positive, got {cell_km!r}")
    mainland = mainland_polygon()
    xs, ys, lon, lat = _grid(mainland, cell_km)
    shapely.prepare(mainland)
    inside = shapely.contains_xy(mainland, lon, lat)
    res = field_.evaluate(lon[inside], lat[inside])
    band = network_drive_band(field_.net)
    _, no_precision = port_precision_km(field_.ports["precision"])
    flips = _could_flip(field_, res, readings)
    codes, verdicts = {}, {}
    for reading in readings:
        v = res[reading].to_numpy(dtype=object)
        base = np.full(lon.size, -1, dtype=np.int8)
        base[inside] = np.where(v == True, 1, np.where(v == False, 0, 2))  # noqa: E712
        code = base.copy()
        code[np.flatnonzero(inside)[flips[reading]]] = CLASS_CODES["marginal"]
        codes[reading], verdicts[reading] = code, base
    return EligibilityGrid(xs, ys, lon, lat, inside, codes, float(cell_km), band, verdicts,
                           no_precision)  # fmt: skip


def _could_flip(
    field_: SpacingField, res: pd.DataFrame, readings: tuple[str, ...]
) -> dict[str, np.ndarray]:
    """Per reading, where the field's verdicts (``res``) could be the other one: marginal."""
    rule = field_.rule
    band = network_drive_band(field_.net)
    port_km, _ = port_precision_km(field_.ports["precision"])
    nearest = res["nearest_known"].to_numpy(int)
    # a grid point is exact: the distance is off by the nearest port's precision
    prec = np.where(nearest >= 0, port_km[np.maximum(nearest, 0)], 0.0)
    return {reading: spacing_could_flip(
        res[reading].to_numpy(dtype=object), distance_km=res["distance_km"].to_numpy(float),
        distance_precision_km=prec, drive_min=res["drive_min"].to_numpy(float), band=band,
        distance_threshold_km=rule.min_distance_km, drive_threshold_min=rule.min_drive_min,
        conflict=rule.readings[reading]["conflict"], inclusive=rule.inclusive,
    ) for reading in readings}  # fmt: skip


def mark_marginal_points(
    field_: SpacingField,
    lons: np.ndarray,
    lats: np.ndarray,
    *,
    readings: tuple[str, ...] = READINGS,
) -> dict[str, np.ndarray]:
    """Tell which exact points are close calls, as :func:`eligibility_grid` marks its cells.

    Parameters
    ----------
    field_ : SpacingField
    lons, lats : numpy.ndarray
        WGS84 degrees (exact points: only the opened ports' precision counts).
    readings : tuple of str, default both readings

    Returns
    -------
    dict
        Per reading, bool per point: the spacing verdict is True or False and the other one is
        possible within the network's drive band or the ports' precision
        (:func:`~portgeo.rules.admission.margins.spacing_could_flip`).
    """
    res = field_.evaluate(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
    return _could_flip(field_, res, readings)
