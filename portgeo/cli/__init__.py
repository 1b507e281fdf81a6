"""The ``portgeo`` command line.

Thin by design: each subcommand lives in its own module (``cmd_export``, ``cmd_maps``,
``cmd_check_airport``, ``cmd_eligibility``, ``cmd_catchments``), parses arguments and calls the
library. A user mistake gives one line on stderr and exit code 2, never a traceback: every
:class:`~portgeo.errors.PortgeoError`, and the file, disk and format errors that
:func:`portgeo.cli.boundary.user_error` translates. A programming error still shows its
traceback. Ctrl-C stops with one line and exit code 130; outputs and caches are written whole
or not at all. Progress bars are shown on a terminal only (or with ``--verbose``).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import NoReturn

from portgeo import __version__, settings
from portgeo._output import printable
from portgeo.cli import cmd_catchments, cmd_check_airport, cmd_eligibility, cmd_export, cmd_maps
from portgeo.cli.boundary import user_error
from portgeo.cli.terminal import prepare_streams

__all__ = ["main"]

#: Subcommand modules, in the order shown by ``portgeo --help``.
SUBCOMMANDS = (cmd_export, cmd_maps, cmd_check_airport, cmd_eligibility, cmd_catchments)


class _Parser(argparse.ArgumentParser):
    """ArgumentParser whose errors are one line (argparse's default prints the usage too)."""

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
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.INFO if args.verbose else getattr(logging, settings.log_level, logging.WARNING)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    progress = settings.progress
    settings.progress = progress and (args.verbose or sys.stderr.isatty())
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        print("portgeo: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:
        err = user_error(exc)
        if err is None:
            raise
        msg = printable(" ".join(str(err).split()))
        print(f"portgeo: error: {msg}", file=sys.stderr)
        return 2
    finally:
        settings.progress = progress


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
