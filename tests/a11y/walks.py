"""Walks through every public and every staff page, yielding (name, page) once each page is ready to be checked."""

from geoportal.tracking import tracking_code_display
from tests.factories import jpeg_bytes


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
    page.click("#use-gps")
    page.wait_for_selector(".leaflet-marker-icon")
    page.click("#no-map summary")
    if page.is_hidden("label[for=cat-jalan-rusak]"):  # the less used labels wait behind "Lainnya"
        page.click("#more-labels summary")
    page.click("label[for=cat-jalan-rusak]")
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
    # The OGC API's HTML pages (for people trying the API in a browser). Swagger UI and Redoc (/api/docs/,
    # /api/redoc/) are those projects' own pages and are not walked.
    for path, name in (
        ("/ogc/", "OGC: awal"),
        ("/ogc/collections", "OGC: koleksi"),
        ("/ogc/collections/reports/items", "OGC: fitur"),
    ):
        page.goto(f"{url}{path}?f=html&limit=3")
        yield name, page


def sign_in(page, live_server, username):
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
    sign_in(page, live_server, "t-operator")
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

    sign_in(page, live_server, "t-pupr")
    _ready(page)
    yield "meja OPD", page
    page.goto(f"{url}/staf/laporan/{reports['dispatched'].pk}/")
    _ready(page)
    yield "OPD: laporan diteruskan", page
    page.goto(f"{url}/staf/laporan/{reports['in_progress'].pk}/")
    _ready(page)
    yield "OPD: laporan dikerjakan (bukti)", page

    sign_in(page, live_server, "t-inspektorat")
    yield "meja Inspektorat", page

    sign_in(page, live_server, "t-pimpinan")
    _ready(page)
    yield "dasbor pimpinan", page
    page.goto(f"{url}/staf/laporan/{reports['resolved'].pk}/")
    _ready(page)
    yield "pimpinan: laporan selesai", page
