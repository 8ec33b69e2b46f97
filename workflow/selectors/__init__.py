"""Reads (STYLE.md): the leadership's performance figures, and what the desks work from."""

from workflow.selectors.desks import (
    PublicStep,
    queue_opd,
    queue_returned,
    queue_screening,
    report_find_by_code,
    report_public_timeline,
    report_similar_nearby,
)
from workflow.selectors.performance import (
    MIN_COUNT_FOR_RANKING,
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
from workflow.selectors.period import MAX_PERIOD_DAYS, PeriodFigures, period_end_instant, period_figures

__all__ = [
    "MAX_PERIOD_DAYS",
    "MIN_COUNT_FOR_RANKING",
    "PeriodFigures",
    "period_end_instant",
    "period_figures",
    "AreaFigures",
    "OpdFigures",
    "Period",
    "PeriodSummary",
    "PublicStep",
    "category_performance",
    "kecamatan_performance",
    "opd_performance",
    "overdue_at",
    "period_summary",
    "queue_opd",
    "queue_returned",
    "queue_screening",
    "report_find_by_code",
    "received_per_month",
    "report_public_timeline",
    "report_similar_nearby",
    "squad_performance",
    "statuses_at",
]
