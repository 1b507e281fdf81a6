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
"$VENV/bin/python" -m pip install --quiet -e ".[notebooks]"
"$VENV/bin/portgeo" maps --out maps/ --self-contained "$@"
echo "maps written to $(pwd)/maps/ (open maps/index.html)"
