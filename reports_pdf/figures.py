"""The report's figures, all from the workflow's selectors (workflow.selectors.period: one source of truth with the
dashboard, which shows the same PeriodFigures "at the end of the period").

A report counts in the period it was received (Asia/Jakarta); clock figures are for reports dispatched in the period.
"""

from datetime import datetime

from workflow.selectors import Period
from workflow.selectors.period import PeriodFigures, period_figures

MonthlyFigures = PeriodFigures  # a month is a period


def monthly_figures(*, year: int, month: int, as_of: datetime | None = None) -> PeriodFigures:
    return period_figures(period=Period.month(year, month), as_of=as_of, with_map=True)


def period_report_figures(*, period: Period, as_of: datetime | None = None) -> PeriodFigures:
    return period_figures(period=period, as_of=as_of, with_map=True)
