"""The words of the airport admission check on a page: labels, values and headlines, per language.

The two-language tables (Chinese first, then English, halved by
:func:`portgeo.maps.style.lang_text`) and the helpers that turn a check's values into text, shared
by the report's map (:mod:`portgeo.maps.admission_map`) and its page
(:mod:`portgeo.maps.report`).
"""

from __future__ import annotations

from typing import Any

from portgeo.maps.style import lang_text
from portgeo.rules.admission import AdmissionResult, AdmissionRule, load_register
from portgeo.rules.admission.rule import GATE_CONDITIONS

__all__ = [
    "CRITERION_LABELS",
    "REACH_LABELS",
    "READING_LABELS",
    "SETTING_LABELS",
    "SOURCE_LABELS",
    "VERDICT_LABELS",
    "approximate_word",
    "candidate_name_zh",
    "criterion_value",
    "format_cell",
    "format_quantity",
    "open_ports_text",
    "opened_headline",
]

CRITERION_LABELS: dict[str, str] = {
    "distance_200km": "距已开放航空口岸直线距离 distance to opened air ports",
    "drive_2h": "车程 drive time to opened air ports",
    "routes": "固定直达航线 fixed direct routes",
    "passengers": "年度旅客吞吐量峰值 peak annual passengers",
    "province_gate": "省级从严控制条件 province gate (strict control)",
}
VERDICT_LABELS: dict[Any, str] = {
    "pass": "符合 pass",
    "fail": "不符合 fail",
    "incomplete": "资料不全 incomplete",
    True: "符合 pass",
    False: "不符合 fail",
    None: "未知 unknown",
}
REACH_LABELS: dict[Any, str] = {
    True: "是 yes",
    False: "否 no (no road link)",
    None: "未测 not measured",
}
READING_LABELS: dict[str, str] = {
    "both": "距离与车程均须满足 both (distance and drive)",
    "either": "距离或车程满足其一 either (distance or drive)",
}
SOURCE_LABELS: dict[str, str] = {"given": "用户给出 given", "derived": "推定 derived",
                                  "unknown": "未知 unknown"}  # fmt: skip
SETTING_LABELS: dict[Any, str] = {
    "coastal": "沿海 coastal",
    "inland": "内陆 inland",
    "border": "沿边 border",
    None: "未知 unknown",
}


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def candidate_name_zh(result: AdmissionResult) -> str:
    """Return the candidate's Chinese name, used throughout the report.

    The name given when it is Chinese; else the register's name of the opened air port it is;
    else the register's name of the airport with its IATA code; else the name as given.

    Parameters
    ----------
    result : AdmissionResult

    Returns
    -------
    str
    """
    cand = result.candidate
    name = str(cand.get("name") or "")
    if _has_cjk(name):
        return name
    opened = cand.get("opened_air_port") or {}
    if opened.get("name_zh"):
        return str(opened["name_zh"])
    iata = str(cand.get("iata") or "").upper()
    if iata:
        reg = load_register()
        hit = reg[reg["iata"].fillna("").str.upper() == iata]
        if not hit.empty:
            return str(hit["name_zh"].iloc[0])
    return name


def opened_headline(result: AdmissionResult, lang: str = "zh") -> str | None:
    """Say that the candidate is itself an opened air port or replaces one; None when neither.

    Parameters
    ----------
    result : AdmissionResult
    lang : {"zh", "en"}, default "zh"

    Returns
    -------
    str or None
    """
    opened = result.candidate.get("opened_air_port") or {}
    zh = lang == "zh"
    if old := result.candidate.get("replaces"):
        return (f"迁建：替代{old['name_zh']}（{old['state']}），不与其比较。" if zh else
                f"Relocation: replaces {old['name_zh']} ({old['state']}), not compared with it.")  # fmt: skip
    if not opened:
        return None
    name, state = opened.get("name_zh", ""), str(opened.get("state") or "")
    if opened.get("open") is True:
        return (f"{name}已是已开放航空口岸{f'（{state}）' if state else ''}；开放准入标准针对新开口岸，"
                "下表仅供参考。" if zh else
                f"{name} is already an opened air port{f' ({state})' if state else ''}; the "
                "admission rule is for new openings: the table is for reference.")  # fmt: skip
    return (f"{name}在已开放航空口岸名录中，开放状态未知{f'（{state}）' if state else ''}。" if zh else
            f"{name} is in the register of opened air ports, opening state unknown"
            f"{f' ({state})' if state else ''}.")  # fmt: skip


