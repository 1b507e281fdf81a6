"""Geodesic nearest points on lines: a segment index for borders, coasts and roads.

:class:`SegmentIndex` answers "how far is this point from that line, and where on it" for the
border segments, the coastline and any other line set, geodesically and fast (a KD-tree on the
unit sphere, then exact foot points on ~1 km sub-segments). It is plan-agnostic geometry: the
layout modules build indexes of China's lines with it, the road modules use :func:`unit_xyz`
for snapping.
"""

from __future__ import annotations

import numpy as np
import shapely
from scipy.spatial import cKDTree

from portgeo.geo.geodesy import geodesic_distance_m

__all__ = ["SegmentIndex", "foot_points", "line_segments", "nearest_on_lines", "unit_xyz"]


def line_segments(geom: shapely.Geometry) -> np.ndarray:
    """Split (multi)lines into 2-point LineStrings.

    Parameters
    ----------
    geom : shapely.Geometry
        LineString, MultiLineString or a polygon's boundary.

    Returns
    -------
    numpy.ndarray
        Object array of 2-point LineStrings, in the order of the input's coordinates.
    """
    parts = shapely.get_parts(geom)
    out = []
    for ln in parts:
        c = shapely.get_coordinates(ln)
        if len(c) >= 2:
            out.append(shapely.linestrings(np.stack([c[:-1], c[1:]], axis=1)))
    if not out:
        return np.empty(0, dtype=object)
    return np.concatenate(out)


_SAMPLE_DEG = 0.01  # sample spacing along the lines for the KD-tree (~1.1 km)


