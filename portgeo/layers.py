"""The layout layers, in one call, for ``portgeo export`` and the maps.

Every layer is a GeoDataFrame in EPSG:4326 with valid geometries; see the function each layer
comes from for its columns.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

__all__ = ["LAYER_NAMES", "layout_layers"]

#: Names of the layers returned by :func:`layout_layers`, in drawing order.
LAYER_NAMES: tuple[str, ...] = (
    "boundary", "provinces", "neighbours", "border_segments", "belts", "clusters", "clusters_13",
    "hubs",
)  # fmt: skip


def _cluster_layer(plan: str) -> gpd.GeoDataFrame:
    from portgeo.clusters import load_clusters

    c = load_clusters(plan=plan)
    hull = c.drop(columns="coast").assign(part="hull")
    coast = c.drop(columns="geometry").set_geometry("coast").rename_geometry("geometry")
    coast = coast.assign(part="coast")
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
        simplified coverage (:func:`portgeo.boundaries.load_simplified_coverage`) with this
        tolerance in metres, and simplify ``provinces`` as a coverage by the same tolerance.

    Returns
    -------
    dict of str to geopandas.GeoDataFrame
        ``boundary`` (:func:`portgeo.boundaries.load_boundary`), ``provinces``
        (:func:`~portgeo.boundaries.load_provinces`), ``neighbours``
        (:func:`~portgeo.boundaries.load_neighbours`), ``border_segments``
        (:func:`portgeo.belts.load_border_segments`), ``belts``
        (:func:`portgeo.belts.build_belts`, 50 km), ``clusters`` and ``clusters_13``
        (:func:`portgeo.clusters.load_clusters` for the 14th and 13th plans, two rows per
        cluster: ``part`` = ``"hull"`` and ``"coast"``), ``hubs``
        (:func:`portgeo.hubs.hub_airports` of both plans, one Point per airport, column
        ``plan``).
    """
    from portgeo import belts, boundaries, hubs
    from portgeo.errors import InputError

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
            gdf = belts.load_border_segments()
        elif name == "belts":
            gdf = belts.build_belts()
        elif name == "clusters":
            gdf = _cluster_layer("national-14")
        elif name == "clusters_13":
            gdf = _cluster_layer("national-13")
        else:  # hubs
            gdf = pd.concat(
                [hubs.hub_airports(plan="national-14"), hubs.hub_airports(plan="national-13")],
                ignore_index=True,
            )
            gdf = gpd.GeoDataFrame(gdf, geometry="geometry", crs="EPSG:4326")
        out[name] = gdf
    return out
