"""The Guangdong 14th port plan (专栏1–6) as loaded by ``portgeo.catalogue``.

Counts are the plan's own headings (e.g. ``专栏 1 … （70个）``, ``1广州市（9个）``); where the
plan text is available beside the project (``../shared/seeds``) they are also re-read from it.
Geographic checks use ``../shared/geodata`` and skip when it is absent.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import guangdong_site_checks
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, shape
from shapely.ops import nearest_points

from portgeo.catalogue import data_path, load_catalogue
from portgeo.geo.geodesy import geodesic_distance_m

PLAN = "guangdong-14"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_FILE = "004_d5de2f462a3918ea.txt"

#: Column totals as printed in each 专栏 heading.
COLUMN_TOTALS = {1: 70, 2: 12, 3: 8, 4: 4, 5: 14, 6: 13}

#: Per-section counts as printed in the city headings.
SECTION_COUNTS = {
    1: {
        "广州市": 9, "深圳市": 5, "珠海市": 1, "汕头市": 3, "佛山市": 1, "东莞市": 3,
        "惠州市": 9, "汕尾市": 1, "中山市": 1, "江门市": 6, "阳江市": 8, "湛江市": 7,
        "茂名市": 1, "潮州市": 5, "揭阳市": 10,
    },
    2: {"广州市": 3, "深圳市": 5, "珠海市": 2, "惠州市": 1, "中山市": 1},
    3: {"横琴粤澳深度合作区": 1, "深圳市": 4, "珠海市": 3},
    4: {"珠海市": 1, "梅州市": 1, "惠州市": 1, "湛江市": 1},
    5: {
        "深圳市": 2, "佛山市": 5, "清远市": 1, "云浮市": 1, "韶关市": 1, "江门市": 2,
        "阳江市": 2,
    },
}  # fmt: skip

ACTIONS = {"new-opening", "expansion", "upgrade", "rebuild", "relocation", "integration",
           "construction", "platform"}  # fmt: skip
#: Which status each stated action implies (the rule the transcription follows).
STATUS_OF_ACTION = {
    "new-opening": "planned",
    "relocation": "planned",
    "construction": "planned",
    "platform": "planned",
    "expansion": "listed",
    "upgrade": "listed",
    "rebuild": "listed",
    "integration": "listed",
}
PRECISIONS = {"exact", "port-area", "town", "district", "city"}


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="module")
def gd(catalogue) -> pd.DataFrame:
    df = catalogue.entities
    return df[df["plan"] == PLAN].reset_index(drop=True)


@pytest.fixture(scope="module")
def gd_sites(catalogue) -> pd.DataFrame:
    s = catalogue.sites
    return s[s["site_id"].str.startswith("gd-")].reset_index(drop=True)


@pytest.fixture(scope="module")
def plan_text() -> str:
    path = SEEDS / SEED_FILE
    if not path.is_file():
        pytest.skip(f"plan text not found at {path} (optional reference copy of the plan)")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def provinces(shared_geodata: Path) -> dict[str, object]:
    path = shared_geodata / "boundaries" / "china_provinces_cnmaps_amap_gcj2wgs_simpl.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {f["properties"]["adcode"]: shape(f["geometry"]) for f in data["features"]}


def _distance_outside_km(geom, lon: float, lat: float) -> float:
    """Geodesic distance (km) from a point to a polygon; 0 inside."""
    p = Point(lon, lat)
    if geom.contains(p):
        return 0.0
    q = nearest_points(geom, p)[0]
    return float(geodesic_distance_m(lon, lat, q.x, q.y)) / 1000.0


# --------------------------------------------------------------------------- counts


def test_column_totals(gd):
    counts = gd.groupby("column").size().to_dict()
    assert counts == COLUMN_TOTALS


@pytest.mark.parametrize("column", sorted(SECTION_COUNTS))
def test_section_counts(gd, column):
    rows = gd[gd["column"] == column]
    assert rows.groupby("section").size().to_dict() == SECTION_COUNTS[column]


def test_platforms_have_no_section(gd):
    assert gd.loc[gd["column"] == 6, "section"].isna().all()


def test_counts_match_the_plan_text(gd, plan_text):
    """Re-read every '（N个）' heading of 专栏1–6 from the plan and compare with the data."""
    starts = [m.start() for m in re.finditer(r"专栏\s*\d", plan_text)]
    assert len(starts) == 6
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(plan_text)
        block = plan_text[start:end]
        column = int(re.match(r"专栏\s*(\d)", block).group(1))
        total = int(re.search(r"（(\d+)个）", block).group(1))
        rows = gd[gd["column"] == column]
        assert len(rows) == total, f"专栏{column}"
        if column == 6:
            items = re.findall(r"^\s*-?\s*(\d+)\.", block, flags=re.MULTILINE)
            assert len(items) == total
            continue
        # City headings: "<n><name>（<k>个）" (专栏5 puts spaces around them).
        heads = re.findall(r"\d+\s*([\u4e00-\u9fff]+?)\s*（(\d+)个）", block.split("\n", 1)[1])
        printed = {name: int(k) for name, k in heads}
        assert printed == rows.groupby("section").size().to_dict(), f"专栏{column}"


def test_seq_is_the_printed_order(gd):
    for column, rows in gd.groupby("column"):
        assert sorted(rows["seq"].astype(int)) == list(range(1, len(rows) + 1)), column


# --------------------------------------------------------------------------- fields


def test_row_basics(gd):
    assert (gd["kind"] == "project").all()
    assert gd["id"].str.fullmatch(r"gd14-c[1-6]-[a-z0-9-]+").all()
    assert gd["id"].is_unique
    assert gd["name_zh"].notna().all() and gd["name_en"].notna().all()
    assert gd["text_zh"].notna().all()
    assert gd["site_id"].dropna().str.startswith("gd-").all()
    assert set(gd["action"].dropna()) <= ACTIONS


def test_status_follows_the_stated_action(gd):
    stated = gd[gd["action"].notna()]
    expected = stated["action"].map(STATUS_OF_ACTION)
    wrong = stated[stated["status"] != expected]
    assert wrong.empty, wrong[["id", "action", "status"]].to_string()
    # Rows whose title states no action word: planned, unless the note explains otherwise.
    silent = gd[gd["action"].isna()]
    listed = silent[silent["status"] == "listed"]
    assert listed["note"].str.contains("listed").all(), list(listed["id"])


def test_modes(gd):
    water = gd[gd["column"].isin([1, 2])]
    assert set(water["mode"]) <= {"sea", "river"}
    assert (gd.loc[gd["column"] == 3, "mode"] == "road").all()
    assert (gd.loc[gd["column"] == 4, "mode"] == "air").all()
    assert set(gd.loc[gd["column"] == 5, "mode"]) <= {"sea", "river"}
    assert gd.loc[gd["column"] == 6, "mode"].isna().all()
    # Inland river ports are river.
    inland = gd[gd["city_zh"].isin(["佛山市", "清远市", "云浮市", "韶关市", "肇庆市"])]
    assert (inland["mode"] == "river").all()
    # Helicopter landing points are water-passenger projects.
    heli = gd[gd["name_zh"].str.contains("直升机")]
    assert len(heli) == 4 and (heli["mode"] == "sea").all() and (heli["column"] == 2).all()


def test_neighbors_only_on_land_crossings(gd):
    land = gd[gd["column"] == 3]
    assert set(land["neighbor"]) <= {"HKG", "MAC"} and land["neighbor"].notna().all()
    assert gd.loc[gd["column"] != 3, "neighbor"].isna().all()
    by_city = land.groupby("section")["neighbor"].agg(set).to_dict()
    assert by_city == {"横琴粤澳深度合作区": {"MAC"}, "深圳市": {"HKG"}, "珠海市": {"MAC"}}


def test_names_are_the_plans_own(gd, plan_text):
    """Every text_zh occurs in the plan; name_zh too, up to PDF spacing and noted garble fixes."""
    flat = re.sub(r"\n+", "", plan_text)
    bare = re.sub(r"\s+", "", plan_text)
    for row in gd.itertuples():
        assert row.text_zh in flat, row.id
        name = re.sub(r"\s+", "", row.name_zh)
        if name not in bare:
            assert row.note and ("garble fixed" in row.note or "read 2000万吨/年" in row.note), (
                f"{row.id}: name_zh not in the plan and no fix noted"
            )


def test_odd_printing_is_noted(gd):
    for city in ("惠州市", "江门市", "潮州市"):
        first = gd[(gd["column"] == 1) & (gd["section"] == city)].sort_values("seq").iloc[0]
        assert "without a colon" in first["note"], city
    jieyang = gd[gd["name_zh"].str.contains("2000万吨/年")]
    assert len(jieyang) == 1 and "2000万吨 年" in jieyang.iloc[0]["note"]


# --------------------------------------------------------------------------- 专栏4 airports


def test_airport_projects(gd):
    air = gd[gd["column"] == 4].set_index("section")
    assert air["iata"].to_dict() == {
        "珠海市": "ZUH",
        "梅州市": "MXZ",
        "惠州市": "HUZ",
        "湛江市": "ZHA",
    }
    assert air["action"].to_dict() == {
        "珠海市": "new-opening", "梅州市": "expansion", "惠州市": "new-opening", "湛江市": "relocation",
    }  # fmt: skip
    assert "未列入" in air.at["惠州市", "text_zh"]
    assert "NOT in the national 14th" in air.at["惠州市", "note"]
    assert air["located"].all()


def test_zhanjiang_airport_is_the_new_wuchuan_site(gd, gd_sites):
    import airportsdata

    stale = airportsdata.load("IATA")["ZHA"]
    site = gd_sites.set_index("site_id").loc[gd.loc[gd["iata"] == "ZHA", "site_id"].iloc[0]]
    assert "override" in site["note"]
    moved_km = geodesic_distance_m(site["lon"], site["lat"], stale["lon"], stale["lat"]) / 1000
    if moved_km < 5:
        pytest.fail("ZHA should be the Wuchuan airport, not airportsdata's point")
    # The new airport is in Wuchuan, north-east of Zhanjiang city.
    assert site["lat"] > stale["lat"] + 0.15 and site["lon"] > stale["lon"] + 0.15


def test_airport_overrides_are_explained(gd_sites):
    airports = gd_sites[gd_sites["site_type"] == "airport"]
    assert len(airports) == 4 and airports["iata"].notna().all()
    raw = pd.read_csv(data_path("sites", "guangdong.csv"), dtype=str, keep_default_na=False)
    raw_air = raw[raw["site_type"] == "airport"]
    for row in raw_air.itertuples():
        if row.lat or row.lon:
            assert "override" in row.note and "override" in row.coord_source, row.site_id


# --------------------------------------------------------------------------- sites


def test_sites_are_documented(gd_sites, gd):
    assert gd_sites["site_id"].is_unique
    assert set(gd_sites["precision"]) <= PRECISIONS
    assert gd_sites["coord_source"].notna().all()
    assert gd_sites["name_zh"].notna().all() and gd_sites["name_en"].notna().all()
    assert np.isfinite(gd_sites["lat"]).all() and np.isfinite(gd_sites["lon"]).all()
    # Every Guangdong site is used, every row except province-wide platforms is located.
    assert set(gd_sites["site_id"]) == set(gd["site_id"].dropna())
    unlocated = gd[~gd["located"]]
    assert (unlocated["column"] == 6).all()
    assert unlocated["note"].str.contains("province-wide platform, no single site").all()
    hengqin = gd[(gd["column"] == 6) & gd["located"]]
    assert list(hengqin["name_zh"]) == ["横琴粤澳深度合作区智慧口岸公共服务平台"]
    assert (hengqin["precision"] == "district").all()


def test_points_lie_in_guangdong(gd, provinces):
    """Every point is in Guangdong or just off it (terminals, islands, boundary crossings)."""
    guangdong = provinces["440000"]
    located = gd[gd["located"]]
    far = []
    for row in located.itertuples():
        km = _distance_outside_km(guangdong, row.lon, row.lat)
        if km > 5.0:
            far.append((row.id, round(km, 1)))
    assert not far, f"points more than 5 km outside Guangdong: {far}"
    # River and inland points lie on land, not in the sea.
    river = located[located["mode"] == "river"]
    for row in river.itertuples():
        assert guangdong.contains(Point(row.lon, row.lat)), row.id


def test_land_crossings_sit_on_the_boundary(gd, provinces):
    """专栏3 crossings lie within 1.5 km of Hong Kong (HKG) or Macao (MAC).

    A bridge crossing (its site note says so) may sit at its own end of the bridge, up to 6 km
    from the neighbour's land.
    """
    polygon = {"HKG": provinces["810000"], "MAC": provinces["820000"]}
    for row in gd[gd["column"] == 3].itertuples():
        km = _distance_outside_km(polygon[row.neighbor], row.lon, row.lat)
        limit = 6.0 if "bridge crossing" in str(row.coord_note) else 1.5
        assert km <= limit, (row.id, km)


def test_points_not_inside_other_provinces(gd, provinces):
    located = gd[gd["located"]]
    others = {k: v for k, v in provinces.items() if k not in {"440000", "810000", "820000"}}
    for row in located.itertuples():
        p = Point(row.lon, row.lat)
        assert not any(g.contains(p) for g in others.values()), row.id


def test_cited_coordinates_match_their_sources(shared_geodata):
    """Sites citing GeoNames / searoute / Natural Earth carry that record's point (or say 'moved')."""
    refs = guangdong_site_checks.load_references(shared_geodata)
    raw = pd.read_csv(data_path("sites", "guangdong.csv"), dtype=str, keep_default_na=False)
    results = [guangdong_site_checks.check_site(row, refs) for row in raw.to_dict("records")]
    bad = [(r.site_id, r.detail, r.offset_km) for r in results if not r.ok]
    assert not bad
    cited = [r for r in results if r.source_kind in {"geonames", "searoute", "ne-ports"}]
    assert len(cited) >= 20
