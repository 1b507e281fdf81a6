"""The airport admission rule, wholly from data: thresholds, readings, inclusivity, explanations.

The plan's rule lives in ``data/rules/admission_<plan>.yaml`` (read by the catalogue); how a
candidate's setting (coastal / inland / border) is derived is portgeo's documented judgement,
``data/rules/airport_settings.yaml``. :func:`load_admission_rule` reads both into an
:class:`AdmissionRule`. Every key it needs must be there under its one name, or the load stops
with a message naming the key and the file; every key of the airport section is used: the
thresholds and the inclusivity flag by the criteria, the readings and their summaries by the
spacing verdict, the explanation templates by every criterion's text, the standards,
provisions and notes by the maps and the report.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from portgeo._data import data_path, read_data_yaml
from portgeo.catalogue import load_catalogue
from portgeo.errors import CatalogueError, InputError
from portgeo.lang import check_lang

__all__ = [
    "READINGS",
    "SETTINGS",
    "AdmissionRule",
    "admission_citation",
    "admission_plan",
    "load_admission_rule",
]

#: How "200公里或2小时车程以上" is read: ``both`` thresholds must hold, or ``either`` suffices.
READINGS: tuple[str, ...] = ("both", "either")
#: Settings of a candidate airport with their own route and passenger thresholds.
SETTINGS: tuple[str, ...] = ("coastal", "inland", "border")
#: How one opened port conflicts under a reading (values of ``readings.<name>.conflict``).
_CONFLICTS = {"near-or-quick", "near-and-quick"}
#: Explanation templates the criteria need (``airport.explanations``).
EXPLANATION_KEYS: tuple[str, ...] = (
    "distance", "distance_close", "distance_none_known", "distance_unknown", "drive", "drive_quick",
    "drive_no_network", "drive_none_reachable", "drive_off_network", "drive_off_network_clear",
    "drive_not_covered", "count_unknown", "count_known",
    "count_all_settings", "count_some_settings", "count_unknown_setting", "gate_triggered",
    "gate_unknown", "gate_clear", "gate_register",
)  # fmt: skip
#: Province-gate conditions (``airport.province_gate.conditions``).
GATE_CONDITIONS: tuple[str, ...] = ("exiting_port", "unaccepted_port", "ports_below_standard")


@dataclass(frozen=True)
class AdmissionRule:
    """Parameters and texts of the airport admission rule.

    Attributes
    ----------
    min_distance_km : float
        Minimum straight-line distance to every opened air port.
    min_drive_min : float
        Minimum drive time to every opened air port, minutes.
    min_routes, min_passengers : dict
        Minimum fixed direct routes and peak annual passengers, by setting.
    routes_scope, routes_scope_zh : dict
        What counts as a route, by setting, in English and in Chinese.
    setting_labels : dict
        The plan's name of each setting (``沿海地区`` ...).
    inclusive : bool
        Whether a value equal to a threshold meets it (以上 includes the number).
    unaccepted_years : float
        Years since approval after which a not-yet-accepted port triggers the gate.
    min_ports_below_standard : float
        The gate is triggered by this many or more air ports below the volume standard.
    opened_kinds : tuple of str
        Register kinds that count as opened air ports.
    default_reading : str
        ``both`` or ``either``.
    readings : dict
        Per reading: ``conflict`` (``near-or-quick`` or ``near-and-quick``), ``summary_en``
        and ``summary_zh``.
    explanations, explanations_zh : dict
        Explanation templates of the criteria (:data:`EXPLANATION_KEYS`), in English and in
        Chinese, key for key.
    gate_texts : dict
        Per gate condition: ``text_zh`` (the plan's words), ``summary_en`` and ``summary_zh``.
    wording_zh : str
        The plan's words of the spacing rule.
    text_zh : str
        The rule's own sentence.
    reading_note : dict
        The report's note on the two readings, by language (``zh``, ``en``).
    ambiguity_en : str
        The map's note on the two readings, in English.
    coastal_provinces, border_provinces : tuple of str
        Provinces of the coastal and border settings (``airport_settings.yaml``).
    coast_km, border_km : float or None
        Distance limits of the coastal and border settings; ``None``: the province decides.
    source : str
        Where the parameters come from.
    raw : dict
        The parsed YAML (standards and provisions for tables).
    """

    min_distance_km: float
    min_drive_min: float
    min_routes: dict[str, float]
    min_passengers: dict[str, float]
    routes_scope: dict[str, str] = field(default_factory=dict)
    routes_scope_zh: dict[str, str] = field(default_factory=dict)
    setting_labels: dict[str, str] = field(default_factory=dict)
    inclusive: bool = True
    unaccepted_years: float = math.nan
    min_ports_below_standard: float = math.nan
    opened_kinds: tuple[str, ...] = ("class-1",)
    default_reading: str = "both"
    readings: dict[str, dict[str, str]] = field(default_factory=dict)
    explanations: dict[str, str] = field(default_factory=dict)
    explanations_zh: dict[str, str] = field(default_factory=dict)
    gate_texts: dict[str, dict[str, str]] = field(default_factory=dict)
    wording_zh: str = ""
    text_zh: str = ""
    reading_note: dict[str, str] = field(default_factory=dict)
    ambiguity_en: str = ""
    coastal_provinces: tuple[str, ...] = ()
    border_provinces: tuple[str, ...] = ()
    coast_km: float | None = None
    border_km: float | None = None
    source: str = ""
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    # -- comparisons and words that follow the inclusivity flag --------------------------------

    def meets(self, value: float, threshold: float) -> bool:
        """Tell whether a value meets a minimum (``>=`` when inclusive, else ``>``).

        Parameters
        ----------
        value, threshold : float

        Returns
        -------
        bool
        """
        return bool(value >= threshold) if self.inclusive else bool(value > threshold)

    def meets_array(self, values: np.ndarray, threshold: float) -> np.ndarray:
        """Tell element-wise whether values meet a minimum (as :meth:`meets`).

        Parameters
        ----------
        values : numpy.ndarray
        threshold : float

        Returns
        -------
        numpy.ndarray of bool
        """
        v = np.asarray(values, dtype=float)
        return v >= threshold if self.inclusive else v > threshold

    @property
    def at_least(self) -> str:
        """The sign of "meets": ``≥`` (inclusive) or ``>``."""
        return "≥" if self.inclusive else ">"

    @property
    def below(self) -> str:
        """The sign of "misses": ``<`` (inclusive) or ``≤``."""
        return "<" if self.inclusive else "≤"

    def explain(self, key: str, lang: str = "en", **values: Any) -> str:
        """Fill an explanation template of the rule, in one language.

        Parameters
        ----------
        key : str
            One of :data:`EXPLANATION_KEYS`.
        lang : {"en", "zh"}, default "en"
            English (the terminal's and the JSON's) or Chinese (the report's).
        **values
            Placeholders; ``at_least``, ``below`` and ``wording_zh`` are always available.

        Returns
        -------
        str
        """
        templates = self.explanations_zh if check_lang(lang) == "zh" else self.explanations
        return templates[key].format(
            at_least=self.at_least, below=self.below, wording_zh=self.wording_zh, **values
        )

    def reading_summary(self, reading: str, lang: str = "en") -> str:
        """Say what a reading asks, with the rule's thresholds.

        Parameters
        ----------
        reading : {"both", "either"}
        lang : {"en", "zh"}, default "en"

        Returns
        -------
        str
        """
        return self.readings[reading][f"summary_{check_lang(lang)}"].format(
            at_least=self.at_least, below=self.below, distance_km=self.min_distance_km,
            drive_minutes=self.min_drive_min,
        )  # fmt: skip

    def gate_summary(self, condition: str, lang: str = "en", **values: Any) -> str:
        """Say what a province-gate condition is, with the rule's numbers.

        Parameters
        ----------
        condition : str
            One of :data:`GATE_CONDITIONS`.
        lang : {"en", "zh"}, default "en"
        **values
            More placeholders (``given`` for the count condition).

        Returns
        -------
        str
        """
        return self.gate_texts[condition][f"summary_{check_lang(lang)}"].format(
            years=self.unaccepted_years, min_count=self.min_ports_below_standard, **values
        )

    def standards_table(self, lang: str = "zh") -> pd.DataFrame:
        """Tabulate the admission standards for people, in one language.

        Parameters
        ----------
        lang : {"zh", "en"}, default "zh"
            Chinese: the plan's words (``规划原文``) with portgeo's summary of the rows it
            computes (thresholds by setting, the readings, the province gate). English: each
            row's English summary (the plan's words are Chinese only, so not shown).

        Returns
        -------
        pandas.DataFrame
            Chinese columns ``类别``, ``规划原文``, ``说明``, or English ``kind``, ``summary``:
            the standards of each kind of port, then the airport rule's thresholds by setting,
            the province gate's conditions and the airport paragraph's other provisions.
        """
        air = self.raw["airport"]
        if check_lang(lang) == "zh":
            zh_rows = [[s["label_zh"], s["text_zh"], ""] for s in self.raw.get("standards", [])]
            zh_rows.append([air["label_zh"], self.text_zh,
                            f"默认解读：{self.reading_summary(self.default_reading, 'zh')}"])  # fmt: skip
            for s in SETTINGS:
                zh_rows.append([f"{air['label_zh']} · {self.setting_labels[s]}", "",
                                f"固定直达航线{self.at_least} {self.min_routes[s]:g}条（{self.routes_scope_zh[s]}）；"
                                f"年度旅客吞吐量峰值{self.at_least} {self.min_passengers[s] / 1e4:,.0f}万人次"])  # fmt: skip
            zh_rows.append([f"{air['label_zh']} · 从严控制", air["province_gate"]["text_zh"],
                            "；".join(self.gate_summary(c, "zh", given="？") for c in GATE_CONDITIONS)])  # fmt: skip
            zh_rows += [[air["label_zh"], p["text_zh"], ""] for p in air.get("provisions", [])]
            return pd.DataFrame(zh_rows, columns=["类别", "规划原文", "说明"])
        rows = [[s["id"], s["summary_en"]] for s in self.raw.get("standards", [])]
        rows.append(["airport", f"{self.reading_summary(self.default_reading)} "
                     f"(default reading {self.default_reading})"])  # fmt: skip
        for s in SETTINGS:
            rows.append([f"airport · {s}",
                         f"{self.at_least} {self.min_routes[s]:g} routes ({self.routes_scope[s]}); "
                         f"{self.at_least} {self.min_passengers[s]:,.0f} peak annual passengers"])  # fmt: skip
        rows.append(["airport · province gate (strict control)",
                     "; ".join(self.gate_summary(c, given="?") for c in GATE_CONDITIONS)])  # fmt: skip
        rows += [[f"airport · {p['id'].replace('_', ' ')}", p["summary_en"]]
                 for p in air.get("provisions", [])]  # fmt: skip
        return pd.DataFrame(rows, columns=["kind", "summary"])

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


def _need(d: Any, key: str, where: str, source: str) -> Any:
    if not isinstance(d, Mapping) or key not in d or d[key] is None:
        path = f"{where}.{key}" if where else key
        raise CatalogueError(f"admission rule {source or '(mapping)'} lacks `{path}`")
    return d[key]


def _settings_of(by_setting: Mapping[str, Any], source: str) -> dict[str, dict[str, Any]]:
    """Read ``airport.settings``: routes, passengers, routes scope and label of each setting."""
    out: dict[str, dict[str, Any]] = {"routes": {}, "pax": {}, "scope": {}, "scope_zh": {},
                                      "labels": {}}  # fmt: skip
    for name in SETTINGS:
        s = _need(by_setting, name, "airport.settings", source)
        where = f"airport.settings.{name}"
        out["routes"][name] = float(_need(s, "min_routes", where, source))
        out["pax"][name] = float(_need(s, "min_passengers", where, source))
        out["scope"][name] = str(_need(s, "routes_scope", where, source))
        out["scope_zh"][name] = str(_need(s, "routes_scope_zh", where, source))
        out["labels"][name] = str(_need(s, "label_zh", where, source))
    return out


def _readings_of(spacing: Mapping[str, Any], source: str) -> tuple[dict[str, dict[str, str]], str]:
    """Read ``airport.spacing.readings`` and the default reading."""
    readings = _need(spacing, "readings", "airport.spacing", source)
    read: dict[str, dict[str, str]] = {}
    for name in READINGS:
        r = _need(readings, name, "airport.spacing.readings", source)
        where = f"airport.spacing.readings.{name}"
        conflict = str(_need(r, "conflict", where, source))
        if conflict not in _CONFLICTS:
            raise CatalogueError(
                f"admission rule {source}: {where}.conflict must be one of {sorted(_CONFLICTS)}"
            )
        read[name] = {
            "conflict": conflict,
            "summary_en": str(_need(r, "summary_en", where, source)),
            "summary_zh": str(_need(r, "summary_zh", where, source)),
        }
    default = str(_need(spacing, "default_reading", "airport.spacing", source))
    if default not in READINGS:
        raise CatalogueError(f"admission rule {source}: default_reading must be one of {READINGS}")
    return read, default


def _gate_of(conds: Mapping[str, Any], source: str) -> dict[str, Any]:
    """Read ``airport.province_gate.conditions``: texts, years and the count threshold."""
    where = "airport.province_gate.conditions"
    texts = {
        c: {
            "text_zh": str(
                _need(_need(conds, c, where, source), "text_zh", f"{where}.{c}", source)
            ),
            "summary_en": str(_need(conds[c], "summary_en", f"{where}.{c}", source)),
            "summary_zh": str(_need(conds[c], "summary_zh", f"{where}.{c}", source)),
        }
        for c in GATE_CONDITIONS
    }
    years = float(_need(conds["unaccepted_port"], "years", f"{where}.unaccepted_port", source))
    count = float(_need(conds["ports_below_standard"], "min_count",
                        f"{where}.ports_below_standard", source))  # fmt: skip
    return {"texts": texts, "years": years, "count": count}


def _rule_from_mapping(
    data: Mapping[str, Any], deriv: Mapping[str, Any], *, source: str
) -> AdmissionRule:
    air = _need(data, "airport", "", source)
    spacing = _need(air, "spacing", "airport", source)
    by_setting = _need(air, "settings", "airport", source)
    gate = _need(air, "province_gate", "airport", source)
    conds = _need(gate, "conditions", "airport.province_gate", source)
    expl = _need(air, "explanations", "airport", source)
    expl_zh = _need(air, "explanations_zh", "airport", source)
    try:
        per = _settings_of(by_setting, source)
        read, default = _readings_of(spacing, source)
        g = _gate_of(conds, source)
        explanations = {
            k: str(_need(expl, k, "airport.explanations", source)) for k in EXPLANATION_KEYS
        }
        explanations_zh = {
            k: str(_need(expl_zh, k, "airport.explanations_zh", source)) for k in EXPLANATION_KEYS
        }
        inclusive = _need(air, "inclusive", "airport", source)
        if not isinstance(inclusive, bool):
            raise CatalogueError(
                f"admission rule {source}: airport.inclusive must be true or false"
            )
        coast_km = deriv.get("coast_km")
        border_km = deriv.get("border_km")
        sp = "airport.spacing"
        return AdmissionRule(
            min_distance_km=float(_need(spacing, "distance_km", sp, source)),
            min_drive_min=float(_need(spacing, "drive_minutes", sp, source)),
            min_routes=per["routes"], min_passengers=per["pax"], routes_scope=per["scope"],
            routes_scope_zh=per["scope_zh"],
            setting_labels=per["labels"], inclusive=inclusive, unaccepted_years=g["years"],
            min_ports_below_standard=g["count"],
            opened_kinds=tuple(str(k) for k in _need(spacing, "opened_kinds", sp, source)),
            default_reading=default, readings=read, explanations=explanations,
            explanations_zh=explanations_zh,
            gate_texts=g["texts"], wording_zh=str(_need(spacing, "wording_zh", sp, source)),
            text_zh=str(_need(air, "text_zh", "airport", source)),
            reading_note={lang: str(_need(spacing, f"reading_note_{lang}", sp, source))
                          for lang in ("zh", "en")},
            ambiguity_en=str(_need(spacing, "ambiguity_en", sp, source)),
            coastal_provinces=tuple(_need(deriv, "coastal_provinces", "setting_derivation", source)),
            border_provinces=tuple(_need(deriv, "border_provinces", "setting_derivation", source)),
            coast_km=None if coast_km is None else float(coast_km),
            border_km=None if border_km is None else float(border_km),
            source=source, raw=dict(data),
        )  # fmt: skip
    except (TypeError, ValueError) as exc:
        raise CatalogueError(
            f"admission rule {source}: a threshold is not a number ({exc})"
        ) from exc


def admission_plan(plan: str | None = None) -> str:
    """Return the plan whose admission standards apply.

    Parameters
    ----------
    plan : str, optional
        A plan id; default: the latest plan with an ``admission`` 专栏 in
        ``data/plans/columns.csv``.

    Returns
    -------
    str

    Raises
    ------
    portgeo.errors.InputError
        The plan has no admission standards.
    """
    cat = load_catalogue()
    plan = plan or cat.latest_plan("admission")
    if plan not in cat.admission:
        raise InputError(f"plan {plan!r} has no admission standards in data/rules/")
    return plan


def admission_citation(plan: str | None = None, *, part: str = "label_zh") -> str:
    """Return the words that cite the admission standards: the plan's title and its 专栏.

    Parameters
    ----------
    plan : str, optional
        Default: see :func:`admission_plan`.
    part : {"label_zh", "title_zh"}
        The 专栏's label or its title, from ``data/plans/columns.csv``.

    Returns
    -------
    str
    """
    plan = admission_plan(plan)
    cat = load_catalogue()
    return f"{cat.plan_title(plan)} {cat.column_info(plan, cat.column_of(plan, 'admission'))[part]}"


def load_admission_rule(
    plan: str | None = None, *, path: str | Path | None = None
) -> AdmissionRule:
    """Load the airport admission rule of a plan.

    Parameters
    ----------
    plan : str, optional
        Plan id (default: see :func:`admission_plan`).
    path : str or pathlib.Path, optional
        Another YAML file laid out as ``data/rules/admission_<plan>.yaml`` (e.g. a copy with
        other thresholds, for a what-if check).

    Returns
    -------
    AdmissionRule

    Raises
    ------
    portgeo.errors.CatalogueError
        The file lacks a key or names the wrong plan or 专栏.
    """
    plan = admission_plan(plan)
    cat = load_catalogue()
    if path is None:
        data = cat.admission[plan]
        label = f"data/rules/admission_{plan}.yaml"
    else:
        data = read_data_yaml(Path(path))
        label = str(path)
    column = cat.column_of(plan, "admission")
    if data.get("plan") != plan or data.get("column") != column:
        raise CatalogueError(
            f"admission rule {label} names plan {data.get('plan')!r} 专栏 {data.get('column')!r}; "
            f"data/plans/columns.csv has the admission standards of {plan} in 专栏 {column}"
        )
    settings_file = read_data_yaml(data_path("rules", "airport_settings.yaml"))
    deriv = _need(settings_file, "setting_derivation", "", "data/rules/airport_settings.yaml")
    return AdmissionRule.from_mapping(
        data, derivation=deriv, source=f"{label} + data/rules/airport_settings.yaml"
    )
