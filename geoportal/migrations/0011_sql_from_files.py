# The tracking-code function is kept in geoportal/sql/ from now on, as the other functions are: loaded from its
# file (the same definition 0002 made; a later change edits the file and loads it again in a new migration).
from django.db import migrations

from geoportal.sql import load


def forwards(apps, schema_editor):
    schema_editor.execute(load("lapor_tracking_code"), params=None)


class Migration(migrations.Migration):
    dependencies = [("geoportal", "0010_rate_counts")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
