#!/usr/bin/env bash
# The project's virtual environment in .venv/, from the system Python (Debian's python3), with the pinned
# dependencies of pyproject.toml. Reinstalls only when pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-/usr/bin/python3}
stamp=.venv/.installed
if [ ! -x .venv/bin/python ]; then
  echo "==> Creating .venv with $PYTHON"
  "$PYTHON" -m venv .venv
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "==> Installing Python packages (pinned in pyproject.toml)"
  .venv/bin/pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/pip install -q --disable-pip-version-check ".[test]"
  rm -rf build ./*.egg-info
  touch "$stamp"
fi
