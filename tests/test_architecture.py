"""The layout shows the data flow: guards on structure, read from the source itself.

These tests parse the package (``ast``) rather than import it, so they state the architecture
as rules that a change can break: the plans' structure lives in ``data/`` only, imports point
down the flow and never in a circle, private names stay in their module, modules stay small,
imports sit at the top of modules, the old flat paths stay gone, and the public API (``portgeo.PUBLIC_API``) is importable and documented in ``docs/api.md``.
"""

from __future__ import annotations

import ast
import importlib
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "portgeo"

#: The first release's flat module paths, removed (issue 19): one name for every stage.
REMOVED_PATHS: tuple[str, ...] = (
    "portgeo.crs", "portgeo.geodesy", "portgeo.boundaries", "portgeo.belts", "portgeo.clusters",
    "portgeo.hubs", "portgeo.layers", "portgeo.networks", "portgeo.speeds", "portgeo.catchments",
    "portgeo.admission", "portgeo.compare", "portgeo.volumes", "portgeo.report",
    "portgeo.maps.builders", "portgeo._compat",
)  # fmt: skip

#: Stage of each part of the package: an import may point to its own stage or a lower one.
STAGES: dict[str, int] = {
    "portgeo.settings": 0,
    "portgeo.errors": 0,
    "portgeo._data": 1,
    "portgeo._cache": 1,
    "portgeo._output": 1,
    "portgeo.geo": 2,
    "portgeo.sites": 3,
    "portgeo.catalogue": 3,
    "portgeo.airports": 4,
    "portgeo.layout": 5,
    "portgeo.population": 5,  # people as points (GeoNames or a user file), placed in provinces
    "portgeo.roads": 6,
    "portgeo.rules": 7,
    "portgeo.summaries": 8,  # each 专栏's numbers, from layout, roads and rules
    "portgeo.maps": 8,
    "portgeo.export": 8,
    "portgeo.notebook": 9,  # the notebooks' one call: map (maps) + numbers (summaries)
    "portgeo.writers": 9,  # one result, the chosen writer (terminal, JSON, report)
    "portgeo.cli": 9,
    "portgeo.__main__": 10,
    "portgeo": 0,  # the package's __init__ exports settings and errors only
}

#: Optional dependencies that may be imported inside a function (only where they are used).
OPTIONAL_IMPORTS = {"pyrosm", "osmium", "playwright", "IPython"}

#: Modules allowed above the size limit, with their reason given in their docstring.
MAX_LINES = 650


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()
CODE = MODULES


def _stage(module: str) -> int:
    best = None
    for prefix, rank in STAGES.items():
        if (module == prefix or module.startswith(prefix + ".")) and (
            best is None or len(prefix) > len(best[0])
        ):
            best = (prefix, rank)
    assert best is not None, module
    return best[1]


