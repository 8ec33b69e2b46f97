#!/usr/bin/env bash
# `make test`: lint, Django checks, migrations and OpenAPI checks, then every pytest suite against real PostGIS.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-deps.sh test
bash scripts/venv.sh
bash scripts/vendor-assets.sh
[ -n "${DATABASE_URL:-}" ] || bash scripts/pg.sh start

PY=.venv/bin/python
echo "==> ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "==> import-linter (the apps stack one way: .importlinter)"
.venv/bin/lint-imports
echo "==> Django checks"
$PY manage.py check --fail-level WARNING
$PY manage.py makemigrations --check --dry-run -v1
$PY manage.py spectacular --validate --fail-on-warn --file /dev/null
$PY manage.py compilemessages -v0 --ignore=.venv --ignore=node_modules
bash scripts/collectstatic.sh  # also proves every vendored file the pages reference is there
echo "==> pytest: server, API, workflow, browser"
bash scripts/venv-ogctests.sh  # the OGC API – Features conformance suite, run by tests/ogcapi
.venv/bin/pytest "$@"
echo "==> pytest: the QGIS plugin inside QGIS (offscreen), against a running server"
bash scripts/venv-qgis.sh
# A throw-away QGIS profile: the tests never touch the settings or authentication database of a real user
# (pytest-qgis keeps its own profile in tests/qgis_plugin/.qgis-settings: started afresh every run).
rm -rf tests/qgis_plugin/.qgis-settings
QGIS_CUSTOM_CONFIG_PATH="$(mktemp -d)" QT_QPA_PLATFORM=offscreen \
  .venv-qgis/bin/pytest -c tests/qgis_plugin/pytest.ini tests/qgis_plugin
