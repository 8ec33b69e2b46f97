"""Open311 as other civic apps meet it: the `georeport` client (PyPI, nobody here wrote it) against a live server in
both formats, and every JSON answer checked against GeoReport v2's schemas (tests/open311/schemas.py)."""

import json

import jsonschema
import pytest
import requests
from georeport import GeoReport

from tests.factories import TOWN_CENTRE, jpeg_bytes
from tests.open311 import schemas


@pytest.fixture
def live(committed_reference, reports, app_key, live_server):
    return live_server.url + "/open311/v2", reports, app_key[1]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_the_georeport_client_reads_services_and_requests(live, fmt):
    base, reports, _key = live
    client = GeoReport(base, jurisdiction="trenggalekkab.go.id", output_format=fmt)
    services = client.get_service_list()
    assert {service["service_code"] for service in services} >= {"jalan-rusak", "sampah", "pungli"}
    definition = client.get_service_definition("jalan-rusak")
    assert definition["service_code"] == "jalan-rusak"
    listed = client.get_service_requests()
    listed = listed if isinstance(listed, list) else [listed]  # xmltodict: one element is not a list
    listed_ids = {int(row["service_request_id"]) for row in listed}
    assert reports["open"].pk in listed_ids and reports["confidential"].pk not in listed_ids
    closed = client.get_service_requests(status="closed")
    closed = closed if isinstance(closed, list) else [closed]
    assert {int(row["service_request_id"]) for row in closed} == {reports["resolved"].pk}
    one = client.get_service_request(str(reports["resolved"].pk))
    assert one["status"] == "closed" and one["service_code"] == "jalan-rusak"
    with pytest.raises(requests.HTTPError) as refused:
        client.get_service_request(str(reports["confidential"].pk))
    assert refused.value.response.status_code == 404


def test_every_json_answer_keeps_the_georeport_schemas(live):
    base, reports, key = live
    checks = [
        ("services.json", {}, schemas.SERVICES),
        ("services/jalan-rusak.json", {}, schemas.SERVICE_DEFINITION),
        ("requests.json", {}, schemas.SERVICE_REQUESTS),
        ("requests.json", {"status": "open,closed", "service_code": "jalan-rusak"}, schemas.SERVICE_REQUESTS),
        (f"requests/{reports['open'].pk}.json", {}, schemas.SERVICE_REQUESTS),
        ("servicerequestupdates.json", {}, schemas.UPDATES),
        ("discovery.json", {}, schemas.DISCOVERY),
        ("services/nope.json", {}, schemas.ERRORS),
        ("requests.json", {"start_date": "9999-01-01"}, schemas.ERRORS),
    ]
    for path, params, schema in checks:
        answer = requests.get(f"{base}/{path}", params=params, timeout=30)
        assert answer.headers["Content-Type"] == "application/json; charset=utf-8"
        jsonschema.validate(answer.json(), schema, format_checker=jsonschema.FormatChecker())
    posted = requests.post(
        f"{base}/requests.json",
        data={"api_key": key, "service_code": "sampah", "lat": TOWN_CENTRE[1], "long": TOWN_CENTRE[0]},
        files={"media": ("sampah.jpg", jpeg_bytes(), "image/jpeg")},
        timeout=30,
    )
    assert posted.status_code == 201
    jsonschema.validate(posted.json(), schemas.POST_RESPONSE)
    refused = requests.post(f"{base}/requests.json", data={"service_code": "sampah"}, timeout=30)
    assert refused.status_code == 403
    jsonschema.validate(refused.json(), schemas.ERRORS)
    assert json.loads(refused.content)[0]["code"] == 403
