from datetime import date

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from geoportal.models import Category, Desa, Kecamatan, Opd
from geoportal.selectors.reports import Cursor, ReportFilters
from geoportal.states import PUBLIC_STATUSES, ReportStatus
from geoportal.visibility import visible_statuses

# DRF's own words for a form field that is not a file are English only.
NOT_A_FILE = {"invalid": _("This is not a file: send it as a file in a multipart form.")}

# The days a report can have been sent on, with room to spare; outside them a date is a typo or a probe (and year
# 9999 would overflow when the selector adds a day).
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)


def _day_in_range(value: date) -> date:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise serializers.ValidationError(
            _("Choose a day between %(first)s and %(last)s.") % {"first": FIRST_DAY, "last": LAST_DAY}
        )
    return value


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


class ReportFilterSerializer(serializers.Serializer):
    """Query parameters of the public report list; every wrong value gets a 400 that says why."""

    in_bbox = serializers.CharField(
        required=False, help_text=_("minlon,minlat,maxlon,maxlat in EPSG:4326, e.g. 111.6,-8.1,111.8,-8.0")
    )
    kecamatan = serializers.CharField(required=False, help_text=_("kecamatan code, e.g. 35.03.11"))
    desa = serializers.CharField(required=False, help_text=_("desa/kelurahan code, e.g. 35.03.11.1002"))
    status = serializers.CharField(
        required=False,
        help_text=_("one or more public statuses, comma-separated: %s") % ", ".join(sorted(PUBLIC_STATUSES)),
    )
    category = serializers.CharField(required=False, help_text=_("one or more label codes, comma-separated"))
    created_from = serializers.DateField(required=False, help_text=_("first day (Asia/Jakarta), YYYY-MM-DD"))
    created_to = serializers.DateField(required=False, help_text=_("last day, inclusive (Asia/Jakarta)"))
    limit = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=settings.REPORTS_PAGE_SIZE_MAX,
        default=settings.REPORTS_PAGE_SIZE,
        help_text=_("features per page"),
    )
    cursor = serializers.CharField(required=False, help_text=_("the `next` link's cursor; do not build it yourself"))
    count = serializers.BooleanField(
        required=False, default=False, help_text=_("also return numberMatched (costs one more query)")
    )

    @property
    def staff(self) -> bool:
        return self.context.get("staff", False)

    def validate_in_bbox(self, value: str) -> tuple[float, float, float, float]:
        try:
            minlon, minlat, maxlon, maxlat = (float(part) for part in value.split(","))
        except ValueError as exc:
            raise serializers.ValidationError(
                _("Give four numbers separated by commas: minlon,minlat,maxlon,maxlat.")
            ) from exc
        if not (-180 <= minlon < maxlon <= 180 and -90 <= minlat < maxlat <= 90):
            raise serializers.ValidationError(
                _("Longitudes must lie in -180..180 and latitudes in -90..90, with min below max.")
            )
        return minlon, minlat, maxlon, maxlat

    def validate_kecamatan(self, value: str) -> str:
        if not Kecamatan.objects.filter(kode=value).exists():
            raise serializers.ValidationError(_("Unknown kecamatan code: %s.") % value)
        return value

    def validate_desa(self, value: str) -> str:
        if not Desa.objects.filter(kode=value).exists():
            raise serializers.ValidationError(_("Unknown desa/kelurahan code: %s.") % value)
        return value

    def validate_status(self, value: str) -> tuple[str, ...]:
        statuses = _csv(value)
        allowed = visible_statuses(staff=self.staff)
        wrong = [s for s in statuses if s not in allowed]
        if wrong or not statuses:
            message = (
                _("Unknown status: %(wrong)s. Use: %(allowed)s.")
                if self.staff
                else _("Not a public status: %(wrong)s. Use: %(allowed)s.")
            )
            raise serializers.ValidationError(
                message % {"wrong": ", ".join(wrong) or "-", "allowed": ", ".join(allowed)}
            )
        return tuple(statuses)

    def validate_category(self, value: str) -> tuple[str, ...]:
        codes = _csv(value)
        labels = Category.objects.filter(code__in=codes)
        if not self.staff:
            labels = labels.filter(confidential=False)
        known = set(labels.values_list("code", flat=True))
        wrong = [code for code in codes if code not in known]
        if wrong or not codes:
            raise serializers.ValidationError(_("Unknown label: %s. See /api/categories/.") % (", ".join(wrong) or "-"))
        return tuple(codes)

    def validate_cursor(self, value: str) -> tuple[Cursor, bool]:
        """The position, and whether the page before it is asked for (a `prev` link's cursor starts with "~")."""
        backward = value.startswith("~")
        try:
            return Cursor.decode(value[1:] if backward else value), backward
        except ValueError as exc:
            raise serializers.ValidationError(_("This cursor is not valid: follow the `next` link as given.")) from exc

    def validate_created_from(self, value: date) -> date:
        return _day_in_range(value)

    def validate_created_to(self, value: date) -> date:
        return _day_in_range(value)

    def validate(self, attrs):
        start, end = attrs.get("created_from"), attrs.get("created_to")
        if start and end and start > end:
            raise serializers.ValidationError({"created_to": _("The last day comes before the first day.")})
        return attrs

    def filters(self) -> ReportFilters:
        data = self.validated_data
        return ReportFilters(
            opd=data.get("opd"),
            overdue=data.get("overdue", False),
            bbox=data.get("in_bbox"),
            kecamatan=data.get("kecamatan"),
            desa=data.get("desa"),
            statuses=data.get("status", ()),
            categories=data.get("category", ()),
            created_from=data.get("created_from"),
            created_to=data.get("created_to"),
        )


