"""Vector tiles of public reports: the cell pyramid follows every change, and tiles show what the public may see."""

import math
from datetime import date

import mapbox_vector_tile
import pytest
from django.contrib.gis.geos import Point
from django.db import connection

from geoportal.models import Category, Report, ReportCell
from geoportal.selectors.reports import ReportFilters
from geoportal.selectors.tiles import TileAddress, report_tile
from geoportal.states import PUBLIC_STATUSES, ReportStatus
from tests.factories import PRIGI_BEACH, TOWN_CENTRE, ReportFactory

pytestmark = pytest.mark.django_db


def tile_at(lon: float, lat: float, z: int) -> TileAddress:
    n = 2**z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return TileAddress(z, x, y)


def features(content: bytes) -> list[dict]:
    return mapbox_vector_tile.decode(content).get("reports", {}).get("features", [])


def counted(content: bytes) -> int:
    return sum(f["properties"].get("count", 1) for f in features(content))


def cells_snapshot() -> set[tuple]:
    """The pyramid's non-empty rows, with the centre of mass rounded to a millimetre."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT z, cx, cy, kecamatan_id, category_id, status, n, round((sx / n)::numeric, 3), "
            "round((sy / n)::numeric, 3) FROM geoportal_reportcell WHERE n <> 0"
        )
        return set(cursor.fetchall())


def cells_rebuilt() -> set[tuple]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT lapor_report_cells_rebuild(NULL)")
    return cells_snapshot()


def test_a_low_zoom_tile_counts_every_public_report_once_and_nothing_else():
    for status in PUBLIC_STATUSES:
        ReportFactory(status=status)
    ReportFactory.at(*PRIGI_BEACH, desa_kode="35.03.14.2006", status=ReportStatus.RESOLVED)
    for status in (ReportStatus.RECEIVED, ReportStatus.REJECTED, ReportStatus.DUPLICATE):
        ReportFactory(status=status)
    ReportFactory(category=Category.objects.get(code="pungli"))  # confidential

    for z in (5, 8):  # below the pyramid (cells merged), at its base
        assert counted(report_tile(tile=tile_at(*TOWN_CENTRE, z))) == len(PUBLIC_STATUSES) + 1, z
    assert counted(report_tile(tile=tile_at(*TOWN_CENTRE, 11))) == len(PUBLIC_STATUSES)  # Prigi is further south
    cells = features(report_tile(tile=tile_at(*TOWN_CENTRE, 8)))
    assert {f["properties"]["kind"] for f in cells} == {"cell"}
    progress = {k: sum(f["properties"].get(k, 0) for f in cells) for k in ("waiting", "handling", "done")}
    assert progress == {"waiting": 3, "handling": 2, "done": 3}


def test_the_pyramid_follows_inserts_moves_status_changes_and_deletes():
    a = ReportFactory(status=ReportStatus.RECEIVED)
    b = ReportFactory(status=ReportStatus.VERIFIED)
    assert cells_snapshot() == cells_rebuilt()
    assert ReportCell.objects.filter(z=15, n__gt=0).count() == 1

    Report.objects.filter(pk=a.pk).update(status=ReportStatus.VERIFIED)  # becomes public
    Report.objects.filter(pk=b.pk).update(location=Point(*PRIGI_BEACH, srid=4326))  # moves far away
    Report.objects.filter(pk=b.pk).update(description="only the text changes")  # no cell change
    before = cells_snapshot()
    assert before == cells_rebuilt()
    assert counted(report_tile(tile=tile_at(*PRIGI_BEACH, 15))) == 1

    Report.objects.filter(pk__in=[a.pk, b.pk]).update(status=ReportStatus.IN_PROGRESS)
    assert cells_snapshot() == cells_rebuilt()
    Report.objects.filter(pk=a.pk).delete()
    assert cells_snapshot() == cells_rebuilt()
    assert counted(report_tile(tile=tile_at(*TOWN_CENTRE, 9))) == 1


def test_a_label_turned_confidential_leaves_the_map_and_a_sensitive_label_is_rounded():
    label = Category.objects.get(code="jalan-rusak")
    ReportFactory.at(111.70861, -8.05061)
    label.confidential = True
    label.save()
    assert counted(report_tile(tile=tile_at(*TOWN_CENTRE, 10))) == 0
    label.confidential = False
    label.public_precision_m = 500
    label.save()
    assert cells_snapshot() == cells_rebuilt()
    # the single report sits on the label's 500 m grid, not where it was sent from, at every zoom
    step = 500 / 111320.0
    snapped = (round(111.70861 / step) * step, round(-8.05061 / step) * step)
    for z in (12, 15, 18):
        t = tile_at(*snapped, z)
        (feature,) = features(report_tile(tile=t))
        x, y = feature["geometry"]["coordinates"]  # tile units, y up from the tile's bottom
        size = 40075016.68557849 / 2**z
        mx = -20037508.342789244 + (t.x + x / 4096) * size
        my = 20037508.342789244 - (t.y + 1 - y / 4096) * size
        lon, lat = math.degrees(mx / 6378137), math.degrees(2 * math.atan(math.exp(my / 6378137)) - math.pi / 2)
        pixel = 360 / 2**z / 4096
        assert abs(lon - snapped[0]) < 2 * pixel and abs(lat - snapped[1]) < 2 * pixel, (z, lon, lat, snapped)


def test_street_level_tiles_hold_the_reports_themselves():
    near = ReportFactory.at(*TOWN_CENTRE)
    ReportFactory.at(*TOWN_CENTRE, status=ReportStatus.RECEIVED)
    ReportFactory.at(*TOWN_CENTRE, category=Category.objects.get(code="pungli"))
    (feature,) = features(report_tile(tile=tile_at(*TOWN_CENTRE, 18)))
    assert feature["properties"] == {"kind": "report", "id": near.id, "status": "verified", "colour": "#ff9800"}


def test_filters_apply_to_cells_and_the_dated_path_counts_like_the_pyramid():
    ReportFactory(status=ReportStatus.VERIFIED)
    ReportFactory(status=ReportStatus.CLOSED, category=Category.objects.get(code="sampah"))
    ReportFactory.at(*PRIGI_BEACH, desa_kode="35.03.14.2006", status=ReportStatus.CLOSED)
    tile = tile_at(*TOWN_CENTRE, 9)

    def n(**filters):
        return counted(report_tile(tile=tile, filters=ReportFilters(**filters)))

    assert n() == 3
    assert n(statuses=("closed",)) == 2
    assert n(categories=("sampah",)) == 1
    assert n(kecamatan="35.03.14") == 1  # Watulimo
    assert n(created_from=date(2020, 1, 1)) == 3  # counted on the fly
    assert n(created_to=date(2020, 1, 1)) == 0
    for z in (6, 9, 12):
        t = tile_at(*TOWN_CENTRE, z)
        on_the_fly = report_tile(tile=t, filters=ReportFilters(created_to=date(2100, 1, 1)))
        assert sorted(f["properties"]["count"] for f in features(on_the_fly)) == sorted(
            f["properties"]["count"] for f in features(report_tile(tile=t))
        ), z


def test_the_tile_door_says_what_is_wrong(client):
    ReportFactory()
    t = tile_at(*TOWN_CENTRE, 12)
    ok = client.get(f"/tiles/reports/{t.z}/{t.x}/{t.y}.pbf")
    assert ok.status_code == 200
    assert ok["Content-Type"] == "application/vnd.mapbox-vector-tile"
    assert counted(ok.content) == 1
    empty = client.get("/tiles/reports/12/0/0.pbf")
    assert empty.status_code == 200 and empty.content == b""

    wrong = client.get("/tiles/reports/23/0/0.pbf", HTTP_ACCEPT_LANGUAGE="en")
    assert wrong.status_code == 400 and wrong.json()["errors"] == {"z": ["No such tile: the zoom must lie in 0..22."]}
    assert client.get("/tiles/reports/3/8/0.pbf").json()["errors"]["x"] == [
        "Tidak ada ubin ini: pada zoom 3, x dan y harus di antara 0..7."
    ]
    refused = client.get(f"/tiles/reports/{t.z}/{t.x}/{t.y}.pbf?status=received").json()
    assert refused["errors"]["status"][0].startswith("Bukan status publik: received.")
    unknown = client.get(f"/tiles/reports/{t.z}/{t.x}/{t.y}.pbf?category=pungli", HTTP_ACCEPT_LANGUAGE="en")
    assert unknown.json()["errors"]["category"][0].startswith("Unknown label: pungli.")


def _east_of(tile: TileAddress, px: float) -> float:
    """The longitude `px` screen pixels (of a 256 px tile) east of the tile's east edge."""
    return (tile.x + 1 + px / 256) / 2**tile.z * 360 - 180


