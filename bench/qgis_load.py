"""One OPD officer's reports loaded into QGIS by the plugin's own dock, at scale: time, memory, UI stalls.

    .venv/bin/python bench/qgis_load.py [--seed 100000 1000000] [--database-url URL] [--user opd-pupr]
                                        [--page-sizes 2000 5000] [--views open 90d all]

Works on the bench database (`<cluster database>_bench`, as bench/run.py; or --database-url). With --seed it
prepares that database as bench/run.py does (recreated empty when it holds no reports: migrate, boundaries,
`setup_demo --reports 0`) and tops it up with `seed_demo` to each size in turn, measuring at each; without it, it
measures the database as it is (bench/run.py calls it so at each of its sizes). Serves the database with gunicorn
(2 sync workers) on loopback and, for each view and page size, starts a fresh QGIS (`.venv-qgis`, offscreen, an
empty profile) that signs in as the officer through the plugin's dock (`ReportsDock` with a real QgsMapCanvas of
1600x1000), presses "Muat laporan" with the view's filters and waits until the canvas has drawn the loaded layers.
Meanwhile a 15 ms QTimer on QGIS's main thread records when it runs: the longest gap between two ticks is the
longest time the officer's window could not repaint or answer a click ("UI stall").

Views: `open`: the default view, the officer's open work; `90d`: every status reported in the last 90 days;
`all`: every report the OPD ever had. Prints one table: reports in the database, features loaded, pages, seconds
(to the drawn map), peak resident memory of the QGIS process, the longest UI stall. A benchmark: no time fails.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QGIS_PYTHON = ROOT / ".venv-qgis" / "bin" / "python"
VIEWS = ("open", "90d", "all")


# --- the measurement, inside QGIS (.venv-qgis) -------------------------------------------------------------
def measure(base: str, user: str, password: str, page_size: int, view: str, plugin_dir: str) -> dict:
    import resource

    sys.path.insert(0, plugin_dir)
    from qgis.core import QgsApplication, QgsProject, QgsSettings

    app = QgsApplication([], True)
    app.initQgis()
    from lapor_trenggalek.core import api as api_module
    from lapor_trenggalek.core.layers import OPEN_STATUSES, STATUS_STYLE
    from lapor_trenggalek.ui.dock import SETTINGS, ReportsDock, check_items
    from qgis.gui import QgsMapCanvas, QgsMessageBar
    from qgis.PyQt.QtCore import QDate, QElapsedTimer, QSize, QTimer

    settings = QgsSettings()
    settings.setValue(SETTINGS + "basemap_url", "")  # no internet here: no basemap tiles
    settings.setValue(SETTINGS + "timeout_s", 300)
    settings.setValue(SETTINGS + "page_size", page_size)

    class Iface:  # what the dock asks of QGIS's interface
        def __init__(self):
            self.canvas = QgsMapCanvas()
            self.canvas.resize(QSize(1600, 1000))
            self.canvas.show()
            self.bar = QgsMessageBar()

        def mapCanvas(self):
            return self.canvas

        def messageBar(self):
            return self.bar

    iface = Iface()
    # Keeping the token asks for QGIS's master password in a dialog: nobody answers it here.
    ReportsDock._keep_token = lambda self, client, username: None
    pages = []
    original_call = api_module.ApiClient._call

    def counting_call(self, method, path, **kwargs):
        if "api/staff/reports/?" in path:
            pages.append(path)
        return original_call(self, method, path, **kwargs)

    api_module.ApiClient._call = counting_call

    def wait(condition, seconds=1800):
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                raise SystemExit("timed out")
            app.processEvents()
            time.sleep(0.002)

    dock = ReportsDock(iface)
    dock.server.setText(base)
    dock.username.setText(user)
    dock.password.setText(password)
    check_items(dock.status, OPEN_STATUSES)  # the sign-in loads the open work: keep it small here
    dock.created_from.setDate(QDate.currentDate())
    dock._sign_in()
    wait(lambda: dock.client is not None and not dock._tasks)
    wait(lambda: dock.reports_layer() is not None and not dock._tasks)
    if view == "open":
        check_items(dock.status, OPEN_STATUSES)
        dock.created_from.clear()
    else:
        check_items(dock.status, list(STATUS_STYLE))
        if view == "90d":
            dock.created_from.setDate(QDate.currentDate().addDays(-90))
        else:
            dock.created_from.clear()
    dock.created_to.clear()
    previous = dock.reports_layer()
    QgsProject.instance().removeAllMapLayers()
    iface.canvas.refresh()
    wait(lambda: not iface.canvas.isDrawing())
    pages.clear()

    clock = QElapsedTimer()
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(clock.elapsed()))
    rendered = []
    iface.canvas.mapCanvasRefreshed.connect(lambda: rendered.append(clock.elapsed()))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    clock.start()
    timer.start(15)
    dock._load()
    wait(lambda: not dock._tasks and dock.reports_layer() is not None and dock.reports_layer() is not previous)
    shown = clock.elapsed()
    wait(lambda: rendered and rendered[-1] >= shown and not iface.canvas.isDrawing())
    done = clock.elapsed()
    timer.stop()
    gaps = [b - a for a, b in zip([0, *ticks], [*ticks, done], strict=True)]
    layer = dock.reports_layer()
    result = {
        "features": layer.featureCount(),
        "pages": len(pages),
        "page_size": page_size,
        "view": view,
        "seconds": done / 1000,
        "to_layer_seconds": shown / 1000,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_before_mb": before,
        "max_stall_ms": max(gaps),
        "stalls_over_100ms": sum(1 for gap in gaps if gap > 100),
    }
    dock.close_down()
    return result


# --- the driver (.venv: Django, gunicorn, seeding) ----------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--measure", nargs=6, metavar=("BASE", "USER", "PASSWORD", "PAGE_SIZE", "VIEW", "PLUGIN"))
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--seed", type=int, nargs="*", default=[], help="top the bench database up to these sizes")
    parser.add_argument("--user", default="opd-pupr")
    parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", "trenggalek-demo"))
    parser.add_argument("--page-sizes", type=int, nargs="+", default=[2000, 5000])
    parser.add_argument("--views", nargs="+", default=list(VIEWS), choices=VIEWS)
    parser.add_argument(
        "--plugin-dirs", nargs="+", default=[str(ROOT / "qgis_plugin")],
        help="folders holding a lapor_trenggalek plugin: several are measured side by side, taking turns",
    )  # fmt: skip
    args = parser.parse_args()
    if args.measure:
        base, user, password, page_size, view, plugin_dir = args.measure
        print(json.dumps(measure(base, user, password, int(page_size), view, plugin_dir)), flush=True)
        os._exit(0)  # QGIS's own teardown of a GUI application adds nothing to measure

    sys.path.insert(0, str(ROOT))
    from bench._common import PYTHON, database_url, database_vacuum, gunicorn_running
    from bench.run import count_reports

    if not QGIS_PYTHON.exists():
        print("-- QGIS load: .venv-qgis is not there (scripts/venv-qgis.sh makes it); skipped")
        return
    url = args.database_url or database_url(database_url().rsplit("/", 1)[1] + "_bench")
    env = dict(os.environ, DATABASE_URL=url, MEDIA_ROOT=str(ROOT / "var" / "bench" / "media"))
    sizes = args.seed or [None]
    have = 0
    if args.seed:
        try:
            have = count_reports(env)
        except subprocess.CalledProcessError:
            have = 0
        if not have:
            from bench._common import database_recreate

            database_recreate(url)
            boundaries = os.environ.get("BOUNDARIES_DIR", str(ROOT.parent / "shared" / "data" / "trenggalek"))
            for command in (["migrate", "-v0"], ["import_boundaries", boundaries], ["setup_demo", "--reports", "0"]):
                subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    rows = []
    for size in sizes:
        if size is not None and size > have:
            started = time.perf_counter()
            subprocess.run(
                [PYTHON, "manage.py", "seed_demo", "--reports", str(size - have), "--seed", str(size)],
                cwd=ROOT, env=env, check=True, capture_output=True,
            )  # fmt: skip
            database_vacuum(url)
            print(f"-- seeded {size - have:,} reports in {time.perf_counter() - started:.0f} s", flush=True)
        total = count_reports(env)
        have = total
        load = os.getloadavg()[0]
        print(f"\n== QGIS load as {args.user}: {total:,} reports in the database; load average {load:.1f}", flush=True)
        header = (f"{'reports in DB':>13} {'view':>5} {'features':>8} {'page':>5} {'pages':>5} {'seconds':>8} "
                  f"{'to layer':>8} {'peak RSS MB':>11} {'longest UI stall ms':>19} {'stalls>100ms':>12}")  # fmt: skip
        print(header, flush=True)
        with gunicorn_running(url) as base:
            for view in args.views:
                for page_size, plugin_dir in [(p, d) for p in args.page_sizes for d in args.plugin_dirs]:
                    with tempfile.TemporaryDirectory() as profile:
                        qgis_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_CUSTOM_CONFIG_PATH=profile)
                        done = subprocess.run(
                            [str(QGIS_PYTHON), __file__, "--measure", base, args.user, args.password,
                             str(page_size), view, plugin_dir],
                            cwd=ROOT, env=qgis_env, capture_output=True, text=True,
                        )  # fmt: skip
                    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
                    if done.returncode != 0 or not lines:
                        print(f"{view} {page_size}: failed\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}", flush=True)
                        continue
                    r = json.loads(lines[-1])
                    rows.append({"reports": total, **r})
                    print(
                        f"{total:>13,} {view:>5} {r['features']:>8,} {page_size:>5} {r['pages']:>5} "
                        f"{r['seconds']:>8.2f} {r['to_layer_seconds']:>8.2f} {r['rss_mb']:>11.0f} "
                        f"{r['max_stall_ms']:>19.0f} {r['stalls_over_100ms']:>12}"
                        + (f"  {plugin_dir}" if len(args.plugin_dirs) > 1 else ""),
                        flush=True,
                    )


if __name__ == "__main__":
    main()
