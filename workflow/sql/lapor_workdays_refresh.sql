-- lapor_workdays_refresh: as the migrations left it (the file is the truth from now on; a migration that changes it
-- edits this file and loads it again).

CREATE OR REPLACE FUNCTION lapor_workdays_refresh()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
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
END $function$;

CREATE OR REPLACE TRIGGER holiday_changes_calendar AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON workflow_holiday FOR EACH STATEMENT EXECUTE FUNCTION lapor_workdays_refresh();
