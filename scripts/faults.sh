#!/usr/bin/env bash
# `make faults`: kill a worker mid-upload, restart PostgreSQL under load, fill the media volume, a slow upload;
# prints what happened (bench/faults/run.py). As root: it mounts a tmpfs and restarts the project's cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/venv.sh
bash scripts/pg.sh start
.venv/bin/python bench/faults/run.py "$@"
