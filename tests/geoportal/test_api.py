import datetime as dt
import json

import pytest
from django.contrib.gis.geos import Point
from rest_framework.test import APIClient

from geoportal.clocks import WIB
from geoportal.models import Category, ReporterContact, ReportPhoto
from geoportal.states import PUBLIC_STATUSES, ReportStatus
from tests.factories import PRIGI_BEACH, TOWN_CENTRE, ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    body = json.loads(response.content)
    assert body["type"] == "FeatureCollection"
    return [feature["id"] for feature in body["features"]]


def test_only_public_reports_are_listed(api):
    public = {ReportFactory(status=status).id for status in PUBLIC_STATUSES}
    for status in (ReportStatus.RECEIVED, ReportStatus.REJECTED, ReportStatus.DUPLICATE):
        ReportFactory(status=status)
    ReportFactory(category=Category.objects.get(code="pungli"))  # confidential, even when verified

    assert set(_ids(api.get("/api/reports/"))) == public


def test_reporter_contact_and_tracking_code_never_leave_the_server(api):
    report = ReportFactory(description="Jalan rusak parah")
    ReporterContact.objects.create(report=report, name="Sutrisno Wibowo", phone="081299887766", email="sutris@mail.id")

    for url in (
        "/api/reports/",
        f"/api/reports/{report.id}/",
        "/api/reports/?format=json",
        "/api/kecamatan/",
        "/api/desa/?kecamatan=35.03.11",
    ):
        body = api.get(url).content.decode()
        for secret in ("Sutrisno", "081299887766", "sutris@mail.id", report.tracking_code):
            assert secret not in body, (url, secret)


def test_a_feature_carries_what_the_map_needs(api):
    report = ReportFactory.at(*TOWN_CENTRE, status=ReportStatus.IN_PROGRESS)
    ReportPhoto.objects.create(report=report, image="photos/a.jpg", thumbnail="photos/a_t.jpg", width=1, height=1)

    response = api.get(f"/api/reports/{report.id}/")

    assert response["Content-Type"] == "application/geo+json"
    feature = json.loads(response.content)
    assert feature["geometry"] == {"type": "Point", "coordinates": [TOWN_CENTRE[0], TOWN_CENTRE[1]]}
    props = feature["properties"]
    assert props["status"] == "in_progress" and props["status_label"] == "Sedang ditangani"
    assert (props["category"], props["squad"], props["colour"]) == ("jalan-rusak", "oranye", "#ff9800")
    assert (props["kecamatan_nama"], props["desa_nama"]) == ("Trenggalek", "Ngantru")
    assert props["photo"] == "http://testserver/media/photos/a_t.jpg"
    assert dt.datetime.fromisoformat(props["created_at"]) == report.created_at


def test_a_report_that_is_not_public_is_not_found(api):
    assert api.get(f"/api/reports/{ReportFactory(status=ReportStatus.RECEIVED).id}/").status_code == 404
    secret = ReportFactory(category=Category.objects.get(code="pungli"))
    assert api.get(f"/api/reports/{secret.id}/").status_code == 404
    assert api.get("/api/reports/999999999/").status_code == 404


