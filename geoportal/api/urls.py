from django.urls import path

from geoportal.api import exports, views

urlpatterns = [
    path("reports/", views.ReportListView.as_view(), name="api-report-list"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="api-report-detail"),
    path("kecamatan/", views.KecamatanListView.as_view(), name="api-kecamatan-list"),
    path("desa/", views.DesaListView.as_view(), name="api-desa-list"),
    path("categories/", views.CategoryListView.as_view(), name="api-category-list"),
    path("exports/reports.csv", exports.ReportCsvExportView.as_view(), name="api-export-reports-csv"),
    path("exports/reports.gpkg", exports.ReportGeoPackageExportView.as_view(), name="api-export-reports-gpkg"),
]
