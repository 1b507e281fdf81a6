"""The 专栏 of rules: indicators, admission standards (with where a new air port could be admitted), volume standards.

See :mod:`portgeo.summaries`.
"""

from __future__ import annotations

import pandas as pd

from portgeo._data import data_path, is_blank
from portgeo.catalogue import load_catalogue
from portgeo.population import load_population
from portgeo.roads.load import load_network
from portgeo.rules.admission import SETTINGS, as_of_date, load_admission_rule, load_open_air_ports
from portgeo.rules.admission.eligibility import SpacingField
from portgeo.rules.admission.surface import compute_eligibility, eligibility_grid
from portgeo.rules.admission.surface_people import CLASS_NAMES, SurfacePeople, count_surface_people
from portgeo.rules.volumes import TEMPLATE_COLUMNS, volume_standards_table

__all__ = [
    "admission_thresholds",
    "assessed_ports",
    "eligibility_people",
    "eligibility_summary",
    "indicator_table",
    "open_port_sources",
    "volume_standards",
    "volume_template_guide",
]

# -- indicators, admission, volumes -----------------------------------------------------------


def indicator_table(plan: str | None = None) -> pd.DataFrame:
    """Return a plan's performance indicators as the plan defines them.

    Parameters
    ----------
    plan : str, optional
        Default: the latest plan with an indicators 专栏.

    Returns
    -------
    pandas.DataFrame
        ``data/rules/indicators_<plan>.csv``: ``seq``, ``name_zh``, ``name_en``, ``reflects_zh``,
        ``considers_zh`` (the plan's words; the English columns are left to the maps).
    """
    cat = load_catalogue()
    cols = ["seq", "name_zh", "name_en", "reflects_zh", "considers_zh"]
    return cat.indicators[plan or cat.latest_plan("indicators")][cols].copy()


def assessed_ports(plan: str | None = None) -> pd.DataFrame:
    """Count the ports of a plan's layout 专栏 (the ports its indicators assess), by kind.

    Parameters
    ----------
    plan : str, optional
        Default: the latest plan with an indicators 专栏.

    Returns
    -------
    pandas.DataFrame
        One row per kind (``sea``, ``road``, ``rail``, ``air``, ...) then ``total``: ``kind``,
        ``entries`` (as the plan lists them: a hub or 苏州 once), ``sites`` (located places: a
        hub's airports, 苏州's port areas), ``listed`` and ``planned`` (entries by the plan's
        status as printed: without or within brackets).
    """
    cat = load_catalogue()
    plan = plan or cat.latest_plan("indicators")
    ents = cat.entities
    ents = ents[(ents["plan"] == plan) & ents["column"].isin(cat.layout_columns(plan))]
    top = ents[ents["parent"].isna()]
    rows = []
    for kind in dict.fromkeys(ents["kind"]):
        t = top[top["kind"] == kind]
        rows.append({"kind": kind, "entries": len(t),
                     "sites": int(ents.loc[ents["kind"] == kind, "site_id"].nunique()),
                     "listed": int((t["status"] == "listed").sum()),
                     "planned": int((t["status"] == "planned").sum())})  # fmt: skip
    out = pd.DataFrame(rows)
    total = out.drop(columns="kind").sum().to_dict()
    return pd.concat([out, pd.DataFrame([{"kind": "total", **total}])], ignore_index=True)


def admission_thresholds(plan: str | None = None) -> pd.DataFrame:
    """Return the airport admission rule's thresholds as a table, from the plan's data.

    Parameters
    ----------
    plan : str, optional
        Default: the latest plan with an admission 专栏
        (:func:`portgeo.rules.admission.load_admission_rule`).

    Returns
    -------
    pandas.DataFrame
        One row per threshold: ``criterion`` (Chinese label), ``setting_zh`` (the plan's name
        for the setting: 沿海地区, 内陆地区, 沿边地区; 全部 for every airport), ``value``,
        ``unit`` and ``note`` (what counts, in the data's words).
    """
    rule = load_admission_rule(plan)
    every = "全部"
    rows = [
        ("距已开放航空口岸直线距离", every, rule.min_distance_km, "公里", "每一个已开放航空口岸"),
        ("距已开放航空口岸车程", every, rule.min_drive_min / 60.0, "小时", "每一个已开放航空口岸"),
    ]
    for s in SETTINGS:
        zh = rule.setting_labels.get(s, s)
        rows.append(("固定直达航线", zh, rule.min_routes[s], "条", rule.routes_scope.get(s, "")))
        rows.append(("年度旅客吞吐量峰值", zh, rule.min_passengers[s] / 1e4, "万人次", ""))
    rows.append(("批准开放后未通过验收", "省级行政区域", rule.unaccepted_years, "年",
                 "已满此年数仍未验收：从严控制"))  # fmt: skip
    rows.append(("未达客货运量标准的航空口岸", "省级行政区域", rule.min_ports_below_standard, "个",
                 "达到此数（以上含本数）：从严控制"))  # fmt: skip
    return pd.DataFrame(rows, columns=["criterion", "setting_zh", "value", "unit", "note"])


