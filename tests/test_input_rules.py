"""The defined behaviour for odd input files, batch precedence, plausibility and CSV safety."""

from __future__ import annotations

import codecs
import errno
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from admission_fakes import use_fake_network

from portgeo import settings
from portgeo._data import read_user_csv
from portgeo._output import csv_safe, write_atomic, write_csv_atomic
from portgeo.cli import cmd_export, main
from portgeo.cli.boundary import user_error
from portgeo.errors import InputError, OutputError
from portgeo.rules.admission import Candidate, check_airport, check_airports

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def fake_net(monkeypatch):
    return use_fake_network(monkeypatch)["router"]


def cli(args, capsys):
    try:
        code = main(args)
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


# --- reading a user's CSV -------------------------------------------------------------------------

TEXT = "name,iata\n惠州平潭机场,HUZ\n"


@pytest.mark.parametrize(
    "raw",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("gbk"),
        TEXT.encode("gb18030"),
        TEXT.encode("utf-16"),  # with its byte-order mark
        TEXT.replace("\n", "\r\n").encode("gbk"),
    ],
    ids=["utf8", "utf8-bom", "gbk", "gb18030", "utf16", "gbk-crlf"],
)
def test_encodings_are_detected(tmp_path, raw):
    f = tmp_path / "c.csv"
    f.write_bytes(raw)
    df = read_user_csv(f, what="batch file")
    assert list(df.columns) == ["name", "iata"]
    assert df["name"].tolist() == ["惠州平潭机场"] and df["iata"].tolist() == ["HUZ"]


def test_gb18030_only_characters(tmp_path):
    # 𠀀 (U+20000) is outside GBK: GB18030 encodes it in four bytes
    f = tmp_path / "c.csv"
    f.write_bytes("name,iata\n𠀀机场,HUZ\n".encode("gb18030"))
    assert read_user_csv(f, what="x")["name"].iloc[0] == "𠀀机场"


def test_given_encoding_wins(tmp_path):
    f = tmp_path / "c.csv"
    f.write_bytes("name,iata\nCafé,HUZ\n".encode("latin-1"))
    assert read_user_csv(f, what="x", encoding="latin-1")["name"].iloc[0] == "Café"


def test_blank_lines_comma_rows_and_line_numbers(tmp_path):
    f = tmp_path / "c.csv"
    f.write_text("\n name , iata \n\nA,HUZ\n,,\n\nB,MXZ,\n", encoding="utf-8")
    df = read_user_csv(f, what="x")
    assert list(df.columns) == ["name", "iata"]  # header names stripped
    assert df["name"].tolist() == ["A", "B"]  # blank and all-blank rows skipped
    assert df.index.tolist() == [4, 7]  # line numbers of the file
    f.write_text("name,iata,routes\nA,HUZ\n", encoding="utf-8")  # a short row: blanks
    assert pd.isna(read_user_csv(f, what="x")["routes"].iloc[0])


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("name,name\nA,B\n", "appears more than once"),
        ("name,\nA,B\n", "has no name"),
        ("name\nA,B\n", "line 2 has 2 cells"),
        ("", "is empty"),
    ],
)
def test_malformed_csv(tmp_path, text, words):
    f = tmp_path / "c.csv"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=words):
        read_user_csv(f, what="x")


def test_duplicate_batch_rows_are_checked_each_and_counted(fake_net, capsys, tmp_path):
    f = tmp_path / "c.csv"
    f.write_text("name,iata\nA,HUZ\nA,HUZ\n", encoding="utf-8")
    code, out, err = cli(["check-airport", "--batch", str(f), "--out", str(tmp_path / "r.csv")],
                         capsys)  # fmt: skip
    assert code == 0, err
    assert len(pd.read_csv(tmp_path / "r.csv")) == 2
    assert "1 row(s) repeat an earlier row" in out


