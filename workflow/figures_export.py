"""The dashboard's figures tables as rows for a CSV: every column of the selectors' dataclasses, rounded by the one
rounding rule (workflow.figures_format: working days to one decimal, percentages to whole numbers, half away from
zero), with the period and the instant they are computed at on every row.

Columns follow the dataclasses (workflow.selectors.performance) by name, so a figure added there appears here:
times end in `_working_days`, shares in `_percent`; numbers are written with a decimal point (machine-readable).
"""

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from geoportal.clocks import WIB
from workflow.figures_format import days_rounded, percent_rounded
from workflow.selectors import (
    AreaFigures,
    OpdFigures,
    Period,
    PeriodSummary,
    category_performance,
    kecamatan_performance,
    opd_performance,
    period_summary,
    received_per_month,
    squad_performance,
)

_DAYS_SUFFIXES = ("_median", "_p90")


@dataclass(frozen=True)
class FiguresTable:
    stem: str  # the file name's start
    rows: Callable  # (period, as_of) -> list of the dataclass, or of tuples for `columns`
    kind: type | None = None
    columns: tuple[str, ...] = ()  # for tuple rows


def _months(period: Period, as_of: datetime) -> list[tuple]:
    return [
        (f"{month:%Y-%m}", received, resolved)
        for month, received, resolved in received_per_month(period=period, as_of=as_of)
    ]


TABLES: dict[str, FiguresTable] = {
    "opd": FiguresTable("kinerja-opd", lambda p, a: opd_performance(period=p, as_of=a), OpdFigures),
    "kecamatan": FiguresTable("kinerja-kecamatan", lambda p, a: kecamatan_performance(period=p, as_of=a), AreaFigures),
    "label": FiguresTable("kinerja-label", lambda p, a: category_performance(period=p, as_of=a), AreaFigures),
    "pasukan": FiguresTable("kinerja-pasukan", lambda p, a: squad_performance(period=p, as_of=a), AreaFigures),
    "bulanan": FiguresTable("laporan-per-bulan", _months, None, ("month", "received", "resolved")),
    "ringkasan": FiguresTable("ringkasan", lambda p, a: [period_summary(period=p, as_of=a)], PeriodSummary),
}


def _properties(kind: type) -> list[str]:
    return [name for name, value in vars(kind).items() if isinstance(value, property)]


def _cell(name: str, value):
    if value is None:
        return ""
    if name.endswith(_DAYS_SUFFIXES):
        return str(days_rounded(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def figures_table(*, table: str, period: Period, as_of: datetime | None = None) -> tuple[list[str], list[list]]:
    """(header, rows) of one dashboard table for the period, as at `as_of` (now when not given)."""
    spec = TABLES[table]
    as_of = as_of or datetime.now(tz=WIB)
    items = spec.rows(period, as_of)
    tail_header = ["period_start", "period_end", "as_of"]
    tail = [
        f"{period.start:%Y-%m-%d}",
        f"{period.end - timedelta(days=1):%Y-%m-%d}",
        as_of.astimezone(WIB).replace(microsecond=0).isoformat(),
    ]
    if spec.kind is None:
        return [*spec.columns, *tail_header], [[*row, *tail] for row in items]
    fields = [f.name for f in dataclasses.fields(spec.kind)]
    plain = [name for name in fields if not any(isinstance(getattr(i, name), dict) for i in items)]
    nested = {name: sorted({k for i in items for k in getattr(i, name)}) for name in fields if name not in plain}
    shares = _properties(spec.kind)
    header = [f"{name}_working_days" if name.endswith(_DAYS_SUFFIXES) else name for name in plain]
    header += [f"{name}_{key}" for name, keys in nested.items() for key in keys]
    header += [f"{name}_percent" for name in shares]
    rows = []
    for item in items:
        row = [_cell(name, getattr(item, name)) for name in plain]
        row += [getattr(item, name).get(key, 0) for name, keys in nested.items() for key in keys]
        row += [_cell(name, percent_rounded(getattr(item, name))) for name in shares]
        rows.append(row + tail)
    return header + tail_header, rows


def figures_filename(*, table: str, period: Period) -> str:
    last = period.end - timedelta(days=1)
    return f"{TABLES[table].stem}_{period.start:%Y-%m-%d}_{last:%Y-%m-%d}"


def period_from(*, month: str | None = None, start: date | None = None, end: date | None = None) -> Period:
    """The period a figures export asks for: a month (YYYY-MM), or first and last day (inclusive)."""
    if month:
        year, number = (int(part) for part in month.split("-"))
        return Period.month(year, number)
    return Period(start, end + timedelta(days=1))
