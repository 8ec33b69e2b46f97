#!/usr/bin/env bash
# The QGIS plugin's test environment: Debian's python3 with its python3-qgis bindings (--system-site-packages)
# plus pytest and pytest-qgis, in .venv-qgis/. No Django in there: the plugin talks to a running server.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=.venv-qgis/.installed
if [ ! -x .venv-qgis/bin/python ]; then
  echo "==> Creating .venv-qgis (system Python with QGIS)"
  /usr/bin/python3 -m venv --system-site-packages .venv-qgis
fi
if [ ! -f "$stamp" ] || [ "$0" -nt "$stamp" ]; then
  .venv-qgis/bin/pip install -q --disable-pip-version-check "pytest==9.2.0" "pytest-qgis==5.0.2"
  touch "$stamp"
fi
