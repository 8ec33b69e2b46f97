"""The product's URLs plus /bench/naive/reports/: the same public reports through djangorestframework-gis's plain
GeoFeatureModelSerializer, the way most GeoDjango projects serve GeoJSON. Only served by the benchmarks."""

from django.urls import include, path
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from geoportal.models import Report
from geoportal.states import PUBLIC_STATUSES


class NaiveReportSerializer(GeoFeatureModelSerializer):
    category = serializers.CharField(source="category.code")
    category_name = serializers.CharField(source="category.name")
    squad = serializers.CharField(source="category.squad.code")
    colour = serializers.CharField(source="category.squad.colour")
    icon = serializers.CharField(source="category.icon")
    kecamatan = serializers.CharField(source="public_kecamatan.kode")
    kecamatan_nama = serializers.CharField(source="public_kecamatan.nama")
    desa = serializers.CharField(source="public_desa.kode")
    desa_nama = serializers.CharField(source="public_desa.nama")

    class Meta:
        model = Report
        geo_field = "public_location"
        fields = ["id", "status", "category", "category_name", "squad", "colour", "icon", "kecamatan",
                  "kecamatan_nama", "desa", "desa_nama", "description", "created_at"]  # fmt: skip


class NaiveReportList(ListAPIView):
    serializer_class = NaiveReportSerializer
    pagination_class = None

    def get_queryset(self):
        from django.contrib.gis.geos import Polygon

        bbox = Polygon.from_bbox([float(v) for v in self.request.query_params["in_bbox"].split(",")])
        bbox.srid = 4326
        limit = int(self.request.query_params.get("limit", 1000))
        return (
            Report.objects.select_related("category__squad", "public_kecamatan", "public_desa")
            .filter(status__in=PUBLIC_STATUSES, category__confidential=False, public_location__bboverlaps=bbox)
            .order_by("-created_at", "-id")[:limit]
        )


urlpatterns = [
    path("bench/naive/reports/", NaiveReportList.as_view()),
    path("", include("config.urls")),
]
