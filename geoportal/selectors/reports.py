"""Public reports as GeoJSON, built by PostGIS.

The feature list is the hottest path of the product (the citizen map, the QGIS plugin, other GIS
clients). PostGIS writes each Feature's JSON text itself (ST_AsGeoJSON, json_build_object, and the label's,
kecamatan's, desa's and status's properties written once per query) and joins the page into one string, so
Python never builds or parses a per-feature object: the response costs little more than the query. Public
output is built from an explicit column list: no reporter contact, no tracking code (it is the citizen's key to
their report), no confidential label. The public reads, filters and is shown only each report's published place
(Report.public_location, public_desa, public_kecamatan: a sensitive label's point on its grid), never the exact one.
"""

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import connection
from psycopg2 import sql

from geoportal.clocks import WIB, overdue_sql
from geoportal.states import ReportStatus
from geoportal.visibility import Visibility, visible_statuses


@dataclass(frozen=True)
class ReportFilters:
    bbox: tuple[float, float, float, float] | None = None
    kecamatan: str | None = None
    desa: str | None = None
    statuses: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    created_from: date | None = None  # inclusive, a day in Asia/Jakarta
    created_to: date | None = None  # inclusive
    created_after: datetime | None = None  # inclusive instants (OGC API datetime)
    created_before: datetime | None = None
    opd: str | None = None  # staff only
    overdue: bool = False  # staff only: a clock has run out
    # A checked condition (an OGC API CQL2 filter, ogcapi.cql): given the parameter function and the Columns, its SQL.
    condition: Callable[[Callable[[object], sql.Composable], "Columns"], sql.Composable] | None = None


