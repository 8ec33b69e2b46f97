"""Creating a report: the one path every door (web form, API, offline queue) takes."""

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from geoportal.models import Category, Report, ReporterContact, ReportPhoto, ReportVideo
from geoportal.selectors.areas import OutsideServedArea, area_locate
from geoportal.services.photos import CleanPhoto, photo_clean
from geoportal.services.videos import video_clean
from geoportal.tracking import tracking_code_new


@dataclass(frozen=True)
class Upload:
    """A file as it arrived (photo or video), before any cleaning."""

    data: bytes
    name: str = "photo"


@dataclass(frozen=True)
class Contact:
    name: str = ""
    phone: str = ""
    email: str = ""


def report_create(
    *,
    category: str,
    lon: float | None,
    lat: float | None,
    photos: Sequence[Upload],
    description: str = "",
    contact: Contact | None = None,
    channel: str = Report.Channel.WEB,
    client_id: uuid.UUID | None = None,
    video: Upload | None = None,
) -> Report:
    """Validate everything, then store the report, its contact and its cleaned photos in one transaction.

    Raises ValidationError with a message per field ("photos", "category", "location", "description",
    "phone", "email") in words a citizen understands; nothing is stored when it does. A `client_id` already stored
    returns that report: a phone that resends its offline queue does not create the report twice.
    """
    if client_id and (existing := Report.objects.filter(client_id=client_id).first()):
        return existing
    errors: dict[str, list[str]] = {}
    cleaned: list[CleanPhoto] = []
    if not photos:
        errors.setdefault("photos", []).append(_("Add at least one photo of the problem."))
    elif len(photos) > settings.PHOTOS_PER_REPORT:
        errors.setdefault("photos", []).append(
            _("At most %(n)d photos per report.") % {"n": settings.PHOTOS_PER_REPORT}
        )
    else:
        for upload in photos:
            try:
                cleaned.append(photo_clean(data=upload.data, name=upload.name))
            except ValidationError as exc:
                errors.setdefault("photos", []).extend(exc.messages)

    clean_video = None
    if video is not None:
        try:
            clean_video = video_clean(data=video.data, name=video.name)
        except ValidationError as exc:
            errors.setdefault("video", []).extend(exc.messages)

    label = Category.objects.filter(code=category, active=True).select_related("squad").first() if category else None
    if label is None:
        errors.setdefault("category", []).append(_("Choose a label for the problem."))

    if lon is None or lat is None:
        from_photo = next((photo.gps for photo in cleaned if photo.gps), None)
        if from_photo:
            lon, lat = from_photo
    placement = None
    if lon is None or lat is None:
        errors.setdefault("location", []).append(_("Give the location: turn on GPS or put the pin on the map."))
    elif not (-180 <= lon <= 180 and -90 <= lat <= 90):
        errors.setdefault("location", []).append(_("These coordinates are not a place on Earth."))
    else:
        placement = area_locate(lon=lon, lat=lat)
        if isinstance(placement, OutsideServedArea):
            errors.setdefault("location", []).append(_outside_message(placement))

    description = (description or "").strip()
    if len(description) > 2000:
        errors.setdefault("description", []).append(_("The description is too long (at most 2,000 characters)."))
    contact = _clean_contact(contact, errors)

    if errors:
        raise ValidationError(errors)

    stored: list[str] = []
    try:
        with transaction.atomic():
            report = _insert_with_fresh_code(
                location=Point(lon, lat, srid=4326),
                category=label,
                description=description,
                kecamatan_id=placement.kecamatan_id,
                desa_id=placement.desa_id,
                located=Report.Located.INSIDE if placement.inside else Report.Located.NEAREST,
                channel=channel,
                client_id=client_id,
            )
            if contact:
                ReporterContact.objects.create(
                    report=report, name=contact.name, phone=contact.phone, email=contact.email
                )
            photos_store(report=report, photos=cleaned, kind=ReportPhoto.Kind.REPORT, stored=stored)
            if clean_video:
                row = ReportVideo(
                    report=report, duration=clean_video.duration, width=clean_video.width, height=clean_video.height
                )
                row.file.save(f"video{clean_video.suffix}", ContentFile(clean_video.data), save=False)
                stored.append(row.file.name)
                row.poster.save("poster.jpg", ContentFile(clean_video.poster), save=False)
                stored.append(row.poster.name)
                row.save()
            for hook in _RECEIVED_HOOKS:
                hook(report=report)
    except DuplicateSubmission:
        photos_discard(stored)
        return Report.objects.get(client_id=client_id)
    except BaseException:
        photos_discard(stored)
        raise
    return report


