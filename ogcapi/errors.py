"""OGC API exceptions: `{"code", "description"}` JSON (OGC API – Common, the exception schema of Features Part 1)."""

import json

from django.http import HttpResponse


class OgcError(Exception):
    def __init__(self, status: int, code: str, description: str):
        super().__init__(description)
        self.status, self.code, self.description = status, code, str(description)

    def response(self) -> HttpResponse:
        body = json.dumps({"code": self.code, "description": self.description}, ensure_ascii=False)
        response = HttpResponse(body, status=self.status, content_type="application/json")
        if self.status == 401:
            response["WWW-Authenticate"] = "Token"
        return response


def bad_request(description) -> OgcError:
    return OgcError(400, "InvalidParameterValue", description)


def not_found(description) -> OgcError:
    return OgcError(404, "NotFound", description)
