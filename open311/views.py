"""Open311 GeoReport v2 doors (http://wiki.open311.org/GeoReport_v2): thin, each reads its parameters, asks a
selector or service, and answers in the format the path asks for (.json or .xml). Every refusal is an Open311 error
list (code and description, in the reader's language), never a server error page."""

from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from geoportal.addresses import client_address
from geoportal.services.rate_limits import RateLimited, tracking_lookup
from geoportal.services.reports import Upload
from geoportal.tracking import tracking_code_display
from open311 import params, selectors
from open311.errors import Open311Error
from open311.formats import FORMATS, error_response, open311_response
from open311.services import Open311Request, client_authenticate, request_create


def open311_view(*methods: str):
    """Checks the format, the method and the jurisdiction, and turns an Open311Error into its error list."""

    def decorate(view):
        @csrf_exempt  # no cookie is read: a POST proves itself with its api_key
        @wraps(view)
        def wrapper(request: HttpRequest, *args, fmt: str = "json", **kwargs) -> HttpResponse:
            try:
                if fmt not in FORMATS:
                    fmt = "json"
                    raise Open311Error(404, _("Unknown format: use .json or .xml."))
                if request.method not in methods:
                    raise Open311Error(
                        405, _("This address answers %(methods)s only.") % {"methods": ", ".join(methods)}
                    )
                params.jurisdiction_check(request.GET if request.method == "GET" else request.POST)
                response = view(request, *args, fmt=fmt, **kwargs)
            except Open311Error as error:
                response = error_response(error, fmt=fmt)
                if error.status == 405:
                    response["Allow"] = ", ".join(methods)
            if request.method == "GET" and response.status_code == 200 and not response.has_header("Cache-Control"):
                patch_cache_control(response, public=True, max_age=60)
            elif not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_store=True)
            return response

        return wrapper

    return decorate


@open311_view("GET")
def discovery(request, fmt):
    return open311_response(selectors.discovery(request=request), root="discovery", fmt=fmt)


@open311_view("GET")
def service_list(request, fmt):
    return open311_response(selectors.services(), root="services", fmt=fmt)


@open311_view("GET")
def service_definition(request, code: str, fmt):
    definition = selectors.service_definition(code)
    if definition is None:
        raise Open311Error(404, _("service_code: there is no service %(code)s.") % {"code": code[:40]})
    return open311_response(definition, root="service_definition", fmt=fmt)


def _client(request, data) -> tuple[selectors.Open311Client | None, bool]:
    key = params.text(data, "api_key", max_length=200)
    if not key:
        return None, False
    client = client_authenticate(key=key)
    if client is None:
        raise Open311Error(403, _("api_key: this key is not valid. Ask the Kominfo administrator for a key."))
    return client, True


@open311_view("GET", "POST")
def requests(request, fmt):
    if request.method == "POST":
        return _request_post(request, fmt)
    client, keyed = _client(request, request.GET)
    filters = params.request_filters(request.GET)
    rows = selectors.service_request_rows(selectors.service_requests(filters=filters, client=client), request=request)
    response = open311_response(rows, root="service_requests", fmt=fmt)
    if keyed:  # it may hold the application's own requests that are not public yet
        patch_cache_control(response, private=True, no_store=True)
    return response


@open311_view("GET")
def request_detail(request, pk: str, fmt):
    client, keyed = _client(request, request.GET)
    found = []
    if pk.isascii() and pk.isdigit() and 0 < int(pk) < 2**63:
        query = selectors.service_requests(filters=selectors.RequestFilters(ids=(int(pk),)), client=client)
        found = selectors.service_request_rows(query, request=request)
    if not found:
        # Confidential, not yet public and missing alike.
        raise Open311Error(404, _("There is no public request with this number."))
    response = open311_response(found, root="service_requests", fmt=fmt)  # a list, as GeoReport v2 says
    if keyed:
        patch_cache_control(response, private=True, no_store=True)
    return response


@open311_view("GET")
def token_detail(request, token: str, fmt):
    """The request number behind a token: here the citizen's tracking code (counted like every code look-up)."""
    try:
        report = tracking_lookup(code=token[:40], address=client_address(request))
    except RateLimited as limited:
        raise Open311Error(429, limited.message, retry_after=limited.retry_after) from None
    if report is None:
        raise Open311Error(404, _("No report has this tracking code."))
    response = open311_response(
        [{"service_request_id": str(report.pk), "token": tracking_code_display(report.tracking_code)}],
        root="service_requests",
        fmt=fmt,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@open311_view("GET")
def request_updates(request, fmt):
    start, end = params.date_range(request.GET)
    updates = selectors.service_request_updates(start=start, end=end, request=request)
    return open311_response(updates, root="service_request_updates", fmt=fmt)


def _request_post(request, fmt):
    data = request.POST
    client, _keyed = _client(request, data)
    if client is None:
        raise Open311Error(403, _("api_key: sending a request needs this application's key."))
    media = request.FILES.get("media")
    lat = params.number(data, "lat", low=-90, high=90)
    lon = params.number(data, "long", low=-180, high=180)
    report = request_create(
        client=client,
        request=Open311Request(
            service_code=params.text(data, "service_code", max_length=40),
            lat=lat,
            lon=lon,
            description=params.text(data, "description"),
            email=params.text(data, "email", max_length=254),
            phone=params.text(data, "phone", max_length=30),
            first_name=params.text(data, "first_name", max_length=100),
            last_name=params.text(data, "last_name", max_length=100),
            device_id=params.text(data, "device_id", max_length=100),
            account_id=params.text(data, "account_id", max_length=100),
            media=Upload(media.read(), media.name) if media else None,
            media_url=params.text(data, "media_url", max_length=2000),
        ),
    )
    code = tracking_code_display(report.tracking_code)
    url = request.build_absolute_uri(reverse("track", kwargs={"code": code}))
    notice = _(
        "Received. The citizen's tracking code is %(code)s: give it to them alone; they follow the report at %(url)s"
    ) % {"code": code, "url": url}
    receipt = {"service_request_id": str(report.pk), "token": code, "service_notice": notice}
    if account_id := params.text(data, "account_id", max_length=100):
        receipt["account_id"] = account_id
    response = open311_response([receipt], root="service_requests", fmt=fmt, status=201)
    patch_cache_control(response, private=True, no_store=True)
    return response


@csrf_exempt
def not_found(request, rest: str = ""):
    fmt = "xml" if rest.endswith(".xml") else "json"
    return error_response(Open311Error(404, _("There is no such Open311 address here.")), fmt=fmt)
