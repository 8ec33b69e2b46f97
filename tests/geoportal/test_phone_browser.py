"""The citizen on a 360 px phone in real Chromium: every asset of every page resolves (the report pin was a broken
image), a report sent by the outbox later keeps its code on the phone whatever page is open, the map recovers when
the connection returns, and the header's controls are big enough for a thumb."""

import re
from urllib.parse import urlparse

import pytest

from geoportal.models import Report
from geoportal.tracking import tracking_code_display
from tests.factories import ReportFactory, jpeg_bytes
from tests.geoportal.test_citizen_browser import _fill_report

pytestmark = pytest.mark.django_db(transaction=True)

# Every url(...) of the page's same-origin style sheets, as the browser resolved them.
_CSS_URLS = """() => {
  const urls = new Set();
  for (const sheet of document.styleSheets) {
    let rules; try { rules = sheet.cssRules; } catch (e) { continue; }
    for (const rule of rules) {
      for (const m of rule.cssText.matchAll(/url\\(["']?([^"')]+)["']?\\)/g)) {
        if (!m[1].startsWith("data:")) urls.add(new URL(m[1], sheet.href || location.href).href);
      }
    }
  }
  return [...urls];
}"""


@pytest.fixture
def production_static(settings, phone):
    """The pages with the static names production serves: hashed, from the STATIC_ROOT that `make test` collects
    first (the broken pin only showed with those). The test server serves static files from the source folders
    under their plain names, so the browser gets /static/ straight from the collected folder."""
    root = settings.STATIC_ROOT
    assert (root / "staticfiles.json").exists(), f"run scripts/collectstatic.sh first ({root} has no manifest)"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

    def collected(route):
        name = urlparse(route.request.url).path.removeprefix(settings.STATIC_URL)
        path = (root / name).resolve()
        if path.is_relative_to(root.resolve()) and path.is_file():
            route.fulfill(path=str(path))
        else:
            route.fulfill(status=404, body="not collected")

    # On the context, not the page: the service worker's own requests for static files are routed too.
    phone.context.route(f"**{settings.STATIC_URL}**", collected)


def test_every_asset_of_every_page_resolves(committed_reference, staff, production_static, phone, live_server):
    report = ReportFactory()
    host = urlparse(live_server.url).netloc
    broken = []
    phone.on("response", lambda r: broken.append(f"{r.status} {r.url}") if r.status >= 400 else None)

    def failed(request):  # a request the page itself cancelled (a newer map view) is not a missing asset
        if urlparse(request.url).netloc == host and request.failure != "net::ERR_ABORTED":
            broken.append(f"failed {request.url}: {request.failure}")

    phone.on("requestfailed", failed)
    pages = [
        "/",
        "/lapor/",
        f"/laporan/{report.pk}/",
        f"/lacak/{tracking_code_display(report.tracking_code)}/",
        "/masuk/",
    ]
    checked = 0
    for path in pages:
        phone.goto(live_server.url + path)
        phone.wait_for_load_state("networkidle")
        if path == "/lapor/":  # the pin: Leaflet's marker images
            phone.click("#use-gps")
            phone.wait_for_selector(".leaflet-marker-icon")
            markers = "[...document.querySelectorAll('.leaflet-marker-icon, .leaflet-marker-shadow')]"
            phone.wait_for_function(f"() => {markers}.every(i => i.complete)")
            shown = phone.evaluate(f"() => {markers}.map(i => [i.getAttribute('src'), i.naturalWidth])")
            broken += [f"broken pin image {src}" for src, width in shown if not width]
        assets = phone.evaluate(
            "() => [...document.querySelectorAll('script[src], link[rel=stylesheet]')].map(e => e.src || e.href)"
        )
        assert assets and all(re.search(r"\.[0-9a-f]{12}\.(js|css)$", url) for url in assets), assets
        for url in phone.evaluate(_CSS_URLS):
            if urlparse(url).netloc == host:
                status = phone.evaluate("url => fetch(url).then(r => r.status)", url)
                checked += 1
                if status >= 400:
                    broken.append(f"{status} {url} (CSS of {path})")
        images = phone.evaluate(
            "() => [...document.images].filter(i => i.complete && i.naturalWidth === 0).map(i => i.src)"
        )
        broken += [f"broken image {src} on {path}" for src in images]
    assert checked > 4  # leaflet.css's images on the map and on the form (no icon font any more): the crawl saw them
    assert broken == [], broken
    assert phone.foreign == []


