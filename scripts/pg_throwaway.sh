#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server on loopback, for the Postgres leg of the store tests and benchmarks.
#
#   eval "$(bash scripts/pg_throwaway.sh start)"   # prints: export SITREP_TEST_POSTGRES=postgresql://...
#   bash scripts/pg_throwaway.sh stop DIR           # DIR is $SITREP_TEST_POSTGRES_DIR
#
# Uses Debian's server binaries (postgresql-15). The server refuses to run as root, so as root the
# cluster belongs to the unprivileged `postgres` user (created by the Debian package), else to you.
# Durability is switched off (fsync, synchronous_commit): the data is thrown away afterwards.
set -euo pipefail
BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
cmd=${1:-start}
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$cmd" = stop ]; then
  dir=${2:?give the folder printed as SITREP_TEST_POSTGRES_DIR}
  as_owner "$BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  exit 0
fi
if [ ! -x "$BIN/initdb" ]; then
  echo "pg_throwaway: no PostgreSQL server in $BIN; install Debian's postgresql-15 (apt-get install postgresql-15) or set PG_BIN" >&2
  exit 1
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-pg.XXXXXX")
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$dir"
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_owner "$BIN/initdb" -D "$dir/data" -U sitrep -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
echo "export SITREP_TEST_POSTGRES=postgresql://sitrep@127.0.0.1:$port/postgres"
echo "export SITREP_TEST_POSTGRES_DIR=$dir"
