"""Road networks from the Overpass API, through osmnx, cached by a hash of the request.

One area per request (a point with a distance, a bounding box or a polygon); osmnx splits big
areas by its own ``max_query_area_size``. The filter is :func:`portgeo.roads.filters.overpass_filter`
(the one road rule), plus ``route=ferry`` ways when ferries are wanted. Answers are kept as
GraphML under ``settings.cache_dir / "networks"``, keyed by the request's hash. The answer is
asked for unsimplified and timed way by way before merging
(:func:`portgeo.roads.sources.graph.simplify_timed_graph`, as for OSM XML files), so travel
times do not depend on ``PYTHONHASHSEED``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import networkx as nx
import osmnx as ox
import pandas as pd
from shapely.geometry import Polygon

from portgeo import settings
from portgeo._cache import cache_dir, cached_file
from portgeo.errors import InputError, NetworkError
from portgeo.roads.filters import overpass_filter, resolve_classes
from portgeo.roads.network import RoadNetwork
from portgeo.roads.sources.graph import network_from_graph, osm_way_tags, simplify_timed_graph
from portgeo.roads.speeds import SpeedProfile

__all__ = ["build_overpass_request", "load_overpass", "overpass_cache_path"]


def build_overpass_request(
    *,
    bbox: tuple[float, float, float, float] | None = None,
    polygon: Polygon | None = None,
    center: tuple[float, float] | None = None,
    dist_m: float | None = None,
    road_filter: Sequence[str] | str | None = None,
    ferries: bool = True,
) -> dict[str, Any]:
    """Describe an Overpass road query (the cache key is a hash of this).

    Parameters
    ----------
    bbox, polygon, center, dist_m, road_filter, ferries
        As in :func:`load_network`; exactly one area (``center`` with ``dist_m``, ``bbox`` or
        ``polygon``) is needed.

    Returns
    -------
    dict
        ``kind`` (``point``/``bbox``/``polygon``), the area, ``filters`` (Overpass filters, the
        ferry filter last), ``max_query_area_size`` (osmnx's split setting) and the osmnx version.
    """
    areas = [a is not None for a in (center, bbox, polygon)]
    if sum(areas) != 1:
        raise InputError("give exactly one area: center (+dist_m), bbox or polygon")
    if isinstance(road_filter, str):
        road = road_filter
    else:
        road = overpass_filter(road_filter if road_filter is not None else settings.road_classes)
    filters = [road] + (['["route"="ferry"]'] if ferries else [])
    req: dict[str, Any] = {
        "filters": filters,
        "graph": "unsimplified",  # the cached answer: raw way segments, timed after loading
        "max_query_area_size": float(ox.settings.max_query_area_size),
        "osmnx": ox.__version__,
    }
    if center is not None:
        if not dist_m or dist_m <= 0:
            raise InputError("center needs a positive dist_m (metres)")
        req.update(
            kind="point",
            center=[round(float(center[0]), 7), round(float(center[1]), 7)],
            dist_m=float(dist_m),
        )
    elif bbox is not None:
        x0, y0, x1, y1 = (float(b) for b in bbox)
        if not (x0 < x1 and y0 < y1):
            raise InputError("bbox must be (lon_min, lat_min, lon_max, lat_max)")
        req.update(kind="bbox", bbox=[round(b, 7) for b in (x0, y0, x1, y1)])
    else:
        assert polygon is not None  # exactly one area was checked above
        req.update(kind="polygon", polygon=polygon.wkt)
    return req


def overpass_cache_path(request: dict[str, Any]) -> Path:
    """Return the GraphML cache file of an Overpass request (keyed by its hash).

    Parameters
    ----------
    request : dict
        From :func:`build_overpass_request`.

    Returns
    -------
    pathlib.Path
    """
    blob = json.dumps(request, sort_keys=True, separators=(",", ":")).encode()
    key = hashlib.sha256(blob).hexdigest()[:20]
    return cache_dir("networks") / f"overpass_{key}.graphml"


def load_overpass(
    *,
    bbox: tuple[float, float, float, float] | None,
    polygon: Polygon | None,
    center: tuple[float, float] | None,
    dist_m: float | None,
    road_filter: Sequence[str] | str | None,
    profile: SpeedProfile,
    ferries: bool,
    cache: bool,
) -> RoadNetwork:
    """Query Overpass through osmnx (one area) and convert the answer.

    Parameters
    ----------
    bbox, polygon, center, dist_m, road_filter
        As in :func:`portgeo.roads.load_network`.
    profile : SpeedProfile
    ferries : bool
        Also fetch ``route=ferry`` ways.
    cache : bool
        Keep the answer as GraphML keyed by a hash of the request.

    Returns
    -------
    RoadNetwork

    Raises
    ------
    portgeo.errors.NetworkError
        Overpass could not be reached or gave no roads.
    """
    req = build_overpass_request(
        bbox=bbox,
        polygon=polygon,
        center=center,
        dist_m=dist_m,
        road_filter=road_filter,
        ferries=ferries,
    )
    path = overpass_cache_path(req)
    graph = cached_file(path, lambda: _fetch_overpass(req, bbox, polygon, center, dist_m),
                        read=ox.load_graphml, write=ox.save_graphml, enabled=cache)  # fmt: skip
    meta = {
        "source": "overpass",
        "extract": req.get("kind"),
        "date": graph.graph.get("portgeo_fetched"),
        "request": req,
        "cache_file": str(path) if cache else None,
        "filter": req["filters"],
    }
    classes = None if isinstance(road_filter, str) else resolve_classes(road_filter)
    graph = simplify_timed_graph(graph, classes=classes, ferries=ferries, profile=profile)
    return network_from_graph(
        graph, speed_profile=profile, ferries=ferries, road_filter=classes, metadata=meta
    )


def _fetch_overpass(
    req: dict[str, Any],
    bbox: tuple[float, float, float, float] | None,
    polygon: Polygon | None,
    center: tuple[float, float] | None,
    dist_m: float | None,
) -> nx.MultiDiGraph:
    # unsimplified, so that every raw way is timed from its own tags before merging
    # (simplify_timed_graph): merged tags are a set, whose order follows PYTHONHASHSEED
    kw: dict[str, Any] = {"custom_filter": req["filters"], "retain_all": True, "simplify": False}
    try:
        with osm_way_tags():
            graph = _query(req, bbox, polygon, center, dist_m, kw)
    except (OSError, ValueError) as exc:  # requests' errors are OSErrors; osmnx's ValueErrors
        raise NetworkError(
            f"Overpass query failed ({exc}); check the connection, or use "
            "source='offline' or a local .osm.pbf extract"
        ) from exc
    graph.graph["portgeo_fetched"] = pd.Timestamp.now(tz="UTC").isoformat(timespec="seconds")
    return graph


def _query(
    req: dict[str, Any],
    bbox: tuple[float, float, float, float] | None,
    polygon: Polygon | None,
    center: tuple[float, float] | None,
    dist_m: float | None,
    kw: dict[str, Any],
) -> nx.MultiDiGraph:
    if req["kind"] == "point":
        assert center is not None and dist_m is not None
        return ox.graph_from_point((center[1], center[0]), dist=float(dist_m), **kw)
    if req["kind"] == "bbox":
        assert bbox is not None
        return ox.graph_from_bbox(bbox, **kw)
    return ox.graph_from_polygon(polygon, **kw)
