"""The dashboard's figures equal an independent computation, in Python, over the audit trail alone."""

import statistics
from collections import defaultdict
from datetime import datetime

import pytest
from django.core.management import call_command

from geoportal.clocks import WIB
from geoportal.models import Report
from workflow.calendar import holiday_dates, working_days_between
from workflow.models import ReportEvent
from workflow.selectors import Period, category_performance, kecamatan_performance, opd_performance

pytestmark = pytest.mark.django_db


def _quantile(values: list[float], q: float) -> float | None:
    """percentile_cont: linear interpolation between the closest ranks."""
    if not values:
        return None
    values = sorted(values)
    position = (len(values) - 1) * q
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def _expected_opd(period: Period, as_of: datetime) -> dict[str, dict]:
    start, end = period.bounds
    days_off = holiday_dates()
    events = defaultdict(list)
    for e in ReportEvent.objects.select_related("opd").order_by("created_at", "id"):
        events[e.report_id].append(e)
    targets = dict(Report.objects.values_list("id", "category__response_target_days"))
    resolution_targets = dict(Report.objects.values_list("id", "category__resolution_target_days"))
    per_opd: dict[str, dict] = defaultdict(lambda: defaultdict(list))
    for report_id, trail in events.items():
        dispatches = [i for i, e in enumerate(trail) if e.transition in ("dispatch", "redispatch")]
        for n, i in enumerate(dispatches):
            t0 = trail[i].created_at
            if not (start <= t0 < end and t0 <= as_of):
                continue
            stop = trail[dispatches[n + 1]].created_at if n + 1 < len(dispatches) else None
            inside = [e for e in trail[i + 1 :] if (stop is None or e.created_at < stop) and e.created_at <= as_of]
            responses = [e.created_at for e in inside if e.transition in ("acknowledge", "resolve")]
            resolves = [e.created_at for e in inside if e.transition == "resolve"]
            reopens = [e.created_at for e in inside if e.transition == "reopen"]
            returned = any(e.transition == "return_to_operator" for e in inside)
            figures = per_opd[trail[i].opd.code]
            figures["episodes"].append(report_id)
            response = working_days_between(t0, responses[0], days_off=days_off) if responses else None
            resolved = bool(resolves) and (not reopens or resolves[-1] > reopens[-1])
            resolution = working_days_between(t0, resolves[-1], days_off=days_off) if resolved else None
            running = working_days_between(t0, as_of, days_off=days_off)
            if response is not None:
                figures["response"].append(response)
                figures["responded_ids"].append(report_id)
            if resolution is not None:
                figures["resolution"].append(resolution)
            rt, st = targets[report_id], resolution_targets[report_id]
            figures["resp_within"].append(response is not None and response <= rt)
            figures["resp_decided"].append(response is not None or (not returned and running > rt))
            figures["res_within"].append(resolution is not None and resolution <= st)
            figures["res_decided"].append(resolution is not None or (not returned and running > st))
            figures["returned"].append(returned)
            figures["reopened"].append(bool(reopens))
    return per_opd


def test_opd_figures_match_the_audit_trail(holidays):
    call_command("seed_demo", reports=1500, months=3, seed=11, verbosity=0)
    month = datetime.now(tz=WIB).month
    year = datetime.now(tz=WIB).year
    period = Period.month(year if month > 1 else year - 1, month - 1 if month > 1 else 12)  # last month
    as_of = datetime.now(tz=WIB)
    expected = _expected_opd(period, as_of)
    actual = {row.code: row for row in opd_performance(period=period, as_of=as_of)}
    assert sum(len(f["episodes"]) for f in expected.values()) > 200  # a real month, not an empty one
    for code, f in expected.items():
        row = actual[code]
        assert row.episodes == len(f["episodes"])
        assert row.responded == len(f["response"]) and row.resolved == len(f["resolution"])
        assert row.response_median == pytest.approx(_quantile(f["response"], 0.5))
        assert row.response_p90 == pytest.approx(_quantile(f["response"], 0.9))
        assert row.resolution_median == pytest.approx(_quantile(f["resolution"], 0.5))
        assert row.resolution_p90 == pytest.approx(_quantile(f["resolution"], 0.9))
        assert (row.response_within, row.response_decided) == (sum(f["resp_within"]), sum(f["resp_decided"]))
        assert (row.resolution_within, row.resolution_decided) == (sum(f["res_within"]), sum(f["res_decided"]))
        assert (row.returned, row.reopened) == (sum(f["returned"]), sum(f["reopened"]))
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
