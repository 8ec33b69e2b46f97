"""OGC API – Features at /ogc/: thin views over the report and area selectors (PostGIS writes the features).

Public collections (`reports`, `kecamatan`, `desa`) read exactly what the public map reads (the public audience:
published places, no confidential label). `staff-reports` is the staff queue of whoever sends
`Authorization: Token …`, through the same visibility policy as the staff API. Every refusal is an OGC exception."""

import json
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework.exceptions import AuthenticationFailed

from config.http import private_read, public_read
from geoportal.selectors.areas import served_area_bounds
from geoportal.selectors.reports import Audience, ReportFilters, report_feature, report_features
from geoportal.visibility import visible_statuses
from ogcapi.cql import report_condition
from ogcapi.crs import CRS84, STORAGE_CRS, SUPPORTED
from ogcapi.errors import OgcError, bad_request, not_found
from ogcapi.openapi import openapi_document
from ogcapi.params import area_cursor, item_query, report_cursor
from ogcapi.queryables import QUERYABLES, queryables_document
from ogcapi.selectors import area_feature, area_features
from workflow.api.authentication import ENDED, ApiTokenAuthentication
from workflow.policies import Actor, audience_for
from workflow.services.tokens import api_token_authenticate

GEOJSON = "application/geo+json"
JSON = "application/json"
HTML = "text/html"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
STAFF = "staff-reports"
ESRI_HEADER = "X-Esri-Authorization"
QUERYABLES_REL = "http://www.opengis.net/def/rel/ogc/1.0/queryables"
PREV = "~"  # before a cursor: the page before that position
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
    # Part 3 filtering with CQL2 (ogcapi.cql): what it really offers, no more.
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
    "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
    "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
    "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
    "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
    "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
    "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus",
    "http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
    "http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions",
]


def _collections(actor: Actor | None) -> dict[str, dict]:
    found = {
        "reports": {
            "title": _("Public reports"),
            "description": _("Citizens' reports the public may see, where they are published (newest first)."),
        },
        "kecamatan": {"title": _("Districts (kecamatan)"), "description": _("The 14 kecamatan of Trenggalek.")},
        "desa": {"title": _("Villages (desa/kelurahan)"), "description": _("The desa and kelurahan of Trenggalek.")},
    }
    if actor is not None:
        found[STAFF] = {
            "title": _("My reports (staff)"),
            "description": _("The reports your role may see, at their exact place, with their clocks."),
        }
    return found


def _actor(request: HttpRequest) -> Actor | None:
    """The staff member whose API token the request carries (a GIS), or who is signed in (a browser); None for
    anyone else. A wrong or ended token is a 401."""
    try:
        found = ApiTokenAuthentication().authenticate(request)
    except AuthenticationFailed as exc:
        raise OgcError(401, "NotAuthorized", exc.detail) from None
    if found is None and (esri := request.headers.get(ESRI_HEADER)):
        # QGIS 3.22 has no authentication that sends a header of one's choosing; its "ESRI token" method sends
        # `X-Esri-Authorization: Bearer <token>`: the same API token, so a GIS reads the queue without the plugin.
        scheme, _space, key = esri.partition(" ")
        token = api_token_authenticate(key=key.strip()) if scheme.lower() == "bearer" and key.isascii() else None
        if token is None:
            raise OgcError(401, "NotAuthorized", ENDED)
        return Actor.for_user(token.user)
    return Actor.for_user(found[0] if found else request.user)


def _wants_html(request: HttpRequest) -> bool:
    f = request.GET.get("f")
    if f is not None:
        if f not in ("json", "html"):
            raise bad_request(_("f: give json or html."))
        return f == "html"
    accept = request.headers.get("Accept", "")
    html = accept.find("text/html")
    json_at = min((i for i in (accept.find("json"),) if i >= 0), default=-1)
    return html >= 0 and (json_at < 0 or html < json_at)


def _url(request: HttpRequest, path: str, **query) -> str:
    query = {key: value for key, value in query.items() if value is not None}
    return request.build_absolute_uri(path) + (f"?{urlencode(query)}" if query else "")


def _links(request: HttpRequest, path: str, kind: str, html: bool, title: str) -> list[dict]:
    """self and alternate, for the format answered and the other one."""
    this, other = (HTML, kind) if html else (kind, HTML)
    return [
        {"href": _url(request, path, f="html" if html else "json"), "rel": "self", "type": this, "title": title},
        {"href": _url(request, path, f="json" if html else "html"), "rel": "alternate", "type": other, "title": title},
    ]


