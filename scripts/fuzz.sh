#!/usr/bin/env bash
# `make fuzz`: the API contract tests (tests/test_api_contract.py, schemathesis) with a long budget: many more
# generated requests per operation and role, schemathesis's coverage phase (every boundary and kind of wrong
# value per parameter), longer stateful walks, a fresh random seed. Prints each operation's outcome and a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/venv.sh
[ -n "${DATABASE_URL:-}" ] || bash scripts/pg.sh start
export SCHEMATHESIS_EXAMPLES="${SCHEMATHESIS_EXAMPLES:-300}" SCHEMATHESIS_STEPS="${SCHEMATHESIS_STEPS:-25}"
export SCHEMATHESIS_COVERAGE=1 SCHEMATHESIS_RANDOM=1
echo "==> schemathesis: $SCHEMATHESIS_EXAMPLES examples per operation and role, coverage phase, stateful walks of $SCHEMATHESIS_STEPS steps"
.venv/bin/pytest -p no:cacheprovider -rA -q --durations=10 tests/test_api_contract.py "$@" \
  | grep -Ev '^(Not Found|Bad Request|Forbidden|Unauthorized|Not Acceptable|Unsupported Media Type|Too Many Requests|Conflict|Method Not Allowed):'
