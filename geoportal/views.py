"""Citizen-facing pages. Thin: selectors read, the workflow service acts."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from geoportal.models import Category, Kecamatan, Report
from geoportal.selectors.reports import report_by_tracking_code
from geoportal.tracking import tracking_code_display
from workflow.policies import PUBLIC_NOTES, PUBLIC_TRANSITIONS, Actor, transitions_available
from workflow.services.transitions import TransitionError, TransitionInput, report_transition
from workflow.states import ReportStatus


def home(request):
    """A landing page until the citizen map arrives: what is loaded, a tracking-code lookup, the API."""
    if code := request.GET.get("kode"):
        if report := report_by_tracking_code(code=code):
            return redirect("track", code=tracking_code_display(report.tracking_code))
        messages.error(request, _("No report has this tracking code. Check the code on your receipt."))
    context = {
        "kecamatan_count": Kecamatan.objects.count(),
        "category_count": Category.objects.filter(active=True).count(),
        "report_count": Report.objects.count(),
        "by_status": [
            {"label": ReportStatus(row["status"]).label, "n": row["n"]}
            for row in Report.objects.values("status").annotate(n=Count("id")).order_by("status")
        ],
    }
    return render(request, "geoportal/home.html", context)


def _tracked(code: str) -> Report:
    report = report_by_tracking_code(code=code)
    if report is None:
        raise Http404(_("No report has this tracking code. Check the code on your receipt."))
    return report


def track(request, code: str):
    """The citizen's page for their report: its public timeline, the proof of the fix, and their answer."""
    report = _tracked(code)
    events = (
        report.events.filter(transition__in=PUBLIC_TRANSITIONS)
        .select_related("opd", "photo")
        .order_by("created_at", "id")
    )
    available = transitions_available(Actor.citizen(), report)
    return render(
        request,
        "geoportal/track.html",
        {
            "report": report,
            "code": tracking_code_display(report.tracking_code),
            "steps": [{"event": e, "note": e.note if e.transition in PUBLIC_NOTES else ""} for e in events],
            "photos": report.photos.filter(kind="report").order_by("position"),
            "can_close": "close" in available,
            "can_reopen": "reopen" in available,
        },
    )


@require_POST
def track_answer(request, code: str):
    report = _tracked(code)
    name = request.POST.get("action")
    if name not in ("close", "reopen"):
        raise Http404
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
