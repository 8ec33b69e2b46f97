"""Reports for export (CSV and GeoPackage): the columns one audience may read, written by PostgreSQL.

The same filters, visibility and published place as the GeoJSON list (geoportal.selectors.reports): the public reads
each report's published place (a sensitive label's point on its grid) and never a confidential label, a contact or a
tracking code; staff read the exact point, the clocks, and the reporter's contact only where the access policy's
contact condition (Audience.contact: workflow.policies.contact_visibility) holds. Times are ISO 8601 in WIB
(+07:00), points EPSG:4326.

Column names are the API's property names (docs: bench/README.md is for figures; the list is in README.md).
"""

from dataclasses import dataclass

from django.db import connection

from geoportal.clocks import WIB, WIB_OFFSET, overdue_sql
from geoportal.selectors.reports import Audience, ReportFilters, _where
from geoportal.states import ReportStatus


@dataclass(frozen=True)
class Column:
    name: str
    sql: str  # an expression on the export's row aliases (r, c, s, k, d, o, rc, st)
    kind: str = "text"  # text (user or reference text: quoted, formula-escaped), number, time, bool


def _time(expr: str) -> str:
    # ISO 8601 in WIB, the product's one clock (its offset is fixed: geoportal.clocks.WIB_OFFSET).
    return f"""to_char({expr} AT TIME ZONE '{WIB.key}', 'YYYY-MM-DD"T"HH24:MI:SS"{WIB_OFFSET}"')"""


PUBLIC_COLUMNS = [
    Column("id", "r.id", "number"),
    Column("status", "r.status"),
    Column("status_label", "st.label"),
    Column("category", "c.code"),
    Column("category_name", "c.name"),
    Column("squad", "s.code"),
    Column("kecamatan", "k.kode"),
    Column("kecamatan_nama", "k.nama"),
    Column("desa", "d.kode"),
    Column("desa_nama", "d.nama"),
    Column("description", "r.description"),
    Column("created_at", _time("r.created_at"), "time"),
]
# Staff also read who holds the report and its clocks, and, where the policy allows, who reported. Never the tracking
# code: it is the citizen's alone.
STAFF_COLUMNS = [
    Column("confidential", "c.confidential", "bool"),
    Column("opd", "o.code"),
    Column("opd_name", "o.name"),
    Column("verification_due", _time("r.verification_due"), "time"),
    Column("response_due", _time("r.response_due"), "time"),
    Column("resolution_due", _time("r.resolution_due"), "time"),
    Column("overdue", "{overdue}"),
    Column("extra_reporters", "r.extra_reporters", "number"),
    Column("located", "r.located"),
    Column("contact_name", "rc.name"),
    Column("contact_phone", "rc.phone"),
    Column("contact_email", "rc.email"),
]
# CSV only: the point as two numbers (the GeoPackage carries it as geometry).
POINT_COLUMNS = [
    Column("longitude", "round(ST_X(r.location)::numeric, 6)", "number"),
    Column("latitude", "round(ST_Y(r.location)::numeric, 6)", "number"),
]
GEOPACKAGE_LAYER = "laporan"


@dataclass(frozen=True)
class ExportQuery:
    sql: str
    params: list
    columns: list[Column]


def columns_for(audience: Audience) -> list[Column]:
    return PUBLIC_COLUMNS + (STAFF_COLUMNS if audience.staff else [])


def _source(filters: ReportFilters, audience: Audience, select: str) -> tuple[str, list]:
    """FROM ... WHERE ... of the export: this audience's place under the names r.location, r.kecamatan_id, r.desa_id."""
    place = audience.place
    where, where_params = _where(filters, audience)
    where, overdue, contact = (
        _sql_text(where),
        _sql_text(overdue_sql(report="r")),
        _sql_text(audience.contact.sql(report="r", category="c")),
    )
    statuses = ", ".join("(%s, %s)" for _ in ReportStatus.choices)
    status_params = [v for value, label in ReportStatus.choices for v in (value, str(label))]
    # The published place is read under the exact place's column names, so the columns above are one list.
    sql = f"""
        SELECT {select.format(overdue=overdue)}
        FROM (
          SELECT r.*, r.{place.location} AS export_location, r.{place.kecamatan} AS export_kecamatan_id,
                 r.{place.desa} AS export_desa_id
          FROM geoportal_report r JOIN geoportal_category c ON c.id = r.category_id
          WHERE {where}
        ) r
        JOIN geoportal_category c ON c.id = r.category_id
        JOIN geoportal_squad s ON s.id = c.squad_id
        JOIN geoportal_kecamatan k ON k.id = r.export_kecamatan_id
        JOIN geoportal_desa d ON d.id = r.export_desa_id
        JOIN (VALUES {statuses}) st (status, label) ON st.status = r.status
        LEFT JOIN geoportal_opd o ON o.id = r.opd_id
        LEFT JOIN geoportal_reportercontact rc ON rc.report_id = r.id AND ({contact})
        ORDER BY r.created_at DESC, r.id DESC
    """
    return sql, [*where_params, *status_params]


def _sql_text(composable) -> str:
    """A psycopg2.sql condition as text (its placeholders stay %s): the export's statement is also handed to ogr2ogr
    as text."""
    connection.ensure_connection()
    return composable.as_string(connection.connection)


def _located(expr: str) -> str:
    return expr.replace("r.location", "r.export_location")


def _csv_field(column: Column) -> str:
    """The column as one CSV field, written by PostgreSQL. Text is quoted, and text a spreadsheet would run as a
    formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe: the same rule as
    geoportal.exports.csv_cell in Python."""
    expr = _located(column.sql)
    if column.kind == "number":
        return f"coalesce(({expr})::text, '')"
    if column.kind == "bool":
        return f"CASE WHEN {expr} THEN 'true' WHEN NOT {expr} THEN 'false' ELSE '' END"
    if column.kind == "time":
        return f"coalesce({expr}, '')"
    text = f"coalesce(({expr})::text, '')"
    escaped = f"CASE WHEN {text} ~ '^[-=+@\\t\\r]' THEN '''' || {text} ELSE {text} END"
    return f"""'"' || replace({escaped}, '"', '""') || '"'"""


def report_export_csv_query(*, filters: ReportFilters, audience: Audience) -> ExportQuery:
    """One row per report: its CSV line (without the line end), newest first."""
    columns = columns_for(audience) + POINT_COLUMNS
    line = "concat_ws(',', " + ", ".join(_csv_field(c) for c in columns) + ")"
    sql, params = _source(filters, audience, line)
    return ExportQuery(sql=sql, params=params, columns=columns)


def report_export_geo_query(*, filters: ReportFilters, audience: Audience) -> ExportQuery:
    """One row per report with typed columns and the point as `geom` (EPSG:4326), for ogr2ogr."""
    columns = columns_for(audience)
    select = ", ".join(f'{_located(c.sql)} AS "{c.name}"' for c in columns) + ", r.export_location AS geom"
    sql, params = _source(filters, audience, select)
    return ExportQuery(sql=sql, params=params, columns=columns)


def report_export_count(*, filters: ReportFilters, audience: Audience) -> int:
    where, params = _where(filters, audience)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM geoportal_report r JOIN geoportal_category c ON c.id = r.category_id WHERE "
            + _sql_text(where),
            params,
        )
        return cursor.fetchone()[0]
