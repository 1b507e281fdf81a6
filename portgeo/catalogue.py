"""The plan catalogue: every entity of the three port plans, typed and located.

Data flows one way: the reviewed files in ``data/`` (see ``data/README.md``) are read here,
validated, joined with their sites and coordinates, and handed on as pandas/GeoPandas frames
or typed :class:`Entity` records.

Airports are located from the ``airportsdata`` package by IATA code unless the site file gives
an explained override (e.g. KMG, which ``airportsdata`` places at the closed Wujiaba airport).

The plans' structure is data too: ``data/plans/plans.csv`` (each plan's title, year and
baseline) and ``data/plans/columns.csv`` (each 专栏's title, its *role* such as
``border-layout``, and the map recipe that draws it). :meth:`Catalogue.column_of` answers
"which 专栏 of this plan is the border layout", so no other module names a 专栏 number.

The module is a little longer than the size limit on purpose: it is the one reader and checker
of every file of ``data/plans/`` (entities, registry, opening states, section headings), so
that one reading shows every rule the plans' data must meet.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Literal, get_args

import geopandas as gpd
import pandas as pd

from portgeo._data import clean, data_path, read_data_csv, read_data_yaml
from portgeo.errors import CatalogueError, InputError
from portgeo.sites import SITE_COLUMNS, load_sites

__all__ = [
    "COLUMNS",
    "KINDS",
    "LAYOUT_ROLES",
    "OPENING_STATES",
    "PLANS",  # noqa: F822 - module __getattr__
    "SITE_COLUMNS",
    "STATUSES",
    "Catalogue",
    "Entity",
    "data_path",
    "load_catalogue",
    "load_entities",
]

log = logging.getLogger(__name__)

Kind = Literal["sea", "river", "road", "rail", "air", "project"]
Mode = Literal["sea", "river", "road", "rail", "air"]
#: The plan's status as printed: ``listed`` (printed without brackets: listed in the plan, which
#: does not mean open) or ``planned`` (in brackets, or a new opening or project).
Status = Literal["listed", "planned"]
#: Real opening states of ``data/plans/opening_states.csv`` (where a source tells).
OPENING_STATES: tuple[str, ...] = ("open", "under-construction", "not-started", "closed")

KINDS: tuple[str, ...] = get_args(Kind)
MODES: tuple[str, ...] = get_args(Mode)
STATUSES: tuple[str, ...] = get_args(Status)
ROLES: tuple[str, ...] = (
    "main",
    "regional",
    "international-hub",
    "regional-hub",
    "global-hub",
    "gateway-hub",
)
PRECISIONS: tuple[str, ...] = ("exact", "port-area", "town", "district", "city")

#: Roles of the 专栏 that lay out ports (compared across plans, counted as "layout" ports).
LAYOUT_ROLES: tuple[str, ...] = ("sea-layout", "border-layout", "air-layout")

#: Columns of ``data/plans/plans.csv`` and ``data/plans/columns.csv``.
PLAN_FIELDS: tuple[str, ...] = (
    "plan", "prefix", "title_zh", "short_zh", "title_en", "year", "issuer_zh", "scope",
    "baseline", "seed", "source",
)  # fmt: skip
COLUMN_FIELDS: tuple[str, ...] = (
    "plan", "column", "label_zh", "title_zh", "title_en", "role", "recipe", "slug", "subtitle_en", "links",
    "view",
)  # fmt: skip

#: Columns of ``data/plans/<plan>.csv``, in order.
COLUMNS: tuple[str, ...] = (
    "id", "plan", "column", "section", "seq", "kind", "mode", "role", "region", "neighbor",
    "status", "name_zh", "name_en", "parent", "site_id", "inspection_site_id", "link_site_id",
    "action", "city_zh", "text_zh", "note",
)  # fmt: skip


@dataclass(frozen=True)
class Entity:
    """One entity of a plan: a port, crossing, hub, airport, project or programme."""

    id: str
    plan: str
    column: int
    section: str | None
    seq: int | None
    kind: str
    mode: str | None
    role: str | None
    region: str | None
    neighbor: str | None
    status: str
    name_zh: str
    name_en: str
    parent: str | None
    site_id: str | None
    inspection_site_id: str | None
    link_site_id: str | None
    action: str | None
    city_zh: str | None
    text_zh: str | None
    note: str | None
    positioning_zh: str | None
    lat: float | None
    lon: float | None
    precision: str | None
    coord_source: str | None
    iata: str | None

    @property
    def located(self) -> bool:
        """Whether the entity has a point of its own."""
        return self.lat is not None and self.lon is not None


@dataclass
class Catalogue:
    """The loaded plan catalogue.

    Attributes
    ----------
    entities : pandas.DataFrame
        One row per entity, the columns of :data:`COLUMNS` plus ``positioning_zh`` (from
        ``regions.csv``), the site's ``lat``, ``lon``, ``precision``, ``coord_source``,
        ``site_type``, ``iata``, ``coord_note``, the inspection site's ``insp_lat``/``insp_lon``,
        the link end's ``link_lat``/``link_lon``, ``located`` (bool), and the real opening
        state where a source gives it (``data/plans/opening_states.csv``): ``opening_state``
        (:data:`OPENING_STATES`, empty where not known), ``opening_as_of``, ``opened``,
        ``opening_source``, ``opening_confidence``. ``status`` stays the plan's as printed.
        ``section_en``: the section heading in English (``data/plans/sections.csv``).
    sites : pandas.DataFrame
        Every site with resolved WGS84 coordinates.
    regions : pandas.DataFrame
        Coastal clusters, border regions and air directions with their positioning text.
    plans : pandas.DataFrame
        ``data/plans/plans.csv``: one row per plan (:data:`PLAN_FIELDS`), ``year`` as int.
    columns : pandas.DataFrame
        ``data/plans/columns.csv``: one row per 专栏 (:data:`COLUMN_FIELDS`), ``column`` as int.
    indicators : dict of str to pandas.DataFrame
        Performance indicators (``data/rules/indicators_<plan>.csv``) of every plan that has a
        专栏 of role ``indicators``, by plan.
    admission : dict of str to dict
        Admission standards (``data/rules/admission_<plan>.yaml``) of every plan that has a 专栏
        of role ``admission``, by plan.
    volume_standards : pandas.DataFrame
        Annual volume standards (``data/rules/volume_standards.csv``), ``value`` numeric.
    """

    entities: pd.DataFrame
    sites: pd.DataFrame
    regions: pd.DataFrame
    plans: pd.DataFrame
    columns: pd.DataFrame
    indicators: dict[str, pd.DataFrame]
    admission: dict[str, dict[str, Any]]
    volume_standards: pd.DataFrame

    # -- the plans' structure ----------------------------------------------------------------

    def plan(self, plan: str) -> pd.Series:
        """Return a plan's row of ``plans.csv``.

        Parameters
        ----------
        plan : str
            Plan id, e.g. ``"national-14"``.

        Returns
        -------
        pandas.Series

        Raises
        ------
        portgeo.errors.InputError
            Unknown plan id.
        """
        rows = self.plans[self.plans["plan"] == plan]
        if rows.empty:
            raise InputError(
                f"unknown plan {plan!r}; choose one of {', '.join(self.plans['plan'])}"
            )
        return rows.iloc[0]

    def plan_title(self, plan: str, *, with_year: bool = True) -> str:
        """Return a plan's title as printed, with its year, e.g. ``《……规划》(2021)``.

        Parameters
        ----------
        plan : str
            Plan id.
        with_year : bool, default True
            Append the year in parentheses.

        Returns
        -------
        str
        """
        row = self.plan(plan)
        return f"{row['title_zh']}({row['year']})" if with_year else str(row["title_zh"])

    def columns_for(self, plan: str | None = None, *, role: str | None = None) -> pd.DataFrame:
        """Return rows of ``columns.csv``, filtered by plan and role.

        Parameters
        ----------
        plan : str, optional
            Plan id.
        role : str, optional
            专栏 role, e.g. ``"border-layout"``.

        Returns
        -------
        pandas.DataFrame
            In the file's order.
        """
        df = self.columns
        if plan is not None:
            self.plan(plan)
            df = df[df["plan"] == plan]
        if role is not None:
            df = df[df["role"] == role]
        return df

    def column_of(self, plan: str, role: str) -> int:
        """Answer "which 专栏 of this plan has this role", e.g. the border layout.

        Parameters
        ----------
        plan : str
            Plan id.
        role : str
            A role of ``data/plans/columns.csv`` (``sea-layout``, ``border-layout``,
            ``air-layout``, ``admission``, ``volumes``, ...).

        Returns
        -------
        int
            The 专栏 number.

        Raises
        ------
        portgeo.errors.InputError
            The plan has no 专栏 (or several) of that role.
        """
        rows = self.columns_for(plan, role=role)
        if len(rows) != 1:
            have = ", ".join(sorted(set(self.columns_for(plan)["role"])))
            raise InputError(
                f"plan {plan!r} has {len(rows)} 专栏 of role {role!r} (need exactly one); "
                f"its roles: {have}"
            )
        return int(rows["column"].iloc[0])

    def column_info(self, plan: str, column: int) -> pd.Series:
        """Return the ``columns.csv`` row of one 专栏.

        Parameters
        ----------
        plan : str
            Plan id.
        column : int
            专栏 number.

        Returns
        -------
        pandas.Series
        """
        rows = self.columns_for(plan)
        rows = rows[rows["column"] == int(column)]
        if rows.empty:
            raise InputError(f"plan {plan!r} has no 专栏 {column} in data/plans/columns.csv")
        return rows.iloc[0]

    def latest_plan(self, role: str) -> str:
        """Return the newest plan (by year) that has a 专栏 of a role: the default of analyses.

        Parameters
        ----------
        role : str
            E.g. ``"air-layout"``, ``"volumes"``.

        Returns
        -------
        str

        Raises
        ------
        portgeo.errors.InputError
            No plan has that role.
        """
        plans = self.columns_for(role=role)["plan"].unique()
        if len(plans) == 0:
            raise InputError(f"no plan has a 专栏 of role {role!r} in data/plans/columns.csv")
        years = self.plans.set_index("plan").loc[plans, "year"]
        return str(years.sort_values(kind="stable").index[-1])

    def layout_columns(self, plan: str) -> tuple[int, ...]:
        """Return the 专栏 that lay out ports (roles :data:`LAYOUT_ROLES`), in order.

        Parameters
        ----------
        plan : str
            Plan id.

        Returns
        -------
        tuple of int
        """
        rows = self.columns_for(plan)
        return tuple(int(c) for c in rows.loc[rows["role"].isin(LAYOUT_ROLES), "column"])

    # -- entities ------------------------------------------------------------------------------

    def get(self, entity_id: str) -> Entity:
        """Return one entity by id.

        Parameters
        ----------
        entity_id : str
            The entity's ``id``.

        Returns
        -------
        Entity
        """
        rows = self.entities[self.entities["id"] == entity_id]
        if rows.empty:
            raise KeyError(f"no entity with id {entity_id!r}")
        return _row_to_entity(rows.iloc[0])

    def iter_entities(self, **filters: Any) -> Iterator[Entity]:
        """Iterate over entities, optionally filtered by column values.

        Parameters
        ----------
        **filters
            Column=value pairs, e.g. ``plan="national-14", column=3``.

        Yields
        ------
        Entity
        """
        df = self.entities
        for key, value in filters.items():
            df = df[df[key] == value]
        for _, row in df.iterrows():
            yield _row_to_entity(row)

    def members(self, entity_id: str) -> pd.DataFrame:
        """Return the member rows of a group entity (e.g. the airports of a hub).

        Parameters
        ----------
        entity_id : str
            The group's ``id``.

        Returns
        -------
        pandas.DataFrame
        """
        return self.entities[self.entities["parent"] == entity_id]


def _row_to_entity(row: pd.Series) -> Entity:
    kwargs = {f.name: clean(row.get(f.name)) for f in fields(Entity)}
    for key in ("column", "seq"):
        if kwargs[key] is not None:
            kwargs[key] = int(kwargs[key])
    for key in ("lat", "lon"):
        if kwargs[key] is not None:
            kwargs[key] = float(kwargs[key])
    return Entity(**kwargs)


def _load_registry(base: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read and check ``plans.csv`` and ``columns.csv``."""
    plans = read_data_csv(base / "plans" / "plans.csv")
    columns = read_data_csv(base / "plans" / "columns.csv")
    problems: list[str] = []
    for name, df, need in (
        ("plans.csv", plans, PLAN_FIELDS),
        ("columns.csv", columns, COLUMN_FIELDS),
    ):
        missing = [c for c in need if c not in df.columns]
        if missing:
            problems.append(f"{name}: missing columns {missing}")
    if problems:
        raise CatalogueError("plan registry is inconsistent:\n  " + "\n  ".join(problems))
    plans["year"] = pd.to_numeric(plans["year"], errors="raise").astype(int)
    columns["column"] = pd.to_numeric(columns["column"], errors="raise").astype(int)
    ids = set(plans["plan"])
    if plans["plan"].duplicated().any():
        problems.append(
            f"plans.csv: duplicate plan ids {sorted(plans['plan'][plans['plan'].duplicated()])}"
        )
    bad_base = plans["baseline"].dropna()
    bad_base = bad_base[~bad_base.isin(ids)]
    if not bad_base.empty:
        problems.append(f"plans.csv: unknown baseline plan(s) {sorted(bad_base)}")
    unknown = columns[~columns["plan"].isin(ids)]
    if not unknown.empty:
        problems.append(f"columns.csv: unknown plan(s) {sorted(set(unknown['plan']))}")
    dup = columns[columns.duplicated(["plan", "column"])]
    if not dup.empty:
        problems.append(
            f"columns.csv: duplicate 专栏 {list(zip(dup['plan'], dup['column'], strict=True))}"
        )
    if columns["slug"].duplicated().any():
        problems.append(
            f"columns.csv: duplicate slugs {sorted(columns['slug'][columns['slug'].duplicated()])}"
        )
    if problems:
        raise CatalogueError("plan registry is inconsistent:\n  " + "\n  ".join(problems))
    return plans, columns


