"""WCAG 2.2 AA in real Chromium, on a 360 px phone and on a desktop: axe-core finds no serious or critical violation
on any public or staff page; every control is at least 24 × 24 CSS px on the phone; the staff pages do not scroll
sideways on a phone. The Django admin (/admin/, the administrator's only) is Django's own and is not walked."""

from urllib.parse import urlparse

import pytest

from geoportal.services.reports import Upload, report_create
from geoportal.states import ReportStatus as S
from geoportal.tracking import tracking_code_display
from tests.a11y import axe_record, axe_violations, horizontal_overflow, serious, targets, too_small
from tests.factories import TOWN_CENTRE, ReportFactory, jpeg_bytes
from workflow.services.transitions import TransitionInput, report_transition

pytestmark = pytest.mark.django_db(transaction=True)

SCREENS = {"phone": {"width": 360, "height": 760}, "desktop": {"width": 1280, "height": 900}}


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


def _ready(page):
    page.wait_for_load_state("networkidle")
    page.evaluate("() => document.fonts.ready")


def public_pages(context, live_server, tmp_path, reports):
    """Every public page and every step of the report form, as a citizen meets them: yields (name, page)."""
    url = live_server.url
    page = context.new_page()
    page.goto(url + "/")
    page.wait_for_selector("#report-list li")
    _ready(page)
    yield "peta", page

    page.goto(url + "/lapor/")
    _ready(page)
    yield "lapor: kosong", page
    page.click("#send")
    page.wait_for_selector("[data-error=photo]:not(:empty)")
    yield "lapor: galat", page
    photo = tmp_path / "lubang.jpg"
    photo.write_bytes(jpeg_bytes(size=(1200, 900)))
    page.set_input_files("#photo", str(photo))
    page.click("label[for=cat-jalan-rusak]")
    page.click("#use-gps")
    page.wait_for_selector(".leaflet-marker-icon")
    page.click("#no-map summary")
    page.fill("#description", "Lubang di jalan")
    _ready(page)
    yield "lapor: terisi", page
    page.click("#send")
    page.wait_for_selector("#receipt", state="visible")
    yield "lapor: struk", page

    page.goto(url + "/")  # "My reports" now lists the report just sent
    page.wait_for_selector("#my-reports:not([hidden]) li")
    page.wait_for_selector("#report-list li")
    _ready(page)
    yield "peta + laporan saya", page

    resolved = reports["resolved"]
    page.goto(f"{url}/lacak/{tracking_code_display(resolved.tracking_code)}/")
    _ready(page)
    yield "lacak: selesai (jawab)", page
    received = reports["received"]
    page.goto(f"{url}/lacak/{tracking_code_display(received.tracking_code)}/")
    _ready(page)
    yield "lacak: diterima", page
    page.goto(f"{url}/laporan/{reports['dispatched'].pk}/")
    _ready(page)
    yield "laporan publik", page
    page.goto(url + "/lacak/")
    yield "/lacak/ (404)", page
    page.goto(url + "/lacak/AAAA-AAAA/")
    yield "lacak: kode salah", page
    page.goto(url + "/tidak-ada/")
    yield "404", page
    page.goto(url + "/masuk/")
    yield "masuk", page
    page.fill("#id_username", "siapa")
    page.fill("#id_password", "salah")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    yield "masuk: salah", page


def _sign_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", "x-pass-123")
    page.click("button[type=submit]")
    page.wait_for_load_state()


def staff_pages(context, live_server, reports):
    """Every staff page: each desk and the report page as each role acts on it. Yields (name, page)."""
    url = live_server.url
    page = context.new_page()
    _sign_in(page, live_server, "t-operator")
    _ready(page)
    yield "meja operator", page
    page.goto(f"{url}/staf/laporan/{reports['received'].pk}/")
    _ready(page)
    yield "operator: laporan diterima", page
    page.goto(f"{url}/staf/laporan/{reports['returned'].pk}/")
    _ready(page)
    yield "operator: laporan dikembalikan", page
    page.goto(f"{url}/staf/token/")
    yield "token API", page

    _sign_in(page, live_server, "t-pupr")
    _ready(page)
    yield "meja OPD", page
    page.goto(f"{url}/staf/laporan/{reports['dispatched'].pk}/")
    _ready(page)
    yield "OPD: laporan diteruskan", page
    page.goto(f"{url}/staf/laporan/{reports['in_progress'].pk}/")
    _ready(page)
    yield "OPD: laporan dikerjakan (bukti)", page

    _sign_in(page, live_server, "t-inspektorat")
    yield "meja Inspektorat", page

    _sign_in(page, live_server, "t-pimpinan")
    _ready(page)
    yield "dasbor pimpinan", page
    page.goto(f"{url}/staf/laporan/{reports['resolved'].pk}/")
    _ready(page)
    yield "pimpinan: laporan selesai", page


