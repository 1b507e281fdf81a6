"""The national 14th and 13th plans as transcribed in data/: checked against the plans' own counts.

Every expected number below is read off the plan texts (专栏 tables), not off the data files.
"""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from portgeo.catalogue import load_catalogue


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


@pytest.fixture(scope="module")
def n14(cat) -> pd.DataFrame:
    return cat.entities[cat.entities["plan"] == "national-14"]


@pytest.fixture(scope="module")
def n13(cat) -> pd.DataFrame:
    return cat.entities[cat.entities["plan"] == "national-13"]


def _col(df: pd.DataFrame, column: int) -> pd.DataFrame:
    return df[df["column"] == column]


def _top(df: pd.DataFrame) -> pd.DataFrame:
    """Rows as printed (group members excluded)."""
    return df[df["parent"].isna()]


def _row(df: pd.DataFrame, entity_id: str) -> pd.Series:
    rows = df[df["id"] == entity_id]
    assert len(rows) == 1, entity_id
    return rows.iloc[0]


# --- identity and enums -----------------------------------------------------------------------


@pytest.mark.parametrize("plan, prefix", [("national-14", "n14"), ("national-13", "n13")])
def test_ids_follow_the_slug_pattern_and_are_unique(cat, plan, prefix):
    df = cat.entities[cat.entities["plan"] == plan]
    assert df["id"].is_unique
    pattern = re.compile(rf"^{prefix}-c\d+-[a-z0-9]+(-[a-z0-9]+)*$")
    bad = [i for i in df["id"] if not pattern.match(i)]
    assert not bad
    assert all(f"-c{c}-" in i for i, c in zip(df["id"], df["column"], strict=True))


def test_layout_rows_have_mode_equal_to_kind(n14, n13):
    for df in (n14, n13):
        layout = df[df["kind"] != "project"]
        assert (layout["mode"] == layout["kind"]).all()


def test_every_row_without_a_site_says_why(n14, n13):
    for df in (n14, n13):
        no_site = df[df["site_id"].isna() & ~df["id"].isin(df["parent"].dropna())]
        assert no_site["note"].notna().all(), list(no_site["id"])


# --- 14th 专栏2 / 13th 专栏1: sea ports -----------------------------------------------------------

N14_SEA = {
    "环渤海": (4, 4), "长三角": (4, 5), "东南沿海": (2, 3), "粤港澳大湾区": (4, 4), "西南沿海": (5, 3),
}  # fmt: skip
N13_SEA = {
    "环渤海": (4, 4), "长三角": (3, 6), "东南沿海": (2, 3), "珠三角": (4, 4), "西南沿海": (3, 5),
}  # fmt: skip


@pytest.mark.parametrize(
    "plan, column, expected", [("national-14", 2, N14_SEA), ("national-13", 1, N13_SEA)]
)
def test_sea_clusters_and_port_counts(cat, plan, column, expected):
    df = _top(_col(cat.entities[cat.entities["plan"] == plan], column))
    assert set(df["region"]) == set(expected)
    for region, (main, regional) in expected.items():
        sub = df[df["region"] == region]
        assert (sub["role"] == "main").sum() == main, region
        assert (sub["role"] == "regional").sum() == regional, region
    assert (df["role"] == "main").sum() == sum(m for m, _ in expected.values())
    assert (df["kind"] == "sea").all()
    regions = cat.regions[(cat.regions["plan"] == plan) & (cat.regions["column"] == str(column))]
    assert sorted(regions["region_zh"]) == sorted(expected)
    assert regions["positioning_zh"].str.startswith("主要服务于").all()


def test_n14_has_19_main_and_19_regional_ports(n14):
    top = _top(_col(n14, 2))
    assert (top["role"] == "main").sum() == 19
    assert (top["role"] == "regional").sum() == 19


@pytest.mark.parametrize("plan, column", [("national-14", 2), ("national-13", 1)])
def test_suzhou_is_one_group_with_three_located_port_areas(cat, plan, column):
    df = _col(cat.entities[cat.entities["plan"] == plan], column)
    group = df[df["name_zh"] == "苏州"]
    assert len(group) == 1
    assert pd.isna(group.iloc[0]["site_id"])
    members = df[df["parent"] == group.iloc[0]["id"]]
    assert list(members["name_zh"]) == ["张家港", "常熟", "太仓"]
    assert members["located"].all()
    assert members["site_id"].is_unique
    assert (members["role"] == "regional").all()


