"""Road networks from ``.osm.pbf`` extracts, streamed with pyosmium in bounded memory.

A province extract or the whole country (``china-latest.osm.pbf``) is read in one streaming pass,
never as a table of the whole file:

1. **Read** (:func:`read_pbf_ways`). libosmium decodes the file on its own threads and keeps the
   location of every node in a node-location index (``settings.pbf_node_index``; by default
   ``sparse_mmap_array`` on Linux, about 19 bytes per node of the file, and ``flex_mem``
   elsewhere). With the default road classes this index is the largest part of the peak
   memory (with every class, the network being built is); it is freed before step 2.
   Only ways with a ``highway`` or ``route`` key reach Python, and
   :func:`portgeo.roads.filters.keep_way` decides which of them are roads (the classes asked
   for, access rules, no areas, ``route=ferry`` when ferries are on). Of a kept way, the reader
   keeps its node ids and locations, its class, its ``maxspeed`` tag and its direction:
   ``oneway`` = yes/true/1 (forward), -1/reverse (backward), no/false/0/reversible/alternating
   (both); without a ``oneway`` tag, ``junction=roundabout``/``circular`` and
   ``highway=motorway`` are one-way, as OSM defines them.
2. **Arrays** (:func:`network_arrays`, numpy only). A way is cut where it references a node the
   file lacks (counted in the metadata), and repeated consecutive nodes are dropped. A node stays
   a graph node where kept ways meet (or one way passes it twice) and at the ends of ways; every
   other node becomes edge geometry. Each stretch of one way between graph nodes is an edge, so
   an edge never spans two ways and its speed is uniform along it (exact travel times, and exact
   cut points in :func:`~portgeo.roads.kernels.reached_fraction`). Segment lengths are geodesic on
   WGS84. A two-way road gives two directed edges, each with its segments from ``u`` to ``v``.
3. **Speeds** (:func:`network_from_arrays`), applied on every load from each edge's own class
   and ``maxspeed`` with :func:`portgeo.roads.speeds.edge_speeds_kmh`; ferries sail at the
   profile's speed and pay its boarding penalty. A new speed profile therefore needs no rebuild.

**Cache.** The arrays of steps 1-2 are cached with :func:`portgeo._cache.cached_file` under
``settings.cache_dir / "networks" / "pbf_<name>_<key>_v<format>.npz"``. The key hashes the file's
fingerprint (:func:`portgeo._data.file_fingerprint`: size, modification time and the first and
last MiB, not every byte, so that a multi-GB extract is not read twice per run; an edit that
keeps size, time stamp and both ends is not noticed), the road classes, the ferry switch and the
format version. The speed profile is not part of the key because speeds are not cached.

**pyrosm** is no longer a reader of portgeo: it loads a whole extract into pandas frames and
needs many times the memory of this reader (``benchmarks/RESULTS_pbf.md``); it stays in the test
dependencies as the source of small real test extracts and as the peer of the benchmark.

This module is longer than the 650-line limit: steps 1 and 2 share the reader's buffers and the
file's fixed-point coordinate encoding, and the cache wraps both; split, they would have to
expose those internals to each other.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
import time
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import numpy as np
import osmium
from osmium.version import pyosmium_release
from shapely.geometry import Polygon
from tqdm.auto import tqdm

from portgeo import settings
from portgeo._cache import cache_dir, cached_file
from portgeo._data import file_fingerprint
from portgeo.errors import InputError, NetworkError
from portgeo.geo.geodesy import GEOD
from portgeo.roads.filters import keep_way
from portgeo.roads.network import RoadNetwork, clip_network, make_network
from portgeo.roads.speeds import SpeedProfile, edge_speeds_kmh

__all__ = [
    "PbfWays",
    "default_node_index",
    "load_pbf",
    "network_arrays",
    "network_from_arrays",
    "pbf_cache_path",
    "read_pbf_ways",
]

log = logging.getLogger(__name__)

_FORMAT = 1  # bump when the cached arrays change meaning or layout
_UNDEFINED = 2147483647  # osmium's coordinate of a node location it does not know
_COORD = 1e-7  # osmium's fixed-point coordinate unit (degrees)
_TAG_KEYS = ("highway", "route", "access", "motor_vehicle", "motorcar", "area")
_FORWARD = frozenset({"yes", "true", "1"})
_BACKWARD = frozenset({"-1", "reverse"})
_BOTH = frozenset({"no", "false", "0", "reversible", "alternating"})
_ROUND = frozenset({"roundabout", "circular"})
_GEOD_CHUNK = 1_000_000  # segments per pyproj call or gather (bounds the temporaries)
_ARRAY_KEYS: tuple[str, ...] = (
    "node_id", "x", "y", "u", "v", "length_m", "cls", "maxspeed",
    "seg_edge", "seg_xy", "seg_a", "seg_b", "classes", "maxspeeds",
)  # fmt: skip


# step 1: read the file
# --------------------------------------------------------------------------------------------


@dataclass
class PbfWays:
    """The kept ways of a ``.osm.pbf`` file, as flat arrays (what one streaming pass collects).

    Attributes
    ----------
    refs : array.array
        Node ids of every kept way, way after way (int64).
    x, y : array.array
        Their locations in osmium's fixed-point unit (1e-7 degree; int32; 2147483647 when the
        file lacks the node).
    n_refs : array.array
        Number of nodes of each way.
    cls, direction, maxspeed : array.array
        Per way: class code (into ``classes``), direction (1 forward, -1 backward, 0 both) and
        ``maxspeed`` code (into ``maxspeeds``; 0 = no tag).
    classes, maxspeeds : list of str
        The code tables.
    date : str or None
        The file's time stamp (header ``osmosis_replication_timestamp`` or ``timestamp``).
    """

    refs: array = field(default_factory=lambda: array("q"))
    x: array = field(default_factory=lambda: array("i"))
    y: array = field(default_factory=lambda: array("i"))
    n_refs: array = field(default_factory=lambda: array("q"))
    cls: array = field(default_factory=lambda: array("b"))
    direction: array = field(default_factory=lambda: array("b"))
    maxspeed: array = field(default_factory=lambda: array("q"))
    classes: list[str] = field(default_factory=list)
    maxspeeds: list[str] = field(default_factory=lambda: [""])
    date: str | None = None


def _direction(oneway: str | None, junction: str | None, highway: str | None) -> int:
    """1 forward, -1 backward, 0 both ways (the ``oneway`` rules of OSM)."""
    if oneway is not None:
        value = oneway.strip().lower()
        if value in _FORWARD:
            return 1
        if value in _BACKWARD:
            return -1
        if value in _BOTH:
            return 0
    if junction is not None and junction.strip().lower() in _ROUND:
        return 1
    return 1 if highway == "motorway" else 0


def default_node_index() -> str:
    """Return the node-location index used when ``settings.pbf_node_index`` is None.

    Returns
    -------
    str
        ``"sparse_mmap_array"`` where pyosmium offers it (it grows without copying), else
        ``"flex_mem"``.
    """
    return "sparse_mmap_array" if "sparse_mmap_array" in osmium.index.map_types() else "flex_mem"


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _header_date(path: Path) -> str | None:
    try:
        reader = osmium.io.Reader(str(path), osmium.osm.NOTHING)
        try:
            header = reader.header()
            date = header.get("osmosis_replication_timestamp", "") or header.get("timestamp", "")
        finally:
            reader.close()
    except (RuntimeError, OSError, ValueError) as exc:
        raise NetworkError(
            f"{path.name} is not a readable .osm.pbf file ({_one_line(exc)}); download the "
            "extract again (e.g. from download.geofabrik.de)"
        ) from exc
    return date or None


class _FileProgress:
    """A tqdm bar over the bytes of a file read by another thread (Linux: ``/proc/self/fdinfo``).

    Where ``/proc`` is missing the bar counts kept ways only.
    """

    def __init__(self, path: Path, *, enabled: bool) -> None:
        self._path = os.path.realpath(path)
        self._size = os.path.getsize(path)
        self._enabled = enabled
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.bar = tqdm(total=self._size, unit="B", unit_scale=True, unit_divisor=1024,
                        desc=f"reading {path.name}", disable=not enabled)  # fmt: skip
        self.ways = 0

    def _position(self) -> int | None:
        try:
            fds = os.listdir("/proc/self/fd")
        except OSError:
            return None
        best = None
        for fd in fds:
            try:
                if os.readlink(f"/proc/self/fd/{fd}") != self._path:
                    continue
                with open(f"/proc/self/fdinfo/{fd}", encoding="ascii") as fh:
                    m = re.search(r"^pos:\s*(\d+)", fh.read(), re.MULTILINE)
            except OSError:
                continue
            if m:
                best = max(best or 0, int(m.group(1)))
        return best

    def _poll(self) -> None:
        while not self._stop.wait(0.5):
            pos = self._position()
            if pos is not None and pos > self.bar.n:
                self.bar.update(min(pos, self._size) - self.bar.n)
            self.bar.set_postfix_str(f"{self.ways:,} road ways", refresh=True)

    def __enter__(self) -> _FileProgress:
        if self._enabled:
            self._thread = threading.Thread(target=self._poll, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, exc_type: Any, *args: Any) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if exc_type is None:
            self.bar.update(self._size - self.bar.n)
            self.bar.set_postfix_str(f"{self.ways:,} road ways")
        self.bar.close()


def _node_store(node_index: str | None) -> osmium.index.LocationTable:
    """Create the node-location index (``node_index``, ``settings.pbf_node_index`` or the default)."""
    index = node_index or settings.pbf_node_index or default_node_index()
    try:
        return osmium.index.create_map(index)
    except (RuntimeError, ValueError, TypeError) as exc:
        raise InputError(
            f"unknown pbf node index {index!r} ({_one_line(exc)}); use 'flex_mem' or "
            "'sparse_file_array,PATH'"
        ) from exc


def _road_way_stream(path: Path, store: osmium.index.LocationTable) -> osmium.FileProcessor:
    """Stream the ways of ``path`` with a ``highway`` or ``route`` key, located with ``store``."""
    return (
        osmium.FileProcessor(str(path), osmium.osm.NODE | osmium.osm.WAY)
        .with_locations(store)  # type: ignore[arg-type]  # a LocationTable works (see its code)
        .with_filter(osmium.filter.EntityFilter(osmium.osm.WAY))
        .with_filter(osmium.filter.KeyFilter("highway", "route"))
    )


def read_pbf_ways(
    path: Path,
    *,
    classes: Sequence[str],
    ferries: bool,
    node_index: str | None = None,
    progress: bool | None = None,
) -> PbfWays:
    """Stream a ``.osm.pbf`` file once and collect the ways :func:`keep_way` keeps.

    Parameters
    ----------
    path : pathlib.Path
    classes : sequence of str
        Highway classes to keep.
    ferries : bool
        Keep ``route=ferry`` ways.
    node_index : str, optional
        pyosmium node-location index (default ``settings.pbf_node_index``, else
        :func:`default_node_index`).
    progress : bool, optional
        Show a progress bar (default ``settings.progress``).

    Returns
    -------
    PbfWays

    Raises
    ------
    portgeo.errors.NetworkError
        The file is empty, truncated or not a PBF file.
    portgeo.errors.InputError
        An unknown ``node_index``.
    """
    if path.stat().st_size == 0:
        raise NetworkError(f"{path.name} is empty (0 bytes); download the extract again")
    out = PbfWays(classes=[*classes, "ferry"], date=_header_date(path))
    store = _node_store(node_index)
    keep = frozenset(classes)
    code = {c: i for i, c in enumerate(out.classes)}
    ms_code: dict[str, int] = {"": 0}
    refs_add, x_add, y_add = out.refs.append, out.x.append, out.y.append
    n_add, cls_add, dir_add, ms_add = (out.n_refs.append, out.cls.append, out.direction.append,
                                       out.maxspeed.append)  # fmt: skip
    proc = _road_way_stream(path, store)
    show = settings.progress if progress is None else progress
    t0 = time.perf_counter()
    try:
        with _FileProgress(path, enabled=show) as bar:
            for way in proc:
                tags = way.tags
                hw = tags.get("highway")
                if hw not in keep:  # cheap pre-check; keep_way decides below
                    route = tags.get("route")
                    if not ((route and "ferry" in route) or hw == "ferry" or (hw and ";" in hw)):
                        continue
                cls = keep_way({k: tags.get(k) for k in _TAG_KEYS}, classes, ferries=ferries)
                if cls is None:
                    continue
                nodes = cast("osmium.osm.Way", way).nodes
                n = len(nodes)
                if n < 2:
                    continue
                for ref in nodes:
                    refs_add(ref.ref)
                    loc = ref.location
                    x_add(loc.x)
                    y_add(loc.y)
                n_add(n)
                cls_add(code[cls])
                dir_add(_direction(tags.get("oneway"), tags.get("junction"), hw))
                ms = tags.get("maxspeed") or ""
                m = ms_code.get(ms)
                if m is None:
                    m = ms_code[ms] = len(ms_code)
                ms_add(m)
                bar.ways += 1
    except RuntimeError as exc:
        raise NetworkError(
            f"could not read {path.name} ({_one_line(exc)}): the file is truncated or damaged; "
            "download the extract again"
        ) from exc
    finally:
        del proc, store  # free the node-location index before the arrays are built
    out.maxspeeds = list(ms_code)
    log.info("read %s: %d road ways, %d way nodes in %.1f s", path.name, len(out.n_refs),
             len(out.refs), time.perf_counter() - t0)  # fmt: skip
    return out


# step 2: arrays
# --------------------------------------------------------------------------------------------


def _release(ways: PbfWays) -> None:
    """Drop the per-node arrays of ``ways`` once numpy holds its own copies."""
    ways.refs, ways.x, ways.y = array("q"), array("i"), array("i")


@dataclass
class _Pieces:
    """The pieces of the kept ways (runs of located nodes of one way), nodes back to back."""

    lon: np.ndarray  # location of every node of every piece, piece after piece
    lat: np.ndarray
    first: np.ndarray  # position (into lon) of each piece's first node
    size: np.ndarray  # nodes per piece (at least 2)
    way: np.ndarray  # the way each piece was cut from
    last: np.ndarray  # mask of the positions that end a piece


@dataclass
class _Directions:
    """Where the edges and segments go among the directed ones (forward, then backward reversed).

    Backward edges come in reverse order, so that reversing the segment table keeps it sorted by
    edge.
    """

    fwd: np.ndarray  # mask of the edges with a forward directed edge
    bwd: np.ndarray  # mask of the edges with a backward directed edge
    new_f: np.ndarray  # number of each edge's forward directed edge
    new_b: np.ndarray  # number of each edge's backward directed edge
    seg_f: np.ndarray  # mask of the segments on a forward directed edge
    seg_b: np.ndarray  # the segments of the backward directed edges, last first
    n_seg_f: int  # number of forward directed segments (the first rows of the table)


def _way_pieces(ways: PbfWays, info: dict[str, Any]) -> tuple[np.ndarray, _Pieces]:
    """Cut the ways at nodes the file lacks (counted in ``info``) and drop repeated nodes.

    Returns the node id of every position and the pieces; ``ways`` loses its node arrays.
    """
    n_refs = np.frombuffer(ways.n_refs, dtype=np.int64)
    way_at = np.cumsum(n_refs) - n_refs  # first node of each way
    refs_all = np.frombuffer(ways.refs, dtype=np.int64)
    xi = np.frombuffer(ways.x, dtype=np.int32)
    yi = np.frombuffer(ways.y, dtype=np.int32)
    # pieces: runs of located nodes of one way (a node the file lacks cuts the way), without
    # repeated consecutive nodes
    way_start = np.zeros(refs_all.size, dtype=bool)
    way_start[way_at] = True
    valid = (xi != _UNDEFINED) & (yi != _UNDEFINED)
    info["missing_nodes"] = int(refs_all.size - np.count_nonzero(valid))
    keep = valid.copy()
    keep[1:] &= (refs_all[1:] != refs_all[:-1]) | way_start[1:]
    piece_start = way_start
    piece_start[1:] |= ~valid[:-1]
    piece_start &= keep
    del valid
    idx = np.flatnonzero(keep)
    del keep
    starts_at = np.flatnonzero(piece_start[idx])
    del piece_start
    piece_way = np.searchsorted(way_at, idx[starts_at], side="right") - 1
    n_piece = np.diff(np.r_[starts_at, idx.size])
    long_enough = n_piece >= 2
    piece_len = n_piece[long_enough]
    piece_way = piece_way[long_enough]
    sel = np.repeat(long_enough, n_piece)
    idx = idx[sel]
    del sel, starts_at, n_piece, long_enough
    if idx.size == 0:
        raise NetworkError(
            "no road way has two nodes located in this file (it lacks the nodes its ways "
            "use); use a complete extract"
        )
    refs = refs_all[idx]
    lon = xi[idx] * _COORD
    lat = yi[idx] * _COORD
    del idx, refs_all, xi, yi, n_refs
    _release(ways)
    piece_first = np.cumsum(piece_len) - piece_len
    last = np.zeros(refs.size, dtype=bool)
    last[piece_first + piece_len - 1] = True
    return refs, _Pieces(lon, lat, piece_first, piece_len, piece_way, last)


def _graph_nodes(
    refs: np.ndarray, pieces: _Pieces, ix: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Find the graph nodes: shared by kept ways (or met twice by one), and the ends of ways.

    Returns their OSM ids, lon, lat, positions (into the pieces) and numbers at those positions.
    """
    first = np.zeros(refs.size, dtype=bool)
    first[pieces.first] = True
    uniq, inv, count = np.unique(refs, return_inverse=True, return_counts=True)
    inv = inv.ravel().astype(ix)
    is_node = count[inv] >= 2
    del count
    is_node |= first | pieces.last
    del first
    node_of_uniq = np.zeros(uniq.size, dtype=bool)
    node_of_uniq[inv[is_node]] = True
    node_id = uniq[node_of_uniq]
    num = (np.cumsum(node_of_uniq) - 1).astype(ix)
    del uniq, node_of_uniq
    nodes_at = np.flatnonzero(is_node)
    del is_node
    node_num = num[inv[nodes_at]]
    del inv, num
    x = np.empty(node_id.size)
    y = np.empty(node_id.size)
    x[node_num] = pieces.lon[nodes_at]
    y[node_num] = pieces.lat[nodes_at]
    return node_id, x, y, nodes_at, node_num


