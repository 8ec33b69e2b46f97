#!/usr/bin/env bash
# The project's own PostGIS cluster (the embedded default). Runs the server as the `postgres` user on
# 127.0.0.1:$PGPORT with two roles of its own (README, "Production"): lapor_owner owns the schema and migrates,
# lapor_app is the web app's and the commands', which reads and writes rows but cannot change the schema, switch
# triggers off or rewrite the audit trail. Their addresses go to var/migrate_database_url and var/database_url
# (mode 600), which config/settings.py reads when DATABASE_URL is not set. Every start brings an older cluster
# (tables owned by postgres, var/database_url naming postgres) up to this in place.
#   scripts/pg.sh start    initialise on first use, then start (no-op if already running)
#   scripts/pg.sh stop
#   scripts/pg.sh status
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
VAR="$ROOT/var"
# The port is chosen once, when the cluster is made, and remembered in var/pg_port.
PGPORT=${PGPORT:-$(cat "$VAR/pg_port" 2>/dev/null || echo 54329)}
PGDB=${PGDATABASE:-trenggalek}
OWNER_ROLE=lapor_owner
RUNTIME_ROLE=lapor_app
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$PGBIN" ] || { echo "PostgreSQL is not installed: run scripts/system-deps.sh first." >&2; exit 1; }

as_postgres() {
  # from / so that a checkout postgres cannot enter does not make every command complain
  if [ "$(id -un)" = postgres ]; then "$@"; else (cd / && runuser -u postgres -- "$@"); fi
}

# The cluster lives in var/pg when the postgres user can reach it there; a checkout under /root (mode 700)
# is not reachable, so the cluster then goes to /var/lib/lapor-trenggalek/<hash of the checkout path>.
cluster_dir() {
  if [ -f "$VAR/pg_location" ]; then cat "$VAR/pg_location"; return; fi
  mkdir -p "$VAR"
  local dir="$VAR/pg"
  if ! runuser -u postgres -- test -x "$VAR" 2>/dev/null; then
    dir="/var/lib/lapor-trenggalek/$(printf %s "$ROOT" | sha1sum | cut -c1-12)"
  fi
  echo "$dir" > "$VAR/pg_location"
  echo "$dir"
}

DIR=$(cluster_dir)
DATA="$DIR/data"

init() {
  [ -f "$DATA/PG_VERSION" ] && return
  echo "==> Initialising the project's PostGIS cluster in $DATA"
  mkdir -p "$DIR/run"
  chown -R postgres:postgres "$DIR"
  chmod 700 "$DIR"
  local pw
  pw=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)
  local pwfile="$DIR/pwfile"
  printf '%s\n' "$pw" > "$pwfile"; chown postgres "$pwfile"; chmod 600 "$pwfile"
  as_postgres "$PGBIN/initdb" -D "$DATA" -U postgres --pwfile="$pwfile" --auth-local=peer \
    --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"  # postgres's password is not kept: it signs in through the socket only (peer)
  echo "$PGPORT" > "$VAR/pg_port"
}

psql_su() { as_postgres psql -h "$DIR/run" -p "$PGPORT" -XAtq -v ON_ERROR_STOP=1 "$@"; }

# A role's password: the one var/<file> already holds for that role (generated once), or a new one. The
# passwords live only in those files: a cluster that outlived its var/ (e.g. in /var/lib/lapor-trenggalek
# under a fresh clone) gets new ones, set below.
password_for() {
  local role=$1 file="$VAR/$2" url
  if [ -f "$file" ]; then
    url=$(cat "$file")
    case "$url" in "postgis://$role:"*@*) url=${url#"postgis://$role:"}; echo "${url%%@*}"; return ;; esac
  fi
  head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24
}

write_url() {  # file role password
  (umask 077; printf 'postgis://%s:%s@127.0.0.1:%s/%s\n' "$2" "$3" "$PGPORT" "$PGDB" > "$VAR/$1.new")
  mv "$VAR/$1.new" "$VAR/$1"
}