def _answer(
    request: HttpRequest, document: dict, *, html: bool, kind: str = JSON, template: str = "page"
) -> HttpResponse:
    if html:
        body = render_to_string(f"ogcapi/{template}.html", {"doc": document}, request=request)
        return HttpResponse(body, content_type="text/html; charset=utf-8")
    return HttpResponse(json.dumps(document, ensure_ascii=False), content_type=kind)


def ogc_view(view):
    """Turns an OgcError into its exception JSON; public answers get CORS-safe caching and gzip."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            response = OgcError(405, "MethodNotAllowed", _("Only GET is possible here.")).response()
            response["Allow"] = "GET, HEAD"
            return response
        try:
            return view(request, *args, **kwargs)
        except OgcError as exc:
            return exc.response()

    return wrapped


@public_read(max_age=300)
@ogc_view
def landing(request: HttpRequest) -> HttpResponse:
    html = _wants_html(request)
    base = reverse("ogc-landing")
    doc = {
        "title": _("Lapor Trenggalek: reports and boundaries (OGC API – Features)"),
        "description": _("Public citizens' reports of Kabupaten Trenggalek and its kecamatan and desa."),
        "links": [
            *_links(request, base, JSON, html, _("This document")),
            {"href": _url(request, reverse("ogc-openapi")), "rel": "service-desc", "type": OPENAPI, "title": "OpenAPI"},
            {
                "href": _url(request, reverse("ogc-openapi"), f="html"),
                "rel": "service-doc",
                "type": HTML,
                "title": "OpenAPI",
            },
            {
                "href": _url(request, reverse("ogc-conformance")),
                "rel": "conformance",
                "type": JSON,
                "title": _("Conformance classes"),
            },
            {"href": _url(request, reverse("ogc-collections")), "rel": "data", "type": JSON, "title": _("Collections")},
        ],
    }
    return _answer(request, doc, html=html)


@public_read(max_age=3600)
@ogc_view
def conformance(request: HttpRequest) -> HttpResponse:
    html = _wants_html(request)
    return _answer(request, {"title": _("Conformance classes"), "conformsTo": CONFORMANCE}, html=html)


@public_read(max_age=3600)
@ogc_view
def openapi(request: HttpRequest) -> HttpResponse:
    if _wants_html(request):
        doc = {
            "title": "OpenAPI",
            "links": [
                {
                    "href": _url(request, reverse("ogc-openapi"), f="json"),
                    "rel": "alternate",
                    "type": OPENAPI,
                    "title": "OpenAPI 3.0 (JSON)",
                }
            ],
        }
        return _answer(request, doc, html=True)
    return HttpResponse(
        json.dumps(openapi_document(request.build_absolute_uri(reverse("ogc-landing")))), content_type=OPENAPI
    )


def _collection_doc(request: HttpRequest, cid: str, meta: dict, html: bool) -> dict:
    path = reverse("ogc-collection", kwargs={"cid": cid})
    items = reverse("ogc-items", kwargs={"cid": cid})
    bounds = served_area_bounds() or (111.4, -8.45, 111.95, -7.9)
    return {
        "id": cid,
        "title": meta["title"],
        "description": meta["description"],
        "itemType": "feature",
        "extent": {"spatial": {"bbox": [list(bounds)], "crs": CRS84}},
        "crs": list(SUPPORTED),
        "storageCrs": STORAGE_CRS,
        "links": [
            *_links(request, path, JSON, html, meta["title"]),
            {"href": _url(request, items, f="json"), "rel": "items", "type": GEOJSON, "title": meta["title"]},
            {"href": _url(request, items, f="html"), "rel": "items", "type": HTML, "title": meta["title"]},
            {
                "href": _url(request, reverse("ogc-queryables", kwargs={"cid": cid})),
                "rel": QUERYABLES_REL,
                "type": "application/schema+json",
                "title": _("Queryables"),
            },
        ],
    }


def _cached(view_public, view_private):
    """Public collections are cached by anyone; the staff collection only by the one who asked."""

    @wraps(view_public)
    def choose(request: HttpRequest, *args, **kwargs):
        staff = (
            kwargs.get("cid") == STAFF
            or "HTTP_AUTHORIZATION" in request.META
            or "HTTP_X_ESRI_AUTHORIZATION" in request.META
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        )
        return (view_private if staff else view_public)(request, *args, **kwargs)

    return choose


@ogc_view
def _collections_view(request: HttpRequest) -> HttpResponse:
    html = _wants_html(request)
    actor = _actor(request)
    path = reverse("ogc-collections")
    doc = {
        "title": _("Collections"),
        "links": _links(request, path, JSON, html, _("Collections")),
        "collections": [_collection_doc(request, cid, meta, html) for cid, meta in _collections(actor).items()],
    }
    return _answer(request, doc, html=html)


collections = _cached(public_read(max_age=300)(_collections_view), private_read(_collections_view))


def _known(request: HttpRequest, cid: str) -> tuple[dict, Actor | None]:
    actor = _actor(request)
    found = _collections(actor)
    if cid not in found:
        if cid == STAFF:
            raise OgcError(
                401, "NotAuthorized", _("Sign in: send `Authorization: Token <token>` from /api/auth/token/.")
            )
        raise not_found(_("There is no collection “%s”.") % cid[:60])
    return found[cid], actor


@ogc_view
def _collection_view(request: HttpRequest, cid: str) -> HttpResponse:
    html = _wants_html(request)
    meta, _actor_ = _known(request, cid)
    doc = _collection_doc(request, cid, meta, html)
    response = _answer(request, doc, html=html)
    response["Link"] = _link_header(doc["links"])  # Part 3 finds the queryables here
    return response


collection = _cached(public_read(max_age=300)(_collection_view), private_read(_collection_view))


@ogc_view
def _queryables_view(request: HttpRequest, cid: str) -> HttpResponse:
    _known(request, cid)
    doc = queryables_document(request.build_absolute_uri(), cid)
    return _answer(request, doc, html=_wants_html(request), kind="application/schema+json")


queryables = _cached(public_read(max_age=300)(_queryables_view), private_read(_queryables_view))


def _report_filters(query, staff: bool) -> ReportFilters:
    statuses = query.properties.get("status", ())
    allowed = {str(s) for s in visible_statuses(staff=staff)}
    if any(status not in allowed for status in statuses):
        raise bad_request(_("status: give one or more of %s.") % ", ".join(sorted(allowed)))
    kecamatan = query.properties.get("kecamatan", ())
    if len(kecamatan) > 1:
        raise bad_request(_("kecamatan: give one kecamatan code."))
    return ReportFilters(
        bbox=query.bbox,
        kecamatan=kecamatan[0] if kecamatan else None,
        statuses=statuses,
        categories=query.properties.get("category", ()),
        created_after=query.start,
        created_before=query.end,
        condition=report_condition(query.filter, lang=query.filter_lang, crs=query.filter_crs)
        if query.filter is not None
        else None,
    )


def _page_links(
    request: HttpRequest, path: str, html: bool, next_cursor: str | None, prev_cursor: str | None = None
) -> list[dict]:
    query = {key: request.GET[key] for key in request.GET if key not in ("f", "cursor")}
    title = _("Items")
    this, other = (HTML, GEOJSON) if html else (GEOJSON, HTML)
    links = [
        {"href": _url(request, path, **request.GET.dict()), "rel": "self", "type": this, "title": title},
        {
            "href": _url(request, path, **{**query, "f": "json" if html else "html"}),
            "rel": "alternate",
            "type": other,
            "title": title,
        },
        {
            "href": _url(request, reverse("ogc-collection", kwargs={"cid": path.rstrip("/").split("/")[-2]})),
            "rel": "collection",
            "type": JSON,
            "title": _("Collection"),
        },
    ]
    # Part 3: the filterable resource links its queryables (ogctests reads them from the items' Link header)
    links.append(
        {
            "href": _url(request, reverse("ogc-queryables", kwargs={"cid": path.rstrip("/").split("/")[-2]})),
            "rel": QUERYABLES_REL,
            "type": "application/schema+json",
            "title": _("Queryables"),
        }
    )
    if next_cursor:
        links.append(
            {
                "href": _url(request, path, **{**query, "f": "html" if html else None, "cursor": next_cursor}),
                "rel": "next",
                "type": this,
                "title": _("Next page"),
            }
        )
    if prev_cursor:
        links.append(
            {
                "href": _url(request, path, **{**query, "f": "html" if html else None, "cursor": prev_cursor}),
                "rel": "prev",
                "type": this,
                "title": _("Previous page"),
            }
        )
    return links


def _link_header(links: list[dict]) -> str:
    return ", ".join(f'<{link["href"]}>; rel="{link["rel"]}"; type="{link["type"]}"' for link in links)


def _feature_collection(head: dict, features: str) -> str:
    return json.dumps(head, ensure_ascii=False)[:-1] + ', "features": [' + features + "]}"


@ogc_view
def _items_view(request: HttpRequest, cid: str) -> HttpResponse:
    meta, actor = _known(request, cid)
    html = _wants_html(request)
    path = reverse("ogc-items", kwargs={"cid": cid})
    kind = QUERYABLES[cid]["kind"]
    query = item_query(request.GET, properties=QUERYABLES[cid]["parameters"], filters_allowed=kind == "reports")
    media_url = request.build_absolute_uri(settings.MEDIA_URL)
    head: dict = {"type": "FeatureCollection"}
    if kind == "reports":
        audience = audience_for(actor) if cid == STAFF else Audience.public()
        # A cursor is a position: as it is, the page after it (next); after "~", the page before it (prev).
        backward = query.after is not None and query.after.startswith(PREV)
        position = report_cursor(query.after[len(PREV) :] if backward else query.after)
        page = report_features(
            filters=_report_filters(query, staff=cid == STAFF),
            limit=query.limit,
            after=None if backward else position,
            before=position if backward else None,
            media_url=media_url,
            audience=audience,
            output=query.output,
        )
        next_cursor = page.next_cursor.encode() if page.next_cursor else None
        prev_cursor = PREV + page.prev_cursor.encode() if page.prev_cursor else None
        head["numberReturned"] = page.returned
    else:
        if query.start or query.end:
            raise bad_request(_("datetime: the boundaries have no time."))
        kecamatan = query.properties.get("kecamatan", ())
        page = area_features(
            collection=cid,
            bbox=query.bbox,
            limit=query.limit,
            after=area_cursor(query.after),
            output=query.output,
            kecamatan=kecamatan[0] if kecamatan else None,
        )
        next_cursor, prev_cursor = page.next_after, None
        head["numberMatched"] = page.matched
        head["numberReturned"] = page.returned
    head["name"] = cid  # the layer name GDAL's GeoJSON driver gives the collection
    head["links"] = _page_links(request, path, html, next_cursor, prev_cursor)
    if html:
        doc = {**head, "title": meta["title"], "features": json.loads(f"[{page.features}]")}
        return _answer(request, doc, html=True, template="items")
    response = HttpResponse(_feature_collection(head, page.features), content_type=GEOJSON)
    response["Content-Crs"] = f"<{query.crs}>"
    # The links again as a header (RFC 8288): clients that page or negotiate without reading the body use them.
    response["Link"] = ", ".join(
        f'<{link["href"]}>; rel="{link["rel"]}"; type="{link["type"]}"' for link in head["links"]
    )
    return response


items = _cached(public_read(max_age=60)(_items_view), private_read(_items_view))


@ogc_view
def _item_view(request: HttpRequest, cid: str, fid: str) -> HttpResponse:
    meta, actor = _known(request, cid)
    html = _wants_html(request)
    query = item_query(request.GET, properties={})
    if query.bbox or query.start or query.end or query.after or "limit" in request.GET:
        raise bad_request(_("A single feature takes only the parameters f and crs."))
    missing = not_found(_("There is no feature “%s” in this collection.") % fid[:60])
    if QUERYABLES[cid]["kind"] == "reports":
        if not fid.isdigit() or len(fid) > 18:
            raise missing
        audience = audience_for(actor) if cid == STAFF else Audience.public()
        feature = report_feature(
            report_id=int(fid),
            media_url=request.build_absolute_uri(settings.MEDIA_URL),
            audience=audience,
            output=query.output,
        )
    else:
        if len(fid) > 20 or "\x00" in fid:
            raise missing
        feature = area_feature(collection=cid, kode=fid, output=query.output)
    if feature is None:
        raise missing
    path = reverse("ogc-item", kwargs={"cid": cid, "fid": fid})
    links = [
        *_links(request, path, GEOJSON, html, meta["title"]),
        {
            "href": _url(request, reverse("ogc-collection", kwargs={"cid": cid})),
            "rel": "collection",
            "type": JSON,
            "title": meta["title"],
        },
    ]
    if html:
        data = json.loads(feature)
        doc = {"title": f"{meta['title']}: {fid}", "links": links, "features": [data], "type": "Feature"}
        return _answer(request, doc, html=True, template="items")
    body = feature[:-1] + ', "links": ' + json.dumps(links, ensure_ascii=False) + "}"
    response = HttpResponse(body, content_type=GEOJSON)
    response["Content-Crs"] = f"<{query.crs}>"
    return response


item = _cached(public_read(max_age=60)(_item_view), private_read(_item_view))