def test_n13_aliases_and_name_variants(cat, n13):
    regions = cat.regions[cat.regions["plan"] == "national-13"].set_index("region_zh")
    assert regions.loc["环渤海", "alias_zh"] == "辽津冀鲁"
    assert regions.loc["珠三角", "alias_zh"] == "粤东和珠三角"
    assert regions.loc["西南沿海", "alias_zh"] == "粤西桂琼"
    names = set(_col(n13, 1)["name_zh"])
    assert {"日照(石臼)", "茂名(水东)"} <= names
    rz13 = _row(n13, "n13-c1-rizhao")
    assert rz13["site_id"] == "port-rizhao"


def test_n13_to_n14_sea_changes(n13, n14):
    role13 = _top(_col(n13, 1)).set_index("id")["role"]
    role14 = _top(_col(n14, 2)).set_index("id")["role"]
    for slug in ("zhoushan", "qinzhou", "yangpu"):
        assert role13[f"n13-c1-{slug}"] == "regional"
        assert role14[f"n14-c2-{slug}"] == "main"
    # the Pearl River Delta cluster became the Greater Bay Area with the same eight ports
    prd = _top(_col(n13, 1))
    gba = _top(_col(n14, 2))
    assert set(prd[prd["region"] == "珠三角"]["site_id"]) == set(
        gba[gba["region"] == "粤港澳大湾区"]["site_id"]
    )
    assert "珠三角" not in set(gba["region"])
    # every other port keeps its role
    common = {i.split("-c1-")[1] for i in role13.index} & {i.split("-c2-")[1] for i in role14.index}
    changed = {s for s in common if role13[f"n13-c1-{s}"] != role14[f"n14-c2-{s}"]}
    assert changed == {"zhoushan", "qinzhou", "yangpu"}


# --- 14th 专栏3: border crossings ------------------------------------------------------------------

# (section, neighbour, mode, printed list; brackets = planned), copied from 专栏3
N14_BORDER = [
    ("中俄", "RUS", "rail", "满洲里 绥芬河 珲春 同江"),
    ("中俄", "RUS", "road", "满洲里 绥芬河 东宁 珲春 黑河 黑瞎子岛"),
    ("中朝", "PRK", "rail", "丹东 图们 集安 (南坪)"),
    ("中朝", "PRK", "road", "丹东 南坪 圈河 长白 图们 临江 集安"),
    ("中蒙", "MNG", "rail", "二连浩特 (策克) (甘其毛都) (珠恩嘎达布其)"),
    ("中蒙", "MNG", "road", "二连浩特 策克 甘其毛都 珠恩嘎达布其 阿尔山 满都拉 塔克什肯"),
    ("中哈", "KAZ", "rail", "霍尔果斯 阿拉山口"),
    ("中哈", "KAZ", "road", "霍尔果斯 阿拉山口 巴克图 吉木乃 都拉塔"),
    ("中吉", "KGZ", "road", "伊尔克什坦 吐尔尕特"),
    ("中吉", "KGZ", "rail", "(中吉乌铁路口岸)"),
    ("中巴", "PAK", "road", "红其拉甫"),
    ("中塔", "TJK", "road", "卡拉苏"),
    ("中越", "VNM", "rail", "凭祥 河口"),
    ("中越", "VNM", "road", "河口 友谊关 东兴 水口 龙邦 天保"),
    ("中缅", "MMR", "rail", "(瑞丽)"),
    ("中缅", "MMR", "road", "瑞丽 畹町 腾冲猴桥 孟定清水河 打洛"),
    ("中老", "LAO", "rail", "磨憨"),
    ("中老", "LAO", "road", "磨憨 勐康"),
    ("中尼", "NPL", "road", "吉隆 樟木 普兰 里孜"),
]
REGION_OF = (
    {"中俄": "东北", "中朝": "东北", "中蒙": "北部"}
    | {s: "西北" for s in ("中哈", "中吉", "中巴", "中塔")}
    | {s: "西南" for s in ("中越", "中缅", "中老", "中尼")}
)


