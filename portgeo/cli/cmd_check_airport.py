"""``portgeo check-airport``: check a candidate airport against the airport admission rule.

Examples::

    portgeo check-airport --iata HUZ --json
    portgeo check-airport --name 新机场 --lat 23.1 --lon 115.2 --routes 12 --passengers 2e6
    portgeo check-airport --batch data/examples/guangdong_c4_candidates.csv --out results.csv
    portgeo check-airport --iata HUZ --population census.csv --population-column pop

Thin: the arguments become a :class:`~portgeo.rules.admission.CheckRequest` (or a
:class:`~portgeo.rules.admission.BatchRequest`), one library call answers it, and
:func:`portgeo.writers.render_check` gives the lines to print.
"""

from __future__ import annotations

import argparse

from portgeo.cli import options
from portgeo.cli.terminal import echo
from portgeo.errors import InputError
from portgeo.rules.admission import (
    BatchRequest,
    CheckRequest,
    admission_citation,
    load_admission_rule,
)
from portgeo.rules.candidate_reach import run_batch_reach, run_check_reach
from portgeo.writers import CheckOutput, render_check

__all__ = ["register", "request_from_args", "run"]


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``check-airport`` subcommand.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        From :func:`portgeo.cli.build_parser`.

    Returns
    -------
    argparse.ArgumentParser
    """
    rule = load_admission_rule()
    where_rule = admission_citation()
    p = subparsers.add_parser(
        "check-airport",
        help=f"check a candidate airport against the admission rule of {where_rule}",
        description=(
            f"Check a candidate airport against the air-port admission rule of {where_rule}: "
            f"≥ {rule.min_distance_km:g} km / {rule.min_drive_min:g} min drive from every opened "
            "air port, routes and passengers by setting, and the province gate (从严控制). "
            "Unknown inputs give verdict 'incomplete'. Also counts the people the candidate would "
            "reach, and those no opened air port reaches yet (default population: people in "
            "GeoNames places of ≥ 500, not a census grid; --no-reach skips it)."
        ),
    )
    g = options.add_candidate_options(p, title="candidate (one of)")
    g.add_argument("--batch", metavar="CANDIDATES.csv",
                   help="check every row of a CSV (columns name, iata, lat, lon, routes, ...). A "
                        "fact given on the command line (--routes, --passengers, --setting, --crs, "
                        "the province facts) fills the cells of its column that are empty; a "
                        "filled cell wins. Blank lines are skipped; a repeated row is checked "
                        "again (one result row per candidate row); a file with no candidate rows "
                        "is an error")  # fmt: skip
    options.add_fact_options(p, rule)
    options.add_register_options(p)
    how = p.add_argument_group("how")
    options.add_reading_option(how, rule, choices=("both", "either"), default=rule.default_reading)
    options.add_network_option(how, sources=("offline", "overpass", "file"))
    options.add_population_options(p, can_skip=True)
    out = p.add_argument_group("output")
    options.add_output_option(out, metavar="RESULTS.csv", required=False,
                              what="output CSV of --batch; the run says when it replaced a file")  # fmt: skip
    out.add_argument("--json", action="store_true", help="print the result as one JSON object")
    options.add_output_option(out, flag="--report", metavar="FILE.html", required=False,
                              what="also write a self-contained HTML briefing")  # fmt: skip
    options.add_map_options(p)
    p.set_defaults(run=run)
    return p


#: Output option → (what it is, its suffixes: any).
_OUTPUTS = {"--out": ("batch results", None), "--report": ("report", None)}


def _batch_request(args: argparse.Namespace) -> BatchRequest:
    if options.candidate_from_args(args).given:
        raise InputError(
            "--batch cannot be combined with --iata/--lat/--lon/--replaces (give a "
            "replaces column in the batch file for relocations)"
        )
    if not args.out:
        raise InputError("--batch needs --out RESULTS.csv")
    if args.report:
        raise InputError("--report is for one candidate; use the notebook for a batch with maps")
    return BatchRequest(batch=args.batch, out=args.out, facts=options.facts_from_args(args),
                        crs=args.crs, register=options.register_from_args(args),
                        network=args.network, reading=args.reading)  # fmt: skip


def request_from_args(args: argparse.Namespace) -> CheckRequest | BatchRequest:
    """Turn the arguments into one request: a check of one candidate, or a batch.

    Parameters
    ----------
    args : argparse.Namespace

    Returns
    -------
    CheckRequest or BatchRequest

    Raises
    ------
    portgeo.errors.InputError
        Options that do not go together (``--batch`` with a candidate, ``--out`` without it).
    """
    if args.batch:
        return _batch_request(args)
    if args.out:
        raise InputError("--out is only used with --batch")
    return CheckRequest(candidate=options.candidate_from_args(args),
                        facts=options.facts_from_args(args),
                        register=options.register_from_args(args), network=args.network,
                        reading=args.reading)  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """Run ``check-airport``: arguments → request → one library call → the chosen writer.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed arguments.

    Returns
    -------
    int
        0 when the check ran (whatever the verdict).
    """
    request = request_from_args(args)
    population = options.population_from_args(args)
    options.check_output_options(args, _OUTPUTS)
    if isinstance(request, BatchRequest):
        lines = run_batch_reach(request, population).lines()
    else:
        output = CheckOutput(json=args.json, report=args.report, basemap=args.basemap,
                             lang=args.lang)  # fmt: skip
        lines = render_check(run_check_reach(request, population), output)
    for line in lines:
        echo(line)
    return 0
