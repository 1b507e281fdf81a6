"""``portgeo check-airport``: check a candidate airport against the airport admission rule.

Examples::

    portgeo check-airport --iata HUZ --json
    portgeo check-airport --name 新机场 --lat 23.1 --lon 115.2 --routes 12 --passengers 2e6
    portgeo check-airport --batch data/examples/guangdong_c4_candidates.csv --out results.csv
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
from tqdm.auto import tqdm

from portgeo import settings
from portgeo._data import is_blank, open_user_csv, parse_yes_no
from portgeo._output import check_not_input, check_output_path, write_csv_chunks_atomic
from portgeo.catalogue import load_catalogue
from portgeo.cli.boundary import OUTPUT_NOTE
from portgeo.errors import InputError
from portgeo.maps.report import write_admission_report
from portgeo.rules import admission
from portgeo.rules.admission import AdmissionResult
from portgeo.rules.admission.check import read_counts

__all__ = ["register", "run"]


def _yes_no(value: str) -> bool:
    try:
        out = parse_yes_no(value, what="the flag")
    except InputError as exc:
        raise argparse.ArgumentTypeError(f"expected yes or no, got {value!r}") from exc
    if out is None:
        raise argparse.ArgumentTypeError("expected yes or no, got an empty value")
    return out


def _number(value: str) -> float:
    try:
        out = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {value!r}") from None
    if out != out or out in (float("inf"), float("-inf")):
        raise argparse.ArgumentTypeError(f"expected a finite number, got {value!r}")
    return out


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
    rule = admission.load_admission_rule()
    cat = load_catalogue()
    plan = admission.admission_plan()
    where_rule = f"{cat.plan_title(plan)} {cat.column_info(plan, cat.column_of(plan, 'admission'))['label_zh']}"
    p = subparsers.add_parser(
        "check-airport",
        help=f"check a candidate airport against the admission rule of {where_rule}",
        description=(
            f"Check a candidate airport against the air-port admission rule of {where_rule}: "
            f"≥ {rule.min_distance_km:g} km / {rule.min_drive_min:g} min drive from every opened "
            "air port, routes and passengers by setting, and the province gate (从严控制). "
            "Unknown inputs give verdict 'incomplete'."
        ),
    )
    where = p.add_argument_group("candidate (one of)")
    where.add_argument("--iata", help="IATA code of the candidate airport (e.g. HUZ)")
    where.add_argument("--name", help="name of the candidate (with --lat/--lon)")
    where.add_argument("--lat", help="latitude, degrees")
    where.add_argument("--lon", help="longitude, degrees")
    where.add_argument(
        "--crs",
        choices=("wgs84", "gcj02"),
        default=None,
        help="datum of --lat/--lon (default wgs84); gcj02 for coordinates copied from Amap/Gaode",
    )
    where.add_argument(
        "--batch",
        metavar="CANDIDATES.csv",
        help="check every row of a CSV (columns name, iata, lat, lon, routes, ...). A fact given "
        "on the command line (--routes, --passengers, --setting, --crs, the province facts) "
        "fills the cells of its column that are empty; a filled cell wins. Blank lines are "
        "skipped; a repeated row is checked again (one result row per candidate row); a file "
        "with no candidate rows is an error",
    )
    where.add_argument(
        "--out",
        metavar="RESULTS.csv",
        help="output CSV of --batch (missing folders are created; an existing file is replaced "
        "whole, and the run says so; the input file itself is refused)",
    )
    where.add_argument(
        "--encoding",
        metavar="NAME",
        help="encoding of the --batch and --open-ports files (default: detected, UTF-8 with or "
        "without BOM, else GB18030/GBK)",
    )
    facts = p.add_argument_group("facts (unknown when absent)")
    facts.add_argument("--routes", type=_number, help="fixed direct routes (no stopovers)")
    facts.add_argument("--passengers", type=_number, help="peak annual passengers (persons/yr)")
    facts.add_argument(
        "--setting", choices=("coastal", "inland", "border"), help="override the derived setting"
    )
    facts.add_argument(
        "--exiting-port",
        nargs="?",
        const=True,
        type=_yes_no,
        metavar="yes|no",
        help="the province has an air port due to exit (flag alone = yes)",
    )
    facts.add_argument(
        "--unaccepted-port",
        nargs="?",
        const=True,
        type=_yes_no,
        metavar="yes|no",
        help=f"the province has an air port approved {rule.unaccepted_years:g} or more years ago, "
        "not yet accepted (the register of opened air ports is consulted too)",
    )
    facts.add_argument(
        "--ports-below-standard",
        type=_number,
        metavar="N",
        help="number of the province's air ports below the volume standard",
    )
    how = p.add_argument_group("how")
    how.add_argument(
        "--reading",
        choices=("both", "either"),
        default=rule.default_reading,
        help=f"'{rule.wording_zh}': both must hold (strict) or either; default {rule.default_reading}",
    )
    how.add_argument(
        "--as-of",
        metavar="YYYY[-MM[-DD]]",
        help="compare with the air ports open at this date (a year or month means its end), "
        "e.g. 2020 for the plan's baseline; default today",
    )
    how.add_argument(
        "--open-ports",
        metavar="FILE.csv",
        help="replace the register of opened air ports by this file (id,name_zh,iata,lat,lon[,source])",
    )
    how.add_argument(
        "--network",
        default="offline",
        metavar="offline|overpass|FILE.osm.pbf",
        help="road network source (default offline: approximate, from scgraph-data)",
    )
    out = p.add_argument_group("output")
    out.add_argument("--json", action="store_true", help="print the result as one JSON object")
    out.add_argument(
        "--report",
        metavar="FILE.html",
        help=f"write a self-contained HTML briefing ({OUTPUT_NOTE})",
    )
    out.add_argument(
        "--basemap",
        choices=("osm", "amap", "tianditu", "none"),
        default="none",
        help="basemap of the report's map (default none: the offline base; tiled basemaps are also offered in the page)",
    )
    p.set_defaults(run=run)
    return p


def _open_ports(args: argparse.Namespace, rule: admission.AdmissionRule) -> admission.OpenPorts:
    given = None
    if args.open_ports is not None:
        if not str(args.open_ports).strip():
            raise InputError("--open-ports is empty; give a CSV file of opened air ports")
        given = admission.load_open_air_ports(args.open_ports, encoding=args.encoding)
    return admission.resolve_open_ports(given, as_of=args.as_of, rule=rule)


def _check_outputs(args: argparse.Namespace) -> None:
    """Check every output path before any work (nothing is created yet)."""
    inputs = {"--batch": args.batch, "--open-ports": args.open_ports, "--network": args.network}
    for path, what in ((args.out, "batch results"), (args.report, "report")):
        if path is not None:
            check_output_path(path, what=what, create=False)
            check_not_input(path, inputs, what=what)


def _gate(args: argparse.Namespace) -> dict:
    n = args.ports_below_standard
    if n is not None and (n < 0 or n != int(n)):
        raise InputError(f"--ports-below-standard must be a whole number ≥ 0, got {n:g}")
    return {
        "exiting_port": args.exiting_port,
        "unaccepted_port": args.unaccepted_port,
        "ports_below_standard": None if n is None else int(n),
    }


def _print_text(res: AdmissionResult) -> None:
    c = res.candidate
    print(
        f"{c['name']} ({c['iata'] or '-'})  lat {c['lat']:.4f} lon {c['lon']:.4f}  "
        f"province {c['province'] or '?'}  setting {c['setting'] or '?'} ({c['setting_source']})"
    )
    print(
        f"network: {res.network['source'] or 'none'}"
        + (" (approximate)" if res.network["approximate"] else "")
    )
    if c["opened_air_port"] is not None:
        mine = c["opened_air_port"]
        head = "is itself an opened air port" if mine["open"] is True else "is in the register"
        print(f"the candidate {head}: {mine['name_zh']} ({mine['state']})")
    print(f"opened air ports: {res.open_ports_set}")
    print("nearest opened air ports:")
    for p in res.nearest_open_ports[:5]:
        road = "-" if p["road_km"] is None else f"{p['road_km']:.0f} km"
        drive = "-" if p["drive_min"] is None else f"{p['drive_min']:.0f} min"
        print(
            f"  {p['name_zh']:<10} {p['iata'] or '':<4} {p['distance_km']:>7.1f} km straight  "
            f"road {road:>8}  drive {drive:>8}"
        )
    print("criteria:")
    for crit in res.criteria:
        mark = {True: "pass", False: "FAIL", None: "?"}[crit.passed]
        print(f"  {crit.id:<15} {mark:<5} {crit.explanation}")
    print(
        f"verdict ({res.reading}): {res.verdict}   under '{res.spacing['other_reading']}': "
        f"{res.verdict_other_reading}"
    )
    for note in res.notes:
        print(f"note: {note}")


def run(args: argparse.Namespace) -> int:
    """Run ``check-airport``.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed arguments.

    Returns
    -------
    int
        0 when the check ran (whatever the verdict).
    """
    if args.batch:
        if args.iata or args.lat is not None or args.lon is not None:
            raise InputError("--batch cannot be combined with --iata/--lat/--lon")
        if not args.out:
            raise InputError("--batch needs --out RESULTS.csv")
        if args.report:
            raise InputError(
                "--report is for one candidate; use the notebook for a batch with maps"
            )
        if args.network == "overpass":
            raise InputError(
                "--network overpass queries around one candidate; use offline or a .osm.pbf "
                "file for --batch"
            )
        _check_outputs(args)
        return _run_batch(args)
    if args.out:
        raise InputError("--out is only used with --batch")
    if (args.lat is None) != (args.lon is None):
        raise InputError("give both --lat and --lon")
    if not args.iata and args.lat is None:
        raise InputError("give --iata CODE, or --name NAME --lat LAT --lon LON (or --batch FILE)")
    _check_outputs(args)
    read_counts(routes=args.routes, passengers=args.passengers)
    cand = admission.resolve_candidate(
        iata=args.iata, name=args.name, lat=args.lat, lon=args.lon, crs=args.crs or "wgs84"
    )
    rule = admission.load_admission_rule()
    open_ports = _open_ports(args, rule)
    network = admission.load_check_network(args.network, cand, rule=rule)
    res = admission.check_airport(
        cand, routes=args.routes, passengers=args.passengers, setting=args.setting,
        reading=args.reading, open_ports=open_ports, network=network,
        province_gate=_gate(args), rule=rule,
    )  # fmt: skip
    if args.report:
        write_admission_report(res, args.report, network=network, rule=rule, basemap=args.basemap)
    if args.json:
        json.dump(res.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_text(res)
        if args.report:
            print(f"report: {args.report}")
    return 0


def _fill_blanks(df: pd.DataFrame, col: str, value: object) -> None:
    """Put a command-line value into the empty cells of a column (a filled cell wins)."""
    if value is None:
        return
    if col not in df.columns:
        df[col] = [value] * len(df)
        return
    blank = df[col].map(is_blank)
    if blank.any():
        df[col] = df[col].astype(object).where(~blank, value)


def _run_batch(args: argparse.Namespace) -> int:
    """Check a batch file a chunk at a time: read, check and write without holding it whole.

    The file is checked whole first (encoding, header, ragged rows: one error before any work)
    and its rows counted; then :data:`~portgeo.rules.admission.CHUNK_ROWS` rows at a time are
    read, filled from the command line, checked through one spacing field and appended to the
    output's temporary file. Ctrl-C writes nothing: the output is written whole or not at all
    (as every output of the command line), and the run says how far it got.
    """
    path = Path(args.batch)
    src = open_user_csv(path, what="batch file", encoding=args.encoding)
    if "iata" not in src.header and not {"lat", "lon"} <= set(src.header):
        raise InputError(f"batch file {path} needs an iata column or lat and lon columns")
    if src.n_rows == 0:
        raise InputError(f"batch file {path} has a header but no candidate rows")
    # the command line's facts are checked as a single check would check them, then fill blanks
    read_counts(routes=args.routes, passengers=args.passengers)
    fills = (("crs", args.crs), ("routes", args.routes), ("passengers", args.passengers),
             ("setting", args.setting), *_gate(args).items())  # fmt: skip
    rule = admission.load_admission_rule()
    open_ports = _open_ports(args, rule)
    router = admission.as_router(args.network)
    replaced = Path(args.out).exists()
    counts: Counter[str] = Counter()
    seen: set[int] = set()
    repeats = done = 0

    def candidates() -> Iterator[pd.DataFrame]:
        nonlocal repeats
        for df in src.chunks(admission.CHUNK_ROWS, dtype={"iata": str, "name": str}):
            for col, val in fills:
                _fill_blanks(df, col, val)
            for h in pd.util.hash_pandas_object(df, index=False).tolist():
                repeats += h in seen
                seen.add(h)
            yield df

    def results() -> Iterator[pd.DataFrame]:
        nonlocal done
        with tqdm(total=src.n_rows, disable=not settings.progress, desc="check airports",
                  unit="row", file=sys.stderr) as bar:  # fmt: skip
            for part in admission.check_airport_chunks(
                candidates(), reading=args.reading, open_ports=open_ports, network=router,
                rule=rule,
            ):  # fmt: skip
                counts.update(part["verdict"])
                done += len(part)
                bar.update(len(part))
                yield part

    try:
        n = write_csv_chunks_atomic(args.out, results(), columns=admission.RESULT_COLUMNS,
                                    what="batch results")  # fmt: skip
    except KeyboardInterrupt:
        print(f"portgeo: interrupted after {done} of {src.n_rows} rows; nothing written to "
              f"{args.out} (it is written whole or not at all)", file=sys.stderr)  # fmt: skip
        return 130
    print(
        f"{n} candidates checked → {args.out}"
        + (" (replaced the existing file)" if replaced else "")
        + ": "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        + (f"; {repeats} row(s) repeat an earlier row" if repeats else "")
    )
    return 0