def _validate_entities(
    df: pd.DataFrame, sites: pd.DataFrame, plans: pd.DataFrame, columns: pd.DataFrame
) -> None:
    problems: list[str] = []
    dup = df["id"][df["id"].duplicated()]
    if not dup.empty:
        problems.append(f"duplicate ids: {sorted(set(dup))}")
    for col, allowed in (
        ("plan", tuple(plans["plan"])),
        ("kind", KINDS),
        ("status", STATUSES),
    ):
        bad = df[~df[col].isin(allowed)]
        if not bad.empty:
            problems.append(f"{col} not in {allowed}: {list(bad['id'])[:10]}")
    for col, allowed in (("mode", MODES), ("role", ROLES)):
        bad = df[df[col].notna() & ~df[col].isin(allowed)]
        if not bad.empty:
            problems.append(f"{col} not in {allowed}: {list(bad['id'])[:10]}")
    known = set(zip(columns["plan"], columns["column"], strict=True))
    no_col = df[[(p, c) not in known for p, c in zip(df["plan"], df["column"], strict=True)]]
    if not no_col.empty:
        problems.append(
            f"专栏 not in data/plans/columns.csv: {sorted(set(zip(no_col['plan'], no_col['column'], strict=True)))}"
        )
    nb = df["neighbor"].dropna()
    bad_nb = nb[~nb.str.fullmatch(r"[A-Z]{3}")]
    if not bad_nb.empty:
        problems.append(f"neighbor must be ISO alpha-3: {sorted(set(bad_nb))}")
    ids = set(df["id"])
    bad_parent = df[df["parent"].notna() & ~df["parent"].isin(ids)]
    if not bad_parent.empty:
        problems.append(f"unknown parent: {list(bad_parent['id'])[:10]}")
    site_ids = set(sites["site_id"])
    for col in ("site_id", "inspection_site_id", "link_site_id"):
        bad = df[df[col].notna() & ~df[col].isin(site_ids)]
        if not bad.empty:
            problems.append(f"unknown {col}: {list(zip(bad['id'], bad[col], strict=True))[:10]}")
    if problems:
        raise CatalogueError("plan catalogue is inconsistent:\n  " + "\n  ".join(problems))


