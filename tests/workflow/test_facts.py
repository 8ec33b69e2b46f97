"""The stored facts (workflow_episode, workflow_reportoutcome) are the audit trail's, whatever moves it."""

from dataclasses import asdict
from datetime import date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from geoportal.clocks import WIB
from geoportal.models import Category, Opd
from geoportal.services.reports import Upload
from geoportal.states import ReportStatus as S
from tests.factories import ReportFactory, jpeg_bytes
from tests.oracle import Trail
from workflow.calendar import holiday_dates
from workflow.models import Episode, Holiday, ReportEvent, ReportOutcome
from workflow.selectors import (
    Period,
    category_performance,
    kecamatan_performance,
    opd_performance,
    performance,
    squad_performance,
)
from workflow.services.transitions import TransitionInput, report_transition

pytestmark = pytest.mark.django_db

EPISODE_COLUMNS = (
    "report_id, opd_id, category_id, t0, t_next, t_resp, t_res, t_reopen, returned, reopened, resp_days, res_days, "
    "last_event_at"
)
OUTCOME_COLUMNS = (
    "report_id, kecamatan_id, category_id, created_at, verified, rejected, duplicate, closed, screened_at, "
    "last_dispatch, last_resolve, last_reopen, last_event_at, resolved, verif_days, res_days"
)


def _differences() -> tuple[int, int]:
    """Rows that differ between the stored facts and the facts derived afresh from the whole audit trail."""
    with connection.cursor() as cursor:
        counts = []
        for table, function, columns in (
            ("workflow_episode", "lapor_episodes", EPISODE_COLUMNS),
            ("workflow_reportoutcome", "lapor_outcomes", OUTCOME_COLUMNS),
        ):
            everyone = "ARRAY(SELECT DISTINCT report_id FROM workflow_reportevent)"
            fresh = f"SELECT {columns} FROM {function}({everyone}, 'infinity')"
            stored = f"SELECT {columns} FROM {table}"
            cursor.execute(
                f"SELECT count(*) FROM (({fresh} EXCEPT ALL {stored}) UNION ALL ({stored} EXCEPT ALL {fresh})) d"
            )
            counts.append(cursor.fetchone()[0])
    return tuple(counts)


def _last_month() -> Period:
    now = datetime.now(tz=WIB)
    return Period.month(now.year, now.month - 1) if now.month > 1 else Period.month(now.year - 1, 12)


def _all_figures(period: Period, as_of: datetime, *, stored: bool, monkeypatch) -> dict:
    """Every dashboard table, read from the stored facts or derived afresh from the audit trail."""
    monkeypatch.setattr(performance, "_facts_hold", lambda cursor, as_of: stored)
    return {
        name: [asdict(row) for row in selector(period=period, as_of=as_of)]
        for name, selector in (
            ("opd", opd_performance),
            ("kecamatan", kecamatan_performance),
            ("label", category_performance),
            ("squad", squad_performance),
        )
    }


def _a_working_day_in(period: Period) -> date:
    days_off = holiday_dates()
    day = period.start + timedelta(days=7)
    while day.weekday() > 4 or day in days_off:
        day += timedelta(days=1)
    return day


def test_the_stored_facts_are_the_audit_trails_even_after_a_holiday_is_added(holidays, monkeypatch):
    call_command("seed_demo", reports=1500, months=3, seed=11, verbosity=0)
    assert ReportEvent.objects.filter(transition="redispatch").exists()  # returned and dispatched again
    assert ReportEvent.objects.filter(transition="reopen").exists()
    assert Episode.objects.count() > 1000 and ReportOutcome.objects.count() == 1500
    assert _differences() == (0, 0)
    period, now = _last_month(), datetime.now(tz=WIB)
    before = _all_figures(period, now, stored=True, monkeypatch=monkeypatch)
    assert before == _all_figures(period, now, stored=False, monkeypatch=monkeypatch)

    # A day off declared after the fact (cuti bersama): every clock that spans it is shorter now.
    Holiday.objects.create(date=_a_working_day_in(period), name="Cuti bersama")
    assert _differences() == (0, 0)
    after = _all_figures(period, now, stored=True, monkeypatch=monkeypatch)
    assert after == _all_figures(period, now, stored=False, monkeypatch=monkeypatch)
    assert after["opd"] != before["opd"]
    # ... and they still equal the independent computation in Python over the audit trail.
    expected = Trail().opds(period, now)
    for row in after["opd"]:
        if row["code"] in expected:
            assert row["response_median"] == pytest.approx(expected[row["code"]]["response"][0])
            assert row["resolution_p90"] == pytest.approx(expected[row["code"]]["resolution"][1])


