"""One loader for every road network source: offline graph, Overpass or a local OSM file."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from shapely.geometry import Polygon

from portgeo import settings
from portgeo.errors import InputError
from portgeo.roads.network import RoadNetwork
from portgeo.roads.sources.offline import load_offline
from portgeo.roads.sources.osmfile import load_osm_file
from portgeo.roads.sources.overpass import load_overpass
from portgeo.roads.speeds import SpeedProfile, load_speed_profile

__all__ = ["load_network"]


def load_network(
    source: str | Path = "offline",
    *,
    bbox: tuple[float, float, float, float] | None = None,
    polygon: Polygon | None = None,
    center: tuple[float, float] | None = None,
    dist_m: float | None = None,
    road_filter: Sequence[str] | str | None = None,
    speed_profile: SpeedProfile | str | Path | None = None,
    ferries: bool | None = None,
    cache: bool | None = None,
) -> RoadNetwork:
    """Load a road network from the offline graph, Overpass or a local OSM file.

    Parameters
    ----------
    source : {"offline", "overpass"} or path
        ``"offline"``: the scgraph-data major-road graph of China and its neighbours (no
        download). ``"overpass"``: OSMnx from the Overpass API (needs one of ``center`` +
        ``dist_m``, ``bbox`` or ``polygon``). A path to ``.osm.pbf`` (streamed with pyosmium,
        arrays cached) or ``.osm``/``.xml`` (osmnx).
    bbox : tuple, optional
        ``(lon_min, lat_min, lon_max, lat_max)``: area to query (Overpass), or to clip to
        (offline and files).
    polygon : shapely.Polygon, optional
        Area to query (Overpass) or clip to, in EPSG:4326.
    center : tuple, optional
        ``(lon, lat)`` centre of a query; with ``dist_m``, the half side of the query box.
    dist_m : float, optional
        See ``center``.
    road_filter : sequence of str or str, optional
        OSM highway classes to keep (default ``settings.road_classes``: down to tertiary with
        links). For Overpass a raw Overpass filter string (``'["highway"~"..."]'``) is accepted
        too. Not used by the offline graph (it has no classes).
    speed_profile : SpeedProfile or path, optional
        Default: ``data/speed_profile_cn.yaml``.
    ferries : bool, optional
        Keep ferry routes (default ``settings.ferries``).
    cache : bool, optional
        Use the on-disk cache (default ``settings.network_cache``).

    Returns
    -------
    RoadNetwork

    Raises
    ------
    portgeo.errors.InputError
        Unknown source or missing query area.
    portgeo.errors.NetworkError
        The source gave no usable roads.
    """
    profile = (
        speed_profile
        if isinstance(speed_profile, SpeedProfile)
        else load_speed_profile(speed_profile)
    )
    ferries = settings.ferries if ferries is None else bool(ferries)
    cache = settings.network_cache if cache is None else bool(cache)
    if center is not None and dist_m is None:
        raise InputError("center needs dist_m (the half side of the query box, metres)")
    if isinstance(source, str) and source == "offline":
        clip = bbox or (polygon.bounds if polygon is not None else None)
        if clip is None and center is not None:
            clip = _bbox_around(center, float(dist_m or 0))
        return load_offline(clip=clip, profile=profile, ferries=ferries, cache=cache)
    if isinstance(source, str) and source == "overpass":
        return load_overpass(
            bbox=bbox,
            polygon=polygon,
            center=center,
            dist_m=dist_m,
            road_filter=road_filter,
            profile=profile,
            ferries=ferries,
            cache=cache,
        )
    return load_osm_file(Path(source), road_filter=road_filter, profile=profile, ferries=ferries,
                         bbox=bbox, polygon=polygon, label=str(source), cache=cache)  # fmt: skip


def _bbox_around(center: tuple[float, float], dist_m: float) -> tuple[float, float, float, float]:
    lon, lat = center
    dlat = dist_m / 111_320.0
    dlon = dist_m / (111_320.0 * max(math.cos(math.radians(lat)), 1e-6))
    return (lon - dlon, lat - dlat, lon + dlon, lat + dlat)
