"""Tests of ``portgeo check-airport`` (fast ones use a fake road network)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from admission_fakes import FakeRouter, use_fake_network

from portgeo.cli import main
from portgeo.rules import admission

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "data" / "examples" / "guangdong_c4_candidates.csv"


@pytest.fixture
def fake_net(monkeypatch):
    """Replace the road network by the fake router (the rule and opened ports stay real)."""
    return use_fake_network(monkeypatch)


def run_cli(args, capsys):
    try:
        code = main(["check-airport", *args])
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def assert_user_error(code, out, err, pattern):
    assert code == 2
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("portgeo: error: ")
    assert pattern in lines[0], lines[0]
    assert "Traceback" not in err + out


# --- good runs -----------------------------------------------------------------------------------


def test_json_schema(fake_net, capsys):
    code, out, err = run_cli(["--iata", "HUZ", "--json"], capsys)
    assert code == 0, err
    d = json.loads(out)
    assert set(d) >= {"candidate", "network", "nearest_open_ports", "criteria", "verdict"}
    assert set(d["candidate"]) >= {"name", "iata", "lat", "lon", "province", "setting"}
    assert d["candidate"]["iata"] == "HUZ"
    assert d["network"] == {"source": "fake", "approximate": True, "speed_model": "not stated",
                            "drive_band": "not measured"}  # fmt: skip
    ports = d["nearest_open_ports"]
    assert ports and all(
        set(p) >= {"id", "name_zh", "iata", "distance_km", "road_km", "drive_min", "reachable"}
        for p in ports
    )
    assert [p["distance_km"] for p in ports] == sorted(p["distance_km"] for p in ports)
    assert [c["id"] for c in d["criteria"]] == [
        "distance_200km",
        "drive_2h",
        "routes",
        "passengers",
        "province_gate",
    ]
    assert all(c["passed"] in (True, False, None) for c in d["criteria"])
    # Huizhou is ~100 km from Shenzhen Bao'an, an international hub: too close under any reading
    assert ports[0]["iata"] in ("SZX", "CAN")
    assert d["criteria"][0]["passed"] is False
    assert d["verdict"] == "fail"
    assert d["open_ports"]["source"].endswith("opened_air_ports.csv")
    assert d["open_ports"]["count"] >= 60 and d["open_ports"]["as_of"]


def test_text_output_and_unknowns(fake_net, capsys):
    code, out, _ = run_cli(
        ["--name", "腹地 inland site", "--lat", "27.5", "--lon", "103.0"], capsys
    )
    assert code == 0
    assert "verdict (both)" in out
    assert "routes" in out and "province_gate" in out
    assert "incomplete" in out or "fail" in out


def test_facts_flags_and_reading(fake_net, capsys):
    code, out, _ = run_cli(
        [
            "--name",
            "x",
            "--lat",
            "27.5",
            "--lon",
            "103.0",
            "--routes",
            "12",
            "--passengers",
            "1.6e6",
            "--setting",
            "inland",
            "--exiting-port",
            "no",
            "--unaccepted-port",
            "no",
            "--ports-below-standard",
            "0",
            "--reading",
            "either",
            "--json",
        ],
        capsys,
    )
    assert code == 0
    d = json.loads(out)
    crit = {c["id"]: c for c in d["criteria"]}
    assert crit["routes"]["passed"] is True and crit["passengers"]["passed"] is True
    assert crit["province_gate"]["passed"] is True
    assert d["reading"] == "either"
    code, out, _ = run_cli(
        ["--name", "x", "--lat", "27.5", "--lon", "103.0", "--exiting-port", "--json"], capsys
    )
    d = json.loads(out)
    gate = next(c for c in d["criteria"] if c["id"] == "province_gate")
    assert gate["passed"] is False and "strict control" in gate["explanation"]
    assert d["verdict"] == "fail"


def test_gcj02_input(fake_net, capsys):
    from portgeo.geo.crs import wgs84_to_gcj02

    glon, glat = wgs84_to_gcj02(114.6, 23.05)
    code, out, _ = run_cli(
        [
            "--name",
            "惠州 Amap",
            "--lat",
            f"{glat:.7f}",
            "--lon",
            f"{glon:.7f}",
            "--crs",
            "gcj02",
            "--json",
        ],
        capsys,
    )
    assert code == 0
    d = json.loads(out)
    assert d["candidate"]["lat"] == pytest.approx(23.05, abs=1e-5)
    assert d["candidate"]["lon"] == pytest.approx(114.6, abs=1e-5)


def test_user_open_ports_file_and_self_exclusion(fake_net, capsys, tmp_path):
    f = tmp_path / "open.csv"
    pd.DataFrame(
        [
            {"id": "can", "name_zh": "广州白云", "iata": "CAN", "lat": 23.392, "lon": 113.299},
            {"id": "kwl", "name_zh": "桂林两江", "iata": "KWL", "lat": 25.218, "lon": 110.039},
        ]
    ).to_csv(f, index=False)
    code, out, _ = run_cli(["--iata", "CAN", "--open-ports", str(f), "--json"], capsys)
    assert code == 0
    d = json.loads(out)
    assert [p["iata"] for p in d["nearest_open_ports"]] == ["KWL"]
    assert any("itself an opened air port" in n for n in d["notes"])
    assert "open.csv" in d["open_ports_set"]


def test_replaces_takes_the_old_site_out_of_the_comparison(fake_net, capsys):
    args = ["--name", "新惠州", "--lat", "23.06", "--lon", "114.61", "--json"]
    code, out, _ = run_cli(args, capsys)
    assert code == 0
    assert json.loads(out)["candidate"]["replaces"] is None
    code, out, _ = run_cli([*args, "--replaces", "SZX"], capsys)
    assert code == 0
    d = json.loads(out)
    assert d["candidate"]["replaces"]["iata"] == "SZX"
    assert "SZX" not in [p["iata"] for p in d["nearest_open_ports"]]
    assert any("replaces" in n and "leaves the comparison" in n for n in d["notes"])
    code, out, err = run_cli([*args, "--replaces", "QQQ"], capsys)
    assert_user_error(code, out, err, "--replaces QQQ: no air port with this IATA code")
    code, out, err = run_cli(["--batch", "c.csv", "--out", "o.csv", "--replaces", "SZX"], capsys)
    assert_user_error(code, out, err, "replaces column")


def test_report_written(fake_net, capsys, tmp_path):
    rep = tmp_path / "r" / "huz.html"
    code, _out, _ = run_cli(["--iata", "HUZ", "--report", str(rep)], capsys)
    assert code == 0
    page = rep.read_text(encoding="utf-8")
    assert "<iframe" in page and "leaflet" in page.lower()  # the map, inlined
    assert "cdn.jsdelivr" not in page and "unpkg.com" not in page
    assert 'class="criteria"' in page and "distance_200km" in page and "province_gate" in page
    assert "结论" in page and "不符合" in page and "Verdict" not in page  # Chinese by default
    assert "最快道路路线" in page and "fastest road route" not in page
    assert "200公里范围" in page
    en = tmp_path / "r" / "huz_en.html"
    code, _out, _ = run_cli(["--iata", "HUZ", "--report", str(en), "--lang", "en"], capsys)
    page = en.read_text(encoding="utf-8")
    assert code == 0 and "Verdict: fail" in page and "结论" not in page
    assert "fastest road route" in page and "200-km circle" in page


def test_batch(fake_net, capsys, tmp_path):
    out_csv = tmp_path / "res.csv"
    code, out, err = run_cli(["--batch", str(EXAMPLES), "--out", str(out_csv)], capsys)
    assert code == 0, err
    res = pd.read_csv(out_csv)
    src = pd.read_csv(EXAMPLES)
    assert len(res) == len(src)
    assert set(res["verdict"]) <= {"pass", "fail", "incomplete"}
    assert {
        "distance_200km_passed",
        "drive_2h_passed",
        "routes_passed",
        "passengers_passed",
        "province_gate_passed",
        "verdict_other_reading",
    } <= set(res.columns)
    assert "candidates checked" in out


def test_overpass_network_is_queried_around_the_candidate(monkeypatch):
    from portgeo.rules.admission import router as router_module

    seen = {}

    def fake_load(source, **kw):
        seen.update(kw, source=source)
        return FakeRouter()

    monkeypatch.setattr(router_module, "load_network", fake_load)
    cand = admission.Candidate("x", 23.05, 114.6)
    router = admission.load_check_network("overpass", cand, rule=admission.load_admission_rule())
    assert isinstance(router, FakeRouter)
    assert seen["source"] == "overpass" and seen["center"] == (114.6, 23.05)
    assert seen["dist_m"] >= 2 * 120_000  # reaches every port that could be within 2 h
    assert "motorway" in seen["road_filter"] and "tertiary" not in seen["road_filter"]


# --- bad input: one line, exit 2, no traceback ------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "pattern"),
    [
        (["--iata", "HUZZ"], "did you mean HUZ"),
        (["--name", "x", "--lat", "113.3", "--lon", "23.1"], "look swapped"),
        (["--name", "x", "--lat", "abc", "--lon", "113"], "--lat: expected a number"),
        (["--name", "x", "--lat", "nan", "--lon", "113"], "finite"),
        (["--name", "x", "--lat", "48.85", "--lon", "2.35"], "outside China"),
        (["--name", "x", "--lat", "23.1"], "give both --lat and --lon"),
        ([], "give --iata"),
        (["--iata", "HUZ", "--routes", "many"], "expected a number"),
        (["--iata", "HUZ", "--exiting-port", "perhaps"], "expected yes or no"),
        (["--iata", "HUZ", "--ports-below-standard", "1.5"], "whole number"),
        (["--iata", "HUZ", "--open-ports", "/nonexistent/ports.csv"], "does not exist"),
        (["--batch", "/nonexistent/c.csv", "--out", "x.csv"], "does not exist"),
        (["--batch", "c.csv"], "needs --out"),
        (["--batch", "c.csv", "--out", "o.csv", "--network", "overpass"], "overpass"),
        (
            ["--batch", "c.csv", "--out", "o.csv", "--report", "r.html"],
            "--report is for one candidate",
        ),
    ],
)
def test_bad_input(fake_net, capsys, args, pattern):
    code, out, err = run_cli(args, capsys)
    assert_user_error(code, out, err, pattern)


def test_bad_open_ports_columns(fake_net, capsys, tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text("id,name\nx,y\n", encoding="utf-8")
    code, out, err = run_cli(["--iata", "HUZ", "--open-ports", str(f)], capsys)
    assert_user_error(code, out, err, "lacks column")


def test_too_far_from_road_gets_the_verdict_the_straight_line_decides(fake_net, capsys):
    # 70 km from Xining's air port: the drive is unknown, but "both" fails on the distance alone
    fake_net["router"] = FakeRouter(snap_error=True)
    code, out, err = run_cli(["--name", "x", "--lat", "36.0", "--lon", "101.5"], capsys)
    assert code == 0, err
    assert "drive_2h        unknown unknown" in out
    assert "no road access within 20 km of the site; ferry links are not modelled" in out
    assert "verdict (both): fail   under 'either': incomplete" in out
    assert " ? " not in out and "  ?  " not in out


def test_off_road_far_from_every_port_is_checked(fake_net, capsys):
    # (35, 90) in Qinghai: every opened air port lies beyond 2 h at the network's top speed
    fake_net["router"] = FakeRouter(snap_error=True)
    code, out, err = run_cli(["--name", "x", "--lat", "35.0", "--lon", "90.0", "--json"], capsys)
    assert code == 0, err
    res = json.loads(out)
    assert {c["id"]: c["passed"] for c in res["criteria"]}["drive_2h"] is True
    assert any("no road access within 20 km" in n for n in res["notes"])


def test_subprocess_bad_input_has_no_traceback():
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-m", "portgeo", "check-airport", "--iata", "HUZZ"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "unknown IATA code 'HUZZ'" in proc.stderr


# --- the real offline network (slow) ----------------------------------------------------------------


@pytest.mark.slow
def test_real_offline_network_huz(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-m", "portgeo", "check-airport", "--iata", "HUZ", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=1200,
    )
    assert proc.returncode == 0, proc.stderr
    d = json.loads(proc.stdout)
    assert d["network"]["source"] and d["network"]["approximate"] is True
    near = d["nearest_open_ports"][0]
    assert near["iata"] == "SZX"
    assert 60 < near["distance_km"] < 120
    assert near["reachable"] is True and near["road_km"] >= near["distance_km"]
    assert 30 < near["drive_min"] < 180
    assert d["verdict"] == "fail"


@pytest.mark.slow
def test_real_offline_network_batch(tmp_path):
    out_csv = tmp_path / "gd.csv"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "portgeo",
            "check-airport",
            "--batch",
            str(EXAMPLES),
            "--out",
            str(out_csv),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=1200,
    )
    assert proc.returncode == 0, proc.stderr
    res = pd.read_csv(out_csv)
    assert len(res) == 4 and (res["verdict"] != "error").all()
    assert res["drive_min"].notna().all()


# --- the briefing in a real browser ----------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.browser
def test_report_opens_in_a_browser(browser, fake_net, capsys, tmp_path):
    rep = tmp_path / "huz.html"
    code, _, err = run_cli(["--iata", "HUZ", "--report", str(rep), "--basemap", "none"], capsys)
    assert code == 0, err
    page = browser.new_page(viewport={"width": 1200, "height": 1600})
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(rep.as_uri(), wait_until="load")
    frame = page.frame_locator("iframe.report-map")
    frame.locator(".leaflet-control-layers").wait_for(timeout=10_000)
    names = frame.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    rows = page.locator("table.criteria tr").count()
    verdict = page.inner_text(".verdict")
    legend = frame.locator(".portgeo-legend").count()
    shapes = frame.locator("path.leaflet-interactive").count()
    page.close()
    assert not errors, errors
    assert [u for u in requests if not u.startswith(("file:", "data:", "about:"))] == []
    assert any("200公里" in n for n in names) and any("最快道路路线" in n for n in names)
    assert rows == 1 + 5 + 1  # header, five criteria, combined spacing
    assert "不符合" in verdict and "fail" not in verdict
    assert legend == 1 and shapes > 5
