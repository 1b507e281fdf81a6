"""Where portgeo's data files are, how they are read, and what a missing value is.

One module answers three questions every other module asks:

- **where**: :func:`data_path` finds a file of the data folder (``settings.data_dir``, the
  repository's ``data/`` in an editable install, or the copy installed with the package);
- **how to read it**: :func:`read_data_csv` and :func:`read_data_yaml` read the reviewed files
  of ``data/`` (every cell a string, empty = missing), :func:`read_user_csv` reads a user's
  CSV (encoding detected, ragged rows refused, blank rows skipped), and :func:`data_hash`
  hashes the files a cache is built from, so that editing a data file invalidates every cache
  it feeds;
- **what is missing**: :func:`is_blank`, :func:`clean` and :func:`parse_yes_no` are the one
  vocabulary for "no value" and "yes/no" in data files, user CSVs and command-line flags.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import logging
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from portgeo import settings
from portgeo.errors import CatalogueError, InputError

__all__ = [
    "NO_WORDS",
    "USER_CSV_ENCODINGS",
    "YES_WORDS",
    "UserCsv",
    "clean",
    "data_hash",
    "data_path",
    "file_fingerprint",
    "file_hash",
    "is_blank",
    "open_user_csv",
    "parse_yes_no",
    "read_data_csv",
    "read_data_yaml",
    "read_user_csv",
]

log = logging.getLogger(__name__)

#: Words read as yes / no (case-insensitive) in data files, user CSVs and flags.
YES_WORDS: frozenset[str] = frozenset({"1", "true", "yes", "y", "是", "有"})
NO_WORDS: frozenset[str] = frozenset({"0", "false", "no", "n", "否", "无"})


def data_path(*parts: str) -> Path:
    """Return the path of a file in portgeo's data folder.

    The folder is ``portgeo.settings.data_dir`` when set, else the repository's top-level
    ``data/`` (editable installs), else the copy installed with the package.

    Parameters
    ----------
    *parts : str
        Path components below the data folder.

    Returns
    -------
    pathlib.Path
        The path (it may not exist).
    """
    if settings.data_dir is not None:
        base = Path(settings.data_dir)
    else:
        repo = Path(__file__).resolve().parent.parent / "data"
        base = repo if repo.is_dir() else Path(str(resources.files("portgeo") / "_data"))
    return base.joinpath(*parts)


def read_data_csv(path: Path) -> pd.DataFrame:
    """Read a CSV file of the data folder: every cell a string, empty cells missing.

    Parameters
    ----------
    path : pathlib.Path
        The file.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    portgeo.errors.CatalogueError
        The file is missing or cannot be parsed.
    """
    if not path.is_file():
        raise CatalogueError(f"data file {path} not found")
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise CatalogueError(f"data file {path} cannot be read: {exc}") from exc


#: Bytes read at a time when a user's file is checked.
_BLOCK_BYTES = 1 << 20

#: Encodings tried, in order, for a user's CSV that names none: UTF-8 (with or without a byte-order
#: mark), then GB18030, the superset of GBK and GB2312 that Chinese spreadsheets (Excel, WPS)
#: save as "CSV". A file with a UTF-16 byte-order mark (Excel's "Unicode text") is read as UTF-16.
USER_CSV_ENCODINGS: tuple[str, ...] = ("utf-8-sig", "gb18030")


def _undecodable_byte(path: Path, encoding: str) -> int | None:
    """Decode a file block by block; return the offset of the first bad byte, or None."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    pos = 0
    with path.open("rb") as fh:
        while True:
            block = fh.read(_BLOCK_BYTES)
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(block, final=not block)
            except UnicodeDecodeError as exc:
                return pos - pending + exc.start
            if not block:
                return None
            pos += len(block)


