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

__all__ = [
    "MIN_COUNT_FOR_RANKING",
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
