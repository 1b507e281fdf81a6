"""Verdicts an analyst can sign (issue 20 parts 1, 3, 4), on the real offline network.

- a site given by coordinates is a new site, however close to an opened port (Lhasa Gonggar,
  Kashgar): it fails, and the eligibility field says the same;
- islands and sites off the road network get the verdict the straight line decides (Xisha,
  Nansha: far from every port, they pass the spacing; Shengsi off Zhoushan: too close under
  "both", the drive unknown under "either"); Hainan is on the network (the Qiongzhou ferry);
- every criterion of every output has a value or an explicit "unknown" and a sentence, and no
  "?" stands beside a pass: over 2,000 seeded random points through the batch's fast path, and
  over every ``--as-of`` year from the register's first date to today.
"""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest
import shapely
from admission_fakes import compare_batches

from portgeo.geo.geodesy import GEOD
from portgeo.rules import admission
from portgeo.rules.admission.criteria import CRITERION_IDS
from portgeo.rules.admission.eligibility import SpacingField
from portgeo.rules.admission.register import load_register, register_start
from portgeo.rules.admission.text import format_check

pytestmark = pytest.mark.slow

AS_OF = "2026-12-01"
FACTS = {"routes": 25, "passengers": 4e6, "exiting_port": "no", "unaccepted_port": "no",
         "ports_below_standard": 0}  # fmt: skip


@pytest.fixture(scope="module")
def offline():
    from portgeo.roads import load_network

    rule = admission.load_admission_rule()
    ops = admission.load_open_air_ports(None, as_of=dt.date(2026, 12, 1), kinds=rule.opened_kinds)
    return load_network("offline"), ops, rule


def _port(ops: admission.OpenPorts, iata: str) -> pd.Series:
    return ops.table[ops.table["iata"] == iata].iloc[0]


def _at(p: pd.Series, km: float, azimuth: float) -> tuple[float, float]:
    lon, lat, _ = GEOD.fwd(float(p["lon"]), float(p["lat"]), azimuth, km * 1000.0)
    return float(lat), float(lon)


@pytest.fixture(scope="module")
def field(offline):
    net, ops, rule = offline
    return SpacingField.build(net, ops, rule)


def _field_agrees(field: SpacingField, lat: float, lon: float, res) -> None:
    """The eligibility field (the surface's own lookup) gives the check's spacing verdicts."""
    ev = field.evaluate(np.array([lon]), np.array([lat])).iloc[0]
    assert ev[res.reading] == res.spacing["passed"], (lat, lon, res.reading)
    assert ev[res.spacing["other_reading"]] == res.spacing["passed_other_reading"], (lat, lon)


# -- part 1: a coordinate candidate is a new site ----------------------------------------------------


def test_a_site_by_lhasa_gonggar_is_a_new_site_and_fails(offline, field):
    net, ops, rule = offline
    res = admission.check_airport({"name": "贡嘎旁 next to Gonggar", "lat": 29.3, "lon": 90.9},
                                  network=net, open_ports=ops, rule=rule)  # fmt: skip
    dist = res.criterion("distance_200km")
    assert dist.passed is False and dist.value == pytest.approx(1.2, abs=0.15)
    assert res.criterion("drive_2h").passed is False
    assert res.spacing["passed"] is False and res.verdict == "fail"
    assert res.verdict_other_reading == "fail"
    assert res.candidate["opened_air_port"] is None
    assert res.nearest_open_ports[0]["iata"] == "LXA"
    assert any("--iata LXA" in n and "--replaces LXA" in n for n in res.notes)
    _field_agrees(field, 29.3, 90.9, res)
    # the user says it is Gonggar itself, or a relocation of it: then it leaves the comparison
    own = admission.check_airport({"name": "x", "iata": "LXA", "lat": 29.3, "lon": 90.9},
                                  network=net, open_ports=ops, rule=rule)  # fmt: skip
    moved = admission.check_airport({"name": "x", "lat": 29.3, "lon": 90.9}, network=net,
                                    open_ports=ops, rule=rule, replaces="LXA")  # fmt: skip
    for r in (own, moved):
        assert "LXA" not in [p["iata"] for p in r.nearest_open_ports]
        assert r.spacing["passed"] is True
    assert moved.candidate["replaces"]["iata"] == "LXA"
    assert any("replaces 拉萨" in n and "leaves the comparison" in n for n in moved.notes)


