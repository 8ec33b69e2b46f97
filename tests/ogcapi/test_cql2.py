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
    offered = (
        "cql2-text", "cql2-json", "basic-cql2", "advanced-comparison-operators", "basic-spatial-functions",
        "basic-spatial-functions-plus", "spatial-functions", "temporal-functions",
    )  # fmt: skip
    for cls in offered:
        assert f"http://www.opengis.net/spec/cql2/1.0/conf/{cls}" in CONFORMANCE
    not_offered = (
        "/arithmetic",
        "/property-property",
        "/case-insensitive-comparison",
        "/array-functions",
        "/functions",
    )
    assert not any(c.endswith(not_offered) for c in CONFORMANCE)


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
        ("S_WITHIN(status, POINT(111 -8))", {}),
        ("S_WITHIN(geometry, POLYGON((0 0, 1 1, 1 0, 0 1, 0 0)))", {}),  # self-intersecting
        ("S_CONTAINS(geometry, GEOMETRYCOLLECTION(POINT(500 0)))", {}),
        ("S_TOUCHES(geometry, LINESTRING(0 0, 0 0))", {}),
        ("S_EQUALS(geometry, 'a\x00b')", {}),
        ("S_DISJOINT(geometry, POLYGON((" + ", ".join(f"{i / 1000} 0" for i in range(1200)) + ", 0 0)))", {}),
        ("S_OVERLAPS(geometry, BBOX(-1e40, -1e40, 1e40, 1e40))", {}),
        ("S_NEAR(geometry, POINT(111 -8))", {}),
        ("T_AFTER(created_at, 'yesterday')", {}),
        ("T_AFTER(status, DATE('2026-01-01'))", {}),
        ("T_AFTER(created_at, TIMESTAMP('9999-12-31T23:59:59Z'))", {}),
        ("T_DURING(created_at, INTERVAL('..', '9999-01-01'))", {}),
        ("T_DURING(created_at, INTERVAL('2026-02-01', '2026-01-01'))", {}),  # reversed
        ("T_INTERSECTS(created_at, INTERVAL('2026-02-01T00:00:00Z', '2026-01-31T23:59:59Z'))", {}),
        ("T_AFTER(created_at, TIMESTAMP('2026-13-01T00:00:00Z'))", {}),
        ("T_AFTER(created_at, DATE('2026-02-30'))", {}),
        ("T_AFTER(created_at, TIMESTAMP('2026-01-01T00:00:00\x00Z'))", {}),
        ("T_SOON(created_at, DATE('2026-01-01'))", {}),
        ("T_AFTER(created_at)", {}),
        ("T_BEGINS(created_at, INTERVAL('2026-01-01', '..'))", {}),  # a draft's name, not CQL2 1.0's
        ("T_EQUALS(INTERVAL(status, created_at), INTERVAL('..', '..'))", {}),
        ("T_EQUALS(INTERVAL(INTERVAL('..', '..'), created_at), DATE('2026-01-01'))", {}),
        (
            '{"op": "t_after", "args": [{"property": "created_at"}, {"interval": ["2026-02-01", "2026-01-01"]}]}',
            {"filter-lang": "cql2-json"},
        ),
        ('{"op": "t_after", "args": [{"property": "created_at"}, {"timestamp": 1}]}', {"filter-lang": "cql2-json"}),
        (
            '{"op": "t_soon", "args": [{"property": "created_at"}, {"date": "2026-01-01"}]}',
            {"filter-lang": "cql2-json"},
        ),
        (
            '{"op": "s_within", "args": [{"property": "geometry"}, {"bbox": [2, 2, 1, 1]}]}',
            {"filter-lang": "cql2-json"},
        ),
        (
            '{"op": "not", "args": [' * 200 + '{"op": "=", "args": [{"property": "status"}, "x"]}' + "]}" * 200,
            {"filter-lang": "cql2-json"},
        ),
        ("S_INTERSECTS(geometry, 'x')", {}),
        ("S_INTERSECTS(status, POINT(111 -8))", {}),
        ("S_INTERSECTS(geometry, POINT(500 -8))", {}),
        ("S_INTERSECTS(geometry, POLYGON((0 0, 1 1, 1 0, 0 1, 0 0)))", {}),
        ("S_INTERSECTS(geometry, BBOX(2, 2, 1, 1))", {}),
        ("S_INTERSECTS(geometry, BBOX(0, 0, 1e300, 1))", {"filter-crs": EPSG3857}),
        ("CASEI(status) = 'verified'", {}),
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
    reversed_ = json.loads(_get(client, "T_DURING(created_at, INTERVAL('2026-02-01', '2026-01-01'))").content)
    assert "tidak boleh berakhir sebelum mulai" in reversed_["description"]
    not_a_time = json.loads(_get(client, "T_AFTER(created_at, 'kemarin')").content)["description"]
    assert "fungsi waktu" in not_a_time
    status = json.loads(_get(client, "S_WITHIN(status, POINT(111 -8))").content)["description"]
    assert "fungsi spasial" not in status and "status" in status


