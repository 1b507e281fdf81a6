"""What the admission check asks of a road network, and the adapter that answers from one.

The check needs three answers: road distance and drive time from the candidate to many opened
ports, the fastest route to one, and drive-time catchments for the report's map. :class:`Router`
states them as a protocol; :class:`NetworkRouter` answers them from a
:class:`portgeo.roads.network.RoadNetwork`. Tests pass a hand-checkable double instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import geopandas as gpd
import pandas as pd

from portgeo.errors import InputError
from portgeo.roads import catchments
from portgeo.roads.load import load_network
from portgeo.roads.network import RoadNetwork
from portgeo.rules.admission.candidate import Candidate
from portgeo.rules.admission.rule import AdmissionRule

__all__ = [
    "OVERPASS_ROAD_CLASSES",
    "SCREEN_SPEED_KMH",
    "NetworkRouter",
    "Router",
    "as_router",
    "load_check_network",
]

#: Upper bound on road speed used to decide which opened ports could possibly lie within the drive
#: threshold (a port farther than threshold x this speed in straight line cannot). A screening
#: bound only, not a rule parameter.
SCREEN_SPEED_KMH = 150.0

#: Road classes fetched from Overpass for an admission check (drives between airports run on
#: the major roads; a box of several hundred km down to tertiary roads is too big to query).
OVERPASS_ROAD_CLASSES: tuple[str, ...] = (
    "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link",
)  # fmt: skip


@runtime_checkable
class Router(Protocol):
    """The road questions of the admission check.

    Attributes
    ----------
    source : str
        Description of the network.
    approximate : bool
        Whether drive times are approximate.
    max_speed_kmh : float
        Top road speed (bounds which ports need routing).
    """

    source: str
    approximate: bool
    max_speed_kmh: float

    def measure_to_destinations(
        self, origin: tuple[float, float], destinations: gpd.GeoDataFrame,
        cutoff_minutes: float | None = None,
    ) -> pd.DataFrame:  # fmt: skip
        """Road km, drive minutes and reachability from ``origin`` to each destination."""
        ...

    def fastest_route(
        self, origin: tuple[float, float], destination: tuple[float, float]
    ) -> dict[str, Any]:
        """Return the fastest route (``geometry``, ``road_km``, ``drive_min``)."""
        ...

    def compute_catchments(self, points: gpd.GeoDataFrame, *, minutes: float) -> gpd.GeoSeries:
        """Drive-time catchment polygons of ``points``, in their order."""
        ...


class NetworkRouter:
    """Answer the check's road questions from a :class:`~portgeo.roads.network.RoadNetwork`.

    Parameters
    ----------
    network : RoadNetwork
    """

    #: One search from the candidate reaches every destination: the check measures them all.
    measures_all = True

    def __init__(self, network: RoadNetwork) -> None:
        self.network = network
        self.source = network.source
        self.approximate = network.approximate
        self.max_speed_kmh = network.max_speed_kmh

    def measure_to_destinations(
        self, origin: tuple[float, float], destinations: gpd.GeoDataFrame,
        cutoff_minutes: float | None = None,
    ) -> pd.DataFrame:  # fmt: skip
        """See :func:`portgeo.roads.catchments.measure_to_destinations`."""
        return catchments.measure_to_destinations(
            self.network, origin, destinations, cutoff_minutes=cutoff_minutes
        )

    def fastest_route(
        self, origin: tuple[float, float], destination: tuple[float, float]
    ) -> dict[str, Any]:
        """See :func:`portgeo.roads.catchments.fastest_route`."""
        return catchments.fastest_route(self.network, origin, destination)

    def compute_catchments(self, points: gpd.GeoDataFrame, *, minutes: float) -> gpd.GeoSeries:
        """Drive-time catchments (see :func:`portgeo.roads.catchments.compute_catchments`)."""
        out = catchments.compute_catchments(
            self.network, points, max_minutes=minutes, kinds=("time",), progress=False
        )
        return out.geometry.reset_index(drop=True)


def as_router(network: RoadNetwork | Router | str | Path | None) -> Router | None:
    """Wrap a network so the check can call it.

    Parameters
    ----------
    network : RoadNetwork, Router, str, Path or None
        A network from :func:`portgeo.roads.load_network`; a source (``"offline"``, a
        ``.osm.pbf`` path) to load; an object that already is a :class:`Router` (e.g. a test
        double); or ``None`` (no road network: the drive criterion stays unknown).

    Returns
    -------
    Router or None

    Raises
    ------
    portgeo.errors.InputError
        Anything else.
    """
    if network is None:
        return None
    if isinstance(network, RoadNetwork):
        return NetworkRouter(network)
    if isinstance(network, str | Path):
        if str(network) == "overpass":
            raise InputError("--network overpass needs a candidate: use load_check_network")
        return NetworkRouter(load_network(network))
    if isinstance(network, Router):
        return network
    raise InputError(
        f"network must be a RoadNetwork, a source name or a path, not {type(network).__name__}"
    )


def load_check_network(source: str | Path, candidate: Candidate, *, rule: AdmissionRule) -> Router:
    """Load the road network for checking one candidate.

    Parameters
    ----------
    source : str or Path
        ``"offline"`` (the whole offline graph), ``"overpass"`` (major roads, see
        :data:`OVERPASS_ROAD_CLASSES`, in a box around the candidate wide enough to reach every
        port that could lie within the drive threshold) or a ``.osm.pbf``/``.osm`` path.
    candidate : Candidate
        The candidate (centre of an Overpass query).
    rule : AdmissionRule
        Gives the drive threshold that sizes the Overpass box.

    Returns
    -------
    Router
    """
    if str(source) == "overpass":
        half_km = rule.min_drive_min / 60.0 * SCREEN_SPEED_KMH * 1.1
        net = load_network(
            "overpass", center=(candidate.lon, candidate.lat), dist_m=half_km * 1000.0,
            road_filter=OVERPASS_ROAD_CLASSES,
        )  # fmt: skip
        router = as_router(net)
    else:
        router = as_router(source)
    assert router is not None
    return router
