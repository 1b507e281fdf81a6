"""A batch that scales: read, checked and written a chunk at a time, with the one-by-one verdicts.

- ``open_user_csv`` reads a user's CSV in chunks with the rules of ``read_user_csv``;
- the border distance measured only where a neighbour can be the nearest equals the minimum
  over every neighbour;
- Ctrl-C in the middle of ``check-airport --batch`` writes nothing and says how far it got;
- on the offline network, chunked batches through the field give every row (edge cases near
  the opened ports, off the network, outside the mainland, bad input) the row-by-row result;
- the benchmark's ``--quick`` mode runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from admission_fakes import compare_batches, use_fake_network

from portgeo._data import open_user_csv, read_user_csv
from portgeo.cli import main
from portgeo.errors import InputError
from portgeo.geo.geodesy import GEOD
from portgeo.rules import admission
from portgeo.rules.admission import batch as batch_module
from portgeo.rules.admission import request as request_module
from portgeo.rules.candidate_reach import REACH_COLUMNS

REPO = Path(__file__).resolve().parents[1]


# -- reading in chunks --------------------------------------------------------------------------------


def test_chunks_read_as_the_whole_file(tmp_path):
    f = tmp_path / "c.csv"
    f.write_text(
        '# note\nname,lat,lon\n\na,23.1,113.2\n,,\nb,24,114\n# skip\nc,25,115,\nd,"26",116\n'
        "e,27,117\n",
        encoding="utf-8-sig",
    )
    whole = read_user_csv(f, what="batch file", comment="#", dtype={"name": str})
    src = open_user_csv(f, what="batch file", comment="#")
    assert src.n_rows == 5 and src.header == ["name", "lat", "lon"]
    parts = list(src.chunks(2, dtype={"name": str}))
    assert [len(p) for p in parts] == [2, 2, 1]
    joined = pd.concat(parts)
    pd.testing.assert_frame_equal(joined, whole)
    assert list(joined.index) == [4, 6, 8, 9, 10]  # line numbers in the file


def test_a_bad_byte_anywhere_is_found_before_any_row(tmp_path):
    f = tmp_path / "c.csv"
    f.write_bytes(b"name,lat,lon\n" + b"a,23,113\n" * 200_000 + b"\xff,1,2\n")
    with pytest.raises(InputError, match=r"not valid utf-8 text \(byte 1800013\)"):
        open_user_csv(f, what="batch file", encoding="utf-8")
    g = tmp_path / "g.csv"
    g.write_bytes(b"name,lat,lon\n" + b"a,23,113\n" * 10 + b"b,1,2,3\n")
    with pytest.raises(InputError, match="line 12 has 4 cells"):
        open_user_csv(g, what="batch file")


# -- settings: the border distance where it can win ----------------------------------------------------


def test_pruned_border_distance_equals_every_neighbour_measured():
    from portgeo.layout.borders import border_index
    from portgeo.layout.neighbours import land_neighbours
    from portgeo.rules.admission.setting import border_km_at, coast_border_km

    rng = np.random.default_rng(3)
    x = np.r_[rng.uniform(73, 135, 400), 87.6, 124.4, 97.5]  # Urumqi, Dandong, a Yunnan corner
    y = np.r_[rng.uniform(18, 53, 400), 43.8, 40.1, 23.7]
    every = np.min(
        [border_index(iso).nearest(x, y)[0] / 1000.0 for iso in land_neighbours()], axis=0
    )
    np.testing.assert_array_equal(coast_border_km(x, y)[1], every)
    assert border_km_at(float(x[-1]), float(y[-1])) == every[-1]


# -- Ctrl-C: nothing written ---------------------------------------------------------------------------


def test_interrupted_batch_writes_nothing_and_says_how_far(monkeypatch, tmp_path, capsys):
    use_fake_network(monkeypatch)
    monkeypatch.setattr(request_module, "CHUNK_ROWS", 3)  # where run_batch reads it
    src = tmp_path / "c.csv"
    rows = [f"p{i},{23.0 + i * 0.1:.1f},113.5" for i in range(9)]
    src.write_text("name,lat,lon\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "res.csv"
    out.write_text("an earlier result\n", encoding="utf-8")
    real = batch_module._check_one
    calls = {"n": 0}

    def stop_at_the_fifth(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 5:  # the second row of the second chunk
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(batch_module, "_check_one", stop_at_the_fifth)
    code = main(["check-airport", "--batch", str(src), "--out", str(out)])
    _, err = capsys.readouterr()
    assert code == 130
    assert f"interrupted after 3 of 9 rows; nothing written to {out}" in err
    assert out.read_text(encoding="utf-8") == "an earlier result\n"  # left as it was
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv", "res.csv"]  # no temp file
    # and uninterrupted, the same run writes every row once, in order
    monkeypatch.setattr(batch_module, "_check_one", real)
    assert main(["check-airport", "--batch", str(src), "--out", str(out)]) == 0
    res = pd.read_csv(out)
    assert list(res["name"]) == [f"p{i}" for i in range(9)]
    assert list(res.columns) == [*admission.RESULT_COLUMNS, *REACH_COLUMNS]


# -- the offline network: chunked through the field == row by row ----------------------------------------


def _near(lon: float, lat: float, km: float, azimuth: float) -> tuple[float, float]:
    lo, la, _ = GEOD.fwd(lon, lat, azimuth, km * 1000.0)
    return round(float(lo), 6), round(float(la), 6)


def _edge_rows(ops: admission.OpenPorts) -> list[dict]:
    """Rows at the rule's edges around real opened ports, and rows the check must refuse."""
    table = ops.table[ops.table["open"] == True].reset_index(drop=True)  # noqa: E712
    rows: list[dict] = []
    for k, p in enumerate(table.iloc[[0, 7, 19, 33, 52]].itertuples()):
        for km in (199.9, 200.1):  # either side of the distance threshold
            lo, la = _near(p.lon, p.lat, km, 40.0 + 70 * k)
            rows.append({"name": f"{p.name_zh} {km}", "lat": la, "lon": lo, "routes": 25})
        lo, la = _near(p.lon, p.lat, 1.0, 90.0)  # 1 km off: a new site, unless it relocates
        rows.append({"name": f"{p.name_zh} moved", "lat": la, "lon": lo, "passengers": 4e6,
                     "replaces": p.iata})  # fmt: skip
        rows.append({"name": f"{p.name_zh} new", "lat": la, "lon": lo, "passengers": 4e6})
        lo, la = _near(p.lon, p.lat, 60.0, 180.0)  # well within both thresholds
        rows.append({"name": f"{p.name_zh} 60", "lat": la, "lon": lo, "reading": "either"})
        lo, la = _near(p.lon, p.lat, 20.0, 0.0)  # 20 km off, but named by its IATA: itself
        rows.append({"name": f"{p.name_zh} iata", "iata": p.iata, "lat": la, "lon": lo})
    rng = np.random.default_rng(18)
    for i in range(12):  # anywhere in the mainland's box, some off the network or abroad
        rows.append({"name": f"r{i}", "lat": rng.uniform(20, 48), "lon": rng.uniform(78, 130),
                     "routes": 12 if i % 2 else None, "setting": "border" if i == 3 else None})  # fmt: skip
    rows += [
        {"name": "iata only", "iata": "HUZ"},
        {"name": "unknown iata", "iata": "QQQ"},
        {"name": "gcj02", "lat": 23.13, "lon": 113.27, "crs": "gcj02", "exiting_port": "yes"},
        {"name": "province given", "lat": 30.6, "lon": 104.1, "province": "四川省"},
        {"name": "Hong Kong", "lat": 22.31, "lon": 114.17},
        {"name": "Taiwan", "lat": 25.03, "lon": 121.56},
        {"name": "Lhasa", "lat": 29.65, "lon": 91.1, "ports_below_standard": 2},
        {"name": "sea", "lat": 35.0, "lon": 124.0},
        {"name": "Taklamakan", "lat": 39.0, "lon": 83.0},
        {"name": "abroad", "lat": 48.0, "lon": 106.9},
        {"name": "swapped", "lat": 113.3, "lon": 23.1},
        {"name": "bad lat", "lat": "x", "lon": 113.0},
        {"name": "bad routes", "lat": 30.0, "lon": 113.0, "routes": -1},
        {"name": "bad reading", "lat": 30.0, "lon": 113.0, "reading": "neither"},
        {"name": "bad setting", "lat": 30.0, "lon": 113.0, "setting": "lunar"},
        {"name": "bad gate", "lat": 30.0, "lon": 113.0, "exiting_port": "maybe"},
        {"name": "Dandong", "lat": 40.1, "lon": 124.35},
        {"name": "Ruili", "lat": 24.0, "lon": 97.85},
    ]
    return rows


