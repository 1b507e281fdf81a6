"""``portgeo maps``: build every 专栏 map and an index page.

Examples::

    portgeo maps --out maps/                       # OSM basemap, assets from CDNs
    portgeo maps --out maps/ --self-contained      # no CDN: opens offline (tiles aside)
    portgeo maps --out maps/ --basemap none --self-contained   # fully offline
    portgeo maps --out maps/ --only n14_c03_border n14_c04_air
    portgeo maps --out maps/ --volumes my_volumes.csv          # volume check of your figures
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from portgeo._output import check_output_path
from portgeo.catalogue import load_catalogue
from portgeo.errors import InputError
from portgeo.maps.components import BASEMAPS
from portgeo.maps.registry import build_all_maps, map_specs
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
    p.add_argument("--basemap", choices=BASEMAPS, default="osm",
                   help="osm (default), amap (Gaode, GCJ-02; overlays shifted), tianditu (needs "
                        "TIANDITU_KEY), none (no tiles: fully offline)")  # fmt: skip
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
        Exit code (0).
    """
    options: dict[str, dict] = {}
    check_output_path(args.out / "index.html", what="maps", create=False)
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
        print(p)
    print(f"{len(paths) - 1} maps and {args.out / 'index.html'}", file=sys.stderr)
    return 0
