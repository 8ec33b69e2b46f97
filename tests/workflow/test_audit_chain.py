"""The audit trail's hash chain (workflow/AUDIT.md): PostgreSQL chains every event as it is written; audit_verify
recomputes the chain in Python and names the first link that does not hold. The tampering here is done as the
database owner (the tests' role), who alone can switch the append-only trigger off."""

import re
import threading
from datetime import timedelta
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import ProgrammingError, connection, transaction

from config.database import connected_as
from geoportal.states import ReportStatus as S
from tests.factories import ReportFactory
from workflow.models import ReportEvent
from workflow.services.audit import CANONICAL_COLUMNS, GENESIS, audit_chain_head, audit_chain_verify, event_link
from workflow.services.transitions import TransitionInput, report_transition

pytestmark = pytest.mark.django_db
SQL = Path(__file__).resolve().parents[2] / "workflow" / "sql"


@pytest.fixture
def trail(resolved, dispatched, staff):
    """Three reports' events (nine), chained as they were written."""
    report = ReportFactory(status=S.RECEIVED)
    report_transition(report_id=report.pk, name="reject", actor=staff["operator"], data=TransitionInput(reason="hoax"))
    events = list(ReportEvent.objects.order_by("chain_position"))
    assert len(events) >= 9
    return events


def _verify(*args) -> str:
    """audit_verify's message (in English); raises CommandError when the chain is broken."""
    from io import StringIO

    out = StringIO()
    call_command("audit_verify", *args, "--language", "en", "--batch-size", "4", verbosity=0, stdout=out)
    return out.getvalue()


def _as_owner(*statements, params=None):
    """Rewrite history the way only the owner can: with the append-only trigger (and the chain's) switched off."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE refuses pending foreign-key checks
        cursor.execute("ALTER TABLE workflow_reportevent DISABLE TRIGGER USER")
        for statement in statements:
            cursor.execute(statement, params)
        cursor.execute("ALTER TABLE workflow_reportevent ENABLE TRIGGER USER")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def test_every_event_is_chained_as_written_and_verifies(trail):
    assert [e.chain_position for e in trail] == list(range(1, len(trail) + 1))
    previous = GENESIS
    for event in trail:  # the database's links equal Python's, from the rows alone
        values = tuple(getattr(event, column) for column in CANONICAL_COLUMNS)
        assert bytes(event.chain_hash) == event_link(previous, values)
        previous = bytes(event.chain_hash)
    out = _verify()
    assert f"Audit chain intact: {len(trail)} events, head {len(trail)}:{previous.hex()}." in out


def test_writers_cannot_choose_their_place_or_hash(trail, staff):
    event = ReportEvent.objects.create(
        report_id=trail[0].report_id, transition="verify", to_status=S.VERIFIED, actor_role="operator",
        chain_position=1, chain_hash=b"forged",
    )  # fmt: skip
    event.refresh_from_db()
    assert event.chain_position == len(trail) + 1
    assert bytes(event.chain_hash) != b"forged" and len(bytes(event.chain_hash)) == 32
    assert _verify().startswith(f"Audit chain intact: {len(trail) + 1} events")


def test_altering_one_event_as_the_owner_is_found_and_named(trail):
    victim = trail[len(trail) // 2]
    _as_owner("UPDATE workflow_reportevent SET note = 'tidak pernah terjadi' WHERE id = %s", params=[victim.id])
    with pytest.raises(CommandError) as broken:
        _verify()
    assert broken.value.returncode == 1
    message = str(broken.value)
    assert f"Audit chain BROKEN at position {victim.chain_position} (event {victim.id}, report {victim.report_id}," in (
        message
    )
    assert "This event was altered" in message


def test_a_changed_time_is_found(trail):
    victim = trail[3]
    _as_owner(
        "UPDATE workflow_reportevent SET created_at = created_at - interval '1 microsecond' WHERE id = %s",
        params=[victim.id],
    )
    check = audit_chain_verify(batch_size=100)
    assert (check.broken.kind, check.broken.event_id, check.count) == ("altered", victim.id, 3)


def test_deleting_an_event_is_found_at_the_next_one(trail):
    victim, after = trail[4], trail[5]
    _as_owner("DELETE FROM workflow_reportevent WHERE id = %s", params=[victim.id])
    gap = rf"position {after.chain_position} \(event {after.id}, .*1 event\(s\) before it are missing"
    with pytest.raises(CommandError, match=gap):
        _verify()
    # Renumbering the later events to hide the gap breaks the hash of the one after the deleted event instead.
    # (In two steps: the unique index is checked row by row, in the table's order.)
    _as_owner(
        "UPDATE workflow_reportevent SET chain_position = -chain_position WHERE chain_position > %s",
        "UPDATE workflow_reportevent SET chain_position = -chain_position - 1 WHERE chain_position < 0",
        params=[victim.chain_position],
    )
    check = audit_chain_verify()
    assert (check.broken.kind, check.broken.event_id) == ("altered", after.id)


def test_inserting_an_event_into_the_past_is_found(trail):
    """The forger knows the algorithm: the planted event's own link is right, the next one no longer is."""
    k = trail[5]
    _as_owner(
        "UPDATE workflow_reportevent SET chain_position = -chain_position WHERE chain_position > %(k)s",
        "UPDATE workflow_reportevent SET chain_position = 1 - chain_position WHERE chain_position < 0",
        "INSERT INTO workflow_reportevent (id, report_id, transition, from_status, to_status, actor_role, reason, "
        "note, created_at, chain_position, chain_hash) VALUES (999999, %(report)s, 'resolve', 'in_progress', "
        "'resolved', 'opd_officer', '', 'Sudah ditangani.', %(at)s, %(k)s + 1, '\\x00')",
        "UPDATE workflow_reportevent SET chain_hash = lapor_event_link(%(hash)s, workflow_reportevent) "
        "WHERE id = 999999",
        params={"k": k.chain_position, "report": k.report_id, "at": k.created_at + timedelta(seconds=1),
                "hash": bytes(k.chain_hash)},
    )  # fmt: skip
    check = audit_chain_verify()
    assert (check.broken.kind, check.broken.event_id, check.broken.position) == (
        "altered",
        trail[6].id,
        k.chain_position + 2,
    )


