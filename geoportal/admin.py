"""The admin of places and reference data. Reports are administered from workflow.admin: who may see which report
is the workflow's policy, and this bottom layer does not import it."""

from django.contrib import admin
from django.contrib.gis.admin import GISModelAdmin
from django.contrib.gis.forms.widgets import OSMWidget

from geoportal.models import Category, Desa, Kabupaten, Kecamatan, Opd, Squad


class LocalOSMWidget(OSMWidget):
    """GeoDjango's map widget with OpenLayers served by this server instead of a CDN."""

    default_lon = 111.62
    default_lat = -8.15
    default_zoom = 10

    class Media:
        css = {"all": ("vendor/ol/ol.css", "gis/css/ol3.css")}
        js = ("vendor/ol/ol.js", "gis/js/OLMapWidget.js")


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
