-- A label's public precision changes: its reports are published again (lapor_report_publish recomputes a
-- report's place whenever a published column is written; the cell pyramid follows by its own triggers).
CREATE OR REPLACE FUNCTION lapor_label_republish() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  UPDATE geoportal_report SET public_location = NULL WHERE category_id = NEW.id;
  RETURN NULL;
END $fn$;

CREATE OR REPLACE TRIGGER label_republish AFTER UPDATE OF public_precision_m ON geoportal_category
  FOR EACH ROW WHEN (OLD.public_precision_m IS DISTINCT FROM NEW.public_precision_m)
  EXECUTE FUNCTION lapor_label_republish();
