"""Old import paths of the first release, kept for one release as aliases of the new modules.

Each old module (``portgeo.crs``, ``portgeo.networks``, ...) re-exports the public names of the
module it moved to and warns once with a :class:`DeprecationWarning` naming the new path.
"""

from __future__ import annotations

import warnings

__all__ = ["warn_moved"]


def warn_moved(old: str, new: str) -> None:
    """Warn that a module moved.

    Parameters
    ----------
    old, new : str
        Old and new dotted module paths.
    """
    warnings.warn(
        f"{old} has moved to {new}; the old path will be removed in the next release",
        DeprecationWarning,
        stacklevel=3,
    )
