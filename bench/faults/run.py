"""`make faults`: break the server on purpose while citizens send reports, and say what happened.

    .venv/bin/python bench/faults/run.py [--port 8149] [--only kill,postgres,disk,slow] [--keep-database]

Runs as root (it mounts a tmpfs and restarts the project's PostgreSQL cluster), on its own database
(`<cluster database>_faults`, recreated) and gunicorn as production runs it (config/gunicorn.conf.py, the runtime
role), with MEDIA_ROOT on a small tmpfs of its own. Four faults:

1. kill -9 of the gunicorn worker handling an upload, the moment its photos are on disk but not yet committed;
2. a PostgreSQL restart (pg_ctl restart -m fast) while 6 citizens keep sending reports and resending on errors;
3. the media volume full (the tmpfs filled up to the last few kB);
4. a client that sends its upload very slowly (and one that stops sending), with short body limits.

After each: no report half-written (each report has its receive event and its photos, each photo row its two
files), orphaned files found and removed with `manage.py media_orphans --delete`, the client's answer (an error
it can retry, never a 500 or a hang), and the resend with the same client_id stored exactly once (201, then 200
with the same report). Exit status 1 when an expectation fails.
"""

import argparse
import json
import os
import random
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench._common import cluster_url, database_drop, database_recreate  # noqa: E402
from bench.intake import photo_make  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
TOWN = (111.7086, -8.0506)
results: list[tuple[str, bool, str]] = []


def say(text: str = "") -> None:
    print(text, flush=True)


def expect(fault: str, ok: bool, what: str) -> None:
    results.append((fault, ok, what))
    say(f"   {'ok  ' if ok else 'FAIL'} {what}")


def _libpq(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(scheme="postgresql"))


