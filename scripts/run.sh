#!/usr/bin/env bash
# `make run`: set everything up on its embedded default (or on DATABASE_URL) and serve on 127.0.0.1:$PORT.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8000}
started=$(date +%s)

bash scripts/system-deps.sh runtime
bash scripts/venv.sh
bash scripts/vendor-assets.sh
if [ -z "${DATABASE_URL:-}" ]; then
  bash scripts/pg.sh start
else
  echo "==> Using DATABASE_URL (the project's own cluster is not started)"
fi

PY=.venv/bin/python
# `migrate` connects as the schema's owner (MIGRATE_DATABASE_URL, or var/migrate_database_url on the project's
# cluster) by itself and grants the runtime role its rows; everything after it, gunicorn included, runs as the
# runtime role (DATABASE_URL, or var/database_url), which cannot alter tables or rewrite the audit trail.
echo "==> Migrating the database"
$PY manage.py migrate --noinput -v0
$PY manage.py compilemessages -v0 --ignore=.venv --ignore=node_modules
bash scripts/collectstatic.sh
$PY manage.py setup_demo

echo "==> Ready after $(( $(date +%s) - started )) s: http://127.0.0.1:$PORT/  (admin: /admin/, API docs: /api/docs/)"
echo "    Stop with Ctrl-C; \`make stop\` stops the database cluster."
# config/gunicorn.conf.py: gthread workers sized for the machine (WEB_WORKERS, WEB_THREADS; README, "Load").
exec .venv/bin/gunicorn -c config/gunicorn.conf.py config.wsgi:application --bind "127.0.0.1:$PORT" \
  --access-logfile -
