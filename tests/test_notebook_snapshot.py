"""A reopened notebook still shows its maps: the static picture where Lab does not trust it.

JupyterLab strips iframes and scripts from the outputs of a notebook it does not trust (one
executed by papermill, CI or a colleague). :func:`portgeo.maps.display_map` therefore stores a
PNG picture beside the live map. These tests execute a notebook, serve it with a real JupyterLab
and open it in Chromium: untrusted, the picture shows and the live map is gone; trusted, the live
map shows and the picture is hidden.
"""

from __future__ import annotations

import os
import socket
import struct
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from portgeo import settings
from portgeo.maps import display_map, finish_map, new_map

CHROMIUM = Path(settings.chromium_path)
ROOT = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _need_browser():
    if not CHROMIUM.exists():
        pytest.skip(f"needs Debian chromium at {CHROMIUM}")
    return pytest.importorskip("playwright.sync_api")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    return struct.unpack(">II", data[16:24])


def test_the_static_picture_is_the_map_at_the_frame_size():
    _need_browser()
    pytest.importorskip("IPython")
    m = new_map(title="静态图 test", basemap="none")
    shown = display_map(finish_map(m), height=500)
    assert shown.png is not None
    assert _png_size(shown.png) == (1000, 500)
    assert "the picture below is a static copy" in shown.data


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


#: Talks to the local server without any proxy of the environment.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _wait_for(url: str, proc: subprocess.Popen, seconds: float = 90) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise AssertionError(f"JupyterLab exited with {proc.returncode}")
        try:
            with _DIRECT.open(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.1)  # poll until the deadline
    raise AssertionError(f"JupyterLab did not answer at {url} in {seconds:.0f} s")


def _look(browser, url: str) -> dict:
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(url, wait_until="load")
        page.wait_for_selector(".jp-OutputArea-output .portgeo-map", timeout=90_000)
        # the outputs are drawn: the static picture (an output of its own) decoded
        page.wait_for_function(
            """() => { const imgs = [...document.querySelectorAll('.jp-RenderedImage img')];
              return imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0); }""",
            timeout=90_000,
        )
        return page.evaluate(
            """() => ({
              pictures: [...document.querySelectorAll('.jp-RenderedImage img')]
                .map(i => ({width: i.naturalWidth, shown: i.offsetParent !== null})),
              frames: [...document.querySelectorAll('.jp-OutputArea-output iframe')]
                .map(f => ({height: f.offsetHeight, shown: f.offsetParent !== null})),
              instead: [...document.querySelectorAll('.portgeo-map-instead')]
                .map(p => p.offsetParent !== null),
            })"""
        )
    finally:
        page.close()


@pytest.mark.notebooks
def test_a_reopened_notebook_shows_its_map_trusted_or_not(browser, tmp_path, monkeypatch):
    # the session's browser (tests/conftest.py); the notebook runs in a kernel of its own
    _need_browser()
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("jupyterlab")
    env = {
        **os.environ,
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),  # the trust database of this test only
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "from portgeo.maps import display_map, finish_map, new_map\n"
            "display_map(finish_map(new_map(title='reopened', basemap='none')), height=400)"
        )
    ]
    monkeypatch.setenv("PYTHONPATH", env["PYTHONPATH"])  # the kernel imports this checkout
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3").execute()
    path = tmp_path / "work" / "reopened.ipynb"
    path.parent.mkdir()
    nbformat.write(nb, path)  # executed here, signed nowhere: Lab will not trust it

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--allow-root",
         "--ServerApp.token=", "--ServerApp.password=", f"--ServerApp.root_dir={path.parent}",
         "--LabApp.news_url=", "--ServerApp.disable_check_xsrf=True"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait_for(f"http://127.0.0.1:{port}/api/status", server)
        url = f"http://127.0.0.1:{port}/lab/tree/{path.name}?reset"
        untrusted = _look(browser, url)
        assert untrusted["frames"] == [], "Lab should drop the iframe of an untrusted output"
        assert untrusted["pictures"] == [{"width": 1000, "shown": True}], untrusted
        assert untrusted["instead"] == [True], "the untrusted viewer is told why"

        subprocess.run([sys.executable, "-m", "jupyter", "trust", str(path)], env=env,
                       check=True, capture_output=True)  # fmt: skip
        trusted = _look(browser, url)
        assert trusted["frames"] == [{"height": 400, "shown": True}], trusted
        assert trusted["pictures"] == [{"width": 1000, "shown": False}], "no map twice"
        assert trusted["instead"] == [False]
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # on a busy machine, still stopping the kernel it ran
            server.kill()
            server.wait(timeout=30)
