"""The setting of a candidate airport (coastal, inland or border), which picks its thresholds.

The plan gives different route and passenger thresholds to 沿海 (coastal), 内陆 (inland) and 沿边
(border) airports without defining them. portgeo derives the setting from the candidate's
province and its distance to the coast or the land boundary, with the lists and distances of
``data/rules/airport_settings.yaml`` (a documented judgement, overridable per check).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import numpy as np

from portgeo.geo.lines import unit_xyz
from portgeo.layout.borders import border_index
from portgeo.layout.boundaries import province_at
from portgeo.layout.neighbours import land_neighbours
from portgeo.rules.admission.rule import AdmissionRule

__all__ = ["border_km_at", "coast_border_km", "coast_km_at", "derive_setting", "derive_settings"]


def coast_border_km(lons: np.ndarray, lats: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Geodesic distances from points to China's coast and to its land boundary, km.

    Parameters
    ----------
    lons, lats : numpy.ndarray
        WGS84 degrees.

    Returns
    -------
    coast_km, border_km : numpy.ndarray
        The land boundary is the nearest of every land neighbour's border.
    """
    x = np.atleast_1d(np.asarray(lons, dtype=float))
    y = np.atleast_1d(np.asarray(lats, dtype=float))
    coast = border_index("coast").nearest(x, y)[0] / 1000.0
    return np.asarray(coast, dtype=float), _border_km(x, y)


#: Earth radius (km) of the straight-line bounds in :func:`_border_km`.
_BOUND_RADIUS_KM = 6371.0


