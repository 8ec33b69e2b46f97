"""Hostile input at the workflow's doors: the citizen's answer form and API, the desk's action form, the staff
transition API and the leadership dashboard. A refusal is a 400 (API) or a message on the page (HTML), in the
user's language, never a 500, and nothing is written: rows and files are checked after each case."""

import json
from datetime import date

import pytest
from django.test import Client
from rest_framework.test import APIClient

from geoportal.models import Opd
from geoportal.states import ReportStatus as S
from tests.hostile import json_error, snapshot
from workflow.policies import Actor
from workflow.services.transitions import (
    NOTE_MAX_LENGTH,
    TransitionInput,
    TransitionInvalid,
    report_transition,
)

pytestmark = pytest.mark.django_db
NUL_NOTES = {"NUL": "\x00", "NUL inside": "masih rusak\x00", "many NUL": "\x00" * 500}
LONG_NOTE = "x" * 5000


def _unchanged(report, status, before):
    report.refresh_from_db()
    assert report.status == status
    assert snapshot() == before


# --- The citizen's answer form (/lacak/<code>/jawab/): a message on the page, nothing stored --------------------

ANSWER_CASES = [
    *[
        (action, {"note": note}, "Teks ini memuat karakter yang tidak diperbolehkan (NUL).")
        for action in ("reopen", "close")
        for note in NUL_NOTES.values()
    ],
    ("reopen", {"note": LONG_NOTE}, "Catatan terlalu panjang: paling banyak 2000 karakter (catatan ini 5000)."),
    ("close", {"note": LONG_NOTE}, "Catatan terlalu panjang: paling banyak 2000 karakter (catatan ini 5000)."),
    ("reopen", {"note": "ok", "expected_status": "resolved\x00"}, "Teks ini memuat karakter"),
    ("close", {"expected_status": "\x00"}, "Teks ini memuat karakter"),
]


@pytest.mark.parametrize(("action", "fields", "message"), ANSWER_CASES, ids=lambda v: repr(v)[:30])
def test_the_answer_form_refuses_hostile_text_on_the_page(resolved, action, fields, message):
    before = snapshot()
    page = Client().post(f"/lacak/{resolved.tracking_code}/jawab/", {"action": action, **fields}, follow=True)
    assert page.status_code == 200 and page.redirect_chain[-1][1] == 302
    assert message in page.content.decode()
    _unchanged(resolved, S.RESOLVED, before)


def test_the_answer_form_still_takes_a_note_at_the_limit(resolved):
    Client().post(f"/lacak/{resolved.tracking_code}/jawab/", {"action": "reopen", "note": "y" * NOTE_MAX_LENGTH})
    resolved.refresh_from_db()
    assert resolved.status == S.REOPENED and resolved.events.order_by("-id").first().note == "y" * NOTE_MAX_LENGTH


def test_the_answer_page_tells_the_browser_the_limit(resolved):
    page = Client().get(f"/lacak/{resolved.tracking_code}/").content.decode()
    assert f'maxlength="{NOTE_MAX_LENGTH}"' in page


def test_the_note_limit_lives_in_the_service(resolved):
    with pytest.raises(TransitionInvalid) as refused:
        report_transition(
            report_id=resolved.pk, name="reopen", actor=Actor.citizen(), data=TransitionInput(note=LONG_NOTE)
        )
    assert set(refused.value.field_errors) == {"note"}


# --- The citizen's API: 400 {detail, errors} ---------------------------------------------------------------------

CITIZEN_API_CASES = [
    *[(action, {"note": note}, "note") for action in ("reopen", "close") for note in NUL_NOTES.values()],
    ("reopen", {"note": LONG_NOTE}, "note"),
    ("close", {"note": LONG_NOTE}, "note"),
    ("close", {"expected_status": "\x00"}, "expected_status"),
    ("close", {"reason": "\x00"}, "reason"),
    ("close", {"opd": "\x00"}, "opd"),
]


@pytest.mark.parametrize("encoding", ["multipart", "json"])
@pytest.mark.parametrize(("action", "fields", "field"), CITIZEN_API_CASES, ids=lambda v: repr(v)[:30])
def test_the_citizen_api_refuses_hostile_text(resolved, encoding, action, fields, field):
    before = snapshot()
    url = f"/api/track/{resolved.tracking_code}/transitions/{action}/"
    response = APIClient().post(url, fields, format=encoding)
    json_error(response, field=field)
    _unchanged(resolved, S.RESOLVED, before)


# --- The staff transition API: malformed and hostile JSON ----------------------------------------------------------

