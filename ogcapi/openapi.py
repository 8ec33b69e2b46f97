"""The OpenAPI 3.0 definition of /ogc/ (conformance class oas30), written out rather than generated: it states
exactly the parameters the views accept (an unknown parameter is a 400)."""

from ogcapi.crs import SUPPORTED
from ogcapi.params import DEFAULT_LIMIT, MAX_LIMIT

_ERROR = {
    "description": "OGC exception",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/exception"}}},
}


def _param(name: str, description: str, schema: dict, *, style_form: bool = True) -> dict:
    found = {"name": name, "in": "query", "required": False, "description": description, "schema": schema}
    if style_form:
        found.update(style="form", explode=False)
    return found


def openapi_document(base: str) -> dict:
    common = [
        _param("f", "json or html", {"type": "string", "enum": ["json", "html"]}),
        _param("crs", "CRS of the answer", {"type": "string", "format": "uri", "enum": list(SUPPORTED)}),
    ]
    items = [
        *common,
        _param(
            "bbox", "minx,miny,maxx,maxy", {"type": "array", "minItems": 4, "maxItems": 6, "items": {"type": "number"}}
        ),
        _param("bbox-crs", "CRS of bbox", {"type": "string", "format": "uri", "enum": list(SUPPORTED)}),
        _param(
            "limit",
            "features per page",
            {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
        ),
        _param("datetime", "RFC 3339 instant or interval", {"type": "string"}),
        _param("cursor", "page position from a next link", {"type": "string"}),
        _param("status", "report statuses, comma-separated", {"type": "string"}),
        _param("category", "label codes, comma-separated", {"type": "string"}),
        _param("kecamatan", "a kecamatan code", {"type": "string"}),
        _param("created_at", "report time: RFC 3339 instant, date or interval (reports)", {"type": "string"}),
        _param("filter", "CQL2 filter on the queryables (report collections)", {"type": "string"}),
        _param("filter-lang", "language of filter", {"type": "string", "enum": ["cql2-text", "cql2-json"]}),
        _param(
            "filter-crs", "CRS of filter's geometries", {"type": "string", "format": "uri", "enum": list(SUPPORTED)}
        ),
    ]
    cid = {
        "name": "collectionId",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "enum": ["reports", "kecamatan", "desa", "staff-reports"]},
    }
    fid = {"name": "featureId", "in": "path", "required": True, "schema": {"type": "string"}}

    def get(op: str, summary: str, params: list, kind: str) -> dict:
        return {
            "get": {
                "operationId": op,
                "summary": summary,
                "parameters": params,
                "responses": {
                    "200": {"description": summary, "content": {kind: {}, "text/html": {}}},
                    "400": _ERROR,
                    "404": _ERROR,
                },
            }
        }

    return {
        "openapi": "3.0.3",
        "info": {"title": "Lapor Trenggalek OGC API – Features", "version": "1.0.0"},
        "servers": [{"url": base.rstrip("/")}],
        "components": {
            "schemas": {
                "exception": {
                    "type": "object",
                    "required": ["code"],
                    "properties": {"code": {"type": "string"}, "description": {"type": "string"}},
                }
            },
            "securitySchemes": {
                "tokenAuth": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": "Token <token> (staff-reports only)",
                }
            },
        },
        "paths": {
            "/": get("getLandingPage", "Landing page", common[:1], "application/json"),
            "/conformance": get("getConformanceDeclaration", "Conformance", common[:1], "application/json"),
            "/api": get(
                "getApiDefinition", "This document", common[:1], "application/vnd.oai.openapi+json;version=3.0"
            ),
            "/collections": get("getCollections", "Collections", common[:1], "application/json"),
            "/collections/{collectionId}": get(
                "describeCollection", "A collection", [cid, common[0]], "application/json"
            ),
            "/collections/{collectionId}/queryables": get(
                "getQueryables", "Queryables", [cid, common[0]], "application/schema+json"
            ),
            "/collections/{collectionId}/items": get("getFeatures", "Features", [cid, *items], "application/geo+json"),
            "/collections/{collectionId}/items/{featureId}": get(
                "getFeature", "A feature", [cid, fid, *common], "application/geo+json"
            ),
        },
    }
