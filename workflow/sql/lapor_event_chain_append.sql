-- Every event is chained as it is written, whoever writes it (the service, a bulk INSERT, the admin's shell): its
-- position is the last one's plus one and its hash links it to the last one's (lapor_event_link). What the writer
-- put in chain_position and chain_hash is ignored. The transaction-level advisory lock makes concurrent writers
-- take turns until they commit, so two events never chain to the same predecessor (the unique index on
-- chain_position refuses a fork anyway, e.g. from a REPEATABLE READ writer whose snapshot misses the last link).
CREATE OR REPLACE FUNCTION lapor_event_chain_append() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last_position bigint;
  last_hash bytea;
BEGIN
  -- 0x6c61706f72 = 'lapor': the one key of the audit trail's chain.
  PERFORM pg_advisory_xact_lock(x'6c61706f72'::bigint);
  SELECT chain_position, chain_hash INTO last_position, last_hash
  FROM workflow_reportevent ORDER BY chain_position DESC LIMIT 1;
  NEW.chain_position := coalesce(last_position, 0) + 1;
  NEW.chain_hash := lapor_event_link(coalesce(last_hash, decode(repeat('0', 64), 'hex')), NEW);
  RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER reportevent_chain BEFORE INSERT ON workflow_reportevent
  FOR EACH ROW EXECUTE FUNCTION lapor_event_chain_append();
