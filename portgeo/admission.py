"""Admission check for a candidate air port (national 14th plan, 专栏5).

The rule, in the plan's words (《国家“十四五”口岸发展规划》 专栏5, 航空口岸)::

    对于省级行政区域内有根据国家口岸管理有关规定应予退出的，或者有国务院批准开放已满3年仍未
    通过验收的，或者有1个以上航空口岸未达到客货运量考核标准的，原则上“十四五”时期从严控制机场
    开放。……机场距已开放航空口岸200公里或2小时车程以上且内陆和沿边地区机场固定直达航线（不包括
    中转经停航线，下同）达10条以上、年度旅客吞吐量峰值达150万人次以上，沿海地区机场国内固定直达
    航线20条以上、年度旅客吞吐量峰值达300万人次以上。

:func:`check_airport` evaluates five criteria:

``distance_200km``
    straight-line (geodesic) distance to every already-opened air port is at least the threshold;
``drive_2h``
    fastest drive on the road network to every opened air port takes at least the threshold;
``routes``, ``passengers``
    fixed direct routes and peak annual passengers against the thresholds of the candidate's
    setting (coastal, inland or border);
``province_gate``
    none of the province-level conditions that put airport openings under 从严控制 holds.

"200公里或2小时车程以上" is ambiguous. Under ``reading="both"`` (the default, the strict reading;
the 13th plan's negative wording "与已开放航空口岸距离在200公里或2个小时车程之内……不可申请"
reads this way) a port conflicts with the candidate when it is closer than 200 km *or* nearer than
2 hours. Under ``reading="either"`` a port conflicts only when it is both closer than 200 km *and*
nearer than 2 hours. The result always carries the verdict under the other reading too.

Every threshold comes from ``data/rules/admission_national-14.yaml`` through
:func:`portgeo.catalogue.load_catalogue` (``.admission``); nothing is hard-coded here. An input
that is not known (routes, passengers, road network, province facts) makes its criterion
``passed=None`` and the verdict ``"incomplete"``, never a silent pass.
"""

from __future__ import annotations

import dataclasses
import difflib
import logging
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from portgeo import crs as _crs
from portgeo.errors import InputError, PortgeoError
from portgeo.geodesy import geodesic_distance_m

__all__ = [
    "READINGS",
    "SETTINGS",
    "AdmissionResult",
    "AdmissionRule",
    "Candidate",
    "Criterion",
    "OpenPorts",
    "ProvinceGate",
    "as_router",
    "check_airport",
    "check_airports",
    "derive_setting",
    "load_admission_rule",
    "load_check_network",
    "load_open_air_ports",
    "read_open_ports_csv",
    "resolve_candidate",
    "suggest_iata",
]

logger = logging.getLogger(__name__)

Reading = Literal["both", "either"]
Setting = Literal["coastal", "inland", "border"]
READINGS: tuple[str, ...] = ("both", "either")
SETTINGS: tuple[str, ...] = ("coastal", "inland", "border")

#: Rough lon/lat box of China, used only when :mod:`portgeo.boundaries` is not available.
_CHINA_BBOX = (73.4, 18.0, 135.1, 53.6)
#: An opened air port this close to the candidate is taken to be the candidate itself (km).
SELF_MATCH_KM = 5.0
#: Upper bound on road speed used to decide which opened ports could possibly lie within the drive
#: threshold (a port farther than threshold x this speed in straight line cannot). A screening
#: bound only, not a rule parameter.
SCREEN_SPEED_KMH = 150.0
#: Always measure the road to at least this many nearest opened ports (for the report).
MIN_PORTS_MEASURED = 5


# ------------------------------------------------------------------------------------------------
# The rule's parameters
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AdmissionRule:
    """Parameters of the 专栏5 airport rule, read from the admission YAML.

    Attributes
    ----------
    min_distance_km : float
        Minimum straight-line distance to every opened air port (200).
    min_drive_min : float
        Minimum drive time to every opened air port, minutes (120).
    min_routes : dict
        Minimum fixed direct routes by setting (``coastal``, ``inland``, ``border``).
    min_passengers : dict
        Minimum peak annual passengers by setting (persons per year).
    routes_scope : dict
        What counts as a route, by setting (e.g. "domestic fixed direct routes").
    unaccepted_years : float
        Years since State Council approval after which a not-yet-accepted port triggers the gate.
    max_ports_below_standard : int
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
    def from_mapping(cls, data: Mapping[str, Any], *, source: str = "") -> AdmissionRule:
        """Build the rule from the ``admission`` mapping of the catalogue.

        Parameters
        ----------
        data : mapping
            The parsed ``admission_national-14.yaml``.
        source : str, optional
            Label of where the mapping came from.

        Returns
        -------
        AdmissionRule
        """
        return _rule_from_mapping(data, source=source)


def _first(d: Mapping[str, Any], *keys: str, default: Any = None) -> Any:
    for key in keys:
        if isinstance(d, Mapping) and key in d and d[key] is not None:
            return d[key]
    return default


def _rule_from_mapping(data: Mapping[str, Any], *, source: str) -> AdmissionRule:
    """Parse the admission YAML (see ``data/rules/admission_national-14.yaml``)."""
    air = _first(data, "airport", "air", "air_port", "航空口岸", default=data)
    spacing = _first(air, "spacing", "distance", default=air)
    min_km = _first(spacing, "min_distance_km", "distance_km", "km")
    min_h = _first(spacing, "min_drive_hours", "drive_hours", "hours")
    min_min = _first(spacing, "min_drive_minutes", "drive_minutes", "minutes")
    if min_min is None and min_h is not None:
        min_min = float(min_h) * 60.0
    by_setting = _first(air, "settings", "thresholds", "by_setting", default={})
    routes: dict[str, float] = {}
    pax: dict[str, float] = {}
    scope: dict[str, str] = {}
    for name in SETTINGS:
        s = _first(by_setting, name, default={})
        r = _first(s, "min_routes", "routes", "min_direct_routes")
        p = _first(s, "min_passengers", "passengers", "min_peak_passengers")
        if r is not None:
            routes[name] = float(r)
        if p is not None:
            pax[name] = float(p)
        sc = _first(s, "routes_scope", "route_scope", "routes_note", "routes_zh")
        if sc is not None:
            scope[name] = str(sc)
    gate = _first(air, "province_gate", "gate", default=_first(data, "province_gate", default={}))
    deriv = _first(
        air,
        "setting_derivation",
        "derivation",
        default=_first(data, "setting_derivation", default={}),
    )
    missing = (
        [n for n, v in (("min_distance_km", min_km), ("min_drive", min_min)) if v is None]
        + [f"routes[{s}]" for s in SETTINGS if s not in routes]
        + [f"passengers[{s}]" for s in SETTINGS if s not in pax]
    )
    if missing:
        raise PortgeoError(
            f"admission rule {source or '(mapping)'} lacks {', '.join(missing)}; "
            "fix data/rules/admission_national-14.yaml"
        )
    coast_km = _first(deriv, "coast_km", "coastal_max_km", "max_coast_km")
    border_km = _first(deriv, "border_km", "border_max_km", "max_border_km")
    return AdmissionRule(
        min_distance_km=float(min_km),
        min_drive_min=float(min_min),
        min_routes=routes,
        min_passengers=pax,
        routes_scope=scope,
        unaccepted_years=float(
            _first(gate, "unaccepted_years", "approved_years", default=math.nan)
        ),
        max_ports_below_standard=float(
            _first(gate, "max_ports_below_standard", "below_standard_max", default=math.nan)
        ),
        coastal_provinces=tuple(_first(deriv, "coastal_provinces", default=()) or ()),
        border_provinces=tuple(_first(deriv, "border_provinces", default=()) or ()),
        coast_km=None if coast_km is None else float(coast_km),
        border_km=None if border_km is None else float(border_km),
        source=source,
        text_zh=str(_first(air, "text_zh", default=_first(data, "text_zh", default="")) or ""),
    )


def load_admission_rule() -> AdmissionRule:
    """Load the 专栏5 airport rule from the catalogue.

    The thresholds come from ``data/rules/admission_national-14.yaml`` (the plan's numbers,
    :attr:`portgeo.catalogue.Catalogue.admission`); the setting derivation (coastal and border
    provinces, distance limits) from ``data/rules/airport_settings.yaml``, when present.

    Returns
    -------
    AdmissionRule
    """
    import yaml

    from portgeo.catalogue import data_path, load_catalogue

    data = dict(load_catalogue().admission)
    source = "data/rules/admission_national-14.yaml"
    extra = data_path("rules", "airport_settings.yaml")
    if extra.is_file() and "setting_derivation" not in data:
        more = yaml.safe_load(extra.read_text(encoding="utf-8")) or {}
        data["setting_derivation"] = more.get("setting_derivation", {})
        source += " + data/rules/airport_settings.yaml"
    return AdmissionRule.from_mapping(data, source=source)


# ------------------------------------------------------------------------------------------------
# Inputs
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A candidate airport (WGS84).

    Attributes
    ----------
    name : str
        Display name.
    lat, lon : float
        WGS84 degrees.
    iata : str or None
        IATA code when known.
    province : str or None
        Provincial unit (filled by the check from :mod:`portgeo.boundaries` when absent).
    """

    name: str
    lat: float
    lon: float
    iata: str | None = None
    province: str | None = None


