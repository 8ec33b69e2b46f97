"""The monthly report's figures, all from the workflow's selectors (one source of truth with the dashboard).

A report counts in the month it was received (Asia/Jakarta); clock figures are for reports dispatched in the month.
"""

from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from workflow.calendar import WIB
from workflow.selectors import (
    AreaFigures,
    OpdFigures,
    Period,
    PeriodSummary,
    category_performance,
    kecamatan_performance,
    opd_performance,
    overdue_at,
    period_summary,
    received_per_month,
    squad_performance,
    statuses_at,
)
from workflow.services.audit import audit_chain_head

TREND_MONTHS = 12


@dataclass
class MonthlyFigures:
    month: date
    as_of: datetime
    summary: PeriodSummary
    previous: PeriodSummary
    opds: list[OpdFigures]
    kecamatan: list[AreaFigures]
    labels: list[AreaFigures]
    squads: list[AreaFigures]
    overdue: list[dict] = field(default_factory=list)  # overdue_at(as_of): the annex, and the OPD column
    trend: list[dict] = field(default_factory=list)  # the last 12 months: received, resolved
    # (lon, lat, status at as_of) of the month's reports, rejected and duplicates left out: the status map
    statuses: list[tuple[float, float, str]] = field(default_factory=list, repr=False)
    # The audit chain's head at as_of ({"position", "hash"}; None before the first event): printed, so that anyone
    # holding this PDF can later prove the history up to it was not rewritten (workflow/AUDIT.md).
    chain_head: dict | None = None

    def as_dict(self) -> dict:
        """Plain data, stored with the PDF so a past month's figures can be shown again exactly (the status map's
        points are left out: they are the trail's, and would make the row as large as the month)."""
        data = asdict(self)
        data.pop("statuses")
        return data


def monthly_figures(*, year: int, month: int, as_of: datetime | None = None) -> MonthlyFigures:
    period = Period.month(year, month)
    previous = Period.month(year - 1, 12) if month == 1 else Period.month(year, month - 1)
    end = period.bounds[1]
    as_of = as_of or min(datetime.now(tz=WIB), end)
    overdue = overdue_at(as_of)  # one as-at list: the OPD table's "Lewat tenggat" counts its rows
    return MonthlyFigures(
        month=period.start,
        as_of=as_of,
        summary=period_summary(period=period, as_of=as_of),
        previous=period_summary(period=previous, as_of=previous.bounds[1]),
        opds=opd_performance(period=period, as_of=as_of, overdue=overdue),
        kecamatan=kecamatan_performance(period=period, as_of=as_of),
        labels=category_performance(period=period, as_of=as_of),
        squads=squad_performance(period=period, as_of=as_of),
        overdue=overdue,
        trend=_trend(period, as_of),
        statuses=statuses_at(period=period, as_of=as_of),
        chain_head=_chain_head(as_of),
    )


def _chain_head(as_of: datetime) -> dict | None:
    head = audit_chain_head(at=as_of)
    return {"position": head.position, "hash": head.hash.hex()} if head else None


def _trend(period: Period, as_of: datetime) -> list[dict]:
    """Received and resolved (as of `as_of`) in each of the twelve months up to this one."""
    first = period.start
    for _ in range(TREND_MONTHS - 1):
        first = date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)
    return [
        {"label": f"{month:%Y-%m}", "received": received, "resolved": resolved}
        for month, received, resolved in received_per_month(period=Period(first, period.end), as_of=as_of)
    ]
