"""Everything `make run` needs after migrating: reference data, boundaries, demo accounts, demo reports.

Safe to run again: the reference data and boundaries are upserted by code, the accounts are reset to
their role and the demo password, and demo reports are only added when there are none.
"""

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from geoportal.models import Desa, Report
from geoportal.services.boundaries import BoundaryImportError, boundaries_import, boundary_files_in
from workflow.calendar import holidays_sync
from workflow.services.accounts import demo_accounts_ensure

DEFAULT_DEMO_PASSWORD = "trenggalek-demo"


class Command(BaseCommand):
    help = "Load reference data, boundaries, demo accounts and demo reports (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--reports", type=int, default=3000, help="demo reports to add to an empty database")

    def handle(self, *args, **options):
        self.stdout.write("==> Reference data (squads, OPDs, labels)")
        call_command("loaddata", "reference", verbosity=0)

        folder = settings.BOUNDARIES_DIR
        files = boundary_files_in(folder) if folder.is_dir() else {}
        if files:
            self.stdout.write(f"==> Boundaries from {folder}")
            try:
                boundaries_import(path=folder, progress=lambda message: self.stdout.write(f"    {message}"))
            except BoundaryImportError as exc:
                raise CommandError(str(exc)) from exc
        elif not Desa.objects.exists():
            raise CommandError(
                f"No boundaries found in {folder} and none loaded yet.\n"
                "Provide kabupaten, kecamatan and desa boundaries (GeoJSON, GeoPackage or Shapefile with fields "
                "`kode` and `nama`; Kemendagri codes such as 35.03.01 and 35.03.01.2001), then either:\n"
                "  BOUNDARIES_DIR=/path/to/folder make run      (a folder with kabupaten.*, kecamatan.*, desa.*)\n"
                "  .venv/bin/python manage.py import_boundaries /path/to/file-or-folder [--kode-field ...]"
            )

        self.stdout.write("==> National holidays (working-day clocks)")
        holidays_sync(years=range(2018, 2031))

        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD
        self.stdout.write("==> Demo accounts")
        accounts = demo_accounts_ensure(password=password)
        for account in accounts:
            suffix = f"  ({account.opd})" if account.opd else ""
            self.stdout.write(f"    {account.username:<18} {account.role}{suffix}")
        if all(account.created for account in accounts):
            self.stdout.write(f"    password for all: {password}")
        else:
            self.stdout.write(
                f"    password: {password} for accounts created now; existing accounts keep the password they have"
            )

        if not Report.objects.exists() and options["reports"] > 0:
            self.stdout.write(f"==> {options['reports']} demo reports")
            call_command("seed_demo", reports=options["reports"], seed=2018, verbosity=0)
        self.stdout.write(f"    {Report.objects.count()} reports in the database")