def _imports(path: Path) -> list[tuple[str, list[str], bool, int]]:
    """(module, names, inside a function, line) of every portgeo import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, list[str], bool, int]] = []

    def visit(node: ast.AST, nested: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = nested or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                found.append((child.module, [a.name for a in child.names], inner, child.lineno))
            elif isinstance(child, ast.Import):
                for a in child.names:
                    found.append((a.name, [], inner, child.lineno))
            visit(child, inner)

    visit(tree, False)
    return found


def _target(module: str, name: str) -> str:
    """The module an import names: ``from portgeo.layout import borders`` → the submodule."""
    sub = f"{module}.{name}"
    return sub if sub in MODULES else module


def _code_strings(path: Path) -> list[tuple[int, str]]:
    """String constants of a file that are not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docs.add(id(body[0].value))
    return [
        (n.lineno, n.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
    ]


# --- the plans' structure lives in data/ -----------------------------------------------------------


def test_no_column_number_outside_data():
    pattern = re.compile(r"专栏\s*\d")
    files = [*CODE.values(), *(PKG / "maps" / "templates").glob("*")]
    hits = [
        f"{p.relative_to(ROOT)}:{i}: {line.strip()}"
        for p in files
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert not hits, "专栏 numbers belong in data/plans/columns.csv:\n" + "\n".join(hits)


def test_no_plan_title_outside_data():
    plans = pd.read_csv(ROOT / "data" / "plans" / "plans.csv", dtype=str)
    titles = list(plans["title_zh"]) + [t.strip("《》") for t in plans["title_zh"]]
    files = [*CODE.values(), *(PKG / "maps" / "templates").glob("*")]
    hits = [
        f"{p.relative_to(ROOT)}: {t}"
        for p in files
        for t in titles
        if t in p.read_text(encoding="utf-8")
    ]
    assert not hits, "plan titles belong in data/plans/plans.csv:\n" + "\n".join(hits)


def _plan_names() -> re.Pattern[str]:
    """A plan's id (``national-14``), prefix (``n14``) or map slug (``n14_c03_border``), as a
    word of a longer text (a file name, an f-string's piece, a template or a script)."""
    plans = pd.read_csv(ROOT / "data" / "plans" / "plans.csv", dtype=str)
    slugs = pd.read_csv(ROOT / "data" / "plans" / "columns.csv", dtype=str)["slug"]
    names = sorted({*plans["plan"], *plans["prefix"], *slugs}, key=len, reverse=True)
    return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(map(re.escape, names)) + r")(?![0-9])")


def test_plan_name_finder_sees_ids_inside_text():
    find = _plan_names().search
    for text in ("national-14", "admission_national-14.yaml", "maps/n14_c03_border.html",
                 "gd14", "{plan}national-13"):  # fmt: skip
        assert find(text), text
    for text in ("national-140", "xn14", "n145", "national"):
        assert not find(text), text


def test_no_plan_id_as_a_code_value():
    """Code picks a plan through the catalogue (``latest_plan(role)``, a baseline), never by its
    id, prefix or slug: not as a whole string, nor inside one, nor in a template or script."""
    find = _plan_names().search
    hits = [
        f"{p.relative_to(ROOT)}:{line}: {s!r}"
        for p in CODE.values()
        for line, s in _code_strings(p)
        if find(s)
    ]
    hits += [
        f"{p.relative_to(ROOT)}:{n}: {text!r}"
        for p in OWN_ASSETS
        if p.is_file()
        for n, text in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if find(text)
    ]
    assert not hits, "code must not pick a plan by its id:\n" + "\n".join(hits)


# --- colours live in portgeo/maps/style.py ---------------------------------------------------------

#: The style module: the one place for colours (its PALETTE feeds the templates' CSS).
STYLE = PKG / "maps" / "style.py"
#: portgeo's own page assets: templates and scripts (vendored libraries in static/<lib>/ are not ours).
OWN_ASSETS = [
    *sorted((PKG / "maps" / "templates").glob("*")),
    *sorted((PKG / "maps" / "static" / "portgeo").rglob("*")),
]
#: A colour literal: #rgb, #rgba, #rrggbb, #rrggbbaa (not an HTML entity &#…;) or a CSS
#: colour function.
COLOUR_LITERAL = re.compile(
    r"(?<![&\w])#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3,4})\b"
    r"|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\s*\("
)
#: The named colours of CSS Color Module Level 4.
CSS_COLOUR_NAMES = frozenset(
    """aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue
    blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson
    cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta
    darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen darkslateblue
    darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey
    dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray
    green greenyellow grey honeydew hotpink indianred indigo ivory khaki lavender lavenderblush
    lawngreen lemonchiffon lightblue lightcoral lightcyan lightgoldenrodyellow lightgray lightgreen
    lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray lightslategrey
    lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue
    mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise
    mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive
    olivedrab orange orangered orchid palegoldenrod palegreen paleturquoise palevioletred
    papayawhip peachpuff peru pink plum powderblue purple rebeccapurple red rosybrown royalblue
    saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue slategray
    slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white
    whitesmoke yellow yellowgreen""".split()
)
#: A CSS declaration whose value is a colour (in a stylesheet or a style attribute).
CSS_COLOUR_DECLARATION = re.compile(
    r"(?:color|background|fill|stroke|border(?:-[a-z]+)*|outline|shadow)\s*:\s*([^;}\"'<]*)",
    re.IGNORECASE,
)
#: A string literal of a script.
JS_STRING = re.compile(r"'([^'\\\n]*)'|\"([^\"\\\n]*)\"")


def _colours_in_text(text: str, *, script: bool) -> list[tuple[int, str]]:
    """(line, literal) of every colour in a template, stylesheet or script."""
    hits = []
    for number, line in enumerate(text.splitlines(), 1):
        hits += [(number, m.group(0)) for m in COLOUR_LITERAL.finditer(line)]
        for decl in CSS_COLOUR_DECLARATION.finditer(line):
            words = re.findall(r"[A-Za-z]+", decl.group(1))
            hits += [(number, w) for w in words if w.lower() in CSS_COLOUR_NAMES]
        if script:
            for m in JS_STRING.finditer(line):
                value = (m.group(1) if m.group(1) is not None else m.group(2)).strip()
                if value.lower() in CSS_COLOUR_NAMES:
                    hits.append((number, value))
    return hits


def _colours_in_python(path: Path) -> list[tuple[int, str]]:
    """(line, literal) of every colour in a module's string constants (docstrings aside)."""
    return [
        (line, s)
        for line, s in _code_strings(path)
        if COLOUR_LITERAL.search(s) or s.strip().lower() in CSS_COLOUR_NAMES
    ]


def test_colour_finder_sees_every_form():
    """The finder below must see each way a colour is written, and not an HTML entity."""
    css = ".a { background: rgba(0,0,0,0.3); color: #fff; border: 1px solid Grey; }"
    assert [h for _n, h in _colours_in_text(css, script=False)] == ["rgba(", "#fff", "Grey"]
    js = "var s = {color: 'navy', weight: 2, fillColor: \"#1b2a38\"}; x = '&#8614;';"
    assert sorted(h for _n, h in _colours_in_text(js, script=True)) == ["#1b2a38", "navy"]
    assert not _colours_in_text("white-space: nowrap; {#- a comment -#} &#8614;", script=False)


def test_colours_only_in_the_style_module():
    """Colours live in portgeo/maps/style.py: Python modules, templates and portgeo's own
    scripts and stylesheets take them from there (templates through ``PALETTE``)."""
    hits = [
        f"{p.relative_to(ROOT)}:{line}: {s!r}"
        for p in CODE.values()
        if p != STYLE
        for line, s in _colours_in_python(p)
    ]
    hits += [
        f"{p.relative_to(ROOT)}:{line}: {s!r}"
        for p in OWN_ASSETS
        if p.is_file()
        for line, s in _colours_in_text(p.read_text(encoding="utf-8"), script=p.suffix == ".js")
    ]
    assert not hits, "colours belong in portgeo/maps/style.py:\n" + "\n".join(hits)


# --- imports ------------------------------------------------------------------------------------


def test_imports_point_down_the_flow():
    bad = []
    for name, path in CODE.items():
        for module, names, _nested, line in _imports(path):
            if not module.startswith("portgeo"):
                continue
            for target in {_target(module, n) for n in names} or {module}:
                if target in REMOVED_PATHS:
                    bad.append(f"{name}:{line} imports the removed {target}")
                elif _stage(target) > _stage(name):
                    bad.append(f"{name}:{line} imports {target} (a later stage)")
    assert not bad, "\n".join(bad)


def test_no_import_cycle():
    graph: dict[str, set[str]] = {name: set() for name in CODE}
    for name, path in CODE.items():
        for module, names, _nested, _line in _imports(path):
            if module.startswith("portgeo"):
                for target in {_target(module, n) for n in names} or {module}:
                    if target in CODE and target != name:
                        graph[name].add(target)
    # a package's __init__ re-exports its submodules: that is not a cycle of concerns
    for name in graph:
        graph[name] = {t for t in graph[name] if not name.startswith(t + ".")}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    cycles: list[list[str]] = []

    def strong(v: str) -> None:  # Tarjan
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in graph:
        if v not in index:
            strong(v)
    assert not cycles, cycles


def test_no_private_name_imported_across_modules():
    bad = [
        f"{name}:{line} imports {n} from {module}"
        for name, path in CODE.items()
        for module, names, _nested, line in _imports(path)
        if module.startswith("portgeo")
        for n in names
        if n.startswith("_") and not n.startswith("__")
    ]
    assert not bad, "\n".join(bad)


def test_imports_at_the_top_except_optional_dependencies():
    bad = [
        f"{name}:{line} imports {module} inside a function"
        for name, path in CODE.items()
        for module, _names, nested, line in _imports(path)
        if nested and module.split(".")[0] not in OPTIONAL_IMPORTS
    ]
    assert not bad, "\n".join(bad)


# --- size -----------------------------------------------------------------------------------------


def test_modules_are_small():
    big = [
        f"{p.relative_to(ROOT)}: {n} lines"
        for p in CODE.values()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
        and "longer than" not in (ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) or "")
    ]
    assert not big, (
        "split these, or say in the docstring why they are longer than the limit:\n"
        + "\n".join(big)
    )


# --- no alias modules ---------------------------------------------------------------------------


@pytest.mark.parametrize("old", REMOVED_PATHS)
def test_old_flat_paths_are_gone(old):
    """Each stage has one import path; the first release's aliases are not kept."""
    import sys

    sys.modules.pop(old, None)
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module(old)


# --- the public API -----------------------------------------------------------------------------


def test_public_api_is_listed_importable_and_documented():
    import portgeo

    for name, module in portgeo.PUBLIC_API.items():
        assert getattr(portgeo, name) is getattr(importlib.import_module(module), name), name
    run = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "write_api_doc.py"), "--check"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr


# --- function length ------------------------------------------------------------------------------

#: Longest function body, in lines, docstring excluded (issue 19: "no function over 60 lines").
MAX_FUNCTION_LINES = 60


def test_no_function_is_longer_than_the_limit():
    long = []
    for name, path in CODE.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                body = body[1:]  # the docstring
            if body and (n := body[-1].end_lineno - body[0].lineno + 1) > MAX_FUNCTION_LINES:
                long.append(f"{name}.{node.name}: {n} lines")
    assert not long, "split these functions:\n" + "\n".join(long)


def test_readme_counts_are_the_datas():
    run = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "write_readme_counts.py"), "--check"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
