from django.db import migrations

# Elapsed working days between two moments, in Asia/Jakarta, as workflow/calendar.py computes them:
# the part of [a, b) that falls on Monday-Friday days that are not in workflow_holiday, in days of 24 h.
# STRICT: a clock that has not stopped (NULL end) has no duration, rather than zero.
WORKING_DAYS = """
CREATE OR REPLACE FUNCTION lapor_working_days(a timestamptz, b timestamptz) RETURNS double precision
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(sum(extract(epoch FROM
           least(b, (g.d + 1)::timestamp AT TIME ZONE 'Asia/Jakarta')
           - greatest(a, g.d::timestamp AT TIME ZONE 'Asia/Jakarta'))), 0) / 86400.0
  FROM generate_series((a AT TIME ZONE 'Asia/Jakarta')::date, (b AT TIME ZONE 'Asia/Jakarta')::date, interval '1 day')
       AS s(day), LATERAL (SELECT s.day::date AS d) g
  WHERE b > a AND extract(isodow FROM g.d) < 6
    AND NOT EXISTS (SELECT 1 FROM workflow_holiday h WHERE h.date = g.d)
$$;
"""

# The deadline N working days after a moment, as workflow/calendar.py's working_deadline: same time of day,
# N working days later; a start on a day off counts from the next working day's midnight.
WORKING_DEADLINE = """
CREATE OR REPLACE FUNCTION lapor_working_deadline(start timestamptz, days integer) RETURNS timestamptz
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE AS $$
DECLARE
  local timestamp := start AT TIME ZONE 'Asia/Jakarta';
  d date := local::date;
  clock interval := local - local::date;
  n integer := 0;
BEGIN
  IF extract(isodow FROM d) > 5 OR EXISTS (SELECT 1 FROM workflow_holiday WHERE date = d) THEN
    clock := interval '0';
    WHILE extract(isodow FROM d) > 5 OR EXISTS (SELECT 1 FROM workflow_holiday WHERE date = d) LOOP
      d := d + 1;
    END LOOP;
  END IF;
  WHILE n < days LOOP
    d := d + 1;
    IF extract(isodow FROM d) < 6 AND NOT EXISTS (SELECT 1 FROM workflow_holiday WHERE date = d) THEN
      n := n + 1;
    END IF;
  END LOOP;
  RETURN (d + clock) AT TIME ZONE 'Asia/Jakarta';
END $$;
"""

# The audit trail is append-only: what happened cannot be edited or removed, even from the database shell
# of the application's own role (a superuser could still drop the trigger; that leaves a trace too).
APPEND_ONLY = """
CREATE OR REPLACE FUNCTION lapor_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'workflow_reportevent is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER reportevent_append_only BEFORE UPDATE OR DELETE ON workflow_reportevent
  FOR EACH ROW EXECUTE FUNCTION lapor_events_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("workflow", "0002_events_and_holidays")]
    operations = [
        migrations.RunSQL(WORKING_DAYS, "DROP FUNCTION IF EXISTS lapor_working_days(timestamptz, timestamptz);"),
        migrations.RunSQL(
            WORKING_DEADLINE, "DROP FUNCTION IF EXISTS lapor_working_deadline(timestamptz, integer);"
        ),
        migrations.RunSQL(
            APPEND_ONLY,
            "DROP TRIGGER IF EXISTS reportevent_append_only ON workflow_reportevent;"
            "DROP FUNCTION IF EXISTS lapor_events_append_only();",
        ),
    ]
