"""One corpus of hostile strings through every entry point that renders output.

A name in a user's file (a candidate list, an opened-port list, a volume table, a copy of the
data folder) is text in every output: terminal, JSON, CSV, GeoJSON, the HTML report and maps,
the notebook helpers. For each payload the test asserts that

* no template code ran: ``{{7*7}}`` never becomes ``49``, ``{% raw %}`` never breaks a render,
  and the ``cycler`` payload never creates its folder;
* the text appears literally, escaped for its context (HTML entities in pages, JSON escapes in
  JSON, ``printable`` escapes on the terminal and in CSV cells, a leading ``'`` before a CSV
  formula);
* no file appears besides the outputs asked for.

The browser test (``test_report_injection.py``) checks in Chromium that no payload script runs.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import markupsafe
import pandas as pd
import pytest
from admission_fakes import use_fake_network

from portgeo import settings
from portgeo._output import FORMULA_PREFIXES, printable
from portgeo.catalogue import load_catalogue
from portgeo.cli import main

#: Marks around each payload, so that an evaluated payload is easy to spot (``PGX49PGY``).
L, R = "PGX", "PGY"


def payloads(pwn_dir: Path) -> dict[str, str]:
    """The corpus of issue 18, each wrapped in markers; ``pwn_dir`` is what ``mkdir`` would make."""
    return {
        "jinja-expr": "{{7*7}}",
        "jinja-raw": "{% raw %}",
        "jinja-mkdir": "{{ cycler.__init__.__globals__.os.mkdir('" + str(pwn_dir) + "') }}",
        "script-close": "</script><script>alert(1)</script>",
        "js-template": "${7*7}",
        "js-quote": "'-alert(1)-'",
        "csv-formula": "=cmd|' /C calc'!A0",
        "control": "a\x1b[31mred\x07\nline2\r\u202eevil\x7f",
    }


KEYS = list(payloads(Path("/x")))


def wrapped(text: str) -> str:
    return f"{L}{text}{R}"


@pytest.fixture
def world(tmp_path, monkeypatch):
    """A working folder, the payloads, and a check that nothing but the outputs appeared."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    pwn = tmp_path / "PWNED"
    corpus = {k: wrapped(v) for k, v in payloads(pwn).items()}

    def no_side_effects(*expected: Path) -> None:
        assert not pwn.exists(), "a template payload ran: its folder was created"
        made = {p for p in work.rglob("*")} - {p for e in expected for p in (e, *e.parents)}
        made = {p for p in made if not any(e in p.parents for e in expected)}
        assert not made, f"unexpected files: {sorted(map(str, made))}"

    return {"work": work, "corpus": corpus, "check": no_side_effects}


@pytest.fixture
def fake_net(monkeypatch):
    return use_fake_network(monkeypatch)["router"]


def _in_html(payload: str, page: str) -> bool:
    """The payload is in the page as escaped text (Python's or Jinja's entity spelling)."""
    forms = {
        html.escape(payload),
        html.escape(payload, quote=False),
        str(markupsafe.escape(payload)),
    }
    return any(f in page for f in forms)


def _no_evaluation(text: str) -> None:
    assert f"{L}49{R}" not in text, "{{7*7}} or ${7*7} was evaluated"


def _ports_csv(path: Path, name_zh: str) -> Path:
    df = pd.DataFrame(
        [("szx", name_zh, "SZX", 22.639, 113.811), ("can", "广州白云", "CAN", 23.392, 113.299)],
        columns=["id", "name_zh", "iata", "lat", "lon"],
    )
    df.to_csv(path, index=False)
    return path


