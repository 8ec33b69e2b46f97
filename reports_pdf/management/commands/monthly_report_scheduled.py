from django.core.management.base import BaseCommand
from django.utils import timezone

from reports_pdf.models import MonthlyReport
from reports_pdf.services import last_month, monthly_report_get


class Command(BaseCommand):
    help = (
        "Generate and keep last month's report if it is not there yet (idempotent). "
        "Cron: 0 6 1 * * .venv/bin/python manage.py monthly_report_scheduled"
    )

    def handle(self, *args, **options):
        year, month = last_month(timezone.localdate())
        if MonthlyReport.objects.filter(month__year=year, month__month=month).exists():
            self.stdout.write(f"{year:04d}-{month:02d}: already generated, nothing to do.")
            return
        report = monthly_report_get(year=year, month=month)
        self.stdout.write(self.style.SUCCESS(f"{year:04d}-{month:02d}: generated {report.pdf.name}"))
