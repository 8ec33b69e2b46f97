from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

admin.site.site_header = _("Lapor Trenggalek – administration")
admin.site.site_title = _("Lapor Trenggalek")
admin.site.index_title = _("Reports, areas, squads and staff")

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
    path("", include("workflow.urls")),
    path("", include("geoportal.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
