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
:func:`~portgeo.rules.admission.surface.run_eligibility` answers it;
:func:`portgeo.writers.render_files` writes the files and gives the lines to print.
"""

from __future__ import annotations

import argparse

from portgeo._output import LAYER_DRIVERS
from portgeo.cli.options import (
    add_cell_option,
    add_network_option,
    add_output_option,
    add_population_options,
    add_reading_option,
    add_register_options,
    check_output_options,
    register_from_args,
)
from portgeo.cli.terminal import echo
from portgeo.rules.admission.rule import READINGS, load_admission_rule
from portgeo.rules.admission.surface import EligibilityRequest, run_eligibility
from portgeo.writers import FileOutput, render_files

__all__ = ["register", "request_from_args", "run"]

#: Output option → (what it is, its suffixes).
_OUTPUTS = {
    "--out": ("eligibility surface", tuple(LAYER_DRIVERS)),
    "--airports": ("airport table", (".csv",)),
}


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
    add_cell_option(p, what="grid resolution")
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
    check_output_options(args, _OUTPUTS)
    result = run_eligibility(request)
    output = FileOutput(what="eligibility surface", layers=args.out, table=args.airports,
                        table_what="airport table", json=args.json)  # fmt: skip
    for line in render_files(result, output):
        echo(line)
    return 0
