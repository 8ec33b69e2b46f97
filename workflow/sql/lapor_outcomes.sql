-- lapor_outcomes: as the migrations left it (the file is the truth from now on; a migration that changes it
-- edits this file and loads it again).

CREATE OR REPLACE FUNCTION lapor_outcomes(report_ids bigint[], as_of timestamp with time zone)
 RETURNS TABLE(report_id bigint, kecamatan_id bigint, category_id bigint, created_at timestamp with time zone, verified boolean, rejected boolean, duplicate boolean, closed boolean, screened_at timestamp with time zone, last_dispatch timestamp with time zone, last_resolve timestamp with time zone, last_reopen timestamp with time zone, last_event_at timestamp with time zone, resolved boolean, verif_days double precision, res_days double precision)
 LANGUAGE sql
 STABLE PARALLEL SAFE
AS $function$
  SELECT rep.*,
         rep.last_resolve IS NOT NULL AND (rep.last_reopen IS NULL OR rep.last_resolve > rep.last_reopen),
         lapor_working_days(rep.created_at, rep.screened_at, s.created_at, s.screened_at),
         CASE WHEN rep.last_resolve IS NOT NULL AND (rep.last_reopen IS NULL OR rep.last_resolve > rep.last_reopen)
              THEN lapor_working_days(rep.last_dispatch, rep.last_resolve, s.last_dispatch, s.last_resolve) END
  FROM (
    SELECT r.id, r.kecamatan_id, r.category_id, r.created_at,
           coalesce(bool_or(e.transition = 'verify'), false),
           coalesce(bool_or(e.transition = 'reject'), false),
           coalesce(bool_or(e.transition = 'mark_duplicate'), false),
           coalesce(bool_or(e.transition = 'close'), false),
           min(e.created_at) FILTER (WHERE e.transition IN ('verify', 'reject', 'mark_duplicate')),
           max(e.created_at) FILTER (WHERE e.transition IN ('dispatch', 'redispatch')),
           max(e.created_at) FILTER (WHERE e.transition = 'resolve'),
           max(e.created_at) FILTER (WHERE e.transition = 'reopen'),
           max(e.created_at)
    FROM geoportal_report r
    LEFT JOIN workflow_reportevent e
      ON e.report_id = r.id AND e.created_at <= as_of
     AND e.transition IN ('verify', 'reject', 'mark_duplicate', 'dispatch', 'redispatch', 'resolve', 'reopen',
                          'close')
    WHERE r.id = ANY (report_ids)
    GROUP BY r.id
  ) rep (id, kecamatan_id, category_id, created_at, verified, rejected, duplicate, closed, screened_at,
         last_dispatch, last_resolve, last_reopen, last_event_at)
  LEFT JOIN workflow_workday w0 ON w0.day = lapor_local_day(rep.created_at)
  LEFT JOIN workflow_workday w1 ON w1.day = lapor_local_day(rep.screened_at)
  LEFT JOIN workflow_workday w2 ON w2.day = lapor_local_day(rep.last_dispatch)
  LEFT JOIN workflow_workday w3 ON w3.day = lapor_local_day(rep.last_resolve)
  CROSS JOIN LATERAL (
    SELECT lapor_working_seconds(rep.created_at, w0.working, w0.before),
           lapor_working_seconds(rep.screened_at, w1.working, w1.before),
           lapor_working_seconds(rep.last_dispatch, w2.working, w2.before),
           lapor_working_seconds(rep.last_resolve, w3.working, w3.before)
  ) s (created_at, screened_at, last_dispatch, last_resolve)
$function$;