def test_n14_every_border_crossing_with_neighbour_and_status(n14):
    df = _col(n14, 3)
    expected = []
    for section, iso, mode, names in N14_BORDER:
        for printed in names.split():
            expected.append((section, iso, mode, printed.strip("()"), printed.startswith("(")))
    assert len(df) == len(expected) == 65
    got = {(r.section, r.neighbor, r.mode, r.name_zh): r for r in df.itertuples()}
    for section, iso, mode, name, planned in expected:
        r = got[(section, iso, mode, name)]
        assert r.status == ("planned" if planned else "listed"), (name, mode)
        assert r.region == REGION_OF[section]
        assert r.kind == mode


def test_n14_road_and_rail_at_one_town_share_a_site(n14):
    df = _col(n14, 3)
    # the railway graph crosses the boundary within ~1 km of the road crossing here
    for slug in ("suifenhe", "dandong", "erenhot", "hekou", "alashankou", "tumen", "jian"):
        rail, road = _row(df, f"n14-c3-{slug}-rail"), _row(df, f"n14-c3-{slug}-road")
        assert rail["site_id"] == road["site_id"] and pd.notna(rail["site_id"])


@pytest.mark.parametrize("slug", ["manzhouli", "hunchun", "khorgos", "mohan"])
def test_n14_railway_crossing_elsewhere_has_its_own_site(cat, n13, n14, slug):
    # the railway crosses 3-10 km from the road (world_railways vs the road evidence; see the
    # sites' coord_source): one site each, used by every rail row of that name
    df = _col(n14, 3)
    rail, road = _row(df, f"n14-c3-{slug}-rail"), _row(df, f"n14-c3-{slug}-road")
    assert rail["site_id"] == f"crossing-{slug}-rail" != road["site_id"]
    from portgeo.geo.geodesy import geodesic_distance_m

    km = geodesic_distance_m(rail["lon"], rail["lat"], road["lon"], road["lat"]) / 1000
    assert km > 2.5
    for df_ in (n13, n14):
        rails = df_[(df_["mode"] == "rail") & df_["site_id"].str.startswith(f"crossing-{slug}")]
        assert (rails["site_id"] == f"crossing-{slug}-rail").all(), slug
    assert "world_railways" in cat.sites.set_index("site_id").loc[rail["site_id"], "coord_source"]
    # Pingxiang rail and Youyiguan road are different crossings
    assert (
        _row(df, "n14-c3-pingxiang-rail")["site_id"] != _row(df, "n14-c3-youyiguan-road")["site_id"]
    )


def test_n14_border_special_cases(n14):
    df = _col(n14, 3)
    cku = _row(df, "n14-c3-cku-railway-rail")
    assert pd.isna(cku["site_id"]) and cku["status"] == "planned"
    assert "no site" in cku["note"]
    tk = _row(df, "n14-c3-takeshiken-road")
    assert (tk["region"], tk["neighbor"]) == ("北部", "MNG")
    assert "Xinjiang" in tk["note"]
    assert "琿春" in _row(df, "n14-c3-hunchun-rail")["note"]
    located = df[df["site_id"].notna()]
    assert located["located"].all()


# --- 13th 专栏2 and the changes to the 14th ------------------------------------------------------


def test_n13_border_layout(cat, n13):
    df = _col(n13, 2)
    assert len(df) == 68
    planned = set(df[df["status"] == "planned"]["id"])
    assert planned == {
        f"n13-c2-{s}" for s in (
            "tongjiang-rail", "heihe-road", "heixiazidao-road", "nanping-rail", "tumen-road",
            "ceke-rail", "ganqimaodu-rail", "zhuengadabuqi-rail", "arxan-rail", "baketu-rail",
            "cku-railway-rail", "ruili-rail", "mohan-rail", "riwu-road", "chentang-road", "lizi-road",
        )
    }  # fmt: skip
    goals = cat.regions[(cat.regions["plan"] == "national-13") & (cat.regions["column"] == "2")]
    assert sorted(goals["region_zh"]) == sorted(["东北", "北部", "西北", "西南"])
    assert goals["positioning_zh"].str.len().min() > 10


