"""Ferries: the crossings the road graph lacks (the Qiongzhou Strait), added as timed edges.

``data/ferries_cn.csv`` lists ferry links with their terminals, sailing time and boarding
penalty, each with a source. :func:`add_ferries` joins each terminal to the network and the two
terminals by a ``"ferry"`` edge whose time is the sailing plus the boarding penalty, paid on
entering the edge.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
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


@dataclass
class _Additions:
    """Nodes and edges to append to a network: ferry terminals, access roads and crossings."""

    x: list[float] = field(default_factory=list)
    y: list[float] = field(default_factory=list)
    node_id: list[int] = field(default_factory=list)
    u: list[int] = field(default_factory=list)
    v: list[int] = field(default_factory=list)
    length_m: list[float] = field(default_factory=list)
    speed_kmh: list[float] = field(default_factory=list)
    delay_s: list[float] = field(default_factory=list)
    highway: list[str] = field(default_factory=list)

    def add_terminals(self, n0: int, ends: list[tuple[float, float]]) -> list[int]:
        """Add the two terminals as nodes after the network's ``n0``; return their numbers."""
        t = [n0 + len(self.x), n0 + len(self.x) + 1]
        for lon, lat in ends:
            self.x.append(lon)
            self.y.append(lat)
            self.node_id.append(-(len(self.node_id) + 1))
        return t

    def add_both_ways(
        self, a: int, b: int, length_m: float, speed_kmh: float, delay_s: float, highway: str
    ) -> None:
        """Add the edge a -> b and its twin b -> a."""
        for p, q in ((a, b), (b, a)):
            self.u.append(p)
            self.v.append(q)
            self.length_m.append(length_m)
            self.speed_kmh.append(speed_kmh)
            self.delay_s.append(delay_s)
            self.highway.append(highway)


def _terminals(
    net: RoadNetwork, tree: cKDTree, row: Any
) -> tuple[list[tuple[float, float]], np.ndarray, np.ndarray]:
    """Find a ferry's two terminals, their nearest network nodes and the distances to them."""
    ends = [(float(row.a_lon), float(row.a_lat)), (float(row.b_lon), float(row.b_lat))]
    _, near = tree.query(unit_xyz(np.array([e[0] for e in ends]), np.array([e[1] for e in ends])))
    dist = np.asarray(
        geodesic_distance_m(
            np.array([e[0] for e in ends]),
            np.array([e[1] for e in ends]),
            net.x[near],
            net.y[near],
        )
    )
    return ends, near, dist


def _sailing(
    row: Any, ends: list[tuple[float, float]], prof: SpeedProfile
) -> tuple[float, float, float]:
    """Return a ferry's sailing km, speed (km/h) and boarding minutes (blank: from ``prof``)."""
    sail_km = _num(row.sailing_km)
    if sail_km is None:
        sail_km = float(geodesic_distance_m(*ends[0], *ends[1])) / 1000.0
    sail_min = _num(row.sailing_min)
    speed = sail_km / (sail_min / 60.0) if sail_min else prof.ferry_speed_kmh
    board = _num(row.boarding_min)
    board = prof.ferry_boarding_min if board is None else board
    return sail_km, speed, board


def _append(net: RoadNetwork, new: _Additions, metadata: dict[str, Any]) -> RoadNetwork:
    """Build a new network: ``net`` with the nodes and straight edges of ``new`` appended."""
    x = np.r_[net.x, new.x]
    y = np.r_[net.y, new.y]
    u = np.r_[net.u, new.u].astype(np.int32)
    v = np.r_[net.v, new.v].astype(np.int32)
    k = len(new.u)
    seg_new = np.column_stack([x[u[-k:]], y[u[-k:]], x[v[-k:]], y[v[-k:]]])
    return RoadNetwork(
        node_id=np.r_[net.node_id, new.node_id].astype(np.int64),
        x=x,
        y=y,
        u=u,
        v=v,
        length_m=np.r_[net.length_m, new.length_m],
        speed_kmh=np.r_[net.speed_kmh, new.speed_kmh],
        delay_s=np.r_[net.delay_s, new.delay_s],
        highway=np.r_[net.highway, new.highway].astype(str),
        seg_edge=np.r_[net.seg_edge, np.arange(net.n_edges, net.n_edges + k)].astype(np.int32),
        seg_xy=np.vstack([net.seg_xy, seg_new]),
        seg_a=np.r_[net.seg_a, np.zeros(k)],
        seg_b=np.r_[net.seg_b, np.ones(k)],
        metadata=metadata,
    )


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
    new = _Additions()
    added: list[dict[str, Any]] = []
    for row in ferries.itertuples(index=False):
        ends, near, dist = _terminals(net, tree, row)
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
        t = new.add_terminals(net.n_nodes, ends)
        for term, nn, d in zip(t, near, dist, strict=True):
            new.add_both_ways(term, int(nn), max(float(d), 1.0), acc, 0.0, "ferry_access")
        sail_km, speed, board = _sailing(row, ends, prof)
        new.add_both_ways(t[0], t[1], sail_km * 1000.0, speed, board * 60.0, "ferry")
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
    return _append(net, new, {**net.metadata, "ferries_added": added})


def _num(value: Any) -> float | None:
    """Read a number from a ferry table cell; None when blank."""
    return None if is_blank(value) else float(value)
