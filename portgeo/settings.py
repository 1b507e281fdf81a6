"""Global settings for portgeo.

Typed module globals, in the manner of ``osmnx.settings``. Change them at run time::

    import portgeo
    portgeo.settings.cache_dir = Path("/tmp/portgeo-cache")

Environment variables set the defaults where noted.
"""

from __future__ import annotations

import os
from pathlib import Path

# --- core (lead) -------------------------------------------------------------------------------

#: Folder for caches (converted boundaries, road graphs, Overpass answers).
#: Default ``~/.cache/portgeo``; environment variable ``PORTGEO_CACHE_DIR`` (an empty value
#: means the default, never the current folder).
cache_dir: Path = Path(
    os.environ.get("PORTGEO_CACHE_DIR", "").strip() or Path.home() / ".cache" / "portgeo"
).expanduser()

#: Folder of the plan catalogue and other data files. ``None`` means the ``data/`` folder shipped
#: with portgeo (the repository's top-level ``data/``, or the copy installed in the wheel).
#: Environment variable ``PORTGEO_DATA_DIR``.
data_dir: Path | None = (
    Path(os.environ["PORTGEO_DATA_DIR"]) if os.environ.get("PORTGEO_DATA_DIR") else None
)

#: Show tqdm progress bars on long work.
progress: bool = True

#: Log level name for portgeo's logger when used from the command line.
log_level: str = os.environ.get("PORTGEO_LOG_LEVEL", "WARNING")

# --- networks and catchments (helper: networks) --------------------------------------------------

#: Highway classes kept by default from OpenStreetMap (Overpass, .osm, .osm.pbf): drivable roads
#: down to tertiary, with their links.
road_classes: tuple[str, ...] = (
    "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link",
    "secondary", "secondary_link", "tertiary", "tertiary_link",
)  # fmt: skip

#: Effective travel speed (km/h) on the offline scgraph major-road graph, which has no road
#: classes: one number for every edge, and results on that graph say ``approximate=True``.
#: ``None`` takes ``offline_effective_kmh`` from the speed profile (``data/speed_profile_cn.yaml``).
offline_speed_kmh: float | None = None

#: Speed (km/h) of the access leg from a point to the road node it snaps to (straight line).
access_speed_kmh: float = 30.0

#: A point farther than this (metres) from the network's largest strongly connected component
#: raises :class:`portgeo.errors.SnapError`.
max_snap_m: float = 20_000.0

#: Access model of filled catchments (``shape="filled"``, the default of
#: :func:`portgeo.roads.catchments.compute_catchments`): from every reached point of the network,
#: the time left is spent off it, in a straight line, at this speed (km/h). 25 km/h is the speed
#: of local roads as the crow flies: the speed profile's travel speeds on unclassified and
#: tertiary roads are 32 km/h and on residential streets 24 km/h, and local roads wind (road
#: distance is typically 1.2-1.4 times the straight line), which brings 32 km/h down to 23-27
#: km/h. It is lower than ``access_speed_kmh`` (30), the snap leg of an origin, which has its own
#: access road (an airport's is direct).
egress_speed_kmh: float = 25.0

#: ... and never farther than this (metres) from the reached point: 8 km, 19 minutes at
#: ``egress_speed_kmh``. East of 105 E and south of 42 N, 77 % of China's ground lies within
#: 8 km of a road of the offline major-road graph (63 % within 5 km, 84 % within 10 km; median
#: 3.4 km); west of 100 E only 22 % does (median 24 km), the rest being mountain, desert and
#: plateau without local roads either (``benchmarks/measure_road_gaps.py``). The cap fills the
#: gaps of the eastern road mesh and leaves larger gaps as holes. The road-distance catchment
#: uses the same cap, its remaining distance counted metre for metre off the network.
egress_max_m: float = 8_000.0

#: Buffer (metres) around reached road segments when drawing a road-buffer catchment
#: (``shape="roads"``).
catchment_buffer_m: float = 2_000.0

#: Include ferry routes (``route=ferry`` ways; the Qiongzhou Strait ferry of ``data/ferries_cn.csv``
#: on the offline graph) unless told otherwise.
ferries: bool = True

#: Overpass answers and converted graphs are cached under ``cache_dir / "networks"``.
network_cache: bool = True

#: Where the ``.osm.pbf`` reader keeps node locations while it streams a file (a pyosmium
#: node-location index): ``None`` picks ``"sparse_mmap_array"`` where pyosmium has it (Linux: an
#: anonymous memory map that grows without copying, about 19 bytes per node of the file) and
#: ``"flex_mem"`` elsewhere (the same 16 bytes per entry in a vector, up to twice that while it
#: grows); ``"sparse_file_array,PATH"`` keeps the locations in a file at PATH instead.
pbf_node_index: str | None = None

# --- maps (helper: maps) -------------------------------------------------------------------------

#: Chromium used by :func:`portgeo.maps.snapshot.render_pngs` and the notebooks' snapshot (headless,
#: through Playwright). Environment variable ``PORTGEO_CHROMIUM``; default Debian's
#: ``/usr/bin/chromium``.
chromium_path: Path = Path(os.environ.get("PORTGEO_CHROMIUM", "").strip() or "/usr/bin/chromium")

#: Chinese fonts of the printed pages (``portgeo maps --png/--pdf``,
#: :mod:`portgeo.maps.briefing`), by family name; the first one installed is used, and none
#: installed is a :class:`portgeo.errors.FontError` (Debian: ``apt-get install fonts-noto-cjk``).
briefing_fonts: tuple[str, ...] = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Micro Hei",
    "Microsoft YaHei", "PingFang SC",
)  # fmt: skip
