"""The plan catalogue: every entity of the three port plans, typed and located.

Data flows one way: the reviewed files in ``data/`` (see ``data/README.md``) are read here,
validated, joined with their sites and coordinates, and handed on as pandas/GeoPandas frames
or typed :class:`Entity` records.

Airports are located from the ``airportsdata`` package by IATA code unless the site file gives
an explained override (e.g. KMG, which ``airportsdata`` places at the closed Wujiaba airport).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path
from typing import Any, Literal, get_args

import geopandas as gpd
import numpy as np
import pandas as pd
import yaml

from portgeo import settings
from portgeo.errors import CatalogueError

__all__ = [
    "COLUMNS",
    "KINDS",
    "PLANS",
    "STATUSES",
    "Catalogue",
    "Entity",
    "data_path",
    "load_catalogue",
    "load_entities",
]

log = logging.getLogger(__name__)

Plan = Literal["national-14", "national-13", "guangdong-14"]
Kind = Literal["sea", "river", "road", "rail", "air", "project"]
Mode = Literal["sea", "river", "road", "rail", "air"]
Status = Literal["operating", "planned"]

PLANS: tuple[str, ...] = get_args(Plan)
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

#: Columns of ``data/plans/<plan>.csv``, in order.
COLUMNS: tuple[str, ...] = (
    "id", "plan", "column", "section", "seq", "kind", "mode", "role", "region", "neighbor",
    "status", "name_zh", "name_en", "parent", "site_id", "inspection_site_id", "link_site_id",
    "action", "city_zh", "text_zh", "note",
)  # fmt: skip

SITE_COLUMNS: tuple[str, ...] = (
    "site_id", "name_zh", "name_en", "site_type", "iata", "lat", "lon", "precision",
    "coord_source", "note",
)  # fmt: skip


def data_path(*parts: str) -> Path:
    """Return the path of a file in portgeo's data folder.

    The folder is ``portgeo.settings.data_dir`` when set, else the repository's top-level
    ``data/`` (editable installs), else the copy installed with the package.

    Parameters
    ----------
    *parts : str
        Path components below the data folder.

    Returns
    -------
    pathlib.Path
        The path (it may not exist).
    """
    if settings.data_dir is not None:
        base = Path(settings.data_dir)
    else:
        repo = Path(__file__).resolve().parent.parent / "data"
        if repo.is_dir():
            base = repo
        else:
            base = Path(str(resources.files("portgeo") / "_data"))
    return base.joinpath(*parts)


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
        the link end's ``link_lat``/``link_lon``, and ``located`` (bool).
    sites : pandas.DataFrame
        Every site with resolved WGS84 coordinates.
    regions : pandas.DataFrame
        Coastal clusters, border regions and air directions with their positioning text.
    indicators : pandas.DataFrame
        National 14th plan 专栏1 performance indicators.
    admission : dict
        National 14th plan 专栏5 admission standards.
    volume_standards : pandas.DataFrame
        Annual volume standards of both national plans (14th 专栏6, 13th 专栏4).
    """

    entities: pd.DataFrame
    sites: pd.DataFrame
    regions: pd.DataFrame
    indicators: pd.DataFrame
    admission: dict[str, Any]
    volume_standards: pd.DataFrame

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


def _none(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def _row_to_entity(row: pd.Series) -> Entity:
    kwargs = {f.name: _none(row.get(f.name)) for f in fields(Entity)}
    for key in ("column", "seq"):
        if kwargs[key] is not None:
            kwargs[key] = int(kwargs[key])
    for key in ("lat", "lon"):
        if kwargs[key] is not None:
            kwargs[key] = float(kwargs[key])
    return Entity(**kwargs)


def _read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], comment=None)


def _resolve_airports(sites: pd.DataFrame) -> pd.DataFrame:
    """Fill airport coordinates from airportsdata where the site gives none."""
    need = sites["iata"].notna() & (sites["lat"].isna() | sites["lon"].isna())
    if not need.any():
        return sites
    import airportsdata

    airports = airportsdata.load("IATA")
    version = getattr(airportsdata, "__version__", "unknown")
    for idx in sites.index[need]:
        code = str(sites.at[idx, "iata"]).strip().upper()
        rec = airports.get(code)
        if rec is None:
            raise CatalogueError(
                f"site {sites.at[idx, 'site_id']}: IATA {code!r} is not in airportsdata {version}; "
                "give lat/lon as an explained override"
            )
        sites.at[idx, "lat"] = float(rec["lat"])
        sites.at[idx, "lon"] = float(rec["lon"])
        if pd.isna(sites.at[idx, "coord_source"]):
            sites.at[idx, "coord_source"] = f"airportsdata {version}: {rec['icao'] or code}"
        if pd.isna(sites.at[idx, "precision"]):
            sites.at[idx, "precision"] = "exact"
    return sites


