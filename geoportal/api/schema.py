"""The OpenAPI contract (drf-spectacular): every refusal an operation can answer is declared, all in one shape
(`Error`, application/json); the plain Django doors clients also use (vector tiles, the QGIS plugin repository)
are documented beside the API views."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import permissions, serializers

from apicommon.errors import ERROR_MEDIA_TYPE


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("what went wrong, in the user's language"))
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("per request field (parameter or form field): what is wrong with it; may be empty"),
    )


REFUSALS = {
    400: _("Wrong input: `errors` names each wrong field or parameter and why"),
    401: _("The token sent is unknown, ended or malformed (sign in again)"),
    403: _("Not allowed for this account (or a signed-in form without its CSRF token)"),
    404: _("Nothing here that you may see"),
    406: _("No answer in the media type asked for (Accept header or `format`)"),
    415: _("The body's media type is not one this operation reads"),
}
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
MVT = "application/vnd.mapbox-vector-tile"


class ApiAutoSchema(AutoSchema):
    """drf-spectacular's schema with the refusals each operation can answer, in the API's one error shape."""

    def _refusal_codes(self) -> set[int]:
        codes = {401, 406}  # any stale token; any Accept or ?format= the operation cannot serve
        has_body = self.method in UNSAFE and self.get_request_serializer() is not None
        if has_body or any(p.get("in") == "query" for p in self._get_parameters()):
            codes.add(400)
        if has_body:
            codes.add(415)
        if "{" in self.path:
            codes.add(404)
        guarded = any(not isinstance(p, permissions.AllowAny) for p in self.view.get_permissions())
        if guarded or self.method in UNSAFE:  # unsafe: a session without its CSRF token
            codes.add(403)
        return codes

    def _get_parameters(self):
        parameters = super()._get_parameters()
        for parameter in parameters:
            if parameter.get("in") == "query" and not parameter.get("required") and parameter["name"] != "format":
                parameter["allowEmptyValue"] = True  # `?status=` (a form's empty field) is the filter left out
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = self._refusal_codes() | {int(code) for code in responses if code.isdigit() and int(code) >= 400}
        for code in sorted(codes):
            described = responses.get(str(code), {}).get("description") or REFUSALS.get(code, "")
            responses[str(code)] = self._get_response_for_code(
                OpenApiResponse(ErrorSerializer, description=described), str(code), [ERROR_MEDIA_TYPE], direction
            )
        return dict(sorted(responses.items()))


def _error_response(description) -> dict:
    return {
        "description": str(description),
        "content": {ERROR_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _query(name: str, description, schema: dict | None = None) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "allowEmptyValue": True,
        "description": str(description),
        "schema": schema or {},
    }


def _tile_path() -> dict:
    from geoportal.selectors.tiles import MAX_ZOOM

    def coordinate(name, maximum=None):
        schema = {"type": "integer", "minimum": 0}
        if maximum is not None:
            schema["maximum"] = maximum
        return {"name": name, "in": "path", "required": True, "schema": schema}

    date = {"type": "string", "format": "date"}
    return {
        "get": {
            "operationId": "report_tiles",
            "summary": str(_("Public reports as a Mapbox Vector Tile (layer `reports`), for the citizen map")),
            "tags": ["reports"],
            "parameters": [
                coordinate("z", MAX_ZOOM),
                coordinate("x"),
                coordinate("y"),
                _query("status", _("one or more public statuses, comma-separated"), {"type": "string"}),
                _query("category", _("one or more label codes, comma-separated"), {"type": "string"}),
                _query("kecamatan", _("kecamatan code, e.g. 35.03.11"), {"type": "string"}),
                _query("created_from", _("first day (Asia/Jakarta), YYYY-MM-DD"), date),
                _query("created_to", _("last day, inclusive (Asia/Jakarta)"), date),
            ],
            "responses": {
                "200": {
                    "description": str(_("The tile (empty when no report lies in it)")),
                    "content": {MVT: {"schema": {"type": "string", "format": "binary"}}},
                },
                "400": _error_response(REFUSALS[400]),
                "404": _error_response(REFUSALS[404]),
            },
            "security": [{}],
        }
    }


def _plugins_xml_path() -> dict:
    return {
        "get": {
            "operationId": "qgis_plugins_xml",
            "summary": str(_("The QGIS plugin repository: add this URL in QGIS's Plugin Manager")),
            "tags": ["staff"],
            "responses": {
                "200": {
                    "description": str(_("plugins.xml with the plugin's version and download link")),
                    "content": {"application/xml": {"schema": {"type": "string"}}},
                }
            },
            "security": [{}],
        }
    }


def document_plain_doors(result, generator, request, public):
    """POSTPROCESSING_HOOKS: the vector tiles and the QGIS plugin repository, which are plain Django views."""
    result["paths"]["/tiles/reports/{z}/{x}/{y}.pbf"] = _tile_path()
    result["paths"]["/qgis/plugins.xml"] = _plugins_xml_path()
    return result


# OpenAPI links: where an answer leads (a new report to its pages and actions; a staff view to its trail and
# actions). Clients and stateful testers follow them.
_REPORT_ID = {"id": "$response.body#/id"}
LINKS = {
    ("/api/reports/", "post", "201"): {
        "ReportPage": ("reports_retrieve", _REPORT_ID),
        "StaffReport": ("staff_reports_retrieve", _REPORT_ID),
        "Events": ("reports_events", _REPORT_ID),
        "Act": ("reports_transition", _REPORT_ID),
        "Track": ("track_retrieve", {"code": "$response.body#/tracking_code"}),
        "CitizenAct": ("track_transition", {"code": "$response.body#/tracking_code"}),
    },
    ("/api/staff/reports/{id}/", "get", "200"): {
        "Events": ("reports_events", _REPORT_ID),
        "Act": ("reports_transition", _REPORT_ID),
    },
    ("/api/reports/{id}/transitions/{name}/", "post", "200"): {
        "Events": ("reports_events", _REPORT_ID),
        "StaffReport": ("staff_reports_retrieve", _REPORT_ID),
    },
}


def link_operations(result, generator, request, public):
    """POSTPROCESSING_HOOKS: the links above, on the answers they start from."""
    for (path, method, status), links in LINKS.items():
        response = result["paths"].get(path, {}).get(method, {}).get("responses", {}).get(status)
        if response is not None:
            response["links"] = {
                name: {"operationId": operation, "parameters": parameters}
                for name, (operation, parameters) in links.items()
            }
    return result
