-- lapor_facts_follow_events: as the migrations left it (the file is the truth from now on; a migration that changes it
-- edits this file and loads it again).

CREATE OR REPLACE FUNCTION lapor_facts_follow_events()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM lapor_facts_refresh(ARRAY(SELECT DISTINCT report_id FROM new_events ORDER BY 1));
  RETURN NULL;
END $function$;

CREATE OR REPLACE TRIGGER reportevent_facts AFTER INSERT ON workflow_reportevent REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION lapor_facts_follow_events();
