"""Renderers that pass JSON text built by PostGIS straight through to the response."""

import json

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
