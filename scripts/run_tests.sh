#!/usr/bin/env bash
# Set up a test environment and run the whole test suite (lint, unit, notebooks, real browser).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${PORTGEO_TEST_VENV:-.venv-test}"
PY="${PYTHON:-python3}"

# A real browser for the map tests: Debian's chromium (Playwright drives it; it downloads nothing).
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi

# A Chinese font for the printed briefing pages (portgeo.maps.briefing), even where Chromium is.
if ! fc-list 2>/dev/null | grep -q "Noto Sans CJK" && command -v apt-get >/dev/null 2>&1 \
    && [ "$(id -u)" = 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null
fi

if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
# scgraph-data without bytecode: portgeo reads its graphs as text, and compiling them peaks at
# ~4.8 GB (benchmarks/RESULTS_maps.md, as in scripts/build_maps.sh).
"$VENV/bin/python" -m pip install --quiet --no-compile "scgraph-data>=2.0.0"
"$VENV/bin/python" -m pip install --quiet -e ".[test,notebooks]"

"$VENV/bin/ruff" check portgeo tests benchmarks notebooks tools provenance
"$VENV/bin/ruff" format --check portgeo tests benchmarks notebooks tools provenance
"$VENV/bin/mypy"
# Two or more workers (pytest-xdist, one per core); tests sharing an expensive session fixture
# (the built maps) run on one worker (--dist loadgroup, groups set in tests/conftest.py).
# PYTEST_WORKERS=0 runs in this process only.
"$VENV/bin/python" -m pytest -n "${PYTEST_WORKERS:-auto}" --dist loadgroup --durations=20 "$@"
