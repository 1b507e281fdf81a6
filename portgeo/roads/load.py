"""One loader for every road network source: offline graph, Overpass or a local OSM file.

A local file is checked before a reader sees it (:func:`check_osm_file`): an empty path, a
folder, an empty file, a ``.osm.pbf`` that is not one or is cut short, and an ``.osm`` file
whose root element is not ``<osm>`` each give one :class:`~portgeo.errors.NetworkError` that
says what is wrong, whichever PBF reader is installed.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence
from pathlib import Path
from xml.etree import ElementTree

from shapely.geometry import Polygon

from portgeo import settings
from portgeo.errors import InputError, NetworkError
from portgeo.roads.network import RoadNetwork
from portgeo.roads.sources.offline import load_offline
from portgeo.roads.sources.osmfile import load_osm_file
from portgeo.roads.sources.overpass import load_overpass
from portgeo.roads.speeds import SpeedProfile, load_speed_profile

__all__ = ["check_osm_file", "load_network"]

#: Largest BlobHeader of a valid ``.osm.pbf`` (the format's limit, 64 KiB).
_PBF_MAX_HEADER = 64 * 1024
#: Largest Blob of a valid ``.osm.pbf`` (the format's limit, 32 MiB).
_PBF_MAX_BLOB = 32 * 1024 * 1024


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
    if isinstance(source, str) and not source.strip():
        raise InputError(
            "the network source is empty; give offline, overpass or a .osm.pbf/.osm file"
        )
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
    check_osm_file(Path(source))
    return load_osm_file(Path(source), road_filter=road_filter, profile=profile, ferries=ferries,
                         bbox=bbox, polygon=polygon, label=str(source), cache=cache)  # fmt: skip


def _bbox_around(center: tuple[float, float], dist_m: float) -> tuple[float, float, float, float]:
    lon, lat = center
    dlat = dist_m / 111_320.0
    dlon = dist_m / (111_320.0 * max(math.cos(math.radians(lat)), 1e-6))
    return (lon - dlon, lat - dlat, lon + dlon, lat + dlat)


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if pos >= len(buf) or shift > 63:
            raise ValueError("bad varint")
        byte = buf[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, pos


def _blob_header(buf: bytes) -> tuple[str, int]:
    """(type, datasize) of a PBF BlobHeader message (fields 1 and 3)."""
    kind, size, pos = None, None, 0
    while pos < len(buf):
        key, pos = _varint(buf, pos)
        field_no, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _varint(buf, pos)
            if field_no == 3:
                size = value
        elif wire == 2:
            n, pos = _varint(buf, pos)
            if field_no == 1:
                kind = buf[pos : pos + n].decode("ascii", "replace")
            pos += n
        else:
            raise ValueError(f"unexpected wire type {wire}")
    if kind is None or size is None or pos != len(buf):
        raise ValueError("incomplete BlobHeader")
    return kind, size


def _check_pbf(path: Path, label: str) -> None:
    """Walk the blocks of a .osm.pbf (headers only): its first block is OSMHeader, none is cut."""
    size = path.stat().st_size
    offset, first = 0, True
    with open(path, "rb") as fh:
        while offset < size:
            head = fh.read(4)
            if len(head) < 4:
                break
            (n,) = struct.unpack(">I", head)
            body = fh.read(n) if 0 < n <= _PBF_MAX_HEADER else b""
            try:
                if len(body) != n:
                    raise ValueError("short header")
                kind, blob = _blob_header(body)
            except ValueError:
                if first:
                    raise NetworkError(
                        f"network file {label} is not an OSM PBF file (no OSMHeader block at its "
                        "start); download the extract again, or pass an .osm XML file"
                    ) from None
                raise NetworkError(
                    f"network file {label} is damaged at byte {offset:,} of {size:,} (an "
                    "interrupted download?); download it again"
                ) from None
            if first and kind != "OSMHeader":
                raise NetworkError(
                    f"network file {label} is not an OSM PBF file (its first block is "
                    f"{kind!r}, not OSMHeader)"
                )
            if blob > _PBF_MAX_BLOB:
                raise NetworkError(f"network file {label} is damaged at byte {offset:,}")
            offset += 4 + n + blob
            fh.seek(offset)
            first = False
    if offset != size or first:
        raise NetworkError(
            f"network file {label} is cut short ({size:,} bytes; its last block needs "
            f"{offset:,}): an interrupted download? download it again"
        )


def check_osm_file(path: Path, label: str | None = None) -> None:
    """Check that a local network file is what its name says, before a reader parses it.

    Parameters
    ----------
    path : pathlib.Path
        A ``.osm.pbf``, ``.osm`` or ``.xml`` file (other names are left to the reader, which
        refuses them).
    label : str, optional
        How the user named the file (for messages).

    Raises
    ------
    portgeo.errors.InputError
        Not an existing file.
    portgeo.errors.NetworkError
        An empty file; a ``.pbf`` that is not OSM PBF or is cut short; an XML file that cannot be
        parsed or whose root element is not ``<osm>``.
    """
    label = label or str(path)
    if path.is_dir():
        raise InputError(f"network source {label!r} is a folder; give a .osm.pbf or .osm file")
    if not path.is_file():
        return  # the reader says what the source may be
    name = path.name.lower()
    if not name.endswith((".pbf", ".osm", ".xml")):
        return
    if path.stat().st_size == 0:
        raise NetworkError(f"network file {label} is empty; download the extract again")
    if name.endswith(".pbf"):
        _check_pbf(path, label)
        return
    try:
        for _event, elem in ElementTree.iterparse(path, events=("start",)):
            tag = elem.tag.rsplit("}", 1)[-1]
            if tag != "osm":
                raise NetworkError(
                    f"network file {label} is XML but not OpenStreetMap data (its root element "
                    f"is <{tag}>, not <osm>)"
                )
            break
    except ElementTree.ParseError as exc:
        raise NetworkError(f"network file {label} is not valid XML: {exc}") from exc
