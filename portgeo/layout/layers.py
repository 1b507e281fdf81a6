"""The layout layers, in one call, for ``portgeo export`` and the maps.

Every layer is a GeoDataFrame in EPSG:4326 with valid geometries; see the function each layer
comes from for its columns.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from portgeo.catalogue import load_catalogue
from portgeo.errors import InputError
from portgeo.layout import belts, borders, boundaries, clusters, hubs

__all__ = ["LAYER_NAMES", "cluster_parts", "layout_layers"]

#: Names of the layers returned by :func:`layout_layers`, in drawing order.
LAYER_NAMES: tuple[str, ...] = (
    "boundary", "provinces", "neighbours", "border_segments", "belts", "clusters", "hubs",
)  # fmt: skip


def cluster_parts(c: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Split :func:`portgeo.layout.clusters.load_clusters` into its hulls and its coasts.

    Parameters
    ----------
    c : geopandas.GeoDataFrame
        Clusters with the active geometry (hull) and the ``coast`` column.

    Returns
    -------
    hulls, coasts : geopandas.GeoDataFrame
        Same rows; ``part`` = ``"hull"`` / ``"coast"``; geometry column ``geometry``.
    """
    hull = c.drop(columns="coast").assign(part="hull")
    coast = c.drop(columns="geometry").set_geometry("coast").rename_geometry("geometry")
    return hull, coast.assign(part="coast")


def _cluster_layer(plan: str) -> gpd.GeoDataFrame:
    hull, coast = cluster_parts(clusters.load_clusters(plan=plan))
    out = pd.concat([hull, coast], ignore_index=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs="EPSG:4326")


def layout_layers(
    *, names: tuple[str, ...] | list[str] | None = None, simplify_m: float | None = None
) -> dict[str, gpd.GeoDataFrame]:
    """Build the layout layers.

    Parameters
    ----------
    names : sequence of str, optional
        Layers to build (default all of :data:`LAYER_NAMES`).
    simplify_m : float, optional
        For web maps: take ``boundary`` and ``neighbours`` from the topology-preserving
        simplified coverage (:func:`portgeo.layout.boundaries.load_simplified_coverage`) with this
        tolerance in metres, and simplify ``provinces`` as a coverage by the same tolerance.

    Returns
    -------
    dict of str to geopandas.GeoDataFrame
        ``boundary`` (:func:`portgeo.layout.boundaries.load_boundary`), ``provinces``
        (:func:`~portgeo.layout.boundaries.load_provinces`), ``neighbours``
        (:func:`~portgeo.layout.boundaries.load_neighbours`), ``border_segments``
        (:func:`portgeo.layout.borders.load_border_segments`), ``belts``
        (:func:`portgeo.layout.belts.build_belts`, 50 km), ``clusters``
        (:func:`portgeo.layout.clusters.load_clusters` of every plan with a sea-port layout,
        column ``plan``, two rows per cluster: ``part`` = ``"hull"`` and ``"coast"``), ``hubs``
        (:func:`portgeo.layout.hubs.hub_airports` of every plan with an air-port layout, one
        Point per airport, column ``plan``).
    """
    wanted = tuple(names) if names is not None else LAYER_NAMES
    unknown = [n for n in wanted if n not in LAYER_NAMES]
    if unknown:
        raise InputError(f"unknown layer(s) {unknown}; choose from {', '.join(LAYER_NAMES)}")
    out: dict[str, gpd.GeoDataFrame] = {}
    cov = None
    if simplify_m is not None and {"boundary", "neighbours"} & set(wanted):
        cov = boundaries.load_simplified_coverage(tolerance_m=simplify_m).set_index("iso3")
    for name in wanted:
        if name == "boundary":
            gdf = boundaries.load_boundary()
            if cov is not None:
                gdf = gdf.set_geometry([cov.loc["CHN", "geometry"]], crs="EPSG:4326")
        elif name == "provinces":
            gdf = boundaries.load_provinces()
            if simplify_m is not None:
                # one source, so shared edges mostly match: simplify them as a coverage (where
                # the source's edges differ, hairline slivers can remain)
                geoms = shapely.coverage_simplify(gdf.geometry.to_numpy(), simplify_m / 111_320.0)
                gdf = gdf.set_geometry(list(geoms), crs="EPSG:4326")
        elif name == "neighbours":
            gdf = boundaries.load_neighbours()
            if cov is not None:
                gdf = gdf.set_geometry(
                    [cov.loc[i, "geometry"] for i in gdf["iso3"]], crs="EPSG:4326"
                )
        elif name == "border_segments":
            gdf = borders.load_border_segments()
        elif name == "belts":
            gdf = belts.build_belts()
        elif name == "clusters":
            plans = load_catalogue().columns_for(role="sea-layout")["plan"]
            gdf = gpd.GeoDataFrame(
                pd.concat([_cluster_layer(p) for p in plans], ignore_index=True), crs=4326
            )
        else:  # hubs
            plans = load_catalogue().columns_for(role="air-layout")["plan"]
            gdf = pd.concat([hubs.hub_airports(plan=p) for p in plans], ignore_index=True)
            gdf = gpd.GeoDataFrame(gdf, geometry="geometry", crs="EPSG:4326")
        out[name] = gdf
    return out
