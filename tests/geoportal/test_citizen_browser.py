"""The citizen side in real headless Chromium: report with photo and GPS, follow it, see it on the map, and
report without a connection."""

import pytest

from geoportal.models import Report
from geoportal.tracking import tracking_code_normalize
from tests.factories import jpeg_bytes
from workflow.services.transitions import report_transition

pytestmark = pytest.mark.django_db(transaction=True)


def _fill_report(page, live_server, tmp_path, description):
    photo = tmp_path / "lubang.jpg"
    photo.write_bytes(jpeg_bytes(size=(1200, 900)))
    page.goto(f"{live_server.url}/lapor/")
    page.set_input_files("#photo", str(photo))
    if not page.locator("label[for=cat-jalan-rusak]").is_visible():  # not among the most used labels
        page.click("#more-labels summary")
    page.click("label[for=cat-jalan-rusak]")
    page.click("#use-gps")
    page.wait_for_function("() => document.getElementById('latitude').value !== ''")
    page.fill("#description", description)


def test_report_with_photo_and_gps_then_follow_it_and_find_it_on_the_map(
    committed_reference, staff, phone, live_server, tmp_path
):
    _fill_report(phone, live_server, tmp_path, "Lubang besar dekat alun-alun")
    phone.click("#send")
    phone.wait_for_selector("#receipt", state="visible")
    code = phone.inner_text("#receipt-code")
    report = Report.objects.get(tracking_code=tracking_code_normalize(code))
    assert (report.desa.nama, report.description) == ("Ngantru", "Lubang besar dekat alun-alun")
    assert report.photos.count() == 1
    phone.screenshot(path=str(tmp_path / "receipt.png"), full_page=True)

    phone.click("#receipt-link")
    assert phone.inner_text("#status") == "Menunggu dicek"
    # Not public yet: the tracking page shows the photo through a link signed for the citizen.
    assert "?tanda=" in phone.locator("main img").first.get_attribute("src")
    phone.wait_for_function("[...document.querySelectorAll('main img')].every(i => i.complete && i.naturalWidth > 0)")

    # Not on the public map until an operator verifies it; then it is.
    report_transition(report_id=report.pk, name="verify", actor=staff["operator"])
    phone.goto(live_server.url)
    phone.wait_for_function("() => document.getElementById('report-summary').textContent.length > 0")
    assert phone.errors == [], phone.errors
    phone.wait_for_selector(f"#report-list li[data-report='{report.pk}']", timeout=15000)
    assert "Jalan rusak" in phone.inner_text(f"#report-list li[data-report='{report.pk}']")
    assert phone.foreign == []


def test_a_report_made_offline_is_sent_once_when_the_connection_returns(
    committed_reference, staff, phone, live_server, tmp_path
):
    _fill_report(phone, live_server, tmp_path, "Dikirim tanpa sinyal")
    # The service worker has stored the pages and now controls this one: they are kept for offline use.
    phone.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15000)
    phone.context.set_offline(True)
    phone.click("#send")
    phone.wait_for_selector("#queue", state="visible")
    assert "1" in phone.inner_text("#queue-text")
    assert phone.evaluate("window.laporOutbox.all().then(e => e.length)") == 1
    assert Report.objects.count() == 0

    # Still offline, the form opens again from the phone, with the report still waiting.
    phone.goto(f"{live_server.url}/lapor/")
    phone.wait_for_selector("#queue", state="visible")
    assert phone.locator("#report-form").count() == 1
    assert phone.locator("#offline-banner").is_visible()

    phone.context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    phone.wait_for_selector("#receipt", state="visible", timeout=15000)
    assert Report.objects.filter(description="Dikirim tanpa sinyal").count() == 1
    assert phone.evaluate("window.laporOutbox.all().then(e => e.length)") == 0

    # Whatever resends happen later (a second flush, a reload), the report exists once.
    phone.evaluate("window.laporOutbox.flush()")
    phone.reload()
    phone.wait_for_timeout(1000)
    assert Report.objects.filter(description="Dikirim tanpa sinyal").count() == 1
    assert phone.foreign == []


