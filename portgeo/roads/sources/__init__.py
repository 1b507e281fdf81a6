"""Where road networks come from: one module per source, each returning a RoadNetwork.

- :mod:`~portgeo.roads.sources.offline`: scgraph-data's major-road graph (no download);
- :mod:`~portgeo.roads.sources.overpass`: OpenStreetMap through the Overpass API (osmnx);
- :mod:`~portgeo.roads.sources.osmfile`: local ``.osm.pbf`` / ``.osm`` extracts (``.osm`` with
  osmnx);
- :mod:`~portgeo.roads.sources.pbf`: the streaming ``.osm.pbf`` reader (pyosmium; bounded memory
  up to a national extract);
- :mod:`~portgeo.roads.sources.graph`: any networkx/osmnx road graph.

:func:`portgeo.roads.load_network` picks the source.
"""
