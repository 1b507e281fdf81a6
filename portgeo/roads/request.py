"""What a user asks of catchments, and the one call that answers it.

The command line and the notebooks describe catchments the same way: a :class:`CatchmentRequest`
holds the origins (IATA codes, or one point with its datum), the thresholds, the kinds and shape
of catchment, and the road network. :func:`run_catchments` checks the request, finds the origins
(:func:`portgeo.airports.lookup_airport`; GCJ-02 coordinates converted to WGS84), refuses road
catchments in Taiwan on the offline network (it has no roads there), loads the network (once, or
around each origin for Overpass) and returns a :class:`CatchmentResult`: the catchments and the
lines a terminal shows of them. Writing the file is the caller's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from portgeo.airports import lookup_airport
from portgeo.errors import InputError
from portgeo.geo.crs import gcj02_to_wgs84
from portgeo.layout.boundaries import province_at
from portgeo.layout.points import check_lat_lon
from portgeo.roads.catchments import (
    CATCHMENT_KINDS,
    CATCHMENT_SHAPES,
    check_thresholds,
    compute_catchments,
)
from portgeo.roads.load import load_network
from portgeo.roads.network import RoadNetwork

__all__ = [
    "DATUMS",
    "MAX_BUFFER_M",
    "MAX_SNAP_KM",
    "CatchmentRequest",
    "CatchmentResult",
    "run_catchments",
]

#: Plausibility bounds of the road options: a buffer or a snap wider than a province is a typing
#: or unit mistake.
MAX_BUFFER_M = 50_000.0
MAX_SNAP_KM = 500.0

#: Datums of a point given by coordinates.
DATUMS: tuple[str, ...] = ("wgs84", "gcj02")


def _positive_at_most(value: float | None, limit: float, what: str) -> None:
    if value is not None and not 0 < value <= limit:  # NaN fails too
        raise InputError(f"{what} must be a positive number of at most {limit:g}, got {value!r}")


@dataclass(frozen=True)
class CatchmentRequest:
    """Catchments of one or more origins, as the user asks them.

    Attributes
    ----------
    iata : tuple of str
        IATA codes (or airport names) of the origins; or give ``lat``/``lon``.
    lat, lon : float, optional
        One origin by coordinates, in degrees.
    crs : {"wgs84", "gcj02"}, optional
        Datum of ``lat``/``lon`` (default WGS84; GCJ-02 for coordinates copied from Amap/Gaode).
    minutes : float, optional
        Drive-time threshold (default: the admission rule's drive,
        :func:`portgeo.roads.catchments.default_thresholds`).
    km : float, optional
        Circle radius and road-distance threshold (default: the admission rule's distance).
    kinds : tuple of {"circle", "distance", "time"}
        Default all three.
    shape : {"filled", "roads"}
        Shape of the road catchments (see :func:`portgeo.roads.catchments.reach_polygon`).
    buffer_m : float, optional
        Buffer of the reached roads (``shape="roads"`` only), at most :data:`MAX_BUFFER_M`.
    clip : {"china"}, optional
        Cut the road catchments to China's polygon.
    infill : bool, default False
        Fill the holes of the road catchments.
    max_snap_km : float, optional
        Farthest an origin may lie from the network (default ``settings.max_snap_m``), at most
        :data:`MAX_SNAP_KM`.
    ferries : bool, default True
        Use ferry routes.
    network : str or pathlib.Path, default "offline"
        ``"offline"``, ``"overpass"`` (queried around each origin) or a ``.osm.pbf``/``.osm`` file.
    """

    iata: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    crs: str | None = None
    minutes: float | None = None
    km: float | None = None
    kinds: tuple[str, ...] = CATCHMENT_KINDS
    shape: str = "filled"
    buffer_m: float | None = None
    clip: str | None = None
    infill: bool = False
    max_snap_km: float | None = None
    ferries: bool = True
    network: str | Path = "offline"

    @property
    def road_kinds(self) -> tuple[str, ...]:
        """The kinds that need a road network."""
        return tuple(k for k in self.kinds if k != "circle")

    def check(self) -> None:
        """Check the request before any lookup or network.

        Raises
        ------
        portgeo.errors.InputError
            No origin or two kinds of origin, one coordinate only or out of range, an unknown
            datum, kind, shape or clip, or a threshold that is not plausible.
        """
        if (self.lat is None) != (self.lon is None):
            raise InputError("give both --lat and --lon")
        if not self.iata and self.lat is None:
            raise InputError("give --iata CODE [CODE ...], or --lat LAT --lon LON")
        if self.iata and self.lat is not None:
            raise InputError("give either --iata or --lat/--lon, not both")
        lat, lon = self.lat, self.lon
        if lat is not None and lon is not None:
            check_lat_lon(lat, lon)
        if (self.crs or "wgs84") not in DATUMS:
            raise InputError(f"crs must be one of {', '.join(DATUMS)}, got {self.crs!r}")
        bad = [k for k in self.kinds if k not in CATCHMENT_KINDS]
        if bad or not self.kinds:
            raise InputError(f"kinds must be a non-empty subset of {','.join(CATCHMENT_KINDS)}, "
                             f"got {','.join(self.kinds)!r}")  # fmt: skip
        if self.shape not in CATCHMENT_SHAPES:
            raise InputError(
                f"shape must be one of {', '.join(CATCHMENT_SHAPES)}, got {self.shape!r}"
            )
        if self.clip not in (None, "china"):
            raise InputError(f"clip must be 'china' or None, got {self.clip!r}")
        check_thresholds(self.minutes, self.km)
        _positive_at_most(self.buffer_m, MAX_BUFFER_M, "buffer_m (metres)")
        _positive_at_most(self.max_snap_km, MAX_SNAP_KM, "max_snap_km")

    def origins(self) -> gpd.GeoDataFrame:
        """Return the origins as WGS84 points with an ``origin_id`` column.

        Returns
        -------
        geopandas.GeoDataFrame
            IATA codes as ids, or ``"lat,lon"`` as given for a point.

        Raises
        ------
        portgeo.errors.InputError
            An unknown code (the message suggests the closest ones).
        """
        if self.iata:
            airports = [lookup_airport(code) for code in self.iata]
            ids = [a.iata for a in airports]
            lons, lats = [a.lon for a in airports], [a.lat for a in airports]
        else:
            lat, lon = float(self.lat), float(self.lon)  # type: ignore[arg-type]
            if self.crs == "gcj02":
                lon, lat = (float(v) for v in gcj02_to_wgs84(lon, lat))
            ids, lons, lats = [f"{self.lat:g},{self.lon:g}"], [lon], [lat]
        return gpd.GeoDataFrame({"origin_id": ids}, geometry=gpd.points_from_xy(lons, lats),
                                crs="EPSG:4326")  # fmt: skip


@dataclass
class CatchmentResult:
    """A request answered: one catchment per origin and kind.

    Attributes
    ----------
    request : CatchmentRequest
    catchments : geopandas.GeoDataFrame
        From :func:`portgeo.roads.catchments.compute_catchments` (EPSG:4326).
    """

    request: CatchmentRequest
    catchments: gpd.GeoDataFrame

    def layers(self) -> dict[str, gpd.GeoDataFrame]:
        """Return the result's GIS layer: ``catchments``.

        Returns
        -------
        dict of str to geopandas.GeoDataFrame
        """
        return {"catchments": self.catchments}

    def lines(self) -> list[str]:
        """Return one line per catchment: origin, kind, threshold, snap and whether approximate.

        Returns
        -------
        list of str
        """
        out = []
        for row in self.catchments.itertuples():
            snap = "" if pd.isna(row.snap_m) else f", snapped {row.snap_m / 1000:.1f} km"
            approx = " (approximate)" if row.approximate else ""
            out.append(f"{row.origin_id} {row.kind} {row.threshold:g} {row.unit}{snap}{approx}")
        return out


def _refuse_taiwan(points: gpd.GeoDataFrame) -> None:
    """Refuse road catchments from an origin in Taiwan, where the offline graph has no roads."""
    for oid, pt in zip(points["origin_id"], points.geometry, strict=True):
        prov = province_at(pt.x, pt.y)
        if prov is not None and str(prov["name_zh"]).startswith("台湾"):
            raise InputError(
                f"{oid} lies in Taiwan, where the offline road network has no roads (it covers "
                "the mainland, Hong Kong, Macao and the neighbours); give --kinds circle, or "
                "--network with an OSM extract of Taiwan"
            )


def _compute(
    net: RoadNetwork | None, points: gpd.GeoDataFrame, request: CatchmentRequest
) -> gpd.GeoDataFrame:
    snap_km = request.max_snap_km
    return compute_catchments(
        net, points, max_minutes=request.minutes, max_km=request.km, kinds=request.kinds,
        shape=request.shape, buffer_m=request.buffer_m, clip=request.clip, infill=request.infill,
        max_snap_m=None if snap_km is None else snap_km * 1000.0,
    )  # fmt: skip


def run_catchments(request: CatchmentRequest) -> CatchmentResult:
    """Answer a catchment request: find the origins, load the network and compute.

    Parameters
    ----------
    request : CatchmentRequest

    Returns
    -------
    CatchmentResult

    Raises
    ------
    portgeo.errors.InputError
        A request :meth:`CatchmentRequest.check` refuses, an unknown code, an origin in Taiwan
        on the offline network, or a network file that cannot be read.
    portgeo.errors.SnapError
        An origin lies too far from the network.
    """
    request.check()
    points = request.origins()
    if not request.road_kinds:
        return CatchmentResult(request, _compute(None, points, request))
    if str(request.network) == "offline":
        _refuse_taiwan(points)
    if str(request.network) != "overpass":
        net = load_network(request.network, ferries=request.ferries)
        return CatchmentResult(request, _compute(net, points, request))
    _, km = check_thresholds(request.minutes, request.km)
    frames = []
    for i in range(len(points)):
        pt = points.iloc[[i]]
        net = load_network("overpass", center=(pt.geometry.x.iloc[0], pt.geometry.y.iloc[0]),
                           dist_m=km * 1000.0, ferries=request.ferries)  # fmt: skip
        frames.append(_compute(net, pt, request))
    gdf = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs="EPSG:4326")
    return CatchmentResult(request, gdf)
