"""Each report's outcome also says whether it was verified and whether it was closed, so that the monthly report's
summary and its twelve-month trend read workflow_reportoutcome like the dashboard does, instead of grouping the
whole audit trail once per month (about 3 s a month at a million reports, 12 months for the trend).

lapor_outcomes gains the two flags ('close' joins the transitions it reads, so last_event_at now also moves
on a close), and lapor_facts_refresh writes them. The existing rows get their flags from the trail in two
statements (through event_transition_idx), not a full re-derivation.
"""

from django.db import migrations, models

OUTCOMES = """
DROP FUNCTION lapor_outcomes(bigint[], timestamptz);
CREATE FUNCTION lapor_outcomes(report_ids bigint[], as_of timestamptz)
RETURNS TABLE (report_id bigint, kecamatan_id bigint, category_id bigint, created_at timestamptz,
               verified boolean, rejected boolean, duplicate boolean, closed boolean, screened_at timestamptz,
               last_dispatch timestamptz, last_resolve timestamptz, last_reopen timestamptz,
               last_event_at timestamptz, resolved boolean, verif_days double precision, res_days double precision)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT rep.*,
         rep.last_resolve IS NOT NULL AND (rep.last_reopen IS NULL OR rep.last_resolve > rep.last_reopen),
         lapor_working_days(rep.created_at, rep.screened_at, s.created_at, s.screened_at),
         CASE WHEN rep.last_resolve IS NOT NULL AND (rep.last_reopen IS NULL OR rep.last_resolve > rep.last_reopen)
              THEN lapor_working_days(rep.last_dispatch, rep.last_resolve, s.last_dispatch, s.last_resolve) END
  FROM (
    SELECT r.id, r.kecamatan_id, r.category_id, r.created_at,
           coalesce(bool_or(e.transition = 'verify'), false),
           coalesce(bool_or(e.transition = 'reject'), false),
           coalesce(bool_or(e.transition = 'mark_duplicate'), false),
           coalesce(bool_or(e.transition = 'close'), false),
           min(e.created_at) FILTER (WHERE e.transition IN ('verify', 'reject', 'mark_duplicate')),
           max(e.created_at) FILTER (WHERE e.transition IN ('dispatch', 'redispatch')),
           max(e.created_at) FILTER (WHERE e.transition = 'resolve'),
           max(e.created_at) FILTER (WHERE e.transition = 'reopen'),
           max(e.created_at)
    FROM geoportal_report r
    LEFT JOIN workflow_reportevent e
      ON e.report_id = r.id AND e.created_at <= as_of
     AND e.transition IN ('verify', 'reject', 'mark_duplicate', 'dispatch', 'redispatch', 'resolve', 'reopen',
                          'close')
    WHERE r.id = ANY (report_ids)
    GROUP BY r.id
  ) rep (id, kecamatan_id, category_id, created_at, verified, rejected, duplicate, closed, screened_at,
         last_dispatch, last_resolve, last_reopen, last_event_at)
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

REFRESH = """
CREATE OR REPLACE FUNCTION lapor_facts_refresh(report_ids bigint[]) RETURNS void LANGUAGE plpgsql
SET work_mem = '256MB'
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
  EXECUTE 'INSERT INTO workflow_reportoutcome ({columns})
           SELECT {columns} FROM lapor_outcomes($1, ''infinity'')' USING report_ids;
END $$;
"""
COLUMNS = (
    "report_id, kecamatan_id, category_id, created_at, verified, rejected, duplicate, closed, screened_at, "
    "last_dispatch, last_resolve, last_reopen, last_event_at, resolved, verif_days, res_days"
)
COLUMNS_BEFORE = (
    "report_id, kecamatan_id, category_id, created_at, rejected, duplicate, screened_at, last_dispatch, "
    "last_resolve, last_reopen, last_event_at, resolved, verif_days, res_days"
)

BACKFILL = """
UPDATE workflow_reportoutcome o SET verified = true
FROM (SELECT DISTINCT report_id FROM workflow_reportevent WHERE transition = 'verify') e
WHERE o.report_id = e.report_id;
UPDATE workflow_reportoutcome o SET closed = true, last_event_at = greatest(o.last_event_at, e.at)
FROM (SELECT report_id, max(created_at) AS at FROM workflow_reportevent WHERE transition = 'close' GROUP BY 1) e
WHERE o.report_id = e.report_id;
ANALYZE workflow_reportoutcome;
"""


def _outcomes_before() -> str:
    from importlib import import_module

    before = import_module("workflow.migrations.0005_episodes_and_outcomes")
    return "DROP FUNCTION lapor_outcomes(bigint[], timestamptz);" + before.OUTCOMES


class Migration(migrations.Migration):
    dependencies = [("workflow", "0005_episodes_and_outcomes")]

    operations = [
        migrations.AddField("reportoutcome", "verified", models.BooleanField(default=False), preserve_default=False),
        migrations.AddField("reportoutcome", "closed", models.BooleanField(default=False), preserve_default=False),
        migrations.RunSQL(OUTCOMES, _outcomes_before()),
        migrations.RunSQL(REFRESH.format(columns=COLUMNS), REFRESH.format(columns=COLUMNS_BEFORE)),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
    ]
