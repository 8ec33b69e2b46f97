-- lapor_facts_redays: as the migrations left it (the file is the truth from now on; a migration that changes it
-- edits this file and loads it again).

CREATE OR REPLACE FUNCTION lapor_facts_redays(first date, last date)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
DECLARE
  lo timestamptz := first::timestamp AT TIME ZONE 'Asia/Jakarta';
  hi timestamptz := (last + 1)::timestamp AT TIME ZONE 'Asia/Jakarta';
BEGIN
  PERFORM lapor_facts_refresh(ARRAY(
    SELECT report_id FROM workflow_episode WHERE t0 < hi AND greatest(t_resp, t_res) > lo
    UNION
    SELECT report_id FROM workflow_reportoutcome WHERE created_at < hi AND greatest(screened_at, last_resolve) > lo
  ));
END $function$;
