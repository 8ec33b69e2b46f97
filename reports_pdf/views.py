"""The leadership's doors to the monthly PDF and the PDF of any period (their URLs sit among the leadership desk's:
reports_pdf/urls.py)."""

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from reports_pdf.figures import period_report_figures
from reports_pdf.render import monthly_report_render
from reports_pdf.services import monthly_report_get
from workflow.files import monthly_report_readable
from workflow.period_input import period_from_query
from workflow.sendfile import file_response
from workflow.views import staff_actor


@login_required
def monthly_report_download(request, year: int, month: int):
    """The stored monthly PDF of a past month (generated on first request): the only door to it."""
    if not monthly_report_readable(staff_actor(request)):
        raise PermissionDenied(_("The monthly report is for leadership."))
    today = date.today()
    if not (1 <= month <= 12) or (year, month) >= (today.year, today.month) or year < 2000:
        raise Http404(_("A monthly report exists only for months that have ended."))
    report = monthly_report_get(year=year, month=month, regenerate=request.GET.get("buat-ulang") == "1")
    return file_response(
        storage=report.pdf.storage,
        name=report.pdf.name,
        accel_prefix=settings.PRIVATE_MEDIA_ACCEL_REDIRECT_PREFIX,
        public=False,
        filename=f"laporan-kinerja-{year:04d}-{month:02d}.pdf",
    )


@login_required
def period_report_download(request):
    """The PDF of any period (`?dari=&sampai=` or `?bulan=`), as at its end, made on request (not kept)."""
    if not monthly_report_readable(staff_actor(request)):
        raise PermissionDenied(_("The monthly report is for leadership."))
    choice = period_from_query(request.GET, today=date.today())
    if choice.errors:
        for error in choice.errors:
            messages.error(request, error)
        return redirect("desk-leadership")
    period = choice.period
    _html, pdf = monthly_report_render(figures=period_report_figures(period=period))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="laporan-kinerja-{period.start:%Y-%m-%d}-{period.last_day:%Y-%m-%d}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
