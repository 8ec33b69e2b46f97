"""OGC API – Features Part 3: CQL2 filters on the report collections, their privacy and their refusals."""

import json
from datetime import UTC, timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone

from geoportal.models import Category, Opd
from geoportal.states import ReportStatus
from tests.factories import TOWN_CENTRE, ReportFactory
from tests.geoportal.test_sensitive_places import EXACT, NODE, REGENCY, sensitive_report
from tests.workflow.test_api import _client_for

pytestmark = pytest.mark.django_db
ITEMS = "/ogc/collections/reports/items"
STAFF_ITEMS = "/ogc/collections/staff-reports/items"
EPSG4326 = "http://www.opengis.net/def/crs/EPSG/0/4326"
EPSG3857 = "http://www.opengis.net/def/crs/EPSG/0/3857"


def _get(client, cql: str, path: str = ITEMS, **extra):
    query = "&".join(f"{key}={quote(str(value))}" for key, value in {"filter": cql, **extra}.items())
    return client.get(f"{path}?{query}", HTTP_ACCEPT_LANGUAGE="id")


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {f["id"] for f in json.loads(response.content)["features"]}


def _box(x0, y0, x1, y1) -> str:
    return f"POLYGON(({x0} {y0}, {x1} {y0}, {x1} {y1}, {x0} {y1}, {x0} {y0}))"


def test_conformance_claims_the_filter_classes_offered():
    from ogcapi.views import CONFORMANCE

    for cls in ("filter", "features-filter", "queryables", "queryables-query-parameters"):
        assert f"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/{cls}" in CONFORMANCE
    for cls in ("cql2-text", "cql2-json", "basic-cql2", "advanced-comparison-operators", "basic-spatial-functions"):
        assert f"http://www.opengis.net/spec/cql2/1.0/conf/{cls}" in CONFORMANCE
    assert not any(c.endswith(("/temporal-functions", "/spatial-functions", "/arithmetic")) for c in CONFORMANCE)


def test_comparisons_logic_like_in_between_and_null(client):
    road = ReportFactory.at(*TOWN_CENTRE)
    done = ReportFactory.at(*TOWN_CENTRE, status=ReportStatus.RESOLVED)
    assert _ids(_get(client, "status = 'verified'")) == {road.id}
    assert _ids(_get(client, "'resolved' = status")) == {done.id}
    assert _ids(_get(client, "status <> 'verified' AND category = 'jalan-rusak'")) == {done.id}
    assert _ids(_get(client, "status = 'verified' OR status = 'resolved'")) == {road.id, done.id}
    assert _ids(_get(client, "NOT (status = 'verified')")) == {done.id}
    assert _ids(_get(client, "category LIKE 'jalan%'")) == {road.id, done.id}
    assert _ids(_get(client, "category LIKE 'jalan_rusak' AND kecamatan LIKE '35.03.1_'")) == {road.id, done.id}
    assert _ids(_get(client, "category NOT LIKE 'jalan%'")) == set()
    assert _ids(_get(client, "status IN ('resolved', 'closed')")) == {done.id}
    assert _ids(_get(client, "status NOT IN ('resolved')")) == {road.id}
    assert _ids(_get(client, "kecamatan = '35.03.11' AND kecamatan BETWEEN '35.03.10' AND '35.03.12'")) == {
        road.id,
        done.id,
    }
    assert _ids(_get(client, "kecamatan NOT IN ('35.03.11')")) == set()
    assert _ids(_get(client, "NOT (kecamatan = '35.03.01') AND kecamatan NOT LIKE '35.03.0%'")) == {road.id, done.id}
    assert _ids(_get(client, "kecamatan IS NULL")) == set()
    assert _ids(_get(client, "status IS NOT NULL")) == {road.id, done.id}


