import pytest
from django.db import connection

from geoportal.models import Desa
from geoportal.selectors.areas import OutsideServedArea, Placement, area_locate
from tests.factories import PONOROGO, PRIGI_BEACH, SEA_FAR, TOWN_CENTRE

pytestmark = pytest.mark.django_db


def _desa(placement: Placement) -> Desa:
    return Desa.objects.select_related("kecamatan").get(id=placement.desa_id)


@pytest.mark.parametrize(
    ("point", "desa", "kecamatan"),
    [(PRIGI_BEACH, "Tasikmadu", "Watulimo"), (TOWN_CENTRE, "Ngantru", "Trenggalek")],
)
def test_a_point_inside_takes_its_desa_and_kecamatan(point, desa, kecamatan):
    placement = area_locate(lon=point[0], lat=point[1])
    assert placement.inside
    assert (_desa(placement).nama, _desa(placement).kecamatan.nama) == (desa, kecamatan)
    assert placement.kecamatan_id == _desa(placement).kecamatan_id


def test_a_point_on_a_shared_border_goes_to_the_lower_code_every_time():
    with connection.cursor() as cursor:
        # A vertex of Ngantru's boundary that its neighbour shares (the coverage has identical shared edges).
        cursor.execute(
            """
            SELECT ST_X((dp).geom), ST_Y((dp).geom),
                   (SELECT array_agg(t.kode) FROM geoportal_desa t WHERE ST_Intersects(t.geom, (dp).geom))
            FROM geoportal_desa a, LATERAL ST_DumpPoints(a.geom) dp, geoportal_desa b
            WHERE a.kode = '35.03.11.1003' AND b.kode <> a.kode AND ST_Intersects(b.geom, (dp).geom)
            LIMIT 1
            """
        )
        lon, lat, touching = cursor.fetchone()
    assert len(touching) >= 2
    placements = {area_locate(lon=lon, lat=lat) for _ in range(3)}
    assert len(placements) == 1
    assert _desa(placements.pop()).kode == min(touching)


def test_a_point_just_offshore_takes_the_nearest_desa():
    with connection.cursor() as cursor:
        # 300 m due south of the regency's southernmost vertex: certainly in the sea.
        cursor.execute(
            """
            WITH south AS (
              SELECT (dp).geom AS g FROM (SELECT ST_DumpPoints(geom) AS dp FROM geoportal_kabupaten) s
              ORDER BY ST_Y((dp).geom) LIMIT 1
            )
            SELECT ST_X(p::geometry), ST_Y(p::geometry)
            FROM (SELECT ST_Project(g::geography, 300, pi()) AS p FROM south) x
            """
        )
        lon, lat = cursor.fetchone()
    placement = area_locate(lon=lon, lat=lat)
    assert isinstance(placement, Placement)
    assert not placement.inside
    assert 250 < placement.distance_m < 350


@pytest.mark.parametrize(("point", "km"), [(SEA_FAR, 9.2), (PONOROGO, 22.1)])
def test_a_point_far_outside_is_refused_with_its_distance(point, km):
    outside = area_locate(lon=point[0], lat=point[1])
    assert isinstance(outside, OutsideServedArea)
    assert outside.area_names == ["Trenggalek"]
    assert outside.distance_m / 1000 == pytest.approx(km, abs=0.2)


def test_the_tolerance_is_a_setting(settings):
    settings.BOUNDARY_TOLERANCE_M = 20_000
    assert isinstance(area_locate(lon=SEA_FAR[0], lat=SEA_FAR[1]), Placement)
