"""Exceptions and warnings raised by portgeo.

Every error that a user can cause (bad input, a point outside China, a point too far from any
road) is a :class:`PortgeoError` whose message says what was wrong and what to do. The command
line turns these into a one-line message and exit code 2.
"""

from __future__ import annotations

__all__ = [
    "BrowserError",
    "CatalogueError",
    "FontError",
    "InputError",
    "Interrupted",
    "NetworkError",
    "OutputError",
    "PortgeoError",
    "PortgeoWarning",
    "SnapError",
]


class PortgeoError(Exception):
    """Base class for errors a user can act on."""

    def lines(self) -> list[str]:
        """Return what the command line prints: the message (one line a problem, if several).

        Returns
        -------
        list of str
        """
        return [str(self)]


class InputError(PortgeoError, ValueError):
    """An argument or input file is malformed or out of range."""


class CatalogueError(PortgeoError):
    """The plan catalogue in ``data/`` is inconsistent."""


class OutputError(PortgeoError):
    """An output file cannot be written where it was asked for."""


class NetworkError(PortgeoError):
    """A road network could not be loaded or built."""


class SnapError(PortgeoError):
    """A point is too far from the road network to measure from it."""


class BrowserError(PortgeoError):
    """A headless browser was needed (PNG export) and is not there."""


class FontError(PortgeoError):
    """A printed map needs a Chinese font and none is installed."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C stopped a long run; the message says how far it got and what was kept."""


class PortgeoWarning(UserWarning):
    """Warnings issued by portgeo (turned into errors in the test suite)."""
