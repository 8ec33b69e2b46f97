from django.core.management.base import BaseCommand, CommandError

from workflow.calendar import holidays_sync


class Command(BaseCommand):
    help = "Add Indonesia's national holidays for a range of years (days the administrator added are kept)."

    def add_arguments(self, parser):
        parser.add_argument("--from-year", type=int, default=2018)
        parser.add_argument("--to-year", type=int, default=2030)

    def handle(self, *args, **options):
        if options["from_year"] > options["to_year"]:
            raise CommandError("--from-year must not come after --to-year.")
        added = holidays_sync(years=range(options["from_year"], options["to_year"] + 1))
        self.stdout.write(f"{added} holidays added.")
