"""The admin of places and reference data. Reports are administered from workflow.admin: who may see which report
is the workflow's policy, and this bottom layer does not import it."""

from django.conf import settings
from django.contrib import admin
from django.contrib.gis.admin import GISModelAdmin
from django.contrib.gis.forms.widgets import OSMWidget

from geoportal.models import Category, Desa, Kabupaten, Kecamatan, Opd, Squad


class LocalOSMWidget(OSMWidget):
    """GeoDjango's map widget with OpenLayers served by this server instead of a CDN, started by a static
    script (no inline code, for the Content-Security-Policy) on the citizen map's basemap."""

    template_name = "geoportal/widgets/map.html"
    default_lon = 111.62
    default_lat = -8.15
    default_zoom = 10

    class Media:
        extend = False  # OSMWidget's own Media loads OpenLayers from a CDN
        css = {"all": ("vendor/ol/ol.css", "gis/css/ol3.css")}
        js = ("vendor/ol/ol.js", "gis/js/OLMapWidget.js", "geoportal/admin_map.js")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["map_options_id"] = f"{context['id']}_map_options"
        context["map_options"] = {
            "geom_name": context["geom_type"],
            "id": context["id"],
            "map_id": f"{context['id']}_map",
            "map_srid": context["map_srid"],
            "name": name,
            "module": context["module"],
            "default_lon": context["default_lon"],
            "default_lat": context["default_lat"],
            "default_zoom": context["default_zoom"],
            "tiles_url": settings.MAP_TILES_URL,
            "tiles_attribution": settings.MAP_TILES_ATTRIBUTION,
        }
        return context


class MapAdmin(GISModelAdmin):
    gis_widget = LocalOSMWidget


@admin.register(Kabupaten)
class KabupatenAdmin(MapAdmin):
    list_display = ["kode", "nama", "updated_at"]
    search_fields = ["kode", "nama"]


@admin.register(Kecamatan)
class KecamatanAdmin(MapAdmin):
    list_display = ["kode", "nama", "kabupaten", "updated_at"]
    list_filter = ["kabupaten"]
    search_fields = ["kode", "nama"]


@admin.register(Desa)
class DesaAdmin(MapAdmin):
    list_display = ["kode", "nama", "jenis", "kecamatan"]
    list_filter = ["kecamatan", "jenis"]
    search_fields = ["kode", "nama"]
    list_select_related = ["kecamatan"]


@admin.register(Squad)
class SquadAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "colour", "covert", "order"]
    list_editable = ["order"]


@admin.register(Opd)
class OpdAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "email", "active"]
    list_filter = ["active"]
    search_fields = ["code", "name"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "code",
        "squad",
        "default_opd",
        "confidential",
        "verification_target_days",
        "response_target_days",
        "resolution_target_days",
        "active",
    ]
    list_filter = ["squad", "default_opd", "confidential", "active"]
    list_editable = ["verification_target_days", "response_target_days", "resolution_target_days"]
    search_fields = ["code", "name"]
