"""``portgeo maps``: build every 专栏 map and an index page.

Examples::

    portgeo maps --out maps/ --self-contained      # offline base, no CDN: opens offline
    portgeo maps --out maps/ --basemap osm         # OSM tiles first, assets from CDNs
    portgeo maps --out maps/ --self-contained --png            # and a 1600x1000 PNG of each
    portgeo maps --out slides/ --only n14_c04_air --png 1920x1080 --pdf
    portgeo maps --out maps/ --only n14_c03_border n14_c04_air
    portgeo maps --out maps/ --volumes my_volumes.csv          # volume check of your figures
"""

from __future__ import annotations

import argparse
from pathlib import Path

from portgeo._output import check_not_input, check_output_path
from portgeo.catalogue import load_catalogue
from portgeo.cli.terminal import echo
from portgeo.errors import InputError
from portgeo.maps.components import BASEMAPS
from portgeo.maps.registry import build_all_maps, map_specs
from portgeo.maps.snapshot import check_browser, parse_size, render_pdfs, render_pngs
from portgeo.rules.volumes import read_port_volumes

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``maps`` subcommand.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        From :func:`portgeo.cli.build_parser`.

    Returns
    -------
    argparse.ArgumentParser
    """
    slugs = list(map_specs())
    p = subparsers.add_parser(
        "maps",
        help="build the interactive layout map of every 专栏 and an index.html",
        description=(
            "Build one interactive map per 专栏 of every plan in data/plans/columns.csv, a "
            "comparison map per plan with a baseline, and an index.html linking them. Works "
            "offline: drive-time catchments use the offline road network. The output folder is "
            "created when missing; existing map files are replaced whole."
        ),
    )
    p.add_argument("--out", type=Path, default=Path("maps"), help="output folder (default: maps/)")
    p.add_argument("--self-contained", action="store_true",
                   help="inline Leaflet and every script/stylesheet (no CDN; opens offline)")  # fmt: skip
    p.add_argument("--basemap", choices=BASEMAPS, default="none",
                   help="the base shown first; every other one is offered in the page's layer "
                        "control. none (default: offline land, sea and neighbours), osm, amap "
                        "(Gaode, GCJ-02; overlays shifted), tianditu (needs TIANDITU_KEY)")  # fmt: skip
    p.add_argument("--png", nargs="?", const="1600x1000", metavar="WxH",
                   help="also render each map to a PNG picture of this size with headless "
                        "Chromium (default 1600x1000)")  # fmt: skip
    p.add_argument(
        "--pdf",
        action="store_true",
        help="also print each map to an A4 landscape PDF with headless Chromium",
    )
    p.add_argument("--only", nargs="+", metavar="MAP", choices=slugs,
                   help="build only these maps: " + ", ".join(slugs))  # fmt: skip
    p.add_argument("--volumes", type=Path, metavar="CSV",
                   help="annual port volumes to check against the latest plan's volume standards "
                        "(layout of data/templates/port_volumes_template.csv)")  # fmt: skip
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Build the maps.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed arguments.

    Returns
    -------
    int
        Exit code (0; a missing Chromium for ``--png``/``--pdf`` is a one-line error, code 2).
    """
    options: dict[str, dict] = {}
    check_output_path(args.out / "index.html", what="maps", create=False)
    size = parse_size(args.png) if args.png else None
    kinds = (".html", *((".png",) if size is not None else ()), *((".pdf",) if args.pdf else ()))
    outputs = [args.out / "index.html"]
    outputs += [args.out / f"{slug}{ext}" for slug in args.only or map_specs() for ext in kinds]
    for path in outputs:
        check_not_input(path, {"--volumes": args.volumes}, what="map")
    if size is not None or args.pdf:
        check_browser()  # before the build, not after it
    if args.volumes is not None:
        if not args.volumes.is_file():
            raise InputError(f"volumes file {args.volumes} not found; start from "
                             "data/templates/port_volumes_template.csv")  # fmt: skip
        read_port_volumes(args.volumes)  # a bad file stops here, before any map is built
        cat = load_catalogue()
        plan = cat.latest_plan("volumes")
        column = cat.column_of(plan, "volumes")
        slug = str(cat.column_info(plan, column)["slug"])
        options[slug] = {"volumes": args.volumes}
    paths = build_all_maps(args.out, basemap=args.basemap, self_contained=args.self_contained,
                           slugs=args.only, options=options)  # fmt: skip
    for p in paths:
        echo(p)
    maps = paths[:-1]
    if size is not None:
        for p in render_pngs(maps, size=size):
            echo(p)
    if args.pdf:
        for p in render_pdfs(maps):
            echo(p)
    echo(f"{len(paths) - 1} maps and {args.out / 'index.html'}", err=True)
    return 0
