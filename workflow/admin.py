"""The admin: the administrator's tool (config.admin_site lets no other role in). Even there, what a report shows
comes from the policy: no confidential report unless the policy shows it to the administrator (it does not), no
reporter contact (operator and OPD only, on their desks), never a tracking code (the citizen's alone)."""

from django.contrib import admin

from geoportal.admin import MapAdmin
from geoportal.models import Report, ReportPhoto
from workflow.models import Holiday, ReportEvent, StaffProfile
from workflow.policies import Actor, reports_visible_to


def _visible_reports(request):
    actor = Actor.for_user(request.user)
    return reports_visible_to(actor) if actor else Report.objects.none()


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


class PhotoInline(admin.TabularInline):
    model = ReportPhoto
    extra = 0
    fields = ["kind", "position", "image", "width", "height", "created_at"]
    readonly_fields = ["width", "height", "created_at"]


@admin.register(Report)
class ReportAdmin(MapAdmin):
    list_display = ["id", "category", "status", "opd", "kecamatan", "desa", "created_at"]
    list_filter = ["status", "category__squad", "category", "kecamatan", "channel"]
    search_fields = ["=id", "description"]
    date_hierarchy = "created_at"
    list_select_related = ["category", "kecamatan", "desa", "opd"]
    # No tracking code (not even read-only) and no contact inline: see the module's docstring.
    exclude = ["tracking_code", "client_id"]
    readonly_fields = [
        "kecamatan",
        "desa",
        "located",
        "status",
        "opd",
        "duplicate_of",
        "extra_reporters",
        "verification_due",
        "response_due",
        "resolution_due",
        "resolved_at",
        "created_at",
        "updated_at",
    ]
    inlines = [PhotoInline]
    show_full_result_count = False  # a COUNT(*) over a million rows on every page is not worth it

    def get_queryset(self, request):
        return _visible_reports(request).select_related("category", "kecamatan", "desa", "opd")

    def has_add_permission(self, request) -> bool:
        # Reports enter through report_create (placement, photo cleaning), not through a bare form.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # A report's audit trail is append-only, so the report stays too; reject or close it instead.
        return False


@admin.register(ReportEvent)
class ReportEventAdmin(admin.ModelAdmin):
    """The audit trail, read-only (the database refuses changes anyway), of the reports the policy shows."""

    list_display = ["created_at", "report", "transition", "from_status", "to_status", "actor", "actor_role", "opd"]
    list_filter = ["transition", "actor_role", "opd"]
    search_fields = ["=report__id", "note"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "opd", "report__category"]
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(report__in=_visible_reports(request).values("pk"))

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
