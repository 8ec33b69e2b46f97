-- One link of the audit trail's hash chain (workflow/AUDIT.md): the SHA-256 of the previous link's hash, in 64
-- lowercase hex digits, followed by the event's canonical form, a JSON array of its content in this order:
--   [id, report_id, transition, from_status, to_status, actor_id, actor_role, opd_id, reason, note, photo_id,
--    created_at]
-- (numbers as digits, a missing actor/OPD/photo as null, texts as JSON strings, created_at in UTC as
-- "YYYY-MM-DDTHH:MM:SS.ffffffZ"), encoded in UTF-8. The first link's previous hash is 64 zeros.
-- workflow/services/audit.py computes the same in Python, without this function: audit_verify trusts nothing
-- the database defines.
CREATE OR REPLACE FUNCTION lapor_event_link(prev bytea, e workflow_reportevent) RETURNS bytea
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
  SELECT sha256(convert_to(
    encode(prev, 'hex')
    || json_build_array(e.id, e.report_id, e.transition, e.from_status, e.to_status, e.actor_id, e.actor_role,
                        e.opd_id, e.reason, e.note, e.photo_id,
                        to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text,
    'UTF8'))
$$;
