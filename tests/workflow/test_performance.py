"""The dashboard's figures equal an independent computation, in Python, over the audit trail alone (tests/oracle.py)."""

import statistics
from datetime import datetime

import pytest
from django.core.management import call_command

from geoportal.clocks import WIB
from geoportal.models import Report
from tests.oracle import Trail
from workflow.models import ReportEvent
from workflow.selectors import Period, category_performance, kecamatan_performance, opd_performance

pytestmark = pytest.mark.django_db


def test_opd_figures_match_the_audit_trail(holidays):
    call_command("seed_demo", reports=1500, months=3, seed=11, verbosity=0)
    month = datetime.now(tz=WIB).month
    year = datetime.now(tz=WIB).year
    period = Period.month(year if month > 1 else year - 1, month - 1 if month > 1 else 12)  # last month
    as_of = datetime.now(tz=WIB)
    expected = Trail().opds(period, as_of)
    actual = {row.code: row for row in opd_performance(period=period, as_of=as_of)}
    assert set(actual) == set(expected)
    assert sum(f["episodes"] for f in expected.values()) > 200  # a real month, not an empty one
    for code, f in expected.items():
        row = actual[code]
        assert (row.episodes, row.responded, row.resolved) == (f["episodes"], f["responded"], f["resolved"])
        assert (row.response_median, row.response_p90) == pytest.approx(f["response"])
        assert (row.resolution_median, row.resolution_p90) == pytest.approx(f["resolution"])
        assert (row.response_within, row.response_decided) == f["resp_share"]
        assert (row.resolution_within, row.resolution_decided) == f["res_share"]
        assert (row.returned, row.reopened, row.overdue, row.rank) == (
            f["returned"],
            f["reopened"],
            f["overdue"],
            f["rank"],
        )
    ranked = [row for row in actual.values() if row.rank]
    assert [row.rank for row in sorted(ranked, key=lambda r: r.response_median)] == list(range(1, len(ranked) + 1))


def test_an_opd_below_the_minimum_is_listed_but_not_ranked(holidays):
    call_command("seed_demo", reports=300, months=1, seed=3, verbosity=0)
    now = datetime.now(tz=WIB)
    rows = opd_performance(period=Period.month(now.year, now.month), min_count=10**6)
    assert rows and all(row.rank is None for row in rows)


def test_kecamatan_and_label_tables_count_the_months_reports(holidays):
    call_command("seed_demo", reports=800, months=2, seed=5, verbosity=0)
    now = datetime.now(tz=WIB)
    period = Period.month(now.year, now.month)
    start, end = period.bounds
    in_month = Report.objects.filter(created_at__gte=start, created_at__lt=end)
    by_kecamatan = {row.name: row for row in kecamatan_performance(period=period)}
    assert len(by_kecamatan) == 14
    assert sum(row.received for row in by_kecamatan.values()) == in_month.count()
    assert by_kecamatan["Trenggalek"].received == in_month.filter(kecamatan__nama="Trenggalek").count()
    labels = category_performance(period=period)
    assert (
        sum(row.rejected for row in labels)
        == ReportEvent.objects.filter(transition="reject", report__in=in_month).count()
    )
    unused = [row for row in labels if row.received == 0]
    assert all(row.follow_up_rate is None and row.resolution_median is None for row in unused)
    assert statistics.mean([1]) == 1


def test_the_area_figures_read_only_what_their_indexes_cover():
    """Per kecamatan and per label, a period's reports are read from one index alone (index-only scans): every
    column the query takes from the outcomes must be in the index. Adding a figure without its column in the
    index turned the scans into heap scans, 5-10x slower (bench/dashboard.py)."""
    import re

    from workflow.models import ReportOutcome
    from workflow.selectors import performance

    figures = set(re.findall(r"\bx\.(\w+)", performance._AREA_BRANCH))
    for index in ReportOutcome._meta.indexes:
        if index.name in {"outcome_kecamatan_idx", "outcome_category_idx"}:
            assert figures <= set(index.include), (index.name, figures - set(index.include))
