"""`make loadtest`: a busy day against gunicorn on loopback (Locust), then proof that no report was lost or doubled.

    .venv/bin/python bench/load/run.py [--duration 10m] [--reports 20000] [--port 8148] [--citizens 100]
                                       [--map-users 50] [--staff 20] [--keep-database]

On its own database (`<cluster database>_load`, recreated: migrate, setup_demo with --reports demo reports), with
its own media folders under var/load/, starts gunicorn as production does (config/gunicorn.conf.py: gthread,
OverloadGuard; the runtime role; CLIENT_ADDRESS_HEADER=HTTP_X_REAL_IP, each simulated phone with its own address)
and runs bench/load/locustfile.py headless: citizens sending reports with 3-megapixel photos, people panning the
map (features and vector tiles), staff at their desks and the dashboard. Prints p50/p95/p99 per request type,
throughput and error rate, then stops the server and checks, from the receipts the citizens kept and the
database:
- every 201 is exactly one stored report: its id, tracking code and client_id, each once;
- every stored report was answered (201, or 200 for a resend), none was stored twice, none stored without an
  answer, and nothing else was stored (reports, photos, files: `media_orphans` finds none).
Exit status 1 when a check fails; a time never fails it (a benchmark, not a test).
"""

import argparse
import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench._common import cluster_url, database_drop, database_recreate  # noqa: E402
from bench.intake import _categories, _points, photo_make  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")


def _libpq(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(scheme="postgresql"))


