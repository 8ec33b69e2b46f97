"""HTTP as map clients expect it (issue 18): CORS on public reads only, ETag/304, gzip, Cache-Control, Link
rel=next, TileJSON and the tile style."""

import json

import pytest

from geoportal.progress import STATUS_COLOURS
from tests.factories import TOWN_CENTRE, ReportFactory
from tests.workflow.test_api import _client_for

pytestmark = pytest.mark.django_db
ORIGIN = "https://peta.example.org"
PUBLIC = [
    "/api/reports/",
    "/api/kecamatan/",
    "/api/desa/?kecamatan=35.03.11",
    "/tiles/reports/12/3318/2181.pbf",
    "/tiles/reports.json",
    "/ogc/collections/reports/items",
    "/ogc/collections/kecamatan/items/35.03.11",
]


@pytest.mark.parametrize("url", PUBLIC)
def test_public_reads_are_open_to_any_origin_cached_and_compressed(client, url):
    ReportFactory.at(*TOWN_CENTRE)
    response = client.get(url, HTTP_ORIGIN=ORIGIN, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "public" in response["Cache-Control"]
    if len(response.content) > 0 and url != "/tiles/reports/12/3318/2181.pbf":
        assert response["Content-Encoding"] == "gzip"
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again.content == b""


@pytest.mark.parametrize("url", ["/api/staff/reports/", "/ogc/collections/staff-reports/items", "/api/auth/token/"])
def test_staff_and_session_doors_have_no_cors(client, url):
    response = client.get(url, HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in response
    preflight = client.options(
        url,
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )
    assert "Access-Control-Allow-Origin" not in preflight


def test_no_cross_origin_post_and_no_authorization_header(client):
    preflight = client.options("/api/reports/", HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST")
    assert "Access-Control-Allow-Origin" not in preflight
    preflight = client.options(
        "/api/reports/", HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )  # fmt: skip
    assert "authorization" not in preflight.get("Access-Control-Allow-Headers", "").lower()


def test_origins_can_be_restricted(client, settings):
    settings.CORS_ALLOW_ALL_ORIGINS = False
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]
    assert client.get("/api/kecamatan/", HTTP_ORIGIN=ORIGIN)["Access-Control-Allow-Origin"] == ORIGIN
    assert "Access-Control-Allow-Origin" not in client.get("/api/kecamatan/", HTTP_ORIGIN="https://evil.example")


def test_the_staff_list_is_private(staff):
    response = _client_for(staff["operator"]).get("/api/staff/reports/")
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_report_pages_link_the_next_one_and_name_the_layer(client):
    for _ in range(3):
        ReportFactory.at(*TOWN_CENTRE)
    response = client.get("/api/reports/?limit=2")
    body = json.loads(response.content)
    assert body["name"] == "reports"
    assert body["links"] == [{"rel": "next", "type": "application/geo+json", "href": body["next"]}]
    assert response["Link"] == f'<{body["next"]}>; rel="next"; type="application/geo+json"'
    last = json.loads(client.get(body["next"]).content)
    assert last["next"] is None and [link["rel"] for link in last["links"]] == ["prev"]
    first_again = json.loads(client.get(last["links"][0]["href"]).content)
    assert [f["id"] for f in first_again["features"]] == [f["id"] for f in body["features"]]


def test_tilejson_and_style_describe_the_report_tiles(client):
    tilejson = json.loads(client.get("/tiles/reports.json").content)
    assert tilejson["tilejson"] == "3.0.0"
    assert tilejson["tiles"] == ["http://testserver/tiles/reports/{z}/{x}/{y}.pbf"]
    assert tilejson["vector_layers"][0]["id"] == "reports"
    style = json.loads(client.get("/tiles/reports-style.json").content)
    assert style["version"] == 8
    resolved = next(layer for layer in style["layers"] if "resolved" in layer["filter"][-1])
    assert resolved["paint"]["circle-color"] == STATUS_COLOURS["resolved"]
    assert resolved["filter"] == ["all", ["==", "kind", "report"], ["in", "status", "resolved", "closed"]]
    assert {layer["source-layer"] for layer in style["layers"]} == {"reports"}