def _user_file_encoding(path: Path, encoding: str | None, label: str) -> str:
    """Codec of a user's file: ``encoding``, or the first of USER_CSV_ENCODINGS that fits.

    The whole file is decoded (block by block, nothing kept) so that a bad byte anywhere is
    reported before any row is used.
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r} for {label}") from None
        bad = _undecodable_byte(path, encoding)
        if bad is not None:
            raise InputError(f"{label} is not valid {encoding} text (byte {bad}); check --encoding")
        return encoding
    with path.open("rb") as fh:
        head = fh.read(4096)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        if _undecodable_byte(path, "utf-16") is not None:
            raise InputError(f"{label} has a UTF-16 mark but is not UTF-16 text")
        return "utf-16"
    if b"\x00" in head:
        raise InputError(
            f"{label} is a binary file, not CSV text (an Excel workbook? save it as CSV)"
        )
    for enc in USER_CSV_ENCODINGS:
        if _undecodable_byte(path, enc) is not None:
            continue
        if enc != USER_CSV_ENCODINGS[0]:
            log.info("%s read as %s", label, enc)
        return enc
    raise InputError(
        f"{label} is neither UTF-8 nor GB18030/GBK text; save it as UTF-8 CSV or give its "
        "encoding (--encoding)"
    )


@dataclass(frozen=True)
class UserCsv:
    """A user's CSV file, checked whole by :func:`open_user_csv`, read whole or in chunks.

    Attributes
    ----------
    path : pathlib.Path
    label : str
        What the file is and its path, for messages.
    encoding : str
        The codec it is read with.
    header : list of str
        Column names (stripped).
    n_rows : int
        Data rows (blank and comment lines not counted).
    comment : str or None
        Comment character.
    """

    path: Path
    label: str
    encoding: str
    header: list[str]
    n_rows: int
    comment: str | None = None

    def chunks(
        self, chunk_rows: int | None = None, *, dtype: dict[str, Any] | str | None = None
    ) -> Iterator[pd.DataFrame]:
        """Read the rows, ``chunk_rows`` at a time (None: all in one table).

        Parameters
        ----------
        chunk_rows : int, optional
            Rows per table.
        dtype : dict or str, optional
            Passed to :func:`pandas.read_csv` (other columns are inferred as pandas does,
            chunk by chunk).

        Yields
        ------
        pandas.DataFrame
            The index is each row's line number in the file (header = 1). A file with no
            data rows gives one empty table with the header's columns.
        """
        size = chunk_rows if chunk_rows is not None else max(self.n_rows, 1)
        if size < 1:
            raise InputError(f"chunk_rows must be at least 1, got {chunk_rows!r}")
        rows: list[list[str]] = []
        lines: list[int] = []
        sent = False
        for line, row in _user_csv_rows(self.path, self.encoding, self.label, self.comment):
            if line == 0:
                continue
            rows.append(row)
            lines.append(line)
            if len(rows) == size:
                yield _user_csv_frame(self.header, rows, lines, dtype)
                rows, lines, sent = [], [], True
        if rows or not sent:
            yield _user_csv_frame(self.header, rows, lines, dtype)


def _user_csv_rows(
    path: Path, encoding: str, label: str, comment: str | None
) -> Iterator[tuple[int, list[str]]]:
    """Parse a user's CSV: ``(0, header)``, then ``(line number, padded row)`` per data row."""
    header: list[str] | None = None
    try:
        fh = path.open(encoding=encoding, newline="")
    except OSError as exc:
        raise InputError(f"cannot read {label}: {exc.strerror or exc}") from exc
    with fh:
        first = True

        def lines() -> Iterator[str]:
            nonlocal first
            for text in fh:
                if first:
                    text, first = text.lstrip("\ufeff"), False
                yield text

        reader = csv.reader(lines())
        try:
            for row in reader:
                if not any(cell.strip() for cell in row):
                    continue
                if comment and row[0].lstrip().startswith(comment):
                    continue
                if header is None:
                    header = [cell.strip() for cell in row]
                    _check_header(header, label)
                    yield 0, header
                    continue
                if len(row) > len(header):
                    if any(cell.strip() for cell in row[len(header) :]):
                        raise InputError(
                            f"{label}: line {reader.line_num} has {len(row)} cells but the "
                            f"header has {len(header)} ({', '.join(header)}); check for a stray "
                            "comma or quote"
                        )
                    row = row[: len(header)]
                yield reader.line_num, row + [""] * (len(header) - len(row))
        except csv.Error as exc:
            raise InputError(f"{label}: line {reader.line_num} cannot be parsed ({exc})") from exc
        except OSError as exc:
            raise InputError(f"cannot read {label}: {exc.strerror or exc}") from exc
    if header is None:
        raise InputError(f"{label} is empty; it needs a header row and one row per entry")


