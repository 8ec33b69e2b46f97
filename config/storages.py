"""Where files that are never public are kept."""

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property


@deconstructible(path="config.storages.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT: they have no URL; a view that asks the access policy
    sends them (reports_pdf.views.monthly_report_download). The setting is read when used, so tests can move it."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError("A private file has no URL; a view that checks who asks sends it.")


def private_name(folder: str, filename: str) -> str:
    """An unguessable name: knowing one month's file tells nothing about another's."""
    return f"{folder}/{uuid.uuid4().hex}{'.' + filename.rsplit('.', 1)[-1].lower() if '.' in filename else ''}"
