"""Ferries: the crossings the road graph lacks (the Qiongzhou Strait), added as timed edges.

``data/ferries_cn.csv`` lists ferry links with their terminals, sailing time and boarding
penalty, each with a source. :func:`add_ferries` joins each terminal to the network and the two
terminals by a ``"ferry"`` edge whose time is the sailing plus the boarding penalty, paid on
entering the edge.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from portgeo._data import data_path, is_blank
from portgeo.errors import InputError
from portgeo.geo.geodesy import geodesic_distance_m
from portgeo.geo.lines import unit_xyz
from portgeo.roads.network import RoadNetwork, subset_edges
from portgeo.roads.speeds import SpeedProfile, load_speed_profile

__all__ = ["FERRY_COLUMNS", "add_ferries", "load_ferries"]

log = logging.getLogger(__name__)

#: Columns of a ferry table (``sailing_km``, ``sailing_min``, ``boarding_min`` may be empty).
FERRY_COLUMNS: tuple[str, ...] = (
    "ferry_id", "a_lon", "a_lat", "b_lon", "b_lat", "sailing_km", "sailing_min", "boarding_min",
    "source",
)  # fmt: skip


def load_ferries(path: str | Path | None = None) -> pd.DataFrame:
    """Read the ferry table (``data/ferries_cn.csv``).

    Parameters
    ----------
    path : str or pathlib.Path, optional
        Another CSV with the same columns.

    Returns
    -------
    pandas.DataFrame
        One row per ferry link: ``ferry_id``, terminal names and ``a_lon``, ``a_lat``,
        ``b_lon``, ``b_lat``, ``sailing_km``, ``sailing_min``, ``boarding_min`` (empty: from the
        speed profile), ``source``.
    """
    p = Path(path) if path is not None else data_path("ferries_cn.csv")
    if not p.is_file():
        raise InputError(f"ferry table {p} not found")
    df = pd.read_csv(p, comment="#")
    missing = [c for c in FERRY_COLUMNS if c not in df.columns]
    if missing:
        raise InputError(f"ferry table {p} lacks columns {missing}")
    return df


def add_ferries(
    net: RoadNetwork,
    ferries: pd.DataFrame,
    *,
    profile: SpeedProfile | None = None,
    access_speed_kmh: float | None = None,
    only_if_unlinked: bool = True,
    max_link_m: float = 30_000.0,
) -> RoadNetwork:
    """Add ferry links (both directions) between terminals the network does not link.

    Each terminal becomes a node joined to its nearest network node by a straight access road;
    the two terminals are joined by a ``"ferry"`` edge whose time is the sailing time plus the
    boarding penalty.

    Parameters
    ----------
    net : RoadNetwork
    ferries : pandas.DataFrame
        From :func:`load_ferries`.
    profile : SpeedProfile, optional
        Ferry speed and boarding penalty where the table leaves them empty.
    access_speed_kmh : float, optional
        Speed on the terminal access roads (default: the network's median speed).
    only_if_unlinked : bool, default True
        Skip a ferry whose two ends are already in one strongly connected component.
    max_link_m : float, default 30 km
        Skip a terminal farther than this from any road node.

    Returns
    -------
    RoadNetwork
        A new network (the input is untouched); ``metadata["ferries_added"]`` lists the links.
    """
    prof = profile or load_speed_profile()
    acc = access_speed_kmh or float(np.median(net.speed_kmh))
    tree = cKDTree(unit_xyz(net.x, net.y))
    _, labels = connected_components(net.csr("time"), directed=True, connection="strong")
    new_x: list[float] = []
    new_y: list[float] = []
    new_id: list[int] = []
    eu: list[int] = []
    ev: list[int] = []
    el: list[float] = []
    es: list[float] = []
    ed: list[float] = []
    eh: list[str] = []
    added: list[dict[str, Any]] = []
    n0 = net.n_nodes
    for row in ferries.itertuples(index=False):
        ends = [(float(row.a_lon), float(row.a_lat)), (float(row.b_lon), float(row.b_lat))]
        _, near = tree.query(
            unit_xyz(np.array([e[0] for e in ends]), np.array([e[1] for e in ends]))
        )
        dist = np.asarray(
            geodesic_distance_m(
                np.array([e[0] for e in ends]),
                np.array([e[1] for e in ends]),
                net.x[near],
                net.y[near],
            )
        )
        if (dist > max_link_m).any():
            log.info(
                "ferry %s: a terminal is %.0f m from the network; skipped",
                row.ferry_id,
                float(np.max(dist)),
            )
            continue
        if only_if_unlinked and labels[near[0]] == labels[near[1]]:
            log.info("ferry %s: both ends already linked by road; not added", row.ferry_id)
            continue
        t = [n0 + len(new_x), n0 + len(new_x) + 1]
        for lon, lat in ends:
            new_x.append(lon)
            new_y.append(lat)
            new_id.append(-(len(new_id) + 1))
        for term, nn, d in zip(t, near, dist, strict=True):
            for a, b in ((term, int(nn)), (int(nn), term)):
                eu.append(a)
                ev.append(b)
                el.append(max(float(d), 1.0))
                es.append(acc)
                ed.append(0.0)
                eh.append("ferry_access")
        sail_km = _num(row.sailing_km)
        if sail_km is None:
            sail_km = float(geodesic_distance_m(*ends[0], *ends[1])) / 1000.0
        sail_min = _num(row.sailing_min)
        speed = sail_km / (sail_min / 60.0) if sail_min else prof.ferry_speed_kmh
        board = _num(row.boarding_min)
        board = prof.ferry_boarding_min if board is None else board
        for a, b in ((t[0], t[1]), (t[1], t[0])):
            eu.append(a)
            ev.append(b)
            el.append(sail_km * 1000.0)
            es.append(speed)
            ed.append(board * 60.0)
            eh.append("ferry")
        added.append(
            {
                "ferry_id": row.ferry_id,
                "sailing_km": round(sail_km, 2),
                "speed_kmh": round(speed, 2),
                "boarding_min": board,
            }
        )
    if not added:
        out = subset_edges(net, np.ones(net.n_edges, dtype=bool))
        out.metadata["ferries_added"] = []
        return out
    x = np.r_[net.x, new_x]
    y = np.r_[net.y, new_y]
    u = np.r_[net.u, eu].astype(np.int32)
    v = np.r_[net.v, ev].astype(np.int32)
    k = len(eu)
    seg_new = np.column_stack([x[u[-k:]], y[u[-k:]], x[v[-k:]], y[v[-k:]]])
    meta = dict(net.metadata)
    meta["ferries_added"] = added
    return RoadNetwork(
        node_id=np.r_[net.node_id, new_id].astype(np.int64),
        x=x,
        y=y,
        u=u,
        v=v,
        length_m=np.r_[net.length_m, el],
        speed_kmh=np.r_[net.speed_kmh, es],
        delay_s=np.r_[net.delay_s, ed],
        highway=np.r_[net.highway, eh].astype(str),
        seg_edge=np.r_[net.seg_edge, np.arange(net.n_edges, net.n_edges + k)].astype(np.int32),
        seg_xy=np.vstack([net.seg_xy, seg_new]),
        seg_a=np.r_[net.seg_a, np.zeros(k)],
        seg_b=np.r_[net.seg_b, np.ones(k)],
        metadata=meta,
    )


def _num(value: Any) -> float | None:
    """Read a number from a ferry table cell; None when blank."""
    return None if is_blank(value) else float(value)
