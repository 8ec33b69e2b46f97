"""Where a point is: the desa (and so the kecamatan) that holds it, computed in PostGIS."""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Count

from geoportal.models import Desa, Kabupaten, Kecamatan
from geoportal.visibility import public_q

# Degrees of latitude per metre; the index prefilter widens it generously for longitude near the equator.
_DEG_PER_M = 1 / 111_320


def degrees_around(metres: float) -> float:
    """A distance in degrees that surely covers `metres` here (near the equator): the index-friendly prefilter
    (ST_DWithin on geometry) before the true distance in metres."""
    return metres * _DEG_PER_M * 1.5


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
            [lon, lat, degrees_around(tolerance)],
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


# Public counts: each report counted where it is published (a sensitive label's report in the desa holding its
# grid node, not the desa it was sent from), so "desa = X" tells no more than the published point.
_PUBLIC_REPORTS = public_q(prefix="public_reports__")


def kecamatan_list_with_counts():
    return Kecamatan.objects.annotate(report_count=Count("public_reports", filter=_PUBLIC_REPORTS)).order_by("kode")


def desa_list_with_counts(*, kecamatan_kode: str | None = None):
    qs = Desa.objects.select_related("kecamatan").annotate(report_count=Count("public_reports", filter=_PUBLIC_REPORTS))
    if kecamatan_kode:
        qs = qs.filter(kecamatan__kode=kecamatan_kode)
    return qs.order_by("kode")


def kecamatan_outlines_geojson(*, tolerance_deg: float = 0.0004) -> str:
    """The kecamatan as one small GeoJSON FeatureCollection for the citizen map (simplified in PostGIS:
    ~40 m is invisible at regency zoom and keeps the page light on a phone)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
              'type', 'Feature', 'id', kode,
              'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, %s), 5)::json,
              'properties', json_build_object('kode', kode, 'nama', nama)) ORDER BY kode), '[]'))::text
            FROM geoportal_kecamatan
            """,
            [tolerance_deg],
        )
        return cursor.fetchone()[0]


def kecamatan_shapes() -> list[tuple[str, str, bytes]]:
    """(kode, nama, WKB in EPSG:4326) of every kecamatan, by kode: the maps of the monthly report."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT kode, nama, ST_AsBinary(geom) FROM geoportal_kecamatan ORDER BY kode")
        return [(kode, nama, bytes(geom)) for kode, nama, geom in cursor.fetchall()]


def desa_points() -> list[dict]:
    """Every desa with a point inside it: where the report form puts the pin when the map cannot be used."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT d.kode, d.nama, k.kode, k.nama, ST_X(p), ST_Y(p)
            FROM geoportal_desa d JOIN geoportal_kecamatan k ON k.id = d.kecamatan_id,
                 LATERAL ST_PointOnSurface(d.geom) p
            ORDER BY k.nama, d.nama
            """
        )
        return [
            {
                "kode": kode,
                "nama": nama,
                "kecamatan": kec_kode,
                "kecamatan_nama": kec_nama,
                "lon": round(x, 6),
                "lat": round(y, 6),
            }
            for kode, nama, kec_kode, kec_nama, x, y in cursor.fetchall()
        ]


def served_area_bounds() -> tuple[float, float, float, float] | None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) "
            "FROM (SELECT ST_Extent(geom) e FROM geoportal_kabupaten) s"
        )
        row = cursor.fetchone()
    return None if row[0] is None else tuple(row)
