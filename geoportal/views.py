"""Citizen-facing pages of the map and the report form. Thin: selectors read. The report pages (tracking and
public) belong to the workflow (workflow/citizen_views.py): they show its timeline and run its transitions."""

import hashlib
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.gzip import gzip_page

from config.http import public_read
from geoportal.addresses import client_address
from geoportal.maps import citizen_map, first_reports_url, map_parts
from geoportal.models import Category, Kecamatan
from geoportal.offline import KEEP_HEADER, kept_on_the_phone
from geoportal.plugin_repository import plugin_info, plugin_zip, plugins_xml
from geoportal.progress import open_statuses, progress_legend
from geoportal.selectors.areas import desa_points, kecamatan_outlines_geojson, served_area_bounds
from geoportal.selectors.categories import form_labels
from geoportal.services.rate_limits import RateLimited, tracking_lookup
from geoportal.tracking import tracking_code_display


def citizen_page_gzip(view):
    """gzip for the two heavy public pages (the map's and the form's HTML carry the kecamatan outlines: ~85 KiB,
    ~20 KiB gzipped; on a 1.4 Mbit/s line that is 0.4 s instead of 0.1 s). BREACH recovers a secret that stays
    the same across compressed answers which also reflect the attacker's input (here the URL, in the language
    form's `next`): these pages' only secret is that form's CSRF token, which Django masks anew on every answer,
    and GZipMiddleware pads each answer with random bytes (Heal the Breach). Pages with a session's data (staff
    pages, the tracking page) stay uncompressed, as config/http.py keeps them."""
    return gzip_page(view)


