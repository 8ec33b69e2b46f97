from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsPdfConfig(AppConfig):
    name = "reports_pdf"
    verbose_name = _("Monthly reports")
