# Sourced by the benchmark scripts: a scratch directory, a release build, Ferry and nginx
# started the way deploy/run.sh starts them (the repository's nginx.conf, a unix socket),
# wrk measurements and a results table. Everything started is stopped on exit.
# The calling script's options: --threads T (default 4), --workers W (a script's own
# default), --duration D (default 10s), --rounds R (default 1). pool-matrix.sh takes lists:
# --threads "1 2 4".
# Environment: SWIFT_SCRATCH (the build directory, default .build), SWIFT_BUILD_FLAGS
# (extra `swift build` flags, e.g. "-Xswiftc -enforce-exclusivity=unchecked").
set -euo pipefail
threads=${threads-4}
workers=${workers-}
duration=${duration:-10s}
rounds=${rounds:-1}
while [ $# -gt 0 ]; do
    case "$1" in
        --threads) threads=$2; shift 2 ;;
        --workers) workers=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --rounds) rounds=$2; shift 2 ;;
        *) echo "usage: $0 [--threads T] [--workers W] [--duration 10s] [--rounds R]" >&2; exit 2 ;;
    esac
done
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
source deploy/swift-env.sh
command -v wrk >/dev/null || { echo "wrk not found: run deploy/packages.sh" >&2; exit 1; }

work=$(mktemp -d /tmp/ferry-bench-XXXXXX)
chmod 755 "$work"
socket=$work/ferry.sock

# free_port: the first of 5 TCP ports free on 127.0.0.1 a moment ago (the suite's nginx
# listens on port..port+4; benchmarks may run side by side; BENCH_PORT pins nginx's port
# instead). Picked below Linux's ephemeral range (32768 up), where no outgoing connection,
# a test's or wrk's, can be holding one of them.
free_port() {
    python3 -c '
import random, socket
def free(port):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False
while True:
    base = random.randrange(20000, 32000)
    if all(free(port) for port in range(base, base + 5)):
        print(base)
        break'
}
ferry_port=${BENCH_PORT:-$(free_port)}
export JWT_SECRET=$(openssl rand -hex 32)
scratch=${SWIFT_SCRATCH:-.build}
ferry=$root/$scratch/release/ferry
pids=()

bench_cleanup() {
    [ -f "$work/nginx/logs/nginx.pid" ] && nginx -p "$work/nginx" -c "$work/nginx.conf" -s stop 2>/dev/null || true
    stop_ferry
    for pid in "${pids[@]}"; do { kill -KILL "$pid" && wait "$pid"; } 2>/dev/null || true; done
    [ -f "$work/pg/started" ] && deploy/postgres-test-server.sh stop "$work/pg" >/dev/null 2>&1 || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap bench_cleanup EXIT

# shellcheck disable=SC2086
swift build -c release --scratch-path "$scratch" ${SWIFT_BUILD_FLAGS:-} --product ferry >/dev/null

# start_ferry DATABASE_URL [serve options...]: migrates, then serves on $socket.
start_ferry() {
    local url=$1; shift
    stop_ferry
    DATABASE_URL=$url "$ferry" migrate up >/dev/null
    DATABASE_URL=$url LOG_LEVEL=${LOG_LEVEL:-info} "$ferry" serve --listen "unix:$socket" --socket-mode 0666 "$@" 2>>"$work/ferry.log" &
    ferry_pid=$!
    pids+=("$ferry_pid")
    # Ready when a worker answers /health over FastCGI (the master binds before workers start).
    for _ in $(seq 150); do
        [ -S "$socket" ] && REQUEST_METHOD=GET DOCUMENT_URI=/health cgi-fcgi -bind -connect "$socket" 2>/dev/null \
            | grep -q '^Status: 200' && return 0
        sleep 0.1
    done
    echo "ferry did not start:" >&2; tail -5 "$work/ferry.log" >&2; exit 1
}

stop_ferry() {
    if [ -n "${ferry_pid:-}" ]; then kill -TERM "$ferry_pid" 2>/dev/null || true; wait "$ferry_pid" 2>/dev/null || true; fi
    ferry_pid=
}

# start_nginx [extra server blocks]: the shipped nginx.conf on $ferry_port, plus the extra servers.
start_nginx() {
    mkdir -p "$work/nginx/logs" "$work/nginx/tmp"
    sed -e "s|listen 127.0.0.1:8080;|listen 127.0.0.1:$ferry_port;|" -e "s|unix:/tmp/ferry.sock|unix:$socket|" nginx.conf \
        | sed '$d' >"$work/nginx.conf"
    printf '%s\n}\n' "${1:-}" >>"$work/nginx.conf"
    nginx -p "$work/nginx" -c "$work/nginx.conf"
}

# start_postgres: a throwaway server; echoes its URL for database NAME ($1, created).
start_postgres() {
    eval "$(deploy/postgres-test-server.sh start "$work/pg" 2>/dev/null)"
    touch "$work/pg/started"
    psql "$FERRY_TEST_POSTGRES_URL" -qc "CREATE DATABASE $1" >/dev/null
    echo "${FERRY_TEST_POSTGRES_URL%/*}/$1"
}

# measure NAME URL [wrk options]: warm-up, then wrk -t2 -c32; prints "rps p50 p99 non2xx".
measure() {
    local name=$1 url=$2; shift 2
    wrk -t2 -c32 -d2s "$@" "$url" >/dev/null
    wrk -t2 -c32 -d"${duration:-10s}" --latency "$@" "$url" >"$work/$name.txt"
    awk '/Requests\/sec:/ { rps = $2 } /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
         /Non-2xx or 3xx responses:/ { bad = $5 }
         END { printf "%s %s %s %s\n", rps, p50, p99, (bad == "" ? 0 : bad) }' "$work/$name.txt"
}

table_header() {
    printf '\nwrk -t2 -c32 -d%s through nginx, %s\n\n' "${duration:-10s}" "$(date -u +%Y-%m-%dT%H:%MZ)"
    printf '| %-36s | %10s | %8s | %8s | %7s | %10s |\n' scenario "requests/s" p50 p99 non-2xx "$1"
    printf '|%s|%s|%s|%s|%s|%s|\n' "--------------------------------------" "------------" "----------" "----------" "---------" "------------"
}

# table_row SCENARIO "rps p50 p99 non2xx" [REFERENCE_RPS]: one row, with the ratio to the reference.
table_row() {
    local scenario=$1 reference=${3:-}
    read -r rps p50 p99 bad <<<"$2"
    local ratio=-
    [ -n "$reference" ] && ratio=$(awk -v a="$rps" -v b="$reference" 'BEGIN { printf "%.2f", a / b }')
    printf '| %-36s | %10.0f | %8s | %8s | %7s | %10s |\n' "$scenario" "$rps" "$p50" "$p99" "$bad" "$ratio"
}

# api METHOD PATH [curl options]: a request through nginx, body on stdout.
api() {
    local method=$1 path=$2; shift 2
    curl -fsS -X "$method" "http://127.0.0.1:$ferry_port$path" "$@"
}

# token USERNAME PASSWORD: a bearer token.
token() {
    api POST /auth/token -d "username=$1&password=$2" | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}
