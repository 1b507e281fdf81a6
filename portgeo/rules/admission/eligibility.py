"""The spacing rule for any number of points at once: one road search per opened air port.

The spacing rule asks every opened air port to be at least ``min_distance_km`` in a straight
line and ``min_drive_min`` by road from a candidate (under the ``both`` reading; under
``either`` a port conflicts only when it is both nearer and quicker). :class:`SpacingField`
answers that question for many points at once:

- one multi-source search from every opened port on the **reversed** road graph (a candidate
  drives *to* the port; on one-way OSM networks the two directions differ) gives every node its
  drive time and route length to the quickest opened port;
- one search per port, stopped at ``min_drive_min``, gives every node the ports it can reach in
  time (the ``either`` reading needs to know which port is quick, not only that one is);
- a point then snaps to the network exactly as :func:`check_airport` snaps it (nearest node of
  the largest strongly connected component, access leg at ``settings.access_speed_kmh``), so the
  field and the check agree at every point (``tests/test_eligibility.py``).

A port whose opening state at the date is unknown is searched like the others but never counts
as the quickest opened port; a conflict with one makes a point *unknown*, never eligible. The
national surface and the table of admissible airports are in
:mod:`~portgeo.rules.admission.surface`; batches of candidates in
:mod:`~portgeo.rules.admission.batch`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.spatial import cKDTree

from portgeo.geo.geodesy import geodesic_distance_m
from portgeo.geo.lines import unit_xyz
from portgeo.roads import kernels
from portgeo.roads.network import RoadNetwork
from portgeo.roads.snapping import snap_points
from portgeo.rules.admission.open_ports import OpenPorts
from portgeo.rules.admission.rule import READINGS, AdmissionRule

__all__ = ["SpacingField", "drive_reach_km"]

_K_NEAREST = 6  # straight-line candidates per point before the exact geodesic minimum


@dataclass
class SpacingField:
    """Distances and drive times from any point to the opened air ports, searched once.

    Build it with :meth:`build`; query it with :meth:`evaluate` (many points) or
    :meth:`measure` (the raw measures, with a port left out where the candidate is that port).

    Attributes
    ----------
    net : RoadNetwork
    rule : AdmissionRule
    ports : pandas.DataFrame
        The comparison set (``open`` True or None), with ``node``, ``access_s``, ``covered``.
    quickest_s, quickest_m : numpy.ndarray
        Per node: drive time (s) and road length (m) to the quickest known-open port (inf when
        none is reachable).
    quickest_port : numpy.ndarray
        Per node: index into ``ports`` of that port (-1 when none).
    within : scipy.sparse.csr_matrix
        ``n_nodes x n_ports``: drive time (s) to each port reachable within the threshold (the
        port's access leg included), stored as time + 1 so that 0 means "not within".
    within_m : scipy.sparse.csr_matrix
        The same pattern: length (m) of those fastest routes, + 1.
    """

    net: RoadNetwork
    rule: AdmissionRule
    ports: pd.DataFrame
    quickest_s: np.ndarray
    quickest_m: np.ndarray
    quickest_port: np.ndarray
    within: sp.csr_matrix
    within_m: sp.csr_matrix
    open_ports: dict[str, Any] = field(default_factory=dict)
    _tree: Any = field(default=None, repr=False)
    _memo: dict[tuple[float, float, int], tuple[int, float, float]] = field(
        default_factory=dict, repr=False
    )

    @classmethod
    def build(cls, net: RoadNetwork, open_ports: OpenPorts, rule: AdmissionRule) -> SpacingField:
        """Search the reversed road graph from every opened air port.

        Parameters
        ----------
        net : RoadNetwork
        open_ports : OpenPorts
            The comparison set (known-open ports and ports of unknown state).
        rule : AdmissionRule

        Returns
        -------
        SpacingField
        """
        ports = open_ports.table.reset_index(drop=True).copy()
        snaps = snap_points(net, ports["lon"], ports["lat"], errors="ignore")
        ports["node"] = snaps["node"].to_numpy()
        ports["access_s"] = snaps["access_s"].to_numpy()
        ports["covered"] = snaps["ok"].to_numpy()
        ports["snap_m"] = snaps["snap_m"].to_numpy()
        reverse = net.csr("time").T.tocsr()  # time from a node TO a port
        known = np.flatnonzero((ports["open"] == True).to_numpy() & ports["covered"].to_numpy())  # noqa: E712
        n = net.n_nodes
        snap_m = snaps["snap_m"].to_numpy()
        if len(known):
            dist, origin, pred = kernels.search_tree(
                reverse, ports["node"].to_numpy()[known], ports["access_s"].to_numpy()[known]
            )
            road = _route_lengths(net, pred, origin, snap_m[known])
            quickest_port = np.where(origin >= 0, known[np.maximum(origin, 0)], -1)
        else:
            dist, road, quickest_port = np.full(n, np.inf), np.full(n, np.inf), np.full(n, -1)
        limit = rule.min_drive_min * 60.0 + 1.0  # a second over: the exact test comes later
        rows, cols, vals, lens = [], [], [], []
        for j in np.flatnonzero(ports["covered"].to_numpy()):
            d, o, pr = kernels.search_tree(reverse, np.array([ports.at[j, "node"]]),
                                           np.array([ports.at[j, "access_s"]]), limit=limit)  # fmt: skip
            hit = np.flatnonzero(np.isfinite(d))
            rows.append(hit)
            cols.append(np.full(hit.size, j))
            vals.append(d[hit] + 1.0)
            lens.append(_route_lengths(net, pr, o, snap_m[[j]])[hit] + 1.0)
        shape = (n, len(ports))
        r = np.concatenate(rows) if rows else np.zeros(0, int)
        c = np.concatenate(cols) if cols else np.zeros(0, int)
        within = sp.csr_matrix((np.concatenate(vals) if vals else np.zeros(0), (r, c)), shape=shape)
        within_m = sp.csr_matrix(
            (np.concatenate(lens) if lens else np.zeros(0), (r, c)), shape=shape
        )
        return cls(
            net, rule, ports, dist, road, quickest_port, within, within_m, open_ports.describe()
        )

    @property
    def tree(self) -> cKDTree:
        """KD-tree of the ports on the unit sphere (straight-line nearest candidates)."""
        if self._tree is None:
            self._tree = cKDTree(
                unit_xyz(self.ports["lon"].to_numpy(), self.ports["lat"].to_numpy())
            )
        return self._tree

    # -- many points --------------------------------------------------------------------------

    def measure(
        self, lons: np.ndarray, lats: np.ndarray, exclude: np.ndarray | None = None,
        *, search_quickest: bool = True,
    ) -> pd.DataFrame:  # fmt: skip
        """Measure many points against the ports: what the spacing rule needs to know.

        Parameters
        ----------
        lons, lats : numpy.ndarray
            WGS84 degrees.
        exclude : numpy.ndarray of int, optional
            Per point, the index (into :attr:`ports`) of a port to leave out (the candidate is
            that port itself), -1 for none.
        search_quickest : bool, default True
            Where the quickest port is the one left out and no other known-open port is within
            the drive threshold, search from the point for the quickest other port (one search
            per such point); False leaves its ``quickest_port``, ``drive_min`` and ``route_km``
            unknown (-1, NaN): the threshold columns are exact either way.

        Returns
        -------
        pandas.DataFrame
            One row per point:

            - ``snapped``: within ``max_snap_m`` of the network;
            - ``nearest_known``, ``distance_km``: the nearest known-open port (-1, inf for none);
            - ``nearest_any``, ``distance_any_km``: the nearest port of any state;
            - ``near_known``, ``near_unknown``: a known-open / unknown-state port is nearer than
              the distance threshold;
            - ``quickest_port``, ``drive_min``, ``route_km``: the quickest known-open port, the
              drive time and the length of the fastest route (-1, NaN when none or off the
              network); where the quickest port is the one left out and no other known-open
              port is within the drive threshold, one search from the point finds it;
            - ``quick_known``, ``quick_unknown``: a known / unknown-state port is quicker than
              the drive threshold; ``pair_known``, ``pair_unknown``: one port is both;
            - ``reach_uncovered``, ``near_uncovered``: a port the network does not cover lies
              within the threshold's reach at the network's top speed (and within the distance
              threshold);
            - ``beyond_reach``: every port lies beyond that reach (no drive on the network can be
              quick, on the network or off it); ``near_reach``: a port lies both within that
              reach and nearer than the distance threshold (off the network, its conflict under
              ``either`` cannot be told);
            - what the criteria's sentences name: ``n_near_known`` (known-open ports nearer than
              the distance threshold), ``near_unknown_port``/``near_unknown_km`` (the nearest
              such port of unknown state; -1, NaN), ``n_quick_known`` (known-open ports quicker
              than the drive threshold), ``quick_unknown_port``/``quick_unknown_min`` (the
              nearest such port of unknown state; -1, NaN), ``uncovered_ports`` (tuple of the
              uncovered ports within reach, nearest first).
        """
        rule = self.rule
        lons = np.atleast_1d(np.asarray(lons, dtype=float))
        lats = np.atleast_1d(np.asarray(lats, dtype=float))
        m = lons.size
        ex = np.full(m, -1) if exclude is None else np.asarray(exclude, dtype=int)
        plon = self.ports["lon"].to_numpy(float)
        plat = self.ports["lat"].to_numpy(float)
        known = np.array([s is True for s in self.ports["open"]], dtype=bool)
        snaps = snap_points(self.net, lons, lats, errors="ignore")
        node = snaps["node"].to_numpy()
        access = snaps["access_s"].to_numpy()
        leg = snaps["snap_m"].to_numpy()
        ok = snaps["ok"].to_numpy(bool)
        idx, dkm = self._k_nearest(lons, lats, ex, known)
        near = ~rule.meets_array(dkm, rule.min_distance_km)
        kn = known[idx]
        d_known = np.where(kn, dkm, np.inf)
        i_known = np.argmin(d_known, axis=1)
        i_any = np.argmin(dkm, axis=1)
        rows_m = np.arange(m)
        row, col, t_min, route_m = self._within_pairs(node, access, leg, ok, ex)
        quick = ~rule.meets_array(t_min, rule.min_drive_min)
        pair_near = ~rule.meets_array(
            np.asarray(geodesic_distance_m(lons[row], lats[row], plon[col], plat[col])) / 1000.0,
            rule.min_distance_km,
        ) if row.size else np.zeros(0, bool)  # fmt: skip

        def any_at(mask: np.ndarray) -> np.ndarray:
            return np.bincount(row[mask], minlength=m) > 0

        q, drive, route = self._quickest(
            (lons, lats, ex),
            (node, access, leg, ok),
            (row, col, t_min, route_m),
            known,
            search=search_quickest,
        )
        reach_uncovered, near_uncovered, uncovered = self._near_uncovered(lons, lats, ex)
        # no drive on the network reaches a port farther than this within the threshold
        reach_km = drive_reach_km(rule, self.net.max_speed_kmh)
        beyond_reach = dkm.min(axis=1) > reach_km
        named = self._named(lons, lats, ex, idx, dkm, near, kn)
        quick_u = quick & ~known[col]
        pick_u = self._nearest_pair(row[quick_u], col[quick_u], t_min[quick_u], lons, lats, m)
        named.update(n_quick_known=np.bincount(row[quick & known[col]], minlength=m),
                     quick_unknown_port=pick_u[0], quick_unknown_min=pick_u[1],
                     uncovered_ports=uncovered, near_reach=(near & (dkm <= reach_km)).any(axis=1))  # fmt: skip
        return pd.DataFrame({
            "snapped": ok,
            "nearest_known": np.where(np.isfinite(d_known[rows_m, i_known]), idx[rows_m, i_known], -1),
            "distance_km": d_known[rows_m, i_known],
            "nearest_any": idx[rows_m, i_any], "distance_any_km": dkm[rows_m, i_any],
            "near_known": (near & kn).any(axis=1), "near_unknown": (near & ~kn).any(axis=1),
            "quickest_port": q, "drive_min": drive, "route_km": route,
            "quick_known": any_at(quick & known[col]), "quick_unknown": any_at(quick & ~known[col]),
            "pair_known": any_at(quick & pair_near & known[col]),
            "pair_unknown": any_at(quick & pair_near & ~known[col]),
            "reach_uncovered": reach_uncovered, "near_uncovered": near_uncovered,
            "beyond_reach": beyond_reach, **named,
        })  # fmt: skip

    def _k_nearest(
        self, lons: np.ndarray, lats: np.ndarray, ex: np.ndarray, known: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Find the k nearest ports by chord (one more for the excluded), with geodesic km.

        k is large enough that the nearest known-open port is always among them; the excluded
        port of each point is at infinity.
        """
        m = lons.size
        k = min(_K_NEAREST + 1 + int((~known).sum()), len(self.ports))
        _, idx = self.tree.query(unit_xyz(lons, lats), k=k)
        idx = np.asarray(idx).reshape(m, k)
        plon = self.ports["lon"].to_numpy(float)
        plat = self.ports["lat"].to_numpy(float)
        dkm = np.asarray(geodesic_distance_m(
            np.repeat(lons, k), np.repeat(lats, k), plon[idx].ravel(), plat[idx].ravel()
        )).reshape(m, k) / 1000.0  # fmt: skip
        return idx, np.where(idx == ex[:, None], np.inf, dkm)

    def _within_pairs(
        self, node: np.ndarray, access: np.ndarray, leg: np.ndarray, ok: np.ndarray,
        ex: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
        """Every (point, port) pair within the drive threshold, from the stored searches.

        Returns ``row, col, t_min, route_m``: point, port, drive minutes and route metres (the
        snap legs added), the excluded port and off-network points left out.
        """
        sub = self.within[node].tocoo()
        keep = (sub.col != ex[sub.row]) & ok[sub.row]
        row, col = sub.row[keep], sub.col[keep]
        t_min = (sub.data[keep] - 1.0 + access[row]) / 60.0
        sub_m = self.within_m[node].tocoo()  # built with the same pattern as ``within``
        return row, col, t_min, sub_m.data[keep] - 1.0 + leg[row]

    def _quickest(
        self, points: tuple[np.ndarray, ...], snaps: tuple[np.ndarray, ...],
        pairs: tuple[np.ndarray, ...], known: np.ndarray, *, search: bool = True,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
        """Per point, the quickest known-open port, its drive time (min) and route length (km).

        The field's, unless it is the excluded port; then the quickest known port within the
        threshold (from the ``pairs`` ``row, col, t_min, route_m``), if any; else, with
        ``search``, one forward search from the point finds it (at most once per opened port).
        """
        lons, lats, ex = points
        node, access, leg, ok = snaps
        row, col, t_min, route_m = pairs
        q = np.where(ok, self.quickest_port[node], -1)
        drive = np.where(ok & (q >= 0), (self.quickest_s[node] + access) / 60.0, np.nan)
        route = np.where(ok & (q >= 0), (self.quickest_m[node] + leg) / 1000.0, np.nan)
        searched = np.ones(lons.size, dtype=bool)
        hit = np.flatnonzero((q >= 0) & (q == ex))
        if hit.size:
            q[hit], drive[hit], route[hit], searched[hit] = -1, np.nan, np.nan, False
            cand = known[col] & np.isin(row, hit)
            order = np.lexsort((t_min[cand], row[cand]))
            r_c, first = np.unique(row[cand][order], return_index=True)
            pick = np.flatnonzero(cand)[order][first]
            q[r_c], drive[r_c], route[r_c] = col[pick], t_min[pick], route_m[pick] / 1000.0
            searched[r_c] = True
        for i in np.flatnonzero(~searched) if search else ():
            q[i], drive[i], route[i] = self._quickest_searched(lons[i], lats[i], int(ex[i]))
        return q, drive, route

    def _named(
        self, lons: np.ndarray, lats: np.ndarray, ex: np.ndarray, idx: np.ndarray,
        dkm: np.ndarray, near: np.ndarray, kn: np.ndarray,
    ) -> dict[str, Any]:  # fmt: skip
        """Count the near known-open ports; name the nearest near port of unknown state.

        The count is exact: where the k nearest may not hold every near port, every port is
        measured.
        """
        rule = self.rule
        n_near = (near & kn).sum(axis=1)
        full = np.flatnonzero(dkm[:, -1] < rule.min_distance_km * 1.01)
        if full.size and idx.shape[1] < len(self.ports):
            known = np.array([s is True for s in self.ports["open"]], dtype=bool)
            for i in full:
                d = np.asarray(geodesic_distance_m(lons[i], lats[i], self.ports["lon"].to_numpy(float),
                                                   self.ports["lat"].to_numpy(float))) / 1000.0  # fmt: skip
                ok = known & ~rule.meets_array(d, rule.min_distance_km)
                if 0 <= ex[i] < ok.size:
                    ok[ex[i]] = False
                n_near[i] = int(ok.sum())
        d_unknown = np.where(near & ~kn, dkm, np.inf)
        j = np.argmin(d_unknown, axis=1)
        rows = np.arange(idx.shape[0])
        has = np.isfinite(d_unknown[rows, j])
        return {"n_near_known": n_near, "near_unknown_port": np.where(has, idx[rows, j], -1),
                "near_unknown_km": np.where(has, d_unknown[rows, j], np.nan)}  # fmt: skip

    def _nearest_pair(
        self, row: np.ndarray, col: np.ndarray, t_min: np.ndarray, lons: np.ndarray,
        lats: np.ndarray, m: int,
    ) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
        """Per point, the nearest port in a straight line among the (point, port) pairs given.

        Returns the port (-1 for none) and its drive time (NaN for none), per point.
        """
        port, minutes = np.full(m, -1), np.full(m, np.nan)
        if row.size:
            d = np.asarray(geodesic_distance_m(
                lons[row], lats[row], self.ports["lon"].to_numpy(float)[col],
                self.ports["lat"].to_numpy(float)[col]))  # fmt: skip
            order = np.lexsort((d, row))
            r, first = np.unique(row[order], return_index=True)
            port[r], minutes[r] = col[order][first], t_min[order][first]
        return port, minutes

    def _quickest_searched(self, lon: float, lat: float, exclude: int) -> tuple[int, float, float]:
        """Search from one point for its quickest known-open port other than ``exclude``."""
        key = (lon, lat, exclude)
        if key in self._memo:
            return self._memo[key]
        known = np.array([s is True for s in self.ports["open"]], dtype=bool)
        known &= self.ports["covered"].to_numpy(bool)
        known[exclude] = False
        snap = snap_points(self.net, [lon], [lat]).iloc[0]
        start = np.array([int(snap["node"])])
        dist, _, pred = kernels.search_tree(
            self.net.csr("time"), start, np.array([float(snap["access_s"])])
        )
        nodes = self.ports["node"].to_numpy(int)
        t = np.where(known, dist[nodes] + self.ports["access_s"].to_numpy(float), np.inf)
        if not np.isfinite(t).any():
            self._memo[key] = (-1, np.nan, np.nan)
            return self._memo[key]
        b = int(np.argmin(t))
        path = [int(nodes[b])]  # walk the tree back to the candidate's node
        while pred[path[-1]] >= 0 and path[-1] != start[0]:
            path.append(int(pred[path[-1]]))
        e = self.net.edge_index(np.array(path[1:]), np.array(path[:-1]), weight="time")
        length = float(self.net.length_m[e].sum()) + float(snap["snap_m"])
        length += float(self.ports["snap_m"].iloc[b])
        self._memo[key] = (b, float(t[b]) / 60.0, length / 1000.0)
        return self._memo[key]

    def evaluate(
        self, lons: np.ndarray, lats: np.ndarray, exclude: np.ndarray | None = None
    ) -> pd.DataFrame:
        """Apply the spacing rule at many points.

        Parameters
        ----------
        lons, lats : numpy.ndarray
            WGS84 degrees.
        exclude : numpy.ndarray of int, optional
            As in :meth:`measure`.

        Returns
        -------
        pandas.DataFrame
            The columns of :meth:`measure`, and ``both`` / ``either``: True (the spacing rule
            admits the point under that reading), False, or None (it cannot be told: off the
            network within a drive's reach of a port, or a port of unknown state or outside
            the network could conflict).
        """
        out = self.measure(lons, lats, exclude)
        ok = out["snapped"].to_numpy(bool)
        f = {c: out[c].to_numpy(bool) for c in (
            "near_known", "near_unknown", "quick_known", "quick_unknown", "pair_known",
            "pair_unknown", "reach_uncovered", "near_uncovered", "beyond_reach")}  # fmt: skip
        off = ~ok & ~f["beyond_reach"]  # off the network, and a port could be quick
        for reading in READINGS:
            if self.rule.readings[reading]["conflict"] == "near-or-quick":
                fails = f["near_known"] | f["quick_known"]
                unknown = off | f["near_unknown"] | f["quick_unknown"] | f["reach_uncovered"]
            else:  # near-and-quick: only a port that is both near and quick conflicts
                fails = f["pair_known"]
                # off the network, only a port both near and within a drive's reach may be quick
                unknown = (
                    (off & out["near_reach"].to_numpy(bool))
                    | f["pair_unknown"]
                    | f["near_uncovered"]
                )
            verdict = np.full(len(out), None, dtype=object)
            verdict[~fails & ~unknown] = True
            verdict[fails] = False
            out[reading] = verdict
        return out

    def _near_uncovered(
        self, lons: np.ndarray, lats: np.ndarray, exclude: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, list[tuple[int, ...]]]:
        """Points whose spacing from a port the network does not cover cannot be told.

        Returns
        -------
        reach, near : numpy.ndarray
            ``reach``: an uncovered port lies within reach in the drive threshold at the
            network's top speed (its drive time could be under the threshold); ``near``: it lies
            within the distance threshold too.
        ports : list of tuple
            Per point, those uncovered ports within reach, nearest first.
        """
        reach = np.zeros(lons.size, dtype=bool)
        near = np.zeros(lons.size, dtype=bool)
        found: list[list[tuple[float, int]]] = [[] for _ in range(lons.size)]
        reach_km = drive_reach_km(self.rule, self.net.max_speed_kmh)
        for j in np.flatnonzero(~self.ports["covered"].to_numpy(bool)):
            p = self.ports.iloc[j]
            d = (
                np.atleast_1d(np.asarray(geodesic_distance_m(lons, lats, p["lon"], p["lat"])))
                / 1000.0
            )
            r = (d <= reach_km) & (exclude != j)
            reach |= r
            near |= r & ~self.rule.meets_array(d, self.rule.min_distance_km)
            for i in np.flatnonzero(r):
                found[i].append((float(d[i]), int(j)))
        return reach, near, [tuple(j for _, j in sorted(f)) for f in found]


def drive_reach_km(rule: AdmissionRule, max_speed_kmh: float) -> float:
    """Return how far a port can lie and still be within the drive threshold (at top speed), km.

    A port the road network does not cover matters to the rule only within this distance.

    Parameters
    ----------
    rule : AdmissionRule
    max_speed_kmh : float
        The network's top speed.

    Returns
    -------
    float
    """
    return rule.min_drive_min / 60.0 * float(max_speed_kmh)


def _route_lengths(
    net: RoadNetwork, pred: np.ndarray, origin: np.ndarray, port_snap_m: np.ndarray
) -> np.ndarray:
    """Length (m) of each node's fastest route to its port, from a reversed-graph search tree."""
    n = net.n_nodes
    entering = np.zeros(n)
    has = np.flatnonzero(pred >= 0)
    # in the reversed graph pred[v] = u means the road runs v -> u (towards the port)
    e = net.edge_index(has, pred[has], weight="time")
    entering[has] = np.where(e >= 0, net.length_m[np.maximum(e, 0)], np.nan)
    road = kernels.tree_sums(pred, entering)
    return road + np.where(origin >= 0, port_snap_m[np.maximum(origin, 0)], 0.0)
