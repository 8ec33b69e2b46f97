"""Who may see and move which report. Plain rules, read by the transition service, the API and the desks."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from geoportal.models import Report, Squad
from geoportal.selectors.reports import Audience
from geoportal.states import ReportStatus
from geoportal.visibility import Visibility
from workflow.models import ActorRole, Role, StaffProfile


@dataclass(frozen=True)
class Actor:
    """Who is acting: a staff member with a role (and OPD), a citizen holding a tracking code, or the system."""

    role: str
    user: object | None = None
    opd_id: int | None = None
    covert: bool = False  # an officer of the covert squad (Pasukan Bayangan): handles confidential reports

    @classmethod
    def for_user(cls, user) -> "Actor | None":
        """The actor for a signed-in user, or None for accounts without a staff role."""
        if not getattr(user, "is_authenticated", False):
            return None
        profile = StaffProfile.objects.filter(user=user).first()
        if profile is None:
            return cls(role=ActorRole.ADMINISTRATOR, user=user) if user.is_superuser else None
        covert = bool(profile.opd_id) and Squad.objects.filter(covert=True, opds=profile.opd_id).exists()
        return cls(role=profile.role, user=user, opd_id=profile.opd_id, covert=covert)

    @classmethod
    def citizen(cls) -> "Actor":
        return cls(role=ActorRole.CITIZEN)

    @classmethod
    def system(cls) -> "Actor":
        return cls(role=ActorRole.SYSTEM)

    @property
    def is_desk(self) -> bool:
        """Screens and routes reports like the operator's desk does."""
        return self.role in (Role.OPERATOR, Role.ADMINISTRATOR)


@dataclass(frozen=True)
class TransitionSpec:
    label: str
    roles: frozenset[str]
    needs: tuple[str, ...] = ()  # among: reason, note, photo, opd, duplicate_of
    own_opd: bool = False  # only staff of the OPD the report is dispatched to


_DESK = frozenset({Role.OPERATOR, Role.ADMINISTRATOR})
_OPD = frozenset({Role.OPD_OFFICER})
TRANSITIONS: dict[str, TransitionSpec] = {
    "verify": TransitionSpec(gettext_lazy("Verify"), _DESK),
    "reject": TransitionSpec(gettext_lazy("Reject"), _DESK, needs=("reason",)),
    "mark_duplicate": TransitionSpec(gettext_lazy("Mark as duplicate"), _DESK, needs=("duplicate_of",)),
    "dispatch": TransitionSpec(gettext_lazy("Dispatch to OPD"), _DESK, needs=("opd",)),
    "redispatch": TransitionSpec(gettext_lazy("Dispatch again"), _DESK, needs=("opd",)),
    "acknowledge": TransitionSpec(gettext_lazy("Acknowledge / start work"), _OPD, own_opd=True),
    "resolve": TransitionSpec(gettext_lazy("Resolve"), _OPD, needs=("note", "photo"), own_opd=True),
    "return_to_operator": TransitionSpec(gettext_lazy("Return: not ours"), _OPD, needs=("note",), own_opd=True),
    "reopen": TransitionSpec(gettext_lazy("Not fixed: reopen"), frozenset({ActorRole.CITIZEN}) | _DESK, ("note",)),
    "close": TransitionSpec(gettext_lazy("Confirm the fix"), frozenset({ActorRole.CITIZEN, ActorRole.SYSTEM})),
}
# What a citizen sees of the timeline: the steps of their report ('receive', written with it, and every transition),
# without staff names or internal notes (a return to the operator is internal; its note stays with staff).
PUBLIC_TRANSITIONS = frozenset({"receive", *TRANSITIONS}) - {"return_to_operator"}
PUBLIC_NOTES = frozenset({"reject", "resolve", "reopen"})


def report_visibility(actor: Actor) -> Visibility:
    """Who may see which report, the one rule: leadership everything; the verification desk every report whose
    label is not confidential; an OPD officer the non-confidential reports held by their OPD, and the covert squad's
    officers every confidential report too; anyone else nothing. Querysets use its .q(), the SQL selectors its
    .sql() (audience_for)."""
    if actor.role == Role.LEADERSHIP:
        return Visibility(everything=True)
    if actor.is_desk:
        return Visibility.public()
    if actor.role == Role.OPD_OFFICER:
        return Visibility(held_only=True, opd_id=actor.opd_id, confidential=actor.covert)
    return Visibility(nothing=True)


