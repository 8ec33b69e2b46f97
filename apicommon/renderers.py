"""Renderers that pass JSON text built by PostGIS straight through to the response, and the negotiation."""

import json

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import JSONRenderer


class PrebuiltJSON(str):
    """JSON text that is already serialised (by PostGIS); renderers send it as it is."""


class PassThroughJSONRenderer(JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, PrebuiltJSON):
            if self.get_indent(accepted_media_type, renderer_context or {}):
                # Only the browsable API asks for indentation: re-parse for a readable page.
                return super().render(json.loads(data), accepted_media_type, renderer_context)
            return data.encode()
        return super().render(data, accepted_media_type, renderer_context)


class GeoJSONRenderer(PassThroughJSONRenderer):
    media_type = "application/geo+json"
    format = "geojson"


class FormatNegotiation(DefaultContentNegotiation):
    """DRF's negotiation, but an unknown `?format=` is a 406 naming the formats there are (DRF answers 404, as
    if the resource were missing)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        if not format_suffix and request.query_params.get(self.settings.URL_FORMAT_OVERRIDE, None) == "":
            return self.filter_renderers(renderers, "")  # `?format=` with nothing: say so, do not ignore it
        return super().select_renderer(request, renderers, format_suffix)

    def filter_renderers(self, renderers, format):
        chosen = [renderer for renderer in renderers if renderer.format == format]
        if not chosen:
            known = ", ".join(renderer.format for renderer in renderers)
            raise NotAcceptable(_("Unknown format: %(format)s. Use: %(known)s.") % {"format": format, "known": known})
        return chosen
