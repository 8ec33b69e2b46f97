from django.core.management.base import BaseCommand, CommandError

from geoportal.services.media_orphans import media_orphans_delete, media_orphans_find


class Command(BaseCommand):
    help = (
        "List stored files (MEDIA_ROOT, PRIVATE_MEDIA_ROOT) that no row refers to, e.g. the photos of an upload "
        "cut off by a crash; --delete removes them. Safe to run from cron (hourly)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="remove the orphaned files")
        parser.add_argument(
            "--min-age",
            type=float,
            default=3600,
            help="only files older than this many seconds (default 3600: an upload in progress is never touched)",
        )

    def handle(self, *args, **options):
        if options["min_age"] < 0:
            raise CommandError("--min-age cannot be negative.")
        orphans = media_orphans_find(min_age_seconds=options["min_age"])
        for orphan in orphans:
            self.stdout.write(f"{orphan.path}  {orphan.bytes:,} bytes, {orphan.age_seconds / 60:.0f} min old")
        size = sum(orphan.bytes for orphan in orphans)
        if options["delete"]:
            removed = media_orphans_delete(orphans=orphans)
            self.stdout.write(f"{removed} orphaned files removed ({size / 1e6:.1f} MB).")
        else:
            self.stdout.write(f"{len(orphans)} orphaned files ({size / 1e6:.1f} MB); --delete removes them.")
