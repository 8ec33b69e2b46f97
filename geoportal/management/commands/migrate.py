"""Django's `migrate`, connected as the schema's owner (MIGRATE_DATABASE_URL) when one is configured: the
runtime role of DATABASE_URL may not create or alter tables, so migrating as it could never work. Afterwards
the runtime role gets its grants (post_migrate, config/database.py)."""

from django.core.management.commands import migrate

from config.database import as_owner


class Command(migrate.Command):
    help = migrate.Command.help + " Connects as MIGRATE_DATABASE_URL's role (the schema's owner) when it is set."

    def handle(self, *args, **options):
        with as_owner(options["database"]):
            return super().handle(*args, **options)
