"""Facts derived from the audit trail, kept in step by PostgreSQL, so the dashboard reads rows instead of
re-deriving every report's history per request (issue 7: a year at a million reports in under a second).

lapor_episodes(report_ids, as_of) and lapor_outcomes(report_ids, as_of) are the one definition of the figures'
building blocks (workflow/selectors/performance.py explains the rules). With as_of = 'infinity' they fill
workflow_episode and workflow_reportoutcome: a statement-level trigger on workflow_reportevent re-derives the
reports the statement touched from their whole trail (one report for a transition, a million for a bulk import:
set-based either way). The selectors read the tables, and for a past as_of (the monthly report of a past month)
call the functions for the reports whose trail moved after it.
"""

import time

from django.db import migrations, models

# Migration 0004's working days, split so that the planner can inline them with the calendar joined: the set-based
# statements below join workflow_workday (a hash join for a million rows) instead of calling a function that looks
# it up per row (10 us a call: a minute for a million reports). Local time is UTC+7 as an interval rather than the
# zone's name: WIB has had no other offset since 1964, so every moment of the calendar (2000-2069) gets the same
# local time, four times faster; and the arithmetic is in double precision, not numeric.
CALENDAR = """
-- The local (WIB) day of a moment.
CREATE FUNCTION lapor_local_day(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (t AT TIME ZONE INTERVAL '+07:00')::date
$$;

-- Working seconds from 2000-01-01 (WIB) to t, given t's day in the calendar (working, working days before it).
CREATE FUNCTION lapor_working_seconds(t timestamptz, working boolean, before integer)
RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT before * 86400.0::double precision
         + CASE WHEN working THEN date_part('epoch', (t AT TIME ZONE INTERVAL '+07:00')::time) ELSE 0 END
$$;

CREATE OR REPLACE FUNCTION lapor_working_seconds(t timestamptz) RETURNS double precision
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
  SELECT lapor_working_seconds(t, w.working, w.before) FROM workflow_workday w WHERE w.day = lapor_local_day(t)
$$;

-- Working days from a to b, given their working seconds.
CREATE FUNCTION lapor_working_days(a timestamptz, b timestamptz, a_seconds double precision, b_seconds double precision)
RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN b <= a THEN 0.0 ELSE (b_seconds - a_seconds) / 86400.0 END
$$;

CREATE OR REPLACE FUNCTION lapor_working_days(a timestamptz, b timestamptz) RETURNS double precision
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT lapor_working_days(a, b, lapor_working_seconds(a), lapor_working_seconds(b))
$$;
"""

CALENDAR_REVERSE = """
CREATE OR REPLACE FUNCTION lapor_working_seconds(t timestamptz) RETURNS double precision
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
  SELECT w.before * 86400.0
         + CASE WHEN w.working THEN extract(epoch FROM (t AT TIME ZONE 'Asia/Jakarta') - w.day::timestamp) ELSE 0 END
  FROM workflow_workday w WHERE w.day = (t AT TIME ZONE 'Asia/Jakarta')::date
$$;
CREATE OR REPLACE FUNCTION lapor_working_days(a timestamptz, b timestamptz) RETURNS double precision
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN b <= a THEN 0.0
              ELSE (lapor_working_seconds(b) - lapor_working_seconds(a)) / 86400.0 END
$$;
DROP FUNCTION lapor_working_days(timestamptz, timestamptz, double precision, double precision);
DROP FUNCTION lapor_working_seconds(timestamptz, boolean, integer);
DROP FUNCTION lapor_local_day(timestamptz);
"""

