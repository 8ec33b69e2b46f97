"""Feature serving: one bbox page of public reports as GeoJSON, ours against three references, side by side.

    .venv/bin/python bench/features.py [--database-url URL] [--runs 15] [--limits 1000 5000]

On the database given (default: DATABASE_URL or the project's), in one run, for the same bbox and page size:
  floor     PostGIS alone writing the same GeoJSON text in one SQL statement (ST_AsGeoJSON, json_build_object,
            string_agg; each label's and place's properties written once, as ours does), via psycopg2: the
            least any server on this table can spend
  ours      GET /api/reports/?in_bbox=…&limit=N through gunicorn (2 sync workers) on loopback; and its selector
            alone in this process (the same text, no HTTP and no Django), to show what the web stack costs
  naive     djangorestframework-gis's plain GeoFeatureModelSerializer over the same queryset, same gunicorn
            (bench/urls.py), the way most GeoDjango projects serve GeoJSON
  mapserver MapServer 8.0 (Debian) as FastCGI behind lighttpd, 2 processes (bench/mapserver.py): OGC API -
            Features items (which also counts numberMatched) and WFS 2.0 GetFeature with GeoJSON output
HTTP requests keep their connection open and ask for no compression. The candidates take turns, one request each
per round (the naive way every third round), so a busy moment weighs on all of them alike. Prints median, min, max
and p95 of --runs rounds, and the ratio to the floor. A benchmark: it never fails on a time.
"""

import argparse
import contextlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import Http, database_url, django_setup, gunicorn_running, median, p95, timed  # noqa: E402

BBOX = (111.60, -8.12, 111.80, -8.00)  # Trenggalek town and its surroundings: the busiest map view