@dataclass(frozen=True)
class ProvinceGate:
    """Province-level facts of the 从严控制 gate; ``None`` means not known.

    Attributes
    ----------
    exiting_port : bool or None
        The province has an air port that must exit (应予退出).
    unaccepted_port : bool or None
        The province has an air port approved by the State Council more than the rule's number of
        years ago and still not accepted (已满3年仍未通过验收).
    ports_below_standard : int or None
        Number of the province's air ports below the annual volume standard (专栏6).
    """

    exiting_port: bool | None = None
    unaccepted_port: bool | None = None
    ports_below_standard: int | None = None


@dataclass
class OpenPorts:
    """The set of already-opened air ports a candidate is compared with.

    Attributes
    ----------
    table : pandas.DataFrame
        Columns ``id, name_zh, iata, lat, lon, source``.
    label : str
        Which set this is, for reports.
    """

    table: pd.DataFrame
    label: str


_OPEN_COLUMNS = ["id", "name_zh", "iata", "lat", "lon", "source"]


def _data_dir() -> Path:
    from portgeo.catalogue import data_path

    return data_path()


def read_open_ports_csv(path: str | Path) -> pd.DataFrame:
    """Read a CSV of opened air ports (``id,name_zh,iata,lat,lon[,source]``).

    Parameters
    ----------
    path : str or Path
        The file.

    Returns
    -------
    pandas.DataFrame
        Columns ``id, name_zh, iata, lat, lon, source``.

    Raises
    ------
    InputError
        When the file is missing, lacks a column or has a bad coordinate.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"open-ports file {path} does not exist")
    try:
        df = pd.read_csv(path, dtype={"id": str, "name_zh": str, "iata": str, "source": str})
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read open-ports file {path}: {exc}".splitlines()[0]) from exc
    if "site_id" in df.columns:
        df = _fill_from_sites(df, path)
    missing = [c for c in ("id", "name_zh", "iata", "lat", "lon") if c not in df.columns]
    if missing:
        raise InputError(
            f"open-ports file {path} lacks column(s) {', '.join(missing)}; "
            "expected id,name_zh,iata,lat,lon[,source]"
        )
    for col in ("lat", "lon"):
        vals = pd.to_numeric(df[col], errors="coerce")
        bad = df.index[vals.isna() | ~np.isfinite(vals.astype(float))]
        if len(bad):
            raise InputError(
                f"open-ports file {path}: row {int(bad[0]) + 2} has a non-numeric {col} "
                f"({df.loc[bad[0], col]!r})"
            )
        df[col] = vals.astype(float)
    if "source" not in df.columns:
        df["source"] = f"user file {path.name}"
    df["source"] = df["source"].fillna(f"user file {path.name}")
    df["iata"] = df["iata"].fillna("").str.strip().str.upper()
    return df[_OPEN_COLUMNS].reset_index(drop=True)


def _fill_from_sites(df: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Take lat/lon of rows that name a catalogue ``site_id`` from ``data/sites`` (one source)."""
    from portgeo.catalogue import load_catalogue

    sites = load_catalogue().sites.set_index("site_id")
    df = df.copy()
    for col in ("lat", "lon"):
        if col not in df.columns:
            df[col] = np.nan
        df[col] = pd.to_numeric(df[col], errors="coerce")
    for i, sid in df["site_id"].items():
        if not isinstance(sid, str) or not sid.strip() or pd.notna(df.at[i, "lat"]):
            continue
        if sid not in sites.index:
            raise InputError(
                f"open-ports file {path}: row {int(i) + 2} names unknown site_id {sid!r}"
            )
        df.at[i, "lat"] = float(sites.at[sid, "lat"])
        df.at[i, "lon"] = float(sites.at[sid, "lon"])
    return df


