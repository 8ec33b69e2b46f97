"""Citizen report intake through gunicorn: reports per second, and the time per report vs. Pillow alone.

    .venv/bin/python bench/intake.py [--reports 0] [--clients 4] [--reports-to-send 200] [--database-url URL]

Runs on its own database (`<cluster database>_intake_bench` on the project's PostGIS cluster, recreated each run
and dropped at the end unless --keep-database), prepared with `migrate` and `setup_demo --reports 0` and, with
--reports N, `seed_demo --reports N` so the intake is measured on a table already holding N reports. Starts
gunicorn (2 workers) on a free loopback port with a temporary MEDIA_ROOT, and posts one 3-megapixel JPEG
(2048×1536, photo-like, with EXIF GPS and a camera serial number) per report to POST /api/reports/ as the
citizen form does, first from 1 client (no queueing: the honest time per report), then from --clients clients
(throughput). Each request comes from a distinct sender (the `X-Bench-Client` header, read by the server through
CLIENT_ADDRESS_HEADER=HTTP_X_BENCH_CLIENT), so the flood limit runs, and counts, without refusing anyone.

The floor is what Pillow alone needs for the same photo, in one thread, without Django, the database or HTTP:
decode, read the EXIF GPS, re-encode at the stored size and quality and make the thumbnail, with the parameters
of geoportal/services/photos.py (timed alternately with the service's own photo_clean(), printed too). The
environment's DATABASE_URL is not used, since this script drops its database. Afterwards it checks that every
201 is a report in the database and that no stored photo or thumbnail carries EXIF. Prints figures; a benchmark,
not a test (it fails only when reports are refused or lost, or metadata leaks; never on a time).
"""

import argparse
import io
import ipaddress
import json
import math
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import numpy as np
import psycopg2
from PIL import Image, ImageDraw, ImageOps
from PIL.ExifTags import GPS, IFD, Base

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._common import cluster_url, database_drop, database_recreate, free_port  # noqa: E402

