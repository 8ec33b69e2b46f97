"""What each collection can be filtered by (OGC API – Features Part 3 queryables, as query parameters)."""

from django.utils.translation import gettext as _

from geoportal.states import ReportStatus

_REPORT_PARAMETERS = {"status": "list", "category": "list", "kecamatan": "kode"}
QUERYABLES = {
    "reports": {"kind": "reports", "parameters": _REPORT_PARAMETERS},
    "staff-reports": {"kind": "reports", "parameters": _REPORT_PARAMETERS},
    "kecamatan": {"kind": "areas", "parameters": {}},
    "desa": {"kind": "areas", "parameters": {"kecamatan": "kode"}},
}


def queryables_document(url: str, cid: str) -> dict:
    properties: dict = {}
    if QUERYABLES[cid]["kind"] == "reports":
        properties = {
            "geometry": {"$ref": "https://geojson.org/schema/Point.json"},
            "status": {"type": "string", "title": _("Status"), "enum": [s.value for s in ReportStatus]},
            "category": {"type": "string", "title": _("Label code")},
            "kecamatan": {"type": "string", "title": _("Kecamatan code"), "pattern": r"^\d{2}\.\d{2}\.\d{2}$"},
            "created_at": {
                "type": "string",
                "format": "date-time",
                "title": _("Reported at"),
                "x-ogc-role": "primary-instant",
            },
        }
    elif cid == "desa":
        properties = {
            "geometry": {"$ref": "https://geojson.org/schema/MultiPolygon.json"},
            "kecamatan": {"type": "string", "title": _("Kecamatan code")},
        }
    else:
        properties = {"geometry": {"$ref": "https://geojson.org/schema/MultiPolygon.json"}}
    return {
        "$schema": "https://json-schema.org/draft/2019-09/schema",
        "$id": url.split("?")[0],
        "type": "object",
        "title": _("Queryables"),
        "properties": properties,
        "additionalProperties": False,
    }