def reports_visible_to(actor: Actor, queryset: QuerySet[Report] | None = None) -> QuerySet[Report]:
    """The reports this actor may see (report_visibility). Confidential (covert squad) reports: that squad and
    leadership only."""
    qs = Report.objects.all() if queryset is None else queryset
    visibility = report_visibility(actor)
    if visibility.nothing:
        return qs.none()
    return qs if visibility.everything else qs.filter(visibility.q())


def contact_visible(actor: Actor, report: Report) -> bool:
    """Whether this actor may read who reported this report: contact_visibility's answer for one report in hand."""
    return contact_visibility(actor).admits(confidential=report.category.confidential, opd_id=report.opd_id)


def transition_refusal(actor: Actor, report: Report, name: str) -> str | None:
    """Why this actor may not run this transition on this report now, in words; None when allowed."""
    spec = TRANSITIONS.get(name)
    if spec is None:
        return _("There is no action called “%(name)s”.") % {"name": name}
    confidential = report.category.confidential
    if actor.role == Role.LEADERSHIP:
        return _("Leadership can read every report but does not change them.")
    roles = spec.roles
    if confidential and roles & _DESK:
        # The covert squad screens and routes its own confidential reports; the operator never sees them.
        roles = (roles - _DESK) | ({Role.OPD_OFFICER} if actor.covert else set())
        if actor.role == Role.OPD_OFFICER and actor.covert:
            return _state_refusal(report, name)
    if actor.role not in roles:
        return _("Your role (%(role)s) cannot do “%(action)s”.") % {
            "role": ActorRole(actor.role).label,
            "action": spec.label,
        }
    if spec.own_opd and report.opd_id != actor.opd_id:
        return _("This report is not dispatched to your OPD.")
    return _state_refusal(report, name)


def _state_refusal(report: Report, name: str) -> str | None:
    from django_fsm import can_proceed

    if not can_proceed(getattr(report, name)):
        return _("“%(action)s” is not possible while the report is “%(status)s”.") % {
            "action": TRANSITIONS[name].label,
            "status": ReportStatus(report.status).label,
        }
    return None


def transitions_available(actor: Actor, report: Report) -> list[str]:
    return [name for name in TRANSITIONS if transition_refusal(actor, report, name) is None]


def contact_visibility(actor: Actor) -> Visibility:
    """Whose reporter this actor may read, the one rule: the operator screening a report and the OPD handling it
    (PRODUCT.md) read the contact of every report they may see (report_visibility: the operator every
    non-confidential one; an OPD officer those their OPD holds, and the covert squad, a confidential report's
    screener and handler, every confidential one too); leadership and the administrator, who see reports, never;
    nobody else. The pages and the API ask contact_visible (its .admits()), the exports its .sql() (audience_for);
    tests/workflow/test_exports.py checks the two agree, role by role, and tests/test_access_matrix.py the rule."""
    if actor.role in (Role.OPERATOR, Role.OPD_OFFICER):
        return report_visibility(actor)
    return Visibility(nothing=True)


def audience_for(actor: Actor) -> Audience:
    """This actor as a reader of the GeoJSON and export selectors: staff columns, report_visibility and
    contact_visibility as SQL."""
    return Audience(staff=True, visibility=report_visibility(actor), contact=contact_visibility(actor))


def admin_access(user) -> bool:
    """The Django admin is the administrator's tool (users, roles, OPDs, squads, labels, targets, boundaries).
    Operators, OPD officers and leadership work from their desks, the API and the plugin, which ask this policy
    report by report; the admin's generic pages would not."""
    actor = Actor.for_user(user)
    return actor is not None and actor.role == Role.ADMINISTRATOR and user.is_active


def citizen_act_refusal(user) -> str | None:
    """Only the citizen acts as the citizen: a request that comes with a staff session or token may not confirm a
    fix or reopen a report through the tracking code (an OPD would otherwise close its own reports)."""
    if getattr(user, "is_authenticated", False):
        return _(
            "You are signed in as staff. Only the citizen who reported can confirm the fix or reopen the report "
            "with the tracking code; sign out first if you are that citizen."
        )
    return None


def dashboard_readable(actor: Actor | None) -> bool:
    """The leadership dashboard's figures (and their CSV exports): leadership, the administrator and the operator.
    Figures only: counts and times per OPD, area and label, no report and no contact."""
    return actor is not None and actor.role in (Role.LEADERSHIP, Role.ADMINISTRATOR, Role.OPERATOR)
