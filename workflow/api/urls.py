from django.urls import path

from workflow.api import exports, views

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="api-token"),
    path("staff/reports/", views.StaffReportListView.as_view(), name="api-staff-report-list"),
    path("staff/reports/<int:pk>/", views.StaffReportDetailView.as_view(), name="api-staff-report-detail"),
    path("staff/exports/reports.csv", exports.StaffReportCsvExportView.as_view(), name="api-staff-export-csv"),
    path("staff/exports/reports.gpkg", exports.StaffReportGeoPackageExportView.as_view(), name="api-staff-export-gpkg"),
    path("staff/exports/figures/<str:table>.csv", exports.FiguresCsvExportView.as_view(), name="api-figures-export"),
    path("reports/<int:pk>/transitions/<str:name>/", views.TransitionView.as_view(), name="api-report-transition"),
    path("reports/<int:pk>/events/", views.EventListView.as_view(), name="api-report-events"),
    path("track/<str:code>/", views.TrackView.as_view(), name="api-track"),
    path(
        "track/<str:code>/transitions/<str:name>/", views.CitizenTransitionView.as_view(), name="api-track-transition"
    ),
]
