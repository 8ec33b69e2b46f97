"""The admin site, for administrators only (workflow.policies.admin_access): every staff account may sign in to the
desks, but the admin's generic lists would show every OPD's reports, whatever the role."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from workflow.policies import admin_access


class LaporAdminSite(admin.AdminSite):
    site_header = _("Lapor Trenggalek – administration")
    site_title = _("Lapor Trenggalek")
    index_title = _("Reports, areas, squads and staff")

    def has_permission(self, request) -> bool:
        return admin_access(request.user)