def _load_entities(
    base: Path,
    sites: pd.DataFrame,
    regions: pd.DataFrame,
    plans: pd.DataFrame,
    columns: pd.DataFrame,
) -> pd.DataFrame:
    frames = []
    for plan in plans["plan"]:
        path = base / "plans" / f"{plan}.csv"
        df = read_data_csv(path)
        missing = [c for c in COLUMNS if c not in df.columns]
        if missing:
            raise CatalogueError(f"{path.name}: missing columns {missing}")
        frames.append(df[list(COLUMNS)])
    df = pd.concat(frames, ignore_index=True)
    df["column"] = pd.to_numeric(df["column"], errors="raise").astype(int)
    df["seq"] = pd.to_numeric(df["seq"], errors="coerce").astype("Int64")
    _validate_entities(df, sites, plans, columns)

    site_cols = ["site_id", "lat", "lon", "precision", "coord_source", "site_type", "iata"]
    s = sites[site_cols].assign(coord_note=sites["note"].values)
    df = df.merge(s, on="site_id", how="left")
    insp = sites[["site_id", "lat", "lon"]].rename(
        columns={"site_id": "inspection_site_id", "lat": "insp_lat", "lon": "insp_lon"}
    )
    df = df.merge(insp, on="inspection_site_id", how="left")
    link = sites[["site_id", "lat", "lon"]].rename(
        columns={"site_id": "link_site_id", "lat": "link_lat", "lon": "link_lon"}
    )
    df = df.merge(link, on="link_site_id", how="left")
    pos = regions[["plan", "column", "region_zh", "positioning_zh"]].rename(
        columns={"region_zh": "region"}
    )
    pos = pos.assign(column=pd.to_numeric(pos["column"]).astype(int))
    df = df.merge(pos, on=["plan", "column", "region"], how="left")
    df["located"] = df["lat"].notna() & df["lon"].notna()
    df = df.merge(_load_sections(base, df), on=["plan", "column", "section"], how="left")
    return df.merge(_load_opening_states(base, set(df["id"])), on="id", how="left")


