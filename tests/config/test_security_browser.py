"""The Content-Security-Policy in real headless Chromium: every page works under it, and nothing it refuses
is needed. Each page is loaded and used while the browser reports every `securitypolicyviolation` event and
every console message about the policy; the basemap's tiles come from another origin (another port)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from PIL import Image
from playwright.sync_api import Error as PlaywrightError

from config.security import content_security_policy
from geoportal.services.reports import Upload, report_create
from geoportal.tracking import tracking_code_display
from tests.factories import TOWN_CENTRE, jpeg_bytes
from workflow.services.transitions import report_transition

pytestmark = pytest.mark.django_db(transaction=True)

# Redoc always shows Redocly's logo from their CDN (no option turns it off); the policy refuses it, the
# logo's img hides itself, and nothing else on the page needs another host.
REFUSED_ON_PURPOSE = {"https://cdn.redoc.ly/redoc/logo-mini.svg"}

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => window.cspViolation({
  directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber,
  sample: e.sample, page: location.href,
}));
"""


@pytest.fixture
def tile_server():
    """A basemap on another origin that answers every tile with a small PNG and counts the requests."""
    buffer = BytesIO()
    Image.new("RGB", (256, 256), (200, 220, 200)).save(buffer, "PNG")
    png, requests = buffer.getvalue(), []

    class Tiles(BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(png)))
            self.end_headers()
            self.wfile.write(png)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.url, server.requests = f"http://127.0.0.1:{server.server_port}", requests
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def watched(browser, live_server, settings, tile_server):
    """A browser context whose pages report every CSP violation into `context.violations`."""
    settings.MAP_TILES_URL = f"{tile_server.url}/{{z}}/{{x}}/{{y}}.png"
    settings.CONTENT_SECURITY_POLICY = content_security_policy(tiles_url=settings.MAP_TILES_URL)
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale="id-ID",
        geolocation={"latitude": TOWN_CENTRE[1], "longitude": TOWN_CENTRE[0], "accuracy": 12},
        permissions=["geolocation"],
    )
    context.violations, context.errors = [], []
    context.expose_binding(
        "cspViolation",
        lambda source, violation: (
            None if violation["blocked"] in REFUSED_ON_PURPOSE else context.violations.append(violation)
        ),
    )
    context.add_init_script(REPORT_VIOLATIONS)

    def watch(page):
        def console(message):
            if any(url in message.text for url in REFUSED_ON_PURPOSE):
                return
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
                context.violations.append(message.text)
            elif message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
                context.errors.append(f"{message.text} ({message.location.get('url')})")

        page.on("console", console)
        page.on("pageerror", lambda error: context.errors.append(str(error)))

    context.on("page", watch)
    yield context
    context.close()


def _settle(page):
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # violation events are dispatched asynchronously


def _sign_in(page, live_server, username, password="x-pass-123"):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_citizen_pages_run_under_the_policy(committed_reference, staff, watched, live_server, tile_server, tmp_path):
    report = report_create(
        category="jalan-rusak",
        lon=TOWN_CENTRE[0],
        lat=TOWN_CENTRE[1],
        photos=[Upload(jpeg_bytes(size=(640, 480)))],
        description="Lubang di jalan",
    )
    report_transition(report_id=report.pk, name="verify", actor=staff["operator"])
    page = watched.new_page()

    # The citizen map: folium's inline code runs (its nonce), the reports load, the basemap's tiles come in.
    page.goto(live_server.url)
    page.wait_for_selector(f"#report-list li[data-report='{report.pk}']", timeout=15000)
    assert page.evaluate("typeof window.laporMap") == "object"
    page.select_option("#f-status", "verified,dispatched,returned")
    _settle(page)
    assert tile_server.requests, "the basemap's tiles were not requested"
    # The service worker registered from the static page script (no inline code).
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15000)

    # The report form: its map, GPS, and a photo preview (a blob: image).
    page.goto(f"{live_server.url}/lapor/")
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(jpeg_bytes(size=(800, 600)))
    page.set_input_files("#photo", str(photo))
    page.wait_for_selector("#previews img")
    page.click("#use-gps")
    page.wait_for_function("() => document.getElementById('latitude').value !== ''")
    _settle(page)

    # The tracking page; then the language switch, which submits its form from a static script.
    page.goto(f"{live_server.url}/lacak/{tracking_code_display(report.tracking_code)}/")
    assert page.inner_text("#status") == "Sudah dicek"
    page.select_option("#language", "en")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#status") == "Checked"
    _settle(page)

    assert watched.violations == [], "\n".join(map(str, watched.violations))
    assert watched.errors == [], "\n".join(watched.errors)


