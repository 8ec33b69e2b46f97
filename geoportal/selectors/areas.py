"""Where a point is: the desa (and so the kecamatan) that holds it, computed in PostGIS."""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q

from geoportal.models import Desa, Kabupaten, Kecamatan
from workflow.states import PUBLIC_STATUSES

# Degrees of latitude per metre; the index prefilter widens it generously for longitude near the equator.
_DEG_PER_M = 1 / 111_320


@dataclass(frozen=True)
class Placement:
    desa_id: int
    kecamatan_id: int
    inside: bool
    distance_m: float  # 0 when inside


@dataclass(frozen=True)
class OutsideServedArea:
    distance_m: float | None  # to the nearest served boundary; None when no boundaries are loaded
    area_names: list[str]


def area_locate(*, lon: float, lat: float) -> Placement | OutsideServedArea:
    """The desa holding the point; else the nearest desa within BOUNDARY_TOLERANCE_M; else why not."""
    tolerance = settings.BOUNDARY_TOLERANCE_M
    with connection.cursor() as cursor:
        # A point exactly on a shared border touches two desa: the lower code wins, so it is deterministic.
        cursor.execute(
            """
            SELECT d.id, d.kecamatan_id FROM geoportal_desa d
            WHERE ST_Intersects(d.geom, ST_SetSRID(ST_MakePoint(%s, %s), 4326))
            ORDER BY d.kode LIMIT 1
            """,
            [lon, lat],
        )
        if row := cursor.fetchone():
            return Placement(desa_id=row[0], kecamatan_id=row[1], inside=True, distance_m=0.0)
        # Offshore or on a beach: the geometry prefilter uses the spatial index, the geography distance
        # gives true metres.
        cursor.execute(
            """
            WITH p AS (SELECT ST_SetSRID(ST_MakePoint(%s, %s), 4326) AS g)
            SELECT d.id, d.kecamatan_id, ST_Distance(d.geom::geography, p.g::geography) AS m
            FROM geoportal_desa d, p
            WHERE ST_DWithin(d.geom, p.g, %s)
            ORDER BY m LIMIT 1
            """,
            [lon, lat, tolerance * _DEG_PER_M * 1.5],
        )
        row = cursor.fetchone()
        if row and row[2] <= tolerance:
            return Placement(desa_id=row[0], kecamatan_id=row[1], inside=False, distance_m=row[2])
        cursor.execute(
            """
            SELECT min(ST_Distance(k.geom::geography, ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography))
            FROM geoportal_kabupaten k
            """,
            [lon, lat],
        )
        distance = cursor.fetchone()[0]
    return OutsideServedArea(distance_m=distance, area_names=list(Kabupaten.objects.values_list("nama", flat=True)))


def kecamatan_list_with_counts():
    public = Q(reports__status__in=PUBLIC_STATUSES, reports__category__confidential=False)
    return Kecamatan.objects.annotate(report_count=Count("reports", filter=public)).order_by("kode")


def desa_list_with_counts(*, kecamatan_kode: str | None = None):
    public = Q(reports__status__in=PUBLIC_STATUSES, reports__category__confidential=False)
    qs = Desa.objects.select_related("kecamatan").annotate(report_count=Count("reports", filter=public))
    if kecamatan_kode:
        qs = qs.filter(kecamatan__kode=kecamatan_kode)
    return qs.order_by("kode")