def test_events_written_with_the_trigger_off_and_no_place_are_found(trail):
    _as_owner(
        "ALTER TABLE workflow_reportevent ALTER COLUMN chain_position DROP NOT NULL",
        "INSERT INTO workflow_reportevent (report_id, transition, from_status, to_status, actor_role, reason, note, "
        "created_at, chain_hash) VALUES (%s, 'close', 'resolved', 'closed', 'system', '', '', now(), '\\x00')",
        params=[trail[0].report_id],
    )
    with pytest.raises(CommandError, match="1 events have no place in the chain"):
        _verify()


def test_a_history_rewritten_and_chained_again_fails_the_printed_head(trail):
    """The owner alters an event and recomputes every link after it: the chain holds again, but the head printed
    in an earlier monthly PDF no longer matches."""
    head = audit_chain_head()
    assert _verify("--head", f"{head.position}:{head.hash.hex()[:16]}").endswith("the history up to it is unchanged.\n")
    _as_owner(
        "UPDATE workflow_reportevent SET note = 'ditulis ulang' WHERE id = %s",
        "CREATE TEMP TABLE rechained AS SELECT e.id, lapor_event_chain(e) OVER (ORDER BY chain_position) AS h "
        "FROM workflow_reportevent e",
        "UPDATE workflow_reportevent e SET chain_hash = r.h FROM rechained r WHERE r.id = e.id",
        params=[trail[2].id],
    )
    assert _verify().startswith(f"Audit chain intact: {len(trail)} events")
    with pytest.raises(CommandError, match=f"The head {head.position}:{head.hash.hex()[:16]} does not match"):
        _verify("--head", f"{head.position}:{head.hash.hex()[:16]}")
    with pytest.raises(CommandError, match="has no position 999"):
        _verify("--head", f"999:{head.hash.hex()}")


def test_a_malformed_head_is_refused_in_words(trail):
    for given in ("abc", "12:xyz", "12:abcd", "1:" + "0" * 65, "1\x00:" + "0" * 16):
        with pytest.raises(CommandError, match="Give --head as POSITION:HASH"):
            _verify("--head", given)


