"""Time and peak memory to produce the monthly PDF for months of 1,000, 10,000 and 50,000 reports.

    .venv/bin/python bench/monthly_pdf.py [--sizes 1000 10000 50000]

Runs on its own database (`<cluster database>_bench_test`, recreated each run) on the project's PostGIS cluster,
seeded with `seed_demo --month`, one calendar month per size. Prints figures; a benchmark, not a test.
"""

import argparse
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MONTHS = ["2026-04", "2026-06", "2026-08"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        # As the owner role, which may create the database (var/database_url from an older scripts/pg.sh)
        owner = ROOT / "var" / "migrate_database_url"
        base = (owner if owner.exists() else ROOT / "var" / "database_url").read_text().strip()
        os.environ["DATABASE_URL"] = base.rsplit("/", 1)[0] + "/trenggalek_bench_test"
    manage = [sys.executable, str(ROOT / "manage.py")]
    env = dict(os.environ, MEDIA_ROOT="/tmp/lapor-bench-media")
    print("preparing the bench database …", flush=True)
    subprocess.run([*manage, "reset_test_database", "--yes"], check=True, env=env, capture_output=True)
    subprocess.run([*manage, "migrate", "-v0"], check=True, env=env)
    subprocess.run([*manage, "setup_demo", "--reports", "0"], check=True, env=env, capture_output=True)
    for size, month in zip(args.sizes, MONTHS, strict=False):
        started = time.perf_counter()
        subprocess.run([*manage, "seed_demo", "--reports", str(size), "--month", month, "-v0"], check=True, env=env)
        print(f"seeded {size:,} reports in {month} in {time.perf_counter() - started:.1f} s", flush=True)

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from reports_pdf.figures import monthly_figures
    from reports_pdf.render import monthly_report_render

    print(
        f"{'reports':>8}  {'figures s':>9}  {'render s':>8}  {'total s':>7}  "
        f"{'py peak MiB':>11}  {'RSS MiB':>7}  PDF KiB"
    )
    for month in MONTHS[: len(args.sizes)]:
        year, number = (int(part) for part in month.split("-"))
        tracemalloc.start()
        t0 = time.perf_counter()
        figures = monthly_figures(year=year, month=number)
        t1 = time.perf_counter()
        _html, pdf = monthly_report_render(figures=figures, opd_pages=True)
        t2 = time.perf_counter()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{figures.summary.received:>8,}  {t1 - t0:>9.2f}  {t2 - t1:>8.2f}  {t2 - t0:>7.2f}  "
            f"{peak / 2**20:>11.1f}  {rss:>7.0f}  {len(pdf) / 1024:>7.0f}"
        )


if __name__ == "__main__":
    main()
