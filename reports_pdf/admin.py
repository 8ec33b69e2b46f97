from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from reports_pdf.models import MonthlyReport


@admin.register(MonthlyReport)
class MonthlyReportAdmin(admin.ModelAdmin):
    # The file itself has no URL (private storage): the link goes to the download view, which asks the policy.
    list_display = ["month", "generated_at", "download"]
    readonly_fields = ["month", "figures", "download", "generated_at"]
    exclude = ["pdf"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("PDF"))
    def download(self, report: MonthlyReport) -> str:
        url = reverse("monthly-report", kwargs={"year": report.month.year, "month": report.month.month})
        return format_html('<a href="{}">{}</a>', url, _("Download"))