def _piece_edges(
    pieces: _Pieces, nodes_at: np.ndarray, node_num: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Join each graph node of a piece to the next one: the edges' first positions, u, v, way."""
    piece_of_node = np.searchsorted(pieces.first, nodes_at, side="right") - 1
    same = piece_of_node[:-1] == piece_of_node[1:]
    e_from = nodes_at[:-1][same]
    e_u, e_v = node_num[:-1][same], node_num[1:][same]
    return e_from, e_u, e_v, pieces.way[piece_of_node[:-1][same]]


def _segment_fractions(
    lon: np.ndarray, lat: np.ndarray, seg: np.ndarray, seg_edge: np.ndarray, n_e: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Measure the segments (geodesic): each edge's length, where each segment starts and ends.

    The segment at position ``seg[k]`` (to the next position) lies on edge ``seg_edge[k]``; the
    ends are fractions of the edge's length.
    """
    d = np.empty(seg.size)
    for a0 in range(0, seg.size, _GEOD_CHUNK):
        p = seg[a0 : a0 + _GEOD_CHUNK]
        d[a0 : a0 + p.size] = GEOD.inv(lon[p], lat[p], lon[p + 1], lat[p + 1])[2]
    length = np.bincount(seg_edge, weights=d, minlength=n_e)
    fa = np.cumsum(d)
    fa -= d
    edge_first = np.searchsorted(seg_edge, np.arange(n_e))
    fa -= fa[edge_first][seg_edge]
    fb = fa + d
    del d, edge_first
    tot = length[seg_edge]
    pos = tot > 0
    np.divide(fa, tot, out=fa, where=pos)
    np.divide(fb, tot, out=fb, where=pos)
    fa[~pos] = 0.0
    fb[~pos] = 1.0
    np.minimum(fb, 1.0, out=fb)
    return length, fa, fb


def _directions(direction: np.ndarray, seg_edge: np.ndarray, ix: Any) -> _Directions:
    """Assign the directed edges their numbers: forward where the way allows, then backward."""
    fwd_e = direction >= 0
    bwd_e = direction <= 0
    n_f, n_b = int(fwd_e.sum()), int(bwd_e.sum())
    new_f = (np.cumsum(fwd_e) - 1).astype(np.int32)
    new_b = (n_f + n_b - np.cumsum(bwd_e)).astype(np.int32)  # the last backward edge first
    fs = fwd_e[seg_edge]
    bsel = np.flatnonzero(bwd_e[seg_edge])[::-1].astype(ix)
    return _Directions(fwd_e, bwd_e, new_f, new_b, fs, bsel, int(fs.sum()))


def _directed_seg_xy(
    lon: np.ndarray, lat: np.ndarray, seg: np.ndarray, dirs: _Directions
) -> np.ndarray:
    """Fill the coordinates of the directed segment table (backward segments reversed).

    Filled in chunks of rows, so that no temporary is as big as the table.
    """
    n_sf = dirs.n_seg_f
    n_d = n_sf + dirs.seg_b.size
    seg_xy = np.empty((n_d, 4))
    for rows, at, step in (
        (slice(0, n_sf), seg[dirs.seg_f], 1),
        (slice(n_sf, n_d), seg[dirs.seg_b] + 1, -1),
    ):
        out = seg_xy[rows]
        for c0 in range(0, at.size, _GEOD_CHUNK):
            p = at[c0 : c0 + _GEOD_CHUNK]
            block = out[c0 : c0 + p.size]
            block[:, 0], block[:, 1] = lon[p], lat[p]
            p = p + step
            block[:, 2], block[:, 3] = lon[p], lat[p]
        del at, out
    return seg_xy


def _directed_seg_edge(seg_edge: np.ndarray, dirs: _Directions) -> np.ndarray:
    """Give each directed segment the number of its directed edge."""
    n_sf = dirs.n_seg_f
    seg_edge_out = np.empty(n_sf + dirs.seg_b.size, dtype=np.int32)
    seg_edge_out[:n_sf] = dirs.new_f[seg_edge[dirs.seg_f]]
    seg_edge_out[n_sf:] = dirs.new_b[seg_edge[dirs.seg_b]]
    return seg_edge_out


def _directed_fractions(
    fa: np.ndarray, fb: np.ndarray, dirs: _Directions
) -> tuple[np.ndarray, np.ndarray]:
    """Find where each directed segment starts and ends along its directed edge (fractions)."""
    n_sf = dirs.n_seg_f
    n_d = n_sf + dirs.seg_b.size
    seg_a = np.empty(n_d)
    seg_b = np.empty(n_d)
    np.compress(dirs.seg_f, fa, out=seg_a[:n_sf])
    np.take(fa, dirs.seg_b, out=seg_b[n_sf:], mode="clip")
    np.compress(dirs.seg_f, fb, out=seg_b[:n_sf])
    np.take(fb, dirs.seg_b, out=seg_a[n_sf:], mode="clip")
    np.subtract(1.0, seg_a[n_sf:], out=seg_a[n_sf:])  # backward: fractions from the other end
    np.subtract(1.0, seg_b[n_sf:], out=seg_b[n_sf:])
    return seg_a, seg_b


def network_arrays(ways: PbfWays) -> dict[str, Any]:
    """Turn the kept ways into graph arrays: nodes, directed edges and their segment table.

    The way arrays are consumed (emptied) to keep the peak memory down; every step works on
    flat numpy arrays, about 120 bytes per way node at the peak of which 85 are the segment
    table it returns.

    Parameters
    ----------
    ways : PbfWays
        From :func:`read_pbf_ways`; emptied on return.

    Returns
    -------
    dict
        ``node_id``, ``x``, ``y`` (graph nodes, by OSM id), ``u``, ``v``, ``length_m``, ``cls``
        and ``maxspeed`` codes per directed edge, ``seg_edge``, ``seg_xy``, ``seg_a``,
        ``seg_b``, the code tables ``classes`` and ``maxspeeds``, and ``info`` (counts).

    Raises
    ------
    portgeo.errors.NetworkError
        No way has two nodes the file locates.
    """
    info: dict[str, Any] = {"road_ways": len(ways.n_refs), "way_nodes": len(ways.refs)}
    ix: Any = np.int32 if len(ways.refs) < np.iinfo(np.int32).max else np.int64  # index dtype
    refs, pieces = _way_pieces(ways, info)
    node_id, x, y, nodes_at, node_num = _graph_nodes(refs, pieces, ix)
    del refs
    e_from, e_u, e_v, e_way = _piece_edges(pieces, nodes_at, node_num)
    lon, lat, last = pieces.lon, pieces.lat, pieces.last
    del nodes_at, node_num, pieces
    # segments between consecutive nodes of a piece, each in the edge it lies on
    seg = np.flatnonzero(~last[:-1]).astype(ix)
    del last
    seg_edge = (np.searchsorted(e_from, seg, side="right") - 1).astype(np.int32)
    n_e = e_u.size
    length, fa, fb = _segment_fractions(lon, lat, seg, seg_edge, n_e)
    # directed edges; the coordinates first, so that the node locations can go before the rest
    direction = np.frombuffer(ways.direction, dtype=np.int8)[e_way]
    cls = np.frombuffer(ways.cls, dtype=np.int8)[e_way]
    maxspeed = np.frombuffer(ways.maxspeed, dtype=np.int64)[e_way].astype(np.int32)
    dirs = _directions(direction, seg_edge, ix)
    seg_xy = _directed_seg_xy(lon, lat, seg, dirs)
    del seg, lon, lat
    seg_edge_out = _directed_seg_edge(seg_edge, dirs)
    del seg_edge
    seg_a, seg_b = _directed_fractions(fa, fb, dirs)
    del fa, fb
    fwd_e, b_order = dirs.fwd, np.flatnonzero(dirs.bwd)[::-1]
    del dirs
    u = np.concatenate([e_u[fwd_e], e_v[b_order]]).astype(np.int32)
    v = np.concatenate([e_v[fwd_e], e_u[b_order]]).astype(np.int32)
    info.update(nodes=int(node_id.size), edges=int(u.size), segments=int(seg_a.size),
                oneway_edges=int(n_e - np.count_nonzero(direction == 0)))  # fmt: skip
    return {
        "node_id": node_id,
        "x": x,
        "y": y,
        "u": u,
        "v": v,
        "length_m": np.concatenate([length[fwd_e], length[b_order]]),
        "cls": np.concatenate([cls[fwd_e], cls[b_order]]),
        "maxspeed": np.concatenate([maxspeed[fwd_e], maxspeed[b_order]]),
        "seg_edge": seg_edge_out,
        "seg_xy": seg_xy,
        "seg_a": seg_a,
        "seg_b": seg_b,
        "classes": np.array(ways.classes, dtype=str),
        "maxspeeds": np.array(ways.maxspeeds, dtype=str),
        "info": {**info, "date": ways.date},
    }


# step 3: speeds, metadata, the network
# --------------------------------------------------------------------------------------------


def network_from_arrays(
    arrays: dict[str, Any], *, profile: SpeedProfile, metadata: dict[str, Any]
) -> RoadNetwork:
    """Give the edges their speeds (from class and ``maxspeed``) and build the RoadNetwork.

    Parameters
    ----------
    arrays : dict
        From :func:`network_arrays` (or the cache).
    profile : SpeedProfile
    metadata : dict
        The network's metadata.

    Returns
    -------
    RoadNetwork
    """
    classes = [str(c) for c in arrays["classes"]]
    maxspeeds = [str(m) for m in arrays["maxspeeds"]]
    n_ms = max(len(maxspeeds), 1)
    pair = arrays["cls"].astype(np.int64) * n_ms + arrays["maxspeed"]
    uniq, inv = np.unique(pair, return_inverse=True)
    speeds = edge_speeds_kmh([classes[p // n_ms] for p in uniq.tolist()],
                             [maxspeeds[p % n_ms] or None for p in uniq.tolist()],
                             profile=profile)  # fmt: skip
    table = np.array(classes, dtype=str)
    highway = table[arrays["cls"]]
    ferry = highway == "ferry"
    return make_network(
        node_id=arrays["node_id"],
        x=arrays["x"],
        y=arrays["y"],
        u=arrays["u"],
        v=arrays["v"],
        length_m=arrays["length_m"],
        speed_kmh=speeds[inv.ravel()],
        highway=highway,
        delay_s=np.where(ferry, profile.ferry_boarding_min * 60.0, 0.0),
        segments={k: arrays[k] for k in ("seg_edge", "seg_xy", "seg_a", "seg_b")},
        metadata={**metadata, "n_ferry_edges": int(ferry.sum())},
    )


def pbf_cache_path(path: Path, *, classes: Sequence[str], ferries: bool) -> Path:
    """Return the cache file of a ``.osm.pbf`` file's arrays for these classes and ferries.

    Parameters
    ----------
    path : pathlib.Path
    classes : sequence of str
    ferries : bool

    Returns
    -------
    pathlib.Path
    """
    parts = [file_fingerprint(path), ",".join(sorted(set(classes))), f"ferries={bool(ferries)}",
             f"format={_FORMAT}"]  # fmt: skip
    key = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", path.name.removesuffix(".pbf").removesuffix(".osm"))
    return cache_dir("networks") / f"pbf_{stem[:60]}_{key}_v{_FORMAT}.npz"


def _read_cache(path: Path) -> dict[str, Any]:
    with np.load(path, allow_pickle=False) as z:
        out: dict[str, Any] = {k: z[k] for k in _ARRAY_KEYS}
        out["info"] = json.loads(str(z["info"]))
    n_n, n_e = out["x"].size, out["u"].size
    ok = (
        out["y"].size == n_n == out["node_id"].size
        and out["v"].size == n_e == out["length_m"].size == out["cls"].size
        and out["seg_xy"].shape == (out["seg_edge"].size, 4)
        and max(out["u"].max(initial=-1), out["v"].max(initial=-1)) < n_n
        and out["seg_edge"].max(initial=-1) < n_e
    )
    if not ok:
        raise ValueError("inconsistent arrays")
    return out


def _write_cache(arrays: dict[str, Any], path: Path) -> None:
    with path.open("wb") as fh:
        np.savez(fh, info=np.array(json.dumps(arrays["info"])),
                 **{k: arrays[k] for k in _ARRAY_KEYS})  # fmt: skip


def load_pbf(
    path: Path,
    *,
    classes: Sequence[str],
    profile: SpeedProfile,
    ferries: bool,
    cache: bool = True,
    bbox: tuple[float, float, float, float] | None = None,
    polygon: Polygon | None = None,
) -> RoadNetwork:
    """Load the road network of a ``.osm.pbf`` extract (streamed; arrays cached).

    Parameters
    ----------
    path : pathlib.Path
        An existing ``.osm.pbf`` file.
    classes : sequence of str
        Highway classes to keep (see :func:`portgeo.roads.filters.resolve_classes`).
    profile : SpeedProfile
    ferries : bool
        Keep ``route=ferry`` ways.
    cache : bool, default True
        Read and write the arrays under ``settings.cache_dir / "networks"``.
    bbox, polygon : optional
        Clip the network to this area after loading (EPSG:4326).

    Returns
    -------
    RoadNetwork

    Raises
    ------
    portgeo.errors.NetworkError
        The file is empty, truncated or not PBF, or holds no road of the classes asked for.
    """
    target = pbf_cache_path(path, classes=classes, ferries=ferries)
    t0 = time.perf_counter()

    def build() -> dict[str, Any]:
        ways = read_pbf_ways(path, classes=classes, ferries=ferries)
        if not len(ways.n_refs):
            raise NetworkError(
                f"no road of classes {sorted(classes)} in {path.name}; widen road_filter"
            )
        return network_arrays(ways)

    arrays = cached_file(target, build, read=_read_cache, write=_write_cache, enabled=cache)
    info = dict(arrays["info"])
    meta = {
        "source": f"file:{path.name}",
        "extract": str(path),
        "date": info.pop("date", None),
        "reader": f"osm.pbf (pyosmium {pyosmium_release}, streamed)",
        "filter": list(classes),
        "speeds": profile.describe(),
        "approximate": False,
        "ferries": bool(ferries),
        "pbf": info,
        "cache": str(target) if cache else None,
    }
    net = network_from_arrays(arrays, profile=profile, metadata=meta)
    log.info("%s: %d nodes, %d edges in %.1f s", path.name, net.n_nodes, net.n_edges,
             time.perf_counter() - t0)  # fmt: skip
    if bbox is not None or polygon is not None:
        net = clip_network(net, bbox=bbox, polygon=polygon)
    return net
