"""portgeo.crs: GCJ-02 ↔ WGS84."""

from __future__ import annotations

import numpy as np
import pytest

from portgeo.geo.crs import gcj02_to_wgs84, in_gcj02_area, transform_geometry, wgs84_to_gcj02
from portgeo.geo.geodesy import geodesic_distance_m


def _china_grid(n: int = 4000, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.uniform(73.5, 135.0, n), rng.uniform(18.0, 53.5, n)


def test_round_trip_below_one_centimetre_everywhere_in_china():
    lon, lat = _china_grid()
    glon, glat = wgs84_to_gcj02(lon, lat)
    wlon, wlat = gcj02_to_wgs84(glon, glat)
    err = geodesic_distance_m(lon, lat, wlon, wlat)
    assert err.max() < 0.01


def test_round_trip_other_direction():
    glon, glat = _china_grid(seed=1)
    wlon, wlat = gcj02_to_wgs84(glon, glat)
    g2lon, g2lat = wgs84_to_gcj02(wlon, wlat)
    assert geodesic_distance_m(glon, glat, g2lon, g2lat).max() < 0.01


def test_offset_magnitude_in_mainland_china_is_100_to_700_m():
    lon, lat = _china_grid()
    glon, glat = wgs84_to_gcj02(lon, lat)
    off = geodesic_distance_m(lon, lat, glon, glat)
    assert off.min() > 0
    assert 100 < np.median(off) < 700
    assert np.percentile(off, 1) > 20 and np.percentile(off, 99) < 800


@pytest.mark.parametrize(
    ("lon", "lat", "lo", "hi"),
    [
        (116.391, 39.907, 400, 700),  # Tian'anmen: the well-known ~500 m shift
        (121.4737, 31.2304, 400, 700),  # Shanghai
        (113.2644, 23.1291, 400, 700),  # Guangzhou
    ],
)
def test_known_offsets(lon, lat, lo, hi):
    glon, glat = wgs84_to_gcj02(lon, lat)
    assert lo < geodesic_distance_m(lon, lat, glon, glat) < hi


@pytest.mark.parametrize(
    ("lon", "lat"),
    [(2.35, 48.85), (-74.0, 40.7), (139.7, 35.7), (151.2, -33.9), (60.0, 45.0), (140.0, 50.0)],
)
def test_identity_outside_china(lon, lat):
    assert not in_gcj02_area(lon, lat)
    assert wgs84_to_gcj02(lon, lat) == (lon, lat)
    assert gcj02_to_wgs84(lon, lat) == (lon, lat)


def test_scalar_and_array_shapes():
    out = wgs84_to_gcj02(116.0, 40.0)
    assert isinstance(out[0], float)
    lon, lat = _china_grid(10)
    a, b = gcj02_to_wgs84(lon, lat)
    assert a.shape == b.shape == (10,)
    with pytest.raises(ValueError):
        wgs84_to_gcj02(np.zeros(3), np.zeros(4))


def test_transform_geometry_round_trip():
    from shapely.geometry import Polygon

    poly = Polygon([(116.0, 39.5), (117.0, 39.5), (117.0, 40.5), (116.0, 40.5)])
    back = transform_geometry(transform_geometry(poly, to="gcj02"), to="wgs84")
    assert np.allclose(
        np.asarray(back.exterior.coords), np.asarray(poly.exterior.coords), atol=1e-8
    )
    with pytest.raises(ValueError):
        transform_geometry(poly, to="bd09")
