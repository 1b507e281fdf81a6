#!/usr/bin/env bash
# The main job: set up a virtual environment, install portgeo, build every map into maps/.
# Offline: everything comes from the embedded data and packages installed from PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${PORTGEO_VENV:-.venv}"
PY="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
# scgraph-data ships ~90 MB of Python literals that portgeo reads as text and never imports;
# pip's default bytecode compilation of them peaks at ~4.8 GB of memory (the 5 GB of a fresh
# build, benchmarks/RESULTS_maps.md). Installed first without bytecode, it is then satisfied.
"$VENV/bin/python" -m pip install --quiet --no-compile "scgraph-data>=2.0.0"
"$VENV/bin/python" -m pip install --quiet -e ".[notebooks]"
"$VENV/bin/portgeo" maps --out maps/ --self-contained "$@"
echo "maps written to $(pwd)/maps/ (open maps/index.html)"
