#!/usr/bin/env bash
# Installs the pinned npm packages (package-lock.json) and copies the few files the pages load into
# static/vendor/, so the server serves every script and stylesheet itself: no CDN.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> Installing front-end packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
copy() { mkdir -p "static/vendor/$2"; cp "node_modules/$1" "static/vendor/$2/"; }
copy ol/dist/ol.js ol
copy ol/dist/ol.js.map ol
copy ol/ol.css ol
