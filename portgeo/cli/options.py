"""The command line's argument groups, defined once and shared by every command.

A command builds its parser from these groups (candidate, facts, register, network, output,
map) and reads the parsed arguments back into the library's request objects with the matching
``*_from_args`` functions; nothing else in :mod:`portgeo.cli` knows an option's name. Value
types (a finite number, degrees, a bounded threshold, yes/no) give argparse one-line messages
about the value. Help texts take their defaults from the rule data, never from literals.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from portgeo._data import parse_yes_no
from portgeo._output import check_output_file
from portgeo.cli.boundary import OUTPUT_NOTE
from portgeo.errors import InputError
from portgeo.lang import LANGS
from portgeo.maps.components import BASEMAPS
from portgeo.maps.snapshot import PICTURE_SIZE, parse_size
from portgeo.rules.admission.request import CandidateInput, Facts, RegisterInput
from portgeo.rules.admission.rule import SETTINGS, AdmissionRule
from portgeo.rules.admission.surface import CELL_KM, CELL_KM_RANGE
from portgeo.rules.candidate_reach import PopulationInput

__all__ = [
    "INPUT_FILE_OPTIONS",
    "add_candidate_options",
    "add_cell_option",
    "add_fact_options",
    "add_map_options",
    "add_network_option",
    "add_output_option",
    "add_population_options",
    "add_reading_option",
    "add_register_options",
    "bounded_number",
    "candidate_from_args",
    "check_output_options",
    "comma_choices",
    "degrees",
    "facts_from_args",
    "finite_number",
    "number_between",
    "picture_size",
    "population_from_args",
    "register_from_args",
    "whole_number_between",
    "yes_no",
]

#: Where an option can be added: a parser or one of its argument groups.
_Container = argparse.ArgumentParser | argparse._ArgumentGroup

#: Network sources a command may offer, with their help words.
_NETWORKS = {
    "offline": "offline (default: approximate, from scgraph-data)",
    "overpass": "overpass (major roads around the point, cached)",
    "file": "a .osm.pbf or .osm file",
}

#: Options whose values are files a run reads: no output of the run may be one of them.
INPUT_FILE_OPTIONS: tuple[str, ...] = (
    "--batch", "--open-ports", "--candidates", "--population", "--network", "--volumes",
)  # fmt: skip


# --- value types ------------------------------------------------------------------------------


def finite_number(value: str) -> float:
    """Read a finite number (argparse type).

    Parameters
    ----------
    value : str

    Returns
    -------
    float
    """
    try:
        out = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {value!r}") from None
    if not math.isfinite(out):
        raise argparse.ArgumentTypeError(f"expected a finite number, got {value!r}")
    return out


def degrees(what: str, limit: float) -> Callable[[str], float]:
    """Return an argparse type for a latitude (``limit`` 90) or longitude (180) in degrees.

    Parameters
    ----------
    what : str
        ``"latitude"`` or ``"longitude"``, for messages.
    limit : float

    Returns
    -------
    callable
    """

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


def bounded_number(limit: float, unit: str) -> Callable[[str], float]:
    """Return an argparse type for a positive number of at most ``limit``.

    Parameters
    ----------
    limit : float
        Largest plausible value.
    unit : str
        Unit words for the message (e.g. ``"km (wider than China)"``).

    Returns
    -------
    callable
    """

    def read(value: str) -> float:
        out = finite_number(value)
        if not out > 0:
            raise argparse.ArgumentTypeError(f"expected a positive number, got {value!r}")
        if out > limit:
            raise argparse.ArgumentTypeError(f"{value} is not plausible: at most {limit:g} {unit}")
        return out

    return read


def number_between(low: float, high: float, *, option: str, unit: str) -> Callable[[str], float]:
    """Return an argparse type for a number from ``low`` to ``high`` (both included).

    Parameters
    ----------
    low, high : float
    option : str
        The option, for messages (e.g. ``"--cell-km"``).
    unit : str
        The unit, for messages (e.g. ``"km"``).

    Returns
    -------
    callable
    """

    def read(value: str) -> float:
        out = finite_number(value)
        if not low <= out <= high:
            raise argparse.ArgumentTypeError(
                f"{option} must lie between {low:g} and {high:g} {unit}, got {value!r}"
            )
        return out

    return read


def whole_number_between(low: int, high: int, *, option: str) -> Callable[[str], int]:
    """Return an argparse type for a whole number from ``low`` to ``high`` (both included).

    Parameters
    ----------
    low, high : int
    option : str
        The option, for messages (e.g. ``"--count"``).

    Returns
    -------
    callable
    """

    def read(value: str) -> int:
        try:
            out = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{option} must be a whole number, got {value!r}"
            ) from None
        if not low <= out <= high:
            raise argparse.ArgumentTypeError(
                f"{option} must lie between {low} and {high}, got {out}"
            )
        return out

    return read


def comma_choices(choices: Sequence[str], what: str) -> Callable[[str], tuple[str, ...]]:
    """Return an argparse type for a comma-separated, non-empty subset of ``choices``.

    Parameters
    ----------
    choices : sequence of str
    what : str
        The option's name for messages (e.g. ``"kinds"``).

    Returns
    -------
    callable
        Reads ``"a,b"`` as ``("a", "b")``.
    """

    def read(value: str) -> tuple[str, ...]:
        out = tuple(k.strip() for k in value.split(",") if k.strip())
        if not out or any(k not in choices for k in out):
            raise argparse.ArgumentTypeError(
                f"{what} must be a comma-separated subset of {','.join(choices)}, got {value!r}"
            )
        return out

    return read


def picture_size(value: str) -> tuple[int, int]:
    """Read a picture size ``WIDTHxHEIGHT`` in pixels (argparse type).

    Parameters
    ----------
    value : str

    Returns
    -------
    tuple of int
        ``(width, height)``, see :func:`portgeo.maps.snapshot.parse_size`.
    """
    try:
        return parse_size(value)
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def yes_no(value: str) -> bool:
    """Read ``yes``/``no`` (and 是/否, true/false, 1/0) (argparse type).

    Parameters
    ----------
    value : str

    Returns
    -------
    bool
    """
    try:
        out = parse_yes_no(value, what="the flag")
    except InputError as exc:
        raise argparse.ArgumentTypeError(f"expected yes or no, got {value!r}") from exc
    if out is None:
        raise argparse.ArgumentTypeError("expected yes or no, got an empty value")
    return out


# --- groups -----------------------------------------------------------------------------------


def add_candidate_options(p: argparse.ArgumentParser, *, many: bool = False, title: str) -> Any:
    """Add the candidate group: ``--iata`` (one, or several with ``many``), ``--name``, ``--replaces``, ``--lat``, ``--lon``, ``--crs``.

    Parameters
    ----------
    p : argparse.ArgumentParser
    many : bool, default False
        Several IATA codes (catchments) instead of one candidate with a name.
    title : str
        The group's heading.

    Returns
    -------
    argparse._ArgumentGroup
        The group, for a command's own candidate options (``--batch``).
    """
    g = p.add_argument_group(title)
    if many:
        g.add_argument("--iata", nargs="+", metavar="CODE",
                       help="IATA code(s) (catalogue sites first, else airportsdata)")  # fmt: skip
    else:
        g.add_argument("--iata", help="IATA code of the candidate airport (e.g. HUZ)")
        g.add_argument("--name", help="name of the candidate (with --lat/--lon)")
        g.add_argument("--replaces", metavar="IATA",
                       help="the candidate relocates this opened air port, which then leaves the "
                            "comparison (without it, a site given by --lat/--lon is a new site "
                            "compared with every opened air port)")  # fmt: skip
    # finite here; the range is the library's to check, so that it can say when the two look
    # swapped (a latitude of 113 next to a longitude of 23)
    g.add_argument("--lat", type=finite_number, help="latitude, degrees")
    g.add_argument("--lon", type=finite_number, help="longitude, degrees")
    g.add_argument("--crs", choices=("wgs84", "gcj02"), default=None,
                   help="datum of --lat/--lon (default wgs84); gcj02 for coordinates copied "
                        "from Amap/Gaode")  # fmt: skip
    return g


def candidate_from_args(args: argparse.Namespace) -> CandidateInput:
    """Read the candidate group back.

    Parameters
    ----------
    args : argparse.Namespace

    Returns
    -------
    CandidateInput
    """
    return CandidateInput(iata=args.iata, name=getattr(args, "name", None), lat=args.lat,
                          lon=args.lon, crs=args.crs, replaces=getattr(args, "replaces", None))  # fmt: skip


def add_fact_options(p: argparse.ArgumentParser, rule: AdmissionRule) -> None:
    """Add the facts group: routes, passengers, setting and the province gate.

    Parameters
    ----------
    p : argparse.ArgumentParser
    rule : AdmissionRule
        Gives the gate's number of years in the help.
    """
    g = p.add_argument_group("facts (unknown when absent)")
    g.add_argument("--routes", type=finite_number, help="fixed direct routes (no stopovers)")
    g.add_argument("--passengers", type=finite_number, help="peak annual passengers (persons/yr)")
    g.add_argument("--setting", choices=SETTINGS, help="override the derived setting")
    g.add_argument("--exiting-port", nargs="?", const=True, type=yes_no, metavar="yes|no",
                   help="the province has an air port due to exit (flag alone = yes)")  # fmt: skip
    g.add_argument("--unaccepted-port", nargs="?", const=True, type=yes_no, metavar="yes|no",
                   help=f"the province has an air port approved {rule.unaccepted_years:g} or more "
                        "years ago, not yet accepted (the register is consulted too)")  # fmt: skip
    g.add_argument("--ports-below-standard", type=finite_number, metavar="N",
                   help="number of the province's air ports below the volume standard")  # fmt: skip


def facts_from_args(args: argparse.Namespace) -> Facts:
    """Read the facts group back.

    Parameters
    ----------
    args : argparse.Namespace

    Returns
    -------
    Facts
    """
    return Facts(routes=args.routes, passengers=args.passengers, setting=args.setting,
                 exiting_port=args.exiting_port, unaccepted_port=args.unaccepted_port,
                 ports_below_standard=args.ports_below_standard)  # fmt: skip


def add_register_options(p: argparse.ArgumentParser, *, encoding: bool = True) -> None:
    """Add the register group: ``--as-of``, ``--open-ports`` (and ``--encoding``).

    Parameters
    ----------
    p : argparse.ArgumentParser
    encoding : bool, default True
        Offer ``--encoding`` for the user's CSV files.
    """
    g = p.add_argument_group("opened air ports")
    g.add_argument("--as-of", metavar="YYYY[-MM[-DD]]",
                   help="compare with the air ports open at this date (a year or month means its "
                        "end), e.g. 2020 for the plan's baseline; default today")  # fmt: skip
    g.add_argument("--open-ports", metavar="FILE.csv",
                   help="replace the register of opened air ports by this file "
                        "(id,name_zh,iata,lat,lon[,source])")  # fmt: skip
    if encoding:
        g.add_argument("--encoding", metavar="NAME",
                       help="encoding of the CSV files given (default: detected, UTF-8 with or "
                            "without BOM, else GB18030/GBK)")  # fmt: skip


def register_from_args(args: argparse.Namespace) -> RegisterInput:
    """Read the register group back.

    Parameters
    ----------
    args : argparse.Namespace

    Returns
    -------
    RegisterInput
    """
    return RegisterInput(as_of=args.as_of, open_ports=args.open_ports,
                         encoding=getattr(args, "encoding", None))  # fmt: skip


def add_population_options(p: argparse.ArgumentParser, *, can_skip: bool = False) -> None:
    """Add the population group: ``--population``, ``--population-column``, ``--drop-invalid``.

    Read back as ``args.population``, ``args.population_column`` and ``args.drop_invalid`` (the
    fields of the same names of the siting and eligibility requests), or with
    :func:`population_from_args`.

    Parameters
    ----------
    p : argparse.ArgumentParser
    can_skip : bool, default False
        Also add ``--no-reach`` (a check that counts no people, and so loads none).
    """
    g = p.add_argument_group("population (人口)")
    g.add_argument("--population", metavar="FILE.csv|FILE.gpkg",
                   help="points with a population column (CSV lon,lat in WGS84, or point "
                        "geometries); default people in GeoNames places of >= 500, not a "
                        "census grid")  # fmt: skip
    g.add_argument("--population-column", default="population", metavar="NAME",
                   help="the column of people of --population (default population)")  # fmt: skip
    g.add_argument("--drop-invalid", action="store_true",
                   help="drop (and report) rows of the population file with a problem instead "
                        "of refusing the file")  # fmt: skip
    if can_skip:
        g.add_argument("--no-reach", action="store_true",
                       help="do not count the people within reach (saves loading the population "
                            "and one search per opened air port)")  # fmt: skip


def population_from_args(args: argparse.Namespace) -> PopulationInput | None:
    """Read the population group back: None when ``--no-reach``.

    Parameters
    ----------
    args : argparse.Namespace

    Returns
    -------
    PopulationInput or None

    Raises
    ------
    portgeo.errors.InputError
        ``--no-reach`` given with a population option.
    """
    given = (
        args.population is not None or args.drop_invalid or (args.population_column != "population")
    )
    if args.no_reach:
        if given:
            raise InputError("--no-reach counts no people: drop --population, "
                             "--population-column and --drop-invalid, or drop --no-reach")  # fmt: skip
        return None
    return PopulationInput(source=args.population, column=args.population_column,
                           drop_invalid=args.drop_invalid)  # fmt: skip


def add_network_option(p: _Container, *, sources: Sequence[str]) -> None:
    """Add ``--network`` with the sources this command can use.

    Parameters
    ----------
    p : argparse.ArgumentParser
    sources : sequence of {"offline", "overpass", "file"}
    """
    metavar = "|".join("FILE.osm.pbf" if s == "file" else s for s in sources)
    p.add_argument("--network", default="offline", metavar=metavar,
                   help="road network: " + ", ".join(_NETWORKS[s] for s in sources))  # fmt: skip


def add_cell_option(p: _Container, *, what: str) -> None:
    """Add ``--cell-km``: the size of the national grid's cells (eligibility, siting).

    Parameters
    ----------
    p : argparse.ArgumentParser
    what : str
        What the cells are for, the help's first words.
    """
    low, high = CELL_KM_RANGE
    p.add_argument("--cell-km", type=number_between(low, high, option="--cell-km", unit="km"),
                   default=CELL_KM, metavar="KM",
                   help=f"{what} (default {CELL_KM:g} km; {low:g} to {high:g})")  # fmt: skip


def add_reading_option(
    p: _Container, rule: AdmissionRule, *, choices: Sequence[str], default: str
) -> None:
    """Add ``--reading``: how the spacing rule's '或' is read.

    Parameters
    ----------
    p : argparse.ArgumentParser
    rule : AdmissionRule
    choices : sequence of str
        ``"all"`` among them traces each reading (a map of the rule).
    default : str
    """
    every = "; all: trace each reading" if "all" in choices else ""
    p.add_argument("--reading", choices=tuple(choices), default=default,
                   help=f"'{rule.wording_zh}': both must hold (strict) or either{every}; "
                        f"default {default}")  # fmt: skip


def add_output_option(
    p: _Container, *, metavar: str, what: str, required: bool = True,
    default: Path | None = None, flag: str = "--out",
) -> None:  # fmt: skip
    """Add an output path option whose help states what happens to existing files.

    Parameters
    ----------
    p : argparse.ArgumentParser
    metavar : str
    what : str
        What is written there.
    required : bool, default True
    default : pathlib.Path, optional
    flag : str, default "--out"
    """
    kwargs: dict[str, Any] = {"required": required, "metavar": metavar}
    if default is not None:
        kwargs.update(required=False, default=default, type=Path)
    p.add_argument(flag, help=f"{what} ({OUTPUT_NOTE})", **kwargs)


def add_map_options(p: argparse.ArgumentParser, *, pictures: bool = False) -> None:
    """Add the map group: ``--basemap``, ``--lang`` (and ``--png``/``--pdf`` with ``pictures``).

    Parameters
    ----------
    p : argparse.ArgumentParser
    pictures : bool, default False
    """
    g = p.add_argument_group("map")
    g.add_argument("--basemap", choices=BASEMAPS, default="none",
                   help="the base shown first; the others are offered in the page's layer "
                        "control. none (default: offline land, sea and neighbours), osm, amap "
                        "(Gaode, GCJ-02; overlays shifted), tianditu (needs TIANDITU_KEY)")  # fmt: skip
    g.add_argument("--lang", choices=LANGS, default="zh",
                   help="language of the maps' and the report's words: zh (default, Chinese) or "
                        "en (English); never both in one label")  # fmt: skip
    if pictures:
        g.add_argument("--png", nargs="?", const=PICTURE_SIZE, type=picture_size, metavar="WxH",
                       help="also draw each map's briefing page (Chinese, Albers projection, "
                            "no on-screen controls) as a PNG of this size (default "
                            f"{PICTURE_SIZE[0]}x{PICTURE_SIZE[1]})")  # fmt: skip
        g.add_argument("--pdf", action="store_true",
                       help="also draw each map's briefing page as an A4 landscape PDF (vector, "
                            "every label as text)")  # fmt: skip


def check_output_options(
    args: argparse.Namespace, outputs: Mapping[str, tuple[str, Sequence[str] | None]]
) -> None:
    """Check every output file given, before any work (nothing is created).

    Each one by :func:`portgeo._output.check_output_file`: its suffix, a place it can be
    written, and that it is none of the command's input files (:data:`INPUT_FILE_OPTIONS`) nor
    an output checked before it.

    Parameters
    ----------
    args : argparse.Namespace
    outputs : mapping
        Output option (e.g. ``"--out"``) → (what it is, for messages; its suffixes, or None for
        any). An option not given is skipped.
    """
    inputs = {o: getattr(args, _dest(o)) for o in INPUT_FILE_OPTIONS if hasattr(args, _dest(o))}
    for option, (what, suffixes) in outputs.items():
        path = getattr(args, _dest(option))
        if path is None:
            continue
        check_output_file(path, what=what, option=option, suffixes=suffixes, inputs=inputs)
        inputs[option] = path


def _dest(option: str) -> str:
    """Return an option's attribute in the parsed arguments (``--open-ports`` → ``open_ports``)."""
    return option.lstrip("-").replace("-", "_")
