#!/usr/bin/env bash
# Installs the pinned npm packages (package-lock.json) and copies the few files the pages load into
# static/vendor/, so the server serves every script, stylesheet, font and image itself: no CDN.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> Installing front-end packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
copy() { mkdir -p "static/vendor/$2"; cp -r "node_modules/$1" "static/vendor/$2/"; }
copy ol/dist/ol.js ol
copy ol/dist/ol.js.map ol
copy ol/ol.css ol
copy leaflet/dist/leaflet.js leaflet
copy leaflet/dist/leaflet.js.map leaflet
copy leaflet/dist/leaflet.css leaflet
copy leaflet/dist/images leaflet
copy leaflet.markercluster/dist/leaflet.markercluster.js markercluster
copy leaflet.markercluster/dist/leaflet.markercluster.js.map markercluster
copy leaflet.markercluster/dist/MarkerCluster.css markercluster
copy leaflet.markercluster/dist/MarkerCluster.Default.css markercluster
copy leaflet.vectorgrid/dist/Leaflet.VectorGrid.bundled.min.js vectorgrid
copy jquery/dist/jquery.min.js jquery
copy bootstrap/dist/js/bootstrap.bundle.min.js bootstrap
copy bootstrap/dist/js/bootstrap.bundle.min.js.map bootstrap
copy bootstrap/dist/css/bootstrap.min.css bootstrap
copy bootstrap/dist/css/bootstrap.min.css.map bootstrap
copy @fortawesome/fontawesome-free/css/all.min.css fontawesome/css
copy @fortawesome/fontawesome-free/webfonts fontawesome
copy @fortawesome/fontawesome-free/svgs/solid fontawesome/svgs  # the citizen pages inline these (geoportal/icons.py)
