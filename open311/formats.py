"""Open311 answers in its two formats: JSON, and XML (required by GeoReport v2: no namespace, UTF-8 declared).

The XML is the JSON's "Spark convention" mapping: a list becomes an element holding one element per item, named
by SINGULAR; a dict becomes child elements; None is left out (an optional field the server does not fill)."""

import json
from xml.etree import ElementTree

from django.http import HttpResponse

from open311.errors import Open311Error

FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}

SINGULAR = {
    "services": "service",
    "service_requests": "request",
    "service_request_updates": "request_update",
    "attributes": "attribute",
    "values": "value",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
}


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _append(parent: ElementTree.Element, tag: str, value) -> None:
    if value is None:
        return
    element = ElementTree.SubElement(parent, tag)
    _fill(element, tag, value)


def _fill(element: ElementTree.Element, tag: str, value) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _append(element, key, item)
    elif isinstance(value, list):
        for item in value:
            _append(element, SINGULAR[tag], item)
    else:
        element.text = _text(value)


def xml_text(root: str, data) -> bytes:
    element = ElementTree.Element(root)
    _fill(element, root, data)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(element, encoding="unicode").encode()


def _without_none(value):
    if isinstance(value, dict):
        return {key: _without_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_none(item) for item in value]
    return value


def open311_response(data, *, root: str, fmt: str, status: int = 200) -> HttpResponse:
    """`data` as `fmt` ("json" or "xml"); `root` names the XML's root element (the JSON has none)."""
    body = xml_text(root, data) if fmt == "xml" else json.dumps(_without_none(data), ensure_ascii=False).encode()
    return HttpResponse(body, status=status, content_type=FORMATS[fmt])


def error_response(error: Open311Error, *, fmt: str) -> HttpResponse:
    """GeoReport v2's error list: each error's HTTP code and a description (in the reader's language)."""
    errors = [{"code": error.status, "description": description} for description in error.descriptions]
    response = open311_response(errors, root="errors", fmt=fmt if fmt in FORMATS else "json", status=error.status)
    if error.retry_after:
        response["Retry-After"] = str(error.retry_after)
    return response
