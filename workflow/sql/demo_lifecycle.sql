-- Demo lifecycle (workflow/services/demo.py): every report with id > %(after_id)s, all still 'received',
-- goes through the workflow with plausible timings; each step is written to the audit trail, then the
-- report's current position (status, OPD, due times) is set from its last step. Steps later than now()
-- have not happened yet, so young reports are still being screened or worked on.
-- Paths: 8%% rejected, 3%% duplicates, 3%% first dispatched to the wrong OPD (which returns them), the rest
-- dispatched to the label's OPD; 6%% of the resolved are reopened by the citizen once.

CREATE TEMP TABLE seed_plan ON COMMIT DROP AS
SELECT r.id, r.created_at AS c, cat.confidential,
       o.opd_id, o.pace, o.officer_id,
       w.opd_id AS wrong_opd_id, w.pace AS wrong_pace, w.officer_id AS wrong_officer_id,
       random() AS p, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5
FROM geoportal_report r
JOIN geoportal_category cat ON cat.id = r.category_id
JOIN seed_opd o ON o.opd_id = cat.default_opd_id
CROSS JOIN LATERAL (
  SELECT x.* FROM seed_opd x WHERE x.opd_id <> cat.default_opd_id ORDER BY random() LIMIT 1
) w
WHERE r.id > %(after_id)s;

ANALYZE seed_plan;

CREATE TEMP TABLE seed_time ON COMMIT DROP AS
SELECT q.*,
       q.t_ack + q.pace * (0.2 + 7 * q.r4 ^ 2) * interval '1 day' AS t_res
FROM (
  SELECT s.*,
         s.start + s.pace * (0.03 + 2.2 * s.r3 ^ 2) * interval '1 day' AS t_ack
  FROM (
    SELECT t.*,
           CASE WHEN t.path = 'returned' THEN t.t_disp1 + t.wrong_pace * (0.2 + 1.5 * t.r3) * interval '1 day'
                                               + (0.05 + 0.5 * t.r2) * interval '1 day'
                ELSE t.t_disp1 END AS start
    FROM (
      SELECT p.*,
             CASE WHEN p.p < 0.08 THEN 'reject' WHEN p.p < 0.11 THEN 'duplicate'
                  WHEN p.p < 0.14 THEN 'returned' ELSE 'normal' END AS path,
             p.c + (0.05 + 1.5 * p.r1 ^ 2) * interval '1 day' AS t_screen,
             p.c + (0.05 + 1.5 * p.r1 ^ 2) * interval '1 day' + (0.02 + 0.2 * p.r2) * interval '1 day' AS t_disp1
      FROM seed_plan p
    ) t
  ) s
) q;

CREATE TEMP TABLE seed_steps ON COMMIT DROP AS
SELECT x.*,
       x.t_res2 + CASE WHEN x.r4 < 0.45 THEN (0.5 + 5 * x.r1) * interval '1 day' ELSE interval '7 days' END AS t_close
FROM (
  SELECT t.*,
         t.r5 < 0.06 AS reopened,
         t.t_res + (0.5 + t.r1) * interval '1 day' AS t_reopen,
         CASE WHEN t.r5 < 0.06
              THEN t.t_res + (0.5 + t.r1) * interval '1 day' + t.pace * (0.5 + 2 * t.r2) * interval '1 day'
              ELSE t.t_res END AS t_res2,
         t.t_disp1 + t.wrong_pace * (0.2 + 1.5 * t.r3) * interval '1 day' AS t_ret
  FROM seed_time t
) x;

INSERT INTO workflow_reportevent
  (report_id, transition, from_status, to_status, actor_id, actor_role, opd_id, reason, note, photo_id, created_at)
SELECT e.id, e.transition, e.from_status, e.to_status, e.actor_id, e.actor_role, e.opd_id, e.reason, e.note, NULL,
       e.at
