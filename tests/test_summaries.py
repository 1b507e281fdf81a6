"""portgeo.summaries: each 专栏's numbers, checked against the plans' own counts."""

from __future__ import annotations

import math

import pytest

from portgeo import settings, summaries
from portgeo.catalogue import load_catalogue
from portgeo.errors import CatalogueError, InputError
from portgeo.roads.catchments import check_thresholds, default_thresholds
from portgeo.rules.admission import load_admission_rule, load_open_air_ports
from portgeo.rules.compare import compare_plans


def _column(plan: str, role: str) -> int:
    return load_catalogue().column_of(plan, role)


def test_comparison_pair_reads_the_baseline_both_ways():
    assert summaries.comparison_pair("national-14") == ("national-13", "national-14")
    assert summaries.comparison_pair("national-13") == ("national-13", "national-14")
    assert summaries.comparison_pair("guangdong-14") is None


def test_cluster_make_up_matches_the_plan():
    c = summaries.cluster_summary("national-14")
    assert list(c["region_zh"]) == [
        "环渤海",
        "长三角",
        "东南沿海",
        "粤港澳大湾区",
        "西南沿海",
        "合计",
    ]
    total = c.iloc[-1]
    assert (total["n_main"], total["n_regional"]) == (19, 19)
    assert total["coast_km"] == pytest.approx(c["coast_km"].iloc[:-1].sum())
    assert (c["hull_area_km2"].iloc[:-1] > 10_000).all()
    assert "舟山" in c.loc[c["region_zh"] == "长三角", "main_ports"].iloc[0]


def test_sea_changes_are_the_same_from_either_plan():
    new = summaries.layout_changes("national-14", role="sea-layout")
    old = summaries.layout_changes("national-13", role="sea-layout")
    assert new.equals(old)
    assert set(new["kind"]) == {"sea"}
    promoted = new.loc[new["change"] == "promoted", "name_zh"]
    assert sorted(promoted) == sorted(["舟山", "钦州", "洋浦"])
    renamed = summaries.region_changes("national-14")
    row = renamed[renamed["change"] == "renamed"].iloc[0]
    assert (row["region_old"], row["region_new"]) == ("珠三角", "粤港澳大湾区")
    assert summaries.layout_changes("guangdong-14", role="sea-layout").empty


def test_border_summary_names_the_14_neighbours():
    s = summaries.border_summary("national-14")
    nb = s[s["level"] == "neighbor"]
    assert len(nb) == 14 and "俄罗斯" in set(nb["name_zh"]) and "不丹" in set(nb["name_zh"])
    total = s[s["level"] == "total"].iloc[0]
    assert total["name_zh"] == "合计"
    assert total["boundary_km"] == pytest.approx(21_573, rel=0.002)
    gaps = summaries.border_gaps("national-14", top=3)
    assert len(gaps) == 3 and gaps["length_km"].iloc[0] == pytest.approx(nb["longest_gap_km"].max())
    assert "name_zh" not in gaps.columns and gaps["neighbor"].iloc[0] == "RUS"


def test_assessed_ports_count_the_layout_as_listed():
    a = summaries.assessed_ports("national-14").set_index("kind")
    assert a.loc["sea", "entries"] == 38 and a.loc["air", "entries"] == 39
    assert a.loc["air", "sites"] == 42  # Beijing, Shanghai, Chengdu: two airports each
    assert a.loc["road", "entries"] + a.loc["rail", "entries"] == 65
    assert a.loc["total", "entries"] == a.drop(index="total")["entries"].sum()
    assert (a["listed"] + a["planned"] == a["entries"]).all()
    assert len(summaries.indicator_table("national-14")) == 10


def test_admission_thresholds_are_the_plans():
    t = summaries.admission_thresholds()
    by = {(r.criterion, r.setting_zh): r.value for r in t.itertuples()}
    assert by[("距已开放航空口岸直线距离", "全部")] == 200
    assert by[("距已开放航空口岸车程", "全部")] == 2
    assert by[("固定直达航线", "沿海地区")] == 20 and by[("固定直达航线", "内陆地区")] == 10
    assert by[("年度旅客吞吐量峰值", "沿海地区")] == 300
    assert by[("年度旅客吞吐量峰值", "沿边地区")] == 150
    src = summaries.open_port_sources()
    assert src["airports"].iloc[-1] == len(load_open_air_ports().table)
    assert src["airports"].iloc[0] == 42


