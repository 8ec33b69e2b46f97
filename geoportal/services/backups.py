"""Backups: the database (pg_dump's custom format) and every stored file, with a manifest of SHA-256 checksums.

A backup is a folder:

    manifest.json     written last: a folder without it is an interrupted backup, never restored
    database.dump     pg_dump --format=custom of the whole database (schema, rows, functions, triggers)
    files/media/...   MEDIA_ROOT as it was (photos, thumbnails, videos)
    files/private/... PRIVATE_MEDIA_ROOT as it was (monthly PDFs)

`backup_create` dumps the database first and copies the files afterwards, so a report committed during the
backup may leave a file without its row (harmless: `media_orphans` finds it), never a row without its file.
`backup_restore` checks every checksum before it touches anything, refuses a database or folder that already
holds something unless told to replace it, restores the database in one transaction as the schema's owner and
gives the runtime role its grants again.
"""

import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection, connections, transaction

from config.database import as_owner, runtime_grants

FORMAT = "lapor-trenggalek-backup/1"
MANIFEST = "manifest.json"
DUMP = "database.dump"
CHUNK = 1024 * 1024

Progress = Callable[[str, int, int | None], None]  # (what, done, total or None)


class BackupError(Exception):
    """What went wrong, and what to do next, in one message for the operator."""


@dataclass(frozen=True)
class FileEntry:
    root: str  # "media" or "private"
    path: str  # relative to the root, with forward slashes
    sha256: str
    bytes: int


def media_roots() -> dict[str, Path]:
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}


def _owner_settings() -> dict:
    """Connection settings of the schema's owner (MIGRATE_DATABASE_URL), else DATABASE_URL's."""
    base = dict(settings.DATABASES["default"])
    if settings.DATABASE_OWNER:
        base.update({key: settings.DATABASE_OWNER[key] for key in ("USER", "PASSWORD", "HOST", "PORT")})
    return base


def _pg_env(db: dict) -> dict:
    env = dict(os.environ)
    env.update(
        PGHOST=str(db.get("HOST") or ""),
        PGPORT=str(db.get("PORT") or "5432"),
        PGUSER=str(db.get("USER") or ""),
        PGPASSWORD=str(db.get("PASSWORD") or ""),
        PGDATABASE=str(db["NAME"]),
    )
    return env


def _pg_tool(name: str) -> str:
    """The client tool matching the newest installed PostgreSQL (Debian keeps them in /usr/lib/postgresql/N/bin)."""
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]))
    if candidates:
        return str(candidates[-1])
    if found := shutil.which(name):
        return found
    raise BackupError(f"{name} is not installed: install the PostgreSQL client (apt-get install postgresql-client).")


def file_sha256(path: Path, progress: Callable[[int], None] | None = None) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            if progress:
                progress(len(chunk))
    return digest.hexdigest()


def _files_under(root: Path) -> list[Path]:
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _run_verbose(command: list[str], env: dict, what: str, progress: Progress | None, hint: str) -> None:
    """Run a pg tool with --verbose; each line it writes is a step (a table dumped or restored)."""
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    tail: list[str] = []
    for steps, line in enumerate(process.stderr, start=1):
        tail = (tail + [line.rstrip()])[-15:]
        if progress:
            progress(what, steps, None)
    if process.wait() != 0:
        errors = [line for line in tail if "error" in line.lower()] or tail
        raise BackupError(f"{Path(command[0]).name} failed (exit {process.returncode}):\n" + "\n".join(errors) + hint)


# --- backup -----------------------------------------------------------------------------------------------


