"""HTTP as map clients expect it: an ETag with 304, Cache-Control saying who may keep the answer, and gzip.

Only for read-only answers without a CSRF token or a session in them (gzip next to a secret invites BREACH)."""

import hashlib
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

_GZIP = GZipMiddleware(lambda request: None)


def _conditional(request: HttpRequest, response: HttpResponse, **cache) -> HttpResponse:
    if request.method not in ("GET", "HEAD") or response.streaming:
        return response  # a POST's answer (a citizen's receipt) is never compressed beside its secret
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()  # a DRF Response: its body exists only once rendered
    if response.status_code != 200:
        return _GZIP.process_response(request, response)
    patch_cache_control(response, **cache)
    patch_vary_headers(response, ("Accept", "Accept-Language"))
    etag = f'"{hashlib.blake2b(response.content, digest_size=16).hexdigest()}"'
    response["ETag"] = etag
    response = get_conditional_response(request, etag=etag, response=response)
    return _GZIP.process_response(request, response)


def _read(view, **cache):
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        return _conditional(request, view(request, *args, **kwargs), **cache)

    return wrapped


def public_read(*, max_age: int):
    """Anyone (browsers, proxies) may keep the answer for max_age seconds, then revalidate it with its ETag."""
    return lambda view: _read(view, public=True, max_age=max_age)


def private_read(view):
    """Only the client that asked may keep the answer, and must revalidate it each time (a staff queue)."""
    return _read(view, private=True, no_cache=True)
