from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from reports_pdf.figures import period_report_figures
from reports_pdf.render import monthly_report_render
from workflow.period_input import period_from_query


class Command(BaseCommand):
    help = (
        "Render the performance report of any period (e.g. the six-month trial) as a PDF, as at the period's end, "
        "compared with the previous period of the same length, with each OPD month by month."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="last day (included), YYYY-MM-DD")
        parser.add_argument("--output", type=Path, help="PDF path (default: laporan-kinerja-<from>-<to>.pdf)")
        parser.add_argument("--opd-pages", action="store_true", help="add one page per OPD")

    def handle(self, *args, **options):
        # The dashboard's own reading of the two days: the same bounds and the same refusals.
        with translation.override("en"):
            choice = period_from_query({"dari": options["start"], "sampai": options["end"]}, today=date.today())
        if choice.errors:
            raise CommandError(" ".join(choice.errors))
        period = choice.period
        self.stdout.write("1/2 figures from the audit trail …")
        figures = period_report_figures(period=period)
        self.stdout.write("2/2 rendering the PDF …")
        _html, pdf = monthly_report_render(figures=figures, opd_pages=options["opd_pages"])
        target = options["output"] or Path(f"laporan-kinerja-{period.start:%Y-%m-%d}-{period.last_day:%Y-%m-%d}.pdf")
        target.write_bytes(pdf)
        self.stdout.write(
            self.style.SUCCESS(f"{target} ({len(pdf) / 1024:.0f} KiB): {figures.summary.received} reports received")
        )
