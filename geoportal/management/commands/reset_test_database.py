from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from config.database import as_owner


class Command(BaseCommand):
    help = (
        "Drop and recreate the configured database, for test servers (the QGIS plugin's tests). Refuses any "
        "database whose name does not end in _test. Connects as MIGRATE_DATABASE_URL's role when it is set."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--yes", action="store_true", help="really drop it")

    def handle(self, *args, **options):
        name = connection.settings_dict["NAME"]
        if not name.endswith("_test"):
            raise CommandError(f"Refusing to drop {name!r}: only databases whose name ends in _test are reset.")
        if not options["yes"]:
            raise CommandError(f"This drops {name!r} and everything in it. Add --yes.")
        # As the schema's owner, which may create databases (the runtime role may not).
        with as_owner(), connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        self.stdout.write(f"{name} recreated.")
