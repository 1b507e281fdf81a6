"""The check and the eligibility surface agree, except within the surface's cell tolerance.

The surface (:mod:`portgeo.rules.admission.surface`) shows at a point the verdict the check gives
at the centre of the point's cell (:meth:`EligibilityGrid.class_at`); a marginal cell still leans
one way (``leans``), and the check's spacing verdict is compared with that lean. The verdict can
change inside a cell, so the module's docstring states the tolerance, and this file holds the
check to it. A disagreement at a point is *within the cell tolerance of a class edge* when

(a) the point lies within one cell side (``cell_km``) of a cell whose verdict is the check's
    (:meth:`EligibilityGrid.distance_to_class`, to the cell's square), or
(b) its cell is marginal and the point is a close call itself
    (:func:`~portgeo.rules.admission.surface.mark_marginal_points`): the ~1 km strips along the
    2 h edge where a point's nearest road node changes, narrower than a cell.

The property test draws 2,000 points uniformly (by area) over China's polygon, keeps those the
check accepts (mainland China: :func:`~portgeo.rules.admission.candidate.as_candidates`, the
check's own test, refuses Hong Kong, Macao and Taiwan), checks them under both readings through
the batch fast path (one :class:`SpacingField`, ``check_airports`` on the offline network) and
30 of them one by one, and compares with a 5 km surface (the default) built on the same
comparison set. Every disagreement is listed with its coordinates, both verdicts and its
distance to the edge.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely

from portgeo.errors import InputError
from portgeo.geo.polygons import CHINA_ALBERS, proj_transformer
from portgeo.rules.admission.surface import EligibilityGrid

SEED = 2026
N_POINTS = 2_000
N_ONE_BY_ONE = 30
CELL_KM = 5.0
AS_OF = "2026-12-01"  # a fixed comparison set: the test does not move with today's date

VERDICT_NAME = {True: "eligible", False: "ineligible", None: "unknown"}


# -- the lookups on a hand-built grid (fast) --------------------------------------------------------


def small_grid() -> EligibilityGrid:
    """A 3 x 3 grid of 10 km cells near Wuhan: the centre eligible, the rest ineligible.

    The top-right cell's centre lies outside (it shows its nearest inside cell's verdict); the
    centre cell is marginal under ``both``.
    """
    tr = proj_transformer(CHINA_ALBERS)
    x0, y0 = tr.transform(114.3, 30.6)
    xs = x0 + np.array([-10_000.0, 0.0, 10_000.0])
    ys = y0 + np.array([-10_000.0, 0.0, 10_000.0])
    gx, gy = np.meshgrid(xs, ys)
    lon, lat = tr.transform(gx.ravel(), gy.ravel(), direction="INVERSE")
    inside = np.ones(9, dtype=bool)
    inside[8] = False  # row 2, col 2
    base = np.zeros(9, dtype=np.int8)
    base[4] = 1
    base[8] = -1
    marked = base.copy()
    marked[4] = 3
    return EligibilityGrid(xs, ys, np.asarray(lon), np.asarray(lat), inside,
                           codes={"both": marked}, cell_km=10.0, verdicts={"both": base})  # fmt: skip


def at(grid: EligibilityGrid, dx_km: float, dy_km: float) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 of a point ``dx, dy`` km from the grid's centre cell centre."""
    lo, la = proj_transformer(CHINA_ALBERS).transform(
        grid.xs[1] + dx_km * 1000.0, grid.ys[1] + dy_km * 1000.0, direction="INVERSE"
    )
    return np.atleast_1d(lo), np.atleast_1d(la)