def backup_create(*, folder: Path, progress: Progress | None = None) -> dict:
    """Write a backup of the database and of MEDIA_ROOT and PRIVATE_MEDIA_ROOT into `folder` (new or empty).
    Returns the manifest."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty: give a new folder for each backup (nothing was written).")
    folder.mkdir(parents=True, exist_ok=True)
    db = _owner_settings()
    dump = folder / DUMP
    _run_verbose(
        [_pg_tool("pg_dump"), "--format=custom", "--verbose", "--file", str(dump), str(db["NAME"])],
        _pg_env(db),
        "database",
        progress,
        "\nCheck that the database is running and that DATABASE_URL (or MIGRATE_DATABASE_URL) is right; "
        "then run the backup again into a new folder.",
    )
    total = sum(p.stat().st_size for root in media_roots().values() for p in _files_under(root))
    entries: list[FileEntry] = []
    copied = 0
    for name, root in media_roots().items():
        for source in _files_under(root):
            relative = source.relative_to(root).as_posix()
            target = folder / "files" / name / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            with source.open("rb") as src, target.open("wb") as dst:
                while chunk := src.read(CHUNK):
                    digest.update(chunk)
                    dst.write(chunk)
                    copied += len(chunk)
                    if progress:
                        progress("files", copied, total)
            shutil.copystat(source, target)
            entries.append(FileEntry(name, relative, digest.hexdigest(), target.stat().st_size))
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server_version = cursor.fetchone()[0]
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": {
            "name": db["NAME"],
            "server_version": server_version,
            "file": DUMP,
            "sha256": file_sha256(dump),
            "bytes": dump.stat().st_size,
        },
        "files": [entry.__dict__ for entry in entries],
    }
    partial = folder / (MANIFEST + ".part")
    partial.write_text(json.dumps(manifest, indent=1))
    partial.rename(folder / MANIFEST)  # the backup is complete only now
    return manifest


# --- restore ----------------------------------------------------------------------------------------------


def backup_verify(*, folder: Path, progress: Progress | None = None) -> dict:
    """The manifest, once every file of the backup matches its checksum; BackupError naming what does not."""
    folder = Path(folder)
    manifest_path = folder / MANIFEST
    if not manifest_path.exists():
        raise BackupError(
            f"{folder} holds no {MANIFEST}: it is not a backup, or the backup was interrupted. "
            "Choose another backup (nothing was changed)."
        )
    try:
        manifest = json.loads(manifest_path.read_text())
    except (ValueError, OSError) as exc:
        raise BackupError(f"{manifest_path} cannot be read ({exc}). Choose another backup (nothing changed).") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{manifest_path} is not a backup of this application (format {manifest.get('format')!r}).")
    expected = [(folder / manifest["database"]["file"], manifest["database"]["sha256"], manifest["database"]["bytes"])]
    expected += [(folder / "files" / e["root"] / e["path"], e["sha256"], e["bytes"]) for e in manifest["files"]]
    total = sum(size for _path, _sha, size in expected)
    done = 0
    problems = []

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress("verify", done, total)

    for path, sha, size in expected:
        if not path.is_file():
            problems.append(f"missing: {path.relative_to(folder)}")
            advance(size)
            continue
        if file_sha256(path, advance) != sha:
            problems.append(f"checksum differs: {path.relative_to(folder)}")
    if problems:
        shown = "\n  ".join(problems[:20]) + (f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else "")
        raise BackupError(
            f"The backup in {folder} is damaged ({len(problems)} of {len(expected)} files):\n  {shown}\n"
            "Nothing was changed. Restore an older backup, or copy this one again from where it is kept."
        )
    return manifest


def database_contents() -> dict[str, int]:
    """Tables of schema public that are not an extension's (PostGIS's spatial_ref_sys), with their row counts."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                              AND d.objid = c.oid AND d.deptype = 'e')
            ORDER BY 1
            """
        )
        tables = [row[0] for row in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _schema_drop() -> None:
    """Drop what the connected (owner) role owns in schema public, extensions' objects excepted (one transaction)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT format('DROP %s IF EXISTS %s CASCADE',
                          CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                         WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, c.oid::regclass)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
              AND pg_has_role(current_user, c.relowner, 'USAGE')
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                              AND (d.deptype = 'e' OR (c.relkind = 'S' AND d.deptype IN ('a', 'i'))))
            UNION ALL
            SELECT format('DROP ROUTINE IF EXISTS %s CASCADE', p.oid::regprocedure)
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' AND pg_has_role(current_user, p.proowner, 'USAGE') AND p.prokind <> 'a'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                              AND d.objid = p.oid AND d.deptype = 'e')
            """
        )
        statements = [row[0] for row in cursor.fetchall()]
        for statement in statements:
            cursor.execute(statement)


def backup_restore(*, folder: Path, replace: bool = False, progress: Progress | None = None) -> dict:
    """Restore the backup in `folder` into the configured database and media folders. Returns the manifest."""
    folder = Path(folder)
    manifest = backup_verify(folder=folder, progress=progress)
    roots = media_roots()
    with as_owner():
        contents = database_contents()
        occupied = {name: len(_files_under(root)) for name, root in roots.items()}
        if not replace and (contents or any(occupied.values())):
            what = []
            if contents:
                rows = sum(contents.values())
                name = connection.settings_dict["NAME"]
                what.append(f"the database {name} has {len(contents)} tables ({rows:,} rows)")
            what += [f"{roots[name]} holds {n:,} files" for name, n in occupied.items() if n]
            raise BackupError(
                "Refusing to restore over existing data: " + "; ".join(what) + ". Restore into an empty database "
                "and empty media folders, or pass --replace to delete what is there first (it is lost). "
                "Nothing was changed."
            )
        db = dict(connection.settings_dict)
        dump = folder / manifest["database"]["file"]
        env = _pg_env(db)
        pg_restore = _pg_tool("pg_restore")
        # Extensions are the superuser's (PostGIS is in the target already: template1 on the project's cluster,
        # CREATE EXTENSION on another server): leave them, their comments and PostGIS's table of coordinate
        # systems (the extension fills it) out of the list.
        listing = subprocess.run([pg_restore, "--list", str(dump)], env=env, capture_output=True, text=True)
        if listing.returncode != 0:
            raise BackupError(f"pg_restore cannot read {dump}: {listing.stderr.strip()}")
        keep = [
            line
            for line in listing.stdout.splitlines()
            if not (" EXTENSION " in line or " public spatial_ref_sys " in line)
        ]
        list_file = folder.parent / f".{folder.name}.restore-list"
        try:
            list_file.write_text("\n".join(keep) + "\n")
        except OSError:
            import tempfile

            list_file = Path(tempfile.mkstemp(suffix=".restore-list")[1])
            list_file.write_text("\n".join(keep) + "\n")
        try:
            if contents:
                _schema_drop()
            connections["default"].close()
            _restore_run(pg_restore=pg_restore, list_file=list_file, dump=dump, env=env, progress=progress)
        finally:
            list_file.unlink(missing_ok=True)
        runtime_grants()
    _files_restore(folder=folder, manifest=manifest, roots=roots, replace=replace, progress=progress)
    return manifest


# pg_restore sets an empty search_path; PostGIS's operators live in public, so a trigger's WHEN clause comparing
# geometries (report_publish_update: location IS DISTINCT FROM ...) cannot be created without it.
SEARCH_PATH_EMPTY = "SELECT pg_catalog.set_config('search_path', '', false);"
SEARCH_PATH_PUBLIC = "SELECT pg_catalog.set_config('search_path', 'public, pg_catalog', false);"


def _restore_run(*, pg_restore: str, list_file: Path, dump: Path, env: dict, progress) -> None:
    """pg_restore writes the SQL, sed gives it PostGIS's search path, psql runs it in one transaction."""
    import tempfile

    psql = _pg_tool("psql")
    with tempfile.TemporaryFile("w+") as psql_errors:
        writer = subprocess.Popen(
            [pg_restore, "--verbose", "--no-owner", "--no-acl", "--use-list", str(list_file), "--file", "-", str(dump)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        fixer = subprocess.Popen(
            ["sed", f"s/^{SEARCH_PATH_EMPTY}$/{SEARCH_PATH_PUBLIC}/"],  # whole lines only: never a row's text
            stdin=writer.stdout,
            stdout=subprocess.PIPE,
        )
        writer.stdout.close()
        runner = subprocess.Popen(
            [psql, "-X", "-q", "--single-transaction", "-v", "ON_ERROR_STOP=1", "--dbname", env["PGDATABASE"]],
            env=env, stdin=fixer.stdout, stdout=subprocess.DEVNULL, stderr=psql_errors,
        )  # fmt: skip
        fixer.stdout.close()
        tail = []
        for steps, line in enumerate(writer.stderr, start=1):
            tail = (tail + [line.rstrip()])[-10:]
            if progress:
                progress("database", steps, None)
        codes = writer.wait(), fixer.wait(), runner.wait()
        psql_errors.seek(0)
        errors = psql_errors.read().strip()
    if any(codes):
        raise BackupError(
            "Restoring the database failed:\n"
            + (errors or "\n".join(tail))
            + "\nThe database was left as it was before (one transaction). Is PostGIS installed in it (CREATE "
            "EXTENSION postgis, as a superuser)? Then run the restore again."
        )


def _files_restore(*, folder: Path, manifest: dict, roots: dict[str, Path], replace: bool, progress) -> None:
    if replace:
        for root in roots.values():
            for path in _files_under(root):
                path.unlink()
    total = sum(entry["bytes"] for entry in manifest["files"])
    done = 0
    for entry in manifest["files"]:
        source = folder / "files" / entry["root"] / entry["path"]
        target = roots[entry["root"]] / entry["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".restoring")
        digest = hashlib.sha256()
        with source.open("rb") as src, partial.open("wb") as dst:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                dst.write(chunk)
                done += len(chunk)
                if progress:
                    progress("files", done, total)
        if digest.hexdigest() != entry["sha256"]:
            partial.unlink()
            raise BackupError(f"{source} changed while it was being restored; run the restore again.")
        shutil.copystat(source, partial)
        partial.rename(target)
