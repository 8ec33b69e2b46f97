"""What the benchmarks share: the bench database's URL, a gunicorn server started on loopback, an HTTP client
that keeps its connection open, and median / p95 figures."""

import contextlib
import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")


def cluster_url() -> str:
    """The project's cluster as the owner role (var/migrate_database_url; var/database_url from an older
    scripts/pg.sh): the benchmarks create, migrate, seed, vacuum and drop databases of their own, and run all of
    it, the servers included, as that one role (the runtime role's grants change no figure)."""
    owner = ROOT / "var" / "migrate_database_url"
    return (owner if owner.exists() else ROOT / "var" / "database_url").read_text().strip()


def database_url(name: str | None = None) -> str:
    """DATABASE_URL, or the project's cluster (cluster_url()) with its database renamed to `name`."""
    if name is None and (url := os.environ.get("DATABASE_URL")):
        return url
    base = os.environ.get("DATABASE_URL") or cluster_url()
    return base if name is None else base.rsplit("/", 1)[0] + "/" + name


def django_setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn_running(url: str, *, workers: int = 2, settings: str = "config.settings", env: dict | None = None):
    """gunicorn with `workers` sync workers on a free loopback port, serving the database at `url`."""
    port = free_port()
    environment = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE=settings, PYTHONPATH=str(ROOT))
    environment.update(env or {})
    process = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--log-level", "warning"],
        cwd=ROOT, env=environment,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _body = Http(base).get("/api/categories/")
                if status == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start; run `make run` once to see why")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


class Http:
    """One keep-alive HTTP/1.1 connection; no compression, so every server sends the same plain text."""

    def __init__(self, base: str):
        parts = urlsplit(base)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            return self._get(path)
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            self.connection.close()  # the server dropped an idle keep-alive connection: open a new one
            return self._get(path)

    def _get(self, path: str) -> tuple[int, bytes]:
        self.connection.request("GET", path, headers={"Accept-Encoding": "identity", "Host": "127.0.0.1"})
        response = self.connection.getresponse()
        return response.status, response.read()


def timed(fn, runs: int, warmup: int = 1) -> list[float]:
    """Milliseconds per call over `runs` calls, after `warmup` calls."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def _admin(url: str, statements: list[str], *, database: str = "postgres") -> None:
    """Run statements outside a transaction, on the server's `postgres` database by default (CREATE/DROP DATABASE
    cannot run inside another)."""
    import psycopg2

    parts = urlsplit(url)
    connection = psycopg2.connect(urlunsplit(parts._replace(scheme="postgresql", path=f"/{database}")))
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    finally:
        connection.close()


def database_recreate(url: str) -> None:
    """Drop the database of `url` (closing its sessions) and create it empty."""
    name = urlsplit(url).path.lstrip("/")
    _admin(url, [f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'])


def database_vacuum(url: str) -> None:
    """VACUUM (ANALYZE) the database of `url`: after a bulk seeding, so that autovacuum catching up on the new rows
    does not compete with the measurements, and the index-only scans find the visibility map set."""
    _admin(url, ["VACUUM (ANALYZE)"], database=urlsplit(url).path.lstrip("/"))


def database_drop(url: str) -> None:
    _admin(url, [f'DROP DATABASE IF EXISTS "{urlsplit(url).path.lstrip("/")}" WITH (FORCE)'])
