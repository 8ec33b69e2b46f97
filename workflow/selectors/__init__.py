"""Reads (STYLE.md): the leadership's performance figures, and what the desks work from."""

from workflow.selectors.desks import (
    PublicStep,
    queue_opd,
    queue_returned,
    queue_screening,
    report_public_timeline,
    report_similar_nearby,
)
from workflow.selectors.performance import (
    MIN_COUNT_FOR_RANKING,
    AreaFigures,
    OpdFigures,
    Period,
    category_performance,
    kecamatan_performance,
    opd_performance,
    squad_performance,
)

__all__ = [
    "MIN_COUNT_FOR_RANKING",
    "AreaFigures",
    "OpdFigures",
    "Period",
    "PublicStep",
    "category_performance",
    "kecamatan_performance",
    "opd_performance",
    "queue_opd",
    "queue_returned",
    "queue_screening",
    "report_public_timeline",
    "report_similar_nearby",
    "squad_performance",
]
