"""Compare a plan's layout with its baseline: what it promoted, added, renamed, started or dropped.

One comparison for every layout: :func:`compare_plans` matches entities of the layout 专栏
(roles ``sea-layout``, ``border-layout``, ``air-layout`` in ``data/plans/columns.csv``) by what
they are and where they are, ``(kind, site_id)``. Only rows with a site take part (group rows
such as an air hub city or 苏州 are represented by their members). Role tiers make "promoted"
comparable across plans whose vocabularies differ: the 13th plan's ``global-hub`` and
``gateway-hub`` together became the 14th plan's ``international-hub``.
:func:`compare_regions` matches the regions themselves (clusters, belts) by their members, so a
cluster that keeps its ports under a new name shows as renamed (珠三角 → 粤港澳大湾区).

The default pair is a plan and its ``baseline`` in ``data/plans/plans.csv``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import geopandas as gpd
import pandas as pd

from portgeo._data import is_blank
from portgeo.catalogue import load_catalogue
from portgeo.errors import InputError
from portgeo.lang import check_lang

__all__ = [
    "CHANGE_LABELS",
    "DETAIL_WORDS",
    "ROLE_TIERS",
    "compare_plans",
    "compare_regions",
    "default_pair",
]

#: Tier of each role: a higher tier in the new plan is a promotion.
ROLE_TIERS: dict[str, int] = {
    "regional": 1,
    "main": 2,
    "regional-hub": 1,
    "gateway-hub": 2,
    "global-hub": 2,
    "international-hub": 2,
}

#: Change categories, in display order, with readable labels.
CHANGE_LABELS: dict[str, str] = {
    "promoted": "升级 promoted",
    "started": "转为列入 listed (planned → listed: the brackets removed)",
    "added": "新增 added",
    "renamed": "更名 renamed",
    "demoted": "降级 demoted",
    "dropped": "未再列入 dropped",
    "unchanged": "未变 unchanged",
}


def default_pair() -> tuple[str, str]:
    """Return ``(baseline, plan)`` for the one plan that names a baseline in ``plans.csv``.

    Returns
    -------
    tuple of str

    Raises
    ------
    portgeo.errors.InputError
        No plan, or several, name a baseline.
    """
    plans = load_catalogue().plans
    with_base = plans[plans["baseline"].notna()]
    if len(with_base) != 1:
        raise InputError(
            f"{len(with_base)} plans name a baseline in data/plans/plans.csv; pass old= and new="
        )
    row = with_base.iloc[0]
    return str(row["baseline"]), str(row["plan"])


def _tier(role: object) -> int | None:
    return None if is_blank(role) else ROLE_TIERS.get(str(role))


def _layout_rows(df: pd.DataFrame, plan: str, columns: Sequence[int] | None) -> pd.DataFrame:
    cols = load_catalogue().layout_columns(plan) if columns is None else tuple(columns)
    sub = df[(df["plan"] == plan) & df["column"].isin(cols)]
    sub = sub[sub["site_id"].notna() & (sub["site_id"].astype(str) != "")]
    return sub.drop_duplicates(["kind", "site_id"])


#: The words of a change's ``detail``, per language (one language per label).
DETAIL_WORDS: dict[str, dict[str, str]] = {
    "added": {"zh": "新列入{name}", "en": "newly listed: {name}"},
    "dropped": {"zh": "{name} 未列入新规划", "en": "{name}: not in the new plan"},
    "region": {"zh": "区域 {old} → {new}", "en": "region {old} → {new}"},
}


def _classify(o: Mapping | None, n: Mapping | None, lang: str = "zh") -> tuple[str, str]:
    if o is None and n is not None:
        return "added", DETAIL_WORDS["added"][lang].format(name=n["name_zh"])
    if n is None and o is not None:
        return "dropped", DETAIL_WORDS["dropped"][lang].format(name=o["name_zh"])
    assert o is not None and n is not None
    notes = []
    to, tn = _tier(o.get("role")), _tier(n.get("role"))
    change = "unchanged"
    if to is not None and tn is not None and tn != to:
        change = "promoted" if tn > to else "demoted"
        notes.append(f"{o.get('role')} → {n.get('role')}")
    if o.get("status") == "planned" and n.get("status") == "listed":
        change = "started" if change == "unchanged" else change
        notes.append("planned → listed")
    if str(o.get("name_zh")) != str(n.get("name_zh")):
        change = "renamed" if change == "unchanged" else change
        notes.append(f"{o.get('name_zh')} → {n.get('name_zh')}")
    if (
        not is_blank(o.get("region"))
        and not is_blank(n.get("region"))
        and o.get("region") != n.get("region")
    ):
        words = DETAIL_WORDS["region"][lang]
        notes.append(words.format(old=o.get("region"), new=n.get("region")))
    return change, "; ".join(notes)


def compare_plans(
    old: str | None = None,
    new: str | None = None,
    *,
    entities: pd.DataFrame | None = None,
    old_columns: Sequence[int] | None = None,
    new_columns: Sequence[int] | None = None,
    lang: str = "zh",
) -> gpd.GeoDataFrame:
    """Match two plans' layout entities and classify each change.

    Parameters
    ----------
    old, new : str, optional
        Plan ids (default :func:`default_pair`: a plan and its baseline).
    entities : pandas.DataFrame, optional
        Catalogue entities (default :attr:`portgeo.catalogue.Catalogue.entities`); needs ``plan,
        column, kind, site_id, name_zh, role, status, region, id`` and optionally ``lat, lon``.
    old_columns, new_columns : sequence of int, optional
        专栏 to compare (default each plan's layout 专栏,
        :meth:`portgeo.catalogue.Catalogue.layout_columns`).
    lang : {"zh", "en"}, default "zh"
        Language of ``detail`` (:data:`DETAIL_WORDS`); names stay as the plans print them.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per ``(kind, site_id)`` found in either plan: ``kind, site_id, change, detail,
        name_zh, id_13, id_14, name_13, name_14, role_13, role_14, status_13, status_14,
        region_13, region_14`` ("13"/"14" stand for ``old``/``new``), point geometry (EPSG:4326)
        where the site is located. ``change`` is one of :data:`CHANGE_LABELS`.
    """
    check_lang(lang)
    if old is None or new is None:
        old, new = default_pair()
    if entities is None:
        entities = load_catalogue().entities
    o = _layout_rows(entities, old, old_columns).set_index(["kind", "site_id"])
    n = _layout_rows(entities, new, new_columns).set_index(["kind", "site_id"])
    keys = list(dict.fromkeys([*n.index, *o.index]))
    rows = []
    for key in keys:
        orow = o.loc[key].to_dict() if key in o.index else None
        nrow = n.loc[key].to_dict() if key in n.index else None
        change, detail = _classify(orow, nrow, lang)
        ref = nrow if nrow is not None else orow
        assert ref is not None
        rec = {"kind": key[0], "site_id": key[1], "change": change, "detail": detail,
               "name_zh": ref.get("name_zh"), "name_en": ref.get("name_en")}  # fmt: skip
        for tag, r in (("13", orow), ("14", nrow)):
            for f in ("id", "name", "role", "status", "region"):
                col = "name_zh" if f == "name" else f
                rec[f"{f}_{tag}"] = None if r is None else r.get(col)
        lat, lon = ref.get("lat"), ref.get("lon")
        rec["lat"], rec["lon"] = lat, lon
        rows.append(rec)
    df = pd.DataFrame(rows)
    if df.empty:
        return gpd.GeoDataFrame(df, geometry=[], crs=4326)
    lat = pd.to_numeric(df.pop("lat"), errors="coerce")
    lon = pd.to_numeric(df.pop("lon"), errors="coerce")
    geom = gpd.points_from_xy(lon, lat, crs=4326)
    gdf = gpd.GeoDataFrame(df, geometry=geom, crs=4326)
    gdf.loc[lat.isna() | lon.isna(), "geometry"] = None
    order = {c: i for i, c in enumerate(CHANGE_LABELS)}
    return gdf.sort_values("change", key=lambda s: s.map(order), kind="stable").reset_index(
        drop=True
    )


def compare_regions(
    old: str | None = None, new: str | None = None, *, role: str = "sea-layout"
) -> pd.DataFrame:
    """Match the regions of a layout (clusters, belt regions) across two plans by their members.

    Each old region is matched to the new region that shares most of its members' sites, so a
    region that keeps its ports under a new name shows as ``renamed``.

    Parameters
    ----------
    old, new : str, optional
        Plan ids (default :func:`default_pair`).
    role : str, default "sea-layout"
        The layout whose regions are compared (``sea-layout`` or ``border-layout``).

    Returns
    -------
    pandas.DataFrame
        One row per old region: ``region_old``, ``region_new`` (empty when no member is kept),
        ``change`` (``renamed``, ``unchanged`` or ``dropped``), ``shared`` (members in both),
        ``n_old``, ``n_new`` (members with a site).
    """
    if old is None or new is None:
        old, new = default_pair()
    cat = load_catalogue()
    ents = cat.entities
    sets = {}
    for plan in (old, new):
        sub = ents[(ents["plan"] == plan) & (ents["column"] == cat.column_of(plan, role))]
        sub = sub[sub["site_id"].notna() & sub["region"].notna()]
        sets[plan] = {str(r): set(g["site_id"]) for r, g in sub.groupby("region", sort=False)}
    rows = []
    for reg_old, members in sets[old].items():
        best = max(sets[new].items(), key=lambda kv: len(kv[1] & members), default=("", set()))
        shared = len(best[1] & members)
        reg_new = best[0] if shared else ""
        change = "dropped" if not shared else ("unchanged" if reg_new == reg_old else "renamed")
        rows.append({"region_old": reg_old, "region_new": reg_new, "change": change,
                     "shared": shared, "n_old": len(members), "n_new": len(best[1]) if shared else 0})  # fmt: skip
    return pd.DataFrame(
        rows, columns=["region_old", "region_new", "change", "shared", "n_old", "n_new"]
    )
