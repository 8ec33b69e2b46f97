-- lapor_facts_refresh: as the migrations left it (the file is the truth from now on; a migration that changes it
-- edits this file and loads it again).

CREATE OR REPLACE FUNCTION lapor_facts_refresh(report_ids bigint[])
 RETURNS void
 LANGUAGE plpgsql
 SET work_mem TO '256MB'
AS $function$
BEGIN
  IF cardinality(report_ids) = 0 THEN
    RETURN;
  END IF;
  EXECUTE 'DELETE FROM workflow_episode WHERE report_id = ANY ($1)' USING report_ids;
  EXECUTE 'INSERT INTO workflow_episode (report_id, opd_id, category_id, t0, t_next, t_resp, t_res, t_reopen,
                                         returned, reopened, resp_days, res_days, last_event_at)
           SELECT * FROM lapor_episodes($1, ''infinity'')' USING report_ids;
  EXECUTE 'DELETE FROM workflow_reportoutcome WHERE report_id = ANY ($1)' USING report_ids;
  EXECUTE 'INSERT INTO workflow_reportoutcome (report_id, kecamatan_id, category_id, created_at, verified, rejected, duplicate, closed, screened_at, last_dispatch, last_resolve, last_reopen, last_event_at, resolved, verif_days, res_days)
           SELECT report_id, kecamatan_id, category_id, created_at, verified, rejected, duplicate, closed, screened_at, last_dispatch, last_resolve, last_reopen, last_event_at, resolved, verif_days, res_days FROM lapor_outcomes($1, ''infinity'')' USING report_ids;
END $function$;
