"""OGC API – Features: one bbox page of public reports from /ogc/, against pygeoapi, MapServer 8 and the floor.

    .venv/bin/python bench/ogc.py [--database-url URL] [--runs 15] [--limits 1000 5000] [--pygeoapi-venv DIR]
                                  [--no-mapserver]

On the database given (default: DATABASE_URL or the project's), for the same bbox (bench/features.py's BBOX) and
page size:
  floor     PostGIS alone writing the same GeoJSON text in one statement (bench/features.py's FLOOR_SQL)
  ours      GET /ogc/collections/reports/items?bbox=…&limit=N through gunicorn (2 sync workers) on loopback
  selector  our report selector called in this process (the SQL and psycopg2 of our page: no HTTP, no Django)
  /api/     GET /api/reports/?in_bbox=…&limit=N, the same selector behind the project's own list
  MapServer MapServer 8.0 (Debian) as FastCGI behind lighttpd, 2 processes (bench/mapserver.py): its OGC API –
            Features items (which counts every match before each page) and its WFS 2.0 GetFeature as GeoJSON
  pygeoapi  pygeoapi (its PostgreSQL provider, gunicorn with 2 sync workers) over a view of the same table that
            keeps what the public may see (public statuses, no confidential label, the published place): the
            view `bench_ogc_public_reports`, made here. pygeoapi lives in its own venv (--pygeoapi-venv, default
            var/venv-pygeoapi: `python3 -m venv var/venv-pygeoapi && var/venv-pygeoapi/bin/pip install
            pygeoapi==0.21.0 …`, as scripts/bench.sh does); skipped when
            it is missing.
Keep-alive HTTP, no compression; round by round, one request per candidate. Median, min, max, p95 and the ratio to
the floor; then how many times faster ours is than each reference, with the load average. A benchmark: it never
fails on a time.
"""

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import (  # noqa: E402
    ROOT,
    Http,
    database_url,
    django_setup,
    free_port,
    gunicorn_running,
    median,
    p95,
    timed,
)
from bench.features import BBOX, FLOOR_SQL  # noqa: E402

VIEW = "bench_ogc_public_reports"


def _view_sql(statuses: list[str]) -> str:
    quoted = ", ".join(f"'{s}'" for s in statuses)
    return f"""CREATE OR REPLACE VIEW {VIEW} AS
      SELECT r.id, r.public_location AS geom, r.status, c.code AS category, c.name AS category_name,
             k.kode AS kecamatan, d.kode AS desa, r.description, r.created_at
      FROM geoportal_report r JOIN geoportal_category c ON c.id = r.category_id
      JOIN geoportal_kecamatan k ON k.id = r.public_kecamatan_id JOIN geoportal_desa d ON d.id = r.public_desa_id
      WHERE r.status IN ({quoted}) AND NOT c.confidential"""


def _pygeoapi_config(url: str, port: int, workdir: Path) -> Path:
    parts = urlsplit(url)
    config = f"""server:
  bind: {{host: 127.0.0.1, port: {port}}}
  url: http://127.0.0.1:{port}
  mimetype: application/json; charset=UTF-8
  encoding: utf-8
  languages: [en-US]
  limits: {{default_items: 10, max_items: 5000}}
  map: {{url: "https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png", attribution: OSM}}
logging: {{level: ERROR}}
metadata:
  identification: {{title: bench, description: bench, keywords: [bench], keywords_type: theme, terms_of_service: x,
                    url: http://example.org}}
  license: {{name: CC-BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}}
  provider: {{name: bench, url: http://example.org}}
  contact: {{name: bench, position: x, address: x, city: x, stateorprovince: x, postalcode: x, country: x,
            phone: x, fax: x, email: x, url: x, hours: x, instructions: x, role: pointOfContact}}
resources:
  reports:
    type: collection
    title: reports
    description: public reports
    keywords: [reports]
    extents: {{spatial: {{bbox: [111.3, -8.45, 111.95, -7.85], crs: http://www.opengis.net/def/crs/OGC/1.3/CRS84}}}}
    providers:
      - type: feature
        name: PostgreSQL
        data:
          host: {parts.hostname}
          port: {parts.port or 5432}
          dbname: {unquote(parts.path.lstrip("/"))}
          user: {unquote(parts.username or "")}
          password: {unquote(parts.password or "")}
          search_path: [public]
        id_field: id
        table: {VIEW}
        geom_field: geom
"""
    path = workdir / "pygeoapi.yml"
    path.write_text(config)
    return path


