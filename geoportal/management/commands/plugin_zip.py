from pathlib import Path

from django.core.management.base import BaseCommand

from geoportal.plugin_repository import plugin_info, plugin_zip


class Command(BaseCommand):
    help = "Build the QGIS plugin zip that QGIS's 'Install from ZIP' accepts."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=Path("dist"), help="folder for the zip (default dist/)")

    def handle(self, *args, **options):
        info = plugin_info()
        options["output"].mkdir(parents=True, exist_ok=True)
        target = options["output"] / info.zip_name
        target.write_bytes(plugin_zip(info.version))
        self.stdout.write(f"{target} ({target.stat().st_size / 1024:.0f} KiB): {info.name} {info.version}")