@pytest.mark.parametrize(
    "slug",
    ["tongjiang-rail", "heihe-road", "heixiazidao-road", "mohan-rail", "tumen-road", "lizi-road"],
)
def test_n13_planned_crossings_listed_in_n14(n13, n14, slug):
    assert _row(n13, f"n13-c2-{slug}")["status"] == "planned"
    assert _row(n14, f"n14-c3-{slug}")["status"] == "listed"
    assert _row(n13, f"n13-c2-{slug}")["site_id"] == _row(n14, f"n14-c3-{slug}")["site_id"]


def test_n13_planned_crossings_dropped_from_n14(n14):
    ids = set(_col(n14, 3)["id"])
    for slug in ("arxan-rail", "baketu-rail", "riwu-road", "chentang-road"):
        assert f"n14-c3-{slug}" not in ids


# --- 14th 专栏4 / 13th 专栏3: air ------------------------------------------------------------------

INTL = "北京 上海 广州 昆明 重庆 成都 深圳 乌鲁木齐 西安 哈尔滨".split()
REGIONAL = (
    "天津 石家庄 太原 呼和浩特 大连 沈阳 长春 杭州 厦门 南京 青岛 福州 济南 南昌 温州 宁波 合肥 南宁 "
    "桂林 海口 三亚 郑州 武汉 长沙 贵阳 拉萨 兰州 西宁 银川"
).split()


def test_n14_air_hubs(n14):
    df = _col(n14, 4)
    hubs = _top(df)
    assert list(hubs[hubs["role"] == "international-hub"]["name_zh"]) == INTL
    assert list(hubs[hubs["role"] == "regional-hub"]["name_zh"]) == REGIONAL
    assert hubs["site_id"].isna().all()
    members = df[df["parent"].notna()]
    assert set(members["parent"]) == set(hubs["id"])
    assert members["located"].all()
    assert (members["site_type"] == "airport").all()
    role = hubs.set_index("id")["role"]
    assert (members["role"].values == role.loc[members["parent"]].values).all()
    iata = members.groupby("parent")["iata"].apply(sorted).to_dict()
    assert iata["n14-c4-beijing"] == ["PEK", "PKX"]
    assert iata["n14-c4-shanghai"] == ["PVG", "SHA"]
    assert iata["n14-c4-chengdu"] == ["CTU", "TFU"]
    assert sum(len(v) == 2 for v in iata.values()) == 3
    assert iata["n14-c4-qingdao"] == ["TAO"]


def test_n13_air_text(n13):
    df = _col(n13, 3)
    hubs = _top(df)
    by_role = hubs.groupby("role")["name_zh"].apply(list).to_dict()
    assert by_role["global-hub"] == ["北京", "上海", "广州"]
    assert by_role["gateway-hub"] == ["昆明", "重庆", "成都", "深圳", "乌鲁木齐", "西安", "哈尔滨"]
    assert by_role["regional-hub"] == ["郑州", "武汉", "长沙", "呼和浩特"]
    gw = hubs[hubs["role"] == "gateway-hub"].set_index("name_zh")["region"]
    assert gw["昆明"] == "南亚和东南亚" and gw["西安"] == "中亚" and gw["哈尔滨"] == "东北亚"
    members = df[df["parent"].notna()]
    iata = members.groupby("parent")["iata"].apply(sorted).to_dict()
    assert iata["n13-c3-beijing"] == ["PEK"]  # Daxing opened 2019
    assert iata["n13-c3-chengdu"] == ["CTU"]  # Tianfu opened 2021
    assert iata["n13-c3-shanghai"] == ["PVG", "SHA"]


def test_kunming_is_at_changshui_not_wujiaba(cat):
    kmg = cat.sites.set_index("site_id").loc["airport-kmg"]
    assert kmg["iata"] == "KMG"
    assert abs(kmg["lat"] - 25.10) < 0.02 and abs(kmg["lon"] - 102.93) < 0.02
    assert "Wujiaba" in kmg["note"]