def test_figures_as_of_a_past_moment_come_from_the_audit_trail(holidays, monkeypatch):
    call_command("seed_demo", reports=800, months=2, seed=7, verbosity=0)
    period = _last_month()
    as_of = period.bounds[1] - timedelta(days=3)  # events came after it: the stored facts are too new
    with connection.cursor() as cursor:
        assert not performance._facts_hold(cursor, as_of)
        assert performance._facts_hold(cursor, datetime.now(tz=WIB) + timedelta(seconds=1))
    rows = {row.code: row for row in opd_performance(period=period, as_of=as_of)}
    # The stored rows of reports untouched since as_of, the others derived afresh: the same as all derived afresh.
    hybrid = _all_figures(period, as_of, stored=False, monkeypatch=monkeypatch)
    monkeypatch.setattr(
        performance, "_EPISODES_AS_OF", "lapor_episodes(ARRAY(SELECT id FROM geoportal_report), %(as_of)s)"
    )
    monkeypatch.setattr(
        performance, "_OUTCOMES_AS_OF", "lapor_outcomes(ARRAY(SELECT id FROM geoportal_report), %(as_of)s)"
    )
    assert hybrid == _all_figures(period, as_of, stored=False, monkeypatch=monkeypatch)
    for code, figures in Trail().opds(period, as_of).items():
        assert rows[code].episodes == figures["episodes"]
        assert rows[code].response_median == pytest.approx(figures["response"][0])
        assert (rows[code].resolution_within, rows[code].resolution_decided) == figures["res_share"]


def test_each_transition_updates_the_facts_of_its_report(staff):
    report = ReportFactory(status=S.VERIFIED, category=Category.objects.get(code="jalan-rusak"))
    pupr, dlh = Opd.objects.get(code="PUPR"), Opd.objects.get(code="DLH")
    proof = TransitionInput(note="beres", photo=Upload(jpeg_bytes(), "bukti.jpg"))

    def move(name, who, data=None):
        report_transition(report_id=report.pk, name=name, actor=staff[who], data=data or TransitionInput())

    def episodes():
        return list(Episode.objects.filter(report=report).order_by("t0"))

    move("dispatch", "operator", TransitionInput(opd="DLH"))
    (first,) = episodes()
    assert (first.opd_id, first.t_resp, first.resp_days, first.returned) == (dlh.pk, None, None, False)
    move("return_to_operator", "dlh", TransitionInput(note="bukan kami"))
    move("redispatch", "operator", TransitionInput(opd="PUPR"))
    first, second = episodes()
    assert first.returned and first.t_next == second.t0 and second.opd_id == pupr.pk
    move("acknowledge", "pupr")
    move("resolve", "pupr", proof)
    (second,) = episodes()[1:]
    assert second.resp_days is not None and second.res_days is not None and not second.reopened
    outcome = ReportOutcome.objects.get(report=report)
    assert outcome.resolved and outcome.last_dispatch == second.t0 and outcome.res_days == second.res_days

    move("reopen", "citizen", TransitionInput(note="rusak lagi"))
    (second,) = episodes()[1:]
    assert second.reopened and second.res_days is None  # the OPD's clock runs again
    assert not ReportOutcome.objects.get(report=report).resolved
    move("resolve", "pupr", proof)
    assert episodes()[1].res_days is not None and ReportOutcome.objects.get(report=report).resolved
    assert _differences() == (0, 0)


def test_a_corrected_label_moves_the_reports_facts(staff):
    report = ReportFactory(status=S.VERIFIED)
    report_transition(report_id=report.pk, name="dispatch", actor=staff["operator"], data=TransitionInput(opd="PUPR"))
    report.refresh_from_db()
    report.category = Category.objects.get(code="sampah")
    report.save()  # as the admin does
    assert Episode.objects.get(report=report).category_id == report.category_id
    assert ReportOutcome.objects.get(report=report).category_id == report.category_id


def test_the_audit_trail_stays_append_only_and_its_facts_unchanged(staff):
    report = ReportFactory(status=S.VERIFIED)
    report_transition(report_id=report.pk, name="dispatch", actor=staff["operator"], data=TransitionInput(opd="PUPR"))
    event = ReportEvent.objects.get(report=report, transition="dispatch")
    for attempt in (
        lambda: ReportEvent.objects.filter(pk=event.pk).update(created_at=event.created_at - timedelta(days=1)),
        event.delete,
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            attempt()
    assert Episode.objects.get(report=report).t0 == event.created_at
