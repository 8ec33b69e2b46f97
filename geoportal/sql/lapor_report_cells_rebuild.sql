-- Rebuilds the cells of one label (or of all when NULL): after a label becomes confidential or public again,
-- and once when the pyramid's definition changes (the migrations that load these files).
CREATE OR REPLACE FUNCTION lapor_report_cells_rebuild(label bigint) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM geoportal_reportcell WHERE label IS NULL OR category_id = label;
  EXECUTE 'WITH rows AS (
             SELECT 1 AS sign, r.public_location, r.category_id, r.public_kecamatan_id, r.status
             FROM geoportal_report r WHERE $1 IS NULL OR r.category_id = $1) ' || lapor_report_cells_upsert_sql()
    USING label;
END $fn$;
