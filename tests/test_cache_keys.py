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
    """A private copy of data/ and an empty cache, used by the library for this test."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    monkeypatch.setattr(settings, "data_dir", copy)
    monkeypatch.setattr(settings, "cache_dir", tmp_path / "cache")
    catalogue.load_catalogue(reload=True)
    yield copy
    monkeypatch.setattr(settings, "data_dir", None)
    catalogue.load_catalogue(reload=True)


def _move_mongolia_to(copy: Path, region: str) -> None:
    path = copy / "belt_regions.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.loc[df["neighbor"] == "MNG", "region_zh"] = region
    df.to_csv(path, index=False)


def test_boundary_cache_key_follows_belt_regions(data_copy):
    before = boundaries.boundary_cache_dir()
    _move_mongolia_to(data_copy, "西北")
    after = boundaries.boundary_cache_dir()
    assert before != after
    assert before.parent == after.parent  # same cache root, new key


@pytest.mark.slow
def test_edited_region_shows_in_rebuilt_segments_and_belts(data_copy):
    """The issue's case: after editing Mongolia's region, the segments must show the new one."""
    assert borders.load_border_segments().set_index("neighbor").loc["MNG", "region_zh"] == "北部"
    _move_mongolia_to(data_copy, "西北")
    seg = borders.load_border_segments().set_index("neighbor")
    assert seg.loc["MNG", "region_zh"] == "西北"
    belt = belts.build_belts().set_index("neighbor")
    assert belt.loc["MNG", "region_zh"] == "西北"
