"""portgeo: model, map and analyse China's port (口岸) layout plans.

Modules by concern:

- :mod:`portgeo.catalogue`: the three plans' entities, typed and located (``data/``).
- :mod:`portgeo.crs`, :mod:`portgeo.geodesy`: WGS84/GCJ-02 conversion and geodesic measures.
- :mod:`portgeo.boundaries`, :mod:`portgeo.belts`, :mod:`portgeo.clusters`, :mod:`portgeo.hubs`:
  layout geometry (official boundary, border belts, coastal clusters, air hubs).
- :mod:`portgeo.networks`, :mod:`portgeo.speeds`, :mod:`portgeo.catchments`: road networks and
  200 km / 2-hour catchments.
- :mod:`portgeo.admission`: the 专栏5 airport admission check.
- :mod:`portgeo.maps`: interactive layout maps and briefing HTML.
- :mod:`portgeo.cli`: the ``portgeo`` command line.
"""

from __future__ import annotations

import logging

from portgeo import settings
from portgeo.errors import PortgeoError, PortgeoWarning

__version__ = "0.1.0"

__all__ = ["PortgeoError", "PortgeoWarning", "__version__", "settings"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
