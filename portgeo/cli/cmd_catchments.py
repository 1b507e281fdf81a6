"""``portgeo catchments``: 200 km circle, 200 km road and 2-hour drive catchments of airports.

Examples::

    portgeo catchments --iata PEK --out pek.geojson
    portgeo catchments --iata PEK PKX --minutes 90 --kinds time --out beijing.geojson
    portgeo catchments --iata PEK --shape roads --buffer-m 1000 --out pek-roads.geojson
    portgeo catchments --lat 23.39 --lon 113.30 --network guangdong.osm.pbf --out can.geojson
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd

from portgeo import settings
from portgeo._output import check_not_input, check_output_path, write_atomic
from portgeo.airports import lookup_airport
from portgeo.cli.boundary import OUTPUT_NOTE
from portgeo.cli.terminal import echo
from portgeo.errors import InputError
from portgeo.geo.crs import gcj02_to_wgs84
from portgeo.layout.boundaries import province_at
from portgeo.roads.catchments import MAX_KM, MAX_MINUTES, compute_catchments
from portgeo.roads.load import load_network

__all__ = ["register", "run"]

_KINDS = ("circle", "distance", "time")

#: Plausibility bounds of the thresholds: a catchment wider than China (about 5,000 km east to
#: west), longer than a day's drive, or buffered or snapped by more than a province is a typing
#: or unit mistake.
LIMITS: dict[str, tuple[float, str]] = {
    "minutes": (MAX_MINUTES, "minutes (a day)"),
    "km": (MAX_KM, "km (wider than China)"),
    "buffer_m": (50_000.0, "m"),
    "max_snap_km": (500.0, "km"),
}


def _positive(value: str) -> float:
    try:
        out = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {value!r}") from None
    if not out > 0 or out == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number, got {value!r}")
    return out


def _degrees(what: str, limit: float) -> Callable[[str], float]:
    def read(value: str) -> float:
        try:
            out = float(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {what} in degrees, got {value!r}") from None
        if not -limit <= out <= limit:  # NaN and infinities fail too
            raise argparse.ArgumentTypeError(
                f"{what} must be a finite number of degrees within ±{limit:g}, got {value!r}"
            )
        return out

    return read


def _bounded(name: str) -> Callable[[str], float]:
    limit, unit = LIMITS[name]

    def read(value: str) -> float:
        out = _positive(value)
        if out > limit:
            raise argparse.ArgumentTypeError(f"{value} is not plausible: at most {limit:g} {unit}")
        return out

    return read


def _kinds(value: str) -> tuple[str, ...]:
    kinds = tuple(k.strip() for k in value.split(",") if k.strip())
    bad = [k for k in kinds if k not in _KINDS]
    if bad or not kinds:
        raise argparse.ArgumentTypeError(
            f"kinds must be a comma-separated subset of {','.join(_KINDS)}, got {value!r}"
        )
    return kinds


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``catchments`` subcommand.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        From :func:`portgeo.cli.build_parser`.

    Returns
    -------
    argparse.ArgumentParser
    """
    p = subparsers.add_parser(
        "catchments",
        help="200 km circle, 200 km road and 2-hour drive catchments of airports or points",
        description=(
            "Compute catchments (geodesic circle, road distance, drive time) of one or more "
            "airports or points and write them as GeoJSON (WGS84). On the offline network the "
            "drive times are approximate (one effective speed; see docs/networks.md)."
        ),
    )
    where = p.add_argument_group("origins (one of)")
    where.add_argument(
        "--iata",
        nargs="+",
        metavar="CODE",
        help="IATA code(s) (catalogue sites first, else airportsdata)",
    )
    where.add_argument("--lat", type=_degrees("latitude", 90), help="latitude, degrees")
    where.add_argument("--lon", type=_degrees("longitude", 180), help="longitude, degrees")
    where.add_argument(
        "--crs",
        choices=("wgs84", "gcj02"),
        default="wgs84",
        help="datum of --lat/--lon; gcj02 for coordinates copied from Amap/Gaode",
    )
    p.add_argument(
        "--network",
        default="offline",
        help="offline (default), overpass (around each origin) or a .osm.pbf/.osm file",
    )
    p.add_argument(
        "--minutes",
        type=_bounded("minutes"),
        default=None,
        help="drive-time threshold (default 120; at most 1440)",
    )
    p.add_argument(
        "--km",
        type=_bounded("km"),
        default=None,
        help="circle radius and road-distance threshold (default 200; at most 5000)",
    )
    p.add_argument(
        "--kinds",
        type=_kinds,
        default=_KINDS,
        help="comma-separated: circle,distance,time (default all)",
    )
    p.add_argument(
        "--shape",
        choices=("filled", "roads"),
        default="filled",
        help=(
            "filled (default): the access model, the time or distance left at every reached "
            "point spent off the network (settings.egress_speed_kmh, up to egress_max_m); "
            "roads: the reached roads buffered by --buffer-m"
        ),
    )
    p.add_argument(
        "--buffer-m",
        type=_bounded("buffer_m"),
        default=None,
        help="buffer around reached roads with --shape roads, metres (default 2000; at most 50000)",
    )
    p.add_argument(
        "--clip-china",
        action="store_true",
        help="cut the road catchments to China's polygon (none in the sea)",
    )
    p.add_argument(
        "--max-snap-km",
        type=_bounded("max_snap_km"),
        default=None,
        help="farthest a point may lie from the network (default 20; at most 500)",
    )
    p.add_argument("--infill", action="store_true", help="fill holes of the road catchments")
    p.add_argument("--no-ferries", action="store_true", help="ignore ferries")
    p.add_argument(
        "--out", required=True, metavar="FILE.geojson", help=f"output GeoJSON ({OUTPUT_NOTE})"
    )
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Run ``portgeo catchments``.

    Parameters
    ----------
    args : argparse.Namespace

    Returns
    -------
    int
        Exit code.
    """
    if (args.lat is None) != (args.lon is None):
        raise InputError("give both --lat and --lon")
    if not args.iata and args.lat is None:
        raise InputError("give --iata CODE [CODE ...], or --lat LAT --lon LON")
    if args.iata and args.lat is not None:
        raise InputError("give either --iata or --lat/--lon, not both")
    out = Path(args.out)
    if out.suffix.lower() not in (".geojson", ".json"):
        raise InputError(f"--out must end in .geojson, got {out.name!r}")
    check_output_path(out, what="catchments", create=False)
    check_not_input(out, {"--network": args.network}, what="catchments")
    if args.iata:
        airports = [lookup_airport(code) for code in args.iata]
        ids = [a.iata for a in airports]
        lons, lats = [a.lon for a in airports], [a.lat for a in airports]
    else:
        if not (-90 <= args.lat <= 90 and -180 <= args.lon <= 180):
            raise InputError(f"latitude {args.lat:g} / longitude {args.lon:g} out of range")
        lon, lat = (
            (args.lon, args.lat) if args.crs == "wgs84" else gcj02_to_wgs84(args.lon, args.lat)
        )
        ids, lons, lats = [f"{args.lat:g},{args.lon:g}"], [float(lon)], [float(lat)]
    points = gpd.GeoDataFrame({"origin_id": ids}, geometry=gpd.points_from_xy(lons, lats),
                              crs="EPSG:4326")  # fmt: skip
    road_kinds = [k for k in args.kinds if k != "circle"]
    if args.network == "offline" and road_kinds:
        for oid, lon, lat in zip(ids, lons, lats, strict=True):
            prov = province_at(lon, lat)
            if prov is not None and str(prov["name_zh"]).startswith("台湾"):
                raise InputError(
                    f"{oid} lies in Taiwan, where the offline road network has no roads (it "
                    "covers the mainland, Hong Kong, Macao and the neighbours); give --kinds "
                    "circle, or --network with an OSM extract of Taiwan"
                )
    ferries = not args.no_ferries
    max_snap_m = args.max_snap_km * 1000 if args.max_snap_km else None
    opts = {
        "max_minutes": args.minutes,
        "max_km": args.km,
        "kinds": args.kinds,
        "shape": args.shape,
        "buffer_m": args.buffer_m,
        "clip": "china" if args.clip_china else None,
        "infill": args.infill,
        "max_snap_m": max_snap_m,
    }
    if args.network == "overpass" and road_kinds:
        km = args.km or settings.catchment_km
        frames = []
        for i in range(len(points)):
            pt = points.iloc[[i]]
            net = load_network(
                "overpass",
                center=(pt.geometry.x.iloc[0], pt.geometry.y.iloc[0]),
                dist_m=km * 1000.0,
                ferries=ferries,
            )
            frames.append(compute_catchments(net, pt, **opts))
        gdf = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs="EPSG:4326")
    else:
        network = load_network(args.network, ferries=ferries) if road_kinds else None
        gdf = compute_catchments(network, points, **opts)
    write_atomic(out, lambda tmp: gdf.to_file(tmp, driver="GeoJSON"), what="catchments")
    for row in gdf.itertuples():
        snap = "" if row.snap_m != row.snap_m else f", snapped {row.snap_m / 1000:.1f} km"
        approx = " (approximate)" if row.approximate else ""
        echo(f"{row.origin_id} {row.kind} {row.threshold:g} {row.unit}{snap}{approx}")
    echo(f"wrote {len(gdf)} catchments to {out}")
    return 0
