"""CORS (django-cors-headers) for the public, read-only doors only.

Which paths: settings.CORS_URLS_REGEX (the public GeoJSON, tiles and OGC API, not the staff collection). Which
methods: GET and HEAD (and their preflight). No credentials and no Authorization header are ever allowed
cross-origin, so a page on another origin can read what anyone may read, never a staff answer."""

from corsheaders.middleware import CorsMiddleware


class PublicReadCorsMiddleware(CorsMiddleware):
    def is_enabled(self, request) -> bool:
        preflight = request.method == "OPTIONS" and "access-control-request-method" in request.headers
        method = request.headers.get("access-control-request-method", "") if preflight else request.method
        return method.upper() in ("GET", "HEAD") and super().is_enabled(request)
