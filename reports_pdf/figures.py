"""The monthly report's figures, all from the workflow's selectors (one source of truth with the dashboard).

A report counts in the month it was received (Asia/Jakarta); clock figures are for reports dispatched in the month.
"""

from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from django.db import connection

from workflow.calendar import WIB
from workflow.selectors import (
    AreaFigures,
    OpdFigures,
    Period,
    category_performance,
    kecamatan_performance,
    opd_performance,
    squad_performance,
)


@dataclass
class Summary:
    received: int
    verified: int
    rejected: int
    duplicates: int
    dispatched: int
    resolved: int
    closed: int
    open: int
    rejected_by_reason: dict[str, int]
    verification_median: float | None
    verification_p90: float | None

    @property
    def follow_up_rate(self) -> float | None:
        relevant = self.received - self.rejected - self.duplicates
        return self.resolved / relevant if relevant else None


@dataclass
class MonthlyFigures:
    month: date
    as_of: datetime
    summary: Summary
    previous: Summary
    opds: list[OpdFigures]
    kecamatan: list[AreaFigures]
    labels: list[AreaFigures]
    squads: list[AreaFigures]
    overdue: list[dict] = field(default_factory=list)
    trend: list[dict] = field(default_factory=list)  # the last 12 months: received, resolved

    def as_dict(self) -> dict:
        """Plain data, stored with the PDF so a past month's figures can be shown again exactly."""
        return asdict(self)


def monthly_figures(*, year: int, month: int, as_of: datetime | None = None) -> MonthlyFigures:
    period = Period.month(year, month)
    previous = Period.month(year - 1, 12) if month == 1 else Period.month(year, month - 1)
    end = period.bounds[1]
    as_of = as_of or min(datetime.now(tz=WIB), end)
    return MonthlyFigures(
        month=period.start,
        as_of=as_of,
        summary=_summary(period, as_of),
        previous=_summary(previous, previous.bounds[1]),
        opds=opd_performance(period=period, as_of=as_of),
        kecamatan=kecamatan_performance(period=period, as_of=as_of),
        labels=category_performance(period=period, as_of=as_of),
        squads=squad_performance(period=period, as_of=as_of),
        overdue=_overdue_at(as_of),
        trend=_trend(year, month, as_of),
    )


def _trend(year: int, month: int, as_of: datetime, months: int = 12) -> list[dict]:
    rows = []
    for back in range(months - 1, -1, -1):
        y, m = year, month - back
        while m < 1:
            y, m = y - 1, m + 12
        summary = _summary(Period.month(y, m), as_of)
        rows.append({"label": f"{y:04d}-{m:02d}", "received": summary.received, "resolved": summary.resolved})
    return rows


_SUMMARY_SQL = """
WITH rep AS (
  SELECT r.id, r.created_at,
         coalesce(bool_or(e.transition = 'verify'), false) AS verified,
         coalesce(bool_or(e.transition = 'reject'), false) AS rejected,
         coalesce(bool_or(e.transition = 'mark_duplicate'), false) AS duplicate,
         coalesce(bool_or(e.transition IN ('dispatch', 'redispatch')), false) AS dispatched,
         coalesce(bool_or(e.transition = 'close'), false) AS closed,
         max(e.created_at) FILTER (WHERE e.transition = 'resolve') AS last_resolve,
         max(e.created_at) FILTER (WHERE e.transition = 'reopen') AS last_reopen,
         min(e.created_at) FILTER (WHERE e.transition IN ('verify', 'reject', 'mark_duplicate')) AS screened_at
  FROM geoportal_report r
  LEFT JOIN workflow_reportevent e ON e.report_id = r.id AND e.created_at <= %(as_of)s
  WHERE r.created_at >= %(start)s AND r.created_at < %(end)s AND r.created_at <= %(as_of)s
  GROUP BY r.id
)
SELECT count(*),
       count(*) FILTER (WHERE verified),
       count(*) FILTER (WHERE rejected),
       count(*) FILTER (WHERE duplicate),
       count(*) FILTER (WHERE dispatched),
       count(*) FILTER (WHERE last_resolve IS NOT NULL AND (last_reopen IS NULL OR last_resolve > last_reopen)),
       count(*) FILTER (WHERE closed),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY lapor_working_days(created_at, screened_at)),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY lapor_working_days(created_at, screened_at))
FROM rep
"""
_REASONS_SQL = """
SELECT e.reason, count(*) FROM workflow_reportevent e JOIN geoportal_report r ON r.id = e.report_id
WHERE e.transition = 'reject' AND e.created_at <= %(as_of)s
  AND r.created_at >= %(start)s AND r.created_at < %(end)s AND r.created_at <= %(as_of)s
GROUP BY e.reason ORDER BY count(*) DESC
"""


def _summary(period: Period, as_of: datetime) -> Summary:
    start, end = period.bounds
    with connection.cursor() as cursor:
        params = {"start": start, "end": end, "as_of": as_of}
        cursor.execute(_SUMMARY_SQL, params)
        received, verified, rejected, duplicates, dispatched, resolved, closed, v_med, v_p90 = cursor.fetchone()
        cursor.execute(_REASONS_SQL, params)
        reasons = dict(cursor.fetchall())
    return Summary(
        received=received,
        verified=verified,
        rejected=rejected,
        duplicates=duplicates,
        dispatched=dispatched,
        resolved=resolved,
        closed=closed,
        open=received - rejected - duplicates - resolved,
        rejected_by_reason=reasons,
        verification_median=v_med,
        verification_p90=v_p90,
    )


def _overdue_at(moment: datetime) -> list[dict]:
    """Reports held by an OPD at `moment` whose resolution deadline had passed: from the audit trail."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH last AS (
              SELECT DISTINCT ON (e.report_id) e.report_id, e.to_status
              FROM workflow_reportevent e WHERE e.created_at <= %(m)s
              ORDER BY e.report_id, e.created_at DESC, e.id DESC
            ), held AS (
              SELECT l.report_id, d.opd_id, d.created_at AS dispatched_at
              FROM last l
              JOIN LATERAL (
                SELECT opd_id, created_at FROM workflow_reportevent x
                WHERE x.report_id = l.report_id AND x.transition IN ('dispatch', 'redispatch') AND x.created_at <= %(m)s
                ORDER BY x.created_at DESC, x.id DESC LIMIT 1
              ) d ON true
              WHERE l.to_status IN ('dispatched', 'in_progress', 'reopened')
            )
            SELECT r.id, r.tracking_code, c.name, k.nama, o.code,
                   lapor_working_days(lapor_working_deadline(h.dispatched_at, c.resolution_target_days), %(m)s) AS late
            FROM held h JOIN geoportal_report r ON r.id = h.report_id
            JOIN geoportal_category c ON c.id = r.category_id JOIN geoportal_kecamatan k ON k.id = r.kecamatan_id
            JOIN geoportal_opd o ON o.id = h.opd_id
            WHERE lapor_working_deadline(h.dispatched_at, c.resolution_target_days) < %(m)s
            ORDER BY late DESC, r.id
            """,
            {"m": moment},
        )
        return [
            {"id": i, "tracking_code": code, "label": label, "kecamatan": kec, "opd": opd, "days_overdue": late}
            for i, code, label, kec, opd, late in cursor.fetchall()
        ]