def test_class_at_reads_the_cell_a_point_lies_in():
    grid = small_grid()
    lo, la = at(grid, 1.0, 0.0)
    got = grid.class_at("both", lo, la).iloc[0]
    assert (got["class"], got["leans"], got["cell"], got["shown_cell"]) == (
        "marginal",
        "eligible",
        4,
        4,
    )
    assert got["sample_km"] == pytest.approx(1.0, abs=1e-6)
    lo, la = at(grid, 6.0, -4.0)  # across the edge at 5 km: the middle-right cell
    got = grid.class_at("both", lo, la).iloc[0]
    assert (got["class"], got["leans"], got["cell"], got["shown_cell"]) == (
        "ineligible",
        "ineligible",
        5,
        5,
    )
    # the outside cell shows its nearest inside cell's verdict (either neighbour: 10 km away)
    lo, la = at(grid, 9.0, 9.0)
    got = grid.class_at("both", lo, la).iloc[0]
    assert got["cell"] == 8 and got["shown_cell"] in (5, 7) and got["class"] == "ineligible"
    assert got["sample_km"] == pytest.approx(np.hypot(1.0, 9.0), abs=1e-6)


def test_distance_to_class_measures_to_the_cell_square():
    grid = small_grid()
    lo, la = at(grid, 1.0, 0.0)
    assert grid.distance_to_class("both", "eligible", lo, la)[0] == 0.0
    assert grid.distance_to_class("both", "ineligible", lo, la)[0] == pytest.approx(4.0, abs=1e-3)
    lo, la = at(grid, 8.0, -9.0)  # in the bottom-right cell: to the centre square's corner
    assert grid.distance_to_class("both", "eligible", lo, la)[0] == pytest.approx(
        np.hypot(3.0, 4.0), abs=1e-3
    )
    assert np.isinf(grid.distance_to_class("both", "unknown", lo, la)[0])


def test_lookups_refuse_what_the_grid_cannot_answer():
    grid = small_grid()
    lo, la = at(grid, 0.0, 0.0)
    with pytest.raises(InputError, match="judged under both, not 'either'"):
        grid.class_at("either", lo, la)
    with pytest.raises(InputError, match="class must be one of eligible, ineligible, unknown,"):
        grid.distance_to_class("both", "marginal", lo, la)
    with pytest.raises(InputError, match="outside the grid of mainland China"):
        grid.class_at("both", np.array([100.0]), np.array([40.0]))


# -- the property on the offline network (slow) -----------------------------------------------------


def random_mainland_points(n: int, seed: int) -> pd.DataFrame:
    """``n`` points uniform by area over China's polygon that the check accepts (mainland)."""
    from portgeo.layout.boundaries import china_polygon
    from portgeo.rules.admission.candidate import Candidate, as_candidates

    rng = np.random.default_rng(seed)
    poly = china_polygon()
    shapely.prepare(poly)
    tr = proj_transformer(CHINA_ALBERS)
    minx, miny, maxx, maxy = poly.bounds
    bx, by = tr.transform(np.array([minx, maxx, minx, maxx]), np.array([miny, miny, maxy, maxy]))
    rows: list[dict] = []
    while len(rows) < n:
        x = rng.uniform(min(bx), max(bx), 4 * n)
        y = rng.uniform(min(by), max(by), 4 * n)
        lon, lat = tr.transform(x, y, direction="INVERSE")
        keep = shapely.contains_xy(poly, lon, lat)
        recs = [
            {"lat": float(b), "lon": float(a)} for a, b in zip(lon[keep], lat[keep], strict=True)
        ]
        rows += [
            r for r, c in zip(recs, as_candidates(recs), strict=True) if isinstance(c, Candidate)
        ]
    out = pd.DataFrame(rows[:n])
    out.insert(0, "name", [f"p{i:04d}" for i in range(n)])
    return out


