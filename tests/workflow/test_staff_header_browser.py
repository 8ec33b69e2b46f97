"""The staff header on a 360 px phone (issue 17): at most two rows (it took four: brand, desks, who, sign out),
every control still thumb-sized, nothing wider than the screen; one row on a desktop."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

ROLES = [("t-operator", "operator"), ("t-pupr", "opd"), ("t-pimpinan", "pimpinan"), ("t-inspektorat", "inspektorat")]


def _signed_in(browser, live_server, username: str, width: int):
    page = browser.new_page(viewport={"width": width, "height": 800}, locale="id-ID")
    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", "x-pass-123")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    return page


def _rows(page) -> int:
    """How many rows the header's visible controls stand in (their distinct middles, within a few px)."""
    tops = page.evaluate(
        """() => [...document.querySelectorAll('header a, header button, header .who')]
             .filter(e => e.offsetParent !== null)
             .map(e => { const r = e.getBoundingClientRect(); return Math.round(r.top + r.height / 2); })"""
    )
    rows = []
    for top in sorted(tops):
        if not rows or top - rows[-1] > 12:
            rows.append(top)
    return len(rows)


@pytest.mark.parametrize(("username", "name"), ROLES)
def test_the_staff_header_takes_at_most_two_rows_on_a_phone(
    committed_reference, staff, browser, live_server, username, name
):
    page = _signed_in(browser, live_server, username, 360)
    assert _rows(page) <= 2, page.locator("header").bounding_box()
    assert page.locator("header").bounding_box()["height"] <= 2 * 48 + 12
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    for control in page.locator("header a, header button").all():
        if control.is_visible():
            box = control.bounding_box()
            assert box["height"] >= 44 and box["width"] >= 24, (control.inner_text(), box)
            assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (control.inner_text(), box)
    assert page.locator("header form button").is_visible()  # sign out stays reachable
    page.screenshot(
        path=f"docs/screenshots/staff-header-{name}-360.png", clip={"x": 0, "y": 0, "width": 360, "height": 260}
    )
    desktop = _signed_in(browser, live_server, username, 1280)
    assert _rows(desktop) == 1
    if name == "operator":
        desktop.screenshot(
            path="docs/screenshots/staff-header-operator-desktop.png",
            clip={"x": 0, "y": 0, "width": 1280, "height": 200},
        )
    page.close()
    desktop.close()