def test_airport_overrides_are_explained(cat):
    sites = cat.sites[cat.sites["source_file"] == "national.csv"]
    airports = sites[sites["site_type"] == "airport"]
    overrides = airports[airports["coord_source"].str.startswith("override")]
    assert set(overrides["iata"]) == {"KMG", "PKX"}
    assert overrides["note"].str.contains("airportsdata").all()


# --- 14th 专栏7–10: projects ----------------------------------------------------------------------


def test_n14_demonstration_projects(n14):
    df = _col(n14, 7)
    counts = df.groupby("section").size().to_dict()
    assert counts == {
        "水运口岸项目": 11,
        "航空口岸项目": 12,
        "公路口岸项目": 21,
        "铁路口岸项目": 10,
    }
    assert (df["kind"] == "project").all()
    mode = {
        "水运口岸项目": "sea",
        "航空口岸项目": "air",
        "公路口岸项目": "road",
        "铁路口岸项目": "rail",
    }
    assert (df["mode"] == df["section"].map(mode)).all()
    assert df["located"].all()
    assert _row(df, "n14-c7-ezhou-air")["iata"] == "EHU"
    # projects at existing ports re-use the layout sites
    layout_sites = (
        set(_col(n14, 2)["site_id"]) | set(_col(n14, 3)["site_id"]) | set(_col(n14, 4)["site_id"])
    )
    new = {"n14-c7-ezhou-air", "n14-c7-shenzhen-hk-innovation-road", "n14-c7-xinhengqin-road",
           "n14-c7-xijiulong-rail"}  # fmt: skip
    assert set(df[~df["site_id"].isin(layout_sites)]["id"]) == new


def test_n14_shortfall_projects_and_long_corridors(n14):
    df = _col(n14, 8)
    sections = df.groupby("section").size().to_dict()
    assert sections["重要边境口岸“卡脖子”事项解决工程"] == 13 + 5
    lc = df[df["section"] == "长距离孔道边境口岸“关口前移”工程"]
    assert list(lc["name_en"]) == ["Irkeshtam", "Torugart", "Khunjerab", "Karasu (Kulma Pass)",
                                   "Laoyemiao"]  # fmt: skip
    assert lc["located"].all() and lc["inspection_site_id"].notna().all()
    assert lc["insp_lat"].notna().all()
    assert (lc["site_id"] != lc["inspection_site_id"]).all()
    from portgeo.geo.geodesy import geodesic_distance_m

    km = geodesic_distance_m(lc["lon"].values, lc["lat"].values, lc["insp_lon"].values,
                             lc["insp_lat"].values) / 1000  # fmt: skip
    assert (km > 5).all()  # the inspection site lies behind the border
    kj = lc[lc["name_en"] == "Khunjerab"].index[0]
    assert km[list(lc.index).index(kj)] > 80  # Tashkurgan, ~125 km from the pass
    lym = _row(df, "n14-c8-laoyemiao-forward")
    assert lym["neighbor"] == "MNG" and "not listed in 专栏3" in lym["note"]
    progs = df[df["action"] == "programme"]
    assert len(progs) == 2 and progs["site_id"].isna().all()


def test_n14_smart_programmes(n14):
    df = _col(n14, 9)
    assert len(df) == 5
    assert df["site_id"].isna().all() and df["mode"].isna().all()
    assert df["note"].str.contains("nationwide programme, no site").all()


def test_n14_international_cooperation(cat, n14):
    df = _col(n14, 10)
    links = df[df["section"] == "跨境基础设施互联互通工程"]
    assert len(links) == 8
    assert links["site_id"].notna().all() and links["link_site_id"].notna().all()
    assert links["link_lat"].notna().all()
    sites = cat.sites.set_index("site_id")
    assert (sites.loc[links["link_site_id"], "site_type"] != "crossing").all()
    support = df[(df["section"] == "毗邻国家口岸补短板工程") & (df["action"] != "aid")]
    # 中尼2 中缅2 中老1 中越2 中巴1 中塔1 中哈2 中吉2 中蒙3 中俄5, plus 3 railway ports
    assert len(support) == 21 + 3
    aid = df[df["action"] == "aid"]
    assert len(aid) == 8
    unlocated = set(aid[aid["site_id"].isna()]["name_zh"])
    assert unlocated == {"沙拉公路", "阿尼哥公路三期", "哈萨克斯坦海关技术装备现代化项目"}
    info = df[df["section"] == "口岸信息化交流合作工程"]
    assert len(info) == 5 and info["site_id"].isna().all()


