import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from geoportal.models import Opd, Report
from geoportal.states import ReportStatus as S
from tests.factories import ReportFactory
from workflow.services.clocks import overdue_flag, resolved_autoclose

pytestmark = pytest.mark.django_db
HOUR = timezone.timedelta(hours=1)


@pytest.fixture
def pupr_mail():
    Opd.objects.filter(code="PUPR").update(email="pupr@trenggalekkab.go.id")


def test_newly_overdue_reports_are_flagged_once_and_told(staff, pupr_mail, django_capture_on_commit_callbacks):
    staff["leadership"].user.email = "bupati@trenggalekkab.go.id"
    staff["leadership"].user.save()
    now = timezone.now()
    late_response = ReportFactory(status=S.DISPATCHED, opd=Opd.objects.get(code="PUPR"), response_due=now - HOUR)
    late_fix = ReportFactory(status=S.IN_PROGRESS, opd=Opd.objects.get(code="PUPR"), resolution_due=now - HOUR)
    on_time = ReportFactory(status=S.DISPATCHED, opd=Opd.objects.get(code="PUPR"), response_due=now + HOUR)
    answered = ReportFactory(status=S.IN_PROGRESS, opd=Opd.objects.get(code="PUPR"), response_due=now - HOUR)
    unscreened = ReportFactory(status=S.RECEIVED, verification_due=now - HOUR)

    with django_capture_on_commit_callbacks(execute=True):
        first = overdue_flag()
    assert first.flagged == {
        "verification": [unscreened.id],
        "response": [late_response.id],
        "resolution": [late_fix.id],
    }
    assert len(mail.outbox) == 3
    told = {tuple(message.to) for message in mail.outbox}
    assert ("bupati@trenggalekkab.go.id", "pupr@trenggalekkab.go.id") in told
    assert on_time.id not in sum(first.flagged.values(), []) and answered.id not in sum(first.flagged.values(), [])

    # Running again (every few minutes) flags nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        assert overdue_flag().total == 0
    assert len(mail.outbox) == 3


def test_unanswered_resolved_reports_close_after_a_week(staff):
    old = ReportFactory(
        status=S.RESOLVED, opd=Opd.objects.get(code="PUPR"), resolved_at=timezone.now() - timezone.timedelta(days=8)
    )
    recent = ReportFactory(
        status=S.RESOLVED, opd=Opd.objects.get(code="PUPR"), resolved_at=timezone.now() - timezone.timedelta(days=2)
    )
    assert resolved_autoclose() == [old.id]
    assert Report.objects.get(pk=old.pk).status == S.CLOSED
    assert Report.objects.get(pk=recent.pk).status == S.RESOLVED
    assert old.events.get(transition="close").actor_role == "system"


def test_the_command_prints_what_it_did(staff, capsys):
    ReportFactory(status=S.DISPATCHED, opd=Opd.objects.get(code="PUPR"), response_due=timezone.now() - HOUR)
    call_command("flag_overdue")
    out = capsys.readouterr().out
    assert "response: 1 newly overdue" in out and "closed after no answer: 0" in out