WIDTH, HEIGHT = 2048, 1536
TOWN_CENTRE = (111.71, -8.05)  # (lon, lat) of Trenggalek town
SERIAL = "BENCH-SN-0042"
WORKERS = 2
DESCRIPTIONS = [
    "Jalan berlubang cukup dalam, berbahaya untuk pengendara motor pada malam hari.",
    "Sampah menumpuk di pinggir sungai sejak minggu lalu dan mulai berbau.",
    "Lampu penerangan jalan mati, sekitar lima tiang berturut-turut.",
    "Saluran air tersumbat, air meluap ke jalan setiap hujan deras.",
    "Pohon tumbang menutup sebagian jalan desa.",
    "",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--reports", type=int, default=0, help="demo reports to seed before measuring (seed_demo)")
    parser.add_argument("--clients", type=int, default=4, help="client threads of the throughput run")
    parser.add_argument("--reports-to-send", type=int, default=200, help="submissions per run (1 client, N clients)")
    parser.add_argument("--warmup", type=int, default=6, help="submissions before measuring (2 at a time)")
    parser.add_argument("--floor-runs", type=int, default=20, help="runs of the Pillow floor (median)")
    parser.add_argument("--database-url", help="bench database (recreated and dropped!); default: the cluster's")
    parser.add_argument("--keep-database", action="store_true", help="leave the bench database in place")
    parser.add_argument(
        "--existing-database", metavar="URL", help="measure on this prepared database as it is (make bench's)"
    )
    args = parser.parse_args()
    if args.existing_database:
        args.database_url, args.keep_database = args.existing_database, True

    url = args.database_url or _bench_url(cluster_url())
    name = urlsplit(url).path.lstrip("/")
    if not ("bench" in name or name.endswith("_test")):
        parser.error(f"refusing to recreate {name!r}: the bench database's name must contain 'bench' or end in _test")
    workdir = Path(tempfile.mkdtemp(prefix="lapor-intake-"))
    env = dict(os.environ, DATABASE_URL=url, MEDIA_ROOT=str(workdir / "media"))
    server = None
    ok = False
    try:
        if not args.existing_database:
            _prepare_database(url, env, args.reports)
        photo = photo_make()
        (workdir / "photo.jpg").write_bytes(photo)
        print(f"photo: {WIDTH}×{HEIGHT} JPEG, {len(photo) / 1e6:.2f} MB, EXIF with GPS and a serial number", flush=True)

        print(f"Pillow floor and photo_clean(): {args.floor_runs} runs each, one thread …", flush=True)
        floor = photo_times(workdir / "photo.jpg", env, runs=args.floor_runs)

        with psycopg2.connect(_libpq(url)) as db, db.cursor() as cursor:
            categories = _categories(cursor)
            points = _points(cursor)
            in_table = _count(cursor, "geoportal_report")
            throttled = _count(cursor, "geoportal_submissionthrottle")  # an earlier run's rows may still be there
        print(f"{len(categories)} labels, {len(points)} points (kecamatan, town); {in_table:,} reports", flush=True)

        server = Server(env=env, workdir=workdir)
        server.start()
        print(f"gunicorn ({WORKERS} workers) answers on {server.address}", flush=True)
        sender = Sender(server=server, photo=photo, categories=categories, points=points)

        meter = CpuMeter(server=server, url=url)
        sender.run(clients=2, count=args.warmup)
        server.access_since_mark()
        runs = []
        for clients in dict.fromkeys([1, args.clients]):
            print(f"sending {args.reports_to_send} reports from {clients} client(s) …", flush=True)
            before = meter.sample()
            run = sender.run(clients=clients, count=args.reports_to_send)
            run.worker_cpu, run.db_cpu = meter.per_report(before, meter.sample(), run.created + run.failed)
            run.server_ms = server.access_since_mark()
            runs.append(run)
            print(
                f"  {run.created} created, {run.failed} failed in {run.wall:.1f} s (load average {run.load:.1f})",
                flush=True,
            )
        server.stop()
        server = None

        _table(runs, floor, photo, in_table)
        ok = _checks(url, env, in_table, throttled, sender, photo)
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
        if not args.keep_database:
            database_drop(url)
            print(f"dropped {name}", flush=True)
    return 0 if ok else 1


# --- database ---------------------------------------------------------------------------------------------


def _bench_url(cluster_url: str) -> str:
    parts = urlsplit(cluster_url)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_intake_bench"))


def _libpq(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(scheme="postgresql"))


def _prepare_database(url: str, env: dict, reports: int) -> None:
    # Not `reset_test_database`: it refuses names that do not end in _test.
    name = urlsplit(url).path.lstrip("/")
    print(f"preparing {name} (migrate, setup_demo --reports 0) …", flush=True)
    database_recreate(url)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], check=True, env=env, cwd=ROOT)
    subprocess.run([*manage, "setup_demo", "--reports", "0"], check=True, env=env, cwd=ROOT, capture_output=True)
    if reports:
        print(f"seeding {reports:,} reports …", flush=True)
        started = time.perf_counter()
        subprocess.run([*manage, "seed_demo", "--reports", str(reports), "-v0"], check=True, env=env, cwd=ROOT)
        print(f"seeded {reports:,} reports in {time.perf_counter() - started:.1f} s", flush=True)


def _count(cursor, table: str) -> int:
    cursor.execute(f"SELECT count(*) FROM {table}")
    return cursor.fetchone()[0]


def _categories(cursor) -> list[str]:
    cursor.execute("SELECT code FROM geoportal_category WHERE active ORDER BY code")
    return [row[0] for row in cursor.fetchall()]


def _points(cursor, per_kecamatan: int = 40) -> list[tuple[float, float]]:
    """Random points inside every kecamatan (PostGIS, repeatable), plus as many again around the town centre."""
    cursor.execute(
        "SELECT ST_X(p.geom), ST_Y(p.geom) FROM geoportal_kecamatan k, "
        "LATERAL ST_Dump(ST_GeneratePoints(k.geom, %s, 7)) p ORDER BY k.kode, p.path",
        [per_kecamatan],
    )
    points = [(round(x, 6), round(y, 6)) for x, y in cursor.fetchall()]
    rng = random.Random(7)
    lon, lat = TOWN_CENTRE
    town = [(round(lon + rng.uniform(-0.01, 0.01), 6), round(lat + rng.uniform(-0.01, 0.01), 6)) for _ in points]
    return points + town


# --- the photo and the floor ------------------------------------------------------------------------------


