"""The staff desks in the browser: operator, OPD and leadership. Thin: selectors read, the service acts."""

from datetime import date, datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from geoportal.clocks import WIB, report_overdue_clock
from geoportal.services.rate_limits import RateLimited
from geoportal.services.reports import Upload
from workflow.files import monthly_report_readable
from workflow.forms import TransitionForm
from workflow.models import Role
from workflow.period_input import AT_END, AT_NOW, period_from_query
from workflow.policies import TRANSITIONS, Actor, contact_visible, reports_visible_to, transitions_available
from workflow.selectors import (
    MIN_COUNT_FOR_RANKING,
    period_end_instant,
    period_figures,
    queue_opd,
    queue_returned,
    queue_screening,
    report_find_by_code,
    report_next_in_queue,
    report_similar_nearby,
)
from workflow.selectors.definitions import FIGURE_DEFINITIONS
from workflow.services.clocks import CLOCK_LABELS
from workflow.services.tokens import api_token_ends_at, api_token_revoke, api_tokens_active, api_tokens_revoke_all
from workflow.services.transitions import TransitionError, TransitionInput, report_transition

DESK_FOR_ROLE = {
    Role.OPERATOR: "desk-operator",
    Role.ADMINISTRATOR: "desk-operator",
    Role.OPD_OFFICER: "desk-opd",
    Role.LEADERSHIP: "desk-leadership",
}


def staff_actor(request) -> Actor:
    """The signed-in staff member as an Actor; 403 for an account without a staff role (every staff page)."""
    actor = Actor.for_user(request.user)
    if actor is None:
        raise PermissionDenied(_("This account has no staff role. Ask the administrator."))
    return actor


_actor = staff_actor


@login_required
def desk_home(request):
    return redirect(DESK_FOR_ROLE[_actor(request).role])


@login_required
def desk_operator(request):
    actor = _actor(request)
    if not actor.is_desk and not actor.covert:
        raise PermissionDenied(_("The verification desk is for operators."))
    return render(
        request,
        "workflow/desk_operator.html",
        {
            "actor": actor,
            "screening": queue_screening(actor=actor)[:200],
            "returned": queue_returned(actor=actor)[:200],
        },
    )


@login_required
def desk_opd(request):
    actor = _actor(request)
    if actor.role != Role.OPD_OFFICER:
        raise PermissionDenied(_("The OPD desk is for OPD officers."))
    context = {"actor": actor, "reports": queue_opd(actor=actor)[:300]}
    if actor.covert:  # the covert squad also screens and routes its own confidential reports
        context.update(screening=queue_screening(actor=actor)[:200], returned=queue_returned(actor=actor)[:200])
    return render(request, "workflow/desk_opd.html", context)


@login_required
def desk_leadership(request):
    actor = _actor(request)
    if actor.role not in (Role.LEADERSHIP, Role.ADMINISTRATOR, Role.OPERATOR):
        raise PermissionDenied(_("The dashboard is for leadership."))
    today = date.today()
    choice = period_from_query(request.GET, today=today)
    for error in choice.errors:
        messages.error(request, error)
    period = choice.period
    months = []
    y, m = today.year, today.month
    for _i in range(12):
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    as_of = period_end_instant(period) if choice.at == AT_END else datetime.now(tz=WIB)
    figures = period_figures(period=period, as_of=as_of)
    ranked = figures.ranked
    return render(
        request,
        "workflow/desk_leadership.html",
        {
            "actor": actor,
            "choice": choice,
            "period": period,
            "f": figures,
            "months": months,
            "chosen": "" if choice.custom else f"{period.start:%Y-%m}",
            "month_ended": not choice.custom and (period.start.year, period.start.month) < (today.year, today.month),
            "pdf_readable": monthly_report_readable(actor),
            "opds": figures.opds,
            "fastest": ranked[0] if ranked else None,
            "slowest": ranked[-1] if len(ranked) > 1 else None,
            "kecamatan": figures.kecamatan,
            "labels": figures.labels,
            "min_count": MIN_COUNT_FOR_RANKING,
            "definitions": FIGURE_DEFINITIONS,
            "at_now": AT_NOW,
            "at_end": AT_END,
        },
    )


