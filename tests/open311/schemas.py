"""JSON Schemas of GeoReport v2's JSON answers, written from the specification (http://wiki.open311.org/GeoReport_v2,
"Response" tables of each method), independent of the server's code: which fields, which types, which values."""

W3C_DATETIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$"
_string = {"type": "string"}
_datetime = {"type": "string", "pattern": W3C_DATETIME}

SERVICES = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["service_code", "service_name", "metadata", "type"],
        "properties": {
            "service_code": _string,
            "service_name": _string,
            "description": _string,
            "metadata": {"type": "boolean"},
            "type": {"enum": ["realtime", "batch", "blackbox"]},
            "keywords": _string,
            "group": _string,
        },
        "additionalProperties": False,
    },
}

SERVICE_DEFINITION = {
    "type": "object",
    "required": ["service_code", "attributes"],
    "properties": {
        "service_code": _string,
        "attributes": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["variable", "code", "datatype", "required", "order", "description"],
                "properties": {
                    "variable": {"type": "boolean"},
                    "code": _string,
                    "datatype": {"enum": ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"]},
                    "required": {"type": "boolean"},
                    "datatype_description": _string,
                    "order": {"type": "integer"},
                    "description": _string,
                    "values": {"type": "array"},
                },
            },
        },
    },
    "additionalProperties": False,
}

SERVICE_REQUESTS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["service_request_id", "status", "service_code", "requested_datetime"],
        "properties": {
            "service_request_id": _string,
            "status": {"enum": ["open", "closed"]},
            "status_notes": _string,
            "service_name": _string,
            "service_code": _string,
            "description": _string,
            "agency_responsible": _string,
            "service_notice": _string,
            "requested_datetime": _datetime,
            "updated_datetime": _datetime,
            "expected_datetime": _datetime,
            "address": _string,
            "address_id": _string,
            "zipcode": _string,
            "lat": {"type": "number", "minimum": -90, "maximum": 90},
            "long": {"type": "number", "minimum": -180, "maximum": 180},
            "media_url": {"type": "string", "format": "uri"},
        },
        "additionalProperties": False,
    },
}

POST_RESPONSE = {
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "properties": {
            "service_request_id": _string,
            "token": _string,
            "service_notice": _string,
            "account_id": _string,
        },
        "anyOf": [{"required": ["service_request_id"]}, {"required": ["token"]}],
        "additionalProperties": False,
    },
}

# mySociety's servicerequestupdates (FixMyStreet's Open311 update extension).
UPDATES = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["update_id", "service_request_id", "status", "updated_datetime", "description"],
        "properties": {
            "update_id": _string,
            "service_request_id": _string,
            "status": {
                "enum": [
                    "open",
                    "closed",
                    "fixed",
                    "investigating",
                    "in_progress",
                    "action_scheduled",
                    "duplicate",
                    "not_councils_responsibility",
                    "no_further_action",
                    "internal_referral",
                ]
            },
            "updated_datetime": _datetime,
            "description": _string,
            "media_url": _string,
        },
        "additionalProperties": False,
    },
}

ERRORS = {
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "required": ["code", "description"],
        "properties": {"code": {"type": "integer"}, "description": {"type": "string", "minLength": 1}},
        "additionalProperties": False,
    },
}

DISCOVERY = {
    "type": "object",
    "required": ["changeset", "contact", "endpoints"],
    "properties": {
        "changeset": _datetime,
        "contact": _string,
        "key_service": _string,
        "endpoints": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["specification", "url", "changeset", "type", "formats"],
                "properties": {
                    "specification": _string,
                    "url": _string,
                    "changeset": _datetime,
                    "type": {"enum": ["production", "test"]},
                    "formats": {"type": "array", "items": {"enum": ["text/xml", "application/json"]}},
                },
            },
        },
    },
}
