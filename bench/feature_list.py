"""Feature list vs. PostGIS alone: time to produce one bbox page of public reports as GeoJSON.

    .venv/bin/python bench/feature_list.py [--reports 100000] [--runs 15]

Runs against the configured database (the project's cluster by default); adds demo reports until the
database holds --reports. Prints median and spread of: the bare SQL that makes the same GeoJSON text (the
floor), our selector, and the whole endpoint through Django (no network). A benchmark, not a test.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from geoportal.models import Report  # noqa: E402
from geoportal.selectors.reports import ReportFilters, report_features  # noqa: E402
from workflow.states import PUBLIC_STATUSES  # noqa: E402

FLOOR_SQL = """
SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(f), '[]'))::text FROM (
  SELECT json_build_object('type', 'Feature', 'id', r.id, 'geometry', ST_AsGeoJSON(r.location, 6)::json,
    'properties', json_build_object('id', r.id, 'status', r.status, 'category', c.code, 'category_name', c.name,
      'squad', s.code, 'colour', s.colour, 'icon', c.icon, 'kecamatan', k.kode, 'kecamatan_nama', k.nama,
      'desa', d.kode, 'desa_nama', d.nama, 'description', r.description, 'created_at', r.created_at)) AS f
  FROM geoportal_report r
  JOIN geoportal_category c ON c.id = r.category_id JOIN geoportal_squad s ON s.id = c.squad_id
  JOIN geoportal_kecamatan k ON k.id = r.kecamatan_id JOIN geoportal_desa d ON d.id = r.desa_id
  WHERE r.status = ANY(%s) AND NOT c.confidential AND r.location && ST_MakeEnvelope(%s, %s, %s, %s, 4326)
  ORDER BY r.created_at DESC, r.id DESC LIMIT %s
) page
"""


def timed(fn, runs: int) -> tuple[float, float, float]:
    fn()  # warm up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[0], samples[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    have = Report.objects.count()
    if have < args.reports:
        print(f"seeding {args.reports - have} demo reports ...", flush=True)
        call_command("seed_demo", reports=args.reports - have, verbosity=0)
    bbox = (111.60, -8.12, 111.80, -8.00)  # Trenggalek town and surroundings
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{Report.objects.count():,} reports; bbox {bbox}")
    print(f"{'features':>8}  {'what':<34} {'median ms':>10} {'min':>8} {'max':>8} {'× floor':>8}")
    for limit in (1000, 5000):

        def floor(limit=limit):
            with connection.cursor() as cursor:
                cursor.execute(FLOOR_SQL, [sorted(PUBLIC_STATUSES), *bbox, limit])
                return cursor.fetchone()[0]

        def selector(limit=limit):
            return report_features(filters=ReportFilters(bbox=bbox), limit=limit, media_url="/media/")

        def endpoint(limit=limit):
            response = client.get("/api/reports/", {"in_bbox": ",".join(map(str, bbox)), "limit": limit})
            assert response.status_code == 200
            return response.content

        returned = selector().returned
        base = None
        for name, fn in (("PostGIS alone (floor)", floor), ("selector", selector), ("endpoint via Django", endpoint)):
            median, low, high = timed(fn, args.runs)
            base = base or median
            print(f"{returned:>8}  {name:<34} {median:>10.1f} {low:>8.1f} {high:>8.1f} {median / base:>8.2f}")


if __name__ == "__main__":
    main()
