"""Limits per client address, counted in PostgreSQL so that every gunicorn worker sees the same count.

Fixed windows (a minute, an hour): one upsert per request adds to the sender's current window of each length and
returns the new counts, so the check and the count are one atomic statement. The address is kept only as a
salted hash (the same as the report flood limit's).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from geoportal.models import RateCount, Report
from geoportal.selectors.reports import report_by_tracking_code
from geoportal.services.submissions import submission_sender

TRACKING = "tracking"


@dataclass(frozen=True)
class Limit:
    window: timedelta
    most: int


class RateLimited(Exception):
    """Over a limit: `message` in the user's language, `retry_after` in whole seconds."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


def tracking_limits() -> list[Limit]:
    return [
        Limit(timedelta(minutes=1), settings.TRACKING_LOOKUPS_PER_MINUTE),
        Limit(timedelta(hours=1), settings.TRACKING_LOOKUPS_PER_HOUR),
    ]


def rate_count(
    *,
    scope: str,
    address: str,
    limits: list[Limit],
    cost: int = 1,
    refused_counts: bool = False,
    now: datetime | None = None,
) -> int:
    """Add `cost` to the address's current windows; the seconds until it may go on (0: within every limit).

    A refused request is taken back out unless `refused_counts`: it looked nothing up, and counting it would
    only prolong the wait of everyone behind the same address (mobile networks put many phones behind one)."""
    now = now or timezone.now()
    sender = submission_sender(address=address)
    epoch = int(now.timestamp())
    rows = []
    for limit in limits:
        seconds = int(limit.window.total_seconds())
        rows.append((scope, sender, seconds, datetime.fromtimestamp(epoch - epoch % seconds, tz=UTC), cost))
    table = RateCount._meta.db_table
    # Raw SQL: INSERT ... ON CONFLICT DO UPDATE ... RETURNING counts and checks in one statement, race-free.
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (scope, sender, seconds, started_at, count) VALUES "
            + ", ".join(["(%s, %s, %s, %s, %s)"] * len(rows))
            + f" ON CONFLICT (scope, sender, seconds, started_at) DO UPDATE SET count = {table}.count + EXCLUDED.count"
            " RETURNING seconds, started_at, count, (xmax = 0) AS inserted",
            [value for row in rows for value in row],
        )
        counted = cursor.fetchall()
    if any(inserted for *_rest, inserted in counted):  # a new window began: drop the finished ones
        longest = max(limit.window for limit in limits)
        RateCount.objects.filter(scope=scope, started_at__lt=now - longest).delete()
    most = {int(limit.window.total_seconds()): limit.most for limit in limits}
    waits = [
        (started_at + timedelta(seconds=seconds) - now).total_seconds()
        for seconds, started_at, count, _inserted in counted
        if count > most[seconds]
    ]
    if not waits:
        return 0
    if not refused_counts:
        for seconds, started_at, _count, _inserted in counted:
            RateCount.objects.filter(scope=scope, sender=sender, seconds=seconds, started_at=started_at).update(
                count=F("count") - cost
            )
    return max(1, int(max(waits) + 0.999))


def tracking_lookup(*, code: str, address: str, opens: Callable[[Report], bool] | None = None) -> Report | None:
    """The report a tracking code opens (or None), counted against the address's limits: every look-up and
    answer at every door (page, answer form, home page search, API) counts; a code that opens nothing counts
    TRACKING_MISS_COST times, since guessing is what the limit is for. Over the limit: RateLimited, and the
    code is not even looked at. `opens` narrows what counts as found (a staff member's visible reports): a report
    it refuses answers, and costs, exactly like a missing one."""
    limits = tracking_limits()
    wait = rate_count(scope=TRACKING, address=address, limits=limits)
    if not wait:
        report = report_by_tracking_code(code=code)
        if report is not None and opens is not None and not opens(report):
            report = None
        if report is None and settings.TRACKING_MISS_COST > 1:  # the next look-up sees the extra cost
            extra = settings.TRACKING_MISS_COST - 1
            rate_count(scope=TRACKING, address=address, limits=limits, cost=extra, refused_counts=True)
        return report
    minutes = max(1, (wait + 59) // 60)
    raise RateLimited(
        _("Too many tracking-code look-ups from your connection. Wait %(minutes)d minute(s), then try again.")
        % {"minutes": minutes},
        retry_after=wait,
    )
