"""All of a period's figures as at one instant: what the leadership dashboard and the PDF (monthly or any period)
both render, so that the dashboard "at the end of the period" and the PDF are the same figures.

The previous period (Period.previous) is taken at the same distance after its own end, so both had the same time to
mature; each OPD's trend is its figures per calendar month of the period, as at the same instant.
"""

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta

from geoportal.clocks import WIB
from workflow.selectors.performance import (
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

TREND_MONTHS = 12
MAX_PERIOD_DAYS = 366


@dataclass
class PeriodFigures:
    period: Period
    as_of: datetime
    summary: PeriodSummary
    previous_period: Period
    previous: PeriodSummary
    opds: list[OpdFigures]
    kecamatan: list[AreaFigures]
    labels: list[AreaFigures]
    squads: list[AreaFigures]
    overdue: list[dict] = field(default_factory=list)  # overdue_at(as_of): the annex, and the OPD column
    # Per OPD code, its figures per calendar month of the period (empty for a period within one month).
    opd_trend: dict[str, list[OpdFigures]] = field(default_factory=dict)
    trend_months: list[Period] = field(default_factory=list)
    trend: list[dict] = field(default_factory=list)  # the last 12 months up to the period's: received, resolved
    # (lon, lat, status at as_of) of the period's reports, rejected and duplicates left out: the status map
    statuses: list[tuple[float, float, str]] = field(default_factory=list, repr=False)
    # The audit chain's head at as_of ({"position", "hash"}; None before the first event), set by the PDF's figures
    # (reports_pdf.figures): printed so that the history up to it can be proved unchanged later (workflow/AUDIT.md).
    chain_head: dict | None = None

    @property
    def month(self) -> date:
        return self.period.start

    @property
    def at_end(self) -> bool:
        """Whether the figures are as at the period's end (not a moment within it)."""
        return self.as_of >= self.period.bounds[1]

    @property
    def ranked(self) -> list[OpdFigures]:
        return [o for o in self.opds if o.rank]

    def as_dict(self) -> dict:
        """Plain data, stored with the PDF so a past month's figures can be shown again exactly (the status map's
        points are left out: they are the trail's, and would make the row as large as the month)."""
        data = asdict(self)
        data.pop("statuses")
        return data


def period_end_instant(period: Period, now: datetime | None = None) -> datetime:
    """The instant "at the end of the period": its end, or now while it has not ended."""
    return min(now or datetime.now(tz=WIB), period.bounds[1])


def period_figures(
    *, period: Period, as_of: datetime | None = None, with_trend: bool = True, with_map: bool = False
) -> PeriodFigures:
    """Every figure of `period` as at `as_of` (default: the end of the period). `with_map` adds the status map's points
    and the 12-month chart (the PDF's)."""
    as_of = as_of or period_end_instant(period)
    previous = period.previous()
    previous_as_of = as_of - (period.bounds[1] - previous.bounds[1])
    overdue = overdue_at(as_of)  # one as-at list: the OPD table's "Overdue" counts its rows
    figures = PeriodFigures(
        period=period,
        as_of=as_of,
        summary=period_summary(period=period, as_of=as_of),
        previous_period=previous,
        previous=period_summary(period=previous, as_of=previous_as_of),
        opds=opd_performance(period=period, as_of=as_of, overdue=overdue),
        kecamatan=kecamatan_performance(period=period, as_of=as_of),
        labels=category_performance(period=period, as_of=as_of),
        squads=squad_performance(period=period, as_of=as_of),
        overdue=overdue,
    )
    months = period.months()
    if with_trend and len(months) > 1:
        figures.trend_months = months
        per_month = [
            {o.code: o for o in opd_performance(period=month, as_of=as_of, overdue=[])}
            for month in months
            if month.bounds[0] <= as_of
        ]
        figures.opd_trend = {o.code: [rows.get(o.code) for rows in per_month] for o in figures.opds}
    if with_map:
        figures.trend = _trend(period, as_of)
        figures.statuses = statuses_at(period=period, as_of=as_of)
    return figures


def _trend(period: Period, as_of: datetime) -> list[dict]:
    """Received and resolved (as of `as_of`) in each of the twelve months up to the period's last."""
    first = period.last_day.replace(day=1)
    for _ in range(TREND_MONTHS - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    return [
        {"label": f"{month:%Y-%m}", "received": received, "resolved": resolved}
        for month, received, resolved in received_per_month(period=Period(first, period.end), as_of=as_of)
    ]
