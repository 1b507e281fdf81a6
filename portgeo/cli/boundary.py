"""The command line's one error boundary: which failures are the user's to fix, and in what words.

:func:`user_error` is the one place that turns an operating-system, parse or file-format error
escaping a command into a :class:`~portgeo.errors.PortgeoError` with a message a planner can act
on (a path that cannot be read or written, a file that is not the format its name says, a full
disk). :func:`portgeo.cli.main` prints it as one line (one per problem for an error that lists its
``problems``, such as a population file's) and exits with code 2.

Everything else is a programming error and is not caught: ``TypeError``, ``KeyError``,
``AttributeError`` and the like surface as real tracebacks, so that a bug is never dressed up as
a user mistake.
"""

from __future__ import annotations

import csv
import zipfile
from xml.etree.ElementTree import ParseError

import pandas as pd
import pyarrow
import pyogrio.errors
import yaml

from portgeo.errors import InputError, OutputError, PortgeoError

__all__ = ["OUTPUT_NOTE", "USER_ERRORS", "user_error"]

#: What every output option says in ``--help`` (the behaviour of :mod:`portgeo._output`).
OUTPUT_NOTE = "missing folders are created; an existing file is replaced whole, never half-written"

#: Exception types that come from the world outside the code (files, disks, formats).
USER_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    UnicodeError,
    pd.errors.EmptyDataError,
    pd.errors.ParserError,
    csv.Error,
    ParseError,
    yaml.YAMLError,
    zipfile.BadZipFile,
    pyarrow.ArrowException,
    pyogrio.errors.DataSourceError,
    pyogrio.errors.DataLayerError,
    pyogrio.errors.FieldError,
)


def _first_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:240] or type(exc).__name__


def user_error(exc: BaseException) -> PortgeoError | None:
    """Turn an error from files, disks or formats into a :class:`PortgeoError` (else None).

    Parameters
    ----------
    exc : BaseException
        What a command raised.

    Returns
    -------
    PortgeoError or None
        The error in words a user can act on; None for a programming error (re-raise it).
    """
    if isinstance(exc, PortgeoError):
        return exc
    if not isinstance(exc, USER_ERRORS) or isinstance(exc, BrokenPipeError):
        return None
    if isinstance(exc, OSError):
        where = exc.filename if exc.filename is not None else None
        reason = exc.strerror or _first_line(exc)
        if where is None:
            return OutputError(f"a file operation failed: {reason}")
        other = f" → {exc.filename2}" if getattr(exc, "filename2", None) else ""
        return OutputError(
            f"cannot use {where}{other}: {reason}; check the path, its folder and permissions"
        )
    if isinstance(exc, UnicodeError):
        return InputError(
            f"a file is not text in the expected encoding ({_first_line(exc)}); save it as "
            "UTF-8 (or give --encoding where the command has it)"
        )
    if isinstance(exc, pd.errors.EmptyDataError | pd.errors.ParserError | csv.Error):
        return InputError(f"a CSV file cannot be read: {_first_line(exc)}")
    if isinstance(exc, ParseError):
        return InputError(f"an XML file cannot be parsed: {_first_line(exc)}")
    if isinstance(exc, yaml.YAMLError):
        return InputError(f"a YAML file cannot be parsed: {_first_line(exc)}")
    if isinstance(exc, zipfile.BadZipFile | pyarrow.ArrowException):
        return InputError(f"a data file is damaged or not in its format: {_first_line(exc)}")
    return InputError(f"a GIS file cannot be read or written: {_first_line(exc)}")
