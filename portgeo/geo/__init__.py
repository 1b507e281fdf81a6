"""Plan-agnostic geometry: datums (:mod:`~portgeo.geo.crs`), geodesic measures
(:mod:`~portgeo.geo.geodesy`) and nearest points on lines (:mod:`~portgeo.geo.lines`).

Nothing here knows about ports or plans; every other stage measures with these modules.
"""
