"""Least privilege in PostgreSQL (config/database.py): the web app's runtime role reads and writes rows, and that
is all. On the test database, built by `migrate` as the owner, these tests log in as the runtime role
(DATABASE_URL's credentials) and try what a compromised web process would."""

import psycopg2
import pytest
from django.apps import apps
from django.conf import settings
from django.db import ProgrammingError, connection

from config.database import connected_as
from geoportal.states import ReportStatus as S
from tests.factories import ReportFactory
from workflow.models import ReportEvent
from workflow.services.transitions import report_transition

pytestmark = pytest.mark.skipif(
    not settings.DATABASE_RUNTIME_ROLE,
    reason="no runtime role configured: set MIGRATE_DATABASE_URL (the owner) next to DATABASE_URL, or use the "
    "project's cluster (scripts/pg.sh writes var/migrate_database_url and var/database_url)",
)

# What the runtime role must be refused: changing the schema, switching the audit trail's trigger off, emptying
# tables, rewriting or erasing the audit trail, bypassing triggers for the session, renumbering the trail.
REFUSED = {
    "disable the audit trail's trigger": "ALTER TABLE workflow_reportevent DISABLE TRIGGER reportevent_append_only",
    "disable every trigger": "ALTER TABLE workflow_reportevent DISABLE TRIGGER ALL",
    "drop the audit trail's trigger": "DROP TRIGGER reportevent_append_only ON workflow_reportevent",
    "replace the trigger's function": "CREATE OR REPLACE FUNCTION lapor_events_append_only() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
    "update the audit trail": "UPDATE workflow_reportevent SET note = 'rewritten'",
    "delete the audit trail": "DELETE FROM workflow_reportevent",
    "truncate the audit trail": "TRUNCATE workflow_reportevent",
    "truncate the reports": "TRUNCATE geoportal_report CASCADE",
    "add a column": "ALTER TABLE geoportal_report ADD COLUMN planted text",
    "drop a table": "DROP TABLE geoportal_reportercontact",
    "create a table": "CREATE TABLE planted (id int)",
    "skip triggers for the session": "SET session_replication_role = replica",
    "renumber the audit trail": "SELECT setval('workflow_reportevent_id_seq', 1)",
    "disable the audit chain's trigger": "ALTER TABLE workflow_reportevent DISABLE TRIGGER reportevent_chain",
    "replace the audit chain's link": "CREATE OR REPLACE FUNCTION lapor_event_link(prev bytea, e workflow_reportevent) "
    "RETURNS bytea LANGUAGE sql AS $$ SELECT prev $$",
    "rewrite the audit chain": "UPDATE workflow_reportevent SET chain_hash = '\\x00' WHERE chain_position = 1",
    "record a migration": "INSERT INTO django_migrations (app, name, applied) VALUES ('x', 'y', now())",
}


@pytest.fixture
def runtime_cursor(db, runtime_database):
    """A cursor on the test database, logged in as the runtime role; each statement in its own transaction."""
    dsn = {
        "dbname": connection.settings_dict["NAME"],
        "user": runtime_database["USER"],
        "password": runtime_database["PASSWORD"],
        "host": runtime_database["HOST"],
        "port": runtime_database["PORT"] or 5432,
    }
    runtime = psycopg2.connect(**dsn)
    try:
        with runtime.cursor() as cursor:
            cursor.execute("SET lock_timeout = '5s'")  # a granted TRUNCATE must fail the test, not hang it
            runtime.commit()
            cursor.execute("SELECT current_user")
            assert cursor.fetchone()[0] == settings.DATABASE_RUNTIME_ROLE
            yield cursor
    finally:
        runtime.close()


@pytest.mark.parametrize("statement", REFUSED.values(), ids=REFUSED.keys())
def test_runtime_role_cannot_change_the_schema_or_the_audit_trail(runtime_cursor, statement):
    with pytest.raises(psycopg2.errors.InsufficientPrivilege):
        try:
            runtime_cursor.execute(statement)
        finally:
            runtime_cursor.connection.rollback()


def test_runtime_role_reads_and_writes_the_other_tables(runtime_cursor):
    """Every table the migrations made, including any a later migration adds: the grants follow `migrate`.
    (PostGIS's own spatial_ref_sys, which Django also models, stays readable only.)"""
    models = [model for model in apps.get_models(include_auto_created=True) if model._meta.managed]
    tables = {model._meta.db_table for model in models} | {"django_migrations"}
    assert {"geoportal_report", "workflow_reportevent", "auth_user_groups"} <= tables
    missing = []
    for table in sorted(tables):
        expected = {"workflow_reportevent": "SELECT,INSERT", "django_migrations": "SELECT"}.get(
            table, "SELECT,INSERT,UPDATE,DELETE"
        )
        for privilege in ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES"):
            runtime_cursor.execute("SELECT has_table_privilege(current_user, %s, %s)", [table, privilege])
            if runtime_cursor.fetchone()[0] != (privilege in expected.split(",")):
                missing.append(f"{table}: {privilege} {'refused' if privilege in expected else 'granted'}")
    assert not missing


def test_runtime_role_records_transitions_but_cannot_rewrite_them(committed_reference, staff, runtime_database):
    report = ReportFactory(status=S.RECEIVED)
    with connected_as(runtime_database):
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone()[0] == settings.DATABASE_RUNTIME_ROLE
        report_transition(report_id=report.id, name="verify", actor=staff["operator"])
        events = ReportEvent.objects.filter(report_id=report.id, transition="verify")
        assert events.count() == 1
        with pytest.raises(ProgrammingError, match="permission denied"):
            events.update(note="rewritten")
        with pytest.raises(ProgrammingError, match="permission denied"):
            events.delete()
    report.refresh_from_db()
    assert report.status == S.VERIFIED
    assert ReportEvent.objects.get(report_id=report.id, transition="verify").note == ""
