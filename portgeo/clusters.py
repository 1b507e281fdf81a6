"""Deprecated alias of :mod:`portgeo.layout.clusters` (the module moved there); removed in the next release.

``compare_clusters`` is now :func:`portgeo.rules.compare.compare_plans` (the one comparison,
with its vocabulary: a port no longer listed is ``dropped``) plus
:func:`portgeo.rules.compare.compare_regions` (cluster renames); the alias below returns their
sea-port rows in the old columns.
"""

from __future__ import annotations

import pandas as pd

from portgeo._compat import warn_moved
from portgeo.layout.clusters import *  # noqa: F403
from portgeo.layout.clusters import __all__ as _all_0
from portgeo.rules.compare import compare_plans, compare_regions

__all__ = [*_all_0, "compare_clusters"]

warn_moved("portgeo.clusters", "portgeo.layout.clusters")


def compare_clusters(*, old: str = "national-13", new: str = "national-14") -> pd.DataFrame:
    """Return (deprecated) the sea-port rows of :func:`portgeo.rules.compare.compare_plans`.

    Parameters
    ----------
    old, new : str
        Plan ids.

    Returns
    -------
    pandas.DataFrame
        ``change`` (``renamed`` for a cluster renamed, then the ports' changes other than
        ``unchanged``), ``key``, ``name_zh``, ``region_old``, ``region_new``, ``role_old``,
        ``role_new``, ``id_old``, ``id_new``.
    """
    regions = compare_regions(old, new, role="sea-layout")
    renamed = regions[regions["change"] == "renamed"]
    rows = [{"change": "renamed", "key": "", "name_zh": r.region_new, "region_old": r.region_old,
             "region_new": r.region_new, "role_old": "", "role_new": "", "id_old": "",
             "id_new": ""} for r in renamed.itertuples()]  # fmt: skip
    diff = compare_plans(old, new)
    diff = diff[(diff["kind"] == "sea") & (diff["change"] != "unchanged")]
    for r in diff.itertuples():
        rows.append({"change": r.change, "key": r.site_id, "name_zh": r.name_zh,
                     "region_old": r.region_13 or "", "region_new": r.region_14 or "",
                     "role_old": r.role_13 or "", "role_new": r.role_14 or "",
                     "id_old": r.id_13 or "", "id_new": r.id_14 or ""})  # fmt: skip
    cols = ["change", "key", "name_zh", "region_old", "region_new", "role_old", "role_new",
            "id_old", "id_new"]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)