def photo_make(seed: int = 7) -> bytes:
    """A photo-like 2048×1536 JPEG: sky and ground gradients, a few hard edges, texture at several scales and
    sensor grain, so it compresses (and decodes) like a phone photo; EXIF with GPS, camera and serial number."""
    rng = np.random.default_rng(seed)
    y = np.linspace(0, 1, HEIGHT, dtype=np.float32)[:, None, None]
    x = np.linspace(0, 1, WIDTH, dtype=np.float32)[None, :, None]
    sky = np.array([150, 185, 225], np.float32) - 70 * y + 10 * x
    ground = np.array([95, 85, 65], np.float32) + 40 * y + 15 * x
    horizon = 0.45 + 0.05 * np.sin(x * 9)
    pixels = np.where(y > horizon, ground, sky).astype(np.float32)
    for octave, amplitude in ((8, 30), (32, 20), (128, 14), (512, 10), (1024, 6)):
        small = rng.normal(0, 1, (octave * HEIGHT // WIDTH + 1, octave)).astype(np.float32)
        layer = Image.fromarray(small).resize((WIDTH, HEIGHT), Image.Resampling.BICUBIC)
        tint = 1 + rng.normal(0, 0.15, 3).astype(np.float32)  # mostly luminance, a little colour
        pixels += np.asarray(layer)[..., None] * amplitude * tint
    pixels += rng.normal(0, 5, (HEIGHT, WIDTH, 1)).astype(np.float32) + rng.normal(0, 2, (HEIGHT, WIDTH, 3))
    picture = Image.fromarray(pixels.clip(0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(picture)
    for _ in range(12):  # walls, poles, a road edge
        x0, y0 = int(rng.integers(0, WIDTH - 200)), int(rng.integers(HEIGHT // 3, HEIGHT - 200))
        colour = tuple(int(v) for v in rng.integers(40, 220, 3))
        draw.rectangle(
            [x0, y0, x0 + int(rng.integers(20, 300)), y0 + int(rng.integers(20, 400))], outline=colour, width=6
        )
    exif = Image.Exif()
    exif[Base.Make], exif[Base.Model], exif[Base.Orientation] = "BenchPhone", "BP-3MP", 1
    exif.get_ifd(IFD.Exif).update({Base.BodySerialNumber: SERIAL, Base.DateTimeOriginal: "2026:11:23 08:00:00"})
    gps = {GPS.GPSLatitudeRef: "S", GPS.GPSLatitude: (8.0, 3.0, 0.0)}
    exif.get_ifd(IFD.GPSInfo).update(gps | {GPS.GPSLongitudeRef: "E", GPS.GPSLongitude: (111.0, 42.0, 36.0)})
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=92, exif=exif)
    return out.getvalue()


PHOTO_QUALITY, THUMBNAIL_QUALITY = 85, 80  # as geoportal/services/photos.py writes them


def floor_once(data: bytes, *, stored_side: int, thumbnail_side: int) -> tuple[float, float, float, float]:
    """Pillow alone doing the work of geoportal.services.photos.photo_clean: decode, read the EXIF GPS, apply the
    orientation, re-encode at most `stored_side` px (quality 85, optimized, progressive: the EXIF stays behind)
    and a thumbnail (quality 80). Seconds spent decoding, on the stored photo and on the thumbnail, and the CPU
    seconds of the whole (which other work on the machine does not inflate)."""

    def jpeg(picture: Image.Image, quality: int) -> bytes:
        out = io.BytesIO()
        picture.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
        return out.getvalue()

    cpu = time.thread_time()
    t0 = time.perf_counter()
    with Image.open(io.BytesIO(data)) as original:
        original.getexif().get_ifd(IFD.GPSInfo)
        original.load()
        picture = ImageOps.exif_transpose(original).convert("RGB")
    t1 = time.perf_counter()
    picture.thumbnail((stored_side, stored_side), Image.Resampling.LANCZOS)
    stored = jpeg(picture, PHOTO_QUALITY)
    t2 = time.perf_counter()
    thumb = picture.copy()
    thumb.thumbnail((thumbnail_side, thumbnail_side), Image.Resampling.LANCZOS)
    small = jpeg(thumb, THUMBNAIL_QUALITY)
    t3 = time.perf_counter()
    cpu = time.thread_time() - cpu
    assert stored and small
    return t1 - t0, t2 - t1, t3 - t2, cpu


# Runs in a child process started in the project's folder (bench/ is not on its path, so nothing there shadows a
# module): the floor and the service's own photo_clean() alternately on the same photo, so that other work on the
# machine weighs on both alike. The sizes come from the project's settings.
PHOTO_TIMES = """
import importlib.util, json, sys, time
import django
django.setup()
from django.conf import settings
from geoportal.services.photos import photo_clean
spec = importlib.util.spec_from_file_location("intake_bench", sys.argv[1])
bench = sys.modules["intake_bench"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)
data = open(sys.argv[2], "rb").read()
sides = {"stored_side": settings.PHOTO_STORED_MAX_SIDE, "thumbnail_side": settings.PHOTO_THUMBNAIL_SIDE}
floor, service = [], []
for _ in range(int(sys.argv[3]) + 1):  # the first round warms up
    floor.append(bench.floor_once(data, **sides))
    started, cpu = time.perf_counter(), time.thread_time()
    photo_clean(data=data)
    service.append((time.perf_counter() - started, time.thread_time() - cpu))
print(json.dumps({"floor": floor[1:], "service": service[1:], **sides}))
"""


@dataclass
class Floor:
    total: float  # ms, medians
    decode: float
    photo: float
    thumbnail: float
    cpu: float
    service: float  # photo_clean() itself
    service_cpu: float
    stored_side: int
    thumbnail_side: int
    runs: int


def photo_times(path: Path, env: dict, *, runs: int) -> Floor:
    child_env = dict(env, DJANGO_SETTINGS_MODULE="config.settings")
    command = [sys.executable, "-c", PHOTO_TIMES, str(Path(__file__).resolve()), str(path), str(runs)]
    done = subprocess.run(command, cwd=ROOT, env=child_env, check=True, capture_output=True, text=True)
    times = json.loads(done.stdout.strip().splitlines()[-1])
    floor = [[1000 * part for part in run] for run in times["floor"]]
    return Floor(
        total=_median([sum(run[:3]) for run in floor]),
        decode=_median([run[0] for run in floor]),
        photo=_median([run[1] for run in floor]),
        thumbnail=_median([run[2] for run in floor]),
        cpu=_median([run[3] for run in floor]),
        service=_median([1000 * wall for wall, _cpu in times["service"]]),
        service_cpu=_median([1000 * cpu for _wall, cpu in times["service"]]),
        stored_side=times["stored_side"],
        thumbnail_side=times["thumbnail_side"],
        runs=runs,
    )


# --- the server and the clients ---------------------------------------------------------------------------


class Server:
    """gunicorn with 2 sync workers on a free loopback port; its access log gives the time spent in the worker."""

    def __init__(self, *, env: dict, workdir: Path):
        self.env = dict(env, CLIENT_ADDRESS_HEADER="HTTP_X_BENCH_CLIENT", PYTHONUNBUFFERED="1")
        self.log = workdir / "gunicorn.log"
        self.access = workdir / "access.log"
        self.port = free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self._offset = 0

    def start(self, timeout: float = 60) -> None:
        gunicorn = ROOT / ".venv" / "bin" / "gunicorn"
        if not gunicorn.exists():
            gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [str(gunicorn), "config.wsgi:application", "--workers", str(WORKERS), "--bind", self.address]
        command += ["--access-logfile", str(self.access), "--access-logformat", "%(D)s %(s)s %(m)s %(U)s"]
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited ({self.process.returncode}):\n{self.log.read_text()[-3000:]}")
            try:
                connection = HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/api/categories/")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer within {timeout:.0f} s:\n{self.log.read_text()[-3000:]}")

    def access_since_mark(self) -> list[float]:
        """Worker time (ms) of every POST /api/reports/ logged since the previous call."""
        if not self.access.exists():
            return []
        with self.access.open() as log:
            log.seek(self._offset)
            lines = log.readlines()
            self._offset = log.tell()
        return [int(line.split()[0]) / 1000 for line in lines if " POST /api/reports/" in line]

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # the master stops its workers
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)  # its own session: only what we started
            self.process.wait()


class CpuMeter:
    """CPU seconds used by the gunicorn workers and by the PostgreSQL backends serving the bench database (read
    from /proc: figures that other work on the machine does not inflate, unlike times)."""

    def __init__(self, *, server: Server, url: str):
        self.server, self.url = server, url
        self.local_db = urlsplit(url).hostname in ("127.0.0.1", "localhost", "::1")

    def sample(self) -> dict[tuple[str, int], float]:
        master = self.server.process.pid
        seconds = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and (stat := _proc_stat(int(entry.name))) and stat[0] == master:
                seconds["worker", int(entry.name)] = stat[1]
        if self.local_db:
            with psycopg2.connect(_libpq(self.url)) as db, db.cursor() as cursor:
                cursor.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
                )
                for (pid,) in cursor.fetchall():
                    if stat := _proc_stat(pid):
                        seconds["db", pid] = stat[1]
        return seconds

    def per_report(self, before: dict, after: dict, reports: int) -> tuple[float, float]:
        """ms of worker CPU and of database CPU per report between two samples."""
        spent = {"worker": 0.0, "db": 0.0}
        for (kind, pid), value in after.items():
            spent[kind] += value - before.get((kind, pid), 0.0)
        db = spent["db"] if self.local_db else float("nan")
        return 1000 * spent["worker"] / max(reports, 1), 1000 * db / max(reports, 1)


def _proc_stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds used) of a process, from /proc/<pid>/stat."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Run:
    clients: int
    wall: float = 0.0
    latencies: list[float] = field(default_factory=list)  # ms, of the 201s
    created: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    server_ms: list[float] = field(default_factory=list)
    worker_cpu: float = float("nan")  # ms per report
    db_cpu: float = float("nan")
    load: float = 0.0  # 1-minute load average at the end (other work on the machine shows here)


class Sender:
    """Posts reports as the citizen form does (multipart, Accept-Language: id), each from its own sender."""

    def __init__(self, *, server: Server, photo: bytes, categories: list[str], points: list[tuple[float, float]]):
        self.server, self.photo, self.categories, self.points = server, photo, categories, points
        self.rng = random.Random(42)
        self.lock = threading.Lock()
        self.created = 0
        self.failed = 0
        self.sent = 0

    def run(self, *, clients: int, count: int) -> Run:
        run = Run(clients=clients)
        remaining = iter(range(count))

        def client() -> None:
            while True:
                with self.lock:
                    if next(remaining, None) is None:
                        return
                    body, headers = self._submission()
                started = time.perf_counter()
                try:
                    connection = HTTPConnection("127.0.0.1", self.server.port, timeout=120)
                    connection.request("POST", "/api/reports/", body=body, headers=headers)
                    response = connection.getresponse()
                    status, answer = response.status, response.read()
                    connection.close()
                except OSError as exc:
                    status, answer = 0, str(exc).encode()
                elapsed = (time.perf_counter() - started) * 1000
                with self.lock:
                    if status == 201 and _receipt_ok(answer):
                        run.created += 1
                        run.latencies.append(elapsed)
                    else:
                        run.failed += 1
                        run.errors.append(f"{status}: {answer[:300]!r}")

        threads = [threading.Thread(target=client) for _ in range(clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        run.wall = time.perf_counter() - started
        run.load = os.getloadavg()[0]
        self.created += run.created
        self.failed += run.failed
        for error in run.errors[:3]:
            print(f"  refused: {error}", flush=True)
        return run

    def _submission(self) -> tuple[bytes, dict[str, str]]:
        self.sent += 1
        lon, lat = self.rng.choice(self.points)
        fields = {
            "category": self.rng.choice(self.categories),
            "latitude": str(lat),
            "longitude": str(lon),
            "description": self.rng.choice(DESCRIPTIONS),
            "name": "",
            "phone": "",
            "email": "",
            "anonymous": "true",
            "website": "",
        }
        boundary = f"----lapor-bench-{uuid.uuid4().hex}"
        parts = []
        for key, value in fields.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="photo"; filename="IMG_{self.sent:05d}.jpg"\r\n'
            "Content-Type: image/jpeg\r\n\r\n".encode()
        )
        parts += [self.photo, b"\r\n"]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="client_id"\r\n\r\n{uuid.uuid4()}\r\n'
            f"--{boundary}--\r\n".encode()
        )
        headers = {
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Accept": "application/json",
            "Accept-Language": "id",
            "X-Bench-Client": str(ipaddress.IPv6Address(uuid.uuid4().int)),  # a random address
        }
        return b"".join(parts), headers


# --- output and checks ------------------------------------------------------------------------------------


def _receipt_ok(answer: bytes) -> bool:
    try:
        return bool(json.loads(answer).get("tracking_code"))
    except ValueError:
        return False


def _median(values: list[float]) -> float:
    return float(np.median(values)) if values else float("nan")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else float("nan")


def _table(runs: list[Run], floor: Floor, photo: bytes, in_table: int) -> None:
    print()
    print(
        f"Report intake, gunicorn {WORKERS} workers on loopback: {in_table:,} reports in the table; "
        f"photo {WIDTH}×{HEIGHT} JPEG {len(photo) / 1e6:.2f} MB"
    )
    print(
        f"{'clients':>7}  {'reports':>7}  {'failed':>6}  {'wall s':>6}  {'reports/s':>9}  {'median ms':>9}  "
        f"{'p95 ms':>6}  {'max ms':>6}  {'worker ms':>9}  {'× floor':>7}  {'CPU ms':>6}  {'× floor':>7}  "
        f"{'DB CPU':>6}  {'load':>4}"
    )
    for run in runs:
        median = _median(run.latencies)
        print(
            f"{run.clients:>7}  {run.created:>7}  {run.failed:>6}  {run.wall:>6.1f}  {run.created / run.wall:>9.2f}  "
            f"{median:>9.0f}  {_percentile(run.latencies, 0.95):>6.0f}  {max(run.latencies, default=0):>6.0f}  "
            f"{_median(run.server_ms):>9.0f}  {median / floor.total:>7.2f}  {run.worker_cpu:>6.0f}  "
            f"{run.worker_cpu / floor.cpu:>7.2f}  {run.db_cpu:>6.1f}  {run.load:>4.1f}"
        )
    print(
        f"Pillow floor per photo (median of {floor.runs}, one thread): {floor.total:.0f} ms = decode "
        f"{floor.decode:.0f} + re-encode ≤{floor.stored_side} px q{PHOTO_QUALITY} {floor.photo:.0f} + thumbnail "
        f"{floor.thumbnail_side} px q{THUMBNAIL_QUALITY} {floor.thumbnail:.0f}"
    )
    print(
        f"the service's photo_clean() on the same photo (same process, alternately): {floor.service:.0f} ms; "
        f"CPU: floor {floor.cpu:.0f} ms, photo_clean() {floor.service_cpu:.0f} ms"
    )
    if runs and runs[0].server_ms:
        rest = _median(runs[0].server_ms) - floor.service
        cpu = runs[0].worker_cpu - floor.service_cpu
        print(
            f"in the worker but outside photo_clean() (HTTP parsing, Django, queries, files), 1 client: ~{rest:.0f} ms "
            f"per report (worker CPU: ~{cpu:.0f} ms)"
        )
    print(
        "median/p95/max: client-side latency of each 201; worker ms: median time inside a gunicorn worker (access "
        "log); × floor: median latency / Pillow floor\n(at 1 client: no queueing); CPU ms: CPU time of the gunicorn "
        "workers per report, × floor: / the floor's CPU time; DB CPU: ms of PostgreSQL backend CPU per report;\n"
        f"load: 1-minute load average after the run ({os.cpu_count()} CPUs: more means other work competed and "
        "inflated the times, not the CPU figures)"
    )


def _checks(url: str, env: dict, in_table: int, throttled: int, sender: Sender, photo: bytes) -> bool:
    media = Path(env["MEDIA_ROOT"])
    with psycopg2.connect(_libpq(url)) as db, db.cursor() as cursor:
        now = _count(cursor, "geoportal_report")
        throttle = _count(cursor, "geoportal_submissionthrottle") - throttled
        cursor.execute(
            "SELECT image, thumbnail FROM geoportal_reportphoto "
            "WHERE report_id IN (SELECT id FROM geoportal_report ORDER BY id DESC LIMIT %s)",
            [sender.created],
        )
        files = [name for row in cursor.fetchall() for name in row]
    problems = []
    if sender.failed:
        problems.append(f"{sender.failed} submissions were not answered 201")
    if now - in_table != sender.created:
        problems.append(f"the table grew by {now - in_table}, but {sender.created} reports were answered 201")
    if throttle != sender.created:
        problems.append(f"{throttle} flood-limit rows for {sender.created} reports")
    if len(files) != 2 * sender.created:
        problems.append(f"{len(files)} photo files for {sender.created} reports (photo + thumbnail each)")
    leaks = 0
    for name in files:
        data = (media / name).read_bytes()
        with Image.open(io.BytesIO(data)) as stored:
            exif = stored.getexif()
            if exif or exif.get_ifd(IFD.GPSInfo) or b"Exif" in data[:4096] or SERIAL.encode() in data:
                leaks += 1
    if leaks:
        problems.append(f"{leaks} stored files still carry EXIF")
    print(
        f"check: {now - in_table} new reports for {sender.created} answers 201; {throttle} flood-limit rows; "
        f"{len(files)} stored files (photo + thumbnail), {leaks} with EXIF/GPS/serial"
        + ("" if photo.find(b"Exif") >= 0 else " (the upload had no EXIF!)"),
        flush=True,
    )
    for problem in problems:
        print(f"FAILED: {problem}", flush=True)
    return not problems


if __name__ == "__main__":
    sys.exit(main())
