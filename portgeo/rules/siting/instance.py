"""The national siting problem on the road network: who each candidate reaches, which pairs conflict.

:func:`build_siting_instance` turns candidate points, the opened air ports (one
:class:`~portgeo.rules.admission.eligibility.SpacingField`) and the population
(:class:`~portgeo.rules.reach.ServedPopulation`) into a
:class:`~portgeo.rules.siting.search.SitingInstance`:

- **points**: only the places with people that no opened air port reaches (nobody else can be
  newly reached), so the coverage matrix stays small;
- **reach**, with the definitions of :mod:`portgeo.rules.reach`: the straight-line part from a
  KD-tree on the unit sphere (the sphere's distance decides every pair farther than 1 % from
  the threshold; the pairs within 1 % are measured on the WGS84 ellipsoid), the drive part from
  one search per place on the forward road graph (a place drives *to* the port), stopped at the
  drive threshold;
- **conflicts** between two new sites, asked when a site is chosen: the spacing rule between
  them under the reading (near: geodesic; quick: the drive either way, one search each way from
  the chosen site). A site off the road network has no drive time: within the drive's reach at
  the network's top speed it counts as quick (unknown is never a pass).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from scipy.spatial import cKDTree

from portgeo.geo.geodesy import geodesic_distance_m
from portgeo.geo.lines import unit_xyz
from portgeo.roads import kernels
from portgeo.roads.snapping import snap_points
from portgeo.rules.admission.eligibility import SpacingField, drive_reach_km
from portgeo.rules.reach import ServedPopulation, combine_reach
from portgeo.rules.siting.search import SitingInstance

__all__ = ["EARTH_RADIUS_KM", "NationalInstance", "build_siting_instance", "within_km"]

#: Mean Earth radius (km) of the sphere used to screen distances before the ellipsoid decides.
EARTH_RADIUS_KM = 6371.0088
#: Relative band around the distance threshold where the ellipsoid, not the sphere, decides
#: (the sphere errs by at most 0.6 % against WGS84).
_BAND = 0.01


def _chord(km: float) -> float:
    """Chord on the unit sphere of an arc of ``km``."""
    return 2.0 * np.sin(min(km / EARTH_RADIUS_KM, np.pi) / 2.0)


def within_km(
    tree: cKDTree, lon: np.ndarray, lat: np.ndarray, tree_lon: np.ndarray, tree_lat: np.ndarray,
    km: float, *, inclusive: bool,
) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Pairs (query point, tree point) closer than ``km`` on the WGS84 ellipsoid.

    Parameters
    ----------
    tree : scipy.spatial.cKDTree
        On :func:`portgeo.geo.lines.unit_xyz` of ``tree_lon``, ``tree_lat``.
    lon, lat : numpy.ndarray
        Query points.
    tree_lon, tree_lat : numpy.ndarray
    km : float
    inclusive : bool
        The rule's inclusivity: a pair exactly at ``km`` meets the threshold (is not within)
        when True.

    Returns
    -------
    query, hit : numpy.ndarray of int
    """
    xyz = unit_xyz(np.atleast_1d(lon), np.atleast_1d(lat))
    lists = tree.query_ball_point(xyz, _chord(km * (1 + _BAND)), return_sorted=False)
    sizes = np.fromiter((len(x) for x in lists), dtype=np.int64, count=len(lists))
    q = np.repeat(np.arange(len(lists)), sizes)
    h = np.fromiter((i for x in lists for i in x), dtype=np.int64, count=int(sizes.sum()))
    chord = np.linalg.norm(xyz[q] - tree.data[h], axis=1)
    arc = 2.0 * EARTH_RADIUS_KM * np.arcsin(np.clip(chord / 2.0, 0.0, 1.0))
    keep = arc < km * (1 - _BAND)
    band = np.flatnonzero(~keep & (arc <= km * (1 + _BAND)))
    if band.size:
        lo, la = np.atleast_1d(lon), np.atleast_1d(lat)
        d = np.atleast_1d(np.asarray(geodesic_distance_m(
            lo[q[band]], la[q[band]], tree_lon[h[band]], tree_lat[h[band]]))) / 1000.0  # fmt: skip
        keep[band] = d < km if inclusive else d <= km
    return q[keep], h[keep]