def _border_bounds(
    x: np.ndarray, y: np.ndarray, cap_km: float | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Bounds (km) on each land neighbour's distance: ``lower, upper``, one row per neighbour.

    Each neighbour's index gives, per point, the great-circle distance ``s`` to its nearest
    sample (the midpoint of a sub-segment of at most ~1.1 km). The exact distance lies between
    ``(s - 1.2) * 0.99`` and ``(s + 2.3) * 1.01`` (half and whole a sub-segment, and the
    ellipsoid within 1 % of the sphere). With ``cap_km`` the search stops there: a neighbour
    with no sample within ``cap_km`` gets the bounds of the far side of the globe.
    """
    q = unit_xyz(x, y)
    cap = np.inf if cap_km is None else 2.0 * np.sin(cap_km / _BOUND_RADIUS_KM / 2.0)
    lower, upper = [], []
    for iso in land_neighbours():
        tree = border_index(iso).kdtree
        chord = (
            np.full(x.size, np.inf)
            if tree is None
            else np.asarray(tree.query(q, distance_upper_bound=cap)[0])
        )
        s = 2.0 * np.arcsin(np.minimum(chord, 2.0) / 2.0) * _BOUND_RADIUS_KM
        lower.append((s - 1.2) * 0.99)
        upper.append((s + 2.3) * 1.01)
    return np.array(lower).reshape(-1, x.size), np.array(upper).reshape(-1, x.size)


def _border_km(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Distance (km) to the nearest land neighbour's border, measured only where it can win.

    A neighbour whose lower bound (:func:`_border_bounds`) exceeds the least upper bound
    cannot be the nearest, and is not measured at that point. The result is the minimum over
    every neighbour, as if all were measured.
    """
    border = np.full(x.size, np.inf)
    if x.size == 0:
        return border
    lower, upper = _border_bounds(x, y)
    best = upper.min(axis=0)
    for iso, low in zip(land_neighbours(), lower, strict=True):
        m = np.flatnonzero(low <= best)
        if m.size:
            d = border_index(iso).nearest(x[m], y[m])[0] / 1000.0
            border[m] = np.fmin(border[m], d)
    return border


def derive_settings(
    lons: np.ndarray, lats: np.ndarray, provinces: list[str | None], *, rule: AdmissionRule
) -> list[str | None]:
    """Derive the setting of many candidates: :func:`derive_setting`'s answer for each.

    The distance to the coast is measured only for points in a coastal province, the distance
    to the land boundary only for points in a border province that are not coastal, and not
    for a point that lies surely farther than ``rule.border_km`` from every land neighbour (a
    lower bound of its distance decides it). Only the settings are returned, so the
    explanations of :func:`derive_setting` are not (they would quote that bound).

    Parameters
    ----------
    lons, lats : numpy.ndarray
        WGS84 degrees.
    provinces : list of str or None
        Each point's province (looked up when None, as :func:`derive_setting` does).
    rule : AdmissionRule

    Returns
    -------
    list of str or None
    """
    x = np.atleast_1d(np.asarray(lons, dtype=float))
    y = np.atleast_1d(np.asarray(lats, dtype=float))
    coastal = np.array([_province_matches(p, rule.coastal_provinces) for p in provinces], bool)
    border = np.array([_province_matches(p, rule.border_provinces) for p in provinces], bool)
    coast_km = np.full(x.size, np.nan)
    border_km = np.full(x.size, np.nan)
    if rule.coast_km is not None and coastal.any():
        coast_km[coastal] = border_index("coast").nearest(x[coastal], y[coastal])[0] / 1000.0
    need = border & ~(coastal & ((rule.coast_km is None) | (coast_km <= (rule.coast_km or 0.0))))
    if rule.border_km is not None and need.any():
        # a point surely beyond border_km of every neighbour is not border: its bound will do
        at = np.flatnonzero(need)
        screen = (rule.border_km + 1.0) / 0.99 + 1.2  # no sample within: lower bound > limit
        low = _border_bounds(x[at], y[at], cap_km=screen)[0].min(axis=0)
        far = low > rule.border_km
        border_km[at[far]] = low[far]
        border_km[at[~far]] = _border_km(x[at[~far]], y[at[~far]])
    return [
        derive_setting(
            float(x[i]), float(y[i]), rule=rule, province=provinces[i],
            coast_km=None if np.isnan(coast_km[i]) else float(coast_km[i]),
            border_km=None if np.isnan(border_km[i]) else float(border_km[i]),
        )[0]
        for i in range(x.size)
    ]  # fmt: skip


def coast_km_at(lon: float, lat: float) -> float:
    """Geodesic distance from a point to China's coast, km.

    Parameters
    ----------
    lon, lat : float
        WGS84 degrees.

    Returns
    -------
    float
    """
    return (
        float(border_index("coast").nearest(np.array([float(lon)]), np.array([float(lat)]))[0][0])
        / 1000.0
    )


def border_km_at(lon: float, lat: float) -> float:
    """Geodesic distance from a point to China's land boundary (any neighbour), km.

    Parameters
    ----------
    lon, lat : float
        WGS84 degrees.

    Returns
    -------
    float
    """
    return float(_border_km(np.array([float(lon)]), np.array([float(lat)]))[0])


def _province_matches(province: str | None, names: Iterable[str]) -> bool:
    if isinstance(names, tuple) and isinstance(province, str | None):
        return _province_matches_cached(province, names)
    return _province_matches_any(province, names)


@functools.lru_cache(maxsize=1024)
def _province_matches_cached(province: str | None, names: tuple[str, ...]) -> bool:
    return _province_matches_any(province, names)


def _province_matches_any(province: str | None, names: Iterable[str]) -> bool:
    if not province:
        return False
    p = province.strip()
    for n in names:
        n = str(n).strip()
        if n and (p == n or p.startswith(n) or n.startswith(p)):
            return True
    return False


def derive_setting(
    lon: float,
    lat: float,
    *,
    rule: AdmissionRule,
    province: str | None = None,
    coast_km: float | None = None,
    border_km: float | None = None,
) -> tuple[str | None, str]:
    """Derive the candidate's setting (``coastal``, ``border`` or ``inland``).

    A candidate is *coastal* when its province is one of the rule's coastal provinces and (when
    the rule sets ``coast_km``) it lies within that distance of the coast; otherwise *border* when
    its province is a border province and (when the rule sets ``border_km``) it lies within that
    distance of the land boundary; otherwise *inland*. Coastal comes first because its thresholds
    are the stricter ones (a Liaoning or Guangxi airport by the sea is held to them).

    Parameters
    ----------
    lon, lat : float
        WGS84 degrees.
    rule : AdmissionRule
        Gives the province lists and distances.
    province : str, optional
        Province; looked up with :func:`portgeo.layout.boundaries.province_at` when absent.
    coast_km, border_km : float, optional
        Distances to the coast and land boundary; looked up when absent.

    Returns
    -------
    (setting or None, explanation)
        ``None`` when the facts needed are not available.
    """
    if not rule.coastal_provinces and not rule.border_provinces:
        return None, "the rule file lists no coastal/border provinces; pass --setting"
    if not province:
        found = province_at(lon, lat)
        province = None if found is None else str(found["name_zh"])
    if not province:
        return None, "province unknown (no provincial unit contains the point); pass --setting"
    bits = [f"province {province}"]
    if _province_matches(province, rule.coastal_provinces):
        if coast_km is None and rule.coast_km is not None:
            coast_km = coast_km_at(lon, lat)
        if rule.coast_km is None:
            return "coastal", f"{bits[0]} is a coastal province"
        if coast_km is None:
            return (
                None,
                f"{bits[0]} is coastal but the distance to the coast is unknown; pass --setting",
            )
        if coast_km <= rule.coast_km:
            return (
                "coastal",
                f"{bits[0]} is coastal and the site is {coast_km:.0f} km from the coast (≤ {rule.coast_km:g} km)",
            )
        bits.append(f"{coast_km:.0f} km from the coast (> {rule.coast_km:g} km)")
    if _province_matches(province, rule.border_provinces):
        if border_km is None and rule.border_km is not None:
            border_km = border_km_at(lon, lat)
        if rule.border_km is None:
            return "border", f"{'; '.join(bits)}; a border province"
        if border_km is None:
            return (
                None,
                f"{'; '.join(bits)}; border province but the distance to the land boundary is unknown; pass --setting",
            )
        if border_km <= rule.border_km:
            return (
                "border",
                f"{'; '.join(bits)}; border province, {border_km:.0f} km from the land boundary (≤ {rule.border_km:g} km)",
            )
        bits.append(f"{border_km:.0f} km from the land boundary (> {rule.border_km:g} km)")
    return "inland", "; ".join(bits) + " → inland"


# ------------------------------------------------------------------------------------------------
# Road network access (dependency injection)
