"""The citizen's report pages: the tracking page (timeline, proof of the fix, "fixed" / "not fixed") for whoever
holds the code, and a public report's page. They show the workflow's timeline and run its transitions, so they
live in the workflow; the map and the report form stay in geoportal."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from geoportal.addresses import client_address
from geoportal.models import Report
from geoportal.offline import kept_on_the_phone
from geoportal.progress import citizen_status_name
from geoportal.services.rate_limits import tracking_lookup
from geoportal.states import ReportStatus
from geoportal.tracking import tracking_code_display
from geoportal.views import tracking_limited
from geoportal.visibility import public_q
from workflow.files import citizen_file_url
from workflow.policies import Actor, citizen_act_refusal, transitions_available
from workflow.selectors import report_public_timeline
from workflow.services.transitions import NOTE_MAX_LENGTH, TransitionError, TransitionInput, report_transition


def report_public(request, pk: int):
    """A public report's page: what the map's popup links to. No tracking code, no contact."""
    report = (
        Report.objects.select_related("category__squad", "public_desa__kecamatan").filter(public_q(), pk=pk).first()
    )
    if report is None:
        raise Http404(_("There is no public report with this number."))
    # Named where it is published (a sensitive label's report: the desa of its grid node), as on the map.
    return _report_page(request, report, code=None, answer=False, desa=report.public_desa)


def report_tracked(request, code: str) -> Report:
    """The report whose tracking code the citizen gave (the web page and the API both ask here): 404 in words
    when there is none; raises RateLimited over the address's look-up limit."""
    report = tracking_lookup(code=code, address=client_address(request))
    if report is None:
        raise Http404(_("No report has this tracking code. Check the code on your receipt."))
    return report


@tracking_limited
@kept_on_the_phone
def track(request, code: str):
    """The citizen's page for their report: its public timeline, the proof of the fix, and their answer."""
    report = report_tracked(request, code)
    return _report_page(request, report, code=tracking_code_display(report.tracking_code), answer=True)


def _report_page(request, report: Report, *, code: str | None, answer: bool, desa=None):
    """The tracking page (`code`: for the citizen holding it) or the public page of a public report. Files that
    are not public get links signed for the citizen; the public page shows no proof photos (they are evidence for
    the citizen who confirms the fix, and for staff: workflow.files)."""

    def url(field_file, *, citizens: bool) -> str:
        return citizen_file_url(report=report, field_file=field_file, citizens=citizens)

    staff_refusal = citizen_act_refusal(request.user) if answer else None
    available = transitions_available(Actor.citizen(), report) if answer and not staff_refusal else []
    video = getattr(report, "video", None)
    steps = report_public_timeline(report=report)
    # The officer's proof of the fix, told before the question "is it fixed?" (only to the citizen holding the code:
    # proof photos are not public): the latest resolve's, while the report stands resolved or closed.
    proof = None
    if code and report.status in (ReportStatus.RESOLVED, ReportStatus.CLOSED):
        resolved = [step for step in steps if step.event.transition == "resolve" and step.event.photo_id]
        if resolved:
            step = resolved[-1]
            proof = {
                "step": step,
                "thumbnail": url(step.event.photo.thumbnail, citizens=False),
                "image": url(step.event.photo.image, citizens=False),
            }
    return render(
        request,
        "workflow/track.html",
        {
            "report": report,
            "status_name": citizen_status_name(report.status),
            "desa": desa or report.desa,  # the citizen holding the code sees where they sent it from
            "code": code,
            "proof": proof,
            "steps": [
                (
                    step,
                    url(step.event.photo.thumbnail, citizens=False)
                    if code and step.event.photo_id and not (proof and step is proof["step"])
                    else None,
                )
                for step in steps
            ],
            "photos": [
                url(p.thumbnail, citizens=True) for p in report.photos.filter(kind="report").order_by("position")
            ],
            "video": video and {"file": url(video.file, citizens=True), "poster": url(video.poster, citizens=True)},
            "can_close": "close" in available,
            "can_reopen": "reopen" in available,
            "staff_refusal": staff_refusal,
            "note_max_length": NOTE_MAX_LENGTH,
        },
    )


@require_POST
@tracking_limited
def track_answer(request, code: str):
    report = report_tracked(request, code)
    name = request.POST.get("action")
    if name not in ("close", "reopen"):
        raise Http404
    if refusal := citizen_act_refusal(request.user):
        messages.error(request, refusal)
        return redirect("track", code=tracking_code_display(report.tracking_code))
    try:
        report_transition(
            report_id=report.pk,
            name=name,
            actor=Actor.citizen(),
            data=TransitionInput(
                note=request.POST.get("note", ""), expected_status=request.POST.get("expected_status")
            ),
        )
    except TransitionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Thank you: the fix is confirmed.")
            if name == "close"
            else _("Thank you: the report is open again and the OPD has been told."),
        )
    return redirect("track", code=tracking_code_display(report.tracking_code))
