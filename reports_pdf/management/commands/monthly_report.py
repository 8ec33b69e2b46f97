from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports_pdf.figures import monthly_figures
from reports_pdf.render import monthly_report_render


class Command(BaseCommand):
    help = "Render the monthly performance report for leadership as a PDF (and its figures)."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="YYYY-MM, e.g. 2026-10")
        parser.add_argument("--output", type=Path, help="PDF path (default: laporan-kinerja-YYYY-MM.pdf)")
        parser.add_argument("--opd", help="add the page of this OPD (code), for its head")
        parser.add_argument("--opd-pages", action="store_true", help="add one page per OPD")

    def handle(self, *args, **options):
        try:
            year, month = (int(part) for part in options["month"].split("-"))
            date(year, month, 1)
        except ValueError as exc:
            raise CommandError("Give the month as YYYY-MM, e.g. --month 2026-10.") from exc
        self.stdout.write("1/2 figures from the audit trail …")
        figures = monthly_figures(year=year, month=month)
        self.stdout.write("2/2 rendering the PDF …")
        if options["opd"] and options["opd"] not in {o.code for o in figures.opds}:
            raise CommandError(f"Unknown OPD code: {options['opd']}.")
        _html, pdf = monthly_report_render(figures=figures, opd_pages=options["opd_pages"], opd=options["opd"])
        target = options["output"] or Path(f"laporan-kinerja-{year:04d}-{month:02d}.pdf")
        target.write_bytes(pdf)
        self.stdout.write(
            self.style.SUCCESS(f"{target} ({len(pdf) / 1024:.0f} KiB): {figures.summary.received} reports received")
        )