@pytest.mark.parametrize(
    ("z", "filters"),
    [
        (6, ReportFilters()),
        (12, ReportFilters()),
        (12, ReportFilters(created_from=date(2020, 1, 1))),
        (18, ReportFilters()),
    ],
    ids=["merged cells", "pyramid cells", "cells counted on the fly", "reports"],
)
def test_a_circle_just_outside_a_tile_edge_is_drawn_in_that_tile_too(z, filters):
    """Each tile is drawn on its own canvas: a circle whose centre lies in the neighbouring tile but within reach
    of the edge must be in both tiles' data, or the map shows it cut in half (issue 17, item 9). The tile carries
    it at its place beyond the edge (x past 4096); farther than the buffer, it stays in its own tile only."""
    tile = tile_at(*TOWN_CENTRE, z)
    lat = TOWN_CENTRE[1]
    near = ReportFactory.at(_east_of(tile, 12), lat)  # 12 px past the edge: within the largest circle's radius
    ReportFactory.at(_east_of(tile, 300), lat)  # more than a tile past the edge

    drawn = [f for f in features(report_tile(tile=tile, filters=filters)) if f["geometry"]["coordinates"][0] > 4096]
    assert len(drawn) == 1, drawn
    (x, _y) = drawn[0]["geometry"]["coordinates"]
    if z == 18:
        assert drawn[0]["properties"]["id"] == near.id
        assert abs(x - (4096 + 12 * 16)) <= 2
    else:
        assert drawn[0]["properties"]["count"] == 1
        assert 4096 < x <= 4096 + 20 * 16
    # and the tile it lies in has it too
    neighbour = TileAddress(z, tile.x + 1, tile.y)
    assert len(features(report_tile(tile=neighbour, filters=filters))) >= 1


def test_a_sensitive_report_near_a_tile_edge_is_drawn_by_its_published_point_only():
    """The buffer reads published points: a sensitive label's report whose exact point lies just past a tile's edge,
    but whose published grid node lies farther, is not in that tile."""
    label = Category.objects.get(code="jalan-rusak")
    label.public_precision_m = 500
    label.save()
    step = 500 / 111320.0
    node = (round(TOWN_CENTRE[0] / step) * step, round(TOWN_CENTRE[1] / step) * step)
    for z in (18, 17, 16, 15, 14):
        west = tile_at(*node, z)  # the node's tile; the tile east of it is the one we look at
        gap_px = (_east_of(west, 0) - node[0]) / (360 / 2**z / 256)  # node to the east tile's west edge
        if gap_px > 40 and _east_of(west, 0) - node[0] < step / 3:
            break
    else:
        pytest.fail("no zoom puts the node far enough from an edge it snaps across")
    east = TileAddress(z, west.x + 1, west.y)
    exact = (_east_of(west, -4), node[1])  # 4 px west of the east tile's edge: within its buffer
    ReportFactory.at(*exact)
    assert features(report_tile(tile=west))  # drawn where it is published
    assert features(report_tile(tile=east)) == []  # not where it was sent from