def _renamed(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def seconds(text: str) -> int:
    match = re.fullmatch(r"(\d+)([smh]?)", text.strip())
    if not match:
        raise argparse.ArgumentTypeError("a duration like 600, 90s, 10m or 1h")
    return int(match[1]) * {"": 1, "s": 1, "m": 60, "h": 3600}[match[2]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--duration", type=seconds, default=seconds(os.environ.get("DURATION") or "10m"))
    parser.add_argument("--reports", type=int, default=20000, help="demo reports in the database before the run")
    parser.add_argument("--port", type=int, default=int(os.environ.get("LOAD_PORT", 8148)))
    parser.add_argument("--citizens", type=int, default=100)
    parser.add_argument("--map-users", type=int, default=50)
    parser.add_argument("--staff", type=int, default=20)
    parser.add_argument("--keep-database", action="store_true")
    args = parser.parse_args()

    owner = cluster_url()
    name = urlsplit(owner).path.lstrip("/") + "_load"
    owner_url = _renamed(owner, name)
    runtime_file = ROOT / "var" / "database_url"
    runtime_url = _renamed(runtime_file.read_text().strip(), name) if runtime_file.exists() else owner_url
    work = ROOT / "var" / "load"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = dict(
        os.environ,
        DATABASE_URL=runtime_url,
        MIGRATE_DATABASE_URL=owner_url,
        MEDIA_ROOT=str(work / "media"),
        PRIVATE_MEDIA_ROOT=str(work / "private"),
        CLIENT_ADDRESS_HEADER="HTTP_X_REAL_IP",
        PYTHONUNBUFFERED="1",
    )
    manage = [PYTHON, str(ROOT / "manage.py")]
    print(f"preparing {name}: migrate, setup_demo --reports {args.reports:,} …", flush=True)
    database_recreate(owner_url)
    subprocess.run([*manage, "migrate", "-v0"], check=True, env=env, cwd=ROOT)
    subprocess.run([*manage, "setup_demo", "--reports", str(args.reports)], check=True, env=env, cwd=ROOT,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], check=True, env=env, cwd=ROOT)

    with psycopg2.connect(_libpq(owner_url)) as db, db.cursor() as cursor:
        categories = _categories(cursor)
        points = _points(cursor, per_kecamatan=20)
        cursor.execute("SELECT coalesce(max(id), 0), count(*) FROM geoportal_report")
        max_before, count_before = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM geoportal_reportphoto")
        photos_before = cursor.fetchone()[0]
    photos = []
    for seed in range(4):
        path = work / f"photo-{seed}.jpg"
        path.write_bytes(photo_make(seed=seed))
        photos.append(str(path))
    (work / "points.json").write_text(json.dumps(points))
    print(f"{count_before:,} reports; 4 photos of 2048×1536 ({Path(photos[0]).stat().st_size / 1e6:.1f} MB)")

    server_log = (work / "gunicorn.log").open("wb")
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "config/gunicorn.conf.py", "config.wsgi:application",
         "--bind", f"127.0.0.1:{args.port}", "--access-logfile", str(work / "access.log"),
         "--access-logformat", "%(s)s %(m)s %(U)s %(M)s"],
        cwd=ROOT, env=env, stdout=server_log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    ok = False
    try:
        _wait_for(args.port, server)
        workers = _children(server.pid)
        print(f"gunicorn (gthread, {len(workers)} workers) on 127.0.0.1:{args.port}", flush=True)
        users = args.citizens + args.map_users + args.staff
        locust_env = dict(
            env,
            LOAD_PHOTOS=os.pathsep.join(photos),
            LOAD_POINTS=str(work / "points.json"),
            LOAD_CATEGORIES=json.dumps(categories),
            LOAD_RECEIPTS=str(work / "receipts.jsonl"),
            LOAD_PASSWORD=os.environ.get("DEMO_PASSWORD") or "trenggalek-demo",
            LOAD_CITIZENS=str(args.citizens),
            LOAD_MAP_USERS=str(args.map_users),
            LOAD_STAFF=str(args.staff),
        )
        weights = f"Citizen:{args.citizens},MapViewer:{args.map_users},Staff:{args.staff}"
        print(f"Locust: {users} users ({weights}) for {args.duration} s …", flush=True)
        started = time.time()
        load_before = os.getloadavg()
        subprocess.run(
            [str(ROOT / ".venv" / "bin" / "locust"), "-f", str(ROOT / "bench" / "load" / "locustfile.py"),
             "--headless", "--users", str(users), "--spawn-rate", "10", "--run-time", f"{args.duration}s",
             "--host", f"http://127.0.0.1:{args.port}", "--csv", str(work / "locust"), "--only-summary",
             "--stop-timeout", "120", "--loglevel", "WARNING"],
            cwd=ROOT, env=locust_env, check=False, stdout=(work / "locust.out").open("wb"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        wall = time.time() - started
        load_after = os.getloadavg()
        _figures(work, wall, load_before, load_after)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        server_log.close()
    try:
        ok = _checks(work, owner_url, env, max_before, photos_before)
    finally:
        if not args.keep_database:
            database_drop(owner_url)
    return 0 if ok else 1


def _children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def _wait_for(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited; see var/load/gunicorn.log")
        try:
            connection = HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/api/categories/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within 60 s; see var/load/gunicorn.log")


def _figures(work: Path, wall: float, load_before, load_after) -> None:
    rows = list(csv.DictReader((work / "locust_stats.csv").open()))
    print(
        f"\n{'request type':<48} {'requests':>9} {'failed':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'req/s':>7}"
    )
    for row in rows:
        label = row["Name"] if row["Name"] != "Aggregated" else "all requests"
        print(
            f"{label:<48} {int(row['Request Count']):>9,} {int(row['Failure Count']):>7,} {row['50%']:>7} "
            f"{row['95%']:>7} {row['99%']:>7} {float(row['Requests/s']):>7.1f}"
        )
    total = next(row for row in rows if row["Name"] == "Aggregated")
    requests, failures = int(total["Request Count"]), int(total["Failure Count"])
    rate = 100 * failures / max(requests, 1)
    print(
        f"\nthroughput {requests / wall:.1f} requests/s over {wall:.0f} s; error rate {rate:.2f} % ({failures:,} of "
        f"{requests:,}; 503 + Retry-After included); load average {load_before[0]:.1f} → {load_after[0]:.1f}"
    )
    failures_file = work / "locust_failures.csv"
    if failures_file.exists():
        for row in csv.DictReader(failures_file.open()):
            print(f"  failed: {row['Occurrences']:>6} × {row['Method']} {row['Name']}: {row['Error'][:120]}")
    statuses = Counter(line.split()[0] for line in (work / "access.log").open() if line.strip())
    print("server answers by status:", ", ".join(f"{k}: {v:,}" for k, v in sorted(statuses.items())))


def _checks(work: Path, owner_url: str, env: dict, max_before: int, photos_before: int) -> bool:
    records = (
        [json.loads(line) for line in (work / "receipts.jsonl").open()] if (work / "receipts.jsonl").exists() else []
    )
    attempts = {r["client_id"] for r in records if r["kind"] == "attempt"}
    receipts = [r for r in records if r["kind"] == "receipt"]
    created = [r for r in receipts if r["status"] == 201]
    gave_up = {r["client_id"] for r in records if r["kind"] == "gave_up"}
    refused = [r for r in records if r["kind"] == "refused"]
    retries = Counter(r["status"] for r in records if r["kind"] == "retry")
    with psycopg2.connect(_libpq(owner_url)) as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT id, tracking_code, client_id::text, (SELECT count(*) FROM geoportal_reportphoto p "
            "WHERE p.report_id = r.id), (SELECT count(*) FROM workflow_reportevent e WHERE e.report_id = r.id "
            "AND e.transition = 'receive') FROM geoportal_report r WHERE id > %s",
            [max_before],
        )
        stored = {row[0]: row for row in cursor.fetchall()}
        cursor.execute("SELECT count(*) FROM geoportal_reportphoto")
        photos_after = cursor.fetchone()[0]
    by_client = Counter(row[2] for row in stored.values())
    problems = []
    code_counts = Counter(r["tracking_code"] for r in created)
    client_counts = Counter(r["client_id"] for r in created)
    problems += [f"tracking code {c} answered 201 {n} times" for c, n in code_counts.items() if n > 1]
    problems += [f"client_id {c} answered 201 {n} times" for c, n in client_counts.items() if n > 1]
    for r in created:
        row = stored.get(r["id"])
        if row is None:
            problems.append(f"201 for report {r['id']} ({r['tracking_code']}) but it is not stored: lost")
        elif row[1] != r["tracking_code"].replace("-", "") or row[2] != r["client_id"]:
            problems.append(f"201 for report {r['id']} does not match its row {row[1:3]}")
    answered = {r["client_id"] for r in receipts}
    for row in stored.values():
        if row[2] not in attempts:
            problems.append(f"report {row[0]} was stored but no citizen sent it (client_id {row[2]})")
        elif row[2] not in answered:
            problems.append(f"report {row[0]} was stored but its sender never got an answer (client_id {row[2]})")
        if row[3] != 1 or row[4] != 1:
            problems.append(f"report {row[0]} has {row[3]} photos and {row[4]} receive events (1 each expected)")
    problems += [f"client_id {c} stored {n} times" for c, n in by_client.items() if n > 1]
    if photos_after - photos_before != len(stored):
        problems.append(f"{photos_after - photos_before} new photo rows for {len(stored)} new reports")
    orphans = (
        subprocess.run(
            [PYTHON, "manage.py", "media_orphans", "--min-age", "0"], cwd=ROOT, env=env, capture_output=True, text=True
        )
        .stdout.strip()
        .splitlines()
    )
    orphan_line = orphans[-1] if orphans else "?"
    if not orphan_line.startswith("0 orphaned"):
        problems.append(f"media_orphans: {orphan_line}")
    files = sum(1 for p in (work / "media").rglob("*") if p.is_file()) if (work / "media").exists() else 0
    if files != 2 * len(stored):
        problems.append(f"{files} files in MEDIA_ROOT for {len(stored)} new reports (2 each: photo and thumbnail)")
    unfinished = attempts - {r["client_id"] for r in receipts} - gave_up - {r["client_id"] for r in refused}
    print(
        f"\nreports sent (client_ids): {len(attempts):,}; answered 201: {len(created):,}; answered 200 to a resend: "
        f"{len(receipts) - len(created):,}; stored: {len(stored):,}; gave up after retries: {len(gave_up):,}; "
        f"refused (4xx): {len(refused):,}; still waiting to resend when the run ended: {len(unfinished):,}; "
        f"answers that were retried: {dict(retries) or 'none'}"
    )
    print(f"media: {files:,} files for {len(stored):,} reports; {orphan_line}")
    lost = sum(1 for p in problems if "lost" in p)
    doubled = sum(1 for p in problems if "times" in p)
    print(f"lost reports: {lost}; duplicated reports: {doubled}; other problems: {len(problems) - lost - doubled}")
    for problem in problems[:30]:
        print("  PROBLEM:", problem)
    print(
        "CHECK PASSED: every 201 is exactly one stored report, nothing else was stored"
        if not problems
        else "CHECK FAILED"
    )
    return not problems


if __name__ == "__main__":
    sys.exit(main())