class TileFilterSerializer(ReportFilterSerializer):
    """The filters a vector tile honours: the citizen map's (status, label, kecamatan, dates)."""

    in_bbox = desa = limit = cursor = count = None  # a tile is its own area and has no pages


class StaffReportFilterSerializer(ReportFilterSerializer):
    """The staff queue's filters: every status, confidential labels where the role allows, plus OPD and overdue."""

    status = serializers.CharField(
        required=False, help_text=_("one or more statuses, comma-separated: %s") % ", ".join(ReportStatus.values)
    )
    opd = serializers.CharField(required=False, help_text=_("only reports held by this OPD (code)"))
    overdue = serializers.BooleanField(required=False, default=False, help_text=_("only reports past a deadline"))

    @property
    def staff(self) -> bool:
        return True

    def validate_opd(self, value: str) -> str:
        if not Opd.objects.filter(code=value).exists():
            raise serializers.ValidationError(_("Unknown OPD code: %s.") % value)
        return value


class DesaFilterSerializer(serializers.Serializer):
    """GET /api/desa/'s one filter (a CharField refuses NUL and other characters PostgreSQL cannot hold)."""

    kecamatan = serializers.CharField(required=False, allow_blank=True, help_text=_("only this kecamatan's desa"))


class KecamatanSerializer(GeoFeatureModelSerializer):
    report_count = serializers.IntegerField(read_only=True, help_text=_("public reports"))

    class Meta:
        model = Kecamatan
        geo_field = "geom"
        id_field = "kode"
        fields = ["kode", "nama", "report_count"]


class DesaSerializer(GeoFeatureModelSerializer):
    kecamatan = serializers.CharField(source="kecamatan.kode", read_only=True)
    kecamatan_nama = serializers.CharField(source="kecamatan.nama", read_only=True)
    report_count = serializers.IntegerField(read_only=True, help_text=_("public reports"))

    class Meta:
        model = Desa
        geo_field = "geom"
        id_field = "kode"
        fields = ["kode", "nama", "jenis", "kecamatan", "kecamatan_nama", "report_count"]


class CategorySerializer(serializers.ModelSerializer):
    squad = serializers.CharField(source="squad.code")
    squad_name = serializers.CharField(source="squad.name")
    colour = serializers.CharField(source="squad.colour")
    default_opd = serializers.CharField(source="default_opd.code")
    default_opd_name = serializers.CharField(source="default_opd.name")

    class Meta:
        model = Category
        fields = [
            "code",
            "name",
            "description",
            "icon",
            "squad",
            "squad_name",
            "colour",
            "default_opd",
            "default_opd_name",
            "confidential",
            "verification_target_days",
            "response_target_days",
            "resolution_target_days",
        ]


class ReportSubmitSerializer(serializers.Serializer):
    """A citizen's report (multipart): one or more `photo` files, a label, a position, optional text and contact."""

    photo = serializers.ListField(
        child=serializers.FileField(error_messages=NOT_A_FILE),
        required=False,
        help_text=_("one or more photos (JPEG, PNG, WebP, HEIC)"),
    )
    video = serializers.FileField(
        required=False, error_messages=NOT_A_FILE, help_text=_("one short video (MP4 or WebM, at most 60 s)")
    )
    category = serializers.CharField(required=False, allow_blank=True, help_text=_("label code, see /api/categories/"))
    latitude = serializers.FloatField(
        required=False, allow_null=True, help_text=_("WGS 84; may be left out when the photo carries GPS")
    )
    longitude = serializers.FloatField(required=False, allow_null=True)
    description = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    name = serializers.CharField(required=False, allow_blank=True, max_length=100)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=30)
    email = serializers.CharField(required=False, allow_blank=True, max_length=254)
    anonymous = serializers.BooleanField(required=False, default=False, help_text=_("send no contact at all"))
    client_id = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text=_("set by the device; a resend with the same id returns the same report"),
    )
    website = serializers.CharField(
        required=False, allow_blank=True, help_text=_("leave empty (a field only bots fill)")
    )


class ReportSubmitContract(ReportSubmitSerializer):
    """What the schema promises about POST /api/reports/: a photo and a label are required, the position lies on
    Earth. The view checks them in the service, with the place, so that a citizen sees every problem at once."""

    photo = serializers.ListField(
        child=serializers.FileField(error_messages=NOT_A_FILE),
        min_length=1,
        help_text=_("one or more photos (JPEG, PNG, WebP, HEIC)"),
    )
    category = serializers.CharField(help_text=_("label code, see /api/categories/"))
    latitude = serializers.FloatField(
        required=False,
        allow_null=True,
        min_value=-90,
        max_value=90,
        help_text=_("WGS 84; may be left out when the photo carries GPS"),
    )
    longitude = serializers.FloatField(required=False, allow_null=True, min_value=-180, max_value=180)


class ReportReceiptSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    tracking_code = serializers.CharField(help_text=_("keep it: it opens the report's page"))
    url = serializers.CharField()
    status = serializers.CharField()
    kecamatan = serializers.CharField()
    desa = serializers.CharField()


class ReportExportFilterSerializer(ReportFilterSerializer):
    """The public export's filters: the public list's, without pages (an export is every matching report)."""

    limit = cursor = count = None


class StaffReportExportFilterSerializer(StaffReportFilterSerializer):
    """The staff export's filters: the staff list's, without pages."""

    limit = cursor = count = None
