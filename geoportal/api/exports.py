"""Public exports of the reports: GET /api/exports/reports.csv and /api/exports/reports.gpkg (anyone).

The filters, their validation and what the public may read are the public list's (GET /api/reports/): the
published place only, no confidential label, contact or tracking code. Thin: geoportal.selectors.exports writes the
query, geoportal.exports the file.
"""

import logging

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.request import Request
from rest_framework.views import APIView

from apicommon.errors import invalid_fields
from apicommon.renderers import PassThroughJSONRenderer
from geoportal.api.serializers import ReportExportFilterSerializer, ReportFilterSerializer
from geoportal.exports import (
    GEOPACKAGE_CONTENT_TYPE,
    ExportFailed,
    csv_response,
    export_filename,
    geopackage_response,
)
from geoportal.selectors.exports import (
    GEOPACKAGE_LAYER,
    report_export_count,
    report_export_csv_query,
    report_export_geo_query,
)
from geoportal.selectors.reports import Audience

log = logging.getLogger(__name__)


class FirstRenderer(BaseContentNegotiation):
    """A file door answers its file whatever the Accept header says; refusals are JSON."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


ERROR = OpenApiResponse(description=_("Invalid filter: the body names each wrong parameter and why."))
CSV_DESCRIPTION = _(
    "UTF-8 with a byte order mark (Excel), CRLF line ends, one report per line, newest first; text a spreadsheet "
    "would run as a formula starts with an apostrophe. Times are ISO 8601 in WIB (+07:00); longitude and latitude "
    "in EPSG:4326."
)
GEOPACKAGE_DESCRIPTION = _(
    "A GeoPackage with one point layer `laporan` (EPSG:4326, geometry column `geom`), the CSV's columns as fields; "
    "times are ISO 8601 text in WIB (+07:00)."
)


def csv_schema(description):
    return {(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description=description), 400: ERROR}


def geopackage_schema(description):
    return {
        (200, GEOPACKAGE_CONTENT_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description=description),
        400: ERROR,
    }


def report_export_response(
    request: Request, params: ReportFilterSerializer, audience: Audience, *, fmt: str, stem: str
):
    """Validate the filters and answer the file: the CSV streamed, the GeoPackage within its ceiling."""
    if not params.is_valid():
        return JsonResponse(invalid_fields(params.errors), status=400)
    filters = params.filters()
    public = not audience.staff
    if fmt == "csv":
        query = report_export_csv_query(filters=filters, audience=audience)
        return csv_response(query, filename=export_filename(stem, "csv"), public=public)
    count = report_export_count(filters=filters, audience=audience)
    ceiling = settings.EXPORT_GEOPACKAGE_MAX_REPORTS
    if count > ceiling:
        message = gettext(
            "%(count)s reports match: a GeoPackage holds at most %(max)s. Choose a shorter period or fewer labels, "
            "or download the CSV, which has no limit."
        ) % {"count": f"{count:,}".replace(",", "."), "max": f"{ceiling:,}".replace(",", ".")}
        return JsonResponse({"detail": message, "errors": {"created_from": [message]}}, status=400)
    query = report_export_geo_query(filters=filters, audience=audience)
    try:
        return geopackage_response(query, layer=GEOPACKAGE_LAYER, filename=export_filename(stem, "gpkg"), public=public)
    except ExportFailed as exc:
        log.error("GeoPackage export failed: %s", exc)
        return JsonResponse(
            {"detail": gettext("The GeoPackage could not be made. Try again later."), "errors": {}}, status=503
        )


class _PublicExport(APIView):
    renderer_classes = [PassThroughJSONRenderer]
    content_negotiation_class = FirstRenderer
    fmt = "csv"

    def get(self, request: Request):
        params = ReportExportFilterSerializer(data=request.query_params)
        return report_export_response(request, params, Audience.public(), fmt=self.fmt, stem="laporan-publik")


class ReportCsvExportView(_PublicExport):
    """Every public report matching the filters as CSV (the public list's columns and filters, no pages)."""

    fmt = "csv"

    @extend_schema(
        operation_id="reports_export_csv",
        parameters=[ReportExportFilterSerializer],
        responses=csv_schema(CSV_DESCRIPTION),
        tags=["exports"],
    )
    def get(self, request: Request):
        return super().get(request)


class ReportGeoPackageExportView(_PublicExport):
    """Every public report matching the filters as a GeoPackage."""

    fmt = "gpkg"

    @extend_schema(
        operation_id="reports_export_geopackage",
        parameters=[ReportExportFilterSerializer],
        responses=geopackage_schema(GEOPACKAGE_DESCRIPTION),
        tags=["exports"],
    )
    def get(self, request: Request):
        return super().get(request)
