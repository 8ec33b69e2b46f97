"""What the desks work from: their queues, duplicate candidates, and the citizen's view of a report."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.gis.measure import D
from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from geoportal.clocks import overdue_filter
from geoportal.models import Report, ReportPhoto
from geoportal.progress import citizen_status_name
from geoportal.selectors.areas import degrees_around
from geoportal.services.rate_limits import tracking_lookup
from geoportal.states import HELD_BY_OPD, ReportStatus
from workflow.models import Role
from workflow.policies import PUBLIC_NOTES, PUBLIC_TRANSITIONS, reports_visible_to


def queue_screening(*, actor):
    """Received reports to screen, oldest first (the operator's desk; the covert squad's for its labels)."""
    qs = reports_visible_to(actor, Report.objects.filter(status__in=[ReportStatus.RECEIVED, ReportStatus.VERIFIED]))
    if actor.role == Role.OPD_OFFICER:  # the covert squad screens only its confidential labels
        qs = qs.filter(category__confidential=True)
    return _with_display(qs).order_by("created_at", "id")


def report_find_by_code(*, actor, code: str):
    """The report whose tracking code a citizen read out on the phone, if this staff member may see it; else None
    (a code of a report they may not see answers like an unknown one). Staff type codes, they never see them.
    Counted per staff account like the citizens' look-ups per address: raises RateLimited when guessing."""
    return tracking_lookup(
        code=code,
        address=f"staff:{actor.user.pk}",
        opens=lambda report: reports_visible_to(actor).filter(pk=report.pk).exists(),
    )


def queue_returned(*, actor):
    return _with_display(reports_visible_to(actor, Report.objects.filter(status=ReportStatus.RETURNED))).order_by(
        "updated_at"
    )


def queue_opd(*, actor):
    """The reports the officer's OPD holds that the officer may see (report_visibility: a confidential one only for
    the covert squad): overdue ones first, then by the nearest deadline."""
    qs = reports_visible_to(actor, Report.objects.filter(opd_id=actor.opd_id, status__in=HELD_BY_OPD))
    late = Case(When(overdue_filter(now=timezone.now()), then=Value(0)), default=Value(1), output_field=IntegerField())
    return _with_display(qs).annotate(on_time=late).order_by("on_time", "resolution_due", "id")


def report_next_in_queue(*, actor, report) -> int | None:
    """The report to open after the last action on `report`: the first other one of the desk's queue it came from
    (the returned queue when it had come back from an OPD), then of the actor's other queues; None when they are empty.
    The queues are the desk pages' own (same order), so "next" is the one the desk would list first."""
    queues = []
    if actor.role == Role.OPD_OFFICER:
        queues.append(queue_opd)
    if actor.is_desk or actor.covert:
        queues += [queue_screening, queue_returned]
    came_from = report.events.order_by("-created_at", "-id").values_list("from_status", flat=True).first()
    if came_from == ReportStatus.RETURNED and queue_returned in queues:
        queues.remove(queue_returned)
        queues.insert(0, queue_returned)
    for queue in queues:
        if pk := queue(actor=actor).exclude(pk=report.pk).values_list("pk", flat=True).first():
            return pk
    return None


def report_similar_nearby(*, report, metres: int = 250, days: int = 30):
    """Reports with the same label within `metres` and `days` of this one: candidates for 'duplicate'."""
    return (
        Report.objects.filter(
            category_id=report.category_id,
            # index-friendly box in degrees first, then the true distance in metres
            location__dwithin=(report.location, degrees_around(metres)),
            location__distance_lte=(report.location, D(m=metres)),
            created_at__gte=report.created_at - timedelta(days=days),
            created_at__lte=report.created_at + timedelta(days=days),
        )
        .exclude(pk=report.pk)
        .exclude(status__in=[ReportStatus.REJECTED, ReportStatus.DUPLICATE])
        .select_related("category", "desa")
        .order_by("created_at")[:10]
    )


def _with_display(qs):
    return qs.select_related("category__squad", "kecamatan", "desa", "opd").prefetch_related(
        Prefetch("photos", queryset=ReportPhoto.objects.filter(kind=ReportPhoto.Kind.REPORT).order_by("position"))
    )


# --- the citizen's view of a report ---------------------------------------------------------------------


@dataclass
class PublicStep:
    event: object  # workflow.models.ReportEvent
    note: str
    status_name: str = ""  # the state it led to, in the citizen's words (geoportal.progress)


def report_public_timeline(*, report) -> list[PublicStep]:
    """What a citizen sees of a report's life (its page and the tracking API): the public steps, notes only where
    they are meant for the citizen, never staff names."""
    events = (
        report.events.filter(transition__in=PUBLIC_TRANSITIONS)
        .select_related("opd", "photo")
        .order_by("created_at", "id")
    )
    steps = []
    for event in events:
        note = event.note if event.transition in PUBLIC_NOTES else ""
        if event.actor_role == Role.SYSTEM and event.transition == "close":
            note = _("Closed automatically: no answer after the fix.")
        steps.append(PublicStep(event=event, note=note, status_name=citizen_status_name(event.to_status)))
    return steps
