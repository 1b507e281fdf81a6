"""The setting of a candidate airport (coastal, inland or border), which picks its thresholds.

The plan gives different route and passenger thresholds to 沿海 (coastal), 内陆 (inland) and 沿边
(border) airports without defining them. portgeo derives the setting from the candidate's
province and its distance to the coast or the land boundary, with the lists and distances of
``data/rules/airport_settings.yaml`` (a documented judgement, overridable per check).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from portgeo.layout.borders import border_index
from portgeo.layout.boundaries import province_at
from portgeo.layout.neighbours import land_neighbours
from portgeo.rules.admission.rule import AdmissionRule

__all__ = ["border_km_at", "coast_border_km", "coast_km_at", "derive_setting"]


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
    border = np.full(x.size, np.inf)
    for iso in land_neighbours():
        border = np.minimum(border, border_index(iso).nearest(x, y)[0] / 1000.0)
    return np.asarray(coast, dtype=float), border


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
    x, y = np.array([float(lon)]), np.array([float(lat)])
    return min(float(border_index(iso).nearest(x, y)[0][0]) for iso in land_neighbours()) / 1000.0


def _province_matches(province: str | None, names: Iterable[str]) -> bool:
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
