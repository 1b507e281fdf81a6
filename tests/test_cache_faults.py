"""The cache survives damage: every kind of cache file, truncated, garbage or the wrong format.

Fast tests take each kind of cache file portgeo writes (boundary layers, simplified coverage,
border linework and belts as GeoParquet, the offline road graph as ``.npz``, Overpass answers as
GraphML), damage it three ways, and check that (1) the kind's own reader refuses it with one of
``CACHE_READ_ERRORS`` and (2) ``cached_file`` then warns once, moves the file aside, rebuilds and
leaves a good file that the next run reads. The slow test damages the real cache files of a cold
run and checks that a fresh ``portgeo`` process recovers by itself.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import networkx as nx
import numpy as np
import osmnx as ox
import pytest
from shapely.geometry import Point

from portgeo import _cache, settings
from portgeo._cache import CACHE_READ_ERRORS, cached_file, read_geoparquet, write_geoparquet
from portgeo.layout import boundaries
from portgeo.population import load_population
from portgeo.roads.sources import offline

REPO = Path(__file__).resolve().parents[1]


def _geo(**cols) -> gpd.GeoDataFrame:
    n = len(next(iter(cols.values())))
    return gpd.GeoDataFrame(cols, geometry=[Point(100 + i, 30) for i in range(n)], crs=4326)


def _layers_value() -> dict[str, gpd.GeoDataFrame]:
    out = {}
    for name, cols in boundaries._LAYER_COLUMNS.items():
        out[name] = _geo(**{c: ["x", "y"] for c in cols})
    return out


def _graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(crs="epsg:4326")
    g.add_node(1, x=113.0, y=23.0)
    g.add_node(2, x=113.1, y=23.0)
    g.add_edge(1, 2, length=10_000.0, highway="primary")
    return g


def _arrays() -> dict[str, np.ndarray]:
    return {"node_id": np.array([1, 2]), "x": np.array([113.0, 113.1]),
            "y": np.array([23.0, 23.0]), "u": np.array([0]), "v": np.array([1]),
            "length_m": np.array([10_000.0])}  # fmt: skip


def _same(a, b) -> bool:
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, np.ndarray):
        return np.array_equal(a, b)
    if isinstance(a, nx.Graph):
        return sorted(a.nodes) == sorted(b.nodes) and a.number_of_edges() == b.number_of_edges()
    return a.reset_index(drop=True).equals(b.reset_index(drop=True))


#: name → (file suffix, value, read, write): the readers and writers the package uses.
KINDS = {
    "boundary layers": (".parquet", _layers_value, boundaries._read_layers,
                        boundaries._write_layers),
    "coverage": (".parquet", lambda: _geo(iso3=["CHN", "MNG"], name_zh=["中国", "蒙古"]),
                 functools.partial(read_geoparquet, columns=("iso3", "name_zh")),
                 write_geoparquet),
    "border linework / belts": (
        ".parquet",
        lambda: _geo(neighbor=["MNG"], kind=["land"], name_zh=["蒙古"], region_zh=["北部"],
                     length_km=[1.0], n_parts=[1]),
        functools.partial(read_geoparquet, columns=("neighbor", "kind", "name_zh", "region_zh",
                                                    "length_km", "n_parts")),
        write_geoparquet),
    "offline network": (".npz", _arrays, offline._read_arrays, offline._write_arrays),
    "overpass answer": (".graphml", _graph, ox.load_graphml, ox.save_graphml),
}  # fmt: skip


def _wrong_format(kind: str, suffix: str, path: Path) -> None:
    """A well-formed file of the right container holding the wrong content."""
    if suffix == ".parquet":
        if kind == "boundary layers":
            _geo(layer=["boundary"], iso3=["CHN"]).to_parquet(path)  # layers missing
        else:  # a good GeoParquet of another table (read as is, it fails far downstream)
            _geo(other=["a", "b"]).to_parquet(path)
    elif suffix == ".npz":
        np.savez(path.open("wb"), x=np.array([1.0]))  # keys missing (KeyError: 'node_id')
    else:
        path.write_text('<?xml version="1.0"?><html><body/></html>', encoding="utf-8")


def _damage(mode: str, kind: str, suffix: str, path: Path) -> None:
    if mode == "truncate":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif mode == "garbage":
        path.write_bytes(np.random.default_rng(0).bytes(4096))
    elif mode == "empty":
        path.write_bytes(b"")
    else:
        _wrong_format(kind, suffix, path)


MODES = ("truncate", "garbage", "empty", "wrong-format")


@pytest.fixture(autouse=True)
def _fresh_warnings(monkeypatch):
    monkeypatch.setattr(_cache, "_warned_unwritable", set())


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", list(KINDS))
def test_reader_refuses_damage(tmp_path, kind, mode):
    suffix, value, read, write = KINDS[kind]
    path = tmp_path / f"c{suffix}"
    write(value(), path)
    assert _same(read(path), value())  # the good file reads back
    _damage(mode, kind, suffix, path)
    with pytest.raises(CACHE_READ_ERRORS):
        read(path)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", list(KINDS))
def test_cached_file_recovers(tmp_path, caplog, kind, mode):
    suffix, value, read, write = KINDS[kind]
    path = tmp_path / f"c{suffix}"
    builds = []

    def build():
        builds.append(1)
        return value()

    cached_file(path, build, read=read, write=write)
    _damage(mode, kind, suffix, path)
    with caplog.at_level(logging.WARNING, logger="portgeo._cache"):
        got = cached_file(path, build, read=read, write=write)
    assert _same(got, value()) and len(builds) == 2
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "could not be read" in warnings[0].getMessage()
    aside = list(tmp_path.glob(f"c{suffix}.corrupt-*"))
    assert len(aside) == 1  # kept for a look, out of the way
    assert _same(read(path), value())  # the rebuilt file is good: the next run reads it
    assert cached_file(path, build, read=read, write=write) is not None and len(builds) == 2
    assert not list(tmp_path.glob(".*tmp*"))


def test_unwritable_cache_folder_works_in_memory_with_one_warning(tmp_path, caplog):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    path = blocker / "sub" / "c.npz"
    with caplog.at_level(logging.WARNING, logger="portgeo._cache"):
        for _ in range(3):
            got = cached_file(path, _arrays, read=offline._read_arrays, write=offline._write_arrays)
            assert _same(got, _arrays())
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "working in memory" in warnings[0].getMessage()
    assert blocker.read_text() == "a file where the cache folder should be"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_cache_folder(tmp_path, caplog):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        with caplog.at_level(logging.WARNING, logger="portgeo._cache"):
            got = cached_file(ro / "c.npz", _arrays, read=offline._read_arrays,
                              write=offline._write_arrays)  # fmt: skip
    finally:
        ro.chmod(0o755)
    assert _same(got, _arrays()) and list(ro.iterdir()) == []
    assert sum(r.levelno >= logging.WARNING for r in caplog.records) == 1


def test_a_failed_build_leaves_nothing(tmp_path):
    path = tmp_path / "c.npz"

    def build():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        cached_file(path, build, read=offline._read_arrays, write=offline._write_arrays)
    assert [p.name for p in tmp_path.iterdir()] == ["c.npz.lock"]

    def write_half(value, tmp):
        tmp.write_bytes(b"PK\x03\x04half")
        raise KeyboardInterrupt  # Ctrl-C in the middle of writing

    with pytest.raises(KeyboardInterrupt):
        cached_file(path, _arrays, read=offline._read_arrays, write=write_half)
    assert [p.name for p in tmp_path.iterdir()] == ["c.npz.lock"]  # no half-written file


# --- the real cache files, damaged, and a fresh process ----------------------------------------------


def _portgeo(args: list[str], cache: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PORTGEO_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-m", "portgeo", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=1200)  # fmt: skip


#: Damage done to the real cache files, in turn (every mode on every kind of file is in
#: :func:`test_cached_file_recovers`; here a fresh process meets each mode once).
REAL_MODES = ("truncate", "garbage", "wrong-format")


@pytest.mark.slow
def test_real_cache_files_recover_in_a_new_process(tmp_path):
    # a warm cache to damage: a copy of this session's (built on first use)
    boundaries.load_boundary()
    offline._offline_arrays(cache=True)
    load_population()
    cache = tmp_path / "cache"
    shutil.copytree(settings.cache_dir, cache, ignore=shutil.ignore_patterns("*.lock",
                    "*.corrupt-*", "*.tmp*"))  # fmt: skip
    files = sorted(p for p in cache.rglob("*") if p.suffix in (".parquet", ".npz") and p.is_file())
    # the files a check reads first, so that each mode meets one a check must repair
    layers = cache / boundaries.boundary_cache_dir().relative_to(settings.cache_dir)
    read = [layers / "layers.parquet",
            next(p for p in files if p.name.startswith("scgraph_") and p.suffix == ".npz"),
            max((p for p in files if p.name.startswith("geonames-cn-")),
                key=lambda p: p.stat().st_mtime)]  # the current build; older ones stay  # fmt: skip
    files = read + [p for p in files if p not in read]
    for i, p in enumerate(files):
        kind = "boundary layers" if p.name == "layers.parquet" else p.suffix
        _damage(REAL_MODES[i % len(REAL_MODES)], kind, p.suffix, p)
    args = ["check-airport", "--iata", "HUZ", "--json"]
    first = _portgeo(args, cache, tmp_path)
    assert first.returncode == 0, first.stderr
    assert '"verdict"' in first.stdout
    assert "Traceback" not in first.stderr
    damaged_lines = [ln for ln in first.stderr.splitlines() if "could not be read" in ln]
    for p in read:  # each mode was met and repaired
        assert any(p.name in ln for ln in damaged_lines), (p.name, first.stderr)
    second = _portgeo(args, cache, tmp_path)  # the repaired cache reads cleanly
    assert second.returncode == 0 and "could not be read" not in second.stderr, second.stderr
    assert second.stdout == first.stdout


@pytest.mark.slow
def test_unusable_cache_never_lets_a_point_abroad_pass(tmp_path):
    # the boundaries' cache folder is a file: they are built in memory, and Ulaanbaatar is still
    # abroad (a PORTGEO_CACHE_DIR that is itself a file is refused at start: test_hostile_inputs_io)
    cache = tmp_path / "cache"
    cache.mkdir()
    blocker = cache / "boundaries"
    blocker.write_text("not a folder")
    proc = _portgeo(["check-airport", "--name", "UB", "--lat", "47.92", "--lon", "106.91"],
                    cache, tmp_path)  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert lines[-1].startswith("portgeo: error: ") and "outside China" in lines[-1]
    assert sum("working in memory" in ln for ln in lines) == 1 and len(lines) == 2, lines
    assert blocker.read_text() == "not a folder"