def test_the_boundaries_take_no_filter(client):
    response = client.get("/ogc/collections/kecamatan/items?filter=kode%3D%2735.03.11%27")
    assert response.status_code == 400


SPATIAL_AT_THE_PUBLISHED_PLACE = [
    ("S_INTERSECTS(geometry, {box})", True),
    ("S_WITHIN(geometry, {box})", True),
    ("S_CONTAINS({box}, geometry)", True),
    ("S_CONTAINS(geometry, {point})", True),
    ("S_WITHIN({point}, geometry)", True),
    ("S_EQUALS(geometry, {point})", True),
    ("S_TOUCHES(geometry, {corner})", True),
    ("S_INTERSECTS(geometry, GEOMETRYCOLLECTION({point}, LINESTRING(0 0, 1 1)))", True),
    ("S_DISJOINT(geometry, {box})", False),
    ("S_CROSSES(geometry, {line})", False),  # a point crosses nothing
    ("S_OVERLAPS(geometry, {box})", False),  # nor overlaps a polygon
]


def _shapes(x, y, d=0.0003) -> dict:
    return {
        "box": _box(x - d, y - d, x + d, y + d),
        "point": f"POINT({x} {y})",
        "corner": _box(x, y, x + d, y + d),
        "line": f"LINESTRING({x - d} {y - d}, {x + d} {y + d})",
    }


@pytest.mark.parametrize(("cql", "found"), SPATIAL_AT_THE_PUBLISHED_PLACE)
def test_spatial_functions_read_the_published_place_never_the_exact_one(client, cql, found):
    sensitive = sensitive_report()
    assert _ids(_get(client, cql.format(**_shapes(*NODE)))) == ({sensitive.id} if found else set())
    at_exact = _ids(_get(client, cql.format(**_shapes(*EXACT))))
    # the exact place answers as any empty place does: only S_DISJOINT finds the report there
    assert at_exact == ({sensitive.id} if cql.startswith("S_DISJOINT") else set()), cql


def test_spatial_functions_in_cql2_json_and_another_crs(client):
    from django.contrib.gis.geos import Point

    sensitive = sensitive_report()
    d = 0.0003
    within = {
        "op": "s_within",
        "args": [{"property": "geometry"}, {"bbox": [NODE[0] - d, NODE[1] - d, NODE[0] + d, NODE[1] + d]}],
    }
    assert _ids(_get(client, json.dumps(within), **{"filter-lang": "cql2-json"})) == {sensitive.id}
    equals = {"op": "s_equals", "args": [{"type": "Point", "coordinates": list(NODE)}, {"property": "geometry"}]}
    assert _ids(_get(client, json.dumps(equals), **{"filter-lang": "cql2-json"})) == {sensitive.id}
    node = Point(*NODE, srid=4326).transform(3857, clone=True)
    box = _box(node.x - 30, node.y - 30, node.x + 30, node.y + 30)
    assert _ids(_get(client, f"S_WITHIN(geometry, {box})", **{"filter-crs": EPSG3857})) == {sensitive.id}
    assert _ids(_get(client, f"S_DISJOINT(geometry, {box})", **{"filter-crs": EPSG3857})) == set()


def test_staff_spatial_functions_read_the_exact_place(staff):
    sensitive = sensitive_report(status=ReportStatus.DISPATCHED, opd=Opd.objects.get(code="PUPR"))
    desk = _client_for(staff["operator"])
    shapes = _shapes(*EXACT)
    assert _ids(_get(desk, f"S_WITHIN(geometry, {shapes['box']})", STAFF_ITEMS)) == {sensitive.id}
    assert _ids(_get(desk, f"S_EQUALS(geometry, {shapes['point']})", STAFF_ITEMS)) == {sensitive.id}
    assert _ids(_get(desk, f"S_DISJOINT(geometry, {shapes['box']})", STAFF_ITEMS)) == set()


