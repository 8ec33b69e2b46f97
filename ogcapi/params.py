"""The query parameters of OGC API – Features items, checked once; every refusal is an OgcError in words."""

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.contrib.gis.gdal import CoordTransform, GDALException, OGRGeometry, SpatialReference
from django.utils.translation import gettext as _

from geoportal.clocks import WIB
from geoportal.selectors.reports import Cursor, Output
from ogcapi.crs import CRS84, SUPPORTED, crs_output
from ogcapi.errors import OgcError, bad_request

DEFAULT_LIMIT = 100
MAX_LIMIT = 5000
_KODE = re.compile(r"^\d{2}\.\d{2}(\.\d{2}(\.\d{4})?)?$")
_CODE = re.compile(r"^[a-z0-9_-]{1,40}$")
MAX_FILTER = 8000  # characters of a CQL2 filter (ogcapi.cql.MAX_LENGTH)
COMMON = {"f", "crs", "bbox", "bbox-crs", "limit", "datetime", "cursor"}


@dataclass(frozen=True)
class ItemQuery:
    output: Output
    crs: str
    limit: int
    bbox: tuple[float, float, float, float] | None = None  # always CRS84
    after: str | None = None  # raw cursor text
    start: datetime | None = None
    end: datetime | None = None
    properties: dict[str, tuple[str, ...]] = field(default_factory=dict)
    filter: str | None = None  # CQL2, checked by ogcapi.cql with filter_lang and filter_crs
    filter_lang: str | None = None
    filter_crs: str | None = None


def _clean(query) -> dict[str, str]:
    values = {}
    for key in query:
        items = query.getlist(key)
        if len(items) > 1:
            raise bad_request(_("The parameter “%s” is given more than once.") % key[:40])
        value = items[0]
        if "\x00" in value or "\x00" in key or len(value) > (MAX_FILTER if key == "filter" else 2000):
            raise bad_request(_("The parameter “%s” holds characters or a length that is not allowed.") % key[:40])
        values[key] = value
    return values


def _bbox(text: str, crs: str) -> tuple[float, float, float, float]:
    try:
        numbers = [float(part) for part in text.split(",")]
    except ValueError:
        raise bad_request(_("bbox: give four numbers separated by commas: min x, min y, max x, max y.")) from None
    if len(numbers) == 6:  # with heights: ignored, the reports are 2D
        numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
    if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
        raise bad_request(_("bbox: give four numbers separated by commas: min x, min y, max x, max y."))
    output = SUPPORTED[crs]
    if output.lat_lon:
        numbers = [numbers[1], numbers[0], numbers[3], numbers[2]]
    minx, miny, maxx, maxy = numbers
    if minx > maxx or miny > maxy:
        raise bad_request(_("bbox: the minimum must not be larger than the maximum."))
    if output.srid == 4326:
        if not (-180 <= minx <= 180 and -180 <= maxx <= 180 and -90 <= miny <= 90 and -90 <= maxy <= 90):
            raise bad_request(_("bbox: longitudes must lie in -180..180 and latitudes in -90..90."))
        return minx, miny, maxx, maxy
    if max(abs(n) for n in numbers) > 4e7:
        raise bad_request(_("bbox: the coordinates lie outside the coordinate reference system."))
    try:
        box = OGRGeometry.from_bbox(numbers)
        box.srs = SpatialReference(output.srid)
        box.transform(CoordTransform(SpatialReference(output.srid), SpatialReference(4326)))
        minx, maxx, miny, maxy = (
            box.envelope.tuple[0],
            box.envelope.tuple[2],
            box.envelope.tuple[1],
            box.envelope.tuple[3],
        )
    except GDALException:
        raise bad_request(_("bbox: the coordinates lie outside the coordinate reference system.")) from None
    if not all(math.isfinite(n) for n in (minx, miny, maxx, maxy)):
        raise bad_request(_("bbox: the coordinates lie outside the coordinate reference system."))
    return minx, miny, maxx, maxy


