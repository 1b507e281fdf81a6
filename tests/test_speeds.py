"""Speed profile and OSM maxspeed parsing."""

from __future__ import annotations

import math

import pytest

from portgeo.errors import InputError
from portgeo.roads.speeds import edge_speeds_kmh, load_speed_profile, parse_maxspeed


@pytest.fixture(scope="module")
def profile():
    return load_speed_profile()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("60", 60.0),
        (" 80 ", 80.0),
        ("60 mph", 60 * 1.609344),
        ("60mph", 60 * 1.609344),
        ("10 knots", 18.52),
        ("60;80", 70.0),
        ("60|80", 70.0),
        (["40", "60"], 50.0),
        (50, 50.0),
        ("CN:urban", 50.0),
        ("CN:rural", 70.0),
        ("CN:motorway", 120.0),
        ("cn:URBAN", 50.0),
        ("walk", 6.0),
    ],
)
def test_parse_maxspeed_values(value, expected, profile):
    assert parse_maxspeed(value, profile=profile) == pytest.approx(expected)


@pytest.mark.parametrize(
    "value",
    ["none", "signals", "variable", "", None, float("nan"), "fast", "RU:urban", "0", "none;none"],
)
def test_parse_maxspeed_unusable_is_nan(value, profile):
    assert math.isnan(parse_maxspeed(value, profile=profile))


def test_profile_has_legal_limits(profile):
    # expressway 120 (Art. 78), class-1 highway / trunk 100
    assert profile.limit_kmh("motorway") == 120
    assert profile.limit_kmh("trunk") == 100
    assert profile.limit_kmh("no_such_class") == profile.limits_kmh["default"]
    speeds = profile.travel_speeds_kmh()
    order = ["motorway", "trunk", "primary", "secondary", "tertiary", "residential"]
    assert [speeds[c] for c in order] == sorted((speeds[c] for c in order), reverse=True)
    assert 0 < profile.travel_factor <= 1
    assert profile.ferry_boarding_min > 0 and profile.ferry_speed_kmh > 0


def test_edge_speeds_use_maxspeed_then_class(profile):
    f = profile.travel_factor
    sp = edge_speeds_kmh(
        ["motorway", "primary", ["secondary", "tertiary"], "ferry", "unknown_class", "primary"],
        [None, "60", None, None, None, "none"],
        profile=profile,
    )
    assert sp[0] == pytest.approx(120 * f)
    assert sp[1] == pytest.approx(60 * f)  # tag wins over the class limit
    assert sp[2] == pytest.approx(profile.limit_kmh("secondary") * f)  # first class of a list
    assert sp[3] == pytest.approx(profile.ferry_speed_kmh)
    assert sp[4] == pytest.approx(profile.limits_kmh["default"] * f)
    assert sp[5] == pytest.approx(profile.limit_kmh("primary") * f)  # "none" -> class limit


def test_profile_from_mapping_and_per_class_factor():
    prof = load_speed_profile(
        {
            "travel_factor": 0.5,
            "classes": {
                "motorway": {"limit_kmh": 100, "factor": 0.9},
                "default": {"limit_kmh": 20},
            },
        }
    )
    sp = edge_speeds_kmh(["motorway", "residential"], profile=prof)
    assert sp.tolist() == pytest.approx([90.0, 10.0])


@pytest.mark.parametrize(
    "raw",
    [
        {"classes": {"motorway": {"limit_kmh": 100}}},  # no default class
        {"classes": {"default": {"limit_kmh": -5}}},
        {"travel_factor": "fast", "classes": {"default": {"limit_kmh": 5}}},
        {"nothing": 1},
    ],
)
def test_malformed_profile_raises(raw):
    with pytest.raises(InputError):
        load_speed_profile(raw)


def test_missing_profile_file(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_speed_profile(tmp_path / "nope.yaml")
