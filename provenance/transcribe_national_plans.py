"""Write the transcription of the two national port plans to data/plans/*.csv.

One-off tool, kept so the transcription can be re-run and reviewed as code: the lists below
are copied from the plan texts (../shared/seeds/002_*.txt = 14th plan, 003_*.txt = 13th plan),
in the order printed. The CSV files it writes are the project's reviewed data; the runtime
reads only those. Site ids point into data/sites/national.csv (provenance/derive_national_sites.py).

Run: ``python provenance/transcribe_national_plans.py`` from the repository root.
"""

from __future__ import annotations

import csv
import logging
from pathlib import Path

log = logging.getLogger("transcribe_national_plans")

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = (
    "id", "plan", "column", "section", "seq", "kind", "mode", "role", "region", "neighbor",
    "status", "name_zh", "name_en", "parent", "site_id", "inspection_site_id", "link_site_id",
    "action", "city_zh", "text_zh", "note",
)  # fmt: skip

#: land neighbour -> belt region (东北 / 北部 / 西北 / 西南), from data/belt_regions.csv
with (ROOT / "data" / "belt_regions.csv").open(encoding="utf-8", newline="") as _fh:
    BELT: dict[str, str] = {r["neighbor"]: r["region_zh"] for r in csv.DictReader(_fh)}

# ---------------------------------------------------------------------------------------------
# The plans' own sentences, verbatim (tests/test_catalogue_verbatim.py checks every text_zh
# against the seeds). Where one sentence covers several rows, every row carries the whole
# sentence rather than a shortened or elided form.
# ---------------------------------------------------------------------------------------------
#: 14th plan, prose before 专栏7 (航空口岸项目): the two cargo hubs
CARGO_HUBS_14 = "推进河南郑州综合性货运枢纽、湖北鄂州专业性货运枢纽等航空口岸建设"
#: 14th plan 专栏10 毗邻国家口岸补短板工程, first sentence (21 ports in 10 pairs)
NEIGHBOUR_SENTENCE_14 = (
    "中尼吉隆、樟木口岸，中缅瑞丽、畹町口岸，中老磨憨口岸，中越友谊关、河口口岸，中巴红其拉甫口岸，"
    "中塔卡拉苏口岸，中哈霍尔果斯、阿拉山口口岸，中吉伊尔克什坦、吐尔尕特口岸，中蒙红山嘴、二连浩特、"
    "甘其毛都口岸，中俄满洲里、绥芬河、珲春、虎林、密山口岸毗邻国家对应口岸查验基础设施、配套设施以及"
    "通往口岸道路建设。"
)
#: 13th plan, air-port layout text after 专栏2
AIR_GLOBAL_13 = "将北京、上海、广州航空口岸建设成为面向全球的枢纽型航空口岸"
AIR_GATEWAY_13 = (
    "将昆明、重庆、成都、深圳航空口岸建设成为面向南亚和东南亚，将乌鲁木齐、西安航空口岸建设成为面向中亚，"
    "将哈尔滨航空口岸建设成为面向东北亚的门户型航空口岸"
)
AIR_REGIONAL_13 = "大力提升郑州、武汉、长沙和呼和浩特航空口岸在本区域的地位"

# ---------------------------------------------------------------------------------------------
# Names: plan name -> (slug, English name). Slugs are pinyin; ids are built from them.
# ---------------------------------------------------------------------------------------------
NAMES: dict[str, tuple[str, str]] = {
    # sea ports
    "大连": ("dalian", "Dalian"), "天津": ("tianjin", "Tianjin"),
    "秦皇岛": ("qinhuangdao", "Qinhuangdao"), "青岛": ("qingdao", "Qingdao"),
    "营口": ("yingkou", "Yingkou"), "唐山": ("tangshan", "Tangshan"),
    "烟台": ("yantai", "Yantai"), "日照": ("rizhao", "Rizhao"),
    "日照(石臼)": ("rizhao", "Rizhao (Shijiu)"),
    "上海": ("shanghai", "Shanghai"), "宁波": ("ningbo", "Ningbo"),
    "舟山": ("zhoushan", "Zhoushan"), "连云港": ("lianyungang", "Lianyungang"),
    "温州": ("wenzhou", "Wenzhou"), "南京": ("nanjing", "Nanjing"),
    "镇江": ("zhenjiang", "Zhenjiang"), "南通": ("nantong", "Nantong"),
    "苏州": ("suzhou", "Suzhou"), "张家港": ("zhangjiagang", "Zhangjiagang"),
    "常熟": ("changshu", "Changshu"), "太仓": ("taicang", "Taicang"),
    "福州": ("fuzhou", "Fuzhou"), "厦门": ("xiamen", "Xiamen"),
    "泉州": ("quanzhou", "Quanzhou"), "莆田": ("putian", "Putian"),
    "漳州": ("zhangzhou", "Zhangzhou"), "广州": ("guangzhou", "Guangzhou"),
    "深圳": ("shenzhen", "Shenzhen"), "珠海": ("zhuhai", "Zhuhai"),
    "汕头": ("shantou", "Shantou"), "汕尾": ("shanwei", "Shanwei"),
    "惠州": ("huizhou", "Huizhou"), "虎门": ("humen", "Humen"),
    "茂名": ("maoming", "Maoming"), "茂名(水东)": ("maoming", "Maoming (Shuidong)"),
    "湛江": ("zhanjiang", "Zhanjiang"), "钦州": ("qinzhou", "Qinzhou"),
    "防城港": ("fangchenggang", "Fangchenggang"), "海口": ("haikou", "Haikou"),
    "洋浦": ("yangpu", "Yangpu"), "北海": ("beihai", "Beihai"),
    "八所": ("basuo", "Basuo"), "三亚": ("sanya", "Sanya"),
    # border crossings
    "满洲里": ("manzhouli", "Manzhouli"), "绥芬河": ("suifenhe", "Suifenhe"),
    "珲春": ("hunchun", "Hunchun"), "同江": ("tongjiang", "Tongjiang"),
    "东宁": ("dongning", "Dongning"), "黑河": ("heihe", "Heihe"),
    "黑瞎子岛": ("heixiazidao", "Heixiazi Island (Bolshoy Ussuriysky)"),
    "丹东": ("dandong", "Dandong"), "图们": ("tumen", "Tumen"), "集安": ("jian", "Ji'an"),
    "南坪": ("nanping", "Nanping"), "圈河": ("quanhe", "Quanhe"),
    "长白": ("changbai", "Changbai"), "临江": ("linjiang", "Linjiang"),
    "二连浩特": ("erenhot", "Erenhot"), "策克": ("ceke", "Ceke"),
    "甘其毛都": ("ganqimaodu", "Ganqimaodu"),
    "珠恩嘎达布其": ("zhuengadabuqi", "Zhuengadabuqi"), "阿尔山": ("arxan", "Arxan"),
    "满都拉": ("mandula", "Mandula"), "塔克什肯": ("takeshiken", "Takeshiken"),
    "霍尔果斯": ("khorgos", "Khorgos (Horgos)"), "阿拉山口": ("alashankou", "Alashankou"),
    "巴克图": ("baketu", "Baketu (Bakhty)"), "吉木乃": ("jeminay", "Jeminay"),
    "都拉塔": ("dulata", "Dulata"), "伊尔克什坦": ("irkeshtam", "Irkeshtam"),
    "吐尔尕特": ("torugart", "Torugart"), "中吉乌铁路口岸": ("cku-railway", "China-Kyrgyzstan-Uzbekistan railway port"),
    "红其拉甫": ("khunjerab", "Khunjerab"), "卡拉苏": ("karasu", "Karasu (Kulma Pass)"),
    "凭祥": ("pingxiang", "Pingxiang"), "河口": ("hekou", "Hekou"),
    "友谊关": ("youyiguan", "Youyiguan (Friendship Pass)"), "东兴": ("dongxing", "Dongxing"),
    "水口": ("shuikou", "Shuikou"), "龙邦": ("longbang", "Longbang"),
    "天保": ("tianbao", "Tianbao"), "瑞丽": ("ruili", "Ruili"), "畹町": ("wanding", "Wanding"),
    "腾冲猴桥": ("tengchong-houqiao", "Tengchong Houqiao"),
    "孟定清水河": ("mengding-qingshuihe", "Mengding Qingshuihe"),
    "打洛": ("daluo", "Daluo"), "磨憨": ("mohan", "Mohan"), "勐康": ("mengkang", "Mengkang"),
    "吉隆": ("gyirong", "Gyirong (Kyirong)"), "樟木": ("zhangmu", "Zhangmu"),
    "普兰": ("burang", "Burang (Purang)"), "里孜": ("lizi", "Lizi"),
    "日屋": ("riwu", "Riwu"), "陈塘": ("chentang", "Chentang"),
    "老爷庙": ("laoyemiao", "Laoyemiao"), "红山嘴": ("hongshanzui", "Hongshanzui"),
    "虎林": ("hulin", "Hulin"), "密山": ("mishan", "Mishan"),
    # air hubs (cities)
    "北京": ("beijing", "Beijing"), "昆明": ("kunming", "Kunming"),
    "重庆": ("chongqing", "Chongqing"), "成都": ("chengdu", "Chengdu"),
    "乌鲁木齐": ("urumqi", "Urumqi"), "西安": ("xian", "Xi'an"),
    "哈尔滨": ("harbin", "Harbin"), "石家庄": ("shijiazhuang", "Shijiazhuang"),
    "太原": ("taiyuan", "Taiyuan"), "呼和浩特": ("hohhot", "Hohhot"),
    "沈阳": ("shenyang", "Shenyang"), "长春": ("changchun", "Changchun"),
    "杭州": ("hangzhou", "Hangzhou"), "济南": ("jinan", "Jinan"),
    "南昌": ("nanchang", "Nanchang"), "合肥": ("hefei", "Hefei"),
    "南宁": ("nanning", "Nanning"), "桂林": ("guilin", "Guilin"),
    "郑州": ("zhengzhou", "Zhengzhou"), "武汉": ("wuhan", "Wuhan"),
    "长沙": ("changsha", "Changsha"), "贵阳": ("guiyang", "Guiyang"),
    "拉萨": ("lhasa", "Lhasa"), "兰州": ("lanzhou", "Lanzhou"),
    "西宁": ("xining", "Xining"), "银川": ("yinchuan", "Yinchuan"),
    "鄂州": ("ezhou", "Ezhou"),
}  # fmt: skip