def test_the_chain_head_at_an_instant_is_the_last_event_at_or_before_it(trail):
    middle = trail[len(trail) // 2]
    head = audit_chain_head(at=middle.created_at)
    expected = max((e for e in trail if e.created_at <= middle.created_at), key=lambda e: e.chain_position)
    assert (head.position, head.hash) == (expected.chain_position, bytes(expected.chain_hash))
    assert audit_chain_head(at=trail[0].created_at - timedelta(days=1)) is None


def test_the_canonical_form_covers_every_column_of_an_event():
    """A column added to ReportEvent must join the canonical form (here and in lapor_event_link.sql), or it could
    be rewritten unnoticed."""
    columns = {f.column for f in ReportEvent._meta.concrete_fields} - {"chain_position", "chain_hash"}
    assert set(CANONICAL_COLUMNS) == columns
    sql = (SQL / "lapor_event_link.sql").read_text()
    assert re.findall(r"\be\.(\w+)", sql.split("$$")[1]) == list(CANONICAL_COLUMNS)


def test_the_live_database_matches_the_sql_files():
    files = sorted(SQL.glob("lapor_event_*.sql"))
    names = {"lapor_event_link", "lapor_event_chain", "lapor_event_chain_append", "reportevent_chain"}

    def live():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT p.proname, pg_get_function_arguments(p.oid) || coalesce(a.aggtransfn::text, p.prosrc) "
                "FROM pg_proc p LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid WHERE p.proname = ANY(%s) "
                "UNION ALL SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = ANY(%s)",
                [sorted(names), sorted(names)],
            )
            return dict(cursor.fetchall())

    before = live()
    assert set(before) == names
    with connection.cursor() as cursor:
        for path in files:
            cursor.execute(path.read_text())
    assert live() == before


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_take_turns_and_never_fork_the_chain(committed_reference, staff):
    """Writer A holds its new event uncommitted; writer B's insert waits for A's commit, then chains after it."""
    reports = [ReportFactory(status=S.RECEIVED) for _ in range(2)]
    settings = connection.settings_dict
    dsn = {"dbname": settings["NAME"], "user": settings["USER"], "password": settings["PASSWORD"],
           "host": settings["HOST"], "port": settings["PORT"] or 5432}  # fmt: skip
    insert = (
        "INSERT INTO workflow_reportevent (report_id, transition, from_status, to_status, actor_role, reason, note, "
        "created_at) VALUES (%s, 'receive', '', 'received', 'citizen', '', '', now()) RETURNING chain_position"
    )
    a, b = psycopg2.connect(**dsn), psycopg2.connect(**dsn)
    try:
        with a.cursor() as ca:
            ca.execute(insert, [reports[0].pk])
            position_a = ca.fetchone()[0]
            got = {}
            writer = threading.Thread(target=lambda: _insert_and_commit(b, insert, reports[1].pk, got))
            writer.start()
            writer.join(timeout=1)
            assert writer.is_alive()  # B waits for A's turn to end
            a.commit()
            writer.join(timeout=10)
        assert got["position"] == position_a + 1
    finally:
        a.close()
        b.close()
    assert audit_chain_verify().broken is None


def _insert_and_commit(conn, insert, report_id, got):
    with conn.cursor() as cursor:
        cursor.execute(insert, [report_id])
        got["position"] = cursor.fetchone()[0]
    conn.commit()


@pytest.mark.skipif(not django_settings.DATABASE_RUNTIME_ROLE, reason="no runtime role configured")
def test_the_runtime_role_chains_its_events_but_cannot_touch_them(committed_reference, staff, runtime_database):
    report = ReportFactory(status=S.RECEIVED)
    with connected_as(runtime_database):
        report_transition(report_id=report.pk, name="verify", actor=staff["operator"])
        event = ReportEvent.objects.get(report_id=report.pk, transition="verify")
        for attempt in (
            lambda: ReportEvent.objects.filter(pk=event.pk).update(chain_hash=b"\x00"),
            lambda: ReportEvent.objects.filter(pk=event.pk).delete(),
        ):
            with pytest.raises(ProgrammingError, match="permission denied"), transaction.atomic():
                attempt()
    check = audit_chain_verify()
    assert check.broken is None and check.head_position == event.chain_position
