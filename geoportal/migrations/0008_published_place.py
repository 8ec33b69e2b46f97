"""Each report's published place (issue 13: a sensitive label's exact point could be recovered through bbox, desa
and tile filters computed on the exact point). The columns are added without indexes or constraints, filled by
one rewrite of the table, then indexed and constrained (faster than keeping indexes and deferred foreign-key
checks up to date row by row at a million reports); the cell pyramid is then rebuilt from the published places.

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


# One rewrite of the table fills the three columns: ALTER COLUMN ... TYPE ... USING computes them from each row
# and rebuilds the table's indexes once, in bulk. An UPDATE of every row would update each of its indexes row by
# row and leave a dead copy of the table behind (at 100,000 reports: 27 s against 4 s here). The labels'
# precisions are read once, here, and passed in as literals (USING takes no subquery).
def _backfill_sql(precisions: dict[int, int]) -> str:
    cases = " ".join(f"WHEN {int(label)} THEN {int(metres)}" for label, metres in precisions.items())
    precision = f"CASE category_id {cases} ELSE 0 END" if cases else "0"
    place = f"(lapor_public_place(location, {precision}, desa_id, kecamatan_id))"
    return f"""
    ALTER TABLE geoportal_report
      ALTER COLUMN public_location TYPE geometry(Point, 4326) USING {place}.location,
      ALTER COLUMN public_desa_id TYPE bigint USING {place}.desa_id,
      ALTER COLUMN public_kecamatan_id TYPE bigint USING {place}.kecamatan_id;
    """


REVERSE = """
DROP TRIGGER label_republish ON geoportal_category;
DROP TRIGGER report_publish_insert ON geoportal_report;
DROP TRIGGER report_publish_update ON geoportal_report;
DROP FUNCTION lapor_label_republish();
DROP FUNCTION lapor_report_publish();
DROP FUNCTION lapor_public_place(geometry, integer, bigint, bigint);
"""


def forwards(apps, schema_editor):
    Category = apps.get_model("geoportal", "Category")
    precisions = dict(Category.objects.filter(public_precision_m__gt=0).values_list("id", "public_precision_m"))
    schema_editor.execute(load("lapor_public_place"))
    schema_editor.execute(_backfill_sql(precisions))
    for name in FILES:
        schema_editor.execute(load(name))
    # Once, from the published places (the cells' sorts fit in memory at a million reports with this).
    schema_editor.execute("SET LOCAL work_mem = '256MB'")
    schema_editor.execute("SELECT lapor_report_cells_rebuild(NULL)")


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
                null=True,
                editable=False,
                db_index=False,
                db_constraint=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="public_reports",
                to="geoportal.kecamatan",
            ),  # fmt: skip
        ),
        migrations.AddField(
            model_name="report",
            name="public_desa",
            field=models.ForeignKey(
                null=True,
                editable=False,
                db_index=False,
                db_constraint=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="public_reports",
                to="geoportal.desa",
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
                blank=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="public_reports",
                to="geoportal.kecamatan",
            ),  # fmt: skip
        ),
        migrations.AlterField(
            model_name="report",
            name="public_desa",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="public_reports",
                to="geoportal.desa",
            ),  # fmt: skip
        ),
    ]