def _load_sections(base: Path, entities: pd.DataFrame) -> pd.DataFrame:
    """Read the sections' English (``plans/sections.csv``), checked: one per heading in use."""
    path, keys = base / "plans" / "sections.csv", ["plan", "column", "section"]
    df = read_data_csv(path) if path.is_file() else pd.DataFrame(columns=[*keys, "section_en"])
    df = df.astype({"column": int})
    used = entities.loc[entities["section"].notna(), keys].drop_duplicates()
    have = set(df.dropna(subset=["section_en"])[keys].itertuples(index=False, name=None))
    missing = [k for k in used.itertuples(index=False, name=None) if k not in have]
    repeated = df.loc[df.duplicated(keys), keys].values.tolist()
    if missing or repeated:
        raise CatalogueError(f"sections.csv: headings without section_en {missing[:10]}, "
                             f"repeated {repeated[:10]}")  # fmt: skip
    return df[[*keys, "section_en"]]


def _load_opening_states(base: Path, ids: set[str]) -> pd.DataFrame:
    """Read the real opening states (``plans/opening_states.csv``), checked, by entity id."""
    path = base / "plans" / "opening_states.csv"
    cols = [
        "id",
        "opening_state",
        "opening_as_of",
        "opened",
        "opening_source",
        "opening_confidence",
    ]
    if not path.is_file():
        return pd.DataFrame(columns=cols)
    df = read_data_csv(path)
    bad = [
        f"{r.id}: " + ("unknown id" if r.id not in ids else f"state {r.state!r}")
        for r in df.itertuples()
        if r.id not in ids or r.state not in OPENING_STATES
    ]
    if df["id"].duplicated().any():
        bad.append(f"repeated ids {sorted(set(df.loc[df['id'].duplicated(), 'id']))}")
    if bad:
        raise CatalogueError(f"{path.name}: " + "; ".join(bad))
    return df.rename(columns={"state": "opening_state", "as_of": "opening_as_of",
                              "source": "opening_source", "confidence": "opening_confidence"})[cols]  # fmt: skip


