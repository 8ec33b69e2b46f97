"""Who may move a report: each staff account has one role, and OPD officers belong to one OPD."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from geoportal.models import Opd


class Role(models.TextChoices):
    OPERATOR = "operator", _("Operator (verification desk)")
    OPD_OFFICER = "opd_officer", _("OPD officer")
    LEADERSHIP = "leadership", _("Leadership (pimpinan)")
    ADMINISTRATOR = "administrator", _("Administrator")


class StaffProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    opd = models.ForeignKey(
        Opd, on_delete=models.PROTECT, null=True, blank=True, related_name="officers", verbose_name=_("OPD")
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role=Role.OPD_OFFICER, opd__isnull=False)
                | (~models.Q(role=Role.OPD_OFFICER) & models.Q(opd__isnull=True)),
                name="staff_opd_only_for_officers",
                violation_error_message=_("An OPD officer needs an OPD; other roles have none."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"
