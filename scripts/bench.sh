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
# pygeoapi, the reference of bench/ogc.py, in a venv of its own (it pins Flask, SQLAlchemy ... apart from ours)
if [ ! -x var/venv-pygeoapi/bin/pygeoapi ]; then
  python3 -m venv var/venv-pygeoapi
  var/venv-pygeoapi/bin/pip install -q pygeoapi==0.21.0 SQLAlchemy==2.1.9 GeoAlchemy2==0.20.0 \
    psycopg2-binary==2.9.13 pygeofilter==0.4.0 shapely==2.2.0 gunicorn==27.0.1
fi
exec .venv/bin/python bench/run.py "$@"
