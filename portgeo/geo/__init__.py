"""Plan-agnostic geometry: datums, geodesic measures, nearest points on lines, polygons.

Modules: :mod:`~portgeo.geo.crs` (WGS84 ↔ GCJ-02), :mod:`~portgeo.geo.geodesy`,
:mod:`~portgeo.geo.lines`, :mod:`~portgeo.geo.polygons`, :mod:`~portgeo.geo.frames`. Nothing here knows about ports or plans; every other stage measures with these modules.
"""
