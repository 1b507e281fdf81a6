"""Export the catalogue and layout layers for GIS users (QGIS, ArcGIS).

One exporter for every layer: :func:`export_layers` writes GeoJSON, GeoPackage or CSV.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO

import geopandas as gpd
import pandas as pd
import shapely

from portgeo._data import data_path, is_blank
from portgeo._output import check_not_input, check_output_path, csv_safe, json_text, write_atomic
from portgeo.catalogue import load_entities
from portgeo.errors import InputError
from portgeo.layout.layers import layout_layers

__all__ = [
    "ENTITY_PROPERTIES",
    "FORMATS",
    "FORMAT_SUFFIXES",
    "LAYERS",
    "entities_frame",
    "export_layers",
    "layer_frames",
]

log = logging.getLogger(__name__)

FORMATS: tuple[str, ...] = ("geojson", "gpkg", "csv")

#: File-name suffixes of each format (the first one is the one to suggest).
FORMAT_SUFFIXES: dict[str, tuple[str, ...]] = {
    "geojson": (".geojson", ".json"),
    "gpkg": (".gpkg",),
    "csv": (".csv",),
}

#: Properties written for each entity, in order.
ENTITY_PROPERTIES: tuple[str, ...] = (
    "id", "name_zh", "name_en", "plan", "column", "section", "seq", "kind", "mode", "role",
    "region", "neighbor", "status", "opening_state", "opened", "opening_as_of", "opening_source",
    "parent", "action", "city_zh", "site_id", "located",
    "precision", "coord_source", "lat", "lon", "inspection_site_id", "insp_lat", "insp_lon",
    "link_site_id", "link_lat", "link_lon", "positioning_zh", "text_zh", "note",
)  # fmt: skip

#: Layers that ``portgeo export --layer`` knows. ``entities`` is the plan catalogue; the others
#: come from :func:`portgeo.layout.layers.layout_layers`.
LAYERS: tuple[str, ...] = (
    "entities", "boundary", "provinces", "neighbours", "border_segments", "belts", "clusters",
    "hubs",
)  # fmt: skip


def entities_frame(*, located_only: bool = False) -> gpd.GeoDataFrame:
    """Return every catalogue entity with the export properties.

    Parameters
    ----------
    located_only : bool, default False
        Keep only entities with a point of their own.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, columns :data:`ENTITY_PROPERTIES` plus geometry (None where unlocated).
    """
    gdf = load_entities(located_only=located_only)
    out = gdf[list(ENTITY_PROPERTIES)].copy()
    out["column"] = out["column"].astype(int)
    out["seq"] = out["seq"].astype("Int64")
    out["located"] = out["located"].astype(bool)
    return gpd.GeoDataFrame(out, geometry=gdf.geometry, crs="EPSG:4326")


def layer_frames(
    names: Sequence[str], *, located_only: bool = False
) -> dict[str, gpd.GeoDataFrame]:
    """Build the named export layers.

    Parameters
    ----------
    names : sequence of str
        Layer names from :data:`LAYERS`.
    located_only : bool, default False
        For the ``entities`` layer: keep only located entities.

    Returns
    -------
    dict of str to geopandas.GeoDataFrame
    """
    unknown = [n for n in names if n not in LAYERS]
    if unknown:
        raise InputError(f"unknown layer(s) {unknown}; choose from {', '.join(LAYERS)}")
    frames: dict[str, gpd.GeoDataFrame] = {}
    layout: Mapping[str, gpd.GeoDataFrame] | None = None
    for name in names:
        if name == "entities":
            frames[name] = entities_frame(located_only=located_only)
            continue
        if layout is None:
            layout = layout_layers()
        frames[name] = layout[name]
    return frames


def _json_value(value):
    if (
        not isinstance(value, list | tuple | dict)
        and is_blank(value)
        and not isinstance(value, str)
    ):
        return None
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def _to_geojson_dict(gdf: gpd.GeoDataFrame) -> dict:
    features = []
    props = [c for c in gdf.columns if c != gdf.geometry.name]
    geoms = gdf.geometry.values
    for i, row in enumerate(gdf[props].itertuples(index=False, name=None)):
        geom = geoms[i]
        features.append(
            {
                "type": "Feature",
                "properties": {k: _json_value(v) for k, v in zip(props, row, strict=True)},
                "geometry": None
                if geom is None or geom.is_empty
                else json.loads(shapely.to_geojson(geom)),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _write_geojson(gdf: gpd.GeoDataFrame, fh: IO[str]) -> None:
    fh.write(json_text(_to_geojson_dict(gdf), indent=None) + "\n")


def _write_csv(gdf: gpd.GeoDataFrame, path: Path) -> None:
    df = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
    if "lat" not in df.columns:
        df["wkt"] = gdf.geometry.to_wkt()
    csv_safe(df).to_csv(path, index=False, encoding="utf-8")


def export_layers(
    frames: Mapping[str, gpd.GeoDataFrame],
    out: str | Path,
    *,
    fmt: str,
    stdout: IO[str] | None = None,
) -> list[Path]:
    """Write layers to a file (or GeoJSON to standard output).

    Parameters
    ----------
    frames : mapping of str to geopandas.GeoDataFrame
        Layers to write, from :func:`layer_frames`.
    out : str or pathlib.Path
        Output path, or ``"-"`` for GeoJSON on ``stdout``. GeoPackage writes one layer per frame
        into one file; GeoJSON and CSV write one file per layer when there are several
        (``<stem>_<layer>.<ext>``).
    fmt : {"geojson", "gpkg", "csv"}
        Output format.
    stdout : file-like, optional
        Where ``"-"`` writes (default ``sys.stdout``).

    Returns
    -------
    list of pathlib.Path
        Files written (empty for standard output).

    Raises
    ------
    portgeo.errors.InputError
        For an unknown format, ``-`` with a format other than GeoJSON, or a path whose suffix
        is not the format's (:data:`FORMAT_SUFFIXES`; a path without a suffix is taken as is).
    portgeo.errors.OutputError
        When the path cannot be written (missing folders are created; files are replaced
        atomically), or it is one of portgeo's own data files.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose geojson, gpkg or csv")
    if str(out) == "-":
        if fmt != "geojson":
            raise InputError("--out - writes GeoJSON only; give a file path for gpkg or csv")
        fh = stdout or sys.stdout
        if len(frames) != 1:
            raise InputError("--out - writes one layer; choose one with --layer")
        (gdf,) = frames.values()
        _write_geojson(gdf, fh)
        return []
    path = Path(out)
    if path.suffix and path.suffix.lower() not in FORMAT_SUFFIXES[fmt]:
        raise InputError(
            f"--out {path.name} does not end in {' or '.join(FORMAT_SUFFIXES[fmt])}, the suffix "
            f"of --format {fmt}; name it {path.stem}{FORMAT_SUFFIXES[fmt][0]}, or give the "
            "format that the name says"
        )
    targets: dict[Path, list[str]] = {}
    for name in frames:
        target = (path if fmt == "gpkg" or len(frames) == 1
                  else path.with_name(f"{path.stem}_{name}{path.suffix or '.' + fmt}"))  # fmt: skip
        targets.setdefault(target, []).append(name)
    data_files = {f"portgeo's data file {f.name}": f for f in data_path().rglob("*")}
    for target in targets:
        check_output_path(target, what="export")
        check_not_input(target, data_files, what="export")
    written = []
    for target, names in targets.items():

        def write(tmp: Path, names: list[str] = names) -> None:
            for name in names:
                if fmt == "geojson":
                    _write_geojson_file(frames[name], tmp)
                elif fmt == "csv":
                    _write_csv(frames[name], tmp)
                else:
                    frames[name].to_file(tmp, layer=name, driver="GPKG")

        written.append(write_atomic(target, write, what="export"))
    log.info("wrote %s", ", ".join(map(str, written)))
    return written


def _write_geojson_file(gdf: gpd.GeoDataFrame, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        _write_geojson(gdf, fh)
