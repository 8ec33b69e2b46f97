"""The report's clocks, written once: which states each clock runs in, which due time it runs against and which of
its label's targets sets it, WIB (the regency's time zone), and "overdue now" as a Django filter, as SQL and for one
report; and a clock's deadline in SQL for the as-of replays of the audit trail.

The due times are set by the workflow (workflow.services.transitions, from working days: workflow.calendar); the
overdue job, the desks, the staff API's `overdue` property and filter, and the monthly report's overdue annex
(workflow.selectors.performance) all read the rule here.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import timezone
from psycopg2 import sql

from geoportal.states import HELD_BY_OPD
from geoportal.states import ReportStatus as S

WIB = ZoneInfo("Asia/Jakarta")  # Western Indonesian Time: days, months and working hours are counted in it
# Its offset from UTC, "+07:00": fixed, Asia/Jakarta has had no daylight saving since 1964. The SQL that must be
# IMMUTABLE counts local days with it (workflow/sql/lapor_local_day.sql); the exports print it after each time.
# (config/settings.py's TIME_ZONE and the zone written in the SQL files are checked against WIB by
# tests/workflow/test_sql_files.py.)
_Z = datetime(2000, 1, 1, tzinfo=WIB).strftime("%z")  # "+0700"
WIB_OFFSET = f"{_Z[:3]}:{_Z[3:]}"


@dataclass(frozen=True)
class Clock:
    states: tuple[str, ...]  # the states in which it runs
    due: str  # the Report field holding its deadline
    flag: str  # the Report field set when the overdue job has told about it
    target: str  # the Category field: working days from the clock's start (receipt, or the dispatch to an OPD)


# In this order: a report overdue on two clocks reports the first.
CLOCKS = {
    "verification": Clock((S.RECEIVED,), "verification_due", "verification_flagged_at", "verification_target_days"),
    "response": Clock((S.DISPATCHED,), "response_due", "response_flagged_at", "response_target_days"),
    "resolution": Clock(HELD_BY_OPD, "resolution_due", "resolution_flagged_at", "resolution_target_days"),
}


def overdue_filter(*, now=None) -> Q:
    """Reports overdue now, on any clock (for queues and dashboards)."""
    now = now or timezone.now()
    condition = Q()
    for clock in CLOCKS.values():
        condition |= Q(status__in=clock.states, **{f"{clock.due}__lt": now})
    return condition


@cache
def overdue_sql(*, report: str = "r") -> sql.Composable:
    """The clock a report row aliased `report` has overrun now ('verification', 'response', 'resolution'), or NULL."""
    whens = [
        sql.SQL("WHEN {} IN ({}) AND {} < now() THEN {}").format(
            sql.Identifier(report, "status"),
            sql.SQL(", ").join(sql.Literal(str(state)) for state in clock.states),
            sql.Identifier(report, clock.due),
            sql.Literal(name),
        )
        for name, clock in CLOCKS.items()
    ]
    return sql.SQL("(CASE ") + sql.SQL(" ").join(whens) + sql.SQL(" END)")


def report_overdue_clock(report, *, now=None) -> str | None:
    """The clock this report has overrun now ("verification", "response", "resolution"), or None."""
    now = now or timezone.now()
    for name, clock in CLOCKS.items():
        deadline = getattr(report, clock.due)
        if report.status in clock.states and deadline and deadline < now:
            return name
    return None


def deadline_sql(name: str, *, status: sql.Composable, start: sql.Composable, category: str = "c") -> sql.Composable:
    """Clock `name`'s deadline for a report whose status is the SQL expression `status` and whose clock started at
    `start` (an SQL expression), its label's row aliased `category`: lapor_working_deadline(start, the label's
    target) while the clock runs in that status, else NULL. For moments in the past, where the due fields of the
    report row no longer tell (the monthly report's overdue annex)."""
    clock = CLOCKS[name]
    return sql.SQL("(CASE WHEN {} IN ({}) THEN lapor_working_deadline({}, {}) END)").format(
        status,
        sql.SQL(", ").join(sql.Literal(str(state)) for state in clock.states),
        start,
        sql.Identifier(category, clock.target),
    )
