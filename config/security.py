"""The browser-facing security policy, built from settings (no Django app imported here): the
Content-Security-Policy that django-csp sends, and the origin of the basemap's tiles that it must allow."""

import re
from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured


def tile_origin(tiles_url: str) -> str | None:
    """The origin an XYZ tile URL loads from, as a CSP source: 'https://{s}.tile.example/{z}/{x}/{y}.png' gives
    'https://*.tile.example'. None for no basemap or tiles from this server (a relative URL)."""
    if not tiles_url:
        return None
    parts = urlsplit(tiles_url)
    if not parts.scheme:
        return None
    host, *rest = parts.netloc.split(".", 1)
    if "{" in host:  # a subdomain placeholder such as {s} or {a-c}
        host = "*"
    netloc = ".".join([host, *rest])
    if re.search(r"[{}\s'\";,]", netloc) or parts.scheme not in ("http", "https"):
        raise ImproperlyConfigured(
            f"MAP_TILES_URL {tiles_url!r}: only the leftmost label of the host may be a placeholder such as {{s}}."
        )
    return f"{parts.scheme}://{netloc}"


def content_security_policy(*, tiles_url: str) -> dict:
    """No inline script runs without the page's nonce, nothing loads from another host but the basemap's tiles,
    no page may be framed, and forms post only to this server."""
    tiles = [origin] if (origin := tile_origin(tiles_url)) else []
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            # Inline scripts (folium's map code) carry request.csp_nonce; everything else is a static file.
            "script-src": [SELF, NONCE],
            # Styles keep 'unsafe-inline': folium writes <style> blocks, the templates and map.js set style
            # attributes (colour dots, bars), and Leaflet, OpenLayers, Swagger UI and Redoc style elements
            # in markup. Scripts are what matters; a style cannot run code.
            "style-src": [SELF, "'unsafe-inline'"],
            # data: for the SVG icons inside the Leaflet/Bootstrap/Swagger stylesheets, blob: for the report
            # form's photo previews (URL.createObjectURL).
            "img-src": [SELF, "data:", "blob:", *tiles],
            "font-src": [SELF, "data:"],
            "connect-src": [SELF],
            "media-src": [SELF, "blob:"],
            # The service worker (/sw.js); OpenLayers (desk and admin maps) and Redoc start their workers from
            # blob: URLs, which only a script already allowed to run on the page can make.
            "worker-src": [SELF, "blob:"],
            "manifest-src": [SELF],
            "frame-src": [NONE],
            "frame-ancestors": [NONE],
            "form-action": [SELF],
            "base-uri": [SELF],
            "object-src": [NONE],
        }
    }
