"""The offline road network: scgraph-data's OpenStreetMap-derived major roads, clipped to China.

The PyPI package ``scgraph-data`` (``scgraph_data/world_highways.py``) holds a simplified,
undirected major-road graph of the world. It is parsed once without importing it (the module is
a few hundred MB of Python literals), clipped to China and its neighbours (:data:`OFFLINE_BBOX`),
made two-way and cached as ``.npz`` arrays. It has no road classes: every edge gets one
effective speed, so every result on it says ``approximate=True``.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
import re
from pathlib import Path

import numpy as np

from portgeo import settings
from portgeo._cache import cache_dir, cached_file
from portgeo.errors import NetworkError
from portgeo.roads.ferries import add_ferries, load_ferries
from portgeo.roads.network import RoadNetwork, clip_network, make_network
from portgeo.roads.speeds import SpeedProfile

__all__ = ["OFFLINE_BBOX", "load_offline", "scgraph_version"]

log = logging.getLogger(__name__)

#: Clip box of the offline graph: China and its neighbours (lon_min, lat_min, lon_max, lat_max).
OFFLINE_BBOX: tuple[float, float, float, float] = (72.0, 17.0, 136.0, 54.5)

_OFFLINE_FORMAT = 1  # bump when the cached .npz layout changes


def scgraph_version() -> str:
    """Return the installed scgraph-data version (part of the cache key).

    Returns
    -------
    str
    """
    try:
        return importlib.metadata.version("scgraph-data")
    except importlib.metadata.PackageNotFoundError as exc:
        raise NetworkError(
            "the offline road graph needs the PyPI package scgraph-data: pip install scgraph-data"
        ) from exc


def _parse_scgraph(path: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Parse scgraph_data/world_highways.py without importing it.

    Returns lon, lat, (u, v) pairs and length in metres (directed, as listed).
    """
    text = path.read_text(encoding="utf-8")
    graph_line = nodes_line = None
    for line in text.split("\n"):
        if line.startswith("graph="):
            graph_line = line
        elif line.startswith("nodes="):
            nodes_line = line
    if graph_line is None or nodes_line is None:
        raise NetworkError(f"unexpected layout of {path}: no graph=/nodes= lines")
    coords = np.array(re.findall(r"-?\d+(?:\.\d+)?", nodes_line[6:]), dtype=float).reshape(-1, 2)
    lat, lon = coords[:, 0], coords[:, 1]
    body = graph_line[len("graph=[") : -1].strip()
    parts = body[1:-1].split("}, {") if body else []
    counts = np.fromiter((p.count(":") for p in parts), dtype=np.int64, count=len(parts))
    pairs = re.findall(r"(\d+):\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)", graph_line)
    if len(parts) != coords.shape[0] or len(pairs) != counts.sum():
        raise NetworkError(f"could not parse {path}: {len(parts)} rows, {coords.shape[0]} nodes")
    arr = np.array(pairs, dtype=float)
    u = np.repeat(np.arange(len(parts), dtype=np.int64), counts)
    v = arr[:, 0].astype(np.int64)
    km = arr[:, 1]
    return lon, lat, np.column_stack([u, v]), km * 1000.0


def _offline_arrays(*, cache: bool) -> dict[str, np.ndarray]:
    """Return the clipped scgraph graph as arrays (converted once, cached as .npz)."""
    version = scgraph_version()
    key = f"scgraph_world_highways_{version}_{'_'.join(f'{b:g}' for b in OFFLINE_BBOX)}"
    path = cache_dir("networks") / f"{key}_v{_OFFLINE_FORMAT}.npz"
    return cached_file(path, _build_offline_arrays, read=_read_arrays, write=_write_arrays,
                       enabled=cache)  # fmt: skip


_ARRAY_KEYS: tuple[str, ...] = ("node_id", "x", "y", "u", "v", "length_m")


