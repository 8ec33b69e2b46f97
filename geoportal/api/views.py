"""Public API. Views only parse and validate; the selectors do the work (and PostGIS writes the JSON)."""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as InvalidInput
from rest_framework.generics import ListAPIView
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apicommon.errors import ApiError, invalid_fields, request_fields
from apicommon.parsers import PARSERS
from apicommon.renderers import GeoJSONRenderer, PassThroughJSONRenderer, PrebuiltJSON
from config.http import public_read
from geoportal.addresses import client_address
from geoportal.api.serializers import (
    CategorySerializer,
    DesaFilterSerializer,
    DesaSerializer,
    KecamatanSerializer,
    ReportFilterSerializer,
    ReportReceiptSerializer,
    ReportSubmitContract,
    ReportSubmitSerializer,
    TileFilterSerializer,
)
from geoportal.models import Category, Report
from geoportal.selectors.areas import desa_list_with_counts, kecamatan_list_with_counts
from geoportal.selectors.reports import Audience, report_feature, report_features
from geoportal.selectors.tiles import MAX_ZOOM, TileAddress, report_tile
from geoportal.services.reports import Contact, Upload, report_create
from geoportal.services.submissions import submission_record, submission_refusal, submission_sender
from geoportal.tracking import tracking_code_display

_PROPERTIES = {
    "id": {"type": "integer"},
    "status": {"type": "string"},
    "status_label": {"type": "string"},
    "category": {"type": "string"},
    "category_name": {"type": "string"},
    "squad": {"type": "string"},
    "colour": {"type": "string", "example": "#ff9800"},
    "icon": {"type": "string"},
    "kecamatan": {"type": "string", "example": "35.03.11"},
    "kecamatan_nama": {"type": "string"},
    "desa": {"type": "string"},
    "desa_nama": {"type": "string"},
    "description": {"type": "string"},
    "created_at": {"type": "string", "format": "date-time"},
    "photo": {"type": "string", "format": "uri", "nullable": True, "description": "thumbnail URL"},
}
FEATURE_SCHEMA = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": ["Feature"]},
        "id": {"type": "integer"},
        "geometry": {
            "type": "object",
            "properties": {
                "type": {"type": "string", "enum": ["Point"]},
                "coordinates": {"type": "array", "items": {"type": "number"}, "example": [111.7086, -8.0506]},
            },
        },
        "properties": {"type": "object", "properties": _PROPERTIES},
    },
}
FEATURE_COLLECTION_SCHEMA = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "numberReturned": {"type": "integer"},
        "numberMatched": {"type": "integer", "description": "only with count=true"},
        "next": {"type": "string", "format": "uri", "nullable": True, "description": "the next page, newest first"},
        "features": {"type": "array", "items": FEATURE_SCHEMA},
    },
}
_ERROR = OpenApiResponse(description=_("Invalid filter: the body names each wrong parameter and why."))
GEO_RENDERERS = [GeoJSONRenderer, PassThroughJSONRenderer, BrowsableAPIRenderer]
MVT_CONTENT_TYPE = "application/vnd.mapbox-vector-tile"


@method_decorator(public_read(max_age=60), name="dispatch")  # GET: ETag/304, gzip (~8x), CDN-cacheable
class ReportListView(APIView):
    """Public reports as a GeoJSON FeatureCollection, newest first, paged with a `next` link (GET); a citizen's
    new report (POST)."""

    renderer_classes = GEO_RENDERERS
    parser_classes = PARSERS

    @extend_schema(
        operation_id="reports_list",
        parameters=[ReportFilterSerializer],
        responses={200: OpenApiResponse(FEATURE_COLLECTION_SCHEMA), 400: _ERROR},
        tags=["reports"],
    )
    def get(self, request: Request) -> Response:
        return feature_collection_response(
            request, ReportFilterSerializer(data=request.query_params), Audience.public()
        )

    @extend_schema(
        operation_id="reports_create",
        request={"multipart/form-data": ReportSubmitContract},
        responses={
            201: ReportReceiptSerializer,
            200: OpenApiResponse(ReportReceiptSerializer, description=_("Already received (same client_id)")),
            400: OpenApiResponse(description=_("What is wrong, per field, in words a citizen understands")),
            429: OpenApiResponse(description=_("Too many reports from this sender lately")),
        },
        tags=["reports"],
    )
    def post(self, request: Request) -> Response:
        return report_submit_response(request)


# The service's error keys under the request's own field names.
SERVICE_FIELDS = {"photos": ("photo",), "location": ("latitude", "longitude")}


def report_submit_response(request: Request) -> Response:
    data = ReportSubmitSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    values = data.validated_data
    if values.get("website"):
        raise ApiError(_("This submission was refused."))
    sender = submission_sender(address=client_address(request))
    if refusal := submission_refusal(sender=sender):
        raise ApiError(refusal, status=429)
    photos = [Upload(upload.read(), upload.name) for upload in request.FILES.getlist("photo")]
    contact = (
        None
        if values.get("anonymous")
        else Contact(name=values.get("name", ""), phone=values.get("phone", ""), email=values.get("email", ""))
    )
    video = values.get("video")
    known = values.get("client_id") and Report.objects.filter(client_id=values["client_id"]).exists()
    try:
        report = report_create(
            category=values.get("category", ""),
            lon=values.get("longitude"),
            lat=values.get("latitude"),
            photos=photos,
            description=values.get("description", ""),
            contact=contact,
            channel=Report.Channel.WEB,
            client_id=values.get("client_id"),
            video=Upload(video.read(), video.name) if video else None,
        )
    except ValidationError as exc:  # the service's names for what the request calls photo, latitude, longitude
        raise InvalidInput(request_fields(exc.message_dict, SERVICE_FIELDS)) from None
    if not known:
        submission_record(sender=sender)
    code = tracking_code_display(report.tracking_code)
    receipt = {
        "id": report.pk,
        "tracking_code": code,
        "url": request.build_absolute_uri(reverse("track", kwargs={"code": code})),
        "status": report.status,
        "kecamatan": report.kecamatan.nama,
        "desa": report.desa.nama,
    }
    return Response(receipt, status=200 if known else 201, content_type="application/json")


