"""Check annual port volumes against the plans' annual volume standards (role ``volumes``).

The standards are data (``data/rules/volume_standards.csv``, read by the catalogue); the volumes
are the user's (a CSV laid out as ``data/templates/port_volumes_template.csv``). portgeo ships no
volume figures.

Readings of the plans' note "口岸通过验收之日满3年后执行（边境口岸除外）" (14th; the 13th says
"建成投入使用3年后"):

* the standard applies from the third year after acceptance (the ``applies_from`` row of the
  data, :func:`grace_years`): a port younger than that is ``grace`` (needs ``accepted_year``);
* "边境口岸除外" is read as border ports being excepted from the standard: they get ``exempt``
  (their figures are still compared and shown). Pass ``border_exempt=False`` for the other
  reading (border ports are checked like any port).

A port meets the standard when either of its flows reaches its category's figure (cargo ports
are not judged on passengers and vice versa; ``require="both"`` asks for both).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from portgeo._data import is_blank, read_user_csv
from portgeo.catalogue import load_catalogue
from portgeo.errors import CatalogueError, InputError

__all__ = [
    "CATEGORIES",
    "TEMPLATE_COLUMNS",
    "VERDICT_LABELS",
    "check_port_volumes",
    "grace_years",
    "read_port_volumes",
    "volume_standards_table",
]

log = logging.getLogger(__name__)

#: Volume categories of the standards, with the plans' column headings.
CATEGORIES: dict[str, str] = {
    "sea": "海运",
    "river": "内河",
    "boundary-river": "界河",
    "rail": "铁路",
    "road": "公路",
    "air-coastal": "沿海航空",
    "air-other": "其他航空",
}
_CATEGORY_ALIASES = {v: k for k, v in CATEGORIES.items()} | {
    "inland-river": "river", "border-river": "boundary-river", "boundary_river": "boundary-river",
    "coastal-air": "air-coastal", "other-air": "air-other", "air_coastal": "air-coastal",
    "air_other": "air-other",
}  # fmt: skip

#: Columns of the user's volumes CSV.
TEMPLATE_COLUMNS: tuple[str, ...] = (
    "entity_id", "name_zh", "category", "year", "cargo_10k_tonnes", "passengers_10k",
    "accepted_year", "border_port",
)  # fmt: skip

#: verdict -> legend label (colours: :data:`portgeo.maps.style.VOLUME_VERDICT_COLORS`)
VERDICT_LABELS: dict[str, str] = {
    "meets": "达标 meets the standard",
    "short": "未达标 falls short",
    "grace": "验收未满3年 within 3 years of acceptance",
    "exempt": "边境口岸除外 border port (excepted)",
    "no-data": "数据不全 incomplete data",
}


def _norm_category(value: Any) -> str | None:
    if is_blank(value):
        return None
    v = str(value).strip()
    v = _CATEGORY_ALIASES.get(v, v).lower()
    return v if v in CATEGORIES else None


def volume_standards_table(*, plan: str | None = None) -> pd.DataFrame:
    """Return the plan's volume standards as a wide table (one row per category).

    Parameters
    ----------
    plan : str, optional
        A plan with a volume-standards 专栏 (default: the latest,
        :meth:`portgeo.catalogue.Catalogue.latest_plan`).

    Returns
    -------
    pandas.DataFrame
        ``category, category_zh, cargo_10k_tonnes, passengers_10k`` (NaN where the plan gives
        no figure).

    Raises
    ------
    portgeo.errors.CatalogueError
        The catalogue has no standards for ``plan``.
    """
    cat = load_catalogue()
    plan = plan or cat.latest_plan("volumes")
    std = cat.volume_standards
    if std.empty or "plan" not in std.columns:
        raise CatalogueError("no volume standards in data/rules/volume_standards.csv")
    std = std[std["plan"] == plan].copy()
    if std.empty:
        raise CatalogueError(
            f"no volume standards for plan {plan!r} in data/rules/volume_standards.csv"
        )
    std = std[std["measure"].isin(["cargo", "people"])]
    std = std.assign(_cat=std["mode"].map(_norm_category),
                     _flow=std["measure"].map({"cargo": "cargo_10k_tonnes", "people": "passengers_10k"}))  # fmt: skip
    wide = std.pivot_table(
        index="_cat", columns="_flow", values="value", aggfunc="first", dropna=False
    )
    wide = wide.reindex(index=[c for c in CATEGORIES if c in wide.index])
    out = pd.DataFrame({
        "category": wide.index,
        "category_zh": [CATEGORIES[c] for c in wide.index],
        "cargo_10k_tonnes": wide.get("cargo_10k_tonnes", pd.Series(np.nan, index=wide.index)).to_numpy(),
        "passengers_10k": wide.get("passengers_10k", pd.Series(np.nan, index=wide.index)).to_numpy(),
    })  # fmt: skip
    return out.reset_index(drop=True)


def read_port_volumes(source: str | Path | pd.DataFrame) -> pd.DataFrame:
    """Read and validate a volumes table (``#`` lines are comments).

    Parameters
    ----------
    source : str, pathlib.Path or pandas.DataFrame
        CSV path or a DataFrame with :data:`TEMPLATE_COLUMNS`.

    Returns
    -------
    pandas.DataFrame
        Validated copy with numeric volumes and normalised ``category``.

    Raises
    ------
    portgeo.errors.InputError
        Missing columns, unknown categories or non-numeric volumes (the message names the row).
    """
    if isinstance(source, pd.DataFrame):
        df = source.copy()
    else:
        path = Path(source)
        if not path.is_file() and not path.is_dir():
            raise InputError(
                f"volumes file {path} not found; start from data/templates/port_volumes_template.csv"
            )
        df = read_user_csv(path, what="volumes file", dtype="str", comment="#").reset_index(
            drop=True
        )
    missing = [c for c in ("category", "cargo_10k_tonnes", "passengers_10k") if c not in df.columns]
    if missing or not ({"entity_id", "name_zh"} & set(df.columns)):
        raise InputError(
            f"volumes table lacks columns {missing or ['entity_id or name_zh']}; expected {', '.join(TEMPLATE_COLUMNS)}"
        )
    for c in TEMPLATE_COLUMNS:
        if c not in df.columns:
            df[c] = None
    cats = df["category"].map(_norm_category)
    bad = df.loc[cats.isna(), "category"]
    if len(bad):
        i = bad.index[0]
        raise InputError(
            f"row {i + 1}: unknown category {df.at[i, 'category']!r}; use one of {', '.join(CATEGORIES)} "
            f"(or {', '.join(CATEGORIES.values())})"
        )
    df["category"] = cats
    for c in ("cargo_10k_tonnes", "passengers_10k", "year", "accepted_year"):
        raw = df[c]
        num = pd.to_numeric(raw, errors="coerce").astype("float64")
        bad = raw.notna() & (raw.astype(str).str.strip() != "") & num.isna()
        if bad.any():
            i = bad[bad].index[0]
            raise InputError(f"row {i + 1}: {c} must be a number, got {raw[i]!r}")
        if (num < 0).any():
            i = num[num < 0].index[0]
            raise InputError(f"row {i + 1}: {c} must not be negative")
        df[c] = num
    border = df["border_port"].astype(str).str.strip().str.lower()
    df["border_port"] = border.isin(["yes", "y", "true", "1", "是"])
    return df.reset_index(drop=True)


def check_port_volumes(
    volumes: str | Path | pd.DataFrame,
    *,
    plan: str | None = None,
    border_exempt: bool = True,
    require: str = "either",
) -> gpd.GeoDataFrame:
    """Compare each port's annual volumes with its category's standard.

    Parameters
    ----------
    volumes : str, pathlib.Path or pandas.DataFrame
        The user's volumes (see :func:`read_port_volumes`).
    plan : str, optional
        Standards to apply (default: the latest plan with volume standards).
    border_exempt : bool, default True
        Read "边境口岸除外" as excepting border ports (verdict ``exempt``).
    require : {"either", "both"}, default "either"
        Whether one flow reaching its figure suffices.

    Returns
    -------
    geopandas.GeoDataFrame
        The input rows plus ``cargo_standard``, ``passengers_standard``, ``cargo_ok``,
        ``passengers_ok``, ``verdict`` (a key of :data:`VERDICT_LABELS`), ``verdict_text`` and
        the port's point (from the catalogue by ``entity_id``, else by a unique ``name_zh``).
    """
    if require not in ("either", "both"):
        raise InputError(f"require must be 'either' or 'both', not {require!r}")
    plan = plan or load_catalogue().latest_plan("volumes")
    df = read_port_volumes(volumes)
    std = volume_standards_table(plan=plan).set_index("category")
    df["cargo_standard"] = df["category"].map(std["cargo_10k_tonnes"]).astype("float64")
    df["passengers_standard"] = df["category"].map(std["passengers_10k"]).astype("float64")
    df["cargo_ok"] = _reaches(df["cargo_10k_tonnes"], df["cargo_standard"])
    df["passengers_ok"] = _reaches(df["passengers_10k"], df["passengers_standard"])
    grace = grace_years(plan=plan)
    verdicts = [_verdict(r, require=require, border_exempt=border_exempt, grace_years=grace)
                for r in df.itertuples()]  # fmt: skip
    df["verdict"] = verdicts
    df["verdict_text"] = [
        _verdict_text(r, v) for r, v in zip(df.itertuples(), verdicts, strict=True)
    ]
    lons, lats = _locate_rows(df, plan)
    gdf = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(lons, lats), crs=4326)
    gdf.loc[np.isnan(lons), "geometry"] = None
    if "name_zh" in gdf.columns:
        fill = gdf["name_zh"].isna() & gdf["entity_id"].notna()
        gdf.loc[fill, "name_zh"] = gdf.loc[fill, "entity_id"]
    return gdf


def grace_years(*, plan: str | None = None) -> float:
    """Return the years after acceptance from which a plan's volume standards apply.

    The plans' 备注 "口岸通过验收之日满3年后执行" (``applies_from`` row of
    ``data/rules/volume_standards.csv``); a port younger than that is ``grace``.

    Parameters
    ----------
    plan : str, optional
        A plan with volume standards (default: the latest).

    Returns
    -------
    float

    Raises
    ------
    portgeo.errors.CatalogueError
        The plan's ``applies_from`` row is missing or has no number.
    """
    cat = load_catalogue()
    plan = plan or cat.latest_plan("volumes")
    std = cat.volume_standards
    row = std[(std["plan"] == plan) & (std["measure"] == "applies_from")]
    if len(row) != 1 or pd.isna(row["value"].iloc[0]):
        raise CatalogueError(
            f"data/rules/volume_standards.csv: plan {plan!r} needs one applies_from row with a "
            "value (the years after acceptance from which the standards apply)"
        )
    return float(row["value"].iloc[0])


def _reaches(value: pd.Series, standard: pd.Series) -> pd.Series:
    """Tell, per row, whether a flow reaches its standard (NA when either is unknown)."""
    res = pd.Series(pd.NA, index=value.index, dtype="boolean")
    has = value.notna() & standard.notna()
    res[has] = value[has] >= standard[has]
    return res


def _verdict(r: Any, *, require: str, border_exempt: bool, grace_years: float) -> str:
    """Judge one row: a key of :data:`VERDICT_LABELS`."""
    flags = [f for f in (r.cargo_ok, r.passengers_ok) if f is not pd.NA]
    if not flags:
        v = "no-data"
    elif require == "both" and len(flags) < 2 and not all(flags):
        v = "short"
    else:
        met = any(flags) if require == "either" else all(flags)
        v = "meets" if met else "short"
    age = (r.year - r.accepted_year) if pd.notna(r.year) and pd.notna(r.accepted_year) else None
    if v == "short" and r.border_port and border_exempt:
        v = "exempt"
    elif v == "short" and age is not None and age < grace_years:
        v = "grace"
    return v


def _verdict_text(r: Any, verdict: str) -> str:
    """Say a row's verdict with its figures against the standards."""
    parts = []
    if pd.notna(r.cargo_10k_tonnes) and pd.notna(r.cargo_standard):
        parts.append(f"货物 cargo {r.cargo_10k_tonnes:g} / {r.cargo_standard:g} 万吨")
    if pd.notna(r.passengers_10k) and pd.notna(r.passengers_standard):
        parts.append(f"人员 passengers {r.passengers_10k:g} / {r.passengers_standard:g} 万人次")
    return f"{VERDICT_LABELS[verdict]}: " + "; ".join(parts)


def _locate_rows(df: pd.DataFrame, plan: str) -> tuple[list[float], list[float]]:
    """Find each row's point in the catalogue: by ``entity_id``, else by a unique ``name_zh``."""
    ents = load_catalogue().entities
    ents = ents[ents["located"]]
    by_id = ents.drop_duplicates("id").set_index("id")
    names = ents[ents["plan"] == plan].drop_duplicates(["name_zh", "site_id"])
    unique_names = names.groupby("name_zh").filter(lambda g: len(g) == 1).set_index("name_zh")
    lons, lats = [], []
    for r in df.itertuples():
        src = None
        if isinstance(r.entity_id, str) and r.entity_id in by_id.index:
            src = by_id.loc[r.entity_id]
        elif isinstance(r.name_zh, str) and r.name_zh in unique_names.index:
            src = unique_names.loc[r.name_zh]
        lons.append(np.nan if src is None else float(src["lon"]))
        lats.append(np.nan if src is None else float(src["lat"]))
        if src is None:
            log.info("volumes row %r not located in the catalogue", r.entity_id or r.name_zh)
    return lons, lats