def _renamed(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


# --- requests ---------------------------------------------------------------------------------------------


def multipart(client_id: str, photos: list[bytes]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    fields = {"category": "jalan-rusak", "latitude": str(TOWN[1]), "longitude": str(TOWN[0]), "client_id": client_id}
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()
    ]
    for photo in photos:
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="photo"; filename="foto.jpg"\r\n'
        parts.append(head.encode() + b"Content-Type: image/jpeg\r\n\r\n" + photo + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Answer:
    def __init__(self, status: int | None, body: str = "", retry_after: str | None = None, error: str = ""):
        self.status, self.body, self.retry_after, self.error = status, body, retry_after, error

    def __str__(self):
        if self.status is None:
            return f"no answer ({self.error})"
        return (
            f"{self.status}"
            + (f" Retry-After: {self.retry_after}" if self.retry_after else "")
            + (f" {self.body[:110]!r}" if self.status >= 300 else "")
        )

    @property
    def retryable(self) -> bool:
        return self.status is None or self.status in (408, 429, 503)


def submit(port: int, client_id: str, photos: list[bytes], *, address: str | None = None, timeout=120) -> Answer:
    body, content_type = multipart(client_id, photos)
    headers = {"Content-Type": content_type, "Accept-Language": "id", "X-Real-IP": address or _address()}
    try:
        connection = HTTPConnection("127.0.0.1", port, timeout=timeout)
        connection.request("POST", "/api/reports/", body=body, headers=headers)
        response = connection.getresponse()
        return Answer(response.status, response.read().decode(errors="replace"), response.getheader("Retry-After"))
    except OSError as exc:
        return Answer(None, error=f"{type(exc).__name__}: {exc}")
    except Exception as exc:  # http.client.RemoteDisconnected and friends
        return Answer(None, error=f"{type(exc).__name__}: {exc}")


def _address() -> str:
    return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


# --- the world --------------------------------------------------------------------------------------------


class World:
    def __init__(self, args):
        self.args = args
        owner = cluster_url()
        self.name = urlsplit(owner).path.lstrip("/") + "_faults"
        self.owner_url = _renamed(owner, self.name)
        runtime_file = ROOT / "var" / "database_url"
        runtime = _renamed(runtime_file.read_text().strip(), self.name) if runtime_file.exists() else self.owner_url
        self.work = ROOT / "var" / "faults"
        self.media = self.work / "media"
        self.env = dict(
            os.environ,
            DATABASE_URL=runtime,
            MIGRATE_DATABASE_URL=self.owner_url,
            MEDIA_ROOT=str(self.media),
            PRIVATE_MEDIA_ROOT=str(self.work / "private"),
            CLIENT_ADDRESS_HEADER="HTTP_X_REAL_IP",
            WEB_WORKERS="2",
            BODY_STALL_SECONDS="4",
            BODY_READ_SECONDS="12",
            PYTHONUNBUFFERED="1",
        )
        self.server: subprocess.Popen | None = None
        self.port = args.port

    def prepare(self) -> None:
        self.unmount()
        shutil.rmtree(self.work, ignore_errors=True)
        self.media.mkdir(parents=True)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=48m,mode=0755", "tmpfs", str(self.media)], check=True)
        say(f"MEDIA_ROOT: a 48 MB tmpfs at {self.media}")
        database_recreate(self.owner_url)
        manage = [PYTHON, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], check=True, env=self.env, cwd=ROOT)
        subprocess.run([*manage, "setup_demo", "--reports", "200"], check=True, env=self.env, cwd=ROOT,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        say(f"database {self.name}: migrated, 200 demo reports")

    def unmount(self) -> None:
        if self.media.exists() and os.path.ismount(self.media):
            subprocess.run(["umount", str(self.media)], check=False)

    def start(self) -> None:
        log = (self.work / "gunicorn.log").open("ab")
        self.server = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "config/gunicorn.conf.py", "config.wsgi:application",
             "--bind", f"127.0.0.1:{self.port}"],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                connection = HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/api/categories/")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit("gunicorn did not start; see var/faults/gunicorn.log")

    def stop(self) -> None:
        if self.server and self.server.poll() is None:
            self.server.send_signal(signal.SIGTERM)
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.server.pid, signal.SIGKILL)
                self.server.wait()

    def sql(self, query: str, params=()) -> list[tuple]:
        with psycopg2.connect(_libpq(self.owner_url)) as db, db.cursor() as cursor:
            cursor.execute(query, params)
            return cursor.fetchall()

    def stored(self, client_id: str) -> int:
        return self.sql("SELECT count(*) FROM geoportal_report WHERE client_id = %s", [client_id])[0][0]

    def files(self) -> set[str]:
        return {p.relative_to(self.media).as_posix() for p in self.media.rglob("*") if p.is_file()}

    def orphans_removed(self) -> str:
        done = subprocess.run(
            [PYTHON, "manage.py", "media_orphans", "--delete", "--min-age", "0"],
            cwd=ROOT, env=self.env, capture_output=True, text=True,
        )  # fmt: skip
        return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr.strip()[-200:]

    def consistent(self, fault: str) -> None:
        """No half-written report anywhere, and no file without its row."""
        half = self.sql(
            """
            SELECT r.id FROM geoportal_report r
            WHERE NOT EXISTS (SELECT 1 FROM workflow_reportevent e
                              WHERE e.report_id = r.id AND e.transition = 'receive')
               OR (r.client_id IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM geoportal_reportphoto p WHERE p.report_id = r.id))
            """
        )
        rows = self.sql("SELECT image, thumbnail FROM geoportal_reportphoto")
        files = self.files()
        missing = [name for row in rows for name in row if name and name not in files]
        expect(fault, not half, f"no half-written report (reports without their receive event or photos: {len(half)})")
        expect(fault, not missing, f"every photo row has its files on disk (missing: {len(missing)})")
        removed = self.orphans_removed()
        say(f"   manage.py media_orphans --delete --min-age 0: {removed}")
        done = subprocess.run(
            [PYTHON, "manage.py", "media_orphans", "--min-age", "0"],
            cwd=ROOT, env=self.env, capture_output=True, text=True,
        )  # fmt: skip
        left = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-200:]
        expect(fault, left.startswith("0 orphaned"), f"no orphaned file left afterwards ({left.split(';')[0]})")

    def resend_once(self, fault: str, client_id: str, photos: list[bytes]) -> None:
        first = submit(self.port, client_id, photos)
        again = submit(self.port, client_id, photos)
        same = (
            first.status == 201 and again.status == 200 and json.loads(first.body)["id"] == json.loads(again.body)["id"]
        )
        expect(fault, same, f"resend with the same client_id: {first.status}, then {again.status} with the same report")
        expect(
            fault,
            self.stored(client_id) == 1,
            f"stored exactly once (rows with this client_id: {self.stored(client_id)})",
        )

    def worker_of(self, client_port: int) -> int | None:
        """The gunicorn worker holding the server side of our connection (ss -tnp)."""
        out = subprocess.run(["ss", "-tnpH", "state", "established", f"( dport = :{client_port} )"],
                             capture_output=True, text=True).stdout  # fmt: skip
        for line in out.splitlines():
            if f":{self.port} " in line and "pid=" in line:
                return int(line.split("pid=")[1].split(",")[0])
        return None


# --- the faults -------------------------------------------------------------------------------------------


