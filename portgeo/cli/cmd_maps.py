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

from portgeo.cli.options import add_map_options, add_output_option
from portgeo.cli.terminal import echo
from portgeo.maps.registry import MapsRequest, map_specs, run_maps

__all__ = ["register", "request_from_args", "run"]


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
            "offline: drive-time catchments use the offline road network."
        ),
    )
    add_output_option(p, metavar="DIR", what="output folder, default maps/",
                      default=Path("maps"))  # fmt: skip
    p.add_argument("--self-contained", action="store_true",
                   help="inline Leaflet and every script/stylesheet (no CDN; opens offline)")  # fmt: skip
    add_map_options(p, pictures=True)
    p.add_argument("--only", nargs="+", metavar="MAP", choices=slugs,
                   help="build only these maps: " + ", ".join(slugs))  # fmt: skip
    p.add_argument("--volumes", type=Path, metavar="CSV",
                   help="annual port volumes to check against the latest plan's volume standards "
                        "(layout of data/templates/port_volumes_template.csv)")  # fmt: skip
    p.set_defaults(run=run)
    return p


def request_from_args(args: argparse.Namespace) -> MapsRequest:
    """Read the parsed arguments into a request.

    Parameters
    ----------
    args : argparse.Namespace

    Returns
    -------
    MapsRequest
    """
    return MapsRequest(out_dir=args.out, basemap=args.basemap, self_contained=args.self_contained,
                       slugs=tuple(args.only) if args.only else None, png=args.png, pdf=args.pdf,
                       volumes=args.volumes, lang=args.lang)  # fmt: skip


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
    result = run_maps(request_from_args(args))
    for path in result.paths:
        echo(path)
    echo(f"{len(result.maps)} maps and {result.index}", err=True)
    return 0
