"""Working days in WIB (geoportal.clocks): Monday to Friday, holidays (workflow.Holiday) excluded.

A deadline of N working days from a moment is the same time of day N working days later (received on
Friday 15:00, one working day: Monday 15:00); a moment on a day off starts counting at the next working
day's midnight. Elapsed working days between two moments count only the hours that fall on working days,
so `working_days_between(t, working_deadline(t, n)) == n`. The SQL functions lapor_working_days and
lapor_working_deadline (workflow/sql/) compute the same inside PostgreSQL for the dashboards and the monthly
report's replays; tests/workflow/test_calendar.py holds the two to the same answers.
"""

from datetime import date, datetime, time, timedelta

import holidays as holiday_library

from geoportal.clocks import WIB


def holiday_dates() -> set[date]:
    from workflow.models import Holiday

    return set(Holiday.objects.values_list("date", flat=True))


def is_working_day(day: date, days_off: set[date]) -> bool:
    return day.weekday() < 5 and day not in days_off


def working_deadline(start: datetime, days: int, *, days_off: set[date] | None = None) -> datetime:
    days_off = holiday_dates() if days_off is None else days_off
    local = start.astimezone(WIB)
    day, clock = local.date(), local.timetz()
    if not is_working_day(day, days_off):
        clock = time(0, tzinfo=WIB)
        while not is_working_day(day, days_off):
            day += timedelta(days=1)
    for _ in range(days):
        day += timedelta(days=1)
        while not is_working_day(day, days_off):
            day += timedelta(days=1)
    return datetime.combine(day, clock.replace(tzinfo=None), tzinfo=WIB)


def working_days_between(start: datetime, end: datetime, *, days_off: set[date] | None = None) -> float:
    if end <= start:
        return 0.0
    days_off = holiday_dates() if days_off is None else days_off
    a, b = start.astimezone(WIB), end.astimezone(WIB)
    seconds = 0.0
    day = a.date()
    while day <= b.date():
        if is_working_day(day, days_off):
            lo = max(a, datetime.combine(day, time.min, tzinfo=WIB))
            hi = min(b, datetime.combine(day + timedelta(days=1), time.min, tzinfo=WIB))
            seconds += max(0.0, (hi - lo).total_seconds())
        day += timedelta(days=1)
    return seconds / 86400


def holidays_sync(*, years: range) -> int:
    """Add Indonesia's national holidays for these years (names in Bahasa Indonesia); returns how many were new.
    Days the administrator added are kept."""
    from workflow.models import Holiday

    national = holiday_library.country_holidays("ID", years=list(years), language="id")
    existing = set(Holiday.objects.filter(date__in=list(national)).values_list("date", flat=True))
    new = [Holiday(date=day, name=name[:120]) for day, name in sorted(national.items()) if day not in existing]
    Holiday.objects.bulk_create(new)
    return len(new)