def fault_kill(world: World, photos: list[bytes]) -> None:
    fault = "kill -9 mid-upload"
    say(f"\n1. {fault}")
    client_id = str(uuid.uuid4())
    body, content_type = multipart(client_id, photos)
    before = world.files()
    sock = socket.create_connection(("127.0.0.1", world.port))
    sock.settimeout(60)
    request = (
        f"POST /api/reports/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nX-Real-IP: {_address()}\r\nAccept-Language: id\r\n\r\n"
    ).encode()
    sock.sendall(request + body)
    worker = world.worker_of(sock.getsockname()[1])
    # The moment the first cleaned photo is on disk, its transaction still open: the worst time to die.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (world.files() - before):
        time.sleep(0.005)
    written = len(world.files() - before)
    if worker:
        os.kill(worker, signal.SIGKILL)
    say(f"   worker {worker} killed with {written} file(s) of the upload on disk")
    try:
        answer = sock.recv(200).decode(errors="replace") or "connection closed without an answer"
    except OSError as exc:
        answer = f"{type(exc).__name__}: {exc}"
    sock.close()
    say(f"   the client got: {answer.splitlines()[0] if answer else answer}")
    expect(fault, worker is not None and written > 0, "killed while the upload's files were written and uncommitted")
    expect(fault, not answer.startswith("HTTP/1.1 2"), "the client was not told it succeeded (it resends)")
    expect(fault, world.stored(client_id) == 0, "nothing of the report was stored (its transaction died)")
    orphans = world.files() - before
    say(f"   files left behind by the dead worker: {len(orphans)}")
    time.sleep(2)  # the master starts a new worker
    world.consistent(fault)
    world.resend_once(fault, client_id, photos)


def fault_postgres(world: World, photos: list[bytes]) -> None:
    fault = "PostgreSQL restart under load"
    say(f"\n2. {fault}")
    stop = threading.Event()
    answers: Counter = Counter()
    client_ids: list[str] = []
    outcome: dict[str, str] = {}
    lock = threading.Lock()

    def citizen():
        while not stop.is_set():
            client_id = str(uuid.uuid4())
            with lock:
                client_ids.append(client_id)
            for _attempt in range(60):
                answer = submit(world.port, client_id, [random.choice(photos)], timeout=60)
                with lock:
                    answers[str(answer.status or "no answer")] += 1
                if answer.status in (200, 201):
                    outcome[client_id] = "stored"
                    break
                if not answer.retryable:
                    outcome[client_id] = f"refused {answer.status}: {answer.body[:100]}"
                    break
                time.sleep(min(float(answer.retry_after or 1), 3))
            else:
                outcome[client_id] = "gave up"

    def map_viewer():
        while not stop.is_set():
            try:
                connection = HTTPConnection("127.0.0.1", world.port, timeout=30)
                connection.request("GET", "/api/reports/?limit=200")
                status = connection.getresponse().status
            except Exception:
                status = "no answer"
            with lock:
                answers[f"map {status}"] += 1
            time.sleep(0.3)

    threads = [threading.Thread(target=citizen) for _ in range(6)] + [
        threading.Thread(target=map_viewer) for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    time.sleep(8)
    pg_dir = Path((ROOT / "var" / "pg_location").read_text().strip())
    pg_ctl = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))[-1]
    started = time.monotonic()
    restart = subprocess.run(
        ["runuser", "-u", "postgres", "--", str(pg_ctl), "-D", str(pg_dir / "data"), "-m", "fast", "-w", "restart",
         "-l", str(pg_dir / "postgresql.log")],
        cwd="/", capture_output=True, text=True,
    )  # fmt: skip
    say(f"   pg_ctl restart -m fast: exit {restart.returncode} in {time.monotonic() - started:.1f} s")
    time.sleep(15)
    stop.set()
    for thread in threads:
        thread.join(timeout=300)
    say(f"   answers during the run: {dict(sorted(answers.items()))}")
    finished = {c: o for c, o in outcome.items()}
    stored = sum(world.stored(c) for c in client_ids)
    expect(fault, restart.returncode == 0, "PostgreSQL restarted")
    expect(fault, answers.get("500", 0) == 0 and answers.get("map 500", 0) == 0, "no 500 during the restart")
    expect(fault, any(k in answers for k in ("503", "no answer")), "requests during the restart were refused retryably")
    expect(
        fault,
        all(o == "stored" for o in finished.values()) and len(finished) == len(client_ids),
        f"every report was stored after resending ({sum(o == 'stored' for o in finished.values())} of "
        f"{len(client_ids)})",
    )
    doubled = world.sql(
        "SELECT count(*) FROM (SELECT client_id FROM geoportal_report WHERE client_id = ANY(%s::uuid[]) "
        "GROUP BY client_id HAVING count(*) > 1) d",
        [client_ids],
    )[0][0]
    expect(
        fault,
        stored == len(client_ids) and doubled == 0,
        f"each stored exactly once ({stored} rows, {doubled} doubled)",
    )
    world.consistent(fault)


