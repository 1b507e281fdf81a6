"""Every ``text_zh`` and ``positioning_zh`` in data/plans/ is the plan's own words, verbatim.

Each non-empty value must occur in its plan's seed text (``../shared/seeds``) after one
normalisation, applied to both sides:

* Unicode NFKC, which folds full-width forms to half-width (（）→(), ，→, ；→; ：→: and
  full-width digits/letters), so the plans' mixed punctuation compares equal;
* all whitespace removed (the seeds are converted PDFs and web pages: line breaks and spaces
  fall inside words and tables);
* the seed's known conversion garbles (:data:`SEED_GARBLES`, also listed in
  ``data/rules/README.md``) replaced by the intended characters.

Nothing else is folded: an ellipsis, a paraphrase or a shortened phrase fails. The test skips
when the seeds are absent (set ``PORTGEO_SHARED_SEEDS`` to point at them elsewhere).
"""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from pathlib import Path

import pytest

from portgeo.catalogue import data_path

SHARED_SEEDS = Path(
    os.environ.get("PORTGEO_SHARED_SEEDS", Path(__file__).resolve().parents[2] / "shared" / "seeds")
)

#: plan id -> seed file (../shared/seeds/README.md)
SEED_OF_PLAN = {
    "national-14": "002_3b36c3f1273b0ec0.txt",
    "national-13": "003_1575cbafd9e8d134.txt",
    "guangdong-14": "004_d5de2f462a3918ea.txt",
}

#: PDF-conversion garbles in the seeds -> what the plan prints (see data/rules/README.md)
SEED_GARBLES = {
    "运行情况/system评估后": "运行情况进行系统评估后",
}

#: (file, column holding the text)
TEXT_COLUMNS = [
    ("national-14.csv", "text_zh"),
    ("national-13.csv", "text_zh"),
    ("guangdong-14.csv", "text_zh"),
    ("regions.csv", "positioning_zh"),
]

_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFKC, then drop all whitespace."""
    return _WS.sub("", unicodedata.normalize("NFKC", text))


def normalise_seed(text: str) -> str:
    """Normalise a seed text after repairing its known garbles."""
    text = normalise(text)
    for garbled, fixed in SEED_GARBLES.items():
        text = text.replace(normalise(garbled), normalise(fixed))
    return text


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    if not SHARED_SEEDS.is_dir():
        pytest.skip(
            f"plan seed texts not found at {SHARED_SEEDS} (optional; set PORTGEO_SHARED_SEEDS)"
        )
    out = {}
    for plan, name in SEED_OF_PLAN.items():
        path = SHARED_SEEDS / name
        if not path.is_file():
            pytest.skip(f"seed {name} for {plan} not found in {SHARED_SEEDS}")
        out[plan] = normalise_seed(path.read_text(encoding="utf-8"))
    return out


def _rows(file: str, column: str) -> list[tuple[str, str, str]]:
    """(row label, plan, text) for every non-empty value of ``column``."""
    path = data_path("plans", file)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and column in rows[0], f"{file} has no column {column}"
    label = "id" if "id" in rows[0] else "region_zh"
    return [(r[label], r["plan"], r[column]) for r in rows if (r[column] or "").strip()]


def test_normalisation_is_not_a_wildcard():
    seed = normalise_seed("将昆明、重庆、成都、深圳航空口岸建设成为面向南亚和东南亚，将乌鲁木齐")
    assert normalise("将昆明、重庆、成都、深圳航空口岸") in seed
    assert normalise("面向南亚和东南亚的门户型航空口岸") not in seed
    assert normalise("（吉隆）") == "(吉隆)" and normalise("a b\n c") == "abc"


def test_every_garble_is_documented():
    readme = data_path("rules", "README.md").read_text(encoding="utf-8")
    for garbled, fixed in SEED_GARBLES.items():
        assert garbled in readme and fixed in readme, garbled


@pytest.mark.parametrize("file, column", TEXT_COLUMNS, ids=[f for f, _ in TEXT_COLUMNS])
def test_text_is_verbatim_in_the_seed(seeds, file, column):
    rows = _rows(file, column)
    assert rows, f"{file}: no {column} values"
    bad = [
        f"{label} ({plan}): {text}"
        for label, plan, text in rows
        if normalise(text) not in seeds[plan]
    ]
    assert not bad, f"{file}: {column} not found verbatim in the seed:\n  " + "\n  ".join(bad)