@dataclass(frozen=True)
class Cursor:
    """Keyset position: the last feature of a page (newest first). Stable while new reports arrive."""

    created_at: datetime
    id: int

    def encode(self) -> str:
        return base64.urlsafe_b64encode(f"{self.created_at.isoformat()}|{self.id}".encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> "Cursor":
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
            stamp, _, ident = raw.partition("|")
            cursor = cls(created_at=datetime.fromisoformat(stamp), id=int(ident))
        except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
            raise ValueError("invalid cursor") from exc
        # Only what encode() can have written: an aware time PostgreSQL can hold (offsets within ±15:59, a year
        # near ours) and an id that fits a bigint. Anything else is forged and would fail in the database.
        offset = cursor.created_at.utcoffset()
        if (
            raw != f"{cursor.created_at.isoformat()}|{cursor.id}"
            or offset is None
            or abs(offset) >= timedelta(hours=16)
            or not 1970 <= cursor.created_at.year <= 2200
            or not 0 < cursor.id < 2**63
        ):
            raise ValueError("invalid cursor")
        return cursor


@dataclass(frozen=True)
class FeaturePage:
    features: str  # the page's Feature objects as JSON text, comma-separated (no brackets)
    returned: int
    next_cursor: Cursor | None
    matched: int | None = None
    prev_cursor: Cursor | None = None  # read with `before`: the page before this one (newer reports)


# A Feature's properties, in order. Those that depend only on the label, the kecamatan, the desa or the status are
# written once per query for each of those (a few hundred small rows), not once per feature: the lookups below.
_LABEL_PROPERTIES = [
    ("category", "c.code"),
    ("category_name", "c.name"),
    ("squad", "s.code"),
    ("colour", "s.colour"),
    ("icon", "c.icon"),
]
_KECAMATAN_PROPERTIES = [("kecamatan", "k.kode"), ("kecamatan_nama", "k.nama")]
_DESA_PROPERTIES = [("desa", "d.kode"), ("desa_nama", "d.nama")]
# Per feature (after id, status and status_label and the lookups' properties).
_REPORT_PROPERTIES = [
    ("description", "r.description"),
    ("created_at", "r.created_at"),
    ("photo", "%s || ph.thumbnail"),
]
# Staff also see who holds the report and its clocks; never the tracking code: it is the citizen's alone (staff who
# help a citizen on the phone type the code the citizen reads out, workflow.selectors.report_by_code_for_staff).
_STAFF_PROPERTIES = [
    ("confidential", "c.confidential"),
    ("opd", "o.code"),
    ("opd_name", "o.name"),
    ("verification_due", "r.verification_due"),
    ("response_due", "r.response_due"),
    ("resolution_due", "r.resolution_due"),
    ("overdue", overdue_sql(report="r")),
    ("extra_reporters", "r.extra_reporters"),
    ("located", "r.located"),
]


def _members(pairs: list[tuple[str, str]]) -> str:
    """SQL text of a JSON object's members without the braces (`"key" : value, ...`), escaped by PostgreSQL."""
    obj = "json_build_object(" + ", ".join(f"'{key}', {expr}" for key, expr in pairs) + ")::text"
    return f"substr({obj}, 2, length({obj}) - 2)"


def _lookups_sql() -> tuple[str, list]:
    """WITH-clause entries: each label's, kecamatan's, desa's and status's properties as JSON members.

    MATERIALIZED: written once per query. Inlined, PostgreSQL would write them again for every feature."""
    statuses = ", ".join("(%s, %s)" for _ in ReportStatus.choices)
    params: list = [v for value, label in ReportStatus.choices for v in (value, str(label))]
    sql = f"""
        lk_status AS MATERIALIZED (
          SELECT v.status, {_members([("status", "v.status"), ("status_label", "v.label")])} AS j
          FROM (VALUES {statuses}) v (status, label)
        ), lk_category AS MATERIALIZED (
          SELECT c.id, c.confidential, {_members(_LABEL_PROPERTIES)} AS j
          FROM geoportal_category c JOIN geoportal_squad s ON s.id = c.squad_id
        ), lk_kecamatan AS MATERIALIZED (
          SELECT k.id, {_members(_KECAMATAN_PROPERTIES)} AS j FROM geoportal_kecamatan k
        ), lk_desa AS MATERIALIZED (
          SELECT d.id, {_members(_DESA_PROPERTIES)} AS j FROM geoportal_desa d
        )"""
    return sql, params


@dataclass(frozen=True)
class Output:
    """The coordinate reference system features are written in: an EPSG code, and whether its axes are
    latitude-first (EPSG:4326 as OGC API – Features Part 2 asks). Default: longitude, latitude (GeoJSON)."""

    srid: int = 4326
    lat_lon: bool = False

    def geometry_sql(self, column: str = "r.location") -> str:
        point = column if self.srid == 4326 else f"ST_Transform({column}, {int(self.srid)})"
        if self.lat_lon:
            point = f"ST_FlipCoordinates({point})"
        return f"ST_AsGeoJSON({point}, {6 if self.srid == 4326 else 2})"


def _feature_sql(media_url: str, *, staff: bool = False, output: Output = Output()) -> tuple[sql.Composable, list]:
    """The SELECT expression of one Feature for a row `r` joined as in _JOINS."""
    pairs = _REPORT_PROPERTIES + (_STAFF_PROPERTIES if staff else [])
    rest = (
        sql.SQL("json_build_object(")
        + sql.SQL(", ").join(
            sql.Literal(key) + sql.SQL(", ") + (sql.SQL(expr) if isinstance(expr, str) else expr) for key, expr in pairs
        )
        + sql.SQL(")")
    )
    # The Feature is concatenated as text: ST_AsGeoJSON and json_build_object already write JSON, and building a
    # json value only to print it again costs ~45 % of the page's JSON time (5,000 features: 100 → 55 ms).
    # substr(rest, 2) keeps the members and the closing brace of the properties.
    head = (
        """
        '{"type": "Feature", "id": ' || r.id || ', "geometry": ' || """
        + output.geometry_sql()
        + """
          || ', "properties": {"id": ' || r.id || ', ' || st.j || ', ' || c.j || ', ' || k.j || ', ' || d.j
          || ', ' || substr(("""
    )
    return sql.SQL(head) + rest + sql.SQL(")::text, 2) || '}'"), [media_url]


# The page's rows `r` with their lookups (the WITH entries of _lookups_sql), holder and first photo.
_JOINS = """
    JOIN lk_category c ON c.id = r.category_id
    JOIN lk_kecamatan k ON k.id = r.kecamatan_id
    JOIN lk_desa d ON d.id = r.desa_id
    JOIN lk_status st ON st.status = r.status
    LEFT JOIN geoportal_opd o ON o.id = r.opd_id
    LEFT JOIN LATERAL (
      SELECT p.thumbnail FROM geoportal_reportphoto p
      WHERE p.report_id = r.id AND p.kind = 'report' ORDER BY p.position LIMIT 1
    ) ph ON true
"""


@dataclass(frozen=True)
class Place:
    """The columns of geoportal_report that say where a report is, for one audience."""

    location: str
    desa: str
    kecamatan: str


# Staff read the exact point and the desa it was placed in. The public reads the published place that PostgreSQL
# keeps beside it (geoportal/sql/lapor_public_place.sql): every public filter, count, tile, ordering and property
# works on it, so no sequence of public requests locates a report more precisely than its label's grid.
EXACT = Place(location="location", desa="desa_id", kecamatan="kecamatan_id")
PUBLISHED = Place(location="public_location", desa="public_desa_id", kecamatan="public_kecamatan_id")


@dataclass(frozen=True)
class Audience:
    """Who reads: the public, or a staff member (staff columns, the exact place) with what their role may see."""

    staff: bool = False
    visibility: Visibility = Visibility.public()
    # Whose reporter contact this audience may read (exports only): workflow.policies.contact_visibility.
    contact: Visibility = Visibility(nothing=True)

    @classmethod
    def public(cls) -> "Audience":
        return cls()

    @property
    def place(self) -> Place:
        return EXACT if self.staff else PUBLISHED


def _row_columns(place: Place) -> str:
    """The columns a Feature is written from (_feature_sql), with this audience's place under the exact place's
    names, so the feature's SQL is the same for every audience."""
    return (
        f"r.id, r.created_at, r.{place.location} AS location, r.status, r.description, r.category_id, "
        f"r.{place.kecamatan} AS kecamatan_id, r.{place.desa} AS desa_id, r.opd_id, "
        "r.verification_due, r.response_due, r.resolution_due, r.extra_reporters, r.located"
    )


_ANY, _OPEN, _CLOSE = sql.SQL(" = ANY("), sql.SQL("("), sql.SQL(")")


@dataclass(frozen=True)
class Columns:
    """Where _where finds a row's fields: the report table aliased `r` (with this audience's place), or the cell
    pyramid aliased `g` (geoportal.models.tiles: status and published kecamatan only). Both are joined to their
    label as `c`. None: the rows have no such field, and a filter on it is refused."""

    row: str
    status: str = "status"
    kecamatan: str | None = None
    desa: str | None = None
    location: str | None = None
    created_at: str | None = "created_at"
    opd: str | None = "opd_id"
    overdue: bool = True

    @classmethod
    def reports(cls, place: Place) -> "Columns":
        return cls(row="r", kecamatan=place.kecamatan, desa=place.desa, location=place.location)

    def __call__(self, name: str | None) -> sql.Identifier:
        if name is None:
            raise ValueError("this filter is not available on these rows")
        return sql.Identifier(self.row, name)


def _where(
    filters: ReportFilters, audience: Audience, *, columns: Columns | None = None, named: str | None = None
) -> tuple[sql.Composable, list | dict]:
    """The rows' condition for these filters and this audience, and its parameters: positional (%s, a list), or
    named `<named>0, <named>1, ...` (a dict) for statements written with named parameters."""
    col = columns or Columns.reports(audience.place)
    clauses: list[sql.Composable] = []
    values: list = []

    def param(value) -> sql.Placeholder:
        values.append(value)
        return sql.Placeholder(f"{named}{len(values) - 1}") if named else sql.Placeholder()

    # Concatenated rather than sql.SQL.format()ted: this runs for every tile and page, and parsing format strings
    # each time cost more than the rest of the statement's assembly.
    clauses.append(
        col(col.status) + _ANY + param(list(filters.statuses or visible_statuses(staff=audience.staff))) + _CLOSE
    )
    clauses.append(_OPEN + audience.visibility.sql(report=col.row, category="c") + _CLOSE)
    if filters.bbox:
        envelope = sql.SQL(", ").join(param(v) for v in filters.bbox)
        clauses.append(col(col.location) + sql.SQL(" && ST_MakeEnvelope(") + envelope + sql.SQL(", 4326)"))
    if filters.kecamatan:
        kecamatan = sql.SQL(" = (SELECT id FROM geoportal_kecamatan WHERE kode = ")
        clauses.append(col(col.kecamatan) + kecamatan + param(filters.kecamatan) + _CLOSE)
    if filters.desa:
        desa = sql.SQL(" = (SELECT id FROM geoportal_desa WHERE kode = ")
        clauses.append(col(col.desa) + desa + param(filters.desa) + _CLOSE)
    if filters.categories:
        clauses.append(sql.SQL("c.code") + _ANY + param(list(filters.categories)) + _CLOSE)
    if filters.created_from:
        start = datetime.combine(filters.created_from, time.min, tzinfo=WIB)
        clauses.append(col(col.created_at) + sql.SQL(" >= ") + param(start))
    if filters.created_to:
        end = datetime.combine(filters.created_to + timedelta(days=1), time.min, tzinfo=WIB)
        clauses.append(col(col.created_at) + sql.SQL(" < ") + param(end))
    if filters.created_after:
        clauses.append(col(col.created_at) + sql.SQL(" >= ") + param(filters.created_after))
    if filters.created_before:
        clauses.append(col(col.created_at) + sql.SQL(" <= ") + param(filters.created_before))
    if filters.opd:
        opd = sql.SQL(" = (SELECT id FROM geoportal_opd WHERE code = ")
        clauses.append(col(col.opd) + opd + param(filters.opd) + _CLOSE)
    if filters.overdue:
        if not col.overdue:
            raise ValueError("this filter is not available on these rows")
        clauses.append(overdue_sql(report=col.row) + sql.SQL(" IS NOT NULL"))
    if filters.condition:
        clauses.append(_OPEN + filters.condition(param, col) + _CLOSE)
    params = {f"{named}{i}": value for i, value in enumerate(values)} if named else values
    return sql.SQL(" AND ").join(clauses), params


def report_features(
    *,
    filters: ReportFilters,
    limit: int,
    after: Cursor | None = None,
    before: Cursor | None = None,
    media_url: str,
    count: bool = False,
    audience: Audience = Audience(),
    output: Output = Output(),
) -> FeaturePage:
    """A page of reports as GeoJSON text, newest first, for the public or for a staff member.

    `after`: the page following that position (older reports); `before`: the page preceding it (newer reports,
    read oldest first from the position and written newest first). The page knows both of its neighbours:
    next_cursor (an `after`) and prev_cursor (a `before`; only when a position was given)."""
    where, where_params = _where(filters, audience)
    if after:
        where += sql.SQL(" AND (r.created_at, r.id) < (%s, %s)")
        where_params += [after.created_at, after.id]
    if before:
        where += sql.SQL(" AND (r.created_at, r.id) > (%s, %s)")
        where_params += [before.created_at, before.id]
    order, written = ("ASC", "rn DESC") if before else ("DESC", "rn")
    lookups, lookup_params = _lookups_sql()
    feature, feature_params = _feature_sql(media_url, staff=audience.staff, output=output)
    # One statement: the page (one row more than asked, to know whether a next page exists), its features
    # as text, and the keyset position of the last one.
    statement = sql.Composed(
        [
            sql.SQL(f"""
        WITH {lookups}, matched AS (
          SELECT {_row_columns(audience.place)}
          FROM geoportal_report r JOIN geoportal_category c ON c.id = r.category_id
          WHERE """),
            where,
            sql.SQL(f"""
          ORDER BY r.created_at {order}, r.id {order}
          LIMIT %s
        ), page AS (
          -- numbered after the LIMIT, so the sort above stays a top-N sort
          -- and the page carries its columns, so nothing joins back to the big table
          SELECT m.*, row_number() OVER (ORDER BY m.created_at {order}, m.id {order}) AS rn FROM matched m
        ), feats AS (
          SELECT r.rn, """),
            feature,
            sql.SQL(f""" AS f FROM page r {_JOINS} WHERE r.rn <= %s
        )
        SELECT (SELECT string_agg(f, ',' ORDER BY {written}) FROM feats),
               (SELECT count(*) FROM page),
               (SELECT created_at FROM page WHERE rn = %s),
               (SELECT id FROM page WHERE rn = %s),
               (SELECT created_at FROM page WHERE rn = 1),
               (SELECT id FROM page WHERE rn = 1)
    """),
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [*lookup_params, *where_params, limit + 1, *feature_params, limit, limit, limit])
        features, fetched, last_created, last_id, first_created, first_id = cursor.fetchone()
        matched = None
        if count:
            base_where, base_params = _where(filters, audience)
            cursor.execute(
                sql.SQL(
                    "SELECT count(*) FROM geoportal_report r JOIN geoportal_category c ON c.id = r.category_id WHERE "
                )
                + base_where,
                base_params,
            )
            matched = cursor.fetchone()[0]
    more = fetched > limit  # beyond this page, in the direction read
    first = Cursor(created_at=first_created, id=first_id) if fetched else None  # nearest to the position
    last = Cursor(created_at=last_created, id=last_id) if more else None
    return FeaturePage(
        features=features or "",
        returned=min(fetched, limit),
        next_cursor=first if before else last,
        prev_cursor=last if before else (first if after else None),
        matched=matched,
    )


def report_feature(
    *, report_id: int, media_url: str, audience: Audience = Audience(), output: Output = Output()
) -> str | None:
    """One report as a GeoJSON Feature (text), or None when it does not exist or this audience may not see it."""
    lookups, lookup_params = _lookups_sql()
    feature, feature_params = _feature_sql(media_url, staff=audience.staff, output=output)
    where, where_params = _where(ReportFilters(), audience)
    source = (
        sql.SQL(
            f"SELECT {_row_columns(audience.place)} FROM geoportal_report r"
            " JOIN geoportal_category c ON c.id = r.category_id WHERE r.id = %s AND "
        )
        + where
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL(f"WITH {lookups} SELECT ") + feature + sql.SQL(" FROM (") + source + sql.SQL(f") r {_JOINS}"),
            [*lookup_params, *feature_params, report_id, *where_params],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def report_by_tracking_code(*, code: str):
    """The report this tracking code opens, however the citizen typed it, or None."""
    from geoportal.models import Report
    from geoportal.tracking import tracking_code_normalize

    normalized = tracking_code_normalize(code)
    if normalized is None:
        return None
    return (
        Report.objects.select_related("category__squad", "kecamatan", "desa__kecamatan")
        .filter(tracking_code=normalized)
        .first()
    )
