-- lapor_facts_follow_report: as the migrations left it (the file is the truth from now on; a migration that changes it
-- edits this file and loads it again).

CREATE OR REPLACE FUNCTION lapor_facts_follow_report()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF EXISTS (SELECT 1 FROM workflow_reportoutcome WHERE report_id = NEW.id) THEN
    PERFORM lapor_facts_refresh(ARRAY[NEW.id]);
  END IF;
  RETURN NULL;
END $function$;

CREATE OR REPLACE TRIGGER report_facts AFTER UPDATE OF category_id, kecamatan_id, created_at ON geoportal_report FOR EACH ROW WHEN (((old.category_id IS DISTINCT FROM new.category_id) OR (old.kecamatan_id IS DISTINCT FROM new.kecamatan_id) OR (old.created_at IS DISTINCT FROM new.created_at))) EXECUTE FUNCTION lapor_facts_follow_report();
