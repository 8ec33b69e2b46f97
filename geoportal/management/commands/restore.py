from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from geoportal.management.commands._progress import ProgressBars
from geoportal.services.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into the configured database and media folders. Every "
        "checksum is verified first; an existing database or media folder is refused unless --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="the backup's folder (holding manifest.json)")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete the database's tables and the media files that are there now, then restore",
        )

    def handle(self, *args, **options):
        bars = ProgressBars(enabled=options["verbosity"] > 0)
        try:
            manifest = backup_restore(folder=Path(options["folder"]), replace=options["replace"], progress=bars)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            bars.close()
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Restored the backup of {manifest['created_at']} ({len(manifest['files']):,} files, checksums "
                    "verified). Next: manage.py migrate (if this version is newer than the backup's)."
                )
            )
