"""Answer quickly when the server cannot do the work now, with a status a client retries (README, "Load").

Per gunicorn worker process (gthread: several threads), `OverloadGuard`:
- caps the requests in progress (`WEB_MAX_IN_FLIGHT`) and, among them, the uploads (`WEB_MAX_UPLOADS`: a photo
  costs ~0.3 s of CPU to clean): one more answers 503 with `Retry-After` at once instead of waiting in a queue
  until the client gives up. With more threads than the cap, the spare threads drain the queue with these answers.
- bounds how long a request body may take (`BODY_STALL_SECONDS` without a byte, `BODY_READ_SECONDS` in all): a
  client that sends its upload very slowly (slowloris) gets 408 and the connection is closed, so it holds a
  thread for a bounded time; nothing was stored.
- turns the failures a retry can cure into 503 with `Retry-After` rather than a 500: the database unreachable (a
  restart, a failover) and the media volume full. report_create has already rolled back and removed its files,
  and a resend with the same client_id is stored once.

A client that retries (the citizen's offline outbox does) sees "try again" in words, never a timeout.
"""

import contextlib
import errno
import logging
import os
import threading
import time

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse, UnreadablePostError
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

MAX_IN_FLIGHT = int(os.environ.get("WEB_MAX_IN_FLIGHT", 6))
MAX_UPLOADS = int(os.environ.get("WEB_MAX_UPLOADS", 2))
RETRY_AFTER_BUSY = int(os.environ.get("WEB_RETRY_AFTER", 5))
BODY_STALL_SECONDS = float(os.environ.get("BODY_STALL_SECONDS", 30))
BODY_READ_SECONDS = float(os.environ.get("BODY_READ_SECONDS", 180))
RETRY_AFTER_DATABASE = 10
RETRY_AFTER_STORAGE = 60
FULL = {errno.ENOSPC, errno.EDQUOT}


class _Counter:
    def __init__(self):
        self.lock = threading.Lock()
        self.in_flight = 0
        self.uploads = 0


class _DeadlineStream:
    """The request body, refused (TimeoutError, which Django turns into UnreadablePostError) past its deadline."""

    def __init__(self, stream, deadline: float):
        self._stream, self._deadline = stream, deadline

    def _check(self):
        if time.monotonic() > self._deadline:
            raise TimeoutError("request body not received in time")

    # gunicorn's body reader waits until it has all the bytes asked for, however slowly they come: asking for
    # small pieces is what lets the deadline be checked every few kB of a trickle.
    PIECE = 8192

    def read(self, size=-1):
        if size is None or size < 0:
            return b"".join(iter(lambda: self.read(self.PIECE), b""))
        self._check()
        return self._stream.read(min(size, self.PIECE))

    def readline(self, *args):
        self._check()
        return self._stream.readline(*args)

    def close(self):
        return self._stream.close()


def _is_upload(request: HttpRequest) -> bool:
    return request.method in ("POST", "PUT", "PATCH") and request.META.get("CONTENT_TYPE", "").startswith(
        "multipart/form-data"
    )


def _answer(request: HttpRequest, status: int, message: str, retry_after: int | None, close: bool = False):
    if request.path.startswith("/api/") or "json" in request.META.get("HTTP_ACCEPT", ""):
        response = JsonResponse({"detail": message, "errors": {}}, status=status)
    else:
        response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    if close:
        response["Connection"] = "close"
    return response


class OverloadGuard:
    counter = _Counter()

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        upload = _is_upload(request)
        counter = self.counter
        with counter.lock:
            busy = counter.in_flight >= MAX_IN_FLIGHT or (upload and counter.uploads >= MAX_UPLOADS)
            if not busy:
                counter.in_flight += 1
                counter.uploads += upload
        if busy:
            return _answer(
                request,
                503,
                _("The server is busy. Try again in a few seconds; a report sent twice is stored once."),
                RETRY_AFTER_BUSY,
            )
        sock = request.META.get("gunicorn.socket")
        previous = sock.gettimeout() if sock is not None else None
        try:
            if request.META.get("CONTENT_LENGTH") not in (None, "", "0") or request.META.get("HTTP_TRANSFER_ENCODING"):
                if sock is not None:
                    sock.settimeout(BODY_STALL_SECONDS)
                request._stream = _DeadlineStream(request._stream, time.monotonic() + BODY_READ_SECONDS)
            return self.get_response(request)
        finally:
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.settimeout(previous)
            with counter.lock:
                counter.in_flight -= 1
                counter.uploads -= upload

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, UnreadablePostError):
            log.warning("request body cut off or too slow: %s %s (%s)", request.method, request.path, exception)
            return _answer(
                request,
                408,
                _("Your upload arrived too slowly and was stopped. Try again on a better connection."),
                RETRY_AFTER_BUSY,
                close=True,
            )
        if isinstance(exception, OperationalError | InterfaceError):
            log.error("database unavailable: %s %s: %s", request.method, request.path, exception)
            return _answer(
                request,
                503,
                _("The database cannot be reached now. Try again in a minute; a report sent twice is stored once."),
                RETRY_AFTER_DATABASE,
            )
        if isinstance(exception, OSError) and exception.errno in FULL:
            log.critical("storage full: %s %s: %s", request.method, request.path, exception)
            return _answer(
                request,
                503,
                _("The server cannot store files at the moment. Try again later; nothing was stored."),
                RETRY_AFTER_STORAGE,
            )
        return None