# The same features as ours, byte for byte: each report's published place (sensitive labels on their grid, kept
# by PostgreSQL beside the exact one), the label's, the place's and the status's properties written once per
# query, the newest photo's thumbnail looked up per feature.
FLOOR_SQL = """
WITH lk_status AS MATERIALIZED (
  SELECT v.status, substr(j, 2, length(j) - 2) AS j
  FROM (SELECT * FROM unnest(%(statuses)s::text[], %(labels)s::text[])) v (status, label),
       LATERAL (SELECT json_build_object('status', v.status, 'status_label', v.label)::text) o (j)
), lk_category AS MATERIALIZED (
  SELECT c.id, substr(j, 2, length(j) - 2) AS j
  FROM geoportal_category c JOIN geoportal_squad s ON s.id = c.squad_id,
       LATERAL (SELECT json_build_object('category', c.code, 'category_name', c.name, 'squad', s.code,
                                         'colour', s.colour, 'icon', c.icon)::text) o (j)
), lk_place AS MATERIALIZED (
  SELECT d.id, k.id AS kecamatan_id, substr(j, 2, length(j) - 2) AS j
  FROM geoportal_desa d JOIN geoportal_kecamatan k ON k.id = d.kecamatan_id,
       LATERAL (SELECT json_build_object('kecamatan', k.kode, 'kecamatan_nama', k.nama, 'desa', d.kode,
                                         'desa_nama', d.nama)::text) o (j)
)
SELECT '{"type": "FeatureCollection", "features": [' || coalesce(string_agg(f, ',' ORDER BY rn), '') || ']}'
FROM (
  SELECT r.rn, '{"type": "Feature", "id": ' || r.id || ', "geometry": '
    || ST_AsGeoJSON(r.public_location, 6)
    || ', "properties": {"id": ' || r.id || ', ' || st.j || ', ' || c.j || ', ' || p.j || ', '
    || substr(json_build_object('description', r.description, 'created_at', r.created_at,
                                'photo', %(media)s || ph.thumbnail)::text, 2) || '}' AS f
  FROM (SELECT t.*, row_number() OVER (ORDER BY t.created_at DESC, t.id DESC) AS rn  -- after the LIMIT: top-N sort
        FROM (SELECT r.id, r.public_location, r.status, r.description, r.created_at, r.category_id,
                     r.public_desa_id, r.public_kecamatan_id
              FROM geoportal_report r JOIN geoportal_category c ON c.id = r.category_id
              WHERE r.status = ANY(%(statuses)s) AND NOT c.confidential
                AND r.public_location && ST_MakeEnvelope(%(x0)s, %(y0)s, %(x1)s, %(y1)s, 4326)
              ORDER BY r.created_at DESC, r.id DESC LIMIT %(limit)s) t) r
  JOIN lk_status st ON st.status = r.status
  JOIN lk_category c ON c.id = r.category_id
  JOIN lk_place p ON p.id = r.public_desa_id AND p.kecamatan_id = r.public_kecamatan_id
  LEFT JOIN LATERAL (
    SELECT x.thumbnail FROM geoportal_reportphoto x
    WHERE x.report_id = r.id AND x.kind = 'report' ORDER BY x.position LIMIT 1
  ) ph ON true
) page
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--limits", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--no-mapserver", action="store_true", help="skip MapServer (not installed)")
    args = parser.parse_args()
    url = args.database_url or database_url()
    django_setup(url)
    from django.conf import settings
    from django.db import connection
    from django.utils import translation

    from bench.mapserver import mapserver_running
    from geoportal.models import Report
    from geoportal.selectors.reports import Audience, ReportFilters, report_features
    from geoportal.states import PUBLIC_STATUSES, ReportStatus

    total = Report.objects.count()
    x0, y0, x1, y1 = BBOX
    with translation.override(settings.LANGUAGE_CODE):  # the endpoint's status labels (no Accept-Language)
        labels = dict(ReportStatus.choices)
        floor_params = {
            "statuses": sorted(PUBLIC_STATUSES),
            "labels": [str(labels[s]) for s in sorted(PUBLIC_STATUSES)],
            "media": f"http://127.0.0.1{settings.MEDIA_URL}",
            **dict(x0=x0, y0=y0, x1=x1, y1=y1),
        }
    box = ",".join(map(str, BBOX))
    print(f"\n== Feature serving: {total:,} reports in the table; bbox {box}; {args.runs} rounds", flush=True)
    reference = contextlib.nullcontext() if args.no_mapserver else mapserver_running(url)
    with gunicorn_running(url, settings="bench.settings") as base, reference as mapserver:
        http, mapserver_http = Http(base), Http(mapserver.base_url.split("/mapserv")[0]) if mapserver else None
        print(f"{'features':>8}  {'what':<44} {'median ms':>9} {'min':>7} {'max':>7} {'p95':>7} {'× floor':>7} KiB")
        for limit in args.limits:

            def floor(limit=limit):
                with connection.cursor() as cursor:
                    cursor.execute(FLOOR_SQL, {**floor_params, "limit": limit})
                    return cursor.fetchone()[0].encode()

            def selector(limit=limit):
                with translation.override(settings.LANGUAGE_CODE):
                    page = report_features(
                        filters=ReportFilters(bbox=BBOX), limit=limit, after=None,
                        media_url=floor_params["media"], count=False, audience=Audience.public(),
                    )  # fmt: skip
                    return ('{"type": "FeatureCollection", "features": [' + page.features + "]}").encode()

            def get(client, path):
                def fetch():
                    status, body = client.get(path)
                    if status != 200:
                        raise RuntimeError(f"{path} answered {status}: {body[:300]!r}")
                    return body

                return fetch

            query = f"in_bbox={box}&limit={limit}"
            candidates = [
                ("floor: PostGIS alone (psycopg2)", floor),
                ("ours: /api/reports/ (gunicorn)", get(http, f"/api/reports/?{query}")),
                ("ours: the selector alone (no HTTP, no Django)", selector),
                ("naive: drf-gis GeoFeatureModelSerializer", get(http, f"/bench/naive/reports/?{query}")),
            ]
            if mapserver:
                for name, path in mapserver.candidates(bbox=BBOX, limit=limit):
                    candidates.append((name, get(mapserver_http, path)))
            results = []
            for name, fn in candidates:
                body = fn()
                for _ in range(3):  # warm-up: both gunicorn workers, the database's cache
                    fn()
                results.append((name, fn, len(json.loads(body)["features"]), len(body), []))
            # Round by round, every candidate once per round (the naive way every third round: it is slow), so
            # that whatever else the machine does weighs on all of them alike and the ratios are side by side.
            for round_ in range(args.runs):
                for name, fn, _returned, _size, samples in results:
                    if "naive" not in name or round_ % 3 == 0:
                        samples += timed(fn, 1, warmup=0)
            base_median = median(results[0][4])
            for name, _fn, returned, size, samples in results:
                print(
                    f"{returned:>8}  {name:<44} {median(samples):>9.1f} {min(samples):>7.1f} {max(samples):>7.1f} "
                    f"{p95(samples):>7.1f} {median(samples) / base_median:>7.2f} {size / 1024:>6.0f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
