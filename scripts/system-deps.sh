#!/usr/bin/env bash
# Installs the Debian 12 packages the project needs, only when some are missing.
#   scripts/system-deps.sh runtime   PostGIS, GDAL, the Python venv module, WeasyPrint's libraries
#   scripts/system-deps.sh test      the above plus what the test suites drive for real (Chromium, poppler)
#   scripts/system-deps.sh bench     runtime plus the reference servers the benchmarks start (MapServer behind
#                                    lighttpd, which spawns mapserv as FastCGI itself: bench/mapserver.py)
set -euo pipefail

runtime=(
  postgresql-15 postgresql-15-postgis-3 postgresql-contrib
  gdal-bin libgdal32 libgeos-c1v5 libproj25
  python3 python3-venv python3-dev
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
  gettext ffmpeg make git
)
test_extra=(chromium poppler-utils python3-qgis qgis-providers)
bench_extra=(cgi-mapserver mapserver-bin lighttpd python3-qgis qgis-providers)

want=("${runtime[@]}")
[ "${1:-runtime}" = test ] && want+=("${test_extra[@]}")
[ "${1:-runtime}" = bench ] && want+=("${bench_extra[@]}")

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "These Debian packages are missing: ${missing[*]}" >&2
  echo "Install them as root (sudo apt-get install ${missing[*]}) and run this again." >&2
  exit 1
fi
echo "==> Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "==> Debian packages installed"
