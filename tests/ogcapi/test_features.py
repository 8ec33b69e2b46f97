"""OGC API – Features at /ogc/: the documents, the items and their privacy, CRS, paging and refusals."""

import json

import pytest
from django.contrib.gis.geos import Point
from django.test import Client

from geoportal.models import Category, Opd
from geoportal.states import ReportStatus
from tests.factories import TOWN_CENTRE, ReportFactory
from tests.geoportal.test_sensitive_places import EXACT, NODE, sensitive_report
from tests.workflow.test_api import _client_for

pytestmark = pytest.mark.django_db
ITEMS = "/ogc/collections/reports/items"


def _json(response, status=200):
    assert response.status_code == status, response.content
    return json.loads(response.content)


def _ids(response) -> list[int]:
    return [f["id"] for f in _json(response)["features"]]


def test_landing_conformance_and_collections_are_linked(client):
    landing = _json(client.get("/ogc/"))
    rels = {link["rel"] for link in landing["links"]}
    assert {"self", "alternate", "service-desc", "service-doc", "conformance", "data"} <= rels
    conformance = _json(client.get("/ogc/conformance"))["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in conformance
    assert "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs" in conformance
    collections = _json(client.get("/ogc/collections"))["collections"]
    assert [c["id"] for c in collections] == ["reports", "kecamatan", "desa"]  # no staff queue for the public
    assert "http://www.opengis.net/def/crs/EPSG/0/32749" in collections[0]["crs"]
    link = client.get("/ogc/collections/reports")["Link"]
    assert 'rel="http://www.opengis.net/def/rel/ogc/1.0/queryables"' in link
    api = client.get("/ogc/api")
    assert api["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert "/collections/{collectionId}/items" in json.loads(api.content)["paths"]


def test_html_is_offered_and_chosen_by_the_browser(client):
    page = client.get("/ogc/collections", HTTP_ACCEPT="text/html,application/xhtml+xml")
    assert page["Content-Type"].startswith("text/html")
    assert b"kecamatan" in page.content
    assert client.get(f"{ITEMS}?f=html").status_code == 200


def test_reports_are_the_public_ones_at_their_published_place(client):
    public = ReportFactory.at(*TOWN_CENTRE)
    ReportFactory.at(*TOWN_CENTRE, status=ReportStatus.RECEIVED)
    ReportFactory.at(*TOWN_CENTRE, category=Category.objects.get(code="pungli"))  # confidential
    sensitive = sensitive_report()

    body = _json(client.get(ITEMS))
    assert body["type"] == "FeatureCollection"
    assert {f["id"] for f in body["features"]} == {public.id, sensitive.id}
    point = next(f for f in body["features"] if f["id"] == sensitive.id)["geometry"]["coordinates"]
    assert point == pytest.approx(NODE, abs=1e-6) and point != pytest.approx(EXACT, abs=1e-5)
    assert "tracking_code" not in json.dumps(body)
    # unscreened statuses cannot be asked for, and neither can a confidential report by its id
    assert _json(client.get(f"{ITEMS}?status=received"), 400)["code"] == "InvalidParameterValue"
    confidential = ReportFactory.at(*TOWN_CENTRE, category=Category.objects.get(code="pungli"))
    assert _json(client.get(f"{ITEMS}/{confidential.id}"), 404)["code"] == "NotFound"
    single = _json(client.get(f"{ITEMS}/{sensitive.id}"))
    assert single["geometry"]["coordinates"] == pytest.approx(NODE, abs=1e-6)


def test_bbox_filters_on_the_published_place_in_any_offered_crs(client):
    sensitive = sensitive_report()
    near_exact = (EXACT[0] - 0.0003, EXACT[1] - 0.0003, EXACT[0] + 0.0003, EXACT[1] + 0.0003)
    near_node = (NODE[0] - 0.0003, NODE[1] - 0.0003, NODE[0] + 0.0003, NODE[1] + 0.0003)
    assert _ids(client.get(f"{ITEMS}?bbox={','.join(map(str, near_exact))}")) == []
    assert _ids(client.get(f"{ITEMS}?bbox={','.join(map(str, near_node))}")) == [sensitive.id]
    # the same box in EPSG:4326 (latitude first) and in UTM 49S
    lat_lon = f"{near_node[1]},{near_node[0]},{near_node[3]},{near_node[2]}"
    epsg4326 = "http://www.opengis.net/def/crs/EPSG/0/4326"
    assert _ids(client.get(f"{ITEMS}?bbox={lat_lon}&bbox-crs={epsg4326}")) == [sensitive.id]
    corner = Point(near_node[0], near_node[1], srid=4326).transform(32749, clone=True)
    other = Point(near_node[2], near_node[3], srid=4326).transform(32749, clone=True)
    utm = f"{corner.x},{corner.y},{other.x},{other.y}"
    epsg32749 = "http://www.opengis.net/def/crs/EPSG/0/32749"
    assert _ids(client.get(f"{ITEMS}?bbox={utm}&bbox-crs={epsg32749}")) == [sensitive.id]


def test_features_are_written_in_the_asked_crs(client):
    report = ReportFactory.at(*TOWN_CENTRE)
    response = client.get(f"{ITEMS}/{report.id}?crs=http://www.opengis.net/def/crs/EPSG/0/4326")
    assert response["Content-Crs"] == "<http://www.opengis.net/def/crs/EPSG/0/4326>"
    assert json.loads(response.content)["geometry"]["coordinates"] == pytest.approx(TOWN_CENTRE[::-1], abs=1e-6)
    utm = _json(client.get(f"{ITEMS}?crs=http://www.opengis.net/def/crs/EPSG/0/32749"))["features"][0]
    expected = Point(*TOWN_CENTRE, srid=4326).transform(32749, clone=True)
    assert utm["geometry"]["coordinates"] == pytest.approx([expected.x, expected.y], abs=0.01)
    assert client.get(f"{ITEMS}")["Content-Crs"] == "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>"


def test_every_page_is_reached_through_next_links(client):
    made = {ReportFactory.at(*TOWN_CENTRE).id for _ in range(7)}
    seen, url, pages = [], f"{ITEMS}?limit=3", 0
    while url:
        body = _json(client.get(url))
        seen += [f["id"] for f in body["features"]]
        assert body["numberReturned"] == len(body["features"])
        response = client.get(url)
        assert 'rel="self"' in response["Link"] and 'rel="alternate"' in response["Link"]
        assert ('rel="next"' in response["Link"]) == any(link["rel"] == "next" for link in body["links"])
        nexts = [link["href"] for link in body["links"] if link["rel"] == "next"]
        url, pages = (nexts[0].replace("http://testserver", "") if nexts else None), pages + 1
    assert pages == 3 and len(seen) == 7 and set(seen) == made


def test_prev_links_walk_back_to_the_first_page(client):
    made = [ReportFactory.at(*TOWN_CENTRE).id for _ in range(7)]
    forward, url = [], f"{ITEMS}?limit=3&status=verified"
    while url:  # forward to the last page
        body = _json(client.get(url))
        forward.append([f["id"] for f in body["features"]])
        links = {link["rel"]: link["href"].replace("http://testserver", "") for link in body["links"]}
        assert ("prev" in links) == (len(forward) > 1)  # the first page has none
        last_links, url = links, links.get("next")
    assert sum(forward, []) == sorted(made, reverse=True)
    backward, url = [forward[-1]], last_links["prev"]
    while url:  # and back again along prev
        response = client.get(url)
        body = _json(response)
        backward.append([f["id"] for f in body["features"]])
        assert 'rel="prev"' in response["Link"] or len(backward) == len(forward)
        links = {link["rel"]: link["href"].replace("http://testserver", "") for link in body["links"]}
        assert "status=verified" in links["next"]  # the filters travel with the position
        url = links.get("prev")
    assert backward == forward[::-1]
    # the page after the first page reached backwards is the second page
    assert [f["id"] for f in _json(client.get(links["next"]))["features"]] == forward[1]
    assert _json(client.get(f"{ITEMS}?cursor=~AAAA"), 400)["code"] == "InvalidParameterValue"


def test_property_filters_and_datetime(client):
    road = ReportFactory.at(*TOWN_CENTRE)
    ReportFactory.at(*TOWN_CENTRE, status=ReportStatus.RESOLVED)
    assert _ids(client.get(f"{ITEMS}?status=verified&category=jalan-rusak&kecamatan=35.03.11")) == [road.id]
    assert _ids(client.get(f"{ITEMS}?kecamatan=35.03.01")) == []
    day = road.created_at.date().isoformat()
    assert road.id in _ids(client.get(f"{ITEMS}?datetime={day}T00:00:00Z/.."))
    assert _ids(client.get(f"{ITEMS}?datetime=../2001-01-01T00:00:00Z")) == []
    assert road.id in _ids(client.get(f"{ITEMS}?datetime=2001-01-01/9999-12-31"))


def test_areas_are_collections_with_a_cheap_count(client):
    kecamatan = _json(client.get("/ogc/collections/kecamatan/items?limit=5"))
    assert kecamatan["numberMatched"] == 14 and kecamatan["numberReturned"] == 5
    desa = _json(client.get("/ogc/collections/desa/items?kecamatan=35.03.11&limit=1000"))
    assert desa["numberMatched"] == desa["numberReturned"] > 0
    assert {f["properties"]["kecamatan"] for f in desa["features"]} == {"35.03.11"}
    one = _json(client.get("/ogc/collections/kecamatan/items/35.03.11"))
    assert one["geometry"]["type"] == "MultiPolygon" and one["properties"]["kode"] == "35.03.11"
    assert _json(client.get("/ogc/collections/kecamatan/items/99.99"), 404)["code"] == "NotFound"


@pytest.mark.parametrize(
    "query",
    [
        "bbox=1,2,3",
        "bbox=a,b,c,d",
        "bbox=10,0,0,10",
        "bbox=0,0,1,nan",
        "bbox=0,0,200,1",
        "bbox=1e308,0,1e308,1&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/3857",
        "bbox-crs=urn:nope&bbox=0,0,1,1",
        "crs=http://www.opengis.net/def/crs/EPSG/0/2154",
        "datetime=yesterday",
        "datetime=10000-01-01",
        "datetime=2026-02-30",
        "datetime=2026-10-02/2026-10-01",
        "limit=0",
        "limit=-1",
        "limit=abc",
        "cursor=AAAA",
        "cursor=OTk5OS0xMi0zMVQwMDowMDowMCswMDowMHwx",
        "status=%00",
        "category=a%00b",
        "kecamatan=35.03.11,35.03.12",
        "unknown=1",
        "f=xml",
        "limit=1&limit=2",
    ],
)
def test_bad_input_is_an_ogc_exception_in_indonesian(client, query):
    response = client.get(f"{ITEMS}?{query}", HTTP_ACCEPT_LANGUAGE="id")
    body = _json(response, 400)
    assert body["code"] == "InvalidParameterValue" and body["description"]
    assert response["Content-Type"] == "application/json"


def test_a_huge_limit_gets_the_largest_page(client):
    ReportFactory.at(*TOWN_CENTRE)
    assert len(_ids(client.get(f"{ITEMS}?limit=999999999"))) == 1


def test_unknown_collection_and_feature_are_404(client):
    assert _json(client.get("/ogc/collections/nope"), 404)["code"] == "NotFound"
    assert _json(client.get(f"{ITEMS}/99999999999999999999"), 404)["code"] == "NotFound"
    assert _json(client.get(f"{ITEMS}/abc%00"), 404)["code"] == "NotFound"
    assert client.post(ITEMS).status_code == 405


def test_staff_collection_needs_a_token_and_shows_the_officers_own_queue(staff):
    pupr = ReportFactory.at(*TOWN_CENTRE, status=ReportStatus.DISPATCHED, opd=Opd.objects.get(code="PUPR"))
    dlh = ReportFactory.at(*TOWN_CENTRE, status=ReportStatus.DISPATCHED, opd=Opd.objects.get(code="DLH"))
    unscreened = ReportFactory.at(*TOWN_CENTRE, status=ReportStatus.RECEIVED)
    anonymous = Client()
    assert _json(anonymous.get("/ogc/collections/staff-reports/items"), 401)["code"] == "NotAuthorized"
    bad = anonymous.get("/ogc/collections/staff-reports/items", HTTP_AUTHORIZATION="Token nope")
    assert _json(bad, 401)["code"] == "NotAuthorized"

    officer = _client_for(staff["pupr"])
    assert "staff-reports" in [c["id"] for c in _json(officer.get("/ogc/collections"))["collections"]]
    response = officer.get("/ogc/collections/staff-reports/items")
    assert {f["id"] for f in _json(response)["features"]} == {pupr.id}
    assert "private" in response["Cache-Control"]
    assert "Access-Control-Allow-Origin" not in response
    assert officer.get(f"/ogc/collections/staff-reports/items/{dlh.id}").status_code == 404
    desk = _client_for(staff["operator"])
    assert unscreened.id in _ids(desk.get("/ogc/collections/staff-reports/items?status=received"))


def test_public_answers_are_cached_revalidated_and_compressed(client):
    ReportFactory.at(*TOWN_CENTRE)
    first = client.get(ITEMS, HTTP_ACCEPT_ENCODING="gzip")
    assert first["Content-Encoding"] == "gzip"
    assert "public" in first["Cache-Control"]
    again = client.get(ITEMS, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_a_public_item_is_what_the_public_may_see_for_every_role(client, staff):
    """The public collection answers the same to staff: a confidential report is missing for everyone."""
    confidential = ReportFactory.at(*TOWN_CENTRE, category=Category.objects.get(code="pungli"))
    client.force_login(staff["leadership"].user)
    assert client.get(f"{ITEMS}/{confidential.id}").status_code == 404
    assert confidential.id not in _ids(client.get(ITEMS))
    assert confidential.id in _ids(client.get("/ogc/collections/staff-reports/items"))


def test_refusals_speak_indonesian_by_accept_language(client):
    indonesian = _json(client.get(f"{ITEMS}?limit=0", HTTP_ACCEPT_LANGUAGE="id"), 400)["description"]
    english = _json(client.get(f"{ITEMS}?limit=0", HTTP_ACCEPT_LANGUAGE="en"), 400)["description"]
    assert "bilangan bulat" in indonesian and "whole number" in english
