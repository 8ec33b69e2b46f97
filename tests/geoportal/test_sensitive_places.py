"""Sensitive labels: no sequence of public requests locates a report more precisely than its published grid
(issue 13, point 2). The public reads, filters, counts and tiles each report's published place only."""

import json
import math

import pytest
from django.contrib.gis.geos import Point
from django.db import connection
from rest_framework.test import APIClient

from geoportal.models import Category, Desa, Report, ReportCell
from geoportal.selectors.areas import Placement, area_locate
from geoportal.selectors.tiles import TileAddress, report_tile
from tests.factories import ReportFactory
from tests.geoportal.test_tiles import cells_rebuilt, cells_snapshot, counted, features, tile_at
from tests.workflow.test_api import _client_for

pytestmark = pytest.mark.django_db

SENSITIVE = "kekerasan-perempuan-anak"  # published on a 500 m grid
STEP = 500 / 111320.0
# A grid node of the 500 m grid inside Kel. Tamanan (Kec. Trenggalek), and a point about 180 m from it that lies
# in Desa Salamrejo (Kec. Karangan): it snaps to the node, whose desa and kecamatan differ from the exact ones.
NODE = (round(111.6915 / STEP) * STEP, round(-8.0623 / STEP) * STEP)
EXACT = (NODE[0] - 0.0012, NODE[1] + 0.0011)
EXACT_DESA, NODE_DESA = "35.03.06.2006", "35.03.11.1002"  # Salamrejo, Tamanan
EXACT_KECAMATAN, NODE_KECAMATAN = "35.03.06", "35.03.11"
REGENCY = (111.30, -8.50, 112.00, -7.80)
BOX_RESOLUTION_M = 2.0  # two float32 steps at 111° E, 8° S


def metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance on the sphere (haversine), enough to compare errors of tens of metres."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371008.8 * math.asin(math.sqrt(h))


def sensitive_report(**kwargs) -> Report:
    report = ReportFactory.at(*EXACT, desa_kode=EXACT_DESA, category=Category.objects.get(code=SENSITIVE), **kwargs)
    report.refresh_from_db()
    return report


def test_the_chosen_places_are_what_the_tests_say():
    exact, node = area_locate(lon=EXACT[0], lat=EXACT[1]), area_locate(lon=NODE[0], lat=NODE[1])
    assert isinstance(exact, Placement) and isinstance(node, Placement)
    assert Desa.objects.get(pk=exact.desa_id).kode == EXACT_DESA
    assert Desa.objects.get(pk=node.desa_id).kode == NODE_DESA
    assert 150 < metres(EXACT, NODE) < 250


def test_the_database_keeps_the_published_place_beside_the_exact_one():
    report = sensitive_report()
    assert (report.location.x, report.location.y) == pytest.approx(EXACT, abs=1e-12)
    assert (report.public_location.x, report.public_location.y) == pytest.approx(NODE, abs=1e-9)
    assert (report.desa.kode, report.kecamatan.kode) == (EXACT_DESA, EXACT_KECAMATAN)
    assert (report.public_desa.kode, report.public_kecamatan.kode) == (NODE_DESA, NODE_KECAMATAN)
    ordinary = ReportFactory.at(*EXACT, desa_kode=EXACT_DESA)  # a label without a grid: published as it is
    ordinary.refresh_from_db()
    assert ordinary.public_location.equals_exact(ordinary.location, 0)
    assert (ordinary.public_desa_id, ordinary.public_kecamatan_id) == (ordinary.desa_id, ordinary.kecamatan_id)


def test_nobody_writes_a_published_place_but_the_rule():
    report = sensitive_report()
    Report.objects.filter(pk=report.pk).update(
        public_location=Point(*EXACT, srid=4326), public_desa=report.desa, public_kecamatan=report.kecamatan
    )
    report.refresh_from_db()
    assert (report.public_location.x, report.public_location.y) == pytest.approx(NODE, abs=1e-9)
    assert report.public_desa.kode == NODE_DESA
    # a full save of a stale object (the admin, a service) publishes again too
    stale = Report.objects.get(pk=report.pk)
    stale.location = Point(EXACT[0] + STEP, EXACT[1], srid=4326)
    stale.save()
    stale.refresh_from_db()
    assert stale.public_location.x == pytest.approx(NODE[0] + STEP, abs=1e-9)


def _bisect(contains, lo: float, hi: float, halvings: int = 40) -> float:
    """What a client learns by halving a range, asking each time whether the report is on the low side."""
    for _ in range(halvings):
        mid = (lo + hi) / 2
        if contains(lo, mid):
            hi = mid
        else:
            lo = mid
    return (lo + hi) / 2