def test_filters(api):
    town = ReportFactory.at(*TOWN_CENTRE)
    beach = ReportFactory(
        location=Point(*PRIGI_BEACH, srid=4326),
        desa_kode="35.03.08.2006",
        category=Category.objects.get(code="sampah"),
        status=ReportStatus.RESOLVED,
        created_at=dt.datetime(2026, 10, 31, 23, 30, tzinfo=WIB),
    )
    assert _ids(api.get("/api/reports/", {"in_bbox": "111.69,-8.06,111.72,-8.04"})) == [town.id]
    assert _ids(api.get("/api/reports/", {"kecamatan": beach.kecamatan.kode})) == [beach.id]
    assert _ids(api.get("/api/reports/", {"desa": town.desa.kode})) == [town.id]
    assert _ids(api.get("/api/reports/", {"status": "resolved,closed"})) == [beach.id]
    assert _ids(api.get("/api/reports/", {"category": "sampah"})) == [beach.id]
    # days are Asia/Jakarta days: 23:30 WIB on 31 October is still October
    assert _ids(api.get("/api/reports/", {"created_from": "2026-10-31", "created_to": "2026-10-31"})) == [beach.id]
    assert _ids(api.get("/api/reports/", {"created_from": "2026-11-01", "created_to": "2026-11-01"})) == []


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"in_bbox": "111,-8,112"}, "in_bbox", "four numbers"),
        ({"in_bbox": "112,-8,111,-7"}, "in_bbox", "min below max"),
        ({"in_bbox": "a,b,c,d"}, "in_bbox", "four numbers"),
        ({"status": "received"}, "status", "Not a public status: received"),
        ({"category": "pungli"}, "category", "Unknown label: pungli"),
        ({"kecamatan": "35.03.99"}, "kecamatan", "Unknown kecamatan code"),
        ({"desa": "x"}, "desa", "Unknown desa"),
        ({"created_from": "2026-13-01"}, "created_from", ""),
        ({"created_from": "2026-10-10", "created_to": "2026-10-01"}, "created_to", "comes before"),
        ({"limit": "100000"}, "limit", ""),
        ({"cursor": "not-a-cursor"}, "cursor", "follow the `next` link"),
    ],
)
def test_invalid_filters_get_a_400_naming_the_parameter(api, params, field, words):
    response = api.get("/api/reports/", params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Check the fields."
    assert words in " ".join(body["errors"][field])


def test_errors_are_in_bahasa_indonesia_by_default(api):
    response = api.get("/api/reports/", {"kecamatan": "35.03.99"})
    assert response.json() == {
        "detail": "Periksa isian.",
        "errors": {"kecamatan": ["Kode kecamatan tidak dikenal: 35.03.99."]},
    }


def test_pages_follow_next_links_without_gaps_or_repeats(api):
    same_time = dt.datetime(2026, 11, 1, 9, 0, tzinfo=WIB)
    made = [ReportFactory(created_at=same_time).id for _ in range(4)] + [ReportFactory().id for _ in range(3)]
    seen, url, pages = [], "/api/reports/?limit=2&count=true", 0
    while url:
        body = json.loads(api.get(url).content)
        assert body["numberMatched"] == 7
        assert body["numberReturned"] == len(body["features"]) <= 2
        seen += [f["id"] for f in body["features"]]
        url, pages = body["next"], pages + 1
    assert pages == 4
    assert sorted(seen) == sorted(made) and len(seen) == len(set(seen))


def test_prev_links_lead_back_page_by_page(api):
    same_time = dt.datetime(2026, 11, 1, 9, 0, tzinfo=WIB)
    for _ in range(4):
        ReportFactory(created_at=same_time)  # ties on the time: the id breaks them, both ways
    for _ in range(3):
        ReportFactory()
    pages, url = [], "/api/reports/?limit=2"
    while url:
        response = api.get(url)
        body = json.loads(response.content)
        pages.append([f["id"] for f in body["features"]])
        prevs = [link["href"] for link in body["links"] if link["rel"] == "prev"]
        assert bool(prevs) == (len(pages) > 1) and ('rel="prev"' in response.get("Link", "")) == bool(prevs)
        last_prev, url = (prevs[0] if prevs else None), body["next"]
    back, url = [pages[-1]], last_prev
    while url:
        body = json.loads(api.get(url).content)
        back.append([f["id"] for f in body["features"]])
        url = next((link["href"] for link in body["links"] if link["rel"] == "prev"), None)
    assert back == pages[::-1]
    assert api.get("/api/reports/?cursor=~nope").status_code == 400


def test_json_and_the_browsable_api_are_offered_too(api):
    ReportFactory()
    assert api.get("/api/reports/", HTTP_ACCEPT="application/json")["Content-Type"] == "application/json"
    page = api.get("/api/reports/?format=api")
    assert page.status_code == 200 and b"FeatureCollection" in page.content and b"<html" in page.content


def test_kecamatan_and_desa_come_with_public_report_counts(api):
    ReportFactory()
    ReportFactory()
    ReportFactory(status=ReportStatus.RECEIVED)
    kecamatan = api.get("/api/kecamatan/").json()
    assert len(kecamatan["features"]) == 14
    counts = {f["id"]: f["properties"]["report_count"] for f in kecamatan["features"]}
    assert counts["35.03.11"] == 2 and sum(counts.values()) == 2
    assert kecamatan["features"][0]["geometry"]["type"] == "MultiPolygon"

    desa = api.get("/api/desa/", {"kecamatan": "35.03.11"}).json()
    assert len(desa["features"]) == 13
    ngantru = next(f for f in desa["features"] if f["id"] == "35.03.11.1003")
    assert ngantru["properties"]["report_count"] == 2
    assert ngantru["properties"]["jenis"] == "kelurahan"


def test_categories_list_every_label_with_its_squad_and_targets(api):
    labels = api.get("/api/categories/").json()
    assert len(labels) == 23
    by_code = {label["code"]: label for label in labels}
    assert by_code["jalan-rusak"]["squad"] == "oranye" and by_code["jalan-rusak"]["default_opd"] == "PUPR"
    assert by_code["pungli"]["confidential"] is True and by_code["pungli"]["squad"] == "bayangan"
    assert {label["code"] for label in labels if label["confidential"]} == {"pungli", "penyimpangan-proyek"}


def test_the_openapi_schema_documents_the_filters(api):
    schema = api.get("/api/schema/?format=json").json()
    parameters = {p["name"] for p in schema["paths"]["/api/reports/"]["get"]["parameters"]}
    assert {"in_bbox", "kecamatan", "desa", "status", "category", "created_from", "created_to", "cursor"} <= parameters
    assert "400" in schema["paths"]["/api/reports/"]["get"]["responses"]
    assert api.get("/api/docs/").status_code == 200


def test_sensitive_labels_are_blurred_on_the_public_map(api):
    from django.contrib.gis.geos import Point

    exact = (111.70863, -8.05061)
    report = ReportFactory(
        location=Point(*exact, srid=4326), category=Category.objects.get(code="kekerasan-perempuan-anak")
    )
    lon, lat = json.loads(api.get(f"/api/reports/{report.id}/").content)["geometry"]["coordinates"]
    step = 500 / 111320
    assert (lon / step) == pytest.approx(round(lon / step), abs=1e-3)  # on the 500 m grid (6 decimals out)
    assert abs(lon - exact[0]) > 1e-5 or abs(lat - exact[1]) > 1e-5
    assert abs(lon - exact[0]) <= step and abs(lat - exact[1]) <= step