def test_a_crowded_map_draws_vector_tiles_and_a_tap_finds_the_reports(
    committed_reference, phone, live_server, settings, tmp_path
):
    from tests.factories import ReportFactory

    settings.MAP_FEATURE_LIMIT = 3  # a crowd, at test scale
    reports = [ReportFactory() for _ in range(6)]
    tiles = []
    phone.on("response", lambda r: tiles.append(r.status) if ".pbf" in r.url else None)
    phone.goto(live_server.url)
    phone.wait_for_selector(".folium-map[data-mode=tiles]", timeout=15000)
    phone.wait_for_function("() => document.querySelectorAll('.leaflet-tile-container canvas').length > 0")
    assert tiles and set(tiles) == {200}
    phone.wait_for_function(
        "() => document.getElementById('report-summary').textContent.startsWith('Lebih dari 3 laporan')"
    )
    assert phone.locator("#report-list li").count() == 3  # the newest, as a text list
    phone.screenshot(path=str(tmp_path / "tiles.png"))

    # a tap on the crowd in Ngantru zooms in until the reports can be listed; a popup then links to them
    point = reports[0].location
    where = "(() => { const p = laporMap.latLngToContainerPoint([%s, %s]); return [p.x, p.y]; })()"
    for _ in range(6):
        xy = phone.evaluate(where % (point.y, point.x))
        box = phone.locator(".folium-map").bounding_box()
        zoom = phone.evaluate("laporMap.getZoom()")
        phone.mouse.click(box["x"] + xy[0], box["y"] + xy[1])
        phone.wait_for_timeout(800)
        if phone.locator(".leaflet-popup-content").count():
            break
        assert phone.evaluate("laporMap.getZoom()") > zoom
    popup = phone.inner_text(".leaflet-popup-content")
    assert "6 laporan di sini" in popup or "Jalan rusak" in popup
    assert not phone.errors, phone.errors
    assert not phone.foreign, phone.foreign


def _desktop(browser):
    return browser.new_page(viewport={"width": 1280, "height": 800}, locale="id-ID")


def test_the_tracking_page_shows_the_officer_s_proof_before_asking_if_it_is_fixed(
    committed_reference, staff, phone, browser, live_server
):
    """Issue 17 item 7: status now, then what was done with the officer's proof (captioned, in WIB), then the question,
    then the history with the citizen's own photo captioned as theirs; the status line never wraps with a stray "·"."""
    from geoportal.services.reports import Upload, report_create
    from geoportal.tracking import tracking_code_display
    from tests.factories import TOWN_CENTRE
    from workflow.services.transitions import TransitionInput

    report = report_create(
        category="jalan-rusak",
        lon=TOWN_CENTRE[0],
        lat=TOWN_CENTRE[1],
        photos=[Upload(jpeg_bytes(size=(1200, 900), colour=(200, 120, 30)))],
        description="Lubang besar dekat alun-alun",
    )
    operator, pupr = staff["operator"], staff["pupr"]
    report_transition(report_id=report.pk, name="verify", actor=operator)
    report_transition(report_id=report.pk, name="dispatch", actor=operator, data=TransitionInput(opd="PUPR"))
    report_transition(report_id=report.pk, name="acknowledge", actor=pupr)
    proof = Upload(jpeg_bytes(size=(1200, 900), colour=(90, 90, 90)))
    report_transition(
        report_id=report.pk, name="resolve", actor=pupr, data=TransitionInput(note="Sudah ditambal", photo=proof)
    )
    url = f"{live_server.url}/lacak/{tracking_code_display(report.tracking_code)}/"
    desktop = _desktop(browser)
    for page, name in ((phone, "phone"), (desktop, "desktop")):
        page.goto(url)
        page.wait_for_function("[...document.querySelectorAll('main img')].every(i => i.complete && i.naturalWidth)")
        tops = [page.locator(f"#{part}").bounding_box()["y"] for part in ("now", "proof", "answer", "history")]
        assert tops == sorted(tops), (name, tops)
        assert page.inner_text("#status") == "Sudah dikerjakan"
        status = page.locator("#status").bounding_box()
        line = page.evaluate("parseFloat(getComputedStyle(document.getElementById('status')).lineHeight) || 20")
        assert status["height"] < 1.8 * line, (name, status, line)  # one line
        assert "·" not in page.inner_text("#now")
        caption = page.inner_text("#proof figcaption")
        assert caption.startswith("Foto bukti dari petugas") and caption.endswith("WIB"), caption
        assert "Sudah ditambal" in page.inner_text("#proof")
        assert page.inner_text("#history figure.reporter-photo figcaption") == "Foto dari Anda"
        assert page.locator("#history img").count() == 1  # the proof is shown once, above
        page.screenshot(path=f"docs/screenshots/track-proof-{name}.png", full_page=True)
    assert phone.errors == [] and phone.foreign == []
    desktop.close()


