"""The audit trail's hash chain (workflow/AUDIT.md): the migration that chains the events already recorded,
`audit_verify`, the chain head a monthly PDF prints, and what the chaining trigger costs a bulk insert.

    .venv/bin/python bench/audit_chain.py --database-url postgis://owner:…@127.0.0.1:54329/trenggalek_bench
        [--migrate] [--insert 100000]

--migrate: takes workflow back to 0007 (the chain's columns dropped) and times `migrate workflow 0008`, which
chains every recorded event again in one ordered pass: it rewrites the audit trail, so only on a bench database.
--insert N: N events inserted in one statement with the chaining trigger on, then off (each in a transaction
rolled back; the facts trigger off in both). Needs the database's owner (the bench runs as it).
A benchmark, not a test: it never fails on a time.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._common import PYTHON, django_setup  # noqa: E402

# Copies of the first N events; with the trigger off, the copies take made-up places in the chain.
INSERT = """
INSERT INTO workflow_reportevent (report_id, transition, from_status, to_status, actor_role, reason, note, created_at,
                                  chain_position, chain_hash)
SELECT report_id, transition, from_status, to_status, actor_role, reason, note, now(), chain_position + 1e12, chain_hash
FROM workflow_reportevent ORDER BY chain_position LIMIT %s
"""


def run(args: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--migrate", action="store_true", help="time the migration that chains the recorded events")
    parser.add_argument("--insert", type=int, default=0, help="time N events inserted with and without the trigger")
    parser.add_argument("--no-verify", action="store_true", help="leave audit_verify out")
    args = parser.parse_args()
    env = dict(os.environ, DATABASE_URL=args.database_url)
    env.pop("MIGRATE_DATABASE_URL", None)
    django_setup(args.database_url)
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), pg_size_pretty(pg_total_relation_size('workflow_reportevent')) FROM workflow_reportevent"
        )
        events, size = cursor.fetchone()
    print(f"# audit trail: {events:,} events, table with indexes {size}")

    if args.migrate:
        run(["migrate", "workflow", "0007", "-v0"], env)
        seconds = run(["migrate", "workflow", "0008", "-v0"], env)
        print(f"-- migration 0008 (chain {events:,} recorded events, rewrite the table, index): {seconds:.1f} s")

    if not args.no_verify:
        seconds = run(["audit_verify", "-v1"], env)
        print(f"-- manage.py audit_verify over {events:,} events: {seconds:.1f} s ({events / seconds:,.0f} events/s)")

    from workflow.services.audit import audit_chain_head

    with connection.cursor() as cursor:
        cursor.execute("SELECT date_trunc('month', max(created_at)) FROM workflow_reportevent")
        month_start = cursor.fetchone()[0]
    started = time.perf_counter()
    head = audit_chain_head(at=month_start)
    print(
        f"-- chain head at {month_start:%Y-%m-%d} (the monthly PDF's): position {head.position:,}, "
        f"{(time.perf_counter() - started) * 1000:.0f} ms"
    )

    if args.insert:
        for label, off in (("trigger on", False), ("trigger off", True)):
            with transaction.atomic(), connection.cursor() as cursor:
                # The copies would confuse the derived facts; their trigger is not what is measured here.
                cursor.execute("ALTER TABLE workflow_reportevent DISABLE TRIGGER reportevent_facts")
                if off:
                    cursor.execute("ALTER TABLE workflow_reportevent DISABLE TRIGGER reportevent_chain")
                started = time.perf_counter()
                cursor.execute(INSERT, [args.insert])
                seconds = time.perf_counter() - started
                transaction.set_rollback(True)
            print(f"-- INSERT of {args.insert:,} events in one statement, {label}: {seconds:.1f} s")


if __name__ == "__main__":
    main()
