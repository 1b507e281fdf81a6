"""``check-airport`` counts the people a candidate would reach (issue 22, part 2).

On the offline road network and the register of opened air ports at today's date:

- terminal, JSON, HTML report and batch CSV carry the reach figures, each with what the
  population is (source, version, date and caveat);
- the 200 km part is re-derived for one candidate with ``pyproj.Geod`` geodesics over the
  population points (the candidate to every point, every point to every known-open port) and
  must match exactly;
- the batch's vectorised columns equal :func:`portgeo.rules.reach.population_reach` row by row;
- a candidate that is itself an opened air port is measured against the others;
- a user's population file is used when given; the default is GeoNames, said so;
- ``--no-reach`` leaves it out; a bad population file is one error line.
"""

from __future__ import annotations

import contextlib
import io
import json

import numpy as np
import pandas as pd
import pytest
from pyproj import Geod

from portgeo.cli import main
from portgeo.population import GEONAMES_CAVEAT, load_population
from portgeo.rules.admission import (
    CandidateInput,
    CheckRequest,
    RegisterInput,
    check_airports,
    load_admission_rule,
)
from portgeo.rules.admission.eligibility import SpacingField
from portgeo.rules.candidate_reach import (
    BatchReach,
    PopulationInput,
    run_check_reach,
    served_without,
)
from portgeo.rules.reach import population_reach, served_population

RULE = load_admission_rule()
GEOD = Geod(ellps="WGS84")
#: A candidate in western Guizhou: some people around it are near an opened port, some not.
LON, LAT = 104.5, 26.5


def run_cli(args, capsys):
    try:
        code = main(["check-airport", *args])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def pop_csv(tmp_path_factory):
    """400 synthetic places (whole people) in a box of Yunnan, Guizhou and Sichuan."""
    rng = np.random.default_rng(22)
    n = 400
    df = pd.DataFrame({"name": [f"pt{i}" for i in range(n)],
                       "lon": rng.uniform(102.0, 107.0, n).round(4),
                       "lat": rng.uniform(24.5, 28.5, n).round(4),
                       "pop": rng.integers(0, 200_000, n)})  # fmt: skip
    path = tmp_path_factory.mktemp("reach") / "people.csv"
    df.to_csv(path, index=False)
    return path


def geodesic_km(lon, lat, lons, lats):
    _, _, m = GEOD.inv(np.full(len(lons), lon), np.full(len(lats), lat), lons, lats)
    return np.asarray(m) / 1000.0


def derived_distance_part(pop: pd.DataFrame, lon, lat, *, without_iata=None):
    """(within 200 km, of those not within 200 km of a known-open port), by pyproj alone."""
    ports = RegisterInput().resolve(RULE).table
    ports = ports[(ports["open"] == True) & (ports["iata"] != without_iata)]  # noqa: E712
    d = geodesic_km(lon, lat, pop["lon"].to_numpy(float), pop["lat"].to_numpy(float))
    near = d < RULE.min_distance_km  # the rule includes the number: 200 km meets, below does not
    served = np.zeros(len(pop), dtype=bool)
    for p in ports.itertuples():
        served |= geodesic_km(p.lon, p.lat, pop["lon"].to_numpy(float),
                              pop["lat"].to_numpy(float)) < RULE.min_distance_km  # fmt: skip
    w = pop["pop"].to_numpy(float)
    return round(float(w[near].sum())), round(float(w[near & ~served].sum()))


@pytest.fixture(scope="module")
def json_run(pop_csv, tmp_path_factory):
    """One JSON check with the user's file (and the report written by the same run)."""
    report = tmp_path_factory.mktemp("report") / "check.html"
    args = ["--name", "test site", "--lat", str(LAT), "--lon", str(LON), "--json",
            "--population", str(pop_csv), "--population-column", "pop", "--report", str(report)]  # fmt: skip
    buf = io.StringIO()  # capsys is function-scoped: capture the module's one run directly
    with contextlib.redirect_stdout(buf):
        code = main(["check-airport", *args])
    assert code == 0
    return json.loads(buf.getvalue()), report


def test_json_distance_part_matches_pyproj_exactly(json_run, pop_csv):
    d, _ = json_run
    r = d["reach"]
    pop = pd.read_csv(pop_csv)
    within, new = derived_distance_part(pop, LON, LAT)
    assert within > 0 and 0 < new < within  # the candidate is a mixed case
    assert r["within_distance"] == within
    assert r["new_distance"] == new
    # within reach under "both" is within the distance or the drive: at least the distance part
    assert r["reading"] == "both" and r["within"] >= r["within_distance"]
    assert r["within_drive"] is not None and r["new_drive"] is not None
    assert r["compared_without"] is None


def test_json_names_the_users_file(json_run, pop_csv):
    r = json_run[0]["reach"]
    p = r["population"]
    assert p["source"] == f"file {pop_csv.name}"
    assert p["version"].startswith("sha256:") and p["date"]
    assert "pop" in p["caveat"] and pop_csv.name in p["caveat"]
    assert pop_csv.name in p["label"] and p["date"] in p["label"]
    # the largest newly reached places are places of the file, largest first
    pop = pd.read_csv(pop_csv).set_index("name")
    sizes = [x["population"] for x in r["largest"]]
    assert sizes == sorted(sizes, reverse=True)
    assert all(pop.loc[x["name"], "pop"] == x["population"] for x in r["largest"])
    assert sum(x["within"] for x in r["provinces"]) == pytest.approx(r["within"], abs=1)
    assert {x["province"] for x in r["provinces"]} <= {"贵州省", "云南省", "四川省", "广西壮族自治区",
                                                         "重庆市", "(none)"}  # fmt: skip


