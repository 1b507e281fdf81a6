"""data/plans/opening_states.csv: real opening states of layout rows, each with its source."""

from __future__ import annotations

import csv
import re

from portgeo.catalogue import data_path, load_catalogue

STATES = {"open", "under-construction", "not-started", "closed"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _rows() -> list[dict[str, str]]:
    with data_path("plans", "opening_states.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_opening_states_are_well_formed_and_sourced():
    rows = _rows()
    assert rows and list(rows[0]) == [
        "id", "state", "as_of", "opened", "source", "confidence", "note",
    ]  # fmt: skip
    e = load_catalogue().entities.set_index("id")
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        assert r["id"] in e.index, r["id"]
        assert r["state"] in STATES, r
        assert DATE.match(r["as_of"]), r
        assert r["opened"] == "" or DATE.match(r["opened"]), r
        assert (r["opened"] != "") <= (r["state"] == "open"), r  # a date only for open rows
        assert r["opened"] <= r["as_of"] or not r["opened"], r
        assert r["source"].strip(), r
        assert r["confidence"] in {"high", "medium", "low"}, r
        if r["confidence"] == "low":
            assert "general knowledge" in r["source"], r


def test_bracketed_crossings_are_not_started_as_printed():
    e = load_catalogue().entities
    planned = set(e[(e["plan"] == "national-14") & (e["column"] == 3)
                    & (e["status"] == "planned")]["id"])  # fmt: skip
    states = {r["id"]: r["state"] for r in _rows()}
    assert planned and all(states.get(i) == "not-started" for i in planned), planned
    # the project's own 专栏10 rows: opened (or built) after the plan
    assert states["n14-c3-heihe-road"] == "open" and states["n14-c3-mohan-rail"] == "open"


def test_entities_carry_the_real_opening_state_beside_the_printed_status():
    e = load_catalogue().entities.set_index("id")
    heihe = e.loc["n14-c3-heihe-road"]
    assert heihe["status"] == "listed"  # as printed: no brackets, which does not mean open
    assert heihe["opening_state"] == "open" and heihe["opened"] == "2022-06-10"
    assert "Xinhua" in heihe["opening_source"]
    assert e.loc["n14-c3-ruili-rail", "status"] == "planned"
    assert e.loc["n14-c3-ruili-rail", "opening_state"] == "not-started"
    # no source, no state: absence means "not known", never "open"
    assert e["opening_state"].isna().sum() > 0.9 * len(e)
    # the two plans print 新横琴口岸 differently; its real state is one
    hq = e.loc[["gd14-c3-hengqin-01", "n14-c7-xinhengqin-road"]]
    assert set(hq["status"]) == {"listed", "planned"} and set(hq["opening_state"]) == {"open"}


def test_an_opening_state_of_an_unknown_entity_is_refused(tmp_path, monkeypatch):
    import shutil

    import pytest

    from portgeo import settings
    from portgeo.errors import CatalogueError

    data = tmp_path / "data"
    shutil.copytree(data_path(), data)
    with (data / "plans" / "opening_states.csv").open("a", encoding="utf-8") as fh:
        fh.write("no-such-id,open,2024,2024,a source,high,\n")
    monkeypatch.setattr(settings, "data_dir", str(data))
    with pytest.raises(CatalogueError, match="no-such-id: unknown id"):
        load_catalogue(reload=True)
    monkeypatch.undo()
    load_catalogue(reload=True)
