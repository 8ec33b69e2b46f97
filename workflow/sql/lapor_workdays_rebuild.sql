-- lapor_workdays_rebuild: as the migrations left it (the file is the truth from now on; a migration that changes it
-- edits this file and loads it again).

CREATE OR REPLACE FUNCTION lapor_workdays_rebuild()
 RETURNS void
 LANGUAGE sql
AS $function$
  DELETE FROM workflow_workday;
  INSERT INTO workflow_workday (day, working, before)
  SELECT d, w, (sum(w::int) OVER (ORDER BY d) - w::int)::int
  FROM (
    SELECT d::date AS d,
           extract(isodow FROM d) < 6 AND NOT EXISTS (SELECT 1 FROM workflow_holiday h WHERE h.date = d::date) AS w
    FROM generate_series('2000-01-01'::date, '2069-12-31'::date, interval '1 day') AS g(d)
  ) days;
$function$;
