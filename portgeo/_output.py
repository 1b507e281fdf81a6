"""Writing output files: checked paths, atomic replacement, one clear error per failure.

Every file portgeo writes for a user (maps, reports, GeoJSON/GeoPackage/CSV exports, batch
results) goes through :func:`write_atomic`: the path is checked first (a folder that does not
exist, a path that is a folder, a parent that is a file, a read-only place: each gives an
:class:`~portgeo.errors.OutputError` saying what to do), the content is written to a temporary
file beside the target and renamed over it, so an interrupted run never leaves a half-written
file where a good one was, and nothing is written anywhere else.

Missing output folders are **created** (like ``mkdir -p``), unless a part of the path is a file.

CSV files for people (:func:`write_csv_atomic`) are safe to open in a spreadsheet: a text cell
that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be read as a
formula (CSV/formula injection), so it gets a leading ``'`` (:func:`csv_safe`); numbers are
left as they are.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pandas as pd
from pyogrio.errors import DataSourceError

from portgeo.errors import OutputError

__all__ = [
    "FORMULA_PREFIXES",
    "check_not_input",
    "check_output_path",
    "csv_safe",
    "write_atomic",
    "write_csv_atomic",
    "write_csv_chunks_atomic",
    "write_text_atomic",
]

#: First characters that make a spreadsheet read a CSV cell as a formula.
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def check_output_path(path: str | Path, *, what: str = "output", create: bool = True) -> Path:
    """Check that a file can be written at ``path`` (creating missing parent folders).

    Parameters
    ----------
    path : str or pathlib.Path
        The file to write.
    what : str
        What the file is, for messages (e.g. ``"report"``).
    create : bool, default True
        Create missing parent folders. False only checks (the command line checks every output
        path before any work, and creates folders only when it writes).

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
    if not create:
        existing = next((a for a in p.parents if a.exists()), Path("."))
        if not os.access(existing, os.W_OK):
            raise OutputError(f"cannot write {what} {p}: the folder {existing} is not writable")
        return p
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot create the folder {p.parent} for {what} {p.name}: {exc.strerror or exc}"
        ) from exc
    if not os.access(p.parent, os.W_OK):
        raise OutputError(f"cannot write {what} {p}: the folder {p.parent} is not writable")
    return p


def check_not_input(
    output: str | Path, inputs: dict[str, str | Path | None], *, what: str = "output"
) -> None:
    """Refuse an output path that names one of the run's input files (it would be overwritten).

    Parameters
    ----------
    output : str or pathlib.Path
        The file to write.
    inputs : dict
        Option name → input path (None for an option not given).
    what : str
        What the output is, for messages.

    Raises
    ------
    portgeo.errors.OutputError
        The output is the same file as an input (same path, or the same file reached through a
        link).
    """
    out = Path(output)
    for option, given in inputs.items():
        if given is None or str(given).strip() in ("", "-"):
            continue
        src = Path(given)
        same = out.resolve() == src.resolve()
        if not same and out.exists() and src.exists():
            with contextlib.suppress(OSError):
                same = os.path.samefile(out, src)
        if same:
            raise OutputError(
                f"{what} {out} is the input file of {option}; writing it would destroy the "
                "input: give another output path"
            )


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


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Return a copy whose text cells cannot be read as spreadsheet formulas.

    Parameters
    ----------
    df : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        Text cells starting with one of :data:`FORMULA_PREFIXES` get a leading ``'``; other
        cells (numbers, booleans, missing values) are unchanged.
    """

    def fix(v: object) -> object:
        return "'" + v if isinstance(v, str) and v.startswith(FORMULA_PREFIXES) else v

    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(fix)
    return out


def write_csv_atomic(
    path: str | Path, df: pd.DataFrame, *, what: str = "output", index: bool = False
) -> Path:
    """Write a table as UTF-8 CSV for people: formula-safe (:func:`csv_safe`), atomically.

    Parameters
    ----------
    path : str or pathlib.Path
    df : pandas.DataFrame
    what : str
        What the file is, for messages.
    index : bool, default False
        Write the index too.

    Returns
    -------
    pathlib.Path
    """
    safe = csv_safe(df)
    return write_atomic(path, lambda tmp: safe.to_csv(tmp, index=index), what=what)


def write_csv_chunks_atomic(
    path: str | Path,
    chunks: Iterable[pd.DataFrame],
    *,
    columns: Sequence[str],
    what: str = "output",
) -> int:
    """Write a table that comes a chunk at a time as CSV for people, atomically, whole or not at all.

    The streaming twin of :func:`write_csv_atomic`: each chunk is made formula-safe
    (:func:`csv_safe`) and appended to the temporary file of :func:`write_atomic` as it comes,
    so the whole table is never held; the file is renamed over ``path`` after the last chunk.
    If anything stops the stream (an error, or Ctrl-C: :class:`KeyboardInterrupt`), the
    temporary file is removed and ``path`` is left as it was.

    Parameters
    ----------
    path : str or pathlib.Path
    chunks : iterable of pandas.DataFrame
        The rows, in order; every chunk has exactly ``columns`` (its index is not written).
    columns : sequence of str
        The header (written even when there are no chunks).
    what : str
        What the file is, for messages.

    Returns
    -------
    int
        Rows written.

    Raises
    ------
    ValueError
        A chunk whose columns are not ``columns``.
    """
    written = 0

    def write(tmp: Path) -> None:
        nonlocal written
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            pd.DataFrame(columns=list(columns)).to_csv(fh, index=False)
            for chunk in chunks:
                if list(chunk.columns) != list(columns):
                    raise ValueError(f"chunk columns {list(chunk.columns)} are not {list(columns)}")
                csv_safe(chunk).to_csv(fh, index=False, header=False)
                written += len(chunk)

    write_atomic(path, write, what=what)
    return written