def _instant(text: str, *, end: bool) -> datetime | None:
    if text in ("..", ""):
        return None
    if len(text) == 11 and text[10] in "Tt":  # a date as GDAL 3.6 writes it for `-where "created_at > '…'"`
        text = text[:10]
    try:
        if "T" not in text.upper():
            day = date.fromisoformat(text)
            return datetime.combine(day, time.max if end else time.min, tzinfo=WIB)
        moment = datetime.fromisoformat(text.upper().replace("Z", "+00:00"))
    except (ValueError, OverflowError):
        raise bad_request(
            _("datetime: give an RFC 3339 time (2026-10-01T08:00:00Z), a date, or an interval start/end with “..”.")
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=WIB)
    return moment


def _datetime(text: str) -> tuple[datetime | None, datetime | None]:
    if "/" in text:
        first, _slash, second = text.partition("/")
        start, end = _instant(first, end=False), _instant(second, end=True)
        if start and end and start > end:
            raise bad_request(_("datetime: the interval ends before it starts."))
        return start, end
    if text == "..":
        raise bad_request(_("datetime: “..” is allowed only as one end of an interval."))
    if "T" in text.upper() and len(text) != 11:
        moment = _instant(text, end=False)
        return moment, moment
    return _instant(text, end=False), _instant(text, end=True)


def item_query(query, *, properties: dict[str, str], filters_allowed: bool = False) -> ItemQuery:
    """Parse the items request. `properties`: the queryable name → 'list' (comma-separated codes), 'kode', or 'time'
    (as `datetime`, and with it)."""
    values = _clean(query)
    unknown = (
        set(values) - COMMON - set(properties) - ({"filter", "filter-lang", "filter-crs"} if filters_allowed else set())
    )
    if unknown:
        raise bad_request(_("Unknown parameter: %s.") % ", ".join(sorted(name[:40] for name in unknown)))
    crs = values.get("crs", CRS84)
    output = crs_output(crs)
    if output is None:
        raise bad_request(_("crs: this coordinate reference system is not offered here."))
    bbox_crs = values.get("bbox-crs", CRS84)
    if crs_output(bbox_crs) is None:
        raise bad_request(_("bbox-crs: this coordinate reference system is not offered here."))
    bbox = _bbox(values["bbox"], bbox_crs.strip()) if "bbox" in values else None
    limit = DEFAULT_LIMIT
    if "limit" in values:
        if not re.fullmatch(r"\d{1,9}", values["limit"]) or int(values["limit"]) < 1:
            raise bad_request(_("limit: give a whole number of at least 1."))
        limit = min(int(values["limit"]), MAX_LIMIT)  # larger asks get the largest page
    start, end = _datetime(values["datetime"]) if "datetime" in values else (None, None)
    chosen = {}
    for name, kind in properties.items():
        if name not in values:
            continue
        if kind == "time":  # as datetime: an instant, a date or an interval; both must hold
            try:
                first, last = _datetime(values[name])
            except OgcError:
                raise bad_request(_("%s: not a valid value.") % name) from None
            start = max((t for t in (start, first) if t is not None), default=None)
            end = min((t for t in (end, last) if t is not None), default=None)  # disjoint: no report
            continue
        parts = tuple(part.strip() for part in values[name].split(",") if part.strip())
        pattern = _KODE if kind == "kode" else _CODE
        if not parts or not all(pattern.match(part) for part in parts) or len(parts) > 50:
            raise bad_request(_("%s: not a valid value.") % name)
        chosen[name] = parts
    return ItemQuery(
        output=output,
        crs=crs.strip(),
        limit=limit,
        bbox=bbox,
        after=values.get("cursor"),
        start=start,
        end=end,
        properties=chosen,
        filter=values.get("filter"),
        filter_lang=values.get("filter-lang"),
        filter_crs=values.get("filter-crs"),
    )


def report_cursor(text: str | None) -> Cursor | None:
    if text is None:
        return None
    try:
        return Cursor.decode(text)
    except ValueError:
        raise bad_request(_("cursor: this page position is not valid; start again from the first page.")) from None


def area_cursor(text: str | None) -> str | None:
    if text is not None and not _KODE.match(text):
        raise bad_request(_("cursor: this page position is not valid; start again from the first page."))
    return text