@pytest.mark.parametrize("km", [3.6, 4.5])
def test_sites_by_kashgar_are_new_sites_and_fail(offline, field, km):
    net, ops, rule = offline
    lat, lon = _at(_port(ops, "KHG"), km, 60.0)
    res = admission.check_airport({"name": f"Kashgar +{km}", "lat": lat, "lon": lon},
                                  network=net, open_ports=ops, rule=rule)  # fmt: skip
    assert res.criterion("distance_200km").value == pytest.approx(km, abs=0.1)
    assert res.verdict == "fail" and res.verdict_other_reading == "fail"
    assert res.nearest_open_ports[0]["iata"] == "KHG"
    _field_agrees(field, lat, lon, res)


# -- part 3: islands and sites off the network --------------------------------------------------------

ISLANDS = [  # name, lat, lon, spacing under "both", under "either"
    ("永兴岛 Xisha", 16.83, 112.34, True, True),
    ("永暑礁 Nansha", 9.55, 112.89, True, True),
    ("嵊泗 Shengsi off Zhoushan", 30.72, 122.45, False, None),
]


@pytest.mark.parametrize(("name", "lat", "lon", "both", "either"), ISLANDS)
def test_islands_off_the_network_get_a_verdict(offline, field, name, lat, lon, both, either):
    net, ops, rule = offline
    res = admission.check_airport({"name": name, "lat": lat, "lon": lon}, network=net,
                                  open_ports=ops, rule=rule, reading="both",
                                  routes=25, passengers=4e6,
                                  province_gate={"exiting_port": False, "unaccepted_port": False,
                                                 "ports_below_standard": 0})  # fmt: skip
    drive = res.criterion("drive_2h")
    assert "no road access within 20 km of the site" in drive.explanation
    assert "ferry links are not modelled" in drive.explanation
    assert res.spacing["passed"] is both and res.spacing["passed_other_reading"] is either
    assert res.verdict == {True: "pass", False: "fail"}[both]
    if both:  # every port beyond any drive's reach: the drive passes, and says why in words
        assert drive.passed is True and drive.value_label.startswith("none within 120 min")
    else:
        assert drive.passed is None and drive.value_label == "unknown"
    _field_agrees(field, lat, lon, res)


def test_hainan_is_on_the_network(offline):
    net, ops, rule = offline
    res = admission.check_airport({"name": "五指山 Wuzhishan", "lat": 18.8, "lon": 109.5},
                                  network=net, open_ports=ops, rule=rule)  # fmt: skip
    drive = res.criterion("drive_2h")
    assert drive.value is not None and "no road access" not in drive.explanation
    assert res.verdict == "fail"  # Sanya is 56 km away


def test_islands_in_a_batch_match_the_one_by_one_check(offline):
    net, ops, rule = offline
    rows = [{"name": n, "lat": la, "lon": lo, **FACTS} for n, la, lo, _, _ in ISLANDS]
    rows += [{"name": "Lhasa new", "lat": 29.3, "lon": 90.9},
             {"name": "Lhasa moved", "lat": 29.3, "lon": 90.9, "replaces": "LXA"},
             {"name": "Hainan", "lat": 18.8, "lon": 109.5}]  # fmt: skip
    cands = pd.DataFrame(rows)
    fast = admission.check_airports(cands, open_ports=ops, network=net, rule=rule, progress=False)
    slow = admission.check_airports(cands, open_ports=ops, network=net, rule=rule,
                                    progress=False, keep_results=True).drop(columns="result")  # fmt: skip
    compare_batches(fast, slow)
    assert list(fast["verdict"]) == ["pass", "pass", "fail", "fail", "incomplete", "fail"]
    assert fast.loc[4, "replaces"] and fast.loc[4, "spacing_passed"] == True  # noqa: E712


# -- part 4: no verdict without its reasons -----------------------------------------------------------


