"""By keyboard alone (Tab, Shift+Tab, Enter, Space, arrows; no mouse, no fill()): a citizen sends a report, an
operator verifies one. Each stop shows a focus ring; the map is no trap; the map's list announces itself politely."""

import pytest

from geoportal.models import Report
from geoportal.states import ReportStatus as S
from tests.a11y.measure import SCREENS
from tests.factories import TOWN_CENTRE, jpeg_bytes

pytestmark = pytest.mark.django_db(transaction=True)

_FOCUSED = "() => document.activeElement"
# The focus ring: an outline on the focused element, or on the label that stands for a hidden input.
_RING = """() => {
  let el = document.activeElement;
  if (el.matches('input') && (el.getBoundingClientRect().width <= 1 || getComputedStyle(el).opacity === '0'))
    el = document.querySelector(`label[for="${el.id}"]`) || el;
  const s = getComputedStyle(el);
  return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
}"""


@pytest.fixture
def keyboard(browser, live_server, settings):
    settings.MAP_TILES_URL = ""
    context = browser.new_context(
        viewport=SCREENS["desktop"],
        locale="id-ID",
        geolocation={"latitude": TOWN_CENTRE[1], "longitude": TOWN_CENTRE[0], "accuracy": 12},
        permissions=["geolocation"],
    )
    page = context.new_page()
    yield page
    context.close()


def tab_to(page, selector: str, *, limit: int = 60, key: str = "Tab") -> list[str]:
    """Press Tab (or Shift+Tab) until the focus is on selector; every stop on the way shows a focus ring."""
    path = []
    for _ in range(limit):
        page.keyboard.press(key)
        here = page.evaluate(
            "() => { const e = document.activeElement; return e.tagName + '#' + e.id + '.' + e.className }"
        )
        path.append(here)
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            assert page.evaluate(_RING), f"no focus ring on {here}"
            return path
    raise AssertionError(f"{selector} not reached by {key} in {limit} presses: {path}")


def test_a_citizen_sends_a_report_by_keyboard_alone(committed_reference, staff, keyboard, live_server, tmp_path):
    page = keyboard
    photo = tmp_path / "lubang.jpg"
    photo.write_bytes(jpeg_bytes(size=(1200, 900)))
    page.goto(live_server.url + "/lapor/")
    page.wait_for_load_state("networkidle")

    # The first Tab shows the skip link; Enter jumps to the form.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip"
    assert page.locator("a.skip").bounding_box()["y"] >= 0  # on screen while focused
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"

    # 1. The photo: Space on the (visually hidden) file input opens the file chooser; its label shows the ring.
    tab_to(page, "#photo")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(str(photo))
    # 2. The location, right after the photo: "Use my location" with Enter (geolocation granted to this browser)
    # loads the map and puts the pin there.
    tab_to(page, "#use-gps")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('latitude').value !== ''")
    page.wait_for_selector(".leaflet-marker-icon")
    # The map is no trap: Tab goes through its controls and pin and out again, to the kecamatan/desa choice and on
    # to the labels.
    path = tab_to(page, "input[name=category]", limit=15)
    assert any(".leaflet" in stop for stop in path), path  # it did pass through the map
    assert any(stop.startswith("SUMMARY") for stop in path), path  # and the kecamatan/desa choice
    # Shift+Tab goes back the same way.
    tab_to(page, "#no-map summary", key="Shift+Tab", limit=3)
    # 3. A label: Tab reaches the label tiles, arrows move between them, Space picks one.
    tab_to(page, "input[name=category]", limit=3)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Space")
    chosen = page.evaluate("() => document.querySelector('input[name=category]:checked').value")
    tab_to(page, "#description", limit=5)
    page.keyboard.type("Lubang dilaporkan dengan papan ketik")
    # 4. Anonymous, with Space; then send with Enter.
    tab_to(page, "#anonymous")
    page.keyboard.press("Space")
    assert page.is_checked("#anonymous")
    tab_to(page, "#send")
    page.keyboard.press("Enter")
    page.wait_for_selector("#receipt", state="visible")

    report = Report.objects.get(description="Lubang dilaporkan dengan papan ketik")
    assert report.category.code == chosen
    assert report.photos.count() == 1
    assert report.desa.nama == "Ngantru"


def test_an_operator_verifies_a_report_by_keyboard_alone(committed_reference, staff, reports, keyboard, live_server):
    page = keyboard
    received = reports["received"]
    page.goto(live_server.url + "/masuk/")
    # The username field has the focus on arrival.
    assert page.evaluate("() => document.activeElement.id") == "id_username"
    page.keyboard.type("t-operator")
    page.keyboard.press("Tab")
    page.keyboard.type("x-pass-123")
    page.keyboard.press("Enter")
    page.wait_for_url("**/staf/operator/")

    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip"
    tab_to(page, f"tr[data-report='{received.pk}'] a")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/staf/laporan/{received.pk}/")
    tab_to(page, "form[data-action=verify] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    received.refresh_from_db()
    assert received.status == S.VERIFIED


def test_the_map_is_no_keyboard_trap_and_its_list_speaks_politely(
    committed_reference, staff, reports, keyboard, live_server
):
    page = keyboard
    page.goto(live_server.url + "/")
    page.wait_for_selector("#report-list li")
    summary = page.locator("#report-summary")
    assert summary.get_attribute("aria-live") == "polite" and summary.get_attribute("role") == "status"
    before = summary.inner_text()
    # A filter chosen by keyboard: the list changes and the summary (the live region) says so.
    tab_to(page, "#f-status")
    page.keyboard.press("ArrowDown")  # "Waiting"
    page.wait_for_function("b => document.getElementById('report-summary').textContent !== b", arg=before)
    # Tab enters the map and leaves it again.
    tab_to(page, ".folium-map")
    tab_to(page, "a.report, #kode, a.skip, #f-category", limit=15)
    assert page.evaluate("() => !document.activeElement.closest('.folium-map')")
