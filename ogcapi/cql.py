"""CQL2 filters (OGC API – Features Part 3) on the report collections' queryables, as a PostgreSQL condition.

pygeofilter parses the text (or JSON) into its AST; this module checks every node against the queryables and
their types and writes the condition with psycopg2's sql module: column names are chosen here, every value is a
query parameter, nothing of the request becomes SQL text. The condition joins the items' own statement
(geoportal.selectors.reports._where) and is ANDed with the audience's rules, so the public filters only the
published place (the same column bbox uses), the public statuses and the labels that are not confidential.

Offered: comparisons (= <> < <= > >=), AND/OR/NOT, LIKE, IN, BETWEEN, IS NULL; the spatial functions S_INTERSECTS,
S_DISJOINT, S_CONTAINS, S_WITHIN, S_TOUCHES, S_CROSSES, S_OVERLAPS, S_EQUALS with BBOX, POINT, LINESTRING, POLYGON,
their MULTI forms and GEOMETRYCOLLECTION in `filter-crs` (PostGIS ST_*, on the audience's place: the published one
for the public); the temporal functions T_AFTER … T_STARTS on created_at with TIMESTAMP, DATE (a day in
Asia/Jakarta) and INTERVAL (open ends '..'), and timestamps or dates in comparisons. Anything else is refused in
words, as an OGC exception."""

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

from django.contrib.gis.gdal import CoordTransform, GDALException, OGRGeometry, SpatialReference
from django.contrib.gis.geos import GEOSException
from django.utils.translation import gettext as _
from psycopg2 import sql

from geoportal.clocks import WIB
from ogcapi.cql_parse import YEARS, Temporal
from ogcapi.cql_parse import years as _years
from ogcapi.cql_temporal import temporal as _temporal
from ogcapi.crs import CRS84, crs_output
from ogcapi.errors import bad_request

LANGUAGES = ("cql2-text", "cql2-json")
MAX_LENGTH = 8000  # characters of the filter parameter
MAX_NODES = 100  # operators, properties and values
MAX_VALUES = 100  # in one IN list
MAX_VERTICES = 1000  # of all geometries together

# queryable → its kind. The same names as the queryables document (ogcapi.queryables).
REPORT_QUERYABLES = {
    "status": "text",
    "category": "text",
    "kecamatan": "text",
    "created_at": "time",
    "geometry": "geometry",
}

# A condition: given the statement's parameter function and the rows' columns (geoportal.selectors.reports
# Columns), the SQL. Built once per request, after every check has passed.
Condition = Callable[[Callable[[object], sql.Composable], object], sql.Composable]


def _column(name: str, col) -> sql.Composable:
    if name == "status":
        return col(col.status)
    if name == "category":
        return sql.SQL("c.code")
    if name == "kecamatan":  # the id (IS NULL); a test on the code goes through _on
        return col(col.kecamatan)
    if name == "created_at":
        return col(col.created_at)
    return col(col.location)  # geometry: the audience's place (the published one for the public)


def _on(name: str, test: Callable[[Callable, sql.Composable], sql.Composable]) -> Condition:
    """A test of one queryable's value. The kecamatan's code is tested on the 14 kecamatan once (an init plan) and
    the rows are matched by id: a subquery per row made `kecamatan LIKE …` 30× slower at a million reports."""
    if name != "kecamatan":
        return lambda p, c: test(p, _column(name, c))
    return lambda p, c: (
        c(c.kecamatan) + sql.SQL(" = ANY(ARRAY(SELECT fk.id FROM geoportal_kecamatan fk WHERE ")
        + test(p, sql.SQL("fk.kode")) + sql.SQL("))")
    )  # fmt: skip


def _invalid() -> Exception:
    return bad_request(_("filter: this is not a valid CQL2 expression."))


def _parse(text: str, lang: str):
    from ogcapi.cql_parse import parse_json, parse_text

    try:
        return parse_text(text) if lang == "cql2-text" else parse_json(text)
    except RecursionError:
        raise bad_request(_("filter: the expression is too long or too deeply nested.")) from None
    except Exception:  # lark's, pygeofilter's and json's errors, and the values they could not read
        raise _invalid() from None


