"""Hand-checkable stand-ins for the admission tests: a fake router, a synthetic rule and ports."""

from __future__ import annotations

import dataclasses
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import LineString

from portgeo.geo.geodesy import GEOD, geodesic_circle, geodesic_distance_m
from portgeo.rules import admission
from portgeo.rules.admission import load_admission_rule

#: The rule of the data (texts, readings, inclusivity) with the synthetic world's numbers spelled
#: out, so each test can be checked by hand; tests of the YAML itself are separate.
RULE = dataclasses.replace(
    load_admission_rule(),
    min_distance_km=200.0,
    min_drive_min=120.0,
    min_routes={"coastal": 20, "inland": 10, "border": 10},
    min_passengers={"coastal": 3_000_000, "inland": 1_500_000, "border": 1_500_000},
    routes_scope={"coastal": "domestic fixed direct routes", "inland": "", "border": ""},
    unaccepted_years=3,
    min_ports_below_standard=1,  # 1个以上 = one or more
    coastal_provinces=("广东", "辽宁", "广西"),
    border_provinces=("云南", "辽宁", "广西"),
    coast_km=100.0,
    border_km=100.0,
    source="tests",
)

#: Candidate site of the synthetic world (an inland spot of Hubei).
LON0, LAT0 = 113.0, 30.0


def point_at(
    km: float, azimuth: float, lon: float = LON0, lat: float = LAT0
) -> tuple[float, float]:
    """(lon, lat) at a geodesic distance and azimuth from a point."""
    lon2, lat2, _ = GEOD.fwd(lon, lat, azimuth, km * 1000.0)
    return float(lon2), float(lat2)


def ports_at(spec: list[tuple[str, float, float]]) -> pd.DataFrame:
    """Opened ports at (id, km, azimuth) from the candidate."""
    rows = []
    for pid, km, az in spec:
        lon, lat = point_at(km, az)
        rows.append(
            {
                "id": pid,
                "name_zh": f"港{pid}",
                "iata": pid.upper()[:3],
                "lat": lat,
                "lon": lon,
                "source": "synthetic",
            }
        )
    return pd.DataFrame(rows)


class FakeRouter:
    """A network double: road = ``factor`` x straight line, drive at ``speed_kmh``.

    ``drive`` overrides the drive minutes per port id; ``unreachable`` lists port ids with no road.
    """

    source = "fake"
    approximate = True
    max_speed_kmh = 100.0

    def __init__(
        self,
        *,
        factor: float = 1.25,
        speed_kmh: float = 80.0,
        drive=None,
        unreachable=(),
        snap_error: bool = False,
    ):
        self.factor = factor
        self.speed_kmh = speed_kmh
        self.drive = dict(drive or {})
        self.unreachable = set(unreachable)
        self.snap_error = snap_error
        self.calls: list[list[str]] = []

    def _check(self, origin):
        if self.snap_error:
            from portgeo.errors import SnapError

            raise SnapError(f"point {origin} is 80 km from the nearest road; move it onto land")

    def measure_to_destinations(self, origin, destinations, cutoff_minutes=None):
        self._check(origin)
        ids = list(destinations["id"]) if "id" in destinations else list(range(len(destinations)))
        self.calls.append([str(i) for i in ids])
        d = (
            np.asarray(
                geodesic_distance_m(
                    origin[0],
                    origin[1],
                    destinations.geometry.x.to_numpy(),
                    destinations.geometry.y.to_numpy(),
                )
            )
            / 1000.0
        )
        road = d * self.factor
        t = road / self.speed_kmh * 60.0
        t = np.array(
            [self.drive.get(str(i), tt) for i, tt in zip(ids, t, strict=True)], dtype=float
        )
        reach = np.array([str(i) not in self.unreachable for i in ids])
        road = np.where(reach, road, np.nan)
        t = np.where(reach, t, np.nan)
        return pd.DataFrame(
            {"road_km": road, "drive_min": t, "reachable": reach}, index=destinations.index
        )

    def fastest_route(self, origin, dest):
        self._check(origin)
        d = geodesic_distance_m(origin[0], origin[1], dest[0], dest[1]) / 1000.0
        return {
            "geometry": LineString([origin, dest]),
            "road_km": d * self.factor,
            "drive_min": d * self.factor / self.speed_kmh * 60.0,
        }

    def compute_catchments(self, points, *, minutes):
        km = minutes / 60.0 * self.speed_kmh / self.factor
        return gpd.GeoSeries(
            [geodesic_circle(p.x, p.y, km * 1000.0) for p in points.geometry], crs=4326
        )


def use_fake_network(monkeypatch, router: FakeRouter | None = None) -> dict[str, FakeRouter]:
    """Make the admission check route on a fake router instead of a road network.

    The rule and the opened ports stay real. A network the caller passes that is already a
    :class:`FakeRouter` (or none) is used as given.

    Parameters
    ----------
    monkeypatch : pytest.MonkeyPatch
    router : FakeRouter, optional
        Default a new ``FakeRouter()``.

    Returns
    -------
    dict
        ``{"router": ...}``; put another router under ``"router"`` to change it mid-test.
    """
    holder = {"router": router or FakeRouter()}
    real = admission.as_router

    def as_router(network):
        if network is None or isinstance(network, FakeRouter):
            return real(network)
        return holder["router"]

    from portgeo.rules.admission import request

    def load(source, cand, *, rule):
        return holder["router"]

    for module in (admission, request):  # the package's names and where run_check looks
        monkeypatch.setattr(module, "as_router", as_router)
        monkeypatch.setattr(module, "load_check_network", load)
    return holder


def compare_batches(fast: pd.DataFrame, slow: pd.DataFrame) -> None:
    """Assert two batch results equal cell by cell (numbers within 0.11, None = NaN)."""
    assert list(fast.columns) == list(slow.columns)
    for col in slow.columns:
        a, b = fast[col], slow[col]
        for i, (u, v) in enumerate(zip(a, b, strict=True)):
            if (
                isinstance(v, float)
                and isinstance(u, float)
                and not (math.isnan(u) or math.isnan(v))
            ):
                assert u == pytest.approx(v, abs=0.11), (col, i, u, v)
            else:
                same = (u is None or (isinstance(u, float) and math.isnan(u))) and (
                    v is None or (isinstance(v, float) and math.isnan(v)))  # fmt: skip
                assert same or u == v, (col, i, u, v)
