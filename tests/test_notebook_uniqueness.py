"""The notebooks keep only what is their own; what they share lives in :mod:`portgeo.notebook`.

Each notebook's script (``notebooks/<slug>.py``) is normalised: its own slug, title, 专栏 label
and titles (``data/plans/columns.csv``, :func:`portgeo.maps.map_specs`) become placeholders and
whitespace is collapsed. Then no two notebooks may be equal, and each must have a unit of its own
after its first cell (a code line, or a markdown paragraph, that no other notebook has), unless
its first cell says it has nothing of its own beyond the map and its table; such a notebook is
short: its question and the opening call.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pandas as pd
import pytest

from portgeo.maps import map_specs

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
SCRIPTS = sorted(NOTEBOOK_DIR.glob("*.py"))
#: What the first cell of a notebook with nothing of its own says (Chinese, then English).
NOTHING_OWN = ("除地图和表外无单独分析", "nothing of its own beyond the map and its table")
#: Notebooks that are not a 专栏's.
OTHER = {"check_airport", "siting"}
#: A unit counts as a notebook's own only if it has this many word characters (not ``)``).
MIN_WORD_CHARS = 6

jupytext = pytest.importorskip("jupytext")


def _names(slug: str) -> dict[str, str]:
    """A notebook's own names → their placeholders, longest first."""
    names = {slug: "<SLUG>"}
    specs = map_specs()
    if slug in specs:
        names[specs[slug].title] = "<TITLE>"
    columns = pd.read_csv(ROOT / "data" / "plans" / "columns.csv", dtype=str).fillna("")
    for row in columns[columns["slug"] == slug].itertuples():
        names |= {row.title_zh: "<TITLE_ZH>", row.title_en: "<TITLE_EN>",
                  row.subtitle_en: "<SUBTITLE>", row.label_zh: "<LABEL>"}  # fmt: skip
    return dict(sorted(((k, v) for k, v in names.items() if k), key=lambda kv: -len(kv[0])))


def _cells(path: Path) -> list[tuple[str, str]]:
    """The script's cells, each (type, source) with the notebook's own names replaced."""
    names = _names(path.stem)
    pattern = re.compile("|".join(rf"{re.escape(k)}(?!\d)" for k in names))
    return [
        (c.cell_type, pattern.sub(lambda m: names[m.group(0)], c.source))
        for c in jupytext.read(path).cells
    ]


def _normalised(path: Path) -> str:
    return "\n".join(f"{kind}: {' '.join(src.split())}" for kind, src in _cells(path))


def _units(cells: list[tuple[str, str]]) -> set[str]:
    """Code lines and markdown paragraphs, whitespace collapsed, long enough to mean something."""
    units = set()
    for kind, src in cells:
        parts = src.splitlines() if kind == "code" else re.split(r"\n\s*\n", src)
        units |= {" ".join(p.split()) for p in parts}
    return {u for u in units if len(re.findall(r"\w", u)) >= MIN_WORD_CHARS}


def _says_nothing_own(cells: list[tuple[str, str]]) -> bool:
    first = " ".join(cells[0][1].split()) if cells else ""
    return all(phrase in first for phrase in NOTHING_OWN)


def test_there_are_notebooks():
    assert len(SCRIPTS) > 2


def test_no_two_notebooks_differ_only_in_their_slug():
    texts = {p.stem: _normalised(p) for p in SCRIPTS}
    same = [(a, b) for a, b in itertools.combinations(texts, 2) if texts[a] == texts[b]]
    assert not same, f"{len(same)} pairs of notebooks differ only in their names: {same}"


def test_each_notebook_has_something_of_its_own_or_says_it_has_not():
    cells = {p.stem: _cells(p) for p in SCRIPTS}
    units = {stem: _units(c[1:]) for stem, c in cells.items()}  # the first cell is the question
    bare = []
    for stem, own in units.items():
        others = set().union(*(u for s, u in units.items() if s != stem))
        if not own - others and not _says_nothing_own(cells[stem]):
            bare.append(stem)
    assert not bare, (
        f"{len(bare)} notebooks have no line of their own after the first cell and do not say "
        f"so: {bare}"
    )


def test_a_notebook_with_nothing_of_its_own_is_short():
    said = {p.stem: _cells(p) for p in SCRIPTS}
    said = {stem: cells for stem, cells in said.items() if _says_nothing_own(cells)}
    long = [stem for stem, cells in said.items() if [k for k, _ in cells] != ["markdown", "code"]]
    assert not long, f"{long} say they have nothing of their own: keep the question and one call"


@pytest.mark.parametrize("path", [p for p in SCRIPTS if p.stem not in OTHER], ids=lambda p: p.stem)
def test_a_notebook_opens_with_the_shared_call_and_repeats_none_of_it(path):
    code = "\n".join(c.source for c in jupytext.read(path).cells if c.cell_type == "code")
    assert len(re.findall(rf'show_column\("{re.escape(path.stem)}"[,)]', code)) == 1, (
        "open the 专栏 with portgeo.notebook.show_column(slug), once"
    )
    for shared in ("open_column(", ".show(", ".export(", "view.table"):
        assert shared not in code, f"{shared} is done by show_column"