def _at(moment):
    from geoportal.models import Report

    report = ReportFactory.at(*TOWN_CENTRE)
    Report.objects.filter(id=report.id).update(created_at=moment)
    return report


# created_at 2026-03-02T10:00:00Z: 17:00 on 2 March in Asia/Jakarta
TEMPORAL = [
    ("T_AFTER(created_at, TIMESTAMP('2026-03-02T09:59:59Z'))", True),
    ("T_AFTER(created_at, TIMESTAMP('2026-03-02T10:00:00Z'))", False),
    ("T_AFTER(created_at, DATE('2026-03-01'))", True),
    ("T_AFTER(created_at, DATE('2026-03-02'))", False),
    ("T_AFTER(created_at, INTERVAL('2021-01-01T00:00:00Z', '2021-12-31T23:59:59Z'))", True),
    ("T_AFTER(created_at, INTERVAL('..', '2026-03-01'))", True),
    ("T_AFTER(created_at, INTERVAL('2026-01-01', '..'))", False),
    ("T_BEFORE(created_at, TIMESTAMP('2026-03-02T10:00:01Z'))", True),
    ("T_BEFORE(created_at, DATE('2026-03-02'))", False),
    ("T_BEFORE(created_at, INTERVAL('2026-03-03', '..'))", True),
    ("T_EQUALS(created_at, TIMESTAMP('2026-03-02T10:00:00Z'))", True),
    ("T_EQUALS(created_at, TIMESTAMP('2026-03-02T17:00:00+07:00'))", True),
    ("T_EQUALS(created_at, DATE('2026-03-02'))", True),  # by day, as created_at = DATE(…)
    ("T_EQUALS(created_at, DATE('2026-03-01'))", False),
    ("T_EQUALS(created_at, INTERVAL('2026-03-02', '2026-03-02'))", True),
    ("T_EQUALS(created_at, INTERVAL('2026-03-01', '2026-03-02'))", False),
    ("T_EQUALS(INTERVAL(created_at, created_at), TIMESTAMP('2026-03-02T10:00:00Z'))", True),
    ("T_DISJOINT(created_at, DATE('2026-03-02'))", False),
    ("T_DISJOINT(created_at, INTERVAL('2026-01-01', '2026-02-28'))", True),
    ("T_INTERSECTS(created_at, INTERVAL('2026-03-01T00:00:00Z', '..'))", True),
    ("T_INTERSECTS(created_at, INTERVAL('..', '2026-03-02T09:00:00Z'))", False),
    ("T_INTERSECTS(created_at, INTERVAL('..', '..'))", True),
    ("T_INTERSECTS(created_at, DATE('2026-03-02'))", True),
    ("T_DURING(created_at, INTERVAL('2026-03-01', '2026-03-31'))", True),
    ("T_DURING(created_at, INTERVAL('2026-03-02', '2026-03-31'))", False),  # by day: starts the same day
    ("T_DURING(created_at, INTERVAL('2026-03-02T10:00:00Z', '..'))", False),
    ("T_DURING(created_at, INTERVAL('2026-03-02T09:59:59Z', '..'))", True),
    ("T_CONTAINS(INTERVAL('2026-01-01', '..'), created_at)", True),
    ("T_CONTAINS(created_at, INTERVAL('2026-01-01', '..'))", False),
    ("T_STARTS(created_at, INTERVAL('2026-03-02T10:00:00Z', '..'))", True),
    ("T_STARTS(created_at, INTERVAL('2026-03-02T09:00:00Z', '..'))", False),
    ("T_STARTEDBY(INTERVAL('2026-03-02T10:00:00Z', '2026-12-31T00:00:00Z'), created_at)", True),
    ("T_STARTEDBY(created_at, INTERVAL('2026-03-02T10:00:00Z', '..'))", False),
    ("T_FINISHES(created_at, INTERVAL('..', '2026-03-02T10:00:00Z'))", True),
    ("T_FINISHEDBY(INTERVAL('2026-01-01T00:00:00Z', '2026-03-02T10:00:00Z'), created_at)", True),
    ("T_FINISHEDBY(created_at, INTERVAL('2026-01-01T00:00:00Z', '2026-03-02T10:00:00Z'))", False),
    ("T_MEETS(created_at, INTERVAL('2026-03-02T10:00:00Z', '2026-04-01T00:00:00Z'))", True),
    ("T_MEETS(created_at, INTERVAL('2026-03-02T10:00:01Z', '2026-04-01T00:00:00Z'))", False),
    ("T_METBY(created_at, INTERVAL('2026-02-01T00:00:00Z', '2026-03-02T10:00:00Z'))", True),
    ("T_METBY(created_at, DATE('2026-03-02'))", True),  # by day: its day ends on that day
    ("T_OVERLAPS(INTERVAL('2026-01-01', '2026-03-05'), INTERVAL(created_at, '..'))", True),
    ("T_OVERLAPS(created_at, INTERVAL('2026-01-01', '2026-03-05'))", False),
    ("T_OVERLAPPEDBY(INTERVAL(created_at, '..'), INTERVAL('2026-01-01', '2026-03-05'))", True),
    ("t_after(created_at, date('2026-03-01')) and not t_before(created_at, timestamp('2026-01-01T00:00:00Z'))", True),
]


