"""Fixtures of the accessibility browser tests: a browser context per screen size, reports at every desk's step."""

import pytest

from geoportal.services.reports import Upload, report_create
from geoportal.states import ReportStatus as S
from tests.a11y.measure import SCREENS
from tests.factories import TOWN_CENTRE, ReportFactory, jpeg_bytes
from workflow.services.transitions import TransitionInput, report_transition


@pytest.fixture(params=list(SCREENS))
def screen(request, browser, live_server, settings):
    """A browser context at one screen size, as a citizen's phone or an office computer would open the pages."""
    settings.MAP_TILES_URL = ""  # no basemap: nothing may be fetched from another host
    context = browser.new_context(
        viewport=SCREENS[request.param],
        locale="id-ID",
        has_touch=request.param == "phone",
        geolocation={"latitude": TOWN_CENTRE[1], "longitude": TOWN_CENTRE[0], "accuracy": 12},
        permissions=["geolocation"],
    )
    context.name = request.param
    yield context
    context.close()


@pytest.fixture
def phone_context(browser, live_server, settings):
    settings.MAP_TILES_URL = ""
    context = browser.new_context(
        viewport=SCREENS["phone"],
        locale="id-ID",
        has_touch=True,
        geolocation={"latitude": TOWN_CENTRE[1], "longitude": TOWN_CENTRE[0], "accuracy": 12},
        permissions=["geolocation"],
    )
    context.name = "phone"
    yield context
    context.close()


def _walk(report, actor, *names, **data):
    for name in names:
        report_transition(report_id=report.pk, name=name, actor=actor, data=TransitionInput(**data.get(name, {})))
    return report


@pytest.fixture
def reports(staff):
    """A report at every step a desk shows: received, returned by an OPD, dispatched, in progress, resolved."""

    def received(description):
        report = report_create(
            category="jalan-rusak",
            lon=TOWN_CENTRE[0],
            lat=TOWN_CENTRE[1],
            photos=[Upload(jpeg_bytes(size=(640, 480)))],
            description=description,
        )
        return report

    op, pupr = staff["operator"], staff["pupr"]
    dispatch = {"dispatch": {"opd": "PUPR"}}
    reports = {
        "received": received("Lubang besar di depan pasar"),
        "returned": _walk(received("Bukan wewenang kami"), op, "verify", "dispatch", **dispatch),
        "dispatched": _walk(received("Aspal mengelupas"), op, "verify", "dispatch", **dispatch),
        "in_progress": _walk(received("Jalan amblas"), op, "verify", "dispatch", **dispatch),
        "resolved": _walk(received("Lubang sudah ditambal"), op, "verify", "dispatch", **dispatch),
    }
    _walk(reports["returned"], pupr, "return_to_operator", return_to_operator={"note": "Jalan provinsi"})
    _walk(reports["in_progress"], pupr, "acknowledge")
    _walk(reports["resolved"], pupr, "acknowledge")
    _walk(reports["resolved"], pupr, "resolve", resolve={"note": "Sudah ditambal", "photo": Upload(jpeg_bytes())})
    for _ in range(3):
        ReportFactory(status=S.VERIFIED)
    for report in reports.values():
        report.refresh_from_db()
    return reports
