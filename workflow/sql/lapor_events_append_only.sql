-- lapor_events_append_only: as the migrations left it (the file is the truth from now on; a migration that changes it
-- edits this file and loads it again).

CREATE OR REPLACE FUNCTION lapor_events_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION 'workflow_reportevent is append-only (% refused)', TG_OP;
END $function$;

CREATE OR REPLACE TRIGGER reportevent_append_only BEFORE DELETE OR UPDATE ON workflow_reportevent FOR EACH ROW EXECUTE FUNCTION lapor_events_append_only();
