"""Telling people what happened, after the transaction that made it happen has committed.

E-mail through Django's mail backend (the embedded default writes messages to var/mail/; production sets
EMAIL_* variables). An OPD hears of reports dispatched to it and of reopened ones; the reporter, when they
left an e-mail address, hears of each public step; leadership and the OPD hear of overdue reports.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django.utils.translation import override

from geoportal.progress import citizen_status_name
from geoportal.states import ReportStatus
from geoportal.tracking import tracking_code_display
from workflow.policies import PUBLIC_TRANSITIONS

log = logging.getLogger(__name__)
# The citizen is mailed the public steps of their report's timeline, except the receipt (shown on screen when they
# send it) and their own answer that reopens it.
PUBLIC_STEPS = PUBLIC_TRANSITIONS - {"receive", "reopen"}


def notify_event(*, event_id: int) -> None:
    from workflow.models import ReportEvent

    event = ReportEvent.objects.select_related("report__category", "report__contact", "opd").filter(pk=event_id).first()
    if event is None:
        return
    report = event.report
    with override(settings.LANGUAGE_CODE):
        status = ReportStatus(event.to_status).label  # the office's words, for the OPD
        citizen_status = citizen_status_name(event.to_status)  # the reporter's
        if event.transition in ("dispatch", "redispatch", "reopen") and event.opd and event.opd.email:
            _send(
                [event.opd.email],
                _("[Lapor Trenggalek] Report %(id)d: %(status)s") % {"id": report.pk, "status": status},
                _("Report %(id)d (%(label)s) is now “%(status)s” for %(opd)s.")
                % {"id": report.pk, "label": report.category.name, "status": status, "opd": event.opd.name},
            )
        contact = getattr(report, "contact", None)  # reverse one-to-one: None when anonymous
        if event.transition in PUBLIC_STEPS and contact and contact.email and not report.category.confidential:
            _send(
                [contact.email],
                _("[Lapor Trenggalek] Your report %(code)s: %(status)s")
                % {"code": tracking_code_display(report.tracking_code), "status": citizen_status},
                _("Your report %(code)s (%(label)s) is now “%(status)s”. %(note)s")
                % {
                    "code": tracking_code_display(report.tracking_code),
                    "label": report.category.name,
                    "status": citizen_status,
                    "note": event.note,
                },
            )
    log.info("report %s: %s → %s", report.pk, event.from_status, event.to_status)


def notify_overdue(*, report, clock: str, recipients: list[str]) -> None:
    with override(settings.LANGUAGE_CODE):
        if recipients:
            _send(
                recipients,
                _("[Lapor Trenggalek] Overdue: report %(id)d") % {"id": report.pk},
                _("Report %(id)d (%(label)s, %(kecamatan)s) has passed its %(clock)s target.")
                % {"id": report.pk, "label": report.category.name, "kecamatan": report.kecamatan.nama, "clock": clock},
            )
    log.warning("report %s overdue: %s", report.pk, clock)


def _send(recipients: list[str], subject: str, body: str) -> None:
    try:
        send_mail(subject, body, None, recipients, fail_silently=False)
    except OSError:
        # A mail server being down must not undo or block the workflow; the log keeps the trace.
        log.exception("could not send mail to %s", recipients)