EPISODES = """
CREATE FUNCTION lapor_episodes(report_ids bigint[], as_of timestamptz)
RETURNS TABLE (report_id bigint, opd_id bigint, category_id bigint, t0 timestamptz, t_next timestamptz,
               t_resp timestamptz, t_res timestamptz, t_reopen timestamptz, returned boolean, reopened boolean,
               resp_days double precision, res_days double precision, last_event_at timestamptz)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH disp AS (
    SELECT e.report_id, e.opd_id, e.created_at AS t0,
           lead(e.created_at) OVER (PARTITION BY e.report_id ORDER BY e.created_at, e.id) AS t_next
    FROM workflow_reportevent e
    WHERE e.report_id = ANY (report_ids) AND e.transition IN ('dispatch', 'redispatch') AND e.created_at <= as_of
  ), ep AS (
    SELECT d.report_id, d.opd_id, d.t0, max(d.t_next) AS t_next,
           min(x.created_at) FILTER (WHERE x.transition IN ('acknowledge', 'resolve')) AS t_resp,
           max(x.created_at) FILTER (WHERE x.transition = 'resolve') AS t_res,
           max(x.created_at) FILTER (WHERE x.transition = 'reopen') AS t_reopen,
           coalesce(bool_or(x.transition = 'return_to_operator'), false) AS returned,
           coalesce(bool_or(x.transition = 'reopen'), false) AS reopened,
           max(x.created_at) AS t_last
    FROM disp d
    LEFT JOIN workflow_reportevent x
      ON x.report_id = d.report_id AND x.created_at >= d.t0 AND x.created_at <= as_of
     AND (d.t_next IS NULL OR x.created_at < d.t_next)
     AND x.transition IN ('acknowledge', 'resolve', 'reopen', 'return_to_operator')
    GROUP BY d.report_id, d.opd_id, d.t0
  )
  SELECT ep.report_id, ep.opd_id, r.category_id, ep.t0, ep.t_next, ep.t_resp, ep.t_res, ep.t_reopen,
         ep.returned, ep.reopened,
         lapor_working_days(ep.t0, ep.t_resp, s.t0, s.t_resp),
         CASE WHEN ep.t_res IS NOT NULL AND (ep.t_reopen IS NULL OR ep.t_res > ep.t_reopen)
              THEN lapor_working_days(ep.t0, ep.t_res, s.t0, s.t_res) END,
         max(greatest(ep.t0, ep.t_last)) OVER (PARTITION BY ep.report_id)
  FROM ep
  JOIN geoportal_report r ON r.id = ep.report_id
  LEFT JOIN workflow_workday w0 ON w0.day = lapor_local_day(ep.t0)
  LEFT JOIN workflow_workday w1 ON w1.day = lapor_local_day(ep.t_resp)
  LEFT JOIN workflow_workday w2 ON w2.day = lapor_local_day(ep.t_res)
  CROSS JOIN LATERAL (
    SELECT lapor_working_seconds(ep.t0, w0.working, w0.before),
           lapor_working_seconds(ep.t_resp, w1.working, w1.before),
           lapor_working_seconds(ep.t_res, w2.working, w2.before)
  ) s (t0, t_resp, t_res)
$$;
"""

