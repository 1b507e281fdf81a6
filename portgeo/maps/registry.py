"""The collection of maps, built from the plan registry in ``data/plans/``.

Every 专栏 of ``data/plans/columns.csv`` gets a map drawn by its recipe
(:data:`portgeo.maps.recipes.RECIPES`); every plan with a ``baseline`` in ``plans.csv`` gets a
comparison map. :func:`map_specs` lists them, :func:`build_map` builds one, and
:func:`build_all_maps` writes them all with an ``index.html`` grouped by plan. A user's request
(which maps, which base, pictures, a file of port volumes) is one :class:`MapsRequest`, answered
by :func:`run_maps`: the command line and the notebooks make the same call.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm.auto import tqdm

from portgeo import settings
from portgeo._output import check_not_input, check_output_path, write_text_atomic
from portgeo.catalogue import load_catalogue
from portgeo.errors import CatalogueError, InputError
from portgeo.maps.briefing import write_briefing
from portgeo.maps.components import PortgeoMap, check_basemap
from portgeo.maps.export import save_map
from portgeo.maps.page import briefing_font
from portgeo.maps.recipes import RECIPES
from portgeo.maps.recipes.common import column_map
from portgeo.maps.recipes.comparison import build_comparison, comparison_title
from portgeo.maps.style import check_lang
from portgeo.rules.volumes import read_port_volumes

__all__ = [
    "MapSpec", "MapsRequest", "MapsResult", "build_all_maps", "build_map", "map_specs", "run_maps",
    "write_index",
]  # fmt: skip


@dataclass(frozen=True)
class MapSpec:
    """One map of the collection.

    Attributes
    ----------
    slug : str
        File stem, e.g. ``n14_c02_sea`` (also the notebook's name).
    plan : str
        Plan id the map belongs to (the newer plan of a comparison).
    title : str
        Title for the index page.
    column : int or None
        The 专栏 drawn (None for a comparison).
    build : callable
        ``build(*, basemap, **options) -> PortgeoMap``.
    """

    slug: str
    plan: str
    title: str
    column: int | None
    build: Callable[..., PortgeoMap] = field(repr=False, compare=False)


@functools.lru_cache(maxsize=4)
def _specs(_key: int) -> dict[str, MapSpec]:
    cat = load_catalogue()
    out: dict[str, MapSpec] = {}
    for row in cat.columns.itertuples():
        recipe = RECIPES.get(str(row.recipe))
        if recipe is None:
            raise CatalogueError(
                f"data/plans/columns.csv: {row.plan} 专栏{row.column} names recipe {row.recipe!r}; "
                f"known recipes: {', '.join(RECIPES)}"
            )
        spec = column_map(str(row.plan), int(row.column))
        out[spec.slug] = MapSpec(
            spec.slug, spec.plan, spec.title, spec.column,
            functools.partial(_call, recipe, spec),
        )  # fmt: skip
    for row in cat.plans[cat.plans["baseline"].notna()].itertuples():
        old, new = str(row.baseline), str(row.plan)
        slug = f"{cat.plan(old)['prefix']}_{cat.plan(new)['prefix']}_comparison"
        out[slug] = MapSpec(slug, new, comparison_title(old, new), None,
                            functools.partial(build_comparison, old, new))  # fmt: skip
    return out


def _call(recipe: Callable[..., PortgeoMap], spec: Any, **kwargs: Any) -> PortgeoMap:
    return recipe(spec, **kwargs)


def map_specs() -> dict[str, MapSpec]:
    """Return every map of the collection, by slug, in the registry's order.

    Returns
    -------
    dict of str to MapSpec
    """
    return _specs(id(load_catalogue()))


def build_map(slug: str, *, basemap: str = "none", lang: str = "zh", **options: Any) -> PortgeoMap:
    """Build one map by its slug.

    Parameters
    ----------
    slug : str
        E.g. ``"n14_c03_border"`` (see :func:`map_specs`).
    basemap : str, default "none"
        See :func:`portgeo.maps.new_map`.
    lang : {"zh", "en"}, default "zh"
        Language of the map's words.
    **options
        Passed to the recipe (e.g. ``network=`` for an air layout, ``volumes=`` for volumes).

    Returns
    -------
    PortgeoMap

    Raises
    ------
    portgeo.errors.InputError
        Unknown slug, or unknown language.
    """
    specs = map_specs()
    if slug not in specs:
        raise InputError(f"no map named {slug!r}; choose one of: {', '.join(specs)}")
    return specs[slug].build(basemap=basemap, lang=check_lang(lang), **options)


def write_index(out_dir: str | Path, written: Sequence[tuple[MapSpec, Path]]) -> Path:
    """Write ``index.html`` linking every written map, grouped by plan.

    Parameters
    ----------
    out_dir : str or pathlib.Path
        Folder holding the maps.
    written : sequence of (MapSpec, Path)
        Maps written, with their files.

    Returns
    -------
    pathlib.Path
        The index file (no scripts, no external resources).
    """
    out_dir = Path(out_dir)
    cat = load_catalogue()
    parts = [
        "<!DOCTYPE html><html lang='zh'><head><meta charset='utf-8'>",
        "<title>portgeo 口岸布局地图 port layout maps</title>",
        "<style>body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;max-width:860px;"
        "margin:2em auto;padding:0 1em}h1{font-size:22px}h2{font-size:17px;margin-top:1.6em}"
        "li{margin:.3em 0}small{opacity:.7}</style></head><body>",
        "<h1>口岸布局地图 · Port layout maps</h1>",
        "<p><small>Generated by <code>portgeo maps</code>. Each map: layer control (top right), legend, "
        "popups with the plan's own text, source note.</small></p>",
    ]
    for plan in cat.plans["plan"]:
        rows = [(s, p) for s, p in written if s.plan == plan]
        if not rows:
            continue
        parts.append(f"<h2>{html.escape(cat.plan_title(plan))}</h2><ul>")
        for spec, path in rows:
            rel = (
                path.relative_to(out_dir).as_posix()
                if path.is_relative_to(out_dir)
                else path.as_posix()
            )
            kb = path.stat().st_size / 1024
            parts.append(f"<li><a href='{html.escape(rel)}'>{html.escape(spec.title)}</a> "
                         f"<small>{spec.slug} · {kb:,.0f} kB</small></li>")  # fmt: skip
        parts.append("</ul>")
    parts.append("</body></html>")
    index = out_dir / "index.html"
    return write_text_atomic(index, "\n".join(parts), what="map index")


def build_all_maps(
    out_dir: str | Path,
    *,
    basemap: str = "none",
    self_contained: bool = False,
    slugs: Sequence[str] | None = None,
    progress: bool | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    on_built: Callable[[str, PortgeoMap], None] | None = None,
    lang: str = "zh",
) -> list[Path]:
    """Build every map (or ``slugs``) into ``out_dir`` with an ``index.html``.

    Parameters
    ----------
    out_dir : str or pathlib.Path
        Output folder (created).
    basemap : str, default "none"
        See :func:`portgeo.maps.new_map`.
    self_contained : bool, default False
        Inline all scripts and styles (see :func:`portgeo.maps.save_map`).
    slugs : sequence of str, optional
        Subset of maps to build.
    progress : bool, optional
        Show a tqdm bar (default ``portgeo.settings.progress``).
    options : mapping, optional
        Recipe options by slug (e.g. ``{"n14_c06_volumes": {"volumes": "v.csv"}}``).
    on_built : callable, optional
        ``on_built(slug, map)`` after each map is written (e.g. its briefing pages).
    lang : {"zh", "en"}, default "zh"
        Language of the maps' words.

    Returns
    -------
    list of pathlib.Path
        The map files, then ``index.html``.
    """
    check_basemap(basemap)
    check_lang(lang)
    out_dir = Path(out_dir)
    check_output_path(out_dir / "index.html", what="maps")  # creates the folder, or says why not
    specs = map_specs()
    chosen = list(slugs) if slugs else list(specs)
    unknown = [s for s in chosen if s not in specs]
    if unknown:
        raise InputError(f"no map named {unknown[0]!r}; choose from: {', '.join(specs)}")
    written: list[tuple[MapSpec, Path]] = []
    show = settings.progress if progress is None else progress
    for slug in tqdm(chosen, desc="maps", disable=not show):
        m = build_map(slug, basemap=basemap, lang=lang, **dict((options or {}).get(slug, {})))
        written.append(
            (specs[slug], save_map(m, out_dir / f"{slug}.html", self_contained=self_contained))
        )
        if on_built is not None:
            on_built(slug, m)
    return [p for _, p in written] + [write_index(out_dir, written)]


@dataclass(frozen=True)
class MapsRequest:
    """The maps a user asks for, and in which forms.

    Attributes
    ----------
    out_dir : str or pathlib.Path, default "maps"
        Output folder (created when missing).
    basemap : str, default "none"
        See :func:`portgeo.maps.new_map`.
    self_contained : bool, default False
        Inline every script and stylesheet (the pages open offline).
    slugs : tuple of str, optional
        Only these maps (see :func:`map_specs`); default all.
    png : (width, height), optional
        Also each map's briefing page (:mod:`portgeo.maps.briefing`) as a PNG of this size.
    pdf : bool, default False
        Also each map's briefing page as an A4 landscape PDF.
    volumes : str or pathlib.Path, optional
        Annual port volumes to check on the map of the latest plan's volume standards.
    lang : {"zh", "en"}, default "zh"
        Language of the maps' words.
    """

    out_dir: str | Path = "maps"
    basemap: str = "none"
    self_contained: bool = False
    slugs: tuple[str, ...] | None = None
    png: tuple[int, int] | None = None
    pdf: bool = False
    volumes: str | Path | None = None
    lang: str = "zh"

    def outputs(self) -> list[Path]:
        """Return every file the request writes: the index, then each map in each form.

        Returns
        -------
        list of pathlib.Path
        """
        out = Path(self.out_dir)
        kinds = (".html", *((".png",) if self.png else ()), *((".pdf",) if self.pdf else ()))
        return [out / "index.html"] + [
            out / f"{slug}{ext}" for slug in self.slugs or map_specs() for ext in kinds
        ]

    def recipe_options(self) -> dict[str, dict[str, Any]]:
        """Check the volumes file and return the recipe options it gives, by slug.

        Returns
        -------
        dict
            ``{slug of the latest plan's volume map: {"volumes": path}}``, or empty.

        Raises
        ------
        portgeo.errors.InputError
            The file is missing, empty or lacks columns (before any map is built).
        """
        if self.volumes is None:
            return {}
        volumes = Path(self.volumes)
        read_port_volumes(volumes)  # a missing or bad file stops here
        cat = load_catalogue()
        plan = cat.latest_plan("volumes")
        slug = str(cat.column_info(plan, cat.column_of(plan, "volumes"))["slug"])
        return {slug: {"volumes": volumes}}


@dataclass
class MapsResult:
    """What a maps request wrote.

    Attributes
    ----------
    maps : list of pathlib.Path
        The map pages.
    index : pathlib.Path
        ``index.html``.
    pngs, pdfs : list of pathlib.Path
        The briefing pages (empty unless asked).
    """

    maps: list[Path]
    index: Path
    pngs: list[Path] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)

    @property
    def paths(self) -> list[Path]:
        """Every file written: the maps, the index, the PNGs, the PDFs."""
        return [*self.maps, self.index, *self.pngs, *self.pdfs]


def run_maps(request: MapsRequest, *, progress: bool | None = None) -> MapsResult:
    """Answer a maps request: check it, build the maps and the index, and take the pictures.

    Everything that can fail on the user's input fails before the first map is built: the
    output folder, an output that is the volumes file itself, a missing Chinese font for the
    briefing pages, and a bad volumes file. Each map's briefing pages (PNG, PDF) are drawn
    from the map object just built (:func:`portgeo.maps.briefing.write_briefing`).

    Parameters
    ----------
    request : MapsRequest
    progress : bool, optional
        Show a tqdm bar (default ``portgeo.settings.progress``).

    Returns
    -------
    MapsResult

    Raises
    ------
    portgeo.errors.InputError
        An unknown map or basemap, or a bad volumes file.
    portgeo.errors.OutputError
        The folder cannot be written, or an output is the volumes file.
    portgeo.errors.FontError
        Briefing pages asked for, and no Chinese font installed.
    """
    out_dir = Path(request.out_dir)
    check_output_path(out_dir / "index.html", what="maps", create=False)
    for path in request.outputs():
        check_not_input(path, {"--volumes": request.volumes}, what="map")
    if request.png or request.pdf:
        briefing_font()  # before the build, not after it
    options = request.recipe_options()
    pngs: list[Path] = []
    pdfs: list[Path] = []

    def write_pages(slug: str, m: PortgeoMap) -> None:
        if request.png:
            pngs.append(write_briefing(m, out_dir / f"{slug}.png", size_px=request.png))
        if request.pdf:
            pdfs.append(write_briefing(m, out_dir / f"{slug}.pdf"))

    paths = build_all_maps(out_dir, basemap=request.basemap, progress=progress,
                           self_contained=request.self_contained, slugs=request.slugs,
                           options=options, on_built=write_pages, lang=request.lang)  # fmt: skip
    return MapsResult(maps=paths[:-1], index=paths[-1], pngs=pngs, pdfs=pdfs)
