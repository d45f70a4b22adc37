#!/usr/bin/env bash
# Throwaway local PostgreSQL cluster for development and tests.
#
# Usage: deploy/postgres/cluster.sh start|stop|status|url SERVICE
#
# One database and one login role per service (membership, events, matching,
# notifications, collaboration). Each role owns only its database, CONNECT is revoked from
# PUBLIC, so a service cannot open another service's database. The password of
# each role is its name (local use only). The superuser "postgres" needs no
# password, but only from this machine (unix socket / 127.0.0.1).
#
# Environment (defaults):
#   PG_PORT=5433               TCP port on 127.0.0.1 (5433: no clash with a system server)
#   PG_DATA_DIR=<repo>/.run/postgres
#       When run as root the server runs as the "postgres" OS user (initdb and
#       postgres refuse root). If that user cannot reach the repo (e.g. a
#       checkout under /root), the default becomes /tmp/qplatform-postgres-$PG_PORT.
#   PG_READY_TIMEOUT=30        seconds to wait for the server to accept connections
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"

SERVICES=(membership events matching notifications collaboration)
SUPERUSER=postgres
PG_PORT="${PG_PORT:-5433}"
PG_READY_TIMEOUT="${PG_READY_TIMEOUT:-30}"

die() { echo "cluster.sh: $*" >&2; exit 1; }

# Run a server-side command as the cluster owner: "postgres" when we are root.
# cd / so the tools do not complain about an unreadable current directory.
as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

find_bindir() {
  local dir
  # pg_config may come from libpq-dev without a server, so check for initdb.
  if command -v pg_config >/dev/null; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
    [[ -n "$dir" && -x "$dir/initdb" ]] && { echo "$dir"; return; }
  fi
  dir="$(find /usr/lib/postgresql -maxdepth 3 -path '*/bin/initdb' 2>/dev/null | sort -V | tail -n 1)"
  [[ -n "$dir" ]] && { dirname "$dir"; return; }
  dir="$(command -v initdb || true)"
  [[ -n "$dir" ]] && { dirname "$dir"; return; }
  die "PostgreSQL server binaries (initdb, postgres) not found; install them with: apt-get install postgresql"
}

resolve_datadir() {
  if [[ -n "${PG_DATA_DIR:-}" ]]; then
    PGDATA="$(realpath -m "$PG_DATA_DIR")"
  else
    PGDATA="$REPO/.run/postgres"
  fi
  [[ "$(id -u)" -eq 0 ]] || return 0
  id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' OS user (apt-get install postgresql)"
  mkdir -p "$(dirname "$PGDATA")"
  if ! runuser -u postgres -- test -x "$(dirname "$PGDATA")"; then
    [[ -z "${PG_DATA_DIR:-}" ]] || die "user postgres cannot reach $PGDATA; choose another PG_DATA_DIR"
    PGDATA="/tmp/qplatform-postgres-$PG_PORT"
  fi
}

# Everything but "url" needs the binaries and the data dir.
setup() {
  BIN="$(find_bindir)"
  resolve_datadir
  LOG="$PGDATA/postgres.log"
}

psql_super() {
  "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$SUPERUSER" "$@"
}

init_cluster() {
  [[ -f "$PGDATA/PG_VERSION" ]] && return 0
  echo "cluster.sh: creating cluster in $PGDATA" >&2
  mkdir -p "$PGDATA"
  if [[ "$(id -u)" -eq 0 ]]; then chown postgres:postgres "$PGDATA"; fi
  chmod 700 "$PGDATA"
  # --no-sync: a crash only loses a throwaway cluster.
  as_owner "$BIN/initdb" -D "$PGDATA" -U "$SUPERUSER" -E UTF8 --no-locale \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync --no-instructions >/dev/null
  as_owner tee "$PGDATA/pg_hba.conf" >/dev/null <<'HBA'
# TYPE  DATABASE  USER      ADDRESS       METHOD
# Superuser: passwordless, and only from this machine.
local   all       postgres                trust
host    all       postgres  127.0.0.1/32  trust
# Service roles: password; which database each may use is enforced by
# CONNECT privileges (revoked from PUBLIC, owner only).
local   all       all                     scram-sha-256
host    all       all       127.0.0.1/32  scram-sha-256
HBA
  echo "include_if_exists = 'qplatform.conf'" | as_owner tee -a "$PGDATA/postgresql.conf" >/dev/null
}

# Rewritten on every start so PG_PORT can change between runs.
write_conf() {
  local sockdir="$PGDATA"
  # Unix socket paths are limited to ~107 bytes; TCP alone is enough otherwise.
  if (("${#PGDATA}" > 90)); then sockdir=""; fi
  as_owner tee "$PGDATA/qplatform.conf" >/dev/null <<CONF
# Written by deploy/postgres/cluster.sh on each start.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$sockdir'
# Local runs and tests only: durability is traded for speed. Never use in production.
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 512MB
max_wal_size = 4GB
CONF
}

running() { [[ -f "$PGDATA/PG_VERSION" ]] && as_owner "$BIN/pg_ctl" status -D "$PGDATA" >/dev/null 2>&1; }

# A server already running from this data dir must listen on PG_PORT; otherwise
# two setups (e.g. a dev cluster and the tests) share one data dir.
check_port() {
  local port
  port="$(sed -n 4p "$PGDATA/postmaster.pid" 2>/dev/null || true)"
  [[ "$port" == "$PG_PORT" ]] ||
    die "the server of $PGDATA runs on port ${port:-?}, not $PG_PORT; use that port or another PG_DATA_DIR"
}

wait_ready() {
  local deadline=$((SECONDS + PG_READY_TIMEOUT))
  until "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 1; do
    ((SECONDS < deadline)) || { tail -n 20 "$LOG" >&2 || true; die "server not ready after ${PG_READY_TIMEOUT}s"; }
    sleep 0.1
  done
}

# Idempotent: only creates what is missing, so it runs on every start.
provision() {
  local svc sql=""
  for svc in "${SERVICES[@]}"; do
    sql+="SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', '$svc', '$svc')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$svc') \\gexec
SELECT format('CREATE DATABASE %I OWNER %I', '$svc', '$svc')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$svc') \\gexec
REVOKE CONNECT, TEMPORARY ON DATABASE \"$svc\" FROM PUBLIC;
"
  done
  psql_super -d postgres <<<"$sql"
}

start() {
  init_cluster
  if running; then
    check_port
  else
    write_conf
    if ! as_owner "$BIN/pg_ctl" start -D "$PGDATA" -l "$LOG" -w -t "$PG_READY_TIMEOUT" >/dev/null; then
      tail -n 20 "$LOG" >&2 || true
      die "server failed to start (log: $LOG)"
    fi
  fi
  wait_ready
  provision
}

stop() {
  running || return 0
  check_port
  as_owner "$BIN/pg_ctl" stop -D "$PGDATA" -m fast -w -t 60 >/dev/null
}

status() {
  if running; then check_port; fi
  if ! running || ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2; then
    echo "postgres: not running" >&2
    return 1
  fi
  echo "postgres: running at 127.0.0.1:$PG_PORT (data: $PGDATA)"
}

url() {
  local svc="${1:-}"
  [[ " ${SERVICES[*]} " == *" $svc "* ]] || die "usage: $0 url {${SERVICES[*]}}"
  echo "postgresql+psycopg://$svc:$svc@127.0.0.1:$PG_PORT/$svc"
}

case "${1:-}" in
  start) setup; start ;;
  stop) setup; stop ;;
  status) setup; status ;;
  url) url "${2:-}" ;;
  *) die "usage: $0 start|stop|status|url SERVICE" ;;
esac