def _china_points(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    from portgeo.layout.boundaries import mainland_polygon

    poly = mainland_polygon()
    minx, miny, maxx, maxy = poly.bounds
    rng = np.random.default_rng(seed)
    lons, lats = [], []
    while len(lons) < n:
        x, y = rng.uniform(minx, maxx, 4 * n), rng.uniform(miny, maxy, 4 * n)
        inside = shapely.contains_xy(poly, x, y)
        lons += list(x[inside])
        lats += list(y[inside])
    return np.round(np.array(lons[:n]), 5), np.round(np.array(lats[:n]), 5)


def _assert_batch_reasons(out: pd.DataFrame) -> None:
    """Every criterion of every checked row has a value (or "unknown") and a sentence."""
    ok = out[out["verdict"] != "error"]
    for cid in CRITERION_IDS:
        passed, value, why = ok[f"{cid}_passed"], ok[f"{cid}_value"], ok[f"{cid}_explanation"]
        assert value.map(lambda v: isinstance(v, str) and v.strip() != "").all(), cid
        assert why.map(lambda v: isinstance(v, str) and v.strip() != "").all(), cid
        decided = passed.map(lambda v: v is True or v is False)
        bad = ok[decided & value.isin(["unknown", "?"])]
        assert bad.empty, (cid, bad[["name", "lat", "lon", f"{cid}_value"]].head())
        assert not why.str.contains(r"\?", regex=True).any(), cid


def test_every_criterion_of_2000_random_points_has_a_value_and_a_sentence(offline, tmp_path):
    net, ops, rule = offline
    lons, lats = _china_points(2000, seed=20)
    cands = pd.DataFrame({"name": [f"p{i}" for i in range(lons.size)], "lat": lats, "lon": lons})
    cands.loc[::3, "routes"] = 25  # some counts known, some not
    cands.loc[::4, "passengers"] = 1e6
    out = admission.check_airports(cands, open_ports=ops, network=net, rule=rule, progress=False)
    assert len(out) == 2000
    _assert_batch_reasons(out)
    assert {"fail", "incomplete"} <= set(out["verdict"])
    # the CSV says it too: the unknown value is written out, not left empty
    csv = tmp_path / "out.csv"
    out.to_csv(csv, index=False)
    back = pd.read_csv(csv, keep_default_na=False)
    for cid in CRITERION_IDS:
        assert (back[f"{cid}_value"] != "").all() and (back[f"{cid}_explanation"] != "").all()


def _assert_result_reasons(res: admission.AdmissionResult, rule: admission.AdmissionRule) -> None:
    """The terminal text, the JSON and the report cells of one check."""
    from portgeo.maps.admission_words import criterion_value

    d = json.loads(json.dumps(res.to_dict(), ensure_ascii=False))
    for c in d["criteria"]:
        assert c["explanation"].strip() and c["value_text"].strip(), c
        assert c["result"] in ("pass", "fail", "unknown")
        if c["result"] != "unknown":
            assert c["value_text"] != "unknown", c
    lines = format_check(res)
    for line in lines[lines.index("criteria:") + 1 :]:
        if not line.startswith("  "):
            break
        parts = line.split()
        assert parts[1] in ("pass", "FAIL", "unknown") and "?" not in parts[1:3], line
        if parts[1] != "unknown":
            assert parts[2] != "unknown", line
    for crit in res.criteria:
        cell = criterion_value(crit, rule)
        if crit.passed is not None and crit.id != "province_gate":
            assert "unknown" not in cell, (crit.id, cell)


def test_every_as_of_year_gives_every_criterion_its_reasons(offline):
    net, _, rule = offline
    first = register_start(load_register()).start.year
    years = range(first, dt.date.today().year + 1)
    points = [(29.3, 90.9), (16.83, 112.34), (30.72, 122.45), (34.0, 113.0), (43.0, 125.0),
              (24.5, 118.1)]  # fmt: skip
    cands = pd.DataFrame([{"name": f"{la},{lo}", "lat": la, "lon": lo} for la, lo in points])
    for year in years:
        ops = admission.resolve_open_ports(None, as_of=str(year), rule=rule)
        out = admission.check_airports(cands, open_ports=ops, network=net, rule=rule,
                                       progress=False)  # fmt: skip
        _assert_batch_reasons(out)
        assert (out["verdict"] != "error").all(), (year, out["error"].dropna().tolist())
        for la, lo in points[:2]:  # one near a port, one on an island
            res = admission.check_airport({"name": "x", "lat": la, "lon": lo}, network=net,
                                          open_ports=ops, rule=rule)  # fmt: skip
            _assert_result_reasons(res, rule)