@dataclass
class NationalInstance:
    """A siting instance on the road network, with what its indices mean.

    Attributes
    ----------
    instance : SitingInstance
    lon, lat : numpy.ndarray
        Candidate points.
    node, access_s, snapped : numpy.ndarray
        Candidates on the network.
    points : numpy.ndarray of int
        Row of the population table of each point of the instance (the places not yet reached).
    spacing : SpacingField
    served : ServedPopulation
    forward, backward : dict
        Per chosen candidate, drive time (s) from it to every node / from every node to it
        (searched up to the drive threshold), kept for the table of the chosen sites.
    reverse : scipy.sparse.csr_matrix or None
        The reversed time matrix (built on first use).
    tree : scipy.spatial.cKDTree or None
        The candidates on the unit sphere.
    names : numpy.ndarray or None
        Candidate names.
    """

    instance: SitingInstance
    lon: np.ndarray
    lat: np.ndarray
    node: np.ndarray
    access_s: np.ndarray
    snapped: np.ndarray
    points: np.ndarray
    spacing: SpacingField
    served: ServedPopulation
    forward: dict[int, np.ndarray] = field(default_factory=dict, repr=False)
    backward: dict[int, np.ndarray] = field(default_factory=dict, repr=False)
    reverse: sp.csr_matrix | None = field(default=None, repr=False)
    tree: cKDTree | None = field(default=None, repr=False)
    names: np.ndarray | None = None

    def drive_between(self, c: int, d: np.ndarray) -> np.ndarray:
        """Shorter of the drives (min) from ``c`` to each ``d`` and back (NaN off the network).

        Parameters
        ----------
        c : int
            A candidate (searched on first use).
        d : numpy.ndarray of int
            Candidates.

        Returns
        -------
        numpy.ndarray
        """
        self._search(c)
        d = np.asarray(d, dtype=int)
        to = self.forward[c][self.node[d]] + self.access_s[d] + self.access_s[c]
        back = self.backward[c][self.node[d]] + self.access_s[d] + self.access_s[c]
        t = np.minimum(to, back) / 60.0
        ok = self.snapped[d] & bool(self.snapped[c])
        return np.where(ok & np.isfinite(t), t, np.nan)

    def _search(self, c: int) -> None:
        if c in self.forward:
            return
        n = self.spacing.net.n_nodes
        if not self.snapped[c]:
            self.forward[c] = self.backward[c] = np.full(n, np.inf)
            return
        limit = self.spacing.rule.min_drive_min * 60.0 + 1.0
        start = np.array([int(self.node[c])])
        zero = np.zeros(1)
        self.forward[c] = kernels.search(self.spacing.net.csr("time"), start, zero, limit=limit)[0]
        self.backward[c] = kernels.search(self._reverse(), start, zero, limit=limit)[0]

    def _reverse(self) -> sp.csr_matrix:
        if self.reverse is None:
            self.reverse = self.spacing.net.csr("time").T.tocsr()
        return self.reverse

    def conflicts(self, c: int) -> np.ndarray:
        """Candidates that may not be opened beside ``c`` under the spacing rule.

        Parameters
        ----------
        c : int

        Returns
        -------
        numpy.ndarray of bool
        """
        rule, reading = self.spacing.rule, self.served.reading
        n = self.lon.size
        if self.tree is None:
            self.tree = cKDTree(unit_xyz(self.lon, self.lat))
        tree = self.tree
        reach_km = max(rule.min_distance_km, drive_reach_km(rule, self.spacing.net.max_speed_kmh))
        _, around = within_km(tree, self.lon[[c]], self.lat[[c]], self.lon, self.lat, reach_km,
                              inclusive=False)  # fmt: skip
        _, close = within_km(tree, self.lon[[c]], self.lat[[c]], self.lon, self.lat,
                             rule.min_distance_km, inclusive=rule.inclusive)  # fmt: skip
        near = np.zeros(n, dtype=bool)
        near[close] = True
        quick = np.zeros(n, dtype=bool)
        t = self.drive_between(c, around)
        quick[around] = np.isfinite(t) & ~rule.meets_array(np.nan_to_num(t, nan=np.inf),
                                                          rule.min_drive_min)  # fmt: skip
        # off the network, within the drive's reach at top speed: unknown, so a conflict
        quick[around[~(self.snapped[around] & bool(self.snapped[c]))]] = True
        out = combine_reach(near, quick, rule=rule, reading=reading, reach="rule")
        out[c] = True
        return out


