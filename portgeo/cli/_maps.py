"""``portgeo maps``: build every 专栏 map and an index page.

Examples::

    portgeo maps --out maps/                       # OSM basemap, assets from CDNs
    portgeo maps --out maps/ --self-contained      # no CDN: opens offline (tiles aside)
    portgeo maps --out maps/ --basemap none --self-contained   # fully offline
    portgeo maps --out maps/ --only n14_c03_border n14_c04_air
    portgeo maps --out maps/ --volumes my_volumes.csv          # 专栏6 check of your volumes
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

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
    from portgeo.maps.builders import MAPS
    from portgeo.maps.components import BASEMAPS

    p = subparsers.add_parser(
        "maps",
        help="build the interactive layout map of every 专栏 and an index.html",
        description=(
            "Build one interactive map per 专栏 (national 14th plan 1–10, 13th plan 1–4, the "
            "13th→14th comparison, Guangdong 1–6) and an index.html linking them. Works offline: "
            "2-hour catchments use the offline road network."
        ),
    )
    p.add_argument("--out", type=Path, default=Path("maps"), help="output folder (default: maps/)")
    p.add_argument("--self-contained", action="store_true",
                   help="inline Leaflet and every script/stylesheet (no CDN; opens offline)")  # fmt: skip
    p.add_argument("--basemap", choices=BASEMAPS, default="osm",
                   help="osm (default), amap (Gaode, GCJ-02; overlays shifted), tianditu (needs "
                        "TIANDITU_KEY), none (no tiles: fully offline)")  # fmt: skip
    p.add_argument("--only", nargs="+", metavar="MAP", choices=list(MAPS),
                   help="build only these maps: " + ", ".join(MAPS))  # fmt: skip
    p.add_argument("--volumes", type=Path, metavar="CSV",
                   help="annual port volumes to check against 专栏6 (layout of "
                        "data/templates/port_volumes_template.csv)")  # fmt: skip
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
    from portgeo.errors import InputError
    from portgeo.maps import save_map
    from portgeo.maps.builders import MAPS, build_all_maps, build_n14_c06_volumes, write_index

    if args.volumes is not None and not args.volumes.is_file():
        raise InputError(f"volumes file {args.volumes} not found; start from data/templates/port_volumes_template.csv")
    paths = build_all_maps(args.out, basemap=args.basemap, self_contained=args.self_contained, slugs=args.only)
    if args.volumes is not None:
        m = build_n14_c06_volumes(basemap=args.basemap, volumes=args.volumes)
        path = save_map(m, args.out / "n14_c06_volumes.html", self_contained=args.self_contained)
        written = [(MAPS[p.stem], p) for p in paths if p.stem in MAPS]
        if "n14_c06_volumes" not in {s.slug for s, _ in written}:
            written.append((MAPS["n14_c06_volumes"], path))
        write_index(args.out, written)
    for p in paths:
        print(p)
    print(f"{len(paths) - 1} maps and {args.out / 'index.html'}", file=sys.stderr)
    return 0
