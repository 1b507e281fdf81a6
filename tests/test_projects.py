"""portgeo.layout.projects: the line projects (关口前移 and cross-border links) and their lengths."""

from __future__ import annotations

import pytest
import shapely

from portgeo.catalogue import load_catalogue
from portgeo.errors import InputError
from portgeo.geo.geodesy import geodesic_distance_m
from portgeo.layout.projects import project_lines


def _column_with_links(links: str) -> tuple[str, int]:
    cols = load_catalogue().columns
    row = cols[cols["links"] == links].iloc[0]
    return str(row["plan"]), int(row["column"])


def test_inspection_lines_run_from_the_inspection_site_to_the_crossing():
    plan, column = _column_with_links("inspection")
    lines = project_lines(plan, column)
    ents = load_catalogue().entities
    ents = ents[(ents["plan"] == plan) & (ents["column"] == column) & ents["insp_lat"].notna()]
    assert len(lines) == len(ents) == 5
    for r in lines.itertuples():
        e = ents[ents["id"] == r.id].iloc[0]
        first, last = shapely.get_coordinates(r.geometry)[[0, -1]]
        assert tuple(first) == (e["insp_lon"], e["insp_lat"])
        assert tuple(last) == (e["lon"], e["lat"])
        want = geodesic_distance_m(e["insp_lon"], e["insp_lat"], e["lon"], e["lat"]) / 1000
        assert r.length_km == pytest.approx(want)
    # 关口前移: the inspection sites lie well behind the border (卡拉苏 is the nearest, ~11 km)
    assert lines["length_km"].min() > 5 and lines["length_km"].max() < 200


def test_cross_border_links_are_short_and_in_the_plans_order():
    plan, column = _column_with_links("link")
    lines = project_lines(plan, column)
    assert len(lines) == 8
    assert list(lines["seq"]) == sorted(lines["seq"])
    assert (lines["length_km"] > 0.5).all() and (lines["length_km"] < 10).all()
    assert set(lines["mode"]) == {"road", "rail"}


def test_a_column_without_lines_says_so():
    plan, _ = _column_with_links("inspection")
    cat = load_catalogue()
    other = int(cat.columns_for(plan, role="demonstration-projects")["column"].iloc[0])
    with pytest.raises(InputError, match="no line projects"):
        project_lines(plan, other)
    assert project_lines(plan, other, links="link").empty
