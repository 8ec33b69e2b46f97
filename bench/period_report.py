"""The report of a six-month period (the trial evaluation) at 100,000 and 1,000,000 reports.

    .venv/bin/python bench/period_report.py [--sizes 100000 1000000] [--reuse] [--runs 3]

Seeds its own database (`<cluster database>_bench_period`, on the project's PostGIS cluster) with `seed_demo` over
twelve months, growing to each size in turn, VACUUM (ANALYZE), then times for the last six whole months:
- the dashboard "now" (workflow.selectors.period_figures as of now, with each OPD month by month);
- the dashboard "at the end of the period" (the same as at its end: the reports touched since derived afresh);
- the PDF's figures (the same plus the 12-month trend and the status map's points) and its WeasyPrint render.
Prints median (min–max) in seconds; a benchmark, not a test: it never fails on a time.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from datetime import date, datetime  # noqa: E402

from bench._common import PYTHON, ROOT, database_recreate, database_url, database_vacuum, django_setup  # noqa: E402


def _manage(url: str, *args: str) -> None:
    import os

    env = dict(os.environ, DATABASE_URL=url, MEDIA_ROOT="/tmp/lapor-bench-media")
    env.pop("MIGRATE_DATABASE_URL", None)
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], check=True, env=env, stdout=subprocess.DEVNULL)


def _timed(fn, runs: int):
    samples, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), min(samples), max(samples), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--reuse", action="store_true", help="keep the seeded database (measure the last size only)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    url = database_url(database_url().rsplit("/", 1)[1] + "_bench_period")
    results = []
    if not args.reuse:
        database_recreate(url)
        _manage(url, "migrate", "-v0")
        _manage(url, "setup_demo", "--reports", "0")
    seeded = 0
    for size in args.sizes if not args.reuse else []:
        started = time.perf_counter()
        _manage(url, "seed_demo", "--reports", str(size - seeded), "--months", "12", "--seed", str(size), "-v0")
        seeded = size
        database_vacuum(url)
        print(f"seeded to {size:,} reports in {time.perf_counter() - started:.0f} s (with VACUUM ANALYZE)", flush=True)
        results.append(_measure(url, size, args.runs))
    if args.reuse:
        results.append(_measure(url, None, args.runs))
    print()
    print("| reports | dashboard now s | dashboard at the end s | PDF figures s | PDF render s | received | episodes |")
    print("|---|---|---|---|---|---|---|")
    for row in results:
        print("| " + " | ".join(row) + " |")


def _measure(url: str, size: int | None, runs: int) -> list[str]:
    """In a child process, so each size starts with a fresh Django and connection."""
    out = subprocess.run(
        [PYTHON, __file__, "--measure", url, str(runs)], check=True, capture_output=True, text=True
    ).stdout
    print(out, flush=True)
    return out.strip().splitlines()[-1].split("\t")


def _measure_here(url: str, runs: int) -> None:
    django_setup(url)
    from geoportal.clocks import WIB
    from reports_pdf.figures import period_report_figures
    from reports_pdf.render import monthly_report_render
    from workflow.selectors import Period, period_end_instant, period_figures

    today = date.today()
    last = date(today.year, today.month, 1)
    index = last.year * 12 + last.month - 1 - 6
    period = Period(date(index // 12, index % 12 + 1, 1), last)  # the last six whole months
    now = _timed(lambda: period_figures(period=period, as_of=datetime.now(tz=WIB)), runs)
    end = _timed(lambda: period_figures(period=period, as_of=period_end_instant(period)), runs)
    pdf_figures = _timed(lambda: period_report_figures(period=period), runs)
    render = _timed(lambda: monthly_report_render(figures=pdf_figures[3]), 1)
    figures = end[3]
    print(f"period {period.start} .. {period.last_day}, {runs} runs: median (min–max) s")
    cells = [f"{t[0]:.2f} ({t[1]:.2f}–{t[2]:.2f})" for t in (now, end, pdf_figures)] + [f"{render[0]:.1f}"]
    received = figures.summary.received
    episodes = sum(o.episodes for o in figures.opds)
    from geoportal.models import Report

    print("\t".join([f"{Report.objects.count():,}", *cells, f"{received:,}", f"{episodes:,}"]))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        _measure_here(sys.argv[2], int(sys.argv[3]))
    else:
        main()
