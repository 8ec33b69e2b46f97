"""Generating and keeping the monthly reports."""

from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction

from reports_pdf.figures import monthly_figures
from reports_pdf.models import MonthlyReport
from reports_pdf.render import monthly_report_render


def monthly_report_get(*, year: int, month: int, regenerate: bool = False) -> MonthlyReport:
    """The stored report of a month (with one page per OPD), generating it the first time, when asked to, or when
    its file is gone."""
    first = date(year, month, 1)
    existing = MonthlyReport.objects.filter(month=first).first()
    if existing and not regenerate and existing.pdf.storage.exists(existing.pdf.name):
        return existing
    figures = monthly_figures(year=year, month=month)
    _html, pdf = monthly_report_render(figures=figures, opd_pages=True)
    with transaction.atomic():
        report = existing or MonthlyReport(month=first)
        old = report.pdf.name if existing else None
        report.figures = figures.as_dict()
        report.pdf.save(f"laporan-kinerja-{first:%Y-%m}.pdf", ContentFile(pdf), save=False)
        report.save()
    if old and old != report.pdf.name:
        report.pdf.storage.delete(old)
    return report


def last_month(today: date) -> tuple[int, int]:
    return (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