def open_port_sources(as_of: str | None = None) -> pd.DataFrame:
    """Count the opened air ports the admission check compares a candidate with.

    Parameters
    ----------
    as_of : str, optional
        Analysis date (``YYYY[-MM[-DD]]``; default today).

    Returns
    -------
    pandas.DataFrame
        From the register at the date: ``source`` (a hub of the air-port layout 专栏 of the
        admission plan, another opened air port, or a port whose opening state at the date the
        register cannot tell) and ``airports`` (count), then ``合计``.
    """
    cat = load_catalogue()
    rule = load_admission_rule()
    ops = load_open_air_ports(as_of=as_of_date(as_of), kinds=rule.opened_kinds)
    table = ops.table
    plan = cat.latest_plan("admission")
    col = cat.column_info(plan, cat.column_of(plan, "air-layout"))
    assert ops.register is not None  # the register, not a user's file
    hub_of = ops.register.set_index("id")["hub_entity"]
    is_hub = table["id"].map(hub_of).map(lambda v: not is_blank(v))
    known = table["open"] == True  # noqa: E712
    n_hub = int((is_hub & known).sum())
    label = f"{cat.plan(plan)['short_zh']}{col['label_zh']} {col['title_zh']}（枢纽机场）"
    counts = [n_hub, int(known.sum()) - n_hub, int((~known).sum())]
    return pd.DataFrame({
        "source": [label, "其他已开放航空口岸 other opened air ports",
                   "开放状态不明 opening state unknown", "合计"],
        "airports": [*counts, sum(counts)],
    })  # fmt: skip


def eligibility_summary(
    *, as_of: str | None = None, cell_km: float = 10.0, network: str = "offline"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Say where the spacing rule would admit a new air port, and which airports stand there.

    Parameters
    ----------
    as_of : str, optional
        Analysis date of the register (default today).
    cell_km : float, default 10
        Grid resolution (``portgeo eligibility`` defaults to 5 km).
    network : str, default "offline"
        Road network source.

    Returns
    -------
    summary, airports : pandas.DataFrame
        :meth:`portgeo.rules.admission.surface.Eligibility.summary` (areas per reading and
        class) and the airports of airportsdata the rule would admit under the rule's default
        reading (:func:`portgeo.rules.admission.surface.admissible_airports`), farthest first.
    """
    rule = load_admission_rule()
    ops = load_open_air_ports(as_of=as_of_date(as_of), kinds=rule.opened_kinds)
    elig = compute_eligibility(load_network(network), ops, rule, cell_km=cell_km)
    admitted = elig.airports[elig.airports[rule.default_reading] == True]  # noqa: E712
    return elig.summary(), admitted.reset_index(drop=True)


def eligibility_people(
    *, as_of: str | None = None, cell_km: float = 10.0, network: str = "offline",
    population: str | None = None,
) -> tuple[pd.DataFrame, SurfacePeople]:  # fmt: skip
    """Count the people living on each class of the eligibility surface, under each reading.

    Parameters
    ----------
    as_of : str, optional
        Analysis date of the register (default today).
    cell_km : float, default 10
        Grid resolution (the admission map's).
    network : str, default "offline"
        Road network source.
    population : str, optional
        A population file (:func:`portgeo.population.load_population`); default GeoNames
        ``cities500``.

    Returns
    -------
    table : pandas.DataFrame
        One row per class (``地带``, Chinese names), then per reading (the rule's default first)
        the people (``人口 <reading>``) and their share of all the population's people
        (``占比 <reading>``).
    people : SurfacePeople
        The counts with the population (source, version, date: ``people.population``) and the
        places off the surface.
    """
    rule = load_admission_rule()
    ops = load_open_air_ports(as_of=as_of_date(as_of), kinds=rule.opened_kinds)
    grid = eligibility_grid(SpacingField.build(load_network(network), ops, rule), cell_km=cell_km)
    people = count_surface_people(grid, load_population(population))
    readings = tuple(sorted(grid.codes, key=lambda r: r != rule.default_reading))
    wide = people.pivot(readings)
    table = pd.DataFrame({"地带": [CLASS_NAMES[c].partition(" ")[0] for c in wide["class"]]})
    for reading in readings:
        table[f"人口 {reading}"] = wide[f"{reading}_people"]
        table[f"占比 {reading}"] = [f"{v:.1%}" for v in wide[f"{reading}_share"]]
    return table, people


def volume_standards(plan: str | None = None) -> pd.DataFrame:
    """Return a plan's annual volume standards, one row per category.

    Parameters
    ----------
    plan : str, optional
        Default: the latest plan with volume standards.

    Returns
    -------
    pandas.DataFrame
        :func:`portgeo.rules.volumes.volume_standards_table` without the category code:
        ``category_zh``, ``cargo_10k_tonnes``, ``passengers_10k`` (NaN where the plan gives no
        figure).
    """
    return volume_standards_table(plan=plan).drop(columns="category")


def volume_template_guide() -> pd.DataFrame:
    """Describe each column of the volumes template, from the template's own comments.

    Returns
    -------
    pandas.DataFrame
        ``column`` (:data:`portgeo.rules.volumes.TEMPLATE_COLUMNS`, in order) and
        ``description`` (the template's comment on it: one ``# column  description`` line
        each).
    """
    path = data_path("templates", "port_volumes_template.csv")
    notes: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, rest = line.lstrip("#").strip().partition(" ")
        if line.startswith("#") and word in TEMPLATE_COLUMNS:
            notes[word] = rest.strip()
    return pd.DataFrame({"column": list(TEMPLATE_COLUMNS),
                         "description": [notes.get(c, "") for c in TEMPLATE_COLUMNS]})  # fmt: skip
