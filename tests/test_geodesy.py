"""portgeo.geodesy against pyproj.Geod."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from pyproj import Geod
from shapely.geometry import LineString

from portgeo.geo.geodesy import (
    geodesic_circle,
    geodesic_distance_m,
    geodesic_length_m,
    local_aeqd_crs,
)

GEOD = Geod(ellps="WGS84")


@pytest.mark.parametrize(
    ("lon", "lat"), [(116.4, 39.9), (87.6, 43.8), (126.6, 45.8), (110.3, 20.0)]
)
def test_200km_circle_is_geodesic_within_0_1_percent(lon, lat):
    circle = geodesic_circle(lon, lat, 200_000.0)
    assert circle.is_valid
    ring = np.asarray(circle.exterior.coords)
    _, _, d = GEOD.inv(np.full(len(ring), lon), np.full(len(ring), lat), ring[:, 0], ring[:, 1])
    assert np.abs(d / 200_000.0 - 1).max() < 1e-3
    # points along the chords between vertices stay within 0.1 % too
    dense = np.asarray(shapely.segmentize(circle, 0.01).exterior.coords)
    _, _, d = GEOD.inv(np.full(len(dense), lon), np.full(len(dense), lat), dense[:, 0], dense[:, 1])
    assert np.abs(d / 200_000.0 - 1).max() < 1e-3
    # area close to the geodesic disc: pi r^2 on a near-flat scale
    area = abs(GEOD.geometry_area_perimeter(circle)[0])
    assert abs(area / (np.pi * 200_000.0**2) - 1) < 5e-3


def test_circle_is_not_a_degree_buffer():
    circle = geodesic_circle(87.6, 43.8, 100_000.0)
    minx, miny, maxx, maxy = circle.bounds
    # at 43.8° N a degree of longitude is ~0.72 of a degree of latitude
    assert (maxx - minx) / (maxy - miny) == pytest.approx(1 / np.cos(np.radians(43.8)), rel=0.02)


def test_distance_matches_pyproj_vectorised():
    rng = np.random.default_rng(3)
    lon1, lat1 = rng.uniform(73, 135, 100), rng.uniform(18, 53, 100)
    lon2, lat2 = rng.uniform(73, 135, 100), rng.uniform(18, 53, 100)
    ours = geodesic_distance_m(lon1, lat1, lon2, lat2)
    _, _, ref = GEOD.inv(lon1, lat1, lon2, lat2)
    assert np.allclose(ours, ref, rtol=1e-12)
    assert isinstance(geodesic_distance_m(116.0, 40.0, 117.0, 40.0), float)


def test_length_matches_pyproj():
    line = LineString([(116.0, 40.0), (117.0, 40.0), (117.0, 41.0)])
    assert geodesic_length_m(line) == pytest.approx(GEOD.geometry_length(line), rel=1e-12)
    assert geodesic_length_m(LineString()) == 0.0


def test_local_aeqd_preserves_distance_from_centre():
    from pyproj import Transformer

    crs = local_aeqd_crs(100.0, 30.0)
    tr = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    x, y = tr.transform(101.5, 31.0)
    _, _, d = GEOD.inv(100.0, 30.0, 101.5, 31.0)
    assert np.hypot(x, y) == pytest.approx(d, rel=1e-9)


def test_bad_radius():
    with pytest.raises(ValueError):
        geodesic_circle(100.0, 30.0, 0.0)
