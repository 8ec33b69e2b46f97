"""Hostile input at the public and staff read doors and the JSON doors: a 400 in words, never a 500, nothing
written. Each case checks the answer's shape and language and that rows and files are unchanged."""

import base64
import json

import pytest
from rest_framework.test import APIClient

from geoportal.selectors.reports import Cursor
from tests.factories import ReportFactory
from tests.hostile import json_error, snapshot

pytestmark = pytest.mark.django_db

LIST_DOORS = {"public": "/api/reports/", "staff": "/api/staff/reports/", "tiles": "/tiles/reports/0/0/0.pbf"}


def _cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


CURSOR_REFUSED = "Kursor ini tidak sah: ikuti tautan `next` apa adanya."
FORGED_CURSORS = {
    "offset +23:59": _cursor("2026-01-01T00:00:00+23:59|5"),
    "offset -16:00": _cursor("2026-01-01T00:00:00-16:00|5"),
    "offset +16:00:01": _cursor("2026-01-01T00:00:00+16:00:01|5"),
    "year 1": _cursor("0001-01-01T00:00:00+07:00|5"),
    "year 9999 offset -23": _cursor("9999-12-31T23:59:59-23:00|5"),
    "naive": _cursor("2026-01-01T00:00:00|5"),
    "id past bigint": _cursor("2026-01-01T00:00:00+07:00|99999999999999999999999"),
    "id negative": _cursor("2026-01-01T00:00:00+07:00|-1"),
    "NUL": _cursor("2026-01-01T00:00:00+07:00\x00|5"),
    "raw NUL": "\x00",
    "not base64": "%%%",
}
# (parameter, value): refused at every list door (public, staff, tiles).
EVERY_DOOR = [
    ("created_to", "9999-12-31"),
    ("created_from", "9999-12-31"),
    ("created_from", "0001-01-01"),
    ("created_to", "0001-01-01"),
    ("created_from", "1999-12-31"),
    ("created_to", "2101-01-01"),
    ("created_to", "2026-01-01\x00"),
    ("kecamatan", "\x00"),
    ("kecamatan", "35.03.11\x00"),
    ("category", "\x00"),
    ("category", "jalan-rusak,\x00"),
    ("status", "\x00"),
]
PAGED_DOORS_ONLY = [("desa", "\x00"), ("desa", "35.03.11.1003\x00"), ("in_bbox", "\x00"), ("limit", "\x00")] + [
    ("cursor", value) for value in FORGED_CURSORS.values()
]
CASES = (
    [(door, param, value) for door in LIST_DOORS for param, value in EVERY_DOOR]
    + [(door, param, value) for door in ("public", "staff") for param, value in PAGED_DOORS_ONLY]
    + [("staff", "opd", "\x00"), ("staff", "opd", "PUPR\x00")]
)


def _client(door: str, staff) -> APIClient:
    client = APIClient()
    if door == "staff":
        client.force_authenticate(user=staff["operator"].user)
    return client


@pytest.mark.parametrize(("door", "param", "value"), CASES, ids=lambda v: repr(v)[:40])
def test_a_hostile_filter_is_a_400_naming_the_parameter(staff, door, param, value):
    ReportFactory()
    before = snapshot()
    response = _client(door, staff).get(LIST_DOORS[door], {param: value})
    json_error(response, field=param, detail="Periksa isian.")
    assert snapshot() == before


@pytest.mark.parametrize("door", LIST_DOORS)
@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("id", "Pilih hari antara 2000-01-01 dan 2100-12-31."),
        ("en", "Choose a day between 2000-01-01 and 2100-12-31."),
    ],
)
def test_an_out_of_range_day_is_refused_in_the_users_language(staff, door, language, message):
    response = _client(door, staff).get(LIST_DOORS[door], {"created_to": "9999-12-31"}, HTTP_ACCEPT_LANGUAGE=language)
    assert json_error(response, field="created_to")["errors"]["created_to"] == [message]


def test_the_date_bounds_still_let_every_real_day_through(staff):
    ReportFactory()
    for door in LIST_DOORS:
        response = _client(door, staff).get(
            LIST_DOORS[door], {"created_from": "2000-01-01", "created_to": "2100-12-31"}
        )
        assert response.status_code == 200, (door, response.content[:200])


@pytest.mark.parametrize("name", FORGED_CURSORS)
def test_a_forged_cursor_names_the_cursor(name):
    body = json_error(APIClient().get("/api/reports/", {"cursor": FORGED_CURSORS[name]}), field="cursor")
    expected = (
        "Karakter null tidak diizinkan." if name == "raw NUL" else CURSOR_REFUSED
    )  # DRF's CharField answers first
    assert body["errors"]["cursor"] == [expected], body


def test_a_real_cursor_still_pages():
    first, second = ReportFactory(), ReportFactory()
    page = APIClient().get("/api/reports/", {"limit": 1}).json()
    assert page["next"] and len(page["features"]) == 1
    rest = APIClient().get(page["next"]).json()
    assert {f["id"] for f in page["features"] + rest["features"]} == {first.id, second.id}
    assert Cursor.decode(page["next"].split("cursor=")[1].split("&")[0]).id in {first.id, second.id}


@pytest.mark.parametrize("value", ["\x00", "35.03.11\x00", "\x00" * 1000])
def test_a_nul_in_the_desa_filter_is_a_400(value):
    before = snapshot()
    json_error(APIClient().get("/api/desa/", {"kecamatan": value}), field="kecamatan", detail="Periksa isian.")
    assert snapshot() == before


def test_the_desa_filter_still_filters():
    body = APIClient().get("/api/desa/", {"kecamatan": "35.03.11"}).json()
    assert body["features"] and {f["properties"]["kecamatan"] for f in body["features"]} == {"35.03.11"}


DEEP = 100_000
JSON_BODIES = {
    "array 100,000 deep": "[" * DEEP + "]" * DEEP,
    "object 100,000 deep": '{"a":' * DEEP + "1" + "}" * DEEP,
    "unclosed 100,000 deep": "[" * DEEP,
    "21 levels": '{"username": ' + "[" * 20 + "]" * 20 + "}",
    "300 kB": json.dumps({"username": "x" * 300_000}),
    "malformed": "{",
    "trailing garbage": '{"username": "a"} x',
    "NaN": '{"username": NaN}',
    "not UTF-8": b'{"username": "\xff"}',
}
JSON_DOORS = ["/api/reports/", "/api/auth/token/"]


@pytest.mark.parametrize("door", JSON_DOORS)
@pytest.mark.parametrize("name", JSON_BODIES)
def test_a_hostile_json_body_is_a_400_in_words(staff, door, name):
    before = snapshot()
    body = JSON_BODIES[name]
    response = APIClient().post(
        door, body if isinstance(body, bytes) else body.encode(), content_type="application/json"
    )
    refusal = json_error(response)
    assert refusal["errors"] == {}
    assert refusal["detail"].startswith("Isi ") and "JSON" in refusal["detail"], refusal
    assert snapshot() == before


def test_a_json_refusal_speaks_english_when_asked():
    response = APIClient().post(
        "/api/auth/token/", b"[" * DEEP, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert json_error(response)["detail"] == "This JSON body is nested too deeply: at most 20 levels."


def test_ordinary_json_still_signs_in(staff):
    response = APIClient().post(
        "/api/auth/token/",
        json.dumps({"username": "t-operator", "password": "x-pass-123"}),
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["token"]