@pytest.mark.parametrize(("cql", "found"), TEMPORAL)
def test_temporal_functions_on_created_at(client, cql, found):
    from datetime import datetime

    report = _at(datetime(2026, 3, 2, 10, 0, tzinfo=UTC))
    assert _ids(_get(client, cql)) == ({report.id} if found else set()), cql


def test_temporal_functions_in_cql2_json(client):
    from datetime import datetime

    report = _at(datetime(2026, 3, 2, 10, 0, tzinfo=UTC))
    during = {"op": "t_during", "args": [{"property": "created_at"}, {"interval": ["2026-03-01", ".."]}]}
    assert _ids(_get(client, json.dumps(during), **{"filter-lang": "cql2-json"})) == {report.id}
    after = {"op": "t_after", "args": [{"property": "created_at"}, {"timestamp": "2026-03-02T10:00:00Z"}]}
    assert _ids(_get(client, json.dumps(after), **{"filter-lang": "cql2-json"})) == set()
    starts = {
        "op": "t_starts",
        "args": [
            {"interval": [{"property": "created_at"}, {"property": "created_at"}]},
            {"interval": ["2026-03-02T10:00:00Z", "2026-12-31"]},
        ],
    }
    assert _ids(_get(client, json.dumps(starts), **{"filter-lang": "cql2-json"})) == {report.id}
    between = {"op": "between", "args": [{"property": "kecamatan"}, "35.03.10", "35.03.12"]}
    assert _ids(_get(client, json.dumps(between), **{"filter-lang": "cql2-json"})) == {report.id}


def test_spatial_and_temporal_ors_never_reach_past_the_public_rules(client):
    public = ReportFactory.at(*TOWN_CENTRE)
    ReportFactory.at(*TOWN_CENTRE, status=ReportStatus.RECEIVED)
    ReportFactory.at(*TOWN_CENTRE, category=Category.objects.get(code="pungli"))
    for cql in (
        "S_DISJOINT(geometry, POINT(0 0)) OR status = 'received'",
        "T_INTERSECTS(created_at, INTERVAL('..', '..')) OR category = 'pungli'",
        "NOT T_BEFORE(created_at, DATE('2000-01-01')) OR S_INTERSECTS(geometry, BBOX(-180, -90, 180, 90))",
        "T_CONTAINS(INTERVAL('..', '..'), created_at) OR NOT S_EQUALS(geometry, POINT(0 0))",
    ):
        assert _ids(_get(client, cql)) == {public.id}, cql


def test_staff_temporal_and_spatial_ors_stay_in_their_queue(staff):
    mine = sensitive_report(status=ReportStatus.DISPATCHED, opd=Opd.objects.get(code="PUPR"))
    ReportFactory.at(*TOWN_CENTRE, status=ReportStatus.DISPATCHED, opd=Opd.objects.get(code="DLH"))
    pupr = _client_for(staff["pupr"])
    cql = "T_INTERSECTS(created_at, INTERVAL('..', '..')) OR S_DISJOINT(geometry, POINT(0 0))"
    assert _ids(_get(pupr, cql, STAFF_ITEMS)) == {mine.id}


def test_temporal_text_grammar_still_applies_to_pygeofilter():
    """ogcapi.cql_parse rewrites pygeofilter 0.4.0's grammar: the rewrite must still find what it replaces."""
    from ogcapi.cql_parse import Interval, Temporal, parse_text

    node = parse_text("T_DURING(created_at, INTERVAL('2026-01-01', '..'))")
    assert isinstance(node, Temporal) and isinstance(node.rhs, Interval) and node.name == "t_during"