def tracking_limited(view):
    """A page that looks up tracking codes: over the address's limit it answers 429 with a page in words."""

    @wraps(view)
    def limited_view(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except RateLimited as limited:
            return rate_limited_page(request, limited)

    return limited_view


@tracking_limited
@kept_on_the_phone
@citizen_page_gzip
def home(request):
    """The public map of reports (folium), with filters and a list; also looks up a tracking code."""
    if code := request.GET.get("kode"):
        if report := tracking_lookup(code=code, address=client_address(request)):
            return redirect("track", code=tracking_code_display(report.tracking_code))
        messages.error(request, _("No report has this tracking code. Check the code on your receipt."))
    return render(
        request,
        "geoportal/home.html",
        {
            "map": map_parts(citizen_map(), nonce=request.csp_nonce),
            "first_reports": first_reports_url(),
            "categories": Category.objects.filter(active=True, confidential=False).order_by("name"),
            "kecamatan": Kecamatan.objects.order_by("nama").only("kode", "nama"),
            "progress": progress_legend(),
            "open_statuses": open_statuses(),
            "i18n": {
                "open": _("Open the report"),
                "count": _("%s reports in this area"),
                "count_open": _("%s reports still open in this area"),
                "locating": _("Finding where you are…"),
                "no_location": _("Your location could not be read. Move the map to your place, or choose a kecamatan."),
                "dense": _(
                    "More than %s reports in this area: circles show how many there are (bigger: more). "
                    "Zoom in or tap a circle to see them one by one. The list shows the newest."
                ),
                "here": _("%s reports here"),
                "loading": _("Loading reports…"),
                "failed": _("The reports could not be loaded. Check the connection."),
            },
        },
    )


@kept_on_the_phone
@citizen_page_gzip
def report_new(request):
    """The phone-first report form; it sends through POST /api/reports/ (or waits in the outbox offline). The
    labels most used lately come first, the rest behind "Lainnya"; the map library loads when the location step
    is used (lapor.js), so a first visit on a slow line is the form alone."""
    bounds = served_area_bounds() or (111.39, -8.41, 111.85, -7.88)
    return render(
        request,
        "geoportal/report_form.html",
        {
            "labels": form_labels(),
            "kecamatan": Kecamatan.objects.order_by("nama").only("kode", "nama"),
            "form_config": {
                "bounds": bounds,
                "tiles": settings.MAP_TILES_URL,
                "attribution": settings.MAP_TILES_ATTRIBUTION,
                "outlines": reverse("kecamatan-outlines"),  # fetched with the map library, when the map is asked for
                "desa": desa_points(),
                "leaflet": {"js": static("vendor/leaflet/leaflet.js"), "css": static("vendor/leaflet/leaflet.css")},
                "icon": {
                    "url": static("vendor/leaflet/images/marker-icon.png"),
                    "retina": static("vendor/leaflet/images/marker-icon-2x.png"),
                    "shadow": static("vendor/leaflet/images/marker-shadow.png"),
                },
                "i18n": {
                    "copied": _("Copied. Keep it somewhere safe."),
                    "share_title": _("My report to Lapor Trenggalek"),
                    "share_text": _("My tracking code for Lapor Trenggalek: %s"),
                    "pin": _("Location of the problem (drag to move)"),
                    "no_gps": _(
                        "This phone cannot give its location: put the pin on the map, or choose kecamatan and desa."
                    ),
                    "locating": _("Finding your location…"),
                    "located": _("Location found (within about %s m). Drag the pin if it is not exact."),
                    "gps_failed": _(
                        "The location could not be found: put the pin on the map, or choose kecamatan and desa."
                    ),
                    "need_photo": _("Add at least one photo of the problem."),
                    "photos_chosen": _("Photos chosen: %s"),
                    "video_chosen": _("Video chosen: %s"),
                    "need_label": _("Choose a label for the problem."),
                    "sending": _("Sending…"),
                    "send": _("Send report"),
                    "waiting": _(
                        "%s report(s) saved on this phone; they will be sent automatically when the connection returns."
                    ),
                },
            },
        },
    )


def manifest(request):
    icons = [
        {
            "src": static(f"geoportal/icon-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": "any maskable",
        }
        for size in (192, 512)
    ]
    return JsonResponse(
        {
            "name": str(_("Lapor Trenggalek")),
            "short_name": "Lapor",
            "description": str(_("Citizen reports of Kabupaten Trenggalek: photo, label, location.")),
            "start_url": reverse("home"),
            "scope": "/",
            "display": "standalone",
            "background_color": "#f4f6f8",
            "theme_color": "#0d47a1",
            "lang": get_language(),
            "icons": icons,
        },
        content_type="application/manifest+json",
    )


@public_read(max_age=86400)
def kecamatan_outlines(request):
    """The kecamatan outlines drawn on the citizen map and the form's map: one small GeoJSON that both pages fetch
    when their map is up (it was inline in both pages' HTML, ~10–18 KiB gzipped before anything showed on a
    phone's first visit), kept by the browser for a day."""
    return HttpResponse(kecamatan_outlines_geojson(tolerance_deg=0.001), content_type="application/geo+json")


def qgis_plugins_xml(request):
    """A QGIS plugin repository: add this URL in QGIS → Plugins → Manage and Install → Settings."""
    info = plugin_info()
    url = request.build_absolute_uri(reverse("qgis-plugin-zip", kwargs={"name": info.zip_name}))
    return HttpResponse(plugins_xml(download_url=url), content_type="application/xml; charset=utf-8")


def qgis_plugin_download(request, name: str):
    info = plugin_info()
    if name != info.zip_name:
        raise Http404(_("There is no such plugin file here."))
    response = HttpResponse(plugin_zip(info.version), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{info.zip_name}"'
    return response


def _static_version() -> str:
    """Changes with any deployed script of the citizen pages (their hashed names): a new worker drops what the old
    one kept."""
    names = ("map.js", "lapor.js", "page.js", "outbox.js", "myreports.js")
    return hashlib.sha256("".join(static(f"geoportal/{name}") for name in names).encode()).hexdigest()[:12]


def service_worker(request):
    # Served from the root so that its scope covers every public page; its cache name follows the deployed static files.
    response = render(
        request,
        "geoportal/sw.js",
        {
            "version": _static_version(),
            "static_prefix": settings.STATIC_URL,
            "keep_header": KEEP_HEADER,
        },
        content_type="application/javascript",
    )
    response["Cache-Control"] = "no-cache"
    return response


def rate_limited_page(request, limited: RateLimited) -> HttpResponse:
    response = render(request, "geoportal/rate_limited.html", {"message": limited.message}, status=429)
    response["Retry-After"] = str(limited.retry_after)
    return response
