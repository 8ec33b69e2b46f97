"""HTML and PDF of the report of a month or of any period. One function returns both (tests read the HTML)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from geoportal.selectors.areas import kecamatan_shapes
from reports_pdf import charts as charts_module
from reports_pdf.figures import MonthlyFigures
from workflow.models import RejectReason
from workflow.selectors import MIN_COUNT_FOR_RANKING
from workflow.selectors.definitions import FIGURE_DEFINITIONS


def monthly_report_render(
    *, figures: MonthlyFigures, opd_pages: bool = False, opd: str | None = None
) -> tuple[str, bytes]:
    """HTML and PDF; `opd_pages` adds one page per OPD, `opd` one page for that OPD only (for its head)."""
    shapes = kecamatan_shapes()
    with translation.override("id"):  # the charts' words too (the point map's legend: geoportal.progress)
        charts = {
            "share": charts_module.share_chart(figures.opds),
            "trend": charts_module.trend_chart(figures.trend),
            "choropleth": charts_module.choropleth(figures.kecamatan, shapes),
            "points": charts_module.points_map(points=figures.statuses, shapes=shapes),
        }
        html = render_to_string(
            "reports_pdf/monthly.html",
            {
                "f": figures,
                "ranked": [o for o in figures.opds if o.rank],
                "definitions": FIGURE_DEFINITIONS,
                "min_count": MIN_COUNT_FOR_RANKING,
                "charts": charts,
                "opd_pages": [o for o in figures.opds if (opd_pages and not opd) or o.code == opd],
                "reasons": [
                    (RejectReason(code).label if code in RejectReason.values else code, n)
                    for code, n in figures.summary.rejected_by_reason.items()
                ],
            },
        )
    from weasyprint import HTML  # heavy: imported where it is used

    # A base URL lets the SVG charts resolve their internal #references (markers, clip paths).
    return html, HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
