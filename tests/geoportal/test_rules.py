"""Rules written once yield the same answer in every form: visibility as a queryset filter and as SQL, overdue as a
queryset filter, as SQL and for one report."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from psycopg2 import sql

from geoportal.clocks import overdue_filter, overdue_sql, report_overdue_clock
from geoportal.models import Category, Opd, Report
from geoportal.states import ReportStatus as S
from geoportal.visibility import Visibility
from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports():
    pupr, dlh = Opd.objects.get(code="PUPR"), Opd.objects.get(code="DLH")
    open_label, covert_label = Category.objects.get(code="jalan-rusak"), Category.objects.get(code="pungli")
    assert covert_label.confidential and not open_label.confidential
    return [
        ReportFactory(category=label, opd=opd, status=S.DISPATCHED if opd else S.RECEIVED)
        for label in (open_label, covert_label)
        for opd in (pupr, dlh, None)
    ]


def _sql_ids(condition: sql.Composable) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL("SELECT r.id FROM geoportal_report r JOIN geoportal_category c ON c.id = r.category_id WHERE ")
            + condition
        )
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.parametrize(
    "visibility, expected",
    [
        (Visibility(everything=True), 6),
        (Visibility(nothing=True), 0),
        (Visibility.public(), 3),
        (Visibility(held_only=True, opd_id="PUPR"), 1),
        (Visibility(held_only=True, opd_id="PUPR", confidential=True), 4),
        (Visibility(held_only=True, opd_id=None), 0),
    ],
)
def test_visibility_is_the_same_as_queryset_and_as_sql(reports, visibility, expected):
    if visibility.opd_id == "PUPR":
        visibility = Visibility(
            held_only=True, opd_id=Opd.objects.get(code="PUPR").pk, confidential=visibility.confidential
        )
    ids = {r.pk for r in reports}
    by_queryset = set(Report.objects.filter(visibility.q()).values_list("pk", flat=True)) & ids
    assert by_queryset == _sql_ids(visibility.sql()) & ids
    assert len(by_queryset) == expected


def test_overdue_is_the_same_as_queryset_as_sql_and_for_one_report():
    now = timezone.now()
    past, future = now - timedelta(hours=1), now + timedelta(hours=1)
    cases = {
        ReportFactory(status=S.RECEIVED, verification_due=past): "verification",
        ReportFactory(status=S.RECEIVED, verification_due=future): None,
        ReportFactory(status=S.DISPATCHED, response_due=past, resolution_due=past): "response",
        ReportFactory(status=S.DISPATCHED, response_due=future, resolution_due=past): "resolution",
        ReportFactory(status=S.IN_PROGRESS, response_due=past, resolution_due=future): None,
        ReportFactory(status=S.REOPENED, resolution_due=past): "resolution",
        ReportFactory(status=S.RESOLVED, resolution_due=past): None,
    }
    ids = [r.pk for r in cases]
    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL("SELECT r.id, ")
            + overdue_sql(report="r")
            + sql.SQL(" FROM geoportal_report r WHERE r.id = ANY(%s)"),
            [ids],
        )
        by_sql = dict(cursor.fetchall())
    by_queryset = set(Report.objects.filter(overdue_filter(now=now), pk__in=ids).values_list("pk", flat=True))
    for report, clock in cases.items():
        assert report_overdue_clock(report, now=now) == clock
        assert by_sql[report.pk] == clock
        assert (report.pk in by_queryset) == (clock is not None)
