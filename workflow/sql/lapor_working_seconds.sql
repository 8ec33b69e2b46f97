-- lapor_working_seconds: as the migrations left it (the file is the truth from now on; a migration that changes it
-- edits this file and loads it again).

CREATE OR REPLACE FUNCTION lapor_working_seconds(t timestamp with time zone)
 RETURNS double precision
 LANGUAGE sql
 STABLE PARALLEL SAFE STRICT
AS $function$
  SELECT lapor_working_seconds(t, w.working, w.before) FROM workflow_workday w WHERE w.day = lapor_local_day(t)
$function$;

CREATE OR REPLACE FUNCTION lapor_working_seconds(t timestamp with time zone, working boolean, before integer)
 RETURNS double precision
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
  SELECT before * 86400.0::double precision
         + CASE WHEN working THEN date_part('epoch', (t AT TIME ZONE INTERVAL '+07:00')::time) ELSE 0 END
$function$;