def test_a_report_sent_later_from_another_page_keeps_its_code_on_the_phone(
    committed_reference,
    staff,
    phone,
    live_server,
    tmp_path,
):
    _fill_report(phone, live_server, tmp_path, "Dikirim dari halaman peta")
    phone.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15000)
    phone.context.set_offline(True)
    phone.click("#send")
    phone.wait_for_selector("#queue", state="visible")
    # The citizen goes back to the map, still without a connection; then the connection returns there.
    phone.goto(live_server.url + "/")
    phone.context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    phone.wait_for_selector("#sent-banner:not([hidden])", timeout=15000)
    report = Report.objects.get(description="Dikirim dari halaman peta")
    code = tracking_code_display(report.tracking_code)
    assert code in phone.inner_text("#sent-banner")
    assert phone.get_attribute("#sent-banner a", "href").endswith(f"/lacak/{code}/")
    # "My reports" lists it, on the map page and on the form, after a reload too.
    phone.wait_for_selector("#my-reports:not([hidden])")
    assert code in phone.inner_text("#my-reports")
    phone.goto(live_server.url + "/lapor/")
    phone.wait_for_selector("#my-reports:not([hidden])")
    item = phone.locator("#my-reports li", has_text=code)
    assert "Jalan rusak" in item.inner_text()
    phone.wait_for_function("() => document.querySelector('#my-reports').textContent.includes('Menunggu dicek')")
    # The citizen may make the phone forget it.
    phone.once("dialog", lambda dialog: dialog.accept())
    item.locator("button.forget").click()
    phone.wait_for_selector("#my-reports", state="hidden")
    assert Report.objects.filter(pk=report.pk).exists()  # the report itself stays


def test_the_receipt_offers_copy_and_keeps_the_code(committed_reference, staff, phone, live_server, tmp_path):
    _fill_report(phone, live_server, tmp_path, "Struk dengan tombol salin")
    phone.click("#send")
    phone.wait_for_selector("#receipt", state="visible")
    code = phone.inner_text("#receipt-code")
    box = phone.locator("#receipt-copy").bounding_box()
    assert box["height"] >= 48 and box["width"] >= 48
    phone.click("#receipt-copy")
    phone.wait_for_function("() => document.getElementById('receipt-copied').textContent.length > 0")
    assert phone.evaluate("window.laporMine.all()[0].code") == code


def test_the_map_loads_by_itself_when_the_connection_returns(committed_reference, phone, live_server):
    ReportFactory()
    phone.goto(live_server.url + "/")
    phone.wait_for_function("() => /\\d/.test(document.getElementById('report-summary').textContent)")
    phone.context.set_offline(True)
    # A view not loaded before (the public list may be served from the browser's cache for a minute): it fails.
    phone.select_option("#f-status", "resolved,closed")
    phone.evaluate("document.getElementById('filters').requestSubmit()")
    phone.wait_for_function("() => document.getElementById('report-summary').textContent.includes('koneksi')")
    phone.context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    phone.wait_for_function("() => /\\d/.test(document.getElementById('report-summary').textContent)", timeout=10000)


def test_the_header_is_one_row_of_thumb_sized_controls(committed_reference, phone, live_server):
    phone.goto(live_server.url + "/")
    header = phone.locator("header.topbar").bounding_box()
    assert header["height"] <= 60, header  # one row on a 360 px phone
    for selector in ("#kode", "header.topbar button", "#language"):
        box = phone.locator(selector).bounding_box()
        assert box["height"] >= 44, (selector, box)
    report = phone.locator("header .report").bounding_box()
    assert report["height"] >= 48 and report["width"] >= 48
    # within the thumb's reach: the lower right of the screen
    assert report["y"] > 760 * 0.75 and report["x"] + report["width"] > 360 * 0.6
    assert phone.inner_text(".leaflet-control-scale").count("\n") == 0  # metric only: one line, no miles
    assert "mi" not in phone.inner_text(".leaflet-control-scale")
    phone.screenshot(path="docs/screenshots/phone-home-360.png")
    phone.goto(live_server.url + "/lapor/")
    assert phone.locator("header .report").count() == 0  # already reporting


