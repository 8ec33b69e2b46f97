"""The citizen pages on a cheap phone over a slow network (issue 17): bytes, requests and time to usable of `/`,
`/lapor/` and `/lacak/<code>/`, first visit and repeat visit, on DevTools' "Fast 3G" and Lighthouse's "Slow 4G",
both with the CPU slowed down 4×.

    .venv/bin/python bench/phone.py [--runs 3] [--base http://127.0.0.1:8000] [--out var/phone.txt]

Without --base it serves as production does: gunicorn with config/gunicorn.conf.py on a free loopback port,
DEBUG off, the hashed and precompressed static files `collectstatic` wrote (WhiteNoise serves them, gzip or
Brotli), against the project's database with its demo reports (`make run` loads them; the runtime role).
MAP_TILES_URL is empty (no basemap: the machine has no internet, and a basemap's tiles are another server's
bytes). Run `bash scripts/collectstatic.sh` first after changing static files.

Each measurement is Chromium (/usr/bin/chromium) driven through the DevTools protocol: a phone context
(360×760, touch), Network.emulateNetworkConditions and Emulation.setCPUThrottlingRate on the page, and on the
page's service worker as soon as it starts (its fetches are the phone's too). Bytes are the sum of
Network.loadingFinished's encodedDataLength (what came over the wire, headers included), of the page and of its
service worker; requests are the page's and the worker's requests that reached the network. "Usable" is
measured in the page (performance.now(), from the start of the navigation):

  /          the list beside the map shows its first report
  /lapor/    the form's first step (the photo button) is on screen and lapor.js has wired the form
  /lacak/    the report's status is on screen

Before measuring, each page is asked for a few times (warm()): every gunicorn worker has loaded its code, as on a
server that has been up for a while. First visit: a fresh context (empty cache, no service worker). Repeat visit:
the same context afterwards, once the service worker is active and the page has loaded fully (HTTP cache and the
worker's cache warm).
A benchmark, not a test: it prints figures and never fails on a time.
"""

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, free_port  # noqa: E402

PROFILES = {
    # DevTools' "Fast 3G" as issue 17 measured it: 562.5 ms RTT, 1.44 Mbit/s down, 675 kbit/s up.
    "Fast 3G": {"latency": 562.5, "down": 1_440_000, "up": 675_000, "cpu": 4},
    # Lighthouse's "Slow 4G" (its mobile default): 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up.
    "Slow 4G": {"latency": 150, "down": 1_600_000, "up": 750_000, "cpu": 4},
}
USABLE = {
    "/": "document.querySelector('#report-list li') !== null",
    "/lapor/": "!!window.laporOnSent && !!document.querySelector('label[for=photo]')"
    " && document.querySelector('label[for=photo]').getBoundingClientRect().height > 0",
    "/lacak/": "!!document.getElementById('status') && document.getElementById('status').textContent.trim() !== ''"
    " && document.readyState !== 'loading'",
}
# Targets of issue 17 on Fast 3G with 4× CPU: (usable within ms on a first visit, KiB transferred); repeat < 1 s.
TARGETS = {"/": (3000, 150), "/lapor/": (1500, 150)}
REPEAT_TARGET_MS = 1000


