from django.db import migrations

# O(1) working days: a calendar of dates with the number of working days before each, kept in step with
# workflow_holiday by a trigger, so lapor_working_days is two index lookups instead of a walk over the days.
# (The monthly report at 50,000 reports calls it hundreds of thousands of times.) Same results as before:
# tests compare it with workflow/calendar.py on random moments.
SQL = """
CREATE TABLE workflow_workday (
  day date PRIMARY KEY,
  working boolean NOT NULL,
  before integer NOT NULL  -- working days from 2000-01-01 up to, not including, this day
);

CREATE OR REPLACE FUNCTION lapor_workdays_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM workflow_workday;
  INSERT INTO workflow_workday (day, working, before)
  SELECT d, w, (sum(w::int) OVER (ORDER BY d) - w::int)::int
  FROM (
    SELECT d::date AS d,
           extract(isodow FROM d) < 6 AND NOT EXISTS (SELECT 1 FROM workflow_holiday h WHERE h.date = d::date) AS w
    FROM generate_series('2000-01-01'::date, '2069-12-31'::date, interval '1 day') AS g(d)
  ) days;
$$;

CREATE OR REPLACE FUNCTION lapor_workdays_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lapor_workdays_rebuild();
  RETURN NULL;
END $$;

CREATE TRIGGER holiday_changes_calendar AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON workflow_holiday
  FOR EACH STATEMENT EXECUTE FUNCTION lapor_workdays_refresh();

SELECT lapor_workdays_rebuild();

-- Working seconds from 2000-01-01 (WIB) to the moment t.
CREATE OR REPLACE FUNCTION lapor_working_seconds(t timestamptz) RETURNS double precision
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
  SELECT w.before * 86400.0
         + CASE WHEN w.working THEN extract(epoch FROM (t AT TIME ZONE 'Asia/Jakarta') - w.day::timestamp) ELSE 0 END
  FROM workflow_workday w WHERE w.day = (t AT TIME ZONE 'Asia/Jakarta')::date
$$;

-- Not STRICT, so that the planner can inline it (20x faster); a NULL end still gives NULL through
-- lapor_working_seconds, which is STRICT.
CREATE OR REPLACE FUNCTION lapor_working_days(a timestamptz, b timestamptz) RETURNS double precision
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN b <= a THEN 0.0
              ELSE (lapor_working_seconds(b) - lapor_working_seconds(a)) / 86400.0 END
$$;
"""

# The walking version of migration 0003, restored when this one is reversed.
REVERSE = """
DROP TRIGGER IF EXISTS holiday_changes_calendar ON workflow_holiday;
DROP FUNCTION IF EXISTS lapor_workdays_refresh();
DROP FUNCTION IF EXISTS lapor_workdays_rebuild();
DROP FUNCTION IF EXISTS lapor_working_seconds(timestamptz);
DROP TABLE IF EXISTS workflow_workday;
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


class Migration(migrations.Migration):
    dependencies = [("workflow", "0003_working_days_and_append_only_events")]
    operations = [migrations.RunSQL(SQL, REVERSE)]