def test_gbk_batch_and_bom_open_ports_through_the_cli(fake_net, capsys, tmp_path):
    batch = tmp_path / "c.csv"
    batch.write_bytes("name,iata\n惠州平潭机场,HUZ\n".encode("gbk"))
    ports = tmp_path / "p.csv"
    ports.write_bytes(
        codecs.BOM_UTF8 + "id,name_zh,iata,lat,lon\nszx,深圳宝安,SZX,22.64,113.81\n".encode()
    )
    out_csv = tmp_path / "r.csv"
    code, _, err = cli(["check-airport", "--batch", str(batch), "--out", str(out_csv),
                        "--open-ports", str(ports)], capsys)  # fmt: skip
    assert code == 0, err
    res = pd.read_csv(out_csv)
    assert res["name"].tolist() == ["惠州平潭机场"]
    assert "深圳宝安" in res["nearest_open_port"].iloc[0]


# --- batch precedence and outputs ---------------------------------------------------------------


def test_an_empty_cell_takes_the_command_line_value(fake_net, capsys, tmp_path):
    f = tmp_path / "c.csv"
    # the shipped example's layout: the fact columns exist, empty for most rows
    f.write_text(
        "name,iata,routes,passengers,setting,exiting_port\n"
        "A,HUZ,,,,\nB,HUZ,3,,,\nC,HUZ,,,inland,\n",
        encoding="utf-8",
    )
    out_csv = tmp_path / "r.csv"
    code, _, err = cli(["check-airport", "--batch", str(f), "--out", str(out_csv), "--routes",
                        "30", "--passengers", "5000000", "--setting", "coastal",
                        "--exiting-port", "no"], capsys)  # fmt: skip
    assert code == 0, err
    res = pd.read_csv(out_csv).set_index("name")
    assert res.loc["A", "routes_passed"] == True  # noqa: E712 - 30 routes from the command line
    assert res.loc["B", "routes_passed"] == False  # noqa: E712 - the row's own 3 routes win
    assert res.loc["A", "passengers_passed"] == True  # noqa: E712
    assert res.loc["A", "setting"] == "coastal" and res.loc["C", "setting"] == "inland"


def test_replacing_an_output_is_said(fake_net, capsys, tmp_path):
    f = tmp_path / "c.csv"
    f.write_text("name,iata\nA,HUZ\n", encoding="utf-8")
    out_csv = tmp_path / "r.csv"
    out_csv.write_text("old\n", encoding="utf-8")
    code, out, _ = cli(["check-airport", "--batch", str(f), "--out", str(out_csv)], capsys)
    assert code == 0 and "(replaced the existing file)" in out
    assert "verdict" in out_csv.read_text(encoding="utf-8")