def _check_axe(context, pages):
    found, seen = {}, []
    for name, page in pages:
        seen.append(name)
        violations = axe_violations(page)
        axe_record(f"{context.name} · {name}", violations)
        if bad := serious(violations):
            found[name] = bad
    return found, seen


def test_public_pages_have_no_serious_accessibility_violations(
    committed_reference, staff, reports, screen, live_server, tmp_path
):
    found, seen = _check_axe(screen, public_pages(screen, live_server, tmp_path, reports))
    assert len(seen) == 14
    assert found == {}, found


def test_staff_pages_have_no_serious_accessibility_violations(committed_reference, staff, reports, screen, live_server):
    found, seen = _check_axe(screen, staff_pages(screen, live_server, reports))
    assert len(seen) == 10
    assert found == {}, found


def test_every_control_is_at_least_24_px_on_a_phone(
    committed_reference, staff, reports, phone_context, live_server, tmp_path
):
    small, inline, measured = {}, set(), 0
    public = public_pages(phone_context, live_server, tmp_path, reports)
    for walk in (public, staff_pages(phone_context, live_server, reports)):
        for name, page in walk:
            found = targets(page)
            measured += len(found)
            inline |= {f"{name}: {t['text']}" for t in found if t["inline"]}
            if bad := too_small(page):
                small[name] = bad
    assert measured > 200
    assert small == {}, small
    # The links WCAG exempts because they sit in a sentence: few, and each in running text.
    assert len(inline) <= 6, sorted(inline)


def test_staff_pages_do_not_scroll_sideways_on_a_phone(committed_reference, staff, reports, phone_context, live_server):
    wide = {}
    for name, page in staff_pages(phone_context, live_server, reports):
        assert page.viewport_size["width"] == 360
        if overflow := horizontal_overflow(page):
            wide[name] = overflow
    assert wide == {}, wide


def test_primary_actions_are_thumb_sized_and_within_reach_on_a_phone(
    committed_reference, staff, reports, phone_context, live_server
):
    """The main action of each page a phone user comes for: 48 × 48 px at least, and either fixed in the lower
    part of the screen or reached by scrolling down to it (then it is in the lower half once in view)."""
    url = live_server.url
    page = phone_context.new_page()
    page.goto(url + "/")
    box = page.locator(".topbar .report").bounding_box()
    assert box["height"] >= 48 and box["width"] >= 48
    assert box["y"] > 760 / 2  # the report button sits at the bottom, under the thumb

    def check(selector):
        button = page.locator(selector)
        button.scroll_into_view_if_needed()
        box = button.bounding_box()
        assert box["height"] >= 48 and box["width"] >= 48, (selector, box)
        return box

    page.goto(url + "/lapor/")
    check("#send")
    check("#use-gps")
    _sign_in(page, live_server, "t-pupr")
    page.goto(f"{url}/staf/laporan/{reports['in_progress'].pk}/")
    check("form[data-action=resolve] button[type=submit]")
    page.goto(f"{url}/staf/laporan/{reports['dispatched'].pk}/")
    check("form[data-action=acknowledge] button[type=submit]")
    _sign_in(page, live_server, "t-operator")
    page.goto(f"{url}/staf/laporan/{reports['received'].pk}/")
    check("form[data-action=verify] button[type=submit]")


def test_the_proof_photo_input_opens_the_camera(committed_reference, staff, reports, phone_context, live_server):
    page = phone_context.new_page()
    _sign_in(page, live_server, "t-pupr")
    page.goto(f"{live_server.url}/staf/laporan/{reports['in_progress'].pk}/")
    proof = page.locator("form[data-action=resolve] input[type=file][name=photo]")
    assert proof.get_attribute("accept") == "image/*"
    assert proof.get_attribute("capture") == "environment"
    assert urlparse(page.url).path.startswith("/staf/laporan/")
