"""portgeo: model, map and analyse China's port (口岸) layout plans.

The package reads as the data flow, one stage per subpackage (``docs/architecture.md``):

- ``data/`` → :mod:`portgeo.catalogue` (the plans' entities and their 专栏 registry, typed and
  located) and :mod:`portgeo.airports` (one airport lookup);
- :mod:`portgeo.geo`: plan-agnostic geometry (WGS84 ↔ GCJ-02, geodesy, lines, polygons);
- :mod:`portgeo.layout`: the plans' geometry (boundary, borders, belts, clusters, hubs);
- :mod:`portgeo.roads`: road networks and 200 km / 2-hour catchments;
- :mod:`portgeo.rules`: the airport admission check, volume standards, plan comparison;
- :mod:`portgeo.maps`: interactive maps, their recipes and the admission report;
  :mod:`portgeo.summaries`: each 专栏's numbers, read beside its map;
- :mod:`portgeo.export`, :mod:`portgeo.cli`: GIS export and the ``portgeo`` command line;
  :mod:`portgeo.notebook`: the notebooks' one call (``open_column``: map, table, export).
"""

from __future__ import annotations

import logging

from portgeo import settings
from portgeo.errors import PortgeoError, PortgeoWarning

__version__ = "0.1.0"

__all__ = ["PortgeoError", "PortgeoWarning", "__version__", "settings"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