def tracking_code(database_url: str) -> str:
    """A public report's tracking code from the demo database, as the citizen reads it (K7QM-4XD9)."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from geoportal.models import Report
    from geoportal.tracking import tracking_code_display

    report = Report.objects.filter(status="in_progress").order_by("pk").first() or Report.objects.order_by("pk").first()
    if report is None:
        raise SystemExit("no report in the database: run `make run` (or manage.py setup_demo) once")
    return tracking_code_display(report.tracking_code)


class Server:
    """gunicorn as production runs it (config/gunicorn.conf.py), on a free loopback port."""

    def __init__(self, database_url: str):
        self.port = free_port()
        env = dict(
            os.environ,
            DATABASE_URL=database_url,
            DJANGO_SETTINGS_MODULE="config.settings",
            WEB_BIND=f"127.0.0.1:{self.port}",
            MAP_TILES_URL="",
            DJANGO_DEBUG="",
            # The bench looks the same code up again and again: the guessing limit is not what it measures.
            TRACKING_LOOKUPS_PER_MINUTE="100000",
            TRACKING_LOOKUPS_PER_HOUR="100000",
        )
        env.pop("DJANGO_DEBUG")
        self.process = subprocess.Popen(
            [str(ROOT / ".venv/bin/gunicorn"), "-c", "config/gunicorn.conf.py", "config.wsgi:application",
             "--log-level", "warning"],
            cwd=ROOT, env=env,
        )  # fmt: skip
        self.base = f"http://127.0.0.1:{self.port}"
        import urllib.request

        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(self.base + "/api/categories/", timeout=5).read()
                break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("gunicorn did not start") from None
                time.sleep(0.3)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


class Meter:
    """Counts what reaches the network for one page and its service worker, throttled alike."""

    def __init__(self, browser_session, page_session, profile):
        self.bytes = 0
        self.requests = 0
        self.urls = {}  # requestId -> url, and what each brought (--detail)
        self.detail = []
        self.conditions = {
            "offline": False,
            "latency": profile["latency"],
            "downloadThroughput": profile["down"] / 8,
            "uploadThroughput": profile["up"] / 8,
        }
        self.cpu = profile["cpu"]
        self.workers = {}  # sessionId -> targetId of attached service workers
        self.page = page_session
        self.browser = browser_session
        page_session.send("Network.enable")
        page_session.send("Network.emulateNetworkConditions", self.conditions)
        page_session.send("Emulation.setCPUThrottlingRate", {"rate": self.cpu})
        page_session.on("Network.requestWillBeSent", lambda e: self._request(e))
        page_session.on("Network.loadingFinished", lambda e: self._finished(e))
        browser_session.on("Target.targetCreated", self._target)
        browser_session.on("Target.receivedMessageFromTarget", self._message)
        browser_session.send("Target.setDiscoverTargets", {"discover": True})

    def _request(self, event, who="page"):
        if not event["request"]["url"].startswith(("data:", "blob:")):
            self.requests += 1
            self.urls[(who, event["requestId"])] = event["request"]["url"]

    def _finished(self, event, who="page"):
        self.bytes += event.get("encodedDataLength", 0)
        url = self.urls.get((who, event["requestId"]), "?")
        self.detail.append((who, event.get("encodedDataLength", 0), url))

    def _target(self, event):
        info = event["targetInfo"]
        if info["type"] != "service_worker" or info["targetId"] in self.workers.values():
            return
        try:
            session = self.browser.send("Target.attachToTarget", {"targetId": info["targetId"], "flatten": False})
        except Exception:  # noqa: BLE001 - the worker stopped before we reached it
            return
        self.workers[session["sessionId"]] = info["targetId"]
        for number, (method, params) in enumerate(
            [("Network.enable", {}), ("Network.emulateNetworkConditions", self.conditions)], start=1
        ):
            message = json.dumps({"id": number, "method": method, "params": params})
            self.browser.send("Target.sendMessageToTarget", {"sessionId": session["sessionId"], "message": message})

    def _message(self, event):
        if event["sessionId"] not in self.workers:
            return
        message = json.loads(event["message"])
        if message.get("method") == "Network.requestWillBeSent":
            self._request(message["params"], "worker")
        elif message.get("method") == "Network.loadingFinished":
            self._finished(message["params"], "worker")

    def reset(self):
        self.bytes = 0
        self.requests = 0
        self.detail = []


def warm(base: str, code: str, rounds: int = 12) -> None:
    """Each page a few times before measuring, so that every gunicorn worker has loaded its code: a phone meets a
    server that has been up for a while (a cold worker's first page takes ~0.8 s more, and which worker answers is
    chance: the medians then measured that, not the page)."""
    import urllib.request

    paths = ["/", "/lapor/", f"/lacak/{code}/", "/api/reports/?limit=1", "/kecamatan.geojson", "/sw.js"]
    for _ in range(rounds):
        for path in paths:
            with contextlib.suppress(OSError):  # a page this version does not have
                urllib.request.urlopen(base + path, timeout=30).read()


def visit(page, url, usable):
    """Navigates and returns the page's own clock (ms from navigation start) when `usable` first held."""
    page.goto(url, wait_until="commit", timeout=120_000)
    page.wait_for_function(f"() => ({usable}) && (window.__usableAt = window.__usableAt || performance.now())",
                           polling="raf", timeout=120_000)  # fmt: skip
    return page.evaluate("window.__usableAt")


def settle(page):
    """Until the page has loaded everything and its service worker is active (the repeat visit starts warm)."""
    page.wait_for_load_state("load", timeout=120_000)
    page.evaluate(
        "() => 'serviceWorker' in navigator ? Promise.race([navigator.serviceWorker.ready, "
        "new Promise(r => setTimeout(r, 60000))]) : null"
    )
    page.wait_for_load_state("networkidle", timeout=120_000)
    page.wait_for_timeout(1500)  # the worker's precache finishes after it reports ready on a slow line