def unit_xyz(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Return points on the unit sphere, for nearest-neighbour search by chord length.

    Chord length grows monotonically with great-circle distance in every direction, unlike a
    distance in degrees, so a KD-tree on these points finds the truly nearest point.

    Parameters
    ----------
    lon, lat : numpy.ndarray
        Degrees.

    Returns
    -------
    numpy.ndarray
        Shape (n, 3).
    """
    lo, la = np.radians(lon), np.radians(lat)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def foot_points(
    lon: np.ndarray, lat: np.ndarray, a: np.ndarray, b: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Find the nearest point of short segments to points, in a locally isotropic frame.

    Longitudes are scaled by the cosine of each point's latitude so that a degree east and a
    degree north weigh alike (a plain planar foot in degrees can pick the wrong end of a
    segment). Exact to well under a metre on segments of a kilometre or so.

    Parameters
    ----------
    lon, lat : numpy.ndarray
        Points, shape (n,).
    a, b : numpy.ndarray
        Segment ends (lon, lat), shape (n, 2).

    Returns
    -------
    tuple of numpy.ndarray
        Foot point longitudes and latitudes.
    """
    k = np.cos(np.radians(lat))
    ax, ay = a[:, 0] * k, a[:, 1]
    bx, by = b[:, 0] * k, b[:, 1]
    px = lon * k
    dx, dy = bx - ax, by - ay
    den = dx * dx + dy * dy
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(den > 0, ((px - ax) * dx + (lat - ay) * dy) / den, 0.0)
    t = np.clip(t, 0.0, 1.0)
    return a[:, 0] + t * (b[:, 0] - a[:, 0]), a[:, 1] + t * (b[:, 1] - a[:, 1])


class SegmentIndex:
    """Line segments with a geodesic nearest-point query.

    The segments are cut into sub-segments of at most 0.01° (~1 km) whose midpoints go into a
    KD-tree on the unit sphere, where chord length grows with great-circle distance in every
    direction (unlike distances in degrees). A query takes the nearest midpoint, then every
    sub-segment whose midpoint lies within that chord plus one sub-segment length, and keeps the
    geodesically nearest foot point among them (:func:`foot_points` on a ~1 km piece).
    """

    def __init__(self, lines: shapely.Geometry | None = None) -> None:
        segs = line_segments(lines) if lines is not None else np.empty(0, dtype=object)
        self._init(segs)

    @classmethod
    def from_segments(cls, segments: np.ndarray) -> SegmentIndex:
        """Index an array of 2-point LineStrings.

        Parameters
        ----------
        segments : numpy.ndarray
            Object array of 2-point LineStrings.

        Returns
        -------
        SegmentIndex
        """
        obj = cls.__new__(cls)
        obj._init(np.asarray(segments, dtype=object))
        return obj

    def _init(self, segments: np.ndarray) -> None:
        self.segments = segments
        self._tree: shapely.STRtree | None = None
        if len(segments) == 0:
            self.kdtree = None
            return
        # sub-segments of at most ~1 km, so that the planar foot point on each is accurate
        dense = shapely.segmentize(segments, _SAMPLE_DEG)
        xy, owner = shapely.get_coordinates(dense, return_index=True)
        same = owner[1:] == owner[:-1]
        a, b = xy[:-1][same], xy[1:][same]
        self.sub_owner = owner[:-1][same]
        self.sub_segments = shapely.linestrings(np.stack([a, b], axis=1))
        mid = (a + b) / 2.0
        self.kdtree = cKDTree(unit_xyz(mid[:, 0], mid[:, 1]))

    @property
    def tree(self) -> shapely.STRtree:
        """STRtree over the segments (planar, degrees), built on first use."""
        if self._tree is None:
            self._tree = shapely.STRtree(self.segments)
        return self._tree

    def nearest_planar(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Find the nearest segment in degrees (fast) and the geodesic distance (m) to it.

        Parameters
        ----------
        lon, lat : numpy.ndarray
            Points in degrees.

        Returns
        -------
        distance_m, segment : numpy.ndarray
            Geodesic distance to the segment found, and its index (-1 for none).
        """
        n = len(lon)
        if n == 0 or len(self.segments) == 0:
            return np.full(n, np.inf), np.full(n, -1)
        pts = shapely.points(lon, lat)
        ip, iseg = self.tree.query_nearest(pts, all_matches=False)
        seg = np.full(n, -1)
        seg[ip] = iseg
        near = shapely.shortest_line(pts, self.segments[seg])
        c = shapely.get_coordinates(near).reshape(-1, 2, 2)
        d = np.asarray(geodesic_distance_m(c[:, 0, 0], c[:, 0, 1], c[:, 1, 0], c[:, 1, 1]))
        return d, seg

    def nearest(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Find the geodesically nearest segment of each point.

        Parameters
        ----------
        lon, lat : numpy.ndarray
            Points in degrees.

        Returns
        -------
        distance_m, segment : numpy.ndarray
            Geodesic distance (m) to the nearest segment, and its index (NaN / -1 when the
            index is empty).
        """
        n = len(lon)
        if n == 0 or self.kdtree is None:
            return np.full(n, np.nan), np.full(n, -1)
        q = unit_xyz(lon, lat)
        c0, _ = self.kdtree.query(q)
        step = 2 * np.sin(np.radians(_SAMPLE_DEG) / 2) * 1.01
        balls = self.kdtree.query_ball_point(q, c0 + step)
        ip = np.repeat(np.arange(n), [len(b) for b in balls])
        isub = np.concatenate([np.asarray(b, dtype=np.int64) for b in balls])
        ab = shapely.get_coordinates(self.sub_segments[isub]).reshape(-1, 2, 2)
        fx, fy = foot_points(lon[ip], lat[ip], ab[:, 0], ab[:, 1])
        d = np.asarray(geodesic_distance_m(lon[ip], lat[ip], fx, fy))
        iseg = self.sub_owner[isub]
        order = np.lexsort((d, ip))
        ip_s, d_s, seg_s = ip[order], d[order], iseg[order]
        first = np.r_[True, ip_s[1:] != ip_s[:-1]]
        dist = np.full(n, np.nan)
        seg = np.full(n, -1)
        dist[ip_s[first]] = d_s[first]
        seg[ip_s[first]] = seg_s[first]
        return dist, seg


def nearest_on_lines(
    lon: np.ndarray, lat: np.ndarray, lines: shapely.Geometry
) -> tuple[np.ndarray, np.ndarray]:
    """Find the geodesic distance from points to (multi)lines.

    Parameters
    ----------
    lon, lat : numpy.ndarray
        Points in degrees (WGS84).
    lines : shapely.Geometry
        LineString or MultiLineString in EPSG:4326.

    Returns
    -------
    distance_m : numpy.ndarray
        Geodesic distance in metres to the nearest point of ``lines``.
    segment : numpy.ndarray
        Index of the nearest 2-point segment (in the order of ``lines``' coordinates).
    """
    idx = SegmentIndex(lines)
    return idx.nearest(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
