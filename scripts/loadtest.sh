#!/usr/bin/env bash
# `make loadtest [DURATION=10m]`: Locust against gunicorn on loopback (bench/load/run.py), on its own database.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/venv.sh
[ -x .venv/bin/locust ] || .venv/bin/pip install -q --disable-pip-version-check ".[load]"
bash scripts/pg.sh start
mkdir -p var/bench
out="var/bench/load-$(date +%Y%m%d-%H%M).txt"
echo "==> Load test for ${DURATION:-10m}; figures also in $out"
.venv/bin/python bench/load/run.py --duration "${DURATION:-10m}" "$@" 2>&1 | tee "$out"
exit "${PIPESTATUS[0]}"