def measure(browser, base, path, label, profile, detail=False):
    context = browser.new_context(
        viewport={"width": 360, "height": 760}, device_scale_factor=2, is_mobile=True, has_touch=True, locale="id-ID"
    )
    page = context.new_page()
    browser_session = browser.new_browser_cdp_session()
    meter = Meter(browser_session, context.new_cdp_session(page), profile)
    key = "/lacak/" if path.startswith("/lacak/") else path
    first_ms = visit(page, base + path, USABLE[key])
    settle(page)
    first = (meter.bytes, meter.requests, first_ms)
    if detail:
        for who, size, url in sorted(meter.detail, key=lambda d: -d[1]):
            print(f"    {who:<6} {size / 1024:7.1f} KiB  {url.split('?')[0][-90:]}")
    meter.reset()
    repeat_ms = visit(page, base + path, USABLE[key])
    settle(page)
    repeat = (meter.bytes, meter.requests, repeat_ms)
    browser_session.detach()
    context.close()
    return first, repeat


def verdict(path, profile_name, first, repeat):
    key = "/lacak/" if path.startswith("/lacak/") else path
    if profile_name != "Fast 3G":
        return ""
    notes = []
    if key in TARGETS:
        ms, kib = TARGETS[key]
        notes.append(f"first {'ok' if first[2] <= ms else 'MISSED'} (≤{ms / 1000:g} s)")
        notes.append(f"bytes {'ok' if first[0] / 1024 < kib else 'MISSED'} (<{kib} KiB)")
    notes.append(f"repeat {'ok' if repeat[2] < REPEAT_TARGET_MS else 'MISSED'} (<1 s)")
    return ", ".join(notes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page and profile (the median is shown)")
    parser.add_argument("--base", help="a running server instead of one started here")
    parser.add_argument("--code", help="the tracking code to open (default: one from the database)")
    parser.add_argument("--out", help="also write the table to this file")
    parser.add_argument("--profile", choices=list(PROFILES), help="only this network profile")
    parser.add_argument("--page", choices=["/", "/lapor/", "/lacak/"], help="only this page")
    parser.add_argument("--detail", action="store_true", help="list what each first visit fetched, largest first")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL") or (ROOT / "var" / "database_url").read_text().strip()
    code = args.code or tracking_code(url)
    server = None if args.base else Server(url)
    base = args.base or server.base
    warm(base, code)
    from playwright.sync_api import sync_playwright

    lines = []

    def out(text=""):
        print(text, flush=True)
        lines.append(text)

    load = os.getloadavg()
    out(f"bench/phone.py, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, git {git_head()}, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at start, median of {args.runs} runs")  # fmt: skip
    out("phone 360×760 (DPR 2, touch), Chromium, bytes = encoded bytes over the wire (page + its service worker)")
    out()
    header = (
        f"{'profile':<8} {'page':<18} {'first KiB':>9} {'req':>4} {'usable':>8}"
        f"  {'repeat KiB':>10} {'req':>4} {'usable':>8}  targets"
    )
    out(header)
    out("-" * len(header))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
            )
            for profile_name, profile in PROFILES.items():
                if args.profile and profile_name != args.profile:
                    continue
                for path in ("/", "/lapor/", f"/lacak/{code}/"):
                    if args.page and not (path == args.page or args.page == "/lacak/" and path.startswith("/lacak/")):
                        continue
                    runs = [measure(browser, base, path, profile_name, profile, args.detail) for _ in range(args.runs)]
                    first = tuple(statistics.median(r[0][i] for r in runs) for i in range(3))
                    repeat = tuple(statistics.median(r[1][i] for r in runs) for i in range(3))
                    shown = "/lacak/<code>/" if path.startswith("/lacak/") else path
                    out(
                        f"{profile_name:<8} {shown:<18} {first[0] / 1024:>9.0f} {first[1]:>4.0f}"
                        f" {first[2] / 1000:>7.2f}s"
                        f"  {repeat[0] / 1024:>10.0f} {repeat[1]:>4.0f} {repeat[2] / 1000:>7.2f}s  "
                        f"{verdict(path, profile_name, first, repeat)}"
                    )
            browser.close()
    finally:
        if server:
            server.stop()
    load = os.getloadavg()
    out()
    out(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end ({os.cpu_count()} cores)")
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text("\n".join(lines) + "\n")


def git_head() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


if __name__ == "__main__":
    main()