def _load_sites(base: Path) -> pd.DataFrame:
    frames = []
    folder = base / "sites"
    for path in sorted(folder.glob("*.csv")):
        df = _read_csv(path)
        missing = [c for c in SITE_COLUMNS if c not in df.columns]
        if missing:
            raise CatalogueError(f"{path.name}: missing columns {missing}")
        df["source_file"] = path.name
        frames.append(df)
    if not frames:
        return pd.DataFrame(columns=[*SITE_COLUMNS, "source_file"])
    sites = pd.concat(frames, ignore_index=True)
    dup = sites["site_id"][sites["site_id"].duplicated()]
    if not dup.empty:
        raise CatalogueError(f"duplicate site_id(s): {sorted(set(dup))}")
    sites["lat"] = pd.to_numeric(sites["lat"], errors="raise")
    sites["lon"] = pd.to_numeric(sites["lon"], errors="raise")
    sites = _resolve_airports(sites)
    sites["lat"] = sites["lat"].astype(float)
    sites["lon"] = sites["lon"].astype(float)
    bad = sites[(sites["lat"].abs() > 90) | (sites["lon"].abs() > 180)]
    if not bad.empty:
        raise CatalogueError(f"sites with impossible coordinates: {list(bad['site_id'])}")
    return sites


def _validate_entities(df: pd.DataFrame, sites: pd.DataFrame) -> None:
    problems: list[str] = []
    dup = df["id"][df["id"].duplicated()]
    if not dup.empty:
        problems.append(f"duplicate ids: {sorted(set(dup))}")
    for col, allowed in (
        ("plan", PLANS),
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


def _load_entities(base: Path, sites: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    frames = []
    for plan in PLANS:
        path = base / "plans" / f"{plan}.csv"
        if not path.exists():
            log.warning("plan file %s is missing", path)
            continue
        df = _read_csv(path)
        missing = [c for c in COLUMNS if c not in df.columns]
        if missing:
            raise CatalogueError(f"{path.name}: missing columns {missing}")
        frames.append(df[list(COLUMNS)])
    if not frames:
        raise CatalogueError(f"no plan files found in {base / 'plans'}")
    df = pd.concat(frames, ignore_index=True)
    df["column"] = pd.to_numeric(df["column"], errors="raise").astype(int)
    df["seq"] = pd.to_numeric(df["seq"], errors="coerce").astype("Int64")
    _validate_entities(df, sites)

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
    if not regions.empty:
        pos = regions[["plan", "column", "region_zh", "positioning_zh"]].rename(
            columns={"region_zh": "region"}
        )
        pos = pos.assign(column=pd.to_numeric(pos["column"]).astype(int))
        df = df.merge(pos, on=["plan", "column", "region"], how="left")
    else:
        df["positioning_zh"] = None
    df["located"] = df["lat"].notna() & df["lon"].notna()
    return df


@functools.lru_cache(maxsize=4)
def _load_catalogue_cached(base: str) -> Catalogue:
    root = Path(base)
    if not (root / "plans").is_dir():
        raise CatalogueError(f"no plan catalogue at {root}: expected {root / 'plans'}")
    sites = _load_sites(root)
    regions_path = root / "plans" / "regions.csv"
    regions = _read_csv(regions_path) if regions_path.exists() else pd.DataFrame()
    entities = _load_entities(root, sites, regions)
    rules = root / "rules"
    indicators_path = rules / "indicators_national-14.csv"
    indicators = _read_csv(indicators_path) if indicators_path.exists() else pd.DataFrame()
    admission_path = rules / "admission_national-14.yaml"
    admission: dict[str, Any] = {}
    if admission_path.exists():
        admission = yaml.safe_load(admission_path.read_text(encoding="utf-8")) or {}
    volumes_path = rules / "volume_standards.csv"
    volumes = _read_csv(volumes_path) if volumes_path.exists() else pd.DataFrame()
    if not volumes.empty and "value" in volumes:
        volumes["value"] = pd.to_numeric(volumes["value"], errors="coerce")
    return Catalogue(
        entities=entities,
        sites=sites,
        regions=regions,
        indicators=indicators,
        admission=admission,
        volume_standards=volumes,
    )


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
        ``"national-14"``, ``"national-13"`` or ``"guangdong-14"``.
    column : int, optional
        专栏 number.
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
    if plan is not None and plan not in PLANS:
        raise ValueError(f"plan must be one of {PLANS}, not {plan!r}")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    df = load_catalogue().entities
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
