"""``portgeo eligibility``: where in mainland China the spacing rule would admit a new air port.

Examples::

    portgeo eligibility --out eligible.gpkg
    portgeo eligibility --out eligible-2020.geojson --as-of 2020 --reading both
    portgeo eligibility --out eligible.gpkg --cell-km 10 --network guangdong.osm.pbf

A ``.gpkg`` holds two layers: ``eligibility`` (one polygon per reading and class: eligible,
ineligible, unknown) and ``admissible_airports`` (the airports of airportsdata in mainland China
that are not opened air ports, with the verdict of the spacing rule at each). A ``.geojson`` holds
the surface; ``--airports FILE.csv`` writes the table beside it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import geopandas as gpd

from portgeo._output import check_not_input, check_output_path, write_atomic, write_csv_atomic
from portgeo.cli.boundary import OUTPUT_NOTE
from portgeo.cli.terminal import echo
from portgeo.errors import InputError
from portgeo.roads.load import load_network
from portgeo.rules import admission
from portgeo.rules.admission.surface import compute_eligibility

__all__ = ["register", "run"]

_SUFFIXES = {".gpkg": "GPKG", ".geojson": "GeoJSON", ".json": "GeoJSON"}


def _cell(value: str) -> float:
    try:
        out = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of km, got {value!r}") from None
    if not 1.0 <= out <= 100.0:
        raise argparse.ArgumentTypeError(f"--cell-km must lie between 1 and 100 km, got {value!r}")
    return out


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``eligibility`` subcommand.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        From :func:`portgeo.cli.build_parser`.

    Returns
    -------
    argparse.ArgumentParser
    """
    rule = admission.load_admission_rule()
    p = subparsers.add_parser(
        "eligibility",
        help="map where the spacing rule would admit a new air port (a national surface)",
        description=(
            f"Trace the ground of mainland China that lies at least {rule.min_distance_km:g} km "
            f"and {rule.min_drive_min:g} minutes' drive from every opened air port "
            f"('{rule.wording_zh}'), under both readings of the rule, on a grid of --cell-km "
            "cells, and list the airports that stand on it. Only the spacing rule is mapped: "
            "routes, passengers and the province gate depend on the airport."
        ),
    )
    p.add_argument(
        "--out",
        required=True,
        metavar="FILE.gpkg|FILE.geojson",
        help=f"output file ({OUTPUT_NOTE})",
    )
    p.add_argument(
        "--airports",
        metavar="FILE.csv",
        help=f"also write the airport table as CSV ({OUTPUT_NOTE})",
    )
    p.add_argument(
        "--reading",
        choices=("both", "either", "all"),
        default="all",
        help="which reading(s) of the rule to trace (default all)",
    )
    p.add_argument(
        "--as-of",
        metavar="YYYY[-MM[-DD]]",
        help="compare with the air ports open at this date (default today); 2020 is the plan's baseline",
    )
    p.add_argument(
        "--open-ports", metavar="FILE.csv", help="replace the register by this file of opened ports"
    )
    p.add_argument("--cell-km", type=_cell, default=5.0, help="grid resolution in km (default 5)")
    p.add_argument(
        "--network",
        default="offline",
        metavar="offline|FILE.osm.pbf",
        help="road network (default offline: approximate, from scgraph-data)",
    )
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Run ``portgeo eligibility``.

    Parameters
    ----------
    args : argparse.Namespace

    Returns
    -------
    int
        Exit code.
    """
    out = Path(args.out)
    driver = _SUFFIXES.get(out.suffix.lower())
    if driver is None:
        raise InputError(f"--out must end in .gpkg or .geojson, got {out.name!r}")
    check_output_path(out, what="eligibility surface", create=False)
    inputs = {"--open-ports": args.open_ports, "--network": args.network}
    check_not_input(out, inputs, what="eligibility surface")
    if args.airports:
        if Path(args.airports).suffix.lower() != ".csv":
            raise InputError(f"--airports must end in .csv, got {Path(args.airports).name!r}")
        check_output_path(args.airports, what="airport table", create=False)
        check_not_input(args.airports, {**inputs, "--out": out}, what="airport table")
    if args.network == "overpass":
        raise InputError(
            "--network overpass queries around one point; use offline or a .osm.pbf file"
        )
    rule = admission.load_admission_rule()
    ops = admission.resolve_open_ports(args.open_ports or None, as_of=args.as_of, rule=rule)
    readings = admission.READINGS if args.reading == "all" else (args.reading,)
    net = load_network(args.network)
    elig = compute_eligibility(net, ops, rule, readings=readings, cell_km=args.cell_km)
    airports = elig.airports
    points = gpd.GeoDataFrame(
        airports.assign(both=airports["both"].astype(str), either=airports["either"].astype(str)),
        geometry=gpd.points_from_xy(airports["lon"], airports["lat"]),
        crs="EPSG:4326",
    )

    def write(tmp: Path) -> None:
        if driver == "GPKG":
            elig.surface.to_file(tmp, driver="GPKG", layer="eligibility")
            points.to_file(tmp, driver="GPKG", layer="admissible_airports", mode="a")
        else:
            elig.surface.to_file(tmp, driver="GeoJSON")

    write_atomic(out, write, what="eligibility surface")
    if args.airports:
        write_csv_atomic(args.airports, airports, what="airport table")
    echo(f"opened air ports: {ops.label}")
    echo(f"network: {net.source}" + (" (approximate)" if net.approximate else ""))
    echo(f"grid: {args.cell_km:g} km cells; field {elig.seconds['field']:.1f} s, "
          f"surface {elig.seconds['surface']:.1f} s")  # fmt: skip
    for row in elig.summary().itertuples():
        echo(f"{row.reading:<7} eligible {row.eligible_km2:>10,} km²  ineligible "
              f"{row.ineligible_km2:>10,} km²  unknown {row.unknown_km2:>10,} km²  "
              f"airports admitted {row.admitted_airports}")  # fmt: skip
    echo(f"wrote {out}" + (f" and {args.airports}" if args.airports else ""))
    return 0