def test_narrowing_in_bbox_learns_the_grid_node_not_the_point(staff):
    report = sensitive_report()
    ReportFactory.at(NODE[0] + 0.01, NODE[1] + 0.01, category=Category.objects.get(code=SENSITIVE))  # noise
    api = APIClient()
    requests = 0

    def listed(x0, y0, x1, y1) -> bool:
        nonlocal requests
        requests += 1
        response = api.get("/api/reports/", {"in_bbox": f"{x0!r},{y0!r},{x1!r},{y1!r}", "limit": 100})
        assert response.status_code == 200, response.content
        return report.id in {f["id"] for f in json.loads(response.content)["features"]}

    x0, y0, x1, y1 = REGENCY
    lon = _bisect(lambda a, b: listed(a, y0, b, y1), x0, x1)
    lat = _bisect(lambda a, b: listed(x0, a, x1, b), y0, y1)
    assert requests == 80
    published_error = metres(NODE, EXACT)
    assert published_error > 150
    # It finds the published point, as closely as PostGIS's bounding boxes (single-precision floats, rounded
    # outwards: about 1 m here) let a box test tell, and nothing closer to the exact point.
    assert metres((lon, lat), NODE) < BOX_RESOLUTION_M
    assert metres((lon, lat), EXACT) == pytest.approx(published_error, abs=BOX_RESOLUTION_M)

    # staff narrowing the same way find the exact point: the public's answer is not a rounding of the search
    staff_api = _client_for(staff["operator"])
    lon = _bisect(lambda a, b: _staff_listed(staff_api, report.id, (a, y0, b, y1)), x0, x1)
    lat = _bisect(lambda a, b: _staff_listed(staff_api, report.id, (x0, a, x1, b)), y0, y1)
    assert metres((lon, lat), EXACT) < BOX_RESOLUTION_M


def _staff_listed(client, report_id, bbox) -> bool:
    response = client.get("/api/staff/reports/", {"in_bbox": ",".join(repr(v) for v in bbox), "limit": 100})
    assert response.status_code == 200, response.content
    return report_id in {f["id"] for f in json.loads(response.content)["features"]}


def _tile_position(tile: TileAddress, feature: dict) -> tuple[float, float]:
    """A feature's point in lon/lat, from its tile coordinates (y up from the tile's bottom, extent 4096)."""
    x, y = feature["geometry"]["coordinates"]
    size = 40075016.68557849 / 2**tile.z
    mx = -20037508.342789244 + (tile.x + x / 4096) * size
    my = 20037508.342789244 - (tile.y + 1 - y / 4096) * size
    return math.degrees(mx / 6378137), math.degrees(2 * math.atan(math.exp(my / 6378137)) - math.pi / 2)


def test_narrowing_through_street_level_tiles_learns_the_grid_node_not_the_point():
    report = sensitive_report()

    def found(tile: TileAddress) -> dict | None:
        return next((f for f in features(report_tile(tile=tile)) if f["properties"].get("id") == report.id), None)

    # The exact point's own tiles hold nothing at street level: it is drawn only where it is published.
    for z in range(18, 23):
        exact_tile = tile_at(*EXACT, z)
        if exact_tile != tile_at(*NODE, z):
            assert found(exact_tile) is None, z
    # Zoom by zoom, the child tile that holds it, and where in the tile it is drawn.
    tile = tile_at(*NODE, 18)
    for z in range(18, 23):
        if z > 18:
            children = [TileAddress(z, 2 * tile.x + i, 2 * tile.y + j) for j in (0, 1) for i in (0, 1)]
            tile = next(
                t for t in children if (f := found(t)) and all(0 <= c <= 4096 for c in f["geometry"]["coordinates"])
            )
        feature = found(tile)
        assert feature is not None, z
        estimate = _tile_position(tile, feature)
        pixel_m = 40075016.68557849 / 2**z / 4096
        assert metres(estimate, NODE) < 2 * pixel_m, z
        assert metres(estimate, EXACT) == pytest.approx(metres(NODE, EXACT), abs=2 * pixel_m), z