@functools.lru_cache(maxsize=4)
def _load_catalogue_cached(base: str) -> Catalogue:
    root = Path(base)
    if not (root / "plans").is_dir():
        raise CatalogueError(f"no plan catalogue at {root}: expected {root / 'plans'}")
    plans, columns = _load_registry(root)
    sites = load_sites(root)
    regions = read_data_csv(root / "plans" / "regions.csv")
    entities = _load_entities(root, sites, regions, plans, columns)
    rules = root / "rules"
    indicators = {
        p: read_data_csv(rules / f"indicators_{p}.csv")
        for p in columns.loc[columns["role"] == "indicators", "plan"]
    }
    admission = {
        p: read_data_yaml(rules / f"admission_{p}.yaml")
        for p in columns.loc[columns["role"] == "admission", "plan"]
    }
    if (columns["role"] == "volumes").any():
        volumes = read_data_csv(rules / "volume_standards.csv")
        volumes["value"] = pd.to_numeric(volumes["value"], errors="coerce")
    else:
        volumes = pd.DataFrame(
            columns=["plan", "column", "measure", "unit", "mode", "value", "note"]
        )
    return Catalogue(entities=entities, sites=sites, regions=regions, plans=plans, columns=columns,
                     indicators=indicators, admission=admission, volume_standards=volumes)  # fmt: skip


