-- Keeps each report's published place (public_location, public_desa_id, public_kecamatan_id) in step with
-- its exact place and its label, whoever writes the report (report_create, the demo seeder's set-based SQL, the
-- admin, a label whose precision changes): every public filter, count, tile and property reads these columns.
-- Writing a published column directly publishes again, so they cannot be set to anything but the rule's answer.
CREATE OR REPLACE FUNCTION lapor_report_publish() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  SELECT p.location, p.desa_id, p.kecamatan_id
    INTO NEW.public_location, NEW.public_desa_id, NEW.public_kecamatan_id
  FROM geoportal_category c,
       lapor_public_place(NEW.location, c.public_precision_m, NEW.desa_id, NEW.kecamatan_id) p
  WHERE c.id = NEW.category_id;
  RETURN NEW;
END $fn$;

CREATE OR REPLACE TRIGGER report_publish_insert BEFORE INSERT ON geoportal_report
  FOR EACH ROW EXECUTE FUNCTION lapor_report_publish();
-- Status changes (the bulk of updates, the seeder's lifecycle among them) leave the place alone.
CREATE OR REPLACE TRIGGER report_publish_update BEFORE UPDATE ON geoportal_report
  FOR EACH ROW WHEN (OLD.location IS DISTINCT FROM NEW.location
                     OR OLD.category_id IS DISTINCT FROM NEW.category_id
                     OR OLD.desa_id IS DISTINCT FROM NEW.desa_id
                     OR OLD.kecamatan_id IS DISTINCT FROM NEW.kecamatan_id
                     OR OLD.public_location IS DISTINCT FROM NEW.public_location
                     OR OLD.public_desa_id IS DISTINCT FROM NEW.public_desa_id
                     OR OLD.public_kecamatan_id IS DISTINCT FROM NEW.public_kecamatan_id)
  EXECUTE FUNCTION lapor_report_publish();
