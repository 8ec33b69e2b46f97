import re
from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection

from geoportal.clocks import WIB
from reports_pdf.figures import monthly_figures
from reports_pdf.render import monthly_report_render
from workflow.selectors import Period, overdue_at

pytestmark = pytest.mark.django_db


def _last_month() -> tuple[int, int]:
    now = datetime.now(tz=WIB)
    return (now.year, now.month - 1) if now.month > 1 else (now.year - 1, 12)


def _card(html: str, name: str) -> int:
    return int(re.search(rf'<b id="{name}">(\d+)</b>', html).group(1))


def test_the_pdf_shows_the_months_figures_recomputed_independently(holidays):
    call_command("seed_demo", reports=1500, months=3, seed=21, verbosity=0)
    year, month = _last_month()
    figures = monthly_figures(year=year, month=month)
    html, pdf = monthly_report_render(figures=figures)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000

    start, end = Period.month(year, month).bounds
    with connection.cursor() as cursor:
        # Independent SQL over the audit trail: reports received in the month, and what happened to them.
        cursor.execute(
            """
            SELECT count(DISTINCT r.id),
                   count(DISTINCT r.id) FILTER (WHERE e.transition = 'reject'),
                   count(DISTINCT r.id) FILTER (WHERE e.transition IN ('dispatch', 'redispatch')),
                   count(DISTINCT r.id) FILTER (WHERE e.transition = 'close')
            FROM geoportal_report r JOIN workflow_reportevent e ON e.report_id = r.id
            WHERE r.created_at >= %s AND r.created_at < %s AND e.created_at <= %s
            """,
            [start, end, end],
        )
        received, rejected, dispatched, closed = cursor.fetchone()
    assert received > 100
    assert (_card(html, "received"), _card(html, "rejected"), _card(html, "dispatched"), _card(html, "closed")) == (
        received,
        rejected,
        dispatched,
        closed,
    )
    for opd in figures.opds:
        row = re.search(rf'data-opd="{opd.code}">(.*?)</tr>', html, re.S).group(1)
        assert f'<td class="n">{opd.episodes}</td>' in row
    assert "Tercepat:" in html
    assert 'counter(page) " dari " counter(pages)' in html  # "Halaman n dari m" on every page


def test_a_month_without_reports_still_renders(holidays):
    html, pdf = monthly_report_render(figures=monthly_figures(year=2019, month=2))
    assert pdf.startswith(b"%PDF")
    assert _card(html, "received") == 0
    assert "Tidak ada OPD dengan laporan cukup untuk diperingkat" in html
    assert "Tidak ada laporan yang lewat tenggat" in html


def test_the_command_writes_the_pdf(holidays, tmp_path, capsys):
    target = tmp_path / "okt.pdf"
    call_command("monthly_report", month="2026-10", output=target)
    assert target.read_bytes().startswith(b"%PDF")
    assert "okt.pdf" in capsys.readouterr().out
    with pytest.raises(Exception, match="YYYY-MM"):
        call_command("monthly_report", month="Oktober")


# The audit trail alone, grouped afresh per month (what the monthly report computed before it read the stored facts).
_TRAIL_SUMMARY = """
WITH rep AS (
  SELECT r.id, r.created_at,
         coalesce(bool_or(e.transition = 'verify'), false) AS verified,
         coalesce(bool_or(e.transition = 'reject'), false) AS rejected,
         coalesce(bool_or(e.transition = 'mark_duplicate'), false) AS duplicate,
         coalesce(bool_or(e.transition IN ('dispatch', 'redispatch')), false) AS dispatched,
         coalesce(bool_or(e.transition = 'close'), false) AS closed,
         max(e.created_at) FILTER (WHERE e.transition = 'resolve') AS last_resolve,
         max(e.created_at) FILTER (WHERE e.transition = 'reopen') AS last_reopen
  FROM geoportal_report r
  LEFT JOIN workflow_reportevent e ON e.report_id = r.id AND e.created_at <= %(as_of)s
  WHERE r.created_at >= %(start)s AND r.created_at < %(end)s AND r.created_at <= %(as_of)s
  GROUP BY r.id
)
SELECT count(*), count(*) FILTER (WHERE verified), count(*) FILTER (WHERE rejected),
       count(*) FILTER (WHERE duplicate), count(*) FILTER (WHERE dispatched),
       count(*) FILTER (WHERE last_resolve IS NOT NULL AND (last_reopen IS NULL OR last_resolve > last_reopen)),
       count(*) FILTER (WHERE closed)
FROM rep
"""
_TRAIL_HELD = """
WITH last AS (
  SELECT DISTINCT ON (e.report_id) e.report_id, e.to_status, e.created_at
  FROM workflow_reportevent e WHERE e.created_at <= %(as_of)s
  ORDER BY e.report_id, e.created_at DESC, e.id DESC
)
SELECT l.report_id FROM last l WHERE l.to_status IN ('dispatched', 'in_progress', 'reopened')
"""


