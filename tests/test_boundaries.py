"""portgeo.boundaries: official boundary, provinces, neighbours, point checks.

The boundary build is cached under portgeo.settings.cache_dir and in-process (lru_cache), so
the first test pays the cold build once per session.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from portgeo import settings
from portgeo._data import data_path
from portgeo.errors import CatalogueError, InputError
from portgeo.geo.geodesy import GEOD
from portgeo.geo.lines import SegmentIndex, nearest_on_lines
from portgeo.layout import borders, boundaries, neighbours


@pytest.fixture(scope="session")
def layers():
    return {
        "boundary": boundaries.load_boundary(),
        "provinces": boundaries.load_provinces(),
        "neighbours": boundaries.load_neighbours(),
    }


def _pts(xy):
    return gpd.GeoDataFrame(geometry=gpd.points_from_xy(*zip(*xy, strict=True)), crs="EPSG:4326")


def test_layers_valid_and_wgs84(layers):
    for name, gdf in layers.items():
        assert gdf.crs.to_epsg() == 4326, name
        assert gdf.geometry.is_valid.all(), name
        assert not gdf.geometry.is_empty.any(), name
    assert len(layers["boundary"]) == 1
    assert len(layers["provinces"]) == 34
    assert list(layers["neighbours"]["iso3"]) == list(neighbours.land_neighbours())


def test_provinces_named_from_the_index(layers):
    prov = layers["provinces"].set_index("adcode")
    assert prov.loc["650000", "name_zh"] == "新疆维吾尔自治区"
    assert prov.loc["810000", "iso3"] == "HKG"
    assert prov.loc["820000", "iso3"] == "MAC"
    assert prov.loc["710000", "name_zh"] == "台湾省"


@pytest.mark.parametrize(
    ("name", "lon", "lat"),
    [
        ("Beijing", 116.39, 39.91),
        ("Taipei", 121.56, 25.04),
        ("Yongxing Island (Xisha)", 112.336, 16.834),
        ("Tawang (藏南)", 91.86, 27.59),
        ("Aksai Chin", 79.3, 35.2),
        ("Urumqi", 87.62, 43.82),
    ],
)
def test_official_extent_inside(layers, name, lon, lat):
    assert boundaries.points_in_china(_pts([(lon, lat)])).iloc[0], name


@pytest.mark.parametrize(
    ("name", "lon", "lat"),
    [("Ulaanbaatar", 106.91, 47.92), ("Hanoi", 105.85, 21.03), ("Seoul", 126.98, 37.57),
     ("Leh", 77.58, 34.16), ("Thimphu", 89.64, 27.47)],
)  # fmt: skip
def test_outside(layers, name, lon, lat):
    assert not boundaries.points_in_china(_pts([(lon, lat)])).iloc[0], name


def test_hong_kong_macao_switch(layers):
    pts = _pts([(114.17, 22.30), (113.55, 22.19), (113.26, 23.13)])  # HK, Macao, Guangzhou
    assert boundaries.points_in_china(pts).tolist() == [True, True, True]
    assert boundaries.points_in_china(pts, include_hk_mo=False).tolist() == [False, False, True]


def test_missing_points_are_false_and_nan(layers):
    gdf = gpd.GeoDataFrame(geometry=[shapely.Point(116.39, 39.91), None], crs="EPSG:4326")
    assert boundaries.points_in_china(gdf).tolist() == [True, False]
    assert np.isnan(borders.distance_to_coast_km(gdf).iloc[1])


def test_neighbours_do_not_overlap_china(layers):
    china = layers["boundary"].geometry.iloc[0]
    for iso, g in zip(layers["neighbours"]["iso3"], layers["neighbours"].geometry, strict=True):
        inter = china.intersection(g)
        area = abs(GEOD.geometry_area_perimeter(inter)[0]) if not inter.is_empty else 0.0
        assert area < 1e4, iso  # m²: the difference leaves only rounding dust


def test_converted_neighbours_share_chinas_line(layers):
    """Both sides converted with the same GCJ-02 inverse stay on one line (module docstring)."""
    china = layers["boundary"].geometry.iloc[0]
    nb = layers["neighbours"].set_index("iso3")
    idx = SegmentIndex(china.boundary)
    for iso in ("RUS", "MNG", "VNM", "MMR"):
        pts = shapely.get_coordinates(nb.loc[iso, "geometry"])
        d, _ = idx.nearest_planar(pts[:, 0], pts[:, 1])  # an upper bound of the distance
        near = d[d < 2000]
        assert len(near) > 500, iso
        assert np.median(near) < 5.0, iso


def test_cache_files_written(layers):
    folder = boundaries.boundary_cache_dir()
    assert boundaries.cnmaps_version() in folder.name
    assert (folder / "layers.parquet").is_file()


def test_belt_regions_data():
    df = neighbours.load_belt_regions()
    assert set(df["region_zh"]) == {"东北", "北部", "西北", "西南"}
    reg = df.set_index("neighbor")["region_zh"]
    assert reg["MNG"] == "北部" and reg["RUS"] == "东北" and reg["VNM"] == "西南"
    assert (df["source"] != "").all()


def test_land_neighbours_are_the_rows_of_belt_regions():
    df = neighbours.load_belt_regions()
    assert neighbours.land_neighbours() == tuple(df["neighbor"])
    assert len(neighbours.land_neighbours()) == 14  # the plans' 14 land neighbours


@pytest.fixture
def belt_regions_copy(tmp_path, monkeypatch) -> Path:
    """A private copy of data/belt_regions.csv, the only file of a private data folder."""
    shutil.copy(data_path("belt_regions.csv"), tmp_path / "belt_regions.csv")
    monkeypatch.setattr(settings, "data_dir", tmp_path)
    return tmp_path / "belt_regions.csv"


def _edit(path: Path, edit) -> None:
    df = edit(pd.read_csv(path, dtype=str, keep_default_na=False))
    df.to_csv(path, index=False)
    st = path.stat()  # a new modification time even on a coarse-grained file system
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def test_land_neighbours_follow_an_edited_file(belt_regions_copy):
    assert "BTN" in neighbours.land_neighbours()
    _edit(belt_regions_copy, lambda df: df[df["neighbor"] != "BTN"])
    assert "BTN" not in neighbours.land_neighbours()
    assert len(neighbours.land_neighbours()) == 13


def test_belt_regions_refused_with_every_problem(belt_regions_copy):
    def spoil(df: pd.DataFrame) -> pd.DataFrame:
        df.loc[df["neighbor"] == "PRK", "neighbor"] = "RUS"
        df.loc[df["neighbor"] == "MNG", "region_zh"] = ""
        df.loc[df["neighbor"] == "LAO", "neighbor"] = "Laos"
        return df

    _edit(belt_regions_copy, spoil)
    with pytest.raises(CatalogueError) as err:
        neighbours.land_neighbours()
    msg = str(err.value)
    assert "repeated neighbours ['RUS']" in msg
    assert "no region_zh for ['MNG']" in msg
    assert "not ISO3 codes: ['Laos']" in msg


def test_no_neighbour_list_in_code():
    """The neighbours are data (data/belt_regions.csv); no module keeps its own list."""
    assert not hasattr(boundaries, "LAND_NEIGHBOURS")
    assert not hasattr(neighbours, "LAND_NEIGHBOURS")

    pts = _pts([(118.08, 24.48), (87.62, 43.82)])  # Xiamen island, Urumqi
    d = borders.distance_to_coast_km(pts)
    assert d.iloc[0] < 8
    assert d.iloc[1] > 1500


def test_distance_to_border(layers):
    erenhot = _pts([(111.98, 43.65)])
    assert borders.distance_to_border_km(erenhot, "MNG").iloc[0] < 10
    assert borders.distance_to_border_km(erenhot, "VNM").iloc[0] > 2000
    with pytest.raises(InputError):
        borders.distance_to_border_km(erenhot, "JPN")


def test_geodesic_nearest_matches_brute_force(layers):
    """The indexed geodesic nearest agrees with a dense brute-force geodesic search."""
    line = shapely.LineString([(80.0, 45.0), (81.0, 45.5), (82.0, 45.2)])
    lon = np.array([80.5, 81.2, 82.3])
    lat = np.array([44.8, 45.9, 45.0])
    d, _ = nearest_on_lines(lon, lat, line)
    dense = np.asarray(shapely.segmentize(line, 0.0005).coords)
    for i in range(3):
        _, _, dd = GEOD.inv(
            np.full(len(dense), lon[i]), np.full(len(dense), lat[i]), dense[:, 0], dense[:, 1]
        )
        assert d[i] == pytest.approx(dd.min(), abs=30)


@pytest.mark.slow
def test_simplified_coverage_has_no_slivers(layers):
    cov = boundaries.load_simplified_coverage(tolerance_m=1000)
    assert cov.crs.to_epsg() == 4326
    assert cov.geometry.is_valid.all()
    geoms = cov.geometry.to_numpy()
    assert shapely.coverage_is_valid(geoms)
    china = geoms[0]
    raw = layers["boundary"].geometry.iloc[0]
    assert shapely.get_num_coordinates(china) < shapely.get_num_coordinates(raw) / 3
    for iso, g in zip(cov["iso3"][1:], geoms[1:], strict=True):
        inter = china.intersection(g)
        overlap = abs(GEOD.geometry_area_perimeter(inter)[0]) if not inter.is_empty else 0.0
        assert overlap < 1.0, iso  # m²
    # no sliver along the border: every hole that the simplified polygons leave next to the
    # land boundary was already a hole between the unsimplified polygons (places where the two
    # sources disagree by more than the cleaning width, e.g. ~1,000 km² in the Pamir), and the
    # simplified coverage leaves less hole area than the sources
    from portgeo.layout.borders import load_land_boundary

    land = load_land_boundary()

    def border_holes(polys):
        union = shapely.union_all(polys)
        holes = [shapely.Polygon(r) for p in shapely.get_parts(union) for r in p.interiors]
        return union, [h for h in holes if h.distance(land) < 0.05]

    minx, miny, maxx, maxy = raw.bounds
    box = shapely.box(minx - 3, miny - 3, maxx + 3, maxy + 3)
    raw_union, raw_holes = border_holes(
        [raw, *[shapely.intersection(g, box) for g in layers["neighbours"].geometry]]
    )
    _, new_holes = border_holes(list(geoms))

    def area(hs):
        return sum(abs(GEOD.geometry_area_perimeter(h)[0]) for h in hs)

    assert area(new_holes) <= area(raw_holes)
    shapely.prepare(raw_union)
    for h in new_holes:
        p = h.representative_point()
        assert not raw_union.contains(p), f"sliver at {p} not present in the sources"
