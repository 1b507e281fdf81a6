"""How close a call is: the drive-time band of a network and the precision of a point.

The airport spacing rule compares a drive time with 2 hours and a distance with 200 km. Both
numbers carry an error the check can state. A network's drive times are off the truth by a
ratio measured on real trips (``data/rules/drive_time_band.yaml``, from the trips of
``data/rules/drive_time_trips.csv``, by ``benchmarks/measure_drive_band.py``); a point is off
the real site by its stated precision (``data/rules/precision_km.csv``). A verdict is
*marginal* when the true value could lie on either side of the threshold.

The functions are pure (numbers in, bool out) so that the check, the batch and the surface mark
the same calls; the loaders read the two data files once per source. A network with no measured
band gets ``None`` ("not measured"), never another network's band.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from portgeo._data import data_path, is_blank, read_data_csv, read_data_yaml
from portgeo.errors import CatalogueError, InputError
from portgeo.rules.admission.criteria import Criterion
from portgeo.rules.admission.rule import AdmissionRule

if TYPE_CHECKING:
    from portgeo.roads.network import RoadNetwork

__all__ = [
    "BAND_FILE",
    "PRECISION_FILE",
    "TRIPS_FILE",
    "DriveBand",
    "distance_marginal",
    "drive_band_path",
    "drive_marginal",
    "drive_marginal_array",
    "load_drive_band",
    "load_drive_trips",
    "load_precision_km",
    "mark_close_calls",
    "nearest_port_precision_km",
    "network_drive_band",
    "network_record",
    "port_precision_km",
    "precision_km",
    "router_drive_band",
    "spacing_could_flip",
    "speed_model",
    "truth_interval",
]

#: Measured drive-time bands, one entry per network source (data folder relative).
BAND_FILE = ("rules", "drive_time_band.yaml")
#: The trips the bands were measured on.
TRIPS_FILE = ("rules", "drive_time_trips.csv")
#: Coordinate precision words and the km each stands for.
PRECISION_FILE = ("rules", "precision_km.csv")


@dataclass(frozen=True)
class DriveBand:
    """The ratio of a network's drive time to the true drive time, as measured on real trips.

    ``r = network minutes / published minutes`` lies in ``[low, high]`` on the trips; so a
    network time ``t`` stands for a true time in ``[t / high, t / low]``.

    Attributes
    ----------
    source : str
        The network source the band was measured on (``RoadNetwork.source``).
    speed_model : str
        How the network turns length into time (e.g. ``one effective speed 80 km/h``).
    speed_kmh : float or None
        The effective speed of a one-speed network (the band holds only at that speed).
    low, high : float
        The band (``low <= 1 <= high`` is not required).
    method : str
        How the band was taken from the trips' ratios (e.g. ``min-max``).
    n_trips : int
        Trips measured.
    measured : str
        Date of the measurement.
    trips_file : str
        The trips (data folder relative path).
    """

    source: str
    speed_model: str
    speed_kmh: float | None
    low: float
    high: float
    method: str
    n_trips: int
    measured: str
    trips_file: str

    def describe(self) -> str:
        """Say the band in one line, for a report.

        Returns
        -------
        str
        """
        return (f"network drive times are {self.low:.2f}–{self.high:.2f}× the published times "
                f"({self.method} of {self.n_trips} trips, {self.speed_model}, measured "
                f"{self.measured})")  # fmt: skip


def drive_band_path() -> Path:
    """Return the path of the band file (``data/rules/drive_time_band.yaml``).

    Returns
    -------
    pathlib.Path
    """
    return data_path(*BAND_FILE)


def load_drive_trips() -> pd.DataFrame:
    """Read the published trips the bands are measured on (``data/rules/drive_time_trips.csv``).

    Returns
    -------
    pandas.DataFrame
        One row per trip, every cell a string (see ``data/rules/README.md`` for the columns).

    Raises
    ------
    portgeo.errors.CatalogueError
        The file is missing or cannot be read.
    """
    return read_data_csv(data_path(*TRIPS_FILE))


def _band_entries() -> list[dict[str, Any]]:
    path = drive_band_path()
    data = read_data_yaml(path)
    entries = data.get("networks")
    if not isinstance(entries, list):
        raise CatalogueError(f"{path.name}: 'networks' must be a list of measured networks")
    return entries


@lru_cache(maxsize=16)
def _load_band(source: str) -> DriveBand | None:
    path = drive_band_path()
    for entry in _band_entries():
        if entry.get("source") != source:
            continue
        try:
            band = entry["band"]
            speed = entry.get("speed_kmh")
            return DriveBand(
                source=source,
                speed_model=str(entry["speed_model"]),
                speed_kmh=None if speed is None else float(speed),
                low=float(band["low"]),
                high=float(band["high"]),
                method=str(band["method"]),
                n_trips=int(entry["n_trips"]),
                measured=str(entry["measured"]),
                trips_file=str(entry["trips_file"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise CatalogueError(f"{path.name}: entry for {source!r} is incomplete: {exc}") from exc
    return None


def load_drive_band(source: str, *, speed_kmh: float | None = None) -> DriveBand | None:
    """Return the measured drive-time band of a network source, or None ("not measured").

    Parameters
    ----------
    source : str
        ``RoadNetwork.source`` (e.g. ``offline:scgraph-data 2.0.0 world_highways``); matched
        exactly, so another version of the data, a user's file or Overpass has no band until
        one is measured for it.
    speed_kmh : float, optional
        The network's effective speed. A band measured at one effective speed does not hold at
        another: a different speed gives None.

    Returns
    -------
    DriveBand or None

    Raises
    ------
    portgeo.errors.CatalogueError
        The band file is missing or an entry is incomplete.
    """
    band = _load_band(str(source))
    if band is None:
        return None
    if speed_kmh is not None and band.speed_kmh is not None:
        if not math.isclose(float(speed_kmh), band.speed_kmh):
            return None
    return band


def network_drive_band(net: RoadNetwork) -> DriveBand | None:
    """Return the measured drive-time band of a loaded network, or None ("not measured").

    Parameters
    ----------
    net : RoadNetwork
        Its ``source`` and its effective speed (``metadata["speeds"]["effective_kmh"]``, set on
        one-speed networks) pick the band.

    Returns
    -------
    DriveBand or None
    """
    speeds = net.metadata.get("speeds") or {}
    speed = speeds.get("effective_kmh") if isinstance(speeds, dict) else None
    return load_drive_band(net.source, speed_kmh=None if speed is None else float(speed))


def truth_interval(minutes: float, band: DriveBand) -> tuple[float, float]:
    """Return the true drive times a network time stands for under a band.

    With ``r = network / truth`` in ``[low, high]``, ``truth = minutes / r`` lies in
    ``[minutes / high, minutes / low]``.

    Parameters
    ----------
    minutes : float
        Network drive time.
    band : DriveBand

    Returns
    -------
    tuple of float
        ``(shortest, longest)`` true time.
    """
    return float(minutes) / band.high, float(minutes) / band.low


def _straddles(low: Any, high: Any, threshold: float, inclusive: bool) -> Any:
    """Whether a value in [low, high] could both meet and miss a minimum threshold."""
    if inclusive:  # meets: value >= threshold
        return (low < threshold) & (high >= threshold)
    return (low <= threshold) & (high > threshold)  # meets: value > threshold


def drive_marginal(
    minutes: float | None, band: DriveBand | None, threshold_min: float, *, inclusive: bool = True
) -> bool:
    """Tell whether the drive criterion's verdict could flip within the network's band.

    Parameters
    ----------
    minutes : float or None
        Network drive time to the quickest opened port (None: not measured).
    band : DriveBand or None
        None ("not measured") marks nothing: the output says the band is not measured.
    threshold_min : float
        The rule's minimum drive (120).
    inclusive : bool, default True
        The rule's "以上": a time equal to the threshold meets it (``AdmissionRule.inclusive``).

    Returns
    -------
    bool
        True when ``[minutes / high, minutes / low]`` holds times that meet the threshold and
        times that miss it.

    Examples
    --------
    >>> b = DriveBand("s", "one speed", 80.0, 0.8, 1.25, "min-max", 3, "2026-12-07", "t.csv")
    >>> drive_marginal(100.0, b, 120.0)  # truth 80-125 min
    True
    >>> drive_marginal(160.0, b, 120.0)  # truth 128-200 min
    False
    """
    if minutes is None or band is None or not math.isfinite(float(minutes)):
        return False
    low, high = truth_interval(float(minutes), band)
    return bool(_straddles(low, high, float(threshold_min), inclusive))


def drive_marginal_array(
    minutes: np.ndarray, band: DriveBand | None, threshold_min: float, *, inclusive: bool = True
) -> np.ndarray:
    """Element-wise :func:`drive_marginal` (NaN and infinite times are not marginal).

    Parameters
    ----------
    minutes : numpy.ndarray
    band : DriveBand or None
    threshold_min : float
    inclusive : bool, default True

    Returns
    -------
    numpy.ndarray of bool
    """
    t = np.asarray(minutes, dtype=float)
    if band is None:
        return np.zeros(t.shape, dtype=bool)
    with np.errstate(invalid="ignore"):
        out = _straddles(t / band.high, t / band.low, float(threshold_min), inclusive)
    return np.asarray(out & np.isfinite(t), dtype=bool)


def distance_marginal(
    distance_km: float | None, precision_km: float, threshold_km: float, *, inclusive: bool = True
) -> bool:
    """Tell whether the distance criterion's verdict could flip within the points' precision.

    Parameters
    ----------
    distance_km : float or None
        Straight-line distance to the nearest opened port (None: not measured).
    precision_km : float
        How far the distance can be off: the candidate's precision plus the port's (each from
        :func:`precision_km`), the worst case of two points each off by its own precision.
    threshold_km : float
        The rule's minimum distance (200).
    inclusive : bool, default True
        A distance equal to the threshold meets it.

    Returns
    -------
    bool
        True when ``[distance - precision, distance + precision]`` holds distances that meet the
        threshold and distances that miss it.

    Raises
    ------
    portgeo.errors.InputError
        A negative precision.

    Examples
    --------
    >>> distance_marginal(195.0, 8.0, 200.0)  # 187-203 km
    True
    >>> distance_marginal(209.0, 8.0, 200.0)  # 201-217 km
    False
    """
    if precision_km < 0 or not math.isfinite(precision_km):
        raise InputError(f"precision_km must be a non-negative number, got {precision_km!r}")
    if distance_km is None or not math.isfinite(float(distance_km)):
        return False
    d = float(distance_km)
    return bool(_straddles(d - precision_km, d + precision_km, float(threshold_km), inclusive))


@lru_cache(maxsize=1)
def load_precision_km() -> dict[str, float]:
    """Read the km each coordinate precision word stands for (``data/rules/precision_km.csv``).

    Returns
    -------
    dict
        ``precision`` word → km (the largest distance of the point from the real site).

    Raises
    ------
    portgeo.errors.CatalogueError
        The file is missing, a word repeats or a km is not a non-negative number.
    """
    path = data_path(*PRECISION_FILE)
    df = read_data_csv(path)
    out: dict[str, float] = {}
    for word, km in zip(df["precision"], df["km"], strict=True):
        try:
            value = float(km)
        except (TypeError, ValueError) as exc:
            raise CatalogueError(f"{path.name}: km of {word!r} is not a number: {km!r}") from exc
        if word in out or not value >= 0:
            raise CatalogueError(f"{path.name}: {word!r} repeats or has a negative km")
        out[str(word)] = value
    return out


def precision_km(precision: str | None) -> float:
    """Return the km a site's stated precision stands for.

    Parameters
    ----------
    precision : str
        The ``precision`` field of a site (``data/sites/*.csv``) or a register row
        (``exact``, ``port-area``, ``town``, ``district``, ``city``). A register or site row
        located from ``airportsdata`` by its IATA code is ``exact`` (the loaders fill it in).

    Returns
    -------
    float

    Raises
    ------
    portgeo.errors.InputError
        No precision, or a word outside the vocabulary.
    """
    table = load_precision_km()
    if precision is None or is_blank(precision):
        raise InputError(f"a point has no stated precision; give one of {', '.join(table)}")
    word = str(precision).strip()
    if word not in table:
        raise InputError(f"unknown precision {word!r}; known: {', '.join(table)}")
    return table[word]


def port_precision_km(precision: pd.Series) -> tuple[np.ndarray, int]:
    """Return the km of each opened port's stated precision, and how many state none.

    Parameters
    ----------
    precision : pandas.Series
        The ``precision`` column of an opened-ports table (the register fills every row; a
        user's file may leave it out).

    Returns
    -------
    numpy.ndarray
        km per port; a port with no stated precision counts 0 km (its point is taken as given),
        and is counted so that the output can say so.
    int
        Ports with no stated precision.

    Raises
    ------
    portgeo.errors.InputError
        A precision word outside the vocabulary.
    """
    blank = precision.map(is_blank).to_numpy(bool)
    km = np.array(
        [0.0 if b else precision_km(str(w)) for w, b in zip(precision, blank, strict=True)]
    )
    return km, int(blank.sum())


def spacing_could_flip(
    verdict: np.ndarray,
    *,
    distance_km: np.ndarray,
    distance_precision_km: np.ndarray,
    drive_min: np.ndarray,
    band: DriveBand | None,
    distance_threshold_km: float,
    drive_threshold_min: float,
    conflict: str,
    inclusive: bool = True,
) -> np.ndarray:
    """Tell where a spacing verdict could be the other one within the stated errors.

    Each criterion is judged on its deciding value, as the check reports it: the distance to the
    nearest opened port (off by up to ``distance_precision_km``) and the drive to the quickest one
    (the truth in ``[t / high, t / low]``). A criterion *can pass* when some value of its
    interval meets the threshold and *can fail* when some value misses it. Under the reading
    whose conflict is ``near-or-quick`` (both criteria must pass) the verdict can be True when
    both can pass and False when either can fail; under ``near-and-quick`` (either suffices) it
    can be True when either can pass and False when both can fail.

    Parameters
    ----------
    verdict : numpy.ndarray
        True, False or None per point (None is never marginal: it is unknown already).
    distance_km : numpy.ndarray
        Distance to the nearest opened port (inf: none).
    distance_precision_km : numpy.ndarray
        The candidate's precision plus that port's (:func:`precision_km`).
    drive_min : numpy.ndarray
        Network drive to the quickest opened port (NaN or inf: none within reach, the drive
        passes).
    band : DriveBand or None
        None ("not measured"): the drive is taken as measured, only the distance can flip.
    distance_threshold_km, drive_threshold_min : float
    conflict : {"near-or-quick", "near-and-quick"}
        The reading's conflict (``AdmissionRule.readings[reading]["conflict"]``).
    inclusive : bool, default True

    Returns
    -------
    numpy.ndarray of bool
        True where the verdict is True or False and the other verdict is possible.

    Raises
    ------
    portgeo.errors.InputError
        An unknown conflict.
    """
    v = np.asarray(verdict, dtype=object)
    d = np.asarray(distance_km, dtype=float)
    p = np.asarray(distance_precision_km, dtype=float)
    t = np.asarray(drive_min, dtype=float)
    thr_d, thr_t = float(distance_threshold_km), float(drive_threshold_min)

    def meets(x: np.ndarray, thr: float) -> np.ndarray:
        return x >= thr if inclusive else x > thr

    with np.errstate(invalid="ignore"):
        d_pass, d_fail = meets(d + p, thr_d), ~meets(d - p, thr_d)
        finite = np.isfinite(t)
        t_hi = t if band is None else t / band.low  # the longest true drive
        t_lo = t if band is None else t / band.high  # the shortest true drive
        t_pass = ~finite | meets(t_hi, thr_t)
        t_fail = finite & ~meets(t_lo, thr_t)
    if conflict == "near-or-quick":
        can_pass, can_fail = d_pass & t_pass, d_fail | t_fail
    elif conflict == "near-and-quick":
        can_pass, can_fail = d_pass | t_pass, d_fail & t_fail
    else:
        raise InputError(f"unknown conflict {conflict!r}; near-or-quick or near-and-quick")
    known = np.array([x is True or x is False for x in v], dtype=bool)
    return known & can_pass & can_fail


def speed_model(net: RoadNetwork) -> str:
    """Say how a network turns length into time (one effective speed, or per road class).

    Parameters
    ----------
    net : RoadNetwork

    Returns
    -------
    str
    """
    speeds = net.metadata.get("speeds") or {}
    speed = speeds.get("effective_kmh") if isinstance(speeds, dict) else None
    if speed is not None:
        return f"one effective speed {float(speed):g} km/h"
    return "speeds by road class"


def _marked(crit: Criterion, note: str, note_zh: str) -> Criterion:
    return replace(crit, marginal=True, margin_note=note, margin_note_zh=note_zh)


def mark_close_calls(
    distance: Criterion,
    drive: Criterion,
    *,
    spacing: bool | None,
    precision_km: float,
    band: DriveBand | None,
    rule: AdmissionRule,
    reading: str,
) -> tuple[Criterion, Criterion, bool]:
    """Mark the spacing criteria, and the spacing verdict, that are close calls.

    The one place the check and the batch decide what is marginal, as the surface does
    (:func:`spacing_could_flip`). The distance criterion is marginal when the sites' precision
    puts the true distance on both sides of the threshold; the drive criterion when the
    network's measured band puts the true drive time on both sides (never with no band:
    "not measured" is said, not guessed); the spacing verdict when it could be the other one.

    Parameters
    ----------
    distance, drive : Criterion
        ``distance_200km`` and ``drive_2h`` as judged (their ``value`` is km and minutes).
    spacing : bool or None
        The spacing verdict under ``reading``.
    precision_km : float
        The candidate's precision plus the nearest port's (:func:`precision_km`).
    band : DriveBand or None
        The network's band (:func:`network_drive_band`).
    rule : AdmissionRule
    reading : {"both", "either"}

    Returns
    -------
    (Criterion, Criterion, bool)
        The two criteria (marked where marginal) and whether the spacing verdict is marginal.
    """
    thr_d, thr_t, inc = rule.min_distance_km, rule.min_drive_min, rule.inclusive
    d = distance.value if distance.passed is not None and distance.value is not None else None
    if d is not None and distance_marginal(float(d), precision_km, thr_d, inclusive=inc):
        lo_d, hi_d = float(d) - precision_km, float(d) + precision_km
        distance = _marked(distance, f"the sites' stated precision (±{precision_km:g} km) puts the true distance at {lo_d:.1f}–{hi_d:.1f} km, on both sides of {thr_d:g} km",
                           f"按场址坐标的标明精度（±{precision_km:g}公里），真实距离在{lo_d:.1f}–{hi_d:.1f}公里之间，跨越{thr_d:g}公里标准")  # fmt: skip
    t = drive.value if drive.passed is not None and drive.value is not None else None
    if t is not None and band is not None and drive_marginal(float(t), band, thr_t, inclusive=inc):
        lo, hi = truth_interval(float(t), band)
        drive = _marked(drive, f"the network's measured band ({band.low:.2f}–{band.high:.2f}× the published times) puts the true drive at {lo:.0f}–{hi:.0f} min, on both sides of {thr_t:g} min",
                        f"按路网实测误差带（公布车程的{band.low:.2f}–{band.high:.2f}倍），真实车程在{lo:.0f}–{hi:.0f}分钟之间，跨越{thr_t:g}分钟标准")  # fmt: skip
    flip = spacing_could_flip(
        np.array([spacing], dtype=object),
        distance_km=np.array([math.inf if d is None else float(d)]),
        distance_precision_km=np.array([precision_km]),
        drive_min=np.array([math.nan if t is None else float(t)]), band=band,
        distance_threshold_km=thr_d, drive_threshold_min=thr_t,
        conflict=rule.readings[reading]["conflict"], inclusive=inc,
    )  # fmt: skip
    return distance, drive, bool(flip[0])


def router_drive_band(router: Any) -> DriveBand | None:
    """Return the measured drive-time band of a router's road network, or None (not measured).

    Parameters
    ----------
    router : Router or None
        A :class:`~portgeo.rules.admission.router.NetworkRouter` (its ``network``), a test
        double or None: anything without a road network has no band.

    Returns
    -------
    DriveBand or None
    """
    net = getattr(router, "network", None)
    return network_drive_band(net) if net is not None and hasattr(net, "metadata") else None


def network_record(router: Any, band: DriveBand | None) -> dict[str, Any]:
    """Name a check's network, its speed model and its measured band (or "not measured").

    Parameters
    ----------
    router : Router or None
    band : DriveBand or None

    Returns
    -------
    dict
        ``source``, ``approximate``, ``speed_model``, ``drive_band`` (None without a network).
    """
    if router is None:
        return {"source": None, "approximate": None, "speed_model": None, "drive_band": None}
    net = getattr(router, "network", None)
    return {"source": router.source, "approximate": router.approximate,
            "speed_model": speed_model(net) if net is not None and hasattr(net, "metadata")
            else "not stated",
            "drive_band": "not measured" if band is None else band.describe()}  # fmt: skip


def nearest_port_precision_km(ports: pd.DataFrame) -> float:
    """Return the candidate's precision (a point as given: exact) plus the nearest known port's.

    Parameters
    ----------
    ports : pandas.DataFrame
        The comparison set sorted by distance, with ``open`` and (optionally) ``precision``.

    Returns
    -------
    float
        km; a port with no stated precision counts 0 km.
    """
    known = ports[ports["open"] == True]  # noqa: E712
    word = known.iloc[0].get("precision") if len(known) and "precision" in known.columns else None
    return precision_km("exact") + (0.0 if is_blank(word) else precision_km(str(word)))
