"""Road networks and what is reachable on them: the catchments of the air-port spacing rule.

Data flow inside this stage: a source (:mod:`~portgeo.roads.sources`) → a
:class:`~portgeo.roads.network.RoadNetwork` (compact arrays; speeds from
:mod:`~portgeo.roads.speeds`, roads chosen by :mod:`~portgeo.roads.filters`, ferries from
:mod:`~portgeo.roads.ferries`) → searches (:mod:`~portgeo.roads.kernels`) → catchments,
coverage and routes (:mod:`~portgeo.roads.catchments`). A user's request for catchments is one
:class:`~portgeo.roads.request.CatchmentRequest`, answered by
:func:`~portgeo.roads.request.run_catchments` (:mod:`~portgeo.roads.request`).
"""

from __future__ import annotations

from portgeo.roads.load import load_network
from portgeo.roads.network import RoadNetwork
from portgeo.roads.request import CatchmentRequest, CatchmentResult, run_catchments

__all__ = ["CatchmentRequest", "CatchmentResult", "RoadNetwork", "load_network", "run_catchments"]