def _read_arrays(path: Path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as z:
        out = {k: z[k] for k in _ARRAY_KEYS}
    n = out["x"].size
    if out["y"].size != n or out["u"].size != out["v"].size or out["u"].max(initial=-1) >= n:
        raise ValueError("inconsistent arrays")
    return out


def _write_arrays(arrays: dict[str, np.ndarray], path: Path) -> None:
    with path.open("wb") as fh:
        np.savez(fh, **{k: arrays[k] for k in _ARRAY_KEYS})  # type: ignore[arg-type]


def _build_offline_arrays() -> dict[str, np.ndarray]:
    spec = importlib.util.find_spec("scgraph_data.world_highways")
    if spec is None or spec.origin is None:
        raise NetworkError("scgraph-data is installed but has no world_highways module")
    log.info("converting %s (once; then cached)", spec.origin)
    lon, lat, uv, length = _parse_scgraph(Path(spec.origin))
    x0, y0, x1, y1 = OFFLINE_BBOX
    inside = (lon >= x0) & (lon <= x1) & (lat >= y0) & (lat <= y1)
    keep = inside[uv[:, 0]] & inside[uv[:, 1]] & (uv[:, 0] != uv[:, 1])
    uv, length = uv[keep], length[keep]
    used = np.zeros(lon.size, dtype=bool)
    used[uv.ravel()] = True
    new = np.full(lon.size, -1, dtype=np.int64)
    new[used] = np.arange(used.sum())
    # make the graph symmetric (the source is undirected) and drop duplicate listings
    a, b = new[uv[:, 0]], new[uv[:, 1]]
    aa, bb, ll = np.r_[a, b], np.r_[b, a], np.r_[length, length]
    n = int(used.sum())
    k = aa * n + bb
    order = np.lexsort((ll, k))
    k, ll = k[order], ll[order]
    first = np.r_[True, k[1:] != k[:-1]]
    k, ll = k[first], ll[first]
    uu, vv = np.divmod(k, n)
    arrays = {
        "node_id": np.flatnonzero(used).astype(np.int64),
        "x": lon[used],
        "y": lat[used],
        "u": uu.astype(np.int32),
        "v": vv.astype(np.int32),
        "length_m": np.maximum(ll, 1.0),
    }
    return arrays


def load_offline(
    *,
    clip: tuple[float, float, float, float] | None,
    profile: SpeedProfile,
    ferries: bool,
    cache: bool,
) -> RoadNetwork:
    """Load the offline major-road graph of China and its neighbours.

    Parameters
    ----------
    clip : tuple or None
        ``(lon_min, lat_min, lon_max, lat_max)`` to keep, or None for the whole graph.
    profile : SpeedProfile
        Gives the one effective speed (``offline_effective_kmh``) unless
        ``settings.offline_speed_kmh`` is set, and the ferry speeds.
    ferries : bool
        Add the ferries of ``data/ferries_cn.csv``.
    cache : bool
        Read and write the converted arrays under ``settings.cache_dir / "networks"``.

    Returns
    -------
    RoadNetwork
        ``approximate=True`` (no road classes on the source).
    """
    arr = _offline_arrays(cache=cache)
    speed = (
        float(settings.offline_speed_kmh)
        if settings.offline_speed_kmh
        else profile.offline_effective_kmh
    )
    n_e = arr["u"].size
    meta = {
        "source": f"offline:scgraph-data {scgraph_version()} world_highways",
        "extract": f"OSM-derived major-road graph clipped to lon/lat {OFFLINE_BBOX}",
        "date": None,
        "filter": "major roads as simplified by scgraph-data (no road classes)",
        "speeds": {
            "effective_kmh": speed,
            "access_kmh": settings.access_speed_kmh,
            "profile": profile.source,
        },
        "approximate": True,
        "ferries": bool(ferries),
        "attribution": "© OpenStreetMap contributors (ODbL), via scgraph-data (MIT)",
    }
    net = make_network(
        node_id=arr["node_id"],
        x=arr["x"],
        y=arr["y"],
        u=arr["u"],
        v=arr["v"],
        length_m=arr["length_m"],
        speed_kmh=np.full(n_e, speed),
        highway=np.full(n_e, ""),
        metadata=meta,
    )
    if ferries:
        net = add_ferries(net, load_ferries(), profile=profile, access_speed_kmh=speed)
    if clip is not None:
        net = clip_network(net, bbox=clip)
    return net
