"""Open311 GeoReport v2 (/open311/v2/): services, requests, updates and POST, with the map's privacy rules."""

import http.server
import json
import threading
from xml.etree import ElementTree

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from geoportal.models import Report, ReportPhoto
from open311.models import Open311Submission
from tests.factories import TOWN_CENTRE, jpeg_bytes

BASE = "/open311/v2"


def get_json(client, path, **params):
    response = client.get(f"{BASE}/{path}", params)
    assert response["Content-Type"] == "application/json; charset=utf-8", response.content[:200]
    return response, json.loads(response.content)


def ids(rows):
    return {int(row["service_request_id"]) for row in rows}


def post(client, key, **fields):
    data = {
        "api_key": key,
        "service_code": "jalan-rusak",
        "lat": TOWN_CENTRE[1],
        "long": TOWN_CENTRE[0],
        "description": "Lubang besar di depan pasar",
        "email": "warga@example.org",
        "first_name": "Siti",
        "media": SimpleUploadedFile("lubang.jpg", jpeg_bytes(), content_type="image/jpeg"),
    }
    data.update(fields)
    data = {key: value for key, value in data.items() if value is not None}
    return client.post(f"{BASE}/requests.json", data)


def test_services_are_the_labels_grouped_by_squad_confidential_ones_included(client, db):
    response, services = get_json(client, "services.json")
    assert response.status_code == 200
    by_code = {service["service_code"]: service for service in services}
    assert by_code["jalan-rusak"]["group"] == "Pasukan Oranye"
    assert by_code["jalan-rusak"]["type"] == "realtime" and by_code["jalan-rusak"]["metadata"] is False
    assert "pungli" in by_code  # reportable through Open311; never listed afterwards
    xml = ElementTree.fromstring(client.get(f"{BASE}/services.xml").content)
    assert xml.tag == "services"
    assert {s.findtext("service_code") for s in xml.findall("service")} == set(by_code)


def test_service_definition_and_unknown_service(client, db):
    response, definition = get_json(client, "services/jalan-rusak.json")
    assert definition == {"service_code": "jalan-rusak", "attributes": []}
    response, errors = get_json(client, "services/no-such-label.json")
    assert response.status_code == 404 and errors[0]["code"] == 404
    xml = client.get(f"{BASE}/services/no-such-label.xml")
    assert xml.status_code == 404 and xml["Content-Type"] == "text/xml; charset=utf-8"
    root = ElementTree.fromstring(xml.content)
    assert root.tag == "errors" and root.find("error").findtext("code") == "404"


def test_requests_list_only_public_reports_at_their_published_place(client, reports):
    response, rows = get_json(client, "requests.json")
    listed = ids(rows)
    assert {reports["open"].pk, reports["resolved"].pk, reports["sensitive"].pk} <= listed
    assert reports["screening"].pk not in listed and reports["confidential"].pk not in listed
    assert b"OPEN311-SECRET" not in response.content and b"OPEN311-SCREENING" not in response.content
    rows = {int(row["service_request_id"]): row for row in rows}
    sensitive = reports["sensitive"]
    assert (rows[sensitive.pk]["long"], rows[sensitive.pk]["lat"]) == (
        round(sensitive.public_location.x, 6),
        round(sensitive.public_location.y, 6),
    )
    assert sensitive.public_location.distance(sensitive.location) > 0  # the test means something
    assert rows[reports["open"].pk]["status"] == "open"
    assert rows[reports["resolved"].pk]["status"] == "closed"
    assert rows[reports["resolved"].pk]["status_notes"] == "Sudah diperbaiki OPEN311-NOTE"
    assert rows[reports["open"].pk]["agency_responsible"]
    assert rows[reports["open"].pk]["media_url"].startswith("http://testserver/media/photos/")
    assert "media_url" not in rows[sensitive.pk]  # no photo: left out, not null
    assert rows[reports["open"].pk]["requested_datetime"].endswith("+07:00")
    assert response["Cache-Control"] == "public, max-age=60"


def test_request_filters(client, reports):
    _r, rows = get_json(client, "requests.json", status="closed")
    assert ids(rows) == {reports["resolved"].pk}
    _r, rows = get_json(client, "requests.json", service_code="kekerasan-perempuan-anak")
    assert ids(rows) == {reports["sensitive"].pk}
    _r, rows = get_json(
        client,
        "requests.json",
        service_request_id=f"{reports['open'].pk},{reports['confidential'].pk}",
        status="closed",
    )
    assert ids(rows) == {reports["open"].pk}  # the ids override the other filters; confidential never listed
    sensitive = reports["sensitive"]
    exact, published = sensitive.location, sensitive.public_location
    _r, rows = get_json(client, "requests.json", lat=published.y, long=published.x, radius=5)
    assert sensitive.pk in ids(rows)
    if exact.distance(published) * 110_000 > 50:  # the exact point must not be findable by a small radius
        _r, rows = get_json(client, "requests.json", lat=exact.y, long=exact.x, radius=5)
        assert sensitive.pk not in ids(rows)