def load_catalogue(*, reload: bool = False) -> Catalogue:
    """Load and validate the plan catalogue from the data folder.

    Parameters
    ----------
    reload : bool, default False
        Re-read the files instead of returning the cached catalogue.

    Returns
    -------
    Catalogue
        The validated catalogue. Treat it as read-only (it is cached).

    Raises
    ------
    portgeo.errors.CatalogueError
        If the data files are missing or inconsistent (unknown site, duplicate id, bad enum).
    """
    base = str(data_path())
    if reload:
        _load_catalogue_cached.cache_clear()
    return _load_catalogue_cached(base)


def load_entities(
    *,
    plan: str | None = None,
    column: int | None = None,
    kind: str | None = None,
    located_only: bool = False,
) -> gpd.GeoDataFrame:
    """Return catalogue entities as a GeoDataFrame of points.

    Parameters
    ----------
    plan : str, optional
        A plan id of ``data/plans/plans.csv`` (``"national-14"``, ``"national-13"``,
        ``"guangdong-14"``).
    column : int, optional
        专栏 number (see :meth:`Catalogue.column_of` to find it by role).
    kind : str, optional
        One of ``sea``, ``river``, ``road``, ``rail``, ``air``, ``project``.
    located_only : bool, default False
        Keep only entities with a point of their own.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326; geometry is the entity's point, or None when it has none. Columns as
        :attr:`Catalogue.entities`.
    """
    cat = load_catalogue()
    if plan is not None:
        cat.plan(plan)  # InputError for an unknown plan
    if kind is not None and kind not in KINDS:
        raise InputError(f"kind must be one of {KINDS}, not {kind!r}")
    df = cat.entities
    if plan is not None:
        df = df[df["plan"] == plan]
    if column is not None:
        df = df[df["column"] == int(column)]
    if kind is not None:
        df = df[df["kind"] == kind]
    if located_only:
        df = df[df["located"]]
    geometry = gpd.points_from_xy(df["lon"], df["lat"], crs="EPSG:4326")
    gdf = gpd.GeoDataFrame(df.copy(), geometry=geometry, crs="EPSG:4326")
    gdf.loc[~gdf["located"], "geometry"] = None
    return gdf.reset_index(drop=True)


def __getattr__(name: str) -> Any:
    """Give the module attribute ``PLANS``: the plan ids of ``data/plans/plans.csv``, in order."""
    if name == "PLANS":
        return tuple(load_catalogue().plans["plan"])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
