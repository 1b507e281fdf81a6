"""The lines of the project 专栏: inspection sites moved to the border, and cross-border links.

Two kinds of project are drawn as lines rather than points, as ``data/plans/columns.csv`` says
in its ``links`` column:

- ``inspection``: a long-corridor border crossing whose inspection site lies far behind the
  border (关口前移, "moving the checkpoint forward"); the line runs from the inspection site
  (``inspection_site_id``) to the crossing (``site_id``);
- ``link``: a cross-border bridge, railway or cableway; the line runs from its Chinese end
  (``site_id``) to its far end (``link_site_id``).

Lengths are geodesic (WGS84 ellipsoid), straight from end to end: the plans give no route.
"""

from __future__ import annotations

import geopandas as gpd
import shapely

from portgeo._data import is_blank
from portgeo.catalogue import load_catalogue, load_entities
from portgeo.errors import InputError
from portgeo.geo.geodesy import geodesic_distance_m

__all__ = ["LINK_KINDS", "project_lines"]

#: Values of the ``links`` column of ``data/plans/columns.csv``, each with the catalogue columns
#: of its line's two ends: ``(lon, lat)`` of the first end, then of the second.
LINK_KINDS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "inspection": (("insp_lon", "insp_lat"), ("lon", "lat")),  # inspection site → crossing
    "link": (("lon", "lat"), ("link_lon", "link_lat")),  # Chinese end → far end
}


def project_lines(plan: str, column: int, *, links: str | None = None) -> gpd.GeoDataFrame:
    """Return the projects of a 专栏 that are lines, with their geodesic lengths.

    Parameters
    ----------
    plan : str
        Plan id.
    column : int
        专栏 number.
    links : {"inspection", "link"}, optional
        What the line is; default the 专栏's ``links`` in ``data/plans/columns.csv``.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, one row per project with both ends located, in the plan's order: the
        catalogue's columns (``id``, ``name_zh``, ``section``, ``kind``, ``mode``, ``status``,
        ``neighbor``, ``action``, ``text_zh``, ``note``, ...), ``from_lon``, ``from_lat``,
        ``to_lon``, ``to_lat``, ``length_km`` (geodesic) and a LineString ``geometry`` from the
        first end to the second. Empty when the 专栏 has no such projects.

    Raises
    ------
    portgeo.errors.InputError
        ``links`` is neither ``inspection`` nor ``link`` (and the 专栏 names none).
    """
    if links is None:
        value = load_catalogue().column_info(plan, column)["links"]
        links = None if is_blank(value) else str(value)
    if links not in LINK_KINDS:
        raise InputError(
            f"{plan} 专栏 {column} has no line projects (links={links!r}); "
            f"choose links= one of {', '.join(LINK_KINDS)}"
        )
    first, second = LINK_KINDS[links]
    ents = load_entities(plan=plan, column=column).sort_values("seq", kind="stable")
    ok = ents[[*first, *second]].notna().all(axis=1)
    sub = ents[ok].drop(columns="geometry").reset_index(drop=True)
    a_lon, a_lat = (sub[c].astype(float).to_numpy() for c in first)
    b_lon, b_lat = (sub[c].astype(float).to_numpy() for c in second)
    sub = sub.assign(
        from_lon=a_lon,
        from_lat=a_lat,
        to_lon=b_lon,
        to_lat=b_lat,
        length_km=geodesic_distance_m(a_lon, a_lat, b_lon, b_lat) / 1000.0,
    )
    lines = [
        shapely.LineString([(x0, y0), (x1, y1)])
        for x0, y0, x1, y1 in zip(a_lon, a_lat, b_lon, b_lat, strict=True)
    ]
    return gpd.GeoDataFrame(sub, geometry=lines, crs="EPSG:4326")
