"""Who may move a report, the audit trail of every move, and the working-day calendar."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from geoportal.models import Category, Kecamatan, Opd, Report, ReportPhoto
from geoportal.states import ReportStatus


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
    # The hash chain (workflow/AUDIT.md): set by the database as the row is written, whatever Python passes.
    chain_position = models.BigIntegerField(_("position in the audit chain"), unique=True, editable=False)
    chain_hash = models.BinaryField(_("audit chain hash"), editable=False)

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


class ApiToken(models.Model):
    """One signed-in device of the staff API (the QGIS plugin, a script): `Authorization: Token <key>`.

    Only the key's SHA-256 is stored, so a copy of the database opens nothing; the prefix lets its owner
    recognise it. It ends when unused for API_TOKEN_IDLE_DAYS, API_TOKEN_MAX_DAYS after sign-in, when its
    owner revokes it or signs out of the web, and when the owner's password changes (`password_check`, the
    same fingerprint of the password Django's sessions keep). workflow.services.tokens decides."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("device"), max_length=100, blank=True)
    prefix = models.CharField(_("beginning of the token"), max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    password_check = models.CharField(max_length=128)
    created_at = models.DateTimeField(_("signed in"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at the latest"))

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} · {self.name or '-'} · {self.prefix}…"


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


# --- facts derived from the audit trail ----------------------------------------------------------------
# PostgreSQL keeps these rows in step with workflow_reportevent (statement-level triggers, workflow/sql/):
# each is what lapor_episodes() / lapor_outcomes() derive from a report's whole audit trail, so the dashboard
# reads pre-derived rows instead of re-deriving a year of history per request. Never written from Python.
# No database foreign keys nor their indexes: the rows are a cache of the audit trail, and checks would slow
# bulk imports.
_DERIVED = {"on_delete": models.DO_NOTHING, "db_constraint": False, "db_index": False, "related_name": "+"}


_EPISODE_FIGURES = [
    "report",
    "category",
    "t_resp",
    "t_res",
    "t_reopen",
    "returned",
    "reopened",
    "resp_days",
    "res_days",
    "last_event_at",
]


class Episode(models.Model):
    """One OPD's turn with a report: from a dispatch to it until the next dispatch (workflow.selectors)."""

    pk = models.CompositePrimaryKey("report_id", "t0", "opd_id")
    report = models.ForeignKey(Report, **_DERIVED)
    opd = models.ForeignKey(Opd, **_DERIVED)
    category = models.ForeignKey(Category, **_DERIVED)
    t0 = models.DateTimeField()  # dispatched to this OPD
    t_next = models.DateTimeField(null=True)  # dispatched again (after the OPD returned it)
    t_resp = models.DateTimeField(null=True)  # the OPD's first acknowledge or resolve
    t_res = models.DateTimeField(null=True)  # its last resolve
    t_reopen = models.DateTimeField(null=True)  # the citizen's last reopen
    returned = models.BooleanField()
    reopened = models.BooleanField()
    resp_days = models.FloatField(null=True)  # working days to the first response
    res_days = models.FloatField(null=True)  # working days to the resolution, unless reopened after it
    # The report's last dispatch, response, resolve, reopen or return: its episodes as of any later moment are these.
    last_event_at = models.DateTimeField()

    class Meta:
        # The dashboard reads one OPD's episodes of a period from this index alone (an index-only range scan).
        indexes = [
            models.Index(
                fields=["opd", "t0"],
                include=_EPISODE_FIGURES,
                name="episode_opd_t0_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id} → OPD {self.opd_id} at {self.t0:%Y-%m-%d %H:%M}"


_OUTCOME_FIGURES = ["verified", "rejected", "duplicate", "last_dispatch", "resolved", "verif_days", "res_days"]


class ReportOutcome(models.Model):
    """What happened to one report, for the per-kecamatan, per-label and per-squad figures."""

    report = models.OneToOneField(Report, primary_key=True, **_DERIVED)
    kecamatan = models.ForeignKey(Kecamatan, **_DERIVED)
    category = models.ForeignKey(Category, **_DERIVED)
    created_at = models.DateTimeField()  # the report's
    verified = models.BooleanField()
    rejected = models.BooleanField()
    duplicate = models.BooleanField()
    closed = models.BooleanField()  # confirmed by the citizen (or closed after the wait): for good
    screened_at = models.DateTimeField(null=True)  # first verify, reject or mark_duplicate
    last_dispatch = models.DateTimeField(null=True)
    last_resolve = models.DateTimeField(null=True)
    last_reopen = models.DateTimeField(null=True)
    # The report's last screening, dispatch, resolve, reopen or close: its outcome as of any later moment is this one.
    last_event_at = models.DateTimeField(null=True)
    resolved = models.BooleanField()  # resolved, and not reopened since
    verif_days = models.FloatField(null=True)
    res_days = models.FloatField(null=True)  # last dispatch → last resolve, when resolved

    class Meta:
        # The dashboard reads one kecamatan's or label's reports of a period from one of these alone.
        indexes = [
            models.Index(fields=["kecamatan", "created_at"], include=_OUTCOME_FIGURES, name="outcome_kecamatan_idx"),
            models.Index(fields=["category", "created_at"], include=_OUTCOME_FIGURES, name="outcome_category_idx"),
        ]

    def __str__(self) -> str:
        return f"outcome of {self.report_id}"