@contextlib.contextmanager
def pygeoapi_running(url: str, venv: Path):
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="pygeoapi-bench-") as tmp:
        workdir = Path(tmp)
        config = _pygeoapi_config(url, port, workdir)
        openapi = workdir / "openapi.yml"
        env = dict(os.environ, PYGEOAPI_CONFIG=str(config), PYGEOAPI_OPENAPI=str(openapi))
        subprocess.run([str(venv / "bin" / "pygeoapi"), "openapi", "generate", str(config), "--output-file",
                        str(openapi)], env=env, check=True, capture_output=True)  # fmt: skip
        process = subprocess.Popen(
            [str(venv / "bin" / "gunicorn"), "pygeoapi.flask_app:APP", "--bind", f"127.0.0.1:{port}",
             "--workers", "2", "--log-level", "warning"],
            env=env, cwd=workdir,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                with contextlib.suppress(OSError):
                    if Http(base).get("/collections/reports?f=json")[0] == 200:
                        break
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("pygeoapi did not start")
                time.sleep(0.3)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--limits", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--pygeoapi-venv", type=Path, default=ROOT / "var" / "venv-pygeoapi")
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
    with translation.override(settings.LANGUAGE_CODE):
        labels = dict(ReportStatus.choices)
        floor_params = {
            "statuses": sorted(PUBLIC_STATUSES),
            "labels": [str(labels[s]) for s in sorted(PUBLIC_STATUSES)],
            "media": f"http://127.0.0.1{settings.MEDIA_URL}",
            **dict(x0=x0, y0=y0, x1=x1, y1=y1),
        }
    with connection.cursor() as cursor:
        cursor.execute(_view_sql(sorted(PUBLIC_STATUSES)))
    box = ",".join(map(str, BBOX))
    have_pygeoapi = (args.pygeoapi_venv / "bin" / "pygeoapi").exists()
    print(f"\n== OGC API – Features: {total:,} reports in the table; bbox {box}; {args.runs} rounds", flush=True)
    reference = pygeoapi_running(url, args.pygeoapi_venv) if have_pygeoapi else contextlib.nullcontext()
    mapserver_ref = contextlib.nullcontext() if args.no_mapserver else mapserver_running(url)
    with (
        gunicorn_running(url, settings="bench.settings") as base,
        reference as pygeoapi,
        mapserver_ref as mapserver,
    ):
        http = Http(base)
        other = Http(pygeoapi) if pygeoapi else None
        mapserver_http = Http(mapserver.base_url.split("/mapserv")[0]) if mapserver else None
        print(f"{'features':>8}  {'what':<44} {'median ms':>9} {'min':>7} {'max':>7} {'p95':>7} {'× floor':>7} KiB")
        for limit in args.limits:

            def floor(limit=limit):
                with connection.cursor() as cursor:
                    cursor.execute(FLOOR_SQL, {**floor_params, "limit": limit})
                    return cursor.fetchone()[0].encode()

            def get(client, path):
                def fetch():
                    status, body = client.get(path)
                    if status != 200:
                        raise RuntimeError(f"{path} answered {status}: {body[:300]!r}")
                    return body

                return fetch

            def selector(limit=limit):
                with translation.override(settings.LANGUAGE_CODE):
                    page = report_features(
                        filters=ReportFilters(bbox=BBOX), limit=limit, after=None,
                        media_url=floor_params["media"], count=False, audience=Audience.public(),
                    )  # fmt: skip
                    return ('{"type": "FeatureCollection", "features": [' + page.features + "]}").encode()

            query = urlencode({"bbox": box, "limit": limit})
            candidates = [
                ("floor: PostGIS alone (psycopg2)", floor),
                ("ours: /ogc/…/items (gunicorn)", get(http, f"/ogc/collections/reports/items?{query}&f=json")),
                ("ours: the selector alone (no HTTP, no Django)", selector),
                ("ours: /api/reports/ (gunicorn)", get(http, f"/api/reports/?in_bbox={box}&limit={limit}")),
            ]
            if mapserver:
                for name, path in mapserver.candidates(bbox=BBOX, limit=limit):
                    candidates.append((name, get(mapserver_http, path)))
            if other:
                candidates.append(
                    (
                        "pygeoapi 0.21 PostgreSQL provider (gunicorn)",
                        get(other, f"/collections/reports/items?{query}&f=json"),
                    )
                )
            results = []
            for name, fn in candidates:
                body = fn()
                for _ in range(3):
                    fn()
                results.append((name, fn, len(json.loads(body)["features"]), len(body), []))
            for _round in range(args.runs):
                for _name, fn, _returned, _size, samples in results:
                    samples += timed(fn, 1, warmup=0)
            base_median = median(results[0][4])
            for name, _fn, returned, size, samples in results:
                print(
                    f"{returned:>8}  {name:<44} {median(samples):>9.1f} {min(samples):>7.1f} {max(samples):>7.1f} "
                    f"{p95(samples):>7.1f} {median(samples) / base_median:>7.2f} {size / 1024:>6.0f}",
                    flush=True,
                )
            ours = median(results[1][4])
            against = ", ".join(
                f"{name.split(' (')[0]} {median(samples) / ours:.2f}×" for name, *_rest, samples in results[4:]
            )
            load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
            print(f"{'':>8}  ours /ogc/ is faster than: {against or 'no reference running'}; load average {load}")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP VIEW IF EXISTS {VIEW}")


if __name__ == "__main__":
    main()