def test_the_map_lists_and_explains_statuses_in_plain_words(committed_reference, phone, browser, live_server):
    """Issue 17 item 5: "Diteruskan ke OPD" is jargon to citizens; the map's list and legend use everyday words."""
    from geoportal.states import ReportStatus as S
    from tests.factories import ReportFactory

    for status in (S.VERIFIED, S.DISPATCHED, S.IN_PROGRESS, S.REOPENED, S.RESOLVED, S.CLOSED):
        ReportFactory(status=status)
    desktop = _desktop(browser)
    for page, name in ((phone, "phone"), (desktop, "desktop")):
        page.goto(live_server.url)
        page.wait_for_selector("#report-list li", timeout=15000)
        listed = page.inner_text("#report-list")
        for words in ("Sudah dicek", "Sudah diteruskan ke dinas", "Sedang dikerjakan", "Belum beres, dikerjakan lagi"):
            assert words in listed, (name, words, listed)
        for jargon in ("Diteruskan ke OPD", "Terverifikasi", "Dibuka kembali", "Ditutup"):
            assert jargon not in listed, (name, jargon)
        legend = page.inner_text("#legend")
        assert "Menunggu: Sudah dicek, Sudah diteruskan ke dinas, Dicarikan dinas yang tepat" in legend, legend
        assert page.locator("#legend .dot").count() == 3
        page.screenshot(path=f"docs/screenshots/map-plain-status-{name}.png", full_page=name == "phone")
    assert phone.errors == [] and phone.foreign == []
    desktop.close()


def test_a_circle_of_many_reports_is_red_while_any_of_them_waits(committed_reference, browser, live_server):
    """Issue 17 item 4, in marker mode: markercluster's own colours (green under 10 reports) painted a cluster of
    waiting reports green. A cluster follows the legend: red while any waits, yellow while any is being handled,
    green only when all are done."""
    from geoportal.states import ReportStatus as S
    from tests.factories import ReportFactory

    def cluster_colours():
        # A fresh phone each time: the map's answers may be kept for a minute (Cache-Control: public, max-age=60).
        phone = browser.new_context(viewport={"width": 360, "height": 760}, locale="id-ID").new_page()
        phone.goto(live_server.url)
        summary = "s => new RegExp(s).test(document.getElementById('report-summary').textContent)"
        phone.wait_for_function(summary, arg=" laporan masih terbuka di area ini$", timeout=15000)
        phone.select_option("#f-status", "")  # all reports, done ones too (the default lists the open ones)
        phone.wait_for_function(summary, arg="^[0-9]+ laporan di area ini$")
        phone.wait_for_selector(".progress-cluster span")
        colours = phone.evaluate(
            "() => [...document.querySelectorAll('.progress-cluster span')]"
            ".map(s => [getComputedStyle(s).backgroundColor, getComputedStyle(s).color, s.textContent])"
        )
        phone.context.close()
        return colours

    done = [ReportFactory(status=S.RESOLVED) for _ in range(5)]  # all at the same place: one cluster
    # The number stays readable on each colour (WCAG contrast: white on green and red, dark on yellow).
    white, dark = "rgb(255, 255, 255)", "rgb(28, 36, 48)"
    assert cluster_colours() == [["rgb(46, 125, 50)", white, "5"]]  # green: all done
    ReportFactory(status=S.IN_PROGRESS)
    assert cluster_colours() == [["rgb(249, 168, 37)", dark, "6"]]  # yellow: one is being handled
    ReportFactory(status=S.VERIFIED)
    assert cluster_colours() == [["rgb(198, 40, 40)", white, "7"]]  # red: one waits among seven
    assert len(done) == 5


