"""The one service that moves a report (STYLE.md, "The workflow").

Inside one transaction it checks who may act, runs the django-fsm transition, starts or stops the clocks,
saves with optimistic locking (a lost race becomes TransitionConflict, HTTP 409), appends the audit row and
schedules the notifications for after the commit.
"""

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition

from geoportal.clocks import CLOCKS
from geoportal.models import Opd, Report, ReportPhoto
from geoportal.services.photos import photo_clean
from geoportal.services.reports import Upload, photos_discard, photos_store
from geoportal.states import ReportStatus
from workflow.calendar import working_deadline
from workflow.models import ActorRole, RejectReason, ReportEvent
from workflow.policies import TRANSITIONS, Actor, reports_visible_to, transition_refusal
from workflow.services.notifications import notify_event

log = logging.getLogger(__name__)
REOPEN_WINDOW_DAYS = 14  # calendar days after resolution during which the citizen may say "not fixed"
NOTE_MAX_LENGTH = 2000  # every door (API, desk form, the citizen's answer form) is held to it here


class TransitionError(Exception):
    status_code = 400

    def __init__(self, message: str, *, field_errors: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        self.field_errors = field_errors or {}


class ReportNotFound(TransitionError):
    """Unknown, or not visible to this actor: the two look the same, so a tampered id reveals nothing."""

    status_code = 404


class TransitionRefused(TransitionError):
    status_code = 403


class TransitionInvalid(TransitionError):
    status_code = 400


class TransitionConflict(TransitionError):
    """Someone else moved the report first."""

    status_code = 409


@dataclass(frozen=True)
class TransitionInput:
    note: str = ""
    reason: str = ""
    opd: str | None = None  # OPD code, for dispatch / redispatch (default: the label's OPD)
    duplicate_of: int | None = None
    photo: Upload | None = None
    expected_status: str | None = None  # the state the actor saw; refuse if it changed meanwhile


def report_received(*, report: Report) -> ReportEvent:
    """Start a new report's life: the first audit row and the verification clock."""
    report.verification_due = _due(report, "verification", report.created_at)
    Report.objects.filter(pk=report.pk).update(verification_due=report.verification_due)
    return ReportEvent.objects.create(
        report=report,
        transition="receive",
        from_status="",
        to_status=ReportStatus.RECEIVED,
        actor_role=ActorRole.CITIZEN,
        created_at=report.created_at,
    )


def report_transition(*, report_id: int, name: str, actor: Actor, data: TransitionInput = TransitionInput()) -> Report:
    """Run transition `name` on the report for this actor; raise a TransitionError subclass saying why not."""
    stored: list[str] = []
    _check_text(data)
    cleaned_photo = _clean_photo(data)
    try:
        with transaction.atomic():
            report = _visible_report(actor, report_id)
            if data.expected_status and report.status != data.expected_status:
                raise _LostRace
            if refusal := transition_refusal(actor, report, name):
                raise TransitionRefused(refusal)
            kwargs, event_fields = _inputs(name, report, actor, data)
            now = timezone.now()
            from_status = report.status
            if name in ("resolve",):
                kwargs["at"] = now
            getattr(report, name)(**kwargs)
            _set_clocks(report, name, now)
            try:
                report.save()
            except ConcurrentTransition as exc:
                raise _LostRace from exc
            if name == "mark_duplicate":
                Report.objects.filter(pk=report.duplicate_of_id).update(extra_reporters=F("extra_reporters") + 1)
            proof = None
            if cleaned_photo is not None:
                proof = photos_store(report=report, photos=[cleaned_photo], kind=ReportPhoto.Kind.PROOF, stored=stored)[
                    0
                ]
            event = ReportEvent.objects.create(
                report=report,
                transition=name,
                from_status=from_status,
                to_status=report.status,
                actor=actor.user,
                actor_role=actor.role,
                photo=proof,
                created_at=now,
                **event_fields,
            )
            transaction.on_commit(lambda: notify_event(event_id=event.pk))
    except _LostRace as exc:
        photos_discard(stored)
        # Outside the aborted transaction: read what the winner left.
        raise TransitionConflict(_conflict_message(report_id)) from exc
    except BaseException:
        photos_discard(stored)
        raise
    return report


class _LostRace(Exception):
    """Someone else changed the report between our read and our write."""


def _visible_report(actor: Actor, report_id: int) -> Report:
    # A citizen has proved the tracking code; the system is the scheduler: neither is limited by a role.
    trusted = actor.role in (ActorRole.CITIZEN, ActorRole.SYSTEM)
    qs = Report.objects.all() if trusted else reports_visible_to(actor)
    report = qs.select_related("category__squad", "opd").filter(pk=report_id).first()
    if report is None:
        raise ReportNotFound(_("There is no report with this number that you can see."))
    return report


def _check_text(data: TransitionInput) -> None:
    """Text every door passes on as typed: refuse what PostgreSQL cannot store (NUL) and notes past the limit."""
    errors: dict[str, list[str]] = {}
    for field in ("note", "reason", "opd", "expected_status"):
        if "\x00" in (getattr(data, field) or ""):
            errors[field] = [_("This text contains a character that is not allowed (NUL).")]
    if len(data.note or "") > NOTE_MAX_LENGTH and "note" not in errors:
        errors["note"] = [
            _("The note is too long: at most %(max)d characters (this one has %(length)d).")
            % {"max": NOTE_MAX_LENGTH, "length": len(data.note)}
        ]
    if errors:
        raise TransitionInvalid(next(iter(errors.values()))[0], field_errors=errors)


def _clean_photo(data: TransitionInput):
    if data.photo is None:
        return None
    try:
        return photo_clean(data=data.photo.data, name=data.photo.name)
    except ValidationError as exc:
        raise TransitionInvalid(exc.messages[0], field_errors={"photo": exc.messages}) from exc


def _inputs(name: str, report: Report, actor: Actor, data: TransitionInput) -> tuple[dict, dict]:
    """The transition's arguments and the audit row's fields, or TransitionInvalid naming what is missing."""
    needs = TRANSITIONS[name].needs
    errors: dict[str, list[str]] = {}
    kwargs: dict = {}
    note = (data.note or "").strip()
    event = {"note": note, "reason": "", "opd_id": report.opd_id}
    if "note" in needs and not note:
        errors["note"] = [_("Write a short note: it goes into the report's timeline.")]
    if "photo" in needs and data.photo is None:
        errors["photo"] = [_("Add a photo that shows the problem fixed.")]
    if "reason" in needs:
        if data.reason not in RejectReason.values:
            errors["reason"] = [
                _("Choose a reason: %(choices)s.") % {"choices": ", ".join(str(label) for label in RejectReason.labels)}
            ]
        event["reason"] = data.reason
    if "opd" in needs:
        code = data.opd or report.category.default_opd.code
        opd = Opd.objects.filter(code=code, active=True).first()
        if opd is None:
            errors["opd"] = [_("Unknown or inactive OPD: %(code)s.") % {"code": code}]
        kwargs["opd"] = opd
        event["opd_id"] = opd.pk if opd else None
    if "duplicate_of" in needs:
        original = reports_visible_to(actor).filter(pk=data.duplicate_of).first() if data.duplicate_of else None
        if original is None or original.pk == report.pk:
            errors["duplicate_of"] = [_("Give the number of the original report.")]
        elif original.status in (ReportStatus.REJECTED, ReportStatus.DUPLICATE):
            errors["duplicate_of"] = [_("The original must be a live report, not a rejected one or another duplicate.")]
        kwargs["original"] = original
    too_late = report.resolved_at and (timezone.now() - report.resolved_at).days >= REOPEN_WINDOW_DAYS
    if name == "reopen" and too_late:
        errors["note"] = errors.get("note", []) + [
            _("A report can be reopened only within %(days)d days of its resolution; send a new report instead.")
            % {"days": REOPEN_WINDOW_DAYS}
        ]
    if errors:
        raise TransitionInvalid(next(iter(errors.values()))[0], field_errors=errors)
    return kwargs, event


def _due(report: Report, clock: str, start):
    """When this clock, started at `start`, runs out: its label's target in working days (geoportal.clocks)."""
    return working_deadline(start, getattr(report.category, CLOCKS[clock].target))


def _set_clocks(report: Report, name: str, now) -> None:
    if name in ("dispatch", "redispatch"):
        # Each OPD is judged on its own clock: both start when the report reaches it.
        report.response_due = _due(report, "response", now)
        report.resolution_due = _due(report, "resolution", now)
        report.response_flagged_at = report.resolution_flagged_at = None


def _conflict_message(report_id: int) -> str:
    status = Report.objects.filter(pk=report_id).values_list("status", flat=True).first()
    return _("Someone else acted on this report first; it is now “%(status)s”. Reload and look again.") % {
        "status": ReportStatus(status).label if status else "?"
    }