def test_one_request_is_a_list_and_hidden_ones_answer_like_missing(client, reports):
    response, rows = get_json(client, f"requests/{reports['open'].pk}.json")
    assert response.status_code == 200 and [int(row["service_request_id"]) for row in rows] == [reports["open"].pk]
    answers = [
        client.get(f"{BASE}/requests/{pk}.json").content
        for pk in (reports["confidential"].pk, reports["screening"].pk, 987654321, "abc")
    ]
    assert len(set(answers)) == 1 and json.loads(answers[0])[0]["code"] == 404


def test_post_stores_one_report_and_gives_the_code_to_the_sender_only(client, app_key):
    app, key = app_key
    response = post(client, key)
    assert response.status_code == 201, response.content
    [receipt] = json.loads(response.content)
    report = Report.objects.get(pk=receipt["service_request_id"])
    assert receipt["token"].replace("-", "") == report.tracking_code
    assert report.tracking_code in receipt["service_notice"].replace("-", "")
    assert report.channel == Report.Channel.API and report.contact.email == "warga@example.org"
    assert report.contact.name == "Siti" and report.photos.filter(kind=ReportPhoto.Kind.REPORT).count() == 1
    assert Open311Submission.objects.get(report=report).client == app
    assert report.events.filter(transition="receive").count() == 1
    assert response["Cache-Control"].startswith("private")
    # not public yet: the application follows it with its key, nobody else sees it
    mine = client.get(f"{BASE}/requests/{report.pk}.json", {"api_key": key})
    assert mine.status_code == 200 and json.loads(mine.content)[0]["status"] == "open"
    assert report.tracking_code not in mine.content.decode().replace("-", "")
    assert client.get(f"{BASE}/requests/{report.pk}.json").status_code == 404
    _r, rows = get_json(client, "requests.json")
    assert report.pk not in ids(rows)


def test_a_confidential_label_is_reportable_but_never_listed_even_to_its_sender(client, app_key):
    _app, key = app_key
    response = post(client, key, service_code="pungli", description="Pungutan liar di loket")
    assert response.status_code == 201
    pk = int(json.loads(response.content)[0]["service_request_id"])
    assert client.get(f"{BASE}/requests/{pk}.json", {"api_key": key}).status_code == 404
    _r, rows = get_json(client, "requests.json", api_key=key)
    assert pk not in ids(rows)


@pytest.mark.parametrize(
    ("fields", "status", "mentions"),
    [
        ({"api_key": None}, 403, "api_key"),
        ({"api_key": "not-a-key"}, 403, "api_key"),
        ({"api_key": "x\x00y"}, 400, "api_key"),
        ({"service_code": "no-such-label"}, 400, "service_code"),
        ({"service_code": "jalan\x00rusak"}, 400, "service_code"),
        ({"lat": None}, 400, "lat, long"),
        ({"lat": "abc"}, 400, "lat"),
        ({"lat": "nan"}, 400, "lat"),
        ({"long": "1e400"}, 400, "long"),
        ({"lat": "-8.45", "long": "111.60"}, 400, "lat, long"),  # the sea, outside the regency
        ({"media": None}, 400, "media"),
        ({"media": SimpleUploadedFile("x.jpg", b"not an image")}, 400, "media"),
        ({"description": "x" * 2001}, 400, "description"),
        ({"description": "a\x00b"}, 400, "description"),
        ({"email": "not-an-address"}, 400, "email"),
        ({"phone": "12"}, 400, "phone"),
        ({"media": None, "media_url": "ftp://127.0.0.1/x.jpg"}, 400, "media_url"),
        ({"media": None, "media_url": "http://evil.example/x.jpg"}, 400, "media_url"),
        ({"jurisdiction_id": "sfgov.org"}, 404, "jurisdiction_id"),
    ],
)
def test_a_refused_post_stores_nothing_and_names_the_parameter(client, app_key, fields, status, mentions, settings):
    _app, key = app_key
    fields = {name: (key if name == "api_key" and value == "KEY" else value) for name, value in fields.items()}
    reports, photos = Report.objects.count(), ReportPhoto.objects.count()
    response = post(client, key, **fields)
    assert response.status_code == status, response.content
    errors = json.loads(response.content)
    assert errors and all(error["code"] == status for error in errors)
    assert any(error["description"].startswith(mentions) for error in errors), errors
    assert (Report.objects.count(), ReportPhoto.objects.count()) == (reports, photos)
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))


