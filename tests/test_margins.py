"""Close calls: the drive band and the coordinate precision, on numbers worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import yaml

from portgeo._data import data_path, read_data_csv
from portgeo.errors import InputError
from portgeo.rules.admission.margins import (
    BAND_FILE,
    TRIPS_FILE,
    DriveBand,
    distance_marginal,
    drive_marginal,
    drive_marginal_array,
    load_drive_band,
    mark_close_calls,
    network_drive_band,
    precision_km,
    spacing_could_flip,
    truth_interval,
)
from portgeo.rules.admission.register import load_register

#: network/truth in [0.8, 1.25]: a network time t stands for a true time in [t/1.25, t/0.8].
BAND = DriveBand("test", "one speed", 80.0, 0.8, 1.25, "min-max", 3, "2026-12-07", "t.csv")


def test_truth_interval_divides_by_the_ratio() -> None:
    # the network says 100 min; it runs 0.8-1.25x the truth, so the truth is 80-125 min
    assert truth_interval(100.0, BAND) == pytest.approx((80.0, 125.0))


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        (100.0, True),  # truth 80-125: either side of 120
        (96.0, True),  # truth 76.8-120: 120 itself meets "2 h or more"
        (95.0, False),  # truth 76-118.75: fails whatever the error
        (150.0, False),  # truth 120-187.5: the lower end meets "2 h or more" too
        (151.0, False),  # truth 120.8-188.75: passes whatever the error
        (60.0, False),
    ],
)
def test_drive_marginal_on_hand_numbers(minutes: float, expected: bool) -> None:
    assert drive_marginal(minutes, BAND, 120.0) is expected


def test_the_ratio_is_not_inverted() -> None:
    # an asymmetric band tells the directions apart: network/truth in [1.0, 2.0]
    slow = DriveBand("s", "one speed", 80.0, 1.0, 2.0, "min-max", 2, "2026-12-07", "t.csv")
    # network 200 min: truth 100-200 min, so a drive of 2 h may fail or pass
    assert drive_marginal(200.0, slow, 120.0)
    # network 100 min: truth 50-100 min, always under 2 h (inverting the ratio gives 100-200)
    assert not drive_marginal(100.0, slow, 120.0)


def test_exclusive_threshold_moves_the_edge() -> None:
    # truth 76.8-120: with "more than 120" the upper end fails too
    assert not drive_marginal(96.0, BAND, 120.0, inclusive=False)
    # truth 120-187.5: 120 fails "more than", the rest passes
    assert drive_marginal(150.0, BAND, 120.0, inclusive=False)


def test_drive_marginal_without_band_or_time_marks_nothing() -> None:
    assert not drive_marginal(110.0, None, 120.0)
    assert not drive_marginal(None, BAND, 120.0)
    assert not drive_marginal(math.inf, BAND, 120.0)


def test_drive_marginal_array_matches_the_scalar() -> None:
    t = np.array([60.0, 95.0, 96.0, 100.0, 150.0, 151.0, np.nan, np.inf])
    got = drive_marginal_array(t, BAND, 120.0)
    want = [drive_marginal(float(x), BAND, 120.0) for x in t]
    assert got.tolist() == want == [False, False, True, True, False, False, False, False]
    assert not drive_marginal_array(t, None, 120.0).any()


@pytest.mark.parametrize(
    ("distance", "precision", "expected"),
    [
        (195.0, 8.0, True),  # 187-203
        (209.0, 8.0, False),  # 201-217
        (208.0, 8.0, False),  # 200-216: 200 itself meets "200 km or more"
        (192.0, 8.0, True),  # 184-200
        (191.9, 8.0, False),  # 183.9-199.9
        (200.0, 0.0, False),  # exact and on the line: meets
    ],
)
def test_distance_marginal_on_hand_numbers(
    distance: float, precision: float, expected: bool
) -> None:
    assert distance_marginal(distance, precision, 200.0) is expected


def test_distance_marginal_refuses_a_negative_precision() -> None:
    with pytest.raises(InputError, match="precision_km"):
        distance_marginal(195.0, -1.0, 200.0)
    assert not distance_marginal(None, 5.0, 200.0)


def test_precision_words_map_to_the_readme_bounds() -> None:
    assert precision_km("exact") == 0.5
    assert precision_km("port-area") == 3.0
    assert precision_km("town") == 5.0
    assert precision_km("district") == 10.0
    assert precision_km("city") == 30.0
    with pytest.raises(InputError, match="unknown precision 'village'"):
        precision_km("village")
    with pytest.raises(InputError, match="no stated precision"):
        precision_km(None)


def test_every_precision_in_the_data_has_a_km() -> None:
    words: set[str] = set()
    for name in ("national.csv", "guangdong.csv"):
        words |= set(read_data_csv(data_path("sites", name))["precision"].dropna())
    register = load_register()
    assert register["precision"].notna().all(), "every register row has a precision"
    words |= set(register["precision"])
    for w in words:
        assert precision_km(w) >= 0


def test_offline_band_is_measured_and_other_networks_are_not() -> None:
    band = load_drive_band("offline:scgraph-data 2.0.0 world_highways")
    assert band is not None
    assert band.low < 1 < band.high and band.n_trips >= 20 and band.method == "min-max"
    assert "80 km/h" in band.speed_model and band.measured == "2026-12-07"
    # another effective speed, another version, a user's file: not measured
    assert load_drive_band("offline:scgraph-data 2.0.0 world_highways", speed_kmh=90) is None
    assert load_drive_band("offline:scgraph-data 9.9.9 world_highways") is None
    assert load_drive_band("osm:/tmp/my.osm.pbf") is None
    assert "min-max of" in band.describe()


def test_band_file_matches_its_trips() -> None:
    trips = read_data_csv(data_path(*TRIPS_FILE))
    band = load_drive_band("offline:scgraph-data 2.0.0 world_highways")
    assert band is not None and band.n_trips == len(trips)
    entry = yaml.safe_load(data_path(*BAND_FILE).read_text(encoding="utf-8"))["networks"][0]
    ratios = pd.Series(entry["ratios"])
    assert set(ratios.index) == set(trips["trip_id"])
    assert band.low == pytest.approx(ratios.min()) and band.high == pytest.approx(ratios.max())
    assert trips["source"].notna().all() and trips["published_min"].notna().all()


def test_network_drive_band_reads_source_and_speed() -> None:
    from types import SimpleNamespace

    source = "offline:scgraph-data 2.0.0 world_highways"
    at_80 = SimpleNamespace(source=source, metadata={"speeds": {"effective_kmh": 80.0}})
    at_70 = SimpleNamespace(source=source, metadata={"speeds": {"effective_kmh": 70.0}})
    assert network_drive_band(at_80) is not None  # type: ignore[arg-type]
    assert network_drive_band(at_70) is None  # type: ignore[arg-type]


def test_spacing_could_flip_on_hand_numbers() -> None:
    # band 0.8-1.25: a network time t stands for t/1.25..t/0.8; thresholds 200 km, 120 min
    v = np.array([True, True, False, False, True, None, False], dtype=object)
    d = np.array([250.0, 202.0, 250.0, 150.0, 250.0, 195.0, 185.0])
    p = np.array([0.5, 3.0, 0.5, 0.5, 0.5, 10.0, 30.0])
    t = np.array([200.0, 200.0, 100.0, 100.0, np.nan, 100.0, 200.0])
    args = dict(distance_precision_km=p, band=BAND, distance_threshold_km=200.0,
                drive_threshold_min=120.0)  # fmt: skip
    both = spacing_could_flip(v, distance_km=d, drive_min=t, conflict="near-or-quick", **args)
    # 0: 249.5-250.5 km and 160-250 min: passes surely; 1: 199-205 km could fail;
    # 2: 80-125 min could pass or fail; 3: 149.5-150.5 km fails surely; 4: far and no port
    # within reach: passes surely; 5: unknown stays unknown; 6: 155-215 km either way
    assert both.tolist() == [False, True, True, False, False, False, True]
    # either reading: one port must be near AND quick to conflict; only 3 (surely near, maybe
    # quick) can go both ways
    either = spacing_could_flip(v, distance_km=d, drive_min=t, conflict="near-and-quick", **args)
    assert either.tolist() == [False, False, False, True, False, False, False]
    # without a band only the distance can flip
    no_band = spacing_could_flip(v, distance_km=d, drive_min=t, conflict="near-or-quick",
                                 **{**args, "band": None})  # fmt: skip
    assert no_band.tolist() == [False, True, False, False, False, False, True]
    with pytest.raises(InputError, match="unknown conflict"):
        spacing_could_flip(v, distance_km=d, drive_min=t, conflict="near", **args)


# --- the check marks its close calls ---------------------------------------------------------------


def _band(low: float, high: float) -> DriveBand:
    return DriveBand(source="hand", speed_model="one effective speed 80 km/h", speed_kmh=80.0,
                     low=low, high=high, method="min-max", n_trips=3, measured="2026-12-07",
                     trips_file="rules/drive_time_trips.csv")  # fmt: skip


def _pair(d_km: float, t_min: float, rule):
    from portgeo.rules.admission.criteria import Criterion

    d = Criterion("distance_200km", rule.meets(d_km, rule.min_distance_km), d_km, 200.0, "d")
    t = Criterion("drive_2h", rule.meets(t_min, rule.min_drive_min), t_min, 120.0, "t")
    return d, t


def test_mark_close_calls_on_hand_numbers() -> None:
    from admission_fakes import RULE

    # 203 km with ±5 km: the true distance 198–208 km straddles 200 → marginal; a drive of 150
    # min under a band 0.9–1.1 stands for 136–167 min: clear
    d, t = _pair(203.0, 150.0, RULE)
    d2, t2, flip = mark_close_calls(d, t, spacing=True, precision_km=5.0, band=_band(0.9, 1.1),
                                    rule=RULE, reading="both")  # fmt: skip
    assert d2.marginal and "198.0–208.0 km" in d2.margin_note and not t2.marginal
    assert flip  # under "both", a distance that can fail can flip the pass
    # a drive of 125 min under 0.9–1.1 stands for 114–139 min: marginal; no band, no mark
    d, t = _pair(260.0, 125.0, RULE)
    _, t3, flip3 = mark_close_calls(d, t, spacing=True, precision_km=1.0, band=_band(0.9, 1.1),
                                    rule=RULE, reading="both")  # fmt: skip
    assert t3.marginal and "114–139 min" in t3.margin_note and flip3
    _, t4, flip4 = mark_close_calls(d, t, spacing=True, precision_km=1.0, band=None, rule=RULE,
                                    reading="both")  # fmt: skip
    assert not t4.marginal and not flip4
    # a clear fail stays clear whatever the band
    d, t = _pair(90.0, 70.0, RULE)
    d5, _, flip5 = mark_close_calls(d, t, spacing=False, precision_km=5.0, band=_band(0.7, 2.0),
                                     rule=RULE, reading="both")  # fmt: skip
    assert not d5.marginal and not flip5


def test_check_airport_marks_a_distance_within_the_ports_precision(monkeypatch) -> None:
    from admission_fakes import RULE, ports_at, use_fake_network

    from portgeo.rules.admission import check_airport

    router = use_fake_network(monkeypatch)["router"]
    ports = ports_at([("a", 202.0, 0.0), ("b", 400.0, 90.0)]).assign(precision=["town", "exact"])
    res = check_airport({"name": "x", "lat": 30.0, "lon": 113.0}, open_ports=ports,
                        network=router, rule=RULE)  # fmt: skip
    dist = res.criterion("distance_200km")
    assert dist.passed is True and dist.marginal  # 202 km ± (0.5 + 5) km straddles 200
    assert res.spacing["marginal"] and res.network["drive_band"] == "not measured"
    assert res.to_dict()["criteria"][0]["marginal"] is True
    far = check_airport({"name": "x", "lat": 30.0, "lon": 113.0},
                        open_ports=ports_at([("a", 260.0, 0.0)]).assign(precision=["town"]),
                        network=router, rule=RULE)  # fmt: skip
    assert not far.criterion("distance_200km").marginal and not far.marginal
