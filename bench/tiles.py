"""Vector tiles: GET /tiles/reports/{z}/{x}/{y}.pbf through gunicorn against the bare ST_AsMVT query, per zoom.

    .venv/bin/python bench/tiles.py [--database-url URL] [--views 12] [--zooms 9 10 11 12 13 14 15 16]

The tile set is what people look at: at each zoom, --views map views (1280 × 800 px) centred on randomly chosen
public reports (busy places come up more often, as on a real map), each needing the tiles that cover it. Every
tile is fetched once through gunicorn (2 sync workers, loopback) and its SQL (geoportal.selectors.tiles) run once
bare through psycopg2, after one warm-up pass over the whole set. Prints median and p95 per zoom and overall,
the ratio endpoint / bare, the tile sizes, and what the web stack alone costs (a request refused before any
query). Then the tile over the regency's centre at zooms 9–14 with a date filter (last full month, and the twelve
months up to it), which is counted from the reports on the fly. A benchmark: it never fails on a time.
"""

import argparse
import datetime as dt
import math
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import Http, database_url, django_setup, gunicorn_running, median, p95, timed  # noqa: E402

REGENCY_CENTRE = (111.7, -8.05)  # lon, lat: between Trenggalek town and Pogalan


def tiles_for_view(lon: float, lat: float, z: int, width: int = 1280, height: int = 800) -> set[tuple[int, int, int]]:
    n = 2**z
    px = (lon + 180) / 360 * n * 256
    py = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n * 256
    xs = range(int((px - width / 2) // 256), int((px + width / 2) // 256) + 1)
    ys = range(int((py - height / 2) // 256), int((py + height / 2) // 256) + 1)
    return {(z, x, y) for x in xs for y in ys if 0 <= x < n and 0 <= y < n}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--views", type=int, default=12, help="map views per zoom")
    parser.add_argument("--zooms", type=int, nargs="+", default=list(range(9, 17)))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    url = args.database_url or database_url()
    django_setup(url)
    from django.db import connection
    from django.db.models import Max
    from django.utils import timezone

    from geoportal.models import Report
    from geoportal.selectors.reports import ReportFilters
    from geoportal.selectors.tiles import TileAddress, report_tile_sql
    from geoportal.states import PUBLIC_STATUSES

    rng = random.Random(args.seed)
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [args.seed / 100])  # random() repeatable; REPEATABLE: the sample too
        cursor.execute(
            "SELECT ST_X(location), ST_Y(location) FROM geoportal_report TABLESAMPLE SYSTEM (1) REPEATABLE (%s) "
            "WHERE status = ANY(%s) ORDER BY random() LIMIT %s",
            [args.seed, sorted(PUBLIC_STATUSES), args.views * len(args.zooms)],
        )
        centres = cursor.fetchall()
    rng.shuffle(centres)
    tiles = sorted(
        {t for i, z in enumerate(args.zooms) for c in centres[i :: len(args.zooms)] for t in tiles_for_view(*c, z)}
    )
    total = Report.objects.count()
    newest = timezone.localdate(Report.objects.aggregate(newest=Max("created_at"))["newest"])
    print(f"\n== Vector tiles: {total:,} reports in the table; {len(tiles)} tiles from {args.views} map views per zoom")

    def bare(t):
        sql, params = report_tile_sql(tile=TileAddress(*t), filters=ReportFilters())
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return bytes(cursor.fetchone()[0] or b"")

    with gunicorn_running(url) as base:
        http = Http(base)

        def endpoint(t):
            status, body = http.get("/tiles/reports/{}/{}/{}.pbf".format(*t))
            if status != 200:
                raise RuntimeError(f"tile {t} answered {status}: {body[:200]!r}")
            return body

        def refused():  # the same route, middleware and gunicorn, refused before any query: the stack's fixed cost
            status, _body = http.get("/tiles/reports/99/0/0.pbf")
            if status != 400:
                raise RuntimeError(f"an impossible zoom answered {status}, not 400")

        for t in tiles:  # warm-up pass: both workers, the database's cache
            endpoint(t), endpoint(t), bare(t)
        fixed = []
        rows, all_bare, all_http, all_size = [], [], [], []
        for z in args.zooms:
            level = [t for t in tiles if t[0] == z]
            b, h = [], []
            for t in level:  # taking turns, so a busy moment weighs on all three alike
                b += timed(lambda t=t: bare(t), 1, warmup=0)
                h += timed(lambda t=t: endpoint(t), 1, warmup=0)
                fixed += timed(refused, 1, warmup=0)
            size = [len(endpoint(t)) for t in level]
            all_bare += b
            all_http += h
            all_size += size
            rows.append((str(z), len(level), b, h, size))
        rows.append(("all", len(tiles), all_bare, all_http, all_size))
        dated = dated_tiles(http, newest)
    print(
        f"{'zoom':>4} {'tiles':>5}  {'bare median':>11} {'p95':>6}  {'endpoint median':>15} {'p95':>6}  "
        f"{'× bare (p95)':>12}  {'KiB median':>10} {'max':>6}"
    )
    for z, n, b, h, size in rows:
        print(
            f"{z:>4} {n:>5}  {median(b):>11.1f} {p95(b):>6.1f}  {median(h):>15.1f} {p95(h):>6.1f}  "
            f"{p95(h) / p95(b):>12.2f}  {median(size) / 1024:>10.1f} {max(size) / 1024:>6.1f}",
            flush=True,
        )
    print(
        f"the stack alone (gunicorn, Django, the same route refused before any query, {len(fixed)} requests): "
        f"median {median(fixed):.1f} ms, p95 {p95(fixed):.1f} ms; endpoint − bare (medians): "
        f"{median(all_http) - median(all_bare):.1f} ms",
        flush=True,
    )
    print("with a date filter (counted from the reports on the fly), the tile over the regency's centre, median of 3:")
    for label, z, ms, kib in dated:
        print(f"  {label:<28} zoom {z:>2}: {ms:>7.1f} ms, {kib:.1f} KiB", flush=True)


def dated_tiles(http: Http, newest: dt.date) -> list[tuple[str, int, float, float]]:
    """The tile holding the regency's centre at zooms 9 (the whole regency) to 14, for the last full month before
    the newest report and for the twelve months up to it: one warm-up request, then the median of three."""
    month_end = newest.replace(day=1) - dt.timedelta(days=1)
    month_start = month_end.replace(day=1)
    year_start = (month_start - dt.timedelta(days=320)).replace(day=1)
    results = []
    for label, start in (
        (f"month {month_start:%Y-%m}", month_start),
        (f"year {year_start:%Y-%m} – {month_end:%Y-%m}", year_start),
    ):
        for z in (9, 10, 12, 14):
            ((_, x, y),) = tiles_for_view(*REGENCY_CENTRE, z, width=1, height=1)
            path = f"/tiles/reports/{z}/{x}/{y}.pbf?created_from={start}&created_to={month_end}"
            status, body = http.get(path)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}: {body[:200]!r}")
            samples = timed(lambda path=path: http.get(path), 3, warmup=0)
            results.append((label, z, median(samples), len(body) / 1024))
    return results


if __name__ == "__main__":
    main()
