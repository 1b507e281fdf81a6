"""The ``portgeo`` command line.

Thin by design: each subcommand lives in its own module (``cmd_export``, ``cmd_maps``,
``cmd_check_airport``, ``cmd_eligibility``, ``cmd_catchments``, ``cmd_siting``), parses arguments and calls the
library. A user mistake gives one line on stderr and exit code 2, never a traceback: every
:class:`~portgeo.errors.PortgeoError`, and the file, disk and format errors that
:func:`portgeo.cli.boundary.user_error` translates. A programming error still shows its
traceback. The environment variables are checked before anything else
(:func:`portgeo.cli.environment.check_environment`). Ctrl-C stops with one line and exit code
130; outputs and caches are written whole or not at all. Progress bars are shown on a terminal
only (or with ``--verbose``).
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from portgeo import __version__, settings
from portgeo._output import printable
from portgeo.cli import (
    cmd_catchments,
    cmd_check_airport,
    cmd_eligibility,
    cmd_export,
    cmd_maps,
    cmd_siting,
)
from portgeo.cli.boundary import user_error
from portgeo.cli.environment import check_environment, log_level
from portgeo.cli.terminal import prepare_streams
from portgeo.errors import Interrupted, PortgeoError

__all__ = ["main"]

#: Subcommand modules, in the order shown by ``portgeo --help``.
SUBCOMMANDS = (
    cmd_export, cmd_maps, cmd_check_airport, cmd_eligibility, cmd_catchments, cmd_siting,
)  # fmt: skip


#: What argparse takes for a negative number, the value of an option rather than an option:
#: argparse's own pattern (``-5``, ``-.5``, ``-5.0``) misses exponents (``-1e5``), infinities and
#: NaN, so ``--lon -inf`` used to fail with "expected one argument" instead of a message about
#: the value. No portgeo option looks like one of these.
NEGATIVE_NUMBER = re.compile(
    r"^-(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$|^-(?:inf|infinity|nan)$", re.IGNORECASE
)


class _Parser(argparse.ArgumentParser):
    """ArgumentParser whose errors are one line, and which reads ``-inf`` or ``-1e5`` as values.

    argparse's default prints the usage with an error; and it reads an argument as a negative
    number (a value) only when it matches the private attribute ``_negative_number_matcher``,
    which every parser and subparser (all of this class) gets as :data:`NEGATIVE_NUMBER`.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = NEGATIVE_NUMBER

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"portgeo: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every available subcommand.

    Returns
    -------
    argparse.ArgumentParser
    """
    parser = _Parser(
        prog="portgeo",
        description="Model, map and analyse China's port (口岸) layout plans.",
    )
    parser.add_argument("--version", action="version", version=f"portgeo {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for module in SUBCOMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments (default ``sys.argv[1:]``).

    Returns
    -------
    int
        Exit code: 0 on success, 2 on a user error, 130 when interrupted (Ctrl-C).
    """
    prepare_streams()
    try:
        check_environment()  # before the parser, which reads the catalogue
        level = log_level()
    except PortgeoError as exc:
        print(f"portgeo: error: {printable(' '.join(str(exc).split()))}", file=sys.stderr)
        return 2
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.INFO if args.verbose else level
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    progress = settings.progress
    settings.progress = progress and (args.verbose or sys.stderr.isatty())
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt as exc:
        said = printable(" ".join(str(exc).split())) if isinstance(exc, Interrupted) else ""
        print("portgeo: interrupted" + (f" {said}" if said else ""), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:
        err = user_error(exc)
        if err is None:
            raise
        for line in getattr(err, "problems", None) or [str(err)]:  # one line per problem
            print(f"portgeo: error: {printable(' '.join(line.split()))}", file=sys.stderr)
        return 2
    finally:
        settings.progress = progress


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
