"""CQL2 text and JSON into pygeofilter's AST, as CQL2 1.0 (OGC 21-065r2) writes them.

pygeofilter 0.4.0 reads most of CQL2, but not its temporal functions: its text grammar wants them infix
(`created_at T_AFTER …` instead of `T_AFTER(created_at, …)`), its INTERVAL takes neither dates, nor `'..'`, nor
properties; NOT takes no parenthesised AND/OR; `true` alone is no filter; it knows the draft names (T_BEGINS,
T_ENDS) but not T_STARTS, T_FINISHES or T_DISJOINT, and maps t_intersects to T_OVERLAPS. Its JSON reader also
files a `bbox` array in the wrong order and reads `between` in the draft's form. So:
- text: pygeofilter's own grammar and transformer, with the temporal rule, INTERVAL, the literal keywords, NOT
  and a boolean condition rewritten (pinned: when a rewrite no longer applies, the first parse raises and
  tests/ogcapi/test_cql2.py fails);
- JSON: read here, into the same AST.
Temporal functions become a Temporal node (below); everything else is pygeofilter's AST."""

import json
import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

TEMPORAL_FUNCTIONS = (
    "t_after", "t_before", "t_contains", "t_disjoint", "t_during", "t_equals", "t_finishedby", "t_finishes",
    "t_intersects", "t_meets", "t_metby", "t_overlappedby", "t_overlaps", "t_startedby", "t_starts",
)  # fmt: skip
SPATIAL_FUNCTIONS = (
    "s_intersects", "s_equals", "s_disjoint", "s_touches", "s_within", "s_overlaps", "s_crosses", "s_contains",
)  # fmt: skip
MAX_DEPTH = 60  # of a JSON expression

# The years a date in a filter may name (outside them: a 400 saying so, not PostgreSQL's out-of-range error).
YEARS = (1900, 2200)


def years() -> dict:
    """YEARS for the refusal's words."""
    return {"first": YEARS[0], "last": YEARS[1]}


class Open:
    """`'..'`: an interval's unbounded end."""

    def __repr__(self) -> str:
        return "'..'"


OPEN = Open()


@dataclass(frozen=True)
class Interval:
    start: object  # a date, a datetime, an ast.Attribute or OPEN
    end: object


@dataclass(frozen=True)
class Temporal:
    """A CQL2 temporal function (T_AFTER … T_STARTS) on two instants or intervals."""

    name: str  # lower case, one of TEMPORAL_FUNCTIONS
    lhs: object  # a date, a datetime, an Interval or an ast.Attribute
    rhs: object


# -- text ------------------------------------------------------------------------------------------------------------
_NEW_TEMPORAL_RULE = (
    '?temporal_predicate: _temporal_function "(" expression "," expression ")" -> temporal_function\n'
    "!_temporal_function: " + " | ".join(f'"{name.upper()}"i' for name in TEMPORAL_FUNCTIONS) + "\n"
)
_LITERALS = """?timestamp: "TIMESTAMP" "(" "'" DATETIME "'" ")"
?interval: "INTERVAL" "("  "'" DATETIME "'" "," "'" DATETIME "'" ")"
?date: "DATE" "(" "'" DATE "'" ")"
"""
_BOOLEANS = """            | boolean_condition
            | "NOT"i boolean_condition -> not_
boolean_condition.2: BOOLEAN
"""
_NEW_LITERALS = """?timestamp: "TIMESTAMP"i "(" "'" DATETIME "'" ")"
interval: "INTERVAL"i "(" _bound "," _bound ")"
_bound: "'" DATETIME "'" | "'" DATE "'" | OPEN_END | attribute
OPEN_END: "'..'"
?date: "DATE"i "(" "'" DATE "'" ")"
"""


