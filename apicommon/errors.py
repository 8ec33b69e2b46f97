"""The API's error body, one shape for every door: {"detail": words, "errors": {request field: [words]}}.

Every refusal of a DRF view goes through `api_exception_handler` (settings.REST_FRAMEWORK["EXCEPTION_HANDLER"]);
what never reaches a DRF view (an /api/ URL that matches nothing, a server error) gets the same shape from
`not_found` and `server_error` (config.urls handler404 / handler500). Always `application/json` in the user's
language (Accept-Language; Bahasa Indonesia by default), never GeoJSON's media type."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler

ERROR_MEDIA_TYPE = "application/json"
# The plain Django doors documented with the API (see geoportal.api.schema): their 404 and 500 are JSON too.
API_PREFIXES = ("/api/", "/tiles/")


class ApiError(exceptions.APIException):
    """A refusal with its words and, per request field, its reasons."""

    def __init__(self, detail: str, *, errors: Mapping | None = None, status: int = 400, headers=None):
        super().__init__(detail)
        self.status_code = status
        self.errors = dict(errors or {})
        self.headers = dict(headers or {})


def invalid_fields(errors) -> dict:
    """A 400 body for a serializer's errors, keyed by the request's own parameter names."""
    return {"detail": _("Check the fields."), "errors": _field_errors(errors)}


def request_fields(errors: Mapping[str, Iterable], renames: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """A service's errors under the names the request used (e.g. the service's `location` is the request's
    `latitude` and `longitude`)."""
    out: dict[str, list[str]] = {}
    for key, messages in errors.items():
        for field in renames.get(key, (key,)):
            out.setdefault(field, []).extend(str(m) for m in messages)
    return out


def _messages(value) -> list[str]:
    """Every message in a DRF error tree (a ListField's per-item errors are a dict of lists), flattened."""
    if isinstance(value, Mapping):
        return [m for item in value.values() for m in _messages(item)]
    if isinstance(value, list | tuple):
        return [m for item in value for m in _messages(item)]
    return [str(value)]


def _field_errors(detail) -> dict[str, list[str]]:
    if isinstance(detail, Mapping):
        return {str(key): _messages(value) for key, value in detail.items()}
    return {api_settings.NON_FIELD_ERRORS_KEY: _messages(detail)}


def _detail(exc: exceptions.APIException) -> str:
    if isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF Failed"):
        # DRF's session check words it in English with Django's reason; the fix is the same whatever the reason.
        return _("This request came without the form's security token (CSRF): reload the page and try again.")
    if isinstance(exc.detail, Mapping) and "detail" in exc.detail:
        return str(exc.detail["detail"])
    return " ".join(_messages(exc.detail))


def api_exception_handler(exc, context):
    """DRF's handler (status, WWW-Authenticate, Retry-After), then the one body and media type."""
    # Django's own refusals as DRF's, with their words (DRF's handler converts them too, but only for itself).
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    response = exception_handler(exc, context)
    if response is None:
        return None  # not a refusal but a fault: handler500 answers
    if isinstance(exc, ApiError):
        body = {"detail": str(exc.detail), "errors": exc.errors}
        for name, value in exc.headers.items():
            response[name] = value
    elif isinstance(exc, exceptions.ValidationError):
        body = {"detail": _("Check the fields."), "errors": _field_errors(exc.detail)}
    elif isinstance(exc.detail, Mapping) and "errors" in exc.detail:  # already in shape (the JSON parser's)
        body = {"detail": _detail(exc), "errors": _field_errors(exc.detail["errors"])}
    else:
        body = {"detail": _detail(exc), "errors": {}}
    response.data = body
    request = context.get("request")
    renderer = getattr(request, "accepted_renderer", None)
    if renderer is None or "json" in renderer.media_type:  # not the browsable API's HTML page
        response.content_type = ERROR_MEDIA_TYPE
    return response


def _api_path(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIXES)


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    """handler404: an API URL that matches nothing (e.g. /api/reports/abc/) answers in the API's shape."""
    if _api_path(request):
        return JsonResponse({"detail": _("There is nothing at this address."), "errors": {}}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the API's clients get JSON they can show (the fault itself is logged, never sent)."""
    if _api_path(request):
        message = _("Something went wrong on the server. Try again in a moment.")
        return JsonResponse({"detail": message, "errors": {}}, status=500)
    return defaults.server_error(request)