@pytest.fixture(scope="module")
def offline(offline_network):
    rule = admission.load_admission_rule()
    ops = admission.load_open_air_ports(
        None, as_of=pd.Timestamp("2026-12-01").date(), kinds=rule.opened_kinds
    )
    return offline_network, ops, rule


@pytest.mark.slow  # about 10 s with warm caches, most of it the row-by-row side
def test_chunked_field_batch_equals_row_by_row_on_the_offline_network(offline):
    net, ops, rule = offline
    cands = pd.DataFrame(_edge_rows(ops))
    assert len(cands) >= 50
    fast = admission.check_airports(cands, open_ports=ops, network=net, rule=rule,
                                    progress=False, chunk_rows=7)  # fmt: skip
    slow = admission.check_airports(cands, open_ports=ops, network=net, rule=rule,
                                    progress=False, keep_results=True).drop(columns="result")  # fmt: skip
    compare_batches(fast, slow)
    assert list(fast["verdict"]) == list(slow["verdict"])
    verdicts = set(fast["verdict"])
    assert {"fail", "incomplete", "error"} <= verdicts, verdicts
    # the ports themselves by IATA (one IATA row lands in the sea off Yantai), relocations by
    # their replaces cell; a site 1 km off by coordinates alone is new, and too close
    assert fast["opened_air_port"].notna().sum() >= 4
    assert fast["replaces"].notna().sum() >= 5
    new = fast[fast["name"].str.endswith(" new")]
    assert len(new) == 5 and (new["distance_200km_passed"] == False).all()  # noqa: E712
    assert (new["distance_km"] < 1.5).all() and new["opened_air_port"].isna().all()
    errors = " ".join(fast["error"].dropna())
    for words in ("Hong Kong", "Taiwan", "outside China", "look swapped",
                  "must be a number", "negative", "reading must be", "setting must be", "QQQ"):  # fmt: skip
        assert words in errors, words
    # off the road network: a verdict with its reason, not an error
    sand = fast[fast["name"] == "Taklamakan"].iloc[0]
    assert (
        sand["verdict"] != "error" and "no road access within 20 km" in sand["drive_2h_explanation"]
    )


# -- the benchmark cannot rot ----------------------------------------------------------------------------


@pytest.mark.slow
def test_benchmark_quick_mode_runs(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "bench_batch_scale.py"), "--quick"],
        capture_output=True, text=True, env=env, timeout=600, cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "verdicts differ: 0" in proc.stdout, proc.stdout
