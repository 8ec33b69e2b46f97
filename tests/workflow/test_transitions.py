"""The whole state × transition × role matrix, table-driven, against the real service and database."""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone, translation

from geoportal.models import Category, Opd, Report
from geoportal.services.reports import Upload
from geoportal.states import ReportStatus as S
from tests.factories import ReportFactory, jpeg_bytes
from workflow.models import ReportEvent
from workflow.policies import TRANSITIONS
from workflow.services.transitions import (
    ReportNotFound,
    TransitionConflict,
    TransitionError,
    TransitionInput,
    TransitionInvalid,
    TransitionRefused,
    report_transition,
)

pytestmark = pytest.mark.django_db

# From which states each action may run, and where it leads (PRODUCT.md, "The report's life").
SOURCES = {
    "verify": ({S.RECEIVED}, S.VERIFIED),
    "reject": ({S.RECEIVED}, S.REJECTED),
    "mark_duplicate": ({S.RECEIVED, S.VERIFIED}, S.DUPLICATE),
    "dispatch": ({S.VERIFIED}, S.DISPATCHED),
    "redispatch": ({S.RETURNED}, S.DISPATCHED),
    "acknowledge": ({S.DISPATCHED, S.REOPENED}, S.IN_PROGRESS),
    "resolve": ({S.DISPATCHED, S.IN_PROGRESS, S.REOPENED}, S.RESOLVED),
    "return_to_operator": ({S.DISPATCHED, S.IN_PROGRESS}, S.RETURNED),
    "reopen": ({S.RESOLVED}, S.REOPENED),
    "close": ({S.RESOLVED}, S.CLOSED),
}
# Who may run each action on an ordinary report held by PUPR ("pupr" is its OPD, "dlh" another OPD).
ROLES = {
    "verify": {"operator"},
    "reject": {"operator"},
    "mark_duplicate": {"operator"},
    "dispatch": {"operator"},
    "redispatch": {"operator"},
    "acknowledge": {"pupr"},
    "resolve": {"pupr"},
    "return_to_operator": {"pupr"},
    "reopen": {"citizen", "operator"},
    "close": {"citizen", "system"},
}
ACTORS = ["operator", "leadership", "pupr", "dlh", "covert", "citizen", "system"]
HELD_BY_OPD = {S.DISPATCHED, S.IN_PROGRESS, S.RESOLVED, S.REOPENED, S.CLOSED}


def test_the_policy_names_the_machines_transitions_and_no_other():
    """The transitions are named by the state machine (geoportal.machine); the policy's TRANSITIONS, and through it
    the citizen's steps and the facts' transitions, must name the same ones."""
    assert {t.name for t in Report().get_all_status_transitions()} == set(TRANSITIONS) == set(SOURCES)


def _report(status: str, *, code: str = "jalan-rusak") -> Report:
    held = status in HELD_BY_OPD
    return ReportFactory(
        status=status,
        category=Category.objects.get(code=code),
        opd=Opd.objects.get(code=Category.objects.get(code=code).default_opd.code) if held else None,
        resolved_at=timezone.now() if status == S.RESOLVED else None,
    )


def _full_input(original: Report) -> TransitionInput:
    return TransitionInput(
        note="catatan",
        reason="hoax",
        opd="PUPR",
        duplicate_of=original.pk,
        photo=Upload(jpeg_bytes(), "bukti.jpg"),
    )


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("name", list(SOURCES))
def test_state_transition_role_matrix(staff, status, name):
    original = ReportFactory(status=S.VERIFIED)
    for who in ACTORS:
        report = _report(status)
        events_before = ReportEvent.objects.filter(report=report).count()
        sources, target = SOURCES[name]
        allowed = status in sources and who in ROLES[name]
        try:
            moved = report_transition(report_id=report.pk, name=name, actor=staff[who], data=_full_input(original))
        except TransitionError as exc:
            assert not allowed, f"{who} should {name} from {status}: {exc.message}"
            assert isinstance(exc, TransitionRefused | ReportNotFound), exc
            report.refresh_from_db()
            assert report.status == status
            assert ReportEvent.objects.filter(report=report).count() == events_before
        else:
            assert allowed, f"{who} must not {name} from {status}"
            assert moved.status == target
            event = ReportEvent.objects.get(report=report, transition=name)
            assert (event.from_status, event.to_status, event.actor_role) == (status, target, staff[who].role)
            assert event.actor == staff[who].user


@pytest.mark.parametrize(
    ("name", "status", "who", "allowed"),
    [
        ("verify", S.RECEIVED, "covert", True),
        ("verify", S.RECEIVED, "operator", False),
        ("dispatch", S.VERIFIED, "covert", True),
        ("reject", S.RECEIVED, "dlh", False),
        ("resolve", S.IN_PROGRESS, "covert", True),
        ("resolve", S.IN_PROGRESS, "operator", False),
    ],
)
def test_confidential_reports_are_handled_by_the_covert_squad_only(staff, name, status, who, allowed):
    report = _report(status, code="pungli")
    data = TransitionInput(note="n", opd="INSPEKTORAT", photo=Upload(jpeg_bytes()))
    if allowed:
        assert report_transition(report_id=report.pk, name=name, actor=staff[who], data=data).status != status
    else:
        with pytest.raises(ReportNotFound):  # they cannot even see it
            report_transition(report_id=report.pk, name=name, actor=staff[who], data=data)


