#!/usr/bin/env bash
# The project's own PostGIS cluster (the embedded default). Runs the server as the `postgres` user on
# 127.0.0.1:$PGPORT and writes its address to var/database_url, which config/settings.py reads when
# DATABASE_URL is not set.
#   scripts/pg.sh start    initialise on first use, then start (no-op if already running)
#   scripts/pg.sh stop
#   scripts/pg.sh status
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
VAR="$ROOT/var"
# The port is chosen once, when the cluster is made, and remembered in var/pg_port.
PGPORT=${PGPORT:-$(cat "$VAR/pg_port" 2>/dev/null || echo 54329)}
PGDB=${PGDATABASE:-trenggalek}
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
  rm -f "$pwfile"
  printf 'postgis://postgres:%s@127.0.0.1:%s/%s\n' "$pw" "$PGPORT" "$PGDB" > "$VAR/database_url"
  echo "$PGPORT" > "$VAR/pg_port"
  chmod 600 "$VAR/database_url"
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
  if ! as_postgres psql -h "$DIR/run" -p "$PGPORT" -XAtqc "select 1 from pg_database where datname='$PGDB'" postgres | grep -q 1; then
    as_postgres createdb -h "$DIR/run" -p "$PGPORT" "$PGDB"
  fi
  as_postgres psql -h "$DIR/run" -p "$PGPORT" -Xq -c "set client_min_messages to warning" \
    -c "create extension if not exists postgis" "$PGDB" >/dev/null
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