def load_open_air_ports(path: str | Path | pd.DataFrame | None = None) -> OpenPorts:
    """Load the set of already-opened air ports.

    Parameters
    ----------
    path : str, Path, DataFrame or None
        ``None``: the default set, i.e. every airport of the catalogue's national-14 专栏4 hubs
        that has a site, plus ``data/open_air_ports.csv`` (further opened air ports, each with a
        stated source; a row may give a catalogue ``site_id`` instead of lat/lon). A path: the user's CSV (``id,name_zh,iata,lat,lon[,source]``), used alone.
        A DataFrame with those columns is used as is.

    Returns
    -------
    OpenPorts
    """
    if isinstance(path, pd.DataFrame):
        df = path.copy()
        if "source" not in df.columns:
            df["source"] = "given table"
        return OpenPorts(df[_OPEN_COLUMNS].reset_index(drop=True), f"given table ({len(df)} ports)")
    if path is not None:
        df = read_open_ports_csv(path)
        return OpenPorts(df, f"user file {Path(path).name} ({len(df)} ports)")
    from portgeo.catalogue import load_entities

    hubs = load_entities(plan="national-14", column=4, kind="air", located_only=True)
    hub_df = pd.DataFrame(
        {
            "id": hubs["id"].astype(str),
            "name_zh": hubs["name_zh"].astype(str),
            "iata": hubs["iata"].fillna("").astype(str).str.upper() if "iata" in hubs else "",
            "lat": hubs.geometry.y.astype(float),
            "lon": hubs.geometry.x.astype(float),
            "source": "national-14 专栏4 "
            + hubs.get("role", pd.Series("", index=hubs.index)).fillna("").astype(str),
        }
    )
    parts = [hub_df]
    label = f"national-14 专栏4 air hubs ({len(hub_df)} airports)"
    extra_path = _data_dir() / "open_air_ports.csv"
    if extra_path.is_file():
        extra = read_open_ports_csv(extra_path)
        extra = extra[~extra["iata"].isin(set(hub_df["iata"]) - {""})]
        parts.append(extra)
        label += f" + data/open_air_ports.csv ({len(extra)} airports)"
    df = pd.concat(parts, ignore_index=True)
    return OpenPorts(df, label)


def _airportsdata() -> dict[str, dict[str, Any]]:
    import airportsdata

    return airportsdata.load("IATA")


def _catalogue_airport(iata: str) -> dict[str, Any] | None:
    """Look an IATA code up in the catalogue's sites (which carry coordinate overrides)."""
    try:
        from portgeo.catalogue import load_catalogue

        sites = load_catalogue().sites
    except (ImportError, PortgeoError, FileNotFoundError) as exc:  # pragma: no cover
        logger.debug("catalogue not available for IATA lookup: %s", exc)
        return None
    if "iata" not in sites.columns:
        return None
    rows = sites[sites["iata"].fillna("").astype(str).str.upper() == iata]
    rows = rows[rows["lat"].notna() & rows["lon"].notna()] if len(rows) else rows
    if not len(rows):
        return None
    row = rows.iloc[0]
    return {
        "name": str(row.get("name_zh") or row.get("name_en") or iata),
        "lat": float(row["lat"]),
        "lon": float(row["lon"]),
        "source": f"catalogue site {row.get('site_id', '')}".strip(),
    }


def suggest_iata(code: str, *, n: int = 3) -> list[str]:
    """Suggest close IATA codes or names for a code that is not known.

    Parameters
    ----------
    code : str
        What the user typed.
    n : int, optional
        How many suggestions.

    Returns
    -------
    list of str
        ``"CODE (name)"`` strings, best first; Chinese airports first.
    """
    data = _airportsdata()
    code_u = code.strip().upper()
    cn = [k for k, v in data.items() if v.get("country") == "CN"]
    hits = difflib.get_close_matches(code_u, cn, n=n, cutoff=0.6)
    if len(hits) < n:
        hits += [
            h
            for h in difflib.get_close_matches(code_u, list(data), n=n, cutoff=0.6)
            if h not in hits
        ]
    names = {v["name"].upper(): k for k, v in data.items() if v.get("country") == "CN"}
    names.update(
        {
            v["city"].upper(): k
            for k, v in data.items()
            if v.get("country") == "CN" and v.get("city")
        }
    )
    for name in difflib.get_close_matches(code_u, list(names), n=n, cutoff=0.5):
        if names[name] not in hits:
            hits.append(names[name])
    return [f"{h} ({data[h]['name']})" for h in hits[:n]]


def _point_gdf(lon: float, lat: float):
    import geopandas as gpd

    return gpd.GeoDataFrame(geometry=gpd.points_from_xy([lon], [lat]), crs="EPSG:4326")


def _in_china(lon: float, lat: float, *, include_hk_mo: bool = True) -> tuple[bool, str]:
    """Whether a point lies in China; second value names the method used."""
    try:
        from portgeo import boundaries

        inside = boundaries.points_in_china(_point_gdf(lon, lat), include_hk_mo=include_hk_mo)
        return bool(inside.iloc[0]), "China's boundary (portgeo.boundaries)"
    except (ImportError, PortgeoError, OSError) as exc:
        logger.info("boundary check unavailable (%s); using a bounding box", exc)
    x0, y0, x1, y1 = _CHINA_BBOX
    return (x0 <= lon <= x1 and y0 <= lat <= y1), "a bounding box (boundary data unavailable)"


def _as_float(value: Any, what: str) -> float:
    try:
        out = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{what} must be a number, got {value!r}") from None
    if not math.isfinite(out):
        raise InputError(f"{what} must be a finite number, got {value!r}")
    return out