# The roles, created or brought back to their attributes and passwords on every start (idempotent). The owner
# may create databases (the test runner makes its own) and is a member of the runtime role, so that it can end
# the runtime role's sessions when it drops a test database; the runtime role is nothing more than a login.
roles() {
  local owner_pw runtime_pw
  owner_pw=$(password_for "$OWNER_ROLE" migrate_database_url)
  runtime_pw=$(password_for "$RUNTIME_ROLE" database_url)
  psql_su -d postgres >/dev/null <<SQL
SET client_min_messages TO warning;
SELECT format('CREATE ROLE %I', r) FROM unnest(ARRAY['$OWNER_ROLE', '$RUNTIME_ROLE']) AS r
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) \gexec
ALTER ROLE $OWNER_ROLE LOGIN CREATEDB NOSUPERUSER NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '$owner_pw';
ALTER ROLE $RUNTIME_ROLE LOGIN NOCREATEDB NOSUPERUSER NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '$runtime_pw';
GRANT $RUNTIME_ROLE TO $OWNER_ROLE;
SQL
  write_url migrate_database_url "$OWNER_ROLE" "$owner_pw"
  write_url database_url "$RUNTIME_ROLE" "$runtime_pw"
}

# Every database of the cluster but postgres's own belongs to the owner role, and so does everything in its
# schema public except what PostGIS installed (spatial_ref_sys, its views and functions stay postgres's).
# A no-op once done; the runtime role's grants are then `migrate`'s (config/database.py).
ownership() {
  local db
  psql_su -d postgres >/dev/null <<SQL
SELECT format('ALTER DATABASE %I OWNER TO $OWNER_ROLE', datname) FROM pg_database
 WHERE NOT datistemplate AND datname <> 'postgres' AND datdba <> '$OWNER_ROLE'::regrole \gexec
SQL
  for db in $(psql_su -d postgres -c "SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres'"); do
    psql_su -d "$db" >/dev/null <<SQL
DO \$\$
DECLARE r record;
BEGIN
  -- tables, views and sequences not linked to a column (ALTER TABLE takes the linked ones and the indexes along)
  FOR r IN SELECT c.oid::regclass AS name,
                  CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                                 WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relowner = 'postgres'::regrole AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                             AND (d.deptype = 'e' OR (c.relkind = 'S' AND d.deptype IN ('a', 'i'))))
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO $OWNER_ROLE', r.kind, r.name);
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS name, CASE p.prokind WHEN 'a' THEN 'AGGREGATE' ELSE 'ROUTINE' END AS kind
           FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'public' AND p.proowner = 'postgres'::regrole
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                             AND d.deptype = 'e')
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO $OWNER_ROLE', r.kind, r.name);
  END LOOP;
END
\$\$;
SQL
  done
}

running() { as_postgres "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

start() {
  init
  if ! running; then
    if (exec 3<>"/dev/tcp/127.0.0.1/$PGPORT") 2>/dev/null; then
      echo "Port $PGPORT on 127.0.0.1 is taken by another server. Stop it, or remove var/ and run again" >&2
      echo "with another port, e.g. PGPORT=54330 make run." >&2
      exit 1
    fi
    as_postgres "$PGBIN/pg_ctl" -D "$DATA" -l "$DIR/postgresql.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $DIR/run -c max_connections=50 \
          -c shared_buffers=512MB -c work_mem=32MB -c maintenance_work_mem=256MB \
          -c synchronous_commit=off -c jit=off" start >/dev/null \
      || { echo "PostgreSQL did not start; its log is $DIR/postgresql.log:" >&2; tail -n 20 "$DIR/postgresql.log" >&2; exit 1; }
  fi
  [ -f "$VAR/pg_port" ] || echo "$PGPORT" > "$VAR/pg_port"  # a cluster that outlived its var/
  roles
  # PostGIS is not a trusted extension: the superuser puts it into template1, so that every database made
  # afterwards (by the owner role: the test runner's, the QGIS tests' and the benchmarks') has it.
  psql_su -d template1 -c "set client_min_messages to warning" -c "create extension if not exists postgis" >/dev/null
  if ! psql_su -d postgres -c "select 1 from pg_database where datname='$PGDB'" | grep -q 1; then
    as_postgres createdb -h "$DIR/run" -p "$PGPORT" -O "$OWNER_ROLE" "$PGDB"
  fi
  psql_su -d "$PGDB" -c "set client_min_messages to warning" -c "create extension if not exists postgis" >/dev/null
  ownership
  echo "==> PostGIS running on 127.0.0.1:$PGPORT (database $PGDB, data in $DATA)"
}

stop() {
  if [ -f "$DATA/PG_VERSION" ] && running; then
    as_postgres "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
    echo "==> PostGIS cluster stopped"
  else
    echo "==> PostGIS cluster is not running"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running on 127.0.0.1:$PGPORT ($DATA)"; else echo "stopped"; exit 3; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
