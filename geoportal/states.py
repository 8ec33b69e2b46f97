"""The report's states (PRODUCT.md, "The report's life"). The transitions come with the workflow issue."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")
    DUPLICATE = "duplicate", _("Duplicate")
    DISPATCHED = "dispatched", _("Dispatched to OPD")
    IN_PROGRESS = "in_progress", _("In progress")
    RETURNED = "returned", _("Returned by OPD")
    RESOLVED = "resolved", _("Resolved")
    REOPENED = "reopened", _("Reopened")
    CLOSED = "closed", _("Closed")


# What the public may see: verified onwards. Not yet screened, rejected and merged duplicates stay hidden.
PUBLIC_STATUSES = frozenset(
    {
        ReportStatus.VERIFIED,
        ReportStatus.DISPATCHED,
        ReportStatus.IN_PROGRESS,
        ReportStatus.RETURNED,
        ReportStatus.RESOLVED,
        ReportStatus.REOPENED,
        ReportStatus.CLOSED,
    }
)

# While an OPD holds a report (dispatched to it, being handled, or reopened by the citizen): its queue, and the
# states its resolution clock runs in (geoportal.clocks).
HELD_BY_OPD = (ReportStatus.DISPATCHED, ReportStatus.IN_PROGRESS, ReportStatus.REOPENED)
