from datetime import date

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from geoportal.services.demo import demo_reports_seed
from workflow.services.demo import demo_lifecycle


class Command(BaseCommand):
    help = "Add N synthetic demo reports spread over the kecamatan (denser in towns) and the past months."

    def add_arguments(self, parser):
        parser.add_argument("--reports", type=int, default=300, help="how many reports to add (default 300)")
        parser.add_argument("--months", type=int, default=12, help="spread over this many past months")
        parser.add_argument("--seed", type=int, help="random seed, for a repeatable data set")
        parser.add_argument("--month", help="put every report in this calendar month (YYYY-MM) instead")

    def handle(self, *args, **options):
        if options["reports"] < 1:
            raise CommandError("--reports must be at least 1.")
        month = None
        if options["month"]:
            try:
                month = date.fromisoformat(options["month"] + "-01")
            except ValueError as exc:
                raise CommandError("Give --month as YYYY-MM, e.g. 2026-10.") from exc
        with tqdm(total=options["reports"], unit="report", disable=options["verbosity"] == 0) as bar:
            try:
                n = demo_reports_seed(
                    count=options["reports"],
                    months=options["months"],
                    seed=options["seed"],
                    month=month,
                    progress=bar.update,
                    lifecycle=demo_lifecycle,
                )
            except RuntimeError as exc:
                raise CommandError(str(exc)) from exc
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"{n} demo reports added."))
