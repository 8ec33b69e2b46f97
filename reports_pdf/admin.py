from django.contrib import admin

from reports_pdf.models import MonthlyReport


@admin.register(MonthlyReport)
class MonthlyReportAdmin(admin.ModelAdmin):
    list_display = ["month", "generated_at", "pdf"]
    readonly_fields = ["month", "figures", "pdf", "generated_at"]

    def has_add_permission(self, request) -> bool:
        return False
