"""Failed sign-ins and lockouts (django-axes), for every door that checks a password: /masuk/, /admin/ and
POST /api/auth/token/ (all go through django.contrib.auth.authenticate with the request).

The policy (settings: LOGIN_FAILURE_LIMIT, LOGIN_ADDRESS_FAILURE_LIMIT, LOGIN_LOCKOUT_MINUTES):
- a username is locked only together with the address it is tried from (LOGIN_FAILURE_LIMIT failures): someone
  guessing an officer's password from elsewhere cannot lock the officer out of their own office or QGIS;
- an address is locked for every username after LOGIN_ADDRESS_FAILURE_LIMIT failures (someone trying many
  usernames, "password spraying"). It is higher than the pair's limit because a whole office shares one address;
- a lock ends LOGIN_LOCKOUT_MINUTES after the last counted failure; attempts during a lock are refused without
  being counted, so the time shown stays true. A success clears that username's failures from that address.
Guessing one username from many addresses is slowed by the pair limit per address and by the password rules;
an administrator can unlock with `manage.py axes_reset_username <name>` or `axes_reset_ip <address>`.
"""

from datetime import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _


class LoginFailureHandler(AxesDatabaseHandler):
    """Axes' database handler with one limit for the (username, address) pair and another for the address.

    Axes compares one failure count with one limit (AXES_FAILURE_LIMIT, the pair's); the address's count is
    put on that scale, so axes' single comparison applies both limits exactly. The groups follow
    AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"], in that order."""

    def _groups(self, request, credentials):
        pair, address = self.get_user_attempts(request, credentials)
        return [(pair, settings.LOGIN_FAILURE_LIMIT), (address, settings.LOGIN_ADDRESS_FAILURE_LIMIT)]

    def get_failures(self, request, credentials=None) -> int:
        scaled = [
            (attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0) * settings.LOGIN_FAILURE_LIMIT // limit
            for attempts, limit in self._groups(request, credentials)
        ]
        return max(scaled)

    def locked_until(self, request, credentials=None) -> datetime | None:
        """When the lock on this request's username and address ends (None: not locked)."""
        ends = []
        for attempts, limit in self._groups(request, credentials):
            figures = attempts.aggregate(n=Sum("failures_since_start"), last=Max("attempt_time"))
            if (figures["n"] or 0) >= limit:
                ends.append(figures["last"] + get_cool_off(request))
        return max(ends, default=None)

    def reset_user_attempts(self, request, credentials=None) -> int:
        # After a success, forget only this username's failures from this address: resetting the address's
        # count too would let someone spraying usernames clear it by signing in to an account of their own.
        pair = self.filter_user_attempts(request, credentials)[0]
        deleted, _by_model = pair.delete()
        return deleted


def login_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """AXES_USERNAME_CALLABLE: the username tried, cut to the longest an account can have. The sign-in form
    does not enforce that length before authenticating, and axes stores at most 255 characters."""
    source = credentials or getattr(request, "data", request.POST)
    username = source.get("username")
    return None if username is None else str(username)[:150]


def lockout_message(request: HttpRequest, credentials: dict | None) -> tuple[str, int]:
    """The lockout's words in the user's language, and the seconds until sign-in is possible again."""
    now = timezone.now()
    handler = AxesProxyHandler.get_implementation()
    until = handler.locked_until(request, credentials) if hasattr(handler, "locked_until") else None
    until = until or now + get_cool_off(request)
    wait = max(1, int((until - now).total_seconds() + 0.999))
    message = _(
        "Too many failed sign-ins. Signing in is locked until %(time)s WIB (about %(minutes)d minutes). "
        "If you forgot your password, ask the administrator."
    ) % {"time": f"{timezone.localtime(until):%H.%M}", "minutes": max(1, (wait + 59) // 60)}
    return message, wait


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: JSON for the API (its error shape), the sign-in page for people."""
    message, wait = lockout_message(request, credentials)
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message, "errors": {}}, status=settings.AXES_HTTP_RESPONSE_CODE)
    else:
        response = render(
            request,
            "workflow/login.html",
            {"lockout": message, "next": request.POST.get("next", "")},
            status=settings.AXES_HTTP_RESPONSE_CODE,
        )
    response["Retry-After"] = str(wait)
    return response
