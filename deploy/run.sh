#!/usr/bin/env bash
# Runs Ferry behind nginx on this machine, for local use:
#   deploy/run.sh [start]   build (release), start `ferry serve` and nginx, print the URL
#   deploy/run.sh stop      stop both
# Files live in ./run (logs, pid files, nginx prefix, and the SQLite database unless
# DATABASE_URL says otherwise). Ferry listens on /tmp/ferry.sock, nginx on
# http://127.0.0.1:8080 (both as in nginx.conf).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
run=$root/run
socket=/tmp/ferry.sock
url=http://127.0.0.1:8080
export DATABASE_URL=${DATABASE_URL:-sqlite:///$run/ferry.db}

stop() {
    if [ -f "$run/nginx/logs/nginx.pid" ]; then
        nginx -p "$run/nginx" -c "$root/nginx.conf" -s quit 2>/dev/null || true
    fi
    if [ -f "$run/ferry.pid" ]; then
        kill -TERM "$(cat "$run/ferry.pid")" 2>/dev/null || true
        rm -f "$run/ferry.pid"
    fi
}

start() {
    source deploy/swift-env.sh
    stop
    mkdir -p "$run/nginx/logs" "$run/nginx/tmp"
    # Tokens are signed with JWT_SECRET; for local use, one is made once and kept in run/.
    if [ -z "${JWT_SECRET:-}" ]; then
        [ -s "$run/jwt_secret" ] || (umask 077 && openssl rand -hex 32 >"$run/jwt_secret")
        export JWT_SECRET=$(cat "$run/jwt_secret")
    fi
    echo "building ferry (release, Swift runtime linked statically)..."
    # --static-swift-stdlib: ~19 % less resident memory per worker and a faster start-up,
    # same throughput (Benchmarks/build-flags.sh, README Performance); no runtime from /opt/swift needed.
    swift build -c release --static-swift-stdlib --product ferry 2>&1 | tail -1
    ./.build/release/ferry migrate up
    ./.build/release/ferry serve --listen "unix:$socket" --socket-mode 0666 \
        >>"$run/ferry.log" 2>&1 &
    echo $! >"$run/ferry.pid"
    for _ in $(seq 50); do [ -S "$socket" ] && break; sleep 0.1; done
    [ -S "$socket" ] || { echo "ferry did not start; see $run/ferry.log" >&2; tail -5 "$run/ferry.log" >&2; exit 1; }
    nginx -p "$run/nginx" -c "$root/nginx.conf"
    for _ in $(seq 50); do curl -fsS "$url/" >/dev/null 2>&1 && break; sleep 0.1; done
    curl -fsS "$url/" >/dev/null || { echo "nginx is not answering; see $run/nginx/logs/error.log" >&2; exit 1; }
    echo "Ferry is running behind nginx at $url/  (database: $DATABASE_URL; health: $url/health; logs: $run/ferry.log; stop: deploy/run.sh stop)"
}

case "${1:-start}" in
    start) start ;;
    stop) stop; echo "stopped" ;;
    *) echo "usage: deploy/run.sh [start|stop]" >&2; exit 2 ;;
esac
