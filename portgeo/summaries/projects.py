"""The project 专栏 and the comparison of a plan with its baseline.

See :mod:`portgeo.summaries`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from portgeo.catalogue import load_entities
from portgeo.errors import InputError
from portgeo.layout.projects import project_lines
from portgeo.rules.compare import CHANGE_LABELS, compare_plans

__all__ = ["changed_ports", "comparison_counts", "project_counts", "project_lengths"]

#: Label of a missing city or section in :func:`project_counts`.
NOT_STATED = "（未注明）"


# -- projects -------------------------------------------------------------------------------------


def project_counts(
    plan: str, column: int, *, by: Sequence[str] = ("mode", "action"), missing: str = NOT_STATED
) -> pd.DataFrame:
    """Count a 专栏's rows by two of their fields (e.g. mode and action, city and mode).

    Parameters
    ----------
    plan : str
        Plan id.
    column : int
        专栏 number.
    by : pair of str, default ("mode", "action")
        Catalogue columns: rows, then columns of the table. ``mode`` is the transport mode,
        or the kind for a row without one (``project`` for a modeless programme).
    missing : str, default "（未注明）"
        Label of rows where the field is empty.

    Returns
    -------
    pandas.DataFrame
        First column ``by[0]`` (its values, in the plan's order), one column per value of
        ``by[1]`` (in the plan's order), ``total``; a last row ``total``.

    Raises
    ------
    portgeo.errors.InputError
        ``by`` is not two catalogue columns.
    """
    ents = load_entities(plan=plan, column=column).sort_values("seq", kind="stable")
    if len(by) != 2 or any(b not in ents.columns for b in by):
        raise InputError(f"by= must name two catalogue columns, not {tuple(by)!r}")
    df = pd.DataFrame(ents.drop(columns="geometry"))
    df["mode"] = df["mode"].where(df["mode"].notna(), df["kind"])
    rows_key, cols_key = by
    a = df[rows_key].astype("object").where(df[rows_key].notna(), missing)
    b = df[cols_key].astype("object").where(df[cols_key].notna(), missing)
    table = pd.crosstab(a, b)
    table = table.reindex(index=list(dict.fromkeys(a)), columns=list(dict.fromkeys(b)))
    table["total"] = table.sum(axis=1)
    table.loc["total"] = table.sum(axis=0)
    table.index.name = rows_key
    table.columns.name = None
    return table.reset_index()


def project_lengths(plan: str, column: int) -> pd.DataFrame:
    """Return the length of each line project of a 专栏 (关口前移 or cross-border link).

    Parameters
    ----------
    plan : str
        Plan id.
    column : int
        专栏 number; its ``links`` in ``data/plans/columns.csv`` says what the lines are.

    Returns
    -------
    pandas.DataFrame
        From :func:`portgeo.layout.projects.project_lines`: ``name_zh``, ``mode``, ``status``,
        ``neighbor``, ``action``, ``length_km`` (geodesic, end to end), longest first.
    """
    lines = project_lines(plan, column)
    cols = ["name_zh", "mode", "status", "neighbor", "action", "length_km"]
    out = pd.DataFrame(lines[cols])
    return out.sort_values("length_km", ascending=False, kind="stable").reset_index(drop=True)


# -- comparison -----------------------------------------------------------------------------------


def comparison_counts(old: str | None = None, new: str | None = None) -> pd.DataFrame:
    """Count the layout ports of two plans by change and kind.

    Parameters
    ----------
    old, new : str, optional
        Plan ids (default: a plan and its baseline, :func:`portgeo.rules.compare.default_pair`).

    Returns
    -------
    pandas.DataFrame
        ``change`` (in the order of :data:`portgeo.rules.compare.CHANGE_LABELS`), one column per
        kind, ``total``; a last row ``total``.
    """
    diff = compare_plans(old, new)
    table = pd.crosstab(diff["change"], diff["kind"])
    order = [c for c in CHANGE_LABELS if c in table.index]
    kinds = [k for k in ("sea", "river", "road", "rail", "air") if k in table.columns]
    table = table.reindex(index=order, columns=kinds + [k for k in table.columns if k not in kinds])
    table["total"] = table.sum(axis=1)
    table.loc["total"] = table.sum(axis=0)
    table.index.name = "change"
    table.columns.name = None
    return table.reset_index()


def changed_ports(
    old: str | None = None,
    new: str | None = None,
    *,
    changes: Sequence[str] = ("promoted", "added", "dropped"),
) -> pd.DataFrame:
    """List the layout ports of two plans with one of the given changes.

    Parameters
    ----------
    old, new : str, optional
        Plan ids (default: a plan and its baseline).
    changes : sequence of str, default ("promoted", "added", "dropped")
        Keys of :data:`portgeo.rules.compare.CHANGE_LABELS`.

    Returns
    -------
    pandas.DataFrame
        ``change``, ``kind``, ``name_zh``, ``detail``, ``role_old``, ``role_new``,
        ``region_old``, ``region_new``, in the order of the changes.

    Raises
    ------
    portgeo.errors.InputError
        An unknown change.
    """
    bad = [c for c in changes if c not in CHANGE_LABELS]
    if bad:
        raise InputError(f"unknown change(s) {bad}; choose from {', '.join(CHANGE_LABELS)}")
    diff = pd.DataFrame(compare_plans(old, new).drop(columns="geometry"))
    diff.columns = [c.replace("_13", "_old").replace("_14", "_new") for c in diff.columns]
    diff = diff[diff["change"].isin(changes)]
    diff = diff.sort_values("change", key=lambda s: s.map(list(changes).index), kind="stable")
    cols = ["change", "kind", "name_zh", "detail", "role_old", "role_new", "region_old",
            "region_new"]  # fmt: skip
    return diff[cols].reset_index(drop=True)
