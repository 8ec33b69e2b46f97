"""A tamper-evident audit trail (issue 15, workflow/AUDIT.md): each event carries its position in one chain and
the SHA-256 linking it to the previous event. A trigger computes both as any event is written
(workflow/sql/lapor_event_chain_append.sql); the events already recorded are chained here, in the order of their
time (created_at, then id), in one ordered pass in PostgreSQL: a running window aggregate (lapor_event_chain)
computes every link into a temporary table, then one rewrite of the table fills the two columns from it
(ALTER ... TYPE ... USING, which rebuilds the indexes once, instead of an UPDATE of every row, which would also
need the append-only trigger off). The SQL objects live in workflow/sql/ and are loaded from there.
"""

from pathlib import Path

from django.db import migrations, models

SQL = Path(__file__).resolve().parent.parent / "sql"
FILES = ["lapor_event_link", "lapor_event_chain", "lapor_event_chain_append"]

ADD_COLUMNS = """
ALTER TABLE workflow_reportevent ADD COLUMN chain_position bigint, ADD COLUMN chain_hash bytea;
"""

BACKFILL = """
SET LOCAL work_mem = '256MB';
CREATE TEMP TABLE event_chain ON COMMIT DROP AS
  SELECT e.id, row_number() OVER w AS position, lapor_event_chain(e) OVER w AS hash
  FROM workflow_reportevent e
  WINDOW w AS (ORDER BY e.created_at, e.id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);
ALTER TABLE event_chain ADD PRIMARY KEY (id);
CREATE FUNCTION pg_temp.event_chain_position(bigint) RETURNS bigint LANGUAGE sql STABLE
  AS 'SELECT position FROM event_chain WHERE id = $1';
CREATE FUNCTION pg_temp.event_chain_hash(bigint) RETURNS bytea LANGUAGE sql STABLE
  AS 'SELECT hash FROM event_chain WHERE id = $1';
ALTER TABLE workflow_reportevent
  ALTER COLUMN chain_position TYPE bigint USING pg_temp.event_chain_position(id),
  ALTER COLUMN chain_position SET NOT NULL,
  ALTER COLUMN chain_hash TYPE bytea USING pg_temp.event_chain_hash(id),
  ALTER COLUMN chain_hash SET NOT NULL;
ALTER TABLE workflow_reportevent ADD CONSTRAINT workflow_reportevent_chain_position_key UNIQUE (chain_position);
"""

REVERSE = """
DROP TRIGGER reportevent_chain ON workflow_reportevent;
DROP FUNCTION lapor_event_chain_append();
DROP AGGREGATE lapor_event_chain(workflow_reportevent);
DROP FUNCTION lapor_event_link(bytea, workflow_reportevent);
ALTER TABLE workflow_reportevent DROP COLUMN chain_position, DROP COLUMN chain_hash;
"""


def forwards(apps, schema_editor):
    schema_editor.execute(ADD_COLUMNS)
    for name in FILES[:2]:
        schema_editor.execute((SQL / f"{name}.sql").read_text(encoding="utf-8"))
    schema_editor.execute(BACKFILL)
    schema_editor.execute((SQL / f"{FILES[2]}.sql").read_text(encoding="utf-8"))


def backwards(apps, schema_editor):
    schema_editor.execute(REVERSE)


class Migration(migrations.Migration):
    dependencies = [("workflow", "0008_sql_from_files")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(forwards, backwards)],
            state_operations=[
                migrations.AddField(
                    model_name="reportevent",
                    name="chain_position",
                    field=models.BigIntegerField(
                        editable=False, unique=True, verbose_name="position in the audit chain"
                    ),
                    preserve_default=False,
                ),
                migrations.AddField(
                    model_name="reportevent",
                    name="chain_hash",
                    field=models.BinaryField(editable=False, verbose_name="audit chain hash"),
                    preserve_default=False,
                ),
            ],
        ),
    ]
