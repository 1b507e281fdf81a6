"""Execute every notebook top to bottom (offline) with nbclient.

Run with ``pytest -m notebooks``. Maps are exported to a temporary folder
(``PORTGEO_MAPS_DIR``), never into the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))

pytestmark = [pytest.mark.notebooks, pytest.mark.slow]


def test_every_notebook_has_a_paired_script():
    assert NOTEBOOKS, "no notebooks found"
    for nb in NOTEBOOKS:
        assert nb.with_suffix(".py").is_file(), f"{nb.name} has no jupytext script"


def test_committed_notebooks_have_no_outputs():
    nbformat = pytest.importorskip("nbformat")
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.get("outputs"), f"{path.name} is committed with outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path, tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("PORTGEO_MAPS_DIR", str(tmp_path))
    monkeypatch.setenv("PORTGEO_BASEMAP", "none")
    monkeypatch.setenv(
        "PYTHONPATH",
        os.pathsep.join(filter(None, [str(NOTEBOOK_DIR.parent), os.environ.get("PYTHONPATH")])),
    )
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK_DIR)}}
    )
    client.execute()
    if path.stem.startswith(("n14_", "n13_", "gd14_")):
        assert (tmp_path / f"{path.stem}.html").is_file(), "the notebook should export its map"