def feature_collection_response(request: Request, params: ReportFilterSerializer, audience: Audience) -> Response:
    """Validate the filters, let PostGIS write the page, wrap it as a FeatureCollection with a `next` link."""
    params.is_valid(raise_exception=True)
    position, backward = params.validated_data.get("cursor") or (None, False)
    page = report_features(
        filters=params.filters(),
        limit=params.validated_data["limit"],
        after=None if backward else position,
        before=position if backward else None,
        media_url=request.build_absolute_uri(settings.MEDIA_URL),
        count=params.validated_data["count"],
        audience=audience,
    )
    head: dict = {"type": "FeatureCollection", "numberReturned": page.returned}
    if page.matched is not None:
        head["numberMatched"] = page.matched
    head["next"] = None
    if page.next_cursor:
        query = request.query_params.copy()
        query["cursor"] = page.next_cursor.encode()
        head["next"] = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    # `name`: the layer name GDAL's GeoJSON driver takes; `links`: the next and previous pages as OGC API clients
    # expect them.
    head["name"] = "reports"
    head["links"] = [{"rel": "next", "type": "application/geo+json", "href": head["next"]}] if head["next"] else []
    if page.prev_cursor:
        query = request.query_params.copy()
        query["cursor"] = "~" + page.prev_cursor.encode()
        prev = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        head["links"].append({"rel": "prev", "type": "application/geo+json", "href": prev})
    # Splice PostGIS's feature text into the envelope instead of parsing and re-serialising it.
    body = json.dumps(head, ensure_ascii=False)[:-1] + ', "features": [' + page.features + "]}"
    response = Response(PrebuiltJSON(body))
    if head["links"]:
        response["Link"] = ", ".join(
            f'<{link["href"]}>; rel="{link["rel"]}"; type="{link["type"]}"' for link in head["links"]
        )
    return response


@method_decorator(public_read(max_age=60), name="dispatch")
class ReportDetailView(APIView):
    renderer_classes = GEO_RENDERERS

    @extend_schema(
        operation_id="reports_retrieve",
        responses={200: OpenApiResponse(FEATURE_SCHEMA), 404: OpenApiResponse(description=_("No such public report."))},
        tags=["reports"],
    )
    def get(self, request: Request, pk: int) -> Response:
        feature = report_feature(report_id=pk, media_url=request.build_absolute_uri(settings.MEDIA_URL))
        if feature is None:
            raise NotFound(_("There is no public report with this number."))
        return Response(PrebuiltJSON(feature))


@method_decorator(public_read(max_age=3600), name="dispatch")
class KecamatanListView(ListAPIView):
    """The kecamatan as GeoJSON, with their number of public reports."""

    serializer_class = KecamatanSerializer
    pagination_class = None
    renderer_classes = GEO_RENDERERS

    def get_queryset(self):
        return kecamatan_list_with_counts()


@method_decorator(public_read(max_age=3600), name="dispatch")
class DesaListView(ListAPIView):
    """The desa/kelurahan as GeoJSON, with their number of public reports."""

    serializer_class = DesaSerializer
    pagination_class = None
    renderer_classes = GEO_RENDERERS

    @extend_schema(parameters=[DesaFilterSerializer], responses={200: DesaSerializer(many=True), 400: _ERROR})
    def get(self, request, *args, **kwargs):
        params = DesaFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        self.kecamatan = params.validated_data.get("kecamatan") or None
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return desa_list_with_counts(kecamatan_kode=getattr(self, "kecamatan", None))


class CategoryListView(ListAPIView):
    """The labels a citizen picks from, grouped by squad (confidential ones are marked)."""

    serializer_class = CategorySerializer
    pagination_class = None

    def get_queryset(self):
        return Category.objects.filter(active=True).select_related("squad", "default_opd")


@public_read(max_age=60)  # the map refetches on every pan; a minute is fresh enough, then a 304
def report_tile_view(request: HttpRequest, z: int, x: int, y: int) -> HttpResponse:
    """GET /tiles/reports/{z}/{x}/{y}.pbf: public reports as a Mapbox Vector Tile (layer `reports`).

    A plain Django view, not DRF: a map asks for dozens of tiles at once and each one is a single query."""
    try:
        address = TileAddress(z, x, y)
    except ValueError as exc:
        fields = ("z",) if not 0 <= z <= MAX_ZOOM else ("x", "y")
        return JsonResponse(invalid_fields({field: [str(exc)] for field in fields}), status=400)
    params = TileFilterSerializer(data=request.GET)
    if not params.is_valid():
        return JsonResponse(invalid_fields(params.errors), status=400)
    tile = report_tile(tile=address, filters=params.filters())
    return HttpResponse(tile, content_type=MVT_CONTENT_TYPE)
