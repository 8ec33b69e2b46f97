"""The report's clocks, written once: which states each clock runs in and which due time it runs against, WIB
(the regency's time zone), and "overdue now" as a Django filter, as SQL and for one report.

The due times are set by the workflow (workflow.services.transitions, from working days: workflow.calendar); the
overdue job, the desks, the staff API's `overdue` property and filter all read the rule here.
"""

from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import timezone
from psycopg2 import sql

from geoportal.states import ReportStatus as S

WIB = ZoneInfo("Asia/Jakarta")  # Western Indonesian Time: days, months and working hours are counted in it


@dataclass(frozen=True)
class Clock:
    states: tuple[str, ...]  # the states in which it runs
    due: str  # the Report field holding its deadline
    flag: str  # the Report field set when the overdue job has told about it


# In this order: a report overdue on two clocks reports the first.
CLOCKS = {
    "verification": Clock((S.RECEIVED,), "verification_due", "verification_flagged_at"),
    "response": Clock((S.DISPATCHED,), "response_due", "response_flagged_at"),
    "resolution": Clock((S.DISPATCHED, S.IN_PROGRESS, S.REOPENED), "resolution_due", "resolution_flagged_at"),
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
