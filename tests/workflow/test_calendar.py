import random
from datetime import date, datetime, timedelta

import pytest
from django.db import connection

from geoportal.clocks import WIB
from workflow.calendar import holiday_dates, working_days_between, working_deadline


def wib(*args) -> datetime:
    return datetime(*args, tzinfo=WIB)


NO_HOLIDAYS: set[date] = set()


def test_a_friday_afternoon_deadline_falls_on_monday():
    assert working_deadline(wib(2026, 11, 20, 15, 0), 1, days_off=NO_HOLIDAYS) == wib(2026, 11, 23, 15, 0)


def test_a_report_made_on_saturday_starts_counting_on_monday_midnight():
    assert working_deadline(wib(2026, 11, 21, 10, 0), 1, days_off=NO_HOLIDAYS) == wib(2026, 11, 24, 0, 0)
    assert working_days_between(wib(2026, 11, 21, 10), wib(2026, 11, 23, 6), days_off=NO_HOLIDAYS) == 0.25


@pytest.mark.django_db
def test_national_holidays_are_not_working_days(holidays):
    # Nyepi 2026 is Thursday 19 March: Wednesday 15:00 plus two working days is Monday 23 March 15:00.
    assert date(2026, 3, 19) in holiday_dates()
    assert working_deadline(wib(2026, 3, 18, 15, 0), 2) == wib(2026, 3, 23, 15, 0)
    assert working_days_between(wib(2026, 3, 18, 15, 0), wib(2026, 3, 23, 15, 0)) == pytest.approx(2.0)
    # Idul Fitri 2026 (Saturday 21 and Sunday 22 March) falls on a weekend: nothing more is lost.
    assert working_days_between(wib(2026, 3, 20, 0), wib(2026, 3, 24, 0)) == pytest.approx(2.0)


@pytest.mark.django_db
def test_sql_and_python_agree_on_deadlines_and_durations(holidays):
    rng = random.Random(2026)
    days_off = holiday_dates()
    with connection.cursor() as cursor:
        for _ in range(200):
            start = wib(2026, 1, 1) + timedelta(minutes=rng.randrange(0, 60 * 24 * 360))
            end = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 30))
            n = rng.randrange(0, 15)
            cursor.execute("SELECT lapor_working_deadline(%s, %s), lapor_working_days(%s, %s)", [start, n, start, end])
            deadline, elapsed = cursor.fetchone()
            assert deadline == working_deadline(start, n, days_off=days_off)
            assert elapsed == pytest.approx(working_days_between(start, end, days_off=days_off), abs=1e-9)
            assert working_days_between(start, deadline, days_off=days_off) == pytest.approx(n)


@pytest.mark.django_db
def test_a_clock_that_has_not_stopped_has_no_duration():
    with connection.cursor() as cursor:
        cursor.execute("SELECT lapor_working_days(now(), NULL), lapor_working_deadline(NULL, 2)")
        assert cursor.fetchone() == (None, None)
