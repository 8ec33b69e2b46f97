#!/usr/bin/env bash
# `make bench`: installs what the benchmarks drive (MapServer and lighttpd, besides the runtime), then
# bench/run.py: every benchmark at 100,000 and 1,000,000 reports on its own database. Arguments pass through,
# e.g. `make bench ARGS="--sizes 100000"`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh bench
bash scripts/venv.sh
bash scripts/vendor-assets.sh
bash scripts/venv-qgis.sh  # bench/qgis_load.py: the plugin inside QGIS
[ -n "${DATABASE_URL:-}" ] || bash scripts/pg.sh start
.venv/bin/python manage.py compilemessages -v0 --ignore=.venv --ignore=node_modules
bash scripts/collectstatic.sh
exec .venv/bin/python bench/run.py "$@"
