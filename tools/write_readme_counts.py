"""Write the README's counts block from the data, so that no count in the README can drift.

Run from the repository root: ``python tools/write_readme_counts.py`` rewrites the lines between
``<!-- counts:start -->`` and ``<!-- counts:end -->`` in README.md; ``--check`` exits 1 when they
are out of date (``tests/test_architecture.py`` runs that check).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from portgeo.catalogue import load_catalogue, load_entities  # noqa: E402
from portgeo.layout.hubs import load_hubs  # noqa: E402
from portgeo.maps import map_specs  # noqa: E402
from portgeo.rules.admission.register import count_by_year, load_register  # noqa: E402

README = ROOT / "README.md"
START, END = "<!-- counts:start -->", "<!-- counts:end -->"


def _crossings(ents, plan: str) -> str:
    cat = load_catalogue()
    col = cat.column_of(plan, "border-layout")
    c = ents[(ents["plan"] == plan) & (ents["column"] == col)]
    parts = []
    for mode, word in (("road", "road"), ("rail", "rail")):
        m = c[c["mode"] == mode]
        located = int(m.geometry.notna().sum())
        planned = int((m["status"] == "planned").sum())
        parts.append(f"{len(m)} {word} ({planned} planned, {located} with a point)")
    return f"专栏{col}: {len(c)} border crossings: " + ", ".join(parts)


def render() -> str:
    """Return the counts block (without its markers)."""
    ents = load_entities()
    cat = load_catalogue()
    plan = cat.latest_plan("border-layout")
    hubs = load_hubs(plan=plan)
    by_tier = hubs.groupby("tier")["n_airports"].agg(["count", "sum"])
    tiers = "; ".join(f"{int(r['count'])} {tier.replace('-', ' ')}s with {int(r['sum'])} airports"
                      for tier, r in by_tier.iterrows())  # fmt: skip
    reg = count_by_year(load_register(), [2020, 2026])
    regs = "; ".join(f"end of {y}: {int(r['open'])} known open + {int(r['unknown'])} of unknown "
                     "state" for y, r in reg.iterrows())  # fmt: skip
    lines = [
        f"- maps: {len(map_specs())} (one per 专栏 with a map, and the plan comparisons), plus "
        "`index.html`;",
        f"- {plan}, {_crossings(ents, plan)};",
        f"- {plan} air hubs: {tiers};",
        f"- register of opened air ports (class I): {regs};",
        f"- catalogue: {len(ents)} entities in {ents['plan'].nunique()} plans.",
    ]
    return "\n".join(lines)


def main() -> int:
    """Write or check the block."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the README block is stale")
    args = ap.parse_args()
    text = README.read_text(encoding="utf-8")
    if START not in text or END not in text:
        print(f"README.md has no {START} … {END} block")
        return 1
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    new = f"{head}{START}\n{render()}\n{END}{tail}"
    if args.check:
        ok = new == text
        print("README counts are up to date" if ok else "README counts are stale: run "
              "python tools/write_readme_counts.py")  # fmt: skip
        return 0 if ok else 1
    README.write_text(new, encoding="utf-8")
    print("wrote the README counts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