def test_missing_inputs_are_named_and_change_nothing(staff):
    report = _report(S.IN_PROGRESS)
    with pytest.raises(TransitionInvalid) as caught:
        report_transition(report_id=report.pk, name="resolve", actor=staff["pupr"])
    assert set(caught.value.field_errors) == {"note", "photo"}
    with pytest.raises(TransitionInvalid) as caught:
        report_transition(report_id=_report(S.RECEIVED).pk, name="reject", actor=staff["operator"])
    assert "reason" in caught.value.field_errors
    report.refresh_from_db()
    assert report.status == S.IN_PROGRESS and not report.photos.exists()


def test_a_bad_proof_photo_is_refused(staff):
    report = _report(S.IN_PROGRESS)
    with pytest.raises(TransitionInvalid, match="not a photo"):
        report_transition(
            report_id=report.pk,
            name="resolve",
            actor=staff["pupr"],
            data=TransitionInput(note="beres", photo=Upload(b"%PDF", "bukti.pdf")),
        )
    assert Report.objects.get(pk=report.pk).status == S.IN_PROGRESS


def test_dispatch_suggests_the_labels_opd_and_starts_its_clocks(staff):
    report = _report(S.VERIFIED, code="sampah")
    moved = report_transition(report_id=report.pk, name="dispatch", actor=staff["operator"], data=TransitionInput())
    assert moved.opd.code == "DLH"
    assert moved.response_due > timezone.now() and moved.resolution_due > moved.response_due


def test_return_hands_the_report_back_and_stops_the_opds_clocks(staff):
    report = _report(S.DISPATCHED)
    moved = report_transition(
        report_id=report.pk, name="return_to_operator", actor=staff["pupr"], data=TransitionInput(note="bukan kami")
    )
    assert moved.opd is None and moved.response_due is None
    assert ReportEvent.objects.get(report=report, transition="return_to_operator").opd.code == "PUPR"


def test_duplicates_count_their_extra_reporter(staff):
    original = ReportFactory(status=S.VERIFIED)
    copy = _report(S.RECEIVED)
    report_transition(
        report_id=copy.pk,
        name="mark_duplicate",
        actor=staff["operator"],
        data=TransitionInput(duplicate_of=original.pk),
    )
    original.refresh_from_db()
    assert original.extra_reporters == 1


def test_reopening_long_after_the_fix_is_refused(staff):
    report = _report(S.RESOLVED)
    Report.objects.filter(pk=report.pk).update(resolved_at=timezone.now() - timezone.timedelta(days=30))
    with pytest.raises(TransitionInvalid, match="within 14 days"):
        report_transition(
            report_id=report.pk, name="reopen", actor=staff["citizen"], data=TransitionInput(note="rusak lagi")
        )


def test_the_audit_trail_is_append_only(staff):
    report = _report(S.RECEIVED)
    report_transition(report_id=report.pk, name="verify", actor=staff["operator"])
    event = ReportEvent.objects.get(report=report, transition="verify")
    from django.db import DatabaseError, transaction

    for attempt in (lambda: ReportEvent.objects.filter(pk=event.pk).update(note="diubah"), event.delete):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            attempt()


def test_a_stale_view_is_a_conflict(staff):
    report = _report(S.DISPATCHED)
    report_transition(report_id=report.pk, name="acknowledge", actor=staff["pupr"])
    with pytest.raises(TransitionConflict, match="Someone else acted"):
        report_transition(
            report_id=report.pk,
            name="return_to_operator",
            actor=staff["pupr"],
            data=TransitionInput(note="x", expected_status=S.DISPATCHED),
        )


@pytest.mark.django_db(transaction=True)
def test_two_people_acting_at_once_get_one_success_and_one_conflict(committed_reference, staff, monkeypatch):
    """Two real database connections read the same report, then both try to move it."""
    from workflow.services import transitions

    report = _report(S.VERIFIED)
    other = ReportFactory(status=S.VERIFIED)
    both_have_read = threading.Barrier(2)
    real_refusal = transitions.transition_refusal

    def refusal_after_both_read(actor, seen, name):
        both_have_read.wait(timeout=10)  # each thread holds its own read of the report here
        return real_refusal(actor, seen, name)

    monkeypatch.setattr(transitions, "transition_refusal", refusal_after_both_read)
    outcomes: list[str] = []
    messages: list[str] = []

    def act(name, data):
        try:
            with translation.override("en"):
                report_transition(report_id=report.pk, name=name, actor=staff["operator"], data=data)
            outcomes.append("ok")
        except TransitionConflict as exc:
            outcomes.append("conflict")
            messages.append(exc.message)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=act, args=("dispatch", TransitionInput(opd="PUPR"))),
        threading.Thread(target=act, args=("mark_duplicate", TransitionInput(duplicate_of=other.pk))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert sorted(outcomes) == ["conflict", "ok"]
    report.refresh_from_db()
    (message,) = messages
    assert (
        message.startswith("Someone else acted on this report first; it is now")
        and report.get_status_display() in message
    )
    assert ReportEvent.objects.filter(report=report).exclude(transition="receive").count() == 1
    assert report.status in (S.DISPATCHED, S.DUPLICATE)
    assert connection.vendor == "postgresql"