#: Sea-port site per port name (14th and 13th share them).
SEA_SITE = {
    "苏州": None,  # group row; located by its members
}

#: Border-crossing site per crossing name. Road and rail at one place share a site.
CROSSING_SITE = {
    n: f"crossing-{NAMES[n][0]}"
    for n in (
        "满洲里 绥芬河 珲春 同江 东宁 黑瞎子岛 丹东 图们 集安 南坪 圈河 长白 临江 二连浩特 策克 "
        "甘其毛都 珠恩嘎达布其 阿尔山 满都拉 塔克什肯 霍尔果斯 阿拉山口 巴克图 吉木乃 都拉塔 "
        "伊尔克什坦 吐尔尕特 红其拉甫 卡拉苏 凭祥 河口 友谊关 东兴 水口 龙邦 天保 瑞丽 畹町 "
        "腾冲猴桥 孟定清水河 打洛 磨憨 勐康 吉隆 樟木 普兰 里孜 日屋 陈塘 老爷庙 红山嘴 虎林 密山"
    ).split()
}
CROSSING_SITE["黑河"] = "crossing-heihe-bridge"
#: Railway crossings with a site of their own: the railway crosses the boundary away from the
#: road crossing of the same name (evidence in data/sites/national.csv, provenance/derive_national_sites.py)
RAIL_SITE = {
    "满洲里": "crossing-manzhouli-rail", "珲春": "crossing-hunchun-rail",
    "霍尔果斯": "crossing-khorgos-rail", "磨憨": "crossing-mohan-rail",
}  # fmt: skip


def crossing_site(name: str, mode: str) -> str:
    """Site of a border crossing: its own railway site where it has one, else the shared site."""
    if mode == "rail" and name in RAIL_SITE:
        return RAIL_SITE[name]
    return CROSSING_SITE[name]


#: Airports per hub city, as of each plan (IATA codes; sites are airport-<iata>).
HUB_AIRPORTS_14 = {
    "北京": ["PEK", "PKX"], "上海": ["PVG", "SHA"], "广州": ["CAN"], "昆明": ["KMG"],
    "重庆": ["CKG"], "成都": ["CTU", "TFU"], "深圳": ["SZX"], "乌鲁木齐": ["URC"],
    "西安": ["XIY"], "哈尔滨": ["HRB"], "天津": ["TSN"], "石家庄": ["SJW"], "太原": ["TYN"],
    "呼和浩特": ["HET"], "大连": ["DLC"], "沈阳": ["SHE"], "长春": ["CGQ"], "杭州": ["HGH"],
    "厦门": ["XMN"], "南京": ["NKG"], "青岛": ["TAO"], "福州": ["FOC"], "济南": ["TNA"],
    "南昌": ["KHN"], "温州": ["WNZ"], "宁波": ["NGB"], "合肥": ["HFE"], "南宁": ["NNG"],
    "桂林": ["KWL"], "海口": ["HAK"], "三亚": ["SYX"], "郑州": ["CGO"], "武汉": ["WUH"],
    "长沙": ["CSX"], "贵阳": ["KWE"], "拉萨": ["LXA"], "兰州": ["LHW"], "西宁": ["XNN"],
    "银川": ["INC"],
}  # fmt: skip
HUB_AIRPORTS_13 = {**HUB_AIRPORTS_14, "北京": ["PEK"], "成都": ["CTU"]}
AIRPORT_NOTES = {
    "PKX": "Beijing Daxing opened 2019-09; the 14th plan's Beijing hub has two airports",
    "TFU": "Chengdu Tianfu opened 2021-06-27; the 14th plan's Chengdu hub has two airports",
    "SHA": "Shanghai has two international airports (Pudong, Hongqiao)",
    "TAO": "Qingdao's airport moved from Liuting to Jiaodong on 2021-08-12 (IATA TAO kept); "
    "modelled at Jiaodong",
    "KMG": "Kunming Changshui (KMG since 2012-06); airportsdata still has the closed Wujiaba",
    "HFE": "Hefei Xinqiao (since 2013); Natural Earth still shows the closed Luogang",
    "XMN": "Xiamen Gaoqi, the airport in use when the plan was written (Xiang'an airport under "
    "construction)",
    "DLC": "Dalian Zhoushuizi, the airport in use when the plan was written (Jinzhouwan airport "
    "under construction)",
    "HET": "Hohhot Baita, the airport in use when the plan was written (Shengle airport under "
    "construction)",
}


def slug(name: str) -> str:
    """Pinyin slug of a plan name."""
    return NAMES[name][0]


def en(name: str) -> str:
    """English name of a plan name."""
    return NAMES[name][1]


class Writer:
    """Collect rows of one plan with running seq per column."""

    def __init__(self, plan: str, prefix: str) -> None:
        self.plan = plan
        self.prefix = prefix
        self.rows: list[dict[str, object]] = []
        self.seq: dict[int, int] = {}

    def add(self, column: int, key: str, **kw: object) -> str:
        """Add one row; return its id."""
        rid = f"{self.prefix}-c{column}-{key}"
        self.seq[column] = self.seq.get(column, 0) + 1
        row = {c: "" for c in COLUMNS}
        row.update(id=rid, plan=self.plan, column=column, seq=self.seq[column])
        for k, v in kw.items():
            if k not in COLUMNS:
                raise KeyError(k)
            row[k] = "" if v is None else v
        if row["kind"] != "project" and not row["mode"]:
            row["mode"] = row["kind"]
        self.rows.append(row)
        return rid

    def fill_crossing_context(self, info: dict[str, tuple[str, str]]) -> None:
        """Give project rows located at a border crossing that crossing's neighbour and region."""
        for row in self.rows:
            site = str(row["site_id"])
            if row["kind"] == "project" and site in info:
                iso, region = info[site]
                row["neighbor"] = row["neighbor"] or iso
                row["region"] = row["region"] or region

    def write(self, path: Path) -> None:
        """Write the rows to a CSV file (ids must be unique)."""
        ids = [r["id"] for r in self.rows]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"duplicate ids {sorted(dup)}")
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
            w.writeheader()
            w.writerows(self.rows)
        log.info("%s: %d rows", path, len(self.rows))


