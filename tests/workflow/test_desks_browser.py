"""The desks in real headless Chromium: a report walks from received to resolved through the browser."""

import pytest

from geoportal.models import Report
from geoportal.services.reports import Upload, report_create
from geoportal.states import ReportStatus as S
from tests.factories import TOWN_CENTRE, jpeg_bytes
from workflow.services.transitions import TransitionInput, report_transition

pytestmark = pytest.mark.django_db(transaction=True)


def _signed_in(browser, live_server, username: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", "x-pass-123")
    page.click("button[type=submit]")
    return page


def _act(page, action: str, note: str = "") -> None:
    form = page.locator(f"form[data-action={action}]")
    if note:
        form.locator("textarea[name=note]").fill(note)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")


def test_operator_and_opd_walk_a_report_to_resolved(committed_reference, staff, browser, live_server, tmp_path):
    report = report_create(
        category="jalan-rusak",
        lon=TOWN_CENTRE[0],
        lat=TOWN_CENTRE[1],
        photos=[Upload(jpeg_bytes(size=(640, 480)))],
        description="Lubang besar di depan pasar",
    )

    # The operator finds it in the queue, verifies it, then dispatches it to the suggested OPD.
    desk = _signed_in(browser, live_server, "t-operator")
    assert "/staf/operator/" in desk.url
    row = desk.locator(f"tr[data-report='{report.pk}']")
    assert "Lubang besar" in row.inner_text()
    row.locator("a").click()
    assert desk.locator("#status").inner_text() == "Diterima"
    _act(desk, "verify")
    assert "Terverifikasi" in desk.locator(".messages").inner_text()
    assert desk.url.endswith(f"/staf/laporan/{report.pk}/")  # still on the report: dispatch is next
    assert desk.locator("form[data-action=dispatch] select[name=opd]").input_value() == "PUPR"
    _act(desk, "dispatch", note="Mohon segera ditangani")
    assert Report.objects.get(pk=report.pk).status == S.DISPATCHED
    desk.screenshot(path=str(tmp_path / "operator.png"))

    # Another OPD cannot open it.
    other = _signed_in(browser, live_server, "t-dlh")
    response = other.goto(f"{live_server.url}/staf/laporan/{report.pk}/")
    assert response.status == 404

    # The PUPR officer acknowledges it, then resolves it with a proof photo; without the photo it is refused.
    opd = _signed_in(browser, live_server, "t-pupr")
    assert "/staf/opd/" in opd.url
    opd.locator(f"tr[data-report='{report.pk}'] a").click()
    _act(opd, "acknowledge", note="Petugas menuju lokasi")
    opd.goto(f"{live_server.url}/staf/laporan/{report.pk}/")
    _act(opd, "resolve", note="Sudah ditambal")
    assert "foto" in opd.locator(".messages").inner_text().lower()
    assert Report.objects.get(pk=report.pk).status == S.IN_PROGRESS
    proof = tmp_path / "bukti.jpg"
    proof.write_bytes(jpeg_bytes(size=(800, 600), colour=(90, 90, 90)))
    opd.locator("form[data-action=resolve] input[name=photo]").set_input_files(str(proof))
    _act(opd, "resolve", note="Sudah ditambal")
    resolved = Report.objects.get(pk=report.pk)
    assert resolved.status == S.RESOLVED
    assert [e.transition for e in resolved.events.order_by("created_at", "id")] == [
        "receive",
        "verify",
        "dispatch",
        "acknowledge",
        "resolve",
    ]
    assert resolved.photos.filter(kind="proof").count() == 1

    # Leadership sees the month's figures, PUPR among them, and cannot act on the report.
    lead = _signed_in(browser, live_server, "t-pimpinan")
    assert "/staf/pimpinan/" in lead.url
    assert lead.locator("tr[data-opd=PUPR]").count() == 1
    lead.goto(f"{live_server.url}/staf/laporan/{report.pk}/")
    assert lead.locator("form.action").count() == 0
    assert lead.locator("ol.timeline img").count() == 1  # the proof photo, served to a signed-in staff member
    lead.wait_for_function("[...document.querySelectorAll('ol.timeline img')].every(i => i.complete && i.naturalWidth)")

    # The citizen looks the code up on the home page, sees the proof of the fix and confirms it.
    citizen = browser.new_page(viewport={"width": 390, "height": 844}, locale="id-ID")
    citizen.goto(live_server.url)
    citizen.fill("#kode", report.tracking_code.lower())
    citizen.locator("form[method=get] button").click()
    citizen.wait_for_load_state("networkidle")
    assert citizen.locator("#status").inner_text() == "Sudah dikerjakan"
    assert "Sudah ditambal" in citizen.inner_text("body") and "Petugas menuju lokasi" not in citizen.inner_text("body")
    # The proof photo is not public: it reaches the citizen through a signed link, and it loads.
    assert "?tanda=" in citizen.locator("#proof img").get_attribute("src")
    citizen.wait_for_function("[...document.querySelectorAll('main img')].every(i => i.complete && i.naturalWidth > 0)")
    citizen.click("#confirm")
    citizen.wait_for_load_state("networkidle")
    assert citizen.locator("#status").inner_text() == "Sudah selesai"
    assert Report.objects.get(pk=report.pk).status == S.CLOSED
    citizen.screenshot(path=str(tmp_path / "citizen.png"), full_page=True)


def _report_at_town(description: str):
    return report_create(
        category="jalan-rusak",
        lon=TOWN_CENTRE[0],
        lat=TOWN_CENTRE[1],
        photos=[Upload(jpeg_bytes(size=(640, 480)))],
        description=description,
    )


def test_desks_stay_on_the_report_and_offer_the_next_one(committed_reference, staff, browser, live_server):
    """Issue 17 item 8: after Verifikasi the operator stays on the report, dispatch offered first and the duplicate
    form below it choosing nothing; after Terima the officer stays; after the last action, "Laporan berikutnya"."""
    first, second, third = (_report_at_town(f"Lubang nomor {n}") for n in (1, 2, 3))  # alike: duplicate candidates

    desk = _signed_in(browser, live_server, "t-operator")
    desk.goto(f"{live_server.url}/staf/laporan/{first.pk}/")
    _act(desk, "verify")
    assert desk.url.endswith(f"/staf/laporan/{first.pk}/")
    assert desk.locator("#status").inner_text() == "Terverifikasi"
    dispatch = desk.locator("form[data-action=dispatch]")
    duplicate = desk.locator("form[data-action=mark_duplicate]")
    assert dispatch.bounding_box()["y"] < duplicate.bounding_box()["y"]
    assert duplicate.locator("select[name=duplicate_of]").input_value() == ""  # nothing chosen for the operator
    assert duplicate.locator("select[name=duplicate_of] option").count() == 3  # the prompt and the two alike
    desk.screenshot(path="docs/screenshots/desk-operator-after-verify.png", full_page=True)
    desk.set_viewport_size({"width": 360, "height": 760})
    desk.screenshot(path="docs/screenshots/desk-operator-after-verify-phone.png", full_page=True)
    desk.set_viewport_size({"width": 1280, "height": 900})
    duplicate.locator("button[type=submit]").click()  # without choosing: the browser asks for the original
    assert Report.objects.get(pk=first.pk).status == S.VERIFIED

    _act(desk, "dispatch")
    assert desk.url.endswith(f"/staf/laporan/{first.pk}/")
    assert Report.objects.get(pk=first.pk).status == S.DISPATCHED
    desk.locator("#next-report").click()
    desk.wait_for_load_state("networkidle")
    assert desk.url.endswith(f"/staf/laporan/{second.pk}/")

    for report in (second, third):  # the PUPR desk's queue holds three
        for name, data in (("verify", None), ("dispatch", TransitionInput(opd="PUPR"))):
            report_transition(
                report_id=report.pk, name=name, actor=staff["operator"], **({"data": data} if data else {})
            )
    opd = _signed_in(browser, live_server, "t-pupr")
    opd.goto(f"{live_server.url}/staf/laporan/{first.pk}/")
    _act(opd, "acknowledge", note="Petugas menuju lokasi")
    assert opd.url.endswith(f"/staf/laporan/{first.pk}/")
    assert opd.locator("form[data-action=resolve]").count() == 1
    proof = jpeg_bytes(size=(800, 600), colour=(90, 90, 90))
    opd.locator("form[data-action=resolve] input[name=photo]").set_input_files(
        files=[{"name": "bukti.jpg", "mimeType": "image/jpeg", "buffer": proof}]
    )
    _act(opd, "resolve", note="Sudah ditambal")
    assert opd.url.endswith(f"/staf/laporan/{first.pk}/")
    assert Report.objects.get(pk=first.pk).status == S.RESOLVED
    following = opd.locator("#next-report")
    assert following.inner_text().startswith("Laporan berikutnya")
    assert following.get_attribute("href") in (f"/staf/laporan/{second.pk}/", f"/staf/laporan/{third.pk}/")