OUTCOMES = """
CREATE FUNCTION lapor_outcomes(report_ids bigint[], as_of timestamptz)
RETURNS TABLE (report_id bigint, kecamatan_id bigint, category_id bigint, created_at timestamptz,
               rejected boolean, duplicate boolean, screened_at timestamptz, last_dispatch timestamptz,
               last_resolve timestamptz, last_reopen timestamptz, last_event_at timestamptz, resolved boolean,
               verif_days double precision, res_days double precision)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT rep.*,
         rep.last_resolve IS NOT NULL AND (rep.last_reopen IS NULL OR rep.last_resolve > rep.last_reopen),
         lapor_working_days(rep.created_at, rep.screened_at, s.created_at, s.screened_at),
         CASE WHEN rep.last_resolve IS NOT NULL AND (rep.last_reopen IS NULL OR rep.last_resolve > rep.last_reopen)
              THEN lapor_working_days(rep.last_dispatch, rep.last_resolve, s.last_dispatch, s.last_resolve) END
  FROM (
    SELECT r.id, r.kecamatan_id, r.category_id, r.created_at,
           coalesce(bool_or(e.transition = 'reject'), false),
           coalesce(bool_or(e.transition = 'mark_duplicate'), false),
           min(e.created_at) FILTER (WHERE e.transition IN ('verify', 'reject', 'mark_duplicate')),
           max(e.created_at) FILTER (WHERE e.transition IN ('dispatch', 'redispatch')),
           max(e.created_at) FILTER (WHERE e.transition = 'resolve'),
           max(e.created_at) FILTER (WHERE e.transition = 'reopen'),
           max(e.created_at)
    FROM geoportal_report r
    LEFT JOIN workflow_reportevent e
      ON e.report_id = r.id AND e.created_at <= as_of
     AND e.transition IN ('verify', 'reject', 'mark_duplicate', 'dispatch', 'redispatch', 'resolve', 'reopen')
    WHERE r.id = ANY (report_ids)
    GROUP BY r.id
  ) rep (id, kecamatan_id, category_id, created_at, rejected, duplicate, screened_at, last_dispatch, last_resolve,
         last_reopen, last_event_at)
  LEFT JOIN workflow_workday w0 ON w0.day = lapor_local_day(rep.created_at)
  LEFT JOIN workflow_workday w1 ON w1.day = lapor_local_day(rep.screened_at)
  LEFT JOIN workflow_workday w2 ON w2.day = lapor_local_day(rep.last_dispatch)
  LEFT JOIN workflow_workday w3 ON w3.day = lapor_local_day(rep.last_resolve)
  CROSS JOIN LATERAL (
    SELECT lapor_working_seconds(rep.created_at, w0.working, w0.before),
           lapor_working_seconds(rep.screened_at, w1.working, w1.before),
           lapor_working_seconds(rep.last_dispatch, w2.working, w2.before),
           lapor_working_seconds(rep.last_resolve, w3.working, w3.before)
  ) s (created_at, screened_at, last_dispatch, last_resolve)
$$;
"""

