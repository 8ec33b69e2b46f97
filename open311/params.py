"""Reading an Open311 request's parameters: each refusal names the parameter as the client sent it, in the
reader's language; nothing malformed (a NUL byte, year 9999, a non-number, a huge list) reaches the database."""

import math
import re
from datetime import datetime, time, timedelta

from django.contrib.gis.geos import Point
from django.utils import timezone
from django.utils.translation import gettext as _

from open311.errors import Open311Error
from open311.selectors import JURISDICTION, RequestFilters

MAX_SPAN = timedelta(days=90)  # GeoReport v2: a date range "may not span more than 90 days"
MAX_IDS = 100
MAX_RADIUS_M = 50_000
DEFAULT_RADIUS_M = 1_000
_CODE = re.compile(r"[a-z0-9_-]{1,40}")
_TEXT_MAX = 4_000


def text(params, name: str, *, max_length: int = _TEXT_MAX) -> str:
    value = params.get(name, "") or ""
    if "\x00" in value:
        raise Open311Error(400, _("%(field)s: contains a character that is not allowed.") % {"field": name})
    if len(value) > max_length:
        raise Open311Error(400, _("%(field)s: too long (at most %(n)d characters).") % {"field": name, "n": max_length})
    return value.strip()


def jurisdiction_check(params) -> None:
    jurisdiction = text(params, "jurisdiction_id", max_length=100)
    if jurisdiction and jurisdiction.lower().removeprefix("www.") != JURISDICTION:
        raise Open311Error(404, _("jurisdiction_id: this server serves only %(ours)s.") % {"ours": JURISDICTION})


def number(params, name: str, *, low: float, high: float) -> float | None:
    raw = text(params, name, max_length=40)
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise Open311Error(400, _("%(field)s: must be a number.") % {"field": name}) from None
    if not math.isfinite(value) or not low <= value <= high:
        raise Open311Error(
            400, _("%(field)s: must be between %(low)s and %(high)s.") % {"field": name, "low": low, "high": high}
        )
    return value


def moment(params, name: str) -> datetime | None:
    """A W3C date-time (2026-11-01T00:00:00+07:00 or ...Z); a date alone is midnight in Trenggalek (WIB)."""
    raw = text(params, name, max_length=40)
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise Open311Error(
            400, _("%(field)s: not a date and time like 2026-11-01T00:00:00+07:00.") % {"field": name}
        ) from None
    if not 2000 <= value.year <= 2100:
        raise Open311Error(400, _("%(field)s: the year must be between 2000 and 2100.") % {"field": name})
    if value.tzinfo is None:
        value = timezone.make_aware(value if raw.find("T") > 0 else datetime.combine(value.date(), time.min))
    return value


def date_range(params) -> tuple[datetime, datetime]:
    """start_date and end_date: at most 90 days apart; the most recent 90 days when neither is given."""
    start, end = moment(params, "start_date"), moment(params, "end_date")
    if start is None and end is None:
        end = timezone.now()
    if start is None:
        start = end - MAX_SPAN
    if end is None:
        end = start + MAX_SPAN
    if end < start:
        raise Open311Error(400, _("end_date: must not be before start_date."))
    if end - start > MAX_SPAN:
        raise Open311Error(400, _("start_date, end_date: the range may span at most 90 days."))
    return start, end


def _listed(params, name: str, *, most: int) -> list[str]:
    raw = text(params, name, max_length=4_000)
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if len(items) > most:
        raise Open311Error(400, _("%(field)s: at most %(n)d values.") % {"field": name, "n": most})
    return items


def request_filters(params) -> RequestFilters:
    ids = _listed(params, "service_request_id", most=MAX_IDS)
    if ids:
        if not all(item.isascii() and item.isdigit() and 0 < int(item) < 2**63 for item in ids):
            raise Open311Error(400, _("service_request_id: use request numbers, separated by commas."))
        return RequestFilters(ids=tuple(int(item) for item in ids))
    codes = _listed(params, "service_code", most=MAX_IDS)
    if not all(_CODE.fullmatch(code) for code in codes):
        raise Open311Error(400, _("service_code: use codes from the service list, separated by commas."))
    statuses = [status.lower() for status in _listed(params, "status", most=2)]
    if not set(statuses) <= {"open", "closed"}:
        raise Open311Error(400, _("status: use open, closed or both (open,closed)."))
    start, end = date_range(params)
    lat = number(params, "lat", low=-90, high=90)
    lon = number(params, "long", low=-180, high=180)
    radius = number(params, "radius", low=1, high=MAX_RADIUS_M)
    if (lat is None) != (lon is None):
        raise Open311Error(400, _("lat, long: give both, or neither."))
    if radius is not None and lat is None:
        raise Open311Error(400, _("radius: give lat and long with it."))
    return RequestFilters(
        service_codes=tuple(codes),
        start=start,
        end=end,
        statuses=tuple(statuses),
        near=Point(lon, lat, srid=4326) if lat is not None else None,
        radius_m=radius or DEFAULT_RADIUS_M,
    )
