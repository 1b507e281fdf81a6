# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 专栏9 口岸智慧创新工程
#
# National 14th plan, column 9: smart-port programmes. They are nationwide and have no sites; the map carries them as a panel.
#
# The map is built by `portgeo.maps.builders` from the catalogue in `data/`; this notebook only
# shows it. Set `BASEMAP` to `"none"` for a map without tiles (fully offline), `"amap"` for Gaode
# tiles (overlays are shifted to GCJ-02) or `"tianditu"` (needs `TIANDITU_KEY`).

# %%
import os
from pathlib import Path

from portgeo.maps import build_map, column_table, display_map, save_map

BASEMAP = os.environ.get("PORTGEO_BASEMAP", "osm")
REPO = Path.cwd().parent if Path.cwd().name == "notebooks" else Path.cwd()
OUT = Path(os.environ.get("PORTGEO_MAPS_DIR", REPO / "maps"))

# %%
m = build_map("n14_c09_smart", basemap=BASEMAP)
display_map(m)

# %% [markdown]
# The 专栏 as printed (one row per entity; `located` tells whether it has a point):

# %%
column_table("national-14", 9)

# %% [markdown]
# Export the map as one self-contained HTML file (opens without any network access apart from
# basemap tiles):

# %%
path = save_map(m, OUT / "n14_c09_smart.html", self_contained=True)
print(path, f"{path.stat().st_size / 1e6:.1f} MB")