def _cli(capsys, *args: str) -> tuple[str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in err
    return out, err


# --- check-airport ------------------------------------------------------------------------------


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("where", ["name", "open-ports"])
def test_check_airport_terminal_and_json(world, fake_net, capsys, key, where):
    payload = world["corpus"][key]
    ports = _ports_csv(
        world["work"] / "ports.csv", payload if where == "open-ports" else "深圳宝安"
    )
    name = payload if where == "name" else "candidate"
    common = ["--name", name, "--lat", "23.05", "--lon", "114.6", "--open-ports", str(ports)]
    out, _ = _cli(capsys, "check-airport", *common)
    _no_evaluation(out)
    assert printable(payload) in out  # shown literally, control characters as escapes
    assert not any(c in out for c in "\x1b\x07\r\x7f\u202e")
    out, _err = _cli(capsys, "check-airport", *common, "--json")
    res = json.loads(out)
    if where == "name":
        assert res["candidate"]["name"] == payload
    else:
        assert payload in {p["name_zh"] for p in res["nearest_open_ports"]}
    assert not any(c in out for c in "\x1b\x07\r\x7f\u202e")
    world["check"](ports)


@pytest.mark.parametrize("key", KEYS)
def test_check_airport_report(world, fake_net, capsys, key):
    payload = world["corpus"][key]
    ports = _ports_csv(world["work"] / "ports.csv", payload)
    report = world["work"] / "r.html"
    _cli(capsys, "check-airport", "--name", payload, "--lat", "23.05", "--lon", "114.6",
         "--open-ports", str(ports), "--report", str(report), "--basemap", "none")  # fmt: skip
    page = report.read_bytes().decode("utf-8")
    _no_evaluation(page)
    # the outer page's title and tables: escaped, control characters written out
    assert _in_html("\n".join(printable(p) for p in payload.split("\n")), page)
    start = page.index('srcdoc="') + len('srcdoc="')
    inner = html.unescape(page[start : page.index('"', start)])
    _no_evaluation(inner)
    if "<" in payload:
        assert payload not in inner  # markup never reaches the map page as markup
    # the candidate's name is in the map page's title box, HTML-escaped
    assert _in_html(payload, inner)  # the map's title box
    world["check"](ports, report)


@pytest.mark.parametrize("key", KEYS)
def test_check_airport_batch_csv(world, fake_net, capsys, key):
    payload = world["corpus"][key]
    batch = world["work"] / "batch.csv"
    pd.DataFrame({"name": [payload, "ok"], "lat": [23.05, 30.0], "lon": [114.6, 113.0]}).to_csv(
        batch, index=False
    )
    ports = _ports_csv(world["work"] / "ports.csv", payload)
    out_csv = world["work"] / "out.csv"
    out, _ = _cli(capsys, "check-airport", "--batch", str(batch), "--out", str(out_csv),
                  "--open-ports", str(ports))  # fmt: skip
    _no_evaluation(out)
    text = out_csv.read_bytes().decode("utf-8")
    _no_evaluation(text)
    assert not any(c in text for c in "\x1b\x07\x7f\u202e")
    cells = pd.read_csv(out_csv, dtype=str, keep_default_na=False)
    names = set(cells["name"])
    expected = printable(payload)
    if payload.startswith(FORMULA_PREFIXES):
        expected = "'" + expected
    assert expected in names
    for col in cells.columns:  # no cell may start a formula
        assert not cells[col].str.startswith(("=", "+", "@")).any(), col
    world["check"](batch, ports, out_csv)


# --- maps --volumes ---------------------------------------------------------------------------


def _volumes_slug() -> str:
    cat = load_catalogue()
    plan = cat.latest_plan("volumes")
    return str(cat.column_info(plan, cat.column_of(plan, "volumes"))["slug"])


@pytest.mark.slow
@pytest.mark.parametrize("key", KEYS)
def test_maps_with_volumes(world, capsys, key):
    payload = world["corpus"][key]
    vol = world["work"] / "volumes.csv"
    pd.DataFrame(
        [
            {
                "entity_id": "n14-c2-dalian",
                "name_zh": payload,
                "category": "sea",
                "year": 2024,
                "cargo_10k_tonnes": 30000,
                "passengers_10k": 100,
            }
        ]
    ).to_csv(vol, index=False)
    out_dir = world["work"] / "m"
    slug = _volumes_slug()
    _cli(capsys, "maps", "--out", str(out_dir), "--only", slug, "--volumes", str(vol))
    page = (out_dir / f"{slug}.html").read_bytes().decode("utf-8")
    assert L in page and R in page  # the user's name reached the map (popup, label, search)
    _no_evaluation(page)
    if "<" in payload:
        assert payload not in page
    world["check"](vol, out_dir)


# --- export, catchments: names from a copy of the data folder -----------------------------------


@pytest.fixture
def hostile_data(tmp_path, monkeypatch, world):
    """A copy of the data folder whose first 14th-plan entity is named by the payload."""

    def make(payload: str) -> Path:
        data = tmp_path / "data"
        shutil.copytree(settings.data_dir or Path(__file__).parents[1] / "data", data)
        plan = data / "plans" / "national-14.csv"
        df = pd.read_csv(plan, dtype=str, keep_default_na=False)
        df.loc[0, "name_zh"] = payload
        df.to_csv(plan, index=False)
        monkeypatch.setattr(settings, "data_dir", data)
        load_catalogue(reload=True)
        return data

    yield make
    monkeypatch.undo()
    load_catalogue(reload=True)


@pytest.mark.parametrize("key", KEYS)
def test_export_formats(world, hostile_data, capsys, key):
    payload = world["corpus"][key]
    hostile_data(payload)
    out, _ = _cli(capsys, "export", "--format", "geojson", "--out", "-")
    _no_evaluation(out)
    assert not any(c in out for c in "\x1b\x07\x7f\u202e")
    names = {f["properties"]["name_zh"] for f in json.loads(out)["features"]}
    assert payload in names  # JSON escapes read back to the very text
    csv_path = world["work"] / "e.csv"
    _cli(capsys, "export", "--format", "csv", "--out", str(csv_path))
    cells = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    expected = printable(payload)
    if payload.startswith(FORMULA_PREFIXES):
        expected = "'" + expected
    assert expected in set(cells["name_zh"])
    world["check"](csv_path)


# --- notebook helpers ---------------------------------------------------------------------------


@pytest.mark.parametrize("key", KEYS)
def test_notebook_table_and_title(world, monkeypatch, key):
    pytest.importorskip("IPython")
    import IPython.display

    from portgeo import notebook

    payload = world["corpus"][key]
    shown: list[object] = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs: shown.extend(objs))
    notebook.show_table(pd.DataFrame({"name_zh": [payload], "n": [1]}), caption=payload)
    page = shown[-1]._repr_html_()  # type: ignore[attr-defined]
    _no_evaluation(page)
    if "<" in payload:
        assert payload not in page
    assert _in_html(payload, page)
    world["check"]()