def resolve_candidate(
    *,
    iata: str | None = None,
    name: str | None = None,
    lat: Any = None,
    lon: Any = None,
    crs: str = "wgs84",
) -> Candidate:
    """Turn user input into a validated WGS84 :class:`Candidate`.

    Parameters
    ----------
    iata : str, optional
        IATA code; the point comes from the catalogue's sites (with their overrides) or
        ``airportsdata``. When lat/lon are also given they win.
    name : str, optional
        Display name.
    lat, lon : float, optional
        Coordinates in degrees.
    crs : {"wgs84", "gcj02"}
        Datum of the given lat/lon; ``gcj02`` (Amap/Gaode) is converted to WGS84.

    Returns
    -------
    Candidate

    Raises
    ------
    InputError
        Unknown IATA (with suggestions), non-numeric or missing coordinates, swapped lat/lon, a
        point outside China.
    """
    crs = (crs or "wgs84").lower()
    if crs not in ("wgs84", "gcj02"):
        raise InputError(f"--crs must be wgs84 or gcj02, got {crs!r}")
    code = iata.strip().upper() if isinstance(iata, str) and iata.strip() else None
    if lat is None or lon is None or (isinstance(lat, float) and math.isnan(lat) and code):
        lat = lon = None
    if code and lat is None:
        hit = _catalogue_airport(code)
        if hit is None:
            ap = _airportsdata().get(code)
            if ap is None:
                sugg = suggest_iata(code)
                hint = f"; did you mean {', '.join(sugg)}?" if sugg else ""
                raise InputError(f"unknown IATA code {code!r}{hint}")
            hit = {"name": ap["name"], "lat": float(ap["lat"]), "lon": float(ap["lon"])}
        lat_f, lon_f = hit["lat"], hit["lon"]
        name = name or hit["name"]
    else:
        if lat is None or lon is None:
            raise InputError("give --iata CODE, or --name with both --lat and --lon")
        lat_f = _as_float(lat, "latitude")
        lon_f = _as_float(lon, "longitude")
        if not (-90 <= lat_f <= 90 and -180 <= lon_f <= 180):
            if -90 <= lon_f <= 90 and -180 <= lat_f <= 180:
                ok, _ = _in_china(lat_f, lon_f)
                if ok:
                    raise InputError(
                        f"latitude {lat_f} and longitude {lon_f} look swapped: "
                        f"(lat {lon_f}, lon {lat_f}) is in China; pass --lat {lon_f} --lon {lat_f}"
                    )
            raise InputError(f"latitude {lat_f} / longitude {lon_f} out of range")
        if crs == "gcj02":
            lon_f, lat_f = _crs.gcj02_to_wgs84(lon_f, lat_f)
            lon_f, lat_f = float(lon_f), float(lat_f)
    inside, how = _in_china(lon_f, lat_f)
    if inside and how.startswith("China's boundary"):
        mainland, _ = _in_china(lon_f, lat_f, include_hk_mo=False)
        if not mainland:
            raise InputError(
                f"point (lat {lat_f:g}, lon {lon_f:g}) lies in Hong Kong or Macao, which the "
                "national port plan's admission rule does not cover"
            )
    if not inside:
        if -90 <= lon_f <= 90:
            swapped_in, _ = _in_china(lat_f, lon_f)
            if swapped_in:
                raise InputError(
                    f"latitude {lat_f:g} and longitude {lon_f:g} look swapped: "
                    f"(lat {lon_f:g}, lon {lat_f:g}) is in China; pass --lat {lon_f:g} --lon {lat_f:g}"
                )
        raise InputError(
            f"point (lat {lat_f:g}, lon {lon_f:g}) is outside China (checked with {how}); "
            "the admission rule applies to airports in China"
        )
    return Candidate(
        name=str(name or code or f"{lat_f:.4f},{lon_f:.4f}"), lat=lat_f, lon=lon_f, iata=code
    )


def _as_candidate(candidate: Candidate | Mapping[str, Any] | str | pd.Series) -> Candidate:
    if isinstance(candidate, Candidate):
        return candidate
    if isinstance(candidate, str):
        return resolve_candidate(iata=candidate)
    if isinstance(candidate, pd.Series):
        candidate = candidate.to_dict()
    if isinstance(candidate, Mapping):
        c = resolve_candidate(
            iata=_clean(candidate.get("iata")),
            name=_clean(candidate.get("name")) or _clean(candidate.get("name_zh")),
            lat=_clean(candidate.get("lat")),
            lon=_clean(candidate.get("lon")),
            crs=_clean(candidate.get("crs")) or "wgs84",
        )
        prov = _clean(candidate.get("province"))
        return dataclasses.replace(c, province=prov) if prov else c
    raise InputError(f"cannot read a candidate from {type(candidate).__name__}")


def _clean(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, str) and not v.strip():
        return None
    return v


# ------------------------------------------------------------------------------------------------
# Setting (coastal / inland / border)
# ------------------------------------------------------------------------------------------------


def _province_at(lon: float, lat: float) -> str | None:
    """Provincial unit containing a point (:func:`portgeo.boundaries.load_provinces`)."""
    try:
        import shapely

        from portgeo import boundaries

        prov = boundaries.load_provinces()
        hit = prov[shapely.contains_xy(prov.geometry.values, lon, lat)]
    except (ImportError, PortgeoError, OSError) as exc:
        logger.info("province lookup unavailable: %s", exc)
        return None
    return str(hit.iloc[0]["name_zh"]) if len(hit) else None


def _coast_km_at(lon: float, lat: float) -> float | None:
    """Geodesic distance to China's coast, km (:func:`portgeo.boundaries.distance_to_coast_km`)."""
    try:
        from portgeo import boundaries

        d = float(boundaries.distance_to_coast_km(_point_gdf(lon, lat)).iloc[0])
    except (ImportError, PortgeoError, OSError) as exc:
        logger.info("distance to the coast unavailable: %s", exc)
        return None
    return d if math.isfinite(d) else None