@pytest.fixture(scope="module")
def compared():
    """Points, the check's verdicts (batch) and the surface's class, under both readings."""
    from portgeo.roads import load_network
    from portgeo.rules.admission import check_airports, load_admission_rule, resolve_open_ports
    from portgeo.rules.admission.surface import compute_eligibility, mark_marginal_points

    rule = load_admission_rule()
    ops = resolve_open_ports(None, as_of=AS_OF, rule=rule)
    net = load_network("offline")
    elig = compute_eligibility(net, ops, rule, cell_km=CELL_KM)
    pts = random_mainland_points(N_POINTS, SEED)
    cands = pd.concat([pts.assign(reading=r) for r in ("both", "either")], ignore_index=True)
    checked = check_airports(cands, open_ports=ops, network=net, rule=rule, progress=False)
    assert checked["error"].isna().all(), checked["error"].dropna().head().tolist()
    grid = elig.grid
    assert grid is not None
    parts = []
    for reading in ("both", "either"):
        sel = (cands["reading"] == reading).to_numpy()
        lon, lat = cands.loc[sel, "lon"].to_numpy(float), cands.loc[sel, "lat"].to_numpy(float)
        check = [VERDICT_NAME[None if pd.isna(v) else bool(v)]
                 for v in checked.loc[sel, "spacing_passed"]]  # fmt: skip
        part = pd.concat([cands.loc[sel].reset_index(drop=True),
                          grid.class_at(reading, lon, lat)], axis=1)  # fmt: skip
        part["check"] = check
        part["point_marginal"] = mark_marginal_points(elig.field, lon, lat, readings=(reading,))[
            reading
        ]
        edge = np.zeros(len(part))
        for verdict in set(check):
            mine = np.flatnonzero(np.asarray(check) == verdict)
            edge[mine] = grid.distance_to_class(reading, verdict, lon[mine], lat[mine])
        part["edge_km"] = edge  # 0 where the point's cell leans to the check's verdict
        parts.append(part)
    return {"table": pd.concat(parts, ignore_index=True), "checked": checked, "cands": cands,
            "net": net, "ops": ops, "rule": rule, "elig": elig}  # fmt: skip


def agreement_figures(table: pd.DataFrame) -> pd.DataFrame:
    """Per reading: points, agreements, disagreements within (a), (b) and outside tolerance."""
    rows = []
    for reading, t in table.groupby("reading", sort=False):
        dis = t["check"] != t["leans"]
        near = dis & (t["edge_km"] <= CELL_KM)
        close = dis & ~near & (t["class"] == "marginal") & t["point_marginal"]
        rows.append({"reading": reading, "points": len(t), "agree": int((~dis).sum()),
                     "agree_in_marginal_cells": int((~dis & (t["class"] == "marginal")).sum()),
                     "within_one_cell": int(near.sum()), "marginal_close_call": int(close.sum()),
                     "outside": int((dis & ~near & ~close).sum())})  # fmt: skip
    return pd.DataFrame(rows)


def listing(t: pd.DataFrame) -> str:
    """One line per disagreement: where, both verdicts, the surface's class, the edge."""
    return "\n".join(
        f"  {r['reading']:<6} lat {r['lat']:9.4f} lon {r['lon']:9.4f}  check {r['check']:<10} "
        f"surface {r['leans']:<10} ({r['class']}) edge {r['edge_km']:5.2f} km  "
        f"point marginal {bool(r['point_marginal'])}"
        for r in t.to_dict("records")
    )


@pytest.mark.slow
def test_check_and_surface_agree_except_at_class_edges(compared):
    table = compared["table"]
    assert len(table) == 2 * N_POINTS
    figures = agreement_figures(table)
    dis = table[table["check"] != table["leans"]]
    print(f"\n{figures.to_string(index=False)}\ndisagreements:\n{listing(dis)}")
    near = dis["edge_km"] <= CELL_KM
    close = (dis["class"] == "marginal") & dis["point_marginal"]
    outside = dis[~near & ~close]
    assert outside.empty, (
        f"{len(outside)} of {len(table)} checks disagree with the {CELL_KM:g} km surface farther "
        f"than one cell from its edge, outside a marginal cell:\n{listing(outside)}\n"
        f"every disagreement:\n{listing(dis)}\n{figures.to_string(index=False)}"
    )
    # each point reads the cell it lies in (a coastal cell whose centre is outside the mainland
    # shows the nearest inside cell's verdict, as the traced surface draws it)
    grid = compared["elig"].grid
    own = (table["cell"] == table["shown_cell"]).to_numpy()
    assert (table.loc[own, "sample_km"] <= CELL_KM * np.sqrt(0.5) + 1e-6).all()
    assert not grid.inside[table.loc[~own, "cell"]].any()
    print(f"points showing a neighbour cell's verdict (coast, border): {int((~own).sum())}, "
          f"farthest {table['sample_km'].max():.1f} km")  # fmt: skip
    # the property is not empty: each reading has all three verdicts' ground in the sample
    for _, t in table.groupby("reading"):
        assert set(t["check"]) == {"eligible", "ineligible", "unknown"}


