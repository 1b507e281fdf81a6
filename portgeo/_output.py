"""Writing output files: checked paths, atomic replacement, one clear error per failure.

Every file portgeo writes for a user (maps, reports, GeoJSON/GeoPackage/CSV exports, batch
results) goes through :func:`write_atomic`: the path is checked first (a folder that does not
exist, a path that is a folder, a parent that is a file, a read-only place: each gives an
:class:`~portgeo.errors.OutputError` saying what to do), the content is written to a temporary
file beside the target and renamed over it, so an interrupted run never leaves a half-written
file where a good one was, and nothing is written anywhere else.

The temporary file is made by :func:`replace_via_temporary` (the on-disk cache uses it too):
:func:`tempfile.mkstemp` creates it in the target's folder with ``O_CREAT | O_EXCL`` under an
unpredictable name, so a symbolic link planted where a temporary file will be (the old
predictable name ``.<stem>.tmp-<pid><suffix>``) cannot redirect the write to a file elsewhere,
and :func:`os.replace` puts it in place. :func:`check_not_input` refuses an output that is also
one of the run's input files, compared by resolved path and by :func:`os.path.samefile`.

Missing output folders are **created** (like ``mkdir -p``), unless a part of the path is a file.

CSV files for people (:func:`write_csv_atomic`) are safe to open in a spreadsheet: a text cell
that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be read as a
formula (CSV/formula injection), so it gets a leading ``'`` (:func:`csv_safe`); numbers are
left as they are. Control characters in a text cell (a newline, an ANSI escape, a bidi override)
are written as visible escapes (:func:`printable`), so a file that is shown in a terminal or a
spreadsheet shows what the cell holds and cannot steer the screen.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from pyogrio.errors import DataSourceError

from portgeo.errors import InputError, OutputError

__all__ = [
    "FORMULA_PREFIXES",
    "LAYER_DRIVERS",
    "check_not_input",
    "check_output_file",
    "check_output_path",
    "csv_safe",
    "json_text",
    "printable",
    "replace_via_temporary",
    "write_atomic",
    "write_bytes_atomic",
    "write_csv_atomic",
    "write_csv_chunks_atomic",
    "write_layers",
    "write_text_atomic",
]

#: Unicode categories shown as escapes by :func:`printable`: control (C0, DEL, C1), format
#: (bidi overrides and isolates, zero-width characters), line and paragraph separators, surrogates.
HIDDEN_CATEGORIES: frozenset[str] = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})

_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: object) -> str:
    r"""Return text with every invisible or screen-steering character written as an escape.

    A newline becomes ``\n``, an ANSI escape ``\x1b``, a right-to-left override ``\u202e``:
    what a name from a user's file holds is shown, and it cannot move the cursor, recolour the
    terminal, hide text or start a new line in a one-line-per-record output. Everything else
    (Chinese, accents, spaces) is kept as it is.

    Parameters
    ----------
    text : object
        Any value; ``str(text)`` is escaped.

    Returns
    -------
    str
    """
    s = str(text)
    if s.isprintable():
        return s
    out = []
    for ch in s:
        if ch == " " or unicodedata.category(ch) not in HIDDEN_CATEGORIES:
            out.append(ch)
        elif ch in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[ch])
        elif ord(ch) <= 0xFF:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(f"\\u{ord(ch):04x}")
    return "".join(out)


def json_text(obj: Any, *, indent: int | None = 2) -> str:
    r"""Return JSON for a terminal or a file: UTF-8 Chinese, every control character escaped.

    ``json.dumps`` already escapes C0 controls inside strings; DEL, C1 controls (``\x9b``
    starts an ANSI sequence on some terminals), line separators, lone surrogates and bidi or
    zero-width format characters are escaped here too. The text is valid JSON and reads back
    to the same values.

    Parameters
    ----------
    obj : object
        A JSON-serialisable value.
    indent : int or None, default 2

    Returns
    -------
    str
    """
    text = json.dumps(obj, ensure_ascii=False, indent=indent)
    if text.replace("\n", "").isprintable():
        return text
    return "".join(
        f"\\u{ord(ch):04x}" if ch != "\n" and unicodedata.category(ch) in HIDDEN_CATEGORIES else ch
        for ch in text
    )


#: First characters that make a spreadsheet read a CSV cell as a formula.
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

#: GIS file suffixes that :func:`write_layers` writes, with their GDAL driver.
LAYER_DRIVERS: dict[str, str] = {".gpkg": "GPKG", ".geojson": "GeoJSON", ".json": "GeoJSON"}


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
    output: str | Path, inputs: Mapping[str, str | Path | None], *, what: str = "output"
) -> None:
    """Refuse an output path that names one of the run's input files (it would be overwritten).

    The one check of every command that reads files and writes files. An input that does not
    exist as a file (an option not given, a keyword such as ``--network offline``) cannot be
    destroyed and is skipped; the others are compared with the output by resolved path (links
    and ``..`` followed) and by :func:`os.path.samefile` (hard links, bind mounts).

    Parameters
    ----------
    output : str or pathlib.Path
        The file to write.
    inputs : mapping
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
        if not src.is_file():
            continue
        same = out.resolve() == src.resolve()
        if not same and out.exists():
            with contextlib.suppress(OSError):
                same = os.path.samefile(out, src)
        if same:
            raise OutputError(
                f"{what} {out} is the input file of {option}; writing it would destroy the "
                "input: give another output path"
            )


