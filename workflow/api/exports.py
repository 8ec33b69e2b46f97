"""Staff exports (token or session): the reports this role may see, and the dashboard's figures tables.

GET /api/staff/exports/reports.csv | reports.gpkg: the staff list's filters and columns, rows as
workflow.policies.reports_visible_to allows, the reporter's contact only where contact_visible allows (SQL from
audience_for). GET /api/staff/exports/figures/<table>.csv: a dashboard table for a month or a date range, for whoever
may read the dashboard (dashboard_readable).
"""

import re
from datetime import datetime

from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.views import APIView

from apicommon.errors import invalid_fields
from apicommon.renderers import PassThroughJSONRenderer
from geoportal.api.exports import (
    CSV_DESCRIPTION,
    GEOPACKAGE_DESCRIPTION,
    FirstRenderer,
    csv_schema,
    geopackage_schema,
    report_export_response,
)
from geoportal.api.serializers import StaffReportExportFilterSerializer, _day_in_range
from geoportal.clocks import WIB
from geoportal.exports import csv_rows_response, export_filename
from workflow.api.views import IsStaff
from workflow.figures_export import TABLES, figures_filename, figures_table, period_from
from workflow.policies import audience_for, dashboard_readable

STAFF_COLUMNS_NOTE = _(
    " Staff columns: confidential, opd, opd_name, the three due times, overdue, extra_reporters, located, and "
    "contact_name, contact_phone, contact_email where your role may read the reporter's contact (else empty)."
)


class _StaffExport(APIView):
    permission_classes = [IsStaff]
    renderer_classes = [PassThroughJSONRenderer]
    content_negotiation_class = FirstRenderer
    fmt = "csv"

    def get(self, request: Request):
        params = StaffReportExportFilterSerializer(data=request.query_params)
        return report_export_response(request, params, audience_for(request.actor), fmt=self.fmt, stem="laporan-staf")


class StaffReportCsvExportView(_StaffExport):
    """The reports this staff member may see, as CSV (the staff list's filters, no pages)."""

    fmt = "csv"

    @extend_schema(
        operation_id="staff_reports_export_csv",
        parameters=[StaffReportExportFilterSerializer],
        responses={**csv_schema(str(CSV_DESCRIPTION) + str(STAFF_COLUMNS_NOTE)), 403: OpenApiResponse()},
        tags=["exports"],
    )
    def get(self, request: Request):
        return super().get(request)


class StaffReportGeoPackageExportView(_StaffExport):
    """The reports this staff member may see, as a GeoPackage."""

    fmt = "gpkg"

    @extend_schema(
        operation_id="staff_reports_export_geopackage",
        parameters=[StaffReportExportFilterSerializer],
        responses={**geopackage_schema(str(GEOPACKAGE_DESCRIPTION) + str(STAFF_COLUMNS_NOTE)), 403: OpenApiResponse()},
        tags=["exports"],
    )
    def get(self, request: Request):
        return super().get(request)


class FiguresFilterSerializer(serializers.Serializer):
    """A month, or a first and a last day; nothing: this month."""

    month = serializers.CharField(required=False, help_text=_("a month, YYYY-MM"))
    start = serializers.DateField(required=False, help_text=_("first day (Asia/Jakarta), YYYY-MM-DD"))
    end = serializers.DateField(required=False, help_text=_("last day, inclusive (Asia/Jakarta)"))

    def validate_month(self, value: str) -> str:
        match = re.fullmatch(r"(\d{4})-(\d{2})", value)
        if not match or not 2000 <= int(match[1]) <= 2100 or not 1 <= int(match[2]) <= 12:
            raise serializers.ValidationError(_("Choose a month like 2026-10."))
        return value

    def validate_start(self, value):
        return _day_in_range(value)

    def validate_end(self, value):
        return _day_in_range(value)

    def validate(self, attrs):
        start, end = attrs.get("start"), attrs.get("end")
        if attrs.get("month") and (start or end):
            raise serializers.ValidationError({"month": [_("Give a month or a first and last day, not both.")]})
        if bool(start) != bool(end):
            raise serializers.ValidationError({"end" if start else "start": [_("Give both the first and last day.")]})
        if start and end and start > end:
            raise serializers.ValidationError({"end": [_("The last day comes before the first day.")]})
        return attrs


class FiguresCsvExportView(APIView):
    """One figures table of the leadership dashboard as CSV, for whoever may read the dashboard."""

    permission_classes = [IsStaff]
    renderer_classes = [PassThroughJSONRenderer]
    content_negotiation_class = FirstRenderer

    @extend_schema(
        operation_id="figures_export_csv",
        parameters=[
            OpenApiParameter(
                "table",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=list(TABLES),
                description=_(
                    "opd: per-OPD performance (the ranking); kecamatan, label, pasukan: per area, label, squad; "
                    "bulanan: received and resolved per month; ringkasan: the period's summary"
                ),
            ),
            FiguresFilterSerializer,
        ],
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR,
                description=_(
                    "UTF-8 with BOM. Working days to one decimal and percentages to whole numbers (half away from "
                    "zero), as on the dashboard; every row ends with period_start, period_end and as_of (WIB)."
                ),
            ),
            400: OpenApiResponse(description=_("Invalid period")),
            403: OpenApiResponse(),
            404: OpenApiResponse(description=_("No such table")),
        },
        tags=["exports"],
    )
    def get(self, request: Request, table: str):
        if not dashboard_readable(request.actor):
            return JsonResponse(
                {"detail": str(_("The dashboard's figures are for leadership.")), "errors": {}}, status=403
            )
        if table not in TABLES:
            return JsonResponse({"detail": str(_("There is no such figures table.")), "errors": {}}, status=404)
        params = FiguresFilterSerializer(data=request.query_params)
        if not params.is_valid():
            return JsonResponse(invalid_fields(params.errors), status=400)
        data = params.validated_data
        if not data.get("month") and not data.get("start"):
            today = datetime.now(tz=WIB).date()
            data = {"month": f"{today:%Y-%m}"}
        period = period_from(month=data.get("month"), start=data.get("start"), end=data.get("end"))
        header, rows = figures_table(table=table, period=period)
        return csv_rows_response(
            header, rows, filename=export_filename(figures_filename(table=table, period=period), "csv"), public=False
        )