def sea_site(name: str) -> str:
    """Site id of a sea port."""
    return f"port-{slug(name)}"


# ---------------------------------------------------------------------------------------------
# Shared layouts
# ---------------------------------------------------------------------------------------------
def sea_layout(w: Writer, column: int, clusters: list[tuple[str, str, str]], notes: dict) -> None:
    """clusters: (region, 主要口岸 list, 区域性口岸 list) as printed, '、'-separated."""
    for region, mains, regionals in clusters:
        for role, section, text in (
            ("main", "主要口岸", mains),
            ("regional", "区域性口岸", regionals),
        ):
            for name in split_outside_brackets(text):
                if name.startswith("苏州"):
                    gid = w.add(
                        column, "suzhou", section=section, kind="sea", role=role, region=region,
                        status="operating", name_zh="苏州", name_en="Suzhou",
                        text_zh=name, note="group row: the plan lists Suzhou with three port areas "
                        "in brackets; located by its members",
                    )  # fmt: skip
                    for member in ("张家港", "常熟", "太仓"):
                        w.add(
                            column, f"suzhou-{slug(member)}", section=section, kind="sea",
                            role=role, region=region, status="operating", name_zh=member,
                            name_en=en(member), parent=gid, site_id=sea_site(member),
                            city_zh="苏州",
                            note=f"port area of Suzhou port printed in brackets after 苏州 ({name})",
                        )  # fmt: skip
                    continue
                base = name.split("(")[0]
                w.add(
                    column, slug(base), section=section, kind="sea", role=role, region=region,
                    status="operating", name_zh=name, name_en=en(name), site_id=sea_site(base),
                    note=notes.get(name, ""),
                )  # fmt: skip


def border_layout(
    w: Writer, column: int, entries: list[tuple[str, str, str, str, list[str]]], notes: dict
) -> None:
    """entries: (region, section, neighbor ISO3, mode, names as printed with '()' = planned).

    Every crossing gets role ``main``: both plans head the column 主要口岸 (main ports).
    """
    for region, section, iso, mode, names in entries:
        for printed in names:
            planned = printed.startswith("(")
            name = printed.strip("()")
            raw = name
            note = notes.get((name, mode), "")
            if name == "琿春":
                name = "珲春"
                note = "printed 琿春 (traditional/garbled form) = 珲春 Hunchun" + (
                    "; " + note if note else ""
                )
            if name == "中吉乌铁路口岸":
                w.add(
                    column, "cku-railway-rail", section=section, kind="rail", role="main", region=region,
                    neighbor=iso, status="planned", name_zh=name, name_en=en(name),
                    text_zh=f"（{name}）",
                    note="China-Kyrgyzstan-Uzbekistan railway port: no site yet (line and border "
                    "station not fixed when the plan was written); printed in brackets = planned",
                )  # fmt: skip
                continue
            if planned:
                note = (
                    note + "; " if note else ""
                ) + "printed in brackets (planned, not yet built)"
            w.add(
                column, f"{slug(name)}-{mode}", section=section, kind=mode, role="main", region=region,
                neighbor=iso, status="planned" if planned else "operating", name_zh=name,
                name_en=en(name), site_id=crossing_site(name, mode),
                text_zh=raw if raw != name else "", note=note,
            )  # fmt: skip


def split_outside_brackets(text: str) -> list[str]:
    """Split a '、'-list, keeping bracketed sub-lists such as 苏州（张家港、常熟、太仓） whole."""
    out, depth, cur = [], 0, ""
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
        if ch == "、" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return [t for t in out if t]


def split(text: str) -> list[str]:
    """Split a '、'-separated list."""
    return [t for t in text.replace("，", "、").split("、") if t]