def test_the_desa_and_kecamatan_of_a_sensitive_report_are_those_of_its_grid_node(client, staff):
    report = sensitive_report()
    api = APIClient()

    def ids(**params) -> set[int]:
        response = api.get("/api/reports/", params)
        assert response.status_code == 200, response.content
        return {f["id"] for f in json.loads(response.content)["features"]}

    assert report.id in ids(desa=NODE_DESA) and report.id not in ids(desa=EXACT_DESA)
    assert report.id in ids(kecamatan=NODE_KECAMATAN) and report.id not in ids(kecamatan=EXACT_KECAMATAN)
    desa_counts = {f["id"]: f["properties"]["report_count"] for f in api.get("/api/desa/").json()["features"]}
    assert (desa_counts[NODE_DESA], desa_counts[EXACT_DESA]) == (1, 0)
    kecamatan_counts = {f["id"]: f["properties"]["report_count"] for f in api.get("/api/kecamatan/").json()["features"]}
    assert (kecamatan_counts[NODE_KECAMATAN], kecamatan_counts[EXACT_KECAMATAN]) == (1, 0)
    properties = api.get(f"/api/reports/{report.id}/").json()["properties"]
    assert (properties["desa"], properties["kecamatan"]) == (NODE_DESA, NODE_KECAMATAN)
    (listed,) = json.loads(api.get("/api/reports/").content)["features"]
    assert (listed["properties"]["desa_nama"], listed["properties"]["kecamatan_nama"]) == ("Tamanan", "Trenggalek")
    for z, dated in ((12, False), (12, True), (19, False)):  # the cell pyramid, cells on the fly, the reports
        query = {"created_from": "2000-01-01"} if dated else {}
        tile = tile_at(*NODE, z)
        url = f"/tiles/reports/{tile.z}/{tile.x}/{tile.y}.pbf"
        assert counted(api.get(url, {**query, "kecamatan": NODE_KECAMATAN}).content) == 1, (z, dated)
        assert counted(api.get(url, {**query, "kecamatan": EXACT_KECAMATAN}).content) == 0, (z, dated)
    page = client.get(f"/laporan/{report.id}/").content.decode()
    assert "Tamanan" in page and "Salamrejo" not in page and "Karangan" not in page

    # staff see the exact place, the real desa and kecamatan
    operator = _client_for(staff["operator"])
    feature = operator.get(f"/api/staff/reports/{report.id}/").json()
    assert (feature["properties"]["desa"], feature["properties"]["kecamatan"]) == (EXACT_DESA, EXACT_KECAMATAN)
    assert feature["geometry"]["coordinates"] == pytest.approx(list(EXACT), abs=1e-6)
    response = operator.get("/api/staff/reports/", {"desa": EXACT_DESA})
    assert report.id in {f["id"] for f in json.loads(response.content)["features"]}


def test_changing_a_labels_precision_publishes_its_reports_again():
    report = sensitive_report()
    label = report.category
    label.public_precision_m = 0
    label.save()
    report.refresh_from_db()
    assert report.public_location.equals_exact(report.location, 0)
    assert report.public_desa.kode == EXACT_DESA
    assert cells_snapshot() == cells_rebuilt()

    label.public_precision_m = 1000
    label.save()
    report.refresh_from_db()
    step = 1000 / 111320.0
    assert (report.public_location.x, report.public_location.y) == pytest.approx(
        (round(EXACT[0] / step) * step, round(EXACT[1] / step) * step), abs=1e-9
    )
    node = area_locate(lon=report.public_location.x, lat=report.public_location.y)
    assert report.public_desa_id == node.desa_id and report.public_kecamatan_id == node.kecamatan_id
    assert cells_snapshot() == cells_rebuilt()


def _cell(lon: float, lat: float, z: int) -> tuple[int, int, float, float]:
    """The pyramid's cell (cx, cy) holding a point, and the point in EPSG:3857."""
    x = math.radians(lon) * 6378137
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * 6378137
    size = 40075016.68557849 / (8 * 2**z)
    return math.floor((x + 20037508.342789244) / size), math.floor((20037508.342789244 - y) / size), x, y


def test_the_pyramids_cells_are_computed_from_the_published_points():
    report = sensitive_report()
    for z in (15, 17):
        (cell,) = ReportCell.objects.filter(z=z, n__gt=0)
        cx, cy, x, y = _cell(*NODE, z)
        assert (cell.cx, cell.cy, cell.n) == (cx, cy, 1)
        assert (cell.sx, cell.sy) == pytest.approx((x, y), abs=0.01)  # its centre of mass is the node
        assert cell.kecamatan_id == report.public_kecamatan_id != report.kecamatan_id
        assert _cell(*EXACT, z)[:2] != (cx, cy)  # the exact point's cell stays empty
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM geoportal_reportcell WHERE kecamatan_id = %s", [report.kecamatan_id])
        assert cursor.fetchone()[0] == 0
