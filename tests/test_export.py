"""``portgeo export``: formats, properties, errors."""

from __future__ import annotations

import json
import subprocess
import sys

import geopandas as gpd
import pandas as pd
import pytest

from portgeo.catalogue import load_catalogue
from portgeo.cli import main

REQUIRED = (
    "id",
    "name_zh",
    "name_en",
    "plan",
    "column",
    "kind",
    "role",
    "region",
    "neighbor",
    "status",
    "coord_source",
)


def test_geojson_stdout_lists_every_entity(capsys):
    assert main(["export", "--format", "geojson", "--out", "-"]) == 0
    doc = json.loads(capsys.readouterr().out)
    cat = load_catalogue()
    feats = doc["features"]
    assert len(feats) == len(cat.entities)
    assert {f["properties"]["id"] for f in feats} == set(cat.entities["id"])
    for f in feats:
        p = f["properties"]
        assert all(k in p for k in REQUIRED)
        assert p["plan"] in {"national-14", "national-13", "guangdong-14"}
        assert isinstance(p["column"], int)
        assert p["kind"] in {"sea", "river", "road", "rail", "air", "project"}
        assert p["status"] in {"listed", "planned"}
        assert p["neighbor"] is None or (len(p["neighbor"]) == 3 and p["neighbor"].isupper())
        if p["located"]:
            lon, lat = f["geometry"]["coordinates"]
            assert (lon, lat) == pytest.approx((p["lon"], p["lat"]))
            assert p["coord_source"]
        else:
            assert f["geometry"] is None
    assert {p["properties"]["plan"] for p in feats} == {
        "national-14",
        "national-13",
        "guangdong-14",
    }


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "csv"])
def test_file_formats_round_trip(tmp_path, fmt):
    out = tmp_path / f"entities.{fmt}"
    assert main(["export", "--format", fmt, "--out", str(out), "--located-only"]) == 0
    n = int(load_catalogue().entities["located"].sum())
    if fmt == "csv":
        df = pd.read_csv(out)
        assert len(df) == n
        assert df["lat"].between(3, 54).all() and df["lon"].between(73, 136).all()
    else:
        gdf = gpd.read_file(out)
        assert len(gdf) == n
        assert gdf.crs.to_epsg() == 4326
        assert set(REQUIRED) <= set(gdf.columns)


def _run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "portgeo", *args], capture_output=True, text=True)


def test_wrong_format_is_one_line_exit_2():
    r = _run_cli("export", "--format", "shp", "--out", "x.shp")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert "format" in r.stderr


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "csv"])
def test_missing_output_folders_are_created(tmp_path, fmt):
    target = tmp_path / "no" / "such" / f"x.{fmt}"
    r = _run_cli("export", "--format", fmt, "--out", str(target))
    assert r.returncode == 0, r.stderr
    assert target.is_file() and target.stat().st_size > 0
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no temporary left


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "csv"])
def test_parent_that_is_a_file_is_one_line_exit_2(tmp_path, fmt):
    (tmp_path / "afile").write_text("x")
    r = _run_cli("export", "--format", fmt, "--out", str(tmp_path / "afile" / f"x.{fmt}"))
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert r.stderr.startswith("portgeo: error:") and "is a file" in r.stderr


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "csv"])
def test_out_is_a_folder_or_system_path_is_exit_2(tmp_path, fmt):
    for target in (str(tmp_path), f"/proc/portgeo-export.{fmt}"):
        r = _run_cli("export", "--format", fmt, "--out", target)
        assert r.returncode == 2, (target, r.stderr)
        assert "Traceback" not in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1


def test_out_dash_needs_geojson():
    r = _run_cli("export", "--format", "csv", "--out", "-")
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_layout_layers_export_to_one_geopackage(tmp_path):
    out = tmp_path / "layout.gpkg"
    assert main(["export", "--format", "gpkg", "--out", str(out), "--layer", "all"]) == 0
    import pyogrio

    names = {name for name, _ in pyogrio.list_layers(out)}
    assert names == {
        "entities",
        "boundary",
        "provinces",
        "neighbours",
        "border_segments",
        "belts",
        "clusters",
        "hubs",
    }
    belts = gpd.read_file(out, layer="belts")
    assert len(belts) == 14 and belts.crs.to_epsg() == 4326 and belts.geometry.is_valid.all()


def test_one_layout_layer_as_geojson_on_stdout(capsys):
    assert main(["export", "--format", "geojson", "--out", "-", "--layer", "border_segments"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert len(doc["features"]) == 14
    assert all(f["geometry"]["type"] in {"LineString", "MultiLineString"} for f in doc["features"])