def _border_km_at(lon: float, lat: float) -> float | None:
    """Geodesic distance to China's land boundary (any neighbour), km."""
    try:
        from portgeo import boundaries

        pt = _point_gdf(lon, lat)
        dists = [
            float(boundaries.distance_to_border_km(pt, iso).iloc[0])
            for iso in boundaries.LAND_NEIGHBOURS
        ]
    except (ImportError, PortgeoError, OSError) as exc:
        logger.info("distance to the land boundary unavailable: %s", exc)
        return None
    dists = [d for d in dists if math.isfinite(d)]
    return min(dists) if dists else None


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
        Province; looked up with :mod:`portgeo.boundaries` when absent.
    coast_km, border_km : float, optional
        Distances to the coast and land boundary; looked up when absent.

    Returns
    -------
    (setting or None, explanation)
        ``None`` when the facts needed are not available.
    """
    if not rule.coastal_provinces and not rule.border_provinces:
        return None, "the rule file lists no coastal/border provinces; pass --setting"
    province = province or _province_at(lon, lat)
    if not province:
        return None, "province unknown (no provincial unit contains the point); pass --setting"
    bits = [f"province {province}"]
    if _province_matches(province, rule.coastal_provinces):
        if coast_km is None and rule.coast_km is not None:
            coast_km = _coast_km_at(lon, lat)
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
            border_km = _border_km_at(lon, lat)
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
# ------------------------------------------------------------------------------------------------


class _CatchmentRouter:
    """Adapter from a :mod:`portgeo.networks` network to the calls the check makes."""

    def __init__(self, network: Any) -> None:
        self.network = network
        self.source = str(getattr(network, "source", getattr(network, "name", "network")))
        self.approximate = getattr(network, "approximate", None)

    def measure_to_destinations(self, origin, destinations, cutoff_minutes=None):
        from portgeo import catchments

        return catchments.measure_to_destinations(
            self.network, origin, destinations, cutoff_minutes=cutoff_minutes
        )

    def fastest_route(self, origin, dest):
        from portgeo import catchments

        return catchments.fastest_route(self.network, origin, dest)

    def compute_catchments(self, points, *, minutes):
        from portgeo import catchments

        out = catchments.compute_catchments(
            self.network, points, max_minutes=minutes, kinds=("time",), progress=False
        )
        return out.geometry.reset_index(drop=True)


#: Road classes fetched from Overpass for an admission check (drives between airports run on
#: the major roads; a box of several hundred km down to tertiary roads is too big to query).
OVERPASS_ROAD_CLASSES: tuple[str, ...] = (
    "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link",
)  # fmt: skip


def load_check_network(source: str | Path, candidate: Candidate, *, rule: AdmissionRule) -> Any:
    """Load the road network for checking one candidate.

    Parameters
    ----------
    source : str or Path
        ``"offline"`` (the whole offline graph), ``"overpass"`` (major roads, see
        :data:`OVERPASS_ROAD_CLASSES`, in a box around the candidate wide enough to reach every
        port that could lie within the drive threshold) or a ``.osm.pbf``/``.osm`` path.
    candidate : Candidate
        The candidate (centre of an Overpass query).
    rule : AdmissionRule
        Gives the drive threshold that sizes the Overpass box.

    Returns
    -------
    object
        A router for :func:`check_airport`.
    """
    from portgeo.networks import load_network

    if str(source) == "overpass":
        half_km = rule.min_drive_min / 60.0 * SCREEN_SPEED_KMH * 1.1
        return as_router(
            load_network(
                "overpass", center=(candidate.lon, candidate.lat), dist_m=half_km * 1000.0,
                road_filter=OVERPASS_ROAD_CLASSES,
            )
        )  # fmt: skip
    return as_router(load_network(str(source)))


def as_router(network: Any) -> Any:
    """Wrap a network so the check can call it.

    Parameters
    ----------
    network : object, str or None
        A network from :func:`portgeo.networks.load_network`; a source string (``"offline"``,
        ``"overpass"`` or a ``.osm.pbf`` path) to load; an object that already implements
        ``measure_to_destinations(origin, destinations, cutoff_minutes=None)`` (e.g. a test
        double); or ``None`` (no road network: the drive criterion stays unknown).

    Returns
    -------
    object or None
        Something with ``measure_to_destinations``, ``fastest_route``, ``compute_catchments``,
        ``source`` and ``approximate``.
    """
    if network is None:
        return None
    if isinstance(network, (str, Path)):
        from portgeo.networks import load_network

        network = load_network(str(network))
    if callable(getattr(network, "measure_to_destinations", None)):
        return network
    return _CatchmentRouter(network)


# ------------------------------------------------------------------------------------------------
# Results
# ------------------------------------------------------------------------------------------------


@dataclass
class Criterion:
    """One criterion of the rule.

    Attributes
    ----------
    id : str
        ``distance_200km``, ``drive_2h``, ``routes``, ``passengers`` or ``province_gate``.
    passed : bool or None
        ``None`` when an input is unknown.
    value : object
        The measured or given value.
    threshold : object
        What the rule asks for.
    explanation : str
        One or two sentences for a planner.
    """

    id: str
    passed: bool | None
    value: Any
    threshold: Any
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "id": self.id,
            "passed": self.passed,
            "value": _jsonable(self.value),
            "threshold": _jsonable(self.threshold),
            "explanation": self.explanation,
        }


def _jsonable(v: Any) -> Any:
    if isinstance(v, Mapping):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, (np.bool_,)):
        return bool(v)
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        f = float(v)
        return None if not math.isfinite(f) else round(f, 6)
    return v


@dataclass
class AdmissionResult:
    """Outcome of :func:`check_airport`.

    Attributes
    ----------
    candidate : dict
        ``name, iata, lat, lon, province, setting, setting_source``.
    network : dict
        ``source, approximate`` of the road network (``None`` values without one).
    nearest_open_ports : list of dict
        Opened air ports sorted by geodesic distance: ``id, name_zh, iata, distance_km, road_km,
        drive_min, reachable``.
    criteria : list of Criterion
    verdict : str
        ``pass``, ``fail`` or ``incomplete``.
    reading : str
        ``both`` or ``either``.
    spacing : dict
        The combined distance/drive verdict under both readings.
    open_ports_set : str
        Which set of opened air ports was used.
    notes : list of str
        Anything the reader should know (self-exclusion, unmeasured ports, ...).
    """

    candidate: dict[str, Any]
    network: dict[str, Any]
    nearest_open_ports: list[dict[str, Any]]
    criteria: list[Criterion]
    verdict: str
    reading: str
    spacing: dict[str, Any]
    open_ports_set: str
    notes: list[str] = field(default_factory=list)
    verdict_other_reading: str = ""

    def criterion(self, cid: str) -> Criterion:
        """Return the criterion with id ``cid``."""
        for c in self.criteria:
            if c.id == cid:
                return c
        raise KeyError(cid)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready dict printed by ``portgeo check-airport --json``."""
        return {
            "candidate": _jsonable(self.candidate),
            "network": _jsonable(self.network),
            "open_ports_set": self.open_ports_set,
            "nearest_open_ports": _jsonable(self.nearest_open_ports),
            "criteria": [c.to_dict() for c in self.criteria],
            "reading": self.reading,
            "spacing": _jsonable(self.spacing),
            "verdict": self.verdict,
            "verdict_other_reading": self.verdict_other_reading,
            "notes": list(self.notes),
        }


# ------------------------------------------------------------------------------------------------
# The check
# ------------------------------------------------------------------------------------------------


def _all_ok(values: Iterable[bool | None]) -> bool | None:
    """Kleene AND: False if any False, else None if any None, else True."""
    vals = list(values)
    if any(v is False for v in vals):
        return False
    if any(v is None for v in vals):
        return None
    return True


def _verdict(values: Iterable[bool | None]) -> str:
    v = _all_ok(values)
    return "pass" if v is True else "fail" if v is False else "incomplete"


def _port_conflict(
    d_km: float, t_min: float | None, rule: AdmissionRule, reading: str
) -> bool | None:
    """Whether one opened port is too close under a reading (None: cannot tell)."""
    near = d_km < rule.min_distance_km
    quick = None if t_min is None else t_min < rule.min_drive_min
    if reading == "both":  # conflict if near OR quick
        if near or quick is True:
            return True
        return None if quick is None else False
    # either: conflict if near AND quick
    if not near or quick is False:
        return False
    return None if quick is None else True


def _spacing_ok(ports: pd.DataFrame, rule: AdmissionRule, reading: str) -> bool | None:
    conflicts = [
        _port_conflict(d, None if pd.isna(t) else float(t), rule, reading)
        for d, t in zip(ports["distance_km"], ports["drive_eff"], strict=True)
    ]
    return _all_ok([None if c is None else not c for c in conflicts])


