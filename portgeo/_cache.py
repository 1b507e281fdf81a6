"""The on-disk cache: one way to read, build and write a cached file safely.

Every cache of portgeo (converted boundaries, border linework, belts, road graphs, Overpass
answers) goes through :func:`cached_file`, which guarantees:

- **keys**: callers put a hash of every data file that feeds the cache into its path
  (:func:`portgeo._data.data_hash`), so editing a data file rebuilds what depends on it;
- **atomic writes**: a file is written to a temporary file and renamed into place, so an
  interrupted run (Ctrl-C, a crash, a full disk) never leaves a half-written cache behind; the
  temporary file is made as every output's is (:func:`portgeo._output.replace_via_temporary`:
  ``mkstemp``, exclusive, an unpredictable name), so a link planted in the cache folder cannot
  redirect a write;
- **concurrency**: a lock file serialises builders of one cache file, so two processes that start
  on a cold cache both succeed, the second one reading what the first wrote;
- **recovery**: a cache file that cannot be read is reported in one warning line, moved aside
  (``<name>.corrupt-<time>``) and rebuilt;
- **degradation**: when the cache folder cannot be written (read-only, a file in the way), the
  result is built in memory for this run, with one warning; nothing is written elsewhere.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar
from xml.etree.ElementTree import ParseError

import geopandas as gpd
import networkx as nx
import pyarrow

from portgeo import settings
from portgeo._output import replace_via_temporary

__all__ = [
    "CACHE_READ_ERRORS",
    "cache_dir",
    "cached_file",
    "read_geoparquet",
    "write_geoparquet",
]

log = logging.getLogger(__name__)

T = TypeVar("T")

#: What reading a damaged cache file raises (truncated, garbage, wrong format, missing keys).
CACHE_READ_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    ValueError,
    KeyError,
    IndexError,
    EOFError,
    zipfile.BadZipFile,
    pyarrow.ArrowException,
    ParseError,  # a damaged GraphML (Overpass answers)
    nx.NetworkXError,  # XML that is not GraphML
)

_warned_unwritable: set[str] = set()

try:  # POSIX advisory locks; without them (Windows) write-then-rename still keeps files whole
    import fcntl
except ImportError:  # pragma: no cover - not on Linux
    fcntl = None  # type: ignore[assignment]


def cache_dir(*parts: str) -> Path:
    """Return a folder below ``settings.cache_dir`` (not created).

    Parameters
    ----------
    *parts : str
        Sub-folders, e.g. ``"boundaries"``.

    Returns
    -------
    pathlib.Path
    """
    return Path(settings.cache_dir).expanduser().joinpath(*parts)


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``<path>.lock`` (no lock when the folder is not writable)."""
    if fcntl is None:
        yield
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = path.with_name(path.name + ".lock")  # never through a link planted at the name
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        fh = os.fdopen(os.open(lock, flags, 0o666), "a+b")
    except OSError:
        yield
        return
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
        fh.close()


def _move_aside(path: Path, exc: BaseException) -> None:
    stamp = time.strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    first = " ".join(str(exc).split())[:160] or type(exc).__name__
    try:
        path.replace(target)
        log.warning("cache file %s could not be read (%s); moved to %s and rebuilt",
                    path, first, target.name)  # fmt: skip
    except OSError:
        log.warning("cache file %s could not be read (%s); rebuilt in memory", path, first)


def _warn_unwritable(folder: Path, exc: BaseException) -> None:
    key = str(folder)
    if key in _warned_unwritable:
        return
    _warned_unwritable.add(key)
    log.warning(
        "cache folder %s cannot be written (%s); working in memory for this run "
        "(set PORTGEO_CACHE_DIR to a writable folder to keep results)",
        folder, " ".join(str(exc).split())[:160],
    )  # fmt: skip


def cached_file(
    path: Path,
    build: Callable[[], T],
    *,
    read: Callable[[Path], T],
    write: Callable[[T, Path], None],
    enabled: bool = True,
) -> T:
    """Return the cached value at ``path``, building and writing it when needed.

    Parameters
    ----------
    path : pathlib.Path
        The cache file; its name must carry the cache key.
    build : callable
        ``build()`` computes the value.
    read : callable
        ``read(path)`` loads a value; it raises one of :data:`CACHE_READ_ERRORS` on a damaged
        file (check the content you expect and raise ``ValueError`` when it is not there).
    write : callable
        ``write(value, tmp_path)`` writes the value to a temporary path (an empty file made by
        :func:`portgeo._output.replace_via_temporary`, renamed into place afterwards). It must
        write exactly that path (append nothing to the name).
    enabled : bool, default True
        False builds without touching the disk.

    Returns
    -------
    object
        The value.
    """
    if not enabled:
        return build()
    if path.is_file():
        try:
            return read(path)
        except CACHE_READ_ERRORS as exc:
            with _lock(path):
                _move_aside(path, exc)
    with _lock(path):
        if path.is_file():  # another process built it while we waited for the lock
            try:
                return read(path)
            except CACHE_READ_ERRORS as exc:
                _move_aside(path, exc)
        value = build()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with replace_via_temporary(path) as tmp:
                write(value, tmp)
        except OSError as exc:
            _warn_unwritable(path.parent, exc)
    return value


def read_geoparquet(path: Path, *, columns: Sequence[str] = ()) -> gpd.GeoDataFrame:
    """Read a cached GeoParquet file (EPSG:4326 set by code; the file stores PROJJSON).

    Parameters
    ----------
    path : pathlib.Path
    columns : sequence of str, optional
        Columns the cache must hold; a file without them, or with no rows, is damaged (a
        ``ValueError``, so that :func:`cached_file` moves it aside and rebuilds it).

    Returns
    -------
    geopandas.GeoDataFrame
    """
    gdf = gpd.read_parquet(path)
    missing = [c for c in columns if c not in gdf.columns]
    if missing or gdf.empty:
        raise ValueError(f"lacks column(s) {missing}" if missing else "holds no rows")
    return gdf.set_crs("EPSG:4326", allow_override=True)


def write_geoparquet(gdf: gpd.GeoDataFrame, path: Path) -> None:
    """Write a GeoDataFrame to a GeoParquet cache file.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
    path : pathlib.Path
    """
    gdf.to_parquet(path)