# ---------------------------------------------------------------------------------------------
# 14th plan
# ---------------------------------------------------------------------------------------------
def build_14() -> Writer:
    """Transcribe the 14th plan."""
    w = Writer("national-14", "n14")
    # 专栏2 海运口岸布局
    sea_layout(
        w, 2,
        [
            ("环渤海", "大连、天津、秦皇岛、青岛", "营口、唐山、烟台、日照"),
            ("长三角", "上海、宁波、舟山、连云港", "温州、南京、镇江、南通、苏州（张家港、常熟、太仓）"),
            ("东南沿海", "福州、厦门", "泉州、莆田、漳州"),
            ("粤港澳大湾区", "广州、深圳、珠海、汕头", "汕尾、惠州、虎门、茂名"),
            ("西南沿海", "湛江、钦州、防城港、海口、洋浦", "北海、八所、三亚"),
        ],
        {
            "舟山": "main port in the 14th plan (regional in the 13th)",
            "钦州": "main port in the 14th plan (regional in the 13th)",
            "洋浦": "main port in the 14th plan (regional in the 13th)",
            "日照": "13th plan prints 日照(石臼)",
            "茂名": "13th plan prints 茂名(水东)",
            "南京": "Yangtze river port listed in the sea-port layout (sea-going ships reach it)",
            "镇江": "Yangtze river port listed in the sea-port layout (sea-going ships reach it)",
            "南通": "Yangtze estuary port listed in the sea-port layout",
        },
    )  # fmt: skip
    # 专栏3 边境口岸布局 (printed order)
    b = [
        ("东北", "中俄", "RUS", "rail", ["满洲里", "绥芬河", "琿春", "同江"]),
        ("东北", "中俄", "RUS", "road", ["满洲里", "绥芬河", "东宁", "琿春", "黑河", "黑瞎子岛"]),
        ("东北", "中朝", "PRK", "rail", ["丹东", "图们", "集安", "(南坪)"]),
        ("东北", "中朝", "PRK", "road", ["丹东", "南坪", "圈河", "长白", "图们", "临江", "集安"]),
        ("北部", "中蒙", "MNG", "rail", ["二连浩特", "(策克)", "(甘其毛都)", "(珠恩嘎达布其)"]),
        ("北部", "中蒙", "MNG", "road",
         ["二连浩特", "策克", "甘其毛都", "珠恩嘎达布其", "阿尔山", "满都拉", "塔克什肯"]),
        ("西北", "中哈", "KAZ", "rail", ["霍尔果斯", "阿拉山口"]),
        ("西北", "中哈", "KAZ", "road", ["霍尔果斯", "阿拉山口", "巴克图", "吉木乃", "都拉塔"]),
        ("西北", "中吉", "KGZ", "road", ["伊尔克什坦", "吐尔尕特"]),
        ("西北", "中吉", "KGZ", "rail", ["(中吉乌铁路口岸)"]),
        ("西北", "中巴", "PAK", "road", ["红其拉甫"]),
        ("西北", "中塔", "TJK", "road", ["卡拉苏"]),
        ("西南", "中越", "VNM", "rail", ["凭祥", "河口"]),
        ("西南", "中越", "VNM", "road", ["河口", "友谊关", "东兴", "水口", "龙邦", "天保"]),
        ("西南", "中缅", "MMR", "rail", ["(瑞丽)"]),
        ("西南", "中缅", "MMR", "road", ["瑞丽", "畹町", "腾冲猴桥", "孟定清水河", "打洛"]),
        ("西南", "中老", "LAO", "rail", ["磨憨"]),
        ("西南", "中老", "LAO", "road", ["磨憨", "勐康"]),
        ("西南", "中尼", "NPL", "road", ["吉隆", "樟木", "普兰", "里孜"]),
    ]  # fmt: skip
    notes14 = {
        (
            "塔克什肯",
            "road",
        ): "in Qinghe county, Xinjiang, but listed under 北部/中蒙 (faces Mongolia)",
        ("同江", "rail"): "planned (bracketed) in the 13th plan; unbracketed here (bridge built)",
        ("黑河", "road"): "Heihe-Blagoveshchensk road bridge; bracketed (planned) in the 13th plan",
        ("黑瞎子岛", "road"): "bracketed (planned) in the 13th plan",
        ("磨憨", "rail"): "bracketed (planned) in the 13th plan; China-Laos railway opened 2021-12",
        ("图们", "road"): "bracketed (planned) in the 13th plan",
        ("瑞丽", "rail"): "printed （瑞丽铁路口岸）; China-Myanmar railway not yet built",
        ("凭祥", "rail"): "Pingxiang railway crossing (Hanoi line), a different site from the "
        "Youyiguan road crossing",
        ("普兰", "road"): "located at the Xie'erwa (斜尔瓦) crossing to Hilsa, Nepal",
        ("吉隆", "road"): "located at the Rasuwa (热索) bridge, not Gyirong town",
    }
    border_layout(w, 3, b, notes14)
    crossing_info = {
        crossing_site(n.strip("()").replace("琿春", "珲春"), mode): (iso, region)
        for region, _, iso, mode, names in b
        for n in names
        if n.strip("()") != "中吉乌铁路口岸"
    }
    crossing_info.update({
        # Mongolia-facing crossings are 北部 wherever they are (data/belt_regions.csv: the region
        # follows the neighbour, as 专栏3 puts 塔克什肯 in Xinjiang under 北部)
        CROSSING_SITE["老爷庙"]: ("MNG", BELT["MNG"]), CROSSING_SITE["红山嘴"]: ("MNG", BELT["MNG"]),
        CROSSING_SITE["虎林"]: ("RUS", "东北"), CROSSING_SITE["密山"]: ("RUS", "东北"),
    })  # fmt: skip
    # 专栏4 航空口岸布局
    intl = "北京、上海、广州、昆明、重庆、成都、深圳、乌鲁木齐、西安、哈尔滨"
    regional = (
        "天津、石家庄、太原、呼和浩特、大连、沈阳、长春、杭州、厦门、南京、青岛、福州、济南、南昌、"
        "温州、宁波、合肥、南宁、桂林、海口、三亚、郑州、武汉、长沙、贵阳、拉萨、兰州、西宁、银川"
    )
    for section, role, text in (
        ("国际枢纽", "international-hub", intl),
        ("区域枢纽", "regional-hub", regional),
    ):
        for city in split(text):
            hid = w.add(
                4, slug(city), section=section, kind="air", role=role, status="operating",
                name_zh=city, name_en=en(city),
                note="hub row (a city); no site of its own, located by its member airport rows",
            )  # fmt: skip
            for code in HUB_AIRPORTS_14[city]:
                w.add(
                    4, f"{slug(city)}-{code.lower()}", section=section, kind="air", role=role,
                    status="operating", name_zh=f"{city}({code})", name_en=f"{en(city)} {code}",
                    parent=hid, site_id=f"airport-{code.lower()}", city_zh=city,
                    note="member airport (not printed; the plan names the city). "
                    + AIRPORT_NOTES.get(code, ""),
                )  # fmt: skip
    # 专栏7 重点枢纽口岸示范工程
    water = "上海、广州、深圳、天津、厦门、钦州、北海、宁波、舟山、青岛、连云港"
    # the plan's prose before 专栏7 (五、重点工程 1. 水运口岸项目) gives words for most of them
    water_text = {
        **dict.fromkeys(("上海", "天津", "深圳", "广州"),
                        "重点打造上海、天津、深圳、广州水运口岸，支持津冀、长三角、粤港澳大湾区世界级港口群建设"),
        **dict.fromkeys(("青岛", "厦门", "钦州", "北海"),
                        "推进大连、青岛、厦门、钦州、北海等水运口岸建设，支持辽宁沿海、山东沿海、东南沿海和西南沿海港口群建设"),
        **dict.fromkeys(("舟山", "宁波"),
                        "推进舟山、宁波水运口岸建设，构建舟山江海联运中心、宁波舟山沿海转运中心"),
    }  # fmt: skip
    for n in split(water):
        note = "demonstration project at an existing water port; located at its 专栏2 site"
        if n == "宁波":
            note += "; the printed list breaks the line inside 宁波 (宁/波)"
        if n == "连云港":
            note += (
                "; in 专栏7 but not named in the prose (the prose names 大连, which 专栏7 omits)"
            )
        w.add(7, f"{slug(n)}-sea", section="水运口岸项目", kind="project", mode="sea",
              status="operating", name_zh=n, name_en=en(n), site_id=sea_site(n), action="upgrade",
              text_zh=water_text.get(n, ""), note=note)  # fmt: skip
    air = "北京、上海、广州、深圳、成都、重庆、昆明、西安、乌鲁木齐、哈尔滨"
    for n in split(air):
        codes = HUB_AIRPORTS_14[n]
        note = "demonstration project at an international hub; located at its main airport"
        if len(codes) > 1:
            note += f" {codes[0]} (the city has {', '.join(codes)}; see the 专栏4 hub row)"
        air_text = (
            "大幅提升北京、上海、广州航空口岸国际枢纽竞争力，推动与周边航空口岸优势互补、协同发展"
            if n in ("北京", "上海", "广州")
            else "有序提升成都、昆明、深圳、重庆、西安、乌鲁木齐、哈尔滨等航空口岸国际枢纽功能"
        )
        w.add(7, f"{slug(n)}-air", section="航空口岸项目", kind="project", mode="air",
              text_zh=air_text,
              status="operating", name_zh=n, name_en=en(n), site_id=f"airport-{codes[0].lower()}",
              action="upgrade", note=note)  # fmt: skip
    w.add(7, "zhengzhou-air", section="航空口岸项目", kind="project", mode="air", status="operating",
          name_zh="郑州", name_en="Zhengzhou", site_id="airport-cgo", action="upgrade",
          text_zh=CARGO_HUBS_14,
          note="comprehensive cargo hub (prose before 专栏7)")  # fmt: skip
    w.add(7, "ezhou-air", section="航空口岸项目", kind="project", mode="air", status="planned",
          name_zh="鄂州（货运）", name_en="Ezhou (cargo)", site_id="airport-ehu",
          action="construction", text_zh=CARGO_HUBS_14,
          note="Ezhou Huahu cargo airport (EHU), opened 2022-07, after the plan: status planned "
          "(new) as of the plan")  # fmt: skip
    road = (
        "绥芬河、满洲里、琿春、丹东、圈河、二连浩特、塔克什肯、霍尔果斯、阿拉山口、伊尔克什坦、"
        "吐尔尕特、卡拉苏、红其拉甫、吉隆、樟木、友谊关、河口、磨憨、瑞丽"
    )
    for n in split(road):
        name = "珲春" if n == "琿春" else n
        note = "demonstration project at an existing road port; located at its 专栏3 crossing"
        if n == "琿春":
            note = "printed 琿春 = 珲春; " + note
        if n == "樟木":
            note += "; printed 吉隆、樟木口岸 (口岸 suffix dropped)"
        w.add(7, f"{slug(name)}-road", section="公路口岸项目", kind="project", mode="road",
              status="operating", name_zh=name, name_en=en(name), site_id=CROSSING_SITE[name],
              action="upgrade", note=note)  # fmt: skip
    w.add(7, "shenzhen-hk-innovation-road", section="公路口岸项目", kind="project", mode="road",
          status="planned", name_zh="粤港深港科技创新合作区跨境专用口岸",
          name_en="Shenzhen-Hong Kong Science and Technology Innovation Cooperation Zone "
          "dedicated cross-border port", neighbor="HKG", site_id="gd-sz-hetao",
          action="construction", text_zh="粤港深港科技创新合作区跨境专用口岸",
          note="new port, not yet built: located at the Guangdong plan's site for the same port "
          "(gd-sz-hetao, Futian side of the Lok Ma Chau Loop; one site per place); the "
          "section is 公路 but the plan gives no mode of its own")  # fmt: skip
    w.add(7, "xinhengqin-road", section="公路口岸项目", kind="project", mode="road",
          status="planned", name_zh="粤澳新横琴口岸", name_en="New Hengqin port (Guangdong-Macao)",
          neighbor="MAC", site_id="gd-zh-hengqin-port", action="construction",
          text_zh="粤澳新横琴口岸",
          note="new Hengqin port (opened 2020-08 for passengers; the plan lists it as a project); "
          "located at the Guangdong plan's site for the same port (gd-zh-hengqin-port)")  # fmt: skip
    rail = "霍尔果斯、阿拉山口、绥芬河、满洲里、琿春、二连浩特、凭祥、河口、磨憨"
    for n in split(rail):
        name = "珲春" if n == "琿春" else n
        note = "demonstration project at a railway port; located at its 专栏3 crossing"
        if n == "琿春":
            note = "printed 琿春 = 珲春; " + note
        rail_text = (
            "推进中欧班列边境口岸及后方通道扩能改造工程，提升霍尔果斯、阿拉山口、满洲里、二连浩特铁路口岸列车接发、换装能力"
            if name in ("霍尔果斯", "阿拉山口", "满洲里", "二连浩特")
            else ""
        )
        w.add(7, f"{slug(name)}-rail", section="铁路口岸项目", kind="project", mode="rail",
              text_zh=rail_text,
              status="operating", name_zh=name, name_en=en(name),
              site_id=crossing_site(name, "rail"),
              action="upgrade", note=note)  # fmt: skip
    w.add(7, "xijiulong-rail", section="铁路口岸项目", kind="project", mode="rail",
          status="operating", name_zh="广深港高铁西九龙站",
          name_en="Hong Kong West Kowloon station (Guangzhou-Shenzhen-Hong Kong high-speed rail)",
          neighbor="HKG", site_id="site-west-kowloon", action="upgrade",
          note="co-located port (一地两检) in Hong Kong, operating since 2018-09")  # fmt: skip
    # 专栏8 口岸补短板工程
    for key, title in (
        ("epidemic", "口岸疫情防控能力提升工程"),
        ("safety", "口岸安全能力提升工程"),
    ):
        w.add(8, f"{key}-programme", section=title, kind="project", status="planned",
              name_zh=title, name_en={"epidemic": "Epidemic-control capacity programme",
                                      "safety": "Port safety capacity programme"}[key],
              action="programme", text_zh="全面排查所有对外开放口岸。",
              note="nationwide programme (all open ports), no site; status planned = work the "
              "plan schedules")  # fmt: skip
    kb = "重要边境口岸“卡脖子”事项解决工程"
    road8 = "友谊关、河口、磨憨、瑞丽、吉隆、樟木、霍尔果斯、满洲里、绥芬河、红其拉甫、卡拉苏、伊尔克什坦、吐尔尕特"
    for n in split(road8):
        w.add(8, f"{slug(n)}-road", section=kb, kind="project", mode="road", status="operating",
              name_zh=n, name_en=en(n), site_id=CROSSING_SITE[n], action="upgrade",
              text_zh="口岸集疏运能力补短板项目",
              note="（公路口岸） bottleneck item at an existing road port")  # fmt: skip
    rail8 = "霍尔果斯、阿拉山口、满洲里、绥芬河、二连浩特"
    for n in split(rail8):
        w.add(8, f"{slug(n)}-rail", section=kb, kind="project", mode="rail", status="operating",
              name_zh=n, name_en=en(n), site_id=crossing_site(n, "rail"), action="expansion",
              text_zh="口岸站及后方通道扩能改造",
              note="（铁路口岸） station and rear-corridor capacity expansion")  # fmt: skip
    gq = "长距离孔道边境口岸“关口前移”工程"
    insp = {
        "伊尔克什坦": ("insp-irkeshtam-wuqia", "KGZ", "西北"),
        "吐尔尕特": ("insp-torugart-topa", "KGZ", "西北"),
        "红其拉甫": ("insp-khunjerab-tashkurgan", "PAK", "西北"),
        "卡拉苏": ("insp-karasu", "TJK", "西北"),
        "老爷庙": ("insp-laoyemiao", "MNG", BELT["MNG"]),
    }
    for n, (isite, iso, region) in insp.items():
        note = (
            "long-corridor crossing: site_id = the crossing at the border, "
            "inspection_site_id = the inspection site behind it (to be moved forward)"
        )
        if n == "老爷庙":
            note += (
                "; 老爷庙 is in Barkol county (Hami), Xinjiang, facing Mongolia's Burgastai; "
                "it is not listed in 专栏3"
            )
        w.add(8, f"{slug(n)}-forward", section=gq, kind="project", mode="road", region=region,
              neighbor=iso, status="operating", name_zh=f"{n}口岸", name_en=en(n),
              site_id=CROSSING_SITE[n], inspection_site_id=isite, action="relocation", note=note)  # fmt: skip
    # 专栏9 口岸智慧创新工程
    for key, title, en9, text in (
        (
            "infrastructure",
            "口岸基础设施设备升级",
            "Port infrastructure and equipment upgrade",
            "在具备条件的口岸推广应用5G通信、物联网、智能审图、智能感知、远程高清监控、无人机、遥感、通信、导航等新技术，"
            "根据需要装备应用智能化的查验、监控、检验检疫等设备。",
        ),
        (
            "security",
            "口岸安全防控体系建设",
            "Port security and prevention system",
            "推进应急管理信息互通和应急处置先进技术设备应用",
        ),
        (
            "inspection-systems",
            "口岸查验监管系统升级",
            "Inspection and supervision systems upgrade",
            "推进口岸查验监管信息系统整合优化，建设“智慧海关”“智慧边检”",
        ),
        (
            "management",
            "口岸综合管理能力提升",
            "Port comprehensive management capacity",
            "开展全国口岸基础信息、运行数据、卫星地理信息和实时影像分析",
        ),
        (
            "single-window",
            "国际贸易“单一窗口”深化建设",
            "International trade Single Window deepening",
            "推动进出口环节监管证件及检验检疫证书等通过“单一窗口”一窗通办",
        ),
    ):
        w.add(9, key, section="口岸智慧创新工程", kind="project", status="planned", name_zh=title,
              name_en=en9, action="programme", text_zh=text,
              note="nationwide programme, no site; status planned = work the plan schedules")  # fmt: skip
    # 专栏10 口岸国际合作工程
    s10a = "跨境基础设施互联互通工程"
    links = [
        (
            "tongjiang-rail-bridge",
            "中俄同江铁路大桥",
            "Tongjiang-Nizhneleninskoye railway bridge",
            "rail",
            "RUS",
            "crossing-tongjiang",
            "foreign-nizhneleninskoye",
            "rail bridge over the Amur; opened to freight 2022-11 (after the plan)",
        ),
        (
            "heihe-road-bridge",
            "黑河公路大桥",
            "Heihe-Blagoveshchensk road bridge",
            "road",
            "RUS",
            "crossing-heihe-bridge",
            "foreign-blagoveshchensk-kanikurgan",
            "bridge built 2019, opened to traffic 2022-06; far end at Kanikurgan (Blagoveshchensk)",
        ),
        (
            "heihe-cableway",
            "黑河索道",
            "Heihe-Blagoveshchensk cross-border cableway",
            "road",
            "RUS",
            "site-heihe-cableway",
            "foreign-blagoveshchensk-cableway",
            "cross-border cable car over the Amur, under construction; mode road is a judgement "
            "(the plan gives none; it is a land-side passenger link)",
        ),
        (
            "china-myanmar-railway",
            "中缅铁路",
            "China-Myanmar railway",
            "rail",
            "MMR",
            "crossing-ruili",
            "foreign-muse",
            "line not yet built; located at the planned Ruili railway port, far end Muse",
        ),
        (
            "china-laos-railway",
            "中老铁路",
            "China-Laos railway",
            "rail",
            "LAO",
            "crossing-mohan-rail",
            "foreign-boten",
            "opened 2021-12-03 (after the plan was drafted); far end Boten",
        ),
        (
            "burang-xierwa-bridge",
            "中尼普兰斜尔瓦桥",
            "Burang Xie'erwa (Hilsa) bridge",
            "road",
            "NPL",
            "crossing-burang",
            "foreign-hilsa",
            "boundary-river bridge Xie'erwa-Hilsa",
        ),
        (
            "shuikou-second-bridge",
            "中越水口二桥",
            "Shuikou second bridge (China-Vietnam)",
            "road",
            "VNM",
            "crossing-shuikou",
            "foreign-ta-lung",
            "second bridge Shuikou-Ta Lung",
        ),
        (
            "tianbao-road-bridge",
            "天保跨界公路桥",
            "Tianbao cross-border road bridge",
            "road",
            "VNM",
            "crossing-tianbao",
            "foreign-thanh-thuy",
            "far end Thanh Thuy (Ha Giang)",
        ),
    ]
    for key, zh, en10, mode, iso, site, link, note in links:
        w.add(10, key, section=s10a, kind="project", mode=mode, neighbor=iso, region=BELT[iso],
              status="planned",
              name_zh=zh, name_en=en10, site_id=site, link_site_id=link, action="construction",
              text_zh=zh + ("建设" if zh.endswith("桥") and zh.startswith("天保") else ""),
              note="cross-border link: site_id = Chinese end, link_site_id = far end; " + note)  # fmt: skip
    s10b = "毗邻国家口岸补短板工程"
    pairs = [
        ("中尼", "NPL", "吉隆、樟木"),
        ("中缅", "MMR", "瑞丽、畹町"),
        ("中老", "LAO", "磨憨"),
        ("中越", "VNM", "友谊关、河口"),
        ("中巴", "PAK", "红其拉甫"),
        ("中塔", "TJK", "卡拉苏"),
        ("中哈", "KAZ", "霍尔果斯、阿拉山口"),
        ("中吉", "KGZ", "伊尔克什坦、吐尔尕特"),
        ("中蒙", "MNG", "红山嘴、二连浩特、甘其毛都"),
        ("中俄", "RUS", "满洲里、绥芬河、珲春、虎林、密山"),
    ]
    for _pair, iso, text in pairs:
        for n in split(text):
            note = (
                "neighbour-side port support (inspection facilities, ancillary facilities, "
                "access roads in the neighbouring country); located at the Chinese crossing"
            )
            if n in ("红山嘴", "虎林", "密山"):
                note += "; not listed in 专栏3"
            w.add(10, f"{slug(n)}-neighbour", section=s10b, kind="project", mode="road",
                  neighbor=iso, status="operating", name_zh=n, name_en=en(n),
                  site_id=CROSSING_SITE[n], action="construction",
                  text_zh=NEIGHBOUR_SENTENCE_14,
                  note=note)  # fmt: skip
    for n, iso in (("绥芬河", "RUS"), ("二连浩特", "MNG"), ("阿拉山口", "KAZ")):
        w.add(10, f"{slug(n)}-neighbour-rail", section=s10b, kind="project", mode="rail",
              neighbor=iso, status="operating", name_zh=n, name_en=en(n),
              site_id=CROSSING_SITE[n], action="upgrade",
              text_zh="边境铁路口岸毗邻国家对应口岸配套设施适应性改造",
              note="printed 绥芬河、二连浩特、阿拉山口等 (等 = 'and others', not enumerated)")  # fmt: skip
    aid = [
        (
            "aid-timure",
            "梯姆雷边检站",
            "Timure border checkpost (Nepal, aid)",
            "road",
            "NPL",
            "foreign-timure",
            "援尼泊尔（吉隆）: opposite Gyirong/Rasuwa; located at Timure (Rasuwagadhi), Nepal",
            "吉隆",
        ),
        (
            "aid-syabrubesi-rasuwagadhi-road",
            "沙拉公路",
            "Syabrubesi-Rasuwagadhi road (Nepal, aid)",
            "road",
            "NPL",
            "",
            "援尼泊尔（吉隆）: a ~16 km road in Nepal, a line not a point: "
            "no site (沙拉 = 沙布鲁贝西-拉苏瓦加迪)",
            "吉隆",
        ),
        (
            "aid-xierwa-bridge-abroad",
            "斜尔瓦界河公路桥（境外段工程）",
            "Xie'erwa boundary-river road bridge, section abroad (Nepal, aid)",
            "road",
            "NPL",
            "foreign-hilsa",
            "援尼泊尔（普兰）: Nepal-side works of the bridge; located at Hilsa",
            "普兰",
        ),
        (
            "aid-araniko-highway-3",
            "阿尼哥公路三期",
            "Araniko Highway phase III (Nepal, aid)",
            "road",
            "NPL",
            "",
            "援尼泊尔（樟木）: a highway section in Nepal (Kathmandu-Kodari), a line "
            "not a point: no site",
            "樟木",
        ),
        (
            "aid-zamyn-uud",
            "扎门乌德",
            "Zamyn-Uud port infrastructure (Mongolia, aid)",
            "road",
            "MNG",
            "foreign-zamyn-uud",
            "援蒙古（二连浩特）扎门乌德口岸基础设施",
            "二连浩特",
        ),
        (
            "aid-gashuun-sukhait",
            "嘎舒苏海图",
            "Gashuun Sukhait port infrastructure (Mongolia, aid)",
            "road",
            "MNG",
            "foreign-gashuun-sukhait",
            "援蒙古（甘其毛都）嘎舒苏海图口岸基础设施",
            "甘其毛都",
        ),
        (
            "aid-kunlong-bridge",
            "滚弄大桥",
            "Kunlong bridge (Myanmar, aid)",
            "road",
            "MMR",
            "foreign-kunlong",
            "援缅甸滚弄大桥项目: bridge over the Salween at Kunlong, Shan State",
            "",
        ),
        (
            "aid-kazakhstan-customs",
            "哈萨克斯坦海关技术装备现代化项目",
            "Kazakhstan customs technical equipment modernisation (aid)",
            "",
            "KAZ",
            "",
            "援哈萨克斯坦: equipment programme, no single place: no site",
            "",
        ),
    ]
    for key, zh, en10, mode, iso, site, note, via in aid:
        text = (f"（{via}）" if via else "") + zh
        if zh == "沙拉公路":
            # printed "援尼泊尔（吉隆）梯姆雷边检站、沙拉公路": the shortest verbatim span that
            # keeps the (吉隆) it belongs to
            text = "（吉隆）梯姆雷边检站、沙拉公路"
        w.add(10, key, section=s10b, kind="project", mode=mode, neighbor=iso, status="planned",
              name_zh=zh, name_en=en10, site_id=site, action="aid", city_zh="",
              text_zh=text, note="aid project; " + note)  # fmt: skip
    s10c = "口岸信息化交流合作工程"
    for key, short, zh, en10 in (
        (
            "customs-cooperation",
            "“一带一路”海关合作",
            "加强与共建“一带一路”国家海关合作，提升国际海关监管单据传输信息化水平",
            "Customs cooperation with Belt and Road countries",
        ),
        (
            "single-window-interconnection",
            "“单一窗口”互联互通",
            "推动实现与新加坡、俄罗斯、格鲁吉亚、哈萨克斯坦等国家“单一窗口”互联互通，试点推进国际贸易“单一窗口”对外建设",
            "Single Window interconnection (Singapore, Russia, Georgia, Kazakhstan, ...)",
        ),
        (
            "china-europe-rail-it",
            "中欧班列信息化（关铁通）",
            "提升中欧班列信息化水平，推动中欧班列信息平台建设，为保障中欧班列安全稳定高质量运行提供数字化解决方案，加快实施“关铁通”项目，进一步优化海关通关手续，提高中欧班列通关运行效率",
            "China-Europe Railway Express information platform and the customs-railway data link (Guan Tie Tong)",
        ),
        (
            "rail-paperless",
            "铁路国际联运无纸化",
            "促进中外铁路信息互联互通和跨境电子签名互认，推进铁路国际联运无纸化，争取与俄罗斯之间实现中欧班列全程无纸化",
            "Paperless international rail through-transport",
        ),
        (
            "standards",
            "参与国际组织标准制定",
            "重点围绕国际贸易“单一窗口”、跨境贸易、国际航空、海运服务等领域，积极参与世界贸易组织（WTO）、世界海关组织（WCO）、"
            "国际航空运输协会（IATA）、国际海事组织（IMO）、铁路合作组织（OSJD）等相关国际组织标准制定",
            "Participation in international standard setting (WTO, WCO, IATA, IMO, OSJD)",
        ),
    ):
        w.add(10, key, section=s10c, kind="project", status="planned", name_zh=short,
              name_en=en10, action="programme", text_zh=zh,
              note="information-cooperation programme, no site; name_zh is a short label, "
              "text_zh the plan's words (one paragraph split into its sentences)")  # fmt: skip
    sea_info = {
        str(r["site_id"]): ("", str(r["region"]))
        for r in w.rows
        if r["column"] == 2 and r["site_id"]
    }
    w.fill_crossing_context({**sea_info, **crossing_info})
    return w


