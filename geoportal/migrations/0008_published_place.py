"""Each report's published place (issue 13: a sensitive label's exact point could be recovered through bbox, desa
and tile filters computed on the exact point). The columns are added without indexes or constraints, filled by
one UPDATE, then indexed and constrained (faster than keeping indexes and deferred foreign-key checks up to date
row by row at a million reports); the cell pyramid is then rebuilt from the published places.

The SQL objects live in geoportal/sql/ (one file per object) and are loaded from there: a later change to a file
comes with a migration that loads it again (geoportal.sql.load).
"""

import django.contrib.gis.db.models.fields
import django.db.models.deletion
from django.db import migrations, models

from geoportal.sql import load

FILES = [
    "lapor_public_place",
    "lapor_report_publish",
    "lapor_label_republish",
    "lapor_report_cells_upsert_sql",
    "lapor_report_cells_follow",
    "lapor_report_cells_rebuild",
    "lapor_report_cells_label_changed",
]

# The pyramid's triggers would follow the backfill row by row through a million-row transition table: they are
# dropped first and come back from the files, and the pyramid is rebuilt once at the end.
BEFORE = """
DROP TRIGGER report_cells_insert ON geoportal_report;
DROP TRIGGER report_cells_update ON geoportal_report;
DROP TRIGGER report_cells_delete ON geoportal_report;
"""
BACKFILL = """
UPDATE geoportal_report r
SET (public_location, public_desa_id, public_kecamatan_id) =
    (SELECT p.location, p.desa_id, p.kecamatan_id
     FROM lapor_public_place(r.location, c.public_precision_m, r.desa_id, r.kecamatan_id) p)
FROM geoportal_category c WHERE c.id = r.category_id;
"""
AFTER = "SELECT lapor_report_cells_rebuild(NULL);"

REVERSE = """
DROP TRIGGER label_republish ON geoportal_category;
DROP TRIGGER report_publish_insert ON geoportal_report;
DROP TRIGGER report_publish_update ON geoportal_report;
DROP FUNCTION lapor_label_republish();
DROP FUNCTION lapor_report_publish();
DROP FUNCTION lapor_public_place(geometry, integer, bigint, bigint);
"""


def forwards(apps, schema_editor):
    schema_editor.execute(BEFORE)
    schema_editor.execute(load("lapor_public_place"))
    schema_editor.execute(BACKFILL)
    for name in FILES:
        schema_editor.execute(load(name))
    schema_editor.execute(AFTER)


def backwards(apps, schema_editor):
    # Back to 0007's pyramid (from the exact points): its functions read columns that are about to go.
    from importlib import import_module

    previous = import_module("geoportal.migrations.0007_report_cells")
    schema_editor.execute(REVERSE)
    schema_editor.execute(previous.REVERSE)
    schema_editor.execute(previous.SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("geoportal", "0007_report_cells"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="public_location",
            field=django.contrib.gis.db.models.fields.PointField(
                null=True, editable=False, spatial_index=False, srid=4326, verbose_name="published location"
            ),
        ),
        migrations.AddField(
            model_name="report",
            name="public_kecamatan",
            field=models.ForeignKey(
                null=True, editable=False, db_index=False, db_constraint=False,
                on_delete=django.db.models.deletion.PROTECT, related_name="public_reports", to="geoportal.kecamatan",
            ),  # fmt: skip
        ),
        migrations.AddField(
            model_name="report",
            name="public_desa",
            field=models.ForeignKey(
                null=True, editable=False, db_index=False, db_constraint=False,
                on_delete=django.db.models.deletion.PROTECT, related_name="public_reports", to="geoportal.desa",
            ),  # fmt: skip
        ),
        migrations.RunPython(forwards, backwards),
        migrations.AlterField(
            model_name="report",
            name="public_location",
            field=django.contrib.gis.db.models.fields.PointField(
                blank=True, editable=False, srid=4326, verbose_name="published location"
            ),
        ),
        migrations.AlterField(
            model_name="report",
            name="public_kecamatan",
            field=models.ForeignKey(
                blank=True, editable=False, on_delete=django.db.models.deletion.PROTECT,
                related_name="public_reports", to="geoportal.kecamatan",
            ),  # fmt: skip
        ),
        migrations.AlterField(
            model_name="report",
            name="public_desa",
            field=models.ForeignKey(
                blank=True, editable=False, on_delete=django.db.models.deletion.PROTECT,
                related_name="public_reports", to="geoportal.desa",
            ),  # fmt: skip
        ),
    ]