@login_required
@require_POST
def desk_find_by_code(request):
    """A citizen on the phone reads out their tracking code: the report opens if this staff member may see it. POST,
    so the code stays out of addresses, history and logs; the desk never shows it back."""
    actor = _actor(request)
    try:
        report = report_find_by_code(actor=actor, code=request.POST.get("kode", "")[:40])
    except RateLimited as limited:
        messages.error(request, limited.message)
        return redirect(DESK_FOR_ROLE[actor.role])
    if report is None:
        messages.error(
            request, _("No report that you can see has this tracking code. Ask the citizen to read it again.")
        )
        return redirect(DESK_FOR_ROLE[actor.role])
    return redirect("desk-report", pk=report.pk)


@login_required
def report_detail(request, pk: int):
    actor = _actor(request)
    report = (
        reports_visible_to(actor)
        .select_related("category__squad", "category__default_opd", "kecamatan", "desa", "opd")
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404(_("There is no report with this number that you can see."))
    available = transitions_available(actor, report)
    # The likely next step first (verified: dispatch), marking a duplicate last: it is the exception, not the flow.
    available.sort(key=lambda name: name == "mark_duplicate")
    return render(
        request,
        "workflow/report_detail.html",
        {
            "actor": actor,
            "report": report,
            "photos": report.photos.order_by("kind", "position"),
            "events": report.events.select_related("actor", "opd", "photo").order_by("created_at", "id"),
            "actions": [(name, TRANSITIONS[name]) for name in available],
            "form": TransitionForm(initial={"expected_status": report.status, "opd": report.category.default_opd}),
            "similar": report_similar_nearby(report=report) if {"mark_duplicate"} & set(available) else [],
            "contact": getattr(report, "contact", None) if contact_visible(actor, report) else None,
            "desa_geojson": report.desa.geom.geojson,
            "point": {"lon": report.location.x, "lat": report.location.y, "colour": report.category.squad.colour},
            "overdue": CLOCK_LABELS.get(report_overdue_clock(report)),
            # Nothing left to do here: the desk's next report, one tap away.
            "next_report": None if available else report_next_in_queue(actor=actor, report=report),
        },
    )


@login_required
@require_POST
def report_act(request, pk: int):
    actor = _actor(request)
    form = TransitionForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(
            request,
            _("Check the form: %(errors)s")
            % {"errors": "; ".join(f"{field}: {' '.join(errs)}" for field, errs in form.errors.items())},
        )
        return redirect("desk-report", pk=pk)
    data = form.cleaned_data
    upload = data.get("photo")
    try:
        report = report_transition(
            report_id=pk,
            name=data["action"],
            actor=actor,
            data=TransitionInput(
                note=data.get("note") or "",
                reason=data.get("reason") or "",
                opd=data["opd"].code if data.get("opd") else None,
                duplicate_of=data.get("duplicate_of"),
                photo=Upload(upload.read(), upload.name) if upload else None,
                expected_status=data["expected_status"],
            ),
        )
    except TransitionError as exc:
        messages.error(request, exc.message)
        return redirect("desk-report", pk=pk)
    messages.success(
        request,
        _("Done: report %(id)d is now “%(status)s”.") % {"id": report.pk, "status": report.get_status_display()},
    )
    # Stay on the report (the next step, or the next report, is offered there) while the actor may still see it.
    if reports_visible_to(actor).filter(pk=report.pk).exists():
        return redirect("desk-report", pk=report.pk)
    return redirect(DESK_FOR_ROLE[actor.role])


class SignOutView(auth_views.LogoutView):
    """/keluar/: ends the browser's session and every API sign-in (QGIS, scripts) of the account: whoever signs
    out of the web expects the account closed on this machine, and QGIS asks for the password again."""

    def post(self, request, *args, **kwargs):
        ended = api_tokens_revoke_all(user=request.user) if request.user.is_authenticated else 0
        response = super().post(request, *args, **kwargs)
        if ended:
            messages.success(request, _("You are signed out; your API sign-ins (QGIS) were ended too."))
        return response


@login_required
def token_list(request):
    """The signed-in user's API tokens (devices): when signed in, last used, when they end; revoke one."""
    return render(
        request,
        "workflow/tokens.html",
        {
            "actor": Actor.for_user(request.user),
            "tokens": [(token, api_token_ends_at(token)) for token in api_tokens_active(user=request.user)],
            "idle_days": settings.API_TOKEN_IDLE_DAYS,
            "max_days": settings.API_TOKEN_MAX_DAYS,
        },
    )


@login_required
@require_POST
def token_revoke(request, pk: int):
    if not api_token_revoke(user=request.user, token_id=pk):
        raise Http404(_("You have no such token."))
    messages.success(request, _("The token is revoked: that device must sign in again."))
    return redirect("token-list")
