"""The leadership dashboard's figures per OPD and per kecamatan, for one month and for one year.

    .venv/bin/python bench/dashboard.py [--database-url postgis://…/trenggalek_bench_stats] [--runs 10]
        [--month 2026-10] [--year-from 2025-12]

Times the dashboard's selectors as the dashboard calls them (as of now: the stored facts), and the month as the
monthly PDF asks for a past month (as of its end: the reports touched since are derived afresh from the audit
trail); and everything the monthly PDF shows for that month, as of its end (reports_pdf.figures). Runs on the
database given (default: the project's); reads only. Prints median, min and max in ms and
how many episodes (per OPD) or reports (per kecamatan) the period holds. A benchmark, not a test: it never fails
on a time.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from datetime import date  # noqa: E402


def timed(fn, runs: int) -> tuple[float, float, float, object]:
    result = fn()  # warm up (and the row counts)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[0], samples[-1], result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", help="postgis://… (default: the project's database)")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--month", default="2026-10", help="the month to time (YYYY-MM)")
    parser.add_argument("--year-from", default="2025-12", help="first month of the twelve to time (YYYY-MM)")
    args = parser.parse_args()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection

    from geoportal.models import Report
    from reports_pdf.figures import monthly_figures
    from workflow.selectors import Period, kecamatan_performance, opd_performance

    month = Period.month(*(int(part) for part in args.month.split("-")))
    first = date.fromisoformat(args.year_from + "-01")
    year = Period(first, first.replace(year=first.year + 1))
    past_month_end = month.bounds[1]
    cases = [
        ("per OPD", "month", lambda: opd_performance(period=month)),
        ("per OPD", "year", lambda: opd_performance(period=year)),
        ("per OPD", "month, as of its end", lambda: opd_performance(period=month, as_of=past_month_end)),
        ("per kecamatan", "month", lambda: kecamatan_performance(period=month)),
        ("per kecamatan", "year", lambda: kecamatan_performance(period=year)),
        ("per kecamatan", "month, as of its end", lambda: kecamatan_performance(period=month, as_of=past_month_end)),
        # Everything the monthly PDF shows: summary and previous month, OPD, kecamatan, label and squad tables,
        # the overdue list and the twelve-month trend.
        (
            "monthly PDF",
            "month, as of its end",
            lambda: monthly_figures(year=month.start.year, month=month.start.month, as_of=past_month_end),
        ),
    ]
    db, reports = connection.settings_dict["NAME"], Report.objects.count()
    print(f"database {db}: {reports:,} reports; month {month.start:%Y-%m}, year {year.start} – {year.end}")
    print(f"{'figures':<14} {'period':<22} {'median ms':>10} {'min':>9} {'max':>9} {'rows':>10}")
    for what, period, fn in cases:
        median, low, high, rows = timed(fn, args.runs)
        if what == "monthly PDF":
            count, unit = rows.summary.received, "reports"
        else:
            count = sum(r.episodes for r in rows) if what == "per OPD" else sum(r.received for r in rows)
            unit = "episodes" if what == "per OPD" else "reports"
        print(f"{what:<14} {period:<22} {median:>10.1f} {low:>9.1f} {high:>9.1f} {count:>10,} {unit}", flush=True)


if __name__ == "__main__":
    main()