def _trail(sql: str, **params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def test_summary_trend_and_overdue_list_match_the_audit_trail_as_of_any_moment(holidays):
    call_command("seed_demo", reports=1500, months=4, seed=7, verbosity=0)
    year, month = _last_month()
    period = Period.month(year, month)
    start, end = period.bounds
    # As of now (the stored facts), of the month's end (a PDF made afterwards), and of a moment within it.
    listed = []
    for as_of in (datetime.now(tz=WIB), end, start + (end - start) / 2):
        figures = monthly_figures(year=year, month=month, as_of=as_of)
        summary = figures.summary
        expected = _trail(_TRAIL_SUMMARY, start=start, end=end, as_of=as_of)[0]
        got = (summary.received, summary.verified, summary.rejected, summary.duplicates, summary.dispatched)
        assert (*got, summary.resolved, summary.closed) == expected, as_of
        assert summary.received > 100 and 0 < summary.resolved < summary.received
        assert sum(summary.rejected_by_reason.values()) == summary.rejected
        assert list(summary.rejected_by_reason.values()) == sorted(summary.rejected_by_reason.values(), reverse=True)

        labels = [row["label"] for row in figures.trend]
        assert len(labels) == 12 and labels == sorted(set(labels)) and labels[-1] == f"{period.start:%Y-%m}"
        assert labels[0] == f"{year - 1 + (month == 12):04d}-{month % 12 + 1:02d}"  # eleven months back
        for row in figures.trend:
            first = datetime.strptime(row["label"], "%Y-%m").date()
            bounds = Period.month(first.year, first.month).bounds
            received, *_rest, resolved, _closed = _trail(_TRAIL_SUMMARY, start=bounds[0], end=bounds[1], as_of=as_of)[0]
            assert (row["received"], row["resolved"]) == (received, resolved), (as_of, row)

        held = {report_id for (report_id,) in _trail(_TRAIL_HELD, as_of=as_of)}
        overdue = [row["id"] for row in figures.overdue]
        # Whether any report is late at one given instant depends on the hour the demo was seeded at (its newest
        # reports are created up to "now"); the check below needs overdue reports at some instant, not at each.
        listed.append(len(overdue))
        assert set(overdue) <= held and len(set(overdue)) == len(overdue)
        late = [row["days_overdue"] for row in figures.overdue]
        assert late == sorted(late, reverse=True) and all(days > 0 for days in late)
        # Every held report past a deadline, and no other: the deadlines from the trail's last dispatch, the response
        # one missed while the report was still 'dispatched' (nobody had acknowledged or resolved it) at as_of.
        expected_overdue = _trail(
            """
            SELECT r.id, d.status = 'dispatched' AND lapor_working_deadline(d.at, c.response_target_days) < %(as_of)s,
                   lapor_working_deadline(d.at, c.resolution_target_days) < %(as_of)s
            FROM geoportal_report r JOIN geoportal_category c ON c.id = r.category_id
            JOIN LATERAL (
              SELECT max(x.created_at) FILTER (WHERE x.transition IN ('dispatch', 'redispatch')) AS at,
                     (array_agg(x.to_status ORDER BY x.created_at DESC, x.id DESC))[1] AS status
              FROM workflow_reportevent x WHERE x.report_id = r.id AND x.created_at <= %(as_of)s
            ) d ON true
            WHERE r.id = ANY (%(held)s)
            """,
            held=list(held),
            as_of=as_of,
        )
        missed = {
            report_id: [clock for clock, late in (("response", response), ("resolution", resolution)) if late]
            for report_id, response, resolution in expected_overdue
        }
        assert {row["id"]: [c["clock"] for c in row["clocks"]] for row in figures.overdue} == {
            report_id: clocks for report_id, clocks in missed.items() if clocks
        }, as_of
        # The OPD table's column counts the annex's rows.
        for opd in figures.opds:
            assert opd.overdue == sum(row["opd"] == opd.code for row in figures.overdue), (as_of, opd.code)

    assert any(listed), f"the seeded months have no overdue report at any of the three instants: {listed}"

    # A report held past its deadline that moves afterwards is listed as of before it moved: once, and late.
    # (Ahead of now, where the demo's dispatched reports are all late; the move comes a day later still.)
    ahead = datetime.now(tz=WIB) + timedelta(days=30)
    (report_id, opd_id) = _trail(
        "SELECT id, opd_id FROM geoportal_report WHERE status = 'dispatched' AND resolution_due < %(m)s LIMIT 1",
        m=ahead,
    )[0]
    assert report_id in [row["id"] for row in overdue_at(ahead)]
    _trail(
        """
        INSERT INTO workflow_reportevent (report_id, transition, from_status, to_status, actor_role, opd_id, reason,
                                          note, created_at)
        VALUES (%(id)s, 'acknowledge', 'dispatched', 'in_progress', 'opd_officer', %(opd)s, '', '', %(at)s)
        RETURNING id
        """,
        id=report_id,
        opd=opd_id,
        at=ahead + timedelta(days=1),
    )
    listed = [row["id"] for row in overdue_at(ahead)]
    assert listed.count(report_id) == 1 and len(listed) == len(set(listed))