# --- catchments: the user's codes are echoed in errors, as text --------------------------------


@pytest.mark.parametrize("key", KEYS)
def test_catchments_unknown_code_is_echoed_as_text(world, capsys, key):
    payload = world["corpus"][key]
    out_file = world["work"] / "c.geojson"
    code = main(["catchments", "--iata", payload, "--kinds", "circle", "--out", str(out_file)])
    _out, err = capsys.readouterr()
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    _no_evaluation(err)
    assert L in err and not any(c in err for c in "\x1b\x07\r\x7f\u202e")
    world["check"]()


# --- a terminal that cannot show Chinese ----------------------------------------------------------


def test_ascii_terminal_gets_escapes_and_one_note(tmp_path):
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "LANG": "C", "LC_ALL": "C"}
    env.pop("PYTHONUTF8", None)
    run = subprocess.run(
        [sys.executable, "-m", "portgeo", "export", "--format", "geojson", "--out", "-"],
        capture_output=True, env=env, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr.decode("ascii", "replace")
    err = run.stderr.decode("ascii").strip().splitlines()
    assert len(err) == 1 and "cannot show Chinese" in err[0], err
    run.stdout.decode("ascii")  # nothing but ASCII reached the terminal
    names = {f["properties"]["name_zh"] for f in json.loads(run.stdout)["features"]}
    assert "大连" in names  # the \u escapes read back as the names


# --- a map shown or saved the folium way ----------------------------------------------------------


@pytest.mark.parametrize("way", ["repr", "save"])
def test_portgeo_map_shown_or_saved_by_folium_keeps_names_literal(world, way):
    import folium

    from portgeo.maps import finish_map, new_map
    from portgeo.maps.components import add_source_note

    payload = world["corpus"]["jinja-mkdir"]
    m = new_map(title=payload, basemap="none")
    folium.Marker([30, 110], tooltip=payload, popup=payload).add_to(m)
    add_source_note(m, [], extra=[payload])
    finish_map(m)
    if way == "repr":
        page = m._repr_html_()
    else:
        out = world["work"] / "m.html"
        m.save(str(out))
        page = out.read_text(encoding="utf-8")
    _no_evaluation(page)
    assert "cycler" in page  # the payload is in the page, as text
    world["check"](*([world["work"] / "m.html"] if way == "save" else []))
