"""portgeo: model, map and analyse China's port (口岸) layout plans.

The package reads as the data flow, one stage per subpackage (``docs/architecture.md``):

- ``data/`` → :mod:`portgeo.catalogue` (the plans' entities and their 专栏 registry, typed and
  located) and :mod:`portgeo.airports` (one airport lookup);
- :mod:`portgeo.geo`: plan-agnostic geometry (WGS84 ↔ GCJ-02, geodesy, lines, polygons);
- :mod:`portgeo.layout`: the plans' geometry (boundary, borders, belts, clusters, hubs);
  :mod:`portgeo.population`: where people live, as points (GeoNames or a user's file);
- :mod:`portgeo.roads`: road networks and catchments (circle, road distance, drive time);
- :mod:`portgeo.rules`: the airport admission check, volume standards, plan comparison;
- :mod:`portgeo.maps`: interactive maps, their recipes and the admission report;
  :mod:`portgeo.summaries`: each 专栏's numbers, read beside its map;
- :mod:`portgeo.export`, :mod:`portgeo.writers`, :mod:`portgeo.cli`: GIS export, the chosen
  writer of a result, and the ``portgeo`` command line; :mod:`portgeo.notebook`: the notebooks'
  one call (``show_column``).

The public API is :data:`PUBLIC_API` (listed here, documented in ``docs/api.md``): each name
is importable from ``portgeo`` itself (``from portgeo import run_check``), loaded from its module
on first use, so ``import portgeo`` stays light and the stages keep their order.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from portgeo import settings
from portgeo.errors import PortgeoError, PortgeoWarning

__version__ = "0.1.0"

#: The public API: name → the module that defines it (one place; ``docs/api.md`` explains each).
PUBLIC_API: dict[str, str] = {
    # the plans
    "load_catalogue": "portgeo.catalogue",
    "load_entities": "portgeo.catalogue",
    "lookup_airport": "portgeo.airports",
    # their geometry
    "china_polygon": "portgeo.layout.boundaries",
    "province_at": "portgeo.layout.boundaries",
    "load_boundary": "portgeo.layout.boundaries",
    "load_provinces": "portgeo.layout.boundaries",
    "land_neighbours": "portgeo.layout.neighbours",
    "load_belt_regions": "portgeo.layout.neighbours",
    "build_belts": "portgeo.layout.belts",
    "load_clusters": "portgeo.layout.clusters",
    "load_hubs": "portgeo.layout.hubs",
    "layout_layers": "portgeo.layout.layers",
    # roads and catchments
    "load_network": "portgeo.roads",
    "CatchmentRequest": "portgeo.roads",
    "run_catchments": "portgeo.roads",
    "compute_catchments": "portgeo.roads.catchments",
    "uncovered_area": "portgeo.roads.coverage",
    # the admission rule
    "CandidateInput": "portgeo.rules.admission",
    "Facts": "portgeo.rules.admission",
    "RegisterInput": "portgeo.rules.admission",
    "CheckRequest": "portgeo.rules.admission",
    "run_check": "portgeo.rules.admission",
    "check_airport": "portgeo.rules.admission",
    "BatchRequest": "portgeo.rules.admission",
    "run_batch": "portgeo.rules.admission",
    "check_airports": "portgeo.rules.admission",
    "EligibilityRequest": "portgeo.rules.admission",
    "run_eligibility": "portgeo.rules.admission",
    "load_admission_rule": "portgeo.rules.admission",
    "load_register": "portgeo.rules.admission",
    "load_open_air_ports": "portgeo.rules.admission",
    # who is served, and where the next air ports should go
    "load_population": "portgeo.population",
    "population_reach": "portgeo.rules.reach",
    "served_population": "portgeo.rules.reach",
    "SitingRequest": "portgeo.rules.siting",
    "run_siting": "portgeo.rules.siting",
    "add_siting_layer": "portgeo.maps.siting",
    # volumes and comparisons
    "read_port_volumes": "portgeo.rules.volumes",
    "check_port_volumes": "portgeo.rules.volumes",
    "compare_plans": "portgeo.rules.compare",
    # maps, reports, exports, writers
    "MapsRequest": "portgeo.maps",
    "run_maps": "portgeo.maps",
    "build_map": "portgeo.maps",
    "save_map": "portgeo.maps",
    "display_map": "portgeo.maps",
    "write_admission_report": "portgeo.maps.report",
    "export_layers": "portgeo.export",
    "layer_frames": "portgeo.export",
    "CheckOutput": "portgeo.writers",
    "render_check": "portgeo.writers",
    # notebooks
    "show_column": "portgeo.notebook",
    "open_column": "portgeo.notebook",
    "show_table": "portgeo.notebook",
}

__all__ = ["PUBLIC_API", "PortgeoError", "PortgeoWarning", "__version__", "settings", *PUBLIC_API]


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use (PEP 562)."""
    module = PUBLIC_API.get(name)
    if module is None:
        raise AttributeError(f"module 'portgeo' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


logging.getLogger(__name__).addHandler(logging.NullHandler())
