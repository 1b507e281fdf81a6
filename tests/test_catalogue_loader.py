"""The catalogue loader on small hand-made data folders: validation, joins, airport lookup."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from portgeo import catalogue, settings
from portgeo.catalogue import COLUMNS, SITE_COLUMNS, load_catalogue, load_entities
from portgeo.errors import CatalogueError

HEADER = ",".join(COLUMNS)
SITE_HEADER = ",".join(SITE_COLUMNS)


def _row(**values: str) -> str:
    return ",".join(values.get(c, "") for c in COLUMNS)


REGISTRY = {
    "plans.csv": ",".join(catalogue.PLAN_FIELDS)
    + "\n"
    + "national-14,n14,《测试规划》,“测试”,Test plan,2021,测试,national,,,test\n",
    "columns.csv": ",".join(catalogue.COLUMN_FIELDS)
    + "\n"
    + "national-14,2,专栏2,海运口岸布局,sea,sea-layout,sea_layout,t_c02,sub,,china\n"
    + "national-14,3,专栏3,边境口岸布局,border,border-layout,border_layout,t_c03,sub,,china\n"
    + "national-14,4,专栏4,航空口岸布局,air,air-layout,air_layout,t_c04,sub,,china\n",
}
REGIONS_HEADER = "plan,column,region_zh,region_en,alias_zh,positioning_zh\n"


def _write(tmp: Path, entities: list[str], sites: list[str], regions: str = "") -> Path:
    (tmp / "plans").mkdir(parents=True)
    (tmp / "sites").mkdir()
    (tmp / "plans" / "national-14.csv").write_text(
        "\n".join([HEADER, *entities]) + "\n", encoding="utf-8"
    )
    (tmp / "sites" / "test.csv").write_text(
        "\n".join([SITE_HEADER, *sites]) + "\n", encoding="utf-8"
    )
    for name, text in REGISTRY.items():
        (tmp / "plans" / name).write_text(text, encoding="utf-8")
    (tmp / "plans" / "regions.csv").write_text(
        textwrap.dedent(regions) if regions else REGIONS_HEADER, encoding="utf-8"
    )
    return tmp


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    def use(entities, sites, regions=""):
        path = _write(tmp_path / "data", entities, sites, regions)
        monkeypatch.setattr(settings, "data_dir", path)
        return load_catalogue(reload=True)

    yield use
    monkeypatch.setattr(settings, "data_dir", None)
    catalogue._load_catalogue_cached.cache_clear()


def test_joins_sites_regions_and_airports(data_dir):
    cat = data_dir(
        [
            _row(
                id="a",
                plan="national-14",
                column="2",
                kind="sea",
                mode="sea",
                role="main",
                region="环渤海",
                status="listed",
                name_zh="大连",
                name_en="Dalian",
                site_id="s-dl",
            ),
            _row(
                id="hub",
                plan="national-14",
                column="4",
                kind="air",
                role="international-hub",
                status="listed",
                name_zh="北京",
                name_en="Beijing",
            ),
            _row(
                id="pek",
                plan="national-14",
                column="4",
                kind="air",
                mode="air",
                role="international-hub",
                status="listed",
                name_zh="北京首都",
                name_en="Beijing Capital",
                parent="hub",
                site_id="apt-pek",
            ),
            _row(
                id="kmg",
                plan="national-14",
                column="4",
                kind="air",
                mode="air",
                role="international-hub",
                status="listed",
                name_zh="昆明长水",
                name_en="Kunming",
                site_id="apt-kmg",
            ),
        ],
        [
            "s-dl,大连港,Dalian,port-area,,38.97,121.9,port-area,test,",
            "apt-pek,首都机场,Capital,airport,PEK,,,,,",
            "apt-kmg,长水机场,Changshui,airport,KMG,25.1,102.93,exact,override,airportsdata has Wujiaba",
        ],
        regions="plan,column,region_zh,region_en,alias_zh,positioning_zh\n"
        "national-14,2,环渤海,Bohai Rim,,主要服务于我国北方\n",
    )
    e = cat.entities.set_index("id")
    assert e.loc["a", "positioning_zh"] == "主要服务于我国北方"
    assert e.loc["pek", "lat"] == pytest.approx(40.08, abs=0.05)  # from airportsdata
    assert e.loc["pek", "coord_source"].startswith("airportsdata")
    assert e.loc["kmg", "lat"] == pytest.approx(25.1)  # the override wins over airportsdata
    assert not e.loc["hub", "located"]
    assert list(cat.members("hub")["id"]) == ["pek"]
    assert cat.get("a").name_zh == "大连"
    gdf = load_entities(located_only=True)
    assert gdf.crs.to_epsg() == 4326
    assert set(gdf["id"]) == {"a", "pek", "kmg"}
    assert gdf.geometry.notna().all()


@pytest.mark.parametrize(
    ("entity", "message"),
    [
        (
            _row(
                id="x",
                plan="national-14",
                column="2",
                kind="boat",
                status="listed",
                name_zh="x",
                name_en="x",
            ),
            "kind",
        ),
        (
            _row(
                id="x",
                plan="national-14",
                column="2",
                kind="sea",
                status="open",
                name_zh="x",
                name_en="x",
            ),
            "status",
        ),
        (
            _row(
                id="x",
                plan="national-14",
                column="3",
                kind="road",
                status="listed",
                neighbor="Russia",
                name_zh="x",
                name_en="x",
            ),
            "alpha-3",
        ),
        (
            _row(
                id="x",
                plan="national-14",
                column="2",
                kind="sea",
                status="listed",
                name_zh="x",
                name_en="x",
                site_id="nowhere",
            ),
            "unknown site_id",
        ),
        (
            _row(
                id="x",
                plan="national-14",
                column="2",
                kind="sea",
                status="listed",
                name_zh="x",
                name_en="x",
                parent="ghost",
            ),
            "unknown parent",
        ),
    ],
)
def test_rejects_inconsistent_rows(data_dir, entity, message):
    with pytest.raises(CatalogueError, match=message):
        data_dir([entity], [])


def test_rejects_duplicate_ids(data_dir):
    row = _row(
        id="x",
        plan="national-14",
        column="2",
        kind="sea",
        status="listed",
        name_zh="x",
        name_en="x",
    )
    with pytest.raises(CatalogueError, match="duplicate ids"):
        data_dir([row, row], [])


def test_unknown_iata_is_an_error(data_dir):
    row = _row(
        id="x",
        plan="national-14",
        column="4",
        kind="air",
        status="listed",
        name_zh="x",
        name_en="x",
        site_id="apt-x",
    )
    with pytest.raises(CatalogueError, match="ZZQ"):
        data_dir([row], ["apt-x,x,x,airport,ZZQ,,,,,"])


def test_section_headings_come_with_their_english(data_dir, tmp_path):
    heading = _row(id="m", plan="national-14", column="3", section="中俄", kind="road",
                   status="listed", name_zh="满洲里", name_en="Manzhouli")  # fmt: skip
    with pytest.raises(CatalogueError, match=r"sections.csv: headings without section_en .*中俄"):
        data_dir([heading], [])
    sections = tmp_path / "data" / "plans" / "sections.csv"
    sections.write_text("plan,column,section,section_en,note\n"
                        "national-14,3,中俄,China–Russia,translation by portgeo\n",
                        encoding="utf-8")  # fmt: skip
    cat = load_catalogue(reload=True)
    assert cat.entities.set_index("id").loc["m", "section_en"] == "China–Russia"