@pytest.mark.slow
def test_the_batch_is_the_one_by_one_check_at_the_sampled_points(compared):
    from portgeo.rules.admission import check_airport

    cands, checked = compared["cands"], compared["checked"]
    pick = np.random.default_rng(SEED).choice(len(cands), N_ONE_BY_ONE, replace=False)
    for i in pick:
        row = cands.iloc[i]
        res = check_airport({"name": row["name"], "lat": row["lat"], "lon": row["lon"]},
                            open_ports=compared["ops"], network=compared["net"],
                            rule=compared["rule"], reading=row["reading"])  # fmt: skip
        got = checked.iloc[i]["spacing_passed"]
        assert res.spacing["passed"] is (None if pd.isna(got) else bool(got)), (
            row["lat"], row["lon"], row["reading"])  # fmt: skip


@pytest.mark.slow
def test_the_surface_marks_a_cell_centre_as_the_points_are_marked(compared):
    from portgeo.rules.admission.surface import mark_marginal_points

    elig = compared["elig"]
    grid = elig.grid
    inside = np.flatnonzero(grid.inside)[:: max(1, int(grid.inside.sum()) // 3000)]
    marks = mark_marginal_points(elig.field, grid.lon[inside], grid.lat[inside])
    for reading, mark in marks.items():
        assert np.array_equal(mark, grid.codes[reading][inside] == 3), reading
        assert mark.any()


@pytest.mark.slow
def test_the_traced_polygons_hold_each_point_of_its_class(compared):
    """The vector surface draws the grid's classes to within half a cell of their edges."""
    surface = compared["elig"].surface
    grid = compared["elig"].grid
    table = compared["table"]
    for reading, t in table.groupby("reading"):
        polys = surface[surface["reading"] == reading].set_index("class").geometry
        lon, lat = t["lon"].to_numpy(float), t["lat"].to_numpy(float)
        own = np.array([shapely.contains_xy(polys[c], x, y)
                        for c, x, y in zip(t["class"], lon, lat, strict=True)])  # fmt: skip
        # where its own class does not hold a point, another class lies within half a cell
        far = []
        for i in np.flatnonzero(~own):
            x, y, mine = lon[i : i + 1], lat[i : i + 1], t["class"].iloc[i]
            d = min(grid.distance_to_class(reading, c, x, y, marked=True)[0]
                    for c in polys.index if c != mine)  # fmt: skip
            if d > CELL_KM / 2:
                far.append((reading, float(y[0]), float(x[0]), mine, round(float(d), 2)))
        assert not far, far
        # the figures a reader of the vector surface sees: the check against the polygons
        held = {c: shapely.contains_xy(polys[c], lon, lat) for c in polys.index}
        agree = np.array([held[c][i] for i, c in enumerate(t["check"])])
        marginal = held["marginal"] & ~agree
        print(f"{reading}: {int((~own).sum())} of {len(t)} points outside their cell's class "
              f"polygon; check vs polygons: {int(agree.sum())} agree, {int(marginal.sum())} in "
              f"a marginal polygon, {int((~agree & ~marginal).sum())} disagree")  # fmt: skip