@cache
def _text_parser():
    from lark import Lark, v_args
    from pygeofilter.parsers import cql2_text
    from pygeofilter.parsers.cql2_text.parser import CQLTransformer

    folder = os.path.dirname(cql2_text.__file__)
    with open(os.path.join(folder, "grammar.lark"), encoding="utf-8") as f:
        grammar = f.read()
    temporal = re.compile(r"\?temporal_predicate: expression _binary_temporal_predicate_func expression.*?\n\n\n", re.S)
    if not temporal.search(grammar) or _LITERALS not in grammar:
        raise RuntimeError("pygeofilter's CQL2 text grammar changed: ogcapi.cql_parse needs a look")
    not_rule = '''| "NOT"i "(" predicate ")"'''
    if not_rule not in grammar:
        raise RuntimeError("pygeofilter's CQL2 text grammar changed: ogcapi.cql_parse needs a look")
    grammar = temporal.sub(_NEW_TEMPORAL_RULE + "\n\n", grammar).replace(_LITERALS, _NEW_LITERALS)
    grammar = grammar.replace(not_rule, '''| "NOT"i "(" condition ")"''')  # NOT (a AND b) too
    nested = """            | "(" condition ")"\n"""
    if grammar.count(nested) != 1:
        raise RuntimeError("pygeofilter's CQL2 text grammar changed: ogcapi.cql_parse needs a look")
    grammar = grammar.replace(nested, nested + _BOOLEANS)  # `true` alone is a filter (basic-cql2)

    @v_args(meta=False, inline=True)
    class Transformer(CQLTransformer):
        def temporal_function(self, name, lhs, rhs):
            return Temporal(str(name).lower(), lhs, rhs)

        def interval(self, start, end):
            return Interval(start, end)

        def boolean_condition(self, value):
            return value

        def OPEN_END(self, _token):  # noqa: N802 (lark's names for the terminals)
            return OPEN

        def DATETIME(self, token):  # noqa: N802 (pygeofilter's reads 2026-13-01 as 13 January)
            return _timestamp(str(token))

        def DATE(self, token):  # noqa: N802
            return date.fromisoformat(str(token))

    return Lark(
        grammar,
        parser="lalr",
        maybe_placeholders=False,
        transformer=Transformer(),
        import_paths=[os.path.dirname(folder)],
    )


def parse_text(text: str):
    return _text_parser().parse(text)


# -- JSON ------------------------------------------------------------------------------------------------------------
_COMPARISONS = {"=": "Equal", "<>": "NotEqual", "<": "LessThan", "<=": "LessEqual", ">": "GreaterThan"}
_COMPARISONS[">="] = "GreaterEqual"


def parse_json(text: str):
    return _json(json.loads(text), 0)


def _json(node, depth: int):  # noqa: C901 (one branch per kind of node)
    from pygeofilter import ast, values
    from pygeofilter.cql2 import SPATIAL_PREDICATES_MAP

    if depth > MAX_DEPTH:
        raise RecursionError
    if isinstance(node, str | int | float | bool):
        return node
    if isinstance(node, list):
        return [_json(n, depth + 1) for n in node]
    if not isinstance(node, dict):
        raise ValueError("not a CQL2 node")
    if "property" in node:
        return ast.Attribute(_str(node["property"]))
    if "date" in node:
        return date.fromisoformat(_str(node["date"]))
    if "timestamp" in node:
        return _timestamp(_str(node["timestamp"]))
    if "interval" in node:
        bounds = node["interval"]
        if not isinstance(bounds, list) or len(bounds) != 2:
            raise ValueError("an interval has two ends")
        return Interval(*(_bound(b, depth) for b in bounds))
    if "bbox" in node:  # as the text's BBOX(…): pygeofilter's Envelope would read the numbers in another order
        numbers = node["bbox"]
        if not isinstance(numbers, list):
            raise ValueError("a bbox is a list of numbers")
        return ast.Function("bbox", numbers)
    if "type" in node and ("coordinates" in node or "geometries" in node):
        return values.Geometry(node)
    if "op" not in node:
        raise ValueError("not a CQL2 node")
    op = _str(node["op"])
    args = node.get("args")
    args = [_json(a, depth + 1) for a in args] if isinstance(args, list) else [_json(args, depth + 1)]
    name = op.lower()
    if name in ("and", "or") and len(args) >= 2:
        return (ast.And if name == "and" else ast.Or).from_items(*args)
    if name == "not" and len(args) == 1:
        return ast.Not(args[0])
    if op in _COMPARISONS and len(args) == 2:
        return getattr(ast, _COMPARISONS[op])(*args)
    if name == "like" and len(args) == 2:
        return ast.Like(args[0], args[1], False, "%", "_", "\\", False)
    if name == "between" and len(args) in (2, 3):
        low, high = args[1:] if len(args) == 3 else (args[1] if isinstance(args[1], list) else [None, None])
        return ast.Between(args[0], low, high, False)
    if name == "in" and len(args) == 2 and isinstance(args[1], list):
        return ast.In(args[0], args[1], False)
    if name == "isnull" and len(args) == 1:
        return ast.IsNull(args[0], False)
    if name in SPATIAL_FUNCTIONS and len(args) == 2:
        return SPATIAL_PREDICATES_MAP[name](*args)
    if name in TEMPORAL_FUNCTIONS and len(args) == 2:
        return Temporal(name, *args)
    return ast.Function(op[:40], args)  # refused by name in ogcapi.cql


def _str(value) -> str:
    if not isinstance(value, str):
        raise ValueError("a string was expected")
    return value


def _timestamp(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _bound(value, depth: int):
    if value == "..":
        return OPEN
    if isinstance(value, dict):
        return _json(value, depth + 1)
    text = _str(value)
    return date.fromisoformat(text) if len(text) == 10 else _timestamp(text)
