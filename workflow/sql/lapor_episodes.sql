-- lapor_episodes: as the migrations left it (the file is the truth from now on; a migration that changes it
-- edits this file and loads it again).

CREATE OR REPLACE FUNCTION lapor_episodes(report_ids bigint[], as_of timestamp with time zone)
 RETURNS TABLE(report_id bigint, opd_id bigint, category_id bigint, t0 timestamp with time zone, t_next timestamp with time zone, t_resp timestamp with time zone, t_res timestamp with time zone, t_reopen timestamp with time zone, returned boolean, reopened boolean, resp_days double precision, res_days double precision, last_event_at timestamp with time zone)
 LANGUAGE sql
 STABLE PARALLEL SAFE
AS $function$
  WITH disp AS (
    SELECT e.report_id, e.opd_id, e.created_at AS t0,
           lead(e.created_at) OVER (PARTITION BY e.report_id ORDER BY e.created_at, e.id) AS t_next
    FROM workflow_reportevent e
    WHERE e.report_id = ANY (report_ids) AND e.transition IN ('dispatch', 'redispatch') AND e.created_at <= as_of
  ), ep AS (
    SELECT d.report_id, d.opd_id, d.t0, max(d.t_next) AS t_next,
           min(x.created_at) FILTER (WHERE x.transition IN ('acknowledge', 'resolve')) AS t_resp,
           max(x.created_at) FILTER (WHERE x.transition = 'resolve') AS t_res,
           max(x.created_at) FILTER (WHERE x.transition = 'reopen') AS t_reopen,
           coalesce(bool_or(x.transition = 'return_to_operator'), false) AS returned,
           coalesce(bool_or(x.transition = 'reopen'), false) AS reopened,
           max(x.created_at) AS t_last
    FROM disp d
    LEFT JOIN workflow_reportevent x
      ON x.report_id = d.report_id AND x.created_at >= d.t0 AND x.created_at <= as_of
     AND (d.t_next IS NULL OR x.created_at < d.t_next)
     AND x.transition IN ('acknowledge', 'resolve', 'reopen', 'return_to_operator')
    GROUP BY d.report_id, d.opd_id, d.t0
  )
  SELECT ep.report_id, ep.opd_id, r.category_id, ep.t0, ep.t_next, ep.t_resp, ep.t_res, ep.t_reopen,
         ep.returned, ep.reopened,
         lapor_working_days(ep.t0, ep.t_resp, s.t0, s.t_resp),
         CASE WHEN ep.t_res IS NOT NULL AND (ep.t_reopen IS NULL OR ep.t_res > ep.t_reopen)
              THEN lapor_working_days(ep.t0, ep.t_res, s.t0, s.t_res) END,
         max(greatest(ep.t0, ep.t_last)) OVER (PARTITION BY ep.report_id)
  FROM ep
  JOIN geoportal_report r ON r.id = ep.report_id
  LEFT JOIN workflow_workday w0 ON w0.day = lapor_local_day(ep.t0)
  LEFT JOIN workflow_workday w1 ON w1.day = lapor_local_day(ep.t_resp)
  LEFT JOIN workflow_workday w2 ON w2.day = lapor_local_day(ep.t_res)
  CROSS JOIN LATERAL (
    SELECT lapor_working_seconds(ep.t0, w0.working, w0.before),
           lapor_working_seconds(ep.t_resp, w1.working, w1.before),
           lapor_working_seconds(ep.t_res, w2.working, w2.before)
  ) s (t0, t_resp, t_res)
$function$;
