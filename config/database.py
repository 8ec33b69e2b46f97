"""The application's two database roles (README, "Production").

The owner (MIGRATE_DATABASE_URL, settings.DATABASE_OWNER) owns every table, function and trigger: `migrate`
connects as it, and so does the test runner, which creates its own database. The runtime role (DATABASE_URL,
settings.DATABASE_RUNTIME_ROLE) is the web app's and every other command's: it reads and writes rows, and that
is all. Not owning anything, it cannot ALTER a table, switch a trigger off or TRUNCATE, and it is not allowed
to UPDATE or DELETE the audit trail, so the trigger that keeps workflow_reportevent append-only no longer rests
on the application's good behaviour.

The grants follow the schema: after every `migrate` (post_migrate, also when the test runner builds its
database) `runtime_grants` brings them to exactly this, on whatever tables the migrations made.
"""

import contextlib
from collections.abc import Iterator

from django.conf import settings
from django.db import connections, transaction

# Rows the runtime role may add but never change or remove: the audit trail (PRODUCT.md, "Privacy and trust").
APPEND_ONLY_TABLES = ("workflow_reportevent",)
# Rows the runtime role may only read: which migrations ran is `migrate`'s business.
READ_ONLY_TABLES = ("django_migrations",)
_CREDENTIALS = ("USER", "PASSWORD", "HOST", "PORT")


@contextlib.contextmanager
def connected_as(credentials: dict, alias: str = "default") -> Iterator[None]:
    """Connection `alias` logs in with these USER, PASSWORD, HOST and PORT meanwhile (same database name)."""
    connection = connections[alias]
    before = {key: connection.settings_dict[key] for key in _CREDENTIALS}
    wanted = {key: credentials[key] for key in _CREDENTIALS}
    if wanted == before:
        yield
        return
    connection.close()
    connection.settings_dict.update(wanted)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.update(before)


def as_owner(alias: str = "default") -> contextlib.AbstractContextManager:
    """Connect as the schema's owner meanwhile, when one is configured (else as DATABASE_URL's role)."""
    if settings.DATABASE_OWNER is None:
        return contextlib.nullcontext()
    return connected_as(settings.DATABASE_OWNER, alias)


def runtime_grants(*, using: str = "default", role: str | None = None) -> list[str]:
    """Give the runtime role exactly its privileges on what the connected role owns in schema public: SELECT,
    INSERT, UPDATE, DELETE on the tables (INSERT and SELECT only on the audit trail, SELECT only on
    django_migrations), USAGE, SELECT and UPDATE on the sequences (no UPDATE, i.e. setval, on those two tables');
    nothing else (no TRUNCATE, REFERENCES, TRIGGER).
    Idempotent, in one transaction. Returns the tables granted to."""
    role = role or settings.DATABASE_RUNTIME_ROLE
    if not role:
        return []
    connection = connections[using]
    quote = connection.ops.quote_name
    with transaction.atomic(using=using), connection.cursor() as cursor:
        # What this role owns (PostGIS's spatial_ref_sys stays postgres's and keeps its own SELECT for PUBLIC),
        # never an extension's objects, even when migrate runs as a superuser.
        # A sequence comes with the table whose column it numbers, if any.
        cursor.execute(
            """
            SELECT c.relname, c.relkind = 'S',
                   (SELECT t.relname FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid
                    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                      AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') LIMIT 1)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
              AND pg_has_role(current_user, c.relowner, 'USAGE')
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                              AND d.deptype = 'e')
            ORDER BY 1
            """
        )
        rows = cursor.fetchall()
        tables = [name for name, sequence, _table in rows if not sequence]
        sequences = [name for name, sequence, _table in rows if sequence]
        fixed = {name for name, sequence, table in rows if sequence and table in APPEND_ONLY_TABLES + READ_ONLY_TABLES}
        grantee = quote(role)

        def names(items):
            return ", ".join(quote(item) for item in items)

        if tables:
            cursor.execute(f"REVOKE ALL ON TABLE {names(tables)} FROM {grantee}")
            writable = [t for t in tables if t not in APPEND_ONLY_TABLES and t not in READ_ONLY_TABLES]
            if writable:
                cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE {names(writable)} TO {grantee}")
            if append_only := [t for t in tables if t in APPEND_ONLY_TABLES]:
                cursor.execute(f"GRANT SELECT, INSERT ON TABLE {names(append_only)} TO {grantee}")
            if read_only := [t for t in tables if t in READ_ONLY_TABLES]:
                cursor.execute(f"GRANT SELECT ON TABLE {names(read_only)} TO {grantee}")
        if sequences:
            cursor.execute(f"REVOKE ALL ON SEQUENCE {names(sequences)} FROM {grantee}")
            cursor.execute(f"GRANT USAGE, SELECT ON SEQUENCE {names(sequences)} TO {grantee}")
            # UPDATE (setval) for loaddata, which moves a table's sequence past the ids it loaded; not on the
            # audit trail's, whose numbering nothing but nextval() has any business with.
            if settable := [name for name in sequences if name not in fixed]:
                cursor.execute(f"GRANT UPDATE ON SEQUENCE {names(settable)} TO {grantee}")
    return tables


def runtime_grants_after_migrate(sender, using: str = "default", **kwargs) -> None:
    """post_migrate receiver (geoportal/apps.py): the migrations may have made new tables."""
    runtime_grants(using=using)
