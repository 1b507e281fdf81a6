"""``portgeo eligibility``: where in mainland China the spacing rule would admit a new air port.

Examples::

    portgeo eligibility --out eligible.gpkg
    portgeo eligibility --out eligible-2020.geojson --as-of 2020 --reading both
    portgeo eligibility --out eligible.gpkg --cell-km 10 --network guangdong.osm.pbf

A ``.gpkg`` holds two layers: ``eligibility`` (one polygon per reading and class: eligible,
ineligible, marginal, unknown) and ``admissible_airports`` (the airports of airportsdata in mainland China
that are not opened air ports, with the verdict of the spacing rule at each). A ``.geojson`` holds
the surface; ``--airports FILE.csv`` writes the table beside it. Each row of the surface also
counts the people living on that ground (``--population``, default GeoNames ``cities500``), with
the population's source, version and date; the terminal shows them (``--json``: one JSON object).

The arguments become one :class:`~portgeo.rules.admission.surface.EligibilityRequest`;
:func:`~portgeo.rules.admission.surface.run_eligibility` answers it; this module writes the files
and prints the result's lines.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from portgeo._output import (
    check_not_input,
    check_output_path,
    json_text,
    write_atomic,
    write_csv_atomic,
)
from portgeo.cli.options import (
    add_network_option,
    add_output_option,
    add_population_options,
    add_reading_option,
    add_register_options,
    number_between,
    register_from_args,
)
from portgeo.cli.terminal import echo
from portgeo.errors import InputError
from portgeo.rules.admission.criteria import jsonable
from portgeo.rules.admission.rule import READINGS, load_admission_rule
from portgeo.rules.admission.surface import (
    CELL_KM,
    CELL_KM_RANGE,
    EligibilityRequest,
    EligibilityResult,
    run_eligibility,
)

__all__ = ["register", "request_from_args", "run"]

_SUFFIXES = {".gpkg": "GPKG", ".geojson": "GeoJSON", ".json": "GeoJSON"}


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
    rule = load_admission_rule()
    p = subparsers.add_parser(
        "eligibility",
        help="map where the spacing rule would admit a new air port (a national surface)",
        description=(
            f"Trace the ground of mainland China that lies at least {rule.min_distance_km:g} km "
            f"and {rule.min_drive_min:g} minutes' drive from every opened air port "
            f"('{rule.wording_zh}'), under both readings of the rule, on a grid of --cell-km "
            "cells, list the airports that stand on it and count the people living on each "
            "class of ground (default population: people in GeoNames places of >= 500, not a "
            "census grid). Only the spacing rule is mapped: routes, passengers and the province "
            "gate depend on the airport."
        ),
    )
    add_output_option(p, metavar="FILE.gpkg|FILE.geojson", what="output file")
    add_output_option(p, metavar="FILE.csv", what="also write the airport table as CSV",
                      required=False, flag="--airports")  # fmt: skip
    add_reading_option(p, rule, choices=(*READINGS, "all"), default="all")
    add_register_options(p)
    low, high = CELL_KM_RANGE
    p.add_argument("--cell-km", type=number_between(low, high, option="--cell-km", unit="km"),
                   default=CELL_KM,
                   help=f"grid resolution in km (default {CELL_KM:g}; {low:g} to {high:g})")  # fmt: skip
    add_network_option(p, sources=("offline", "file"))
    add_population_options(p)
    p.add_argument("--json", action="store_true",
                   help="print the result (areas, people per class, population source) as one "
                        "JSON object instead of lines")  # fmt: skip
    p.set_defaults(run=run)
    return p


def request_from_args(args: argparse.Namespace) -> EligibilityRequest:
    """Read the parsed arguments into a request.

    Parameters
    ----------
    args : argparse.Namespace

    Returns
    -------
    EligibilityRequest
    """
    readings = READINGS if args.reading == "all" else (args.reading,)
    return EligibilityRequest(register=register_from_args(args), readings=readings,
                              cell_km=args.cell_km, network=args.network,
                              population=args.population,
                              population_column=args.population_column,
                              drop_invalid=args.drop_invalid)  # fmt: skip


def _check_outputs(args: argparse.Namespace) -> str:
    """Check the output files before any work; return the surface's driver."""
    out = Path(args.out)
    driver = _SUFFIXES.get(out.suffix.lower())
    if driver is None:
        raise InputError(f"--out must end in .gpkg or .geojson, got {out.name!r}")
    check_output_path(out, what="eligibility surface", create=False)
    inputs = {"--open-ports": args.open_ports, "--network": args.network,
              "--population": args.population}  # fmt: skip
    check_not_input(out, inputs, what="eligibility surface")
    if args.airports:
        if Path(args.airports).suffix.lower() != ".csv":
            raise InputError(f"--airports must end in .csv, got {Path(args.airports).name!r}")
        check_output_path(args.airports, what="airport table", create=False)
        check_not_input(args.airports, {**inputs, "--out": out}, what="airport table")
    return driver


def _write(result: EligibilityResult, out: Path, driver: str) -> None:
    """Write the surface (and, in a GeoPackage, the airports as a second layer)."""

    def write(tmp: Path) -> None:
        if driver == "GPKG":
            result.surface.to_file(tmp, driver="GPKG", layer="eligibility")
            result.airports.to_file(tmp, driver="GPKG", layer="admissible_airports", mode="a")
        else:
            result.surface.to_file(tmp, driver="GeoJSON", layer=out.stem)

    write_atomic(out, write, what="eligibility surface")


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
    request = request_from_args(args)
    driver = _check_outputs(args)
    result = run_eligibility(request)
    _write(result, Path(args.out), driver)
    if args.airports:
        write_csv_atomic(args.airports, result.eligibility.airports, what="airport table")
    if args.json:
        for line in json_text(jsonable(result.to_dict())).split("\n"):
            echo(line)
        return 0
    for line in result.lines():
        echo(line)
    echo(f"wrote {args.out}" + (f" and {args.airports}" if args.airports else ""))
    return 0
