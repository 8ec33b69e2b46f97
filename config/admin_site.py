"""The admin site, for administrators only (workflow.policies.admin_access): every staff account may sign in to the
desks, but the admin's generic lists would show every OPD's reports, whatever the role."""

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflow.policies import admin_access


class AdministratorLoginForm(AdminAuthenticationForm):
    """Says plainly why a staff member with the right password is not let in (Django's own form would call the
    password wrong), and where their work is instead."""

    def confirm_login_allowed(self, user) -> None:
        if user.is_active and not admin_access(user):
            raise ValidationError(
                _("The administration is for administrators only. Your work is on your desk: %(url)s")
                % {"url": reverse("desk-home")},
                code="not_administrator",
            )
        super().confirm_login_allowed(user)


class LaporAdminSite(admin.AdminSite):
    site_header = gettext_lazy("Lapor Trenggalek – administration")
    site_title = gettext_lazy("Lapor Trenggalek")
    index_title = gettext_lazy("Reports, areas, squads and staff")
    login_form = AdministratorLoginForm

    def has_permission(self, request) -> bool:
        return admin_access(request.user)
