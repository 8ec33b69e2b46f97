-- lapor_working_days: as the migrations left it (the file is the truth from now on; a migration that changes it
-- edits this file and loads it again).

CREATE OR REPLACE FUNCTION lapor_working_days(a timestamp with time zone, b timestamp with time zone)
 RETURNS double precision
 LANGUAGE sql
 STABLE PARALLEL SAFE
AS $function$
  SELECT lapor_working_days(a, b, lapor_working_seconds(a), lapor_working_seconds(b))
$function$;

CREATE OR REPLACE FUNCTION lapor_working_days(a timestamp with time zone, b timestamp with time zone, a_seconds double precision, b_seconds double precision)
 RETURNS double precision
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
  SELECT CASE WHEN b <= a THEN 0.0 ELSE (b_seconds - a_seconds) / 86400.0 END
$function$;