def test_volume_standards_and_template_guide():
    v = summaries.volume_standards("national-13")
    assert "category" not in v.columns and v["category_zh"].iloc[0] == "海运"
    assert math.isnan(v["passengers_10k"].iloc[0])  # the 13th plan gives no figure there
    g = summaries.volume_template_guide()
    assert (g["description"] != "").all(), g


def test_project_counts_add_up():
    cat = load_catalogue()
    for row in cat.columns[cat.columns["recipe"] == "projects"].itertuples():
        n = int(((cat.entities["plan"] == row.plan) & (cat.entities["column"] == row.column)).sum())
        t = summaries.project_counts(row.plan, row.column)
        assert t["total"].iloc[-1] == n, row.slug
        assert t.iloc[-1, 0] == "total"
    gd = _column("guangdong-14", "water-cargo-projects")
    by_city = summaries.project_counts("guangdong-14", gd, by=("city_zh", "mode"))
    assert by_city["total"].iloc[-1] == 70 and "广州市" in set(by_city["city_zh"])
    with pytest.raises(InputError):
        summaries.project_counts("guangdong-14", gd, by=("city",))


def test_project_lengths_longest_first():
    t = summaries.project_lengths("national-14", _column("national-14", "shortfall-projects"))
    assert len(t) == 5 and t["length_km"].is_monotonic_decreasing
    assert t["name_zh"].iloc[-1] == "卡拉苏口岸"


def test_comparison_counts_and_lists():
    counts = summaries.comparison_counts()
    assert counts["total"].iloc[-1] == len(compare_plans())
    assert list(counts["change"])[:2] == ["promoted", "started"]
    listed = summaries.changed_ports()
    assert set(listed["change"]) == {"promoted", "added", "dropped"}
    assert list(dict.fromkeys(listed["change"])) == ["promoted", "added", "dropped"]
    with pytest.raises(InputError, match="unknown change"):
        summaries.changed_ports(changes=["vanished"])


def test_catchment_defaults_agree_with_the_admission_rule():
    """The roads layer's default thresholds are the rule's spacing, read from the same data
    (data/rules); no copy of the figures lives in settings."""
    rule = load_admission_rule()
    assert default_thresholds() == (rule.min_drive_min, rule.min_distance_km)
    assert check_thresholds(None, None) == (rule.min_drive_min, rule.min_distance_km)
    assert not hasattr(settings, "catchment_km") and not hasattr(settings, "catchment_minutes")


def test_catchment_defaults_follow_the_rule_data(monkeypatch):
    """Change the spacing in the data the catalogue read, and the roads' defaults follow."""
    cat = load_catalogue()
    spacing = cat.admission[cat.latest_plan("admission")]["airport"]["spacing"]
    monkeypatch.setitem(spacing, "drive_minutes", 90)
    monkeypatch.setitem(spacing, "distance_km", 150)
    assert check_thresholds(None, None) == (90.0, 150.0)
    monkeypatch.delitem(spacing, "distance_km")
    with pytest.raises(CatalogueError, match=r"airport\.spacing"):
        default_thresholds()


@pytest.mark.slow
def test_hub_coverage_of_the_14th_plan():
    cov = summaries.hub_coverage("national-14")
    h = cov.hubs.set_index("name_zh")
    assert len(h) == 39
    # an inland hub with one airport: its whole 200 km circle is in China
    assert h.loc["西安", "circle_km2"] == pytest.approx(math.pi * 200**2, rel=0.002)
    assert h.loc["北京", "circle_km2"] > h.loc["西安", "circle_km2"]  # PEK + PKX
    assert (h["overlap_km2"] <= h["circle_km2"] + 1).all()
    assert (h["time_km2"] < h["circle_km2"]).all()
    assert h.loc["乌鲁木齐", "n_overlapping"] == 0
    pair = cov.overlaps.iloc[0]
    assert {pair["hub_a"], pair["hub_b"]} == {"北京", "天津"}
    assert pair["share_a"] <= 100 and pair["share_b"] <= 100
    unc = cov.uncovered.set_index("measure")
    assert 0 < unc.loc["both", "area_km2"] <= unc.loc["circle", "area_km2"] + 1
    assert 0 < unc.loc["circle", "share"] < 100
    assert "approximate" in cov.source
