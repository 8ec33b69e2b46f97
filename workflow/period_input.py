"""Which period (and which instant) leadership asked for, from the query string: `?bulan=YYYY-MM`, or
`?dari=YYYY-MM-DD&sampai=YYYY-MM-DD` (both days included), and `?per=sekarang|akhir`. Read by the dashboard and by
the period PDF alike; every refusal is a sentence in the user's language, never an exception."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as _

from workflow.selectors import MAX_PERIOD_DAYS, Period

FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)
AT_NOW, AT_END = "sekarang", "akhir"


@dataclass
class PeriodChoice:
    period: Period
    at: str = AT_NOW  # AT_NOW or AT_END
    errors: list[str] = field(default_factory=list)
    custom: bool = False  # chosen as two days rather than a month

    @property
    def query(self) -> str:
        return f"dari={self.period.start:%Y-%m-%d}&sampai={self.period.last_day:%Y-%m-%d}"


def _day(text: str) -> date | None:
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _month(text: str) -> Period | None:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if not match or not 2000 <= int(match[1]) <= 2100 or not 1 <= int(match[2]) <= 12:
        return None
    return Period.month(int(match[1]), int(match[2]))


def period_from_query(query, *, today: date) -> PeriodChoice:
    """The period asked for; this month (with the reasons in `errors`) when what was asked cannot be read."""
    this_month = Period.month(today.year, today.month)
    at = query.get("per", AT_NOW)
    errors = []
    if at not in (AT_NOW, AT_END):
        errors.append(_("Choose the figures “now” or “at the end of the period”."))
        at = AT_NOW
    start_text, end_text = query.get("dari"), query.get("sampai")
    if start_text is not None or end_text is not None:
        if not start_text or not end_text:
            return PeriodChoice(this_month, at, [*errors, _("Give both the first and the last day of the period.")])
        start, end = _day(start_text[:20]), _day(end_text[:20])
        if start is None or end is None:
            return PeriodChoice(this_month, at, [*errors, _("Give the days like 2026-04-01.")])
        if not (FIRST_DAY <= start <= LAST_DAY and FIRST_DAY <= end <= LAST_DAY):
            return PeriodChoice(this_month, at, [*errors, _("Days must lie between 2000-01-01 and 2100-12-31.")])
        if start > end:
            return PeriodChoice(this_month, at, [*errors, _("The first day must not come after the last day.")])
        if (end - start).days + 1 > MAX_PERIOD_DAYS:
            message = _("A period may last at most %(days)s days.") % {"days": MAX_PERIOD_DAYS}
            return PeriodChoice(this_month, at, [*errors, message])
        return PeriodChoice(Period(start, end + timedelta(days=1)), at, errors, custom=True)
    month_text = query.get("bulan")
    if not month_text:  # none, or the month list's "another period"
        return PeriodChoice(this_month, at, errors)
    period = _month(month_text[:20])
    if period is None:
        return PeriodChoice(this_month, at, [*errors, _("Choose a month like 2026-10.")])
    return PeriodChoice(period, at, errors)