BAD_JSON = {
    "malformed": b"{",
    "truncated": b'{"note": "rusak',
    "100,000 deep": b"[" * 100_000 + b"]" * 100_000,
    "object 100,000 deep": b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
    "NaN": b'{"duplicate_of": NaN}',
    "not UTF-8": b'{"note": "\xff"}',
    "300 kB": json.dumps({"note": "x" * 300_000}).encode(),
}


@pytest.mark.parametrize("name", BAD_JSON)
@pytest.mark.parametrize(("language", "start"), [("id", "Isi "), ("en", "This ")])
def test_bad_json_to_a_transition_is_a_400_in_the_users_language(staff, dispatched, name, language, start):
    client = APIClient()
    client.force_authenticate(user=staff["pupr"].user)
    before = snapshot()
    response = client.post(
        f"/api/reports/{dispatched.pk}/transitions/acknowledge/",
        BAD_JSON[name],
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    body = json_error(response)
    assert body["errors"] == {} and body["detail"].startswith(start) and "JSON" in body["detail"], body
    _unchanged(dispatched, S.DISPATCHED, before)


def test_bad_json_to_the_citizen_api_is_a_400_too(resolved):
    before = snapshot()
    response = APIClient().post(
        f"/api/track/{resolved.tracking_code}/transitions/reopen/", b"{", content_type="application/json"
    )
    assert json_error(response)["detail"] == "Isi ini bukan JSON yang sah (baris 1, kolom 2)."
    _unchanged(resolved, S.RESOLVED, before)


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"note": "\x00"}, "note"), ({"note": LONG_NOTE}, "note"), ({"opd": "PUPR\x00"}, "opd"), ({"opd": "\x00"}, "opd")],
    ids=lambda v: repr(v)[:30],
)
def test_the_staff_api_refuses_hostile_text(staff, dispatched, fields, field):
    client = APIClient()
    client.force_authenticate(user=staff["operator"].user)
    before = snapshot()
    response = client.post(f"/api/reports/{dispatched.pk}/transitions/redispatch/", fields, format="json")
    json_error(response, field=field)
    _unchanged(dispatched, S.DISPATCHED, before)


# --- The desk's action form: a message on the page --------------------------------------------------------------

DESK_CASES = [
    ("pupr", {"action": "acknowledge", "note": "\x00"}),
    ("pupr", {"action": "acknowledge", "note": LONG_NOTE}),
    ("pupr", {"action": "acknowledge", "note": "ok", "expected_status": "dispatched\x00"}),
    ("pupr", {"action": "acknowledge\x00"}),
    ("operator", {"action": "redispatch", "opd": "\x00"}),
    ("operator", {"action": "redispatch", "opd": "DLH\x00"}),
    ("operator", {"action": "reject", "reason": "hoax\x00"}),
    ("operator", {"action": "mark_duplicate", "duplicate_of": "1\x00"}),
    ("operator", {"action": "mark_duplicate", "duplicate_of": "99999999999999999999999"}),
]


@pytest.mark.parametrize(("who", "fields"), DESK_CASES, ids=lambda v: repr(v)[:40])
def test_the_desk_form_refuses_hostile_input_on_the_page(staff, dispatched, who, fields):
    client = Client()
    client.force_login(staff[who].user)
    before = snapshot()
    page = client.post(
        f"/staf/laporan/{dispatched.pk}/tindak/", {"expected_status": "dispatched", **fields}, follow=True
    )
    assert page.status_code == 200 and page.redirect_chain and page.redirect_chain[-1][1] == 302
    assert 'class="error"' in page.content.decode()
    _unchanged(dispatched, S.DISPATCHED, before)
    assert Opd.objects.filter(code="PUPR").exists()


# --- The leadership dashboard's month ---------------------------------------------------------------------------

BAD_MONTHS = [
    "99999999999999999999-1",
    "2026-13",
    "0-0",
    "abc",
    "2026",
    "2026-00",
    "0001-01",
    "9999-12",
    "\x00",
    "2026-1-1",
    "-2026-01",
    "2026-+1",
]


@pytest.mark.parametrize("month", BAD_MONTHS)
def test_a_wrong_month_shows_a_message_and_this_month(staff, month):
    client = Client()
    client.force_login(staff["leadership"].user)
    page = client.get("/staf/pimpinan/", {"bulan": month})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Pilih bulan seperti 2026-10." in text
    assert page.context["chosen"] == f"{date.today():%Y-%m}"


def test_a_real_month_is_still_chosen(staff):
    client = Client()
    client.force_login(staff["leadership"].user)
    page = client.get("/staf/pimpinan/", {"bulan": "2026-03"})
    assert page.status_code == 200 and page.context["chosen"] == "2026-03"
    assert "Pilih bulan seperti" not in page.content.decode()
