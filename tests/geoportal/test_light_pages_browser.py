"""The citizen pages load only what they use (issue 17, a cheap phone on a slow line), counted in bytes, not time:
no jQuery, Bootstrap or icon font; Leaflet on /lapor/ only once the location step is used; a first visit within
a byte budget measured from the production static files (gzip, as WhiteNoise sends them). And the shorter form:
the most used labels first, the rest behind "Lainnya", the location right after the photo; offline it still
reports without ever having loaded the map."""

import gzip
from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.core.cache import cache
from django.utils import timezone

from geoportal.models import Category, Report
from geoportal.selectors.categories import category_codes_by_use
from tests.factories import ReportFactory, jpeg_bytes
from tests.geoportal.test_phone_browser import production_static  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db(transaction=True)

# KiB a first visit may transfer, pages (gzipped) and static files (their .gz) together, service worker aside.
# Measured at this change: /lapor/ 34 KiB (was ~300: its HTML uncompressed, the icon font, Font Awesome's CSS and
# Leaflet), / 99 KiB with its first reports (was ~255: its HTML uncompressed, jQuery, Bootstrap, Font Awesome's CSS).
FORM_BUDGET_KIB = 50
MAP_BUDGET_KIB = 120
UNUSED = ("jquery", "bootstrap", "fontawesome", "fa-solid")


def _first_visit_bytes(phone, settings, url, ready):
    """What a first visit brings over the wire: each response's body as the production server sends it (a static
    file's precompressed .gz when WhiteNoise has one, a page or API answer gzipped when it is compressible)."""
    seen = []

    def count(response):
        request = response.request
        if request.service_worker is not None or request.url.startswith("data:"):
            return
        path = urlparse(request.url).path
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 - redirects have no body
            return
        packed = settings.STATIC_ROOT / (path.removeprefix(settings.STATIC_URL) + ".gz")
        if path.startswith(settings.STATIC_URL) and packed.is_file():
            size = packed.stat().st_size
        elif (
            path.startswith(settings.STATIC_URL)
            or response.headers.get("content-encoding") is None
            and any(kind in response.headers.get("content-type", "") for kind in ("image/png", "image/jpeg"))
        ):
            size = len(body)
        else:
            size = len(gzip.compress(body))
        seen.append((size, path))

    phone.on("response", count)
    phone.goto(url)
    phone.wait_for_function(ready)
    phone.wait_for_load_state("networkidle")
    phone.remove_listener("response", count)
    return seen


@pytest.mark.usefixtures("production_static")
def test_the_form_loads_no_map_library_until_the_location_step_and_stays_within_its_budget(
    committed_reference, phone, live_server, settings
):
    seen = _first_visit_bytes(phone, settings, live_server.url + "/lapor/", "() => !!window.laporOnSent")
    paths = [path for _size, path in seen]
    assert not [p for p in paths if "leaflet" in p], paths  # the map library waits for the location step
    assert not [p for p in paths if any(name in p for name in UNUSED)], paths
    total = sum(size for size, _path in seen) / 1024
    assert total < FORM_BUDGET_KIB, (total, sorted(seen, reverse=True))
    # The labels' icons are inline SVG, drawn without any font.
    assert phone.locator("#top-labels label svg").count() == 6
    assert phone.evaluate("document.fonts.size") == 0

    # The location step: the map (and only now Leaflet) comes when asked for.
    loaded = []
    phone.on("request", lambda r: loaded.append(r.url) if "leaflet" in r.url else None)
    phone.click("#show-map")
    phone.wait_for_selector("#pick-map.leaflet-container .leaflet-overlay-pane path")
    assert any(url.endswith(".js") for url in loaded) and any(url.endswith(".css") for url in loaded), loaded
    phone.click("#use-gps")
    phone.wait_for_selector(".leaflet-marker-icon")
    assert phone.input_value("#latitude") != ""
    assert phone.errors == [], phone.errors


@pytest.mark.usefixtures("production_static")
def test_the_map_page_loads_no_unused_library_and_stays_within_its_budget(
    committed_reference, phone, live_server, settings
):
    ReportFactory()
    seen = _first_visit_bytes(
        phone, settings, live_server.url + "/", "() => document.querySelector('#report-list li') !== null"
    )
    paths = [path for _size, path in seen]
    assert not [p for p in paths if any(name in p for name in UNUSED)], paths
    assert phone.evaluate("typeof window.jQuery") == "undefined"
    total = sum(size for size, _path in seen) / 1024
    assert total < MAP_BUDGET_KIB, (total, sorted(seen, reverse=True))
    assert phone.errors == [], phone.errors


def _reports(code, count, *, days_ago=1):
    category = Category.objects.get(code=code)
    for _ in range(count):
        report = ReportFactory(category=category)
        Report.objects.filter(pk=report.pk).update(created_at=timezone.now() - timedelta(days=days_ago))