def test_times_and_dates_on_created_at(client):
    road = ReportFactory.at(*TOWN_CENTRE)
    day = timezone.localtime(road.created_at).date()  # a day in Asia/Jakarta
    stamp = road.created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert _ids(_get(client, f"created_at = DATE('{day}')")) == {road.id}
    assert _ids(_get(client, f"created_at <> DATE('{day}')")) == set()
    assert _ids(_get(client, f"created_at < DATE('{day}')")) == set()
    assert _ids(_get(client, f"created_at <= DATE('{day}')")) == {road.id}
    assert _ids(_get(client, f"created_at > DATE('{day}')")) == set()
    assert _ids(_get(client, f"created_at >= DATE('{day}')")) == {road.id}
    assert _ids(_get(client, f"created_at BETWEEN DATE('{day}') AND DATE('{day}')")) == {road.id}
    later = (road.created_at + timedelta(hours=1)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert _ids(_get(client, f"created_at >= TIMESTAMP('{stamp}')")) == {road.id}
    assert _ids(_get(client, f"created_at > TIMESTAMP('{later}')")) == set()
    assert _ids(_get(client, f"created_at BETWEEN TIMESTAMP('2001-01-01T00:00:00Z') AND TIMESTAMP('{later}')")) == {
        road.id
    }


def test_cql2_json_is_read_too(client):
    road = ReportFactory.at(*TOWN_CENTRE)
    expression = json.dumps({"op": "=", "args": [{"property": "status"}, "verified"]})
    assert _ids(_get(client, expression, **{"filter-lang": "cql2-json"})) == {road.id}


def test_or_never_reaches_past_the_public_rules(client):
    """The filter is ANDed with the audience's rules as a whole: an OR cannot open unscreened or confidential
    reports."""
    public = ReportFactory.at(*TOWN_CENTRE)
    ReportFactory.at(*TOWN_CENTRE, status=ReportStatus.RECEIVED)
    ReportFactory.at(*TOWN_CENTRE, category=Category.objects.get(code="pungli"))
    for cql, expected in (
        ("status = 'received' OR category = 'pungli'", set()),
        ("status = 'verified' OR status = 'received' OR category LIKE '%'", {public.id}),
        ("NOT (status = 'nothing')", {public.id}),
        ("category LIKE '%'", {public.id}),
    ):
        assert _ids(_get(client, cql)) == expected, cql


def test_s_intersects_reads_the_published_place_in_the_filter_crs(client):
    sensitive = sensitive_report()
    d = 0.0003
    near_exact = _box(EXACT[0] - d, EXACT[1] - d, EXACT[0] + d, EXACT[1] + d)
    near_node = _box(NODE[0] - d, NODE[1] - d, NODE[0] + d, NODE[1] + d)
    assert _ids(_get(client, f"S_INTERSECTS(geometry, {near_exact})")) == set()
    assert _ids(_get(client, f"S_INTERSECTS(geometry, {near_node})")) == {sensitive.id}
    bbox = f"S_INTERSECTS(geometry, BBOX({NODE[0] - d}, {NODE[1] - d}, {NODE[0] + d}, {NODE[1] + d}))"
    assert _ids(_get(client, bbox)) == {sensitive.id}
    exact_bbox = f"S_INTERSECTS(geometry, BBOX({EXACT[0] - d}, {EXACT[1] - d}, {EXACT[0] + d}, {EXACT[1] + d}))"
    assert _ids(_get(client, exact_bbox)) == set()
    assert _ids(_get(client, f"S_INTERSECTS(geometry, POINT({EXACT[0]} {EXACT[1]}))")) == set()
    # the same box latitude first in EPSG:4326
    lat_lon = f"S_INTERSECTS(geometry, BBOX({NODE[1] - d}, {NODE[0] - d}, {NODE[1] + d}, {NODE[0] + d}))"
    assert _ids(_get(client, lat_lon, **{"filter-crs": EPSG4326})) == {sensitive.id}
    assert _get(client, bbox, **{"filter-crs": EPSG4326}).status_code == 400  # read as lat, lon: latitude 111°
    # and in Web Mercator
    from django.contrib.gis.geos import Point

    node = Point(*NODE, srid=4326).transform(3857, clone=True)
    box = f"BBOX({node.x - 30}, {node.y - 30}, {node.x + 30}, {node.y + 30})"
    assert _ids(_get(client, f"S_INTERSECTS(geometry, {box})", **{"filter-crs": EPSG3857})) == {sensitive.id}


def test_tiny_polygons_cannot_locate_a_report_better_than_its_published_place(client):
    """An attacker bisects the regency with S_INTERSECTS, keeping the half that still answers the report, 40 times:
    the search ends on the published grid node, ~200 m from where the report really is."""
    sensitive = sensitive_report()
    x0, y0, x1, y1 = REGENCY
    for step in range(40):
        if step % 2 == 0:
            middle = (x0 + x1) / 2
            west = sensitive.id in _ids(_get(client, f"S_INTERSECTS(geometry, {_box(x0, y0, middle, y1)})"))
            x0, x1 = (x0, middle) if west else (middle, x1)
        else:
            middle = (y0 + y1) / 2
            south = sensitive.id in _ids(_get(client, f"S_INTERSECTS(geometry, {_box(x0, y0, x1, middle)})"))
            y0, y1 = (y0, middle) if south else (middle, y1)
    found = ((x0 + x1) / 2, (y0 + y1) / 2)
    assert found == pytest.approx(NODE, abs=1e-6)
    assert abs(found[0] - EXACT[0]) > 0.001 and abs(found[1] - EXACT[1]) > 0.001


def test_staff_filter_their_queue_at_the_exact_place(staff):
    sensitive = sensitive_report(status=ReportStatus.DISPATCHED, opd=Opd.objects.get(code="PUPR"))
    other = ReportFactory.at(*TOWN_CENTRE, status=ReportStatus.DISPATCHED, opd=Opd.objects.get(code="DLH"))
    d = 0.0003
    near_exact = f"S_INTERSECTS(geometry, {_box(EXACT[0] - d, EXACT[1] - d, EXACT[0] + d, EXACT[1] + d)})"
    desk = _client_for(staff["operator"])
    assert _ids(_get(desk, near_exact, STAFF_ITEMS)) == {sensitive.id}
    pupr = _client_for(staff["pupr"])
    assert _ids(_get(pupr, near_exact, STAFF_ITEMS)) == {sensitive.id}
    assert _ids(_get(pupr, "status = 'dispatched' OR category LIKE '%'", STAFF_ITEMS)) == {sensitive.id}  # not DLH's
    dlh = _client_for(staff["dlh"])
    assert _ids(_get(dlh, f"{near_exact} OR status = 'dispatched'", STAFF_ITEMS)) == {other.id}
    assert _get(pupr, "nope = 1", STAFF_ITEMS).status_code == 400
    assert _get(client_anonymous(), "status = 'dispatched'", STAFF_ITEMS).status_code == 401


def client_anonymous():
    from django.test import Client

    return Client()


def test_deep_but_valid_nesting_is_read_or_refused_never_a_server_error(client):
    response = _get(client, "(" * 3000 + "status = 'verified'" + ")" * 3000)
    assert response.status_code in (200, 400)


@pytest.mark.parametrize(
    ("cql", "extra"),
    [
        ("this_is_not_a_queryable", {}),
        ("ooga = 'booga'", {}),
        ("description = 'x'", {}),
        ("status = 1", {}),
        ("status = TRUE", {}),
        ("created_at = 'yesterday'", {}),
        ("created_at > TIMESTAMP('9999-12-31T23:59:59Z')", {}),
        ("created_at > DATE('9999-12-31')", {}),
        ("created_at BETWEEN DATE('0001-01-01') AND DATE('9999-12-31')", {}),
        ("status = 'verified' AND", {}),
        ("status == 'verified'", {}),
        ("", {}),
        ("status = status", {}),
        ("geometry = 'x'", {}),
        ("S_WITHIN(geometry, POINT(111 -8))", {}),
        ("S_INTERSECTS(geometry, 'x')", {}),
        ("S_INTERSECTS(status, POINT(111 -8))", {}),
        ("S_INTERSECTS(geometry, POINT(500 -8))", {}),
        ("S_INTERSECTS(geometry, POLYGON((0 0, 1 1, 1 0, 0 1, 0 0)))", {}),
        ("S_INTERSECTS(geometry, BBOX(2, 2, 1, 1))", {}),
        ("S_INTERSECTS(geometry, BBOX(0, 0, 1e300, 1))", {"filter-crs": EPSG3857}),
        ("CASEI(status) = 'verified'", {}),
        ("T_AFTER(created_at, TIMESTAMP('2026-01-01T00:00:00Z'))", {}),
        ("status IN ()", {}),
        ("status IN (" + ", ".join(f"'s{i}'" for i in range(150)) + ")", {}),
        (" AND ".join(["status = 'verified'"] * 200), {}),
        ("NOT " * 3000 + "status = 'verified'", {}),
        ("status = '" + "x" * 9000 + "'", {}),
        ("status = 'a\x00b'", {}),
        ("status = 'verified'", {"filter-lang": "sql"}),
        ("status = 'verified'", {"filter-crs": "urn:nope"}),
        ("{not json", {"filter-lang": "cql2-json"}),
        ('{"op": "=", "args": [{"property": "nope"}, 1]}', {"filter-lang": "cql2-json"}),
    ],
)
def test_bad_filters_are_ogc_exceptions_in_indonesian(client, cql, extra):
    ReportFactory.at(*TOWN_CENTRE)
    response = _get(client, cql, **extra)
    assert response.status_code == 400, response.content[:300]
    body = json.loads(response.content)
    assert body["code"] == "InvalidParameterValue" and body["description"]
    assert response["Content-Type"] == "application/json"


def test_refusals_name_the_problem_in_the_users_language(client):
    indonesian = json.loads(_get(client, "nope = 'x'").content)["description"]
    english = json.loads(client.get(f"{ITEMS}?filter=nope%20%3D%20%27x%27", HTTP_ACCEPT_LANGUAGE="en").content)
    assert "nope" in indonesian and "queryable" in english["description"] and indonesian != english["description"]
    assert "9999" not in json.loads(_get(client, "created_at > DATE('9999-01-01')").content)["description"]


def test_the_boundaries_take_no_filter(client):
    response = client.get("/ogc/collections/kecamatan/items?filter=kode%3D%2735.03.11%27")
    assert response.status_code == 400
