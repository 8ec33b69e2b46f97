#!/usr/bin/env bash
# The OGC API – Features conformance suite `ogctests` (pytest-based, runs offline against a server) in its own
# venv, .venv-ogctests/: it brings geopandas, pyarrow and its own pytest, which the project's venv does not need.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=.venv-ogctests/.installed
if [ ! -x .venv-ogctests/bin/python ]; then
  echo "==> Creating .venv-ogctests (the OGC API – Features conformance suite)"
  python3 -m venv .venv-ogctests
fi
if [ ! -f "$stamp" ] || [ "$0" -nt "$stamp" ]; then
  .venv-ogctests/bin/pip install -q --disable-pip-version-check "ogctests==0.1.15"
  touch "$stamp"
fi