# ---------------------------------------------------------------------------------------------
# 13th plan
# ---------------------------------------------------------------------------------------------
def build_13() -> Writer:
    """Transcribe the 13th plan."""
    w = Writer("national-13", "n13")
    sea_layout(
        w, 1,
        [
            ("环渤海", "大连、天津、秦皇岛、青岛", "营口、唐山、烟台、日照(石臼)"),
            ("长三角", "上海、宁波、连云港", "舟山、温州、南京、镇江、南通、苏州(张家港、常熟、太仓)"),
            ("东南沿海", "福州、厦门", "泉州、莆田、漳州"),
            ("珠三角", "广州、深圳、珠海、汕头", "汕尾、惠州、虎门、茂名(水东)"),
            ("西南沿海", "湛江、防城港、海口", "北海、钦州、洋浦、八所、三亚"),
        ],
        {
            "舟山": "regional in the 13th plan; main in the 14th",
            "钦州": "regional in the 13th plan; main in the 14th",
            "洋浦": "regional in the 13th plan; main in the 14th",
            "日照(石臼)": "printed 日照(石臼): Rizhao at its Shijiu port area; the 14th prints 日照",
            "茂名(水东)": "printed 茂名(水东): Maoming at Shuidong port; the 14th prints 茂名",
            "南京": "Yangtze river port listed in the sea-port layout",
            "镇江": "Yangtze river port listed in the sea-port layout",
            "南通": "Yangtze estuary port listed in the sea-port layout",
        },
    )  # fmt: skip
    b = [
        ("东北", "中俄", "RUS", "rail", ["满洲里", "绥芬河", "珲春", "(同江)"]),
        ("东北", "中俄", "RUS", "road", ["满洲里", "绥芬河", "东宁", "珲春", "(黑河)", "(黑瞎子岛)"]),
        ("东北", "中朝", "PRK", "rail", ["丹东", "图们", "集安", "(南坪)"]),
        ("东北", "中朝", "PRK", "road", ["丹东", "南坪", "圈河", "长白", "(图们)", "集安"]),
        ("北部", "中蒙", "MNG", "rail", ["二连浩特", "(策克)", "(甘其毛都)", "(珠恩嘎达布其)", "(阿尔山)"]),
        ("北部", "中蒙", "MNG", "road",
         ["二连浩特", "策克", "甘其毛都", "珠恩嘎达布其", "阿尔山", "满都拉", "塔克什肯"]),
        ("西北", "中哈", "KAZ", "rail", ["霍尔果斯", "阿拉山口", "(巴克图)"]),
        ("西北", "中哈", "KAZ", "road", ["霍尔果斯", "阿拉山口", "巴克图", "吉木乃", "都拉塔"]),
        ("西北", "中吉", "KGZ", "road", ["伊尔克什坦", "吐尔尕特"]),
        ("西北", "中吉", "KGZ", "rail", ["(中吉乌铁路口岸)"]),
        ("西北", "中巴", "PAK", "road", ["红其拉甫"]),
        ("西北", "中塔", "TJK", "road", ["卡拉苏"]),
        ("西南", "中越", "VNM", "rail", ["凭祥", "河口"]),
        ("西南", "中越", "VNM", "road", ["河口", "友谊关", "东兴", "水口", "龙邦", "天保"]),
        ("西南", "中缅", "MMR", "rail", ["(瑞丽)"]),
        ("西南", "中缅", "MMR", "road", ["瑞丽", "畹町", "腾冲猴桥", "孟定清水河", "打洛"]),
        ("西南", "中老", "LAO", "road", ["磨憨", "勐康"]),
        ("西南", "中老", "LAO", "rail", ["(磨憨)"]),
        ("西南", "中尼", "NPL", "road", ["吉隆", "樟木", "普兰", "(日屋)", "(陈塘)", "(里孜)"]),
    ]  # fmt: skip
    notes13 = {
        ("同江", "rail"): "planned here; operating (unbracketed) in the 14th plan",
        (
            "黑河",
            "road",
        ): "printed (黑河)(黑瞎子岛) without a separator; planned here, operating in the 14th plan",
        ("黑瞎子岛", "road"): "planned here, operating in the 14th plan",
        ("图们", "road"): "planned here (new road bridge), operating in the 14th plan",
        (
            "磨憨",
            "rail",
        ): "printed （磨憨铁路口岸） after the road ports; operating in the 14th plan",
        ("阿尔山", "rail"): "planned railway port dropped from the 14th plan",
        ("巴克图", "rail"): "planned railway port dropped from the 14th plan",
        ("日屋", "road"): "planned road port dropped from the 14th plan",
        ("陈塘", "road"): "planned road port dropped from the 14th plan",
        (
            "里孜",
            "road",
        ): "printed (日屋、陈塘、里孜) as one bracket; operating (unbracketed) in the 14th plan",
        ("塔克什肯", "road"): "in Qinghe county, Xinjiang, but listed under 北部/中蒙",
        ("凭祥", "rail"): "Pingxiang railway crossing, a different site from Youyiguan",
        ("普兰", "road"): "located at the Xie'erwa (斜尔瓦) crossing to Hilsa, Nepal",
        ("吉隆", "road"): "located at the Rasuwa (热索) bridge, not Gyirong town",
        ("瑞丽", "rail"): "printed （瑞丽铁路口岸）",
    }
    border_layout(w, 2, b, notes13)
    # 专栏3: air-port layout text (the 专栏 itself is a map; the words are in the prose after 专栏2)
    text3 = (
        "将北京、上海、广州航空口岸建设成为面向全球的枢纽型航空口岸，将昆明、重庆、成都、深圳航空口岸"
        "建设成为面向南亚和东南亚，将乌鲁木齐、西安航空口岸建设成为面向中亚，将哈尔滨航空口岸建设成为"
        "面向东北亚的门户型航空口岸，大力提升郑州、武汉、长沙和呼和浩特航空口岸在本区域的地位"
    )
    # text_zh is the plan's own clause for each group, verbatim; the gateway clause names three
    # directions at once ("…面向南亚和东南亚，…面向中亚，…面向东北亚的门户型航空口岸"), so each
    # gateway row carries the whole clause
    groups = [
        ("global-hub", "面向全球", "北京、上海、广州", AIR_GLOBAL_13),
        ("gateway-hub", "南亚和东南亚", "昆明、重庆、成都、深圳", AIR_GATEWAY_13),
        ("gateway-hub", "中亚", "乌鲁木齐、西安", AIR_GATEWAY_13),
        ("gateway-hub", "东北亚", "哈尔滨", AIR_GATEWAY_13),
        ("regional-hub", "本区域", "郑州、武汉、长沙、呼和浩特", AIR_REGIONAL_13),
    ]
    for role, region, cities, words in groups:
        for city in split(cities):
            hid = w.add(
                3, slug(city), section="航空口岸布局", kind="air", role=role,
                region=region if role == "gateway-hub" else "", status="operating",
                name_zh=city, name_en=en(city), text_zh=words,
                note="from the air-layout text after 专栏2 (专栏3 itself is a map); hub row, "
                "located by its member airport rows"
                + ("; role regional-hub = the plan's 'raise its standing in its region'"
                   if role == "regional-hub" else ""),
            )  # fmt: skip
            for code in HUB_AIRPORTS_13[city]:
                extra = ""
                if city == "北京":
                    extra = "Beijing had only Capital (PEK) in 2016; Daxing (PKX) opened 2019"
                elif city == "成都":
                    extra = "Chengdu had only Shuangliu (CTU) in 2016; Tianfu (TFU) opened 2021"
                else:
                    extra = AIRPORT_NOTES.get(code, "")
                w.add(
                    3, f"{slug(city)}-{code.lower()}", section="航空口岸布局", kind="air",
                    role=role, region=region if role == "gateway-hub" else "",
                    status="operating", name_zh=f"{city}({code})", name_en=f"{en(city)} {code}",
                    parent=hid, site_id=f"airport-{code.lower()}", city_zh=city,
                    note="member airport as of the plan (2016). " + extra,
                )  # fmt: skip
    del text3
    # Sichuan annex of the reprint (seed 003 ends with 附表/附件 1 and 2). Not a 专栏: stored as
    # column 100 + annex number (101 = 附件1, 102 = 附件2; no 专栏 is numbered above 10); section
    # = the annex table's 类型 (新开 / 扩大) or its own heading; text_zh = the table's cell.
    annex1 = "附件1《国家口岸发展“十三五”规划》情况表(四川省)"
    for seq, (key, name, en1, mode, site, status, action, kind_zh, city, note) in enumerate(
        (
            (
                "jiuzhai-huanglong-air",
                "九寨黄龙机场",
                "Jiuzhai Huanglong Airport (new opening)",
                "air",
                "airport-jzh",
                "planned",
                "new-opening",
                "新开",
                "",
                "Sichuan annex 1, 类型 新开 (new opening); airport in Songpan county, Ngawa",
            ),
            (
                "luzhou-river",
                "泸州港",
                "Luzhou port (new opening)",
                "river",
                "port-luzhou",
                "planned",
                "new-opening",
                "新开",
                "泸州",
                "Sichuan annex 1, 类型 新开 (new opening); Yangtze river port",
            ),
            (
                "chengdu-air",
                "成都航空口岸",
                "Chengdu air port (expansion)",
                "air",
                "airport-ctu",
                "operating",
                "expansion",
                "扩大",
                "成都",
                "Sichuan annex 1, 类型 扩大 (expansion of an "
                "open port); located at Shuangliu (CTU), Chengdu's only airport in 2016",
            ),
        ),
        start=1,
    ):
        w.add(101, key, section=kind_zh, seq=seq, kind="project", mode=mode, status=status,
              name_zh=name, name_en=en1, site_id=site, action=action, city_zh=city,
              text_zh=name, note=f"{note}; table: {annex1}")  # fmt: skip
    w.add(102, "chengdu-rail", section="中欧班列铁路场站对外开放项目表", seq=1, kind="project",
          mode="rail", status="planned", name_zh="成都", name_en="Chengdu China-Europe Railway "
          "Express station (opening)", site_id="site-chengdu-railway-port",
          action="new-opening", city_zh="成都", text_zh="在符合国家有关规定前提下有序对外开放",
          note="Sichuan annex 2 “十三五”中欧班列铁路场站对外开放项目表(成都): 名称 成都, 备注 = "
          "text_zh; located at the Chengdu International Railway Port (Qingbaijiang), the "
          "China-Europe trains' Chengdu terminal")  # fmt: skip
    return w