def check_output_file(
    path: str | Path,
    *,
    what: str,
    option: str = "--out",
    suffixes: Sequence[str] | None = None,
    inputs: Mapping[str, str | Path | None] | None = None,
) -> Path:
    """Check an output file before any work: its suffix, a place it can be written, not an input.

    The one check a command makes of each output it was given (nothing is created yet): the
    suffix (:class:`~portgeo.errors.InputError`), then :func:`check_output_path` without creating
    folders, then :func:`check_not_input`.

    Parameters
    ----------
    path : str or pathlib.Path
        The file to write.
    what : str
        What the file is, for messages.
    option : str, default "--out"
        The option that named it, for messages.
    suffixes : sequence of str, optional
        The suffixes it may have (lower case, with the dot); default any.
    inputs : mapping, optional
        Option name → input path of the run (see :func:`check_not_input`).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    portgeo.errors.InputError
        The suffix is not one of ``suffixes``.
    portgeo.errors.OutputError
        The path cannot be written, or it is one of the inputs.
    """
    p = Path(path)
    if suffixes is not None and p.suffix.lower() not in suffixes:
        raise InputError(f"{option} must end in {' or '.join(suffixes)}, got {p.name!r}")
    check_output_path(p, what=what, create=False)
    check_not_input(p, inputs or {}, what=what)
    return p


def _umask() -> int:
    """Return the file-creation mask (read from /proc on Linux, so it is never changed)."""
    with contextlib.suppress(OSError, ValueError):
        status = Path("/proc/self/status").read_text(encoding="ascii", errors="replace")
        m = re.search(r"^Umask:\s*([0-7]+)", status, re.MULTILINE)
        if m:
            return int(m.group(1), 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def replace_via_temporary(path: str | Path) -> Iterator[Path]:
    """Give a new temporary file beside ``path``; on success, rename it over ``path``.

    The temporary file is created by :func:`tempfile.mkstemp` in ``path``'s folder
    (``O_CREAT | O_EXCL``, mode 0600, an unpredictable name ``.<stem>.tmp-<random><suffix>``
    that keeps the suffix for writers that read it), so nothing planted in the folder (a
    symbolic link at a predictable name) can make the write land elsewhere. When the block ends
    normally the file gets the permissions a new file would get (``0666`` less the umask) and
    :func:`os.replace` moves it over ``path`` in one step; when it raises (any exception,
    Ctrl-C included) the temporary file is removed and ``path`` is left as it was.

    Parameters
    ----------
    path : str or pathlib.Path
        The file to (re)place; its folder must exist.

    Yields
    ------
    pathlib.Path
        The temporary file (empty; a writer may truncate it or replace it by name).

    Raises
    ------
    OSError
        The folder cannot be written, or the rename failed.
    """
    p = Path(path)
    fd, name = tempfile.mkstemp(prefix=f".{p.stem}.tmp-", suffix=p.suffix, dir=p.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, p)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def write_atomic(path: str | Path, writer: Callable[[Path], None], *, what: str = "output") -> Path:
    """Write a file through a temporary file, then rename it over ``path``.

    Parameters
    ----------
    path : str or pathlib.Path
        The file to (re)place.
    writer : callable
        ``writer(tmp_path)`` writes the whole content to ``tmp_path`` (same folder, same suffix;
        made by :func:`replace_via_temporary`, so it already exists, empty).
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
    try:
        with replace_via_temporary(p) as tmp:
            writer(tmp)
    except (OSError, DataSourceError) as exc:  # pyogrio's GDAL errors are not OSErrors
        reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
        raise OutputError(f"cannot write {what} {p}: {reason}") from exc
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
    return write_bytes_atomic(path, text.encode("utf-8"), what=what)


def write_bytes_atomic(path: str | Path, data: bytes, *, what: str = "output") -> Path:
    """Write bytes atomically (see :func:`write_atomic`).

    Parameters
    ----------
    path : str or pathlib.Path
    data : bytes
    what : str
        What the file is, for messages.

    Returns
    -------
    pathlib.Path
    """

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    return write_atomic(path, write, what=what)


def write_layers(path: str | Path, layers: Mapping[str, Any], *, what: str = "output") -> Path:
    """Write GIS layers atomically: each one into a GeoPackage, or the first one as GeoJSON.

    A GeoJSON file holds one layer, named after the file; a GeoPackage holds every layer, by
    its name, in the order given.

    Parameters
    ----------
    path : str or pathlib.Path
        A file whose suffix is one of :data:`LAYER_DRIVERS`.
    layers : mapping of str to geopandas.GeoDataFrame
        Layer name → layer; not empty.
    what : str
        What the file is, for messages.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    portgeo.errors.InputError
        The suffix is not one of :data:`LAYER_DRIVERS`.
    ValueError
        No layer.
    """
    p = Path(path)
    driver = LAYER_DRIVERS.get(p.suffix.lower())
    if driver is None:
        raise InputError(f"{what} {p.name} must end in {' or '.join(LAYER_DRIVERS)}")
    if not layers:
        raise ValueError(f"no layer to write to {p}")
    named = list(layers.items())[: 1 if driver == "GeoJSON" else None]

    def write(tmp: Path) -> None:
        for i, (name, gdf) in enumerate(named):
            layer = p.stem if driver == "GeoJSON" else name
            gdf.to_file(tmp, driver=driver, layer=layer, mode="a" if i else "w")

    return write_atomic(p, write, what=what)


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Return a copy whose text cells cannot be read as spreadsheet formulas.

    Parameters
    ----------
    df : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        Text cells starting with one of :data:`FORMULA_PREFIXES` get a leading ``'``, and
        their control characters are escaped (:func:`printable`); other cells (numbers,
        booleans, missing values) are unchanged.
    """

    def fix(v: object) -> object:
        if not isinstance(v, str):
            return v
        return "'" + printable(v) if v.startswith(FORMULA_PREFIXES) else printable(v)

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
