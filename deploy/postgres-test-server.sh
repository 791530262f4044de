#!/usr/bin/env bash
# A throwaway PostgreSQL server for Ferry's tests (CI, or locally to share one
# server between test runs). The same setup the test fixtures use on their own.
#
#   eval "$(deploy/postgres-test-server.sh start /tmp/ferry-pg)"   # exports FERRY_TEST_POSTGRES_URL
#   swift test
#   deploy/postgres-test-server.sh stop /tmp/ferry-pg
#
# start: initdb into DIR/data (owned by the postgres OS user when run as root, since
# the server refuses to run as root), trust authentication, fsync off, listening on
# 127.0.0.1 (a free port from PORT, default 55432, upwards) and a unix socket in DIR.
# Prints `export FERRY_TEST_POSTGRES_URL=...` on stdout; everything else on stderr.
# stop: stops the server and removes what start created in DIR.
set -euo pipefail

PG_BIN="${FERRY_PG_BIN:-/usr/lib/postgresql/15/bin}"
command="${1:-}"
dir="${2:-}"
if [[ -z "$command" || -z "$dir" || ( "$command" != start && "$command" != stop ) ]]; then
    echo "usage: $0 start|stop DIR" >&2
    exit 2
fi

as_postgres() {
    if [[ "$(id -u)" == 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

port_is_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

case "$command" in
start)
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    if [[ "$(id -u)" == 0 ]]; then
        chown postgres: "$dir"
    fi
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
        as_postgres "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >&2
    fi
    port="${PORT:-55432}"
    while ! port_is_free "$port"; do
        port=$((port + 1))
    done
    as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >&2
    echo "$port" >"$dir/port"
    echo "export FERRY_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
stop)
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >&2
    fi
    rm -rf "$dir/data" "$dir/server.log" "$dir/port"
    ;;
esac
