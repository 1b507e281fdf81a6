"""``portgeo siting``: where the next air ports should go to reach the most people.

Examples::

    portgeo siting --count 10
    portgeo siting --count 3 --province 广东 --reading either --out gd.gpkg
    portgeo siting --count 5 --candidates airports.csv --population census.csv

The arguments become one :class:`~portgeo.rules.siting.SitingRequest`;
:func:`~portgeo.rules.siting.run_siting` answers it; this module writes the GeoPackage (layers
``sites``, ``curve`` and ``plan``) and prints the result's lines: the data, the ranked sites,
why the search stopped early, and the plan's regional hubs and Guangdong's air-port projects
beside the search (which it would also pick, and the people each adds); ``--json`` prints the
same as one JSON object. A population file with problems
gives one line per kind of problem on stderr (exit code 2; :func:`portgeo.cli.main`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import geopandas as gpd

from portgeo._output import check_not_input, check_output_path, json_text, write_atomic
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
from portgeo.rules.admission.surface import CELL_KM, CELL_KM_RANGE
from portgeo.rules.reach import REACH_KINDS
from portgeo.rules.siting import MAX_COUNT, SitingRequest, SitingResult, run_siting

__all__ = ["register", "request_from_args", "run"]


def _count(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--count must be a whole number, got {value!r}") from None
    if not 1 <= n <= MAX_COUNT:
        raise argparse.ArgumentTypeError(f"--count must lie between 1 and {MAX_COUNT}, got {n}")
    return n


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
    p.add_argument("--count", type=_count, required=True, metavar="K",
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
    low, high = CELL_KM_RANGE
    p.add_argument("--cell-km", type=number_between(low, high, option="--cell-km", unit="km"),
                   default=CELL_KM,
                   help=f"cell size of the default candidates (default {CELL_KM:g} km)")  # fmt: skip
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


def _check_output(args: argparse.Namespace) -> None:
    if not args.out:
        return
    out = Path(args.out)
    if out.suffix.lower() != ".gpkg":
        raise InputError(f"--out must end in .gpkg, got {out.name!r}")
    check_output_path(out, what="siting GeoPackage", create=False)
    check_not_input(out, {"--open-ports": args.open_ports, "--candidates": args.candidates,
                          "--population": args.population, "--network": args.network},
                    what="siting GeoPackage")  # fmt: skip


def write_siting(result: SitingResult, out: str | Path) -> None:
    """Write the sites, the curve and the plan comparison as layers of one GeoPackage.

    Parameters
    ----------
    result : SitingResult
    out : str or pathlib.Path
    """

    def write(tmp: Path) -> None:
        result.layer().to_file(tmp, driver="GPKG", layer="sites")
        curve = result.curve()
        gpd.GeoDataFrame(curve, geometry=[None] * len(curve), crs="EPSG:4326").to_file(
            tmp, driver="GPKG", layer="curve", mode="a"
        )
        if result.plan is not None and len(result.plan):
            plan = result.plan.assign(admissible=result.plan["admissible"].astype(str))
            gpd.GeoDataFrame(plan, geometry=gpd.points_from_xy(plan["lon"], plan["lat"]),
                             crs="EPSG:4326").to_file(tmp, driver="GPKG", layer="plan", mode="a")  # fmt: skip

    write_atomic(out, write, what="siting GeoPackage")


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
    _check_output(args)
    result = run_siting(request)
    if args.out:
        write_siting(result, args.out)
    if args.json:
        for line in json_text(jsonable(result.to_dict())).split("\n"):
            echo(line)
        return 0
    for line in result.lines():
        echo(line)
    if args.out:
        echo(f"wrote {args.out}")
    return 0
