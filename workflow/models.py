"""Who may move a report, the audit trail of every move, and the working-day calendar."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from geoportal.models import Opd, Report, ReportPhoto
from workflow.states import ReportStatus


class Role(models.TextChoices):
    """Who acts. Staff accounts have one of the first four; the audit trail also records the citizen (holding a
    tracking code) and the system (the scheduler)."""

    OPERATOR = "operator", _("Operator (verification desk)")
    OPD_OFFICER = "opd_officer", _("OPD officer")
    LEADERSHIP = "leadership", _("Leadership (pimpinan)")
    ADMINISTRATOR = "administrator", _("Administrator")
    CITIZEN = "citizen", _("Citizen (reporter)")
    SYSTEM = "system", _("System")


STAFF_ROLES = [Role.OPERATOR, Role.OPD_OFFICER, Role.LEADERSHIP, Role.ADMINISTRATOR]
ActorRole = Role  # the name the audit trail's code reads best with


class RejectReason(models.TextChoices):
    HOAX = "hoax", _("Hoax or junk")
    DUPLICATE = "duplicate", _("Duplicate")
    OUTSIDE_AREA = "outside_area", _("Outside the regency")
    INSUFFICIENT = "insufficient", _("Not enough information")
    NOT_GOVERNMENT = "not_government", _("Not the government's business")


class StaffProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile")
    role = models.CharField(_("role"), max_length=20, choices=[(r.value, r.label) for r in STAFF_ROLES])
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


class ReportEvent(models.Model):
    """One transition of one report: append-only (a database trigger refuses UPDATE and DELETE)."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="events")
    transition = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(_("from"), max_length=20, choices=ReportStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=ReportStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, null=True, blank=True, related_name="events")
    reason = models.CharField(_("reason"), max_length=30, blank=True)
    note = models.TextField(_("note"), blank=True)
    photo = models.ForeignKey(ReportPhoto, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("report event")
        verbose_name_plural = _("report events (audit trail)")
        ordering = ["report", "created_at", "id"]
        indexes = [
            models.Index(fields=["report", "created_at"], name="event_report_idx"),
            models.Index(fields=["transition", "created_at"], name="event_transition_idx"),
            models.Index(fields=["opd", "created_at"], name="event_opd_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.transition} {self.from_status}→{self.to_status}"


class Holiday(models.Model):
    """A day off besides Saturday and Sunday: national holidays (synced from the `holidays` library) and
    days the administrator adds (cuti bersama, regional days off)."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"
