"""``portgeo siting``: where the next air ports should go to reach the most people.

Examples::

    portgeo siting --count 10
    portgeo siting --count 3 --province 广东 --reading either --out gd.gpkg
    portgeo siting --count 5 --candidates airports.csv --population census.csv

The arguments become one :class:`~portgeo.rules.siting.SitingRequest`;
:func:`~portgeo.rules.siting.run_siting` answers it; :func:`portgeo.writers.render_files` writes
the GeoPackage (layers ``sites``, ``curve`` and ``plan``, :meth:`SitingResult.layers
<portgeo.rules.siting.SitingResult.layers>`) and gives the lines to print: the data, the ranked
sites, why the search stopped early, and the plan's regional hubs and Guangdong's air-port
projects beside the search (which it would also pick, and the people each adds); ``--json``
prints the same as one JSON object. A population file with problems gives one line per kind of
problem on stderr (exit code 2: :meth:`portgeo.errors.PortgeoError.lines`, printed by
:func:`portgeo.cli.main`).
"""

from __future__ import annotations

import argparse

from portgeo.cli.options import (
    add_cell_option,
    add_network_option,
    add_output_option,
    add_population_options,
    add_reading_option,
    add_register_options,
    check_output_options,
    register_from_args,
    whole_number_between,
)
from portgeo.cli.terminal import echo
from portgeo.rules.admission.rule import READINGS, load_admission_rule
from portgeo.rules.reach import REACH_KINDS
from portgeo.rules.siting import MAX_COUNT, SitingRequest, run_siting
from portgeo.writers import FileOutput, render_files

__all__ = ["register", "request_from_args", "run"]


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``siting`` subcommand.

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
        "siting",
        help="choose new air-port sites that reach the most people not yet within reach",
        description=(
            "Choose up to --count new air-port sites, each at least "
            f"{rule.min_distance_km:g} km and {rule.min_drive_min:g} minutes' drive from every "
            f"opened air port and from the sites chosen before it ('{rule.wording_zh}'), "
            "greedily maximising the people newly within reach (default population: people in "
            "GeoNames places of ≥ 500, not a census grid). Only the spacing rule is judged."
        ),
    )
    p.add_argument("--count", type=whole_number_between(1, MAX_COUNT, option="--count"),
                   required=True, metavar="K",
                   help=f"sites to choose (1 to {MAX_COUNT})")  # fmt: skip
    p.add_argument(
        "--province",
        metavar="NAME",
        help="choose within this provincial unit (广东, 广东省 or 440000)",
    )
    add_reading_option(p, rule, choices=READINGS, default=rule.default_reading)
    p.add_argument("--reach", choices=REACH_KINDS, default="rule",
                   help="what 'within reach' means: rule (follows the reading: within the "
                        "distance or the drive under both, within both under either), distance, "
                        "drive; default rule")  # fmt: skip
    p.add_argument(
        "--candidates",
        metavar="FILE.csv",
        help="candidate sites (name,lon,lat or iata); default the eligible cells",
    )
    add_population_options(p)
    add_register_options(p)
    add_cell_option(p, what="cell size of the default candidates")
    add_network_option(p, sources=("offline", "file"))
    add_output_option(p, metavar="FILE.gpkg", what="also write the sites as a GeoPackage",
                      required=False)  # fmt: skip
    p.add_argument("--json", action="store_true",
                   help="print the result (sites, curve, the plan's sites beside the search, "
                        "population source) as one JSON object instead of lines")  # fmt: skip
    p.set_defaults(run=run)
    return p


def request_from_args(args: argparse.Namespace) -> SitingRequest:
    """Read the parsed arguments into a request.

    Parameters
    ----------
    args : argparse.Namespace

    Returns
    -------
    SitingRequest
    """
    return SitingRequest(
        count=args.count, province=args.province, reading=args.reading, reach=args.reach,
        register=register_from_args(args), candidates=args.candidates,
        population=args.population, population_column=args.population_column,
        drop_invalid=args.drop_invalid, cell_km=args.cell_km, network=args.network,
    )  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """Run ``portgeo siting``.

    Parameters
    ----------
    args : argparse.Namespace

    Returns
    -------
    int
        Exit code.
    """
    request = request_from_args(args)
    check_output_options(args, {"--out": ("siting GeoPackage", (".gpkg",))})
    result = run_siting(request)
    output = FileOutput(what="siting GeoPackage", layers=args.out, json=args.json)
    for line in render_files(result, output):
        echo(line)
    return 0
