"""One recipe per kind of 专栏; ``data/plans/columns.csv`` names the recipe of each 专栏.

A recipe is ``build(spec, *, basemap, **options) -> PortgeoMap`` where ``spec`` is the
:class:`~portgeo.maps.recipes.common.ColumnMap` of the 专栏. Adding a plan needs data files and,
at most, a new recipe registered in :data:`RECIPES`.
"""

from __future__ import annotations

from collections.abc import Callable

from portgeo.maps.components import PortgeoMap
from portgeo.maps.recipes.common import ColumnMap
from portgeo.maps.recipes.layout import build_air_layout, build_border_layout, build_sea_layout
from portgeo.maps.recipes.projects import build_projects
from portgeo.maps.recipes.text import build_admission, build_indicators, build_programmes
from portgeo.maps.recipes.volumes import build_volumes

__all__ = ["RECIPES", "ColumnMap"]

#: Recipe name (``recipe`` column of ``data/plans/columns.csv``) → builder.
RECIPES: dict[str, Callable[..., PortgeoMap]] = {
    "indicators": build_indicators,
    "sea_layout": build_sea_layout,
    "border_layout": build_border_layout,
    "air_layout": build_air_layout,
    "admission": build_admission,
    "volumes": build_volumes,
    "projects": build_projects,
    "programmes": build_programmes,
}
