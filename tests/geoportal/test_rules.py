"""Rules written once yield the same answer in every form: visibility as a queryset filter, as SQL and for one report
in hand; what the public may see likewise; overdue as a queryset filter, as SQL and for one report, and a clock's
deadline in SQL as the transition service sets it; the progress groups as the citizen map's filter and legend."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone
from psycopg2 import sql

from geoportal.clocks import CLOCKS, deadline_sql, overdue_filter, overdue_sql, report_overdue_clock
from geoportal.models import Category, Kecamatan, Opd, Report
from geoportal.progress import PROGRESS_COLOURS, PROGRESS_GROUPS
from geoportal.sql import FOLDER as GEOPORTAL_SQL
from geoportal.states import PUBLIC_STATUSES
from geoportal.states import ReportStatus as S
from geoportal.visibility import Visibility, public_q, report_is_public
from tests.factories import ReportFactory
from workflow.calendar import working_deadline

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
    in_hand = {r.pk for r in reports if visibility.admits(confidential=r.category.confidential, opd_id=r.opd_id)}
    assert in_hand == by_queryset


def test_what_the_public_may_see_is_the_same_as_queryset_through_places_and_for_one_report():
    labels = {label.confidential: label for label in Category.objects.filter(code__in=["jalan-rusak", "pungli"])}
    reports = [ReportFactory(category=labels[secret], status=status) for secret in labels for status in S.values]
    ids = {r.pk for r in reports}
    by_queryset = set(Report.objects.filter(public_q(), pk__in=ids).values_list("pk", flat=True))
    in_hand = {r.pk for r in reports if report_is_public(status=r.status, confidential=r.category.confidential)}
    assert by_queryset == in_hand
    assert len(in_hand) == len(PUBLIC_STATUSES)  # the open label's reports past screening, no confidential one
    # Through a place (the public counts per kecamatan and desa): the same reports.
    counted = Kecamatan.objects.annotate(
        n=Count("public_reports", filter=public_q(prefix="public_reports__") & Q(public_reports__in=ids))
    ).values_list("n", flat=True)
    assert sum(counted) == len(in_hand)


@pytest.mark.parametrize("status", [S.RECEIVED, S.DISPATCHED, S.IN_PROGRESS, S.REOPENED, S.RESOLVED])
def test_a_clocks_deadline_in_sql_is_the_one_the_transition_service_sets(status):
    label = Category.objects.get(code="jalan-rusak")
    start = timezone.now()
    with connection.cursor() as cursor:
        for name, clock in CLOCKS.items():
            cursor.execute(
                sql.SQL("SELECT ")
                + deadline_sql(name, status=sql.Literal(str(status)), start=sql.Placeholder())
                + sql.SQL(" FROM geoportal_category c WHERE c.id = %s"),
                [start, label.pk],
            )
            deadline = cursor.fetchone()[0]
            runs = status in clock.states
            assert deadline == (working_deadline(start, getattr(label, clock.target)) if runs else None), name


def test_the_citizen_maps_filter_and_legend_are_the_progress_groups(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    for group, statuses in PROGRESS_GROUPS.items():
        public = ",".join(s for s in statuses if s in PUBLIC_STATUSES)
        assert f'<option value="{public}">' in page
        assert f'<span class="dot" style="background:{PROGRESS_COLOURS[group]}"></span>' in page
    assert "Sedang ditangani" in page


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


def test_the_cell_pyramid_holds_what_the_public_may_see():
    """The cells' one write (geoportal/sql/lapor_report_cells_upsert_sql.sql) names the public's statuses and label
    condition in SQL text (a PostgreSQL function cannot import them): they must be public_q's."""
    text = (GEOPORTAL_SQL / "lapor_report_cells_upsert_sql.sql").read_text(encoding="utf-8")
    [statuses] = re.findall(r"WHERE r\.status IN \(([^)]*)\)", text)
    assert set(re.findall(r"'([^']*)'", statuses)) == set(PUBLIC_STATUSES)
    with connection.cursor() as cursor:
        public = Visibility.public().sql(report="r", category="c").as_string(cursor.connection)
    assert public.replace('"', "") == "NOT c.confidential"
    assert re.search(r"\)\s*AND NOT c\.confidential\s*\) m", text)
