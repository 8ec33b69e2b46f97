import pytest

from geoportal.models import Category
from geoportal.services.reports import Upload
from geoportal.states import ReportStatus as S
from open311.services import client_create
from tests.factories import ReportFactory, jpeg_bytes
from workflow.services.transitions import TransitionInput, report_received, report_transition


@pytest.fixture
def app_key(db):
    """A partner application and its api_key."""
    client, key = client_create(name="Aplikasi Desa", media_hosts="127.0.0.1 localhost")
    return client, key


def _walk(staff, report, *steps):
    report_received(report=report)
    for name, actor, data in steps:
        kwargs = {"data": data} if data is not None else {}
        report_transition(report_id=report.pk, name=name, actor=staff[actor], **kwargs)
    report.refresh_from_db()
    return report


@pytest.fixture
def reports(staff):
    """A public open report, a resolved one, a report still being screened, a confidential one and a sensitive
    label's report (published on its grid)."""
    from geoportal.services.photos import photo_clean
    from geoportal.services.reports import photos_store

    def with_photo(report):
        photos_store(report=report, photos=[photo_clean(data=jpeg_bytes(), name="a.jpg")], kind="report", stored=[])
        return report

    dispatch = ("dispatch", "operator", TransitionInput(opd="PUPR"))
    open_ = _walk(
        staff,
        with_photo(ReportFactory(status=S.RECEIVED, description="Jalan berlubang OPEN311-OPEN")),
        ("verify", "operator", None),
        dispatch,
    )
    resolved = _walk(
        staff,
        with_photo(ReportFactory(status=S.RECEIVED, description="Lampu mati OPEN311-RESOLVED")),
        ("verify", "operator", None),
        dispatch,
        ("acknowledge", "pupr", None),
        ("resolve", "pupr", TransitionInput(note="Sudah diperbaiki OPEN311-NOTE", photo=Upload(jpeg_bytes()))),
    )
    screening = _walk(staff, ReportFactory(status=S.RECEIVED, description="Belum diperiksa OPEN311-SCREENING"))
    confidential = _walk(
        staff,
        ReportFactory(
            status=S.RECEIVED, category=Category.objects.get(code="pungli"), description="Pungli OPEN311-SECRET"
        ),
    )
    sensitive = _walk(
        staff,
        ReportFactory(
            status=S.RECEIVED,
            category=Category.objects.get(code="kekerasan-perempuan-anak"),
            description="OPEN311-SENSITIVE",
        ),
        ("verify", "operator", None),
    )
    return {
        "open": open_,
        "resolved": resolved,
        "screening": screening,
        "confidential": confidential,
        "sensitive": sensitive,
    }
