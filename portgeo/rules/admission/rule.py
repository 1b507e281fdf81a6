"""The airport admission rule's parameters, read from data.

The thresholds are the plan's (``data/rules/admission_<plan>.yaml``, read by the catalogue);
how a candidate's setting (coastal / inland / border) is derived is portgeo's documented
judgement (``data/rules/airport_settings.yaml``). :func:`load_admission_rule` reads both into an
:class:`AdmissionRule`; every key it needs must be there under its one name, or the load stops
with a message naming the key and the file.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from portgeo._data import data_path, read_data_yaml
from portgeo.catalogue import load_catalogue
from portgeo.errors import CatalogueError

__all__ = ["READINGS", "SETTINGS", "AdmissionRule", "admission_plan", "load_admission_rule"]

#: How "200公里或2小时车程以上" is read: ``both`` thresholds must hold, or ``either`` suffices.
READINGS: tuple[str, ...] = ("both", "either")
#: Settings of a candidate airport with their own route and passenger thresholds.
SETTINGS: tuple[str, ...] = ("coastal", "inland", "border")


@dataclass(frozen=True)
class AdmissionRule:
    """Parameters of the airport admission rule.

    Attributes
    ----------
    min_distance_km : float
        Minimum straight-line distance to every opened air port.
    min_drive_min : float
        Minimum drive time to every opened air port, minutes.
    min_routes : dict
        Minimum fixed direct routes by setting (``coastal``, ``inland``, ``border``).
    min_passengers : dict
        Minimum peak annual passengers by setting (persons per year).
    routes_scope : dict
        What counts as a route, by setting (e.g. "domestic fixed direct routes").
    unaccepted_years : float
        Years since State Council approval after which a not-yet-accepted port triggers the gate.
    max_ports_below_standard : float
        The province gate is triggered when *more than* this many air ports of the province miss
        the volume standard.
    coastal_provinces, border_provinces : tuple of str
        Provinces (Chinese short or full names) of the coastal and border settings.
    coast_km, border_km : float or None
        A candidate in a coastal (border) province counts as coastal (border) when it lies within
        this distance of the coast (land boundary); ``None`` means the province alone decides.
    source : str
        Where the parameters come from.
    text_zh : str
        The rule's own words.
    """

    min_distance_km: float
    min_drive_min: float
    min_routes: dict[str, float]
    min_passengers: dict[str, float]
    routes_scope: dict[str, str] = field(default_factory=dict)
    unaccepted_years: float = math.nan
    max_ports_below_standard: float = math.nan
    coastal_provinces: tuple[str, ...] = ()
    border_provinces: tuple[str, ...] = ()
    coast_km: float | None = None
    border_km: float | None = None
    source: str = ""
    text_zh: str = ""

    @classmethod
    def from_mapping(
        cls,
        data: Mapping[str, Any],
        *,
        derivation: Mapping[str, Any] | None = None,
        source: str = "",
    ) -> AdmissionRule:
        """Build the rule from the parsed admission YAML.

        Parameters
        ----------
        data : mapping
            The parsed ``admission_<plan>.yaml``.
        derivation : mapping, optional
            The ``setting_derivation`` mapping of ``airport_settings.yaml``.
        source : str, optional
            Label of where the mapping came from.

        Returns
        -------
        AdmissionRule

        Raises
        ------
        portgeo.errors.CatalogueError
            A key is missing or has the wrong type.
        """
        return _rule_from_mapping(data, derivation or {}, source=source)


def _need(d: Mapping[str, Any], key: str, where: str, source: str) -> Any:
    if not isinstance(d, Mapping) or key not in d or d[key] is None:
        raise CatalogueError(f"admission rule {source or '(mapping)'} lacks `{where}.{key}`")
    return d[key]


def _rule_from_mapping(
    data: Mapping[str, Any], deriv: Mapping[str, Any], *, source: str
) -> AdmissionRule:
    air = _need(data, "airport", "", source)
    spacing = _need(air, "spacing", "airport", source)
    by_setting = _need(air, "settings", "airport", source)
    gate = _need(air, "province_gate", "airport", source)
    routes: dict[str, float] = {}
    pax: dict[str, float] = {}
    scope: dict[str, str] = {}
    for name in SETTINGS:
        s = _need(by_setting, name, "airport.settings", source)
        where = f"airport.settings.{name}"
        routes[name] = float(_need(s, "min_routes", where, source))
        pax[name] = float(_need(s, "min_passengers", where, source))
        scope[name] = str(_need(s, "routes_scope", where, source))
    coast_km = deriv.get("coast_km")
    border_km = deriv.get("border_km")
    try:
        return AdmissionRule(
            min_distance_km=float(_need(spacing, "distance_km", "airport.spacing", source)),
            min_drive_min=float(_need(spacing, "drive_hours", "airport.spacing", source)) * 60.0,
            min_routes=routes,
            min_passengers=pax,
            routes_scope=scope,
            unaccepted_years=float(
                _need(gate, "unaccepted_years", "airport.province_gate", source)
            ),
            max_ports_below_standard=float(
                _need(gate, "max_ports_below_standard", "airport.province_gate", source)
            ),
            coastal_provinces=tuple(deriv.get("coastal_provinces") or ()),
            border_provinces=tuple(deriv.get("border_provinces") or ()),
            coast_km=None if coast_km is None else float(coast_km),
            border_km=None if border_km is None else float(border_km),
            source=source,
            text_zh=str(_need(air, "text_zh", "airport", source)),
        )
    except (TypeError, ValueError) as exc:
        raise CatalogueError(
            f"admission rule {source}: a threshold is not a number ({exc})"
        ) from exc


def admission_plan(plan: str | None = None) -> str:
    """Return the plan whose admission standards apply.

    Parameters
    ----------
    plan : str, optional
        A plan id; default: the one plan with an ``admission`` 专栏 in ``data/plans/columns.csv``.

    Returns
    -------
    str

    Raises
    ------
    portgeo.errors.CatalogueError
        No plan, or several, have admission standards and none was named.
    """
    cat = load_catalogue()
    if plan is not None:
        if plan not in cat.admission:
            raise CatalogueError(f"plan {plan!r} has no admission standards in data/rules/")
        return plan
    plans = list(cat.admission)
    if len(plans) != 1:
        raise CatalogueError(
            f"{len(plans)} plans have admission standards ({', '.join(plans)}); name one"
        )
    return plans[0]


def load_admission_rule(plan: str | None = None) -> AdmissionRule:
    """Load the airport admission rule of a plan.

    The thresholds come from ``data/rules/admission_<plan>.yaml`` (the plan's numbers,
    :attr:`portgeo.catalogue.Catalogue.admission`); the setting derivation (coastal and border
    provinces, distance limits) from ``data/rules/airport_settings.yaml``.

    Parameters
    ----------
    plan : str, optional
        Plan id (default: see :func:`admission_plan`).

    Returns
    -------
    AdmissionRule
    """
    plan = admission_plan(plan)
    data = load_catalogue().admission[plan]
    settings_file = read_data_yaml(data_path("rules", "airport_settings.yaml"))
    deriv = _need(settings_file, "setting_derivation", "", "data/rules/airport_settings.yaml")
    source = f"data/rules/admission_{plan}.yaml + data/rules/airport_settings.yaml"
    return AdmissionRule.from_mapping(data, derivation=deriv, source=source)
