"""Kecamatan and desa as OGC API features, written by PostGIS like the reports (selectors.reports).

Small tables (14 and 157 rows): paged by their Kemendagri code (keyset), counted cheaply."""

from dataclasses import dataclass

from django.db import connection

from geoportal.selectors.reports import Output


@dataclass(frozen=True)
class AreaPage:
    features: str  # Feature objects as JSON text, comma-separated
    returned: int
    matched: int
    next_after: str | None  # the last code of this page when another page follows


# Each collection: its table and the properties beside kode and nama.
AREAS = {
    "kecamatan": ("geoportal_kecamatan", []),
    "desa": (
        "geoportal_desa",
        [("jenis", "a.jenis"), ("kecamatan", "(SELECT k.kode FROM geoportal_kecamatan k WHERE k.id = a.kecamatan_id)")],
    ),
}


def _feature_sql(collection: str, output: Output) -> str:
    _table, extra = AREAS[collection]
    members = ", ".join(f"'{key}', {expr}" for key, expr in [("kode", "a.kode"), ("nama", "a.nama"), *extra])
    return (
        """'{"type": "Feature", "id": ' || to_json(a.kode)::text || ', "geometry": ' || """
        f"{output.geometry_sql('a.geom')} || ', \"properties\": ' || json_build_object({members})::text || '}}'"
    )


def _where(bbox, kecamatan: str | None) -> tuple[str, list]:
    clauses, params = ["TRUE"], []
    if bbox:
        clauses.append("a.geom && ST_MakeEnvelope(%s, %s, %s, %s, 4326)")
        params.extend(bbox)
    if kecamatan:
        clauses.append("a.kecamatan_id = (SELECT id FROM geoportal_kecamatan WHERE kode = %s)")
        params.append(kecamatan)
    return " AND ".join(clauses), params


def area_features(
    *,
    collection: str,
    bbox: tuple[float, float, float, float] | None,
    limit: int,
    after: str | None,
    output: Output,
    kecamatan: str | None = None,
) -> AreaPage:
    table, _extra = AREAS[collection]
    where, params = _where(bbox, kecamatan if collection == "desa" else None)
    page_where, page_params = where, list(params)
    if after:
        page_where += " AND a.kode > %s"
        page_params.append(after)
    sql = f"""
        WITH page AS (SELECT a.* FROM {table} a WHERE {page_where} ORDER BY a.kode LIMIT %s),
        numbered AS (SELECT a.*, row_number() OVER (ORDER BY a.kode) AS rn FROM page a)
        SELECT (SELECT string_agg({_feature_sql(collection, output)}, ',' ORDER BY a.rn)
                FROM numbered a WHERE a.rn <= %s),
               (SELECT count(*) FROM page),
               (SELECT kode FROM numbered WHERE rn = %s),
               (SELECT count(*) FROM {table} a WHERE {where})
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*page_params, limit + 1, limit, limit, *params])
        features, fetched, last, matched = cursor.fetchone()
    return AreaPage(
        features=features or "",
        returned=min(fetched, limit),
        matched=matched,
        next_after=last if fetched > limit else None,
    )


def area_feature(*, collection: str, kode: str, output: Output) -> str | None:
    table, _extra = AREAS[collection]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_feature_sql(collection, output)} FROM {table} a WHERE a.kode = %s", [kode])
        row = cursor.fetchone()
    return row[0] if row else None
