"""Write docs/api.md, the one page that documents portgeo's public API, from ``portgeo.PUBLIC_API``.

Run from the repository root: ``python tools/write_api_doc.py`` (``--check`` exits 1 when the page
is out of date; ``tests/test_architecture.py`` runs that check).
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import portgeo  # noqa: E402

PAGE = ROOT / "docs" / "api.md"

HEAD = """# The public API

Every name below is importable from `portgeo` itself (`from portgeo import run_check`) and from
its module; the list is `portgeo.PUBLIC_API`, and this page is written from it and from each
name's docstring by `python tools/write_api_doc.py` (a test fails when the two disagree). The
command line is a thin layer over the same calls: a request object in, one call, a result out
(`docs/architecture.md`).

| name | module | what it does |
|---|---|---|
"""


def _summary(obj: object) -> str:
    doc = inspect.getdoc(obj) or ""
    first = doc.strip().splitlines()[0] if doc.strip() else ""
    return first.replace("|", "\\|")


def render() -> str:
    """Return the page's text."""
    rows = []
    for name, module in portgeo.PUBLIC_API.items():
        obj = getattr(importlib.import_module(module), name)
        kind = "class" if inspect.isclass(obj) else "function"
        rows.append(f"| `{name}` ({kind}) | `{module}` | {_summary(obj)} |")
    return HEAD + "\n".join(rows) + "\n"


def main() -> int:
    """Write or check the page."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if docs/api.md is out of date")
    args = ap.parse_args()
    text = render()
    if args.check:
        ok = PAGE.exists() and PAGE.read_text(encoding="utf-8") == text
        print("docs/api.md is up to date" if ok else "docs/api.md is out of date: run "
              "python tools/write_api_doc.py")  # fmt: skip
        return 0 if ok else 1
    PAGE.write_text(text, encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)} ({len(portgeo.PUBLIC_API)} names)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