FROM (
  SELECT id, 'receive' AS transition, '' AS from_status, 'received' AS to_status, NULL::int AS actor_id,
         'citizen' AS actor_role, NULL::bigint AS opd_id, '' AS reason, '' AS note, c AS at
  FROM seed_steps
  UNION ALL
  -- Screening: the operator, or for confidential labels the covert squad's own officer.
  SELECT id, CASE path WHEN 'reject' THEN 'reject' WHEN 'duplicate' THEN 'mark_duplicate' ELSE 'verify' END, 'received',
         CASE path WHEN 'reject' THEN 'rejected' WHEN 'duplicate' THEN 'duplicate' ELSE 'verified' END,
         CASE WHEN confidential THEN officer_id ELSE %(operator_id)s END,
         CASE WHEN confidential THEN 'opd_officer' ELSE 'operator' END, NULL,
         CASE WHEN path <> 'reject' THEN ''
              WHEN r2 < 0.35 THEN 'hoax' WHEN r2 < 0.6 THEN 'insufficient' WHEN r2 < 0.8 THEN 'not_government'
              WHEN r2 < 0.9 THEN 'outside_area' ELSE 'duplicate' END,
         '', t_screen
  FROM seed_steps
  UNION ALL
  SELECT id, 'dispatch', 'verified', 'dispatched',
         CASE WHEN confidential THEN officer_id ELSE %(operator_id)s END,
         CASE WHEN confidential THEN 'opd_officer' ELSE 'operator' END,
         CASE WHEN path = 'returned' THEN wrong_opd_id ELSE opd_id END, '', '', t_disp1
  FROM seed_steps WHERE path IN ('normal', 'returned')
  UNION ALL
  SELECT id, 'return_to_operator', 'dispatched', 'returned', wrong_officer_id, 'opd_officer', wrong_opd_id, '',
         'Bukan kewenangan kami, mohon diteruskan ke OPD yang tepat.', t_ret
  FROM seed_steps WHERE path = 'returned'
  UNION ALL
  SELECT id, 'redispatch', 'returned', 'dispatched', %(operator_id)s, 'operator', opd_id, '', '', start
  FROM seed_steps WHERE path = 'returned'
  UNION ALL
  SELECT id, 'acknowledge', 'dispatched', 'in_progress', officer_id, 'opd_officer', opd_id, '',
         'Laporan diterima, petugas menuju lokasi.', t_ack
  FROM seed_steps WHERE path IN ('normal', 'returned')
  UNION ALL
  SELECT id, 'resolve', 'in_progress', 'resolved', officer_id, 'opd_officer', opd_id, '', 'Sudah ditangani.', t_res
  FROM seed_steps WHERE path IN ('normal', 'returned')
  UNION ALL
  SELECT id, 'reopen', 'resolved', 'reopened', NULL, 'citizen', opd_id, '', 'Belum beres, masih seperti semula.',
         t_reopen
  FROM seed_steps WHERE path IN ('normal', 'returned') AND reopened
  UNION ALL
  SELECT id, 'resolve', 'reopened', 'resolved', officer_id, 'opd_officer', opd_id, '', 'Sudah diperbaiki ulang.', t_res2
  FROM seed_steps WHERE path IN ('normal', 'returned') AND reopened
  UNION ALL
  SELECT id, 'close', 'resolved', 'closed', NULL, CASE WHEN r4 < 0.45 THEN 'citizen' ELSE 'system' END, opd_id, '',
         '', t_close
  FROM seed_steps WHERE path IN ('normal', 'returned')
) e
WHERE e.at <= now()
ORDER BY e.at, e.id;  -- in time order, so the audit chain follows time (workflow/AUDIT.md)

-- Fresh statistics, or the planner guesses the new rows are few and picks nested loops.
ANALYZE workflow_reportevent;

-- The report's current position, from its last step.
UPDATE geoportal_report r
SET status = last.to_status,
    opd_id = CASE WHEN last.to_status IN ('dispatched', 'in_progress', 'resolved', 'reopened', 'closed')
                  THEN disp.opd_id END,
    -- The seeded report just before it (ids have gaps: rolled-back inserts and lost tracking-code races use some).
    duplicate_of_id = CASE WHEN last.to_status = 'duplicate'
                           THEN (SELECT max(p.id) FROM geoportal_report p WHERE p.id > %(after_id)s AND p.id < r.id)
                           END,
    resolved_at = CASE WHEN last.to_status IN ('resolved', 'closed') THEN res.at END,
    verification_due = CASE WHEN last.to_status = 'received'
                            THEN lapor_working_deadline(r.created_at, cat.verification_target_days) END,
    response_due = CASE WHEN last.to_status IN ('dispatched', 'in_progress', 'reopened')
                        THEN lapor_working_deadline(disp.at, cat.response_target_days) END,
    resolution_due = CASE WHEN last.to_status IN ('dispatched', 'in_progress', 'reopened')
                          THEN lapor_working_deadline(disp.at, cat.resolution_target_days) END
FROM (
  SELECT DISTINCT ON (report_id) report_id, to_status
  FROM workflow_reportevent WHERE report_id > %(after_id)s
  ORDER BY report_id, created_at DESC, id DESC
) last
JOIN geoportal_report r2 ON r2.id = last.report_id
JOIN geoportal_category cat ON cat.id = r2.category_id
LEFT JOIN LATERAL (
  SELECT e.opd_id, e.created_at AS at FROM workflow_reportevent e
  WHERE e.report_id = last.report_id AND e.transition IN ('dispatch', 'redispatch')
  ORDER BY e.created_at DESC, e.id DESC LIMIT 1
) disp ON true
LEFT JOIN LATERAL (
  SELECT max(e.created_at) AS at FROM workflow_reportevent e
  WHERE e.report_id = last.report_id AND e.transition = 'resolve'
) res ON true
WHERE r.id = last.report_id;

UPDATE geoportal_report o SET extra_reporters = o.extra_reporters + d.n
FROM (
  SELECT duplicate_of_id, count(*) AS n FROM geoportal_report
  WHERE id > %(after_id)s AND duplicate_of_id IS NOT NULL GROUP BY duplicate_of_id
) d
WHERE o.id = d.duplicate_of_id;
