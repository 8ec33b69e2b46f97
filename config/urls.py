from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from workflow.file_views import media_file

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # Both without inline scripts, for the Content-Security-Policy: Swagger UI's start-up code is fetched from
    # /api/docs/?script, Redoc starts from its <redoc> element.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path(
        "api/redoc/",
        SpectacularRedocView.as_view(url_name="schema", template_name="geoportal/redoc.html"),
        name="api-redoc",
    ),
    path("api/", include("geoportal.api.urls")),
    path("api/", include("workflow.api.urls")),
    path("open311/", include("open311.urls")),
    path("ogc/", include("ogcapi.urls")),  # OGC API – Features
    # Every stored photo and video goes through the file policy (same URLs as files on disk would have).
    re_path(r"^media/(?P<name>.*)$", media_file, name="media-file"),
    path("", include("workflow.urls")),
    path("", include("reports_pdf.urls")),
    path("", include("geoportal.urls")),
]

# An /api/ (or /tiles/) address that matches nothing, or a fault, answers in the API's error shape.
handler404 = "apicommon.errors.not_found"
handler500 = "apicommon.errors.server_error"
