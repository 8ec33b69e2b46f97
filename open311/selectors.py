"""What Open311 clients read: the labels as services, and reports as service requests and their updates.

The same privacy rules as the public map (PRODUCT.md, "Privacy and trust"): a request is listed when its report is
public (verified onwards, not confidential), placed at its published point and desa; a confidential label can be
reported through Open311 but its requests are never listed, not even to the application that sent them. An
application also follows the requests it sent itself before they are public (its `api_key` proves it)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.gis.geos import Point
from django.contrib.gis.measure import D
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from geoportal.models import Category, Report, ReportPhoto
from geoportal.progress import citizen_status_name
from geoportal.visibility import Visibility, public_q
from open311.models import Open311Client
from open311.statuses import CLOSED, OPEN, extended_status_of, status_of
from workflow.files import citizen_file_url
from workflow.models import ReportEvent
from workflow.policies import PUBLIC_NOTES, PUBLIC_TRANSITIONS

JURISDICTION = "trenggalekkab.go.id"
# At most this many requests or updates per answer (GeoReport v2 lets the server cap it).
MAX_RESULTS = 1000


def services() -> list[dict]:
    labels = Category.objects.filter(active=True).select_related("squad")
    return [
        {
            "service_code": label.code,
            "service_name": label.name,
            "description": label.description or label.name,
            "metadata": False,
            "type": "realtime",
            "keywords": ", ".join(filter(None, [label.name, label.squad.name, label.code.replace("-", " ")])),
            "group": label.squad.name,
        }
        for label in labels
    ]


def service_definition(code: str) -> dict | None:
    if not Category.objects.filter(active=True, code=code).exists():
        return None
    # No extra questions: a report is a photo, a label, a place and an optional description (metadata: false).
    return {"service_code": code, "attributes": []}


@dataclass(frozen=True)
class RequestFilters:
    ids: tuple[int, ...] = ()  # when given, the other filters are ignored (GeoReport v2)
    service_codes: tuple[str, ...] = ()
    start: datetime | None = None
    end: datetime | None = None
    statuses: tuple[str, ...] = ()  # "open", "closed"
    near: Point | None = None
    radius_m: float | None = None


def _listed(client: Open311Client | None) -> Q:
    listed = public_q()
    if client is not None:
        # and the client's own requests before they are screened (never a confidential one)
        listed |= Q(open311_submission__client=client) & Visibility.public().q()
    return listed


def _latest_public_event(field: str) -> Subquery:
    events = ReportEvent.objects.filter(report=OuterRef("pk"), transition__in=PUBLIC_TRANSITIONS)
    return Subquery(events.order_by("-created_at", "-id").values(field)[:1])


def service_requests(*, filters: RequestFilters, client: Open311Client | None = None) -> QuerySet[Report]:
    reports = Report.objects.filter(_listed(client))
    if filters.ids:
        reports = reports.filter(pk__in=filters.ids)
    else:
        if filters.service_codes:
            reports = reports.filter(category__code__in=filters.service_codes)
        if filters.start:
            reports = reports.filter(created_at__gte=filters.start)
        if filters.end:
            reports = reports.filter(created_at__lte=filters.end)
        if filters.statuses:
            states = set().union(*(OPEN if status == "open" else CLOSED for status in filters.statuses))
            reports = reports.filter(status__in=states)
        if filters.near is not None:
            # The published point: a distance filter must not locate a sensitive report better than the map does.
            # An index-friendly box in degrees first (1° ≥ 110 km here), then the true distance in metres.
            reports = reports.filter(
                public_location__dwithin=(filters.near, filters.radius_m / 110_000 * 1.5),
                public_location__distance_lte=(filters.near, D(m=filters.radius_m)),
            )
    return (
        reports.select_related("category", "public_desa", "public_kecamatan", "opd")
        .annotate(
            last_public_at=_latest_public_event("created_at"),
            last_transition=_latest_public_event("transition"),
            last_note=_latest_public_event("note"),
        )
        .prefetch_related(
            Prefetch(
                "photos",
                queryset=ReportPhoto.objects.filter(kind=ReportPhoto.Kind.REPORT).order_by("position"),
                to_attr="citizen_photos",
            )
        )
        .order_by("-created_at", "-id")[:MAX_RESULTS]
    )


def _first_photo_url(report: Report, request) -> str | None:
    photo = next(iter(report.citizen_photos), None)
    if photo is None:
        return None
    # Public reports: the plain, cacheable link; the sending application's own report before it is public: a signed
    # link, as the citizen's tracking page gives.
    return request.build_absolute_uri(citizen_file_url(report=report, field_file=photo.image, citizens=True))


def _w3c(moment: datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def service_request_rows(reports: Iterable[Report], *, request) -> list[dict]:
    rows = []
    for report in reports:
        note = report.last_note if report.last_transition in PUBLIC_NOTES else ""
        rows.append(
            {
                "service_request_id": str(report.pk),
                "status": status_of(report.status),
                "status_notes": note or citizen_status_name(report.status),  # read by citizens
                "service_name": report.category.name,
                "service_code": report.category.code,
                "description": report.description,
                "agency_responsible": report.opd.name if report.opd_id else None,
                "service_notice": None,
                "requested_datetime": _w3c(report.created_at),
                "updated_datetime": _w3c(report.last_public_at or report.created_at),
                "expected_datetime": None,
                "address": f"{report.public_desa.nama}, Kec. {report.public_kecamatan.nama}, Kabupaten Trenggalek",
                "address_id": None,
                "zipcode": None,
                "lat": round(report.public_location.y, 6),
                "long": round(report.public_location.x, 6),
                "media_url": _first_photo_url(report, request),
            }
        )
    return rows


def service_request_updates(*, start: datetime, end: datetime, request) -> list[dict]:
    """mySociety's `servicerequestupdates`: each public step of each listed request, in order, with the extended
    status it led to. Notes only where the citizen's page shows them; never staff names; no proof photo (not public)."""
    events = (
        ReportEvent.objects.filter(
            public_q(prefix="report__"),
            transition__in=PUBLIC_TRANSITIONS,
            created_at__gte=start,
            created_at__lte=end,
        )
        .order_by("created_at", "id")
        .values_list("id", "report_id", "transition", "to_status", "note", "created_at")[:MAX_RESULTS]
    )
    return [
        {
            "update_id": str(event_id),
            "service_request_id": str(report_id),
            "status": extended_status_of(to_status),
            "updated_datetime": _w3c(created_at),
            "description": (note if transition in PUBLIC_NOTES else "") or citizen_status_name(to_status),
            "media_url": None,
        }
        for event_id, report_id, transition, to_status, note, created_at in events
    ]


def discovery(*, request) -> dict:
    base = request.build_absolute_uri(reverse("open311:services", kwargs={"fmt": "json"})).rsplit("/", 1)[0]
    return {
        "changeset": "2026-12-02T00:00:00+07:00",
        "contact": settings.OPEN311_CONTACT,
        "key_service": settings.OPEN311_KEY_SERVICE,
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": base,
                "changeset": "2026-12-02T00:00:00+07:00",
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