def test_out_through_a_link_to_the_input_is_refused(fake_net, capsys, tmp_path):
    f = tmp_path / "c.csv"
    f.write_text("name,iata\nA,HUZ\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    os.link(f, link)
    code, _, err = cli(["check-airport", "--batch", str(f), "--out", str(link)], capsys)
    assert code == 2 and "is the input file of --batch" in err
    assert f.read_text(encoding="utf-8") == "name,iata\nA,HUZ\n"


def test_formula_cells_are_escaped_in_results(fake_net, capsys, tmp_path):
    f = tmp_path / "c.csv"
    f.write_text('name,iata\n"=HYPERLINK(""http://x"",""y"")",HUZ\n+1-2,HUZ\n@SUM(A1),HUZ\n'
                 "-3,HUZ\n", encoding="utf-8")  # fmt: skip
    out_csv = tmp_path / "r.csv"
    code, _, err = cli(["check-airport", "--batch", str(f), "--out", str(out_csv)], capsys)
    assert code == 0, err
    names = pd.read_csv(out_csv, dtype={"name": str})["name"].tolist()
    assert names == ['\'=HYPERLINK("http://x","y")', "'+1-2", "'@SUM(A1)", "'-3"]


def test_csv_safe_leaves_numbers_alone(tmp_path):
    df = pd.DataFrame({"a": ["=1", "x", None, "\tq"], "n": [-1.5, 2.0, 3.0, -4.0]})
    safe = csv_safe(df)
    assert safe["a"].tolist()[:2] == ["'=1", "x"] and pd.isna(safe["a"].iloc[2])
    assert safe["a"].iloc[3] == "'\\tq" and safe["n"].tolist() == [-1.5, 2.0, 3.0, -4.0]
    write_csv_atomic(tmp_path / "t.csv", df)
    assert "'=1" in (tmp_path / "t.csv").read_text(encoding="utf-8")


def test_export_csv_is_formula_safe(tmp_path, capsys, monkeypatch):
    import geopandas as gpd
    from shapely.geometry import Point

    frame = gpd.GeoDataFrame({"name_zh": ["=cmd|'/c calc'!A1"], "lat": [30.0]},
                             geometry=[Point(113, 30)], crs=4326)  # fmt: skip
    monkeypatch.setattr(cmd_export, "layer_frames", lambda names, located_only: {"e": frame})
    out = tmp_path / "e.csv"
    assert main(["export", "--format", "csv", "--out", str(out)]) == 0
    assert pd.read_csv(out)["name_zh"].iloc[0] == "'=cmd|'/c calc'!A1"


def test_batch_api_with_no_rows_gives_an_empty_table():
    res = check_airports(pd.DataFrame(columns=["name", "iata"]), network=None)
    assert res.empty and "verdict" in res.columns and "error" in res.columns


# --- plausibility ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kw", "words"),
    [
        ({"routes": 9.99999}, "whole number"),
        ({"routes": 1e308}, "not plausible"),
        ({"passengers": 1e308}, "not plausible"),
        ({"passengers": 2_500_000.5}, "whole number"),
        ({"routes": -1}, "negative"),
    ],
)
def test_implausible_counts_are_refused(kw, words):
    with pytest.raises(InputError, match=words):
        check_airport("HUZ", network=None, **kw)


def test_plausible_counts_pass():
    res = check_airport("HUZ", network=None, routes=10_000, passengers=1e9)
    assert {c.id: c.passed for c in res.criteria}["routes"] is True


# --- Hong Kong, Macao, Taiwan: refused the same way everywhere --------------------------------------


@pytest.mark.parametrize(
    ("cand", "words"),
    [
        (Candidate("TPE", 25.0777, 121.233), "lies in Taiwan"),
        (Candidate("HKG", 22.3089, 113.915), "lies in Hong Kong"),
        (Candidate("MFM", 22.1496, 113.592), "lies in Macao"),
        (Candidate("x", 30.0, 113.0, province="台湾省"), "names Taiwan"),
        ({"name": "x", "lat": 30.0, "lon": 113.0, "province": "Hong Kong"}, "names Hong Kong"),
        ("TPE", "lies in Taiwan"),
        ({"name": "x", "lat": 22.3, "lon": 113.9}, "lies in Hong Kong"),
    ],
)
def test_python_api_refuses_hk_macao_taiwan(cand, words):
    with pytest.raises(InputError, match=words):
        check_airport(cand, network=None)


def test_a_hand_built_candidate_gets_its_province():
    res = check_airport(Candidate("x", 30.0, 113.0), network=None)
    assert res.candidate["province"] == "湖北省"


def test_batch_rows_in_taiwan_are_error_rows():
    res = check_airports(pd.DataFrame({"iata": ["TPE", "HUZ"]}), network=None)
    assert res["verdict"].tolist()[0] == "error" and "Taiwan" in res["error"].iloc[0]


