import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from geoportal.models import Report, ReporterContact
from geoportal.tracking import tracking_code_normalize
from tests.factories import PONOROGO, TOWN_CENTRE, exif_with_gps, jpeg_bytes

pytestmark = pytest.mark.django_db


def _photo(name="foto.jpg", data=None):
    return SimpleUploadedFile(name, data or jpeg_bytes(), content_type="image/jpeg")


def _submit(client=None, **fields):
    data = {"category": "jalan-rusak", "latitude": TOWN_CENTRE[1], "longitude": TOWN_CENTRE[0], "photo": [_photo()]}
    data.update(fields)
    return (client or APIClient()).post("/api/reports/", data, format="multipart")


def test_a_report_is_received_with_a_tracking_code(holidays):
    response = _submit(description="Lubang di depan pasar", name="Siti", phone="0812 3456 7890")
    assert response.status_code == 201, response.content
    receipt = response.json()
    report = Report.objects.get(pk=receipt["id"])
    assert tracking_code_normalize(receipt["tracking_code"]) == report.tracking_code
    assert receipt["url"].endswith(f"/lacak/{receipt['tracking_code']}/")
    assert (receipt["kecamatan"], receipt["desa"], receipt["status"]) == ("Trenggalek", "Ngantru", "received")
    assert report.contact.name == "Siti"
    assert report.events.get().transition == "receive"
    # Not public until an operator verifies it.
    assert APIClient().get(f"/api/reports/{report.pk}/").status_code == 404


def test_anonymous_reports_keep_no_contact(holidays):
    response = _submit(anonymous="true", name="Siti", phone="0812 3456 7890")
    assert response.status_code == 201
    assert not ReporterContact.objects.exists()


def test_the_photo_gps_places_a_report_sent_without_a_position(holidays):
    photo = jpeg_bytes(exif=exif_with_gps(lon=TOWN_CENTRE[0], lat=TOWN_CENTRE[1]))
    response = _submit(latitude="", longitude="", photo=[_photo(data=photo)])
    assert response.status_code == 201, response.content
    assert response.json()["desa"] == "Ngantru"


def test_errors_are_named_per_field_in_bahasa_indonesia(holidays):
    response = _submit(
        category="", latitude=PONOROGO[1], longitude=PONOROGO[0], photo=[_photo("surat.pdf", b"%PDF-1.4")]
    )
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    errors = response.json()["errors"]  # keyed by the request's own field names
    assert set(errors) == {"category", "photo", "latitude", "longitude"}
    assert errors["category"] == ["Pilih label untuk masalah ini."]
    assert "bukan foto yang bisa kami baca" in errors["photo"][0]
    assert errors["latitude"][0].startswith("Lokasi ini berada di luar Kabupaten Trenggalek")
    assert errors["longitude"] == errors["latitude"]
    assert Report.objects.count() == 0


def test_the_same_offline_report_sent_twice_is_stored_once(holidays):
    client_id = str(uuid.uuid4())
    first = _submit(client_id=client_id)
    again = _submit(client_id=client_id)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["tracking_code"] == again.json()["tracking_code"]
    assert Report.objects.count() == 1


def test_a_flood_from_one_sender_is_slowed_down(holidays):
    client = APIClient(REMOTE_ADDR="10.9.8.7")
    for _ in range(5):
        assert _submit(client).status_code == 201
    refused = _submit(client)
    assert refused.status_code == 429
    assert "Tunggu sebentar" in refused.json()["detail"]
    assert Report.objects.count() == 5
    assert _submit(APIClient(REMOTE_ADDR="10.9.8.8")).status_code == 201  # another sender is not affected


def test_the_honeypot_refuses_bots(holidays):
    response = _submit(website="http://spam.example")
    assert response.status_code == 400
    assert Report.objects.count() == 0
