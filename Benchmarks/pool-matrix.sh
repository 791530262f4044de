#!/usr/bin/env bash
# Requests/s through nginx for `ferry serve --workers W --threads T`, W and T in 1 2 4,
# for GET / and for a primary-key read (GET /users/{id} with a bearer token), to pick
# the defaults for this machine (README, Operations).
#
#   Benchmarks/pool-matrix.sh [--duration 5s] [--workers "1 2 4"] [--threads "1 2 4"]
#
# SQLite in a temporary directory unless DATABASE_URL is set (a postgresql:// URL is
# migrated first). wrk -t2 -c32 after a 1 s warm-up; SCRATCH picks the build directory.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
source deploy/swift-env.sh
duration=5s
worker_counts="1 2 4"
thread_counts="1 2 4"
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) duration=$2; shift 2 ;;
        --workers) worker_counts=$2; shift 2 ;;
        --threads) thread_counts=$2; shift 2 ;;
        *) echo "usage: Benchmarks/pool-matrix.sh [--duration 5s] [--workers '1 2 4'] [--threads '1 2 4']" >&2; exit 2 ;;
    esac
done
command -v wrk >/dev/null || { echo "wrk not found: run deploy/packages.sh" >&2; exit 1; }
scratch=${SCRATCH:-.build}

work=$(mktemp -d /tmp/ferry-matrix-XXXXXX)
chmod 755 "$work"
cleanup() {
    [ -f "$work/nginx/logs/nginx.pid" ] && nginx -p "$work/nginx" -c "$work/nginx.conf" -s stop 2>/dev/null || true
    [ -n "${ferry_pid:-}" ] && kill -TERM "$ferry_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

swift build -c release --product ferry --scratch-path "$scratch" >/dev/null
ferry=$scratch/release/ferry
export DATABASE_URL=${DATABASE_URL:-sqlite:///$work/bench.db}
export JWT_SECRET=${JWT_SECRET:-benchmark-secret-benchmark-secret-0123456789}
export LOG_LEVEL=${LOG_LEVEL:-warning}
"$ferry" migrate up >/dev/null

socket=$work/ferry.sock
port=18090
mkdir -p "$work/nginx/logs" "$work/nginx/tmp"
sed -e "s|listen 127.0.0.1:8080;|listen 127.0.0.1:$port;|" -e "s|unix:/tmp/ferry.sock|unix:$socket|" \
    -e "s|access_log logs/access.log;|access_log off;|" nginx.conf >"$work/nginx.conf"
nginx -p "$work/nginx" -c "$work/nginx.conf"
base=http://127.0.0.1:$port

start_ferry() {  # workers threads
    "$ferry" serve --listen "unix:$socket" --socket-mode 0666 --workers "$1" --threads "$2" 2>>"$work/ferry.log" &
    ferry_pid=$!
    for _ in $(seq 100); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/health/pool")" = 200 ] \
            && [ "$(curl -s "$base/health/pool" | grep -o '"state":"ready"' | wc -l)" -ge "$1" ] && return
        sleep 0.1
    done
    echo "ferry did not start; see $work/ferry.log" >&2
    exit 1
}

stop_ferry() {
    kill -TERM "$ferry_pid"
    wait "$ferry_pid" 2>/dev/null || true
    ferry_pid=
}

# One user and its token, for the primary-key read.
start_ferry 1 1
curl -fsS -X POST "$base/auth/register" -H 'Content-Type: application/json' \
    -d '{"username":"bench","email":"bench@example.com","password":"Bench-passw0rd!"}' >/dev/null
token=$(curl -fsS -X POST "$base/auth/token" -H 'Content-Type: application/x-www-form-urlencoded' \
    -d 'username=bench&password=Bench-passw0rd!' | sed -e 's/.*"access_token":"\([^"]*\)".*/\1/')
user_id=$(curl -fsS "$base/auth/me" -H "Authorization: Bearer $token" | sed -e 's/.*"id":\([0-9]*\).*/\1/')
stop_ferry

measure() {  # url [header] -> "rps non2xx"
    local header=()
    [ $# -gt 1 ] && header=(-H "$2")
    wrk -t2 -c32 -d1s "${header[@]}" "$1" >/dev/null
    wrk -t2 -c32 -d"$duration" "${header[@]}" "$1" >"$work/wrk.txt"
    awk '/Requests\/sec:/ { rps = $2 } /Non-2xx or 3xx responses:/ { bad = $5 }
         END { printf "%.0f %s\n", rps, (bad == "" ? 0 : bad) }' "$work/wrk.txt"
}

printf '\nwrk -t2 -c32 -d%s through nginx, %s, %s cores, %s\n\n' "$duration" "${DATABASE_URL%%:*}" "$(nproc)" "$(date -u +%Y-%m-%dT%H:%MZ)"
printf '| workers × threads | GET / (req/s) | GET /users/{id} (req/s) | non-2xx |\n|---|---:|---:|---:|\n'
for w in $worker_counts; do
    for t in $thread_counts; do
        start_ferry "$w" "$t"
        read -r root_rps root_bad < <(measure "$base/")
        read -r user_rps user_bad < <(measure "$base/users/$user_id" "Authorization: Bearer $token")
        stop_ferry
        printf '| %s × %s | %s | %s | %s |\n' "$w" "$t" "$root_rps" "$user_rps" "$((root_bad + user_bad))"
    done
done
