"""Guards of the public report door: a flood limit per sender and a honeypot against bots.

The limit is counted in PostgreSQL rather than in a cache: every gunicorn worker sees the same count without
a shared cache server, and the address is stored only as a salted hash.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from geoportal.models import SubmissionThrottle

# (window, most submissions from one sender within it)
LIMITS = [(timedelta(minutes=10), 5), (timedelta(days=1), 30)]


def submission_sender(*, address: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}|{address}".encode()).hexdigest()


def submission_refusal(*, sender: str, now=None) -> str | None:
    """Why this sender may not submit now (too many reports lately), or None."""
    now = now or timezone.now()
    for window, most in LIMITS:
        if SubmissionThrottle.objects.filter(sender=sender, created_at__gte=now - window).count() >= most:
            minutes = int(window.total_seconds() // 60)
            return _(
                "You have sent many reports in a short time (%(most)d in %(minutes)d minutes). Wait a little and "
                "try again; reports already sent are safe."
            ) % {"most": most, "minutes": minutes}
    return None


def submission_record(*, sender: str) -> None:
    now = timezone.now()
    SubmissionThrottle.objects.create(sender=sender, created_at=now)
    SubmissionThrottle.objects.filter(created_at__lt=now - max(window for window, _most in LIMITS)).delete()
