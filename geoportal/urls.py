from django.urls import path

from geoportal import tilejson, views
from geoportal.api.views import report_tile_view

urlpatterns = [
    path("", views.home, name="home"),
    path("lapor/", views.report_new, name="report-new"),
    path("tiles/reports/<int:z>/<int:x>/<int:y>.pbf", report_tile_view, name="report-tile"),
    path("tiles/reports.json", tilejson.report_tilejson, name="report-tilejson"),
    path("tiles/reports-style.json", tilejson.report_style, name="report-style"),
    path("kecamatan.geojson", views.kecamatan_outlines, name="kecamatan-outlines"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service-worker"),
    path("qgis/plugins.xml", views.qgis_plugins_xml, name="qgis-plugins-xml"),
    path("qgis/<str:name>", views.qgis_plugin_download, name="qgis-plugin-zip"),
]
