-- lapor_working_deadline: as the migrations left it (the file is the truth from now on; a migration that changes it
-- edits this file and loads it again).

CREATE OR REPLACE FUNCTION lapor_working_deadline(start timestamp with time zone, days integer)
 RETURNS timestamp with time zone
 LANGUAGE plpgsql
 STABLE PARALLEL SAFE STRICT
AS $function$
DECLARE
  local timestamp := start AT TIME ZONE 'Asia/Jakarta';
  d date := local::date;
  clock interval := local - local::date;
  n integer := 0;
BEGIN
  IF extract(isodow FROM d) > 5 OR EXISTS (SELECT 1 FROM workflow_holiday WHERE date = d) THEN
    clock := interval '0';
    WHILE extract(isodow FROM d) > 5 OR EXISTS (SELECT 1 FROM workflow_holiday WHERE date = d) LOOP
      d := d + 1;
    END LOOP;
  END IF;
  WHILE n < days LOOP
    d := d + 1;
    IF extract(isodow FROM d) < 6 AND NOT EXISTS (SELECT 1 FROM workflow_holiday WHERE date = d) THEN
      n := n + 1;
    END IF;
  END LOOP;
  RETURN (d + clock) AT TIME ZONE 'Asia/Jakarta';
END $function$;
