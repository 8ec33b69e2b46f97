"""How a file the policy allowed leaves: streamed by Django, or sent by nginx (X-Accel-Redirect) when a prefix
for its storage's `internal` location is set (README, "Production")."""

import mimetypes
from urllib.parse import quote

from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header

# Stored files never change (random names, never reused): public ones may be kept by any cache.
PUBLIC_CACHE = "public, max-age=31536000, immutable"
PRIVATE_CACHE = "private, no-store"


def file_response(*, storage, name: str, accel_prefix: str, public: bool, filename: str | None = None) -> HttpResponse:
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if accel_prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel_prefix.rstrip("/") + "/" + quote(name)
        if filename:
            response["Content-Disposition"] = content_disposition_header(False, filename)
    else:
        try:
            handle = storage.open(name, "rb")
        except (FileNotFoundError, IsADirectoryError, ValueError) as exc:
            raise Http404 from exc
        response = FileResponse(handle, content_type=content_type, filename=filename or "")
    response["Cache-Control"] = PUBLIC_CACHE if public else PRIVATE_CACHE
    response["X-Content-Type-Options"] = "nosniff"
    return response
