"""The report's figures, all from the workflow's selectors (workflow.selectors.period: one source of truth with the
dashboard, which shows the same PeriodFigures "at the end of the period"), plus the audit chain's head at the
figures' instant (workflow/AUDIT.md), printed so that anyone holding the PDF can later prove the history up to it
was not rewritten.

A report counts in the period it was received (Asia/Jakarta); clock figures are for reports dispatched in the period.
"""

from datetime import datetime

from workflow.selectors import Period
from workflow.selectors.period import PeriodFigures, period_figures
from workflow.services.audit import audit_chain_head

MonthlyFigures = PeriodFigures  # a month is a period


def monthly_figures(*, year: int, month: int, as_of: datetime | None = None) -> PeriodFigures:
    return _with_chain_head(period_figures(period=Period.month(year, month), as_of=as_of, with_map=True))


def period_report_figures(*, period: Period, as_of: datetime | None = None) -> PeriodFigures:
    return _with_chain_head(period_figures(period=period, as_of=as_of, with_map=True))


def _with_chain_head(figures: PeriodFigures) -> PeriodFigures:
    head = audit_chain_head(at=figures.as_of)
    figures.chain_head = {"position": head.position, "hash": head.hash.hex()} if head else None
    return figures