# Re-derive these reports' rows from their whole audit trail. EXECUTE plans each statement afresh with the ids
# as constants, so a single transition gets index lookups and a bulk import of a million reports hash joins
# (a cached generic plan would pick one of the two for both).
REFRESH = """
CREATE FUNCTION lapor_facts_refresh(report_ids bigint[]) RETURNS void LANGUAGE plpgsql
SET work_mem = '256MB'  -- a bulk import sorts and hashes a million reports' events: in memory, not on disk
AS $$
BEGIN
  IF cardinality(report_ids) = 0 THEN
    RETURN;
  END IF;
  EXECUTE 'DELETE FROM workflow_episode WHERE report_id = ANY ($1)' USING report_ids;
  EXECUTE 'INSERT INTO workflow_episode (report_id, opd_id, category_id, t0, t_next, t_resp, t_res, t_reopen,
                                         returned, reopened, resp_days, res_days, last_event_at)
           SELECT * FROM lapor_episodes($1, ''infinity'')' USING report_ids;
  EXECUTE 'DELETE FROM workflow_reportoutcome WHERE report_id = ANY ($1)' USING report_ids;
  EXECUTE 'INSERT INTO workflow_reportoutcome (report_id, kecamatan_id, category_id, created_at, rejected,
                                               duplicate, screened_at, last_dispatch, last_resolve, last_reopen,
                                               last_event_at, resolved, verif_days, res_days)
           SELECT * FROM lapor_outcomes($1, ''infinity'')' USING report_ids;
END $$;

-- Every statement that appends to the audit trail: its reports, once each, whatever the number of rows.
-- (report_transition holds the report's row lock, so two transitions of one report refresh one after the other.)
CREATE FUNCTION lapor_facts_follow_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lapor_facts_refresh(ARRAY(SELECT DISTINCT report_id FROM new_events ORDER BY 1));
  RETURN NULL;
END $$;

CREATE TRIGGER reportevent_facts AFTER INSERT ON workflow_reportevent
  REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION lapor_facts_follow_events();

-- The facts copy the report's label, kecamatan and time of receipt (the admin may correct a label).
CREATE FUNCTION lapor_facts_follow_report() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM workflow_reportoutcome WHERE report_id = NEW.id) THEN
    PERFORM lapor_facts_refresh(ARRAY[NEW.id]);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER report_facts AFTER UPDATE OF category_id, kecamatan_id, created_at ON geoportal_report
  FOR EACH ROW WHEN (OLD.category_id IS DISTINCT FROM NEW.category_id
                     OR OLD.kecamatan_id IS DISTINCT FROM NEW.kecamatan_id
                     OR OLD.created_at IS DISTINCT FROM NEW.created_at)
  EXECUTE FUNCTION lapor_facts_follow_report();

-- A changed day off changes the working days of every stored clock that spans it: re-derive those reports
-- (a holiday added for next year touches none; a correction of last month touches that month's).
CREATE FUNCTION lapor_facts_redays(first date, last date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  lo timestamptz := first::timestamp AT TIME ZONE 'Asia/Jakarta';
  hi timestamptz := (last + 1)::timestamp AT TIME ZONE 'Asia/Jakarta';
BEGIN
  PERFORM lapor_facts_refresh(ARRAY(
    SELECT report_id FROM workflow_episode WHERE t0 < hi AND greatest(t_resp, t_res) > lo
    UNION
    SELECT report_id FROM workflow_reportoutcome WHERE created_at < hi AND greatest(screened_at, last_resolve) > lo
  ));
END $$;

-- Migration 0004's calendar refresh, now also telling the facts which days changed.
CREATE OR REPLACE FUNCTION lapor_workdays_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  days_off_before date[] := ARRAY(SELECT day FROM workflow_workday WHERE NOT working);
  first date;
  last date;
BEGIN
  PERFORM lapor_workdays_rebuild();
  SELECT min(d), max(d) INTO first, last FROM (
    (SELECT unnest(days_off_before) EXCEPT SELECT day FROM workflow_workday WHERE NOT working)
    UNION ALL
    (SELECT day FROM workflow_workday WHERE NOT working EXCEPT SELECT unnest(days_off_before))
  ) changed (d);
  IF first IS NOT NULL THEN
    PERFORM lapor_facts_redays(first, last);
  END IF;
  RETURN NULL;
END $$;
"""

REVERSE = """
DROP TRIGGER IF EXISTS reportevent_facts ON workflow_reportevent;
DROP TRIGGER IF EXISTS report_facts ON geoportal_report;
CREATE OR REPLACE FUNCTION lapor_workdays_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lapor_workdays_rebuild();
  RETURN NULL;
END $$;
DROP FUNCTION IF EXISTS lapor_facts_redays(date, date);
DROP FUNCTION IF EXISTS lapor_facts_follow_report();
DROP FUNCTION IF EXISTS lapor_facts_follow_events();
DROP FUNCTION IF EXISTS lapor_facts_refresh(bigint[]);
"""

BACKFILL_CHUNK = 250_000  # report ids per statement: one transaction, with progress a person can follow


