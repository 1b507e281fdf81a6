"""``portgeo export``: write the catalogue and layout layers for GIS users."""

from __future__ import annotations

import argparse

from portgeo.cli.options import add_output_option
from portgeo.export import FORMATS, LAYERS, export_layers, layer_frames


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``export`` subcommand.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        The parent parser's subcommands.
    """
    p = subparsers.add_parser(
        "export",
        help="write every located entity (and layout layers) as GeoJSON, GeoPackage or CSV",
        description=(
            "Write the plan catalogue for GIS users. --out - writes GeoJSON to stdout. "
            "Layers: " + ", ".join(LAYERS) + " (or 'all')."
        ),
    )
    p.add_argument("--format", dest="fmt", choices=FORMATS, default="geojson")
    add_output_option(p, metavar="PATH|-", what="output path, or - for GeoJSON on stdout")
    p.add_argument(
        "--layer",
        action="append",
        choices=[*LAYERS, "all"],
        help="layer to write (repeatable; default: entities)",
    )
    p.add_argument(
        "--located-only", action="store_true", help="only entities that have a point of their own"
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run ``portgeo export``.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed arguments.

    Returns
    -------
    int
        Exit code.
    """
    names = args.layer or ["entities"]
    if "all" in names:
        names = list(LAYERS)
    frames = layer_frames(names, located_only=args.located_only)
    export_layers(frames, args.out, fmt=args.fmt)
    return 0
