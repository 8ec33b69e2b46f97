from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from geoportal.management.commands._progress import ProgressBars
from geoportal.services.backups import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, custom format) and MEDIA_ROOT and PRIVATE_MEDIA_ROOT into a new folder, "
        "with a manifest of SHA-256 checksums (README, 'Backup and restore')."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "folder",
            nargs="?",
            help="a new or empty folder (default: var/backups/<date and time>)",
        )

    def handle(self, *args, **options):
        folder = Path(options["folder"] or settings.VAR_DIR / "backups" / datetime.now().strftime("%Y%m%d-%H%M%S"))
        bars = ProgressBars(enabled=options["verbosity"] > 0)
        try:
            manifest = backup_create(folder=folder, progress=bars)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(f"Writing the backup failed: {exc}. Free some space or choose another folder.") from exc
        finally:
            bars.close()
        if options["verbosity"]:
            size = manifest["database"]["bytes"] + sum(entry["bytes"] for entry in manifest["files"])
            self.stdout.write(
                self.style.SUCCESS(
                    f"Backup written to {folder}: database {manifest['database']['bytes'] / 1e6:.1f} MB, "
                    f"{len(manifest['files']):,} files, {size / 1e6:.1f} MB in all. "
                    f"Restore with: manage.py restore {folder}"
                )
            )
