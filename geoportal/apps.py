from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoportalConfig(AppConfig):
    name = "geoportal"
    verbose_name = _("Geoportal")

    def ready(self) -> None:
        # Lets Pillow open HEIC/HEIF photos straight from iPhones.
        from pillow_heif import register_heif_opener

        register_heif_opener()

        # After every migrate, whichever apps it touched: the web app's database role gets its grants on the
        # tables the migrations made (config/database.py). geoportal is the lowest app, so it connects this.
        from django.db.models.signals import post_migrate

        from config.database import runtime_grants_after_migrate

        post_migrate.connect(runtime_grants_after_migrate, sender=self, dispatch_uid="runtime_grants")
