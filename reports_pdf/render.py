"""HTML and PDF of the monthly report. One function returns both, so tests can read the HTML's figures."""

from django.template.loader import render_to_string
from django.utils import translation

from reports_pdf.figures import MonthlyFigures
from workflow.models import RejectReason


def monthly_report_render(*, figures: MonthlyFigures) -> tuple[str, bytes]:
    with translation.override("id"):
        html = render_to_string(
            "reports_pdf/monthly.html",
            {
                "f": figures,
                "ranked": [o for o in figures.opds if o.rank],
                "reasons": [
                    (RejectReason(code).label if code in RejectReason.values else code, n)
                    for code, n in figures.summary.rejected_by_reason.items()
                ],
            },
        )
    from weasyprint import HTML  # heavy: imported where it is used

    return html, HTML(string=html).write_pdf()