def test_report_has_the_reach_section(json_run, pop_csv):
    d, report = json_run
    html = report.read_text(encoding="utf-8")
    assert "人口可达" in html
    assert f"{d['reach']['within_distance']:,}" in html
    assert pop_csv.name in html and d["reach"]["population"]["version"] in html


def test_terminal_lines_say_what_the_population_is(pop_csv, capsys):
    code, out, err = run_cli(["--name", "t", "--lat", str(LAT), "--lon", str(LON),
                              "--population", str(pop_csv), "--population-column", "pop"], capsys)  # fmt: skip
    assert code == 0, err
    pop = pd.read_csv(pop_csv)
    within, new = derived_distance_part(pop, LON, LAT)
    assert "population reach — file people.csv" in out
    assert "dated " in out  # a file's date
    assert f"within the distance threshold: {within:,} (new {new:,})" in out


def test_batch_columns(pop_csv, tmp_path, capsys):
    batch = tmp_path / "batch.csv"
    pd.DataFrame({"name": ["a", "b"], "lat": [LAT, 27.2], "lon": [LON, 105.3]}).to_csv(batch,
                                                                                     index=False)  # fmt: skip
    out_csv = tmp_path / "out.csv"
    code, out, err = run_cli(["--batch", str(batch), "--out", str(out_csv), "--population",
                              str(pop_csv), "--population-column", "pop"], capsys)  # fmt: skip
    assert code == 0, err
    assert "reach columns: file people.csv" in out
    res = pd.read_csv(out_csv)
    pop = pd.read_csv(pop_csv)
    for row in res.itertuples():
        within, new = derived_distance_part(pop, row.lon, row.lat)
        assert (row.reach_within_distance, row.reach_new_distance) == (within, new)
        assert "people.csv" in row.reach_population
    assert res["reach_within"].iloc[0] >= res["reach_within_distance"].iloc[0]


def test_default_population_is_geonames_and_says_so(capsys):
    code, out, err = run_cli(["--iata", "KWE", "--json"], capsys)
    assert code == 0, err
    r = json.loads(out)["reach"]
    assert r["population"]["caveat"] == GEONAMES_CAVEAT
    assert "date not recorded by the source" in r["population"]["label"]
    # Guiyang is itself an opened air port: measured against the others
    assert r["compared_without"].startswith("贵阳航空口岸")
    pop = load_population().table.rename(columns={"population": "pop"})
    within, new = derived_distance_part(pop, r["lon"], r["lat"], without_iata="KWE")
    assert (r["within_distance"], r["new_distance"]) == (within, new)


def test_no_reach_and_bad_population_file(pop_csv, tmp_path, capsys):
    code, out, err = run_cli(["--iata", "KWE", "--json", "--no-reach"], capsys)
    assert code == 0, err
    assert json.loads(out)["reach"] is None
    code, out, err = run_cli(["--iata", "KWE", "--no-reach", "--population", str(pop_csv)], capsys)
    assert code == 2 and "--no-reach" in err and len(err.strip().splitlines()) == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("name,lon,lat,population\nx,104,26,-5\ny,10,50,3\n", encoding="utf-8")
    code, out, err = run_cli(["--iata", "KWE", "--population", str(bad)], capsys)
    assert code == 2 and "Traceback" not in err
    lines = err.strip().splitlines()  # one line per problem
    assert len(lines) == 2, lines
    assert "negative population" in lines[0] and "outside China" in lines[1]


def test_batch_columns_equal_population_reach_row_by_row(offline_network, pop_csv):
    """The batch's index (KD-tree + one search per place) gives population_reach's figures."""
    pop = PopulationInput(pop_csv, column="pop").load()
    ops = RegisterInput().resolve(RULE)
    field = SpacingField.build(offline_network, ops, RULE)
    rng = np.random.default_rng(5)
    cands = pd.DataFrame({"name": [f"c{i}" for i in range(15)],
                          "lon": rng.uniform(102.5, 106.5, 15).round(5),
                          "lat": rng.uniform(25.0, 28.0, 15).round(5)})  # fmt: skip
    cands.loc[15] = ["Guiyang", 106.8, 26.54]
    cands["iata"] = [None] * 15 + ["KWE"]
    res = check_airports(cands, open_ports=ops, network=offline_network, rule=RULE,
                         progress=False)  # fmt: skip
    out = BatchReach(pop).add_columns(res, field)
    served = served_population(field, pop)
    for i, row in out.iterrows():
        s = served
        if i == 15:
            assert row["reach_compared_without"].startswith("贵阳航空口岸")
            s = served_without(field, served, int(np.flatnonzero(field.ports["iata"] == "KWE")[0]))
        r = population_reach(row["lon"], row["lat"], field_=field, served=s).to_dict()
        for k in ("within_distance", "within_drive", "within", "new_distance", "new_drive", "new"):
            assert row[f"reach_{k}"] == r[k], (i, k)
        top = "; ".join(f"{x['name']} ({x['population']:,.0f})" for x in r["largest"][:5])
        assert row["reach_largest_new"] == top


def test_library_call_without_population_is_the_plain_check(offline_network):
    check = run_check_reach(CheckRequest(candidate=CandidateInput(iata="KWE"),
                                         network=offline_network))  # fmt: skip
    assert check.reach is None and check.note is None and check.reach_lines() == []
