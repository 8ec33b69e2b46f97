"""Reports walked through the workflow, for the workflow's tests."""

import pytest

from geoportal.services.reports import Upload
from geoportal.states import ReportStatus as S
from tests.factories import ReportFactory, jpeg_bytes
from workflow.services.transitions import TransitionInput, report_received, report_transition


@pytest.fixture
def resolved(staff):
    """A report the PUPR officer has resolved: the citizen may close or reopen it."""
    report = ReportFactory(status=S.RECEIVED)
    report_received(report=report)
    report_transition(report_id=report.pk, name="verify", actor=staff["operator"])
    report_transition(report_id=report.pk, name="dispatch", actor=staff["operator"], data=TransitionInput(opd="PUPR"))
    report_transition(report_id=report.pk, name="acknowledge", actor=staff["pupr"])
    report_transition(
        report_id=report.pk,
        name="resolve",
        actor=staff["pupr"],
        data=TransitionInput(note="ok", photo=Upload(jpeg_bytes())),
    )
    return report


@pytest.fixture
def dispatched(staff):
    report = ReportFactory(status=S.RECEIVED)
    report_received(report=report)
    report_transition(report_id=report.pk, name="verify", actor=staff["operator"])
    report_transition(report_id=report.pk, name="dispatch", actor=staff["operator"], data=TransitionInput(opd="PUPR"))
    return report
