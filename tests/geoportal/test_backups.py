"""manage.py backup / restore: a seeded database and its files round-trip into a fresh database, row for row and
byte for byte; a damaged backup and an occupied database are refused before anything changes."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import psycopg2
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from geoportal.models import Report
from geoportal.services.demo import demo_reports_seed
from geoportal.services.reports import Upload, report_create
from tests.factories import TOWN_CENTRE, jpeg_bytes
from workflow.models import ReportEvent
from workflow.services.demo import demo_lifecycle
from workflow.services.transitions import TransitionInput, report_transition

ROOT = Path(__file__).resolve().parents[2]


def _url(credentials: dict, name: str) -> str:
    user, password = quote(credentials["USER"], safe=""), quote(credentials["PASSWORD"] or "", safe="")
    return f"postgis://{user}:{password}@{credentials['HOST']}:{credentials['PORT']}/{name}"


def _libpq(credentials: dict, name: str) -> dict:
    return {
        "dbname": name,
        "user": credentials["USER"],
        "password": credentials["PASSWORD"],
        "host": credentials["HOST"],
        "port": credentials["PORT"],
    }


def _tables(cursor) -> list[str]:
    cursor.execute(
        """
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                          AND d.objid = c.oid AND d.deptype = 'e')
        ORDER BY 1
        """
    )
    return [row[0] for row in cursor.fetchall()]


def _fingerprint(cursor) -> dict[str, tuple]:
    """Per table: its columns, its row count and an md5 of every whole row (as text, sorted). Generic: a column
    added by a later migration is compared without this test knowing it."""
    result = {}
    for table in _tables(cursor):
        cursor.execute(
            "SELECT string_agg(column_name || ':' || data_type, ',' ORDER BY ordinal_position) "
            "FROM information_schema.columns WHERE table_schema = 'public' AND table_name = %s",
            [table],
        )
        columns = cursor.fetchone()[0]
        rows = "md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"
        cursor.execute(f'SELECT count(*), {rows} FROM "{table}" t')
        result[table] = (columns, *cursor.fetchone())
    return result


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def seeded(committed_reference, staff):
    """Committed rows: demo reports with their audit trails, citizen reports with photos, a resolved report with a
    proof photo, and a private file (a monthly PDF's place)."""
    demo_reports_seed(count=40, seed=3, lifecycle=demo_lifecycle)  # each with its workflow history
    reports = [
        report_create(
            category="jalan-rusak",
            lon=TOWN_CENTRE[0],
            lat=TOWN_CENTRE[1],
            photos=[Upload(jpeg_bytes(colour=(i * 40, 90, 200 - i * 30))) for i in range(1 + i % 2)],
            description=f"Laporan {i} — jalan berlubang",
        )
        for i in range(3)
    ]
    report = reports[0]
    report_transition(report_id=report.pk, name="verify", actor=staff["operator"])
    report_transition(report_id=report.pk, name="dispatch", actor=staff["operator"], data=TransitionInput(opd="PUPR"))
    report_transition(report_id=report.pk, name="acknowledge", actor=staff["pupr"])
    report_transition(
        report_id=report.pk,
        name="resolve",
        actor=staff["pupr"],
        data=TransitionInput(note="sudah ditambal", photo=Upload(jpeg_bytes(colour=(1, 2, 3)))),
    )
    private = Path(settings.PRIVATE_MEDIA_ROOT) / "monthly-reports" / "abc.pdf"
    private.parent.mkdir(parents=True)
    private.write_bytes(b"%PDF-1.7 private\x00\xff")
    return reports


@pytest.fixture
def fresh_database(runtime_database):
    """An empty database on the same cluster (made by the owner role; PostGIS comes from template1)."""
    name = f"{connection.settings_dict['NAME']}_restored"
    owner = settings.DATABASE_OWNER or settings.DATABASES["default"]
    admin = psycopg2.connect(**_libpq(owner, "postgres"))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def test_backup_restores_rows_trail_and_files_exactly(seeded, fresh_database, runtime_database, tmp_path):
    backup = tmp_path / "backup"
    call_command("backup", str(backup), verbosity=0)
    assert (backup / "manifest.json").exists()

    owner = settings.DATABASE_OWNER or settings.DATABASES["default"]
    restored = tmp_path / "restored"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MIGRATE_DATABASE_URL")}
    env.update(
        DATABASE_URL=_url(runtime_database, fresh_database),
        MIGRATE_DATABASE_URL=_url(owner, fresh_database),
        MEDIA_ROOT=str(restored / "media"),
        PRIVATE_MEDIA_ROOT=str(restored / "private"),
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "restore", str(backup)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "checksums verified" in done.stdout

    with connection.cursor() as cursor:
        original = _fingerprint(cursor)
        cursor.execute("SELECT e::text FROM workflow_reportevent e ORDER BY id")
        trail = [row[0] for row in cursor.fetchall()]
    with psycopg2.connect(**_libpq(owner, fresh_database)) as copy, copy.cursor() as cursor:
        copied = _fingerprint(cursor)
        cursor.execute("SELECT e::text FROM workflow_reportevent e ORDER BY id")
        copied_trail = [row[0] for row in cursor.fetchall()]
    assert original["geoportal_report"][1] == Report.objects.count() >= 43
    assert original["workflow_reportevent"][1] == ReportEvent.objects.count() > 43
    assert copied == original
    assert copied_trail == trail  # the audit trail, every column of every row, in order

    media, private = _files(Path(settings.MEDIA_ROOT)), _files(Path(settings.PRIVATE_MEDIA_ROOT))
    assert len(media) == 2 * 5  # 4 photos and a proof photo, each with its thumbnail
    assert _files(restored / "media") == media
    assert _files(restored / "private") == private

    # The web app's role may read and write the restored rows again (its grants were given back) …
    with psycopg2.connect(**_libpq(runtime_database, fresh_database)) as copy, copy.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM geoportal_report")
        assert cursor.fetchone()[0] == original["geoportal_report"][1]
        # … and still cannot rewrite the audit trail.
        with pytest.raises(psycopg2.errors.InsufficientPrivilege):
            cursor.execute("UPDATE workflow_reportevent SET note = 'rewritten'")


def test_restore_refuses_an_occupied_database_and_changes_nothing(seeded, tmp_path):
    backup = tmp_path / "backup"
    call_command("backup", str(backup), verbosity=0)
    Report.objects.filter(pk=seeded[1].pk).update(description="changed after the backup")
    with pytest.raises(CommandError, match="--replace"):
        call_command("restore", str(backup), verbosity=0)
    assert Report.objects.get(pk=seeded[1].pk).description == "changed after the backup"


def test_restore_refuses_a_damaged_backup_before_touching_anything(seeded, tmp_path):
    backup = tmp_path / "backup"
    call_command("backup", str(backup), verbosity=0)
    photo = next((backup / "files" / "media").rglob("*.jpg"))
    data = bytearray(photo.read_bytes())
    data[len(data) // 2] ^= 0xFF
    photo.write_bytes(bytes(data))
    count = Report.objects.count()
    with pytest.raises(CommandError, match="damaged") as refused:
        call_command("restore", str(backup), "--replace", verbosity=0)
    assert photo.name in str(refused.value)
    assert Report.objects.count() == count  # --replace did not get to drop anything


def test_restore_refuses_an_interrupted_backup(tmp_path):
    (tmp_path / "database.dump").write_bytes(b"PGDMP")
    with pytest.raises(CommandError, match="interrupted"):
        call_command("restore", str(tmp_path), verbosity=0)


def test_backup_refuses_a_folder_that_holds_something(tmp_path):
    (tmp_path / "old").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path), verbosity=0)