def _measure(
    router: Any, cand: Candidate, ports: pd.DataFrame, rule: AdmissionRule
) -> tuple[pd.DataFrame, list[str]]:
    """Add road_km, drive_min, reachable, measured to ``ports`` (sorted by distance)."""
    notes: list[str] = []
    ports = ports.copy()
    ports["road_km"] = np.nan
    ports["drive_min"] = np.nan
    ports["reachable"] = None
    ports["measured"] = False
    if router is None:
        return ports, notes
    vmax = float(
        getattr(router, "max_speed_kmh", None)
        or getattr(getattr(router, "network", None), "max_speed_kmh", None)
        or SCREEN_SPEED_KMH
    )
    screen_km = max(rule.min_distance_km, rule.min_drive_min / 60.0 * vmax)
    mask = (ports["distance_km"] <= screen_km) | (np.arange(len(ports)) < MIN_PORTS_MEASURED)
    sub = ports[mask]
    if len(sub):
        import geopandas as gpd

        dest = gpd.GeoDataFrame(
            sub[["id", "name_zh", "iata"]].copy(),
            geometry=gpd.points_from_xy(sub["lon"], sub["lat"]),
            crs="EPSG:4326",
        )
        res = router.measure_to_destinations((cand.lon, cand.lat), dest, cutoff_minutes=None)
        res = pd.DataFrame(res)
        if len(res) != len(sub):
            raise PortgeoError(
                f"measure_to_destinations returned {len(res)} rows for {len(sub)} ports"
            )
        res.index = sub.index
        reach = res["reachable"].astype(bool)
        road_km = pd.to_numeric(res["road_km"], errors="coerce").where(reach)
        drive_min = pd.to_numeric(res["drive_min"], errors="coerce").where(reach)
        ports.loc[sub.index, "road_km"] = road_km.to_numpy(dtype=float)
        ports.loc[sub.index, "drive_min"] = drive_min.to_numpy(dtype=float)
        ports.loc[sub.index, "reachable"] = reach.to_numpy()
        ports.loc[sub.index, "measured"] = True
    n_unmeasured = int((~ports["measured"]).sum())
    if n_unmeasured:
        notes.append(
            f"{n_unmeasured} opened air ports lie more than {screen_km:.0f} km away in a straight "
            f"line (cannot be within {rule.min_drive_min:g} min at ≤ {vmax:g} km/h); their roads "
            "were not measured"
        )
    unreachable = ports[ports["measured"] & (ports["reachable"] == False)]  # noqa: E712
    if len(unreachable):
        notes.append(
            "no road connection in this network to "
            + ", ".join(_port_label(r) for r in unreachable.itertuples())
            + "; counted as beyond the drive threshold"
        )
    return ports, notes


def check_airport(
    candidate: Candidate | Mapping[str, Any] | str,
    *,
    routes: float | None = None,
    passengers: float | None = None,
    setting: str | None = None,
    reading: str = "both",
    open_ports: OpenPorts | pd.DataFrame | str | Path | None = None,
    network: Any = None,
    province_gate: ProvinceGate | Mapping[str, Any] | None = None,
    rule: AdmissionRule | None = None,
) -> AdmissionResult:
    """Check a candidate airport against the 专栏5 admission rule.

    Parameters
    ----------
    candidate : Candidate, mapping or str
        The airport: a :class:`Candidate`, a mapping with ``name``/``iata``/``lat``/``lon``
        (optional ``province``, ``crs``), or an IATA code.
    routes : float, optional
        Fixed direct routes (no stopovers; domestic for coastal airports). ``None``: unknown.
    passengers : float, optional
        Peak annual passenger throughput (persons per year). ``None``: unknown.
    setting : {"coastal", "inland", "border"}, optional
        Overrides the derived setting.
    reading : {"both", "either"}
        How "200公里或2小时车程以上" is read; see the module docstring.
    open_ports : OpenPorts, DataFrame, path or None
        Opened air ports to compare with; ``None`` uses :func:`load_open_air_ports`.
    network : object, str or None
        Road network (see :func:`as_router`); ``None`` leaves the drive criterion unknown.
    province_gate : ProvinceGate or mapping, optional
        Province facts; unknown facts leave the gate unknown unless a known one triggers it.
    rule : AdmissionRule, optional
        The rule's parameters; ``None`` reads them from the catalogue.

    Returns
    -------
    AdmissionResult

    Raises
    ------
    InputError
        Bad candidate, reading, setting or counts.
    SnapError
        The candidate is too far from the road network.
    """
    if reading not in READINGS:
        raise InputError(f"reading must be 'both' or 'either', got {reading!r}")
    if setting is not None and setting not in SETTINGS:
        raise InputError(f"setting must be coastal, inland or border, got {setting!r}")
    rule = rule or load_admission_rule()
    cand = _as_candidate(candidate)
    routes_v = None if _clean(routes) is None else _as_float(routes, "routes")
    pax_v = None if _clean(passengers) is None else _as_float(passengers, "passengers")
    for what, v in (("routes", routes_v), ("passengers", pax_v)):
        if v is not None and v < 0:
            raise InputError(f"{what} must not be negative, got {v:g}")
    gate = _as_gate(province_gate)
    notes: list[str] = []

    # --- setting --------------------------------------------------------------------------------
    province = cand.province or _province_at(cand.lon, cand.lat)
    if setting is not None:
        setting_v, setting_src = setting, "given"
        setting_expl = "given by the user"
    else:
        setting_v, setting_expl = derive_setting(cand.lon, cand.lat, rule=rule, province=province)
        setting_src = "derived" if setting_v else "unknown"
    notes.append(f"setting: {setting_v or 'unknown'} ({setting_expl})")

    # --- opened ports ---------------------------------------------------------------------------
    op = open_ports if isinstance(open_ports, OpenPorts) else load_open_air_ports(open_ports)
    ports = op.table.copy()
    ports["distance_km"] = (
        np.asarray(
            geodesic_distance_m(
                cand.lon, cand.lat, ports["lon"].to_numpy(), ports["lat"].to_numpy()
            )
        )
        / 1000.0
    )
    self_mask = ports["distance_km"] < SELF_MATCH_KM
    if cand.iata:
        self_mask |= ports["iata"].fillna("").astype(str).str.upper() == cand.iata
    if self_mask.any():
        names = ", ".join(_port_label(r) for r in ports[self_mask].itertuples())
        notes.append(
            f"the candidate is itself an opened air port in the comparison set ({names}); "
            "excluded from the comparison"
        )
        ports = ports[~self_mask]
    if not len(ports):
        raise InputError("the set of opened air ports is empty (after excluding the candidate)")
    ports = ports.sort_values("distance_km").reset_index(drop=True)

    # --- road measures --------------------------------------------------------------------------
    router = as_router(network)
    ports, mnotes = _measure(router, cand, ports, rule)
    notes.extend(mnotes)
    # effective drive time for the rule: unreachable or unmeasured (too far) = infinitely far
    if router is None:
        ports["drive_eff"] = np.nan
    else:
        ports["drive_eff"] = ports["drive_min"].where(ports["reachable"] == True, math.inf)  # noqa: E712

    criteria: list[Criterion] = []
    nearest = ports.iloc[0]
    min_d = float(nearest["distance_km"])
    close = ports[ports["distance_km"] < rule.min_distance_km]
    criteria.append(
        Criterion(
            "distance_200km",
            bool(min_d >= rule.min_distance_km),
            round(min_d, 1),
            rule.min_distance_km,
            f"nearest opened air port {_port_label(nearest)} is {min_d:.0f} km away in a straight line"
            + (
                f"; {len(close)} opened port(s) within {rule.min_distance_km:g} km"
                if len(close)
                else ""
            )
            + f" (rule: ≥ {rule.min_distance_km:g} km / 距已开放航空口岸{rule.min_distance_km:g}公里以上)",
        )
    )
    if router is None:
        criteria.append(
            Criterion(
                "drive_2h",
                None,
                None,
                rule.min_drive_min,
                "no road network given: drive time unknown (pass --network)",
            )
        )
    else:
        fin = ports[np.isfinite(ports["drive_eff"].astype(float))]
        if len(fin):
            q = fin.loc[fin["drive_eff"].astype(float).idxmin()]
            tmin = float(q["drive_eff"])
            quick = fin[fin["drive_eff"].astype(float) < rule.min_drive_min]
            criteria.append(
                Criterion(
                    "drive_2h",
                    bool(tmin >= rule.min_drive_min),
                    round(tmin, 1),
                    rule.min_drive_min,
                    f"quickest drive to an opened air port: {_port_label(q)}, {tmin:.0f} min "
                    f"({float(q['road_km']):.0f} km by road)"
                    + (
                        f"; {len(quick)} opened port(s) within {rule.min_drive_min:g} min"
                        if len(quick)
                        else ""
                    )
                    + f" (rule: ≥ {rule.min_drive_min:g} min / 2小时车程以上)",
                )
            )
        else:
            criteria.append(
                Criterion(
                    "drive_2h",
                    True,
                    None,
                    rule.min_drive_min,
                    "no opened air port is reachable by road within the network",
                )
            )

    spacing_here = _spacing_ok(ports, rule, reading)
    other = "either" if reading == "both" else "both"
    spacing_other = _spacing_ok(ports, rule, other)
    conflicts = [
        str(r.id)
        for r in ports.itertuples()
        if _port_conflict(
            r.distance_km, None if pd.isna(r.drive_eff) else float(r.drive_eff), rule, reading
        )
    ]

    # --- routes and passengers ------------------------------------------------------------------
    criteria.append(
        _count_criterion(
            "routes", routes_v, setting_v, rule.min_routes, rule, "fixed direct routes"
        )
    )
    criteria.append(
        _count_criterion(
            "passengers", pax_v, setting_v, rule.min_passengers, rule, "peak annual passengers"
        )
    )
    criteria.append(_gate_criterion(gate, province, rule))

    rest = [c.passed for c in criteria if c.id in ("routes", "passengers", "province_gate")]
    verdict = _verdict([spacing_here, *rest])
    verdict_other = _verdict([spacing_other, *rest])
    spacing = {
        "reading": reading,
        "passed": spacing_here,
        "other_reading": other,
        "passed_other_reading": spacing_other,
        "verdict_changes": verdict != verdict_other,
        "conflicting_ports": conflicts,
        "explanation": (
            "both: every opened air port must be ≥ "
            f"{rule.min_distance_km:g} km AND ≥ {rule.min_drive_min:g} min away; either: a port "
            f"conflicts only when it is < {rule.min_distance_km:g} km AND < {rule.min_drive_min:g} min away"
        ),
    }
    if verdict != verdict_other:
        notes.append(
            f"the verdict changes under the '{other}' reading: {verdict} → {verdict_other}"
        )

    nearest_list = [
        {
            "id": str(r.id),
            "name_zh": str(r.name_zh),
            "iata": (str(r.iata) or None) if isinstance(r.iata, str) else None,
            "distance_km": round(float(r.distance_km), 1),
            "road_km": None if pd.isna(r.road_km) else round(float(r.road_km), 1),
            "drive_min": None if pd.isna(r.drive_min) else round(float(r.drive_min), 1),
            "reachable": None
            if r.reachable is None or (isinstance(r.reachable, float) and math.isnan(r.reachable))
            else bool(r.reachable),
            "lat": float(r.lat),
            "lon": float(r.lon),
            "source": str(r.source),
        }
        for r in ports.itertuples()
    ]
    return AdmissionResult(
        candidate={
            "name": cand.name,
            "iata": cand.iata,
            "lat": round(cand.lat, 6),
            "lon": round(cand.lon, 6),
            "province": province,
            "setting": setting_v,
            "setting_source": setting_src,
        },
        network={
            "source": None if router is None else getattr(router, "source", None),
            "approximate": None if router is None else getattr(router, "approximate", None),
        },
        nearest_open_ports=nearest_list,
        criteria=criteria,
        verdict=verdict,
        reading=reading,
        spacing=spacing,
        open_ports_set=op.label,
        notes=notes,
        verdict_other_reading=verdict_other,
    )