def build_siting_instance(
    field_: SpacingField,
    served: ServedPopulation,
    lon: np.ndarray,
    lat: np.ndarray,
    admissible: np.ndarray,
) -> NationalInstance:
    """Build the coverage sets and the conflict oracle of candidate points.

    Parameters
    ----------
    field_ : SpacingField
        The opened air ports.
    served : ServedPopulation
        The population measured against them (its reading and reach are used).
    lon, lat : numpy.ndarray
        Candidate points (WGS84).
    admissible : numpy.ndarray of bool
        Candidates the rule admits against the opened air ports (and any other filter).

    Returns
    -------
    NationalInstance
    """
    rule = field_.rule
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    n = lon.size
    w_all = served.people
    points = np.flatnonzero(~served.served & (w_all > 0))
    t = served.population.table
    plon, plat = t["lon"].to_numpy(float)[points], t["lat"].to_numpy(float)[points]
    snaps = snap_points(field_.net, lon, lat, errors="ignore")
    node, access = snaps["node"].to_numpy(), snaps["access_s"].to_numpy(float)
    ok = snaps["ok"].to_numpy(bool)
    tree = cKDTree(unit_xyz(lon, lat))
    m = points.size
    near = sp.csr_matrix((n, m), dtype=bool)
    quick = sp.csr_matrix((n, m), dtype=bool)
    if m and served.reach != "drive":
        q, h = within_km(tree, plon, plat, lon, lat, rule.min_distance_km, inclusive=rule.inclusive)
        near = sp.csr_matrix((np.ones(q.size, bool), (h, q)), shape=(n, m))
    if m and served.reach != "distance":
        at_node = sp.csr_matrix((np.ones(int(ok.sum())), (node[ok], np.flatnonzero(ok))),
                                shape=(field_.net.n_nodes, n))  # fmt: skip
        csr = field_.net.csr("time")
        limit = rule.min_drive_min * 60.0
        rows, cols = [], []
        for j, p in enumerate(points):
            if not served.snapped[p]:
                continue
            dist = kernels.search(csr, np.array([int(served.node[p])]),
                                  np.array([served.access_s[p]]), limit=limit + 1.0)[0]  # fmt: skip
            reached = np.flatnonzero(np.isfinite(dist))
            sub = at_node[reached].tocoo()
            tt = (dist[reached[sub.row]] + access[sub.col]) / 60.0
            hit = sub.col[~rule.meets_array(tt, rule.min_drive_min)]
            rows.append(hit)
            cols.append(np.full(hit.size, j))
        if rows:
            r, c = np.concatenate(rows), np.concatenate(cols)
            quick = sp.csr_matrix((np.ones(r.size, bool), (r, c)), shape=(n, m))
    if served.reach == "distance":
        cover = near
    elif served.reach == "drive":
        cover = quick
    elif rule.readings[served.reading]["conflict"] == "near-or-quick":
        cover = (near + quick).astype(bool)
    else:
        cover = near.multiply(quick).astype(bool)
    holder: dict[str, NationalInstance] = {}
    inst = SitingInstance(sp.csr_matrix(cover, dtype=np.int8), w_all[points],
                          lambda c: holder["x"].conflicts(c), np.asarray(admissible, bool))  # fmt: skip
    nat = NationalInstance(inst, lon, lat, node, access, ok, points, field_, served, tree=tree)
    holder["x"] = nat
    return nat
