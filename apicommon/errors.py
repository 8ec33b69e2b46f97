"""The API's error body, one shape for every door: {"detail": words, "errors": {request field: [words]}}."""

from django.utils.translation import gettext as _


def invalid_fields(errors) -> dict:
    """A 400 body for a serializer's errors, keyed by the request's own parameter names."""
    return {"detail": _("Check the fields."), "errors": errors}