def _check_header(header: list[str], label: str) -> None:
    blank = [i + 1 for i, h in enumerate(header) if not h]
    if blank:
        raise InputError(f"{label}: column {blank[0]} of the header has no name")
    seen = {h for h in header if header.count(h) > 1}
    if seen:
        raise InputError(
            f"{label}: column {sorted(seen)[0]!r} appears more than once in the header"
        )


def _user_csv_frame(
    header: list[str], rows: list[list[str]], lines: list[int], dtype: dict[str, Any] | str | None
) -> pd.DataFrame:
    buf = io.StringIO()
    csv.writer(buf).writerows([header, *rows])
    buf.seek(0)
    df = pd.read_csv(buf, dtype=dtype)
    df.index = pd.Index(lines, name="line")
    return df


def open_user_csv(
    path: str | Path, *, what: str, encoding: str | None = None, comment: str | None = None
) -> UserCsv:
    """Check a CSV file a user gives, whole, before any row is used (see :func:`read_user_csv`).

    The file is decoded and parsed once, block by block, keeping no rows: a bad byte, a
    header problem or a row with too many cells anywhere in it is an error now, and the rows
    are counted. :meth:`UserCsv.chunks` then reads them in tables of a given size.

    Parameters
    ----------
    path : str or pathlib.Path
        The file.
    what : str
        What the file is, for messages (e.g. ``"batch file"``).
    encoding : str, optional
        The file's encoding (default: detected).
    comment : str, optional
        A line whose first non-blank character is this one is a comment.

    Returns
    -------
    UserCsv

    Raises
    ------
    portgeo.errors.InputError
        As :func:`read_user_csv`.
    """
    if str(path).strip() == "":
        raise InputError(f"{what}: the path is empty; give a CSV file")
    p = Path(path)
    label = f"{what} {p}"
    if p.is_dir():
        raise InputError(f"{label} is a folder, not a CSV file")
    if not p.is_file():
        raise InputError(f"{label} does not exist")
    try:
        enc = _user_file_encoding(p, encoding, label)
    except OSError as exc:
        raise InputError(f"cannot read {label}: {exc.strerror or exc}") from exc
    header: list[str] = []
    n = -1
    for _, row in _user_csv_rows(p, enc, label, comment):
        if n < 0:
            header = row
        n += 1
    return UserCsv(p, label, enc, header, n, comment)


def read_user_csv(
    path: str | Path,
    *,
    what: str,
    encoding: str | None = None,
    dtype: dict[str, Any] | str | None = None,
    comment: str | None = None,
) -> pd.DataFrame:
    """Read a CSV file a user gives (batch candidates, opened ports, volumes), with defined rules.

    - **encoding**: ``encoding``, or detected: UTF-8 with or without a byte-order mark, else
      GB18030/GBK (see :data:`USER_CSV_ENCODINGS`); UTF-16 with a byte-order mark;
    - **header**: the first non-blank line; names are stripped; a blank or repeated name is an
      error;
    - **blank lines** and rows whose every cell is blank are skipped, and so are lines that
      start with ``comment`` (when given);
    - **ragged rows**: a row with fewer cells than the header is padded with blanks; a row with
      more non-blank cells than the header is an error naming its line;
    - **duplicate rows** are kept (each caller says what a duplicate means).

    A large file can be read in chunks with :func:`open_user_csv` (same rules).

    Parameters
    ----------
    path : str or pathlib.Path
        The file.
    what : str
        What the file is, for messages (e.g. ``"batch file"``).
    encoding : str, optional
        The file's encoding (default: detected).
    dtype : dict or str, optional
        Passed to :func:`pandas.read_csv` (other columns are inferred as pandas does).
    comment : str, optional
        A line whose first non-blank character is this one is a comment.

    Returns
    -------
    pandas.DataFrame
        One row per data row; the index is the row's line number in the file (header = 1).

    Raises
    ------
    portgeo.errors.InputError
        Missing, unreadable, binary or empty file, undecodable text, no header, a repeated
        column name or a row with too many cells.
    """
    src = open_user_csv(path, what=what, encoding=encoding, comment=comment)
    return next(src.chunks(None, dtype=dtype))


