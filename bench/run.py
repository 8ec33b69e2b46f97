"""`make bench`: every benchmark at 100,000 and 1,000,000 reports, figures printed and saved.

    .venv/bin/python bench/run.py [--sizes 100000 1000000] [--reuse] [--skip intake pdf ...]

Works on its own database, `<cluster database>_bench` on the project's PostGIS cluster (DATABASE_URL's server
when set): recreated empty (unless --reuse finds it already holding reports), migrated, loaded with the
reference data and Trenggalek's boundaries (`setup_demo --reports 0`), then filled with `seed_demo` up to each
size in turn and vacuumed. At each size it runs bench/features.py, ogc.py, tiles.py, dashboard.py, exports.py,
qgis_load.py (when .venv-qgis exists) and intake.py against it; then monthly_pdf.py once on its own database. The
time of each seeding step and of a boundary import is measured here. Everything printed is also written to
var/bench/<date>.txt. Figures only: no time fails the run.
A full run takes about 30 minutes on a 2-core machine, most of it seeding a million reports with their history.
"""

import argparse
import contextlib
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._common import PYTHON, database_recreate, database_url, database_vacuum  # noqa: E402

STEPS = ["features", "ogc", "tiles", "dashboard", "exports", "qgis", "intake"]


class Tee:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.file = path.open("w")

    def line(self, text: str = "") -> None:
        print(text, flush=True)
        self.file.write(text + "\n")
        self.file.flush()

    def run(self, args: list[str], env: dict, *, label: str, keep_output: bool = True) -> float:
        """Run a command, streaming its output (progress bars go to the terminal only); return its seconds."""
        self.line(f"\n$ {' '.join(args[1:]) if args[0] == PYTHON else ' '.join(args)}")
        started = time.perf_counter()
        process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        for text in process.stdout:
            print(text, end="", flush=True)
            if keep_output:
                self.file.write(text)
        if process.wait() != 0:
            raise SystemExit(f"{label} failed (exit {process.returncode}); its output is above.")
        seconds = time.perf_counter() - started
        self.file.flush()
        return seconds


def count_reports(env: dict) -> int:
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", "from geoportal.models import Report; print(Report.objects.count())"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return int(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--reuse", action="store_true", help="keep the bench database if it exists (no re-seeding)")
    parser.add_argument("--skip", nargs="*", default=[], choices=[*STEPS, "pdf"], help="benchmarks to leave out")
    parser.add_argument("--runs", type=int, default=15, help="requests per feature-serving figure")
    args = parser.parse_args()

    url = database_url(database_url().rsplit("/", 1)[1] + "_bench")
    env = dict(os.environ, DATABASE_URL=url, MEDIA_ROOT=str(ROOT / "var" / "bench" / "media"))
    out = Tee(ROOT / "var" / "bench" / f"{dt.date.today():%Y-%m-%d}.txt")
    cpu = os.cpu_count()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True)
    out.line(
        f"# make bench, {dt.datetime.now():%Y-%m-%d %H:%M}, commit {commit.stdout.strip() or 'unknown'}, "
        f"{cpu} cores, {memory:.0f} GiB, sizes {args.sizes}"
    )
    out.line(f"# PostgreSQL database {url.rsplit('/', 1)[1]} (recreated unless --reuse)")

    boundaries = os.environ.get("BOUNDARIES_DIR", str(ROOT.parent / "shared" / "data" / "trenggalek"))
    have = 0
    if args.reuse:
        with contextlib.suppress(subprocess.CalledProcessError):
            have = count_reports(env)
    if not have:
        out.line("\n== Preparing the bench database (migrate, reference data, boundaries)")
        database_recreate(url)
        out.run([PYTHON, "manage.py", "migrate", "-v0"], env, label="migrate")
        seconds = out.run([PYTHON, "manage.py", "import_boundaries", boundaries], env, label="import_boundaries")
        out.line(f"-- boundary import into empty tables (1 kabupaten, 14 kecamatan, 157 desa): {seconds:.1f} s")
        out.run([PYTHON, "manage.py", "setup_demo", "--reports", "0"], env, label="setup_demo")
    seconds = out.run([PYTHON, "manage.py", "import_boundaries", boundaries], env, label="import_boundaries")
    out.line(f"-- boundary import again (the same 172 areas, each compared and kept): {seconds:.1f} s")

    for size in args.sizes:
        missing = size - have
        if missing > 0:
            seconds = out.run(
                [PYTHON, "manage.py", "seed_demo", "--reports", str(missing), "--seed", str(size), "-v1"],
                env, label="seed_demo", keep_output=False,
            )  # fmt: skip
            out.line(f"-- seed_demo --reports {missing:,} (with workflow history): {seconds:.0f} s, "
                     f"{missing / seconds:,.0f} reports/s; table now holds {size:,}")  # fmt: skip
            have = size
            started = time.perf_counter()
            database_vacuum(url)
            out.line(f"-- VACUUM (ANALYZE) after seeding, so that autovacuum does not run during the measurements: "
                     f"{time.perf_counter() - started:.0f} s")  # fmt: skip
        out.line(f"\n######## {size:,} reports")
        if "features" not in args.skip:
            out.run([PYTHON, "bench/features.py", "--runs", str(args.runs)], env, label="features")
        if "ogc" not in args.skip:
            out.run([PYTHON, "bench/ogc.py", "--runs", str(args.runs)], env, label="ogc")
        if "tiles" not in args.skip:
            out.run([PYTHON, "bench/tiles.py"], env, label="tiles")
        if "dashboard" not in args.skip and not (ROOT / "bench" / "dashboard.py").exists():
            out.line("-- dashboard statistics: bench/dashboard.py is not there yet (issue 7), skipped")
        elif "dashboard" not in args.skip:
            out.run([PYTHON, "bench/dashboard.py", "--database-url", url], env, label="dashboard")
        if "exports" not in args.skip:
            out.run([PYTHON, "bench/exports.py", "--database-url", url], env, label="exports")
        if "qgis" not in args.skip:  # one OPD's reports loaded by the plugin's dock in QGIS (needs .venv-qgis)
            out.run([PYTHON, "bench/qgis_load.py", "--database-url", url, "--views", "open", "90d"], env, label="qgis")
        if "intake" not in args.skip:
            out.run([PYTHON, "bench/intake.py", "--existing-database", url], env, label="intake")
            have = count_reports(env)
    if "pdf" not in args.skip:
        out.run([PYTHON, "bench/monthly_pdf.py"], {k: v for k, v in env.items() if k != "DATABASE_URL"}, label="pdf")
    out.line(f"\nSaved to {out.file.name}")


if __name__ == "__main__":
    main()