WORLD = "POLYGON((-180 -90,180 -90,180 90,-180 90,-180 -90))"
# The expressions of CQL2 1.0's abstract test suite (annex A: spatial-functions, temporal-functions) on our queryables
ATS = [
    *(f"{f}(geometry,{g})" for f in ("S_INTERSECTS", "S_DISJOINT") for g in (
        "BBOX(-180,-90,180,90)", WORLD, "LINESTRING(7 50, 10 51)", "POINT(7.02 49.92)")),
    *(f"S_EQUALS(geometry,{g})" for g in (WORLD, "LINESTRING(7 50,10 51)", "POINT(7.02 49.92)")),
    *(f"{f}(geometry,{g})" for f in ("S_TOUCHES", "S_CROSSES") for g in (
        "BBOX(-180,-90,180,90)", WORLD, "LINESTRING(7 50,10 51)")),
    *(f"{f}(geometry,{g})" for f in ("S_WITHIN", "S_CONTAINS") for g in (
        "BBOX(-180,-90,180,90)", WORLD, "LINESTRING(7 50,10 51)", "MULTIPOINT(7 50,10 51)")),
    "S_OVERLAPS(geometry,MULTIPOINT(7 50,10 51))",
    *(f"{f}(created_at,{v})" for f in ("T_AFTER", "T_BEFORE", "T_DISJOINT", "T_EQUALS", "T_INTERSECTS") for v in (
        "TIMESTAMP('2022-04-24T07:59:57Z')", "INTERVAL('2021-01-01T00:00:00Z','2021-12-31T23:59:59Z')",
        "DATE('2022-04-24')", "INTERVAL('2021-01-01','2021-12-31')")),
    *(f"{f}(INTERVAL(created_at,created_at),INTERVAL('2021-01-01T00:00:00Z','2021-12-31T23:59:59Z'))" for f in (
        "T_AFTER", "T_BEFORE", "T_DISJOINT", "T_EQUALS", "T_INTERSECTS", "T_CONTAINS", "T_DURING", "T_FINISHEDBY",
        "T_FINISHES", "T_MEETS", "T_METBY", "T_OVERLAPPEDBY", "T_OVERLAPS", "T_STARTEDBY", "T_STARTS")),
]  # fmt: skip


def test_the_abstract_test_suites_expressions_are_evaluated(client):
    """Every expression is answered; the world's polygon and BBOX agree; nothing is disjoint from the world;
    S_INTERSECTS and S_DISJOINT split the reports; POINT(90 180) is refused (latitude 180)."""
    inside = ReportFactory.at(*TOWN_CENTRE)
    for cql in ATS:
        _ids(_get(client, cql))
    assert _ids(_get(client, "S_INTERSECTS(geometry,BBOX(-180,-90,180,90))")) == {inside.id}
    assert _ids(_get(client, f"S_INTERSECTS(geometry,{WORLD})")) == {inside.id}
    assert _ids(_get(client, f"S_WITHIN(geometry,{WORLD})")) == _ids(
        _get(client, "S_WITHIN(geometry,BBOX(-180,-90,180,90))")
    )
    assert _ids(_get(client, f"S_DISJOINT(geometry,{WORLD})")) == set()
    assert _ids(_get(client, "S_DISJOINT(geometry,POINT(7.02 49.92))")) == {inside.id}
    for f in ("S_INTERSECTS", "S_DISJOINT"):
        response = _get(client, f"{f}(geometry,POINT(90 180))")
        assert response.status_code == 400 and json.loads(response.content)["code"] == "InvalidParameterValue"
    mixed = "((NOT {p1} AND {p2}) OR ({p3} and NOT {p4}) or not ({p1} AND {p4}))".format(
        p1=ATS[0], p2=ATS[-1], p3=ATS[30], p4=ATS[12]
    )
    _ids(_get(client, mixed))


def test_every_simple_queryable_is_a_query_parameter_too(client):
    """Part 3 queryables-query-parameters: status, category, kecamatan and created_at, with valid and invalid
    values (what ogctests' test_ct5 means to check)."""
    from datetime import datetime

    report = _at(datetime(2026, 3, 2, 10, 0, tzinfo=UTC))
    for query, found in (
        ("status=verified", True),
        ("category=jalan-rusak", True),
        ("kecamatan=35.03.11", True),
        ("created_at=2026-03-02", True),
        ("created_at=2026-03-02T10:00:00Z", True),
        ("created_at=2026-03-01/2026-03-02", True),
        ("created_at=2026-03-03/..", False),
        ("created_at=2026-03-02&datetime=2026-03-03/..", False),
        ("datetime=2026-03-02T/..", True),  # GDAL 3.6's way of writing a date
        ("datetime=2026-03-03T/..", False),
    ):
        response = client.get(f"{ITEMS}?{query}")
        assert _ids(response) == ({report.id} if found else set()), query
    for query in ("status=[invalid-value]", "created_at=valid-value", "created_at=2026-13-01", "kecamatan=x"):
        response = client.get(f"{ITEMS}?{query}", HTTP_ACCEPT_LANGUAGE="id")
        assert response.status_code == 400, query
        assert json.loads(response.content)["code"] == "InvalidParameterValue"


