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
