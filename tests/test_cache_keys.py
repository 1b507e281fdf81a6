"""Every cache key hashes every data file that feeds it: editing data rebuilds what depends on it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from portgeo import catalogue, settings
from portgeo.layout import belts, borders, boundaries

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of data/ used by the library for this test (the cache stays shared)."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    monkeypatch.setattr(settings, "data_dir", copy)
    catalogue.load_catalogue(reload=True)
    yield copy
    monkeypatch.setattr(settings, "data_dir", None)
    catalogue.load_catalogue(reload=True)


def _move_mongolia_to(copy: Path, region: str) -> None:
    path = copy / "belt_regions.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.loc[df["neighbor"] == "MNG", "region_zh"] = region
    df.to_csv(path, index=False)


def test_boundary_cache_key_follows_the_neighbours_polygons_not_their_labels(data_copy):
    before = boundaries.boundary_cache_dir()
    _move_mongolia_to(data_copy, "西北")  # a label: nothing to rebuild
    assert boundaries.boundary_cache_dir() == before
    path = data_copy / "belt_regions.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.loc[df["neighbor"] == "MNG", "cnmaps_polygons"] += ";world-countries/land/KOR"
    df.to_csv(path, index=False)
    after = boundaries.boundary_cache_dir()
    assert after != before  # geometry: a new key
    assert before.parent == after.parent  # same cache root


def test_edited_region_shows_in_segments_belts_and_layers(data_copy):
    """The issue's case: after editing Mongolia's region, the segments must show the new one.

    Uses the session's boundary cache (a label edit keeps its key), so the layers are built at
    most once per run; the edit shows without a rebuild.
    """
    assert borders.load_border_segments().set_index("neighbor").loc["MNG", "region_zh"] == "北部"
    _move_mongolia_to(data_copy, "西北")
    seg = borders.load_border_segments().set_index("neighbor")
    assert seg.loc["MNG", "region_zh"] == "西北"
    belt = belts.build_belts().set_index("neighbor")
    assert belt.loc["MNG", "region_zh"] == "西北"
    assert boundaries.load_neighbours().set_index("iso3").loc["MNG", "region_zh"] == "西北"
    assert boundaries.load_simplified_coverage().set_index("iso3").loc["MNG", "name_zh"] == "蒙古国"


def test_cached_display_countries_take_the_names_of_the_data_as_it_is_now(data_copy):
    """The map's country layer is cached on disk; a renamed neighbour still shows at once."""
    from portgeo.maps import boundary

    boundary._display_countries.cache_clear()
    before = boundary._display_countries(2000.0).set_index("iso3")
    assert before.loc["MNG", "name_zh"] == "蒙古国"
    path = data_copy / "belt_regions.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.loc[df["neighbor"] == "MNG", "name_zh"] = "蒙古"
    df.to_csv(path, index=False)
    boundary._display_countries.cache_clear()
    after = boundary._display_countries(2000.0).set_index("iso3")
    assert after.loc["MNG", "name_zh"] == "蒙古"
    assert after.geometry.equals(before.geometry)  # read from the same cache file
    boundary._display_countries.cache_clear()
