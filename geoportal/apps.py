from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoportalConfig(AppConfig):
    name = "geoportal"
    verbose_name = _("Geoportal")

    def ready(self) -> None:
        # Lets Pillow open HEIC/HEIF photos straight from iPhones.
        from pillow_heif import register_heif_opener

        register_heif_opener()
