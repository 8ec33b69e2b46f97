#!/usr/bin/env bash
# collectstatic (hashing and compressing takes half a minute), skipped when no static source changed since
# the last run: the project's static/ folders and the installed packages (.venv/.installed).
set -euo pipefail
cd "$(dirname "$0")/.."
manifest=${VAR_DIR:-var}/static/staticfiles.json
# shellcheck disable=SC2046 # every app's static/ folder (ogcapi, ...), as separate words
if [ -f "$manifest" ] && [ -z "$(find static $(ls -d */static 2>/dev/null | grep -v "^var/") .venv/.installed -newer "$manifest" \
     \( -path 'static/*' -o -path '*/static/*' -o -name .installed \) -print -quit 2>/dev/null)" ]; then
  exit 0
fi
echo "==> Collecting static files"
# Font Awesome's 1,400 SVG files are read from static/vendor/ by geoportal/icons.py and inlined, never served.
.venv/bin/python manage.py collectstatic --noinput -v0 --ignore svgs
