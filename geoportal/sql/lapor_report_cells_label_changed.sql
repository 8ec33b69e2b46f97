-- A label turned confidential (or public again) leaves (or joins) the pyramid. A change of its public precision
-- needs nothing here: its reports are published again (lapor_label_republish) and their cells follow.
CREATE OR REPLACE FUNCTION lapor_report_cells_label_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM lapor_report_cells_rebuild(NEW.id);
  RETURN NULL;
END $fn$;

CREATE OR REPLACE TRIGGER report_cells_label AFTER UPDATE OF confidential ON geoportal_category
  FOR EACH ROW WHEN (OLD.confidential IS DISTINCT FROM NEW.confidential)
  EXECUTE FUNCTION lapor_report_cells_label_changed();