# --- rules ------------------------------------------------------------------------------------


def test_indicators(cat):
    ind = cat.indicators["national-14"]
    assert list(ind["seq"]) == [str(i) for i in range(1, 11)]
    assert ind["name_zh"].str.endswith("指标").all()


def test_volume_standards(cat):
    v = cat.volume_standards
    cargo = v[v["measure"] == "cargo"].set_index(["plan", "mode"])["value"]
    assert cargo[("national-14", "sea")] == 1000
    assert cargo[("national-13", "sea")] == 100
    people = v[v["measure"] == "people"].set_index(["plan", "mode"])["value"]
    assert math.isnan(people[("national-13", "sea")]) and math.isnan(
        people[("national-13", "river")]
    )
    assert people[("national-14", "sea")] == 1
    assert people[("national-13", "rail")] == people[("national-14", "rail")] == 10
    remarks = v[v["measure"] == "applies_from"].set_index("plan")["note"]
    assert "通过验收" in remarks["national-14"] and "建成投入使用" in remarks["national-13"]


def test_admission_airport_parameters(cat):
    air = cat.admission["national-14"]["airport"]
    assert air["spacing"]["distance_km"] == 200 and air["spacing"]["drive_minutes"] == 120
    assert air["spacing"]["wording_zh"] == "200公里或2小时车程以上" and air["inclusive"] is True
    assert set(air["spacing"]["readings"]) == {"both", "either"}
    s = air["settings"]
    assert (s["inland"]["min_routes"], s["inland"]["min_passengers"]) == (10, 1_500_000)
    assert (s["border"]["min_routes"], s["border"]["min_passengers"]) == (10, 1_500_000)
    assert (s["coastal"]["min_routes"], s["coastal"]["min_passengers"]) == (20, 3_000_000)
    assert "domestic" in s["coastal"]["routes_scope"] and "国内" in s["coastal"]["routes_scope_zh"]
    gate = air["province_gate"]["conditions"]
    assert gate["unaccepted_port"]["years"] == 3 and gate["ports_below_standard"]["min_count"] == 1
    assert "military_civil_airports" in {p["id"] for p in air["provisions"]}
    assert {"general", "border", "water"} == {
        s["id"] for s in cat.admission["national-14"]["standards"]
    }


def test_border_crossings_are_main_ports_as_the_column_header_says():
    from portgeo.catalogue import load_catalogue

    e = load_catalogue().entities
    crossings = e[
        ((e["plan"] == "national-14") & (e["column"] == 3))
        | ((e["plan"] == "national-13") & (e["column"] == 2))
    ]
    assert len(crossings) == 65 + 68
    assert (crossings["role"] == "main").all()


def test_n13_sichuan_annex(n13):
    # seed 003, 附件1 情况表(四川省): 新开 九寨黄龙机场, 泸州港; 扩大 成都航空口岸 (总计 3);
    # 附件2 中欧班列铁路场站对外开放项目表(成都): 成都. Stored as column 101 / 102.
    a1, a2 = _col(n13, 101), _col(n13, 102)
    assert list(a1["name_zh"]) == ["九寨黄龙机场", "泸州港", "成都航空口岸"]
    assert list(a1["section"]) == ["新开", "新开", "扩大"]
    assert list(a1["status"]) == ["planned", "planned", "listed"]
    assert list(a1["action"]) == ["new-opening", "new-opening", "expansion"]
    assert list(a1["site_id"]) == ["airport-jzh", "port-luzhou", "airport-ctu"]
    assert list(a2["name_zh"]) == ["成都"] and a2.iloc[0]["mode"] == "rail"
    assert a2.iloc[0]["text_zh"] == "在符合国家有关规定前提下有序对外开放"
    assert pd.concat([a1, a2])["located"].all()