def open_ports_text(result: AdmissionResult, lang: str = "zh") -> str:
    """Say which opened air ports the check compared with, in one language.

    Parameters
    ----------
    result : AdmissionResult
    lang : {"zh", "en"}, default "zh"

    Returns
    -------
    str
        English: the check's own words (``open_ports_set``); Chinese: the same facts (source,
        date, counts) from ``open_ports``.
    """
    op = result.open_ports
    if lang == "en" or not op:
        return result.open_ports_set
    day = f"（截至{op['as_of']}）" if op.get("as_of") else ""
    unknown = f"，另{op['unknown']}个开放状态不明" if op.get("unknown") else ""
    return f"{op['source']}{day}：{op['count']}个已开放航空口岸{unknown}"


def approximate_word(lang: str) -> str:
    """Say "approximate" in a language, as a suffix (``（近似）`` or `` (approximate)``)."""
    return "（近似）" if lang == "zh" else " (approximate)"


def _number(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 100 or float(v).is_integer() else f"{v:,.1f}"


#: Unit of each criterion's value and threshold, by language: (scale, unit).
_UNITS: dict[str, dict[str, tuple[float, str]]] = {
    "zh": {"distance_200km": (1.0, "km"), "drive_2h": (1.0, "min"), "routes": (1.0, "条"),
           "passengers": (1e-4, "万人次")},
    "en": {"distance_200km": (1.0, "km"), "drive_2h": (1.0, "min"), "routes": (1.0, "routes"),
           "passengers": (1.0, "passengers")},
}  # fmt: skip


def criterion_value(
    crit: Any, rule: AdmissionRule, *, threshold: bool = False, lang: str = "zh"
) -> str:
    """Show a criterion's value (or threshold) with its unit; the province gate one line each.

    Parameters
    ----------
    crit : Criterion
    rule : AdmissionRule
    threshold : bool, default False
        Show the threshold instead of the value.
    lang : {"zh", "en"}, default "zh"

    Returns
    -------
    str
        Plain text, one line per condition for the province gate.
    """
    words = getattr(crit, "value_text_zh" if lang == "zh" else "value_text", "")
    v = crit.threshold if threshold else (words or crit.value)
    if crit.id == "province_gate":
        marks = "①②③④⑤"
        if threshold:
            return "\n".join(f"{marks[i]} {rule.gate_texts[c]['text_zh'] if lang == 'zh' else rule.gate_summary(c, given='?')}"
                              for i, c in enumerate(GATE_CONDITIONS)) + (
                "\n" + lang_text("任一成立即从严控制 any one: strict control", lang))  # fmt: skip
        given = v if isinstance(v, dict) else {}
        return "\n".join(f"{marks[i]} {lang_text(_REACH_WORDS[given.get(c)], lang)}"
                          for i, c in enumerate(GATE_CONDITIONS))  # fmt: skip
    if v is None:
        return lang_text("未知 unknown", lang)
    if isinstance(v, int | float) and crit.id in _UNITS[lang]:
        scale, unit = _UNITS[lang][crit.id]
        text = f"{_number(float(v) * scale)} {unit}"
        return f"{rule.at_least} {text}" if threshold else text
    return format_cell(v, lang)


def format_quantity(v: Any, unit: str, digits: int = 0) -> str:
    """Format a value with its unit (``"—"`` when unknown)."""
    """Return a quantity with its unit, or a dash when it is unknown (None or NaN)."""
    if v is None or (isinstance(v, float) and v != v):
        return "—"
    return f"{float(v):,.{digits}f} {unit}"


_REACH_WORDS: dict[Any, str] = {True: "是 yes", False: "否 no", None: "未知 unknown"}


def format_cell(v: Any, lang: str = "zh") -> str:
    """Format a criterion's value or threshold for a table cell (a threshold by setting too)."""
    if v is None:
        return "—"
    if isinstance(v, dict):  # a threshold by setting
        return ", ".join(f"{lang_text(SETTING_LABELS.get(k, str(k)), lang)}: {format_cell(x, lang)}"
                         for k, x in v.items())  # fmt: skip
    if isinstance(v, float):
        return f"{v:,.1f}" if abs(v) < 1000 else f"{v:,.0f}"
    return str(v)