def test_refusals_speak_indonesian_by_default(client, db):
    response = client.get(f"{BASE}/services/no-such-label.json", HTTP_ACCEPT_LANGUAGE="id")
    assert "tidak ada layanan" in json.loads(response.content)[0]["description"].lower()


def test_an_application_over_its_hourly_limit_is_told_when_to_come_back(client, app_key, settings):
    settings.OPEN311_REQUESTS_PER_HOUR = 1
    _app, key = app_key
    assert post(client, key).status_code == 201
    response = post(client, key)
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert Report.objects.count() == 1


class _PhotoServer(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path == "/moved.jpg":
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data")
            self.end_headers()
            return
        body = jpeg_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def photo_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _PhotoServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_photo_by_media_url_from_a_listed_host(client, app_key, photo_server, settings):
    _app, key = app_key
    # By default never from this server's own network: a partner's link cannot reach internal services.
    response = post(client, key, media=None, media_url=f"{photo_server}/foto.jpg")
    assert response.status_code == 400 and Report.objects.count() == 0
    settings.OPEN311_MEDIA_ALLOW_PRIVATE = True
    assert post(client, key, media=None, media_url=f"{photo_server}/moved.jpg").status_code == 400  # no redirects
    response = post(client, key, media=None, media_url=f"{photo_server}/foto.jpg")
    assert response.status_code == 201, response.content
    assert Report.objects.get().photos.count() == 1


def test_updates_are_the_public_steps_with_extended_statuses(client, reports):
    response, updates = get_json(client, "servicerequestupdates.json")
    assert response.status_code == 200
    by_report = {}
    for update in updates:
        by_report.setdefault(int(update["service_request_id"]), []).append(update)
    assert reports["confidential"].pk not in by_report and reports["screening"].pk not in by_report
    resolved = by_report[reports["resolved"].pk]
    assert [update["status"] for update in resolved] == ["open", "open", "investigating", "in_progress", "fixed"]
    assert resolved[-1]["description"] == "Sudah diperbaiki OPEN311-NOTE"
    assert all(update["updated_datetime"].endswith("+07:00") for update in updates)
    assert b"t-operator" not in response.content and b"t-pupr" not in response.content


def test_the_token_is_the_citizens_code(client, reports):
    report = reports["screening"]
    response = client.get(f"{BASE}/tokens/{report.tracking_code}.json")
    assert json.loads(response.content)[0]["service_request_id"] == str(report.pk)
    assert client.get(f"{BASE}/tokens/AAAA-AAAA.json").status_code == 404


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("requests.json", {"start_date": "9999-12-31"}, 400),
        ("requests.json", {"end_date": "2026-13-45"}, 400),
        ("requests.json", {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-12-01T00:00:00Z"}, 400),
        ("requests.json", {"start_date": "2026-06-01", "end_date": "2026-05-01"}, 400),
        ("requests.json", {"status": "pending"}, 400),
        ("requests.json", {"service_code": "a\x00b"}, 400),
        ("requests.json", {"service_request_id": "1,2,x"}, 400),
        ("requests.json", {"service_request_id": ",".join(["1"] * 101)}, 400),
        ("requests.json", {"service_request_id": "99999999999999999999999"}, 400),
        ("requests.json", {"lat": "-8.05"}, 400),
        ("requests.json", {"lat": "-8.05", "long": "111.7", "radius": "1e9"}, 400),
        ("requests.json", {"radius": "100"}, 400),
        ("requests.json", {"jurisdiction_id": "x" * 500}, 400),
        ("requests.yaml", {}, 404),
        ("services.json", {"jurisdiction_id": "jakarta.go.id"}, 404),
        ("servicerequestupdates.json", {"start_date": "0001-01-01"}, 400),
        ("no/such/thing.json", {}, 404),
    ],
)
def test_hostile_parameters_are_open311_errors(client, db, path, params, status):
    response = client.get(f"{BASE}/{path}", params)
    assert response.status_code == status, response.content
    body = json.loads(response.content)
    assert body[0]["code"] == status and body[0]["description"]


def test_only_get_where_only_reading(client, db):
    response = client.post(f"{BASE}/services.json")
    assert response.status_code == 405 and response["Allow"] == "GET"
    assert json.loads(response.content)[0]["code"] == 405


def test_discovery(client, db):
    for path in ("/open311/discovery.json", f"{BASE}/discovery.json"):
        body = json.loads(client.get(path).content)
        assert body["endpoints"][0]["url"] == "http://testserver/open311/v2"
        assert body["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
    root = ElementTree.fromstring(client.get("/open311/discovery.xml").content)
    assert [f.text for f in root.find("endpoints").find("endpoint").find("formats")] == ["text/xml", "application/json"]
