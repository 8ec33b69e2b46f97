from django.contrib import admin

from workflow.models import Holiday, ReportEvent, StaffProfile


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "opd"]
    list_filter = ["role", "opd"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name"]
    date_hierarchy = "date"
    search_fields = ["name"]


@admin.register(ReportEvent)
class ReportEventAdmin(admin.ModelAdmin):
    """The audit trail, read-only: the database refuses changes anyway."""

    list_display = ["created_at", "report", "transition", "from_status", "to_status", "actor", "actor_role", "opd"]
    list_filter = ["transition", "actor_role", "opd"]
    search_fields = ["report__id", "note"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "opd"]
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
