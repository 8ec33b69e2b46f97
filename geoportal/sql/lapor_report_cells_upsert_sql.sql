-- The cell pyramid's one write (geoportal.models.tiles): adds each row of a CTE `rows` (sign, public_location,
-- category_id, public_kecamatan_id, status) to its cell at every zoom 8..17 (8 x 8 cells per tile): sign +1 for
-- a report now public, -1 for its former self. Cells are computed from the published place only, so a cell's
-- centre of mass and its kecamatan tell no more than the published points. Rows are upserted in key order, so
-- two transactions touching the same cells lock them in the same order (no deadlock). Public is what anyone may see
-- (geoportal.visibility.public_q; tests/geoportal/test_rules.py holds the condition below to it, and the tile tests
-- compare the cells with the reports themselves).
CREATE OR REPLACE FUNCTION lapor_report_cells_upsert_sql() RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
SELECT $upsert$
INSERT INTO geoportal_reportcell AS g (z, cy, cx, kecamatan_id, category_id, status, n, sx, sy)
SELECT z, floor((20037508.342789244 - m.y) / (40075016.68557849 / (8 * 2 ^ z)))::int,
       floor((m.x + 20037508.342789244) / (40075016.68557849 / (8 * 2 ^ z)))::int,
       m.public_kecamatan_id, m.category_id, m.status, sum(m.sign), sum(m.sign * m.x), sum(m.sign * m.y)
FROM (
  SELECT r.sign, r.public_kecamatan_id, r.category_id, r.status, ST_X(p.g) AS x, ST_Y(p.g) AS y
  FROM rows r JOIN geoportal_category c ON c.id = r.category_id
  CROSS JOIN LATERAL ST_Transform(r.public_location, 3857) AS p(g)
  WHERE r.status IN ('closed', 'dispatched', 'in_progress', 'reopened', 'resolved', 'returned', 'verified')
    AND NOT c.confidential
) m CROSS JOIN generate_series(8, 17) AS z
GROUP BY 1, 2, 3, 4, 5, 6
HAVING sum(m.sign) <> 0 OR sum(m.sign * m.x) <> 0
ORDER BY 1, 2, 3, 4, 5, 6
ON CONFLICT (z, cy, cx, kecamatan_id, category_id, status)
DO UPDATE SET n = g.n + EXCLUDED.n, sx = g.sx + EXCLUDED.sx, sy = g.sy + EXCLUDED.sy
$upsert$
$fn$;
