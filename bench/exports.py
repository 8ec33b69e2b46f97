"""Exports of every report, through gunicorn: CSV (public and staff) and GeoPackage (public and staff).

    .venv/bin/python bench/exports.py [--database-url postgis://…/trenggalek_bench] [--skip-gpkg]

Starts gunicorn (one sync worker, --timeout 3600 so a long export is not cut), downloads each export once over
loopback and prints: rows, bytes, time to the first byte, total time, and the peak resident memory of the worker
together with its children (ogr2ogr), sampled every 20 ms from /proc, above the worker's resident memory before
the request. The staff exports are leadership's (every report; no contacts). Reads only. Figures, never a
verdict.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse  # noqa: E402
import http.client  # noqa: E402
import os  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

from bench._common import database_url, gunicorn_running  # noqa: E402


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _tree_rss(pid: int) -> int:
    return _rss_kib(pid) + sum(_tree_rss(child) for child in _children(pid))


class PeakMemory:
    """The peak of a process tree's resident memory while in the `with` block."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0, threading.Event()

    def __enter__(self):
        self.before = _tree_rss(self.pid)
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss(self.pid))
            time.sleep(0.02)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def _worker_pid() -> int:
    """The gunicorn worker: the one child of the master, which is this process's child (gunicorn_running)."""
    for child in _children(os.getpid()):
        workers = _children(child)
        if workers:
            return workers[0]
    raise RuntimeError("no gunicorn worker found")


def download(base: str, path: str, headers: dict) -> tuple[int, int, float, float, int]:
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=3600)
    started = time.perf_counter()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    first = response.read(1)
    first_byte = time.perf_counter() - started
    size, lines = len(first), first.count(b"\n")
    while block := response.read(1 << 20):
        size += len(block)
        lines += block.count(b"\n")
    total = time.perf_counter() - started
    connection.close()
    return response.status, size, first_byte, total, lines


def token(base: str) -> str:
    import json

    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port))
    password = os.environ.get("DEMO_PASSWORD", "trenggalek-demo")
    body = json.dumps({"username": "pimpinan", "password": password, "name": "bench"})
    connection.request("POST", "/api/auth/token/", body=body, headers={"Content-Type": "application/json"})
    answer = json.loads(connection.getresponse().read())
    return answer["token"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", help="postgis://… (default: the project's database)")
    parser.add_argument("--skip-gpkg", action="store_true")
    args = parser.parse_args()
    url = args.database_url or database_url()
    os.environ["DATABASE_URL"] = url
    env = {"GUNICORN_CMD_ARGS": "--timeout 3600", "EXPORT_GEOPACKAGE_MAX_REPORTS": "100000000"}
    with gunicorn_running(url, workers=1, env=env) as base:
        worker = _worker_pid()
        auth = {"Authorization": f"Token {token(base)}"}
        cases = [
            ("public CSV", "/api/exports/reports.csv", {}),
            ("staff CSV (leadership)", "/api/staff/exports/reports.csv", auth),
        ]
        if not args.skip_gpkg:
            cases += [
                ("public GeoPackage", "/api/exports/reports.gpkg", {}),
                ("staff GeoPackage (leadership)", "/api/staff/exports/reports.gpkg", auth),
            ]
        download(base, "/api/exports/reports.csv?kecamatan=35.03.11&created_from=2100-01-01", {})  # warm the worker
        print(f"{'export':32} {'status':>6} {'rows':>10} {'MB':>8} {'first byte':>11} {'total':>8} {'peak RSS +':>11}")
        for label, path, headers in cases:
            with PeakMemory(worker) as memory:
                status, size, first, total, lines = download(base, path, headers)
            rows = lines - 1 if "CSV" in label else None
            extra = (memory.peak - memory.before) / 1024
            shown_rows = f"{rows:,}" if rows is not None else "-"
            print(
                f"{label:32} {status:>6} {shown_rows:>10} {size / 1e6:>8.1f} {first:>10.2f}s {total:>7.1f}s "
                f"{extra:>9.0f} MB"
            )
        print(f"(worker resident before the first export: {memory.before / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