def _port_label(row: Any) -> str:
    iata = row["iata"] if isinstance(row, (pd.Series, Mapping)) else row.iata
    name = str(row["name_zh"] if isinstance(row, (pd.Series, Mapping)) else row.name_zh)
    if isinstance(iata, str) and iata and iata not in name:
        return f"{name} ({iata})"
    return name


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _fmt(v: float) -> str:
    return f"{v:,.0f}"


def _count_criterion(
    cid: str,
    value: float | None,
    setting: str | None,
    thresholds: Mapping[str, float],
    rule: AdmissionRule,
    what: str,
) -> Criterion:
    scope = rule.routes_scope.get(setting or "", "") if cid == "routes" else ""
    if setting is not None:
        thr = thresholds[setting]
        if value is None:
            return Criterion(
                cid,
                None,
                None,
                thr,
                f"{what} not given: unknown (rule for {_article(setting)} {setting} airport: ≥ {_fmt(thr)}{'; ' + scope if scope else ''})",
            )
        ok = value >= thr
        return Criterion(
            cid,
            bool(ok),
            value,
            thr,
            f"{_fmt(value)} {what} {'≥' if ok else '<'} {_fmt(thr)} required for {_article(setting)} {setting} airport{' (' + scope + ')' if scope else ''}",
        )
    # setting unknown: decide only when every setting agrees
    thr_all = {s: thresholds[s] for s in SETTINGS}
    if value is None:
        return Criterion(cid, None, None, thr_all, f"{what} not given and setting unknown: unknown")
    oks = {s: value >= t for s, t in thr_all.items()}
    if all(oks.values()):
        return Criterion(
            cid,
            True,
            value,
            thr_all,
            f"{_fmt(value)} {what} meet the threshold of every setting (setting unknown)",
        )
    if not any(oks.values()):
        return Criterion(
            cid,
            False,
            value,
            thr_all,
            f"{_fmt(value)} {what} miss the threshold of every setting (setting unknown)",
        )
    return Criterion(
        cid,
        None,
        value,
        thr_all,
        f"{_fmt(value)} {what}: enough for some settings but not others, and the setting is unknown; pass --setting",
    )


