"""Hostile input against the API's one error contract, anonymous and as every staff role: uploads, coordinates,
text, tokens, headers, paths and formats. Each case checks the answer (status, {detail, errors} keyed by the
request's own field names, application/json, the user's language) and that no row and no file was written."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from rest_framework.test import APIClient

from geoportal.models import Opd
from geoportal.states import ReportStatus as S
from tests.factories import PONOROGO, SEA_FAR, TOWN_CENTRE, ReportFactory, jpeg_bytes
from tests.hostile import json_error, snapshot
from workflow.models import ApiToken, Role
from workflow.services.accounts import staff_account_ensure
from workflow.services.tokens import api_token_create

pytestmark = pytest.mark.django_db
ROLES = {
    "operator": (Role.OPERATOR, None),
    "opd": (Role.OPD_OFFICER, "PUPR"),
    "covert": (Role.OPD_OFFICER, "INSPEKTORAT"),
    "leadership": (Role.LEADERSHIP, None),
    "admin": (Role.ADMINISTRATOR, None),
}
LON, LAT = TOWN_CENTRE


def _client(who: str) -> APIClient:
    client = APIClient()
    if who != "anonymous":
        role, opd = ROLES[who]
        username = f"hostile-{who}"
        staff_account_ensure(
            username=username, role=role, password="x-pass-123", opd=Opd.objects.get(code=opd) if opd else None
        )
        _token, key = api_token_create(user=get_user_model().objects.get(username=username), name="hostile")
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _file(name="foto.jpg", data=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, jpeg_bytes() if data is None else data, content_type=content_type)


def _png(size) -> bytes:
    out = io.BytesIO()
    Image.new("L", size).save(out, "PNG", optimize=True)
    return out.getvalue()


# --- POST /api/reports/: each case one hostile field in an otherwise good report; (field sent, error key) ------

UPLOADS = {
    "pdf": ({"photo": [lambda: _file("surat.pdf", b"%PDF-1.4 ...", "application/pdf")]}, "photo"),
    "empty file": ({"photo": [lambda: _file("kosong.jpg", b"")]}, "photo"),
    "truncated jpeg": ({"photo": [lambda: _file("potong.jpg", jpeg_bytes()[:40])]}, "photo"),
    "gif": ({"photo": [lambda: _file("a.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/gif")]}, "photo"),
    "html as jpeg": ({"photo": [lambda: _file("x.jpg", b"<script>alert(1)</script>")]}, "photo"),
    "6 photos": ({"photo": [_file for _ in range(6)]}, "photo"),
    "text, not a file": ({"photo": ["https://example.com/a.jpg"]}, "photo"),
    "no photo": ({"photo": []}, "photo"),
    "bomb 20000x20000": ({"photo": [lambda: _file("bom.png", _png((20000, 20000)), "image/png")]}, "photo"),
    "video not a video": ({"video": lambda: _file("v.mp4", b"\x00\x00\x00\x18ftypmp42", "video/mp4")}, "video"),
    "video as text": ({"video": "not a file"}, "video"),
}
COORDINATES = {
    "lat 91": ({"latitude": 91}, "latitude"),
    "lon 181": ({"longitude": 181}, "longitude"),
    "lat -90.0001": ({"latitude": -90.0001}, "latitude"),
    "NaN": ({"latitude": "NaN"}, "latitude"),
    "inf": ({"longitude": "inf"}, "longitude"),
    "-Infinity": ({"latitude": "-Infinity"}, "latitude"),
    "1e309": ({"latitude": "1e309"}, "latitude"),
    "words": ({"latitude": "delapan"}, "latitude"),
    "comma decimal": ({"longitude": "111,7"}, "longitude"),
    "NUL": ({"latitude": "\x00"}, "latitude"),
    "only latitude": ({"longitude": ""}, "longitude"),
    "Ponorogo": ({"latitude": PONOROGO[1], "longitude": PONOROGO[0]}, "latitude"),
    "the sea": ({"latitude": SEA_FAR[1], "longitude": SEA_FAR[0]}, "longitude"),
    "null island": ({"latitude": 0, "longitude": 0}, "latitude"),
    "swapped": ({"latitude": LON, "longitude": LAT}, "latitude"),
    "huge string": ({"latitude": "9" * 5000}, "latitude"),
}
TEXTS = {
    "description 2001": ({"description": "x" * 2001}, "description"),
    "description NUL": ({"description": "lubang\x00"}, "description"),
    "name NUL": ({"name": "Siti\x00"}, "name"),
    "name 101": ({"name": "n" * 101}, "name"),
    "phone letters": ({"phone": "nol delapan"}, "phone"),
    "phone 31": ({"phone": "0" * 31}, "phone"),
    "phone NUL": ({"phone": "0812\x00"}, "phone"),
    "email": ({"email": "bukan-email"}, "email"),
    "email NUL": ({"email": "a@b.id\x00"}, "email"),
    "category unknown": ({"category": "terbang"}, "category"),
    "category NUL": ({"category": "\x00"}, "category"),
    "category empty": ({"category": ""}, "category"),
    "category SQL": ({"category": "jalan-rusak' OR '1'='1"}, "category"),
    "client_id not a uuid": ({"client_id": "123"}, "client_id"),
    "client_id NUL": ({"client_id": "\x00"}, "client_id"),
    "anonymous not a bool": ({"anonymous": "mungkin"}, "anonymous"),
}
SUBMIT_CASES = {**UPLOADS, **COORDINATES, **TEXTS}


def _resolve(value):
    if callable(value):
        return value()
    if isinstance(value, list):
        return [_resolve(item) for item in value]
    return value


@pytest.mark.parametrize("name", SUBMIT_CASES)
def test_a_hostile_report_is_refused_field_by_field(holidays, name):
    fields, key = SUBMIT_CASES[name]
    data = {"category": "jalan-rusak", "latitude": LAT, "longitude": LON, "photo": [_file()]}
    data.update({field: _resolve(value) for field, value in fields.items()})
    data = {field: value for field, value in data.items() if value != []}
    before = snapshot()
    response = APIClient().post("/api/reports/", data, format="multipart")
    json_error(response, field=key, detail="Periksa isian.")
    assert snapshot() == before


def test_the_good_report_of_those_cases_is_stored(holidays):
    """The baseline the cases above each break in one field."""
    data = {"category": "jalan-rusak", "latitude": LAT, "longitude": LON, "photo": [_file()]}
    assert APIClient().post("/api/reports/", data, format="multipart").status_code == 201


# --- Paths, formats and media types: JSON 4xx from every door, as every role -----------------------------------

WHO = ["anonymous", *ROLES]
DOORS = [
    ("get", "/api/reports/abc/", 404),
    ("get", "/api/reports/-1/", 404),
    ("get", "/api/reports/99999999999999999999/", 404),
    ("get", "/api/reports/1%00/", 404),
    ("get", "/api/staff/reports/1e3/", 404),
    ("get", "/api/reports/x/events/", 404),
    ("get", "/api/nowhere/", 404),
    ("get", "/api/reports/?format=AAA", 406),
    ("get", "/api/reports/?format=", 406),
    ("get", "/api/kecamatan/?format=xml", 406),
    ("get", "/api/categories/?format=%00", 406),
    ("get", "/tiles/reports/a/0/0.pbf", 404),
    ("get", "/tiles/reports/30/0/0.pbf", 400),
    ("post", "/api/reports/1/transitions/%00/", 404),
    ("delete", "/api/reports/", 405),
    ("put", "/api/kecamatan/", 405),
]


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize(("method", "url", "status"), DOORS, ids=lambda v: str(v)[:40])
def test_every_door_refuses_in_the_one_shape(who, method, url, status):
    client = _client(who)
    if method == "post" and who == "anonymous":
        status = 401  # the staff door asks who it is first
    before = snapshot()
    response = getattr(client, method)(url)
    json_error(response, status=status)
    assert snapshot() == before


@pytest.mark.parametrize("who", WHO)
def test_a_geojson_door_labels_its_errors_json(who):
    response = _client(who).get("/api/reports/", {"created_to": "9999-12-31"}, HTTP_ACCEPT="application/geo+json")
    assert json_error(response, field="created_to")["errors"]["created_to"][0].startswith("Pilih hari")
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    ("language", "detail"), [("en", "There is nothing at this address."), ("id", "Tidak ada apa pun di alamat ini.")]
)
def test_a_non_integer_id_answers_in_the_users_language(language, detail):
    json_error(APIClient().get("/api/reports/abc/", HTTP_ACCEPT_LANGUAGE=language), status=404, detail=detail)


# --- Headers: tokens, media types, Accept -------------------------------------------------------------------------

AUTHORIZATION = {
    "no key": "Token",
    "two keys": "Token a b",
    "unknown key": "Token " + "A" * 43,
    "very long key": "Token " + "x" * 10_000,
    "not ASCII": "Token kunci-\u00e9",
    "NUL": "Token \x00",
    "path": "Token ../../etc/passwd",
}


@pytest.mark.parametrize("name", AUTHORIZATION)
@pytest.mark.parametrize("url", ["/api/staff/reports/", "/api/reports/", "/api/auth/token/"])
def test_a_forged_token_is_a_401(name, url):
    before = snapshot()
    response = APIClient().get(url, HTTP_AUTHORIZATION=AUTHORIZATION[name])
    if url == "/api/auth/token/":
        assert response.status_code in (401, 405)
        body = response.json()
        assert set(body) == {"detail", "errors"}
    else:
        json_error(response, status=401)
        assert response["WWW-Authenticate"] == "Token"
    assert snapshot() == before


def test_an_ended_token_is_a_401_in_words():
    client = _client("operator")
    ApiToken.objects.update(expires_at="2026-01-01T00:00:00Z")
    json_error(client.get("/api/staff/reports/", HTTP_ACCEPT_LANGUAGE="en"), status=401, detail="Sign in again.")


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize(
    ("content_type", "body", "status"),
    [
        ("text/plain", b"note=hi", 415),
        ("application/xml", b"<note/>", 415),
        ("multipart/form-data", b"--x\r\n", 400),  # no boundary
    ],
    ids=lambda v: str(v)[:30],
)
def test_a_body_in_the_wrong_shape_is_refused(who, content_type, body, status):
    report = ReportFactory(status=S.DISPATCHED, opd=Opd.objects.get(code="PUPR"))
    client = _client(who)
    if who == "anonymous":
        status = 401
    before = snapshot()
    response = client.post(f"/api/reports/{report.pk}/transitions/acknowledge/", body, content_type=content_type)
    body = json_error(response, status=status)
    if status == 400:
        assert body["detail"].startswith("Isi "), body  # in words, in Indonesian
    assert snapshot() == before


@pytest.mark.parametrize("accept", ["application/xml", "text/csv", "image/png"])
def test_an_accept_the_api_cannot_serve_is_a_406_in_json(accept):
    json_error(APIClient().get("/api/reports/", HTTP_ACCEPT=accept), status=406)


# --- The token door ---------------------------------------------------------------------------------------------

SIGN_INS = {
    "nothing": ({}, "username"),
    "no password": ({"username": "t-operator"}, "password"),
    "username NUL": ({"username": "t-\x00", "password": "x"}, "username"),
    "username 151": ({"username": "u" * 151, "password": "x"}, "username"),
    "password 4097": ({"username": "t-operator", "password": "p" * 4097}, "password"),
    "name 101": ({"username": "t-operator", "password": "x-pass-123", "name": "n" * 101}, "name"),
    "name NUL": ({"username": "t-operator", "password": "x-pass-123", "name": "QGIS\x00"}, "name"),
    "wrong password": ({"username": "t-operator", "password": "salah"}, "non_field_errors"),
    "username a list": ({"username": ["a", "b"], "password": "x"}, "username"),
}


@pytest.mark.parametrize("encoding", ["json", "multipart"])
@pytest.mark.parametrize("name", SIGN_INS)
def test_a_hostile_sign_in_is_refused_field_by_field(staff, encoding, name):
    fields, key = SIGN_INS[name]
    if encoding == "multipart" and name == "username a list":
        key = "password"  # a form's repeated field is read as its last value; the password is then wrong
        fields = {"username": ["a", "t-operator"], "password": "salah"}
        key = "non_field_errors"
    before = snapshot()
    tokens = ApiToken.objects.count()
    response = APIClient().post("/api/auth/token/", fields, format=encoding)
    json_error(response, field=key)
    assert snapshot() == before and ApiToken.objects.count() == tokens


# --- Transitions with hostile input, as every role ----------------------------------------------------------------

TRANSITIONS = [
    ("mark_duplicate", {"duplicate_of": "abc"}, "duplicate_of"),
    ("mark_duplicate", {"duplicate_of": "99999999999999999999"}, "duplicate_of"),
    ("reject", {"reason": "bosan"}, "reason"),
    ("verify", {"expected_status": "terbang"}, "expected_status"),
    ("resolve", {"photo": "bukan berkas"}, "photo"),
]


@pytest.mark.parametrize("who", list(ROLES))
@pytest.mark.parametrize(("name", "fields", "field"), TRANSITIONS, ids=lambda v: str(v)[:30])
def test_hostile_transition_input_is_refused_for_every_role(who, name, fields, field):
    report = ReportFactory(status=S.RECEIVED)
    client = _client(who)
    before = snapshot()
    response = client.post(f"/api/reports/{report.pk}/transitions/{name}/", fields, format="multipart")
    json_error(response, field=field)
    assert snapshot() == before
    report.refresh_from_db()
    assert report.status == S.RECEIVED