REGIONS = [
    # (plan, column, region_zh, region_en, alias_zh, positioning_zh)
    ("national-14", 2, "环渤海", "Bohai Rim", "", "主要服务于我国北方沿海和内陆地区经济社会发展。"),
    ("national-14", 2, "长三角", "Yangtze River Delta", "", "主要服务于长三角以及长江沿线地区经济社会发展。"),
    ("national-14", 2, "东南沿海", "Southeast coast", "",
     "主要服务于福建和江西等内陆省份部分地区的经济社会发展及对台人员和经贸往来需要。"),
    ("national-14", 2, "粤港澳大湾区", "Guangdong-Hong Kong-Macao Greater Bay Area", "",
     "主要服务于华南、西南部分地区，加强广东省和内陆地区与港澳地区交流。"),
    ("national-14", 2, "西南沿海", "Southwest coast", "",
     "主要服务于西部地区开发，为海南扩大与岛外人员和经贸往来提供保障。"),
    ("national-14", 3, "东北", "Northeast", "", ""),
    ("national-14", 3, "北部", "North", "", ""),
    ("national-14", 3, "西北", "Northwest", "", ""),
    ("national-14", 3, "西南", "Southwest", "", ""),
    ("national-13", 1, "环渤海", "Bohai Rim", "辽津冀鲁", "主要服务于我国北方沿海和内陆地区经济社会发展。"),
    ("national-13", 1, "长三角", "Yangtze River Delta", "", "主要服务于长三角以及长江沿线地区经济社会发展。"),
    ("national-13", 1, "东南沿海", "Southeast coast", "",
     "主要服务于福建和江西等内陆省份部分地区的经济社会发展和对台人员和经贸往来需要。"),
    ("national-13", 1, "珠三角", "Pearl River Delta", "粤东和珠三角",
     "主要服务于华南、西南部分地区，加强广东省和内陆地区与港澳地区交流。"),
    ("national-13", 1, "西南沿海", "Southwest coast", "粤西桂琼",
     "主要服务于西部地区开发，为海南扩大与岛外人员和经贸往来提供保障。"),
    ("national-13", 2, "东北", "Northeast", "",
     "把黑龙江、吉林、辽宁和内蒙古东部建设成为面向东北亚(俄、朝、日、韩)开放的枢纽。"),
    ("national-13", 2, "北部", "North", "", "打造向北(蒙古)开放的前沿。"),
    ("national-13", 2, "西北", "Northwest", "",
     "充分发挥新疆、甘肃向西开放优势,培育面向中亚、西亚、南亚以及中东欧国家的商贸物流中心,"
     "推动丝绸之路经济带建设。"),
    ("national-13", 2, "西南", "Southwest", "",
     "把广西建设成为面向东盟的国际大通道,把云南建设成为“一带一路”西南开放桥头堡,加快环喜马拉雅区域合作。"),
    ("national-13", 3, "南亚和东南亚", "South and Southeast Asia", "",
     AIR_GATEWAY_13),
    ("national-13", 3, "中亚", "Central Asia", "",
     AIR_GATEWAY_13),
    ("national-13", 3, "东北亚", "Northeast Asia", "",
     AIR_GATEWAY_13),
]  # fmt: skip


def write_regions(path: Path) -> None:
    """Write regions.csv."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["plan", "column", "region_zh", "region_en", "alias_zh", "positioning_zh"])
        w.writerows(REGIONS)
    log.info("%s: %d rows", path, len(REGIONS))


def main() -> None:
    """Write the national plan CSVs."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    out = ROOT / "data" / "plans"
    out.mkdir(parents=True, exist_ok=True)
    build_14().write(out / "national-14.csv")
    build_13().write(out / "national-13.csv")
    write_regions(out / "regions.csv")


if __name__ == "__main__":
    main()
