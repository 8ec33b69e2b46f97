"""Repeat visits on a phone in real Chromium (issue 17: under 1 s on a slow line): the service worker shows the kept
citizen page at once, before the server answers, and asks the server at the same time; a page that changed says so;
a kept page's forms still send (their CSRF token is the current one); staff pages and one-off answers are never
kept; a change of language or sign-in never shows the old kept page."""

import threading

import pytest

from geoportal.states import ReportStatus
from geoportal.tracking import tracking_code_display
from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db(transaction=True)

_KEPT_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
  }
  return urls;
}"""


@pytest.fixture
def slow_server(monkeypatch):
    """Holds the tracking page's answer until the test lets it go: the server is there but does not answer yet
    (a slow line, a busy server)."""
    import workflow.citizen_views as views

    gate = threading.Event()
    gate.set()
    real = views.report_public_timeline

    def held(**kwargs):
        gate.wait(timeout=30)
        return real(**kwargs)

    monkeypatch.setattr(views, "report_public_timeline", held)
    yield gate
    gate.set()


def _controlled(page):
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15000)


def _kept(page, path):
    """Visits `path` until the service worker has kept it (the first visit only installs the worker)."""
    page.goto(page.base + path)
    _controlled(page)
    page.goto(page.base + path)
    page.wait_for_load_state("networkidle")
    for _ in range(60):  # the worker stores it after the page has it
        if path in page.evaluate(_KEPT_URLS):
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"{path} was not kept: {page.evaluate(_KEPT_URLS)}")


@pytest.fixture
def citizen(phone, live_server):
    phone.base = live_server.url
    return phone


def _resolved_report():
    report = ReportFactory(status=ReportStatus.RESOLVED)
    return report, f"/lacak/{tracking_code_display(report.tracking_code)}/"


def test_a_repeat_visit_shows_the_kept_page_before_the_server_answers(committed_reference, citizen, slow_server):
    report, path = _resolved_report()
    _kept(citizen, path)
    slow_server.clear()  # the server now holds the tracking page's answer
    citizen.goto(citizen.base + path, wait_until="domcontentloaded", timeout=5000)
    assert citizen.inner_text("#status") == "Sudah dikerjakan"
    assert citizen.is_hidden("#updated-banner")
    slow_server.set()
    # Nothing changed on the server: no notice.
    citizen.wait_for_load_state("networkidle")
    citizen.wait_for_timeout(500)
    assert citizen.is_hidden("#updated-banner")

    # The report moved on meanwhile: the kept page shows first, then says it changed and shows the newest on a tap.
    type(report).objects.filter(pk=report.pk).update(status=ReportStatus.CLOSED)
    citizen.goto(citizen.base + path)
    assert citizen.inner_text("#status") == "Sudah dikerjakan"
    citizen.wait_for_selector("#updated-banner:not([hidden])", timeout=15000)
    assert "berubah" in citizen.inner_text("#updated-banner")
    citizen.screenshot(path="docs/screenshots/phone-track-updated-360.png")
    citizen.set_viewport_size({"width": 1280, "height": 800})
    citizen.screenshot(path="docs/screenshots/track-updated-desktop.png")
    citizen.set_viewport_size({"width": 360, "height": 760})
    citizen.click("#updated-reload")
    citizen.wait_for_function("() => document.getElementById('status').textContent.trim() !== 'Sudah dikerjakan'")
    assert citizen.errors == [], citizen.errors


def test_one_code_s_kept_page_is_never_shown_for_another(committed_reference, citizen):
    first, first_path = _resolved_report()
    other = ReportFactory()
    _kept(citizen, first_path)
    other_code = tracking_code_display(other.tracking_code)
    citizen.goto(f"{citizen.base}/lacak/{other_code}/")
    assert other_code in citizen.inner_text("main")
    assert tracking_code_display(first.tracking_code) not in citizen.inner_text("main")
    citizen.context.set_offline(True)
    citizen.goto(f"{citizen.base}/lacak/{tracking_code_display(ReportFactory().tracking_code)}/")
    assert tracking_code_display(first.tracking_code) not in citizen.content()
    citizen.context.set_offline(False)


def test_a_kept_page_s_form_still_sends_after_its_token_went_stale(committed_reference, citizen):
    """The kept copy carries the CSRF token of the day it was kept; the browser's cookie may have gone (cleared,
    expired) or changed since. The citizen's answer must still be taken."""
    report, path = _resolved_report()
    _kept(citizen, path)
    citizen.context.clear_cookies()
    citizen.goto(citizen.base + path)
    citizen.click("#confirm")
    citizen.wait_for_selector(".flash .success", timeout=15000)
    report.refresh_from_db()
    assert report.status == ReportStatus.CLOSED
    # The answer's page (with its one-off "thank you") is not kept: the next visit asks the server.
    assert path not in citizen.evaluate(_KEPT_URLS)


def test_the_kept_form_sends_a_report_after_the_cookies_went(
    committed_reference, staff, citizen, live_server, tmp_path
):
    from geoportal.models import Report
    from tests.geoportal.test_citizen_browser import _fill_report

    _kept(citizen, "/lapor/")
    citizen.context.clear_cookies()
    _fill_report(citizen, live_server, tmp_path, "Dari halaman yang disimpan")
    citizen.click("#send")
    citizen.wait_for_selector("#receipt", state="visible", timeout=15000)
    assert Report.objects.filter(description="Dari halaman yang disimpan").exists()


def test_a_new_language_is_never_hidden_by_a_kept_page(committed_reference, citizen):
    _kept(citizen, "/lapor/")
    citizen.select_option("#language", "en")
    citizen.wait_for_function("() => document.documentElement.lang === 'en'", timeout=15000)
    citizen.goto(citizen.base + "/lapor/")
    assert citizen.evaluate("document.documentElement.lang") == "en"
    assert "Report a problem" in citizen.inner_text("#report-form h1")


def test_staff_pages_and_signed_in_answers_are_never_kept(committed_reference, staff, citizen, client):
    report, path = _resolved_report()
    _kept(citizen, path)
    _kept(citizen, "/")
    client.force_login(staff["operator"].user)
    session = client.cookies["sessionid"].value
    citizen.context.add_cookies([{"name": "sessionid", "value": session, "url": citizen.base}])
    for page in ("/staf/", "/staf/operator/", f"/staf/laporan/{report.pk}/", path, "/"):
        citizen.goto(citizen.base + page)
        citizen.wait_for_load_state("networkidle")
    citizen.wait_for_timeout(500)
    kept = citizen.evaluate(_KEPT_URLS)
    assert not [url for url in kept if url.startswith(("/staf/", "/masuk/", "/admin/", "/api/", "/media/"))], kept
    # A signed-in visit replaced nothing with the staff's view: the anonymous copies it met were dropped.
    assert path not in kept and "/" not in kept, kept
