"""Compare two plans' layouts: what the 14th plan promoted, added, renamed, started or dropped.

Entities are matched by what they are and where they are: ``(kind, site_id)``. Only rows with a
site take part (group rows such as an air hub city are represented by their member airports).
Role tiers make "promoted" comparable across plans whose vocabularies differ: the 13th plan's
``global-hub`` and ``gateway-hub`` together became the 14th plan's ``international-hub``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd

__all__ = ["CHANGE_LABELS", "LAYOUT_COLUMNS", "ROLE_TIERS", "compare_plans"]

#: Layout 专栏 of each national plan (sea, border, air).
LAYOUT_COLUMNS: dict[str, tuple[int, ...]] = {
    "national-13": (1, 2, 3),
    "national-14": (2, 3, 4),
}

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
    "started": "已建成开通 started (planned → operating)",
    "added": "新增 added",
    "renamed": "更名 renamed",
    "demoted": "降级 demoted",
    "dropped": "未再列入 dropped",
    "unchanged": "未变 unchanged",
}


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, float) and np.isnan(v)) or (isinstance(v, str) and not v.strip())


def _tier(role: object) -> int | None:
    return None if _blank(role) else ROLE_TIERS.get(str(role))


def _layout_rows(df: pd.DataFrame, plan: str, columns: Sequence[int] | None) -> pd.DataFrame:
    cols = LAYOUT_COLUMNS.get(plan) if columns is None else tuple(columns)
    sub = df[(df["plan"] == plan)]
    if cols:
        sub = sub[sub["column"].isin(cols)]
    sub = sub[sub["site_id"].notna() & (sub["site_id"].astype(str) != "")]
    return sub.drop_duplicates(["kind", "site_id"])


def _classify(o: Mapping | None, n: Mapping | None) -> tuple[str, str]:
    if o is None and n is not None:
        return "added", f"新列入{n['name_zh']} newly listed"
    if n is None and o is not None:
        return "dropped", f"{o['name_zh']} 未列入新规划 not in the new plan"
    assert o is not None and n is not None
    notes = []
    to, tn = _tier(o.get("role")), _tier(n.get("role"))
    change = "unchanged"
    if to is not None and tn is not None and tn != to:
        change = "promoted" if tn > to else "demoted"
        notes.append(f"{o.get('role')} → {n.get('role')}")
    if o.get("status") == "planned" and n.get("status") == "operating":
        change = "started" if change == "unchanged" else change
        notes.append("planned → operating")
    if str(o.get("name_zh")) != str(n.get("name_zh")):
        change = "renamed" if change == "unchanged" else change
        notes.append(f"{o.get('name_zh')} → {n.get('name_zh')}")
    if not _blank(o.get("region")) and not _blank(n.get("region")) and o.get("region") != n.get("region"):
        notes.append(f"区域 region {o.get('region')} → {n.get('region')}")
    return change, "; ".join(notes)


def compare_plans(
    old: str = "national-13",
    new: str = "national-14",
    *,
    entities: pd.DataFrame | None = None,
    old_columns: Sequence[int] | None = None,
    new_columns: Sequence[int] | None = None,
) -> gpd.GeoDataFrame:
    """Match two plans' layout entities and classify each change.

    Parameters
    ----------
    old, new : str
        Plan ids (default the national 13th and 14th plans).
    entities : pandas.DataFrame, optional
        Catalogue entities (default :attr:`portgeo.catalogue.Catalogue.entities`); needs ``plan,
        column, kind, site_id, name_zh, role, status, region, id`` and optionally ``lat, lon``.
    old_columns, new_columns : sequence of int, optional
        专栏 to compare (default :data:`LAYOUT_COLUMNS`).

    Returns
    -------
    geopandas.GeoDataFrame
        One row per ``(kind, site_id)`` found in either plan: ``kind, site_id, change, detail,
        name_zh, id_13, id_14, name_13, name_14, role_13, role_14, status_13, status_14,
        region_13, region_14`` ("13"/"14" stand for ``old``/``new``), point geometry (EPSG:4326)
        where the site is located. ``change`` is one of :data:`CHANGE_LABELS`.
    """
    if entities is None:
        from portgeo.catalogue import load_catalogue

        entities = load_catalogue().entities
    o = _layout_rows(entities, old, old_columns).set_index(["kind", "site_id"])
    n = _layout_rows(entities, new, new_columns).set_index(["kind", "site_id"])
    keys = list(dict.fromkeys([*n.index, *o.index]))
    rows = []
    for key in keys:
        orow = o.loc[key].to_dict() if key in o.index else None
        nrow = n.loc[key].to_dict() if key in n.index else None
        change, detail = _classify(orow, nrow)
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
    return gdf.sort_values("change", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