def test_the_map_opens_on_what_is_still_open_and_near_me_goes_to_the_citizen(
    committed_reference, phone, browser, live_server
):
    """Issue 17: "the default view answers what is still open near me". The status filter starts on the open
    reports (waiting or being handled); "Dekat saya" takes the map to the phone's place at street level."""
    from geoportal.models import Desa
    from geoportal.states import ReportStatus as S
    from tests.factories import TOWN_CENTRE, ReportFactory

    here_waiting = ReportFactory.at(*TOWN_CENTRE, status=S.VERIFIED)  # in Ngantru, where the phone is
    ReportFactory.at(*TOWN_CENTRE, status=S.CLOSED)  # done: not in the default list
    far = Desa.objects.exclude(kecamatan__kode="35.03.11").order_by("kode").first()
    far_handled = ReportFactory(status=S.IN_PROGRESS, desa_kode=far.kode)

    phone.goto(live_server.url)
    phone.wait_for_function("() => document.querySelectorAll('#report-list li').length === 2", timeout=15000)
    assert phone.inner_text("#f-status option:checked").startswith("Masih terbuka")
    assert phone.inner_text("#report-summary") == "2 laporan masih terbuka di area ini"
    listed = {int(li) for li in phone.eval_on_selector_all("#report-list li", "l => l.map(e => e.dataset.report)")}
    assert listed == {here_waiting.pk, far_handled.pk}
    phone.select_option("#f-status", "")
    phone.wait_for_function("() => document.querySelectorAll('#report-list li').length === 3")
    assert phone.inner_text("#report-summary") == "3 laporan di area ini"
    phone.select_option("#f-status", index=0)

    # "Dekat saya": a 48 px button over the map; the map goes to the phone (Ngantru) at street level, marks it, and
    # the list holds what is still open there, not the far report.
    box = phone.locator("#near-me").bounding_box()
    assert box["height"] >= 48 and box["width"] >= 48
    assert phone.inner_text("#near-me").strip() == "Dekat saya"
    phone.click("#near-me")
    phone.wait_for_function("() => laporMap.getZoom() === 16")
    centre = phone.evaluate("(() => { const c = laporMap.getCenter(); return [c.lng, c.lat]; })()")
    assert abs(centre[0] - TOWN_CENTRE[0]) < 1e-4 and abs(centre[1] - TOWN_CENTRE[1]) < 1e-4
    phone.wait_for_function(
        "id => [...document.querySelectorAll('#report-list li')].map(e => e.dataset.report).join() === String(id)",
        arg=here_waiting.pk,
    )
    phone.screenshot(path="docs/screenshots/map-open-near-me-phone.png")
    assert phone.errors == [] and phone.foreign == []

    # Without the permission, it says what to do instead.
    refused = browser.new_context(viewport={"width": 360, "height": 760}, locale="id-ID")
    page = refused.new_page()
    page.goto(live_server.url)
    page.wait_for_selector("#report-list li", timeout=15000)
    page.click("#near-me")
    page.wait_for_function("() => document.getElementById('report-summary').textContent.startsWith('Lokasi Anda')")
    assert "pilih kecamatan" in page.inner_text("#report-summary")
    refused.close()


def test_the_map_s_first_question_is_asked_once_before_the_map_library_and_for_the_open_reports(
    committed_reference, phone, live_server
):
    """The page asks for the whole area's newest open reports as soon as its HTML arrives (on a slow line the
    answer comes while Leaflet loads); map.js takes that answer instead of asking the same again."""
    from urllib.parse import parse_qs, urlparse

    from geoportal.progress import open_statuses
    from geoportal.states import ReportStatus as S
    from tests.factories import ReportFactory

    ReportFactory(status=S.VERIFIED)
    asked = []
    phone.on("request", lambda r: asked.append(r.url) if "/api/reports/" in r.url else None)
    phone.goto(live_server.url)
    phone.wait_for_selector("#report-list li", timeout=15000)
    phone.wait_for_load_state("networkidle")
    first = [parse_qs(urlparse(url).query) for url in asked if "count=true" in url]
    assert len(first) == 1, asked  # asked once, by the page's head, not again by map.js
    assert first[0]["status"] == [open_statuses()]
    assert phone.inner_text("#report-summary") == "1 laporan masih terbuka di area ini"