def backfill(apps, schema_editor):
    """Derive the facts of the existing audit trail, set-based, a range of report ids at a time."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT min(report_id), max(report_id) FROM workflow_reportevent")
        low, high = cursor.fetchone()
        if low is None:
            return
        started = time.monotonic()
        for start in range(low, high + 1, BACKFILL_CHUNK):
            cursor.execute(
                "SELECT lapor_facts_refresh(ARRAY(SELECT DISTINCT report_id FROM workflow_reportevent"
                " WHERE report_id >= %s AND report_id < %s))",
                [start, start + BACKFILL_CHUNK],
            )
            if high - low >= BACKFILL_CHUNK:
                done, total = min(start + BACKFILL_CHUNK, high + 1) - low, high - low + 1
                print(f"  workflow facts: report ids {done:,} of {total:,} ({time.monotonic() - started:.0f} s)")
        cursor.execute("ANALYZE workflow_episode")
        cursor.execute("ANALYZE workflow_reportoutcome")


class Migration(migrations.Migration):
    dependencies = [
        ("geoportal", "0006_public_precision"),
        ("workflow", "0004_workday_calendar"),
    ]

    operations = [
        migrations.CreateModel(
            name="Episode",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "report_id", "t0", "opd_id", blank=True, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("t0", models.DateTimeField()),
                ("t_next", models.DateTimeField(null=True)),
                ("t_resp", models.DateTimeField(null=True)),
                ("t_res", models.DateTimeField(null=True)),
                ("t_reopen", models.DateTimeField(null=True)),
                ("returned", models.BooleanField()),
                ("reopened", models.BooleanField()),
                ("resp_days", models.FloatField(null=True)),
                ("res_days", models.FloatField(null=True)),
                ("last_event_at", models.DateTimeField()),
                (
                    "category",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=models.deletion.DO_NOTHING,
                        related_name="+",
                        to="geoportal.category",
                    ),
                ),
                (
                    "opd",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=models.deletion.DO_NOTHING,
                        related_name="+",
                        to="geoportal.opd",
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=models.deletion.DO_NOTHING,
                        related_name="+",
                        to="geoportal.report",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["opd", "t0"],
                        include=(
                            "report",
                            "category",
                            "t_resp",
                            "t_res",
                            "t_reopen",
                            "returned",
                            "reopened",
                            "resp_days",
                            "res_days",
                            "last_event_at",
                        ),
                        name="episode_opd_t0_idx",
                    )
                ]
            },
        ),
        migrations.CreateModel(
            name="ReportOutcome",
            fields=[
                (
                    "report",
                    models.OneToOneField(
                        db_constraint=False,
                        db_index=False,
                        on_delete=models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="geoportal.report",
                    ),
                ),
                ("created_at", models.DateTimeField()),
                ("rejected", models.BooleanField()),
                ("duplicate", models.BooleanField()),
                ("screened_at", models.DateTimeField(null=True)),
                ("last_dispatch", models.DateTimeField(null=True)),
                ("last_resolve", models.DateTimeField(null=True)),
                ("last_reopen", models.DateTimeField(null=True)),
                ("last_event_at", models.DateTimeField(null=True)),
                ("resolved", models.BooleanField()),
                ("verif_days", models.FloatField(null=True)),
                ("res_days", models.FloatField(null=True)),
                (
                    "category",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=models.deletion.DO_NOTHING,
                        related_name="+",
                        to="geoportal.category",
                    ),
                ),
                (
                    "kecamatan",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=models.deletion.DO_NOTHING,
                        related_name="+",
                        to="geoportal.kecamatan",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["kecamatan", "created_at"],
                        include=("rejected", "duplicate", "last_dispatch", "resolved", "verif_days", "res_days"),
                        name="outcome_kecamatan_idx",
                    ),
                    models.Index(
                        fields=["category", "created_at"],
                        include=("rejected", "duplicate", "last_dispatch", "resolved", "verif_days", "res_days"),
                        name="outcome_category_idx",
                    ),
                ]
            },
        ),
        # Vacuumed often, so that the dashboard's scans stay index-only as transitions rewrite rows.
        migrations.RunSQL(
            "ALTER TABLE workflow_episode SET (autovacuum_vacuum_scale_factor = 0.02,"
            " autovacuum_vacuum_insert_scale_factor = 0.02);"
            "ALTER TABLE workflow_reportoutcome SET (autovacuum_vacuum_scale_factor = 0.02,"
            " autovacuum_vacuum_insert_scale_factor = 0.02);",
            migrations.RunSQL.noop,
        ),
        migrations.RunSQL(CALENDAR, CALENDAR_REVERSE),
        migrations.RunSQL(EPISODES, "DROP FUNCTION lapor_episodes(bigint[], timestamptz);"),
        migrations.RunSQL(OUTCOMES, "DROP FUNCTION lapor_outcomes(bigint[], timestamptz);"),
        migrations.RunSQL(REFRESH, REVERSE),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
