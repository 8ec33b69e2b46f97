"""CQL2's temporal functions (T_AFTER … T_STARTS) on created_at, as a PostgreSQL condition.

Every operand is an interval [start, end]: created_at is the instant [t, t]; TIMESTAMP(x) is [x, x]; DATE(d) is
that day in Asia/Jakarta; INTERVAL(a, b) runs from a's start to b's end, '..' being unbounded. Each function is
the condition on the four ends that CQL2 1.0 gives it (after OWL-Time). The ten functions CQL2 defines for intervals
only also take an instant, as the interval it is.

When no operand holds a timestamp (only dates, '..' and created_at), the comparison is by day: created_at is then
its day in Asia/Jakarta, so `T_EQUALS(created_at, DATE('2026-03-02'))` is every report of that day, as
`created_at = DATE('2026-03-02')` is. Otherwise a date as a start is the day's first microsecond and as an end its
last one. An end compared with created_at becomes a range on created_at itself, so the index on it stays usable."""

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from django.utils.translation import gettext as _
from psycopg2 import sql

from geoportal.clocks import WIB
from ogcapi.cql_parse import OPEN, YEARS, Interval, Temporal
from ogcapi.cql_parse import years as _years
from ogcapi.errors import bad_request

_PROPERTY = object()  # created_at as an end
_LOW, _HIGH = object(), object()  # '..' as a start, as an end
_MICROSECOND = timedelta(microseconds=1)

# Each function as (start of a, operator, end of b…): a list is AND, a tuple of lists is OR.
_RELATIONS: dict[str, list | tuple] = {
    "t_after": [("as", ">", "be")],
    "t_before": [("ae", "<", "bs")],
    "t_contains": [("as", "<", "bs"), ("ae", ">", "be")],
    "t_disjoint": ([("ae", "<", "bs")], [("as", ">", "be")]),
    "t_during": [("as", ">", "bs"), ("ae", "<", "be")],
    "t_equals": [("as", "=", "bs"), ("ae", "=", "be")],
    "t_finishedby": [("as", "<", "bs"), ("ae", "=", "be")],
    "t_finishes": [("as", ">", "bs"), ("ae", "=", "be")],
    "t_intersects": [("as", "<=", "be"), ("ae", ">=", "bs")],
    "t_meets": [("ae", "=", "bs")],
    "t_metby": [("as", "=", "be")],
    "t_overlappedby": [("as", ">", "bs"), ("as", "<", "be"), ("ae", ">", "be")],
    "t_overlaps": [("as", "<", "bs"), ("ae", ">", "bs"), ("ae", "<", "be")],
    "t_startedby": [("as", "=", "bs"), ("ae", ">", "be")],
    "t_starts": [("as", "=", "bs"), ("ae", "<", "be")],
}
_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "="}

# A condition as ogcapi.cql writes them: (parameter function, columns) → SQL.
Condition = Callable[[Callable[[object], sql.Composable], object], sql.Composable]


def temporal(node: Temporal, translator) -> Condition:
    """The condition of one temporal function; an OgcError (400) in words when an operand is not a time."""
    translator._count()
    a, b = _operand(node.lhs, translator), _operand(node.rhs, translator)
    literals = [e for e in (*a, *b) if isinstance(e, date)]
    by_day = bool(literals) and not any(isinstance(e, datetime) for e in literals)
    if not by_day:  # a date as a start: its first microsecond; as an end: its last
        a = (_stamp(a[0], start=True), _stamp(a[1], start=False))
        b = (_stamp(b[0], start=True), _stamp(b[1], start=False))
    for start, end in (a, b):
        if _known(start) and _known(end) and _compare(start, ">", end):
            raise bad_request(_("filter: an INTERVAL must not end before it starts."))
    ends = {"as": a[0], "ae": a[1], "bs": b[0], "be": b[1]}
    relation = _RELATIONS[node.name]
    branches = relation if isinstance(relation, tuple) else (relation,)
    terms = [[_term(ends[x], op, ends[y], by_day) for x, op, y in branch] for branch in branches]
    return lambda p, c: _sql(terms, p, c(c.created_at))


def _operand(value, translator) -> tuple:
    """The operand's (start, end): a date, a datetime, _PROPERTY, _LOW or _HIGH."""
    if isinstance(value, Interval):
        return _end(value.start, translator, _LOW), _end(value.end, translator, _HIGH)
    end = _end(value, translator, None)
    return end, end


def _end(value, translator, unbounded):
    from pygeofilter import ast

    translator._count()
    if value is OPEN and unbounded is not None:
        return unbounded
    if isinstance(value, ast.Attribute):
        translator._queryable(value, "time")
        return _PROPERTY
    if isinstance(value, date):  # and datetime
        if not YEARS[0] <= value.year <= YEARS[1]:
            raise bad_request(_("filter: dates must lie between the years %(first)s and %(last)s.") % _years())
        if isinstance(value, datetime) and value.tzinfo is None:
            return value.replace(tzinfo=UTC)  # CQL2 timestamps are UTC
        return value
    raise bad_request(_("filter: the temporal functions compare created_at with TIMESTAMP, DATE or INTERVAL."))


def _stamp(end, *, start: bool):
    if isinstance(end, date) and not isinstance(end, datetime):
        first = datetime.combine(end, time.min, tzinfo=WIB)
        return first if start else first + timedelta(days=1) - _MICROSECOND
    return end


def _known(end) -> bool:
    return end is not _PROPERTY and end is not _LOW and end is not _HIGH


def _rank(end) -> int:
    return -1 if end is _LOW else 1 if end is _HIGH else 0


def _compare(x, op: str, y) -> bool:
    rx, ry = _rank(x), _rank(y)
    if rx or ry:
        left, right = rx, ry
    else:
        left, right = x, y
    return {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right, "=": left == right}[op]


def _term(x, op: str, y, by_day: bool):
    """True, False, or (operator, value) for `created_at <operator> value`: the ends compared."""
    if x is _PROPERTY and y is _PROPERTY:
        return op in ("=", "<=", ">=")
    if x is not _PROPERTY and y is not _PROPERTY:
        return _compare(x, op, y)
    if x is not _PROPERTY:
        x, op, y = y, _FLIP[op], x
    if not _known(y):  # created_at against '..'
        return (y is _LOW and op in (">", ">=")) or (y is _HIGH and op in ("<", "<="))
    if not by_day:
        return [(op, y)]
    day = datetime.combine(y, time.min, tzinfo=WIB)
    next_day = day + timedelta(days=1)
    return {
        "<": [("<", day)],
        "<=": [("<", next_day)],
        "=": [(">=", day), ("<", next_day)],
        ">": [(">=", next_day)],
        ">=": [(">=", day)],
    }[op]


def _sql(branches, p, column: sql.Composable) -> sql.Composable:
    """OR of ANDs, folded: a False term drops its branch, a True one drops itself."""
    ors = []
    for terms in branches:
        if any(t is False for t in terms):
            continue
        ands = [column + sql.SQL(f" {op} ") + p(value) for t in terms if t is not True for op, value in t]
        if not ands:
            return sql.SQL("TRUE")
        ors.append(sql.SQL("(") + sql.SQL(" AND ").join(ands) + sql.SQL(")"))
    if not ors:
        return sql.SQL("FALSE")
    return sql.SQL("(") + sql.SQL(" OR ").join(ors) + sql.SQL(")")