def read_data_yaml(path: Path) -> dict[str, Any]:
    """Read a YAML file of the data folder (a mapping at the top).

    Parameters
    ----------
    path : pathlib.Path
        The file.

    Returns
    -------
    dict

    Raises
    ------
    portgeo.errors.CatalogueError
        The file is missing, cannot be parsed or is not a mapping.
    """
    if not path.is_file():
        raise CatalogueError(f"data file {path} not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CatalogueError(f"data file {path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise CatalogueError(f"data file {path} must hold a mapping at the top")
    return data


def file_hash(paths: Iterable[Path], *extra: str) -> str:
    """Hash the contents of files (and extra strings) into a short cache key.

    Parameters
    ----------
    paths : iterable of pathlib.Path
        Files whose bytes feed the key (a missing file counts as the text ``<missing>``).
    *extra : str
        More strings that feed the key (package versions, parameters).

    Returns
    -------
    str
        16 hex digits of a SHA-256.
    """
    h = hashlib.sha256()
    for p in paths:
        h.update(str(Path(p).name).encode())
        h.update(Path(p).read_bytes() if Path(p).is_file() else b"<missing>")
    for e in extra:
        h.update(b"\0" + str(e).encode())
    return h.hexdigest()[:16]


def file_fingerprint(path: Path, *, sample_bytes: int = 1 << 20) -> str:
    """Fingerprint a big file cheaply: its size, modification time and first and last MiB.

    For multi-GB inputs (a national ``.osm.pbf``) where hashing every byte costs seconds per
    run. An edit that keeps the size, the time stamp and both ends unchanged goes unnoticed;
    re-downloading or touching the file changes the fingerprint.

    Parameters
    ----------
    path : pathlib.Path
        An existing file.
    sample_bytes : int, default 1 MiB
        How much of each end is hashed.

    Returns
    -------
    str
        16 hex digits of a SHA-256.
    """
    st = Path(path).stat()
    h = hashlib.sha256(f"{st.st_size}:{st.st_mtime_ns}".encode())
    with Path(path).open("rb") as fh:
        h.update(fh.read(sample_bytes))
        if st.st_size > sample_bytes:
            fh.seek(max(sample_bytes, st.st_size - sample_bytes))
            h.update(fh.read(sample_bytes))
    return h.hexdigest()[:16]


def data_hash(*relpaths: str, extra: Iterable[str] = ()) -> str:
    """Hash data files by their path below the data folder (see :func:`file_hash`).

    Parameters
    ----------
    *relpaths : str
        Paths below the data folder, e.g. ``"belt_regions.csv"``.
    extra : iterable of str
        More strings that feed the key.

    Returns
    -------
    str
        16 hex digits.
    """
    return file_hash([data_path(*p.split("/")) for p in relpaths], *extra)


def is_blank(value: Any) -> bool:
    """Tell whether a value means "no value": None, NaN, pandas NA/NaT or blank text.

    Parameters
    ----------
    value : object

    Returns
    -------
    bool
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value)) if pd.api.types.is_scalar(value) else False
    except (TypeError, ValueError):
        return False


def clean(value: Any) -> Any:
    """Return ``None`` for a blank value (see :func:`is_blank`), else the value.

    Parameters
    ----------
    value : object

    Returns
    -------
    object or None
    """
    return None if is_blank(value) else value


def parse_yes_no(value: Any, *, what: str = "value") -> bool | None:
    """Read a yes/no value; blank gives None (unknown).

    Parameters
    ----------
    value : object
        A bool, or text among :data:`YES_WORDS` / :data:`NO_WORDS` (case-insensitive).
    what : str
        Name of the value, for the error message.

    Returns
    -------
    bool or None

    Raises
    ------
    portgeo.errors.InputError
        Any other value.
    """
    if isinstance(value, bool):
        return value
    if is_blank(value):
        return None
    if hasattr(value, "item") and isinstance(value.item(), bool):  # numpy bool
        return bool(value.item())
    text = str(value).strip().lower()
    if text in YES_WORDS:
        return True
    if text in NO_WORDS:
        return False
    raise InputError(f"{what} must be yes or no, got {value!r}")