def fault_disk(world: World, photos: list[bytes]) -> None:
    fault = "media volume full"
    say(f"\n3. {fault}")
    filler = world.media / "filler.bin"
    free = shutil.disk_usage(world.media).free
    with filler.open("wb") as out:
        out.write(b"\0" * max(0, free - 200 * 1024))  # leave ~200 kB: the photo starts, the thumbnail does not fit
    say(f"   filled: {shutil.disk_usage(world.media).free / 1024:.0f} kB free")
    client_id = str(uuid.uuid4())
    answer = submit(world.port, client_id, photos[:1])
    say(f"   the client got: {answer}")
    expect(fault, answer.status == 503 and answer.retry_after is not None, "503 with Retry-After (not a 500)")
    expect(fault, world.stored(client_id) == 0, "nothing of the report was stored")
    filler.unlink()  # the administrator makes room
    orphans_before = len(world.files())
    world.consistent(fault)
    say(f"   files on the volume before the clean-up: {orphans_before}")
    world.resend_once(fault, client_id, photos[:1])


def fault_slow(world: World, photos: list[bytes]) -> None:
    fault = "slow upload"
    say(f"\n4. {fault} (server limits for this run: BODY_STALL_SECONDS=4, BODY_READ_SECONDS=12)")
    for style in ("trickles (1 kB a second)", "stops sending half-way"):
        client_id = str(uuid.uuid4())
        body, content_type = multipart(client_id, photos[:1])
        sock = socket.create_connection(("127.0.0.1", world.port))
        sock.sendall(
            (
                f"POST /api/reports/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
                f"Content-Length: {len(body)}\r\nX-Real-IP: {_address()}\r\nAccept-Language: id\r\n\r\n"
            ).encode()
        )
        started = time.monotonic()
        sent, answer = 0, ""
        if style.startswith("stops"):
            sock.sendall(body[: len(body) // 2])
        while time.monotonic() - started < 90 and not answer:
            readable, _w, _x = select.select([sock], [], [], 1.0)
            if readable:
                try:
                    answer = sock.recv(4096).decode(errors="replace") or "connection closed without an answer"
                except OSError as exc:
                    answer = f"{type(exc).__name__}: {exc}"
            elif style.startswith("trickles") and sent < len(body):
                try:
                    sock.sendall(body[sent : sent + 1024])
                    sent += 1024
                except OSError as exc:
                    answer = f"{type(exc).__name__} while sending: {exc}"
        took = time.monotonic() - started
        sock.close()
        # Meanwhile, the server answered others at once:
        check = HTTPConnection("127.0.0.1", world.port, timeout=5)
        check.request("GET", "/api/categories/")
        other = check.getresponse().status
        first_line = answer.splitlines()[0] if answer else "no answer within 90 s"
        retry = next((line for line in answer.splitlines() if line.lower().startswith("retry-after")), "")
        say(f"   a client that {style}: after {took:.0f} s: {first_line} {retry}")
        expect(
            fault,
            first_line.startswith("HTTP/1.1 408") and took < 30,
            f"{style}: 408 within the limit, connection closed",
        )
        expect(fault, other == 200, f"{style}: other clients were served meanwhile")
        expect(fault, world.stored(client_id) == 0, f"{style}: nothing stored")
        world.resend_once(fault, client_id, photos[:1])
    world.consistent(fault)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("FAULTS_PORT", 8149)))
    parser.add_argument("--only", default="kill,postgres,disk,slow")
    parser.add_argument("--keep-database", action="store_true")
    args = parser.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("make faults runs as root: it mounts a tmpfs and restarts the project's PostgreSQL cluster.")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so that `finally` unmounts and stops gunicorn
    world = World(args)
    world.prepare()
    photos = [photo_make(seed=seed) for seed in range(3)]
    say(f"photos: 3 of 2048×1536, {sum(map(len, photos)) / 1e6:.1f} MB together")
    try:
        world.start()
        say(f"gunicorn on 127.0.0.1:{world.port} (config/gunicorn.conf.py, WEB_WORKERS=2)")
        chosen = args.only.split(",")
        for name, fault in (
            ("kill", fault_kill),
            ("postgres", fault_postgres),
            ("disk", fault_disk),
            ("slow", fault_slow),
        ):
            if name in chosen:
                fault(world, photos)
    finally:
        world.stop()
        world.unmount()
        if not args.keep_database:
            database_drop(world.owner_url)
    failed = [r for r in results if not r[1]]
    say(f"\n{len(results) - len(failed)} of {len(results)} expectations met")
    for fault, _ok, what in failed:
        say(f"   FAILED ({fault}): {what}")
    server_log = (world.work / "gunicorn.log").read_text(errors="replace")
    say(
        f"gunicorn log: {server_log.count('Traceback')} tracebacks, "
        f"{server_log.count('WORKER TIMEOUT')} worker timeouts"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