# --- the error boundary ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exc", "words"),
    [
        (PermissionError(errno.EACCES, "Permission denied", "/x/y.csv"), "/x/y.csv"),
        (OSError(errno.ENOSPC, "No space left on device", "out.gpkg"), "No space left"),
        (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), "encoding"),
        (pd.errors.EmptyDataError("No columns to parse from file"), "CSV file"),
        (zipfile.BadZipFile("File is not a zip file"), "damaged"),
    ],
)
def test_the_boundary_translates_outside_errors(monkeypatch, capsys, exc, words):
    assert user_error(exc) is not None

    def boom(args):
        raise exc

    monkeypatch.setattr(cmd_export, "run", boom)
    code, _, err = cli(["export", "--out", "x.geojson"], capsys)
    assert code == 2 and err.count("\n") == 1 and words in err and "Traceback" not in err


@pytest.mark.parametrize("exc", [TypeError("bug"), KeyError("verdict"), AttributeError("bug")])
def test_programming_errors_still_raise(monkeypatch, exc):
    assert user_error(exc) is None

    def boom(args):
        raise exc

    monkeypatch.setattr(cmd_export, "run", boom)
    with pytest.raises(type(exc)):
        main(["export", "--out", "x.geojson"])


def test_a_failed_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "r.csv"
    target.write_text("good\n", encoding="utf-8")

    def half_then_full_disk(tmp: Path) -> None:
        tmp.write_text("half", encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OutputError, match="No space left"):
        write_atomic(target, half_then_full_disk, what="results")
    assert target.read_text(encoding="utf-8") == "good\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.csv"]  # no temporary file left


def test_output_folders_are_created(tmp_path):
    out = write_atomic(tmp_path / "a" / "b" / "r.txt", lambda t: t.write_text("x"), what="x")
    assert out.read_text() == "x"


def test_empty_cache_dir_variable_means_the_default(tmp_path):
    env = {**os.environ, "PORTGEO_CACHE_DIR": "", "HOME": str(tmp_path / "home"),
           "PYTHONPATH": str(REPO)}  # fmt: skip
    code = "from portgeo import settings; print(settings.cache_dir)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=60)  # fmt: skip
    assert Path(proc.stdout.strip()) == tmp_path / "home" / ".cache" / "portgeo"
    assert Path(proc.stdout.strip()) != tmp_path
    assert settings.cache_dir != Path("")


# --- an opened port the network does not cover: unknown, never "beyond 2 hours" --------------------


def test_a_port_off_a_city_network_leaves_the_drive_unknown():
    """Central Shanghai on a city-sized network, PVG (33 km away) off it, ``reading=either``."""
    import numpy as np

    from portgeo.geo.geodesy import geodesic_distance_m
    from portgeo.roads.network import make_network

    lon, lat = np.meshgrid(np.arange(121.40, 121.56, 0.02), np.arange(31.16, 31.30, 0.02))
    x, y = lon.ravel(), lat.ravel()
    idx = np.arange(x.size).reshape(lon.shape)
    a = np.concatenate([idx[:, :-1].ravel(), idx[:-1, :].ravel()])
    b = np.concatenate([idx[:, 1:].ravel(), idx[1:, :].ravel()])
    u, v = np.concatenate([a, b]), np.concatenate([b, a])
    net = make_network(node_id=np.arange(x.size), x=x, y=y, u=u, v=v,
                       length_m=np.asarray(geodesic_distance_m(x[u], y[u], x[v], y[v])),
                       speed_kmh=np.full(u.size, 40.0), highway=np.full(u.size, "primary"),
                       metadata={"source": "city grid", "approximate": False})  # fmt: skip
    pvg = pd.DataFrame({"id": ["pvg"], "name_zh": ["浦东"], "iata": ["PVG"], "lat": [31.1443],
                        "lon": [121.8083]})  # fmt: skip
    res = check_airport({"name": "人民广场", "lat": 31.2304, "lon": 121.4737}, open_ports=pvg,
                        network=net, reading="either")  # fmt: skip
    assert res.nearest_open_ports[0]["distance_km"] < 40
    assert res.criterion("drive_2h").passed is None
    assert res.spacing["passed"] is None and res.verdict == "incomplete"
    assert any("does not cover" in n for n in res.notes)