def _as_gate(g: ProvinceGate | Mapping[str, Any] | None) -> ProvinceGate:
    if g is None:
        return ProvinceGate()
    if isinstance(g, ProvinceGate):
        gate = g
    elif isinstance(g, Mapping):
        gate = ProvinceGate(
            exiting_port=_clean(g.get("exiting_port")),
            unaccepted_port=_clean(g.get("unaccepted_port")),
            ports_below_standard=_clean(g.get("ports_below_standard")),
        )
    else:
        raise InputError(
            f"province_gate must be a ProvinceGate or a mapping, got {type(g).__name__}"
        )
    n = gate.ports_below_standard
    if n is not None:
        nf = _as_float(n, "ports below standard")
        if nf < 0 or nf != int(nf):
            raise InputError(f"ports below standard must be a whole number ≥ 0, got {n!r}")
        gate = dataclasses.replace(gate, ports_below_standard=int(nf))
    for name in ("exiting_port", "unaccepted_port"):
        v = getattr(gate, name)
        if v is not None:
            gate = dataclasses.replace(gate, **{name: _as_bool(v, name)})
    return gate


def _as_bool(v: Any, name: str) -> bool:
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    s = str(v).strip().lower()
    if s in ("1", "true", "yes", "y", "是"):
        return True
    if s in ("0", "false", "no", "n", "否"):
        return False
    raise InputError(f"{name} must be yes or no, got {v!r}")


def _gate_criterion(gate: ProvinceGate, province: str | None, rule: AdmissionRule) -> Criterion:
    max_below = rule.max_ports_below_standard
    years = rule.unaccepted_years
    checks: list[tuple[bool | None, str]] = [
        (gate.exiting_port, "an air port due to exit (应予退出)"),
        (
            gate.unaccepted_port,
            f"an air port approved > {years:g} years ago and not yet accepted (已满{years:g}年仍未通过验收)",
        ),
        (
            None
            if gate.ports_below_standard is None or math.isnan(max_below)
            else gate.ports_below_standard > max_below,
            f"{max_below + 1:g} or more air port(s) below the volume standard "
            f"(1个以上; {gate.ports_below_standard if gate.ports_below_standard is not None else '?'} given)",
        ),
    ]
    triggered = [text for v, text in checks if v is True]
    unknown = [text for v, text in checks if v is None]
    where = f"province {province}" if province else "the province"
    value = dataclasses.asdict(gate)
    threshold = {"unaccepted_years": years, "max_ports_below_standard": max_below}
    if triggered:
        return Criterion(
            "province_gate",
            False,
            value,
            threshold,
            f"从严控制: {where} has "
            + "; ".join(triggered)
            + " — airport openings there are strictly controlled in principle",
        )
    if unknown:
        return Criterion(
            "province_gate",
            None,
            value,
            threshold,
            f"not known whether {where} has "
            + "; ".join(unknown)
            + " (pass --exiting-port/--unaccepted-port yes|no, --ports-below-standard N)",
        )
    return Criterion(
        "province_gate",
        True,
        value,
        threshold,
        f"{where} has none of the conditions that trigger 从严控制",
    )


# ------------------------------------------------------------------------------------------------
# Batch
# ------------------------------------------------------------------------------------------------


def check_airports(
    candidates: pd.DataFrame,
    *,
    reading: str = "both",
    open_ports: OpenPorts | pd.DataFrame | str | Path | None = None,
    network: Any = None,
    rule: AdmissionRule | None = None,
    progress: bool | None = None,
    keep_results: bool = False,
) -> pd.DataFrame:
    """Check many candidates; one row out per row in.

    Parameters
    ----------
    candidates : pandas.DataFrame
        Columns ``name`` and/or ``iata``, optional ``lat, lon, crs, province, routes,
        passengers, setting, exiting_port, unaccepted_port, ports_below_standard``. Empty cells
        are unknown.
    reading, open_ports, network, rule
        As in :func:`check_airport` (shared by every row; the network is loaded once).
    progress : bool, optional
        Show a tqdm bar (default :data:`portgeo.settings.progress`).
    keep_results : bool, default False
        Add a column ``result`` holding each row's :class:`AdmissionResult` (None on error), for
        maps and reports.

    Returns
    -------
    pandas.DataFrame
        ``name, iata, lat, lon, province, setting, nearest_open_port, distance_km, road_km,
        drive_min, <criterion>_passed ..., verdict, verdict_other_reading, error``. A row whose
        input is bad gets ``verdict="error"`` and the message in ``error``.
    """
    from tqdm.auto import tqdm

    from portgeo import settings

    if progress is None:
        progress = settings.progress
    rule = rule or load_admission_rule()
    op = open_ports if isinstance(open_ports, OpenPorts) else load_open_air_ports(open_ports)
    router = as_router(network)
    rows = []
    for _, row in tqdm(
        candidates.iterrows(), total=len(candidates), disable=not progress, desc="check airports"
    ):
        rec = row.to_dict()
        out: dict[str, Any] = {"name": _clean(rec.get("name")), "iata": _clean(rec.get("iata"))}
        try:
            res = check_airport(
                rec,
                routes=_clean(rec.get("routes")),
                passengers=_clean(rec.get("passengers")),
                setting=_clean(rec.get("setting")),
                reading=_clean(rec.get("reading")) or reading,
                open_ports=op,
                network=router,
                province_gate={
                    k: rec.get(k)
                    for k in ("exiting_port", "unaccepted_port", "ports_below_standard")
                },
                rule=rule,
            )
        except PortgeoError as exc:
            out.update(verdict="error", error=str(exc))
            if keep_results:
                out["result"] = None
            rows.append(out)
            continue
        c = res.candidate
        near = res.nearest_open_ports[0]
        quick = min(
            (p for p in res.nearest_open_ports if p["drive_min"] is not None and p["reachable"]),
            key=lambda p: p["drive_min"],
            default=None,
        )
        out.update(
            name=c["name"],
            iata=c["iata"],
            lat=c["lat"],
            lon=c["lon"],
            province=c["province"],
            setting=c["setting"],
            nearest_open_port=_port_label(near),
            distance_km=near["distance_km"],
            quickest_open_port=None if quick is None else _port_label(quick),
            road_km=None if quick is None else quick["road_km"],
            drive_min=None if quick is None else quick["drive_min"],
        )
        for crit in res.criteria:
            out[f"{crit.id}_passed"] = crit.passed
        out.update(
            reading=res.reading,
            spacing_passed=res.spacing["passed"],
            verdict=res.verdict,
            verdict_other_reading=res.verdict_other_reading,
            network_source=res.network["source"],
            open_ports_set=res.open_ports_set,
            error=None,
        )
        if keep_results:
            out["result"] = res
        rows.append(out)
    return pd.DataFrame(rows)
