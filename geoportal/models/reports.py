"""A citizen's report: a point with a label, photos and a state, placed in its kecamatan and desa."""

import uuid
from pathlib import PurePosixPath

from django.contrib.gis.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField

from geoportal.machine import ReportMachine
from geoportal.models.areas import Desa, Kecamatan
from geoportal.models.reference import Category, Opd
from geoportal.states import ReportStatus
from geoportal.tracking import PATTERN, tracking_code_display


class Report(ReportMachine, ConcurrentTransitionMixin, models.Model):
    """A citizen's report. Its state moves only through workflow.services.report_transition, which saves it
    with optimistic locking (ConcurrentTransitionMixin): two people acting at once get one success and one
    conflict."""

    class Located(models.TextChoices):
        INSIDE = "inside", _("inside the desa")
        NEAREST = "nearest", _("nearest desa (point just outside every boundary)")

    class Channel(models.TextChoices):
        WEB = "web", _("web form")
        API = "api", _("API")
        DEMO = "demo", _("demo data")

    tracking_code = models.CharField(_("tracking code"), max_length=8, unique=True, editable=False)
    location = models.PointField(_("location"), srid=4326)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="reports", verbose_name=_("label"))
    description = models.TextField(_("description"), blank=True, max_length=2000)
    status = FSMField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.RECEIVED)
    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.PROTECT, related_name="reports")
    desa = models.ForeignKey(Desa, on_delete=models.PROTECT, related_name="reports")
    # Where the public sees it (map, filters, counts, tiles, the report's page): for a sensitive label the point on
    # the label's grid and the desa holding that grid node, else the exact place. Kept by PostgreSQL whoever writes
    # the report (geoportal/sql/lapor_report_publish.sql), never from Python: left empty here, filled on save.
    public_location = models.PointField(_("published location"), srid=4326, editable=False, blank=True)
    public_kecamatan = models.ForeignKey(
        Kecamatan, on_delete=models.PROTECT, related_name="public_reports", editable=False, blank=True
    )
    public_desa = models.ForeignKey(
        Desa, on_delete=models.PROTECT, related_name="public_reports", editable=False, blank=True
    )
    located = models.CharField(_("placed"), max_length=10, choices=Located.choices, default=Located.INSIDE)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    # Set by the sending device: a report queued offline and sent twice is stored once.
    client_id = models.UUIDField(_("client id"), null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Set by the workflow's transitions (geoportal/machine.py); the audit trail (workflow.ReportEvent) is the
    # record, these are the current position, kept for fast queues and overdue checks.
    opd = models.ForeignKey(
        Opd, on_delete=models.PROTECT, null=True, blank=True, related_name="reports", verbose_name=_("OPD")
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    extra_reporters = models.PositiveIntegerField(_("other citizens reporting the same"), default=0, db_default=0)
    verification_due = models.DateTimeField(_("verification due"), null=True, blank=True)
    response_due = models.DateTimeField(_("first response due"), null=True, blank=True)
    resolution_due = models.DateTimeField(_("resolution due"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    # When the overdue job last flagged each clock (so it notifies once per clock and episode).
    verification_flagged_at = models.DateTimeField(null=True, blank=True, editable=False)
    response_flagged_at = models.DateTimeField(null=True, blank=True, editable=False)
    resolution_flagged_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-id"]
        indexes = [
            # Newest-first keyset paging of the feature list, and per-month statistics.
            models.Index(fields=["-created_at", "-id"], name="report_created_idx"),
            models.Index(fields=["status", "created_at"], name="report_status_created_idx"),
            models.Index(fields=["opd", "status"], name="report_opd_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tracking_code__regex=PATTERN), name="report_tracking_code_format"
            ),
        ]

    def __str__(self) -> str:
        # Never the tracking code: this text shows in staff pages, the admin and logs, and the code is the citizen's.
        return f"#{self.pk} · {self.category}" if self.category_id else f"#{self.pk}"

    @property
    def tracking_code_display(self) -> str:
        return tracking_code_display(self.tracking_code) if self.tracking_code else ""


class SubmissionThrottle(models.Model):
    """One row per accepted public submission, keyed by a salted hash of the sender's address (never the address
    itself), so that every web worker counts the same floods. Rows older than a day are useless and pruned."""

    sender = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)


class RateCount(models.Model):
    """How many requests of one kind (scope) one sender made in one fixed window (`seconds` long, from
    `started_at`). The sender is a salted hash of the address. Counted by one upsert per request in PostgreSQL
    (geoportal.services.rate_limits), so every web worker sees the same count; old windows are pruned."""

    scope = models.CharField(max_length=20)
    sender = models.CharField(max_length=64)
    seconds = models.PositiveIntegerField()
    started_at = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "sender", "seconds", "started_at"], name="rate_count_window")
        ]


class ReporterContact(models.Model):
    """Who reported, kept apart from the report so that no public query ever joins it by accident."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="contact", primary_key=True)
    name = models.CharField(_("name"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("reporter contact")
        verbose_name_plural = _("reporter contacts")
        constraints = [
            models.CheckConstraint(condition=~models.Q(name="", phone="", email=""), name="contact_not_empty")
        ]

    def __str__(self) -> str:
        return self.name or self.phone or self.email


def _media_path(instance: "ReportPhoto", filename: str) -> str:
    # Random names: a file's URL reveals neither the report nor the original file name.
    return f"photos/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{PurePosixPath(filename).suffix.lower()}"


class ReportPhoto(models.Model):
    class Kind(models.TextChoices):
        REPORT = "report", _("citizen's photo")
        PROOF = "proof", _("proof of resolution")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REPORT)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    image = models.ImageField(_("photo"), upload_to=_media_path)
    thumbnail = models.ImageField(_("thumbnail"), upload_to=_media_path)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        ordering = ["report", "kind", "position"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        indexes = [
            models.Index(fields=["report", "kind", "position"], name="photo_report_idx"),
            # The media door finds a file's report by its name (workflow.files.stored_file_find).
            models.Index(fields=["image"], name="photo_image_idx"),
            models.Index(fields=["thumbnail"], name="photo_thumbnail_idx"),
        ]

    def __str__(self) -> str:
        return self.image.name


class ReportVideo(models.Model):
    """A short video a citizen added: re-muxed without metadata, with a poster frame."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="video")
    file = models.FileField(_("video"), upload_to=_media_path)
    poster = models.ImageField(_("poster frame"), upload_to=_media_path)
    duration = models.FloatField(_("seconds"))
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        indexes = [
            models.Index(fields=["file"], name="video_file_idx"),
            models.Index(fields=["poster"], name="video_poster_idx"),
        ]

    def __str__(self) -> str:
        return self.file.name