def test_filters_assume_wgs84_by_default(client):
    """Part 3 filter-crs-wgs84 (what ogctests' test_ct10 means to check): S_WITHIN the collection's extent holds
    every report; the same numbers as metres are refused."""
    report = ReportFactory.at(*TOWN_CENTRE)
    extent = json.loads(client.get("/ogc/collections/reports").content)["extent"]["spatial"]["bbox"][0]
    within = {"op": "s_within", "args": [{"property": "geometry"}, {"bbox": extent}]}
    assert _ids(_get(client, json.dumps(within), **{"filter-lang": "cql2-json"})) == {report.id}
    metres = {"op": "s_within", "args": [{"property": "geometry"}, {"bbox": [1000000, 1000000, 2000000, 2000000]}]}
    assert _get(client, json.dumps(metres), **{"filter-lang": "cql2-json"}).status_code == 400


def test_the_items_link_their_queryables(client):
    response = client.get(ITEMS)
    rel = "http://www.opengis.net/def/rel/ogc/1.0/queryables"
    assert f'/ogc/collections/reports/queryables>; rel="{rel}"' in response["Link"]
    links = json.loads(response.content)["links"]
    assert any(link["rel"] == rel and link["href"].endswith("/reports/queryables") for link in links)


@pytest.mark.parametrize(
    ("cql", "everything"),
    [
        ("'a' = 'a'", True),
        ("1 < 2", True),
        ("2.5 <= 1", False),
        ("TRUE = TRUE", True),
        ("DATE('2026-01-01') < DATE('2026-01-02')", True),
        ("S_INTERSECTS(POINT(1 1), BBOX(0, 0, 2, 2))", True),
        ("S_WITHIN(POINT(5 5), POLYGON((0 0, 2 0, 2 2, 0 2, 0 0)))", False),
        ("S_DISJOINT(POINT(5 5), POINT(1 1))", True),
    ],
)
def test_two_literals_are_compared_too(client, cql, everything):
    """CQL2's grammar lets both sides be literals; the answer is every public report or none, never more."""
    public = ReportFactory.at(*TOWN_CENTRE)
    ReportFactory.at(*TOWN_CENTRE, status=ReportStatus.RECEIVED)
    assert _ids(_get(client, cql)) == ({public.id} if everything else set())
    assert _ids(_get(client, f"{cql} OR status = 'received'")) == ({public.id} if everything else set())


@pytest.mark.parametrize(
    "cql", ["TRUE = 1", "'a' = 1", "DATE('2026-01-01') = TIMESTAMP('2026-01-01T00:00:00Z')", "POINT(1 1) = 'a'",
            "DATE('9999-01-01') = DATE('9999-01-01')", "S_INTERSECTS(POINT(1 1), POINT(500 1))"],
)  # fmt: skip
def test_two_literals_of_different_kinds_are_refused(client, cql):
    response = _get(client, cql)
    assert response.status_code == 400 and json.loads(response.content)["code"] == "InvalidParameterValue"


def test_true_and_false_alone_are_filters(client):
    """basic-cql2's boolean test: `true` and `false` are whole filters (pygeofilter's grammar had no such rule);
    `true` still reaches only what the public may see."""
    public = ReportFactory.at(*TOWN_CENTRE)
    ReportFactory.at(*TOWN_CENTRE, status=ReportStatus.RECEIVED)
    ReportFactory.at(*TOWN_CENTRE, category=Category.objects.get(code="pungli"))
    for cql, found in (
        ("true", True), ("FALSE", False), ("NOT false", True), ("(true)", True),
        ("status = 'received' OR TRUE", True), ("true AND false", False), ("NOT (true AND false)", True),
    ):  # fmt: skip
        assert _ids(_get(client, cql)) == ({public.id} if found else set()), cql
    for doc, found in (("true", True), ("false", False)):
        assert _ids(_get(client, doc, **{"filter-lang": "cql2-json"})) == ({public.id} if found else set())
