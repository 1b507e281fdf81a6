"""``portgeo catchments``: circle, road-distance and drive-time catchments of airports or points.

Examples::

    portgeo catchments --iata PEK --out pek.geojson
    portgeo catchments --iata PEK PKX --minutes 90 --kinds time --out beijing.geojson
    portgeo catchments --iata PEK --shape roads --buffer-m 1000 --out pek-roads.geojson
    portgeo catchments --lat 23.39 --lon 113.30 --network guangdong.osm.pbf --out can.geojson

The arguments become one :class:`~portgeo.roads.request.CatchmentRequest`;
:func:`~portgeo.roads.request.run_catchments` answers it; :func:`portgeo.writers.render_files`
writes the GeoJSON and gives the lines to print.
"""

from __future__ import annotations

import argparse

from portgeo import settings
from portgeo.cli.options import (
    add_candidate_options,
    add_network_option,
    add_output_option,
    bounded_number,
    check_output_options,
    comma_choices,
)
from portgeo.cli.terminal import echo
from portgeo.roads.catchments import CATCHMENT_KINDS, CATCHMENT_SHAPES, MAX_KM, MAX_MINUTES
from portgeo.roads.request import MAX_BUFFER_M, MAX_SNAP_KM, CatchmentRequest, run_catchments
from portgeo.rules.admission.rule import AdmissionRule, load_admission_rule
from portgeo.writers import FileOutput, render_files

__all__ = ["register", "request_from_args", "run"]


def _add_threshold_options(p: argparse.ArgumentParser, rule: AdmissionRule) -> None:
    """Add the catchment group: thresholds (defaults: the rule's spacing), kinds, shape, roads."""
    g = p.add_argument_group("catchments")
    g.add_argument("--minutes", type=bounded_number(MAX_MINUTES, "minutes (a day)"),
                   help=f"drive-time threshold (default {rule.min_drive_min:g}, the admission "
                        f"rule's; at most {MAX_MINUTES:g})")  # fmt: skip
    g.add_argument("--km", type=bounded_number(MAX_KM, "km (wider than China)"),
                   help=f"circle radius and road-distance threshold (default "
                        f"{rule.min_distance_km:g}, the admission rule's; at most {MAX_KM:g})")  # fmt: skip
    g.add_argument("--kinds", type=comma_choices(CATCHMENT_KINDS, "kinds"),
                   default=CATCHMENT_KINDS,
                   help=f"comma-separated: {','.join(CATCHMENT_KINDS)} (default all)")  # fmt: skip
    g.add_argument("--shape", choices=CATCHMENT_SHAPES, default=CATCHMENT_SHAPES[0],
                   help="filled (default): the access model, the time or distance left at every "
                        "reached point spent off the network (settings.egress_speed_kmh, up to "
                        "egress_max_m); roads: the reached roads buffered by --buffer-m")  # fmt: skip
    g.add_argument("--buffer-m", type=bounded_number(MAX_BUFFER_M, "m"),
                   help=f"buffer around reached roads with --shape roads, metres (default "
                        f"{settings.catchment_buffer_m:g}; at most {MAX_BUFFER_M:g})")  # fmt: skip
    g.add_argument("--clip-china", action="store_true",
                   help="cut the road catchments to China's polygon (none in the sea)")  # fmt: skip
    g.add_argument("--max-snap-km", type=bounded_number(MAX_SNAP_KM, "km"),
                   help=f"farthest a point may lie from the network (default "
                        f"{settings.max_snap_m / 1000:g}; at most {MAX_SNAP_KM:g})")  # fmt: skip
    g.add_argument("--infill", action="store_true", help="fill holes of the road catchments")
    g.add_argument("--no-ferries", action="store_true", help="ignore ferries")


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
    rule = load_admission_rule()
    km, minutes = rule.min_distance_km, rule.min_drive_min
    p = subparsers.add_parser(
        "catchments",
        help=f"{km:g} km circle, {km:g} km road and {minutes:g}-minute drive catchments of "
        "airports or points",
        description=(
            "Compute catchments (geodesic circle, road distance, drive time) of one or more "
            "airports or points and write them as GeoJSON (WGS84). On the offline network the "
            "drive times are approximate (one effective speed; see docs/networks.md)."
        ),
    )
    add_candidate_options(p, many=True, title="origins (one of)")
    add_network_option(p, sources=("offline", "overpass", "file"))
    _add_threshold_options(p, rule)
    add_output_option(p, metavar="FILE.geojson", what="output GeoJSON")
    p.set_defaults(run=run)
    return p


def request_from_args(args: argparse.Namespace) -> CatchmentRequest:
    """Read the parsed arguments into a request.

    Parameters
    ----------
    args : argparse.Namespace

    Returns
    -------
    CatchmentRequest
    """
    return CatchmentRequest(
        iata=tuple(args.iata or ()), lat=args.lat, lon=args.lon, crs=args.crs,
        minutes=args.minutes, km=args.km, kinds=args.kinds, shape=args.shape,
        buffer_m=args.buffer_m, clip="china" if args.clip_china else None, infill=args.infill,
        max_snap_km=args.max_snap_km, ferries=not args.no_ferries, network=args.network,
    )  # fmt: skip


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
    request = request_from_args(args)
    check_output_options(args, {"--out": ("catchments", (".geojson", ".json"))})
    result = run_catchments(request)
    for line in render_files(result, FileOutput(what="catchments", layers=args.out)):
        echo(line)
    return 0