def test_labels_by_use_in_the_last_90_days_then_the_admin_s_order(committed_reference):
    admin_order = list(Category.objects.filter(active=True).values_list("code", flat=True))
    assert category_codes_by_use()[:6] == [c for c in admin_order if c not in ("pungli", "penyimpangan-proyek")][:6]
    _reports("sampah", 3)
    _reports("lampu-jalan", 2)
    _reports("banjir", 5, days_ago=120)  # too old to count
    _reports("pungli", 9)  # confidential: its use must not show in its place
    order = category_codes_by_use()
    assert order[:2] == ["sampah", "lampu-jalan"]
    assert order.index("banjir") > order.index("jalan-rusak")  # back in the admin's order
    assert order[-2:] == ["pungli", "penyimpangan-proyek"]


def test_the_form_shows_the_most_used_labels_and_lainnya_reveals_the_rest_by_keyboard(
    committed_reference, phone, live_server
):
    _reports("sampah", 3)
    _reports("lampu-jalan", 2)
    cache.clear()  # the order is cached for a few minutes
    phone.goto(live_server.url + "/lapor/")
    top = phone.eval_on_selector_all("#top-labels input", "inputs => inputs.map(i => i.value)")
    assert top[:2] == ["sampah", "lampu-jalan"] and len(top) == 6
    assert "pungli" not in top
    # The rest wait behind "Lainnya", closed.
    assert phone.inner_text("#more-labels summary").strip() == "Lainnya"
    assert not phone.locator("label[for=cat-pungli]").is_visible()
    rest = phone.locator("#more-labels input").count()
    assert rest == Category.objects.filter(active=True).count() - 6
    # By keyboard: focus the summary, Enter opens it, Tab reaches a label, Space picks it.
    phone.focus("#more-labels summary")
    phone.keyboard.press("Enter")
    assert phone.locator("label[for=cat-pungli]").is_visible()
    assert phone.evaluate("document.getElementById('more-labels').open")
    phone.keyboard.press("Tab")
    phone.keyboard.press("Space")
    assert phone.evaluate("document.querySelector('#more-labels input:checked') !== null")

    # The location comes right after the photo, before the label.
    steps = phone.eval_on_selector_all("#report-form h2", "hs => hs.map(h => h.textContent.trim())")
    assert [s.split(" ", 1)[1] for s in steps[:3]] == ["Foto", "Lokasi", "Label"], steps


def test_offline_the_form_reports_with_gps_without_ever_loading_the_map(
    committed_reference, phone, live_server, tmp_path
):
    phone.goto(live_server.url + "/lapor/")
    # The service worker has stored the form (not the map library) and now controls the page.
    phone.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15000)
    phone.wait_for_function(
        "() => caches.keys().then(k => Promise.all(k.map(n => caches.open(n).then(c => c.keys()))))"
        ".then(all => all.flat().some(r => new URL(r.url).pathname === '/lapor/'))",
        timeout=15000,
    )
    phone.context.set_offline(True)
    phone.goto(live_server.url + "/lapor/")
    photo = tmp_path / "lubang.jpg"
    photo.write_bytes(jpeg_bytes(size=(640, 480)))
    phone.set_input_files("#photo", str(photo))
    phone.click("#use-gps")
    phone.wait_for_function("() => document.getElementById('latitude').value !== ''")
    # No map offline: the kecamatan/desa lists open instead, and the GPS position is kept.
    phone.wait_for_function("() => document.getElementById('no-map').open")
    phone.click("#top-labels label >> nth=0")
    phone.click("#send")
    phone.wait_for_selector("#queue", state="visible")
    assert phone.evaluate("window.laporOutbox.all().then(e => e.length)") == 1
    assert Report.objects.count() == 0
    phone.context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    phone.wait_for_selector("#receipt", state="visible", timeout=15000)
    assert Report.objects.count() == 1


@pytest.mark.parametrize("viewport", [(360, 760), (1280, 800)], ids=["phone", "desktop"])
def test_the_form_s_three_screens_as_a_citizen_sees_them(committed_reference, browser, live_server, settings, viewport):
    """Screenshots for docs/screenshots/: the form's start, the labels with "Lainnya" open, the location step."""
    settings.MAP_TILES_URL = ""
    _reports("sampah", 3)
    cache.clear()
    from tests.factories import TOWN_CENTRE

    context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]},
        locale="id-ID",
        geolocation={"latitude": TOWN_CENTRE[1], "longitude": TOWN_CENTRE[0], "accuracy": 12},
        permissions=["geolocation"],
    )
    page = context.new_page()
    name = "phone" if viewport[0] < 500 else "desktop"
    page.goto(live_server.url + "/lapor/")
    assert page.locator("#top-labels label").first.is_visible()
    page.screenshot(path=f"docs/screenshots/report-form-start-{name}.png")
    page.click("#more-labels summary")
    page.locator("#label-heading").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('label-heading').scrollIntoView()")
    page.screenshot(path=f"docs/screenshots/report-form-labels-lainnya-{name}.png")
    page.click("#use-gps")
    page.wait_for_selector(".leaflet-marker-icon")
    page.evaluate("document.getElementById('use-gps').scrollIntoView()")
    page.wait_for_timeout(300)
    page.screenshot(path=f"docs/screenshots/report-form-location-{name}.png")
    context.close()