# What happens to a stored report next is the workflow's business (its first audit row, its clocks): workflow
# registers that here when it starts (workflow/apps.py), so this lower layer never imports the one above it.
# Runs inside report_create's transaction: a failing hook stores nothing.
_RECEIVED_HOOKS: list[Callable[..., object]] = []


def report_received_hook_add(hook: Callable[..., object]) -> None:
    """Run `hook(report=...)` for every new report, inside the transaction that stores it (idempotent)."""
    if hook not in _RECEIVED_HOOKS:
        _RECEIVED_HOOKS.append(hook)


class DuplicateSubmission(Exception):
    """Another request stored the report with this client_id first."""


def photos_store(*, report: Report, photos: Sequence[CleanPhoto], kind: str, stored: list[str]) -> list[ReportPhoto]:
    """Write cleaned photos and their rows; every file name written is appended to `stored`, so that the
    caller can remove the files (photos_discard) when its transaction fails."""
    start = report.photos.filter(kind=kind).count()
    rows = []
    for position, photo in enumerate(photos, start=start):
        row = ReportPhoto(report=report, kind=kind, position=position, width=photo.width, height=photo.height)
        row.image.save("photo.jpg", ContentFile(photo.image), save=False)
        stored.append(row.image.name)
        row.thumbnail.save("thumb.jpg", ContentFile(photo.thumbnail), save=False)
        stored.append(row.thumbnail.name)
        row.save()
        rows.append(row)
    return rows


def photos_discard(names: list[str]) -> None:
    """Remove files written by a transaction that was rolled back: no orphan photo stays on disk."""
    for name in names:
        ReportPhoto.image.field.storage.delete(name)


def _insert_with_fresh_code(**fields) -> Report:
    for _attempt in range(5):
        try:
            with transaction.atomic():  # a savepoint, so a code collision does not spoil the outer transaction
                return Report.objects.create(tracking_code=tracking_code_new(), **fields)
        except IntegrityError as exc:
            if "client_id" in str(exc):  # the same offline report arrived twice at once
                raise DuplicateSubmission from exc
            if "tracking_code" not in str(exc):
                raise
    raise RuntimeError("could not draw a free tracking code in 5 attempts")


def _clean_contact(contact: Contact | None, errors: dict[str, list[str]]) -> Contact | None:
    if contact is None:
        return None
    name, phone, email = contact.name.strip()[:100], contact.phone.strip(), contact.email.strip()
    if phone:
        digits = phone.replace(" ", "").replace("-", "")
        if not (digits.lstrip("+").isdigit() and 8 <= len(digits.lstrip("+")) <= 15):
            errors.setdefault("phone", []).append(_("The phone number should look like 0812 3456 7890."))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.setdefault("email", []).append(_("The e-mail address is not valid."))
    if not (name or phone or email):
        return None
    return Contact(name=name, phone=phone, email=email)


def _outside_message(outside: OutsideServedArea) -> str:
    area = ", ".join(f"Kabupaten {name}" for name in outside.area_names) or _("the served area")
    if outside.distance_m is None:
        return _("No boundaries are loaded yet, so no report can be placed. Ask the administrator.")
    return _(
        "This location is outside %(area)s (about %(km).1f km from its boundary). Move the pin to where the "
        "problem is; only problems inside %(area)s can be reported here."
    ) % {"area": area, "km": outside.distance_m / 1000}
