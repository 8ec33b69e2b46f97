-- Keeps the cell pyramid in step with geoportal_report: statement level, one set-based upsert however many
-- reports the statement touched. A report moves between cells when its status, label or published place changes.
CREATE OR REPLACE FUNCTION lapor_report_cells_follow() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  columns constant text := 'r.public_location, r.category_id, r.public_kecamatan_id, r.status';
  src text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    src := 'SELECT 1 AS sign, ' || columns || ' FROM new_rows r';
  ELSIF TG_OP = 'DELETE' THEN
    src := 'SELECT -1 AS sign, ' || columns || ' FROM old_rows r';
  ELSE
    src := 'WITH moved AS (
              SELECT o.id FROM old_rows o JOIN new_rows n ON n.id = o.id
              WHERE (o.status, o.category_id, o.public_kecamatan_id)
                      IS DISTINCT FROM (n.status, n.category_id, n.public_kecamatan_id)
                 OR NOT o.public_location ~= n.public_location)
            SELECT -1 AS sign, ' || columns || ' FROM old_rows r WHERE r.id IN (SELECT id FROM moved)
            UNION ALL SELECT 1, ' || columns || ' FROM new_rows r WHERE r.id IN (SELECT id FROM moved)';
  END IF;
  -- the transition tables are visible to this function's own statements only: the upsert runs here
  EXECUTE 'WITH rows AS (' || src || ') ' || lapor_report_cells_upsert_sql();
  RETURN NULL;
END $fn$;

CREATE OR REPLACE TRIGGER report_cells_insert AFTER INSERT ON geoportal_report
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lapor_report_cells_follow();
CREATE OR REPLACE TRIGGER report_cells_update AFTER UPDATE ON geoportal_report
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lapor_report_cells_follow();
CREATE OR REPLACE TRIGGER report_cells_delete AFTER DELETE ON geoportal_report
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION lapor_report_cells_follow();
-- No TRUNCATE trigger: TRUNCATE empties the cells with the reports (Django's flush lists both tables);
-- after truncating geoportal_report by hand, run SELECT lapor_report_cells_rebuild(NULL).
