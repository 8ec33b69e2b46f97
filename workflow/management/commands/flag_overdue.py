from django.core.management.base import BaseCommand

from workflow.services.clocks import overdue_flag, resolved_autoclose


class Command(BaseCommand):
    help = (
        "Flag reports whose verification, first-response or resolution clock ran out since the last run, notify "
        "the OPD and leadership, and close resolved reports the citizen left unanswered. Safe to run every few "
        "minutes (cron: */5 * * * * .venv/bin/python manage.py flag_overdue)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-autoclose", action="store_true", help="only flag overdue reports")

    def handle(self, *args, **options):
        result = overdue_flag()
        for clock, ids in result.flagged.items():
            self.stdout.write(f"{clock}: {len(ids)} newly overdue")
        if not options["no_autoclose"]:
            closed = resolved_autoclose()
            self.stdout.write(f"closed after no answer: {len(closed)}")
