"""The scheduled side of the clocks: flag newly overdue reports, close resolved reports nobody answered.

Both are safe to run every few minutes, even twice at once: a clock is flagged once per episode
(the *_flagged_at fields, reset when a new OPD's clock starts), rows are claimed with SKIP LOCKED, and
notifications go out after the commit.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from geoportal.clocks import CLOCKS
from geoportal.models import Report
from geoportal.states import ReportStatus as S
from workflow.models import Role
from workflow.policies import Actor
from workflow.services.notifications import notify_overdue
from workflow.services.transitions import TransitionError, report_transition

CLOSE_AFTER_DAYS = 7  # a resolved report the citizen neither confirms nor reopens closes after this
# Who else hears of an overrun clock besides leadership and the holding OPD (the clocks: geoportal.clocks).
_ALSO_TOLD = {"verification": Role.OPERATOR}
CLOCK_LABELS = {"verification": _("verification"), "response": _("first response"), "resolution": _("resolution")}


@dataclass
class OverdueResult:
    flagged: dict[str, list[int]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(len(ids) for ids in self.flagged.values())


def overdue_flag(*, now=None) -> OverdueResult:
    """Flag reports whose clock ran out since the last run and notify the OPD and leadership."""
    now = now or timezone.now()
    result = OverdueResult()
    leadership = _emails(Role.LEADERSHIP)
    for clock, rule in CLOCKS.items():
        states, due, flag, extra_role = rule.states, rule.due, rule.flag, _ALSO_TOLD.get(clock)
        with transaction.atomic():
            reports = list(
                Report.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("category", "kecamatan", "opd")
                .filter(status__in=states, **{f"{due}__lt": now, f"{flag}__isnull": True})
            )
            Report.objects.filter(pk__in=[r.pk for r in reports]).update(**{flag: now})
            extra = _emails(extra_role) if extra_role else []
            for report in reports:
                recipients = sorted(
                    {*leadership, *extra, *([report.opd.email] if report.opd and report.opd.email else [])}
                )
                transaction.on_commit(
                    lambda report=report, recipients=recipients, clock=clock: notify_overdue(
                        report=report, clock=str(CLOCK_LABELS[clock]), recipients=recipients
                    )
                )
        result.flagged[clock] = [r.pk for r in reports]
    return result


def resolved_autoclose(*, now=None) -> list[int]:
    """Close resolved reports the citizen has not answered within CLOSE_AFTER_DAYS."""
    now = now or timezone.now()
    closed = []
    ids = Report.objects.filter(status=S.RESOLVED, resolved_at__lt=now - timedelta(days=CLOSE_AFTER_DAYS))
    for report_id in ids.values_list("pk", flat=True):
        try:
            report_transition(report_id=report_id, name="close", actor=Actor.system())
        except TransitionError:
            continue  # someone acted meanwhile (reopened, closed): nothing to do
        closed.append(report_id)
    return closed


def _emails(role: str) -> list[str]:
    users = get_user_model().objects.filter(staff_profile__role=role, is_active=True).exclude(email="")
    return list(users.values_list("email", flat=True))
