from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from geoportal.services.boundaries import LEVELS, BoundaryImportError, FieldMap, boundaries_import


class Command(BaseCommand):
    help = (
        "Import kabupaten/kecamatan/desa boundaries from a file GDAL/OGR reads (GeoJSON, GeoPackage, Shapefile, "
        "...) or from a folder holding kabupaten.*, kecamatan.* and desa.*. Reprojects to EPSG:4326, checks "
        "every feature first, runs in one transaction, and updates existing areas by their code."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="a boundary file, or a folder of them")
        parser.add_argument("--level", choices=list(LEVELS), help="what a single file holds (default: its name)")
        parser.add_argument("--layer", help="layer name in a multi-layer file (default: the first)")
        parser.add_argument("--kode-field", default="kode", help="field with the Kemendagri code (default: kode)")
        parser.add_argument("--nama-field", default="nama", help="field with the name (default: nama)")
        parser.add_argument(
            "--parent-field", help="field with the parent area's code (default: the code up to its last dot)"
        )
        parser.add_argument("--jenis-field", default="jenis", help="desa: field with desa/kelurahan")
        parser.add_argument("--srid", type=int, help="coordinate system of a file that does not declare one")
        parser.add_argument("--make-valid", action="store_true", help="repair invalid polygons instead of refusing")

    def handle(self, *args, **options):
        fields = FieldMap(
            kode=options["kode_field"],
            nama=options["nama_field"],
            parent=options["parent_field"],
            jenis=options["jenis_field"],
        )
        try:
            results = boundaries_import(
                path=options["path"],
                level=options["level"],
                fields=fields,
                layer=options["layer"],
                source_srid=options["srid"],
                make_valid=options["make_valid"],
                progress=lambda message: self.stdout.write(f"  {message}"),
            )
        except BoundaryImportError as exc:
            raise CommandError(str(exc)) from exc
        for result in results:
            if result.repaired:
                self.stdout.write(
                    self.style.WARNING(f"  {result.level}: repaired invalid geometry of {', '.join(result.repaired)}")
                )
        self.stdout.write(self.style.SUCCESS("Boundaries imported."))
