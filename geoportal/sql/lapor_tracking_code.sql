-- lapor_tracking_code: as the migrations left it (the file is the truth from now on; a migration that changes it
-- edits this file and loads it again).

CREATE OR REPLACE FUNCTION lapor_tracking_code()
 RETURNS text
 LANGUAGE sql
AS $function$
  SELECT string_agg(substr('23456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + get_byte(b, i) % 30, 1), '' ORDER BY i)
  FROM (SELECT uuid_send(gen_random_uuid()) AS b) s, unnest(ARRAY[0, 1, 2, 3, 4, 5, 10, 11]) AS i
$function$;
