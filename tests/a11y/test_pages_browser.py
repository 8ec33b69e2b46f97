"""WCAG 2.2 AA in real Chromium, on a 360 px phone and on a desktop: axe-core finds no serious or critical violation
on any public or staff page; every control is at least 24 × 24 CSS px on the phone; the staff pages do not scroll
sideways on a phone. The Django admin (/admin/, the administrator's only) is Django's own and is not walked."""

from urllib.parse import urlparse

import pytest

from tests.a11y.measure import axe_record, axe_violations, horizontal_overflow, serious, targets, too_small
from tests.a11y.walks import public_pages, sign_in, staff_pages
from tests.factories import jpeg_bytes

pytestmark = pytest.mark.django_db(transaction=True)


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
    assert len(seen) == 17
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
    shots = {"meja operator": "desk-operator-phone", "meja OPD": "desk-opd-phone"}
    for name, page in staff_pages(phone_context, live_server, reports):
        assert page.viewport_size["width"] == 360
        if overflow := horizontal_overflow(page):
            wide[name] = overflow
        if name in shots:
            page.screenshot(path=f"docs/screenshots/{shots[name]}.png")
        if name == "OPD: laporan dikerjakan (bukti)":  # what the officer on site sees: the proof input at hand
            page.screenshot(path="docs/screenshots/desk-opd-report-phone.png")
            page.locator("form[data-action=resolve]").scroll_into_view_if_needed()
            page.screenshot(path="docs/screenshots/desk-opd-report-proof-phone.png")
    assert wide == {}, wide


def test_primary_actions_are_thumb_sized_and_within_reach_on_a_phone(
    committed_reference, staff, reports, phone_context, live_server
):
    """The main action of each page a phone user comes for: 48 × 48 px at least. "Report a problem" stays fixed in
    the lower half of the screen, under the thumb; the others end their form, where scrolling down brings them."""
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
    sign_in(page, live_server, "t-pupr")
    page.goto(f"{url}/staf/laporan/{reports['in_progress'].pk}/")
    check("form[data-action=resolve] button[type=submit]")
    page.goto(f"{url}/staf/laporan/{reports['dispatched'].pk}/")
    check("form[data-action=acknowledge] button[type=submit]")
    sign_in(page, live_server, "t-operator")
    page.goto(f"{url}/staf/laporan/{reports['received'].pk}/")
    check("form[data-action=verify] button[type=submit]")


def test_the_proof_photo_input_opens_the_camera(committed_reference, staff, reports, phone_context, live_server):
    page = phone_context.new_page()
    sign_in(page, live_server, "t-pupr")
    page.goto(f"{live_server.url}/staf/laporan/{reports['in_progress'].pk}/")
    proof = page.locator("form[data-action=resolve] input[type=file][name=photo]")
    assert proof.get_attribute("accept") == "image/*"
    assert proof.get_attribute("capture") == "environment"
    assert urlparse(page.url).path.startswith("/staf/laporan/")


def test_the_proof_photo_button_speaks_the_page_s_language_and_says_what_was_chosen(
    committed_reference, staff, reports, phone_context, live_server, tmp_path
):
    """The officer on site meets an Indonesian button ("Ambil atau pilih foto"), not the browser's "Choose File / No
    file chosen"; by keyboard it opens the camera's chooser, and the line beside it names the photo chosen."""
    page = phone_context.new_page()
    sign_in(page, live_server, "t-pupr")
    page.goto(f"{live_server.url}/staf/laporan/{reports['in_progress'].pk}/")
    button = page.locator("form[data-action=resolve] label.file-button")
    assert button.inner_text().strip() == "Ambil atau pilih foto"
    box = button.bounding_box()
    assert box["height"] >= 48 and box["width"] >= 48
    proof = page.locator("form[data-action=resolve] input[type=file][name=photo]")
    assert proof.bounding_box()["width"] <= 1  # the browser's own button is not what the officer sees
    photo = tmp_path / "tambalan.jpg"
    photo.write_bytes(jpeg_bytes(size=(800, 600)))
    proof.focus()
    assert (
        page.evaluate(
            "() => getComputedStyle(document.querySelector('form[data-action=resolve] label.file-button')).outlineStyle"
        )
        != "none"
    )  # the focus ring shows on the button
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(str(photo))
    assert page.inner_text(f"#{proof.get_attribute('data-chosen')}") == "Foto dipilih: tambalan.jpg"
    page.screenshot(path="docs/screenshots/desk-opd-proof-button-phone.png")