def test_desks_admin_and_api_docs_run_under_the_policy(committed_reference, staff, watched, live_server, settings):
    report = report_create(
        category="jalan-rusak",
        lon=TOWN_CENTRE[0],
        lat=TOWN_CENTRE[1],
        photos=[Upload(jpeg_bytes())],
        description="Lampu mati",
    )
    page = watched.new_page()

    # A desk page with its OpenLayers map, now started from a static script.
    _sign_in(page, live_server, "t-operator")
    page.goto(f"{live_server.url}/staf/laporan/{report.pk}/")
    page.wait_for_selector("#map canvas")
    _settle(page)
    # The leadership dashboard: the month picker submits on change.
    _sign_in(page, live_server, "t-pimpinan")
    page.goto(f"{live_server.url}/staf/pimpinan/")
    months = page.locator("#bulan option").all_inner_texts()
    page.select_option("#bulan", months[-1])
    page.wait_for_url(f"**bulan={months[-1]}")
    _settle(page)

    # The admin, signed in as an administrator: the index, a list, and a change page with its geometry map.
    get_user_model().objects.create_superuser("t-admin", "admin@example.org", "x-pass-123")
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "t-admin")
    page.fill("#id_password", "x-pass-123")
    page.click("input[type=submit]")
    page.wait_for_selector("#content-main")
    page.goto(f"{live_server.url}/admin/geoportal/report/")
    page.goto(f"{live_server.url}/admin/geoportal/report/{report.pk}/change/")
    page.wait_for_selector("#report_form")
    _settle(page)
    page.goto(f"{live_server.url}/admin/geoportal/desa/{report.desa_id}/change/")
    page.wait_for_selector(".dj_map canvas")
    assert page.evaluate("document.getElementById('id_geom').value.length") > 100
    _settle(page)

    # The API's documentation: Swagger UI and Redoc render the schema.
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20000)
    _settle(page)
    page.goto(f"{live_server.url}/api/categories/")  # the browsable API
    page.wait_for_selector(".response-info")
    _settle(page)
    page.goto(f"{live_server.url}/api/redoc/")
    page.wait_for_selector("redoc [role=search], redoc .api-content", timeout=20000)
    _settle(page)

    assert watched.violations == [], "\n".join(map(str, watched.violations))
    assert watched.errors == [], "\n".join(watched.errors)


def test_the_watch_sees_what_the_policy_refuses(committed_reference, watched, live_server):
    """The harness itself: an inline script without the nonce, an image from a third host and a framing
    attempt are refused, and each refusal is reported."""
    page = watched.new_page()
    page.goto(f"{live_server.url}/lapor/")
    with pytest.raises(PlaywrightError, match="Content Security Policy"):
        page.add_script_tag(content="window.injected = true;")
    page.evaluate("() => { const i = new Image(); i.src = 'http://127.0.0.2:9/tile.png'; document.body.append(i); }")
    _settle(page)
    assert page.evaluate("window.injected === undefined")
    directives = sorted(v["directive"] for v in watched.violations if isinstance(v, dict))
    assert directives == ["img-src", "script-src-elem"], watched.violations
