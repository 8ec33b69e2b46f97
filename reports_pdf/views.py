"""The leadership's door to the monthly PDF (its URL sits among the leadership desk's: reports_pdf/urls.py)."""

from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from reports_pdf.services import monthly_report_get
from workflow.files import monthly_report_readable
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