def report_condition(text: str, *, lang: str | None, crs: str | None) -> Condition:
    """Check a CQL2 filter against the report queryables; its condition, or an OgcError (400) in words."""
    lang = (lang or "cql2-text").strip()
    if lang not in LANGUAGES:
        raise bad_request(_("filter-lang: give cql2-text or cql2-json."))
    output = crs_output(crs or CRS84)
    if output is None:
        raise bad_request(_("filter-crs: this coordinate reference system is not offered here."))
    if len(text) > MAX_LENGTH:
        raise bad_request(_("filter: the expression is too long or too deeply nested."))
    if not text.strip():
        raise _invalid()
    return _Translator(output).condition(_parse(text, lang))


@dataclass
class _Translator:
    output: object  # geoportal.selectors.reports.Output: the filter's CRS
    nodes: int = 0
    vertices: int = 0

    def _count(self) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise bad_request(_("filter: the expression is too long or too deeply nested."))

    # -- conditions ---------------------------------------------------------------------------------------------
    def condition(self, node) -> Condition:
        from pygeofilter import ast

        self._count()
        if isinstance(node, ast.And | ast.Or):
            left, right = self.condition(node.lhs), self.condition(node.rhs)
            joiner = sql.SQL(") AND (" if isinstance(node, ast.And) else ") OR (")
            return lambda p, c: sql.SQL("((") + left(p, c) + joiner + right(p, c) + sql.SQL("))")
        if isinstance(node, ast.Not):
            inner = self.condition(node.sub_node)
            return lambda p, c: sql.SQL("NOT (") + inner(p, c) + sql.SQL(")")
        if isinstance(node, ast.Comparison):
            return self._comparison(node)
        if isinstance(node, ast.Like):
            name = self._queryable(node.lhs, "text")
            pattern = self._value(node.pattern, "text", name)
            # CQL2's wildcards are PostgreSQL's: % any characters, _ one character, \ escapes.
            op = sql.SQL(("NOT " if node.not_ else "") + (" ILIKE " if node.nocase else " LIKE "))
            return _on(name, lambda p, column: column + sql.SQL(" ") + op + p(pattern))
        if isinstance(node, ast.In):
            name = self._queryable(node.lhs, "text", "time")
            if not node.sub_nodes or len(node.sub_nodes) > MAX_VALUES:
                raise bad_request(_("filter: the expression is too long or too deeply nested."))
            values = [self._value(v, REPORT_QUERYABLES[name], name) for v in node.sub_nodes]
            if any(isinstance(v, _Day) for v in values):
                raise bad_request(_("filter: %s is compared with TIMESTAMP('…') or DATE('…').") % name)
            prefix = sql.SQL("NOT (" if node.not_ else "(")
            return _on(name, lambda p, column: prefix + column + sql.SQL(" = ANY(") + p(values) + sql.SQL("))"))
        if isinstance(node, ast.Between):
            name = self._queryable(node.lhs, "text", "time")
            kind = REPORT_QUERYABLES[name]
            low, high = self._value(node.low, kind, name), self._value(node.high, kind, name)
            # A day's end is exclusive (the next day's start); a timestamp's, inclusive as BETWEEN says.
            upper = sql.SQL(" < " if isinstance(high, _Day) else " <= ")
            low = low.start if isinstance(low, _Day) else low
            high = high.end if isinstance(high, _Day) else high
            prefix = sql.SQL("NOT (" if node.not_ else "(")
            return _on(name, lambda p, column: (
                prefix + column + sql.SQL(" >= ") + p(low) + sql.SQL(" AND ") + column + upper + p(high) + sql.SQL(")")
            ))  # fmt: skip
        if isinstance(node, ast.IsNull):
            name = self._queryable(node.lhs, *set(REPORT_QUERYABLES.values()))
            test = sql.SQL(" IS NOT NULL" if node.not_ else " IS NULL")
            return lambda p, c: sql.SQL("(") + _column(name, c) + test + sql.SQL(")")
        if isinstance(node, ast.SpatialComparisonPredicate):
            return self._spatial(node)
        if isinstance(node, Temporal):
            return _temporal(node, self)
        if isinstance(node, ast.Attribute) and node.name not in REPORT_QUERYABLES:
            raise self._unknown(node.name)
        if isinstance(node, bool):
            return lambda p, c: sql.SQL("TRUE" if node else "FALSE")
        raise bad_request(_("filter: this operator or function is not offered here: %s.") % _node_name(node))

    def _comparison(self, node) -> Condition:
        from pygeofilter import ast

        lhs, rhs, op = node.lhs, node.rhs, node.op.value
        if not isinstance(lhs, ast.Attribute) and isinstance(rhs, ast.Attribute):  # 'value' = property
            lhs, rhs = rhs, lhs
            op = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}.get(op, op)
        if not isinstance(lhs, ast.Attribute | ast.Node) and not isinstance(rhs, ast.Attribute | ast.Node):
            return self._constant(lhs, op, rhs)
        if isinstance(rhs, ast.Attribute) or not isinstance(lhs, ast.Attribute):
            if isinstance(lhs, ast.Attribute) and lhs.name not in REPORT_QUERYABLES:
                raise self._unknown(lhs.name)
            raise bad_request(_("filter: compare a queryable with a value."))
        name = self._queryable(lhs, "text", "time")
        value = self._value(rhs, REPORT_QUERYABLES[name], name)
        if isinstance(value, _Day):  # a date against a timestamp: the day in Asia/Jakarta
            start, end = value.start, value.end
            ranges = {
                "=": [(">=", start), ("<", end)],
                "<": [("<", start)],
                "<=": [("<", end)],
                ">": [(">=", end)],
                ">=": [(">=", start)],
            }
            if op == "<>":
                return lambda p, c: (
                    sql.SQL("(") + _column(name, c) + sql.SQL(" < ") + p(start) + sql.SQL(" OR ") + _column(name, c)
                    + sql.SQL(" >= ") + p(end) + sql.SQL(")")
                )  # fmt: skip
            parts = ranges[op]
            return lambda p, c: sql.SQL("(") + sql.SQL(" AND ").join(
                _column(name, c) + sql.SQL(f" {o} ") + p(v) for o, v in parts
            ) + sql.SQL(")")  # fmt: skip
        operator = sql.SQL(f" {op} ")  # one of six fixed strings, from pygeofilter's enum
        return _on(name, lambda p, column: column + operator + p(value))

    def _constant(self, lhs, op: str, rhs) -> Condition:
        """Two literals compared (`'a' = 'a'`, `1 < 2`): PostgreSQL compares the bound values."""
        kinds = (bool, int | float, str, datetime, date)
        same = next((k for k in kinds if isinstance(lhs, k) and isinstance(rhs, k)), None)
        mixed = isinstance(lhs, bool) != isinstance(rhs, bool) or isinstance(lhs, datetime) != isinstance(rhs, datetime)
        if same is None or mixed:
            raise bad_request(_("filter: compare a queryable with a value."))
        for value in (lhs, rhs):
            self._count()
            if isinstance(value, str) and (len(value) > 200 or "\x00" in value):
                raise bad_request(_("filter: the expression is too long or too deeply nested."))
            if isinstance(value, date) and not YEARS[0] <= value.year <= YEARS[1]:
                raise bad_request(_("filter: dates must lie between the years %(first)s and %(last)s.") % _years())
            if isinstance(value, float) and not math.isfinite(value):
                raise _invalid()
        operator = sql.SQL(f" {op} ")  # one of six fixed strings, from pygeofilter's enum
        return lambda p, c: sql.SQL("(") + p(lhs) + operator + p(rhs) + sql.SQL(")")

    def _spatial(self, node) -> Condition:
        from pygeofilter import ast

        lhs, rhs, function = node.lhs, node.rhs, _spatial_names()[type(node)]
        if not isinstance(lhs, ast.Attribute) and not isinstance(rhs, ast.Attribute):  # two literals
            (left, _box), (right, _box) = self._geometry(lhs, "geometry"), self._geometry(rhs, "geometry")
            negate = sql.SQL("NOT " if function == "NOT ST_Intersects" else "")
            call = sql.SQL(function.removeprefix("NOT ") + "(ST_GeomFromWKB(")
            return lambda p, c: (
                negate + call + p(left) + sql.SQL(", 4326), ST_GeomFromWKB(") + p(right) + sql.SQL(", 4326))")
            )  # fmt: skip
        if not isinstance(lhs, ast.Attribute) and isinstance(rhs, ast.Attribute):  # S_WITHIN(POINT(…), geometry)
            lhs, rhs = rhs, lhs
            function = _CONVERSE.get(function, function)
        name = self._queryable(lhs, "geometry")
        wkt, box = self._geometry(rhs, name)
        if box is not None and function == "ST_Intersects":  # for points, && is the intersection; as bbox=
            return lambda p, c: (
                _column(name, c) + sql.SQL(" && ST_MakeEnvelope(") + sql.SQL(", ").join(p(v) for v in box)
                + sql.SQL(", 4326)")
            )  # fmt: skip
        negate = sql.SQL("NOT " if function == "NOT ST_Intersects" else "")
        call = sql.SQL(function.removeprefix("NOT ") + "(")  # one of eight fixed names (_spatial_names)
        return lambda p, c: (
            negate + call + _column(name, c) + sql.SQL(", ST_GeomFromWKB(") + p(wkt) + sql.SQL(", 4326))")
        )  # fmt: skip

    # -- operands -----------------------------------------------------------------------------------------------
    def _unknown(self, name) -> Exception:
        return bad_request(
            _("filter: “%s” is not a queryable of this collection; see its queryables.") % str(name)[:60]
        )

    def _queryable(self, node, *kinds: str) -> str:
        from pygeofilter import ast

        self._count()
        if not isinstance(node, ast.Attribute):
            raise bad_request(_("filter: compare a queryable with a value."))
        if node.name not in REPORT_QUERYABLES:
            raise self._unknown(node.name)
        if REPORT_QUERYABLES[node.name] not in kinds:
            if REPORT_QUERYABLES[node.name] == "geometry":
                raise bad_request(_("filter: %s is used with the spatial functions (S_INTERSECTS …) only.") % node.name)
            raise bad_request(_("filter: this operator or function is not offered here: %s.") % node.name)
        return node.name

    def _value(self, value, kind: str, name: str):
        self._count()
        if kind == "text":
            if not isinstance(value, str):
                raise bad_request(_("filter: %s is compared with text in quotes.") % name)
            if len(value) > 200 or "\x00" in value:
                raise bad_request(_("filter: the expression is too long or too deeply nested."))
            return value
        if isinstance(value, datetime):
            if not YEARS[0] <= value.year <= YEARS[1]:
                raise bad_request(_("filter: dates must lie between the years %(first)s and %(last)s.") % _years())
            return value if value.tzinfo else value.replace(tzinfo=UTC)  # CQL2 timestamps are UTC
        if isinstance(value, date):
            if not YEARS[0] <= value.year <= YEARS[1]:
                raise bad_request(_("filter: dates must lie between the years %(first)s and %(last)s.") % _years())
            start = datetime.combine(value, time.min, tzinfo=WIB)
            return _Day(start=start, end=start + timedelta(days=1))
        raise bad_request(_("filter: %s is compared with TIMESTAMP('…') or DATE('…').") % name)

    def _geometry(self, value, name: str) -> tuple[bytes, tuple[float, float, float, float] | None]:
        """The geometry as WKB in EPSG:4326, and (min x, min y, max x, max y) when it is a BBOX in a
        longitude/latitude CRS (the same rectangle there)."""
        from pygeofilter import ast, values

        self._count()
        if isinstance(value, ast.Function) and value.name.lower() == "bbox":
            numbers = value.arguments
            if len(numbers) == 6:
                numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
            if len(numbers) != 4 or not all(isinstance(n, int | float) and not isinstance(n, bool) for n in numbers):
                raise _invalid()
            x1, y1, x2, y2 = (float(n) for n in numbers)
            if x1 > x2 or y1 > y2:
                raise bad_request(_("bbox: the minimum must not be larger than the maximum."))
            geojson = {"type": "Polygon", "coordinates": [[[x1, y1], [x2, y1], [x2, y2], [x1, y2], [x1, y1]]]}
        elif isinstance(value, values.Geometry | values.Envelope):
            geojson = value.__geo_interface__
        else:
            raise bad_request(_("filter: %s is used with the spatial functions (S_INTERSECTS …) only.") % name)
        flipped = self._geojson(geojson)
        wkt = self._to_wgs84(flipped)
        if self.output.srid == 4326 and isinstance(value, ast.Function):  # checked in range by _to_wgs84
            ring = flipped["coordinates"][0]
            xs, ys = [c[0] for c in ring], [c[1] for c in ring]
            return wkt, (min(xs), min(ys), max(xs), max(ys))
        return wkt, None

    def _geojson(self, geojson) -> dict:
        """The geometry as GeoJSON, longitude first, its vertices counted."""
        self._count()
        if not isinstance(geojson, dict) or not isinstance(geojson.get("type"), str):
            raise _invalid()
        if geojson["type"] == "GeometryCollection":
            parts = geojson.get("geometries")
            if not isinstance(parts, list | tuple) or not parts:
                raise _invalid()
            return {"type": "GeometryCollection", "geometries": [self._geojson(g) for g in parts]}
        return {"type": geojson["type"], "coordinates": self._coordinates(geojson.get("coordinates"))}

    def _coordinates(self, part):
        """The coordinates as lists, longitude first (flipped from EPSG:4326's latitude first), counted."""
        if isinstance(part, list | tuple) and part and isinstance(part[0], int | float):
            self.vertices += 1
            if self.vertices > MAX_VERTICES:
                raise bad_request(_("filter: the expression is too long or too deeply nested."))
            if len(part) < 2 or not all(isinstance(n, int | float) and abs(n) < 4e7 for n in part[:2]):
                raise bad_request(_("filter: the geometry is not valid or lies outside the coordinate system."))
            x, y = float(part[0]), float(part[1])
            return [y, x] if self.output.lat_lon else [x, y]
        if not isinstance(part, list | tuple) or not part:
            raise _invalid()
        return [self._coordinates(p) for p in part]

    def _to_wgs84(self, geojson: dict) -> bytes:
        import json

        outside = bad_request(_("filter: the geometry is not valid or lies outside the coordinate system."))
        try:
            geometry = OGRGeometry(json.dumps(geojson))
            if self.output.srid != 4326:
                geometry.srs = SpatialReference(self.output.srid)
                geometry.transform(CoordTransform(SpatialReference(self.output.srid), SpatialReference(4326)))
            minx, miny, maxx, maxy = geometry.extent
            valid = geometry.geos.valid
        except (GDALException, GEOSException, ValueError, TypeError):
            raise outside from None
        if not valid or not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            raise outside
        return bytes(geometry.wkb)  # WKT would round the coordinates to 15 digits


@cache
def _spatial_names() -> dict:
    from pygeofilter import ast

    return {
        ast.GeometryIntersects: "ST_Intersects",
        ast.GeometryDisjoint: "NOT ST_Intersects",  # ST_Disjoint uses no index
        ast.GeometryContains: "ST_Contains",
        ast.GeometryWithin: "ST_Within",
        ast.GeometryTouches: "ST_Touches",
        ast.GeometryCrosses: "ST_Crosses",
        ast.GeometryOverlaps: "ST_Overlaps",
        ast.GeometryEquals: "ST_Equals",
    }


_CONVERSE = {"ST_Contains": "ST_Within", "ST_Within": "ST_Contains"}


@dataclass(frozen=True)
class _Day:
    """A DATE compared with created_at: that day in Asia/Jakarta, [start, end)."""

    start: datetime
    end: datetime


def _node_name(node) -> str:
    name = getattr(node, "name", None) or getattr(getattr(node, "op", None), "name", None) or type(node).__name__
    return str(name)[:40]
