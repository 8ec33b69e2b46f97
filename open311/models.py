"""Other civic apps that send citizens' reports through Open311 GeoReport v2, and which report each one sent."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from geoportal.models import Report


class Open311Client(models.Model):
    """One client application (another civic app, a partner's kiosk) allowed to POST requests with its `api_key`.

    Only the key's SHA-256 is stored, as for staff API tokens: a copy of the database opens nothing. The prefix lets
    the administrator recognise a key a partner reads out."""

    name = models.CharField(_("application"), max_length=100)
    contact = models.CharField(_("contact person"), max_length=200, blank=True)
    prefix = models.CharField(_("key starts with"), max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    media_hosts = models.CharField(
        _("photo hosts"),
        max_length=500,
        blank=True,
        help_text=_(
            "Host names this application's photos may be fetched from (media_url), separated by spaces, "
            "e.g. media.example.org. Empty: photos only as an uploaded file (media)."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Open311 application")
        verbose_name_plural = _("Open311 applications")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Open311Submission(models.Model):
    """The report an application sent: that application (alone) may follow it before it is public."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="open311_submission")
    client = models.ForeignKey(Open311Client, on_delete=models.PROTECT, related_name="submissions")
    device_id = models.CharField(max_length=100, blank=True)
    account_id = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["client", "report"], name="open311_client_report_idx")]

    def __str__(self) -> str:
        return f"#{self.report_id} ← {self.client_id}"
