# The workflow's functions and triggers are kept in workflow/sql/ from now on, one file per function: loaded from
# there (the definitions 0003-0006 left; a later change edits the file and loads it again in a new migration).
from django.db import migrations

from workflow.sql import load

NAMES = [
    "lapor_local_day",
    "lapor_working_seconds",
    "lapor_working_days",
    "lapor_working_deadline",
    "lapor_workdays_rebuild",
    "lapor_workdays_refresh",
    "lapor_events_append_only",
    "lapor_episodes",
    "lapor_outcomes",
    "lapor_facts_refresh",
    "lapor_facts_redays",
    "lapor_facts_follow_events",
    "lapor_facts_follow_report",
]


def forwards(apps, schema_editor):
    for name in NAMES:
        schema_editor.execute(load(name), params=None)


class Migration(migrations.Migration):
    dependencies = [("workflow", "0007_api_tokens")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
