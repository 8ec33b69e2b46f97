"""What each collection can be filtered by (OGC API – Features Part 3 queryables, as query parameters)."""

from django.utils.translation import gettext as _

from geoportal.states import ReportStatus

# Every queryable of a simple type is a query parameter too (Part 3, queryables-query-parameters).
_REPORT_PARAMETERS = {"status": "list", "category": "list", "kecamatan": "kode", "created_at": "time"}
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
            # Part 3's way of naming a spatial queryable (a format, not a $ref to a GeoJSON schema)
            "geometry": {"format": "geometry-point", "title": _("Place"), "x-ogc-role": "primary-geometry"},
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
            "geometry": {"format": "geometry-multipolygon", "x-ogc-role": "primary-geometry"},
            "kecamatan": {"type": "string", "title": _("Kecamatan code")},
        }
    else:
        properties = {"geometry": {"format": "geometry-multipolygon", "x-ogc-role": "primary-geometry"}}
    return {
        "$schema": "https://json-schema.org/draft/2019-09/schema",
        "$id": url.split("?")[0],
        "type": "object",
        "title": _("Queryables"),
        "properties": properties,
        "additionalProperties": False,
    }