def test_the_form_s_controls_are_thumb_sized_and_say_what_they_do(committed_reference, phone, live_server):
    phone.goto(live_server.url + "/lapor/")
    gps = phone.locator("#use-gps").bounding_box()
    assert gps["height"] >= 44, gps
    box = phone.locator("#anonymous").bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, box  # WCAG 2.2 target size
    font = phone.evaluate("getComputedStyle(document.getElementById('description')).fontFamily")
    assert "mono" not in font.lower(), font
    enabled = phone.evaluate("getComputedStyle(document.getElementById('name')).backgroundColor")
    phone.click("label.check")
    assert phone.locator("#name").is_disabled()
    assert phone.evaluate("getComputedStyle(document.getElementById('name')).backgroundColor") != enabled
    phone.locator("#contact").scroll_into_view_if_needed()
    phone.screenshot(path="docs/screenshots/phone-report-anonymous-360.png")


def test_the_floating_report_button_never_covers_the_end_of_the_tracking_page(
    committed_reference, staff, phone, live_server
):
    from workflow.services.transitions import TransitionInput, report_transition

    report = ReportFactory(status="received", description="Lubang di jalan desa, sudah tiga minggu")
    report_transition(report_id=report.pk, name="verify", actor=staff["operator"])
    report_transition(report_id=report.pk, name="dispatch", actor=staff["operator"], data=TransitionInput(opd="PUPR"))
    report_transition(report_id=report.pk, name="acknowledge", actor=staff["pupr"])
    phone.set_viewport_size({"width": 360, "height": 560})  # a small phone: the page is longer than its screen
    phone.goto(f"{live_server.url}/lacak/{tracking_code_display(report.tracking_code)}/")
    assert phone.evaluate("document.documentElement.scrollHeight") > 560
    phone.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    button = phone.locator("header .report").bounding_box()
    assert button["y"] > 560 * 0.75  # still floating at the bottom, within the thumb's reach
    # Scrolled to the end, the page's last content stands above the button.
    end = phone.evaluate(
        "() => Math.max(...[...document.querySelectorAll('main *')].filter(e => e.offsetParent !== null)"
        ".map(e => e.getBoundingClientRect().bottom))"
    )
    assert end <= button["y"], (end, button)
    phone.screenshot(path="docs/screenshots/phone-track-end-360.png")


def test_the_form_s_file_buttons_speak_the_page_s_language(committed_reference, phone, live_server, tmp_path):
    """The browser words its own file input ("Choose File", "No file chosen") in its language, not the page's: every
    file input is hidden behind a labelled button in Indonesian, still reached and opened from the keyboard."""
    phone.goto(live_server.url + "/lapor/")
    inputs = phone.locator("input[type=file]")
    assert inputs.count() == 3
    for i in range(inputs.count()):
        field = inputs.nth(i)
        box = field.bounding_box()
        clip = field.evaluate("e => getComputedStyle(e).clip")
        assert box["width"] <= 1 and clip == "rect(0px, 0px, 0px, 0px)", (field.get_attribute("id"), box)  # hidden
        label = phone.locator(f"label[for={field.get_attribute('id')}]")
        assert label.is_visible() and label.bounding_box()["height"] >= 44
        assert not {"choose", "file", "no file"} & set(label.inner_text().lower().split())
    # Keyboard: the hidden input takes the focus in the tab order and its button shows the focus ring.
    phone.focus("#photo")
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.id") == "more-photos"
    ring = phone.evaluate("getComputedStyle(document.querySelector('label[for=more-photos]')).outlineStyle")
    assert ring == "solid"
    with phone.expect_file_chooser() as chooser:
        phone.keyboard.press("Space")
    photo = tmp_path / "dua.jpg"
    photo.write_bytes(jpeg_bytes(size=(640, 480)))
    chooser.value.set_files([str(photo), str(photo)])
    phone.wait_for_function("() => document.getElementById('files-chosen').textContent.includes('Foto dipilih: 2')")
    phone.locator(".file-row").scroll_into_view_if_needed()
    phone.screenshot(path="docs/screenshots/phone-report-file-buttons-360.png")
    desktop = phone.context.new_page()
    desktop.set_viewport_size({"width": 1280, "height": 800})
    desktop.goto(live_server.url + "/lapor/")
    desktop.locator(".file-row").scroll_into_view_if_needed()
    desktop.screenshot(path="docs/screenshots/report-file-buttons-desktop.png")
    desktop.close()
