"""Writing output files: checked paths, atomic replacement, one clear error per failure.

Every file portgeo writes for a user (maps, reports, GeoJSON/GeoPackage/CSV exports, batch
results) goes through :func:`write_atomic`: the path is checked first (a folder that does not
exist, a path that is a folder, a parent that is a file, a read-only place: each gives an
:class:`~portgeo.errors.OutputError` saying what to do), the content is written to a temporary
file beside the target and renamed over it, so an interrupted run never leaves a half-written
file where a good one was, and nothing is written anywhere else.

Missing output folders are **created** (like ``mkdir -p``), unless a part of the path is a file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from pyogrio.errors import DataSourceError

from portgeo.errors import OutputError

__all__ = ["check_output_path", "write_atomic", "write_text_atomic"]


def check_output_path(path: str | Path, *, what: str = "output") -> Path:
    """Check that a file can be written at ``path`` (creating missing parent folders).

    Parameters
    ----------
    path : str or pathlib.Path
        The file to write.
    what : str
        What the file is, for messages (e.g. ``"report"``).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    portgeo.errors.OutputError
        The path is a folder, a parent is a file, or the folder cannot be written.
    """
    p = Path(path)
    if str(path).strip() == "" or p.name in ("", ".", ".."):
        raise OutputError(f"{what} path {str(path)!r} names no file; give a file name")
    if p.is_dir():
        raise OutputError(f"{what} path {p} is a folder; give a file name inside it")
    for parent in p.parents:
        if parent.exists() and not parent.is_dir():
            raise OutputError(f"cannot write {what} {p}: {parent} is a file, not a folder")
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot create the folder {p.parent} for {what} {p.name}: {exc.strerror or exc}"
        ) from exc
    if not os.access(p.parent, os.W_OK):
        raise OutputError(f"cannot write {what} {p}: the folder {p.parent} is not writable")
    return p


def write_atomic(path: str | Path, writer: Callable[[Path], None], *, what: str = "output") -> Path:
    """Write a file through a temporary file, then rename it over ``path``.

    Parameters
    ----------
    path : str or pathlib.Path
        The file to (re)place.
    writer : callable
        ``writer(tmp_path)`` writes the whole content to ``tmp_path`` (same folder, same suffix).
    what : str
        What the file is, for messages.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    portgeo.errors.OutputError
        The path cannot be written (see :func:`check_output_path`), or writing failed
        (disk full, permissions); the old file, if any, is left untouched.
    """
    p = check_output_path(path, what=what)
    tmp = p.with_name(f".{p.stem}.tmp-{os.getpid()}{p.suffix}")
    try:
        writer(tmp)
        tmp.replace(p)
    except (OSError, DataSourceError) as exc:  # pyogrio's GDAL errors are not OSErrors
        reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
        raise OutputError(f"cannot write {what} {p}: {reason}") from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return p


def write_text_atomic(path: str | Path, text: str, *, what: str = "output") -> Path:
    """Write UTF-8 text atomically (see :func:`write_atomic`).

    Parameters
    ----------
    path : str or pathlib.Path
    text : str
    what : str
        What the file is, for messages.

    Returns
    -------
    pathlib.Path
    """

    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    return write_atomic(path, write, what=what)
